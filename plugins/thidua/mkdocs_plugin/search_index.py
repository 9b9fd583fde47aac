"""The site search's build step: Pagefind's index from the core's documents, Material's index emptied.

Material's search plugin writes `search/search_index.json` from every page's HTML, and Material's
search box fetches it on every page load. Search now runs on Pagefind (`pagefind_index.py`; the
browser side is assets/javascripts/search-worker.js, started in Material's place by
assets/javascripts/search-hook.js). The index is made beside the build, in three steps:

- `start` (in `on_files`, once the pages are planned): the core's documents go to Pagefind, which
  indexes them in its own process while MkDocs and the plugin write the site;
- `finish` (in `on_post_build`, after Material's plugin): the hand-written pages' entries are read
  out of Material's index and added, Material's index is left with its config and no entries (the
  search box still starts, and loads nothing it does not use), and Pagefind starts writing;
- `close` (once the record pages are written, before the staging folder is swapped in): wait for
  the index to be on disk.

See docs/SEARCH.md.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ..search import Doc
from ..sink import Sink
from . import pagefind_index

INDEX = "search/search_index.json"


def wanted(config) -> bool:
    """Material's search plugin is on: there is a search box to serve."""
    return any(name.rpartition("/")[2] == "search" for name in config.plugins)


def start(site_dir: Path, ours, split_above: int = pagefind_index.SPLIT_ABOVE, sink: Sink | None = None,
          check: Callable[[], None] | None = None,
          interrupt: Callable[[Callable[[], None]], None] | None = None) -> pagefind_index.Index:
    """Hand the core's documents (None: none) to Pagefind: one bundle, or split per province above
    `split_above`. `sink`: writes the pages' text files; `interrupt`: is handed what kills Pagefind
    (`pagefind_index.Index`). `check`, if given, is called between documents: what it raises
    abandons the index (a preview's catch-up cancelled: catchup.py)."""
    ours = ours or []
    index = pagefind_index.Index(site_dir, len(ours) > split_above, sink, interrupt)
    try:
        for doc in ours:
            if check is not None:
                check()
            index.add(doc)
    except BaseException:
        index.abandon()
        raise
    return index


def finish(index: pagefind_index.Index, hand_written: list[Doc]) -> None:
    """Add the hand-written pages (`take_hand_written`), let Pagefind write."""
    for doc in hand_written:
        index.add(doc)
    index.finish()


def take_hand_written(site_dir: Path, generated: set[str]) -> list[Doc]:
    """The hand-written pages' entries of Material's index, which is left with its config only
    (pointing the search box at Pagefind's index)."""
    path = Path(site_dir) / INDEX
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    docs = pagefind_index.hand_written(data, generated)
    if path.is_file():
        config = dict(data.get("config", {}))
        config["thidua"] = {"engine": "pagefind", "path": pagefind_index.OUTPUT + "/"}
        path.write_text(json.dumps({"config": config, "docs": []}, ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8")
    return docs
