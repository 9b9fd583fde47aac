#!/usr/bin/env python3
"""Does a build grow faster than its data? Cold builds of two scales in interleaved pairs.

    python benchmarks/scaling.py [--small province] [--large region] [--pairs 5] [--out benchmarks/out]

Generates both scales (`generate.py`, seed 1) unless already there, then builds each from scratch
(a fresh process, the cache off) in pairs, the order swapped every pair, and prints each build
(wall time, peak RSS, pages, load average), min and median of each side and the median of the
paired ratios large ÷ small, beside the ratio of their data (files and bytes). `region` is ten
provinces of `province`'s size at its rates (issue 16's "10× the data ≤ 10× the time").
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402
from run import BIN, load, pages_in, run, size_of, stats, thidua_config  # noqa: E402


def build(work: Path, config: Path) -> dict:
    shutil.rmtree(work / "site", ignore_errors=True)
    before = load()
    seconds, rss, _out = run([str(BIN / "mkdocs"), "build", "-q", "-f", str(config)])
    return {"s": round(seconds, 2), "rss_gb": round(rss / 1e9, 2), "pages": pages_in(work / "site"), "load": before}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", default="province")
    ap.add_argument("--large", default="region")
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")
    args = ap.parse_args(argv)
    configs, data_size = {}, {}
    for scale in (args.small, args.large):
        work = args.out.resolve() / f"scaling-{scale}"
        data = work / "data"
        if not data.exists():
            generate(scale, data, 1)
        configs[scale] = (work, thidua_config(work, data, cache_dir=""))
        files = [p for p in data.rglob("*.yml")]
        data_size[scale] = (len(files), sum(p.stat().st_size for p in files))
        print(f"{scale}: {data_size[scale][0]:,} files, {size_of(data) / 1e6:.0f} MB", flush=True)
    times: dict[str, list[float]] = {args.small: [], args.large: []}
    ratios = []
    for i in range(args.pairs):
        order = (args.small, args.large) if i % 2 == 0 else (args.large, args.small)
        got = {scale: build(*configs[scale]) for scale in order}
        for scale in order:
            times[scale].append(got[scale]["s"])
        ratios.append(got[args.large]["s"] / got[args.small]["s"])
        print(i + 1, got, flush=True)
    for scale, values in times.items():
        summary = stats(values)
        print(f"{scale}: min {summary['min']:.1f} s, median {summary['median']:.1f} s")
    files = data_size[args.large][0] / data_size[args.small][0]
    size = data_size[args.large][1] / data_size[args.small][1]
    print(f"data: {files:.2f}x the files, {size:.2f}x the bytes; time: median of paired ratios "
          f"{statistics.median(ratios):.2f}x ({', '.join(f'{r:.2f}' for r in ratios)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
