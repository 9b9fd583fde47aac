"""The site search index: Pagefind over the core's full-text documents, written as part of `mkdocs build`.

`search_index.rewrite_index` calls `write` in `on_post_build`, once the pages are written and
before the staging folder is swapped in, so the index lands in the new site (`pagefind/`).

Pagefind is fed one small synthetic HTML page per site page (its indexing service, page by page:
the real pages are not parsed again), in which every word is written **folded** (lower case, no diacritics, đ as
d: `search.index_words`) and **closed** with `z` ("hộ" -> `hoz`). So a reader's "ho" matches
hộ, hồ, họ (`hoz`) and never hòa or hội (`hoaz`, `hoiz`): the browser worker (search-worker.js)
sends whole words closed and only the word being typed open, which Pagefind matches as a
prefix. What a result shows comes from the page's metadata, in the original spelling: its
title, kind, number, issuer, year, and the blocks of text the words came from (`o`, JSON), word
for word, so the worker maps Pagefind's word positions back onto the original text to highlight
it and to rank exact diacritics and phrases first. See docs/SEARCH.md.
"""
from __future__ import annotations

import base64
import html
import json
import logging
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..search import Doc, Section, index_words
from .pagefind_order import reorder

log = logging.getLogger("mkdocs.plugins.thidua")

OUTPUT = "pagefind"
CLOSE = "z"  # appended to every indexed word: a closed word is matched whole, never as a prefix
# Weights (Pagefind: 0-10) of what a result is named by, over body text (1).
TITLE_WEIGHT = 10
HEAD_WEIGHT = 5
HEADING_WEIGHT = 3


def closed(text: str) -> str:
    return " ".join(word + CLOSE for word in index_words(text))


def _meta(key: str, value: str) -> str:
    return f'<span data-pagefind-meta="{key}:{html.escape(value)}"></span>'


def _filter(key: str, value: str) -> str:
    return f'<span data-pagefind-filter="{key}:{html.escape(value)}"></span>'


def page_html(doc: Doc) -> str:
    """The page as Pagefind sees it: folded words, weighted by where they stand, a heading with
    the section's id wherever a result may link; metadata and filters in the original spelling."""
    blocks: list = [doc.title, doc.head]
    body = [f'<h1 data-pagefind-weight="{TITLE_WEIGHT}">{closed(doc.title)}</h1>',
            f'<p data-pagefind-weight="{HEAD_WEIGHT}">{closed(doc.head)}</p>']
    for section in doc.sections:
        blocks.append([section.anchor, section.heading, section.text])
        heading, text = closed(section.heading), closed(section.text)
        if section.anchor and heading:
            body.append(f'<h6 id="{html.escape(section.anchor)}" data-pagefind-weight="{HEADING_WEIGHT}">{heading}</h6>'
                        f'<p>{text}</p>')
        elif section.anchor and text:  # an untitled part: its text is the heading Pagefind needs for the anchor
            body.append(f'<h6 id="{html.escape(section.anchor)}" data-pagefind-weight="1">{text}</h6>')
        else:
            body.append(f"<p>{heading} {text}</p>")
    meta = [_meta("title", doc.title), _meta("k", doc.kind), _meta("o", json.dumps(blocks, ensure_ascii=False))]
    meta += [_meta(key, value) for key, value in (("n", doc.number), ("a", doc.authority), ("y", doc.year),
                                                              ("f", doc.award)) if value]
    if doc.sample:
        meta.append(_meta("s", "1"))
    if doc.boost:
        meta.append(_meta("b", f"{doc.boost:g}"))
    filters = [_filter("loai", doc.kind)]
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


def write(site_dir: Path, docs) -> dict:
    """Index `docs` into site_dir/pagefind; return counts and the time it took."""
    started = time.perf_counter()
    out = Path(site_dir) / OUTPUT
    shutil.rmtree(out, ignore_errors=True)
    with _Service() as service:
        index = service.ask({"type": "NewIndex", "config": {"force_language": "vi"}})["index_id"]
        pages = 0
        for doc in docs:
            service.ask({"type": "AddFile", "index_id": index, "url": "/" + doc.url, "file_path": None,
                         "file_contents": page_html(doc)})
            pages += 1
        service.ask({"type": "WriteFiles", "index_id": index, "output_path": str(out)})
        _wait_written(out)
    if _entry(out) is None:  # never ship a search that cannot start
        raise PluginError("thidua: Pagefind left pagefind/pagefind-entry.json incomplete; nothing was published")
    for unused in ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                   "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js"):
        (out / unused).unlink(missing_ok=True)  # the UI is Material's: only the engine is served
    reorder(out)  # filter lists in a fixed order: the same data gives the same files (pagefind_order.py)
    seconds = time.perf_counter() - started
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    log.info(f"thidua: search index (Pagefind) of {pages} pages written in {seconds:.1f} s ({size / 1e6:.1f} MB)")
    return {"pages": pages, "seconds": round(seconds, 2), "bytes": size}


def _entry(out: Path) -> dict | None:
    try:
        entry = json.loads((out / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return entry if isinstance(entry, dict) and entry.get("languages") else None


def _wait_written(out: Path, timeout: float = 60.0) -> None:
    """Pagefind answers WriteFiles before its last files are on disk, and on end of input it exits
    without finishing them (seen: an empty pagefind-entry.json and wasm file in 3 of 8 province
    builds). So the service is kept open until the entry file parses, no wasm file is empty and no
    file grew since the last look."""
    deadline = time.monotonic() + timeout
    last: dict[str, int] | None = None
    while time.monotonic() < deadline:
        sizes = {p.name: p.stat().st_size for p in out.rglob("*") if p.is_file()}
        wasm = [size for name, size in sizes.items() if name.startswith("wasm.")]
        if _entry(out) is not None and wasm and all(wasm) and sizes == last:
            return
        last = sizes
        time.sleep(0.1)
    raise PluginError(f"thidua: Pagefind did not finish writing the search index within {timeout:.0f} s")


class _Service:
    """Pagefind's indexing service (`pagefind --service`, the protocol its Python API speaks:
    base64 JSON messages ending in a comma), asked one page at a time. Not its CLI over a folder:
    that reads pages in parallel and numbers them in the order they finish, so two builds of the
    same data would differ. Not its Python API either: it polls for each answer every 0.1 s."""

    def __enter__(self) -> _Service:
        from pagefind.service import get_executable  # the binary ships in the pagefind[extended] wheel

        binary = get_executable()
        if binary is None:
            raise PluginError("thidua: Pagefind's binary was not found: install pagefind[extended]")
        self.process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.buffer = b""
        self.next_id = 0
        return self

    def __exit__(self, *exc) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)

    def ask(self, payload: dict) -> dict:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.next_id += 1
        message = {"message_id": self.next_id, "payload": payload}
        self.process.stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
        self.process.stdin.flush()
        while True:
            while b"," not in self.buffer:
                chunk = os.read(self.process.stdout.fileno(), 1 << 16)
                if not chunk:
                    raise PluginError("thidua: Pagefind's service stopped while indexing")
                self.buffer += chunk
            raw, _, self.buffer = self.buffer.partition(b",")
            answer = json.loads(base64.b64decode(raw))
            if answer.get("message_id") in (self.next_id, None):
                break
        result = answer.get("payload") or {}
        if result.get("type") == "Error":
            raise PluginError(f"thidua: Pagefind could not index the site: {result.get('message')}")
        return result
