#!/usr/bin/env python3
"""Site search measured against its anchor, Pagefind over the built pages, in the same run (issue 13).

    python benchmarks/search.py --scale province [--out benchmarks/out/search] [--json FILE]
    python benchmarks/search.py --site path/to/built/site       # measure a site already built
    python benchmarks/search.py --site ... --province "tỉnh Thanh Hóa" --engines ours

Builds the site at the chosen scale (benchmarks/generate.py; `demo` is the real data/) with
`mkdocs build` (which writes our index, pagefind/), indexes the same built pages with Pagefind as
it comes (`python -m pagefind --site site --output-subdir pagefind-raw`, timed), then in headless
Chromium runs each query of the issue twice:

- ours: typed into the site's search box, as a reader does (the worker, the filters, the fragments
  of the results it ranks);
- Pagefind as it comes: `pagefind.search(query)` on pagefind-raw/ and the fragments of the first 5
  results (what its default UI loads first).

For each: the bytes of every search file fetched for the first query on a fresh page and for a
second query on the same page, as sent over the wire (Pagefind's index files are compressed
already; JavaScript and JSON gzip-compressed, as any server sends them), and the result list.
With `--province`, ours is measured a second time with that province chosen in the filters after
each first query (a site whose index is split per province searches its bundle then), the second
query in it too. Needs Debian's chromium and Playwright (the test extras).
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

# The queries; the second of each pair is the "second query" on the same page.
QUERIES = ["nong thon moi", "Le Van Dinh", "bang khen", "ho ngheo", "Dong Nai", "nguyen van an"]
SECOND = "tran thi hoa"
SEARCH_FILES = re.compile(r"(^|/)(pagefind|pagefind-raw|search)/|search-worker\.js")
RAW = "pagefind-raw"


def build(data: Path, dest: Path) -> tuple[Path, float]:
    """`mkdocs build` of `data` into dest/site; return the site and the seconds it took."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import write_config  # the test suite's copy of mkdocs.yml, pointed at `data`

    dest.mkdir(parents=True, exist_ok=True)
    config = write_config(dest, data)
    started = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "-q", "-f", str(config)], check=True,
                   cwd=dest, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return dest / "site", time.perf_counter() - started


def pagefind_raw(site: Path) -> dict:
    """Pagefind as it comes over the built pages (all of them: it decides what to index)."""
    shutil.rmtree(site / RAW, ignore_errors=True)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", RAW],
                            capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    pages = re.search(r"Indexed (\d+) pages", result.stdout)
    return {"seconds": round(seconds, 1), "pages": int(pages.group(1)) if pages else None, **_size(site / RAW)}


def _size(folder: Path) -> dict:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files)}


def wire(path: Path) -> int:
    """Bytes on the wire: Pagefind's index files are gzip already; text is sent compressed."""
    data = path.read_bytes()
    return min(len(data), len(gzip.compress(data, 6)))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def kind_of(path: str) -> str:
    """What a search file is: the engine (JS, wasm), the page index (pf_meta, entry), filter lists,
    index chunks, fragments (a result's words and anchors) or texts (its original text)."""
    name = path.rsplit("/", 1)[-1]
    if "/t/" in f"/{path}" and name.endswith(".json.gz"):  # a page's original text, for a shown result
        return "text"
    if name.endswith(".pf_meta") or name == "pagefind-entry.json":
        return "meta"
    for suffix, kind in ((".pf_filter", "filter"), (".pf_index", "index"), (".pf_fragment", "fragment")):
        if name.endswith(suffix):
            return kind
    return "engine"


def by_kind(files: dict[str, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for path, size in files.items():
        out[kind_of(path)] = out.get(kind_of(path), 0) + size
    return dict(sorted(out.items()))


def _fetched(log: list[str], url: str, site: Path) -> dict[str, int]:
    out = {}
    for address in dict.fromkeys(log):
        path = address[len(url):].split("#")[0].split("?")[0]
        if address.startswith(url) and SEARCH_FILES.search(path) and (site / path).is_file():
            out[path] = wire(site / path)
    return out


def ours(page, url: str, site: Path, query: str, log: list[str], province: str | None = None) -> list[str]:
    """Type `query` into the search box, choose `province` in the filters unless it is chosen
    already; wait for the answer; return the result links shown."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    # the page's hook (plugins/thidua/mkdocs_plugin/assets/javascripts/search-hook.js) marks the
    # list with the query and province it shows, once rendered
    shows = ("([q, p]) => { const r = document.querySelector('.md-search-result');"
             " return r && r.getAttribute('data-td-query') === q && (p === null || r.getAttribute('data-td-scope') === p) }")
    page.wait_for_function(shows, arg=[query, None], timeout=120_000)
    if province is not None and page.locator('.td-search-filters button[aria-pressed="true"]').count() == 0:
        page.locator(f'.td-search-filters button[data-filter="tinh"][data-value="{province}"]').click()
    page.wait_for_function(shows, arg=[query, province], timeout=120_000)
    page.wait_for_timeout(300)
    links = page.locator(".md-search-result__item > a.md-search-result__link:first-child")  # pages, not sections
    return [re.sub(r"\?[^#]*", "", h.split(url, 1)[-1]) for h in
            links.evaluate_all("els => els.map(e => e.getAttribute('href'))")][:5]


def raw(page, query: str) -> list[str]:
    """Pagefind as it comes: its search and the first 5 results' fragments (its UI's first page)."""
    return page.evaluate("""async (q) => {
        const pf = await import('/RAW/pagefind.js');
        const s = await pf.search(q);
        const out = [];
        for (const r of s.results.slice(0, 5)) out.push((await r.data()).url.replace(/^\\//, ''));
        return out;
    }""".replace("RAW", RAW), query)


def measure(site: Path, queries=QUERIES, second: str = SECOND, engines=("ours", "pagefind"), browser=None,
            province: str | None = None) -> dict:
    """Run each query on a fresh page, then `second` on the same page, with each engine (ours in
    `province` if one is given); `browser`: a Playwright Chromium already running (the tests'),
    else one is started."""
    if browser is None:
        from playwright.sync_api import sync_playwright
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            try:
                return measure(site, queries, second, engines, browser, province)
            finally:
                browser.close()
    server, url = serve(site)
    out: dict = {engine: {} for engine in engines}
    try:
        for engine, run in (("ours", functools.partial(ours, province=province)), ("pagefind", None)):
            if engine not in engines:
                continue
            for query in queries:
                context = browser.new_context(locale="vi-VN")
                page = context.new_page()
                log: list[str] = []
                page.on("requestfinished", lambda request, log=log: log.append(request.url))
                page.goto(url + "gioi-thieu/")
                started = time.perf_counter()
                first = run(page, url, site, query, log) if run else raw(page, query)
                seconds = time.perf_counter() - started
                first_files = _fetched(log, url, site)
                log.clear()
                run(page, url, site, second, log) if run else raw(page, second)
                second_files = {k: v for k, v in _fetched(log, url, site).items() if k not in first_files}
                out[engine][query] = {
                    "results": first, "seconds": round(seconds, 2),
                    "first_bytes": sum(first_files.values()), "first_files": len(first_files),
                    "second_bytes": sum(second_files.values()), "second_files": len(second_files),
                    "first_by_kind": by_kind(first_files), "second_by_kind": by_kind(second_files)}
                context.close()
    finally:
        server.shutdown()
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="province")
    parser.add_argument("--site", type=Path, help="measure this built site instead of building one")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "search")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--engines", default="ours,pagefind", help="ours, pagefind (as it comes) or both")
    parser.add_argument("--province", action="append", default=[],
                        help="also measure ours with this province chosen (a value of the province filter)")
    args = parser.parse_args(argv)
    engines = tuple(args.engines.split(","))
    report: dict = {}
    if args.site:
        site = args.site
    else:
        data = ROOT / "data"
        if args.scale != "demo":
            from generate import generate
            data = args.out / f"{args.scale}-data"
            shutil.rmtree(data, ignore_errors=True)
            generate(args.scale, data)
        site, seconds = build(data, args.out / args.scale)
        report["build_seconds"] = round(seconds, 1)
    report["ours_index"] = _size(site / "pagefind")
    if "pagefind" in engines:
        report["pagefind_raw_index"] = pagefind_raw(site)
    report["queries"] = measure(site, engines=engines)
    for province in args.province:
        report.setdefault("queries_in", {})[province] = measure(site, engines=("ours",), province=province)["ours"]
    text = json.dumps(report, ensure_ascii=False, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    raise SystemExit(main())
