"""The MkDocs adapter: maps MkDocs events onto the core, and nothing else.

on_config  load and validate data/ (a bad data commit stops the build here, with every
           problem, before anything is written), then build every page body
on_files   add each page as a generated file, not in the nav, plus redirects and shards
on_page_*  hand MkDocs the finished body, title and table of contents
on_post_build  swap Material's search entries of generated pages for compact ones (search.py)

Keeping this thin is deliberate: MkDocs 1.6 is the last release with plugins, so the
core must move unchanged to ProperDocs or another front end.
"""
from __future__ import annotations

import datetime as _dt
import logging
import os
from pathlib import Path

from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

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


class ThiduaPlugin(BasePlugin[ThiduaConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.pages: dict[str, Page] = {}

    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        data_dir = (root / self.config.data_dir).resolve()
        repo, report = validate(data_dir, display_root=root)
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
        self.search_entries = search.entries(repo, graph, self.site.pages)
        self.pages = {_src(page.url): page for page in self.site.pages}
        return config

    def on_files(self, files: Files, *, config):
        in_nav = {_nav_src(item) for item in _flatten(config.nav or [])}
        for src, page in self.pages.items():
            if files.get_file_from_path(src) is not None:
                raise PluginError(f"thidua: {src} is generated from data; remove the hand-written file")
            inclusion = InclusionLevel.INCLUDED if src in in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, src, content="", inclusion=inclusion))
        for redirect in self.site.redirects:
            files.append(File.generated(config, redirect.url + "index.html",
                                        content=redirect_html(redirect.url, redirect.target)))
        for path, content in sorted(self.site.files.items()):
            files.append(File.generated(config, path, content=content))
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        ours = self.pages.get(page.file.src_uri)
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

    @event_priority(-100)  # after Material's search plugin has written its index
    def on_post_build(self, *, config):
        generated = {page.url for page in self.site.pages}
        search.rewrite_index(Path(config.site_dir), generated, self.search_entries,
                             search.finder_config(self.site.files))

    def on_page_content(self, html, *, page, config, files):
        ours = self.pages.get(page.file.src_uri)
        if ours is None:
            return html
        page.toc = get_toc(_toc_tokens(ours))
        return ours.body


def _src(url: str) -> str:
    return f"{url}index.md"


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


def _nav_src(item) -> str:
    return str(item)


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
