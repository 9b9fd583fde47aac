"""The CMS configuration (content/admin/config.yml) is generated from the model and kept fresh."""
from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from thidua import cms, model
from thidua.dates import PartialDate
from thidua.model import SubjectKind
from thidua.kinds import KINDS, Kind
from thidua.validate import validate
from conftest import FROZEN

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "content" / "admin" / "config.yml"


def _collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def _field(fields: list[dict], name: str) -> dict:
    return next(f for f in fields if f["name"] == name)


def _all_fields(fields: list[dict]):
    for field in fields:
        yield field
        yield from _all_fields(field.get("fields", []))


def test_committed_config_is_fresh():
    backend = cms.read_backend(COMMITTED)
    assert COMMITTED.read_text(encoding="utf-8") == cms.dump(cms.build_config(backend)), \
        "content/admin/config.yml is stale: run `python -m thidua.cms` (or `thidua cms`)"


def test_check_mode_and_backend_kept(tmp_path):
    out = tmp_path / "config.yml"
    assert cms.main_cms(["--output", str(out), "--repo", "so-noi-vu-lam-dong/thidua", "--backend", "gitlab"]) == 0
    assert cms.main_cms(["--output", str(out), "--check"]) == 0
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert written["backend"] == {"name": "gitlab", "repo": "so-noi-vu-lam-dong/thidua", "branch": "main"}
    out.write_text(out.read_text(encoding="utf-8").replace("label: Tiêu đề", "label: Title"), encoding="utf-8")
    assert cms.main_cms(["--output", str(out), "--check"]) == 1
    assert cms.main_cms(["--output", str(out)]) == 0  # regenerating keeps the province's repository
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["backend"]["repo"] == "so-noi-vu-lam-dong/thidua"


def test_every_kind_is_a_collection_writing_into_its_folder():
    config = cms.build_config()
    assert [c["name"] for c in config["collections"]] == list(KINDS)
    for c in config["collections"]:
        assert c["folder"] == f"data/{c['name']}" and c["slug"] == "{{fields.id}}"
        assert c["extension"] == "yml" and c["format"] == f"thidua-yml-{c['name']}"  # format.js writes it
    assert config["locale"] == "vi" and config["media_folder"] == "data/media" and config["public_folder"] == "media"


def test_a_new_field_or_kind_appears_in_the_form():
    # The annotations are resolved in model's namespace (schema.fields_of), as a model class's are.
    @dataclasses.dataclass
    class Toy:
        id: str = model.required("Stable id.")
        name: str = model.required("Its name.")
        made: PartialDate | None = model.doc("When it was made.")
        maker: str | None = model.doc("Who made it.", ref="authorities")
        kinds: list[SubjectKind] = model.doc("Who plays with it.", [])
        pieces: int = model.doc("How many pieces.", 1)
        sample: bool = model.doc("Sample data.", False)

    with KINDS.added(Kind("toys", Toy, "a toy", "do-choi", "Đồ chơi", title=lambda r: r.name, builder="x")):
        toys = _collection(cms.build_config(), "toys")
    fields = toys["fields"]
    assert [f["name"] for f in fields] == ["id", "name", "made", "maker", "kinds", "pieces"]  # sample omitted
    assert _field(fields, "made")["pattern"][0] == cms.PATTERNS[PartialDate][0]
    assert _field(fields, "maker").items() >= {"widget": "relation", "collection": "authorities", "value_field": "id"}.items()
    assert _field(fields, "kinds")["multiple"] is True
    assert {"label": "Hộ gia đình", "value": "household"} in _field(fields, "kinds")["options"]
    assert _field(fields, "pieces") == {"name": "pieces", "label": "pieces", "widget": "number", "value_type": "int",
                                        "hint": "How many pieces.", "required": False}
    assert "required" not in _field(fields, "name")


def test_widgets_follow_the_model():
    config = cms.build_config()
    story = _collection(config, "stories")["fields"]
    assert story[-1]["name"] == "body" and story[-1]["widget"] == "markdown"  # written last, as a person would
    photo = _field(story, "photos")["fields"]
    assert _field(photo, "file")["widget"] == "image" and "required" not in _field(photo, "alt")
    decision = _collection(config, "decisions")["fields"]
    assert _field(decision, "form").items() >= {"widget": "relation", "collection": "award-forms"}.items()
    assert {o["value"]: o["label"] for o in _field(decision, "occasion")["options"]}["midterm"] == "Sơ kết"
    recipients = _field(decision, "recipients")
    assert recipients["widget"] == "list" and "required" not in recipients
    assert _field(recipients["fields"], "public")["default"] is True
    documents = _collection(config, "documents")["fields"]
    assert "body" not in [f["name"] for f in documents]  # a plan's text comes from the importer
    assert _field(_field(documents, "basis")["fields"], "document")["collection"] == "documents"


def test_date_patterns_accept_the_precisions_plans_use():
    pattern = re.compile(cms.PATTERNS[PartialDate][0])
    assert all(pattern.match(s) for s in ("2022", "2022-10", "2022-10-05"))
    assert not any(pattern.match(s) for s in ("2022-13", "22-10-2022", "2022-1", "10/2022"))
    assert all(re.match(cms.ID_PATTERN[0], s) for s in ("qd-1234-ubnd-binh-thuan-2023", "a1"))
    assert not any(re.match(cms.ID_PATTERN[0], s) for s in ("Mô-hình", "a--b", "-a", "a_b"))


def test_every_field_has_a_vietnamese_label():
    untranslated = [f["name"] for c in cms.build_config()["collections"] for f in _all_fields(c["fields"])
                    if f["label"] == f["name"]]
    assert untranslated == [], "add these fields to cms.LABELS"


def test_records_js_is_fresh_and_follows_the_model():
    assert (ROOT / "content" / "admin" / "records.js").read_text(encoding="utf-8") == cms.dump_records(cms.build_records()), \
        "content/admin/records.js is stale: run `thidua cms`"
    records = cms.build_records()
    assert records["collections"] == {kind.name: kind.record.__name__ for kind in KINDS.values()}
    decision = [f["name"] for f in records["classes"]["AwardDecision"]]
    assert decision[-1] == "recipients" and decision[:2] == ["id", "date"]  # the lines last, as people write
    assert "body" in [f["name"] for f in records["classes"]["Document"]]  # fields the form omits still ordered
    kind = next(f for f in records["classes"]["Recipient"] if f["name"] == "kind")
    assert kind.get("code") is True


NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="node is not installed (npm ci needs it too)")
def test_format_js_rewrites_every_record_without_losing_anything(tmp_path):
    """content/admin/format.js, run by node on every record of the frozen copy of the data (real
    records of every kind, fixed, so a data commit never breaks it): what it writes reads back as the
    same data (PyYAML, as the loader reads), keeps the comments, and validates as the original does."""
    admin = ROOT / "content" / "admin"
    script = f"""
      global.window = global;
      const jsyaml = require({json.dumps(str(admin / 'js-yaml' / 'js-yaml.min.js'))});
      require({json.dumps(str(admin / 'records.js'))});
      const format = require({json.dumps(str(admin / 'format.js'))})(jsyaml, window.THIDUA_RECORDS);
      const fs = require("fs");
      const out = {{}};
      for (const [path, kind] of JSON.parse(fs.readFileSync(0, "utf8"))) {{
        const f = format.formatter(kind);
        const data = f.fromFile(fs.readFileSync(path, "utf8"));
        out[path] = {{data, text: f.toFile(data)}};
      }}
      process.stdout.write(JSON.stringify(out));
    """
    files = [(str(p), p.parent.name) for kind in KINDS for p in sorted((FROZEN / kind).glob("*.yml"))]
    assert {kind for _path, kind in files} == set(KINDS)  # every kind is exercised
    result = subprocess.run([NODE, "-e", script], input=json.dumps(files), capture_output=True, text=True, check=True)
    written = json.loads(result.stdout)
    for path, kind in files:
        text = written[path]["text"]
        assert yaml.safe_load(text) == _prune(written[path]["data"]), path  # same data, nothing dropped
        original = Path(path).read_text(encoding="utf-8")
        comments = [line for line in original.splitlines() if line.startswith("#")]
        assert [line for line in text.splitlines() if line.startswith("#")] == comments, path
        out = tmp_path / "data" / kind / Path(path).name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    shutil.copytree(FROZEN / "media", tmp_path / "data" / "media")
    _repo, report = validate(tmp_path / "data")
    _repo, before = validate(FROZEN)
    assert report.render("text").replace(str(tmp_path / "data"), "") == before.render("text").replace(str(FROZEN), "")


def _prune(value):
    """What format.js leaves out: empty values ("", [], {}, null)."""
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in ("", [], {}, None)}
    if isinstance(value, list):
        return [v for v in (_prune(v) for v in value) if v not in ("", [], {}, None)]
    return value


def test_format_js_writes_as_docs_say():
    admin = ROOT / "content" / "admin"
    record = {"id": "qd-1-x", "recipients": [{"name": "Hộ ông A", "kind": "household", "unit": ""}],
              "date": "2024-05", "number": "1/QĐ-UBND", "occasion": "yes", "title": 'Nói "có": 1\\2',
              "signer": {"title": "Chủ tịch", "capacity": "TM"}, "unknown_key": True}
    script = f"""
      global.window = global;
      const jsyaml = require({json.dumps(str(admin / 'js-yaml' / 'js-yaml.min.js'))});
      require({json.dumps(str(admin / 'records.js'))});
      const format = require({json.dumps(str(admin / 'format.js'))})(jsyaml, window.THIDUA_RECORDS);
      process.stdout.write(format.write({json.dumps(record, ensure_ascii=False)}, "decisions",
                                        "# a comment on top\\n\\nid: qd-1-x\\ndate: 2024-05  # month only\\n"));
    """
    if NODE is None:
        pytest.skip("node is not installed")
    text = subprocess.run([NODE, "-e", script], capture_output=True, text=True, check=True).stdout
    assert text == (
        '# a comment on top\n\n'
        'id: qd-1-x\n'
        'date: "2024-05"  # month only\n'
        'occasion: "yes"\n'  # a YAML 1.1 word is quoted even where codes are plain
        'number: "1/QĐ-UBND"\n'
        'title: "Nói \\"có\\": 1\\\\2"\n'
        'signer:\n'
        '  title: "Chủ tịch"\n'
        '  capacity: TM\n'
        'recipients:\n'
        '  - kind: household\n'
        '    name: "Hộ ông A"\n'
        'unknown_key: true\n')
