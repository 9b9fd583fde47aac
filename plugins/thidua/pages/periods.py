"""Period pages (2021-2025) and year pages (2022, 2023, ...): plans in force by level and authority,
and the milestones and deadlines that fall in them."""
from __future__ import annotations

from .. import model, timeline
from ..text import sort_key
from . import render, split
from .site import Site
from .urls import record_url


def by_level(renderer: render.Renderer, documents: list[model.Document]):
    """[(level, [(authority, [documents])])] in the order of the administrative hierarchy, each level's
    authorities by name, each one's documents in the order given."""
    authorities = renderer.repo.authorities
    of_authority: dict[str, list[model.Document]] = {}
    for document in sorted(documents, key=lambda d: (sort_key(authorities[d.authority].name), d.authority)):
        of_authority.setdefault(document.authority, []).append(document)
    return [(level, [(a, of_authority[a.id]) for a in group])
            for level, group in render.by_level([authorities[a] for a in of_authority])]


def _event_authority(event: timeline.Event) -> str:
    return event.document.authority


def build(renderer: render.Renderer, site: Site) -> None:
    """A page per period and per year; at national scale each is split by province (split.py)."""
    g = renderer.graph
    years = {year: _year_listing(renderer, site, year) for year in sorted(g.years)}
    for pid, period in sorted(g.periods.items()):
        documents = g.documents_of_period.get(pid, [])
        span = f"{period.start} - {period.end}"
        campaigns = sorted((c for c in renderer.repo.campaigns.values() if c.period.id == pid), key=lambda c: sort_key(c.name))
        listing = split.listing(renderer, site, record_url("periods", pid),
                                {"documents": split.Section(documents, split.by_authority, split.document_row)})
        for part in listing.parts:
            top = part.at_top
            split.add(site, renderer.page(
                "period.html", part.url, split.title(f"Giai đoạn {span}", part), kind="period",
                description=split.description(f"Các kế hoạch, văn bản thi đua {period.vi()}.", part),
                crumbs=split.crumbs([("", "Trang chủ"), ("giai-doan/", "Giai đoạn"), (None, span)], part),
                period=period, groups=by_level(renderer, part.items["documents"]),
                count=len(documents) if top else part.counts["documents"], campaigns=campaigns if top else [],
                # each year of the period, in the same province's part where it has one
                year_urls={y: _same_part(years[y][0], part) if y in years else record_url("years", y)
                           for y in period.years()},
                part=part, counted=[("documents", "văn bản")],
            ), part)
    for year, (listing, documents) in years.items():
        prev, next_ = years.get(year - 1), years.get(year + 1)
        # issued in the year: counted once for the whole listing and once per province, not per page
        issued = {key: sum(1 for d in (documents if not key else members["documents"]) if d.date and d.date.year == year)
                  for key, members in listing.members.items()}
        for part in listing.parts:
            top = part.at_top
            mine = listing.members[part.key]["documents"]
            split.add(site, renderer.page(
                "year.html", part.url, split.title(f"Năm {year}", part), kind="year",
                description=split.description(
                    f"Kế hoạch thi đua có hiệu lực, mốc tiến độ và thời hạn trong năm {year}.", part),
                crumbs=split.crumbs([("", "Trang chủ"), ("giai-doan/", "Giai đoạn"), (None, f"Năm {year}")], part),
                year=year, groups=by_level(renderer, part.items["documents"]), issued=issued["" if top else part.key],
                count=len(documents) if top else len(mine), events=part.items["events"],
                # the month of the build's date open in its year's milestones, the others folded
                open_month=renderer.settings.build_date.month if renderer.settings.build_date.year == year else None,
                # the year before and after, in the same province's part where it has one
                prev_year=year - 1 if prev else None, next_year=year + 1 if next_ else None,
                prev_url=_same_part(prev[0], part) if prev else None,
                next_url=_same_part(next_[0], part) if next_ else None,
                part=part, counted=[("documents", "kế hoạch, văn bản"), ("events", "mốc tiến độ, thời hạn")],
            ), part)


def _year_listing(renderer: render.Renderer, site: Site, year: int):
    g = renderer.graph
    documents = g.documents_of_year.get(year, [])
    events = timeline.in_year(documents, renderer.facts, year, renderer.repo.authorities, g.issued_year)
    listing = split.listing(renderer, site, record_url("years", year), {
        "events": split.Section(events, _event_authority),
        "documents": split.Section(documents, split.by_authority, split.document_row),
    })
    return listing, documents


def _same_part(listing: split.Listing, part: split.Part) -> str:
    """The page of `listing` for the province of `part`, or its top page."""
    return (listing.first(part.key) if part.key else None) or listing.parts[0].url
