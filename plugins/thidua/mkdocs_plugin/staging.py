"""Build into a temporary folder and put it in place of the site only when the build succeeded.

MkDocs empties site_dir first and writes into it as it goes: a build that fails, is killed or
stops on a `--strict` warning leaves half a site. The plugin points site_dir at a fresh folder
beside it (same file system, so the swap is a rename) and swaps it in at the end of a build.

The swap is two renames (site -> .site.old-*, new -> site); where Linux offers renameat2's
RENAME_EXCHANGE the two folders trade places atomically instead, so no reader ever sees no site.
A build killed midway leaves its `.site.building-<pid>-*` folder, removed by the next build.

The replaced site is not removed while the build waits: removing its thousands of folders waits on
the disk (seconds when others write to it). With a trash folder (the plugin's cache folder, on the
same file system) it is moved there, out of the site's folder, and removed by an `rm` process of its
own, which the build does not wait for; otherwise, or if that cannot be, it is removed here.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils import CountHandler

log = logging.getLogger("mkdocs.plugins.thidua")


@dataclass
class Stage:
    final: Path  # the site_dir the user asked for
    temp: Path  # where this build writes
    trash: Path | None = None  # where the replaced site is removed in the background (`_discard`)

    @classmethod
    def begin(cls, final: Path) -> Stage:
        final = final.absolute()
        final.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(final)
        temp = Path(tempfile.mkdtemp(prefix=f".{final.name}.building-{os.getpid()}-", dir=final.parent))
        return cls(final, temp)

    def commit(self) -> None:
        """Put the new site in place of the old one."""
        os.chmod(self.temp, 0o755)  # mkdtemp makes it 0700; a site is served to others
        if not self.final.exists():
            os.rename(self.temp, self.final)
            return
        if _exchange(self.temp, self.final):
            _discard(self.temp, self.trash)  # now holds the old site
            return
        old = Path(tempfile.mkdtemp(prefix=f".{self.final.name}.old-", dir=self.final.parent))
        os.rmdir(old)
        os.rename(self.final, old)
        os.rename(self.temp, self.final)
        _discard(old, self.trash)

    def abandon(self) -> None:
        shutil.rmtree(self.temp, ignore_errors=True)
        log.warning(f"thidua: the build did not succeed; {self.final} is left as it was")


TRASHED = "site-"  # the names of the replaced sites moved into the trash folder
_removing: list[subprocess.Popen] = []  # the removals this process started (polled, so none is left a zombie)


def _discard(folder: Path, trash: Path | None) -> None:
    """Remove `folder`: moved into `trash` and removed there, with whatever an earlier removal left,
    by an `rm` the build does not wait for; here, when there is no trash or no `rm`, or it fails."""
    rm = shutil.which("rm") if trash is not None else None
    if trash is not None and rm is not None:
        try:
            trash.mkdir(parents=True, exist_ok=True)
            moved = trash / f"{TRASHED}{os.getpid()}-{time.time_ns()}"
            os.rename(folder, moved)  # another file system: refused, removed here below
        except OSError:
            moved = None
        if moved is not None:
            folder = moved
            _removing[:] = [p for p in _removing if p.poll() is None]
            try:
                _removing.append(subprocess.Popen(
                    # its own folders only: whatever else a misplaced cache_dir puts there is not ours
                    [rm, "-rf", "--", *sorted(str(p) for p in trash.iterdir() if p.name.startswith(TRASHED))],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
                return
            except OSError:
                pass
    shutil.rmtree(folder, ignore_errors=True)


def strict_warnings() -> bool:
    """Whether `mkdocs build --strict` has counted warnings (it raises once on_post_build returns)."""
    handlers = logging.getLogger("mkdocs").handlers
    return any(isinstance(h, CountHandler) and h.get_counts() for h in handlers)


def _remove_stale(final: Path) -> None:
    """Folders left by builds that were killed (their process is gone)."""
    for path in final.parent.glob(f".{final.name}.building-*"):
        pid = path.name.removeprefix(f".{final.name}.building-").split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)
    for path in final.parent.glob(f".{final.name}.old-*"):
        shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where that is not available."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0
