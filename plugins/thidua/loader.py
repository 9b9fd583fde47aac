"""Loads data/ into a Repository: one record per YAML file, the kind by its folder.

Reading never stops at a bad file: every problem of every file is collected, so one
`thidua validate` run shows a communications office all it has to fix.
"""
from __future__ import annotations

import difflib
import logging
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import yaml

from . import parallel, parsecache
from .digests import Digests, identity
from .kinds import KINDS
from .problems import Problem, Report
from .repository import Repository
from .schema import MAX_FILE_BYTES, LimitError, Reader, SourceFile, colon_hint, compose_data, forget_texts, location

log = logging.getLogger("mkdocs.plugins.thidua")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SETTINGS_FILE = "rules.yml"  # data/rules.yml: severities of the rules (checks/settings.py)


def compose(text: str, file: str, report: Report) -> yaml.Node | None:
    """`text` composed (schema.compose_data's limits), or None: empty, or its problems reported."""
    try:
        return compose_data(text)
    except LimitError as exc:
        report.add(Problem(file, exc.mark.line + 1, exc.mark.column + 1, "", exc.message, exc.expected,
                           exc.found, rule="yaml"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = (exc.problem or "invalid YAML").strip()
        quoted = colon_hint(text, line)  # text holding ": " that YAML took for a key: say to quote it
        hint = ' — text holding ": " must be put in double quotes' if quoted else ""
        report.add(Problem(file, line, col, "", f"YAML syntax error: {what}{hint}",
                           quoted or "valid YAML (check indentation, colons and quotes)",
                           (exc.context or what).strip(), rule="yaml"))
    except yaml.reader.ReaderError as exc:
        # a character YAML forbids (control characters): point at it
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        report.add(Problem(file, line, col, "", "control characters are not allowed in YAML text",
                           "printable text", f"the character U+{ord(char):04X}", rule="yaml"))
    except yaml.YAMLError as exc:
        report.add(Problem(file, 1, 1, "", f"YAML error: {str(exc).splitlines()[0][:200]}", rule="yaml"))
    return None


def decode(raw: bytes, file: str, report: Report) -> str | None:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        # count characters, as YAML marks do, not bytes
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", errors="replace")) + 1
        report.add(Problem(file, line, col, "", "the file is not UTF-8 text",
                           "UTF-8 (save the file as UTF-8 in your editor)",
                           f"byte 0x{raw[exc.start]:02x}", rule="encoding"))
        return None


def read_data_file(path: Path, rel: str, report: Report, follow: bool = False) -> bytes | None:
    """The bytes of `path` if it is a regular file (not a link: O_NOFOLLOW, so a link swapped in
    after the folder was listed is refused too) no larger than MAX_FILE_BYTES; else None, reported.
    `follow`: a link to a regular file is read (data/rules.yml may be shared so); what is not a
    regular file is refused before it is opened (opening a device can have effects)."""
    try:
        if follow and not stat.S_ISREG(os.stat(path).st_mode):
            report.add(Problem(rel, 1, 1, "", "not a regular file", "a regular file inside the data folder",
                               "a folder, device, pipe or socket", rule="layout"))
            return None
        fd = os.open(path, os.O_RDONLY | (0 if follow else getattr(os, "O_NOFOLLOW", 0)) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        link = not follow and path.is_symlink()
        report.add(Problem(rel, 1, 1, "", "symbolic links are not read: copy the file into data/" if link
                           else f"the file cannot be read ({exc.strerror})",
                           "a regular file inside the data folder", "a symbolic link" if link else str(exc.strerror),
                           rule="layout"))
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            report.add(Problem(rel, 1, 1, "", "not a regular file", "a regular file inside the data folder",
                               "a folder, device, pipe or socket", rule="layout"))
            return None
        if info.st_size > MAX_FILE_BYTES:
            report.add(Problem(rel, 1, 1, "", "the file is too large",
                               f"at most {MAX_FILE_BYTES // (1024 * 1024)} MB per record file",
                               f"{info.st_size:,} bytes", rule="limit"))
            return None
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:  # it grew past the cap after it was measured
        report.add(Problem(rel, 1, 1, "", "the file is too large",
                           f"at most {MAX_FILE_BYTES // (1024 * 1024)} MB per record file",
                           f"more than {MAX_FILE_BYTES:,} bytes", rule="limit"))
        return None
    return data


def load_file(path: Path, kind: str, rel: str, report: Report):
    raw = read_data_file(path, rel, report)
    if raw is None:
        return None
    return parse_bytes(raw, kind, rel, report)


def parse_bytes(raw: bytes, kind: str, rel: str, report: Report):
    """The record a file's bytes hold (None if they hold none); problems go to `report`."""
    text = decode(raw, rel, report)
    if text is None:
        return None
    reader = Reader(rel, report)
    before = len(report.problems)
    node = compose(text, rel, report)
    if node is None:
        if len(report.problems) == before:  # nothing but blank lines and comments
            report.add(Problem(rel, 1, 1, "", "the file is empty", f"one {KINDS[kind].record.__name__} record",
                               "an empty file" if not text.strip() else "only comments", rule="schema"))
        return None
    return reader.read(node, KINDS[kind].record, "")


def load(data_dir: Path, report: Report, display_root: Path | None = None, workers: int = 0,
         cache: Path | None = None, digests: Digests | None = None) -> Repository:
    """Read every record under `data_dir`; problems go to `report`.

    Files are read in worker processes when there are many (`workers`: 0 = one per core,
    1 = in this process); records and problems come back in file order, so the result is the
    same either way. With a `cache` folder, files whose bytes were parsed before are not
    parsed again (parsecache.py); a file whose bytes' digest `digests` holds (read by
    `reportcache.inputs` moments ago, or by the last run) and that is as it was then is not even
    read; the digests of the files read go there."""
    data_dir = Path(data_dir)
    shown = display_root if display_root is not None else data_dir.parent
    repo = Repository(root=data_dir)
    files = []
    unlisted = partial(_unlisted, report, shown)
    for kind in KINDS:
        for path in _kind_files(data_dir / kind, shown, report):
            files.append((kind, path, SourceFile(_rel(path, shown), path)))
    try:
        if cache is None:
            results, keys = _read_all(files, workers), [None] * len(files)
        else:
            results, keys = _read_cached(files, workers, cache, digests if digests is not None else Digests())
    finally:
        forget_texts()
    for (kind, path, _rel_path), (record, problems), key in zip(files, results, keys):
        report.problems.extend(problems)
        if record is None:
            continue
        store = repo.of_kind(kind)
        _check_id(record, path, store, report)
        if record.id not in store:
            store[record.id] = record
            if key is not None:
                repo.digests[(kind, record.id)] = key
    top = next(folders(data_dir, unlisted), (data_dir, []))[1]  # data/ itself, not what it holds
    for entry in top:
        if is_yaml_name(entry.name) and entry.name != SETTINGS_FILE:
            report.add(Problem(_rel(Path(entry.path), shown), 1, 1, "", "records belong in a kind folder",
                               "data/<kind>/<id>.yml with kind one of: " + ", ".join(KINDS),
                               f"a file directly in {data_dir.name}/", rule="layout"))
    for folder in (Path(e.path) for e in top if _is_folder(e) and e.name not in KINDS):
        for path in sorted(Path(e.path) for e in _walk(folder, unlisted) if is_yaml_name(e.name)):
            close = difflib.get_close_matches(folder.name, list(KINDS), n=1)
            hint = f' — did you mean "{close[0]}/"?' if close else ""
            report.add(Problem(_rel(path, shown), 1, 1, "", f"records belong in a kind folder{hint}",
                               "data/<kind>/<id>.yml with kind one of: " + ", ".join(KINDS),
                               f"a file in {data_dir.name}/{folder.name}/", rule="layout"))
    return repo


YAML_SUFFIXES = (".yml", ".yaml")
IGNORED_FILES = {".gitkeep", ".DS_Store", "Thumbs.db", "desktop.ini"}  # made by tools, never records


def is_yaml_name(name: str) -> bool:
    return name.lower().endswith(YAML_SUFFIXES)


def folders(top: Path, unlisted: Callable[[Path, OSError], None]) -> Iterator[tuple[Path, list[os.DirEntry[str]]]]:
    """Each folder under `top`, `top` first, with its entries in name order, depth first (os.walk's
    order), never entering a symbolic link; a folder that cannot be listed goes to `unlisted`,
    never silently left out. Iterative: folders nested a thousand deep must not exhaust the stack."""
    stack = [top]
    while stack:
        base = stack.pop()
        try:
            with os.scandir(base) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            unlisted(base, exc)
            continue
        yield base, entries
        stack.extend(Path(e.path) for e in reversed(entries) if _is_folder(e))


def _is_folder(entry: os.DirEntry) -> bool:
    """A folder the walk enters: not a link to one."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:  # gone meanwhile, or cannot be looked at: a file the loader says it cannot read
        return False


def _walk(folder: Path, unlisted: Callable[[Path, OSError], None]):
    """Every entry under `folder` but the folders `folders` enters (a link to one is among them, for
    the caller to report)."""
    for _, entries in folders(folder, unlisted):
        yield from (e for e in entries if not _is_folder(e))


def _unlisted(report: Report, shown: Path, folder: Path, exc: OSError) -> None:
    """A folder under data/ that cannot be listed: whatever it holds would be left out unseen.
    (One removed since its parent was listed held nothing left out: an editor's scratch folder.)"""
    if isinstance(exc, FileNotFoundError):
        return
    report.add(Problem(_rel(folder, shown), 1, 1, "", "the folder cannot be read: its records would be left out",
                       "a folder the build can list (check its permissions)", str(exc.strerror or exc),
                       rule="layout"))


def _kind_files(folder: Path, shown: Path, report: Report) -> list[Path]:
    """The record files of one kind folder. Nothing is silently left out: a link, a file where the
    folder should be, "X.YML" or any other file is an error naming it (never showing its content)."""
    def bad(path: Path, message: str, expected: str, found: str) -> None:
        report.add(Problem(_rel(path, shown), 1, 1, "", message, expected, found, rule="layout"))

    if folder.is_symlink():
        bad(folder, "symbolic links are not read: the kind folder must be a real folder inside data/",
            f"a folder {folder.name}/", "a symbolic link")
        return []
    if not folder.exists():
        return []
    if not folder.is_dir():
        bad(folder, f"a file stands where the kind folder {folder.name}/ should be", f"a folder {folder.name}/",
            "a file")
        return []
    out = []
    for entry in _walk(folder, partial(_unlisted, report, shown)):
        path = Path(entry.path)
        if entry.is_symlink():
            bad(path, "symbolic links are not read: copy the file into data/", "a regular file inside the data folder",
                "a symbolic link")
        elif path.name in IGNORED_FILES:
            continue
        elif path.suffix in YAML_SUFFIXES:
            out.append(path)  # regular or not: read_data_file says which
        elif is_yaml_name(path.name):
            bad(path, "the file extension must be lowercase", f"{path.stem}.yml", path.name)
        else:
            bad(path, "only YAML records belong in a kind folder", "<id>.yml (photos go in media/)", path.name)
    return out


PARALLEL_FROM = 500  # files; below this, starting processes costs more than it saves


def _read_all(files: list, workers: int, keyed: bool = False) -> list:
    workers = workers or parallel.cpu_count()
    if workers > 1 and len(files) >= PARALLEL_FROM and parallel.can_fork():
        # interleaved slices: files of one kind are of like size, so each worker gets a like share
        parts = parallel.fork_map(lambda i: _read_slice((0, len(files)), files[i::workers], keyed), workers)
        out: list = [None] * len(files)
        for i, part in enumerate(parts):
            out[i::workers] = part
        return out
    return _read_slice((0, len(files)), files, keyed)


def _read_cached(files: list, workers: int, folder: Path,
                 digests: Digests) -> tuple[list, list]:
    """As _read_all, reusing the parse of every file whose bytes are in the cache: only the
    others are parsed (in workers when there are many), and the cache is rewritten to hold
    exactly this load's files. Returns the results and each file's key (None: unreadable)."""
    started = time.perf_counter()
    cache = parsecache.ParseCache(folder)
    cache.read()
    if cache.entries:
        results, keys, parsed = _read_reusing(files, workers, cache, digests)
    else:  # nothing to reuse (a first build, other code)
        (results, keys), parsed = _read_first(files, workers, cache, digests), len(files)
    log.info(f"thidua: {parsed} of {len(files)} data files parsed, {len(files) - parsed} reused from "
             f"the parse cache{f' (not used: {cache.fell_back})' if cache.fell_back else ''}, "
             f"in {time.perf_counter() - started:.1f} s")
    return results, keys


def _read_reusing(files: list, workers: int, cache: parsecache.ParseCache,
                  digests: Digests) -> tuple[list, list, int]:
    """`_read_cached` with entries to reuse; also returns how many files were parsed."""
    results: list = [None] * len(files)
    keys: list = [None] * len(files)
    todo = []
    for i, (kind, path, rel) in enumerate(files):
        info = _readable(path)
        digest = digests.get(str(path), info) if info is not None else None
        if digest is None:  # not at hand: the file is read to key it
            report = Report()
            raw = read_data_file(path, rel, report)
            if raw is None:
                results[i] = (None, report.problems)
                continue
            digest = parsecache.content_digest(raw)
            if info is not None:  # looked at before it was read: a change meanwhile shows next time
                digests.put(str(path), identity(info), digest)
        keys[i] = parsecache.key_of(kind, rel, path, digest)
        hit = cache.entries.get(keys[i])
        if hit is None:
            todo.append(i)
        else:
            results[i] = hit
    if todo:
        missed = [files[i] for i in todo]
        # the workers read the files again and key them by what they read, should one change meanwhile
        for i, (result, key, seen) in zip(todo, _read_all(missed, workers, keyed=True)):
            results[i], keys[i] = result, key
            _note(digests, files[i][1], seen)
    entries = {key: result for key, result in zip(keys, results) if key is not None}
    if todo or entries.keys() != cache.entries.keys():
        cache.write(entries)
    return results, keys, len(todo)


def _read_first(files: list, workers: int, cache: parsecache.ParseCache, digests: Digests) -> tuple[list, list]:
    """`_read_cached` with nothing to reuse: the workers read and key each file once, and each
    pickles its own parses by cache part (`parsecache.pickled_parts`) beside the others; those
    chunks are the cache parts written, and the workers' parses come here in them, so no
    process pickles them a second time. What they saw of each file goes to `digests`."""
    workers = workers or parallel.cpu_count()
    if not (workers > 1 and len(files) >= PARALLEL_FROM and parallel.can_fork()):
        read = _read_slice((0, len(files)), files, keyed=True)
        cache.write({key: result for result, key, _ in read if key is not None})
        for (_, path, _), (_, _, seen) in zip(files, read):
            _note(digests, path, seen)
        return [result for result, _, _ in read], [key for _, key, _ in read]

    def share(w: int) -> tuple[list, dict[int, bytes]]:
        read = _read_slice((0, len(files)), files[w::workers], keyed=True)
        chunks = parsecache.pickled_parts({key: result for result, key, _ in read if key is not None})
        if w > 0:  # a worker: what it parsed travels in the chunks (an unreadable file's problems do not)
            read = [(None if key is not None else result, key, seen) for result, key, seen in read]
        return read, chunks

    results: list = [None] * len(files)
    keys: list = [None] * len(files)
    parts: dict[int, list[bytes]] = {}
    for w, (read, chunks) in enumerate(parallel.fork_map(share, workers)):
        for index, chunk in chunks.items():
            parts.setdefault(index, []).append(chunk)
        if w > 0:
            entries = parsecache.unpickled(chunks.values())
            read = [(entries[key] if key is not None else result, key, seen) for result, key, seen in read]
        results[w::workers] = [result for result, _, _ in read]
        keys[w::workers] = [key for _, key, _ in read]
        for (_, path, _), (_, _, seen) in zip(files[w::workers], read):
            _note(digests, path, seen)
    cache.write_chunks(parts)
    return results, keys


def _readable(path: Path) -> os.stat_result | None:
    """The file's `os.stat` if it is a regular file the loader would read, not too large."""
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return info if stat.S_ISREG(info.st_mode) and info.st_size <= MAX_FILE_BYTES else None


def _note(digests: Digests, path: Path, seen: tuple | None) -> None:
    """What a keyed read saw of a file (`_read_slice`), into `digests`."""
    if seen is not None:
        digests.put(str(path), *seen)


def _read_slice(bounds: tuple[int, int], files: list, keyed: bool = False) -> list:
    if keyed:  # ((record, problems), the parse cache's key, (identity, digest) for `digests` or None)
        out_keyed: list[tuple] = []
        for kind, path, rel in files[bounds[0]:bounds[1]]:
            report = Report()
            info = _readable(path)  # looked at before it is read: a change meanwhile shows next time
            raw = read_data_file(path, rel, report)
            if raw is None:
                out_keyed.append(((None, report.problems), None, None))
                continue
            record = parse_bytes(raw, kind, rel, report)
            digest = parsecache.content_digest(raw)
            seen = (identity(info), digest) if info is not None else None
            out_keyed.append(((record, report.problems), parsecache.key_of(kind, rel, path, digest), seen))
        return out_keyed
    out = []
    for kind, path, rel in files[bounds[0]:bounds[1]]:
        report = Report()
        out.append((load_file(path, kind, rel, report), report.problems))
    return out


def _rel(path: Path, root: Path) -> str:
    """`path` as named from `root` (whole if it is not under it). Once per file: a path under
    the root is cut as a string (the walk's paths are already clean), not by pathlib."""
    text, head = str(path), str(root)
    if head != "." and text.startswith(head.rstrip("/") + "/"):
        return text[len(head.rstrip("/")) + 1:]
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _check_id(record, path: Path, store: dict, report: Report) -> None:
    bad_id, taken, misnamed = not ID_RE.match(record.id), record.id in store, path.stem != record.id
    if not (bad_id or taken or misnamed):
        return  # the common case: no position needed
    file, line, col, _ = location(record, "id")
    if bad_id:
        report.add(Problem(file, line, col, "id", "an id must be lowercase ASCII words joined by hyphens",
                           "e.g. kh-ubnd-tinh-binh-thuan-2022", f'"{record.id}"', rule="id"))
    if taken:
        other = store[record.id]
        o_line = location(other, "id")[1]
        report.add(Problem(file, line, col, "id", f'duplicate id "{record.id}"',
                           "an id used by one record only", f"also used in {other._file}:{o_line}", rule="duplicate-id"))
    if misnamed:
        report.add(Problem(file, line, col, "id", "the file name differs from the id",
                           f"{record.id}.yml", path.name, severity="warning", rule="file-name"))
