"""The search index stays small: compact entries for generated pages, recipients in the finder's shards,
and what a first query downloads measured in Chromium.

At the benchmark's province scale the same measurement runs when THIDUA_SEARCH_PROVINCE=1 (it
generates ~300 plans, ~1,000 decisions and ~18,000 honor-roll lines and builds them: about 30 s).
"""
from __future__ import annotations

import gzip
import html
import json
import sys
from pathlib import Path

from conftest import ROOT, build, serve
import test_portal
from thidua.search import TEXT_MAX

frozen_site = test_portal.frozen_site  # the frozen data's site, built once per session
BUDGET = 2 * 1024 * 1024  # bytes a first query may download on a phone (issue 6)
SEARCH_FILES = ("search/", "assets/javascripts/lunr/", "assets/javascripts/workers/", "search-worker.js",
                "vinh-danh/du-lieu/")


def load_index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_index_has_one_compact_entry_per_generated_page(site_dir):
    index = load_index(site_dir)
    docs = index["docs"]
    locations = [d["location"] for d in docs]
    assert len(locations) == len(set(locations))
    # generated pages: one entry each, no per-heading sections, short text
    generated = [d for d in docs if d["location"].startswith(("van-ban/", "co-quan/", "khen-thuong/", "dien-hinh/"))]
    assert generated and not [d for d in generated if "#" in d["location"]]
    # the cut applies to the plain text; HTML escaping then grows it ("Sở GD&ĐT" -> "Sở GD&amp;ĐT")
    assert max(len(html.unescape(d["text"])) for d in generated) <= TEXT_MAX
    # hand-written pages keep Material's entries, sections included
    assert "gioi-thieu/" in locations and any(l.startswith("gioi-thieu/#") for l in locations)
    # honor rolls repeat the decision pages: not indexed
    assert not [l for l in locations if l.startswith("vinh-danh/nam/")]
    # what the worker needs
    assert index["config"]["thidua"] == {"finder": "vinh-danh/du-lieu/", "decisions": "khen-thuong/"}
    assert (site_dir / "vinh-danh" / "du-lieu" / "index.json").is_file()
    assert (site_dir / "assets" / "javascripts" / "search-worker.js").is_file()


def test_entries_carry_what_readers_type(frozen_site):
    docs = {d["location"]: d for d in load_index(frozen_site)["docs"]}
    plan = docs["van-ban/kh-263-ubnd-binh-phuoc-2022/"]
    assert "263/KH-UBND" in plan["title"]
    # the authority's name today, so "Dong Nai" finds Bình Phước's plans
    assert "Ủy ban nhân dân tỉnh Bình Phước" in plan["text"] and "Đồng Nai" in plan["text"]
    commune = docs["co-quan/ubnd-xa-minh-tien/"]
    assert "UBND xã Minh Tiến" in commune["text"] and "Phù Cừ" in commune["text"]


def test_entries_are_nfc(site_dir):
    """The worker folds from NFC: any data gives NFC entries."""
    import unicodedata
    for doc in load_index(site_dir)["docs"]:
        assert unicodedata.is_normalized("NFC", doc["title"] + doc["text"])


def test_the_cut_holds_for_text_that_grows_when_escaped():
    """A valid record's entry is cut at TEXT_MAX characters of plain text, however much "&" and "<"
    grow it once escaped for Material: the limit is on what a result shows, not on bytes."""
    from thidua.search import _join

    text = _join(["Sở GD&ĐT <Bình Phước> & “các đơn vị” " * 40])
    assert len(text) <= TEXT_MAX
    escaped = html.escape(text, quote=False)  # as the adapter writes it for Material
    assert html.unescape(escaped) == text and len(escaped) > TEXT_MAX


def first_query_bytes(page, url: str, site: Path, query: str) -> dict:
    """Open a page, run one query, and add up the search files it fetched (raw and gzip-compressed)."""
    fetched: list[str] = []
    page.context.on("requestfinished", lambda request: fetched.append(request.url))
    page.goto(url + "gioi-thieu/")
    page.locator("input.md-search__input").click()
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
    page.wait_for_timeout(500)
    files = {}
    for address in dict.fromkeys(fetched):
        path = address[len(url):].split("#")[0].split("?")[0]
        if any(part in path for part in SEARCH_FILES) and (site / path).is_file():
            files[path] = (site / path).read_bytes()
    return {"files": {p: len(b) for p, b in files.items()}, "raw": sum(len(b) for b in files.values()),
            "gzip": sum(len(gzip.compress(b, 6)) for b in files.values())}


def test_first_query_downloads_little(page, frozen_site):
    server, url = serve(frozen_site)  # the frozen data: it has a "Nguyễn Thị Thúy" line
    try:
        measured = first_query_bytes(page, url, frozen_site, "nguyen thi thuy")
    finally:
        server.shutdown()
    print(f"\ndemo: index {(frozen_site / 'search' / 'search_index.json').stat().st_size} B; first query "
          f"{measured['raw']} B ({measured['gzip']} B gzip): {measured['files']}")
    assert "search/search_index.json" in measured["files"]
    assert [p for p in measured["files"] if p.startswith("vinh-danh/du-lieu/p/")], "no finder shard was fetched"
    assert measured["raw"] < BUDGET


def test_province_first_query_within_budget(tmp_path, page):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    data = tmp_path / "data"
    generate("province", data)
    build(tmp_path, data)
    site = tmp_path / "site"
    index = site / "search" / "search_index.json"
    print(f"\nprovince: index {index.stat().st_size} B ({len(gzip.compress(index.read_bytes(), 6))} B gzip), "
          f"{len(load_index(site)['docs'])} entries")
    server, url = serve(site)
    try:
        for query in ("nguyen van an", "Dong Nai", "nguoi ngheo"):
            measured = first_query_bytes(page, url, site, query)
            print(f"  {query!r}: {measured['raw']} B ({measured['gzip']} B gzip), {len(measured['files'])} files")
            assert measured["raw"] < BUDGET
    finally:
        server.shutdown()
