"""Build benchmark: one command per scale, printing what a build costs and how it compares
with what an office would otherwise do by hand.

    python benchmarks/run.py --scale province [--seed 1] [--out benchmarks/out] [--no-baseline]

For the scale it generates the data (benchmarks/generate.py), times `thidua validate`, builds
the site with the thidua plugin, then writes the same pages as plain Markdown and builds them
with stock MkDocs + Material (the baseline), and prints one Markdown table row per build.
Each build runs in a child process so its wall time and peak RSS are its own.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import platform
import re
import shutil
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


def thidua_config(dest: Path, data: Path) -> Path:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "content")
    config["theme"]["custom_dir"] = str(ROOT / "theme")
    config["site_dir"] = str(dest / "site")
    config["plugins"] = [
        {"thidua": {**entry["thidua"], "data_dir": str(data), "build_date": "2024-06-01"}}
        if isinstance(entry, dict) and "thidua" in entry else entry
        for entry in config["plugins"]
    ]
    path = dest / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


_BLOCK = re.compile(r"</?(p|div|li|tr|h[1-6]|section|table|ul|ol|br)[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")


def html_to_markdown(body: str) -> str:
    """The text of a page body as plain Markdown paragraphs: what an office would type by hand."""
    text = _BLOCK.sub("\n\n", body)
    text = html.unescape(_TAG.sub("", text))
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def baseline_docs(site: Path, docs: Path) -> int:
    """Write every generated page of `site` as a Markdown file in `docs`; return the count."""
    if docs.exists():
        shutil.rmtree(docs)
    count = 0
    for page in sorted(site.rglob("index.html")):
        rel = page.parent.relative_to(site)
        if rel.parts and rel.parts[0] in ("search", "assets"):
            continue
        text = page.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", text, re.S)
        article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', text, re.S)
        if not article or re.search(r'http-equiv="refresh"', text):
            continue
        target = docs / (rel.as_posix() + ".md" if rel.parts else "index.md")
        target.parent.mkdir(parents=True, exist_ok=True)
        heading = html.unescape(title.group(1)).split(" - ")[0] if title else rel.name
        target.write_text(f"# {heading}\n\n{html_to_markdown(article.group(1))}\n", encoding="utf-8")
        count += 1
    return count


def baseline_config(dest: Path, docs: Path) -> Path:
    config = {
        "site_name": "Baseline",
        "docs_dir": str(docs),
        "site_dir": str(dest / "site"),
        "theme": {"name": "material", "language": "vi"},
        "plugins": [{"search": {"lang": "vi"}}],
        # records are reached through index pages, as on the portal: not listed in the nav
        "nav": ["index.md"],
        "not_in_nav": "/*/\n",
        "validation": {"links": {"not_found": "ignore", "unrecognized_links": "ignore"}, "nav": {"omitted_files": "ignore"}},
    }
    path = dest / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def size_of(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def pages_in(site: Path) -> int:
    """Pages the theme rendered: not redirects, nor static HTML copied as is (the CMS at admin/)."""
    return sum(1 for p in site.rglob("index.html") if '<article class="md-content__inner' in p.read_text(encoding="utf-8"))


def mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def bench(scale: str, seed: int, out: Path, baseline: bool) -> dict:
    from generate import generate

    work = out / scale
    data = work / "data"
    t0 = time.perf_counter()
    generate(scale, data, seed)
    gen_s = time.perf_counter() - t0

    validate_s, validate_rss, _ = run([str(BIN / "thidua"), "validate", str(data)])

    build_dir = work / "thidua"
    if (build_dir / "site").exists():
        shutil.rmtree(build_dir / "site")
    build_dir.mkdir(parents=True, exist_ok=True)
    config = thidua_config(build_dir, data)
    build_s, build_rss, _ = run([str(BIN / "mkdocs"), "build", "-q", "-f", str(config)])
    site = build_dir / "site"
    pages = pages_in(site)
    search = size_of(site / "search")
    shards = size_of(site / "vinh-danh" / "du-lieu")
    row = {
        "scale": scale, "seed": seed, "generate_s": round(gen_s, 1), "validate_s": round(validate_s, 2),
        "validate_rss": validate_rss, "pages": pages, "build_s": round(build_s, 2),
        "ms_per_page": round(1000 * build_s / pages, 2), "pages_per_s": round(pages / build_s, 1),
        "build_rss": build_rss, "output_bytes": size_of(site), "search_bytes": search, "finder_bytes": shards,
    }
    if baseline:
        base_dir = work / "baseline"
        base_dir.mkdir(parents=True, exist_ok=True)
        docs = base_dir / "docs"
        row["baseline_pages"] = baseline_docs(site, docs)
        config = baseline_config(base_dir, docs)
        if (base_dir / "site").exists():
            shutil.rmtree(base_dir / "site")
        base_s, base_rss, _ = run([str(BIN / "mkdocs"), "build", "-q", "-f", str(config)])
        row.update(baseline_s=round(base_s, 2), baseline_rss=base_rss,
                   baseline_ms_per_page=round(1000 * base_s / row["baseline_pages"], 2),
                   speedup=round(base_s / build_s, 2))
    return row


def table(rows: list[dict]) -> str:
    head = ("| scale | pages | build | ms/page | pages/s | peak RSS | output | search index | finder shards "
            "| validate | baseline | baseline ms/page | speed-up |\n|" + "---|" * 13)
    lines = [head]
    for r in rows:
        lines.append(
            f"| {r['scale']} | {r['pages']:,} | {r['build_s']:.1f} s | {r['ms_per_page']:.1f} | {r['pages_per_s']:.0f} "
            f"| {mb(r['build_rss'])} | {mb(r['output_bytes'])} | {mb(r['search_bytes'])} | {mb(r['finder_bytes'])} "
            f"| {r['validate_s']:.1f} s | "
            + (f"{r['baseline_s']:.1f} s | {r['baseline_ms_per_page']:.1f} | {r['speedup']:.1f}× |"
               if "baseline_s" in r else "— | — | — |"))
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", action="append", required=True, help="demo, small, province or national (repeatable)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--json", type=Path, help="also write the rows as JSON")
    args = ap.parse_args(argv)
    rows = []
    for scale in args.scale:
        rows.append(bench(scale, args.seed, args.out.resolve(), not args.no_baseline))
        print(json.dumps(rows[-1]), file=sys.stderr)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
