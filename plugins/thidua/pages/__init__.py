"""Page builders: turn the repository and its link graph into site pages.

Each module builds one family of pages (documents, authorities, campaigns, periods,
indexes, home) as `Page` objects whose bodies render when written. Nothing here knows
MkDocs; `mkdocs_plugin.py` hands these pages to MkDocs, and another front end could
write them directly.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ..graph import LinkGraph
from ..repository import Repository


@dataclass
class TocEntry:
    level: int
    id: str
    title: str


@dataclass
class Page:
    url: str  # directory URL relative to the site root, e.g. "van-ban/kh-.../"
    title: str
    render: Callable[[], str] = field(repr=False)  # renders the body: finished, escaped HTML
    description: str = ""
    head: str = ""  # extra <head> HTML: JSON-LD and Open Graph tags
    toc: list[TocEntry] = field(default_factory=list)
    search: bool = True
    kind: str = ""  # for the search index and tests
    _body: str | None = field(default=None, repr=False)

    @property
    def body(self) -> str:
        """Rendered on first use, so a build need not hold every page in memory at once."""
        if self._body is None:
            self._body = self.render()
        return self._body

    def release(self) -> None:
        """Forget the rendered body once it is written."""
        self._body = None


@dataclass
class Redirect:
    url: str  # the former URL
    target: str  # the current URL


@dataclass
class Settings:
    """What a build needs beyond the data; filled from mkdocs.yml by the plugin."""

    site_name: str = "Cổng thông tin thi đua, khen thưởng"
    site_url: str = ""
    build_date: _dt.date = field(default_factory=_dt.date.today)
    include_samples: bool = True


@dataclass
class Site:
    """Everything a build emits besides MkDocs' own pages."""

    pages: list[Page] = field(default_factory=list)
    redirects: list[Redirect] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # extra static files, e.g. finder shards


def build_site(repo: Repository, graph: LinkGraph, settings: Settings) -> Site:
    """Build every generated page. Relations are all in `graph` already."""
    from . import authorities, campaigns, decisions, documents, home, honor, indexes, periods, stories
    from .render import Renderer

    renderer = Renderer(repo, graph, settings)
    site = Site()
    # One module per family of pages; each adds its pages to `site`.
    for module in (documents, authorities, campaigns, periods, decisions, stories, honor, indexes, home):
        module.build(renderer, site)
    site.pages.sort(key=lambda p: p.url)
    site.redirects.sort(key=lambda r: r.url)
    return site
