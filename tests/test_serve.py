"""`mkdocs serve` (an office's preview, `make serve`): after a data edit the preview shows it, and
renders only the pages whose inputs changed, as `mkdocs build` does; its manifest stays in memory
and never replaces the one `mkdocs build` keeps for site/."""
from __future__ import annotations

import gzip
import os
import re
import signal
import sys
import threading
import time
import urllib.request

from conftest import ROOT, load_yaml, mkdocs_serve, save_yaml, stop, wait_for, write_config

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

from thidua.mkdocs_plugin import catchup, incremental  # noqa: E402

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
        stop(server, how=signal.SIGINT)  # as an office stops it: the preview's folders are removed


def test_a_preview_shows_an_edit_first_then_its_search_and_open_data_catch_up(tmp_path):
    data = tmp_path / "data"
    generate("small", data, seed=3)
    config = write_config(tmp_path, data)
    temp = tmp_path / "tmp"  # mkdocs serve builds into a folder of its own in TMPDIR: here, to be looked into
    temp.mkdir()
    log = tmp_path / "serve.log"
    server, port, first = mkdocs_serve(config, log, env={"TMPDIR": str(temp)})
    try:
        assert "search index (Pagefind)" in first and "caught up" not in first  # the first preview: all at once
        [site] = [p for p in temp.glob("mkdocs_*") if p.is_dir()]
        path = sorted((data / "decisions").glob("*.yml"))[0]
        for before, mark in [("", "Thành tích bắt kịp xyzzy"), ("xyzzy", "Thành tích bắt kịp plugh")]:
            record = load_yaml(path)
            record["recipients"][0]["achievement"] = mark
            start = len(log.read_text(encoding="utf-8"))
            os.replace(save_yaml(tmp_path / "edited.yml", record), path)
            again = wait_for(server, log, "caught up", start)
            # shown first: the browsers reloaded before the search index and open data were made
            assert again.index("Reloading browsers") < again.index("search index (Pagefind)") < again.index("caught up")
            assert "open data written" not in again
            url = f"http://127.0.0.1:{port}/khen-thuong/{record['id']}"
            assert mark in urllib.request.urlopen(url + "/", timeout=30).read().decode("utf-8")
            assert mark in urllib.request.urlopen(url + ".json", timeout=30).read().decode("utf-8")
            csv = urllib.request.urlopen(f"http://127.0.0.1:{port}/du-lieu/csv/recipients.csv", timeout=30).read()
            assert mark in csv.decode("utf-8-sig")
            texts = [gzip.decompress(p.read_bytes()).decode("utf-8") for p in (site / "pagefind" / "t").glob("*.gz")]
            assert sum(mark in text for text in texts) == 1
            assert not before or all(before not in text for text in texts)  # the previous edit's text is gone
        start = len(log.read_text(encoding="utf-8"))
        record = load_yaml(path)
        record["recipients"][0]["achievement"] = "Thành tích khi dừng"
        os.replace(save_yaml(tmp_path / "edited.yml", record), path)
        wait_for(server, log, "Reloading browsers", start)
    finally:
        stop(server, how=signal.SIGINT)  # Ctrl+C, maybe while the catch-up runs: it is waited for
    assert not list(temp.iterdir())  # the preview and the catch-up's scratch folder removed
    said = log.read_text(encoding="utf-8")
    # stopped, not failed: the exit waited for the catch-up before removing the preview's folder
    assert "Traceback" not in said and "ERROR" not in said and "could not be brought up to date" not in said


def test_a_failed_catch_up_is_said_once_and_a_stopping_server_cancels_one(caplog):
    work = catchup.Catchup()
    work.start(lambda stopping: 1 / 0)
    assert work.wait() is False  # the next preview makes the search index and open data itself...
    assert work.wait() is True  # ...and the one after it may carry them again
    assert caplog.text.count("could not be brought up to date (ZeroDivisionError") == 1

    caplog.clear()
    started = threading.Event()

    def job(stopping):
        started.set()
        while True:  # a step at a time, as bring_up_to_date checks between its steps
            if stopping.is_set():
                raise catchup.Cancelled
            time.sleep(0.01)

    work.start(job)
    running = work.thread
    try:
        assert started.wait(10) and running is not None
        stopper = threading.Thread(target=work.stop)  # the server's exit: returns once the catch-up has stopped
        stopper.start()
        stopper.join(10)
        assert not stopper.is_alive() and not running.is_alive() and "thidua" not in caplog.text
    finally:
        work.stopping.set()  # never left spinning, whatever failed


def test_the_server_s_exit_stops_a_running_catch_up():
    """on_shutdown stops the catch-up before mkdocs serve removes the preview's folder."""
    from thidua.mkdocs_plugin.plugin import ThiduaPlugin

    plugin, seen = ThiduaPlugin(), []

    def job(stopping):
        seen.append(stopping.wait(10))  # True once stopped; False after 10 s
        raise catchup.Cancelled

    plugin.catchup.start(job)
    running = plugin.catchup.thread
    plugin.on_shutdown()
    assert seen == [True] and running is not None and not running.is_alive()


def test_a_failed_catch_up_holds_until_a_preview_makes_everything_itself():
    """A build that fails after a failed catch-up (a data error) does not use up the failure: the
    preview after it must still make the search index and open data itself, not carry them."""
    from thidua.mkdocs_plugin.plugin import ThiduaPlugin

    plugin = ThiduaPlugin()
    plugin.load_config({"enabled": False})  # on_config then only waits for the catch-up
    plugin.catchup.start(lambda stopping: 1 / 0)
    plugin.on_config(None)
    assert plugin.caught_up is False
    plugin.on_config(None)  # the next build failed: nothing put in place
    assert plugin.caught_up is False


def test_open_data_changed_since_the_preview_is_not_carried(tmp_path):
    final, stage = tmp_path / "site", tmp_path / "stage"
    files = {"du-lieu/a.json": b"a", "du-lieu/b.json": b"b", "pagefind/t/x.json.gz": b"x"}
    writer = incremental.Writer(final, final, incremental.Manifest(final, {}))
    for path, data in files.items():
        writer.write(path, data)
    previous = incremental.Manifest(final, writer.entries)
    carried = incremental.Writer(stage, final, previous)
    assert catchup.carry(carried, final, {"du-lieu/a.json", "du-lieu/b.json"})
    assert sorted(carried.entries) == sorted(files)
    assert all((stage / p).stat().st_ino == (final / p).stat().st_ino for p in files)  # linked, not copied

    (final / "du-lieu" / "b.json").write_bytes(b"c")  # the same size: only its time tells
    again = incremental.Writer(tmp_path / "stage2", final, previous)
    assert not catchup.carry(again, final, {"du-lieu/a.json", "du-lieu/b.json"})
    assert not again.entries and not (tmp_path / "stage2" / "du-lieu" / "a.json").exists()  # nothing left linked
