"""The last validation's report, given again when nothing validation reads has changed.

`thidua validate` reads every record and runs every check, tens of seconds at national scale; yet
it often sees the data exactly as its last run did (a hook before each commit, CI validating and
then building, an office running it again). The report is keyed by everything validation reads:
every entry under the data folder (names and kinds; a file's bytes, a link's target), where the
folder is and where problems are named from, and the code of the whole package. The same key
gives the kept report without loading a record; any other key validates in full, and the new
report is kept. Keyed by content, not by times: a stale report is never given (a file's bytes are
hashed again unless digests.py vouches, by all the kernel says of the file, that they are those
it hashed last time).
"""
from __future__ import annotations

import hashlib
import logging
import os
import stat
from pathlib import Path

from . import parsecache, sealed
from .digests import Digests, identity
from .loader import folders
from .photos import MAX_PHOTO_BYTES
from .schema import MAX_FILE_BYTES
from .problems import Problem

log = logging.getLogger("mkdocs.plugins.thidua")

MAGIC = b"thidua-report-cache\n"
NAME = "report.pickle"
_PACKAGE = Path(__file__).resolve().parent
# Past this size a file is refused by its size alone (a record, a photo), so only its size counts
LARGEST = max(MAX_FILE_BYTES, MAX_PHOTO_BYTES)


def code_stamp() -> bytes:
    """Every module of the package (the checks read the model, the graph, the texts...) and what
    the parse cache's stamp covers (Python's and PyYAML's versions)."""
    digest = hashlib.sha256(parsecache.code_stamp())
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def inputs(data_dir: Path, shown: Path, digests: Digests) -> tuple[bytes, bytes]:
    """(the key: a digest of what validating `data_dir`, naming files from `shown`, reads; a digest
    of its entries' sizes, times and inodes, which `settled` makes again after validating). Each
    regular file's digest goes to `digests`, where the loader takes it rather than reading the file
    again, and from where it is taken if the file is as it was last time."""
    content, stats = hashlib.blake2b(digest_size=32), hashlib.blake2b(digest_size=32)
    content.update(os.fsencode(f"{data_dir}\0{data_dir.resolve()}\0{shown}\0"))
    _walk(data_dir, stats, content, digests)
    return content.digest(), stats.digest()


def settled(data_dir: Path) -> bytes:
    """The digest of the entries' sizes, times and inodes (no file read): the same as `inputs` gave
    before validating means nothing changed meanwhile, and the report is that of the key's data."""
    stats = hashlib.blake2b(digest_size=32)
    _walk(data_dir, stats, None, None)
    return stats.digest()


def _walk(top: Path, stats, content, digests: Digests | None) -> None:
    """Each entry under `top`, as the loader walks them (loader.folders: links are not followed
    into folders), but a link to a file counts that file (a photo, data/rules.yml may be one); a
    FIFO or socket is never opened."""
    def unlisted(folder: Path, exc: OSError) -> None:
        _update(stats, content, b"?" + os.fsencode(f"{folder}\0{exc.errno}\0"))

    for _, entries in folders(top, unlisted):
        for entry in entries:
            name = os.fsencode(entry.path)
            try:
                if entry.is_symlink():
                    _update(stats, content, b"L" + name + b"\0" + os.fsencode(os.readlink(entry.path)) + b"\0")
                    _file(entry.path, name, stats, content, follow=True, digests=digests)  # the loader refuses it
                elif entry.is_dir(follow_symlinks=False):
                    _update(stats, content, b"D" + name + b"\0")
                elif entry.is_file(follow_symlinks=False):
                    _file(entry.path, name, stats, content, follow=False, digests=digests)
                else:
                    _update(stats, content, b"O" + name + b"\0")
            except OSError as exc:  # unreadable: validation reports it, and says so again next time
                _update(stats, content, b"?" + name + os.fsencode(f"\0{exc.errno}\0"))


def _update(stats, content, data: bytes) -> None:
    stats.update(data)
    if content is not None:
        content.update(data)


def _file(path: str, name: bytes, stats, content, follow: bool, digests: Digests | None) -> None:
    """A regular file's size, time and inode (the same whether or not its bytes are read, so
    `settled` agrees with `inputs` even for a file that cannot be opened), and with `content` its
    bytes' digest (from `digests` if the file is as it was, else read, and noted there); opened
    without blocking (a FIFO put in its place meanwhile) and read only if it is still that regular
    file once open."""
    info = os.stat(path, follow_symlinks=follow)
    if not stat.S_ISREG(info.st_mode):
        return  # a link to a folder or a FIFO: its name and target are counted
    looked = (info.st_size, info.st_mtime_ns, info.st_ino)
    stats.update(b"F" + name + "\0{}\0{}\0{}\0".format(*looked).encode())
    if content is None:
        return
    if info.st_size > LARGEST:  # refused by its size alone, whatever it holds: never read whole
        content.update(b"F" + name + f"\0{info.st_size}\0".encode())
        return
    digest = digests.get(path, info) if digests is not None else None
    if digest is not None:
        content.update(b"F" + name + b"\0" + digest)
        return
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | (0 if follow else os.O_NOFOLLOW))
    except OSError as exc:  # unreadable: validation reports it, and says so again next time
        content.update(b"?" + name + os.fsencode(f"\0{exc.errno}\0"))
        return
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode) or (opened.st_size, opened.st_mtime_ns, opened.st_ino) != looked:
            content.update(b"~" + name + b"\0")  # replaced meanwhile: `settled` will differ, nothing kept
            return
        digest = parsecache.file_digest(handle)
    content.update(b"F" + name + b"\0" + digest)
    if digests is not None:
        digests.put(path, identity(info), digest)


def read(folder: Path, key: bytes, stamp: bytes) -> list[Problem] | None:
    """The problems of the last run if it had the key `key` under the code stamped `stamp`; None if
    there is no such run."""
    file = folder / NAME
    if not file.exists():
        return None
    try:
        kept = sealed.read(file, MAGIC, stamp)
    except sealed.Stale:
        return None
    except Exception as exc:  # noqa: BLE001 - any damage at all: do not trust it
        log.info(f"thidua: the report cache {file} is not used ({exc})")
        return None
    if not (isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key and isinstance(kept[1], list)):
        return None
    return kept[1]


def write(folder: Path, key: bytes, stamp: bytes, problems: list[Problem]) -> None:
    try:
        sealed.write(folder / NAME, MAGIC, stamp, (key, problems))
    except OSError as exc:  # a read-only checkout still validates, only not faster next time
        log.warning(f"thidua: the report cache could not be written ({exc})")
