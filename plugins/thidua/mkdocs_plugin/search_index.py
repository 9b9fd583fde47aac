"""Material's search-index format (`search/search_index.json`), filled with the core's entries.

Material's search plugin writes the index from every page's full HTML, split at each heading.
After it has, `rewrite_index` replaces the entries of generated pages by the compact plain-text
entries `thidua.search.entries` builds from the records, and adds under `config.thidua` what the
browser worker (assets/javascripts/search-worker.js) needs to look recipients up. Hand-written
pages keep Material's entries. See docs/SEARCH.md.
"""
from __future__ import annotations

import json
from html import escape
from pathlib import Path

from ..pages.urls import FINDER_DATA, section

INDEX = "search/search_index.json"


def as_doc(entry) -> dict:
    """One entry as Material's index holds it. Its result list inserts title and text as HTML:
    escape them, as Material's own HTML parser does for hand-written pages."""
    doc = {"location": entry.location, "title": escape(entry.title, quote=False),
           "text": escape(entry.text, quote=False)}
    if entry.boost is not None:
        doc["boost"] = entry.boost
    return doc


def finder_config(files: dict) -> dict:
    """What the worker needs to look recipients up; no finder data (no decisions) -> no lookup."""
    return {"finder": FINDER_DATA if FINDER_DATA + "index.json" in files else None,
            "decisions": section("decisions") + "/"}


def rewrite_index(site_dir: Path, generated: set[str], ours: list, extra_config: dict) -> dict | None:
    """Replace Material's entries for generated pages by ours; return sizes, or None without Material's index."""
    path = Path(site_dir) / INDEX
    if not path.is_file():
        return None
    before = path.stat().st_size
    data = json.loads(path.read_text(encoding="utf-8"))
    kept = [doc for doc in data.get("docs", []) if doc["location"].split("#", 1)[0] not in generated]
    docs = kept + [as_doc(entry) for entry in ours]
    config = dict(data.get("config", {}))
    config["thidua"] = extra_config
    text = json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return {"docs": len(docs), "bytes_before": before, "bytes": path.stat().st_size}
