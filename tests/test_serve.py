"""`mkdocs serve` (an office's preview, `make serve`): after a data edit the preview shows it, and
renders only the pages whose inputs changed, as `mkdocs build` does; its manifest stays in memory
and never replaces the one `mkdocs build` keeps for site/."""
from __future__ import annotations

import copy
import datetime
import gzip
import logging
import os
import re
import signal
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import FROZEN, ROOT, load_yaml, mkdocs_serve, save_yaml, stop, wait_for, write_config, write_tree
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

from thidua.graph import LinkGraph  # noqa: E402
from thidua.mkdocs_plugin import catchup, incremental, pagefind_index, search_index  # noqa: E402
from thidua.pages import Settings, build_site  # noqa: E402
from thidua.publish import publishable  # noqa: E402
from thidua.search import Doc, Section  # noqa: E402
from thidua.validate import validate  # noqa: E402

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
            shards = [p.read_text(encoding="utf-8") for p in (site / "vinh-danh" / "du-lieu" / "p").glob("*.json")]
            assert sum(mark in shard for shard in shards) == 1  # the finder's data caught up too, the old one gone
            assert not before or all(before not in shard for shard in shards)
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
        work.halt.set()  # never left spinning, whatever failed


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
    plugin.load_config({"enabled": False})  # on_config then only cancels the catch-up (failed already, or soon)
    plugin.catchup.start(lambda halt: 1 / 0)
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
    (final / "pagefind" / "pagefind.js").write_bytes(b"engine")  # Pagefind's own: not listed, linked all the same
    carried = incremental.Writer(stage, final, previous)
    assert catchup.carry(carried, {"du-lieu/a.json", "du-lieu/b.json"}, search=True)
    assert sorted(carried.entries) == sorted(files)
    assert all((stage / p).stat().st_ino == (final / p).stat().st_ino for p in [*files, "pagefind/pagefind.js"])

    changed = final / "du-lieu" / "b.json"
    changed.write_bytes(b"c")  # the same size: only its time tells, moved on as coarse clocks might not
    os.utime(changed, ns=(changed.stat().st_atime_ns, changed.stat().st_mtime_ns + 10**9))
    again = incremental.Writer(tmp_path / "stage2", final, previous)
    assert not catchup.carry(again, {"du-lieu/a.json", "du-lieu/b.json"}, search=True)
    assert not again.entries and not (tmp_path / "stage2" / "du-lieu" / "a.json").exists()  # nothing left linked
    assert not (tmp_path / "stage2" / "pagefind").exists()


def test_a_late_folder_is_carried_whole_or_nothing_is(tmp_path):
    """The finder's data (a folder the core makes late, listed in no manifest) is linked into the next
    preview as it is; a preview whose late folder is missing carries nothing, search index included."""
    final = tmp_path / "site"
    writer = incremental.Writer(final, final, incremental.Manifest(final, {}))
    for path in ("du-lieu/a.json", "pagefind/t/x.json.gz"):
        writer.write(path, b"x")
    write_tree(final, {"vinh-danh/du-lieu/index.json": b"finder", "vinh-danh/du-lieu/p/1.json": b"finder"})
    previous = incremental.Manifest(final, writer.entries)
    carried = incremental.Writer(tmp_path / "stage", final, previous)
    assert catchup.carry(carried, {"du-lieu/a.json"}, search=True, folders=["vinh-danh/du-lieu/"])
    for path in ("vinh-danh/du-lieu/index.json", "vinh-danh/du-lieu/p/1.json", "pagefind/t/x.json.gz"):
        assert (tmp_path / "stage" / path).stat().st_ino == (final / path).stat().st_ino, path
    assert sorted(carried.entries) == ["du-lieu/a.json", "pagefind/t/x.json.gz"]  # the finder's: in no manifest

    again = incremental.Writer(tmp_path / "stage2", final, previous)
    assert not catchup.carry(again, {"du-lieu/a.json"}, search=True, folders=["vinh-danh/du-lieu/", "gone/"])
    assert not again.entries
    assert [p for p in (tmp_path / "stage2").rglob("*") if p.is_file()] == []  # nothing left linked


def test_an_index_left_from_before_search_was_turned_off_is_not_carried(tmp_path):
    """Search turned off in mkdocs.yml while `mkdocs serve` runs: the next preview carries the open
    data, and no search index (nor does its catch-up make one)."""
    final, stage = tmp_path / "site", tmp_path / "stage"
    writer = incremental.Writer(final, final, incremental.Manifest(final, {}))
    for path in ("du-lieu/a.json", "pagefind/t/x.json.gz"):
        writer.write(path, b"x")
    (final / "pagefind" / "pagefind.js").write_bytes(b"engine")
    carried = incremental.Writer(stage, final, incremental.Manifest(final, writer.entries))
    assert catchup.carry(carried, {"du-lieu/a.json"}, search=False)
    assert list(carried.entries) == ["du-lieu/a.json"] and not (stage / "pagefind").exists()


def held_pagefind(folder: Path, held: int) -> dict[str, str]:
    """An environment whose Pagefind is a script that runs the real one, but for its `held`-th
    start: that one writes its process id to `folder`/held.pid and waits for ever in its place, as a
    Pagefind that never answers (the process a cancel must kill)."""
    from pagefind.service import get_executable

    real, script = get_executable(), folder / "pagefind"
    script.write_text(f"""#!/bin/sh
n=$(( $(cat "{folder}/starts" 2>/dev/null || echo 0) + 1 )); echo $n > "{folder}/starts"
if [ $n -eq {held} ]; then echo $$ > "{folder}/held.pid"; exec sleep 600; fi
exec "{real}" "$@"
""", encoding="utf-8")
    script.chmod(0o755)
    return {"PAGEFIND_BINARY_PATH": str(script)}


def test_an_edit_saved_while_a_catch_up_runs_is_shown_without_waiting_for_it(tmp_path):
    """Edits saved back to back: the rebuild of the second cancels the first one's catch-up (held up
    here: its Pagefind process stopped) rather than wait for it; once the last edit's catch-up is
    done, the search texts, the record's JSON and recipients.csv hold the last edit, and not the first."""
    data = tmp_path / "data"
    generate("small", data, seed=3)
    config = write_config(tmp_path, data)
    temp = tmp_path / "tmp"
    temp.mkdir()
    log = tmp_path / "serve.log"
    # the first build's Pagefind runs; the first edit's preview carries; its catch-up's Pagefind (the
    # 2nd) is held; the last edit's catch-up (the 3rd) runs
    server, port, _ = mkdocs_serve(config, log, env={"TMPDIR": str(temp), **held_pagefind(tmp_path, 2)})
    held = None
    try:
        [site] = [p for p in temp.glob("mkdocs_*") if p.is_dir()]
        path = sorted((data / "decisions").glob("*.yml"))[0]
        record = load_yaml(path)
        first, last = "Thành tích sửa liền xyzzy", "Thành tích sửa liền plugh"

        def save(mark: str) -> int:
            record["recipients"][0]["achievement"] = mark
            start = len(log.read_text(encoding="utf-8"))
            os.replace(save_yaml(tmp_path / "edited.yml", record), path)
            return start

        start = save(first)
        wait_for(server, log, "Reloading browsers", start)  # the first edit shown
        deadline = time.monotonic() + 120
        pid = tmp_path / "held.pid"
        while not (pid.exists() and pid.read_text().endswith("\n")) and time.monotonic() < deadline:
            time.sleep(0.05)  # its catch-up has started Pagefind, which never answers
        held = int(pid.read_text())

        start = save(last)
        shown = wait_for(server, log, "Reloading browsers", start, timeout=60)  # waiting, it would never come
        before = shown[:shown.index("Reloading browsers")]
        assert "made after the new preview instead" in before and "caught up" not in before
        assert "could not be brought up to date" not in before  # cancelled, not failed: this preview carried
        url = f"http://127.0.0.1:{port}/khen-thuong/{record['id']}"
        assert last in urllib.request.urlopen(url + "/", timeout=30).read().decode("utf-8")
        assert not Path(f"/proc/{held}").exists()  # killed by the cancel, and waited for

        wait_for(server, log, "caught up", start)  # the last edit's catch-up, left alone
        texts = [gzip.decompress(p.read_bytes()).decode("utf-8") for p in (site / "pagefind" / "t").glob("*.gz")]
        assert sum(last in text for text in texts) == 1 and all(first not in text for text in texts)
        record_json = urllib.request.urlopen(url + ".json", timeout=30).read().decode("utf-8")
        csv = urllib.request.urlopen(f"http://127.0.0.1:{port}/du-lieu/csv/recipients.csv", timeout=30).read()
        for found in (record_json, csv.decode("utf-8-sig")):
            assert last in found and first not in found
    finally:
        if held is not None and Path(f"/proc/{held}").exists():
            os.kill(held, signal.SIGKILL)  # a server that waits for it can stop
        stop(server, how=signal.SIGINT)


def test_the_next_rebuild_cancels_a_running_catch_up_without_waiting_for_it(caplog):
    """on_config cancels the catch-up: a wait for another process is cut short (`Halt.interrupt`, as
    Pagefind's index kills its process), the catch-up ends, and it is no failure: the preview then
    carries what is in place again."""
    from thidua.mkdocs_plugin.plugin import ThiduaPlugin

    caplog.set_level(logging.INFO, logger="mkdocs.plugins.thidua")
    plugin, started, interrupted, seen = ThiduaPlugin(), threading.Event(), threading.Event(), []
    plugin.load_config({"enabled": False})  # on_config then only cancels the catch-up

    def job(halt):
        halt.interrupt(interrupted.set)
        started.set()
        seen.append(interrupted.wait(30))  # as a wait for Pagefind: only the interrupt ends it
        halt.check()

    plugin.catchup.start(job)
    assert started.wait(10)
    began = time.perf_counter()
    plugin.on_config(None)
    assert seen == [True] and time.perf_counter() - began < 10 and plugin.catchup.thread is None
    assert plugin.caught_up is True
    assert "made after the new preview instead" in caplog.text and "could not" not in caplog.text


def test_a_catch_up_failing_while_the_next_rebuild_cancels_it_is_not_that_rebuild_s_warning(caplog):
    """`mkdocs serve --strict` counts the warnings and errors said during a build: a catch-up failing
    as the rebuild cancels it is said at info level. It is a failure still: the rebuild makes the
    search index and open data itself."""
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.thidua")
    work, started = catchup.Catchup(), threading.Event()

    def job(halt):
        started.set()
        halt.wait(30)
        raise OSError("no space left on device")  # in the commit, which no cancel stops

    work.start(job)
    assert started.wait(10)
    assert work.cancel() is False
    said = [r for r in caplog.records if "could not be brought up to date (OSError" in r.getMessage()]
    assert [r.levelno for r in said] == [logging.INFO]


@pytest.fixture(scope="module")
def planned():
    """The frozen copy of the data, planned: its exports and search documents, made when asked."""
    repo, report = validate(FROZEN)
    assert not report.errors
    publishable(repo)
    return build_site(repo, LinkGraph.build(repo), Settings(build_date=datetime.date(2024, 6, 1)))


def preview(final: Path, site) -> tuple[incremental.Manifest, set[str]]:
    """A preview in place, as `mkdocs serve` leaves one: its open data and search index, the manifest
    listing them, and the open data's paths."""
    final.mkdir(parents=True)
    empty = incremental.Manifest(final, {})
    exports, texts = incremental.Writer(final, final, empty), incremental.Writer(final, final, empty)
    site.exports.write(exports, final)
    for make in site.later.values():  # the finder's data, as MkDocs writes it
        write_tree(final, make(lambda: None))
    index = search_index.start(final, site.search, sink=texts)
    index.finish()
    index.close()
    return incremental.Manifest(final, {**exports.entries, **texts.entries}), set(exports.entries)


def state(final: Path, manifest: incremental.Manifest) -> tuple[dict, dict]:
    """Every file of the site (its identity) and the manifest's entries."""
    files = {p.relative_to(final).as_posix(): (st.st_ino, st.st_size, st.st_mtime_ns)
             for p in final.rglob("*") if p.is_file() for st in [p.stat()]}
    return files, copy.deepcopy(manifest.pages)


class HaltAt(catchup.Halt):
    """Set as it is checked the `at`-th time (0: never): the next rebuild coming at a chosen step."""

    def __init__(self, at: int) -> None:
        super().__init__()
        self.at, self.checks = at, 0

    def check(self) -> None:
        self.checks += 1
        if self.checks == self.at:
            self.set()
        super().check()


def test_a_catch_up_cancelled_at_any_step_leaves_the_site_and_its_manifest_as_they_were(planned, tmp_path):
    def catch_up(name: str, halt: catchup.Halt) -> tuple[bool, tuple, tuple]:
        final = tmp_path / name / "site"
        manifest, export_paths = preview(final, planned)
        before = state(final, manifest)
        try:
            catchup.bring_up_to_date(halt, final, manifest, planned.exports, export_paths, planned.search, [],
                                     pagefind_index.SPLIT_ABOVE, None, planned.later)
            cancelled = False
        except catchup.Cancelled:
            cancelled = True
        assert [p.name for p in final.parent.iterdir()] == ["site"]  # the scratch folder removed
        return cancelled, before, state(final, manifest)

    whole = HaltAt(0)
    cancelled, before, after = catch_up("whole", whole)
    assert not cancelled and before[0] != after[0] and before[1] != after[1]  # done, it changes both
    finder = sorted(p for p in before[0] if p.startswith("vinh-danh/du-lieu/"))
    assert finder and sorted(p for p in after[0] if p.startswith("vinh-danh/du-lieu/")) == finder
    assert all(after[0][p][0] != before[0][p][0] for p in finder)  # the same bytes, made again and put in place
    steps = whole.checks  # the search documents, the open-data files and tables, the last before the commit
    assert steps > 100
    for at in (1, steps // 3, 2 * steps // 3, steps):
        cancelled, before, after = catch_up(f"at-{at}", HaltAt(at))
        assert cancelled and after == before, at


@pytest.mark.parametrize("when", ["indexing", "written", "split"])
def test_a_killed_index_ends_its_waits_for_pagefind_and_starts_no_other(tmp_path, when):
    """`Index.kill`, from the thread cancelling a catch-up: the thread closing the index fails at once,
    whether Pagefind was still indexing or had written the bundle, and no province's is begun."""
    docs = [Doc(f"van-ban/kh-{i}/", f"Kế hoạch {i}", "", [Section("", "", "Vì người nghèo")],
                provinces=["tỉnh Alpha"]) for i in range(3)] + [Doc("phong-trao/a/", "Phong trào", "", [])]
    index = pagefind_index.Index(tmp_path, split=when == "split")
    for doc in docs:
        index.add(doc)
    index.finish()
    if when == "written":  # every answer in the pipe, the bundle on disk
        out = tmp_path / pagefind_index.OUTPUT
        deadline = time.monotonic() + 30
        while pagefind_index._entry(out) is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
    index.kill()
    began = time.perf_counter()
    with pytest.raises(PluginError):
        index.close()
    assert time.perf_counter() - began < 10
    assert len(index.services) == 1 and all(s.process.poll() is not None for s in index.services)


def test_the_open_data_write_ends_where_its_check_raises(planned, tmp_path):
    """`Export.write`'s check (a catch-up's `Halt.check`) is called between files and between tables:
    what it raises ends the write there, its scratch folder removed. `mkdocs build` gives none."""
    calls: list[int] = []

    def write(root: Path, check) -> list[str]:
        root.mkdir()
        planned.exports.write(incremental.Writer(root, root, incremental.Manifest(root, {})), root, check)
        return [p.name for p in root.rglob("*") if p.is_file()]

    class Counted(incremental.Writer):  # notes how many checks came before each small file it is given
        def write(self, path: str, data: bytes) -> None:
            at_write.append(len(calls))
            super().write(path, data)

    at_write: list[int] = []
    root = tmp_path / "counted"
    root.mkdir()
    planned.exports.write(Counted(root, root, incremental.Manifest(root, {})), root, lambda: calls.append(1))
    assert at_write and len(set(at_write)) == len(at_write)  # a check before each file: a cancel is seen between any two
    calls.clear()

    whole = write(tmp_path / "whole", lambda: calls.append(1))
    assert len(calls) > len(whole) > sum(planned.exports.counts.values())  # every file, and more (tables' rows)

    def halfway() -> None:
        calls.append(1)
        if len(calls) == len(whole) // 2:
            raise catchup.Cancelled

    calls.clear()
    with pytest.raises(catchup.Cancelled):
        write(tmp_path / "half", halfway)
    made = [p.name for p in (tmp_path / "half").iterdir()]
    assert made and not [name for name in made if name.startswith(".")]
    assert len(calls) == len(whole) // 2 and len(list((tmp_path / "half").rglob("*.json"))) < len(whole)



@pytest.mark.parametrize("where", ["rows", "full-text tables", "database copy"])
def test_the_open_data_write_is_checked_within_long_sqlite_statements(planned, tmp_path, monkeypatch, where):
    """At national scale inserting a table's rows, filling a full-text table and the database's
    compacting copy take tens of seconds each: the check is called as SQLite goes, and a cancel stops
    the statement at that check, not after it; the scratch folder removed."""
    import sqlite_utils

    from thidua.exports import database

    monkeypatch.setattr(database, "PROGRESS_STEPS", 200)
    owner, name = {"rows": (database.Rows, "flush"), "full-text tables": (sqlite_utils.db.Table, "enable_fts"),
                   "database copy": (database.Database, "finish")}[where]
    real = getattr(owner, name)
    inside = [False]

    def step(*args, **kwargs):
        inside[0] = True
        try:
            return real(*args, **kwargs)
        finally:
            inside[0] = False

    monkeypatch.setattr(owner, name, step)
    seen: list[int] = []
    stop_at = [0]

    def check() -> None:
        if inside[0]:
            seen.append(1)
            if len(seen) == stop_at[0]:
                raise catchup.Cancelled

    def write(root: Path) -> None:
        root.mkdir()
        planned.exports.write(incremental.Writer(root, root, incremental.Manifest(root, {})), root, check)

    write(tmp_path / "whole")
    whole = len(seen)
    assert whole >= 6  # checked as it goes, not only once
    seen.clear()
    stop_at[0] = whole // 2
    root = tmp_path / "site"
    with pytest.raises(catchup.Cancelled):
        write(root)
    assert len(seen) == whole // 2  # nothing more of SQLite's work once the check raised
    assert not [p for p in root.iterdir() if p.name.startswith(".")]  # the scratch folder removed
    assert not (root / "du-lieu" / "thidua.db").exists()


def test_the_open_data_write_is_checked_within_a_zip_member(planned, tmp_path, monkeypatch):
    """Compressing a ZIP member (the database again: a gigabyte at national) takes tens of seconds:
    the check is called between its chunks, so a cancelled catch-up stops in it; no ZIP left."""
    from thidua import exports

    zip_checks: list[int] = []
    bound = [float("inf")]

    def check() -> None:
        if threading.current_thread().name.startswith("thidua-zip"):
            zip_checks.append(1)
            if len(zip_checks) > bound[0]:
                raise catchup.Cancelled

    def write(root: Path) -> None:
        root.mkdir()
        planned.exports.write(incremental.Writer(root, root, incremental.Manifest(root, {})), root, check)

    # the ZIP's checks when every member is one chunk: those between members
    monkeypatch.setattr(exports, "CHUNK", 1 << 24)  # larger than any member here
    write(tmp_path / "whole")
    bound[0], zip_checks[:] = len(zip_checks), []
    monkeypatch.setattr(exports, "CHUNK", 4096)
    root = tmp_path / "site"
    with pytest.raises(catchup.Cancelled):
        write(root)
    assert not [p for p in root.iterdir() if p.name.startswith(".")]  # the scratch folder removed
    assert not (root / "du-lieu" / "thidua-du-lieu.zip").exists()
