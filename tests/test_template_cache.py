"""The folder of compiled templates (plugins/thidua/pages/template_cache.py) loses other versions'
files, once per process, and never a file of this version: a build's own, ours or the theme's."""
from __future__ import annotations

import jinja2
import pytest

from thidua.pages import template_cache as tc


@pytest.fixture(autouse=True)
def new_process(monkeypatch):
    """Each test as a process of its own: none of its folders pruned yet."""
    monkeypatch.setattr(tc, "_pruned", set())


def render(folder, **settings) -> str:
    env = jinja2.Environment(loader=jinja2.DictLoader({"t.html": "{{ x }}!"}),
                             bytecode_cache=tc.template_cache(folder), **settings)
    return env.get_template("t.html").render(x="a")


def test_other_versions_files_are_removed_and_this_versions_kept(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    other = "0" * 16 if tc.VERSION != "0" * 16 else "1" * 16
    stale = [f"__jinja2_{'a' * 40}-{'b' * 16}.cache",  # Jinja's own naming, before VERSION
             f"{other}-{'a' * 40}-{'b' * 16}.cache",  # another Jinja or Python
             f"{other}-{'a' * 40}-{'b' * 16}.cacheq1w2e3.tmp"]  # its write cut short
    foreign = ["notes.txt", "0123.cache"]  # not compiled templates: not ours to remove
    for name in stale + foreign:
        (folder / name).write_bytes(b"x")
    (folder / f"{other}-sub").mkdir()  # a folder is never removed

    assert render(folder) == "a!"
    mine = sorted(p.name for p in folder.iterdir() if p.name.startswith(tc.VERSION + "-"))
    assert len(mine) == 1
    assert sorted(p.name for p in folder.iterdir()) == sorted(foreign + mine + [f"{other}-sub"])

    # a build has two environments (ours, the theme's) over the folder, each making its cache;
    # and each build of a preview makes them again: nothing of this version goes
    assert render(folder, autoescape=True) == "a!"
    mine = sorted(p.name for p in folder.iterdir() if p.name.startswith(tc.VERSION + "-"))
    assert len(mine) == 2
    tc._pruned.clear()  # the next process
    written = {name: (folder / name).stat().st_mtime_ns for name in mine}
    assert render(folder) == render(folder, autoescape=True) == "a!"
    assert {name: (folder / name).stat().st_mtime_ns for name in mine} == written  # read back, not written again


def test_the_folder_is_listed_once_per_process(tmp_path, monkeypatch):
    folder = tmp_path / "templates"
    listed = []
    real = tc.prune
    monkeypatch.setattr(tc, "prune", lambda f: (listed.append(f), real(f)))
    render(folder)
    render(folder, autoescape=True)
    assert listed == [folder]
    late = folder / "__jinja2_late.cache"
    late.write_bytes(b"x")  # another version's process, meanwhile: its files are left to the next one
    render(folder)
    assert late.exists()


def test_a_folder_that_cannot_be_pruned_still_builds(tmp_path, monkeypatch):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "__jinja2_old.cache").write_bytes(b"x")

    def refused(path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tc.os, "unlink", refused)
    assert render(folder) == "a!"
    assert (folder / "__jinja2_old.cache").exists()
