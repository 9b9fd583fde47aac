"""The data set the award rules are tested on, and builders of records for tests that validate.

`BASE`: a province, two departments, a commune, the Prime Minister, a campaign, four award forms
and a plan whose section III.2 sets out awards, quotas and prerequisites. `make_data` writes it with
a test's own files (`decision`, `person`, `story` make them); `problems_of`, `the_problem` and
`clean` validate it. Used by the tests of the rules, privacy, samples, stories and hostile input.
"""
from __future__ import annotations

from pathlib import Path

from thidua.problems import Problem
from thidua.validate import validate
from conftest import data_set

PLAN = "documents/kh-1-ubnd-a-2022.yml"
PLAN_SOURCE = "Kế hoạch số 1/KH-UBND của UBND tỉnh A"
BK = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
GK = "Giấy khen của Giám đốc Sở"
TTG = "Bằng khen của Thủ tướng Chính phủ"
LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 80"

BASE: dict[str, str] = {
    "authorities/ubnd-tinh-a.yml": "id: ubnd-tinh-a\nname: Ủy ban nhân dân tỉnh A\nshort_name: UBND tỉnh A\nlevel: province\n",
    "authorities/ubnd-tinh-b.yml": "id: ubnd-tinh-b\nname: Ủy ban nhân dân tỉnh B\nshort_name: UBND tỉnh B\nlevel: province\n",
    "authorities/so-a.yml": """\
id: so-a
name: Sở Lao động - Thương binh và Xã hội tỉnh A
short_name: Sở LĐ-TB&XH A
level: department
parent: ubnd-tinh-a
until: 2025-03
successor: so-noi-vu-a
change: merged
change_note: Hợp nhất vào Sở Nội vụ tỉnh A từ tháng 3/2025.
""",
    "authorities/so-noi-vu-a.yml": "id: so-noi-vu-a\nname: Sở Nội vụ tỉnh A\nshort_name: Sở Nội vụ A\nlevel: department\nparent: ubnd-tinh-a\n",
    "authorities/so-y-te-a.yml": "id: so-y-te-a\nname: Sở Y tế tỉnh A\nshort_name: Sở Y tế A\nlevel: department\nparent: ubnd-tinh-a\n",
    "authorities/ubnd-xa-a.yml": "id: ubnd-xa-a\nname: Ủy ban nhân dân xã A\nshort_name: UBND xã A\nlevel: commune\nparent: ubnd-tinh-a\n",
    "authorities/thu-tuong.yml": "id: thu-tuong\nname: Thủ tướng Chính phủ\nlevel: central\n",
    "authorities/chu-tich-nuoc.yml": "id: chu-tich-nuoc\nname: Chủ tịch nước\nlevel: central\n",
    "campaigns/vi-nguoi-ngheo.yml": "id: vi-nguoi-ngheo\nname: Vì người nghèo\nperiod: 2021-2025\n",
    "campaigns/nong-thon-moi.yml": "id: nong-thon-moi\nname: Nông thôn mới\nperiod: 2021-2025\n",
    "award-forms/bang-khen-tinh.yml": f"""\
id: bang-khen-tinh
name: {BK}
granted_by_levels: [province]
subjects: [collective, individual, household, enterprise]
rank: 60
legal_basis: {LAW}
""",
    "award-forms/bang-khen-tt.yml": f"""\
id: bang-khen-tt
name: {TTG}
granted_by_levels: [central]
granted_by: thu-tuong
subjects: [collective, individual, household]
rank: 80
legal_basis: Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 9
""",
    "award-forms/giay-khen-so.yml": f"""\
id: giay-khen-so
name: {GK}
granted_by_levels: [department]
subjects: [collective, individual, household]
rank: 40
legal_basis: {LAW}
""",
    "award-forms/huan-chuong.yml": """\
id: huan-chuong
name: Huân chương Lao động
granted_by_levels: [central]
granted_by: chu-tich-nuoc
rank: 100
""",
    # The plan: section III.2.a) the Prime Minister's Bằng khen, b) the chairman's, c) Giấy khen.
    PLAN: """\
id: kh-1-ubnd-a-2022
type: ke-hoach
number: 1/KH-UBND
date: '2022-09-20'
authority: ubnd-tinh-a
title: Tổ chức thực hiện Phong trào thi đua
campaign: vi-nguoi-ngheo
period: 2021-2025
body:
- label: III.
  title: ĐỐI TƯỢNG, HÌNH THỨC KHEN THƯỞNG
  items:
  - label: '2.'
    title: Hình thức khen thưởng
    role: awards
    items:
    - label: a)
      title: Bằng khen Thủ tướng Chính phủ
      award:
        forms: [bang-khen-tt]
        granted_by: thu-tuong
        occasions: [final]
        quotas:
        - subjects: [household]
          max: 2
          occasion: final
          year: 2025
        prerequisites:
        - any_of:
          - form: bang-khen-tinh
            count: 2
          occasion: final
          granted_by: ubnd-tinh-a
    - label: b)
      title: Bằng khen của Chủ tịch
      award:
        forms: [bang-khen-tinh]
        granted_by: ubnd-tinh-a
        occasions: [yearly, final]
        subjects: [collective, individual, household]
        quotas:
        - subjects: [collective]
          max: 2
          occasion: yearly
        - subjects: [individual, household]
          max: 2
          occasion: yearly
        prerequisites:
        - any_of:
          - form: giay-khen-so
            count: 2
          - form: bang-khen-tinh
            count: 1
          occasion: final
    - label: c)
      title: Giấy khen của Giám đốc Sở
      award:
        forms: [giay-khen-so]
        granted_by: so-a
""",
}


# --- Builders of records, and what validating a data set gives


def make_data(tmp_path: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """tmp_path/data holding BASE plus `files`."""
    return data_set(tmp_path, BASE, files)


def decision(ident: str, *, date: str, authority: str = "ubnd-tinh-a", form: str = "bang-khen-tinh",
             occasion: str = "yearly", plan: str | None = "kh-1-ubnd-a-2022", campaign: str | None = None,
             recipients: str = "", extra: str = "") -> dict[str, str]:
    """One decision file; `recipients` is the YAML list, one `- kind: ...` item after another."""
    text = f"id: {ident}\ndate: '{date}'\nauthority: {authority}\nform: {form}\noccasion: {occasion}\n"
    if plan:
        text += f"plan: {plan}\n"
    if campaign:
        text += f"campaign: {campaign}\n"
    text += extra
    text += "recipients:\n" + (recipients or person("Nguyễn Văn An"))
    return {f"decisions/{ident}.yml": text}


def person(name: str, kind: str = "individual", unit: str | None = None, extra: str = "") -> str:
    text = f"- kind: {kind}\n  name: {name}\n"
    if unit:
        text += f"  unit: {unit}\n"
    return text + extra


def problems_of(data: Path) -> list[Problem]:
    _repo, report = validate(data)
    return report.sorted()


def show(problems: list[Problem]) -> str:
    return "\n".join(p.text() for p in problems) or "(no problems)"


def clean(data: Path) -> None:
    problems = problems_of(data)
    assert problems == [], show(problems)


def the_problem(data: Path, **want) -> Problem:
    """Validate `data`; assert it yields exactly one problem, with `want`'s fields."""
    problems = problems_of(data)
    assert len(problems) == 1, show(problems)
    got = {key: getattr(problems[0], key) for key in want}
    assert got == want, show(problems)
    return problems[0]


def line_of(data: Path, rel: str, text: str, nth: int = 1) -> int:
    """The line number of the `nth` line of data/rel containing `text`."""
    seen = 0
    for number, line in enumerate((data / rel).read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            seen += 1
            if seen == nth:
                return number
    raise AssertionError(f"{text!r} not in {rel}")


def story(ident: str, body: str = "Nội dung câu chuyện.\n", extra: str = "", date: str = "2024-01-10") -> dict[str, str]:
    text = f"id: {ident}\ntitle: Gương sáng\ndate: '{date}'\n{extra}body: |\n"
    text += "".join(f"  {line}\n" if line else "\n" for line in body.splitlines())
    return {f"stories/{ident}.yml": text}


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
                    "0000000c4944415408d763f8cfc000000301010018dd8db40000000049454e44ae426082")
