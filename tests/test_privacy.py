"""Tests of the privacy rules and filter (`thidua/checks/privacy.py`, `thidua/publish.py`): a passing and a failing fixture per rule,
and the frozen copy's site searched for the names of lines marked not public.

The data folders come from `award_data.py` (its BASE and helpers).
"""
from __future__ import annotations

import json

import pytest

import test_portal
from conftest import FROZEN, every_text, fresh_python
from award_data import decision, line_of, make_data, person, problems_of, show, story, the_problem
from thidua import model
from thidua.checks import privacy
from thidua.checks.privacy import find_personal_data, mask
from thidua.publish import publishable
from thidua.text import fold
from thidua.validate import validate

frozen_site = test_portal.frozen_site  # the frozen data's site, built once per session
EXPECTED = ("names, unit or commune, award and achievement only — never an ID number, phone number, "
            "birth date or house address")
SOURCE = "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15; docs/RULES.md (personal-data)"

# The frozen sample data's lines marked not public (tests/fixtures/data/decisions/): nowhere in its site.
NOT_PUBLIC_NAMES = ["Trịnh Riêng Tư Ẩn", "Vi Thị Giấu Tên"]


# --- personal-data: the patterns


PERSONAL_DATA = [  # (text, what it holds)
    ("Số CCCD 079203001234 cấp năm 2021", "an ID number (CMND/CCCD)"),
    ("CMND 273456789", "an ID number (CMND/CCCD)"),
    ("Điện thoại 0912 345 678", "a phone number"),
    ("ĐT: 0912.345.678", "a phone number"),
    ("liên hệ +84 912345678", "a phone number"),
    ("máy bàn 0263.3822.123", "a phone number"),
    ("sinh ngày 01/02/1980 tại xã A", "a birth date"),
    ("Ông A, sinh năm 1965, là thương binh", "a birth date"),
    ("Ngày sinh: 3/4/1970", "a birth date"),
    ("ngày, tháng, năm sinh", "a birth date"),
    ("12/05/1975 (sinh)", "a birth date"),
    ("Số nhà 12, thôn 3", "a house address"),
    ("ở số 45 đường Trần Hưng Đạo", "a house address"),
    ("số 7/2 hẻm Lý Thường Kiệt", "a house address"),
    ("ngõ 12 phố Huế", "a house address"),
    ("hẻm 45 khu phố 2", "a house address"),
    ("kiệt 7 Hoàng Diệu", "a house address"),
]


@pytest.mark.parametrize("text, what", PERSONAL_DATA)
def test_personal_data_patterns_fail(text, what):
    assert [w for _, w, _ in find_personal_data(text)] == [what]


@pytest.mark.parametrize("text", [
    "Hỗ trợ 120.000.000 đồng cho 12 hộ nghèo",
    "hỗ trợ 150000000 đồng",
    "Quyết định số 1234/QĐ-UBND ngày 12/01/2023",
    "Giảm tỷ lệ hộ nghèo 0,4 - 0,6 %/năm; 38,6% (2021) còn 17,9% (2025)",
    "Tặng 30 xe đạp cho học sinh ngày 05/09/2023",
    "tỷ lệ học sinh năm 2023 đạt 99%",
    "hỗ trợ sinh kế bền vững, mô hình bò sinh sản",
    "trong năm sinh hoạt chi bộ",
    "đường làng ngõ xóm xanh, sạch, đẹp",
    "Thôn 3, xã Hàm Chính; tổ dân phố số 5",
    "Năm 2023 có 125 hộ thoát nghèo",
    "Số nhà ở được hỗ trợ xây mới cho hộ nghèo",  # a plan target: how many houses
])
def test_personal_data_patterns_pass(text):
    assert list(find_personal_data(text)) == []


def test_a_pattern_s_hints_never_turn_away_a_text_it_matches():
    """The hints only spare texts the pattern cannot match: every text of the cases above, in upper
    case, with full-width and other decimal digits (Arabic-Indic, Devanagari) and with 'ſ' and
    'K' (which a case-insensitive search takes for 's' and 'k'), that its pattern matches passes
    all its hints; one without a digit never passes a house address's first."""
    cases = [text for text, _what in PERSONAL_DATA]
    digits = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    devanagari = str.maketrans("0123456789", "०१२३४५६७८९")
    variants = [v for text in cases for v in (text, text.upper(), text.translate(digits), text.translate(devanagari),
                                               text.replace("s", "ſ").replace("k", "K"))]
    matched = 0
    for text in variants:
        for pattern in privacy.PATTERNS:
            if pattern.regex.search(text):
                matched += 1
                assert all(hint.search(text) for hint in pattern.hints), (pattern.what, text)
    assert matched >= 3 * len(cases)
    house = next(p for p in privacy.PATTERNS if p.what == "a house address")
    assert house.hints[0].search("Số nhà ١٢") and not house.hints[0].search("Số nhà mười hai, ngõ Huế")


def test_found_text_is_masked():
    assert mask("0912 345 678") == "09•• ••• •••"
    assert mask("sinh ngày 01/02/1980") == "sinh ngày 01/••/••••"


# --- personal-data: where it is looked for


def test_personal_data_pass_the_frozen_data_and_a_plain_line(tmp_path):
    """No false alarm on the text of real plans, decisions and stories (the frozen copy of them)."""
    _repo, report = validate(FROZEN)
    assert not [p for p in report.sorted() if p.rule == "personal-data"], show(report.sorted())
    data = make_data(tmp_path, decision("qd-1", date="2023-12-01",
                                        recipients=person("Trần A", unit="xã A", extra="  achievement: Giúp 12 hộ nghèo.\n")))
    assert problems_of(data) == []


def test_personal_data_fail_in_a_recipient_line(tmp_path):
    line = person("Trần A", unit="xã A", extra="  achievement: Liên hệ 0912 345 678 để ủng hộ.\n")
    data = make_data(tmp_path, decision("qd-1", date="2023-12-01", recipients=line))
    the_problem(data, rule="personal-data", severity="error", file="data/decisions/qd-1.yml",
                line=line_of(data, "decisions/qd-1.yml", "achievement"), column=16,
                field="recipients[0].achievement", message="personal data must not be published: a phone number",
                expected=EXPECTED, found="09•• ••• •••", source=SOURCE)


def test_personal_data_fail_even_in_a_line_not_public(tmp_path):
    line = person("Trần A", unit="Số nhà 5, xã A", extra="  public: false\n")
    data = make_data(tmp_path, decision("qd-1", date="2023-12-01", recipients=line))
    the_problem(data, rule="personal-data", field="recipients[0].unit",
                message="personal data must not be published: a house address")


def test_personal_data_fail_in_a_story_body_at_its_line(tmp_path):
    body = "Đoạn mở đầu.\n\nBà A, sinh ngày 01/02/1960, là hội viên.\n"
    data = make_data(tmp_path, story("s-1", body=body))
    the_problem(data, rule="personal-data", severity="error", file="data/stories/s-1.yml",
                line=line_of(data, "stories/s-1.yml", "sinh ngày"), column=9, field="body",
                message="personal data must not be published: a birth date", found="sinh ngày 01/••/••••",
                source=SOURCE)


def test_personal_data_fail_in_a_story_title_tag_and_photo_credit(tmp_path):
    extra = ("tags: [giảm nghèo, 'CCCD 079203001234']\nphotos:\n- file: media/a.png\n  alt: Ảnh\n"
             "  credit: 'Anh B, ĐT 0987654321'\n")
    from award_data import PNG

    data = make_data(tmp_path, {"media/a.png": PNG, **story("s-1", extra=extra)})
    problems = problems_of(data)
    assert [(p.rule, p.field, p.message) for p in problems] == [
        ("personal-data", "tags[1]", "personal data must not be published: an ID number (CMND/CCCD)"),
        ("personal-data", "photos[0].credit", "personal data must not be published: a phone number"),
    ], show(problems)


@pytest.mark.parametrize("kind, record, field", [
    ("documents", "documents/kh-1-ubnd-b-2022.yml", "summary"),
    ("documents", "documents/kh-1-ubnd-b-2022.yml", "signer.name"),
    ("documents", "documents/kh-1-ubnd-b-2022.yml", "distribution[0]"),
    ("documents", "documents/kh-1-ubnd-b-2022.yml", "body[0].text"),
    ("authorities", "authorities/ubnd-tinh-b.yml", "short_name"),
    ("stories", "stories/s-1.yml", "photos[0].file"),
    ("decisions", "decisions/qd-1.yml", "recipients[0].position"),
])
def test_personal_data_fail_in_any_text_of_any_kind(tmp_path, kind, record, field):
    """Every text field of every record kind is searched: plan summary, signer, distribution, body,
    authority short name, photo file names, a recipient's position..."""
    from award_data import PNG

    phone = "0912 345 678"
    files = {
        "authorities/ubnd-tinh-b.yml": "id: ubnd-tinh-b\nname: Ủy ban nhân dân tỉnh B\nlevel: province\n"
                                       "short_name: 'UBND tỉnh B'\n",
        "documents/kh-1-ubnd-b-2022.yml": "id: kh-1-ubnd-b-2022\ntype: ke-hoach\ntitle: Kế hoạch\n"
                                          "authority: ubnd-tinh-b\ntranscribed: false\nsummary: Tóm tắt\n"
                                          "signer: {title: Chủ tịch, name: Nguyễn A}\ndistribution: [Lưu VT]\n"
                                          "body:\n- {label: '1.', text: Nội dung}\n",
        "media/anh.png": PNG,
        "media/" + phone.replace(" ", "") + ".png": PNG,
        **story("s-1", extra="photos:\n- file: media/anh.png\n  alt: Ảnh\n"),
        **decision("qd-1", date="2023-12-01", recipients=person("Trần A", unit="xã A", extra="  position: Trưởng thôn\n")),
    }
    replacements = {
        "summary": ("summary: Tóm tắt", f"summary: Tóm tắt, liên hệ {phone}"),
        "signer.name": ("name: Nguyễn A}", f"name: Nguyễn A {phone}}}"),
        "distribution[0]": ("[Lưu VT]", f"['ĐT {phone}']"),
        "body[0].text": ("text: Nội dung}", f"text: Nội dung {phone}}}"),
        "short_name": ("'UBND tỉnh B'", f"'UBND tỉnh B {phone}'"),
        "photos[0].file": ("file: media/anh.png", "file: media/" + phone.replace(" ", "") + ".png"),
        "recipients[0].position": ("position: Trưởng thôn", f"position: Trưởng thôn {phone}"),
    }
    old, new = replacements[field]
    files[record] = files[record].replace(old, new)
    assert new in files[record]
    data = make_data(tmp_path, files)
    found = [(p.rule, p.file, p.field) for p in problems_of(data) if p.rule == "personal-data"]
    assert found == [("personal-data", f"data/{record}", field)], show(problems_of(data))


# --- poverty-consent


def test_poverty_consent_pass_with_consent_or_not_public(tmp_path):
    recipients = (person("Hộ ông A", "household", extra="  poverty_programme: true\n  consent: true\n")
                  + person("Hộ bà B", "household", extra="  poverty_programme: true\n  public: false\n"))
    assert problems_of(make_data(tmp_path, decision("qd-1", date="2023-12-01", recipients=recipients))) == []


def test_poverty_consent_fail_published_without_consent(tmp_path):
    recipients = person("Hộ ông A", "household", extra="  poverty_programme: true\n")
    data = make_data(tmp_path, decision("qd-1", date="2023-12-01", recipients=recipients))
    the_problem(data, rule="poverty-consent", severity="error", file="data/decisions/qd-1.yml",
                line=line_of(data, "decisions/qd-1.yml", "poverty_programme"), column=22,
                field="recipients[0].poverty_programme",
                message="hộ gia đình in a poverty programme published without its consent",
                expected="consent: true (they agreed to publication) or public: false",
                found="poverty_programme: true, consent: false",
                source="Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 (consent); docs/RULES.md (poverty-consent)")


# --- private-recipient

HIDDEN = person("Nguyễn Thị Thúy", unit="xã A", extra="  public: false\n") + person("Trần Văn B", unit="xã A")


def test_private_recipient_pass_a_story_about_a_public_line(tmp_path):
    data = make_data(tmp_path, {
        **decision("qd-1", date="2023-12-01", recipients=HIDDEN),
        **story("s-1", body="Anh Trần Văn B giúp nhiều hộ nghèo.\n",
                extra="subject:\n  decision: qd-1\n  recipient: tran-van-b\n"),
    })
    assert problems_of(data) == [], show(problems_of(data))


def test_private_recipient_fail_a_story_about_a_line_not_public(tmp_path):
    data = make_data(tmp_path, {
        **decision("qd-1", date="2023-12-01", recipients=HIDDEN),
        **story("s-1", extra="subject:\n  decision: qd-1\n  recipient: nguyen-thi-thuy\n"),
    })
    the_problem(data, rule="private-recipient", severity="error", file="data/stories/s-1.yml", line=6,
                field="subject.recipient", message="the story is about a recipient line marked not public",
                found='"nguyen-thi-thuy" has public: false', source="docs/RULES.md (private-recipient)")


def test_private_recipient_fail_a_story_naming_a_line_not_public_in_another_spelling(tmp_path):
    data = make_data(tmp_path, {
        **decision("qd-1", date="2023-12-01", recipients=HIDDEN),
        **story("s-1", body="Mở đầu.\n\nChị NGUYỄN THỊ THUÝ cũng góp sức.\n"),
    })
    the_problem(data, rule="private-recipient", file="data/stories/s-1.yml",
                line=line_of(data, "stories/s-1.yml", "THUÝ"), column=7, field="body",
                message="the story names a recipient marked not public", found="a name of qd-1 (public: false)")


def test_private_recipient_fail_a_story_naming_a_household_not_public_without_its_prefix(tmp_path):
    hidden = person("Hộ bà Lò Thị Kín", "household", extra="  public: false\n")
    data = make_data(tmp_path, {
        **decision("qd-1", date="2023-12-01", recipients=hidden),
        **story("s-1", extra="photos: []\ntags: [bà Lò Thị Kín]\n"),
    })
    the_problem(data, rule="private-recipient", field="tags", message="the story names a recipient marked not public")


# --- publishable: the filter before pages


def test_publishable_drops_lines_not_public_and_keeps_public_anchors(tmp_path):
    recipients = (person("Nguyễn Thị Thúy", extra="  public: false\n") + person("Nguyễn Thị Thúy", unit="xã B")
                  + person("Nguyễn Thị Thúy", unit="xã C"))
    repo, report = validate(make_data(tmp_path, decision("qd-1", date="2023-12-01", occasion="adhoc",
                                                         recipients=recipients)))
    assert report.errors == []
    d = repo.decisions["qd-1"]
    before = dict(zip((r.unit for r in d.recipients), model.recipient_anchors(d)))
    publishable(repo)
    assert [r.unit for r in d.recipients] == ["xã B", "xã C"]
    assert dict(zip((r.unit for r in d.recipients), model.recipient_anchors(d))) == {
        "xã B": before["xã B"], "xã C": before["xã C"]} == {"xã B": "nguyen-thi-thuy", "xã C": "nguyen-thi-thuy-2"}


def test_the_sample_data_has_lines_not_public():
    repo, _report = validate(FROZEN)
    hidden = {r.name for d in repo.decisions.values() for r in d.recipients if not r.public}
    assert {"Trịnh Riêng Tư Ẩn", "Hộ bà Vi Thị Giấu Tên"} <= hidden


def test_no_line_marked_not_public_appears_anywhere_in_the_site(frozen_site):
    """Every file of the frozen data's site, HTML, JSON shards and search index alike
    (test_data_limits.py checks the same on the real data with lines added)."""
    site_dir = frozen_site
    needles = [n.casefold() for n in NOT_PUBLIC_NAMES] + [fold(n) for n in NOT_PUBLIC_NAMES]
    needles += ["trinh-rieng-tu-an", "vi-thi-giau-ten"]  # slugs, e.g. in anchors or URLs
    leaks = []
    for path, text in every_text(site_dir):  # the search index's gzip files and the ZIP's members opened
        lowered = text.casefold()
        folded = fold(text)
        leaks += [f"{path.relative_to(site_dir)}: {n}" for n in needles if n in lowered or n in folded]
    assert leaks == []


# --- the check memo beside the parse cache: a warm rerun reports what a cold one does


def test_privacy_problems_are_the_same_with_the_check_memo_warm_and_after_edits(tmp_path):
    data = make_data(tmp_path, {
        **decision("qd-1", date="2023-12-01", recipients=HIDDEN + person("Lê Văn Công", extra="  achievement: gọi 0912 345 678\n")),
        **story("s-1", body="Mở đầu.\n\nChị NGUYỄN THỊ THUÝ cũng góp sức, SN 1985, cùng anh Lê Văn Công.\n"),
        **story("s-2", body="Chị Ng\u200buyễn Thị Lan.\n"),
    })
    cache = tmp_path / "cache"

    def shown(report):
        return [repr(p) for p in report.problems]

    cold = shown(validate(data)[1])
    assert {"personal-data", "private-recipient", "invisible-character"} <= {p.rule for p in validate(data)[1].problems}
    assert shown(validate(data, cache=cache)[1]) == cold  # fills the parse cache and the memo
    assert list((cache / "checks").glob("*.pickle"))
    assert shown(validate(data, cache=cache)[1]) == cold  # reuses both
    # an edited story, and a line made not public (another name looked for in every record)
    (data / "stories" / "s-2.yml").write_text((data / "stories" / "s-2.yml").read_text(encoding="utf-8")
                                              .replace("Lan", "Lan, Lê Văn Công"), encoding="utf-8")
    decision_file = data / "decisions" / "qd-1.yml"
    decision_file.write_text(decision_file.read_text(encoding="utf-8").replace(
        "  achievement: gọi", "  public: false\n  achievement: gọi"), encoding="utf-8")
    cold = shown(validate(data)[1])
    assert sum("Lê Văn Công" not in p and "qd-1" in p and "s-1.yml" in p and "private-recipient" in p
               for p in cold) == 2  # the unchanged s-1 now names two lines not public
    assert shown(validate(data, cache=cache)[1]) == cold
    assert shown(validate(data, cache=cache)[1]) == cold


# Validated in a fresh interpreter (conftest.fresh_python): there `can_fork()` is true as it is for
# `thidua validate`; in this pytest process other threads may run, and forking beside them (forcing
# `can_fork`) could leave a lock held for ever in a worker.
SPLIT_VALIDATE = """
import json, sys
from pathlib import Path
from thidua.checks import base
from thidua.validate import validate

base.PARALLEL_FROM = 1  # a handful of records: split them all the same
data, cache = Path(sys.argv[1]), Path(sys.argv[2])
runs = []
for options in ({}, {"cache": cache}, {"cache": cache}):
    problems = sorted(repr(p) for p in validate(data, workers=2, **options)[1].problems)
    runs.append({"problems": problems, "forks": list(forks)})
print("runs:", json.dumps(runs))
"""


def test_privacy_problems_are_the_same_when_the_records_are_split_over_processes(tmp_path):
    data = make_data(tmp_path, {
        **decision("qd-1", date="2023-12-01", recipients=HIDDEN + person("Lê Văn Công", extra="  achievement: gọi 0912 345 678\n")),
        **story("s-1", body="Mở đầu.\n\nChị NGUYỄN THỊ THUÝ cũng góp sức, SN 1985, cùng anh Lê Văn Công.\n"),
        **story("s-2", body="Chị Ng\u200buyễn Thị Lan.\n"),
        **story("s-3", body="Đoạn một.\n\n<script>alert(1)</script>\n"),
    })
    one = sorted(repr(p) for p in validate(data, workers=1)[1].problems)
    assert {"personal-data", "private-recipient", "invisible-character", "story-markup"} <= {
        p.split("rule='")[1].split("'")[0] for p in one}
    out = fresh_python(SPLIT_VALIDATE, str(data), str(tmp_path / "cache"), count_forks=True)
    split, memo_filled, memo_read = json.loads(out.rpartition("runs:")[2])
    # one pass for stories' markup, personal data, the names of lines not public and the checks across records
    assert split == {"problems": one, "forks": [2]}
    assert memo_filled == {"problems": one, "forks": [2, 2]}  # the memo filled
    # and read back: every record in the memo; the checks across records are split all the same
    assert memo_read == {"problems": one, "forks": [2, 2, 2]}


def test_both_privacy_checks_share_one_walk_of_each_record(tmp_path, monkeypatch):
    """personal-data and private-recipient read every text of every record: run in one pass over
    the records (Context.run), they walk each record's texts once between them."""
    from thidua.kinds import KINDS

    data = make_data(tmp_path, {
        **decision("qd-1", date="2023-12-01", recipients=HIDDEN + person("Lê Văn Công")),
        **story("s-1", body="Chị Nguyễn Thị Thuý cũng góp sức, gọi 0912 345 678.\n"),
        **story("s-2", body="Đoạn một.\n"),
    })
    record_classes = {kind.record for kind in KINDS.values()}
    walked = []
    real = privacy._collect_texts  # every walk of a record's texts, whoever asks for it

    def counting(obj, out):
        if type(obj) in record_classes:
            walked.append(obj.id)
        real(obj, out)

    monkeypatch.setattr(privacy, "_collect_texts", counting)
    repo, report = validate(data, workers=1)
    assert {"personal-data", "private-recipient"} <= {p.rule for p in report.problems}  # both did run
    assert sorted(walked) == sorted(record.id for _, record in repo.all())  # each once
