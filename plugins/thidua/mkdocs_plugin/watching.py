"""`mkdocs serve`: the data folder watched by the kernel's file notifications, not by polling.

MkDocs watches with watchdog's polling observer: 0.5 s after each walk it lists and stats every
file under each watched folder again. For the data folder that is a preview's first wait (a save
is seen up to one walk and 0.5 s later) and, at national scale, a walk of 66,000 files (0.35 s)
every 0.85 s for as long as the server runs. Here the data folder gets watchdog's native observer (inotify on Linux,
FSEvents on macOS, ReadDirectoryChangesW on Windows), whose events come as a file changes and
cost nothing in between, and asks MkDocs for a rebuild as its own watch does.

Asking for a rebuild is what MkDocs 1.6's `LiveReloadServer.watch` callback does with the
server's `_rebuild_cond` and `_want_rebuild`: not public, so when a server has neither (another
MkDocs, a fork) or the native observer cannot start, the folder is handed to `server.watch` as before.
Only changes count: the native observer also reports files opened and read (the build's own).
A folder's own events count when it is deleted or moved (a folder of records moved out of the data
folder is reported as that alone); its creation and modification do not (its files' events follow).
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path

import watchdog.events
import watchdog.observers

log = logging.getLogger("mkdocs.plugins.thidua")

CHANGES = frozenset({watchdog.events.EVENT_TYPE_CREATED, watchdog.events.EVENT_TYPE_MODIFIED,
                     watchdog.events.EVENT_TYPE_MOVED, watchdog.events.EVENT_TYPE_DELETED})
FOLDER_CHANGES = frozenset({watchdog.events.EVENT_TYPE_MOVED, watchdog.events.EVENT_TYPE_DELETED})


class _Changes(watchdog.events.FileSystemEventHandler):
    def __init__(self, server) -> None:
        self.server = server

    def on_any_event(self, event) -> None:
        if event.event_type not in (FOLDER_CHANGES if event.is_directory else CHANGES):
            return
        condition: threading.Condition = self.server._rebuild_cond
        with condition:  # as MkDocs' own watch callback
            self.server._want_rebuild = True
            condition.notify_all()


def watch(server, folder: Path):
    """Rebuild `server`'s site when a file under `folder` changes. Returns the native observer
    started, or None when the folder was handed to `server.watch` (MkDocs' polling)."""
    if not (isinstance(getattr(server, "_rebuild_cond", None), threading.Condition)
            and hasattr(server, "_want_rebuild")):
        server.watch(str(folder))
        return None
    observer = watchdog.observers.Observer()  # a daemon thread, as all of watchdog's
    try:
        observer.schedule(_Changes(server), str(folder), recursive=True)
        observer.start()
    except Exception as exc:  # noqa: BLE001 - no notifications here (limits, file system): poll
        log.info(f"thidua: {folder} is polled for changes (no file notifications: {exc})")
        server.watch(str(folder))
        return None
    return observer
