"""Build benchmark: one command per scale, printing what a build costs and how it compares
with what an office would otherwise do by hand.

    python benchmarks/run.py --scale province [--seed 1] [--out benchmarks/out] [--no-baseline]
                             [--pairs 5] [--incremental 3]

For the scale it generates the data (benchmarks/generate.py), times `thidua validate` without
and with its caches (the data unchanged, then after each of `--incremental` one-record edits, at
least one), builds the site with the thidua plugin, then writes the same pages
(bodies as HTML in Markdown, head tags in front matter) and builds them with stock MkDocs +
Material under the project's own theme settings, extensions, CSS, scripts and search plugin (the
baseline). Full builds run as interleaved pairs, each side first in turn; then rebuilds after a
one-record edit. Each build runs in a child process so its wall time and peak RSS are its own;
the load average is noted, as other work on the machine skews timings.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(cmd: list[str], cwd: Path | None = None) -> tuple[float, int, str]:
    """(wall seconds, peak RSS in bytes of the child, its output). Output goes to a temp file so
    the child can be reaped with wait4, which reports that child's own peak RSS."""
    import tempfile

    with tempfile.TemporaryFile("w+") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=log, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{output[-3000:]}")
    return wall, usage.ru_maxrss * 1024, output


def thidua_config(dest: Path, data: Path, name: str = "mkdocs.yml", **options) -> Path:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "content")
    config["theme"]["custom_dir"] = str(ROOT / "theme")
    config["site_dir"] = str(dest / "site")
    config["plugins"] = [
        {"thidua": {**entry["thidua"], "data_dir": str(data), "build_date": "2024-06-01", **options}}
        if isinstance(entry, dict) and "thidua" in entry else entry
        for entry in config["plugins"]
    ]
    path = dest / name
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_HEAD = re.compile(r'<meta name="description" content="([^"]*)"')


def baseline_docs(site: Path, docs: Path) -> int:
    """Write every generated page of `site` as a Markdown file in `docs`, with the same content:
    the page's body (tables, links, anchors) as HTML inside Markdown, its title, description and
    head tags (JSON-LD, Open Graph, alternates) in its front matter, where the project's theme
    override prints them. What a Material user would write to build this portal without the
    plugin. Returns the count."""
    if docs.exists():
        shutil.rmtree(docs)
    count = 0
    for page in sorted(site.rglob("index.html")):
        rel = page.parent.relative_to(site)
        if rel.parts and rel.parts[0] in ("search", "assets", "admin", "pagefind"):
            continue
        text = page.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", text, re.S)
        article = _ARTICLE.search(text)
        if not article or re.search(r'http-equiv="refresh"', text):
            continue
        target = docs / rel / "index.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        heading = html.unescape(title.group(1)).rsplit(" - ", 1)[0] if title else rel.name
        description = _HEAD.search(text)
        head = "\n".join(re.findall(r'<meta property="og:[^>]*>|<script type="application/ld\+json">.*?</script>'
                                     r'|<link rel="alternate"[^>]*>', text, re.S))
        meta = {"title": heading, "thidua_head": head}
        if description:
            meta["description"] = html.unescape(description.group(1))
        body = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", article.group(1))  # toc adds its own
        target.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, width=1 << 20) + "---\n\n"
                          + f'<div markdown="0">\n{body}\n</div>\n', encoding="utf-8")
        count += 1
    # the same static files: the site's own CSS and scripts, and the core's data files pages link to
    for rel_dir in ("assets/stylesheets/thidua.css", "assets/javascripts"):
        source = site / rel_dir
        if source.is_file():
            (docs / rel_dir).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, docs / rel_dir)
        elif source.is_dir():
            for item in source.glob("*.js"):
                if item.name in ("finder.js", "thidua.js"):
                    (docs / rel_dir).mkdir(parents=True, exist_ok=True)
                    shutil.copy2(item, docs / rel_dir / item.name)
    return count


def baseline_config(dest: Path, docs: Path) -> Path:
    """mkdocs.yml's own theme (features, palette, override), Markdown extensions, extra CSS and
    scripts and search settings: everything but the thidua plugin."""
    project = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config = {key: value for key, value in project.items() if key not in ("plugins", "nav", "docs_dir", "site_dir")}
    config["theme"] = {**project["theme"], "custom_dir": str(ROOT / "theme")}
    config.update(
        docs_dir=str(docs), site_dir=str(dest / "site"),
        extra_css=["assets/stylesheets/thidua.css", *project.get("extra_css", [])],
        extra_javascript=["assets/javascripts/thidua.js", *project.get("extra_javascript", [])],
        plugins=[entry for entry in project["plugins"] if entry == "search" or (isinstance(entry, dict) and "search" in entry)],
        # records are reached through index pages, as on the portal: not listed in the nav
        nav=_nav(project["nav"]),
        not_in_nav="/*/\n",
        validation={"links": {"not_found": "ignore", "unrecognized_links": "ignore"}, "nav": {"omitted_files": "ignore"}},
        strict=False,
    )
    path = dest / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _nav(items):
    """The project's nav, its hand-written pages ('gioi-thieu.md') as the baseline writes them."""
    def one(value):
        if isinstance(value, list):
            return _nav(value)
        return value if value.endswith("index.md") else value.removesuffix(".md") + "/index.md"
    return [{k: one(v) for k, v in item.items()} if isinstance(item, dict) else one(item) for item in items]


def size_of(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def pages_in(site: Path) -> int:
    """Pages the theme rendered: not redirects, nor static HTML copied as is (the CMS at admin/)."""
    return sum(1 for p in site.rglob("index.html") if '<article class="md-content__inner' in p.read_text(encoding="utf-8"))


def mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def load() -> float:
    return os.getloadavg()[0]


def stats(values: list[float]) -> dict:
    return {"min": round(min(values), 2), "median": round(statistics.median(values), 2), "all": [round(v, 2) for v in values]}


WRITTEN = re.compile(r"thidua: (\d+) of (\d+) record pages written")
RENDERED = re.compile(r"record pages written, .*\((\d+) rendered, ")
PARSED = re.compile(r"thidua: (\d+) of (\d+) data files parsed")


def edit_one_record(data: Path, round_: int) -> str:
    """Change one text of one decision, as a data commit would; a different text each round."""
    path = sorted((data / "decisions").glob("*.yml"))[len(round_ * "x") % 7]
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    line = record["recipients"][0]
    line["achievement"] = f"(sửa {round_}) {line.get('achievement') or ''}".strip()
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path.name


def bench(scale: str, seed: int, out: Path, baseline: bool, pairs: int = 5, incremental: int = 3) -> dict:
    """Full builds: `pairs` interleaved pairs (thidua without its cache, then the baseline; the
    order alternates), each a fresh process building from scratch. Then rebuilds after a one-record
    edit, with the cache. Timings are wall seconds; the load average is noted with each."""
    from generate import generate

    work = out / scale
    data = work / "data"
    t0 = time.perf_counter()
    generate(scale, data, seed)
    gen_s = time.perf_counter() - t0
    shutil.rmtree(work / ".cache", ignore_errors=True)
    validate_s, validate_rss, _ = run([str(BIN / "thidua"), "validate", "--no-cache", str(data)])
    run([str(BIN / "thidua"), "validate", str(data)])  # fills the cache
    validate_cached_s, validate_cached_rss, _ = run([str(BIN / "thidua"), "validate", str(data)])
    # after a one-record edit, the caches filled: what a data commit costs CI before its build
    validate_edited = []
    for i in range(max(incremental, 1)):
        edit_one_record(data, 100 + i)
        validate_edited.append(run([str(BIN / "thidua"), "validate", str(data)])[0])
    generate(scale, data, seed)  # the edits undone

    build_dir = work / "thidua"
    build_dir.mkdir(parents=True, exist_ok=True)
    cold = thidua_config(build_dir, data, cache_dir="")
    warm = thidua_config(build_dir, data, name="mkdocs-cached.yml")
    base_config = None
    if baseline:
        base_dir = work / "baseline"
        base_dir.mkdir(parents=True, exist_ok=True)
    thidua_s: list[float] = []
    base_s: list[float] = []
    loads: list[float] = []
    rss = {"thidua": 0, "baseline": 0}
    row: dict = {"scale": scale, "seed": seed, "generate_s": round(gen_s, 1)}
    for i in range(pairs if baseline else 1):
        order = ["thidua", "baseline"] if i % 2 == 0 else ["baseline", "thidua"]
        for side in order:
            if side == "thidua":
                shutil.rmtree(build_dir / "site", ignore_errors=True)
                loads.append(load())
                wall, peak, _ = run([str(BIN / "mkdocs"), "build", "-q", "-f", str(cold)])
                thidua_s.append(wall)
                rss["thidua"] = max(rss["thidua"], peak)
            elif baseline:
                if base_config is None:
                    if not (build_dir / "site").exists():
                        run([str(BIN / "mkdocs"), "build", "-q", "-f", str(cold)])
                    row["baseline_pages"] = baseline_docs(build_dir / "site", base_dir / "docs")
                    base_config = baseline_config(base_dir, base_dir / "docs")
                shutil.rmtree(base_dir / "site", ignore_errors=True)
                loads.append(load())
                wall, peak, _ = run([str(BIN / "mkdocs"), "build", "-q", "-f", str(base_config)])
                base_s.append(wall)
                rss["baseline"] = max(rss["baseline"], peak)
    site = build_dir / "site"
    pages = pages_in(site)
    row.update({
        "validate_s": round(validate_s, 2), "validate_rss": validate_rss,
        "validate_cached_s": round(validate_cached_s, 2), "validate_cached_rss": validate_cached_rss,
        "validate_edited": stats(validate_edited),
        "pages": pages, "build": stats(thidua_s), "build_s": round(statistics.median(thidua_s), 2),
        "ms_per_page": round(1000 * statistics.median(thidua_s) / pages, 2),
        "build_rss": rss["thidua"], "output_bytes": size_of(site), "largest_page": largest_page(site),
        "search_bytes": size_of(site / "search"), "finder_bytes": size_of(site / "vinh-danh" / "du-lieu"),
        "load_average": [round(x, 2) for x in loads],
    })
    if base_s:
        ratios = [b / t for t, b in zip(thidua_s, base_s)]
        row.update(baseline=stats(base_s), baseline_rss=rss["baseline"],
                   baseline_ms_per_page=round(1000 * statistics.median(base_s) / row["baseline_pages"], 2),
                   speedup=round(statistics.median(ratios), 2), ratios=[round(r, 2) for r in ratios])
    if incremental:
        # the cache filled by a first build with it; then one edit per rebuild
        shutil.rmtree(build_dir / ".cache", ignore_errors=True)
        run([str(BIN / "mkdocs"), "build", "-f", str(warm)])
        rebuilds, written = [], []
        for i in range(incremental):
            edit_one_record(data, i)
            wall, peak, output = run([str(BIN / "mkdocs"), "build", "-f", str(warm)])
            rebuilds.append(wall)
            found, parsed, drawn = WRITTEN.search(output), PARSED.search(output), RENDERED.search(output)
            written.append(f"{found.group(1) if found else '?'} pages written ({drawn.group(1) if drawn else '?'} "
                           f"rendered), {parsed.group(1) if parsed else '?'} file parsed")
        generate(scale, data, seed)  # the edits undone, for the next run
        row.update(rebuild=stats(rebuilds), rebuild_written=written, rebuild_rss=peak,
                   rebuild_share=round(statistics.median(rebuilds) / statistics.median(thidua_s), 3))
    return row


def largest_page(site: Path) -> tuple[int, str]:
    best = max(((p.stat().st_size, p.parent.relative_to(site).as_posix()) for p in site.rglob("index.html")),
               default=(0, ""))
    return best


def table(rows: list[dict]) -> str:
    head = ("| scale | pages | build min / median | ms/page | peak RSS | output | largest page "
            "| validate cold / cached / after an edit (median) | baseline min / median | speed-up (median of pairs) "
            "| load |\n|" + "---|" * 11)
    lines = [head]
    for r in rows:
        lines.append(
            f"| {r['scale']} | {r['pages']:,} | {r['build']['min']:.1f} / {r['build']['median']:.1f} s "
            f"| {r['ms_per_page']:.1f} | {mb(r['build_rss'])} | {mb(r['output_bytes'])} "
            f"| {mb(r['largest_page'][0])} | {r['validate_s']:.1f} / {r['validate_cached_s']:.1f} / "
            f"{r['validate_edited']['median']:.1f} s | "
            + (f"{r['baseline']['min']:.1f} / {r['baseline']['median']:.1f} s | {r['speedup']:.2f}× ({len(r['ratios'])} pairs) "
               if "baseline" in r else "— | — ")
            + f"| {min(r['load_average']):.1f}–{max(r['load_average']):.1f} |")
    if any("rebuild" in r for r in rows):
        lines += ["", "| scale | rebuild after a one-record edit min / median | share of a full build | written |",
                  "|---|---|---|---|"]
        for r in rows:
            if "rebuild" in r:
                lines.append(f"| {r['scale']} | {r['rebuild']['min']:.1f} / {r['rebuild']['median']:.1f} s "
                             f"| {100 * r['rebuild_share']:.0f} % | {'; '.join(r['rebuild_written'])} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", action="append", required=True, help="demo, small, province or national (repeatable)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--pairs", type=int, default=5, help="interleaved thidua/baseline pairs (default 5)")
    ap.add_argument("--incremental", type=int, default=3, help="rebuilds after a one-record edit (0: none)")
    ap.add_argument("--json", type=Path, help="also write the rows as JSON")
    args = ap.parse_args(argv)
    rows = []
    for scale in args.scale:
        rows.append(bench(scale, args.seed, args.out.resolve(), not args.no_baseline, args.pairs, args.incremental))
        print(json.dumps(rows[-1]), file=sys.stderr)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average at the end {os.getloadavg()[0]:.1f}")
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
