"""The open-data page (`du-lieu/`) and every export it documents (`thidua.exports`): JSON per
record and per kind, CSV, SQLite, the data package, the ZIP, Atom feeds, calendars, robots.txt.

Planned after every other family, from the published repository the pages were built from; the
files are written when the site is (`Site.exports`), and the page, which lists their sizes,
renders after them.
"""
from __future__ import annotations

from .. import exports
from ..exports import paths
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


def build(renderer: Renderer, site: Site) -> None:
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
    ))
