"""The MkDocs event hooks: map MkDocs events onto the core, and nothing else.

on_config     refuse settings the chrome cannot serve; load and validate data/ (a bad data commit
              stops the build here, with every problem, before anything is written); build the
              page list; add the package's stylesheet and scripts to extra_css/extra_javascript
on_files      pages in the nav become MkDocs pages; every other generated page is grouped by
              folder, and each folder gets one placeholder page (chrome.py) instead; the
              package's assets and the core's static files become site files; Pagefind is
              handed the search documents, to index in its own process while the build goes on;
              the open-data exports are written into the site folder (before the page listing
              them renders); the folders the core makes late (`Site.later`: the finder's data) are
              made and written into it too, none held by MkDocs to the end. A preview after a
              preview carries all three instead (catchup.py)
on_page_*     hand MkDocs titles, bodies and tables of contents; the placeholders get markers
on_post_page  a rendered placeholder becomes the chrome of its folder (checked: chrome.py)
on_post_build remove the placeholders; write each record page as its folder's chrome with its
              own parts put in, split over worker processes; list every page in the sitemap
              (sitemap.py); the search index, Pagefind's, begun in on_files beside the build,
              is finished and waited for (search_index.py); then the new site is put in place (below),
              and under `mkdocs serve` a carried preview's catch-up thread starts

`mkdocs build` writes into a temporary folder beside site_dir (on_config points site_dir there),
which replaces the previous site only once the build succeeded: a failed, killed or `--strict`
build with warnings leaves the previous site as it was (`staging.py`); the replaced site is moved
into the cache folder and removed there by a process the build does not wait for. `mkdocs serve`
stages each preview the same way, in its own temporary folder, so a preview after a data edit
reuses the pages of the previous one (incremental.py) as a rebuild does; it keeps that manifest
in memory, leaving the one on disk to `mkdocs build`'s site. A preview after a preview carries that
one's search index, open data and finder's data, and makes them again once it is shown (catchup.py).

Material renders one placeholder per folder rather than one page per record: the theme's
full render and its search plugin's HTML parsing cost more than everything else per page.
"""
from __future__ import annotations

import atexit
import datetime as _dt
import gc
import logging
import os
import shutil
import time
from functools import partial
from pathlib import Path
from typing import Any

import yaml
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from .. import collector, parallel
from ..graph import LinkGraph
from ..pages import Page, Settings, build_site, inputs
from ..problems import CannotBuild
from ..publish import drop_samples, publishable
from ..redirects import redirect_html
from ..validate import validate
from ..pages import render
from ..pages.template_cache import TemplateCache, template_cache
from . import catchup, chrome, incremental, pagefind_index, search_index, sitemap, staging, watching
from .config import ThiduaConfig

log = logging.getLogger("mkdocs.plugins.thidua")

PACKAGE = Path(__file__).resolve().parent.parent
# Site path -> file shipped with the package. The core's pages load finder.js and thidua.js (any
# front end copies thidua/assets/); the search worker and the stylesheet are Material's (assets/ here).
ASSETS = {
    "assets/javascripts/finder.js": PACKAGE / "assets" / "javascripts" / "finder.js",
    "assets/javascripts/thidua.js": PACKAGE / "assets" / "javascripts" / "thidua.js",
    "assets/javascripts/search-worker.js": PACKAGE / "mkdocs_plugin" / "assets" / "javascripts" / "search-worker.js",
    "assets/javascripts/search-hook.js": PACKAGE / "mkdocs_plugin" / "assets" / "javascripts" / "search-hook.js",
    "assets/stylesheets/thidua.css": PACKAGE / "mkdocs_plugin" / "assets" / "stylesheets" / "thidua.css",
}
EXTRA_CSS = ["assets/stylesheets/thidua.css"]
EXTRA_JAVASCRIPT = ["assets/javascripts/thidua.js"]
TRASH = "trash"  # in the cache folder: replaced sites being removed in the background (staging.py)
TEMPLATES = "templates"  # in the cache folder: compiled templates (Jinja's bytecode cache)
# Forking pays off only with enough pages per worker.
FORK_MIN_PAGES_PER_WORKER = 100
# A build's pages' inputs are pickled every so many pages (incremental.Reuse), so that a share holds
# at most those as objects, however many pages it writes (38,000 each at national scale on 2 cores).
PACK_EVERY = 2000

# On the way out the interpreter's last collections walk every object a build left: 10 s of a
# 64 s rebuild at region scale. Frozen, they are skipped, and the system takes the memory back
# whole. At exit only: a process that goes on (tests, `mkdocs serve`) keeps collecting.
atexit.register(gc.freeze)


class ThiduaPlugin(BasePlugin[ThiduaConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.command = "build"
        self.dirty = False
        self.files = Files([])
        self.stage: staging.Stage | None = None
        self.search: pagefind_index.Index | None = None
        self.texts: incremental.Writer | None = None  # writes the search results' text files
        self.served: incremental.Manifest | None = None  # `mkdocs serve`: the last preview's manifest
        self.line_digests: dict[tuple, str] = {}  # `mkdocs serve`: the last preview's (inputs.Fingerprinter)
        # `mkdocs serve`: the search index, open data and finder's data made after a preview is shown (catchup.py)
        self.catchup = catchup.Catchup()
        self.caught_up = True  # no catch-up failed since a preview made everything: one may carry what it made
        self.deferred = False  # this preview carries the previous one's search index, open data and finder's data
        self.export_paths: set[str] = set()  # the open data's files in the preview in place
        self.export_facts: dict = {}  # what the open-data page shows of them (`Export.facts`)
        self.observer = None  # `mkdocs serve`: the data folder's native watcher, if any (watching.py)

    def on_startup(self, *, command, dirty):
        self.command = command
        self.dirty = dirty

    def on_config(self, config):
        # first: a catch-up writes into the site in place. One still running is cancelled, not waited
        # for: it changed nothing, and this build carries what is in place again (catchup.py). A failed
        # one is remembered until a preview has made the search index, open data and finder's data itself (a failed
        # build does not count)
        self.caught_up = self.catchup.cancel() and self.caught_up
        if not self.config.enabled:
            return config
        # a dirty build updates site_dir in place; any other build (`mkdocs serve`'s previews too,
        # in its temporary folder) is staged, and reuses what the previous one wrote
        if self.command in ("build", "gh-deploy", "serve") and not self.dirty and self.stage is None:
            self.stage = staging.Stage.begin(Path(config.site_dir))
            config.site_dir = str(self.stage.temp)
        _refuse_unsupported(config)
        for path in EXTRA_CSS:
            if path not in config.extra_css:
                config.extra_css.insert(0, path)  # before the site's own, which may override ours
        for path in EXTRA_JAVASCRIPT:
            if path not in [str(script) for script in config.extra_javascript]:
                config.extra_javascript.insert(0, path)
        root = Path(config.config_file_path).resolve().parent
        data_dir = self.data_dir = (root / self.config.data_dir).resolve()
        started = time.perf_counter()
        # what loading and planning make is frozen after (collector.py); unfrozen once the build is
        # over (a preview server's then collected: catchup.py)
        with collector.paused():
            self._plan(config, root, data_dir, started)
        return config

    def _plan(self, config, root: Path, data_dir: Path, started: float) -> None:
        self.cache_dir = (root / self.config.cache_dir).resolve() if self.config.cache_dir else None
        if self.stage is not None and self.cache_dir is not None:
            self.stage.trash = self.cache_dir / TRASH  # the replaced site is removed from there, not waited for
        repo, report = validate(data_dir, display_root=root, cache=self.cache_dir, workers=self.config.workers)
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
        # content digests of the records, for page fingerprints: the parse cache's keys
        self.digests = incremental.record_digests(repo) if self.cache_dir is not None else None
        try:
            self.site = build_site(repo, graph, settings, self._templates())
        except CannotBuild as exc:  # a reason outside the data: said in one line, as data errors are
            raise PluginError(str(exc)) from None
        self.settings = settings
        self.pages = {_src(page.url): page for page in self.site.pages}
        log.info(f"thidua: {len(self.site.pages)} pages planned in {time.perf_counter() - started:.1f} s from the start")

    def on_serve(self, server, *, config, builder):
        # `mkdocs serve` watches docs_dir only; an edited record must rebuild the preview too
        # (by file notifications where it can, not MkDocs' polling: watching.py)
        if self.config.enabled:
            self.observer = watching.watch(server, self.data_dir)
        return server

    def on_files(self, files: Files, *, config):
        if not self.config.enabled:
            return files
        _refuse_unsupported(config)  # again: a later plugin's on_config may have changed them (offline)
        in_nav = {str(item) for item in _flatten(config.nav or [])}
        self.folders: dict[str, list[Page]] = {}
        for src, page in self.pages.items():
            if files.get_file_from_path(src) is not None:
                raise PluginError(f"thidua: {src} is generated from data; remove the hand-written file")
            if src in in_nav:
                files.append(File.generated(config, src, content=""))
            else:
                self.folders.setdefault(_folder(page.url), []).append(page)
        self.shells: dict[str, str] = {}
        self.frames: dict[str, chrome.Chrome] = {}
        for folder in sorted(self.folders):
            src = f"{folder}{chrome.SLUG}/index.md"
            self.shells[src] = folder
            files.append(File.generated(config, src, content="", inclusion=InclusionLevel.NOT_IN_NAV))
        self.pages = {src: page for src, page in self.pages.items() if src in in_nav}
        for redirect in self.site.redirects:
            files.append(File.generated(config, redirect.url + "index.html",
                                        content=redirect_html(redirect.url, redirect.target)))
        for path, source in ASSETS.items():
            if files.get_file_from_path(path) is None:  # a site's own copy (docs_dir, custom_dir) wins
                files.append(File.generated(config, path, abs_src_path=str(source)))
        self.texts = None
        self.export_entries: dict[str, list] = {}
        exports = self.site.exports
        site_dir = Path(config.site_dir)
        final = self.stage.final if self.stage is not None else site_dir
        self.deferred = False
        if (self.command == "serve" and self.stage is not None and self.caught_up and self.served is not None
                and self.served.site == final):
            # a preview after a preview: the search index, open data and the folders the core makes
            # late (the finder's data) catch up once it is shown
            writer = incremental.Writer(site_dir, final, self.served)
            if catchup.carry(writer, self.export_paths, search_index.wanted(config), sorted(self.site.later)):
                self.deferred, self.export_entries = True, writer.entries
                if exports is not None:  # the open-data page lists the files it carries
                    exports.assume(self.export_facts)
        late = tuple(sorted(self.site.later))  # folders (as "vinh-danh/du-lieu/")
        taken = sorted(f.dest_uri for f in files if f.dest_uri.startswith(late) or exports is not None and exports.owns(f.dest_uri))
        if taken:
            raise PluginError(f"thidua: {', '.join(taken[:5])} is written from data; remove the hand-written file")
        if not self.deferred:
            with collector.paused():  # bulk work, as planning is
                # straight into the site, as the open data: MkDocs would hold them to the end
                self.site.write_later(site_dir)
        for path, content in sorted(self.site.files.items()):
            files.append(File.generated(config, path, content=content))
        if self.deferred:
            return files
        if search_index.wanted(config):  # Pagefind indexes beside the rest of the build, in its own process
            self.texts = incremental.Writer(site_dir, final, self._previous(final))  # unchanged text files: linked
            self.search = search_index.start(site_dir, self.site.search, self.config.search_split_above, self.texts)
        if exports is not None:
            self._write_exports(site_dir, final)
        return files

    def _write_exports(self, site_dir: Path, final: Path) -> None:
        """Write the open-data files straight into the site folder, none held in memory: here, after
        MkDocs cleaned the folder and before it renders the open-data page, which lists their sizes.
        A file unchanged since the previous build is linked from it (listed in the pages' manifest)."""
        exports = self.site.exports
        assert exports is not None
        started = time.perf_counter()
        writer = incremental.Writer(site_dir, final, self._previous(final))
        exports.write(writer, site_dir)
        self.export_entries = writer.entries
        whole = sum(1 for entry in writer.entries.values() if entry[0] == "")  # listed by identity: Writer.placed
        log.info(f"thidua: open data written in {time.perf_counter() - started:.1f} s ({writer.written - whole} files "
                 f"written, {len(writer.entries) - writer.written} unchanged linked, calendars and feeds among them "
                 f"not even made; the database, CSV and ZIP made whole: {whole} files)")

    def _catch_up(self, final: Path, manifest: incremental.Manifest, site, export_paths: set[str], hand_written,
                  split_above: int, trash: Path | None, halt: catchup.Halt) -> None:
        """The thread of `catchup.Catchup`: the search index, open data and late folders of the
        preview in place, and what the next preview needs of them (read once it has cancelled or
        waited for this thread; a cancelled one changes neither)."""
        paths = catchup.bring_up_to_date(halt, final, manifest, site.exports, export_paths, site.search,
                                         hand_written, split_above, trash, site.later)
        if site.exports is not None:
            self.export_paths, self.export_facts = paths, site.exports.facts()

    def _templates(self) -> TemplateCache | None:
        """Compiled templates kept in the cache folder, ours and the theme's (template_cache.py)."""
        return template_cache(self.cache_dir / TEMPLATES) if self.cache_dir is not None else None

    def on_env(self, env, *, config, files):
        if self.config.enabled:
            if env.bytecode_cache is None:
                env.bytecode_cache = self._templates()
            self.env = env
            self.toc_item = env.get_template("partials/toc-item.html")
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        if not self.config.enabled:
            return markdown
        src = page.file.src_uri
        if src in self.shells:
            page.meta.update(title=chrome.TITLE, description=chrome.DESCRIPTION, thidua_head=chrome.HEAD_TAG,
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
        # Not parsed by Material's search plugin: the search index drops its entries of generated
        # pages, and takes the core's documents of those searched (`search.Documents`)
        page.meta["search"] = {"exclude": True}
        return ""

    def on_page_content(self, html, *, page, config, files):
        if not self.config.enabled:
            return html
        src = page.file.src_uri
        if src in self.shells:
            page.toc = get_toc([{"level": 2, "id": chrome.TOC, "name": chrome.TOC, "children": []}])
            return chrome.BODY + chrome.NO_H1
        ours = self.pages.get(src)
        if ours is None:
            return html
        page.toc = get_toc(_toc_tokens(ours))
        return ours.body

    # Last: the chrome is then the page as every other plugin left it (minified, assets made
    # local by Material's privacy plugin...), and record pages inherit that.
    @event_priority(-100)
    def on_post_page(self, output, *, page, config):
        if not self.config.enabled:
            return output
        folder = self.shells.get(page.file.src_uri)
        if folder is not None:
            self.frames[folder] = chrome.Chrome.cut(
                output, where=f"the placeholder page of {folder or 'the site root'} ({page.file.src_uri})",
                integrated_toc="toc.integrate" in (config.theme.get("features") or []))
        return output

    def write_pages(self, site_dir: Path, config) -> None:
        """Write every record page into its folder's chrome, split over worker processes.

        A page whose inputs are those of the previous build (incremental.py: same stamp, same
        fingerprint, same lookups) and whose file in the previous site is still the one written
        then, is hard-linked from the previous site without being rendered; a page rendered
        into the bytes the previous build wrote is linked too. The staging folder gets a
        complete site, the old one is untouched."""
        jobs = [(folder, page) for folder in sorted(self.folders) for page in self.folders[folder]]
        final = self.stage.final if self.stage is not None else site_dir
        stamp = self._stamp(config)
        parts = self._write_shares(site_dir, final, stamp, config, jobs)
        self.manifest = incremental.Manifest(final, {}, stamp)
        written = rendered = 0
        for part in parts:
            self.manifest.pages.update(part.entries)
            self.manifest.inputs.update(part.inputs)
            self.manifest.lookups.update(part.lookups)
            self.manifest.packed += part.packed
            written += part.written
            rendered += part.rendered
        log.info(f"thidua: {written} of {len(jobs)} record pages written, {len(jobs) - written} unchanged "
                 f"{'kept' if final == site_dir else 'linked from the previous site'} "
                 f"({rendered} rendered, {len(jobs) - rendered} with unchanged inputs not rendered)")

    def _write_shares(self, site_dir: Path, final: Path, stamp: str, config, jobs) -> list[incremental.Pages]:
        """`write_pages`' work, split over the workers: what each share wrote. What it held to
        decide (the memos of the fingerprints and lookups) goes when it returns."""
        workers = self.config.workers or parallel.cpu_count()
        previous = self._previous(final)
        writer = incremental.Writer(site_dir, final, previous)
        fingerprinter = tracker = None
        renderer = inputs.renderer_of(jobs[0][1]) if jobs else None
        # with a cache, in a build that lists its pages for the next (not `mkdocs serve`): pages' inputs are tracked
        listed = self.stage is not None or (self.dirty and self.command == "build")
        if renderer is not None and self.digests is not None and listed:
            # a preview server hands the lines' digests from one preview to the next
            fingerprinter = inputs.Fingerprinter(renderer.repo, self.digests, renderer,
                                                 self.line_digests if self.command == "serve" else None)
            tracker = inputs.Tracker(renderer.repo, renderer.graph, fingerprinter)
        # a build's manifest is written, a preview's handed to the next: only a build's is packed as it goes
        reuse = incremental.Reuse(writer, previous, stamp, fingerprinter, tracker,
                                  PACK_EVERY if self.command == "build" else None)
        if workers > 1 and len(jobs) >= FORK_MIN_PAGES_PER_WORKER * workers and parallel.can_fork():
            render.freeze_for_fork()
            # each share's inputs come back pickled (Pages.pack): this process never holds them all
            parts = parallel.fork_map(lambda i: self._write(reuse, config, jobs[i::workers]).pack(), workers)
        else:
            parts = [self._write(reuse, config, jobs)]
        if fingerprinter is not None and fingerprinter.lines is not None:
            self.line_digests = fingerprinter.lines  # this preview's only: an edited line's old one goes
        return parts

    def _previous(self, final: Path) -> incremental.Manifest:
        """What the previous build wrote into `final`: the manifest on disk, or under `mkdocs serve`
        the last preview's (a preview's temporary folder is not the site the manifest lists)."""
        if self.command == "serve":
            return self.served if self.served is not None and self.served.site == final else incremental.Manifest(final, {})
        return incremental.Manifest.read(self.cache_dir, final)

    def _stamp(self, config) -> str:
        """What every record page depends on besides its own inputs: this package and the theme
        override, the configuration file and this plugin's options (the worker count aside in
        both: output does not depend on it), the build date, and each folder's chrome as Material
        rendered it."""
        theme_dir = config.theme.custom_dir
        return incremental.stamp(
            [PACKAGE] + ([Path(theme_dir)] if theme_dir else []), _config_source(Path(config.config_file_path)),
            {k: v for k, v in self.config.items() if k != "workers"}, self.settings, config.site_description,
            config.theme.dirs, sorted(dict(config.theme).items()), sorted(self.frames.items()))

    def _write(self, reuse: incremental.Reuse, config, jobs) -> incremental.Pages:
        default_description = config.site_description or ""

        def render(folder: str, ours: Page) -> bytes:
            toc = chrome.squeeze("".join(self.toc_item.render(toc_item=item, config=config)
                                         for item in get_toc(_toc_tokens(ours))))
            html = self.frames[folder].fill(
                title=ours.title, description=ours.description or default_description, head=ours.head,
                body=ours.body, toc=toc, first=ours.toc[0].id if ours.toc else None,
                slug=ours.url.rstrip("/").rsplit("/", 1)[-1])
            ours.release()
            return html.encode("utf-8")

        for folder, ours in jobs:
            reuse.page(ours.url + "index.html", ours, partial(render, folder, ours))
        return reuse.result()

    @event_priority(-100)  # after Material's search plugin has written its index
    def on_post_build(self, *, config):
        if not self.config.enabled:
            return
        site_dir = Path(config.site_dir)
        generated = {page.url for page in self.site.pages}
        hand_written = None
        if self.search is not None:  # Material's index is written: the hand-written pages join ours
            search_index.finish(self.search, search_index.take_hand_written(site_dir, generated))
        elif self.deferred and search_index.wanted(config):  # they join ours in the catch-up
            hand_written = search_index.take_hand_written(site_dir, generated)
        for folder in self.shells.values():
            shutil.rmtree(site_dir / folder / chrome.SLUG, ignore_errors=True)
        started = time.perf_counter()
        self.write_pages(site_dir, config)
        self.manifest.pages.update(self.export_entries)  # the open data's files, written (or carried) in on_files
        log.info(f"thidua: record pages written in {time.perf_counter() - started:.1f} s")
        mkdocs_pages = [file.url.removeprefix("./") for file in self.files.documentation_pages() if file.src_uri not in self.shells]
        sitemap.write(site_dir, self.env, config, mkdocs_pages + [p.url for p in self.site.pages],
                      self.settings.build_date)
        if self.search is not None:
            search, self.search = self.search, None
            search.close()
        if self.texts is not None:  # the search results' text files (pagefind/t/), the province bundles once closed
            self.manifest.pages.update(self.texts.entries)
        previewed, job = False, None  # `mkdocs serve`: a preview put in place, and its catch-up (catchup.py)
        if self.stage is not None:
            stage, self.stage = self.stage, None
            if config.strict and staging.strict_warnings():  # MkDocs raises right after this event: keep the old site
                stage.abandon()
            else:
                stage.commit()
                config.site_dir = str(stage.final)  # gh-deploy reads it after the build
                if self.command == "serve":  # kept in memory: the manifest on disk is `mkdocs build`'s
                    self.served = self.manifest
                    previewed = True
                    if self.deferred:
                        job = partial(self._catch_up, stage.final, self.manifest, self.site, self.export_paths,
                                      hand_written, self.config.search_split_above, stage.trash)
                    else:  # it made the search index, open data and finder's data itself
                        self.caught_up = True
                        if self.site.exports is not None:  # `export_entries`: the open data's files alone
                            self.export_paths, self.export_facts = set(self.export_entries), self.site.exports.facts()
                else:
                    self.manifest.write(self.cache_dir)  # only now: it describes the site in place
        elif self.dirty and self.command == "build":
            self.manifest.write(self.cache_dir)
        gc.unfreeze()  # the build is over: what it froze may be collected (tests build many sites in one process)
        if previewed:  # after the unfreeze: the thread then collects what the previous preview left
            self.catchup.start(job)

    def on_shutdown(self):
        if self.observer is not None:  # the data folder's watcher (watching.py)
            self.observer.stop()
            self.observer.join()
            self.observer = None
        self.catchup.stop()  # before `mkdocs serve` removes the preview's folder
        self._abandon()  # Ctrl+C during a build skips on_build_error

    def on_build_error(self, *, error):
        gc.unfreeze()
        self._abandon()

    def _abandon(self) -> None:
        """A build that did not end: Pagefind stopped, its staging folder removed."""
        if self.search is not None:
            self.search.abandon()
            self.search = None
        if self.stage is not None:
            self.stage.abandon()
            self.stage = None

    def on_nav(self, nav, *, config, files):
        self.files = files  # the final file list: MkDocs' own pages, for the sitemap
        return nav


def _refuse_unsupported(config) -> None:
    """Settings under which the chrome of one page cannot serve its folder's other pages."""
    if config.theme.name != "material":
        raise PluginError(f"thidua: the theme must be Material for MkDocs (theme.name: material), "
                          f"not {config.theme.name!r}: record pages are cut from Material's markup")
    if not config.use_directory_urls:
        # Every generated page is <folder>/<id>/index.html and links relative to that depth.
        raise PluginError("thidua: use_directory_urls: false is not supported: generated pages are "
                          "<folder>/<id>/index.html; remove the setting (the default is true) and "
                          "plugins that set it (Material's offline plugin)")


def _config_source(path: Path) -> bytes:
    """The configuration file as its YAML nodes say it, written out again: its comments, layout and
    this plugin's `workers` left out, none of which changes a page. Its tags are kept as written
    (`!ENV`, `!!python/name`), not resolved: the values MkDocs made of them are stamped elsewhere or
    show in the chrome. A file this cannot compose is taken as it is, byte for byte."""
    text = path.read_bytes()
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return text
    if not isinstance(root, yaml.MappingNode):
        return text
    root = _mapping(root, [(key, _plugins(value) if key.value == "plugins" else value) for key, value in root.value])
    return yaml.serialize(root, encoding="utf-8")


# `workers` is taken out of copies of the nodes on the way to the plugin's options, never out of the
# nodes themselves: one written elsewhere too (an anchor, `&defaults`, that `extra:` also names) keeps
# it there, where a template may read it.
_MERGE = "tag:yaml.org,2002:merge"


def _mapping(node: yaml.MappingNode, value: list) -> yaml.MappingNode:
    return yaml.MappingNode(node.tag, value, flow_style=node.flow_style)


def _plugins(node: yaml.Node) -> yaml.Node:
    """`plugins:`, a list of names and {name: options}, or one mapping of them, with this plugin's
    options `_without_workers`."""
    if isinstance(node, yaml.SequenceNode):
        return yaml.SequenceNode(node.tag, [_plugins(entry) for entry in node.value], flow_style=node.flow_style)
    if not isinstance(node, yaml.MappingNode):
        return node
    return _mapping(node, [(name, _without_workers(options, {}) if name.value == "thidua" else options)
                           for name, options in node.value])


def _without_workers(node: yaml.Node, copies: dict[int, yaml.Node]) -> yaml.Node:
    """The options `node` without `workers`, nor the mappings merged into it (`<<: *defaults`, or
    a list of them). `copies`: the copy of each node met so far, so that a node merged twice is one
    copy and a mapping merged into itself ends."""
    if id(node) in copies:
        return copies[id(node)]
    if isinstance(node, yaml.SequenceNode):  # `<<: [*a, *b]`
        copy: yaml.Node = yaml.SequenceNode(node.tag, [], flow_style=node.flow_style)
        copies[id(node)] = copy
        copy.value = [_without_workers(item, copies) for item in node.value]
        return copy
    if isinstance(node, yaml.MappingNode):
        copy = _mapping(node, [])
        copies[id(node)] = copy
        copy.value = [(key, _without_workers(value, copies) if key.tag == _MERGE else value)
                      for key, value in node.value if key.value != "workers"]
        return copy
    return node


def _src(url: str) -> str:
    return f"{url}index.md"


def _folder(url: str) -> str:
    """'van-ban/kh-x/' -> 'van-ban/': pages of one folder share their chrome (same depth, same links)."""
    parent = url.rstrip("/").rpartition("/")[0]
    return f"{parent}/" if parent else ""


def _build_date(value: str | None) -> _dt.date:
    if value:
        return _dt.date.fromisoformat(value)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return _dt.datetime.fromtimestamp(int(epoch), _dt.UTC).date()
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


def _toc_tokens(page: Page) -> list[Any]:  # Python-Markdown's toc tokens (MkDocs' _TocToken)
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
