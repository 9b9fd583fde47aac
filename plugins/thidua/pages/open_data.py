"""The open-data page (`du-lieu/`) and every export it documents (`thidua.exports`): JSON per
record and per kind, CSV, SQLite, the data package, the ZIP, Atom feeds, calendars, robots.txt.

Planned after every other family, from the published repository the pages were built from; the
files are written when the site is (`Site.exports`), and the page, which lists their sizes,
renders after them.
"""
from __future__ import annotations

from .. import cms, exports, model
from ..exports import database, paths
from ..kinds import KINDS
from .render import Renderer
from .site import Site


# What the page shows for a size or a count before the files are written: rendered in-process
# without writing the site (the plugin writes them first; tests check the sizes are the files').
UNKNOWN = "—"


def size(n: int) -> str:
    """'1,2 MB', '35 kB', '812 B': sizes as a Vietnamese reader writes them."""
    for unit, scale in (("MB", 1 << 20), ("kB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}".replace(".", ",")
    return f"{n} B"


def searched_columns() -> list[tuple[str, list[tuple[str, str]], list[tuple[str, str]]]]:
    """Each full-text-searched table with its short columns (folded whole into `fold`) and its long
    ones (only their words with 'đ'), each as (column, Vietnamese label): from the database's own
    `SEARCHED` and `LONG`, so the page says what the file holds; the labels are the web forms'."""
    records = {k.attr: k.record for k in KINDS.values()} | {"recipients": model.Recipient}

    def label(table: str, column: str) -> str:
        cls = records.get(table)
        found = cms.LABELS.get(f"{cls.__name__}.{column}") if cls else None
        found = found or cms.LABELS.get(column)
        if not found:
            return column
        text = found[0]  # "Tên" -> "tên" within the sentence; "UBND..." stays as written
        return text[:1].lower() + text[1:] if text[1:2].islower() else text

    return [(table, [(c, label(table, c)) for c in columns if c not in database.LONG],
             [(c, label(table, c)) for c in columns if c in database.LONG])
            for table, columns in database.SEARCHED.items()]


def build(renderer: Renderer, site: Site) -> None:
    database.check_sqlite()  # before anything is planned or written: the database could not be made
    settings = renderer.settings
    planned = site.exports = exports.plan(renderer.repo, renderer.graph, site_name=settings.site_name,
                                          site_url=settings.site_url, occurrences_of=renderer.calendar)
    site.pages.append(renderer.page(
        "open_data.html", paths.SECTION, "Dữ liệu mở", kind="open-data",
        description="Tải toàn bộ kế hoạch, quyết định khen thưởng, danh sách được khen thưởng và câu chuyện "
                    "điển hình dưới dạng JSON, CSV, SQLite; theo dõi tin mới (Atom) và lịch thời hạn (iCalendar).",
        paths=paths, kinds=[(k, planned.counts[k.name]) for k in KINDS.values()], tables=planned.tables,
        parts=[(KINDS[t.part_of.kind], t) for t in planned.tables if t.part_of],
        size=lambda p: size(planned.sizes[p]) if planned.written else UNKNOWN,
        rows=lambda table: planned.rows[table] if planned.written else UNKNOWN,
        calendars=lambda: planned.calendars if planned.written else UNKNOWN, site_url=settings.site_url,
        latest=exports.feeds.LATEST, provinces=planned.provinces, campaigns=list(renderer.repo.campaigns.values()),
        searched=searched_columns(), sqlite_needed=database.SQLITE_NEEDED_TEXT,
    ))
