"""The open-data page (`du-lieu/`) and every export it documents (`thidua.exports`): JSON per
record and per kind, CSV, SQLite, the data package, the ZIP, Atom feeds, calendars, robots.txt.

Built after every other family, from the published repository the pages were built from.
"""
from __future__ import annotations

from .. import exports
from ..exports import paths
from ..kinds import KINDS
from .render import Renderer
from .site import Site


def size(n: int) -> str:
    """'1,2 MB', '35 kB', '812 B': sizes as a Vietnamese reader writes them."""
    for unit, scale in (("MB", 1 << 20), ("kB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}".replace(".", ",")
    return f"{n} B"


def build(renderer: Renderer, site: Site) -> None:
    settings = renderer.settings
    done = exports.build(renderer.repo, renderer.graph, site_name=settings.site_name, site_url=settings.site_url,
                         occurrences_of=renderer.calendar)
    taken = done.files.keys() & site.files.keys()
    if taken:
        raise ValueError(f"exports would overwrite other files: {sorted(taken)[:5]}")
    site.files.update(done.files)
    files = done.files
    kinds = [(k, done.counts[k.name]) for k in KINDS.values()]
    site.pages.append(renderer.page(
        "open_data.html", paths.SECTION, "Dữ liệu mở", kind="open-data",
        description="Tải toàn bộ kế hoạch, quyết định khen thưởng, danh sách được khen thưởng và câu chuyện "
                    "điển hình dưới dạng JSON, CSV, SQLite; theo dõi tin mới (Atom) và lịch thời hạn (iCalendar).",
        paths=paths, kinds=kinds, tables=done.tables, size=lambda p: size(len(files[p])), files=files,
        calendars=done.calendars, site_url=settings.site_url, latest=exports.feeds.LATEST,
        provinces=[a for a in renderer.repo.authorities.values() if paths.feed("province", a.id) in files],
        campaigns=list(renderer.repo.campaigns.values()),
    ))
