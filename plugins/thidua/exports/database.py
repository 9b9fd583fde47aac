"""The SQLite database: every table, each record's JSON, and full-text search tables, so
`datasette thidua.db` serves it as is. A record's JSON (the `record` column) leaves out the lists
that are tables of their own (`Table.part_of`): a decision's recipients are the `recipients` rows
with `decision` = its id, as they would otherwise be in the file twice.

`sqlite-utils` writes the schema (tables, keys, FTS5 tables in its naming, which Datasette reads);
rows go in through sqlite3's `executemany`, in one transaction per table: sqlite-utils' `insert_all`
converts and checks every row in Python and commits each batch, which made the database the
slowest export. The file is a scratch copy until `VACUUM INTO` writes it compact (so no journal
and no syncing meanwhile).

Full-text search removes diacritics itself (`TOKENIZE`), all but 'đ', which is a letter of its
own to SQLite. So each searchable table has a `fold` column, indexed with the rest: its short
texts without diacritics (`text.fold`), so 'dang van' finds 'Đặng Văn', and its long texts' words
with 'đ' (`LONG`), so 'dat' finds 'đạt'. Rows go in sorted and the
file is vacuumed, so the same data gives the same bytes; nothing records when it was built.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from functools import partial
from pathlib import Path

import sqlite_utils

from ..problems import CannotBuild
from ..text import fold
from .records import Table

SQL_TYPES = {"string": str, "integer": int, "number": float, "boolean": int}
PROGRESS_STEPS = 1_000_000  # SQLite's virtual-machine steps between two checks (a few ms)
# What full-text search covers in each table.
SEARCHED = {
    "authorities": ("name", "short_name"),
    "campaigns": ("name", "other_names", "description"),
    "documents": ("number", "title", "summary"),
    "award_forms": ("name",),
    "decisions": ("number", "title"),
    "stories": ("title", "unit", "body"),
    "recipients": ("name", "position", "unit", "achievement"),
}
# Long texts are searched as SQLite folds them (TOKENIZE): all but 'đ', a letter of its own there.
# Folded whole into `fold` they would double the database for that one letter: only their words
# with 'đ' go in, folded ('đạt' -> 'dat'), so typed bare they are found as names are.
LONG = frozenset({"body", "description", "achievement"})
# unicode61's default (remove_diacritics 1) keeps letters with two marks, most toned Vietnamese
# vowels ('ừ' in 'rừng', 'ộ', 'ễ'); 2 removes them all (SQLite 3.27+: SQLITE_NEEDED).
TOKENIZE = "unicode61 remove_diacritics 2"
SQLITE_NEEDED = (3, 27, 0)
SQLITE_NEEDED_TEXT = ".".join(map(str, SQLITE_NEEDED))
BATCH = 2000  # rows per executemany: bounded memory, few calls


def check_sqlite() -> None:
    """Stop the build if this Python's SQLite cannot make the full-text tables (older than
    `TOKENIZE` needs, or built without FTS5): checked when the exports are planned, since it would
    otherwise fail only at the first full-text table, with much of the site written, and as a bare
    sqlite3 error."""
    found, needed = ".".join(map(str, sqlite3.sqlite_version_info)), SQLITE_NEEDED_TEXT
    advice = "run the build with a Python linked against a newer SQLite, built with FTS5"
    if sqlite3.sqlite_version_info < SQLITE_NEEDED:
        raise CannotBuild(f"thidua: the open-data database's full-text search (tokenizer '{TOKENIZE}') needs SQLite "
                          f"{needed} or later, but this Python's sqlite3 module uses SQLite {found}: {advice}")
    try:  # the version is not all: FTS5 is a compile-time option
        with closing(sqlite3.connect(":memory:")) as probe:
            probe.execute(f"CREATE VIRTUAL TABLE probe USING fts5(x, tokenize='{TOKENIZE}')")
    except sqlite3.Error as error:
        raise CannotBuild(f"thidua: the open-data database's full-text search (FTS5, tokenizer '{TOKENIZE}') cannot "
                          f"be made with this Python's SQLite {found} ({error}): {advice}") from None


class Rows:
    """Rows of one table, inserted in batches."""

    def __init__(self, conn: sqlite3.Connection, table: Table, with_record: bool):
        self.conn = conn
        self.names = [c.name for c in table.columns]
        self.folded = [c for c in SEARCHED.get(table.name, ()) if c not in LONG]
        self.long = [c for c in SEARCHED.get(table.name, ()) if c in LONG]
        extra = (["record"] if with_record else []) + (["fold"] if table.name in SEARCHED else [])
        columns = ", ".join(f"[{n}]" for n in self.names + extra)
        self.sql = f"INSERT INTO [{table.name}] ({columns}) VALUES ({', '.join('?' * (len(self.names) + len(extra)))})"
        self.search = table.name in SEARCHED
        self.batch: list[tuple] = []
        self.count = 0

    def add(self, row: dict, record: str | None = None) -> None:
        values = [row.get(n) for n in self.names]  # booleans are stored as 0 and 1 by sqlite3 itself
        if record is not None:
            values.append(record)
        if self.search:
            # each text folded apart: names and units repeat, so fold's cache answers most of them
            texts = [fold(str(v)) for v in (row.get(c) for c in self.folded) if v]
            for v in (str(row.get(c) or "") for c in self.long):
                if "đ" in v or "Đ" in v:
                    # each word once: "được", "đạt" repeat in a story's body; bounded by its vocabulary
                    texts.append(" ".join(dict.fromkeys(fold(w) for w in v.split() if "đ" in w or "Đ" in w)))
            values.append(" ".join(texts))
        self.batch.append(tuple(values))
        self.count += 1
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.batch:
            self.conn.executemany(self.sql, self.batch)
            self.batch = []


class Database:
    """Written table by table (`table`), then `finish` writes the compact file.

    `check`, if given, is called every PROGRESS_STEPS of SQLite's steps, in any statement: what it
    raises stops the statement there and is raised again. At national scale filling a full-text
    table and the compacting copy take tens of seconds each: a preview's cancelled catch-up must
    not wait for them."""

    def __init__(self, scratch: Path, check: Callable[[], None] | None = None):
        self.conn = sqlite3.connect(scratch, isolation_level=None)  # transactions are ours
        self.conn.execute("PRAGMA journal_mode = OFF")  # a scratch file: a failed build drops it
        self.conn.execute("PRAGMA synchronous = OFF")
        self.db = sqlite_utils.Database(self.conn)
        self.made: set[str] = set()
        self.stopped: list[BaseException] = []
        if check is not None:
            self.conn.set_progress_handler(partial(self._progress, check), PROGRESS_STEPS)

    def _progress(self, check: Callable[[], None]) -> int:
        try:
            check()
        except BaseException as exc:  # noqa: BLE001 - raised again by `_stoppable`, SQLite told to stop
            self.stopped.append(exc)
            return 1
        return 0

    @contextmanager
    def _stoppable(self) -> Iterator[None]:
        """What the check raised, raised in place of SQLite's "interrupted"."""
        try:
            yield
        except sqlite3.OperationalError:
            if self.stopped:
                raise self.stopped[0] from None
            raise

    @contextmanager
    def table(self, t: Table, with_record: bool = False) -> Iterator[Rows]:
        """Create `t`; the rows added to what this yields go in; then its full-text table is made.
        `with_record`: a `record` column holds each row's record as JSON."""
        searched = SEARCHED.get(t.name, ())
        columns = {c.name: SQL_TYPES[c.type] for c in t.columns}
        if with_record:
            columns["record"] = str
        if searched:
            columns["fold"] = str
        foreign = [(c.name, c.ref, "id") for c in t.columns if c.ref in self.made and c.name != "id"]
        table = self.db.table(t.name)
        with self._stoppable():
            table.create(columns, pk=t.key[0] if len(t.key) == 1 else t.key,
                         not_null={c.name for c in t.columns if c.required}, foreign_keys=foreign)
            self.made.add(t.name)
            rows = Rows(self.conn, t, with_record)
            self.conn.execute("BEGIN")
            try:
                yield rows
                rows.flush()
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:  # SQLite ends it itself when a large write is interrupted
                    self.conn.execute("ROLLBACK")
                raise
            if searched:
                table.enable_fts([*searched, "fold"], fts_version="FTS5", tokenize=TOKENIZE)

    def finish(self, path: Path) -> None:
        """Write the database, compact, to `path` (which must not exist), and close."""
        try:
            with self._stoppable():
                self.conn.execute("VACUUM INTO ?", (str(path),))
        finally:
            self.conn.close()

    def close(self) -> None:
        self.conn.close()
