"""Tests of `thidua validate`: the schema checks, the cross-record rules and the CLI.

Each test writes a small data folder into `tmp_path` (`make_data`: a clean base set of
records plus the files the test changes), runs the validator and asserts the exact
problem: message, file, line, column and field path. The few files whose exact bytes
matter live in tests/fixtures/validate/.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from thidua.kinds import KINDS
from thidua.cli import main
from thidua.problems import Problem
from thidua.validate import validate
from conftest import FROZEN, KIND_FOLDERS, ROOT, data_set

REAL_DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "validate"


def _console_script() -> str:
    """The installed `thidua` script of the interpreter running the tests (.venv/bin/thidua)."""
    beside = Path(sys.executable).parent / "thidua"
    if beside.exists():
        return str(beside)
    found = shutil.which("thidua")
    if found is None:
        pytest.skip("the thidua console script is not installed")
    return found


# --- Building data folders

# A small, valid data set: two authorities, a campaign, an award form, a national
# decision and a plan that implements it. Every test starts from it.
BASE: dict[str, str] = {
    "authorities/ubnd-tinh-a.yml": """\
id: ubnd-tinh-a
name: Ủy ban nhân dân tỉnh A
short_name: UBND tỉnh A
level: province
""",
    "authorities/so-noi-vu-a.yml": """\
id: so-noi-vu-a
name: Sở Nội vụ tỉnh A
level: department
parent: ubnd-tinh-a
""",
    "campaigns/vi-nguoi-ngheo-2021-2025.yml": """\
id: vi-nguoi-ngheo-2021-2025
name: Vì người nghèo - Không để ai bị bỏ lại phía sau
period: 2021-2025
launched_by: qd-1-ubnd-a-2021
""",
    "award-forms/bang-khen-tinh-a.yml": """\
id: bang-khen-tinh-a
name: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh
granted_by_levels:
- province
granted_by: ubnd-tinh-a
subjects: [collective, individual]
rank: 50
""",
    "documents/qd-1-ubnd-a-2021.yml": """\
id: qd-1-ubnd-a-2021
type: quyet-dinh
number: 1/QĐ-UBND
date: '2021-03-01'
authority: ubnd-tinh-a
title: Phát động phong trào thi đua
transcribed: false
campaign: vi-nguoi-ngheo-2021-2025
period: 2021-2025
""",
    "documents/kh-2-snv-a-2022.yml": """\
id: kh-2-snv-a-2022
type: ke-hoach
number: 2/KH-SNV
date: '2022-05-10'
authority: so-noi-vu-a
title: Tổ chức thực hiện phong trào thi đua
campaign: vi-nguoi-ngheo-2021-2025
period: 2021-2025
signer:
  title: Giám đốc
  name: Nguyễn Văn A
basis:
- document: qd-1-ubnd-a-2021
  relation: implements
body:
- label: I.
  title: Mục đích
  role: purposes
  items:
  - label: '1.'
    text: Khen thưởng kịp thời.
    award:
      forms: [bang-khen-tinh-a]
      granted_by: ubnd-tinh-a
- label: II.
  title: Chỉ tiêu
  role: targets
  target:
    metric: tỷ lệ hộ nghèo
    value: 1,5
    unit: '%'
    trend: decrease
    per_year: true
""",
}

KH2 = "documents/kh-2-snv-a-2022.yml"
QD1 = "documents/qd-1-ubnd-a-2021.yml"


def make_data(tmp_path: Path, files: dict[str, str | bytes] | None = None, drop: tuple[str, ...] = ()) -> Path:
    """tmp_path/data holding BASE, with `files` added or replaced and `drop` left out."""
    return data_set(tmp_path, BASE, files, drop)


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def problems_of(data: Path) -> list[Problem]:
    _repo, report = validate(data)
    return report.sorted()


def show(problems: list[Problem]) -> str:
    return "\n".join(p.text() for p in problems) or "(no problems)"


def matches(problem: Problem, want: dict) -> bool:
    return all(getattr(problem, key) == value for key, value in want.items())


def the_problem(data: Path, **want) -> Problem:
    """Validate `data`, assert it yields exactly one problem and that it has `want`'s fields."""
    problems = problems_of(data)
    assert len(problems) == 1, show(problems)
    problem = problems[0]
    got = {key: getattr(problem, key) for key in want}
    assert got == want, show(problems)
    return problem


def one_of(problems: list[Problem], **want) -> Problem:
    """The single problem among `problems` that has `want`'s fields."""
    found = [p for p in problems if matches(p, want)]
    assert len(found) == 1, f"wanted one problem with {want}, got:\n{show(problems)}"
    return found[0]


# --- The base set itself


def test_base_data_set_is_clean(tmp_path):
    repo, report = validate(make_data(tmp_path))
    assert report.sorted() == []
    assert set(repo.documents) == {"qd-1-ubnd-a-2021", "kh-2-snv-a-2022"}
    plan = repo.documents["kh-2-snv-a-2022"]
    assert plan.signer.name == "Nguyễn Văn A"
    assert plan.body[1].target.value == 1.5  # the Vietnamese decimal comma is read
    assert plan.body[1].target.per_year is True


# --- YAML syntax


def test_yaml_syntax_error_names_line_and_column(tmp_path):
    data = make_data(tmp_path, {"authorities/ubnd-tinh-b.yml": "id: ubnd-tinh-b\nname: B\n  level: province\n"})
    problem = the_problem(
        data,
        file="data/authorities/ubnd-tinh-b.yml", line=3, column=8, field="", rule="yaml", severity="error",
        expected="valid YAML (check indentation, colons and quotes)",
    )
    # libyaml says "... in this context", the pure-Python parser "... here"
    assert problem.message.startswith("YAML syntax error: mapping values are not allowed ")


def test_text_holding_colon_space_is_said_to_need_quotes(tmp_path):
    """'title: Hình thức: Bằng khen' is a YAML syntax error: the message shows the line quoted."""
    plan = BASE[KH2].replace("title: ", "title: Hình thức: ", 1)
    data = make_data(tmp_path, {KH2: plan})
    problem = the_problem(data, file=f"data/{KH2}", field="", rule="yaml", severity="error")
    assert problem.message.endswith(' — text holding ": " must be put in double quotes'), problem.message
    title = next(line for line in plan.splitlines() if line.startswith("title: "))
    assert problem.expected == 'title: "' + title[len("title: "):] + '"'


def test_a_list_line_holding_colon_space_is_said_to_need_quotes(tmp_path):
    """'- Lưu: VT' in a list of text is read as a mapping: the message says to quote it."""
    plan = BASE[KH2] + "distribution:\n  - Sở Nội vụ\n  - Lưu: VT\n"
    data = make_data(tmp_path, {KH2: plan})
    the_problem(data, file=f"data/{KH2}", field="distribution[1]", rule="schema",
                message='wrong type: YAML reads text holding ": " as a key and its value — put the whole text in double quotes',
                expected='text in quotes: "Lưu: VT"', found="a mapping (key: value pairs)")


def test_yaml_syntax_error_in_one_file_does_not_hide_problems_in_others(tmp_path):
    data = make_data(tmp_path, {
        "authorities/ubnd-tinh-b.yml": "id: ubnd-tinh-b\nname: [B\nlevel: province\n",
        "authorities/ubnd-tinh-c.yml": "id: ubnd-tinh-c\nname: C\nlevel: provinc\n",
    })
    problems = problems_of(data)
    assert [(p.file, p.rule) for p in problems] == [
        ("data/authorities/ubnd-tinh-b.yml", "yaml"),
        ("data/authorities/ubnd-tinh-c.yml", "schema"),
    ], show(problems)


# --- Wrong types


def test_list_where_text_is_expected(tmp_path):
    data = make_data(tmp_path, {"authorities/ubnd-tinh-b.yml": "id: ubnd-tinh-b\nname: [Tỉnh B, Tỉnh C]\nlevel: province\n"})
    the_problem(
        data, file="data/authorities/ubnd-tinh-b.yml", line=2, column=7, field="name",
        message="wrong type", expected="text", found="a list", rule="schema",
    )


def test_yes_where_text_is_expected_asks_for_quotes(tmp_path):
    data = make_data(tmp_path, {"authorities/ubnd-tinh-b.yml": "id: ubnd-tinh-b\nname: B\nshort_name: yes\nlevel: province\n"})
    the_problem(
        data, file="data/authorities/ubnd-tinh-b.yml", line=3, column=13, field="short_name",
        message="wrong type (quote the text if yes/no is meant literally)", expected="text",
        found="the yes/no value yes",
    )


def test_text_where_true_or_false_is_expected(tmp_path):
    plan = BASE[KH2].replace("period: 2021-2025\n", 'period: 2021-2025\nsample: "có"\n')
    data = make_data(tmp_path, {KH2: plan})
    the_problem(
        data, file=f"data/{KH2}", line=9, column=9, field="sample",
        message="wrong type", expected="true or false", found='the text "có"',
    )


def test_quoted_true_is_text_not_a_yes_no_value(tmp_path):
    plan = BASE[KH2].replace("    per_year: true\n", "    per_year: 'true'\n")
    data = make_data(tmp_path, {KH2: plan})
    the_problem(
        data, file=f"data/{KH2}", line=33, column=15, field="body[1].target.per_year",
        message="wrong type", expected="true or false", found='the text "true"',
    )


def test_text_where_a_whole_number_is_expected(tmp_path):
    form = BASE["award-forms/bang-khen-tinh-a.yml"].replace("rank: 50", "rank: hạng nhất")
    data = make_data(tmp_path, {"award-forms/bang-khen-tinh-a.yml": form})
    the_problem(
        data, file="data/award-forms/bang-khen-tinh-a.yml", line=7, column=7, field="rank",
        message="wrong type", expected="a whole number", found='the text "hạng nhất"',
    )


def test_fraction_where_a_whole_number_is_expected(tmp_path):
    form = BASE["award-forms/bang-khen-tinh-a.yml"].replace("rank: 50", "rank: 2.5")
    data = make_data(tmp_path, {"award-forms/bang-khen-tinh-a.yml": form})
    the_problem(data, line=7, column=7, field="rank", expected="a whole number", found="the number 2.5")


def test_text_where_a_number_is_expected(tmp_path):
    plan = BASE[KH2].replace("value: 1,5", "value: nhiều")
    data = make_data(tmp_path, {KH2: plan})
    the_problem(
        data, file=f"data/{KH2}", line=30, column=12, field="body[1].target.value",
        message="wrong type", expected="a number", found='the text "nhiều"',
    )


@pytest.mark.parametrize("word", ["nan", "inf", "infinity"])
def test_words_nan_and_inf_are_not_numbers(tmp_path, word):
    plan = BASE[KH2].replace("value: 1,5", f"value: {word}")
    data = make_data(tmp_path, {KH2: plan})
    the_problem(
        data, file=f"data/{KH2}", line=30, column=12, field="body[1].target.value",
        message="wrong type", expected="a number", found=f'the text "{word}"',
    )


def test_text_where_a_list_is_expected(tmp_path):
    form = BASE["award-forms/bang-khen-tinh-a.yml"].replace("granted_by_levels:\n- province", "granted_by_levels: province")
    data = make_data(tmp_path, {"award-forms/bang-khen-tinh-a.yml": form})
    problems = problems_of(data)
    wrong = one_of(problems, rule="schema")
    assert (wrong.file, wrong.line, wrong.column, wrong.field, wrong.message, wrong.expected, wrong.found) == (
        "data/award-forms/bang-khen-tinh-a.yml", 3, 20, "granted_by_levels", "wrong type",
        "a list (lines starting with '- ')", 'the text "province"',
    )
    assert len(problems) == 1, show(problems)


def test_a_whole_record_that_is_not_a_mapping(tmp_path):
    data = make_data(tmp_path, {"authorities/ubnd-tinh-b.yml": "- id: ubnd-tinh-b\n- name: B\n"})
    the_problem(
        data, file="data/authorities/ubnd-tinh-b.yml", line=1, column=1, field="Authority",
        message="wrong type", expected="a mapping with the fields of Authority", found="a list",
    )


# --- Unknown, duplicated and missing fields


def test_unknown_key_suggests_the_field_meant(tmp_path):
    plan = BASE[KH2].replace("title: Tổ chức", "titel: Tổ chức")
    data = make_data(tmp_path, {KH2: plan})
    problems = problems_of(data)
    typo = one_of(problems, field="titel")
    assert (typo.file, typo.line, typo.column) == (f"data/{KH2}", 6, 1)
    assert typo.message == 'unknown field "titel" — did you mean "title"?'
    assert typo.expected.startswith("one of the fields of Document: id, type, title, authority,")
    assert typo.found == '"titel"'
    # the real title is now missing too, reported at the record's start
    missing = one_of(problems, field="title")
    assert (missing.line, missing.column, missing.message) == (1, 1, 'missing required field "title"')
    assert len(problems) == 2, show(problems)


def test_unknown_key_in_a_nested_object_has_the_full_path(tmp_path):
    plan = BASE[KH2].replace("  name: Nguyễn Văn A", "  nmae: Nguyễn Văn A")
    data = make_data(tmp_path, {KH2: plan})
    the_problem(
        data, file=f"data/{KH2}", line=11, column=3, field="signer.nmae",
        message='unknown field "nmae" — did you mean "name"?', found='"nmae"',
        expected="one of the fields of Signer: title, name, capacity, on_behalf_of",
    )


def test_unknown_key_far_from_every_field_gets_no_suggestion(tmp_path):
    data = make_data(tmp_path, {"authorities/ubnd-tinh-b.yml": "id: ubnd-tinh-b\nname: B\nlevel: province\nxyz: 1\n"})
    problem = the_problem(data, line=4, column=1, field="xyz", found='"xyz"')
    assert problem.message == 'unknown field "xyz"'


def test_field_given_twice(tmp_path):
    data = make_data(tmp_path, {"authorities/ubnd-tinh-b.yml": "id: ubnd-tinh-b\nname: B\nlevel: province\nname: C\n"})
    the_problem(
        data, file="data/authorities/ubnd-tinh-b.yml", line=4, column=1, field="name",
        message='field "name" is given twice', expected="each field once", found='"name" again',
    )


def test_missing_required_field(tmp_path):
    data = make_data(tmp_path, {"authorities/ubnd-tinh-b.yml": "id: ubnd-tinh-b\nname: B\n"})
    problem = the_problem(
        data, file="data/authorities/ubnd-tinh-b.yml", line=1, column=1, field="level",
        message='missing required field "level"', found="no such field", rule="schema",
    )
    assert problem.expected.startswith("one of: central, province, department, district, commune, village, board — ")


def test_missing_required_field_in_a_nested_list_item(tmp_path):
    plan = BASE[KH2].replace("- document: qd-1-ubnd-a-2021\n  relation: implements", "- relation: implements")
    data = make_data(tmp_path, {KH2: plan})
    problems = problems_of(data)
    missing = one_of(problems, field="basis[0].document")
    assert (missing.file, missing.line, missing.column, missing.message) == (
        f"data/{KH2}", 13, 3, 'missing required field "document"')


def test_empty_value_for_a_required_field(tmp_path):
    data = make_data(tmp_path, {"authorities/ubnd-tinh-b.yml": "id: ubnd-tinh-b\nname:\nlevel: province\n"})
    the_problem(
        data, file="data/authorities/ubnd-tinh-b.yml", line=2, column=6, field="name",
        message="a value is required here", expected="text", found="nothing (empty value)",
    )


# --- Dates, periods and enumerations


@pytest.mark.parametrize("written, column", [("'2022-02-31'", 7), ("2022-02-31", 7)])
def test_impossible_date(tmp_path, written, column):
    plan = BASE[KH2].replace("date: '2022-05-10'", f"date: {written}")
    data = make_data(tmp_path, {KH2: plan})
    the_problem(
        data, file=f"data/{KH2}", line=4, column=column, field="date", rule="schema",
        message="impossible or malformed date", expected="a day from 1 to 28 in 02/2022",
        found='the text "2022-02-31"',
    )


def test_leap_day_is_a_real_date(tmp_path):
    plan = BASE[KH2].replace("date: '2022-05-10'", "date: '2024-02-29'")
    assert problems_of(make_data(tmp_path, {KH2: plan})) == []


@pytest.mark.parametrize("written, expected", [
    ("'2022-13'", "a month from 1 to 12"),
    ("1800", "a year between 1900 and 2100"),
])
def test_malformed_dates(tmp_path, written, expected):
    plan = BASE[KH2].replace("date: '2022-05-10'", f"date: {written}")
    data = make_data(tmp_path, {KH2: plan})
    the_problem(data, line=4, column=7, field="date", message="impossible or malformed date", expected=expected)


@pytest.mark.parametrize("written, suggestion", [
    ("09/6/2021", "2021-06-09"),
    ("'22/05/2022'", "2022-05-22"),
    ("9.6.2021", "2021-06-09"),
    ("10/2022", "2022-10"),
    ("ngày 9 tháng 6 năm 2021", "2021-06-09"),
    ("tháng 10 năm 2022", "2022-10"),
])
def test_a_date_written_the_vietnamese_way_gets_its_iso_form(tmp_path, written, suggestion):
    plan = BASE[KH2].replace("date: '2022-05-10'", f"date: {written}")
    data = make_data(tmp_path, {KH2: plan})
    the_problem(data, line=4, column=7, field="date", message=f'impossible or malformed date — write "{suggestion}"',
                expected="a date written YYYY, YYYY-MM or YYYY-MM-DD")


def test_an_impossible_day_written_the_vietnamese_way_gets_no_suggestion(tmp_path):
    plan = BASE[KH2].replace("date: '2022-05-10'", "date: 31/2/2022")
    data = make_data(tmp_path, {KH2: plan})
    the_problem(data, line=4, column=7, field="date", message="impossible or malformed date")


@pytest.mark.parametrize("written, expected", [
    ("2025-2021", "a period whose end is not before its start (2025-2021)"),
    ("2021/2025", "a period written YYYY-YYYY, e.g. 2021-2025"),
    ("2021", "a period written YYYY-YYYY, e.g. 2021-2025"),
])
def test_bad_period(tmp_path, written, expected):
    campaign = BASE["campaigns/vi-nguoi-ngheo-2021-2025.yml"].replace("period: 2021-2025", f"period: {written}")
    data = make_data(tmp_path, {"campaigns/vi-nguoi-ngheo-2021-2025.yml": campaign})
    problems = problems_of(data)
    bad = one_of(problems, field="period")
    assert (bad.file, bad.line, bad.column, bad.expected) == (
        "data/campaigns/vi-nguoi-ngheo-2021-2025.yml", 3, 9, expected)
    # period is required: the campaign is dropped, so the plans' references to it dangle
    assert {p.rule for p in problems} == {"schema", "reference"}, show(problems)


def test_bad_enum_value_suggests_the_closest(tmp_path):
    plan = BASE[KH2].replace("type: ke-hoach", "type: ke_hoach")
    data = make_data(tmp_path, {KH2: plan})
    problem = the_problem(
        data, file=f"data/{KH2}", line=2, column=7, field="type",
        message='not an allowed value (did you mean "ke-hoach"?)', found='the text "ke_hoach"',
    )
    assert problem.expected.startswith("one of: ke-hoach, quyet-dinh, huong-dan,")


def test_bad_enum_value_in_a_nested_list(tmp_path):
    form = BASE["award-forms/bang-khen-tinh-a.yml"].replace("[collective, individual]", "[collective, person]")
    data = make_data(tmp_path, {"award-forms/bang-khen-tinh-a.yml": form})
    problem = the_problem(
        data, file="data/award-forms/bang-khen-tinh-a.yml", line=6, column=24, field="subjects[1]",
        found='the text "person"',
    )
    assert problem.message.startswith("not an allowed value")
    assert problem.expected.startswith("one of: collective, individual, household,")


# --- References


def test_an_invalid_id_is_never_suggested(tmp_path):
    """A campaign whose own id is invalid is reported at its file, not offered as the fix of a reference."""
    plan = BASE[KH2].replace("campaign: vi-nguoi-ngheo-2021-2025", "campaign: vi-nguoi-ngheo-2021-2026")
    bad = BASE["campaigns/vi-nguoi-ngheo-2021-2025.yml"].replace("id: vi-nguoi-ngheo-2021-2025", "id: Vi-nguoi-ngheo-2021-2026")
    data = make_data(tmp_path, {KH2: plan, "campaigns/vi-nguoi-ngheo-2021-2025.yml": bad})
    messages = {p.message for p in problems_of(data) if p.rule == "reference"}
    assert messages == {"reference to a campaign that does not exist"}, messages


def test_reference_to_an_id_that_does_not_exist(tmp_path):
    plan = BASE[KH2].replace("campaign: vi-nguoi-ngheo-2021-2025", "campaign: vi-nguoi-ngheo-2021-2026")
    data = make_data(tmp_path, {KH2: plan})
    the_problem(
        data, file=f"data/{KH2}", line=7, column=11, field="campaign", rule="reference",
        message='reference to a campaign that does not exist — did you mean "vi-nguoi-ngheo-2021-2025"?',
        expected="the id of a record in data/campaigns/", found='"vi-nguoi-ngheo-2021-2026"',
    )


def test_references_are_checked_again_when_their_target_goes_though_the_naming_file_is_unchanged(tmp_path):
    """What a record names is kept in the check memo by its file's bytes; whether each target
    exists is asked again on every run: a deleted or renamed campaign is a dangling reference
    from an unchanged plan, and restoring it clears the problem."""
    data = make_data(tmp_path)
    cache = tmp_path / "cache"
    references = lambda: sorted((p.file, p.found) for p in validate(data, cache=cache)[1].problems  # noqa: E731
                                if p.rule == "reference")
    assert references() == [] and references() == []  # cold, then from the memo
    campaign = data / "campaigns" / "vi-nguoi-ngheo-2021-2025.yml"
    text = campaign.read_text(encoding="utf-8")
    campaign.unlink()
    gone = references()
    assert (f"data/{KH2}", '"vi-nguoi-ngheo-2021-2025"') in gone
    assert gone == sorted((p.file, p.found) for p in validate(data)[1].problems if p.rule == "reference")
    campaign.write_text(text, encoding="utf-8")
    assert references() == []


def test_reference_far_from_every_id_gets_no_suggestion(tmp_path):
    plan = BASE[KH2].replace("- document: qd-1-ubnd-a-2021", "- document: nghi-dinh-xyz")
    data = make_data(tmp_path, {KH2: plan})
    the_problem(
        data, file=f"data/{KH2}", line=13, column=13, field="basis[0].document", rule="reference",
        message="reference to a document that does not exist", found='"nghi-dinh-xyz"',
    )


@pytest.mark.parametrize("old, new, line, column, field, noun", [
    ("authority: so-noi-vu-a", "authority: so-noi-vu-b", 5, 12, "authority", "an authority"),
    ("forms: [bang-khen-tinh-a]", "forms: [bang-khen-tinh-b]", 23, 15, "body[0].items[0].award.forms[0]", "an award form"),
])
def test_reference_message_names_the_kind_in_good_english(tmp_path, old, new, line, column, field, noun):
    data = make_data(tmp_path, {KH2: BASE[KH2].replace(old, new)})
    problem = the_problem(data, file=f"data/{KH2}", line=line, column=column, field=field, rule="reference")
    assert problem.message.startswith(f"reference to {noun} that does not exist")


def test_reference_deep_in_the_body_has_its_path_and_line(tmp_path):
    data = make_data(tmp_path, {KH2: BASE[KH2].replace("granted_by: ubnd-tinh-a", "granted_by: ubnd-tinh-x")})
    problem = the_problem(
        data, file=f"data/{KH2}", line=24, column=19, field="body[0].items[0].award.granted_by",
        rule="reference", found='"ubnd-tinh-x"', expected="the id of a record in data/authorities/",
    )
    assert problem.message.endswith('that does not exist — did you mean "ubnd-tinh-a"?')


def test_dangling_reference_after_an_unreadable_list_item(tmp_path):
    data = make_data(tmp_path, {KH2: BASE[KH2].replace("forms: [bang-khen-tinh-a]", "forms: [~, bang-khen-x]")})
    problems = problems_of(data)
    dangling = one_of(problems, rule="reference")
    assert (dangling.field, dangling.line, dangling.column) == ("body[0].items[0].award.forms[1]", 23, 18)


# --- Duplicates


def test_duplicate_ids_across_two_files(tmp_path):
    data = make_data(tmp_path, {"authorities/ubnd-tinh-z.yml": "id: ubnd-tinh-a\nname: Tỉnh Z\nlevel: province\n"})
    problems = problems_of(data)
    dup = one_of(problems, rule="duplicate-id")
    assert (dup.file, dup.line, dup.column, dup.field, dup.severity) == (
        "data/authorities/ubnd-tinh-z.yml", 1, 5, "id", "error")
    assert dup.message == 'duplicate id "ubnd-tinh-a"'
    assert dup.found == "also used in data/authorities/ubnd-tinh-a.yml:1"
    one_of(problems, rule="file-name", severity="warning", file="data/authorities/ubnd-tinh-z.yml")
    assert len(problems) == 2, show(problems)


def test_same_id_in_two_kinds_is_not_a_duplicate(tmp_path):
    data = make_data(tmp_path, {"campaigns/ubnd-tinh-a.yml": "id: ubnd-tinh-a\nname: Phong trào\nperiod: 2021-2025\n"})
    assert problems_of(data) == []


def test_two_documents_with_the_same_number_issuer_and_year(tmp_path):
    data = make_data(tmp_path, {"documents/kh-3-snv-a-2022.yml": """\
id: kh-3-snv-a-2022
type: ke-hoach
number: 2/kh-snv
date: 2022-11
authority: so-noi-vu-a
title: Bản sao
transcribed: false
"""})
    problem = the_problem(
        data, file="data/documents/kh-3-snv-a-2022.yml", line=3, column=9, field="number",
        rule="duplicate-number", message='two documents share the number "2/kh-snv", issuer and year',
        expected="a number used once per issuer and year",
    )
    assert problem.found == f"also data/{KH2}:3 (kh-2-snv-a-2022)"


@pytest.mark.parametrize("change", [
    {"date: 2022-11": "date: 2023-01"},            # another year: numbers restart
    {"authority: so-noi-vu-a": "authority: ubnd-tinh-a"},  # another issuer
    {"number: 2/kh-snv": "number: 3/KH-SNV"},
])
def test_same_number_in_another_year_or_by_another_issuer_is_fine(tmp_path, change):
    text = """\
id: kh-x
type: ke-hoach
number: 2/kh-snv
date: 2022-11
authority: so-noi-vu-a
title: X
transcribed: false
"""
    for old, new in change.items():
        text = text.replace(old, new)
    assert problems_of(make_data(tmp_path, {"documents/kh-x.yml": text})) == []


# --- Basis links


def test_cycle_in_basis_links(tmp_path):
    qd = BASE[QD1] + "basis:\n- document: kh-2-snv-a-2022\n  relation: cites\n"
    qd = qd.replace("date: '2021-03-01'\n", "")  # no dates: only the cycle is wrong
    data = make_data(tmp_path, {QD1: qd})
    problem = the_problem(
        data, field="basis[0].document", rule="basis-cycle", message="the basis links form a cycle",
        expected="documents that rest on earlier ones, never on themselves",
    )
    # reported once, on the link that closes the loop (the walk starts at the first file)
    assert (problem.file, problem.line, problem.column) == (f"data/{QD1}", 10, 13)
    assert problem.found == "kh-2-snv-a-2022 → qd-1-ubnd-a-2021 → kh-2-snv-a-2022"


def test_document_based_on_itself(tmp_path):
    qd = BASE[QD1] + "basis:\n- document: qd-1-ubnd-a-2021\n"
    problem = the_problem(make_data(tmp_path, {QD1: qd}), rule="basis-cycle", field="basis[0].document", line=11)
    assert problem.found == "qd-1-ubnd-a-2021 → qd-1-ubnd-a-2021"


def test_three_document_cycle_is_reported_once(tmp_path):
    def doc(ident, basis):
        return (f"id: {ident}\ntype: cong-van\ntitle: {ident}\nauthority: ubnd-tinh-a\ntranscribed: false\n"
                f"basis:\n- document: {basis}\n")
    data = make_data(tmp_path, {
        "documents/cv-a.yml": doc("cv-a", "cv-b"),
        "documents/cv-b.yml": doc("cv-b", "cv-c"),
        "documents/cv-c.yml": doc("cv-c", "cv-a"),
    })
    problem = the_problem(data, rule="basis-cycle", file="data/documents/cv-c.yml", line=7, column=13)
    assert problem.found == "cv-a → cv-b → cv-c → cv-a"


def test_document_based_on_one_issued_after_it(tmp_path):
    plan = BASE[KH2].replace("date: '2022-05-10'", "date: '2021-02-15'")
    data = make_data(tmp_path, {KH2: plan})
    the_problem(
        data, file=f"data/{KH2}", line=13, column=13, field="basis[0].document", rule="basis-date",
        message="the document rests on one issued after it",
        expected="a basis dated on or before 15/02/2021", found="qd-1-ubnd-a-2021 dated 01/03/2021",
    )


def test_basis_in_the_same_month_as_a_month_only_date_is_fine(tmp_path):
    plan = BASE[KH2].replace("date: '2022-05-10'", "date: 2021-03")
    assert problems_of(make_data(tmp_path, {KH2: plan})) == []


def test_plan_dated_outside_its_period(tmp_path):
    plan = BASE[KH2].replace("date: '2022-05-10'", "date: '2026-01-05'")
    data = make_data(tmp_path, {KH2: plan})
    the_problem(
        data, file=f"data/{KH2}", line=4, column=7, field="date", rule="date-in-period",
        message="the document is dated outside its period", expected="a date within 2021-2025",
        found="2026-01-05",
    )


# --- Encoding and Unicode normalisation


def test_text_that_is_not_utf8(tmp_path):
    data = make_data(tmp_path, {"authorities/ubnd-tinh-b.yml": fixture_bytes("not-utf8.yml")})
    the_problem(
        data, file="data/authorities/ubnd-tinh-b.yml", line=2, column=12, field="", rule="encoding",
        message="the file is not UTF-8 text", expected="UTF-8 (save the file as UTF-8 in your editor)",
        found="byte 0xff",
    )


def test_not_utf8_written_inline(tmp_path):
    data = make_data(tmp_path, {"authorities/ubnd-tinh-b.yml": b"id: ubnd-tinh-b\nname: \xff\nlevel: province\n"})
    the_problem(data, line=2, column=7, message="the file is not UTF-8 text", found="byte 0xff")


def test_utf8_with_a_byte_order_mark_is_fine(tmp_path):
    text = "\ufeffid: ubnd-tinh-b\nname: Ủy ban nhân dân tỉnh B\nlevel: province\n"
    assert problems_of(make_data(tmp_path, {"authorities/ubnd-tinh-b.yml": text})) == []


def test_not_utf8_column_counts_characters(tmp_path):
    data = make_data(tmp_path, {"authorities/ubnd-tinh-b.yml": fixture_bytes("not-utf8-after-vietnamese.yml")})
    # "name: Ủy ban " is 13 characters (15 bytes): the bad byte is the 14th character
    the_problem(data, rule="encoding", line=2, column=14)


def test_control_character_is_reported_where_it_is(tmp_path):
    data = make_data(tmp_path, {"authorities/ubnd-tinh-b.yml": fixture_bytes("control-character.yml")})
    the_problem(data, file="data/authorities/ubnd-tinh-b.yml", rule="yaml", line=2, column=11)


def test_control_character_is_an_error(tmp_path):
    data = make_data(tmp_path, {"authorities/ubnd-tinh-b.yml": fixture_bytes("control-character.yml")})
    problem = the_problem(data, file="data/authorities/ubnd-tinh-b.yml", rule="yaml", severity="error")
    assert "control characters are not allowed" in problem.message


def test_nfd_name_loads_as_nfc(tmp_path):
    raw = fixture_bytes("nfd-name.yml")
    nfc_name = "Ủy ban nhân dân tỉnh Bình Thuận"
    assert unicodedata.normalize("NFD", nfc_name).encode() in raw  # the fixture really is NFD
    assert nfc_name.encode() not in raw
    repo, report = validate(make_data(tmp_path, {"authorities/ubnd-tinh-binh-thuan.yml": raw}))
    assert report.sorted() == []
    name = repo.authorities["ubnd-tinh-binh-thuan"].name
    assert name == nfc_name
    assert unicodedata.is_normalized("NFC", name)


def test_nfd_text_everywhere_loads_as_nfc(tmp_path):
    plan = unicodedata.normalize("NFD", BASE[KH2])
    repo, report = validate(make_data(tmp_path, {KH2: plan}))
    assert report.sorted() == []
    doc = repo.documents["kh-2-snv-a-2022"]
    assert doc.title == "Tổ chức thực hiện phong trào thi đua"
    assert doc.body[0].title == "Mục đích"
    assert doc.body[1].target.metric == "tỷ lệ hộ nghèo"


def test_ids_equal_after_normalisation_are_duplicates(tmp_path):
    nfc_id, nfd_id = "sở-a", unicodedata.normalize("NFD", "sở-a")
    assert nfc_id != nfd_id
    data = make_data(tmp_path, {
        "authorities/so-1.yml": f"id: {nfc_id}\nname: Sở 1\nlevel: department\n",
        "authorities/so-2.yml": f"id: {nfd_id}\nname: Sở 2\nlevel: department\n",
    })
    problems = problems_of(data)
    dup = one_of(problems, rule="duplicate-id")
    assert (dup.file, dup.line, dup.column, dup.field) == ("data/authorities/so-2.yml", 1, 5, "id")
    assert dup.message == f'duplicate id "{nfc_id}"'
    assert dup.found == "also used in data/authorities/so-1.yml:1"
    # both ids are also refused for not being ASCII
    assert [p.file for p in problems if p.rule == "id"] == ["data/authorities/so-1.yml", "data/authorities/so-2.yml"]


def test_reference_written_in_nfd_finds_the_nfc_id(tmp_path):
    data = make_data(tmp_path, {
        "authorities/so-1.yml": "id: sở-a\nname: Sở 1\nlevel: department\n",
        "award-forms/giay-khen-so.yml": "id: giay-khen-so\nname: Giấy khen\ngranted_by_levels: [department]\n"
                                         f"granted_by: {unicodedata.normalize('NFD', 'sở-a')}\n",
    })
    problems = problems_of(data)
    assert [p.rule for p in problems] == ["id", "file-name"], show(problems)  # no dangling reference


# --- Layout and file names


def test_file_directly_in_data(tmp_path):
    data = make_data(tmp_path, {"ubnd-tinh-b.yml": "id: ubnd-tinh-b\nname: B\nlevel: province\n"})
    problem = the_problem(
        data, file="data/ubnd-tinh-b.yml", line=1, column=1, field="", rule="layout",
        message="records belong in a kind folder", found="a file directly in data/",
    )
    assert problem.expected.startswith("data/<kind>/<id>.yml with kind one of: authorities, campaigns,")


def test_file_in_an_unknown_folder_is_reported(tmp_path):
    data = make_data(tmp_path, {"authority/ubnd-tinh-b.yml": "id: ubnd-tinh-b\nname: B\nlevel: province\n"})
    the_problem(data, file="data/authority/ubnd-tinh-b.yml", rule="layout", severity="error")


def test_records_in_sub_folders_of_a_kind_are_read(tmp_path):
    repo, report = validate(make_data(tmp_path, {
        "authorities/binh-thuan/ubnd-tinh-b.yml": "id: ubnd-tinh-b\nname: B\nlevel: province\n"}))
    assert report.sorted() == []
    assert "ubnd-tinh-b" in repo.authorities


def test_empty_file(tmp_path):
    data = make_data(tmp_path, {"authorities/ubnd-tinh-b.yml": ""})
    the_problem(
        data, file="data/authorities/ubnd-tinh-b.yml", line=1, column=1, message="the file is empty",
        expected="one Authority record", found="an empty file",
    )


def test_comment_only_file_is_reported(tmp_path):
    data = make_data(tmp_path, {"authorities/ubnd-tinh-b.yml": fixture_bytes("comment-only.yml")})
    the_problem(data, file="data/authorities/ubnd-tinh-b.yml", line=1, column=1, severity="error")


def test_file_name_differing_from_id_is_a_warning(tmp_path):
    data = make_data(tmp_path, {"authorities/ubnd-b.yml": "id: ubnd-tinh-b\nname: B\nlevel: province\n"})
    _repo, report = validate(data)
    the_problem(
        data, file="data/authorities/ubnd-b.yml", line=1, column=5, field="id", rule="file-name",
        severity="warning", message="the file name differs from the id",
        expected="ubnd-tinh-b.yml", found="ubnd-b.yml",
    )
    assert report.errors == []
    assert not report.failed() and report.failed(strict=True)


def test_id_must_be_lowercase_ascii_words(tmp_path):
    data = make_data(tmp_path, {"authorities/UBND_Tinh_B.yml": "id: UBND_Tinh_B\nname: B\nlevel: province\n"})
    the_problem(
        data, file="data/authorities/UBND_Tinh_B.yml", line=1, column=5, field="id", rule="id",
        message="an id must be lowercase ASCII words joined by hyphens", found='"UBND_Tinh_B"',
    )


# --- Authorities that changed


def test_successor_without_until(tmp_path):
    data = make_data(tmp_path, {"authorities/ubnd-tinh-b.yml": """\
id: ubnd-tinh-b
name: Ủy ban nhân dân tỉnh B
level: province
successor: ubnd-tinh-a
change: merged
"""})
    the_problem(
        data, file="data/authorities/ubnd-tinh-b.yml", line=4, column=12, field="successor",
        rule="authority-change", severity="error",
        message="a successor needs the date the change took effect",
        expected="until: the date (YYYY, YYYY-MM or YYYY-MM-DD)", found="no until",
    )


def test_successor_with_until_is_fine(tmp_path):
    data = make_data(tmp_path, {"authorities/ubnd-tinh-b.yml": """\
id: ubnd-tinh-b
name: Ủy ban nhân dân tỉnh B
level: province
until: '2025-07-01'
successor: ubnd-tinh-a
change: merged
"""})
    assert problems_of(data) == []


def test_parent_loop_prints_the_loop_from_the_record(tmp_path):
    data = make_data(tmp_path, {
        "authorities/ubnd-a.yml": "id: ubnd-a\nname: A\nlevel: province\nparent: ubnd-b\n",
        "authorities/ubnd-b.yml": "id: ubnd-b\nname: B\nlevel: province\nparent: ubnd-a\n",
    })
    # the set order depends on string hashing: check several fixed seeds
    for seed in ("0", "1", "2", "3"):
        result = subprocess.run(
            [sys.executable, "-m", "thidua.cli", "validate", str(data), "--format", "json"],
            capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed}, cwd=tmp_path,
        )
        assert result.returncode == 1  # the command's process ends at once (os._exit), its code and output whole
        loops = {p["file"]: p["found"] for p in json.loads(result.stdout) if p["rule"] == "parent-cycle"}
        assert loops == {
            "data/authorities/ubnd-a.yml": "ubnd-a → ubnd-b → ubnd-a",
            "data/authorities/ubnd-b.yml": "ubnd-b → ubnd-a → ubnd-b",
        }, f"PYTHONHASHSEED={seed}"


def test_parent_loop_is_an_error(tmp_path):
    data = make_data(tmp_path, {
        "authorities/ubnd-a.yml": "id: ubnd-a\nname: A\nlevel: province\nparent: ubnd-b\n",
        "authorities/ubnd-b.yml": "id: ubnd-b\nname: B\nlevel: province\nparent: ubnd-a\n",
    })
    problems = problems_of(data)
    assert [(p.file, p.line, p.column, p.field, p.message) for p in problems] == [
        ("data/authorities/ubnd-a.yml", 4, 9, "parent", "the parent chain loops"),
        ("data/authorities/ubnd-b.yml", 4, 9, "parent", "the parent chain loops"),
    ], show(problems)


# --- The CLI: the acceptance scenario on a copy of the real data


def _replace_line(path: Path, pattern: str, new_line: str) -> int:
    """Replace the one line matching `pattern` in `path`; return its 1-based number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    hits = [i for i, line in enumerate(lines) if re.match(pattern, line)]
    assert len(hits) == 1, f"{path}: expected one line matching {pattern!r}, found {len(hits)}"
    lines[hits[0]] = new_line
    path.write_text("\n".join(lines), encoding="utf-8")
    return hits[0] + 1


@pytest.fixture
def broken_copy(tmp_path):
    """A copy of the frozen data with a typo'd key, a dangling reference and an impossible date.

    Returns (data folder, the problems validating the untouched copy gave, the three
    expected (file, line, column, field, message start) tuples).
    """
    data = tmp_path / "data"
    shutil.copytree(FROZEN, data)
    _repo, before = validate(data)
    authority = data / "authorities" / "ubnd-tinh-binh-thuan.yml"
    campaign = data / "campaigns" / "vi-nguoi-ngheo-2021-2025.yml"
    decision = data / "documents" / "qd-666-qd-ttg-2022.yml"
    typo_line = _replace_line(authority, r"^short_name:", "shortname: UBND tỉnh Bình Thuận")
    ref_line = _replace_line(campaign, r"^launched_by:", "launched_by: qd-666-qd-ttg-2032")
    date_line = _replace_line(decision, r"^date:", "date: '2022-02-31'")
    expected = [
        ("data/authorities/ubnd-tinh-binh-thuan.yml", typo_line, 1, "shortname",
         'unknown field "shortname" — did you mean "short_name"?'),
        ("data/campaigns/vi-nguoi-ngheo-2021-2025.yml", ref_line, 14, "launched_by",
         'reference to a document that does not exist — did you mean "qd-666-qd-ttg-2022"?'),
        ("data/documents/qd-666-qd-ttg-2022.yml", date_line, 7, "date", "impossible or malformed date"),
    ]
    return data, before.sorted(), expected


def _key(p: Problem) -> tuple:
    return (p.file, p.line, p.column, p.field, p.message)


def test_acceptance_three_problems_in_three_files_in_process(broken_copy, capsys):
    data, before, expected = broken_copy
    assert main(["validate", str(data)]) == 1
    out = capsys.readouterr().out
    for file, line, column, field, message in expected:
        assert f"{file}:{line}:{column}: error: {field}: {message}" in out, out
    # the three are the only new problems (the untouched copy's own, if any, aside)
    _repo, after = validate(data)
    new = sorted(set(map(_key, after.sorted())) - set(map(_key, before)))
    assert new == sorted(expected), show(after.sorted())
    before_errors = sum(p.severity == "error" for p in before)
    assert f"\n{before_errors + 3} error(s), " in out, out


def test_acceptance_three_problems_with_the_console_script(broken_copy):
    data, _before, expected = broken_copy
    result = subprocess.run([_console_script(), "validate", "data"], cwd=data.parent,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    for file, line, column, field, message in expected:
        assert f"{file}:{line}:{column}: error: {field}: {message}" in result.stdout, result.stdout
    assert "expected: a day from 1 to 28 in 02/2022" in result.stdout


def test_real_data_validates_in_process(capsys):
    assert main(["validate", str(REAL_DATA)]) == 0
    out = capsys.readouterr().out
    assert ": error:" not in out, out
    assert re.search(r"^0 error\(s\), \d+ warning\(s\)$", out, re.M), out


def test_real_data_validates_with_the_console_script():
    result = subprocess.run([_console_script(), "validate", "data"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": error:" not in result.stdout
    assert "0 error(s)" in result.stdout


def test_missing_data_folder_exits_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nowhere")]) == 2
    assert "is not a folder" in capsys.readouterr().err


def test_paths_are_relative_to_the_working_folder_when_inside_it(tmp_path, monkeypatch, capsys):
    data = make_data(tmp_path / "site", {"authorities/ubnd-tinh-b.yml": "id: ubnd-tinh-b\nname: B\n"})
    monkeypatch.chdir(tmp_path)
    assert main(["validate", str(data)]) == 1
    assert "site/data/authorities/ubnd-tinh-b.yml:1:1: error: level: missing required field" in capsys.readouterr().out


# --- Output formats and --strict


@pytest.fixture
def two_problems(tmp_path):
    """One error (impossible date) and one warning (file name)."""
    return make_data(tmp_path, {
        KH2: BASE[KH2].replace("date: '2022-05-10'", "date: '2022-02-31'"),
        "authorities/ubnd-b.yml": "id: ubnd-tinh-b\nname: B\nlevel: province\n",
    })


def test_text_format(two_problems, capsys):
    assert main(["validate", str(two_problems)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "data/authorities/ubnd-b.yml:1:5: warning: id: the file name differs from the id",
        "    expected: ubnd-tinh-b.yml",
        "    found:    ubnd-b.yml",
        f"data/{KH2}:4:7: error: date: impossible or malformed date",
        "    expected: a day from 1 to 28 in 02/2022",
        '    found:    the text "2022-02-31"',
        "1 error(s), 1 warning(s)",
    ]


def test_github_format(two_problems, capsys):
    assert main(["validate", str(two_problems), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "::warning file=data/authorities/ubnd-b.yml,line=1,col=5,title=id::the file name differs from the id"
        " (expected: ubnd-tinh-b.yml; found: ubnd-b.yml)",
        f"::error file=data/{KH2},line=4,col=7,title=date::impossible or malformed date"
        ' (expected: a day from 1 to 28 in 02/2022; found: the text "2022-02-31")',
    ]


def test_github_format_keeps_each_problem_on_one_line(tmp_path, capsys):
    data = make_data(tmp_path, {"authorities/ubnd-tinh-b.yml": fixture_bytes("control-character.yml")})
    assert main(["validate", str(data), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("::error file=data/authorities/ubnd-tinh-b.yml,line=2,col=11")
    # a message with line breaks (e.g. from a YAML library) is escaped, not split
    from thidua.problems import Problem

    line = Problem("data/x.yml", 3, 4, "name", "first line\nsecond line", "a", "b").github()
    assert "\n" not in line and "first line%0Asecond line" in line


def test_json_format(two_problems, capsys):
    assert main(["validate", str(two_problems), "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert problems == [
        {"file": "data/authorities/ubnd-b.yml", "line": 1, "column": 5, "field": "id",
         "message": "the file name differs from the id", "expected": "ubnd-tinh-b.yml", "found": "ubnd-b.yml",
         "severity": "warning", "rule": "file-name", "source": ""},
        {"file": f"data/{KH2}", "line": 4, "column": 7, "field": "date",
         "message": "impossible or malformed date", "expected": "a day from 1 to 28 in 02/2022",
         "found": 'the text "2022-02-31"', "severity": "error", "rule": "schema", "source": ""},
    ]


def test_json_format_keeps_vietnamese_readable(tmp_path, capsys):
    data = make_data(tmp_path, {"authorities/ubnd-tinh-b.yml": "id: ubnd-tinh-b\nname: B\nlevel: tỉnh\n"})
    assert main(["validate", str(data), "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert 'the text \\"tỉnh\\"' in out
    assert json.loads(out)[0]["found"] == 'the text "tỉnh"'


def test_json_format_of_clean_data_is_an_empty_list(tmp_path, capsys):
    assert main(["validate", str(make_data(tmp_path)), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_strict_makes_warnings_fail(tmp_path, capsys):
    data = make_data(tmp_path, {"authorities/ubnd-b.yml": "id: ubnd-tinh-b\nname: B\nlevel: province\n"})
    assert main(["validate", str(data)]) == 0
    assert "0 error(s), 1 warning(s)" in capsys.readouterr().out
    assert main(["validate", str(data), "--strict"]) == 1
    assert "data/authorities/ubnd-b.yml:1:5: warning: id: the file name differs" in capsys.readouterr().out
    assert main(["validate", str(data), "--strict", "--format", "github"]) == 1
    assert capsys.readouterr().out.startswith("::warning file=data/authorities/ubnd-b.yml,line=1,col=5,")
    assert main(["validate", str(data), "--strict", "--format", "json"]) == 1
    assert [p["severity"] for p in json.loads(capsys.readouterr().out)] == ["warning"]


def test_strict_on_clean_data_passes(tmp_path):
    assert main(["validate", str(make_data(tmp_path)), "--strict"]) == 0


def test_transcribed_document_without_body_is_a_warning(tmp_path):
    data = make_data(tmp_path, {QD1: BASE[QD1].replace("transcribed: false\n", "")})
    the_problem(
        data, file=f"data/{QD1}", line=1, column=1, field="transcribed", rule="body", severity="warning",
        message="a transcribed document has no body",
    )


# --- thidua schema


def _schema(tmp_path) -> dict:
    out = tmp_path / "schema" / "thidua.schema.json"
    assert main(["schema", "--output", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_schema_describes_documents(tmp_path):
    schema = _schema(tmp_path)
    document = schema["$defs"]["Document"]
    assert document["type"] == "object"
    assert document["additionalProperties"] is False
    assert set(document["required"]) == {"id", "type", "title", "authority"}
    assert {"basis", "body", "signer"} <= set(document["properties"])
    assert document["properties"]["basis"]["items"] == {"$ref": "#/$defs/BasisLink"}
    assert schema["$defs"]["Part"]["properties"]["items"]["items"] == {"$ref": "#/$defs/Part"}
    assert schema["x-kinds"]["documents"] == "#/$defs/Document"
    assert set(schema["x-kinds"]) == set(KIND_FOLDERS)


def test_schema_to_standard_output(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$defs"]["Document"]["additionalProperties"] is False


def test_schema_is_valid_json_schema_and_accepts_the_frozen_data(tmp_path):
    """The schema an editor checks against accepts real records (the frozen copy of them: what the
    schema accepts is behaviour, and data/ changes with every office's commit)."""
    import jsonschema  # in the test extra: this test never skips

    schema = _schema(tmp_path)
    jsonschema.Draft202012Validator.check_schema(schema)
    instances = [(kind.record.__name__, path.relative_to(FROZEN).as_posix(),
                  json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str)))
                 for kind in KINDS.values() for path in sorted((FROZEN / kind.name).rglob("*.yml"))]
    assert len({kind for kind, _name, _instance in instances}) == len(KINDS), "a kind has no frozen record"
    instances.append(("Document", "bad: titel", {"id": "x", "type": "ke-hoach", "titel": "t", "authority": "a"}))
    instances.append(("Document", "bad: enum", {"id": "x", "type": "ke_hoach", "title": "t", "authority": "a"}))
    result = {}
    for cls, name, instance in instances:
        validator = jsonschema.Draft202012Validator({"$ref": "#/$defs/" + cls, "$defs": schema["$defs"]})
        result[name] = sorted(e.message for e in validator.iter_errors(instance))
    bad_titel = result.pop("bad: titel")
    bad_enum = result.pop("bad: enum")
    assert {name: errors for name, errors in result.items() if errors} == {}
    assert any("'title' is a required property" in e for e in bad_titel), bad_titel
    assert any("'titel' was unexpected" in e for e in bad_titel), bad_titel
    assert any("'ke_hoach' is not one of" in e for e in bad_enum), bad_enum


def test_what_validation_made_is_not_left_for_the_collector_to_rescan():
    """Loading and checking run with the collector off; re-enabled with all they made still young,
    its first collection would walk every record (2.7 s at national). It is frozen instead."""
    import gc

    from conftest import FROZEN

    assert gc.isenabled()
    full = gc.get_stats()[2]["collections"]
    try:
        repo, _report = validate(FROZEN)
        assert gc.isenabled()
        made = {id(record) for _, record in repo.all()}
        assert not made & {id(o) for o in gc.get_objects()}  # in no generation the collector scans
        assert gc.get_stats()[2]["collections"] == full  # and no full collection on the way
    finally:
        gc.unfreeze()
