"""Every internal link and anchor of a built site, checked against its files: `thidua links site`,
which CI runs on the site its build step has just made.

A link is to a file, or to a folder's index.html; relative to its page, or from the site root
(404.html links so: it is served at any URL); its query string (the finder's filters) aside. Its
#anchor, in a page, must be the id of an element there. Links to other sites, mail, scripts and
data are not followed.

Pages are parsed with lxml (libxml2's HTML parser, in C; python-docx depends on it too): over a
province's 2,082 pages, BeautifulSoup (which the tests read pages with) took 76 s (median of 5) and
this 3.0 s in one process, the same 192,641 links checked. A national site has 37 times the pages:
they are split over one process per core, each reading a page once (a link's target, read by each
process that needs its ids).
"""
from __future__ import annotations

import os
from pathlib import Path

from lxml import etree

from . import parallel

EXTERNAL = ("http:", "https:", "mailto:", "javascript:", "data:")  # lower case: HTTPS:// too
# huge_tree: libxml2 otherwise stops at 256 levels of nesting or a 10 MB text, and drops the rest of the
# page without a word; past its larger limits a page is reported as not read whole (`_Pages.read`)
_PARSER = etree.HTMLParser(encoding="utf-8", huge_tree=True)
_HREFS = etree.XPath("//a/@href | //link/@href")
_IDS = etree.XPath("//@id")


class _Pages:
    """Each page's ids and links, read once. A link's target is often read before its own turn
    (a third of a province's pages): its links are then held until it comes, about 100 a page."""

    def __init__(self) -> None:
        self.ids: dict[str, frozenset[str]] = {}
        self.hrefs: dict[str, list[str]] = {}
        self.unread: dict[str, str] = {}  # path -> why the page could not be read to its end

    def read(self, path: str) -> None:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:  # a dangling link, no permission: said as a broken page, not a traceback
            self.unread[path], self.ids[path], self.hrefs[path] = exc.strerror or str(exc), frozenset(), []
            return
        root = etree.fromstring(data, _PARSER)
        fatal = [e.message for e in _PARSER.error_log if e.level >= etree.ErrorLevels.FATAL]
        if fatal:
            self.unread[path] = fatal[0]
        if root is None:  # an empty file: no element
            self.ids[path], self.hrefs[path] = frozenset(), []
            return
        self.ids[path] = frozenset(str(i) for i in _IDS(root))
        self.hrefs[path] = [str(h) for h in _HREFS(root)]

    def ids_of(self, path: str) -> frozenset[str]:
        if path not in self.ids:
            self.read(path)
        return self.ids[path]

    def hrefs_of(self, path: str) -> list[str]:
        """Its links, given once: a page's turn comes once."""
        if path not in self.hrefs:
            self.read(path)
        return self.hrefs.pop(path)


# Pages a task takes (`check` over several processes); fewer pages than two tasks' worth: one process
TASK_PAGES = 500


def check(site_dir: Path, workers: int = 0) -> tuple[int, list[str]]:
    """(the links checked, the broken ones: 'page: href', or 'page: href (no #anchor)'), page by page.
    `workers`: processes (0: one per core), each taking the next run of TASK_PAGES pages in turn."""
    site = os.path.realpath(site_dir)
    pages = [str(p) for p in sorted(Path(site).rglob("*.html"))]
    workers = workers or parallel.cpu_count()
    if workers < 2 or len(pages) < 2 * TASK_PAGES or not parallel.can_fork():
        return _check(site, pages)
    runs = [pages[i:i + TASK_PAGES] for i in range(0, len(pages), TASK_PAGES)]
    done = parallel.fork_pull(lambda i: _check(site, runs[i]), len(runs), min(workers, len(runs)))
    return sum(checked for checked, _ in done), [line for _, broken in done for line in broken]


def _check(site: str, pages: list[str]) -> tuple[int, list[str]]:
    """`check` of `pages` (paths under `site`), in their order; their links' targets read as needed."""
    read = _Pages()
    broken: list[str] = []
    checked = 0
    for page in pages:
        here = os.path.dirname(page)
        hrefs = read.hrefs_of(page)
        if page in read.unread:  # its links and ids past that point are not known: said, not guessed
            broken.append(f"{os.path.relpath(page, site)}: not read to its end ({read.unread[page]})")
        for href in hrefs:
            if href.lower().startswith(EXTERNAL):
                continue
            checked += 1
            path = href.split("#")[0].split("?")[0]
            if path.startswith("/"):
                target = os.path.normpath(os.path.join(site, path.lstrip("/")))
            else:
                target = os.path.normpath(os.path.join(here, path)) if path else page
            if os.path.isdir(target):
                target = os.path.join(target, "index.html")
            if not os.path.exists(target):
                broken.append(f"{os.path.relpath(page, site)}: {href}")
                continue
            anchor = href.partition("#")[2]
            if anchor and target.endswith(".html") and anchor not in read.ids_of(target):
                broken.append(f"{os.path.relpath(page, site)}: {href} (no #{anchor})")
    return checked, broken
