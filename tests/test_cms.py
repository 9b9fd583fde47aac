"""The CMS configuration (content/admin/config.yml) is generated from the model and kept fresh."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml

from thidua import cms, model
from thidua.dates import PartialDate
from thidua.model import SubjectKind
from thidua.kinds import KINDS, Kind

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
        assert c["folder"] == f"data/{c['name']}" and c["format"] == "yml" and c["slug"] == "{{fields.id}}"
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
