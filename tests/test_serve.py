"""`mkdocs serve` (an office's preview, `make serve`): after a data edit the preview shows it, and
renders only the pages whose inputs changed, as `mkdocs build` does; its manifest stays in memory
and never replaces the one `mkdocs build` keeps for site/."""
from __future__ import annotations

import os
import re
import sys
import urllib.request

from conftest import ROOT, load_yaml, mkdocs_serve, save_yaml, stop, wait_for, write_config

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

from thidua.mkdocs_plugin import incremental  # noqa: E402

REBUILT = re.compile(r"thidua: (\d+) of (\d+) record pages written, .*\((\d+) rendered, (\d+) with unchanged inputs")


def test_a_preview_shows_a_data_edit_rendering_only_what_changed(tmp_path):
    data = tmp_path / "data"
    generate("small", data, seed=3)
    config = write_config(tmp_path, data)
    cache = tmp_path / ".cache"
    log = tmp_path / "serve.log"
    server, port, first = mkdocs_serve(config, log)
    try:
        written, total, rendered, _ = map(int, REBUILT.search(first).groups())
        assert written == rendered == total > 100  # the first preview: everything
        assert list((cache / "thidua" / "records").glob("*.pickle"))  # the cache is there (parsed records)...
        assert not (cache / "thidua" / incremental.NAME).exists()  # ...but serve's manifest is not written for site/

        path = sorted((data / "decisions").glob("*.yml"))[0]
        record = load_yaml(path)
        record["recipients"][0]["achievement"] = "Thành tích mới xem trước khi xuất bản"
        mark = len(log.read_text(encoding="utf-8"))
        # written whole then renamed over the record: the watcher never sees it half-written
        os.replace(save_yaml(tmp_path / "edited.yml", record), path)
        again = wait_for(server, log, "Reloading browsers", mark)

        written, total, rendered, kept = map(int, REBUILT.search(again).groups())
        assert 0 < rendered < 40 and kept == total - rendered  # only the pages the edit reaches
        assert 0 < written <= rendered
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/khen-thuong/{record['id']}/", timeout=30).read()
        assert "Thành tích mới xem trước khi xuất bản" in page.decode("utf-8")
        home = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).read()
        assert b"<html" in home  # the preview swapped in whole
        assert not (cache / "thidua" / incremental.NAME).exists()
    finally:
        stop(server)
