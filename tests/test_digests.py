"""Files' digests are kept from one run to the next (plugins/thidua/digests.py): an unchanged file is
not read again to be keyed, and every change shows, even one that keeps the file's size and time."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import thidua.digests
import thidua.loader
import thidua.parsecache
import thidua.validate
from test_validate import BASE, KH2, make_data
from thidua.cli import main
from thidua.digests import Digests

CACHE = Path(".cache") / "thidua"


@pytest.fixture
def settled(monkeypatch):
    """A test's files are written moments before a run reads them, within the racy window that
    keeps their digests from the next run: here they count as long settled (the rule has its own test)."""
    monkeypatch.setattr(thidua.digests, "RACY_NS", -10**12)


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The name of each file read to be keyed: hashed by the report cache's walk, or read by the loader."""
    seen: list[str] = []
    real_digest, real_read = thidua.parsecache.file_digest, thidua.loader.read_data_file

    def hashed(handle):
        seen.append(Path(os.readlink(f"/proc/self/fd/{handle.fileno()}")).name)  # opened from a descriptor
        return real_digest(handle)

    def read(path, rel, report):
        seen.append(Path(path).name)
        return real_read(path, rel, report)

    monkeypatch.setattr(thidua.parsecache, "file_digest", hashed)
    monkeypatch.setattr(thidua.loader, "read_data_file", read)
    return seen


def validate(data: Path, capsys) -> tuple[int, str]:
    code = main(["validate", str(data)])
    return code, capsys.readouterr().out


def same_size_and_time(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` (as long) in `path`, and set its modification time back."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)


def test_a_later_run_reads_only_the_file_that_changed(tmp_path, capsys, settled, reads):
    data = make_data(tmp_path)
    assert validate(data, capsys) == (0, "0 error(s), 0 warning(s)\n")
    assert Path(KH2).name in reads
    reads.clear()
    (data / KH2).write_text(BASE[KH2] + "nonsense_field: 1\n", encoding="utf-8")
    code, out = validate(data, capsys)
    assert code == 1 and "nonsense_field" in out
    assert sorted(reads) == [Path(KH2).name] * 2  # hashed for the report's key, read to be parsed


def test_an_edit_keeping_the_size_and_time_is_seen_by_validate(tmp_path, capsys, settled):
    data = make_data(tmp_path)
    assert validate(data, capsys) == (0, "0 error(s), 0 warning(s)\n")
    assert str(data / KH2) in Digests(tmp_path / CACHE).old  # kept, so the next run could trust it
    same_size_and_time(data / KH2, "authority: so-noi-vu-a", "authority: so-noi-vu-b")
    code, out = validate(data, capsys)
    assert code == 1 and "so-noi-vu-b" in out, out


def test_an_edit_keeping_the_size_and_time_is_seen_by_a_build(tmp_path, settled, reads):
    """The build loads through the parse cache without the report's walk: the loader keys files by the
    digests alone, reading only those it cannot vouch for, from the first load's on."""
    data = make_data(tmp_path)
    cache = tmp_path / CACHE
    assert not thidua.validate.validate(data, cache=cache)[1].problems
    reads.clear()
    assert not thidua.validate.validate(data, cache=cache)[1].problems
    assert reads == []  # every file keyed by its kept digest
    same_size_and_time(data / KH2, "authority: so-noi-vu-a", "authority: so-noi-vu-b")
    problems = thidua.validate.validate(data, cache=cache)[1].problems
    assert reads == [Path(KH2).name] * 2  # read to key it, then to parse it (as a worker would)
    assert any("so-noi-vu-b" in p.found or "so-noi-vu-b" in p.message for p in problems), problems


def test_a_digest_of_a_file_changed_just_before_the_run_is_not_kept(tmp_path, monkeypatch):
    """Within a clock tick of being read, a file could change again and look the same: such a digest
    is not kept; one of a file settled long before the run began is."""
    cache, file = tmp_path / "cache", tmp_path / "x.yml"
    file.write_text("id: x\n", encoding="utf-8")
    fresh = Digests(cache)
    fresh.put(str(file), thidua.digests.identity(file.stat()), b"d")
    fresh.write()
    assert Digests(cache).get(str(file), file.stat()) is None
    real = time.time_ns
    monkeypatch.setattr(thidua.digests.time, "time_ns", lambda: real() + 10**10)  # a run 10 s later
    later = Digests(cache)
    later.put(str(file), thidua.digests.identity(file.stat()), b"d")
    later.write()
    assert Digests(cache).get(str(file), file.stat()) == b"d"
    assert Digests(cache).get(str(tmp_path / "y.yml"), file.stat()) is None  # by path: another file is not it


def test_damaged_digests_are_not_trusted(tmp_path, capsys, settled, reads):
    data = make_data(tmp_path)
    validate(data, capsys)
    kept = tmp_path / CACHE / thidua.digests.NAME
    blob = bytearray(kept.read_bytes())
    blob[-5] ^= 0xFF
    kept.write_bytes(bytes(blob))
    same_size_and_time(data / KH2, "authority: so-noi-vu-a", "authority: so-noi-vu-b")
    reads.clear()
    code, out = validate(data, capsys)
    assert code == 1 and "so-noi-vu-b" in out, out
    assert len(set(reads)) == len(list(data.rglob("*.yml")))  # every file read again


def test_digests_made_by_other_parse_cache_code_are_not_used(tmp_path, capsys, settled, monkeypatch):
    """The digests are the parse cache's `content_digest`s: another way of making them (another
    parsecache.py) must not find these."""
    data = make_data(tmp_path)
    validate(data, capsys)
    assert Digests(tmp_path / CACHE).old  # kept, and read back by the same code
    monkeypatch.setattr(thidua.parsecache, "code_stamp", lambda: b"\0" * 32)
    assert not Digests(tmp_path / CACHE).old


def test_a_run_keeps_the_digests_of_files_it_did_not_look_at(tmp_path, settled):
    """A build keys the records' files, `thidua validate` every file (photos too): neither drops the
    other's digests while their files are unchanged; a file since changed or removed loses its own."""
    cache = tmp_path / "cache"
    photo, moved, gone, record = (tmp_path / name for name in ("a.jpg", "b.jpg", "c.jpg", "x.yml"))
    for file in (photo, moved, gone, record):
        file.write_bytes(b"bytes of " + file.name.encode())
    walk = Digests(cache)  # `thidua validate`: every file
    for file in (photo, moved, gone, record):
        walk.put(str(file), thidua.digests.identity(file.stat()), b"d-" + file.name.encode())
    walk.write()
    build = Digests(cache)  # a build: the record alone
    assert build.get(str(record), record.stat()) == b"d-x.yml"
    moved.write_bytes(b"other bytes")
    gone.unlink()
    build.write()
    after = Digests(cache)
    assert after.get(str(photo), photo.stat()) == b"d-a.jpg"
    assert after.get(str(record), record.stat()) == b"d-x.yml"
    assert str(moved) not in after.old and str(gone) not in after.old


def test_validate_and_a_build_key_files_alike(tmp_path, capsys, settled, reads, monkeypatch):
    """`thidua validate data` (a path as typed) and a build (the data folder resolved) key each file
    by the same path: the run after the other reads nothing to key them."""
    data = make_data(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert validate(Path("data"), capsys)[0] == 0
    reads.clear()
    assert not thidua.validate.validate(data.resolve(), cache=tmp_path / CACHE)[1].problems
    assert reads == []
    kept = Digests(tmp_path / CACHE).old
    assert len(kept) == len([p for p in data.rglob("*") if p.is_file()])  # each file once, not once per key form


def test_validate_through_a_symbolic_link_keys_files_as_a_build(tmp_path, capsys, settled, reads, monkeypatch):
    """A data folder reached through a symbolic link: `thidua validate` keys its files by the folder
    resolved, as a build does: the run after it reads nothing to key them."""
    data = make_data(tmp_path / "real")
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "data").symlink_to(data, target_is_directory=True)
    monkeypatch.chdir(tmp_path / "work")
    assert validate(Path("data"), capsys)[0] == 0
    reads.clear()
    assert not thidua.validate.validate(data.resolve(), cache=tmp_path / "real" / CACHE)[1].problems
    assert reads == []
    assert all(key.startswith(str(data.resolve())) for key in Digests(tmp_path / "real" / CACHE).old)
