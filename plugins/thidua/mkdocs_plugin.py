"""The MkDocs adapter: maps MkDocs events onto the core, and nothing else.

on_config     load and validate data/ (a bad data commit stops the build here, with every
              problem, before anything is written), then build the page list
on_files      pages in the nav become MkDocs pages; every other generated page is grouped by
              folder, and each folder gets one placeholder page (chrome.py) instead
on_page_*     hand MkDocs titles, bodies and tables of contents; the placeholders get markers
on_post_page  a rendered placeholder becomes the chrome of its folder
on_post_build remove the placeholders; write each record page as its folder's chrome with its
              own parts put in, split over worker processes; list every page in the sitemap;
              swap Material's search entries of generated pages for compact ones (search.py)

Material renders one placeholder per folder rather than one page per record: the theme's
full render and its search plugin's HTML parsing cost more than everything else per page.
Keeping this module thin is deliberate: MkDocs 1.6 is the last release with plugins, so the
core must move unchanged to ProperDocs or another front end.
"""
from __future__ import annotations

import datetime as _dt
import gzip
import logging
import os
import re
import shutil
import time
from pathlib import Path

from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from . import chrome, parallel
from .graph import LinkGraph
from .pages import Page, Settings, build_site
from .privacy import publishable
from .redirects import redirect_html
from .samples import drop_samples
from . import search
from .validate import validate

log = logging.getLogger("mkdocs.plugins.thidua")


class ThiduaConfig(Config):
    data_dir = c.Type(str, default="data")
    include_samples = c.Type(bool, default=True)
    # A fixed date makes builds reproducible; by default the build date is today
    # (or SOURCE_DATE_EPOCH, the reproducible-builds convention).
    build_date = c.Optional(c.Type(str))
    # Processes that write record pages; 0 means one per CPU core, 1 writes in the build process.
    workers = c.Type(int, default=0)


class ThiduaPlugin(BasePlugin[ThiduaConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.pages: dict[str, Page] = {}

    command = "build"

    def on_startup(self, *, command, dirty):
        self.command = command

    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        data_dir = self.data_dir = (root / self.config.data_dir).resolve()
        started = time.perf_counter()
        repo, report = validate(data_dir, display_root=root)
        log.info(f"thidua: data loaded and validated in {time.perf_counter() - started:.1f} s")
        for problem in report.sorted():
            (log.error if problem.severity == "error" else log.warning)(problem.text())
        if report.errors:
            raise PluginError(f"thidua: {len(report.errors)} error(s) in {self.config.data_dir}/; nothing was built")
        if not self.config.include_samples:
            drop_samples(repo)
        publishable(repo)  # after validation, before any page: private lines cannot leak
        settings = Settings(
            site_name=config.site_name,
            site_url=config.site_url or "",
            build_date=_build_date(self.config.build_date),
            include_samples=self.config.include_samples,
        )
        graph = LinkGraph.build(repo)
        self.site = build_site(repo, graph, settings)
        self.settings = settings
        self.search_entries = search.entries(repo, graph, self.site.pages)
        self.pages = {_src(page.url): page for page in self.site.pages}
        log.info(f"thidua: {len(self.site.pages)} pages planned in {time.perf_counter() - started:.1f} s from the start")
        return config

    def on_serve(self, server, *, config, builder):
        # `mkdocs serve` watches docs_dir only; an edited record must rebuild the preview too
        server.watch(str(self.data_dir))
        return server

    def on_files(self, files: Files, *, config):
        in_nav = {str(item) for item in _flatten(config.nav or [])}
        self.folders: dict[str, list[Page]] = {}
        for src, page in self.pages.items():
            if files.get_file_from_path(src) is not None:
                raise PluginError(f"thidua: {src} is generated from data; remove the hand-written file")
            if src in in_nav:
                files.append(File.generated(config, src, content=""))
            else:
                self.folders.setdefault(_folder(page.url), []).append(page)
        self.shells = {}
        self.frames: dict[str, chrome.Chrome] = {}
        self.skip_links: dict[str, str] = {}
        for folder in sorted(self.folders):
            src = f"{folder}{chrome.SLUG}/index.md"
            self.shells[src] = folder
            files.append(File.generated(config, src, content="", inclusion=InclusionLevel.NOT_IN_NAV))
        self.pages = {src: page for src, page in self.pages.items() if src in in_nav}
        for redirect in self.site.redirects:
            files.append(File.generated(config, redirect.url + "index.html",
                                        content=redirect_html(redirect.url, redirect.target)))
        for path, content in sorted(self.site.files.items()):
            files.append(File.generated(config, path, content=content))
        return files

    def on_env(self, env, *, config, files):
        self.toc_item = env.get_template("partials/toc-item.html")
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        src = page.file.src_uri
        if src in self.shells:
            page.meta.update(title=chrome.TITLE, description=chrome.DESCRIPTION, thidua_head=chrome.HEAD,
                             search={"exclude": True})
            return ""
        ours = self.pages.get(src)
        if ours is None:
            return markdown
        # Material prints title and description unescaped (MkDocs' Jinja has no autoescape),
        # as Markdown titles arrive escaped already: escape ours the same way.
        page.meta["title"] = str(escape(ours.title))
        if ours.description:
            page.meta["description"] = str(escape(ours.description))
        page.meta["thidua_head"] = ours.head
        page.meta["thidua_kind"] = ours.kind
        if not ours.search:
            page.meta["search"] = {"exclude": True}
        return ""

    def on_page_content(self, html, *, page, config, files):
        src = page.file.src_uri
        if src in self.shells:
            page.toc = get_toc([{"level": 2, "id": chrome.TOC, "name": chrome.TOC, "children": []}])
            return chrome.BODY + _NO_H1
        ours = self.pages.get(src)
        if ours is None:
            return html
        page.toc = get_toc(_toc_tokens(ours))
        return ours.body

    def on_post_page(self, output, *, page, config):
        folder = self.shells.get(page.file.src_uri)
        if folder is not None:
            marked, self.skip_links[folder] = _mark_toc(output)
            self.frames[folder] = chrome.Chrome.cut(marked)
        return output

    def write_pages(self, site_dir: Path, config) -> None:
        """Write every record page into its folder's chrome, split over worker processes."""
        jobs = [(folder, page) for folder in sorted(self.folders) for page in self.folders[folder]]
        workers = self.config.workers or parallel.cpu_count()
        if self.command == "serve":
            workers = 1  # `mkdocs serve` runs threads; forking beside them is not safe
        if workers > 1 and len(jobs) >= 100 * workers and parallel.can_fork():
            parallel.fork_map(lambda i: self._write(site_dir, config, jobs[i::workers]), workers)
        else:
            self._write(site_dir, config, jobs)

    def _write(self, site_dir: Path, config, jobs) -> None:
        default_description = config.site_description or ""
        for folder, ours in jobs:
            toc = "".join(self.toc_item.render(toc_item=item, config=config)
                          for item in get_toc(_toc_tokens(ours)))
            html = self.frames[folder].fill(
                title=ours.title, description=ours.description or default_description, head=ours.head,
                body=ours.body, toc=toc, slug=ours.url.rstrip("/").rsplit("/", 1)[-1],
                skip=self.skip_links[folder].replace(f"#{chrome.TOC}", f"#{ours.toc[0].id}") if ours.toc else "")
            ours.release()
            target = site_dir / ours.url / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")

    @event_priority(-100)  # after Material's search plugin has written its index
    def on_post_build(self, *, config):
        site_dir = Path(config.site_dir)
        for src, folder in self.shells.items():
            shell = site_dir / folder / chrome.SLUG
            shutil.rmtree(shell, ignore_errors=True)
        started = time.perf_counter()
        self.write_pages(site_dir, config)
        log.info(f"thidua: record pages written in {time.perf_counter() - started:.1f} s")
        write_sitemap(site_dir, config.site_url or "", [p.url for p in self.site.pages], self.settings.build_date)
        generated = {page.url for page in self.site.pages}
        search.rewrite_index(site_dir, generated, self.search_entries, search.finder_config(self.site.files))


def _src(url: str) -> str:
    return f"{url}index.md"


def _folder(url: str) -> str:
    """'van-ban/kh-x/' -> 'van-ban/': pages of one folder share their chrome (same depth, same links)."""
    parent = url.rstrip("/").rpartition("/")[0]
    return f"{parent}/" if parent else ""


def _mark_toc(html: str) -> tuple[str, str]:
    """Mark where the placeholder's table of contents and skip link go, as Material rendered them,
    and drop the comment that kept Material from adding a second <h1>. Returns the marked page
    and the skip link (Material's markup, pointing at the TOC marker), which a page without a
    table of contents leaves out as Material would."""
    html = html.replace(_NO_H1, "", 1)
    skip = ""
    at = html.find(f'<a href="#{chrome.TOC}" class="md-skip">')
    if at >= 0:
        end = html.find("</a>", at) + len("</a>")
        skip = html[at:end]
        html = html[:at] + chrome.SKIP + html[end:]
    at = html.find(f'href="#{chrome.TOC}" class="md-nav__link"')
    if at >= 0:
        start = html.rfind('<li class="md-nav__item">', 0, at)
        end = html.find("</li>", at) + len("</li>")
        html = html[:start] + chrome.TOC + html[end:]
    return html, skip


# Material adds an <h1> with the page title when the content has none; ours bring their own.
_NO_H1 = "<!--<h1>-->"


def write_sitemap(site_dir: Path, site_url: str, urls: list[str], day: _dt.date) -> None:
    """MkDocs lists only its own pages: list every page, generated ones included, in URL order."""
    path = site_dir / "sitemap.xml"
    existing = re.findall(r"<loc>(.*?)</loc>", path.read_text(encoding="utf-8")) if path.exists() else []
    base = site_url.rstrip("/") + "/" if site_url else "/"
    locs = {loc for loc in existing if chrome.SLUG not in loc}
    locs.update(escape(base + url) for url in urls)
    body = "".join(f"    <url>\n         <loc>{loc}</loc>\n         <lastmod>{day.isoformat()}</lastmod>\n    </url>\n"
                   for loc in sorted(locs))
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + body + "</urlset>\n")
    path.write_text(xml, encoding="utf-8")
    with gzip.GzipFile(site_dir / "sitemap.xml.gz", "wb", mtime=0) as out:  # mtime 0: reproducible
        out.write(xml.encode("utf-8"))


def _build_date(value: str | None) -> _dt.date:
    if value:
        return _dt.date.fromisoformat(value)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date()
    return _dt.date.today()


def _flatten(nav):
    for item in nav:
        if isinstance(item, dict):
            for value in item.values():
                yield from _flatten(value if isinstance(value, list) else [value])
        elif isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def _toc_tokens(page: Page) -> list[dict]:
    """Nest the flat (level, id, title) entries the way Python-Markdown's toc extension does."""
    root: list[dict] = []
    stack: list[dict] = []
    for entry in page.toc:
        # MkDocs themes print TOC titles unescaped, as Python-Markdown hands them over escaped.
        title = str(escape(entry.title))
        token = {"level": entry.level, "id": entry.id, "name": title, "html": title, "children": []}
        while stack and stack[-1]["level"] >= entry.level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root
