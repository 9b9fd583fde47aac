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

from .. import search
from ..graph import LinkGraph
from ..kinds import KINDS
from ..repository import Repository
from .render import Renderer
from .site import Page, Redirect, Settings, Site, TocEntry
from .urls import record_url

__all__ = ["Page", "Redirect", "Settings", "Site", "TocEntry", "build_site"]


# Page families that are not one kind's: built after every kind's pages.
FAMILIES = ("thidua.pages.periods", "thidua.pages.honor", "thidua.pages.indexes", "thidua.pages.home",
            "thidua.pages.open_data")


def build_site(repo: Repository, graph: LinkGraph, settings: Settings) -> Site:
    """Build every generated page. Relations are all in `graph` already."""
    renderer = Renderer(repo, graph, settings)
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
    site.search = search.entries(site.pages, partial(_about, renderer))
    return site


def _about(renderer, page: Page, description: str) -> tuple[list[str | None], float | None]:
    """What a reader types to find a page beyond its title (a record's kind's `keywords` hook),
    and the page's weight in search: records above listings."""
    if page.record is None:
        return [description], None
    kind = KINDS.of_record(page.record)
    hook = getattr(kind.module(), "keywords", None)
    return (hook(renderer, page.record, description) if hook is not None else [description]), kind.search_boost
