"""The search index: Pagefind's, written by `mkdocs build` from the core's documents (docs/SEARCH.md).

What it holds (every section, folded and closed words, the original text for results), that the
browser worker reads words at the positions Pagefind gives, and what a query downloads: at demo
scale always, at the benchmark's province scale in `test_province_downloads_within_budget`
(generates ~300 plans, ~1,000 decisions and ~19,000 honor-roll lines and builds them: about a minute).
"""
from __future__ import annotations

import gzip
import json
import sys
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT, build
import test_portal
from thidua.mkdocs_plugin.pagefind_index import page_html
from thidua.search import Doc, Section, index_words

frozen_site = test_portal.frozen_site  # the frozen data's site, built once per session
FIRST_BUDGET = 1024 * 1024  # bytes (gzip) a first query may download at province scale (issue 13)
SECOND_BUDGET = 300 * 1024  # and a second query on the same page


def fragments(site: Path) -> dict[str, dict]:
    """Every page Pagefind holds (its fragment files, gzip after a signature), by URL."""
    out = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes()).decode("utf-8")
        fragment = json.loads(data[data.index("{"):])
        out[fragment["url"]] = fragment
    return out


def test_every_page_and_section_is_indexed(frozen_site):
    pages = fragments(frozen_site)
    plan = pages["/van-ban/kh-so-gtvt-cao-bang-vi-nguoi-ngheo-2021-2025/"]
    # the signer and the issuer are words of the page; every part of the body is a section with its anchor
    assert "lez vanz dinhz" in plan["content"]
    anchors = {a["id"] for a in plan["anchors"]}
    assert len(anchors) > 20 and "noi-dung" in anchors
    blocks = json.loads(plan["meta"]["o"])
    assert blocks[0] == plan["meta"]["title"] and "Lê Văn Định" in blocks[1]
    # a decision: one section per public line, with the award form and the issuer for results
    decision = pages["/khen-thuong/qd-2987-ubnd-binh-thuan-2024/"]
    assert decision["meta"]["f"].startswith("Bằng khen") and decision["meta"]["k"] == "Quyết định khen thưởng"
    assert decision["meta"]["s"] == "1" and not decision["meta"]["title"].startswith("[")
    # the province then and the province today (Bình Thuận merged into Lâm Đồng in 2025)
    assert decision["filters"]["nam"] == ["2024"] and decision["filters"]["tinh"] == ["tỉnh Bình Thuận", "tỉnh Lâm Đồng"]
    # hand-written pages too, from Material's entries
    assert "/gioi-thieu/" in pages
    # the engine only: Material's box is the UI, and its own index is left empty
    assert (frozen_site / "pagefind" / "pagefind.js").is_file()
    assert not (frozen_site / "pagefind" / "pagefind-ui.js").exists()
    assert json.loads((frozen_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"] == []


def test_words_are_folded_and_closed():
    """Pagefind sees each word folded and closed, in the order a reader reads them; the original
    text goes along as metadata, so that word n there is word n here."""
    doc = Doc("van-ban/x/", "Kế hoạch số 12/KH-UBND", "Đồng Hòa · Lê Văn Định", [
        Section("1-muc-dich", "1. Mục đích", "Giúp hộ nghèo"), Section("b", "", "Hỗ trợ <vay> vốn & "),
        Section("", "", "Thủy")], kind="Kế hoạch", sample=True, provinces=["tỉnh Cao Bằng"])
    html = page_html(doc)
    assert "<h1 data-pagefind-weight=\"10\">kez hoachz soz 12z khz ubndz</h1>" in html
    assert "dongz hoaz lez vanz dinhz" in html
    assert '<h6 id="1-muc-dich" data-pagefind-weight="3">1z mucz dichz</h6><p>giupz hoz ngheoz</p>' in html
    assert '<h6 id="b" data-pagefind-weight="1">hoz troz vayz vonz</h6>' in html  # untitled: its text anchors it
    assert 'data-pagefind-filter="tinh:tỉnh Cao Bằng"' in html and 'data-pagefind-meta="s:1"' in html
    assert "&lt;vay&gt;" in html and "<vay>" not in html


@pytest.mark.parametrize("text, words", [
    ("Đồng Hòa, 2451/KH-UBND", ["dong", "hoa", "2451", "kh", "ubnd"]),
    (unicodedata.normalize("NFC", "Nguyễn Thị Thuý"), ["nguyen", "thi", "thuy"]),
    ("“Vì người nghèo - Không để ai bị bỏ lại phía sau”", ["vi", "nguoi", "ngheo", "khong", "de", "ai", "bi", "bo",
                                                          "lai", "phia", "sau"]),
    ("S'tiêng ½ Ⅻ 𝐀 日本 ﬁ", ["s", "tieng"]),  # what does not fold to a-z, 0-9 separates words, as in JS
])
def test_index_words(text, words):
    assert index_words(text) == words


def test_the_worker_reads_the_words_pagefind_counts(page, frozen_site):
    """The worker's folding, character by character, gives the same words as Python's, so the
    positions Pagefind returns fall on the words a result highlights."""
    from conftest import serve
    server, url = serve(frozen_site)
    texts = ["Đồng Hòa, 2451/KH-UBND", "S'tiêng ½ Ⅻ 𝐀 日本 ﬁ", "Ủy ban nhân dân tỉnh Bình Thuận", "Nậm Đét — “Cả nước” 2021-2025",
             unicodedata.normalize("NFC", "Hoà Thuỵ Khoẻ Quý")]
    try:
        page.goto(url + "gioi-thieu/")
        source = (frozen_site / "assets" / "javascripts" / "search-worker.js").read_text(encoding="utf-8")
        scan = source[source.index("  var folded = new Map();"):source.index("  /** The tone mark")]
        found = page.evaluate("(texts) => { var MARKS = /\\p{M}/gu; " + scan +
                              " return texts.map(t => scan(t).map(w => w.t)); }", texts)
    finally:
        server.shutdown()
    assert found == [index_words(t) for t in texts]


def test_province_downloads_within_budget(tmp_path, browser):
    """At the benchmark's province scale, what the issue's queries download, typed into the box:
    the first query on a fresh page within 1 MB, a second one on that page within 300 KB (gzip)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import search as bench
    from generate import generate

    data = tmp_path / "data"
    generate("province", data)
    build(tmp_path, data)
    site = tmp_path / "site"
    measured = bench.measure(site, engines=("ours",), browser=browser)["ours"]
    for query, m in measured.items():
        print(f"\nprovince {query!r}: first {m['first_bytes']} B in {m['first_files']} files, "
              f"second {m['second_bytes']} B; {m['results'][:3]}")
        assert m["results"], query
        assert m["first_bytes"] <= FIRST_BUDGET, (query, m)
        assert m["second_bytes"] <= SECOND_BUDGET, (query, m)
    # the plan its signer is searched for comes first even among ~1,000 decisions
    assert measured["Le Van Dinh"]["results"][0] == "van-ban/kh-so-gtvt-cao-bang-vi-nguoi-ngheo-2021-2025/"
