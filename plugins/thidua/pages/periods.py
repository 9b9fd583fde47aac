"""Period pages (2021-2025) and year pages (2022, 2023, ...): plans in force by level and authority,
and the milestones and deadlines that fall in them."""
from __future__ import annotations

from itertools import groupby

from .. import model
from . import Site
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


def events_in_year(renderer: Renderer, documents: list[model.Document], year: int):
    """Milestones and deadlines of these documents that fall in `year`, sorted by date."""
    events = []
    for d in documents:
        facts = renderer.facts(d)
        for fact in facts.milestones:
            part, ms, anchor = fact.part, fact.value, fact.anchor
            start = ms.start.year if ms.start else None
            end = ms.end.year if ms.end else start
            if ms.yearly or (start is not None and start <= year <= (end or start)):
                sort = ms.start.sort_key() if ms.start and start == year else (year, 0, 0)
                events.append((sort, d, model.label(ms.kind), part.text or part.title or "", anchor,
                               ms.start.vi() if ms.start and not ms.end and not ms.yearly else ("hằng năm" if ms.yearly else f"{start} - {end}")))
        for fact in facts.deadlines:
            part, dl, anchor = fact.part, fact.value, fact.anchor
            if dl.yearly:
                events.append(((year, dl.yearly.month, dl.yearly.day), d, model.label(dl.kind), dl.what, anchor,
                               f"trước {dl.yearly.day:02d}/{dl.yearly.month:02d}/{year}"))
            elif dl.date and dl.date.year == year:
                events.append((dl.date.sort_key(), d, model.label(dl.kind), dl.what, anchor, dl.date.vi()))
    events.sort(key=lambda e: (e[0], e[1].id, e[4]))
    return events


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
            events=events_in_year(renderer, documents, year),
            prev_year=year - 1 if year - 1 in g.years else None, next_year=year + 1 if year + 1 in g.years else None,
        ))
