"""What the page builders produce: pages (rendered lazily), redirects, static files and search
entries, and the settings a build needs beyond the data."""
from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import search
from ..sink import go_on

if TYPE_CHECKING:
    from ..exports import Export


@dataclass
class TocEntry:
    level: int
    id: str
    title: str


# Media types of a page's other forms
ATOM = "application/atom+xml"
ICS = "text/calendar"
JSON = "application/json"


@dataclass(frozen=True)
class Alternate:
    """Another form of a page: a feed, a calendar, its data. `path` is site-root-relative."""

    type: str
    title: str
    path: str
    visible: bool = True  # shown as a link on the page, not only in its head

    @property
    def icon(self) -> str:
        return {ATOM: "feed", ICS: "calendar"}.get(self.type, "data")


@dataclass
class Page:
    url: str  # directory URL relative to the site root, e.g. "van-ban/kh-.../"
    title: str
    render: Callable[[], str] = field(repr=False)  # renders the body: finished, escaped HTML
    description: str = ""
    make_head: Callable[[], str] = field(default=str, repr=False)  # its extra <head> HTML (`head`)
    toc: list[TocEntry] = field(default_factory=list)
    search: bool = True
    kind: str = ""  # what sort of page: "document", "honor-roll", "index", ...
    record: object = field(default=None, repr=False)  # the record a record page shows
    index: bool = True  # false: search engines are asked to leave it out, and the sitemap does (samples)
    alternates: list[Alternate] = field(default_factory=list)  # its feeds, calendars and data
    _body: str | None = field(default=None, repr=False)

    @property
    def head(self) -> str:
        """Its extra <head> HTML: JSON-LD and Open Graph tags. Made when asked (to fingerprint the
        page, to write it, for a page in the nav as MkDocs renders it), not held: the heads of every
        planned page took 74 MB at region scale, in the build process and every worker forked from it."""
        return self.make_head()

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
    files: dict[str, bytes] = field(default_factory=dict)  # extra static files, e.g. a story's photos
    # Folders of static files made only when the site is written (`make_later`), each by one call
    # giving its files (the finder's data: a third of planning at province). A preview after a
    # preview carries the previous one's and makes them after it is shown (mkdocs_plugin/catchup.py):
    # the call is given a check to make now and then, which raises to stop it there.
    later: dict[str, Callable[[Callable[[], None]], dict[str, bytes]]] = field(default_factory=dict)
    search: search.Documents | None = None  # the searchable pages' text, made when iterated
    # The open-data files: too large to hold, written straight into the site folder (`Export.write`)
    # before any page that lists them renders.
    exports: Export | None = None

    def make_later(self) -> None:
        """Make the folders of `later` into `files`, once."""
        for folder in sorted(self.later):
            self.files.update(self.later[folder](go_on))
        self.later.clear()

    def write_later(self, root: Path) -> None:
        """`make_later`, each folder written under `root` as it is made and let go: a front end
        that writes them so holds none of them through the build (the finder's data: 0.37 GB at
        national scale)."""
        write_folders(self.later, root, go_on)
        self.later.clear()

    def unlisted(self) -> set[str]:
        """URLs the sitemap leaves out: pages search engines are asked not to index."""
        return {page.url for page in self.pages if not page.index}


def write_folders(later: Mapping[str, Callable[[Callable[[], None]], dict[str, bytes]]], root: Path,
                  check: Callable[[], None]) -> None:
    """Make each folder of `later` (`Site.later`) under `root`, an empty one too (it replaces the
    old one), writing its files; `check` is given to each maker and called between files."""
    for folder in sorted(later):
        (root / folder).mkdir(parents=True, exist_ok=True)
        made = {root / folder}
        for path, data in later[folder](check).items():
            check()
            target = root / path
            if target.parent not in made:  # one mkdir a folder, not one a file
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_bytes(data)
