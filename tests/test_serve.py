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

import yaml

from conftest import MKDOCS, ROOT, write_config

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

REBUILT = re.compile(r"thidua: (\d+) of (\d+) record pages written, .*\((\d+) rendered, (\d+) with unchanged inputs")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    port = _free_port()
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen([str(MKDOCS), "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                                  cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        first = _wait_for(server, log, "Serving on", 0)
        written, total, rendered, _ = map(int, REBUILT.search(first).groups())
        assert written == rendered == total > 100  # the first preview: everything
        assert (cache / "thidua" / "records.pickle").exists()  # the cache is there (parsed records)...
        assert not (cache / "thidua" / "pages.json").exists()  # ...but serve's manifest is not written for site/

        path = sorted((data / "decisions").glob("*.yml"))[0]
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        record["recipients"][0]["achievement"] = "Thành tích mới xem trước khi xuất bản"
        mark = len(log.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
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
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
