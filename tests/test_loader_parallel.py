"""Reading files in worker processes gives exactly what reading them in one process gives."""
from __future__ import annotations

import shutil

import pytest

from conftest import FROZEN

from thidua import loader
from thidua.validate import validate


def test_parallel_read_matches_sequential(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(FROZEN, data)  # a record named below: the frozen copy, not data/
    # one broken file, so problems travel back from a worker too
    (data / "authorities" / "ubnd-tinh-cao-bang.yml").write_text(
        "id: ubnd-tinh-cao-bang\nname: UBND\nlevel: tinh\nnmae: x\n", encoding="utf-8")
    monkeypatch.setattr(loader, "PARALLEL_FROM", 1)
    repo_p, report_p = validate(data)
    monkeypatch.setattr(loader, "PARALLEL_FROM", 10**9)
    repo_s, report_s = validate(data)
    assert [p.text() for p in report_p.sorted()] == [p.text() for p in report_s.sorted()]
    texts = "\n".join(p.text() for p in report_s.errors)
    assert "ubnd-tinh-cao-bang.yml:3:8: error: level: not an allowed value" in texts
    assert 'ubnd-tinh-cao-bang.yml:4:1: error: nmae: unknown field "nmae"' in texts
    for kind in ("authorities", "documents", "decisions", "stories"):
        assert list(repo_p.of_kind(kind)) == list(repo_s.of_kind(kind))
        assert repo_p.of_kind(kind) == repo_s.of_kind(kind)


def test_a_dying_worker_fails_the_build_instead_of_hanging(tmp_path):
    import os
    import signal
    import time

    import pytest

    from thidua import parallel

    def task(i):
        if i == 1:
            os.kill(os.getpid(), signal.SIGKILL)
        return i

    with pytest.raises(parallel.WorkerDied):
        parallel.fork_map(task, 2)

    parent = os.getpid()

    def pulled(i):  # the worker is killed as it works on a task it took from fork_pull's pipe
        if os.getpid() != parent:
            (tmp_path / "killed").touch()
            os.kill(os.getpid(), signal.SIGKILL)
        deadline = time.monotonic() + 60  # the parent holds its first task until then
        while not (tmp_path / "killed").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        return i

    with pytest.raises(parallel.WorkerDied):
        parallel.fork_pull(pulled, 40, 2)


def test_warnings_logged_in_workers_reach_the_parent(caplog):
    import logging

    from thidua import parallel

    def task(i):
        logging.getLogger("mkdocs.plugins.thidua").warning("worker %d saw something", i)
        return i * 10

    with caplog.at_level(logging.WARNING):
        assert parallel.fork_map(task, 2) == [0, 10]
    assert [r.getMessage() for r in caplog.records] == ["worker 0 saw something", "worker 1 saw something"]


def test_positions_come_from_the_records_own_file_when_two_folders_are_loaded(tmp_path):
    from thidua.schema import location

    from conftest import write_tree

    first = write_tree(tmp_path / "a" / "data", {"authorities/ubnd-x.yml": "id: ubnd-x\nname: X\nlevel: province\n"})
    second = write_tree(tmp_path / "b" / "data",
                        {"authorities/ubnd-x.yml": "# comment\n\nid: ubnd-x\nlevel: province\nname: X\n"})
    repo_a, _ = validate(first)
    repo_b, _ = validate(second)  # same path as shown in messages: data/authorities/ubnd-x.yml
    assert location(repo_a.authorities["ubnd-x"], "name")[1:3] == (2, 7)
    assert location(repo_b.authorities["ubnd-x"], "name")[1:3] == (5, 7)


def test_no_fork_beside_other_threads(tmp_path, monkeypatch):
    """A lock another thread holds at a fork stays held in the child for ever (`mkdocs serve`'s
    server runs threads): then files are read, and records checked, in this process alone."""
    import threading

    from thidua import parallel
    from thidua.checks import base

    data = tmp_path / "data"
    shutil.copytree(FROZEN, data)  # the frozen sample data, not data/
    monkeypatch.setattr(loader, "PARALLEL_FROM", 1)
    monkeypatch.setattr(base, "PARALLEL_FROM", 1)
    forks: list[int] = []
    monkeypatch.setattr(parallel, "fork_map", lambda task, slices: forks.append(slices) or [])
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert not parallel.can_fork()
        _repo, report = validate(data, workers=2)
    finally:
        stop.set()
        other.join()
    assert forks == [] and not report.errors


# A fresh interpreter (conftest.fresh_python): there `can_fork()` holds, as for `thidua validate`.
FIRST_LOAD_SPLIT = """
import json, sys
from pathlib import Path
from thidua import loader, parsecache
from thidua.digests import Digests
from thidua.problems import Report

loader.PARALLEL_FROM = 1  # a handful of files: split them all the same
data, cache = Path(sys.argv[1]), Path(sys.argv[2])
runs = []
for options in ({"workers": 1}, {"workers": 2, "cache": cache}, {"workers": 2, "cache": cache}):
    report, noted = Report(), Digests()
    repo = loader.load(data, report, workers=options["workers"], cache=options.get("cache"), digests=noted)
    parts = sorted(cache.glob(parsecache.FOLDER + "/*.pickle"))
    runs.append({"records": [[kind.name, repr(record)] for kind, record in repo.all()],
                 "digests": sorted([kind, ident, key.hex()] for (kind, ident), key in repo.digests.items()),
                 "problems": sorted(p.text() for p in report.problems), "forks": list(forks),
                 "noted": sorted(Path(path).name for path in noted.new),
                 "chunks": sum(len(parsecache.sealed.read(p, parsecache.MAGIC, parsecache.code_stamp()))
                               for p in parts), "cached": sum(len(parsecache.read_part(p, parsecache.code_stamp()))
                                                             for p in parts)})
print("runs:", json.dumps(runs))
"""


def test_a_first_load_split_over_processes_fills_the_parse_cache_from_their_chunks(tmp_path):
    """Nothing in the cache: each process pickles its own parses by part, and the parts are written
    as those chunks. The records and problems are those of one process, and the next load reuses
    every parse."""
    import json
    import os

    from conftest import fresh_python
    from thidua import parsecache

    data = tmp_path / "data"
    shutil.copytree(FROZEN, data)
    (data / "authorities" / "ubnd-tinh-cao-bang.yml").write_text(  # problems from a worker's share too
        "id: ubnd-tinh-cao-bang\nname: UBND\nlevel: tinh\nnmae: x\n", encoding="utf-8")
    os.mkfifo(data / "authorities" / "not-a-file.yml")  # never read, so in no chunk: its problem travels apart
    out = fresh_python(FIRST_LOAD_SPLIT, str(data), str(tmp_path / "cache"), count_forks=True)
    alone, first, again = json.loads(out.rpartition("runs:")[2])
    files = len(list(data.rglob("*.yml")))
    assert alone["forks"] == [] and len(alone["records"]) > 50
    assert first["forks"] == [2] and first["records"] == alone["records"] and first["problems"] == alone["problems"]
    assert any("nmae" in p for p in first["problems"]) and any("not-a-file.yml" in p for p in first["problems"])
    assert first["cached"] == files - 1 and first["chunks"] > len(list((tmp_path / "cache" / parsecache.FOLDER).glob("*.pickle")))
    assert again["forks"] == [2] and again["records"] == alone["records"] and again["problems"] == alone["problems"]
    assert first["digests"] == again["digests"] and len(first["digests"]) == len(first["records"])  # each its own key
    # what each process read of each file is noted for the next run, the first load's too
    regular = sorted(p.name for p in data.rglob("*.yml") if p.is_file())
    assert first["noted"] == again["noted"] == regular


def test_fork_pull_past_the_largest_pipe_works_in_this_process(monkeypatch):
    """More task numbers than the system lets a pipe hold: the tasks run here, in order, rather
    than a write that no reader would ever empty."""
    from thidua import parallel

    def refused(*args):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(parallel.fcntl, "fcntl", refused)
    monkeypatch.setattr(parallel, "fork_map", lambda *args: pytest.fail("forked"))
    assert parallel.fork_pull(lambda i: i * 2, 20000, 2) == [i * 2 for i in range(20000)]


FORK_PULL = """
import json, os, sys, time
from pathlib import Path
from thidua import parallel

marks = Path(sys.argv[1])
parent = os.getpid()

def wait_for(done, what):  # not a timing margin: a deadline that only a broken split reaches
    deadline = time.monotonic() + 60
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit(f"waited 60 s for {what}")
        time.sleep(0.01)

def late(i):
    # task 0 holds its process until every other task is done: only a process free to take
    # the next task, whoever holds the others, gets them all done
    if i == 0:
        wait_for(lambda: len(list(marks.glob("late-*"))) == 39, "the 39 other tasks")
    else:
        (marks / f"late-{i}").touch()
    return [i, os.getpid()]

def shared(i):
    time.sleep(0.002)
    return [i, os.getpid()]

def failing(i):
    # task 0 fails; the others wait for it, then take a while: the other process stops after the task it holds
    if i == 0:
        (marks / "failed").touch()
        raise ValueError("task 0")
    wait_for((marks / "failed").exists, "task 0")
    time.sleep(0.5)
    (marks / f"ran-{i}").touch()
    return i

out = {"late": parallel.fork_pull(late, 40, 2), "shared": parallel.fork_pull(shared, 200, 2),
       "many": parallel.fork_pull(lambda i: i, 20000, 2) == list(range(20000))}  # past a pipe's default size
try:
    parallel.fork_pull(failing, 40, 2)
except ValueError as exc:
    out["failed"] = str(exc)
out["ran"] = len(list(marks.glob("ran-*")))
print("runs:", json.dumps({**out, "parent": parent, "forks": forks}))
"""


def test_fork_pull_gives_the_results_in_order_whoever_took_the_tasks(tmp_path):
    import json

    from conftest import fresh_python

    # a pipe its numbers do not fit in would block for ever: 120 s ends that (a normal run takes seconds)
    out = json.loads(fresh_python(FORK_PULL, str(tmp_path), count_forks=True, timeout=120).rpartition("runs:")[2])
    assert out["forks"] == [2, 2, 2, 2] and out["many"]
    assert [i for i, _ in out["late"]] == list(range(40))
    held = out["late"][0][1]
    assert [i for i, pid in out["late"] if pid == held] == [0]  # the other process took all the rest
    assert len({pid for _, pid in out["late"]}) == 2
    assert [i for i, _ in out["shared"]] == list(range(200))
    # a failing task stops the other process too, after the one it had taken (each takes 0.5 s; all
    # 39 ran before), and its error is the one raised, whichever process it came from
    assert out["failed"] == "task 0" and out["ran"] < 5


def test_a_check_across_records_cannot_leave_work_on_records_undone(tmp_path, monkeypatch):
    """Checks in checks.CHECKS run in the same pass as the work on records: work they gave
    each_record would never run, so it is refused loudly instead of being lost."""
    import pytest

    from thidua import checks

    data = tmp_path / "data"
    shutil.copytree(FROZEN, data)
    monkeypatch.setattr(checks, "CHECKS", [*checks.CHECKS, lambda ctx: ctx.each_record("late", lambda *a: None)])
    with pytest.raises(RuntimeError, match="RECORD_CHECKS"):
        validate(data, workers=1)


SPLIT_CHECKS_MEMO = """
import json, os, sys, time
from pathlib import Path
from thidua import checks
from thidua import parts
from thidua.checks import base
from thidua.checks import memo
from thidua.checks.settings import read_settings
from thidua.problems import Report
from thidua.validate import validate

base.PARALLEL_FROM = 1  # a handful of records: split them all the same
parent = os.getpid()

ran = Path(sys.argv[3])  # made by the worker once it has run dangling_references

def slow_here(fn):  # this process waits at its first check until the worker has run dangling_references
    def run(ctx):
        if os.getpid() == parent:
            deadline = time.monotonic() + 60  # only a split that gives the worker nothing reaches it
            while not ran.exists():
                if time.monotonic() > deadline:
                    raise SystemExit("the worker never ran dangling_references")
                time.sleep(0.01)
        fn(ctx)
        if fn is checks.references.dangling_references and os.getpid() != parent:
            ctx.report.problems.append("ran in a worker")  # comes back with its problems
            ran.touch()
    return run

# checks that do nothing first: this process takes the first of them and waits there
checks.CHECKS[:] = [slow_here(lambda ctx: None) for _ in range(3)] + [slow_here(fn) for fn in checks.CHECKS]
data, cache = Path(sys.argv[1]), Path(sys.argv[2])
kept = []
for run in range(2):  # the second run's worker finds its entries in the memo: their keys come back
    ran.unlink(missing_ok=True)
    repo, report = validate(data, workers=2, cache=cache)
    assert "ran in a worker" in report.problems
    severity = read_settings(repo, Report())
    entries = {k: v for part in parts.read(cache / memo.FOLDER, memo.MAGIC, memo.code_stamp(severity), memo.shard)[0].values()
               for k, v in part.items()}
    kept.append(sorted(key.hex() for check, key in entries if check == "references"))
named = sorted(repo.digest(record).hex() for _, record in repo.all())
print("runs:", json.dumps({"forks": forks, "records": named, "references": kept}))
"""


def test_what_checks_across_records_keep_in_the_memo_comes_back_from_the_workers(tmp_path):
    """A check across records run in a worker (dangling_references keeps what each record names)
    sends its memo entries back with its problems: the memo written holds them for every record."""
    import json

    from conftest import fresh_python

    data = tmp_path / "data"
    shutil.copytree(FROZEN, data)
    out = json.loads(fresh_python(SPLIT_CHECKS_MEMO, str(data), str(tmp_path / "cache"), str(tmp_path / "ran"),
                                  count_forks=True).rpartition("runs:")[2])
    assert out["forks"] == [2, 2]
    assert out["references"] == [out["records"]] * 2 and len(out["records"]) > 50
