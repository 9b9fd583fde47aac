"""The benchmark cannot rot: CI generates the small scale and runs the whole benchmark on it
(generator, validate, build, baseline). Timings are printed, never asserted."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_small_scale_benchmark_runs_end_to_end(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--scale", "small", "--out", str(tmp_path),
         "--json", str(tmp_path / "rows.json")],
        capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    print(result.stdout)
    (row,) = json.loads((tmp_path / "rows.json").read_text())
    assert row["scale"] == "small"
    assert row["pages"] >= 100 and row["baseline_pages"] == row["pages"]
    assert row["output_bytes"] > 0 and row["search_bytes"] > 0 and row["finder_bytes"] > 0
    site = tmp_path / "small" / "thidua" / "site"
    # the generated records really became pages: every decision file has its page
    decisions = sorted(p.stem for p in (tmp_path / "small" / "data" / "decisions").glob("*.yml"))
    assert decisions and all((site / "khen-thuong" / d / "index.html").exists() for d in decisions)
    assert "| small |" in result.stdout


def test_generator_is_deterministic(tmp_path):
    for out in ("a", "b"):
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--scale", "small",
                        "--out", str(tmp_path / out), "--seed", "7"], check=True, capture_output=True)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yml"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.yml"))
    assert files_a == files_b and len(files_a) > 100
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files_a)
