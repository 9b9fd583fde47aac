"""The site search index: Pagefind over the core's full-text documents, written as part of `mkdocs build`.

`search_index` drives an `Index` through the build: documents are added from `on_files` on, while
Pagefind (its own process, the other core) indexes them beside the rest of the build, and the
index lands in the new site (`pagefind/`) before the staging folder is swapped in. The service
handles its messages one at a time, in order, so pages are sent without waiting for answers and
the index is the same as when asked one by one.

Pagefind is fed one small synthetic HTML page per site page (its indexing service, page by page:
the real pages are not parsed again), in which every word is written **folded** (lower case, no diacritics, đ as
d: `search.index_words`) and **closed** with `z` ("hộ" -> `hoz`; a name joined at an apostrophe with
its parts, `search.index_tokens`). So a reader's "ho" matches
hộ, hồ, họ (`hoz`) and never hòa or hội (`hoaz`, `hoiz`): the browser worker (search-worker.js)
sends whole words closed and only the word being typed open, which Pagefind matches as a
prefix. What a result shows comes from the page's metadata, in the original spelling (its
title, kind, number, issuer, year), and from its text file, `pagefind/t/<name>.json.gz` (the
metadata `t` names it): the blocks of text the words came from, word for word, so the worker
maps Pagefind's word positions back onto the original text to highlight it and to rank exact
diacritics and phrases first. The text is not metadata because Pagefind 1.5 indexes every
metadata value as words too: a third of its indexing time at province scale went to it.

**Bundles.** Up to `SPLIT_ABOVE` generated pages (the benchmark's province scale and below) the index is
one Pagefind bundle, `pagefind/`. Above it one bundle would not do: a query for a common word
fetches that word's postings over the whole site, and Pagefind's search time grows with the
square of the pages a query matches (docs/SEARCH.md: 1 MB and 30 s for "nong thon moi" over only
the titles and heads of the national scale's 70,000 pages). So the index is split: `pagefind/<province>/`
holds the pages of one province (as it is today), in full; `pagefind/ca-nuoc/` the pages of no
province (campaigns, award forms, national documents, listings, hand-written pages) and the
directory of authorities (pages without sections: a name, a level, a place), so that those are
found from anywhere. `pagefind/` then holds Pagefind's engine and an empty index for the worker
to merge bundles into (Pagefind's `mergeIndex`), and `bundles.json` says which bundle holds which
province. See docs/SEARCH.md.
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import html
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import zlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TextIO

from mkdocs.exceptions import PluginError

from ..search import Doc, Section, index_tokens, index_words
from ..sink import Sink
from .pagefind_order import META_DIGITS, gzipped, read_data, reorder, write_data

log = logging.getLogger("mkdocs.plugins.thidua")

OUTPUT = "pagefind"
CLOSE = "z"  # appended to every indexed word: a closed word is matched whole, never as a prefix
# Weights (Pagefind: 0-10) of what a result is named by, over body text (1).
TITLE_WEIGHT = 10
HEAD_WEIGHT = 5
HEADING_WEIGHT = 3
# One bundle up to this many pages; split per province above (see the module's docstring). At
# 1,900 pages a second query fetches up to 217 KB of its 300 KB budget, and what it fetches grows
# with the pages (docs/SEARCH.md).
SPLIT_ABOVE = 3000
NATIONAL = "ca-nuoc"  # when split: the bundle searched with no province chosen
PARALLEL = 2  # bundles indexed at once when split (Pagefind indexes one on one core; 1 GB at most each)
BUNDLES = "bundles.json"  # {"default": bundles searched with no province chosen, "tinh": {province: bundles}}
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
ENGINE = ("pagefind.js", "pagefind-worker.js")  # and the wasm file: one copy, in pagefind/
# pagefind/t/<name>.json.gz: each page's original text, fetched by the worker for the results it
# shows; one folder for every bundle (`text_file`); in a rebuild, linked from the previous site
# when the previous build wrote the same name (`Index`'s sink)
TEXTS = "t"


def closed(text: str) -> str:
    return " ".join(index_tokens(text, CLOSE))  # "hộ Đinh H'Luih" -> "hoz dinhz hluihz-hz-luihz"


def _meta(key: str, value: str) -> str:
    return f'<span data-pagefind-meta="{key}:{html.escape(value)}"></span>'


def _filter(key: str, value: str) -> str:
    return f'<span data-pagefind-filter="{key}:{html.escape(value)}"></span>'


def text_file(doc: Doc) -> tuple[str, bytes]:
    """The page's original text for the worker, block by block (title, head, then [anchor, heading,
    text] per section; JSON), and its name: 16 hex digits of the JSON's BLAKE2b, so the same text
    is one file however many pages or bundles hold it."""
    blocks: list = [doc.title, doc.head] + [[s.anchor, s.heading, s.text] for s in doc.sections]
    data = json.dumps(blocks, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.blake2b(data, digest_size=8).hexdigest(), data


def page_html(doc: Doc, text_name: str) -> str:
    """The page as Pagefind sees it: folded words, weighted by where they stand, a heading with
    the section's id wherever a result may link; metadata and filters in the original spelling;
    `text_name` names its text file (`text_file`)."""
    body = [f'<h1 data-pagefind-weight="{TITLE_WEIGHT}">{closed(doc.title)}</h1>',
            f'<p data-pagefind-weight="{HEAD_WEIGHT}">{closed(doc.head)}</p>']
    for section in doc.sections:
        heading, text = closed(section.heading), closed(section.text)
        if section.anchor and heading:
            body.append(f'<h6 id="{html.escape(section.anchor)}" data-pagefind-weight="{HEADING_WEIGHT}">{heading}</h6>'
                        f'<p>{text}</p>')
        elif section.anchor and text:  # an untitled part: its text is the heading Pagefind needs for the anchor
            body.append(f'<h6 id="{html.escape(section.anchor)}" data-pagefind-weight="1">{text}</h6>')
        else:
            body.append(f"<p>{heading} {text}</p>")
    meta = [_meta("title", doc.title), _meta("k", doc.kind), _meta("t", text_name)]
    meta += [_meta(key, value) for key, value in (("n", doc.number), ("a", doc.authority), ("y", doc.year),
                                                              ("f", doc.award)) if value]
    if doc.sample:
        meta.append(_meta("s", "1"))
    if doc.boost:
        meta.append(_meta("b", f"{doc.boost:g}"))
    filters = [_filter("loai", doc.kind)]
    if doc.boost and doc.boost > 1:  # the worker also asks for those of the highest alone (search-worker.js);
        filters.append(_filter("uu", f"{doc.boost:g}"))  # most pages (decisions, stories) have none
    if doc.year:
        filters.append(_filter("nam", doc.year))
    filters += [_filter("tinh", province) for province in doc.provinces or ()]
    return ('<!doctype html><html lang="vi"><head><meta charset="utf-8"><title></title></head><body>'
            f'<div data-pagefind-ignore>{"".join(meta + filters)}</div>'
            f'<main data-pagefind-body>{"".join(body)}</main></body></html>')


def hand_written(material_index: dict, generated: set[str]) -> list[Doc]:
    """Hand-written pages (content/), from Material's own index: a page and its sections."""
    pages: dict[str, Doc] = {}
    for entry in material_index.get("docs", []):
        location = entry["location"]
        url, _, anchor = location.partition("#")
        if url in generated:
            continue
        text = _plain(entry.get("text", ""))
        title = _plain(entry.get("title", ""))
        doc = pages.get(url)
        if doc is None:
            doc = pages[url] = Doc(url, title if not anchor else url, "", [])
        if anchor:
            doc.sections.append(Section(anchor, title, text))
        else:
            doc.title = title
            doc.sections.insert(0, Section("", "", text))
    return list(pages.values())


def _plain(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def write(site_dir: Path, docs, count: int | None = None, split_above: int = SPLIT_ABOVE) -> dict:
    """Index `docs` (`count` of them) into site_dir/pagefind at once: one bundle, or split per
    province above `split_above` pages; return counts and the time it took."""
    index = Index(site_dir, count is not None and count > split_above)
    try:
        for doc in docs:
            index.add(doc)
        index.finish()
        return index.close()
    except BaseException:
        index.abandon()
        raise


class Index:
    """The search index of one build, made while the build goes on: `add` each document as soon as
    it is known (Pagefind indexes it in its own process, on the other core), `finish` once all are
    given (Pagefind starts writing), `close` when the index must be on disk.

    One bundle, or (`split`) one per province (its pages) and the national bundle (the pages of no
    province, and the pages without sections: authorities). Pagefind holds a bundle in memory until
    it is written (about 200 bytes a word: one index of the national scale does not fit in 23 GB),
    so the national bundle is indexed as the documents come and each province's pages wait in a
    spool file for their turn in `close`: `PARALLEL` bundles in memory at a time, the documents
    made once.

    `sink` (`incremental.Writer`), if given, writes the text files: one the previous build wrote
    with the same name (the digest of its text) is then linked from the previous site, not made;
    and, when split, each province's bundle: one whose pages (as spooled, in order) are those of
    the previous build is linked whole from the previous site, not indexed (`Writer.reuse_folder`).

    `interrupt`, if given, is handed `kill` before Pagefind starts: another thread may then end
    the index's every wait for Pagefind (a preview's catch-up cancelled: `catchup.Halt.interrupt`)."""

    def __init__(self, site_dir: Path, split: bool, sink: Sink | None = None,
                 interrupt: Callable[[Callable[[], None]], None] | None = None):
        self.started = time.perf_counter()
        self.out = Path(site_dir) / OUTPUT
        shutil.rmtree(self.out, ignore_errors=True)
        self.split = split
        self.sink = sink
        self.pages = 0
        self.texts: set[str] = set()  # text files written
        self.tinh: dict[str, set[str]] = {}
        self.spools: dict[str, TextIO] = {}
        self.digests: dict[str, hashlib.blake2b] = {}  # per province: the digest of what its spool holds
        self.spool_dir = tempfile.TemporaryDirectory(prefix="thidua-search-") if split else None
        self.services: list[_Service] = []  # every Pagefind process started (`kill`)
        self.lock = threading.Lock()
        self.killed = False
        self.service: _Service | None = None
        try:  # a cancel from here on removes the spool folder too (`abandon`), not the collector later
            if interrupt is not None:  # before Pagefind starts: no wait for it is left uninterruptible
                interrupt(self.kill)
            self.service = self._spawn()
            self.index = self.service.new_index()
        except BaseException:
            self.abandon()
            raise

    def add(self, doc: Doc) -> None:
        assert self.service is not None
        self.pages += 1
        name, text = text_file(doc)
        if name not in self.texts:  # the same text (a page in two bundles, a twin page): one file
            if self.sink is not None:  # keyed by the whole text's digest (the name's 64 bits could be
                # forced to collide, and link a previous text) and zlib's version, which makes the bytes
                key = f"{hashlib.blake2b(text).hexdigest()}\0{zlib.ZLIB_RUNTIME_VERSION}"
                self.sink.keyed(f"{OUTPUT}/{TEXTS}/{name}.json.gz", key, partial(gzipped, text, 6))
            else:
                if not self.texts:
                    (self.out / TEXTS).mkdir(parents=True, exist_ok=True)
                (self.out / TEXTS / f"{name}.json.gz").write_bytes(gzipped(text, 6))
            self.texts.add(name)
        page = page_html(doc, name)
        if not self.split or not doc.provinces or not doc.sections:
            self.service.add(self.index, "/" + doc.url, page)
        if not self.split or not doc.provinces:
            return
        key = _key(doc.provinces[-1])  # the province today
        for province in doc.provinces:
            self.tinh.setdefault(province, set()).add(key)
        spool = self.spools.get(key)
        if spool is None:
            assert self.spool_dir is not None
            spool = self.spools[key] = gzip.open(Path(self.spool_dir.name) / key, "wt", encoding="utf-8",
                                                 compresslevel=1)
            self.digests[key] = hashlib.blake2b(digest_size=16)
        line = json.dumps(["/" + doc.url, page], ensure_ascii=False) + "\n"
        spool.write(line)
        self.digests[key].update(line.encode("utf-8"))

    def finish(self) -> None:
        """Every document is in: Pagefind writes the (national) bundle while the build goes on."""
        assert self.service is not None
        self.service.request_write(self.index, self.out / NATIONAL if self.split else self.out)

    def close(self) -> dict:
        """Wait for the index to be on disk (when split, index the provinces, `PARALLEL` bundles at
        a time); write which bundle holds which province; return counts."""
        try:
            return self._close()
        except BaseException:
            self.abandon()
            raise

    def _close(self) -> dict:
        waited = time.perf_counter()
        assert self.service is not None
        # (folder, service) of the bundles being written; a province's is begun when fewer than
        # PARALLEL are: Pagefind indexes a bundle on one core
        running: list[tuple[Path, _Service]] = [(self.out / NATIONAL if self.split else self.out, self.service)]
        self.service = None
        indexed: list[str] = []  # the provinces indexed now; the others' bundles are the previous build's
        try:
            for key in sorted(self.spools):
                self.spools[key].close()
                if self.sink is not None and self.sink.reuse_folder(f"{OUTPUT}/{key}/", self._bundle_key(key)):
                    continue  # the same pages in the same order as the previous build: its bundle, linked
                indexed.append(key)
                if len(running) >= PARALLEL:
                    _finished(*running.pop(0))
                assert self.spool_dir is not None
                service = self._spawn()
                running.append((self.out / key, service))
                index = service.new_index()
                with gzip.open(Path(self.spool_dir.name) / key, "rt", encoding="utf-8") as lines:
                    for line in lines:
                        url, page = json.loads(line)
                        service.add(index, url, page)
                service.request_write(index, self.out / key)
            while running:
                _finished(*running.pop(0))
        except BaseException as error:
            for _folder, service in running:
                service.__exit__(type(error), error, None)
            raise
        bundles: dict = {"default": [], "tinh": {}}
        if self.split:
            assert self.spool_dir is not None
            self.spool_dir.cleanup()
            _engine(self.out, [self.out / key for key in indexed])
            if self.sink is not None:  # listed with their input's digest: the next build may link them
                for key in indexed:
                    for path in sorted(p for p in (self.out / key).rglob("*") if p.is_file()):
                        self.sink.placed(path.relative_to(self.out.parent).as_posix(), self._bundle_key(key))
            bundles = {"default": [NATIONAL], "tinh": {p: sorted(keys) for p, keys in sorted(self.tinh.items())}}
        (self.out / BUNDLES).write_text(json.dumps(bundles, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                                        encoding="utf-8")
        now = time.perf_counter()
        size = sum(p.stat().st_size for p in self.out.rglob("*") if p.is_file())
        split = len({NATIONAL, *self.spools}) if self.split else 1
        linked = len(self.spools) - len(indexed)
        log.info(f"thidua: search index (Pagefind) of {self.pages} pages in {split} bundle(s) written "
                 f"({linked} of them unchanged, linked from the previous build) "
                 f"({size / 1e6:.1f} MB with {len(self.texts)} text files), "
                 f"{now - self.started:.1f} s after it began beside the build, "
                 f"{now - waited:.1f} s of it waited for at the end")
        return {"pages": self.pages, "bundles": split, "seconds": round(now - self.started, 2), "bytes": size}

    def _bundle_key(self, key: str) -> str:
        """What a province's bundle is made from: its pages as spooled, in order (Pagefind and this
        code aside: the sink adds them)."""
        return f"bundle\0{key}\0{self.digests[key].hexdigest()}"

    def _spawn(self) -> _Service:
        """A Pagefind process, unless the index was killed."""
        with self.lock:  # so `kill` kills every process started before it, and none starts after it
            if self.killed:
                raise PluginError("thidua: the search index was abandoned")
            service = _Service().__enter__()
            self.services.append(service)
            return service

    def kill(self) -> None:
        """From another thread (a preview's catch-up cancelled: catchup.py): kill Pagefind's processes
        now, and start no other. The thread indexing then fails at its next exchange with them, or as
        it waits for them, and abandons the index."""
        with self.lock:
            self.killed = True
            for service in self.services:
                service.process.kill()

    def abandon(self) -> None:
        """A failed build: stop Pagefind, drop the spool files."""
        if self.service is not None:
            self.service.__exit__(PluginError, None, None)
            self.service = None
        for spool in self.spools.values():
            spool.close()
        if self.spool_dir is not None:
            self.spool_dir.cleanup()


def _finished(out: Path, service: _Service) -> None:
    """Wait for `service` to have written its bundle into `out`, then stop it."""
    try:
        service.written(out)
    except BaseException as error:
        service.__exit__(type(error), error, None)
        raise
    service.__exit__(None, None, None)


def _key(province: str) -> str:
    """A province's bundle folder: 'tỉnh Đồng Nai' -> tinh-dong-nai."""
    key = "-".join(index_words(province)) or "khac"
    return key if key not in (TEXTS, NATIONAL) else f"{key}-tinh"  # never the folder of the texts or the national bundle


def _engine(out: Path, provinces: list[Path]) -> None:
    """One copy of Pagefind's engine in out/ (the national bundle's) and an empty index beside it:
    the worker opens out/ and merges the bundles it needs into it."""
    national = out / NATIONAL
    for path in sorted(national.iterdir()):
        if path.is_file() and (path.name in ENGINE or path.name.startswith("wasm.")):
            path.rename(out / path.name)
            for folder in provinces:
                (folder / path.name).unlink(missing_ok=True)
    entry = _entry(national)
    assert entry is not None  # checked when the bundle was written
    language, about = next(iter(entry["languages"].items()))
    meta = read_data(national / f"pagefind.{about['hash']}.pf_meta")
    empty = [meta[0]] + [[] for _ in meta[1:]]  # Pagefind's version, no pages, chunks, filters, sorts
    name = write_data(out, "pagefind.", language, META_DIGITS, ".pf_meta", empty, set())
    entry["languages"] = {language: {**about, "hash": name, "page_count": 0}}
    (out / "pagefind-entry.json").write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                                             encoding="utf-8")


def _entry(out: Path) -> dict | None:
    try:
        entry = json.loads((out / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return entry if isinstance(entry, dict) and entry.get("languages") else None


def _wait_written(out: Path, process: subprocess.Popen, timeout: float = 60.0) -> None:
    """Pagefind answers WriteFiles before its last files are on disk, and on end of input it exits
    without finishing them (seen: an empty pagefind-entry.json and wasm file in 3 of 8 province
    builds). So the service (`process`) is kept open until the entry file parses, no wasm file is
    empty and no file grew since the last look; if it ends meanwhile (killed: `Index.kill`), the
    index is not finished."""
    deadline = time.monotonic() + timeout
    last: dict[str, int] | None = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise PluginError("thidua: Pagefind stopped before it had written the search index")
        sizes = {p.name: p.stat().st_size for p in out.rglob("*") if p.is_file()}
        wasm = [size for name, size in sizes.items() if name.startswith("wasm.")]
        if _entry(out) is not None and wasm and all(wasm) and sizes == last:
            return
        last = sizes
        time.sleep(0.1)
    raise PluginError(f"thidua: Pagefind did not finish writing the search index within {timeout:.0f} s")


class _Service:
    """Pagefind's indexing service (`pagefind --service`, the protocol its Python API speaks:
    base64 JSON messages ending in a comma). Not its CLI over a folder: that reads pages in
    parallel and numbers them in the order they finish, so two builds of the same data would
    differ. Not its Python API either: it polls for each answer every 0.1 s.

    Pages are sent without waiting for their answers: the service handles its messages one at a
    time, in the order they came (its main loop awaits each), so the index is the same as when
    asked one by one, and Pagefind indexes in its own process while this one goes on. Answers are
    read as they come (never waiting) and all of them, errors checked, before the bundle is written."""

    def __enter__(self) -> _Service:
        from pagefind.service import get_executable  # the binary ships in the pagefind[extended] wheel

        binary = get_executable()
        if binary is None:
            raise PluginError("thidua: Pagefind's binary was not found: install pagefind[extended]")
        self.process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.process.stdout is not None
        self.out = self.process.stdout.fileno()
        self.buffer = b""
        self.next_id = 0
        self.answered = 0  # answers read: they come in the order asked
        self.error: str | None = None
        return self

    def __exit__(self, *exc) -> None:
        assert self.process.stdin is not None
        if exc[0] is not None:  # a failed build: the index is not wanted
            self.process.kill()
        try:
            self.process.stdin.close()
        except OSError:  # killed: what was left unsent goes nowhere
            pass
        self.process.wait(timeout=60)

    def new_index(self) -> int:
        return self.ask({"type": "NewIndex", "config": {"force_language": "vi"}})["index_id"]

    def add(self, index: int, url: str, page: str) -> None:
        self.send({"type": "AddFile", "index_id": index, "url": url, "file_path": None, "file_contents": page})
        self._read(block=False)

    def request_write(self, index: int, out: Path) -> None:
        """Ask Pagefind to write the bundle into `out`, not waiting: `written` waits."""
        self.send({"type": "WriteFiles", "index_id": index, "output_path": str(out)})
        assert self.process.stdin is not None
        self.process.stdin.flush()  # all of it sent now: a process forked later holds no unsent copy

    def written(self, out: Path) -> None:
        """Wait for the bundle asked for; keep the engine only, filters in a fixed order."""
        self._read(block=True)
        _wait_written(out, self.process)
        if _entry(out) is None:  # never ship a search that cannot start
            raise PluginError("thidua: Pagefind left pagefind-entry.json incomplete; nothing was published")
        for unused in UNUSED:
            (out / unused).unlink(missing_ok=True)  # the UI is Material's: only the engine is served
        reorder(out)  # filter lists in a fixed order: the same data gives the same files (pagefind_order.py)

    def send(self, payload: dict) -> None:
        assert self.process.stdin is not None
        self.next_id += 1
        message = {"message_id": self.next_id, "payload": payload}
        self.process.stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")

    def ask(self, payload: dict) -> dict:
        """Send `payload` and wait for its answer, and for every answer before it."""
        self.send(payload)
        assert self.process.stdin is not None
        self.process.stdin.flush()
        return self._read(block=True)

    def _read(self, block: bool) -> dict:
        """Read the answers that came (block: all of them, up to the last message sent); return the
        last one read. An error answer stops the build."""
        last: dict = {}
        os.set_blocking(self.out, block)
        while self.answered < self.next_id:
            while b"," not in self.buffer:
                try:
                    chunk = os.read(self.out, 1 << 16)
                except BlockingIOError:
                    return last
                if not chunk:
                    raise PluginError("thidua: Pagefind's service stopped while indexing")
                self.buffer += chunk
            raw, _, self.buffer = self.buffer.partition(b",")
            answer = json.loads(base64.b64decode(raw))
            if answer.get("message_id") is None:  # not an answer to a message of ours
                continue
            self.answered += 1
            last = answer.get("payload") or {}
            if last.get("type") == "Error":
                raise PluginError(f"thidua: Pagefind could not index the site: {last.get('message')}")
        return last
