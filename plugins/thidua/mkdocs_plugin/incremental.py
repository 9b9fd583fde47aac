"""Rebuilds write only the record pages whose bytes changed.

Each build lists, in `.cache/thidua/pages.json`, every record page it wrote: its URL, a hash of
its bytes and the identity of the file (size, modification time, inode). The next build still
renders every page (a page's inputs reach across records: titles of linked records, rolls,
hierarchies), but a page whose bytes hash the same, and whose file in the site in place is still
the one listed, is hard-linked into the staging folder instead of written. The staging folder so
holds a complete site whether the build succeeds (it is swapped in) or fails (it is dropped and
the old site, whose files a link never changes, stays as it was).

A missing, damaged or foreign manifest, or a file that changed since, only means writing the page.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

NAME = "pages.json"
VERSION = 1


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass
class Manifest:
    site: Path  # the site folder the listed files are in
    pages: dict[str, list]  # site path -> [digest, size, mtime_ns, inode]

    @classmethod
    def read(cls, folder: Path | None, site: Path) -> Manifest:
        empty = cls(site, {})
        if folder is None:
            return empty
        try:
            data = json.loads((folder / NAME).read_text(encoding="utf-8"))
            if data.get("version") != VERSION or data.get("site") != str(site) or not isinstance(data.get("pages"), dict):
                return empty
            return cls(site, data["pages"])
        except (OSError, ValueError, AttributeError):
            return empty

    def write(self, folder: Path | None) -> None:
        if folder is None:
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".pages-", dir=folder)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({"version": VERSION, "site": str(self.site), "pages": self.pages}, out,
                          separators=(",", ":"), sort_keys=True)
            os.replace(tmp, folder / NAME)
        except OSError:
            pass  # the next build writes every page: slower, not wrong


class Writer:
    """Writes pages into `site_dir`, reusing the unchanged files of the site `final` (the same
    folder in a dirty build: an unchanged file is then left alone)."""

    def __init__(self, site_dir: Path, final: Path, previous: Manifest):
        self.site_dir, self.final, self.previous = site_dir, final, previous
        self.entries: dict[str, list] = {}
        self.written = 0

    def write(self, path: str, data: bytes) -> None:
        target = self.site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        hashed = digest(data)
        if not self._reuse(path, hashed, target):
            if self.final == self.site_dir:
                target.unlink(missing_ok=True)  # never write through a link into another copy
            target.write_bytes(data)
            self.written += 1
        st = os.stat(target)
        self.entries[path] = [hashed, st.st_size, st.st_mtime_ns, st.st_ino]

    def _reuse(self, path: str, hashed: str, target: Path) -> bool:
        listed = self.previous.pages.get(path)
        if not listed or listed[0] != hashed:
            return False
        old = self.final / path
        try:
            st = os.stat(old, follow_symlinks=False)
            if [st.st_size, st.st_mtime_ns, st.st_ino] != listed[1:]:
                return False  # changed since it was written (by hand, by another tool)
            if old != target:
                os.link(old, target)
        except OSError:  # gone, or links not possible here (another file system): write it
            return False
        return True
