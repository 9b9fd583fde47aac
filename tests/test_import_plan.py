"""`thidua import plan`: each seed plan, as text and as a Word file made from it, imports into a
draft that validates and matches its hand transcription (issue 10, "Done when").

The transcriptions and the data folder around them are a frozen copy of data/ in
tests/fixtures/data/ (see its README), so a data commit that validates never breaks these
tests. It is copied into tmp_path without the seed's transcription, so the import starts from what
an office would have.
"""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from thidua.importing import run
from thidua.importing.text import words
from thidua.validate import validate

ROOT = Path(__file__).resolve().parents[1]
# a frozen copy of data/ (tests/fixtures/data/README.md): a valid data commit never breaks these tests
DATA = ROOT / "tests" / "fixtures" / "data"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
needs_seeds = pytest.mark.skipif(not SEED_FILES, reason="../shared/seeds/ not present")


def transcription_of(seed: Path) -> Path:
    for path in sorted((DATA / "documents").glob("*.yml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if str(record.get("source", "")).endswith(seed.name):
            return path
    raise AssertionError(f"no transcription cites {seed.name}")


def data_without(transcription: Path, tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "documents" / transcription.name).unlink()
    return data


# --- what is compared


def tree(parts, depth=0):
    out = []
    for part in parts or []:
        if part.get("label") or part.get("title") or part.get("text"):
            out.append((depth, part.get("label"), part.get("title")))
        out += tree(part.get("items"), depth + 1)
    return out


def basis(record):
    return sorted((b["document"], b.get("relation", "implements")) for b in record.get("basis") or [])


def all_parts(parts):
    for part in parts or []:
        yield part
        yield from all_parts(part.get("items"))


def facts(record) -> Counter:
    out: Counter = Counter()
    for part in all_parts(record.get("body")):
        if part.get("target"):
            t = part["target"]
            out[("target", float(t["value"]), float(t["value_max"]) if t.get("value_max") is not None else None)] += 1
        if part.get("award"):
            a = part["award"]
            out[("award", tuple(a["forms"]))] += 1
            for q in a.get("quotas") or []:
                out[("quota", tuple(sorted(q["subjects"])), q.get("min"), q.get("max"), q.get("occasion"))] += 1
        for d in [part["deadline"]] if part.get("deadline") else []:
            out[("deadline", str(d.get("yearly") or d.get("date")))] += 1
        for d in part.get("deadlines") or []:
            out[("deadline", str(d.get("yearly") or d.get("date")))] += 1
    return out


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def word_share(seed_text: str, record: dict) -> float:
    seed, out = Counter(words(seed_text)), Counter(w for s in strings(record) for w in words(s))
    return sum(min(n, out[w]) for w, n in seed.items()) / sum(seed.values())


def fact_share(expected: Counter, got: Counter) -> float:
    total = sum(expected.values())
    return 1.0 if not total else sum(min(n, got[k]) for k, n in expected.items()) / total


def figures(source: Path, seed: Path, tmp_path: Path) -> dict:
    """Import `source` (the seed or a Word file made from it) and measure it against the transcription."""
    transcription = transcription_of(seed)
    expected = yaml.safe_load(transcription.read_text(encoding="utf-8"))
    data = data_without(transcription, tmp_path)
    result = run.import_plan(source, data)
    _repo, report = validate(data)
    plan_file = next(p for p in result.written if p.parent.name == "documents" and p.stem.startswith("kh-"))
    got = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    return {
        "errors": [p.text() for p in report.errors],
        "tree": (tree(got["body"]), tree(expected["body"])),
        "basis": (basis(got), basis(expected)),
        "signer": (got.get("signer"), expected.get("signer")),
        "distribution": (got.get("distribution"), expected.get("distribution")),
        "words": word_share(seed.read_text(encoding="utf-8"), got),
        "facts": fact_share(facts(expected), facts(got)),
        "date": ((got.get("date"), got.get("date_source", "printed")),
                 (expected.get("date"), expected.get("date_source", "printed"))),
        "result": result,
        "text": plan_file.read_text(encoding="utf-8"),
    }


def check(f: dict) -> None:
    assert f["errors"] == []
    assert f["tree"][0] == f["tree"][1]
    assert f["basis"][0] == f["basis"][1]
    assert f["signer"][0] == f["signer"][1]
    assert f["distribution"][0] == f["distribution"][1]
    assert f["words"] >= 0.99, f["words"]
    assert f["facts"] >= 0.80, f["facts"]


def docx_from(seed: Path, dest: Path) -> Path:
    """A Word file as a PDF-to-Word conversion gives it: one paragraph per line of the seed."""
    import docx

    document = docx.Document()
    for line in seed.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = dest / (seed.stem + ".docx")
    document.save(str(path))
    return path


@needs_seeds
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_seed_text_imports_like_its_transcription(seed, tmp_path):
    check(figures(seed, seed, tmp_path))


@needs_seeds
def test_a_date_inferred_from_the_schedule_is_recorded_as_such(tmp_path):
    """The Cao Bằng plan prints no date: the import takes the month of 'ban hành kế hoạch' from its
    schedule and says so in `date_source`, as the transcription does, and asks for review."""
    seed = next(s for s in SEED_FILES if "cao-bang" in s.name)
    f = figures(seed, seed, tmp_path)
    assert f["date"][0] == f["date"][1] == ("2022-10", "inferred")
    assert "date_source: \"inferred\"" in f["text"]
    assert any(q.startswith("date: ") and "suy ra" in q for q in yaml.safe_load(f["text"])["review"])


@needs_seeds
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_seed_as_docx_imports_like_its_transcription(seed, tmp_path):
    check(figures(docx_from(seed, tmp_path), seed, tmp_path))


# --- what the seeds do not show: header block, signature trailer, contacts, unknown issuer

SYNTHETIC = """\
UBND TỈNH CAO BẰNG                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ TÀI CHÍNH                          Độc lập - Tự do - Hạnh phúc
Số: 15/KH-STC                         Cao Bằng, ngày 05 tháng 10 năm 2022

KẾ HOẠCH
Thực hiện Phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía sau” giai đoạn 2021 - 2025

Căn cứ Quyết định số 666/QĐ-TTg ngày 02/6/2022 của Thủ tướng Chính phủ; Thực hiện Kế hoạch số 99/KH-UBND
ngày 1/9/2022 của UBND tỉnh về việc thực hiện Phong trào thi đua, Sở Tài chính ban hành Kế hoạch như sau:
I. MỤC ĐÍCH
1. Phấn đấu 100% công chức tham gia phong trào. Liên hệ: điện thoại 0206 3852 123, email vanthu@caobang.gov.vn.
II. KHEN THƯỞNG
1. Hình thức khen thưởng
- Giấy khen của Giám đốc Sở Tài chính: thực hiện hằng năm.
2. Hồ sơ đề nghị khen thưởng gửi về Văn phòng Sở trước ngày 15/11/2023.
Trên đây là Kế hoạch của Sở Tài chính./.
Nơi nhận:                                  KT. GIÁM ĐỐC
- Sở Nội vụ;                               PHÓ GIÁM ĐỐC
- Lưu: VT.
                                           Nông Văn An
Người ký: Nông Văn An
Email: nva@caobang.gov.vn
Cơ quan: Sở Tài chính, Tỉnh Cao Bằng
Thời gian ký: 06.10.2022 09:12:00 +07:00
"""


def test_header_trailer_contacts_and_unknown_issuer(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    source = tmp_path / "ke-hoach-so-tai-chinh.txt"
    source.write_text(SYNTHETIC, encoding="utf-8")
    result = run.import_plan(source, data)
    _repo, report = validate(data)
    assert [p.text() for p in report.errors] == []

    written = {p.parent.name + "/" + p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in result.written}
    authority = written["authorities/so-tai-chinh-tinh-cao-bang"]
    assert authority == {"id": "so-tai-chinh-tinh-cao-bang", "name": "Sở Tài chính tỉnh Cao Bằng",
                         "level": "department", "parent": "ubnd-tinh-cao-bang"}
    cited = written["documents/kh-99-ubnd-cao-bang-2022"]
    assert cited["transcribed"] is False and cited["date"] == "2022-09-01"
    assert cited["authority"] == "ubnd-tinh-cao-bang"  # 'UBND tỉnh' is the issuer's province
    plan = next(v for k, v in written.items() if k.startswith("documents/kh-15-"))
    assert plan["number"] == "15/KH-STC" and plan["date"] == "2022-10-05"
    assert plan["authority"] == "so-tai-chinh-tinh-cao-bang"
    assert basis(plan) == [("kh-99-ubnd-cao-bang-2022", "implements"), ("qd-666-qd-ttg-2022", "based-on")]
    assert plan["signer"] == {"title": "Phó Giám đốc", "name": "Nông Văn An", "capacity": "KT", "on_behalf_of": "Giám đốc"}
    assert plan["distribution"] == ["Sở Nội vụ", "Lưu: VT"]
    assert plan["closing"] == "Trên đây là Kế hoạch của Sở Tài chính./."
    parts = list(all_parts(plan["body"]))
    award = next(p["award"] for p in parts if p.get("award"))
    assert award["forms"] == ["giay-khen-giam-doc-so"] and award["granted_by"] == "so-tai-chinh-tinh-cao-bang"
    assert next(p["deadline"] for p in parts if p.get("deadline"))["date"] == "2023-11-15"
    assert next(p["target"] for p in parts if p.get("target"))["value"] == 100

    everything = "".join(p.read_text(encoding="utf-8") for p in result.written)
    for secret in ("0206", "3852", "vanthu@", "nva@", "Thời gian ký"):
        assert secret not in everything
    assert any("digital-signature" in m for m in result.messages)
    assert any("e-mail" in m for m in result.messages)
    assert any("2022-10-06" in n.message for n in result.notes)  # the trailer's date, offered for review
    assert "date_source" not in plan and "signer_source" not in plan  # both printed: the default
    # the questions are in the record's review list (a warning), beside their fields, and printed
    text = next(p for p in result.written if p.stem.startswith("kh-15-")).read_text(encoding="utf-8")
    assert "# review:" in text and len(result.notes) >= 5
    assert plan["review"] == [str(n) for n in result.notes]
    assert [p.rule for p in report.warnings] == ["review"]
    # every scalar string is double-quoted
    for line in text.splitlines():
        if ":" in line and not line.lstrip().startswith("#"):
            value = line.split(":", 1)[1].strip()
            if value and not value.startswith(("[", "{")):
                assert value.startswith('"') or value in ("true", "false") or value.replace(".", "", 1).isdigit(), line


def test_a_date_and_signer_only_in_the_signature_trailer_say_so(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    text = SYNTHETIC.replace("Cao Bằng, ngày 05 tháng 10 năm 2022", "").replace(
        "                                           Nông Văn An\n", "")
    source = tmp_path / "ke-hoach-so-tai-chinh.txt"
    source.write_text(text, encoding="utf-8")
    result = run.import_plan(source, data)
    plan = yaml.safe_load(next(p for p in result.written if p.stem.startswith("kh-15-")).read_text(encoding="utf-8"))
    assert (plan["date"], plan["date_source"]) == ("2022-10-06", "signature")
    assert (plan["signer"]["name"], plan["signer_source"]) == ("Nông Văn An", "signature")
    _repo, report = validate(data)
    assert [p.text() for p in report.errors] == []


def test_responsibilities_name_the_lead_and_the_supporting_units():
    from thidua.importing.facts import responsibility_in

    assert responsibility_in({"text": "Văn phòng Sở chủ trì, phối hợp với Sở Nội vụ và các phòng chuyên môn "
                                      "tham mưu tổ chức sơ kết."}) == {
        "unit": "Văn phòng Sở", "lead": True, "support": ["Sở Nội vụ", "các phòng chuyên môn"]}
    assert responsibility_in({"title": "Các phòng, đơn vị", "text": "Phối hợp với Văn phòng Sở triển khai."}) == {
        "unit": "Các phòng, đơn vị", "support": ["Văn phòng Sở"]}


def test_several_deadlines_in_one_text_are_a_list():
    from thidua.importing.facts import deadlines_in

    found = deadlines_in("Báo cáo sơ kết gửi về Sở trước ngày 15/6/2023. Hồ sơ khen thưởng gửi trước ngày 10/11 hằng năm.")
    assert [d.get("date") or d.get("yearly") for d in found] == ["2023-06-15", "11-10"]


def test_an_existing_plan_is_not_overwritten(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    source = tmp_path / "a.txt"
    source.write_text(SYNTHETIC, encoding="utf-8")
    run.import_plan(source, data)
    with pytest.raises(run.ImportError_, match="already exists"):
        run.import_plan(source, data)
