"""Period pages (2021-2025) and year pages (2022, 2023, ...): plans in force by level and authority,
and the milestones and deadlines that fall in them."""
from __future__ import annotations

from itertools import groupby

from .. import model, timeline
from .site import Site
from .render import Renderer
from .urls import record_url

LEVEL_ORDER = {level: i for i, level in enumerate(model.Level)}


def by_level(renderer: Renderer, documents: list[model.Document]):
    """[(level, [(authority, [documents])])] in the order of the administrative hierarchy."""
    authorities = renderer.repo.authorities

    def key(d):
        a = authorities[d.authority]
        return (LEVEL_ORDER[a.level], a.name, a.id)

    out = []
    for level, docs in groupby(sorted(documents, key=key), key=lambda d: authorities[d.authority].level):
        rows = [(authorities[aid], list(ds)) for aid, ds in groupby(docs, key=lambda d: d.authority)]
        out.append((level, rows))
    return out


def build(renderer: Renderer, site: Site) -> None:
    g = renderer.graph
    for pid, period in sorted(g.periods.items()):
        documents = g.documents_of_period.get(pid, [])
        site.pages.append(renderer.page(
            "period.html", record_url("periods", pid), f"Giai đoạn {period.start} - {period.end}", kind="period",
            description=f"Các kế hoạch, văn bản thi đua {period.vi()}.",
            crumbs=[("", "Trang chủ"), ("giai-doan/", "Giai đoạn"), (None, f"{period.start} - {period.end}")],
            period=period, groups=by_level(renderer, documents), count=len(documents),
            campaigns=sorted((c for c in renderer.repo.campaigns.values() if c.period.id == pid), key=lambda c: c.name),
        ))
    for year in sorted(g.years):
        documents = g.documents_of_year.get(year, [])
        issued = [d for d in documents if d.date and d.date.year == year]
        site.pages.append(renderer.page(
            "year.html", record_url("years", year), f"Năm {year}", kind="year",
            description=f"Kế hoạch thi đua có hiệu lực, mốc tiến độ và thời hạn trong năm {year}.",
            crumbs=[("", "Trang chủ"), ("giai-doan/", "Giai đoạn"), (None, f"Năm {year}")],
            year=year, groups=by_level(renderer, documents), issued=issued, count=len(documents),
            events=timeline.in_year(documents, renderer.facts, year, renderer.repo.authorities, g.issued_year),
            prev_year=year - 1 if year - 1 in g.years else None, next_year=year + 1 if year + 1 in g.years else None,
        ))
