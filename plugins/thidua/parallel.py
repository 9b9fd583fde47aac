"""Work split over forked processes, for the steps that grow with the data: reading files,
the checks of one record at a time, and writing pages.

Workers are forked, so they inherit everything already built and only slice numbers and
results cross between processes. A worker that dies makes the build fail rather than
hang, and warnings a worker logs are logged again in the parent, so `--strict` counts them.
"""
from __future__ import annotations

import fcntl
import logging
import multiprocessing
import os
import threading
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
    """Whether work may be forked now: where the platform forks, and never beside other threads
    (`mkdocs serve`'s server, a plugin's pool): a lock one of them holds at the fork would stay
    held in the child for ever."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def fork_map(task: Callable[[int], object], slices: int) -> list:
    """[task(0), ..., task(slices - 1)], in order: slices 1 and on each in a forked worker, slice 0
    in this process meanwhile. This process would otherwise sit idle, then take in every result
    alone; its own share's result never has to cross a pipe. The workers are forked before it
    starts, so they see nothing of what its share changes."""
    global _TASK
    _TASK = task
    try:
        with ProcessPoolExecutor(max(slices - 1, 1), mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_run, i) for i in range(1, slices)]  # forks the workers now
            first = task(0)
            outcomes = [future.result() for future in futures]
    except BrokenProcessPool as exc:
        raise WorkerDied("a worker process died (out of memory?); run with one worker to see why") from exc
    finally:
        _TASK = None
    results = [first]
    for result, records in outcomes:
        for record in records:
            logging.getLogger(record.name).handle(record)
        results.append(result)
    return results


def fork_pull(task: Callable[[int], object], tasks: int, workers: int) -> list:
    """[task(0), ..., task(tasks - 1)], in order, worked out by this process and `workers - 1`
    forked ones (`fork_map`), each taking the next task no one has taken until none is left.
    Taken in turn, the tasks keep every process busy however long each takes, where fixed
    shares would leave one waiting for the other.

    The tasks' numbers wait in a pipe, written whole before the fork, each process reading the
    next: the kernel makes each read whole, so no process holds a lock the others wait on, and a
    worker killed at any moment cannot leave this one waiting (fork_map reports it)."""
    numbers = b"".join(index.to_bytes(_NUMBER, "little") for index in range(tasks))
    read_end, write_end = os.pipe()
    try:
        if len(numbers) > _PIPE_HOLDS:  # the default holds 16,384 numbers; written before anyone reads
            try:
                fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, len(numbers))
            except OSError:  # past the system's largest pipe (1 MB by default: 262,144 tasks)
                os.close(read_end)
                return [task(index) for index in range(tasks)]  # in this process: slower, never stuck
        os.write(write_end, numbers)
    finally:
        os.close(write_end)  # so an empty pipe reads as its end, in every process

    def pull(_w: int) -> dict[int, object]:
        done: dict[int, object] = {}
        while (number := os.read(read_end, _NUMBER)):
            index = int.from_bytes(number, "little")
            try:
                done[index] = task(index)
            except BaseException:
                while os.read(read_end, _PIPE_HOLDS):
                    pass  # the others stop after the task they hold: the run fails anyway
                raise
        return done

    out: dict[int, object] = {}
    try:
        for done in fork_map(pull, workers):
            out.update(done)
    finally:
        os.close(read_end)
    return [out[index] for index in range(tasks)]


_NUMBER = 4  # bytes of a task's number: every read takes one, or all that is left
_PIPE_HOLDS = 65536  # Linux's default pipe size


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
