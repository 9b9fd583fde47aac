"""A record that validates never makes the data checks fail (issue 10): the real data, copied,
with records added that stress the limits — a very long title full of "&", "<" and quotes, a plan
of 300 parts, a decision of 5,000 lines — goes through what CI runs on a data commit: validate,
build with MkDocs (strict), every internal link resolves, every public record is published and
no line marked not public appears anywhere.

Whatever the real data holds, this test asserts nothing about it beyond those checks.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import DATA, build, every_text
from thidua import links
from thidua.kinds import KINDS
from thidua.model import recipient_anchors
from thidua.text import fold
from thidua.validate import validate

LONG_TITLE = ("Kế hoạch “thi đua” <b>Vì người nghèo</b> & 'không để ai bị bỏ lại phía sau' của Sở GD&ĐT, "
              "Sở LĐ-TB&XH và các đơn vị <script>alert(1)</script> \"chung tay\" ") * 8
PLAN = "kh-kiem-thu-gioi-han-2023"
DECISION = "qd-9999-kiem-thu-gioi-han-2024"
HIDDEN = ["Lường Kín Đáo Một", "Lường Kín Đáo Hai"]  # lines marked not public: nowhere in the site


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


# The stress records bring the authorities, campaign and award form they cite: they read nothing of
# the real data, so no edit of it (a record renamed, removed or added first in the folder) changes them.
PROVINCE = "ubnd-tinh-kiem-thu-gioi-han"
ISSUER = "co-quan-kiem-thu-gioi-han"
CAMPAIGN = "kiem-thu-gioi-han-2021-2025"
FORM = "giay-khen-kiem-thu-gioi-han"
START = 2021


def stress_records(data: Path) -> None:
    """Add the stress records and what they cite, under ids of their own."""
    for folder in ("authorities", "campaigns", "award-forms", "documents", "decisions"):
        (data / folder).mkdir(parents=True, exist_ok=True)
    for record in (f"authorities/{PROVINCE}", f"authorities/{ISSUER}", f"campaigns/{CAMPAIGN}",
                   f"award-forms/{FORM}", f"documents/{PLAN}", f"decisions/{DECISION}"):
        assert not (data / f"{record}.yml").exists(), f"data/ holds {record}: give the stress records other ids"
    (data / "authorities" / f"{PROVINCE}.yml").write_text(
        f"id: {PROVINCE}\nname: {q('Ủy ban nhân dân tỉnh Kiểm Thử & <Giới Hạn>')}\nlevel: province\n"
        f"short_name: {q('UBND tỉnh KT&GH')}\n", encoding="utf-8")
    # a department, the level that grants the form, so the decision breaks no award rule
    (data / "authorities" / f"{ISSUER}.yml").write_text(
        f"id: {ISSUER}\nname: {q('Cơ quan kiểm thử & <giới hạn> “dài”')}\nlevel: department\n"
        f"short_name: {q('CQ KT&GH')}\nparent: {PROVINCE}\n", encoding="utf-8")
    (data / "campaigns" / f"{CAMPAIGN}.yml").write_text(
        f"id: {CAMPAIGN}\nname: {q('Phong trào kiểm thử “giới hạn” & <dữ liệu>')}\nperiod: '{START}-{START + 4}'\n",
        encoding="utf-8")
    (data / "award-forms" / f"{FORM}.yml").write_text(
        f"id: {FORM}\nname: {q('Giấy khen kiểm thử & <giới hạn>')}\ngranted_by_levels: [department]\n"
        f"subjects: [individual, collective]\n", encoding="utf-8")

    parts = []
    for i in range(1, 301):
        title = f"Mục {i} & <mục con> “{i}”"
        text = f'Nội dung mục {i}: Sở GD&ĐT phối hợp với đơn vị {i} <thực hiện> "đúng hạn".'
        part = f"  - label: {q(f'{i}.')}\n    title: {q(title)}\n    text: {q(text)}\n"
        if i % 50 == 0:
            metric = f"Tỷ lệ hộ & <nhóm> {i}"
            part += (f"    target: {{metric: {q(metric)}, value: {i % 100}, unit: '%', comparison: gte, "
                     f"by: '{START + 4}'}}\n")
        if i % 100 == 0:
            part += f"    deadlines:\n      - {{what: {q('Báo cáo & hồ sơ')}, kind: report, yearly: '11-10'}}\n"
        parts.append(part)
    (data / "documents" / f"{PLAN}.yml").write_text(
        f"id: {PLAN}\ntype: ke-hoach\ntitle: {q(LONG_TITLE)}\nauthority: {ISSUER}\nnumber: {q('9999/KH-KTGH')}\n"
        f"date: '{START + 2}-01-05'\ncampaign: {CAMPAIGN}\nperiod: '{START}-{START + 4}'\n"
        f"summary: {q(LONG_TITLE)}\n"
        f"signer: {{title: {q('Giám đốc & <Chủ tịch>')}, name: {q('Nguyễn “Kiểm” Thử')}}}\n"
        f"distribution: [{q('Sở GD&ĐT')}, {q('Lưu: VT, <TĐKT>')}]\nbody:\n" + "".join(parts), encoding="utf-8")

    kinds = [("individual", "Nguyễn Văn"), ("collective", "Tổ & nhóm"), ("individual", "Trần Thị")]
    lines = []
    for i in range(5000):
        kind, name = kinds[i % len(kinds)]
        lines.append(f"  - {{kind: {kind}, name: {q(f'{name} Mẫu {i}')}, "
                     f"unit: {q(f'Thôn {i % 40 + 1} & <khu> “{i % 7}”')}}}\n")
    lines += [f"  - {{kind: individual, name: {q(name)}, unit: 'Thôn 1', public: false}}\n" for name in HIDDEN]
    (data / "decisions" / f"{DECISION}.yml").write_text(
        f"id: {DECISION}\ndate: '{START + 3}-12-20'\nauthority: {ISSUER}\nform: {FORM}\noccasion: adhoc\n"
        f"campaign: {CAMPAIGN}\nnumber: {q('9999/QĐ-KTGH')}\ntitle: {q(LONG_TITLE[:300])}\n"
        "recipients:\n" + "".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def stressed(tmp_path_factory) -> tuple[Path, Path]:
    """The copy validated (strictly, as the build is: no error, no warning), then built."""
    root = tmp_path_factory.mktemp("limits")
    data = root / "data"
    shutil.copytree(DATA, data)
    stress_records(data)
    _repo, report = validate(data)
    assert report.sorted() == [], "\n".join(p.text() for p in report.sorted()[:20])
    build(root, data)
    return data, root / "site"


def test_the_stressed_data_validates_and_builds(stressed):
    _data, site = stressed
    assert (site / "index.html").is_file() and (site / "van-ban" / PLAN / "index.html").is_file()


def test_every_link_resolves(stressed):
    _data, site = stressed
    checked, broken = links.check(site)
    assert checked > 0 and broken == [], broken[:20]


def test_every_public_record_and_line_is_published(stressed):
    data, site = stressed
    repo, _report = validate(data)
    missing = []
    for kind in KINDS.values():
        for record_id in repo.of_kind(kind.name):
            if not (site / kind.section / record_id / "index.html").is_file():
                missing.append(f"{kind.name}/{record_id}")
    assert missing == []
    decision = repo.decisions[DECISION]
    page = (site / KINDS["decisions"].section / DECISION / "index.html").read_text(encoding="utf-8")
    anchors = [a for a, r in zip(recipient_anchors(decision), decision.recipients) if r.public]
    assert len(anchors) == 5000
    assert not [a for a in anchors if f'id="{a}"' not in page]


def test_no_line_marked_not_public_appears_anywhere(stressed):
    _data, site = stressed
    needles = [n.casefold() for n in HIDDEN] + [fold(n) for n in HIDDEN] + ["luong-kin-dao"]
    leaks = []
    for path, text in every_text(site):  # every file: the search index's and the ZIP's opened
        leaks += [f"{path.relative_to(site)}: {n}" for n in needles if n in text.casefold() or n in fold(text)]
    assert leaks == []


def test_search_index_holds_the_largest_records_whole(stressed):
    """Search (Pagefind, docs/SEARCH.md) holds every public line of the 5,000-line decision, each
    under its anchor, and no line marked not public, even in its compressed files."""
    import gzip

    _data, site = stressed
    pages = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
        fragment = json.loads(text[text.index("{"):])
        pages[fragment["url"]] = fragment
        assert not [n for n in HIDDEN if n in text or fold(n) in text.replace("z ", " ")]
    for path in (site / "pagefind" / "t").glob("*.json.gz"):  # each page's text as results show it
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
        assert not [n for n in HIDDEN if n in text]
    assert list((site / "pagefind" / "t").glob("*.json.gz"))
    decision = pages[f"/{KINDS['decisions'].section}/{DECISION}/"]
    assert len(decision["anchors"]) == 5000
    assert f"/{KINDS['documents'].section}/{PLAN}/" in pages
