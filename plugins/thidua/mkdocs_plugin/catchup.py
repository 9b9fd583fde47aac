"""`mkdocs serve`: after the first preview, a rebuild shows the pages first, and the search index
and the open data catch up after it, in a thread.

Pagefind and the open-data exports are most of a preview rebuild's wait (province scale: Pagefind
done 5.9 s after it begins, the exports 2.0 s, of a 7.2 s rebuild), and an office previewing an
edit looks at its record's page. So a rebuild that follows a preview links that preview's search
index and open-data files into its staging folder as they are (`carry`): the new preview is
complete, a step behind in those two only. Once it is in place (MkDocs tells the browsers to
reload as the build returns), a thread (`Catchup`) makes both from the new data in a scratch
folder beside the site, Pagefind indexing in its own process while the open data is written, as
in a build, then moves them in: each open-data file by a rename, the search index's folder by
one exchange (staging.py), so a reader never meets half a file, nor half an index. After every
preview, with a catch-up or not, the thread then collects what the previous preview left
(`collect`).

Until the next rebuild, the open-data page shows the previous preview's sizes, row and calendar
counts (it was rendered before the files were made again). The next rebuild waits for the thread
first; the server's exit stops it between its steps. A catch-up that fails is logged, and the
next rebuild makes the search index and open data itself. `mkdocs build` defers nothing.
"""
from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..search import Doc
from . import incremental, pagefind_index, search_index, staging

log = logging.getLogger("mkdocs.plugins.thidua")


class Cancelled(Exception):
    """The server is stopping: what the catch-up would make is not wanted."""


class Catchup:
    """The catch-up of one preview at a time."""

    def __init__(self) -> None:
        self.thread: threading.Thread | None = None
        self.failed = False
        self.stopping = threading.Event()

    def wait(self) -> bool:
        """Wait for the running catch-up, if any. False once for a catch-up that failed (the next
        rebuild then makes what it would have); True otherwise."""
        if self.thread is not None:
            self.thread.join()
            self.thread = None
        failed, self.failed = self.failed, False
        return not failed

    def stop(self) -> None:
        """The server is stopping: the running catch-up ends at its next step, and is waited for."""
        self.stopping.set()
        self.wait()

    def start(self, job: Callable[[threading.Event], None] | None) -> None:
        """Run `job` (None: nothing) in a thread; it checks the event it is given between its steps.
        Then the thread collects what the previous preview left (`collect`)."""
        def run() -> None:
            started = time.perf_counter()
            try:
                if job is None:  # the browsers are reloading: the collection waits for their requests
                    self.stopping.wait(1.0)
                    return
                job(self.stopping)
            except Cancelled:
                return
            except Exception as error:  # noqa: BLE001 - a preview's background step: said, and redone next time
                # Ctrl+C in a terminal reaches Pagefind's process too, and may fail the step before the
                # server says it is stopping: a moment's grace, and then nothing is said
                if self.stopping.wait(1.0):
                    return
                self.failed = True
                log.error(f"thidua: the preview's search index and open data could not be brought up to date "
                          f"({type(error).__name__}: {error}); the next rebuild makes them again")
            else:
                log.info(f"thidua: the preview's search index and open data caught up "
                         f"{time.perf_counter() - started:.1f} s after the preview was shown")
            finally:
                collect()

        assert self.thread is None, "the next build waits for the last catch-up first"
        self.thread = threading.Thread(target=run, name="thidua-catchup")
        self.thread.start()


def collect() -> None:
    """Collect, while the server waits for the next edit, what the previous preview left. Each
    preview freezes what it plans (the collector skips it) and unfreezes it once over, as `mkdocs
    build` does. A preview server used to freeze nothing, and the collector walked the growing heap
    of the previews during the next one (province, one process: 2.8, 3.3, 3.5, 3.8, 4.1 s for five
    previews in a row; 2.2, 3.1, 2.6, 3.0, 3.2 s since)."""
    gc.collect()


def carry(writer: incremental.Writer, final: Path, export_paths: set[str]) -> bool:
    """Link the previous preview's open-data files (`export_paths`) and search index from the site
    in place (`final`) into the staging folder (`writer.site_dir`, which holds nothing of them).
    False, with nothing left linked, if one is not as that preview listed it: the rebuild then
    makes them itself."""
    target = writer.site_dir / pagefind_index.OUTPUT
    try:
        if all(writer.keep(path) for path in sorted(export_paths)):
            _link_tree(writer, final)
            return True
    except OSError:
        pass
    for path in list(writer.entries):
        (writer.site_dir / path).unlink(missing_ok=True)
    writer.entries.clear()
    shutil.rmtree(target, ignore_errors=True)
    return False


def _link_tree(writer: incremental.Writer, final: Path) -> None:
    """Link the search index's folder of `final` into the staging folder whole; its listed files (the
    results' texts) keep their entries, so the catch-up may link them again. Paths as strings:
    thousands of files, for which Path objects cost most of a second."""
    listed, site, old = writer.previous.pages, str(writer.site_dir), str(final)

    def walk(folder: str) -> None:  # `folder`: site-relative
        os.makedirs(f"{site}/{folder}", exist_ok=True)
        with os.scandir(f"{old}/{folder}") as found:
            for entry in found:
                path = f"{folder}/{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    walk(path)
                else:
                    os.link(entry.path, f"{site}/{path}")
                    if path in listed:
                        writer.entries[path] = list(listed[path])

    if (final / pagefind_index.OUTPUT).is_dir():
        walk(pagefind_index.OUTPUT)


def bring_up_to_date(stopping: threading.Event, final: Path, manifest: incremental.Manifest, exports,
                     export_paths: set[str], search, hand_written: list[Doc] | None, split_above: int,
                     trash: Path | None) -> set[str]:
    """Make the open data (`exports`, a planned `Export`; None: none) and the search index (the
    core's documents `search` and Material's `hand_written` pages; None: no search) of the site
    in place (`final`) again, as a build would, and move them in; the replaced index goes to
    `trash` (staging.py). `manifest` lists the site's files (`export_paths`: the open data's) and
    is brought up to date. The open data's paths now. Raises `Cancelled` once `stopping` is set."""
    scratch = Path(tempfile.mkdtemp(prefix=f".{final.name}.building-{os.getpid()}-catchup-", dir=final.parent))
    index = None

    def step() -> None:
        if stopping.is_set():
            raise Cancelled

    try:
        made = dict(manifest.pages)
        if hand_written is not None:  # Pagefind indexes in its own process while the open data is written
            texts = incremental.Writer(scratch, final, manifest)
            index = search_index.start(scratch, search, split_above, texts)
            for doc in hand_written:
                index.add(doc)
            index.finish()
        step()
        if exports is not None:
            writer = incremental.Writer(scratch, final, manifest)
            exports.write(writer, scratch)
            step()
            for path in sorted(writer.entries):
                _move(scratch / path, final / path)
            for path in export_paths - writer.entries.keys():  # a record deleted: its JSON file goes
                (final / path).unlink(missing_ok=True)
                made.pop(path, None)
            made.update(writer.entries)
            export_paths = set(writer.entries)
        if index is not None:
            running, index = index, None
            running.close()
            step()
            staging.Stage(final / pagefind_index.OUTPUT, scratch / pagefind_index.OUTPUT, trash).commit()
            made = {path: entry for path, entry in made.items() if not path.startswith(f"{pagefind_index.OUTPUT}/")}
            made.update(texts.entries)
        manifest.pages = made
        return export_paths
    except BaseException:
        if index is not None:
            index.abandon()
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _move(made: Path, target: Path) -> None:
    """Put a file made in the scratch folder in place, unless it is the one there (linked)."""
    try:
        if os.path.samefile(made, target):
            return
    except OSError:
        target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(made, target)
