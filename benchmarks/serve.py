"""How long `make serve` (mkdocs serve) takes to show a data edit: from the saved file to the
edited page served with the change, as an office previewing its record sees it.

    python benchmarks/serve.py --scale province [--edits 3] [--sessions 5] [--against DIR]

For the scale it generates the data (benchmarks/generate.py), starts `mkdocs serve`, waits for the
first build, then edits one decision's line at a time (a different decision each time, as
run.py's rebuilds do) and polls the decision's page until it shows the new text; the next edit
comes `--pause` seconds after the rebuild ends (a preview's search index and open data catch up
after its pages are shown; an edit saved before they have cancels that catch-up). With
`--against DIR` (the `plugins/` folder of another checkout, e.g. a `git worktree` of an older
commit) sessions of that code and of this one alternate, each first in turn: paired and
interleaved, as the machine is shared. Reports each side's min and median, and the load.
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    try:
        return urllib.request.urlopen(url, timeout=30).read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def session(config: Path, data: Path, plugins: Path | None, edits: int, start: int, pause: float) -> list[float]:
    """One `mkdocs serve`: seconds from each saved edit to the page showing it."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if plugins is not None:  # that checkout's package before the installed one
        env["PYTHONPATH"] = str(plugins)
    log = config.parent / "serve.log"
    with open(log, "w", encoding="utf-8") as out:
        # Ctrl+C's signal as a terminal gives it: a benchmark started in the background (nohup, `&`
        # without job control) would hand the server SIGINT ignored, and it would never stop
        server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                                  cwd=config.parent, env=env, stdout=out, stderr=subprocess.STDOUT,
                                  preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    base = f"http://127.0.0.1:{port}/"

    def builds() -> int:  # rebuilds finished so far
        return log.read_text(encoding="utf-8", errors="replace").count("Reloading browsers")

    try:
        deadline = time.monotonic() + 600
        while "<html" not in _get(base):
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("mkdocs serve did not start")
            time.sleep(0.5)
        time.sleep(2)  # the server's file watcher settles
        seconds = []
        for i in range(start, start + edits):
            path = sorted((data / "decisions").glob("*.yml"))[i % 7]
            record = yaml.safe_load(path.read_text(encoding="utf-8"))
            mark = f"xem trước {i} {time.time_ns()}"
            line = record["recipients"][0]
            line["achievement"] = f"({mark}) {line.get('achievement') or ''}".strip()
            saved = time.perf_counter()
            done = builds()
            path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
            page = f"{base}khen-thuong/{record['id']}/"
            while mark not in _get(page):
                if time.perf_counter() - saved > 300:
                    raise SystemExit(f"{page} did not show the edit within 300 s")
                time.sleep(0.05)
            seconds.append(time.perf_counter() - saved)
            while builds() <= done:  # the whole rebuild over (the page may show before it ends) before the next edit
                time.sleep(0.2)
            time.sleep(pause)  # the office reads its page (a preview's search index catches up meanwhile)
        return seconds
    finally:
        server.send_signal(signal.SIGINT)  # as an office stops it: the preview's folders are removed
        server.wait(timeout=60)


def main(argv=None) -> int:
    from generate import generate
    from run import thidua_config

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", default="province")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    ap.add_argument("--edits", type=int, default=3, help="edits per session (default 3)")
    ap.add_argument("--sessions", type=int, default=5, help="sessions per side (default 5)")
    ap.add_argument("--against", type=Path, help="the plugins/ folder of another checkout, to compare with")
    ap.add_argument("--pause", type=float, default=1.0,
                    help="seconds from a rebuild's end to the next edit (default 1: edits back to back)")
    args = ap.parse_args(argv)
    work = args.out.resolve() / f"serve-{args.scale}"
    data = work / "data"
    generate(args.scale, data, args.seed)
    config = thidua_config(work, data, name="mkdocs-serve.yml")
    sides: dict[str, list[float]] = {"this": [], "against": []}
    loads = []
    for i in range(args.sessions):
        order = ["this", "against"] if i % 2 == 0 else ["against", "this"]
        for side in order:
            if side == "against" and args.against is None:
                continue
            loads.append(round(os.getloadavg()[0], 1))
            sides[side] += session(config, data, args.against if side == "against" else None, args.edits,
                                   start=100 * i + (50 if side == "against" else 0), pause=args.pause)
    generate(args.scale, data, args.seed)  # the edits undone
    for side, values in sides.items():
        if values:
            print(f"{side}: {len(values)} edits, min {min(values):.2f} s, median {statistics.median(values):.2f} s, "
                  f"each {[round(v, 2) for v in values]}")
    print(f"load average before each session: {loads}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
