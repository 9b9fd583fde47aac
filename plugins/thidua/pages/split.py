"""Listings that grow with the whole data set, kept to a size a phone can load.

A year, period or campaign page, or the index of every document, lists a little at one province and
tens of MB at national scale. Every such listing goes through `listing`: while it shows at most BOUND
lines it is one page, as it always was. Past that it is split by province:

    <url>                          the top page: what belongs to no province (central bodies), and
                                   each province with its counts, linking to its part
    <url>[<under>]<province id>/   a province's part: the items of its authorities
    .../trang-2/, trang-3/ ...     a part (the top one too) still over BOUND, in pages, as honor rolls

An item goes to the province of its authority as it is today: the plans of a province merged in
2025 are in the part of the province it merged into, which says so ("gồm cả tỉnh ... cũ"). Each item
is on exactly one page of its listing. A page may show several sections (a campaign's tree, its
decisions, its documents): they fill pages in order, one continuing on the next page where it must.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .. import model
from ..graph import LinkGraph
from ..text import place_name, sort_key
from .honor import province_label
from .render import Renderer
from .site import Page, Site

CENTRAL = f"các {model.group_label(model.Level.CENTRAL)}"  # whose the top part is, as a sentence says it

# What one page may list, in lines of 0.4-0.6 kB of HTML: a timeline entry, a decision's row, a node of a
# plan tree, an authority of the directory; a document's row (number, title, issuer, date, period: up to
# 1.2 kB with its authority's heading) counts as DOCUMENT lines. A full page stays under ~1.6 MB whatever
# it lists, and the largest listing at province scale (a year: 317 plans and 1,680 milestones, 2,314
# lines, 0.9 MB) is under the bound: a province's site is never split.
BOUND = 2600
DOCUMENT = 2

Key = Callable[[str | None], str]  # an authority id -> the id of its province today, "" for none


def _one(_item) -> int:
    return 1


def document_row(_document) -> int:
    """The weight of a document's row in a table."""
    return DOCUMENT


@dataclass
class Section:
    """One list on a listing page: its items, the authority each belongs to, the lines each shows."""

    items: list
    authority: Callable[[Any], str | None]
    weight: Callable[[Any], int] = _one
    # Items that are not whole by province (a plan tree): when the listing is split, the items to
    # share out instead, made with the province key (`Key`), none heavier than the bound it is given
    # (but by what cannot be cut: a plan tree's depth, a box per province).
    cut: Callable[[Key, int], list] | None = None


@dataclass
class Place:
    """A province's part, as other pages name and link it."""

    label: str  # "Tỉnh Đắk Lắk"; "Trung ương" for the top page
    name: str  # as a sentence says it: "tỉnh Đắk Lắk"
    url: str  # its first page
    counts: dict[str, int]  # items of each section in the whole part
    former: list[str] = field(default_factory=list)  # provinces merged into it: ["tỉnh Bình Thuận"]


@dataclass
class Part:
    """One page of a listing: the items of each section it shows, and where it stands."""

    url: str
    top: str  # the listing's top page
    split: bool  # the listing has more than this page
    key: str  # its province's id; "" on the top page and its continuation pages
    place: Place  # its province's part (the top's on the top page and its continuation pages)
    number: int  # its page number within its province's part
    pages: list[str]  # every page of its province's part, for the pager
    items: dict[str, list]
    offsets: dict[str, int]  # how many items of each section the part's earlier pages hold
    places: dict[str, Place]  # every part by province id ("" the top): the top page lists them

    @property
    def label(self) -> str:
        """'Tỉnh Đắk Lắk'; "" on the top page and its continuation pages."""
        return self.place.label if self.key else ""

    @property
    def name(self) -> str:
        """As a sentence says whose the page is: 'tỉnh Đắk Lắk', 'các cơ quan trung ương'; "" on the top page."""
        return self.place.name if self.key or self.number > 1 else ""

    @property
    def counts(self) -> dict[str, int]:
        """Items of each section in its province's whole part."""
        return self.place.counts

    @property
    def former(self) -> list[str]:
        """The provinces merged into its province: ['tỉnh Bình Thuận']."""
        return self.place.former

    @property
    def at_top(self) -> bool:
        """The listing's top page (the only page of a listing that is not split)."""
        return self.url == self.top

    def shows(self, section: str) -> bool:
        """A section is on a page that has some of its items, or on the part's first page when the
        part has none (its "nothing here" line)."""
        return bool(self.items[section]) or (self.number == 1 and self.counts[section] == 0)

    def continued(self, section: str) -> bool:
        """The section began on an earlier page."""
        return self.offsets[section] > 0 and bool(self.items[section])

    @property
    def provinces(self) -> list[Place]:
        """What the top page lists: each province's part, in name order (none on other pages)."""
        if not self.at_top:
            return []
        return [place for key, place in self.places.items() if key]


@dataclass
class Listing:
    """Every page of a listing, and what each province's part holds in all."""

    parts: list[Part]  # the top page, its continuation pages, then each province's pages by name
    members: dict[str, dict[str, list]]  # province id ("" the top) -> section -> all its items

    def first(self, key: str) -> str | None:
        """The URL of a province's part (its first page), if the listing has one."""
        place = self.parts[0].places.get(key)
        return place.url if place is not None else None


# An authority's province then and today: (today's id or "", today's province, the province it was in)
Province = tuple[str, model.Authority | None, model.Authority | None]


@dataclass
class _Build:
    """What every listing of one build shares (`_shared`), so that a listing's work is that of its own
    pages however many the site has: each authority's province, worked out once, and the URLs of the
    site's pages, added to as pages are (a listing only ever appends to `site.pages`)."""

    provinces: dict[str | None, Province] = field(default_factory=dict)
    pages: list[Page] | None = None  # the `site.pages` that `urls` holds the first `counted` of
    urls: set[str] = field(default_factory=set)
    counted: int = 0

    def province(self, graph: LinkGraph, authority_id: str | None) -> Province:
        found = self.provinces.get(authority_id)
        if found is None:
            was = graph.province_of(authority_id) if authority_id else None
            now = graph.current_successor(was.id) if was is not None else None
            today = now if now is not None and now.level == model.Level.PROVINCE else was
            found = self.provinces[authority_id] = (today.id if today is not None else "", today, was)
        return found

    def taken(self, site: Site) -> set[str]:
        """The URLs of the pages `site` has now."""
        if self.pages is not site.pages or self.counted > len(site.pages):
            self.pages, self.urls, self.counted = site.pages, set(), 0
        self.urls.update(page.url for page in site.pages[self.counted:])
        self.counted = len(site.pages)
        return self.urls


def _shared(renderer: Renderer) -> _Build:
    """The build's `_Build`, kept on its renderer (a build has one): gone with the build."""
    if not isinstance(renderer.listings, _Build):
        renderer.listings = _Build()
    return renderer.listings


def province_key(renderer: Renderer) -> tuple[Key, dict[str, model.Authority], dict[str, dict[str, model.Authority]]]:
    """The province each authority belongs to today: its province (`graph.province_of`), or the one
    that province merged into. Returns the key function, the provinces it meets by id, and for each the
    former provinces merged into it that it meets. Each authority's is worked out once per build."""
    g, build = renderer.graph, _shared(renderer)
    provinces: dict[str, model.Authority] = {}
    former: dict[str, dict[str, model.Authority]] = {}

    def key(authority_id: str | None) -> str:
        found, today, was = build.province(g, authority_id)
        if today is not None:
            provinces[found] = today
            if was is not None and was.id != found:
                former.setdefault(found, {})[was.id] = was
        return found

    return key, provinces, former


def by_authority(record) -> str:
    """The `authority` of a section's items that are records (documents, decisions, stories)."""
    return record.authority


def paginate(items: dict[str, list], weights: dict[str, Callable[[Any], int]],
             bound: int) -> list[tuple[dict[str, list], dict[str, int]]]:
    """Fill pages of at most `bound` lines with the sections' items in order; (items, offsets) a page.
    An item heavier than `bound` alone is a page of its own."""
    done = {name: 0 for name in items}
    pages: list[tuple[dict[str, list], dict[str, int]]] = [({name: [] for name in items}, dict(done))]
    load = 0
    for name, section in items.items():
        for item in section:
            weight = weights[name](item)
            if load and load + weight > bound:
                pages.append(({n: [] for n in items}, dict(done)))
                load = 0
            pages[-1][0][name].append(item)
            done[name] += 1
            load += weight
    return pages


def listing(renderer: Renderer, site: Site, url: str, sections: dict[str, Section], *,
            under: str = "", bound: int | None = None) -> Listing:
    """The pages of a listing at `url`: one while it shows at most BOUND lines, else split by
    province (parts at `<url><under><province id>/`) and paginated. Raises ValueError when a part
    would take the URL of a page already built or of another part (a record or province whose id is
    "trang-2"), which validation rejects."""
    bound = BOUND if bound is None else bound
    weights = {name: s.weight for name, s in sections.items()}
    total = sum(s.weight(item) for s in sections.values() for item in s.items)
    if total <= bound:
        items = {name: s.items for name, s in sections.items()}
        counts = {name: len(s.items) for name, s in sections.items()}
        only = Part(url=url, top=url, split=False, key="", place=Place("", "", url, counts), number=1, pages=[url],
                    items=items, offsets={name: 0 for name in sections}, places={})
        return Listing([only], {"": items})

    key, provinces, former = province_key(renderer)
    members: dict[str, dict[str, list]] = {"": {name: [] for name in sections}}
    for name, s in sections.items():
        for item in (s.cut(key, bound) if s.cut is not None else s.items):
            members.setdefault(key(s.authority(item)), {n: [] for n in sections})[name].append(item)
    labels = {k: province_label(renderer, provinces[k]) for k in members if k}
    keys = [""] + sorted((k for k in members if k), key=lambda k: (sort_key(labels[k]), k))
    places: dict[str, Place] = {}
    paged: dict[str, list[tuple[dict[str, list], dict[str, int]]]] = {}
    for k in keys:
        paged[k] = paginate(members[k], weights, bound)
        counts = {name: len(members[k][name]) for name in sections}
        before = sorted(former.get(k, {}).values(), key=lambda a: (sort_key(a.name), a.id))
        places[k] = Place(labels.get(k, "Trung ương"), place_name(provinces[k].name) if k else CENTRAL,
                          f"{url}{under}{k}/" if k else url, counts, [place_name(a.name) for a in before])
    parts = []
    for k in keys:
        place = places[k]
        pages = [place.url] + [f"{place.url}trang-{n}/" for n in range(2, len(paged[k]) + 1)]
        for number, (items, offsets) in enumerate(paged[k], start=1):
            parts.append(Part(url=pages[number - 1], top=url, split=True, key=k, place=place, number=number,
                              pages=pages, items=items, offsets=offsets, places=places))
    # never once the data validates: no id is a page's name ("trang-2", checks.references.list_page_ids)
    taken, mine = _shared(renderer).taken(site), {url}
    for part in parts[1:]:
        if part.url in taken or part.url in mine:
            raise ValueError(f"thidua: {part.url} is both another page and a part of the listing {url}")
        mine.add(part.url)
    return Listing(parts, members)


def title(text: str, part: Part) -> str:
    """'Năm 2025 — Tỉnh Đắk Lắk', '... (trang 2)': a page's title within its listing."""
    if part.label:
        text = f"{text} — {part.label}"
    return text if part.number == 1 else f"{text} (trang {part.number})"


def description(text: str, part: Part) -> str:
    """The listing's description, saying which part a page is."""
    if part.at_top:
        return text
    where = [f"phần của {part.name}"]
    if part.number > 1:
        where.append(f"trang {part.number}")
    return f"{text.rstrip('.')} — {', '.join(where)}."


def crumbs(trail: list[tuple[str | None, str]], part: Part) -> list[tuple[str | None, str]]:
    """The listing's breadcrumbs, continued on its other pages: ... > Năm 2025 > Tỉnh Đắk Lắk > Trang 2."""
    if part.at_top:
        return trail
    *head, (_, short) = trail
    out = head + [(part.top, short)]
    if part.label:
        out.append((part.pages[0] if part.number > 1 else None, part.label))
    if part.number > 1:
        out.append((None, f"Trang {part.number}"))
    return out


def add(site: Site, page: Page, part: Part) -> None:
    """Add a page of a listing. Only the top page goes to search: the parts list records that search
    finds on their own pages, and a query would otherwise bring back every province's part."""
    if not part.at_top:
        page.search = False
    site.pages.append(page)
