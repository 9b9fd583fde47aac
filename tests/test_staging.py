"""The staging of a build (plugins/thidua/mkdocs_plugin/staging.py): the replaced site is removed
by a process the build does not wait for, from the trash folder; without one, by the build. And
the end of a build's process: it leaves without a last collection over what the build left."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, write_tree

from thidua.mkdocs_plugin import staging


def site_with_files(folder: Path, count: int = 50) -> Path:
    return write_tree(folder, {f"d{i}/index.html": "x" for i in range(count)})


def test_a_replaced_site_is_moved_to_the_trash_and_removed_by_a_process_not_waited_for(tmp_path, monkeypatch):
    trash = tmp_path / "cache" / "trash"
    leftover = site_with_files(trash / "site-1-2", 3)  # what an earlier removal left: removed too
    (trash / "notes.txt").write_text("not ours", encoding="utf-8")  # never removed
    removed = site_with_files(tmp_path / "old")
    started: list = []
    real_popen = staging.subprocess.Popen

    def watched(*args, **kwargs):
        process = real_popen(*args, **kwargs)
        started.append(process)
        return process

    monkeypatch.setattr(staging.subprocess, "Popen", watched)
    staging._discard(removed, trash)
    assert not removed.exists()  # gone from the site's folder at once
    assert len(started) == 1 and started[0].args[:3] == [shutil.which("rm"), "-rf", "--"]
    assert str(leftover) in started[0].args and len(started[0].args) == 5  # the leftover and the site moved
    assert started[0].wait(timeout=60) == 0
    assert [p.name for p in trash.iterdir()] == ["notes.txt"]


def test_without_rm_or_a_trash_the_build_removes_the_site_itself(tmp_path, monkeypatch):
    started: list = []
    monkeypatch.setattr(staging.subprocess, "Popen", lambda *a, **k: started.append(a))
    staging._discard(site_with_files(tmp_path / "a"), None)
    monkeypatch.setattr(staging.shutil, "which", lambda name: None)
    staging._discard(site_with_files(tmp_path / "b"), tmp_path / "trash")
    assert started == [] and not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_the_build_process_leaves_without_a_last_collection():
    """The interpreter's last collections on the way out walked every object a build left (10 s of
    a 64 s rebuild at region scale): the plugin freezes them at exit. A hook registered before the
    plugin is imported runs after the plugin's (last in, first out) and sees them frozen."""
    code = ("import atexit, gc\n"
            "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
            "import thidua.mkdocs_plugin.plugin\n"
            "print('frozen before exit:', gc.get_freeze_count() > 0)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[:2] == ["frozen before exit: False", "frozen at exit: True"]


def test_a_build_stopped_by_ctrl_c_leaves_no_staging_folder(tmp_path):
    """Ctrl+C raises KeyboardInterrupt, which MkDocs does not pass to on_build_error; on_shutdown,
    which it always calls, removes the build's staging folder."""
    from thidua.mkdocs_plugin.plugin import ThiduaPlugin

    plugin = ThiduaPlugin()
    plugin.stage = staging.Stage.begin(tmp_path / "site")
    (plugin.stage.temp / "half.html").write_text("half a site", encoding="utf-8")
    plugin.on_shutdown()
    assert plugin.stage is None and list(tmp_path.iterdir()) == []
