"""The site search's build step: Pagefind's index from the core's documents, Material's index emptied.

Material's search plugin writes `search/search_index.json` from every page's HTML, and Material's
search box fetches it on every page load. Search now runs on Pagefind (`pagefind_index.py`; the
browser side is assets/javascripts/search-worker.js, started in Material's place by
theme/partials/search.html). `rewrite_index` (called in `on_post_build`, after Material's plugin
and after the record pages are written, inside the staging folder) reads the hand-written pages'
entries out of Material's index, writes the Pagefind index of every page, and leaves Material's
index with its config and no entries: the search box still starts, and loads nothing it does not
use. See docs/SEARCH.md.
"""
from __future__ import annotations

import json
from pathlib import Path

from . import pagefind_index

INDEX = "search/search_index.json"


def rewrite_index(site_dir: Path, generated: set[str], ours,
                  split_above: int = pagefind_index.SPLIT_ABOVE) -> dict | None:
    """Write the Pagefind index of `ours` (the core's documents) and of the hand-written pages, split
    per province above `split_above` pages; return its counts, or None without Material's search
    plugin (no search box to serve)."""
    path = Path(site_dir) / INDEX
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    docs = pagefind_index.hand_written(data, generated)
    ours = ours or []
    counts = pagefind_index.write(site_dir, _chain(docs, ours), len(docs) + len(ours), split_above)
    config = dict(data.get("config", {}))
    config["thidua"] = {"engine": "pagefind", "path": pagefind_index.OUTPUT + "/"}
    path.write_text(json.dumps({"config": config, "docs": []}, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")
    return counts


def _chain(first, second):
    yield from first
    yield from second
