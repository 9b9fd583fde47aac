"""Reading files in worker processes gives exactly what reading them in one process gives."""
from __future__ import annotations

import shutil

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


def test_a_dying_worker_fails_the_build_instead_of_hanging():
    import os
    import signal

    import pytest

    from thidua import parallel

    def task(i):
        if i == 1:
            os.kill(os.getpid(), signal.SIGKILL)
        return i

    with pytest.raises(parallel.WorkerDied):
        parallel.fork_map(task, 2)


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
