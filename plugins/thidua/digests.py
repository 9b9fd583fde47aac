"""What each data file's bytes hash to, kept from one run to the next, so that an unchanged file
is not read again only to be keyed (git's index does the same for its work tree).

Validation keys its report by every file's bytes (reportcache.py) and the loader keys each record's
parse by its file's bytes (parsecache.py): at national scale, reading and hashing 66,000 files,
about 3 s of every run. A digest kept here is given again for a path only while the file there is,
by all the kernel says of it, the one it was taken of: the same device, inode, size, modification
time and status-change time. The last cannot be set by hand: `touch -d`, `cp -p`, `rsync -t`, a
checkout and an editor that keeps a file's modification time all set it to the time of the change.
One change cannot show: a file rewritten within the same clock tick as it was read. So a digest is
kept for the next run only if its file was last changed at least `RACY_NS` before the run that read
it began (git's rule for "racy" files), and any other file is read again then.

One sealed pickle beside the parse cache (sealed.py), stamped with the parse cache's code (the
digests are its `content_digest`s) and this module's: damaged, or made by other code, it is not
used, and every file is read.
"""
from __future__ import annotations

import hashlib
import logging
import os
import time
from pathlib import Path

from . import parsecache, sealed

log = logging.getLogger("mkdocs.plugins.thidua")

MAGIC = b"thidua-file-digests\n"
NAME = "digests.pickle"
# Coarse file-system clocks (2 s on FAT), and the kernel's tick between its clock and a file's times
RACY_NS = 2_000_000_000

Identity = tuple[int, int, int, int, int]  # device, inode, size, modification and status-change times


def stamp() -> bytes:
    return hashlib.sha256(parsecache.code_stamp() + Path(__file__).read_bytes()).digest()


def identity(info: os.stat_result) -> Identity:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class Digests:
    """The digests of the last run (read from `folder`, None: none kept) and of this one: a path's
    digest, given its `os.stat` now, if the file is the one it was taken of."""

    def __init__(self, folder: Path | None = None):
        self.file = Path(folder) / NAME if folder is not None else None
        self.started = time.time_ns()  # before any file is looked at: the racy rule's reference
        self.old: dict[str, tuple[Identity, bytes]] = {}
        self.new: dict[str, tuple[Identity, bytes]] = {}
        if self.file is not None and self.file.exists():
            try:
                kept = sealed.read(self.file, MAGIC, stamp())
                if isinstance(kept, dict):
                    self.old = kept
            except sealed.Stale:
                pass
            except Exception as exc:  # noqa: BLE001 - any damage at all: do not trust it
                log.info(f"thidua: the file digests {self.file} are not used ({exc})")

    def get(self, path: str, info: os.stat_result) -> bytes | None:
        now = identity(info)
        found = self.new.get(path) or self.old.get(path)
        if found is None or found[0] != now:
            return None
        self.new[path] = found
        return found[1]

    def put(self, path: str, seen: Identity, digest: bytes) -> None:
        """`digest` of the bytes read from `path`, whose identity was `seen` before they were read
        (a change while reading gives the file another identity: it is read again next time)."""
        self.new[path] = (seen, digest)

    def write(self) -> None:
        """Keep this run's digests of files not changed within RACY_NS of its start, and the last
        run's of files this one did not look at, while they are still those files: a build keys
        the records' files alone, `thidua validate` every file (a story's photos too), and neither
        may drop the other's, or each would read again what the other just read."""
        if self.file is None:
            return
        settled = self.started - RACY_NS
        kept = {path: entry for path, entry in self.new.items() if max(entry[0][3], entry[0][4]) < settled}
        for path, entry in self.old.items():
            if path not in self.new and _still(path, entry[0]):
                kept[path] = entry
        if kept == self.old:
            return
        try:
            sealed.write(self.file, MAGIC, stamp(), kept)
        except OSError as exc:  # a read-only checkout still validates, only not faster next time
            log.warning(f"thidua: the file digests could not be written ({exc})")


def _still(path: str, seen: Identity) -> bool:
    """Whether the file at `path` is the one of identity `seen` (gone or changed: not)."""
    try:
        return identity(os.stat(path)) == seen
    except OSError:
        return False
