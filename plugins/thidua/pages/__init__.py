"""Page builders: turn the repository and its link graph into site pages.

Each module builds one family of pages as `Page` objects whose bodies render when written:
each kind of record its own (the builder its declaration in `kinds.py` names), and the
families that cut across kinds (periods and years, honor rolls, indexes, home) listed in
`FAMILIES`. Nothing here knows MkDocs; `mkdocs_plugin` hands these pages to MkDocs, and
another front end could write them directly.
"""
from __future__ import annotations

import importlib
from functools import partial

from jinja2 import BytecodeCache

from .. import search
from ..graph import LinkGraph
from ..kinds import KINDS
from ..repository import Repository
from ..text import place_name
from .render import Renderer
from .site import Page, Redirect, Settings, Site, TocEntry
from .urls import record_url

__all__ = ["Page", "Redirect", "Settings", "Site", "TocEntry", "build_site"]


# Page families that are not one kind's: built after every kind's pages.
FAMILIES = ("thidua.pages.periods", "thidua.pages.honor", "thidua.pages.indexes", "thidua.pages.home",
            "thidua.pages.open_data", "thidua.pages.statistics")


def build_site(repo: Repository, graph: LinkGraph, settings: Settings, templates: BytecodeCache | None = None) -> Site:
    """Build every generated page. Relations are all in `graph` already. `templates`: a cache
    of compiled templates (Jinja's), kept between builds."""
    renderer = Renderer(repo, graph, settings, templates)
    renderer.compile_all()
    site = Site()
    for module in [kind.module() for kind in KINDS.values()] + [importlib.import_module(f) for f in FAMILIES]:
        module.build(renderer, site)
    # A former id's URL redirects to the record's page, for every kind alike (and only to a
    # page that exists: a story about a non-public line has none).
    published = {page.url for page in site.pages}
    for kind, record in repo.all():
        url = record_url(kind.name, record.id)
        if url in published:
            site.redirects += [Redirect(record_url(kind.name, alias), url) for alias in getattr(record, "aliases", ())]
    site.pages.sort(key=lambda p: p.url)
    site.redirects.sort(key=lambda r: r.url)
    site.search = search.entries(site.pages, partial(_about, renderer), partial(_details, renderer))
    return site


def _about(renderer, page: Page, description: str) -> tuple[list[str | None], float | None]:
    """What a reader types to find a page beyond its title (a record's kind's `keywords` hook),
    and the page's weight in search: records above listings."""
    if page.record is None:
        return [description], None
    kind = KINDS.of_record(page.record)
    hook = getattr(kind.module(), "keywords", None)
    return (hook(renderer, page.record, description) if hook is not None else [description]), kind.search_boost


# The kind filter of search results, as a reader names what they look for.
SEARCH_KINDS = {"authorities": "Cơ quan", "campaigns": "Phong trào", "award-forms": "Hình thức khen thưởng",
                "decisions": "Quyết định khen thưởng", "stories": "Gương điển hình"}


def _details(renderer, page: Page) -> dict:
    """A record page's search facets (kind, number, issuer, year, province) and its sections, which
    its kind's builder module gives (`search_sections(renderer, record)`): see search.Documents."""
    record = page.record
    kind = KINDS.of_record(record)
    g = renderer.graph
    label = SEARCH_KINDS.get(kind.name, "Kế hoạch" if getattr(record, "type", None) == "ke-hoach" else "Văn bản")
    authority_id = getattr(record, "authority", None) or getattr(record, "locality", None) or (
        getattr(record, "id", None) if kind.name == "authorities" else None)
    authority = renderer.repo.authorities.get(authority_id) if authority_id else None
    provinces = []
    for ident in (authority_id, getattr(g.current_successor(authority_id), "id", None) if authority_id else None):
        province = g.province_of(ident) if ident else None
        name = place_name(province.name) if province is not None else None
        if name and name not in provinces:
            provinces.append(name)
    date = getattr(record, "date", None)
    hook = getattr(kind.module(), "search_sections", None)
    return {"kind": label, "number": getattr(record, "number", None) or "",
            "authority": (authority.short_name or authority.name) if authority and kind.name != "authorities" else "",
            "year": str(date.year) if date is not None else "", "provinces": provinces,
            "award": getattr(renderer.repo.award_forms.get(getattr(record, "form", None) or ""), "name", ""),
            "sections": hook(renderer, record) if hook is not None else []}

