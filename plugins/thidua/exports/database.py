"""The SQLite database (written with `sqlite-utils`): every table, the records' full JSON, and
full-text search tables, so `datasette thidua.db` serves it as is.

Each searchable table has a `fold` column: its short texts without diacritics (`text.fold`),
indexed with the rest, so 'nguyen thi thuy' finds 'Nguyễn Thị Thúy' (SQLite's own diacritic
removal leaves 'đ' alone). Rows go in sorted and the file is vacuumed, so the same data gives the
same bytes; nothing records when it was built.
"""
from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import sqlite_utils

from ..text import fold
from .records import Table

SQL_TYPES = {"string": str, "integer": int, "number": float, "boolean": int}
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
# Long texts are searched as SQLite folds them (all but 'đ'); folding them too would double the
# database for little: what people type without diacritics is names, units and titles.
LONG = frozenset({"body", "description"})


def database(tables: list[Table], records: dict[str, dict[str, bytes]]) -> bytes:
    """`records`: kind -> id -> the record's JSON, stored in a `record` column of its kind's table."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "thidua.db"
        conn = sqlite3.connect(path)
        db = sqlite_utils.Database(conn)
        made: set[str] = set()
        for t in tables:
            searched = SEARCHED.get(t.name, ())
            columns = {c.name: SQL_TYPES[c.type] for c in t.columns}
            if t.name in records:
                columns["record"] = str
            if searched:
                columns["fold"] = str
            foreign = [(c.name, c.ref, "id") for c in t.columns if c.ref in made and c.name != "id"]
            table = db.table(t.name)
            table.create(columns, pk=t.key[0] if len(t.key) == 1 else t.key,
                         not_null={c.name for c in t.columns if c.required}, foreign_keys=foreign)
            made.add(t.name)
            kept = records.get(t.name)

            def rows(t=t, kept=kept, searched=searched):
                for row in t.rows:
                    row = {k: (int(v) if isinstance(v, bool) else v) for k, v in row.items()}
                    if kept is not None:
                        row["record"] = kept[row["id"]].decode("utf-8")
                    if searched:
                        row["fold"] = fold(" ".join(str(row.get(c) or "") for c in searched if c not in LONG))
                    yield row

            table.insert_all(rows(), batch_size=1000)
            if searched:
                table.enable_fts([*searched, "fold"], fts_version="FTS5")
        conn.commit()
        conn.execute("VACUUM")
        conn.close()
        return path.read_bytes()
