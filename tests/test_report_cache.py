"""`thidua validate` gives its last report again when nothing it reads has changed
(plugins/thidua/reportcache.py), and validates in full on any change or a damaged cache."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import thidua.reportcache
import thidua.validate
from test_validate import BASE, KH2, make_data
from thidua.cli import main

CACHE = Path(".cache") / "thidua" / "report.pickle"


def run(data: Path, capsys, *extra: str) -> tuple[int, str]:
    code = main(["validate", str(data), *extra])
    return code, capsys.readouterr().out


@pytest.fixture
def loads(monkeypatch) -> list[Path]:
    """Each full validation's data folder, in order (a kept report loads none)."""
    seen: list[Path] = []
    real = thidua.validate.validate

    def counted(data_dir, *args, **kwargs):
        seen.append(Path(data_dir))
        return real(data_dir, *args, **kwargs)

    monkeypatch.setattr(thidua.validate, "validate", counted)
    return seen


def test_an_unchanged_folder_gives_the_last_report_without_loading(tmp_path, capsys, loads):
    data = make_data(tmp_path, {KH2: BASE[KH2] + "nonsense_field: 1\n"})
    first = run(data, capsys)
    assert first[0] == 1 and "nonsense_field" in first[1] and len(loads) == 1
    assert (tmp_path / CACHE).exists()
    assert run(data, capsys) == first and len(loads) == 1  # the same report, nothing loaded


@pytest.mark.parametrize("change", ["edit", "add", "delete", "stray file", "rules"])
def test_any_change_under_the_data_folder_validates_again(tmp_path, capsys, loads, change):
    data = make_data(tmp_path)
    assert run(data, capsys) == (0, "0 error(s), 0 warning(s)\n")
    if change == "edit":
        (data / KH2).write_text(BASE[KH2] + "nonsense_field: 1\n", encoding="utf-8")
        wanted = "nonsense_field"
    elif change == "add":
        (data / "documents" / "kh-9.yml").write_text(BASE[KH2], encoding="utf-8")
        wanted = "duplicate id"
    elif change == "delete":
        (data / "authorities" / "ubnd-tinh-a.yml").unlink()
        wanted = "ubnd-tinh-a"
    elif change == "stray file":
        (data / "documents" / "notes.txt").write_text("x", encoding="utf-8")
        wanted = "only YAML records belong in a kind folder"
    else:
        (data / "rules.yml").write_text("nonsense: [\n", encoding="utf-8")
        wanted = "rules.yml"
    code, out = run(data, capsys)
    assert len(loads) == 2, "a change must be validated, never answered from the cache"
    assert code == 1 and wanted in out, out
    assert run(data, capsys) == (code, out) and len(loads) == 2  # and that report is kept in turn


def test_a_damaged_report_cache_is_not_trusted(tmp_path, capsys, loads):
    data = make_data(tmp_path, {KH2: BASE[KH2] + "nonsense_field: 1\n"})
    first = run(data, capsys)
    kept = tmp_path / CACHE
    blob = bytearray(kept.read_bytes())
    blob[-5] ^= 0xFF  # one flipped byte of the payload: the checksum no longer matches
    kept.write_bytes(bytes(blob))
    assert run(data, capsys) == first and len(loads) == 2
    kept.write_bytes(b"not a cache at all")
    assert run(data, capsys) == first and len(loads) == 3


def test_no_cache_validates_every_time_and_keeps_nothing(tmp_path, capsys, loads):
    data = make_data(tmp_path)
    run(data, capsys, "--no-cache")
    run(data, capsys, "--no-cache")
    assert len(loads) == 2 and not (tmp_path / ".cache").exists()


def test_a_linked_file_counts_by_its_content_wherever_it_is(tmp_path, capsys, loads):
    """data/rules.yml may be a link to a file outside data/: validation reads what it points to."""
    data = make_data(tmp_path)
    outside = tmp_path / "shared-rules.yml"
    outside.write_text("{}\n", encoding="utf-8")
    (data / "rules.yml").symlink_to(outside)
    assert run(data, capsys)[0] == 0
    outside.write_text("nonsense: [\n", encoding="utf-8")  # the link is unchanged, what it points to is not
    code, out = run(data, capsys)
    assert len(loads) == 2 and code == 1 and "rules.yml" in out, out


def test_other_code_validates_again(tmp_path, capsys, loads, monkeypatch):
    data = make_data(tmp_path)
    run(data, capsys)
    monkeypatch.setattr(thidua.reportcache, "code_stamp", lambda: b"\0" * 32)  # as after a checkout
    run(data, capsys)
    assert len(loads) == 2


def test_the_code_stamp_changes_with_any_module_of_the_package(tmp_path, monkeypatch):
    """What the stamp above stands for: any module, however deep, not a list kept by hand."""
    import shutil

    copy = tmp_path / "thidua"
    shutil.copytree(thidua.reportcache._PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(thidua.reportcache, "_PACKAGE", copy)
    stamps = {thidua.reportcache.code_stamp()}
    for module in ("checks/privacy.py", "pages/render.py", "mkdocs_plugin/plugin.py", "cli.py"):
        with open(copy / module, "a", encoding="utf-8") as out:
            out.write("\n# changed\n")
        stamps.add(thidua.reportcache.code_stamp())
    assert len(stamps) == 5


def test_a_report_is_not_kept_for_data_that_changed_while_it_was_made(tmp_path, capsys, loads, monkeypatch):
    """The key is read before loading: a file saved after it, and read by the validation, would
    give the key of the old data the report of the new; once the file is as it was, that report
    would be given for it."""
    data = make_data(tmp_path)
    real = thidua.validate.validate

    def edited_meanwhile(data_dir, *args, **kwargs):
        if not loads:  # an office saves a file just after the key was read
            (data / KH2).write_text(BASE[KH2] + "nonsense_field: 1\n", encoding="utf-8")
        return real(data_dir, *args, **kwargs)

    monkeypatch.setattr(thidua.validate, "validate", edited_meanwhile)
    code, out = run(data, capsys)
    assert code == 1 and "nonsense_field" in out  # the data as validation read it
    (data / KH2).write_text(BASE[KH2], encoding="utf-8")  # and back as it was when the key was read
    assert run(data, capsys) == (0, "0 error(s), 0 warning(s)\n") and len(loads) == 2


def test_a_file_too_large_to_be_read_counts_by_its_size_and_is_not_read(tmp_path, capsys, loads, monkeypatch):
    """A record or photo past the limits is refused by its size alone: the key takes its size, and a
    huge file dropped into data/ is not read whole on every run."""
    data = make_data(tmp_path)
    huge = data / "media" / "video.mp4"
    huge.parent.mkdir()
    with open(huge, "wb") as out:
        out.truncate(thidua.reportcache.LARGEST + 1)  # sparse: takes no room
    read: list[int] = []
    real = thidua.reportcache.hashlib.file_digest

    def counted(handle, name):
        read.append(os.fstat(handle.fileno()).st_size)
        return real(handle, name)

    monkeypatch.setattr(thidua.reportcache.hashlib, "file_digest", counted)
    run(data, capsys)
    assert read and max(read) <= thidua.reportcache.LARGEST
    run(data, capsys)
    assert len(loads) == 1
    with open(huge, "ab") as out:
        out.truncate(thidua.reportcache.LARGEST + 2)
    run(data, capsys)
    assert len(loads) == 2  # another size: validated again


def test_the_loader_reads_only_the_files_the_report_cache_walk_did_not_find_as_they_are(tmp_path, capsys, monkeypatch):
    """The walk that keys the report reads and digests every file: after an edit, the loader
    keys the unchanged files by those digests, reading only the edited one to parse it."""
    import thidua.loader

    data = make_data(tmp_path)
    assert run(data, capsys) == (0, "0 error(s), 0 warning(s)\n")
    read: list[str] = []
    real = thidua.loader.read_data_file

    def counted(path, rel, report):
        read.append(Path(path).name)
        return real(path, rel, report)

    monkeypatch.setattr(thidua.loader, "read_data_file", counted)
    (data / KH2).write_text(BASE[KH2] + "nonsense_field: 1\n", encoding="utf-8")
    code, out = run(data, capsys)
    assert code == 1 and "nonsense_field" in out
    assert read == [Path(KH2).name]
    read.clear()
    assert run(data, capsys, "--no-cache") == (code, out)  # the same report, every file read
    assert sorted(read) == sorted(p.name for p in data.rglob("*.yml"))


def test_a_file_that_cannot_be_opened_still_lets_the_report_be_kept(tmp_path, capsys, loads, monkeypatch):
    """Root opens anything (CI): the refusal is made by hand, as a file of mode 000 would give. The
    walk that keys the report and the one that checks nothing changed meanwhile must agree on it."""
    data = make_data(tmp_path)
    refused = data / KH2
    real_open = os.open

    def opening(path, *args, **kwargs):
        if Path(path) == refused:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", opening)
    first = run(data, capsys)
    assert first[0] == 1 and "cannot be read" in first[1] and len(loads) == 1
    assert run(data, capsys) == first and len(loads) == 1  # kept: nothing loaded the second time


def test_odd_entries_are_reported_alike_with_the_cache_and_without(tmp_path, capsys, loads):
    """The walk that keys the report and the loader's walk are one (loader.folders): links (to a file,
    to a folder, broken), a named pipe, a nested folder, an upper-case name and stray files give the
    same report with the cache as without, and that report is kept, the walks agreeing on them."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "pt-ngoai.yml").write_text("id: pt-ngoai\nname: X\nperiod: 2021-2025\n", encoding="utf-8")
    data = make_data(tmp_path, {"documents/2022/KH-3.YML": "id: kh-3\n", "campaign/pt-x.yml": "id: pt-x\n",
                                "lac.yml": "id: lac\n"})
    (data / "authorities" / "ubnd-lien-ket.yml").symlink_to(outside / "pt-ngoai.yml")
    (data / "campaigns" / "ngoai").symlink_to(outside, target_is_directory=True)
    (data / "stories" / "mat.yml").symlink_to(tmp_path / "nowhere.yml")
    os.mkfifo(data / "decisions" / "ong.yml")
    cached = run(data, capsys)
    assert run(data, capsys) == cached and len(loads) == 1  # kept
    assert run(data, capsys, "--no-cache") == cached
    lines = cached[1].splitlines()
    for file, message in (("authorities/ubnd-lien-ket.yml", "symbolic links are not read"),
                          ("campaigns/ngoai", "symbolic links are not read"),
                          ("stories/mat.yml", "symbolic links are not read"),
                          ("decisions/ong.yml", "not a regular file"),
                          ("documents/2022/KH-3.YML", "the file extension must be lowercase"),
                          ("campaign/pt-x.yml", 'records belong in a kind folder — did you mean "campaigns/"?'),
                          ("data/lac.yml", "records belong in a kind folder")):
        assert any(file in line and message in line for line in lines), (file, cached[1])
    assert "pt-ngoai" not in cached[1]  # what the links point to is never read


def test_a_fresh_checkout_with_the_last_run_s_cache_parses_only_what_changed(tmp_path, capsys, caplog):
    """As CI restores the cache on a new checkout (.github/workflows/thidua.yml): every file anew (new
    inodes and times), one of them edited. Its files are hashed again and taken by their content:
    only the edited one is parsed, and the report is that of a validation without the cache."""
    data = make_data(tmp_path)
    assert run(data, capsys) == (0, "0 error(s), 0 warning(s)\n")
    kept = tmp_path / "kept"
    data.rename(kept)
    for path in sorted(kept.rglob("*")):  # copied, not moved: other inodes, other times
        target = data / path.relative_to(kept)
        if path.is_dir():
            target.mkdir(parents=True)
        else:
            target.write_bytes(path.read_bytes())
    (data / KH2).write_text(BASE[KH2] + "nonsense_field: 1\n", encoding="utf-8")
    files = sum(1 for path in data.rglob("*.yml") if path.parent != data)
    caplog.set_level("INFO", logger="mkdocs.plugins.thidua")
    code, out = run(data, capsys)
    assert f"thidua: 1 of {files} data files parsed, {files - 1} reused" in caplog.text
    assert (code, out) == run(data, capsys, "--no-cache") and "nonsense_field" in out
