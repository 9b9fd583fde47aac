"""`mkdocs serve` (an office's preview, `make serve`): after a data edit the preview shows it, and
renders only the pages whose inputs changed, as `mkdocs build` does; its manifest stays in memory
and never replaces the one `mkdocs build` keeps for site/."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import MKDOCS, ROOT, load_yaml, save_yaml, stop, write_config

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

REBUILT = re.compile(r"thidua: (\d+) of (\d+) record pages written, .*\((\d+) rendered, (\d+) with unchanged inputs")


def _free_port() -> int:
    """A port free now: only a hint, another process may take it before mkdocs binds it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(config: Path, log: Path, attempts: int = 3) -> tuple[subprocess.Popen, int, str]:
    """`mkdocs serve -f config` as an office runs it: the server, its port and its log up to
    "Serving on". mkdocs binds the port only after its first build, and cannot be given port 0 and
    say which one it got (its pages would link to :0): so the port is one free a moment before,
    and when another process has taken it meanwhile ("Address already in use"), it starts again
    on another."""
    for attempt in range(1, attempts + 1):
        port = _free_port()
        with open(log, "w", encoding="utf-8") as out:
            server = subprocess.Popen([str(MKDOCS), "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                                      cwd=config.parent, stdout=out, stderr=subprocess.STDOUT,
                                      env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        try:
            return server, port, _wait_for(server, log, "Serving on", 0)
        except AssertionError:
            stop(server)
            if attempt == attempts or "Address already in use" not in log.read_text(encoding="utf-8"):
                raise
    raise AssertionError("unreachable")


def _wait_for(server: subprocess.Popen, log: Path, pattern: str, after: int, timeout: float = 240) -> str:
    """The log from character `after` on, once it holds `pattern`; fails at once if the server stopped."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace")[after:]
        if pattern in text:
            return text
        if "Aborted" in text or "Traceback" in text or server.poll() is not None:
            raise AssertionError(text)
        time.sleep(0.2)
    raise AssertionError(f"no {pattern!r} within {timeout} s:\n{log.read_text(encoding='utf-8')[after:]}")


def test_a_preview_shows_a_data_edit_rendering_only_what_changed(tmp_path):
    data = tmp_path / "data"
    generate("small", data, seed=3)
    config = write_config(tmp_path, data)
    cache = tmp_path / ".cache"
    log = tmp_path / "serve.log"
    server, port, first = _serve(config, log)
    try:
        written, total, rendered, _ = map(int, REBUILT.search(first).groups())
        assert written == rendered == total > 100  # the first preview: everything
        assert (cache / "thidua" / "records.pickle").exists()  # the cache is there (parsed records)...
        assert not (cache / "thidua" / "pages.json").exists()  # ...but serve's manifest is not written for site/

        path = sorted((data / "decisions").glob("*.yml"))[0]
        record = load_yaml(path)
        record["recipients"][0]["achievement"] = "Thành tích mới xem trước khi xuất bản"
        mark = len(log.read_text(encoding="utf-8"))
        # written whole then renamed over the record: the watcher never sees it half-written
        os.replace(save_yaml(tmp_path / "edited.yml", record), path)
        again = _wait_for(server, log, "Reloading browsers", mark)

        written, total, rendered, kept = map(int, REBUILT.search(again).groups())
        assert 0 < rendered < 40 and kept == total - rendered  # only the pages the edit reaches
        assert 0 < written <= rendered
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/khen-thuong/{record['id']}/", timeout=30).read()
        assert "Thành tích mới xem trước khi xuất bản" in page.decode("utf-8")
        home = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).read()
        assert b"<html" in home  # the preview swapped in whole
        assert not (cache / "thidua" / "pages.json").exists()
    finally:
        stop(server)
