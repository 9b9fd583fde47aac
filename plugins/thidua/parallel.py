"""Work split over forked processes, for the two steps that grow with the data: reading
files and writing pages.

Workers are forked, so they inherit everything already built and only slice numbers and
results cross between processes. A worker that dies makes the build fail rather than
hang, and warnings a worker logs are logged again in the parent, so `--strict` counts them.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

_TASK: Callable[[int], object] | None = None


class WorkerDied(RuntimeError):
    """A worker process ended without finishing its share (killed, out of memory)."""


def cpu_count() -> int:
    """CPUs this process may use (a container's quota, not the host's cores)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def fork_map(task: Callable[[int], object], slices: int) -> list:
    """[task(0), ..., task(slices - 1)], each in its own forked worker, in order."""
    global _TASK
    _TASK = task
    try:
        with ProcessPoolExecutor(slices, mp_context=multiprocessing.get_context("fork")) as pool:
            outcomes = list(pool.map(_run, range(slices)))
    except BrokenProcessPool as exc:
        raise WorkerDied("a worker process died (out of memory?); run with one worker to see why") from exc
    finally:
        _TASK = None
    results = []
    for result, records in outcomes:
        for record in records:
            logging.getLogger(record.name).handle(record)
        results.append(result)
    return results


class _Keep(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if any(kept is record for kept in self.records):
            return  # seen through both loggers it is attached to
        record.msg, record.args = record.getMessage(), None  # make it picklable
        record.exc_info = None
        self.records.append(record)


def _run(index: int):
    keep = _Keep()
    root = logging.getLogger()
    # The parent's handlers would print now and the parent again later: keep records instead.
    for handler in list(root.handlers) + list(logging.getLogger("mkdocs").handlers):
        handler.setLevel(logging.CRITICAL + 1)
    root.addHandler(keep)
    logging.getLogger("mkdocs").addHandler(keep)
    assert _TASK is not None  # set by fork_map before the fork
    return _TASK(index), keep.records
