"""Rebuilds render only the record pages whose inputs changed, and write only those whose bytes did.

Each build lists, in `.cache/thidua/pages.pickle` (outside the site; sealed, as the other caches):

- every file it wrote through a `Writer`: its URL path, a hash of its bytes and the identity of
  the file (size, modification time, inode), and for a keyed file (`Writer.keyed`) the digest of
  its inputs (which stands for the hash of a file the caller wrote itself: `Writer.placed`; an
  empty one for a file made whole by every build, which only `Writer.keep` takes again);
- a stamp of everything every page depends on: the code (this package, the theme override,
  the installed packages), the MkDocs configuration, the build date, and the chrome of each
  folder as Material rendered it (`stamp`);
- for each generated page, its inputs (`pages/inputs.py`): the fingerprint of its context,
  title, head and table of contents (records in it standing as their content digests), and
  the lookups its rendering made (records by id, graph relations and methods), each with the
  digest of what it returned. They are kept in parts, each pickled on its own (`Pages.pack`): a
  process writing pages packs those it wrote every so many pages, and at the end. The build
  process passes the parts on as bytes and never holds every page's inputs as objects.

A rebuild under the same stamp takes a page as it is when its fingerprint is unchanged, every
lookup evaluated on the new data gives the digest listed, and its file in the site in place is
still the one listed: that file is hard-linked into the staging folder, and the page is not
rendered. Any other page is rendered; if its bytes are those listed, the file is still linked
rather than written. The staging folder so holds a complete site whether the build succeeds
(it is swapped in) or fails (it is dropped and the old site, whose files a link never changes,
stays as it was).

An open-data file made through `Writer.keyed` is linked from the previous site without being
made when the digest of its inputs (the caller's key, with the code: `code_stamp`) is the one
listed and its file is still the one listed.

A missing, damaged or foreign manifest, another stamp, or a file changed since, only means
rendering and writing: the manifest is never trusted beyond what it can be checked against.
"""
from __future__ import annotations

import bisect
import functools
import hashlib
import itertools
import os
import pickle
import shutil
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import sealed
from ..pages import inputs
from ..pages.inputs import Key

NAME = "pages.pickle"
OLD_NAMES = ("pages.json",)  # earlier versions' manifest: removed when this one is written
VERSION = 5  # 3: a file's entry may end with the key of its inputs (Writer.keyed); 4: a sealed pickle;
# 5: the pages' inputs in parts, each pickled on its own (`Pages.pack`)
# Sealed (sealed.py): a damaged or truncated manifest is refused whole. A pickle, not JSON as up to
# version 3: at national scale (170 MB) JSON took 10.4 s to write and 5.6 s to read, a pickle 3 and 1.3 s.
MAGIC = b"thidua-pages\n"
FORMAT = hashlib.sha256(f"thidua pages manifest {VERSION}".encode()).digest()
PACKAGE = Path(__file__).resolve().parent.parent


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def stamp(folders: list[Path], *parts: object) -> str:
    """What every page depends on beyond its own inputs: the files under `folders` (code,
    templates, the theme override), the installed packages and Python, and `parts` (the
    configuration, the chrome: anything with a deterministic repr)."""
    hashed = hashlib.blake2b(digest_size=16)
    hashed.update(sys.version.encode())
    for name in _installed():
        hashed.update(name.encode() + b"\0")
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            hashed.update(f"\0{path.relative_to(folder).as_posix()}\0".encode())
            hashed.update(path.read_bytes())
    for part in parts:
        hashed.update(b"\0" + repr(part).encode("utf-8", "surrogatepass"))
    return hashed.hexdigest()


@functools.cache  # the code a process runs does not change under it
def code_stamp() -> str:
    """What every keyed file depends on beyond its caller's key: this package's files, the
    installed packages (their versions) and Python."""
    return stamp([PACKAGE])


def _installed() -> list[str]:
    """The installed distributions, as their metadata folders name them (name and version):
    listing the folders is much quicker than reading every distribution's metadata."""
    names = []
    for entry in sys.path:
        try:
            names += [name for name in os.listdir(entry or ".") if name.endswith((".dist-info", ".egg-info"))]
        except OSError:
            continue
    return sorted(names)


def record_digests(repo) -> dict[str, dict[str, str]] | None:
    """kind -> id -> content digest of every record: the key of the file it was parsed from
    (parsecache.py), which publishing changes only as the file says. None if a record has none
    (not loaded through the cache): fingerprints are then not made, every page is rendered."""
    out: dict[str, dict[str, str]] = {}
    for kind, record in repo.all():
        key = repo.digests.get((kind.name, record.id))
        if key is None:
            return None
        out.setdefault(kind.name, {})[record.id] = key.hex()
    return out


_last_read: list = [None, None]  # [(folder, site, size, mtime, inode), Manifest]: its users only read it


@dataclass
class Manifest:
    site: Path  # the site folder the listed files are in
    pages: dict[str, list]  # site path -> [digest, size, mtime_ns, inode] (+ [key] for a keyed file)
    stamp: str = ""
    inputs: dict[str, tuple[str, list[Key]]] = field(default_factory=dict)  # path -> (fingerprint, lookups)
    lookups: dict[Key, str] = field(default_factory=dict)  # lookup -> digest
    # more pages' inputs and lookups, each part as `pack` pickled it: written as they are, not read
    packed: list[bytes] = field(default_factory=list)

    @classmethod
    def read(cls, folder: Path | None, site: Path) -> Manifest:
        """The manifest in `folder` if it describes `site`; else an empty one. Read once per
        version of the file (the open-data exports and the pages both consult it)."""
        empty = cls(site, {})
        if folder is None or not site.is_dir():  # no site to take files from (a fresh checkout in CI)
            return empty
        try:
            st = os.stat(folder / NAME)
            version = (str(folder), str(site), st.st_size, st.st_mtime_ns, st.st_ino)
            if _last_read[0] == version:
                return _last_read[1]
            manifest = cls._read(folder, site)
            _last_read[:] = [version, manifest]
            return manifest
        except OSError:
            return empty

    @classmethod
    def _read(cls, folder: Path, site: Path) -> Manifest:
        empty = cls(site, {})
        try:
            data = sealed.read(folder / NAME, MAGIC, FORMAT)
            if not isinstance(data, dict) or data.get("site") != str(site) or not isinstance(data.get("pages"), dict):
                return empty
            pages = {path: entry for path, entry in data["pages"].items() if _valid_entry(entry)}
            manifest = cls(site, pages)
            try:
                manifest.packed = list(data["parts"])
                if not all(isinstance(part, bytes) for part in manifest.packed):
                    raise ValueError("a part")
                manifest.unpack()
                stamp = data["stamp"]
                if not isinstance(stamp, str):
                    raise ValueError("stamp")
                manifest.stamp = stamp
            except (TypeError, ValueError, KeyError, IndexError, AttributeError, EOFError, pickle.UnpicklingError):
                manifest.stamp, manifest.inputs, manifest.lookups, manifest.packed = "", {}, {}, []  # bytes still comparable
            return manifest
        except Exception:  # noqa: BLE001 - unreadable, of other code, damaged: every page is rendered
            return empty

    def unpack(self) -> None:
        """Take the parts `packed` holds into `inputs` and `lookups`: a preview's manifest, handed
        to the next in memory, is read as one written is."""
        for part in self.packed:
            self._read_inputs(pickle.loads(part))
        self.packed = []

    def _read_inputs(self, part: dict) -> None:
        """Add the pages' inputs one part holds (`pack`)."""
        keys = [key for key, _digest in part["lookups"]]
        if any(type(key) is not tuple for key in keys):
            raise ValueError("lookups")
        self.lookups.update((key, str(d)) for key, d in part["lookups"])
        for path, (fingerprint, used) in part["inputs"].items():
            if not isinstance(fingerprint, str) or any(type(i) is not int or i < 0 for i in used):
                raise ValueError(path)
            self.inputs[path] = (fingerprint, [keys[i] for i in used])

    def write(self, folder: Path | None) -> None:
        if folder is None:
            return
        parts = self.packed + ([pack(self.inputs, self.lookups)] if self.inputs else [])
        data = {"site": str(self.site), "pages": self.pages, "stamp": self.stamp, "parts": parts}
        try:
            sealed.write(folder / NAME, MAGIC, FORMAT, data)
            for old in OLD_NAMES:
                (folder / old).unlink(missing_ok=True)
        except OSError:
            pass  # the next build renders and writes every page: slower, not wrong


def pack(inputs: dict[str, tuple[str, list[Key]]], lookups: dict[Key, str]) -> bytes:
    """`inputs` and the `lookups` they make, pickled as one part of a manifest: each lookup once,
    the pages naming theirs by their index (the same lookup made by many pages is one key)."""
    index: dict[Key, int] = {}
    for _fingerprint, used in inputs.values():
        for key in used:
            index.setdefault(key, len(index))
    return pickle.dumps({"lookups": [(key, lookups[key]) for key in index],
                         "inputs": {path: (fingerprint, [index[key] for key in used])
                                    for path, (fingerprint, used) in inputs.items()}},
                        protocol=pickle.HIGHEST_PROTOCOL)


def _valid_entry(entry: object) -> bool:
    return (isinstance(entry, list) and len(entry) in (4, 5) and isinstance(entry[0], str)
            and all(type(n) is int for n in entry[1:4]) and all(isinstance(k, str) for k in entry[4:]))


class Writer:
    """Writes pages into `site_dir`, reusing the unchanged files of the site `final` (the same
    folder in a dirty build: an unchanged file is then left alone)."""

    def __init__(self, site_dir: Path, final: Path, previous: Manifest):
        self.site_dir, self.final, self.previous = site_dir, final, previous
        self.entries: dict[str, list] = {}
        self.written = 0
        self._code: str | None = None
        self._made: set[Path] = set()  # folders this writer made or found: one mkdir each, not one per file
        self._paths: list[str] | None = None  # the previous build's paths, sorted (`_listed_under`)

    def _folder(self, target: Path) -> None:
        folder = target.parent
        if folder not in self._made:
            folder.mkdir(parents=True, exist_ok=True)
            self._made.add(folder)

    def write(self, path: str, data: bytes) -> None:
        target = self.site_dir / path
        self._folder(target)
        hashed = digest(data)
        listed = self.previous.pages.get(path)
        if not (listed and listed[0] == hashed and self._link(path, listed, target)):
            if self.final == self.site_dir:
                target.unlink(missing_ok=True)  # never write through a link into another copy
            target.write_bytes(data)
            self.written += 1
        st = os.stat(target)
        self.entries[path] = [hashed, st.st_size, st.st_mtime_ns, st.st_ino]

    def keyed(self, path: str, key: str, make: Callable[[], bytes]) -> int:
        """Write `make()` at `path`, unless the previous build listed the same `key` (a digest of
        every input of the bytes, the code aside: it is added here) for a file still as listed:
        that file is then linked, and `make` not called. The file's size."""
        size = self.reuse(path, key)
        if size is not None:
            return size
        data = make()
        self.write(path, data)
        self.entries[path].append(self._key(key))
        return len(data)

    def reuse(self, path: str, key: str) -> int | None:
        """`keyed` for a file the caller writes itself (too large to hold): the previous file's
        size if it was linked; else None, and the caller writes it then calls `placed`."""
        listed = self.previous.pages.get(path)
        if listed is not None and listed[4:] == [self._key(key)] and self.keep(path):
            return listed[1]
        return None

    def reuse_folder(self, prefix: str, key: str) -> bool:
        """`reuse` for every file the previous build listed under `prefix` (a folder written
        whole, as a search bundle): True if all were linked, each keyed with `key`; else none is
        kept (those linked are removed) and the caller writes the folder anew, then `placed`."""
        paths = self._listed_under(prefix)
        done: list[str] = []
        for path in paths:
            if self.reuse(path, key) is None:
                self.drop(done)
                return False
            done.append(path)
        return bool(paths)

    def _listed_under(self, prefix: str) -> list[str]:
        """The paths the previous build listed under `prefix`, found by bisection: a national
        manifest lists millions."""
        if self._paths is None:
            self._paths = sorted(self.previous.pages)
        start = bisect.bisect_left(self._paths, prefix)
        return list(itertools.takewhile(lambda path: path.startswith(prefix),
                                        itertools.islice(self._paths, start, None)))

    def keep_folder(self, prefix: str) -> bool:
        """`keep` for the previous site's folder `prefix` (as "pagefind/") whole, into `site_dir`,
        which holds nothing of it: every file in it is linked unread, one the previous build listed
        (a search text, a province's bundle) only if it is still as listed, and then with its entry
        (a later writer may take it again); the others (written by Pagefind) as they are. False if
        the folder is not there, or a listed file is missing or not as listed: then nothing of it is
        kept. Paths as strings: thousands of files, for which Path objects cost most of a second."""
        listed, site, old = self.previous.pages, str(self.site_dir), str(self.final)
        kept: list[str] = []  # the listed ones, linked

        def walk(folder: str) -> bool:  # `folder`: site-relative, without the slash
            os.makedirs(f"{site}/{folder}", exist_ok=True)
            with os.scandir(f"{old}/{folder}") as found:
                for entry in found:
                    path = f"{folder}/{entry.name}"
                    if entry.is_dir(follow_symlinks=False):
                        if not walk(path):
                            return False
                        continue
                    known = listed.get(path)
                    if known is not None:
                        st = entry.stat(follow_symlinks=False)
                        if [st.st_size, st.st_mtime_ns, st.st_ino] != known[1:4]:
                            return False  # changed since it was listed
                    os.link(entry.path, f"{site}/{path}")
                    if known is not None:
                        self.entries[path] = list(known)
                        kept.append(path)
            return True

        try:
            whole = walk(prefix.rstrip("/"))
        except OSError:  # gone, or links not possible here (another file system)
            whole = False
        if whole and len(kept) == len(self._listed_under(prefix)):  # none missing
            return True
        self.drop_folder(prefix)
        return False

    def drop_folder(self, prefix: str) -> None:
        """`drop` for the folder `prefix` in `site_dir` whole: its entries, its files listed or not."""
        self.drop([path for path in self.entries if path.startswith(prefix)])
        shutil.rmtree(self.site_dir / prefix, ignore_errors=True)

    def drop(self, paths: Iterable[str]) -> None:
        """Give back the files at `paths` this writer holds (linked or written): their entries, and
        their names in `site_dir` (a linked file stays as it was in the previous site)."""
        for path in paths:
            if self.entries.pop(path, None) is not None:
                (self.site_dir / path).unlink(missing_ok=True)

    def placed(self, path: str, key: str | None = None) -> None:
        """List the file the caller wrote at `path` (after `reuse` gave None) with its `key`. It is
        only ever taken again by its key (`reuse`), never by its bytes, so it is not read back to
        hash them: the key's digest stands in their place (a `write` of the path compares it with
        the hash of its bytes, which it does not match, and writes them).

        Without a key (a file made whole by every build: the open data's database, CSV, ZIP) it is
        listed by its identity alone, with an empty digest that matches no bytes and no key: only
        `keep` takes it again, as it is (a preview carries the previous one's: catchup.py)."""
        st = os.stat(self.site_dir / path)
        keyed = self._key(key) if key is not None else ""
        self.entries[path] = [keyed, st.st_size, st.st_mtime_ns, st.st_ino] + ([keyed] if key is not None else [])
        self.written += 1

    def _key(self, key: str) -> str:
        if self._code is None:
            self._code = code_stamp()
        return digest(f"{self._code}\0{key}".encode())

    def keep(self, path: str) -> bool:
        """Take the previous site's file for `path` as it is, unread; False if it is not there
        as listed (then the page must be rendered and written)."""
        listed = self.previous.pages.get(path)
        if not listed:
            return False
        target = self.site_dir / path
        self._folder(target)
        if not self._link(path, listed, target):
            return False
        self.entries[path] = list(listed)
        return True

    def _link(self, path: str, listed: list, target: Path) -> bool:
        old = self.final / path
        try:
            st = os.stat(old, follow_symlinks=False)
            if [st.st_size, st.st_mtime_ns, st.st_ino] != listed[1:4]:
                return False  # changed since it was written (by hand, by another tool)
            if old != target:
                os.link(old, target)
        except (OSError, TypeError):  # gone, or links not possible here (another file system): write it
            return False
        return True


@dataclass
class Pages:
    """The record pages one process wrote: files, inputs, and how many were rendered."""

    entries: dict[str, list] = field(default_factory=dict)
    inputs: dict[str, tuple[str, list[Key]]] = field(default_factory=dict)
    lookups: dict[Key, str] = field(default_factory=dict)
    written: int = 0
    rendered: int = 0
    packed: list[bytes] = field(default_factory=list)  # inputs and lookups, pickled (`pack`)

    def pack(self) -> Pages:
        """The inputs and lookups pickled into one part (`Manifest.packed`), the objects let go:
        what a forked worker sends back, and what the build process keeps of its own share."""
        if self.inputs:
            self.packed.append(pack(self.inputs, self.lookups))
        self.inputs, self.lookups = {}, {}
        return self


class Reuse:
    """Decides, page by page, whether the previous build's file can stand for a page unrendered,
    and records the inputs of pages rendered now (`render`)."""

    def __init__(self, writer: Writer, previous: Manifest, stamp: str, fingerprinter: inputs.Fingerprinter | None,
                 tracker: inputs.Tracker | None, pack_every: int | None = None):
        """`pack_every`: pack the inputs of every so many pages rendered or kept (`Pages.pack`),
        so that a share holds at most those as objects; None: none packed here (a preview's
        manifest is handed to the next as it is)."""
        self.writer, self.fp, self.tracker = writer, fingerprinter, tracker
        self.pack_every = pack_every
        previous.unpack()
        self.previous = previous.inputs if previous.stamp == stamp and fingerprinter is not None else {}
        self.old_lookups = previous.lookups
        self.done = Pages()

    def page(self, path: str, page, render) -> None:
        """`render()` gives the page's bytes; called only when the previous file cannot stand."""
        fingerprint = self.fp.page(page) if self.fp is not None else None
        old = self.previous.get(path)
        if fingerprint is not None and old is not None and old[0] == fingerprint and self._same(old[1]) \
                and self.writer.keep(path):
            # the digests _same found equal to those listed
            self.done.inputs[path] = old
            self.done.lookups.update((key, self.old_lookups[key]) for key in old[1])
        elif fingerprint is None or self.tracker is None:
            self.writer.write(path, render())
            self.done.rendered += 1
        else:
            with self.tracker.page() as seen:
                data = render()
            self.writer.write(path, data)
            if not self.tracker.untracked:
                self._record(path, fingerprint, list(seen))
            self.done.rendered += 1
        if self.pack_every is not None and len(self.done.inputs) >= self.pack_every:
            self.done.pack()

    def _same(self, used: list[Key]) -> bool:
        tracker, listed = self.tracker, self.old_lookups
        assert tracker is not None
        return all((found := tracker.digest(key)) is not None and found == listed.get(key) for key in used)

    def _record(self, path: str, fingerprint: str, used: list[Key]) -> None:
        assert self.tracker is not None
        digests = [self.tracker.digest(key) for key in used]
        if None in digests:
            return  # a lookup that cannot be evaluated again: the page is rendered next time
        self.done.inputs[path] = (fingerprint, used)
        self.done.lookups.update(zip(used, digests))  # type: ignore[arg-type]

    def result(self) -> Pages:
        """What the pages given were written as; the memos made to decide go."""
        if self.tracker is not None:
            self.tracker.release()
        self.done.entries, self.done.written = self.writer.entries, self.writer.written
        return self.done
