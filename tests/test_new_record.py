"""`thidua new KIND`: a skeleton that validates as written, with a comment on every field."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from thidua.cli import main
from thidua.importing import run, skeleton
from thidua.schema import fields_of
from thidua.validate import validate

ROOT = Path(__file__).resolve().parents[1]
# a frozen copy of data/ (tests/fixtures/data/README.md): a valid data commit never breaks these tests
DATA = ROOT / "tests" / "fixtures" / "data"


@pytest.fixture
def data(tmp_path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


@pytest.mark.parametrize("kind", list(skeleton.KINDS))
def test_skeleton_validates_and_documents_every_field(kind, data):
    result = run.new_record(kind, data)
    _repo, report = validate(data)
    assert [p.text() for p in report.problems] == []
    text = result.written[0].read_text(encoding="utf-8")
    _folder, cls, default_id, _what = skeleton.KINDS[kind]
    for spec in fields_of(cls).values():
        assert f"# {spec.name}: {spec.doc.splitlines()[0]}" in text
    record = yaml.safe_load(text)
    assert record["id"] == default_id and result.written[0].name == f"{default_id}.yml"
    assert {name for name, spec in fields_of(cls).items() if spec.required} <= set(record)


def test_ids_are_free_and_valid(data, capsys):
    first = run.new_record("campaign", data).written[0]
    second = run.new_record("campaign", data).written[0]
    assert (first.stem, second.stem) == ("phong-trao-moi", "phong-trao-moi-2")
    assert main(["new", "plan", "--data", str(data), "--id", "KH Mới"]) == 2
    assert "not a valid id" in capsys.readouterr().err
    assert main(["new", "decision", "--data", str(data), "--id", "qd-1-xa-minh-tien-2024",
                 "--form", "giay-khen-chu-tich-ubnd-xa", "--authority", "ubnd-xa-minh-tien"]) == 0
    record = yaml.safe_load((data / "decisions" / "qd-1-xa-minh-tien-2024.yml").read_text(encoding="utf-8"))
    assert (record["form"], record["authority"]) == ("giay-khen-chu-tich-ubnd-xa", "ubnd-xa-minh-tien")
    assert record["recipients"][0]["public"] is False  # the sample line is published nowhere
