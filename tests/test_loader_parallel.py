"""Reading files in worker processes gives exactly what reading them in one process gives."""
from __future__ import annotations

import shutil

from conftest import DATA

from thidua import loader
from thidua.validate import validate


def test_parallel_read_matches_sequential(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    # one broken file, so problems travel back from a worker too
    (data / "authorities" / "ubnd-tinh-cao-bang.yml").write_text(
        "id: ubnd-tinh-cao-bang\nname: UBND\nlevel: tinh\nnmae: x\n", encoding="utf-8")
    monkeypatch.setattr(loader, "PARALLEL_FROM", 1)
    repo_p, report_p = validate(data)
    monkeypatch.setattr(loader, "PARALLEL_FROM", 10**9)
    repo_s, report_s = validate(data)
    assert [p.text() for p in report_p.sorted()] == [p.text() for p in report_s.sorted()]
    texts = "\n".join(p.text() for p in report_s.errors)
    assert "ubnd-tinh-cao-bang.yml:3:8: error: level: not an allowed value" in texts
    assert 'ubnd-tinh-cao-bang.yml:4:1: error: nmae: unknown field "nmae"' in texts
    for kind in ("authorities", "documents", "decisions", "stories"):
        assert list(repo_p.of_kind(kind)) == list(repo_s.of_kind(kind))
        assert repo_p.of_kind(kind) == repo_s.of_kind(kind)
