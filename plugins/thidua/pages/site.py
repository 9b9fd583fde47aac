"""What the page builders produce: pages (rendered lazily), redirects, static files and search
entries, and the settings a build needs beyond the data."""
from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import search


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
    kind: str = ""  # what sort of page: "document", "honor-roll", "index", ...
    record: object = field(default=None, repr=False)  # the record a record page shows
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
    search: list[search.Entry] = field(default_factory=list)  # one search entry per searchable page
