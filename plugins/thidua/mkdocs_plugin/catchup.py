"""`mkdocs serve`: after the first preview, a rebuild shows the pages first, and the search index,
the open data and the folders the core makes late (`Site.later`: the finder's data) catch up after
it, in a thread.

Pagefind and the open-data exports are most of a preview rebuild's wait (province scale: Pagefind
done 5.9 s after it begins, the exports 2.0 s, of a 7.2 s rebuild), and an office previewing an
edit looks at its record's page. So a rebuild that follows a preview links that preview's search
index, open-data files and finder's data into its staging folder as they are (`carry`): the new
preview is complete, a step behind in those three only (the finder's data was a third of a
province preview's planning). Once it is in place (MkDocs tells the browsers to
reload as the build returns), a thread (`Catchup`) makes all three from the new data in a scratch
folder beside the site, Pagefind indexing in its own process while the open data and the finder's
data are written, as in a build, then moves them in: each open-data file by a rename, the search
index's folder and the finder's by one exchange each (staging.py), so a reader never meets half a
file, nor half an index. After every
preview, with a catch-up or not, the thread then collects what the previous preview left
unless a rebuild or the server's exit is already waiting for it.

Until the next rebuild, the open-data page shows the previous preview's sizes, row and calendar
counts (it was rendered before the files were made again). The next rebuild does not wait for a
catch-up still running (edits saved back to back): it cancels it (`Catchup.cancel`: the thread
stops at its next step, Pagefind's process is killed) and carries again what is in place, a step
behind until a catch-up finishes, the last edit's. For that, a catch-up changes nothing in place
until all is made, then puts it in place in a short commit that no cancel interrupts
(`bring_up_to_date`): a cancelled one has changed nothing in the site or its manifest. The
server's exit stops it the same way. A catch-up that fails is logged, and the next rebuild makes
the search index, open data and finder's data itself. `mkdocs build` defers nothing.
"""
from __future__ import annotations

import gc
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from ..pages.site import write_folders
from ..search import Doc
from . import incremental, pagefind_index, search_index, staging

log = logging.getLogger("mkdocs.plugins.thidua")


Maker = Callable[[Callable[[], None]], dict[str, bytes]]  # a late folder's maker (`Site.later`), given a check


class Cancelled(Exception):
    """The catch-up was asked to stop (the next rebuild, the server's exit): what it would make is not wanted."""


class Halt(threading.Event):
    """Set to stop a running catch-up, which checks it between its steps (`check`). A step that waits
    for another process (Pagefind's) says how to end that wait (`interrupt`): done as it is set."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()  # an interrupt given as the event is set is called once, by one of them
        self._interrupts: list[Callable[[], None]] = []

    def check(self) -> None:
        """Raise `Cancelled` once set."""
        if self.is_set():
            raise Cancelled

    def interrupt(self, call: Callable[[], None]) -> None:
        """Call `call` (from the thread that sets the event) when the event is set; now if it is."""
        with self._lock:
            if not self.is_set():
                self._interrupts.append(call)
                return
        call()

    def set(self) -> None:
        with self._lock:
            super().set()
            calls = list(self._interrupts)
        for call in calls:  # on every set: one cut short (Ctrl+C meanwhile) is made again by the next
            call()

    def forget(self) -> None:
        """The catch-up is over: what it registered (an index, and all it holds) may be freed."""
        with self._lock:
            self._interrupts.clear()


class Catchup:
    """The catch-up of one preview at a time."""

    def __init__(self) -> None:
        self.thread: threading.Thread | None = None
        self.failed = False
        self.stopping = threading.Event()  # the server's exit
        self.halt = Halt()  # the running catch-up's: set by `cancel` or `stop`

    def wait(self) -> bool:
        """Wait for the running catch-up, if any. False once for a catch-up that failed (the next
        rebuild then makes what it would have); True otherwise."""
        if self.thread is not None:
            self.thread.join()
            self.thread = None
        failed, self.failed = self.failed, False
        return not failed

    def cancel(self) -> bool:
        """The next rebuild: the running catch-up, if any, ends at its next step (Pagefind's process
        killed) and is waited for. Cancelled so, it changed nothing, and is no failure. As `wait`."""
        if self.thread is not None:
            self.halt.set()
        return self.wait()

    def stop(self) -> None:
        """The server is stopping: the running catch-up ends at its next step, and is waited for."""
        self.stopping.set()
        self.halt.set()
        self.wait()

    def start(self, job: Callable[[Halt], None] | None) -> None:
        """Run `job` (None: nothing) in a thread; it checks the `Halt` it is given between its steps.
        Then the thread collects what the previous preview left, unless a rebuild or
        the server's exit is waiting for it."""
        halt = self.halt = Halt()

        def run() -> None:
            started = time.perf_counter()
            try:
                if job is None:  # the browsers are reloading: the collection waits for their requests
                    halt.wait(1.0)
                else:
                    job(halt)
                    log.info(f"thidua: the preview's search index, open data and finder's data caught up "
                             f"{time.perf_counter() - started:.1f} s after the preview was shown")
            except Cancelled:
                if not self.stopping.is_set():
                    log.info(f"thidua: a rebuild came {time.perf_counter() - started:.1f} s after the preview was shown, "
                             f"before its search index, open data and finder's data were made again: they are made after the new "
                             f"preview instead")
            except Exception as error:  # noqa: BLE001 - a preview's background step: said, and redone next time
                # Ctrl+C in a terminal reaches Pagefind's process too, and may fail the step before the
                # server says it is stopping: a moment's grace (cut short by the next rebuild), then nothing is said
                halt.wait(1.0)
                if self.stopping.is_set():
                    return
                self.failed = True
                # a rebuild waiting for it makes them itself: not one of its warnings (`mkdocs serve --strict`)
                (log.info if halt.is_set() else log.error)(
                    f"thidua: the preview's search index, open data and finder's data could not be brought up to date "
                    f"({type(error).__name__}: {error}); the next rebuild makes them again")
            finally:
                halt.forget()
                # the previous preview's heap, collected while the server waits for the next edit (not
                # while a rebuild or the exit waits for this thread: the next catch-up collects then).
                # Each preview freezes what it plans, as `mkdocs build` does; unfrozen, the collector
                # walked the growing heap of earlier previews during the next one (BENCHMARKS.md)
                if not halt.is_set():
                    gc.collect()

        assert self.thread is None, "the next build cancels the last catch-up first"
        self.thread = threading.Thread(target=run, name="thidua-catchup")
        self.thread.start()


def carry(writer: incremental.Writer, export_paths: set[str], search: bool, folders: Iterable[str] = ()) -> bool:
    """Link the previous preview's open-data files (`export_paths`), the folders the core makes late
    (`folders`, as "vinh-danh/du-lieu/": `Site.later`) and, when the site has a search box (`search`),
    its search index from the site in place (`writer.final`) into the staging folder
    (`writer.site_dir`, which holds nothing of them): an index left from before search was turned
    off is not carried. False, with nothing left linked, if one is not as that preview listed it
    (or a folder is missing): the rebuild then makes them all itself."""
    exports = sorted(export_paths)
    wanted = ([f"{pagefind_index.OUTPUT}/"] if search else []) + list(folders)
    kept: list[str] = []
    try:
        if all(writer.keep(path) for path in exports):
            for folder in wanted:
                if not writer.keep_folder(folder):  # removes what it linked of that folder
                    break
                kept.append(folder)
            else:
                return True
    except OSError:  # a folder that cannot be made
        pass
    writer.drop(exports)
    for folder in kept:
        writer.drop_folder(folder)
    return False


def bring_up_to_date(halt: Halt, final: Path, manifest: incremental.Manifest, exports, export_paths: set[str],
                     search, hand_written: list[Doc] | None, split_above: int, trash: Path | None,
                     later: Mapping[str, Maker]) -> set[str]:
    """Make the open data (`exports`, a planned `Export`; None: none), the search index (the
    core's documents `search` and Material's `hand_written` pages; None: no search) and the
    folders the core makes late (`later`: folder -> its maker, `Site.later`) of the site in
    place (`final`) again, as a build would, in a scratch folder beside it (`_make`), then move
    them in (`_commit`); replaced folders go to `trash` (staging.py). `manifest` lists the
    site's files (`export_paths`: the open data's) and is brought up to date. The open data's
    paths now. Raises `Cancelled` once `halt` is set, up to the commit, having changed nothing:
    the commit itself is never stopped half-way."""
    scratch = Path(tempfile.mkdtemp(prefix=f".{final.name}.building-{os.getpid()}-catchup-", dir=final.parent))
    try:
        written, texts = _make(halt, scratch, final, manifest, exports, search, hand_written, split_above, later)
        return _commit(scratch, final, manifest, export_paths, written, texts, trash, sorted(later))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _make(halt: Halt, scratch: Path, final: Path, manifest: incremental.Manifest, exports, search,
          hand_written: list[Doc] | None, split_above: int, later: Mapping[str, Maker]
          ) -> tuple[incremental.Writer | None, incremental.Writer | None]:
    """The part a cancel may stop anywhere: the open data, the late folders and the search index
    made in `scratch`, nothing in place touched. The writers that listed them (open data, search
    index; None: not made). Whatever fails once `halt` is set failed of it (Pagefind's process
    killed): `Cancelled`."""
    index = written = texts = None
    try:
        if hand_written is not None:  # Pagefind indexes in its own process while the open data is written
            texts = incremental.Writer(scratch, final, manifest)
            # a cancel kills Pagefind: a wait for it ends at once
            index = search_index.start(scratch, search, split_above, texts, halt.check, halt.interrupt)
            search_index.finish(index, hand_written)
        if exports is not None:
            written = incremental.Writer(scratch, final, manifest)
            exports.write(written, scratch, halt.check)
        write_folders(later, scratch, halt.check)
        if index is not None:
            running, index = index, None
            running.close()
        halt.check()  # the last: past it, the commit
        return written, texts
    except BaseException as error:
        if index is not None:
            index.abandon()
        if halt.is_set() and isinstance(error, Exception) and not isinstance(error, Cancelled):
            raise Cancelled from error
        raise


def _commit(scratch: Path, final: Path, manifest: incremental.Manifest, export_paths: set[str],
            written: incremental.Writer | None, texts: incremental.Writer | None, trash: Path | None,
            folders: list[str]) -> set[str]:
    """Put what `_make` made in place, with nothing between its steps that a cancel stops: each
    open-data file moved in, the JSON file of a record deleted since unlinked, the search index's
    folder and each late folder (`folders`, listed in no manifest) exchanged; `manifest` updated
    in the entries that change only. The open data's paths."""
    for folder in folders:
        staging.Stage(final / folder, scratch / folder, trash).commit()
    pages = manifest.pages
    if written is not None:
        for path in sorted(written.entries):
            _move(scratch / path, final / path)
        for path in export_paths - written.entries.keys():  # a record deleted: its JSON file goes
            (final / path).unlink(missing_ok=True)
            pages.pop(path, None)
        pages.update(written.entries)
        export_paths = set(written.entries)
    if texts is not None:
        staging.Stage(final / pagefind_index.OUTPUT, scratch / pagefind_index.OUTPUT, trash).commit()
        prefix = f"{pagefind_index.OUTPUT}/"
        for path in [path for path in pages if path.startswith(prefix) and path not in texts.entries]:
            del pages[path]
        pages.update(texts.entries)
    return export_paths


def _move(made: Path, target: Path) -> None:
    """Put a file made in the scratch folder in place, unless it is the one there (linked)."""
    try:
        if os.path.samefile(made, target):
            return
    except OSError:
        target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(made, target)
