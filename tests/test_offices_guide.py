"""docs/OFFICES.md says what the code accepts: every example record in it validates (no error, no
warning) beside a frozen copy of the data, and its `thidua new` commands run as written."""
from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from thidua.cli import main
from thidua.kinds import KINDS
from conftest import FROZEN, ROOT
from thidua.validate import validate

GUIDE = ROOT / "docs" / "OFFICES.md"


def examples() -> dict[str, str]:
    """'documents/x.yml' -> text, for each ```yaml block whose first line is '# file: data/...'."""
    out = {}
    for block in re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S):
        first = block.splitlines()[0]
        if first.startswith("# file: data/"):
            out[first[len("# file: data/"):].strip()] = block
    return out


@pytest.fixture
def data(tmp_path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FROZEN, data)
    for rel, text in examples().items():
        (data / rel).write_text(text, encoding="utf-8")
    return data


def test_the_guide_has_a_complete_example_of_each_kind_an_office_writes():
    kinds = {rel.split("/")[0] for rel in examples()}
    assert kinds == {"authorities", "campaigns", "documents", "decisions", "stories"}
    assert kinds <= set(KINDS)


def test_every_example_validates(data):
    _repo, report = validate(data)
    assert [p.text() for p in report.sorted()] == []


def test_every_new_command_runs_as_written(data, capsys):
    commands = re.findall(r"^\s*\.venv/bin/thidua (new .+)$", GUIDE.read_text(encoding="utf-8"), re.M)
    assert {c.split()[1] for c in commands} == {"plan", "decision", "story", "authority", "campaign"}
    for command in commands:
        assert main([*shlex.split(command), "--data", str(data)]) == 0, command
    _repo, report = validate(data)
    assert not report.errors, [p.text() for p in report.errors]
