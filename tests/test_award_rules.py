"""Tests of the award rules (`thidua/checks/`): each rule with a passing and a failing fixture.

Every test writes a small data folder into `tmp_path`: `BASE` (award_data.py) plus the decisions
and stories the test needs.
A failing fixture asserts the problem's rule, severity, message, file, line and source.
The data set and the helpers are in award_data.py.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from thidua import model
from thidua.checks.prerequisites import same_place
from thidua.checks.settings import DEFAULT_SEVERITY, RULE_INFO
from thidua.checks.stories import markup_problems
from thidua.schema import MAX_FILE_BYTES
from thidua.text import name_key
from award_data import (BASE, BK, GK, LAW, PLAN_SOURCE, PNG, TTG, clean, decision, line_of, make_data, person,
                        problems_of, show, story, the_problem)

# --- The base data and the severity table


def test_base_data_is_clean(tmp_path):
    clean(make_data(tmp_path, decision("qd-1", date="2023-12-01")))


def test_every_rule_has_a_documented_default_severity():
    assert set(DEFAULT_SEVERITY) == set(RULE_INFO)
    assert set(DEFAULT_SEVERITY.values()) <= {"error", "warning"}
    rules_md = (Path(__file__).resolve().parents[1] / "docs" / "RULES.md").read_text(encoding="utf-8")
    for name, info in RULE_INFO.items():
        assert f"`{name}`" in rules_md, f"{name} is not described in docs/RULES.md"
        assert info.locked is False or info.default == "error"


# --- award-level


def test_award_level_pass_the_plan_s_authority_grants_its_form(tmp_path):
    clean(make_data(tmp_path, {
        **decision("qd-1", date="2023-12-01"),
        **decision("qd-2", date="2023-11-01", authority="so-a", form="giay-khen-so"),
        **decision("qd-3", date="2025-08-01", authority="thu-tuong", form="bang-khen-tt", occasion="final",
                   plan=None),
    }))


def test_award_level_fail_a_department_s_giay_khen_granted_by_a_province(tmp_path):
    data = make_data(tmp_path, decision("qd-1", date="2023-11-01", form="giay-khen-so"))
    the_problem(
        data, rule="award-level", severity="error", file="data/decisions/qd-1.yml", line=3, column=12,
        field="authority", message=f"UBND tỉnh A cannot grant the {GK}",
        expected="an authority of level department (Sở, ban, ngành)",
        found="ubnd-tinh-a: Ủy ban nhân dân tỉnh A, level province (Tỉnh, thành phố)", source=LAW)


def test_award_level_fail_the_prime_minister_s_bang_khen_granted_by_a_province(tmp_path):
    data = make_data(tmp_path, decision("qd-1", date="2025-08-01", form="bang-khen-tt", occasion="final",
                                        plan=None))
    the_problem(
        data, rule="award-level", file="data/decisions/qd-1.yml", line=3, field="authority",
        message=f"UBND tỉnh A cannot grant the {TTG}",
        expected="an authority of level central (Trung ương): Thủ tướng Chính phủ only",
        source="Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 9")


def test_award_level_fail_a_form_with_one_grantor_granted_by_another_of_its_level(tmp_path):
    data = make_data(tmp_path, decision("qd-1", date="2025-08-01", authority="chu-tich-nuoc",
                                        form="bang-khen-tt", occasion="final", plan=None))
    the_problem(data, rule="award-level", line=3, field="authority",
                message=f"only Thủ tướng Chính phủ grants the {TTG}", expected="authority: thu-tuong")


def test_award_level_fail_the_plan_names_another_authority(tmp_path):
    data = make_data(tmp_path, decision("qd-1", date="2023-12-01", authority="ubnd-tinh-b"))
    the_problem(
        data, rule="award-level", line=3, field="authority",
        message=f"the plan has the {BK} granted by UBND tỉnh A",
        expected="authority: ubnd-tinh-a (or the authority that took over from it)",
        source=f"{PLAN_SOURCE}, mục III.2.b) (Bằng khen của Chủ tịch)")


def test_award_level_the_authority_that_took_over_acts_for_the_one_the_plan_names(tmp_path):
    clean(make_data(tmp_path, decision("qd-1", date="2025-04-10", authority="so-noi-vu-a", form="giay-khen-so")))
    data = make_data(tmp_path, decision("qd-1", date="2025-04-10", authority="so-y-te-a", form="giay-khen-so"))
    the_problem(data, rule="award-level", message=f"the plan has the {GK} granted by Sở LĐ-TB&XH A",
                source=f"{PLAN_SOURCE}, mục III.2.c) (Giấy khen của Giám đốc Sở)")


# --- award-subject


def test_award_subject_pass_kinds_the_form_and_plan_allow(tmp_path):
    recipients = person("Tập thể A", "collective") + person("Hộ ông B", "household") + person("Trần C")
    clean(make_data(tmp_path, decision("qd-1", date="2023-12-01", recipients=recipients)))


def test_award_subject_fail_a_kind_the_form_does_not_take(tmp_path):
    data = make_data(tmp_path, decision("qd-1", date="2023-11-01", authority="so-a", form="giay-khen-so",
                                        recipients=person("Công ty TNHH A", "enterprise")))
    the_problem(
        data, rule="award-subject", severity="error", file="data/decisions/qd-1.yml", line=8, column=9,
        field="recipients[0].kind", message=f"the {GK} is not granted to a doanh nghiệp",
        expected="one of: collective, individual, household", found="enterprise", source=LAW)


def test_award_subject_fail_a_kind_the_law_allows_but_the_plan_does_not(tmp_path):
    data = make_data(tmp_path, decision("qd-1", date="2023-12-01", recipients=person("Công ty TNHH A", "enterprise")))
    the_problem(
        data, rule="award-subject", line=8, field="recipients[0].kind",
        message=f"the plan gives the {BK} only to: tập thể, cá nhân, hộ gia đình",
        expected="one of: collective, individual, household", found="enterprise",
        source=f"{PLAN_SOURCE}, mục III.2.b) (Bằng khen của Chủ tịch)")


# --- award-occasion and award-in-plan


def test_award_occasion_pass_yearly_final_and_ad_hoc(tmp_path):
    clean(make_data(tmp_path, {
        **decision("qd-1", date="2023-12-01"),
        **decision("qd-2", date="2024-03-01", occasion="adhoc", recipients=person("Trần Bình")),
    }))


def test_award_occasion_fail_an_occasion_the_plan_does_not_give_the_form_on(tmp_path):
    data = make_data(tmp_path, decision("qd-1", date="2023-06-01", occasion="midterm"))
    the_problem(
        data, rule="award-occasion", severity="warning", file="data/decisions/qd-1.yml", line=5, field="occasion",
        message=f"the plan gives the {BK} only hằng năm and tổng kết",
        expected="one of: yearly, final, or adhoc", found="midterm",
        source=f"{PLAN_SOURCE}, mục III.2.b) (Bằng khen của Chủ tịch)")


def test_award_in_plan_fail_a_form_the_plan_does_not_mention(tmp_path):
    data = make_data(tmp_path, decision("qd-1", date="2025-08-01", authority="chu-tich-nuoc", form="huan-chuong",
                                        occasion="final"))
    the_problem(data, rule="award-in-plan", severity="warning", line=4, field="form",
                message="the plan it applies does not mention the Huân chương Lao động",
                expected="a form the plan sets out: bang-khen-tinh, bang-khen-tt, giay-khen-so",
                found="huan-chuong", source=PLAN_SOURCE)


# --- decision-campaign


def test_decision_campaign_pass_the_plan_s_campaign(tmp_path):
    clean(make_data(tmp_path, decision("qd-1", date="2023-12-01", campaign="vi-nguoi-ngheo")))


def test_decision_campaign_fail_another_campaign_than_its_plan(tmp_path):
    data = make_data(tmp_path, decision("qd-1", date="2023-12-01", campaign="nong-thon-moi"))
    the_problem(data, rule="decision-campaign", severity="error", line=7, field="campaign",
                message="the decision and the plan it applies belong to different campaigns",
                expected="campaign: vi-nguoi-ngheo (the plan's)", found="nong-thon-moi", source=PLAN_SOURCE)


# --- quota


def collectives(*names: str) -> str:
    return "".join(person(n, "collective") for n in names)


def test_quota_pass_at_most_the_number_in_a_year_and_years_counted_apart(tmp_path):
    clean(make_data(tmp_path, {
        **decision("qd-1", date="2023-03-01", recipients=collectives("Tập thể A") + person("Trần A")),
        **decision("qd-2", date="2023-12-01", recipients=collectives("Tập thể B") + person("Hộ C", "household")),
        **decision("qd-3", date="2024-12-01", recipients=collectives("Tập thể D", "Tập thể E")),
    }))


def test_quota_fail_the_decision_that_goes_over_names_the_first_line_over(tmp_path):
    data = make_data(tmp_path, {
        **decision("qd-1", date="2023-03-01", recipients=collectives("Tập thể A", "Tập thể B")),
        **decision("qd-2", date="2023-12-01", recipients=person("Trần A") + collectives("Tập thể C", "Tập thể D")),
    })
    problem = the_problem(
        data, rule="quota", severity="error", file="data/decisions/qd-2.yml",
        line=line_of(data, "decisions/qd-2.yml", "Tập thể C") - 1, column=3, field="recipients[1]",
        message=f"more recipients than the plan allows: at most 2 (tập thể) for the {BK}, hằng năm 2023",
        expected="at most 2 counted together across decisions under this plan",
        found="4: 2 in this decision, 2 in earlier ones (qd-1 (2)); this line is number 3",
        source=f"{PLAN_SOURCE}, mục III.2.b) (Bằng khen của Chủ tịch)")
    assert "2023" in problem.message


def test_quota_past_already_a_later_decision_with_no_line_it_counts_is_not_over(tmp_path):
    # two collectives a year: qd-1 goes over; qd-2 gives one person (a kind the quota does not count)
    # and qd-3 no line at all, so neither adds to the count or is reported
    data = make_data(tmp_path, {
        **decision("qd-1", date="2023-03-01", recipients=collectives("Tập thể A", "Tập thể B", "Tập thể C")),
        **decision("qd-2", date="2023-12-01", recipients=person("Trần A")),
        **decision("qd-3", date="2023-12-02", recipients=""),
    })
    the_problem(data, rule="quota", file="data/decisions/qd-1.yml", field="recipients[2]",
                found="3: 3 in this decision, 0 in earlier ones (none); this line is number 3")


def test_quota_counts_individuals_and_households_together_and_lines_not_public(tmp_path):
    hidden = person("Lê Kín", extra="  public: false\n")
    data = make_data(tmp_path, decision("qd-1", date="2023-12-01",
                                        recipients=person("Trần A") + person("Hộ B", "household") + hidden))
    the_problem(data, rule="quota", field="recipients[2]",
                message=f"more recipients than the plan allows: at most 2 (cá nhân, hộ gia đình) for the {BK}, "
                        "hằng năm 2023")


def test_quota_for_a_final_review_in_a_given_year(tmp_path):
    households = "".join(person(f"Hộ {n}", "household") for n in "ABC")
    # each household holds the two provincial Bằng khen the Prime Minister's requires (ad hoc: no quota)
    earlier = {**decision("qd-1", date="2023-05-01", occasion="adhoc", recipients=households),
               **decision("qd-2", date="2024-05-01", occasion="adhoc", recipients=households)}
    ttg = decision("qd-ttg", date="2025-09-01", authority="thu-tuong", form="bang-khen-tt", occasion="final",
                   recipients=households)
    data = make_data(tmp_path, {**earlier, **ttg})
    the_problem(data, rule="quota", file="data/decisions/qd-ttg.yml", field="recipients[2]",
                message=f"more recipients than the plan allows: at most 2 (hộ gia đình) for the {TTG}, tổng kết 2025",
                source=f"{PLAN_SOURCE}, mục III.2.a) (Bằng khen Thủ tướng Chính phủ)")


# --- prerequisite


def final_bk(recipients: str, date: str = "2025-06-01") -> dict[str, str]:
    return decision("qd-final", date=date, occasion="final", recipients=recipients)


def test_prerequisite_pass_one_earlier_bang_khen_or_two_giay_khen(tmp_path):
    clean(make_data(tmp_path, {
        **decision("qd-1", date="2023-12-01", recipients=person("Nguyễn Thị Thúy", unit="xã A")),
        **decision("qd-gk1", date="2023-11-01", authority="so-a", form="giay-khen-so",
                   recipients=person("Trần Văn Đức", unit="Sở A")),
        **decision("qd-gk2", date="2024-11-01", authority="so-a", form="giay-khen-so",
                   recipients=person("TRẦN VĂN ĐỨC", unit="Sở A")),
        # the same names written with the other tone placement and case, the unit with the province added
        **final_bk(person("Nguyễn Thị Thuý", unit="xã A, tỉnh A") + person("Trần Văn Đức", unit="Sở A")),
    }))


def test_prerequisite_fail_names_the_recipient_and_what_was_found(tmp_path):
    data = make_data(tmp_path, {
        **decision("qd-gk1", date="2023-11-01", authority="so-a", form="giay-khen-so",
                   recipients=person("Trần Văn Đức", unit="Sở A")),
        **final_bk(person("Trần Văn Đức", unit="Sở A")),
    })
    the_problem(
        data, rule="prerequisite", severity="warning", file="data/decisions/qd-final.yml", line=9, column=9,
        field="recipients[0].name",
        message=f'"Trần Văn Đức" does not hold the earlier awards the plan requires for the {BK}',
        expected=f"at least 2 × {GK} or 1 × {BK}, in the campaign vi-nguoi-ngheo, before 01/06/2025",
        found=f"{GK} (qd-gk1, 01/11/2023)",
        source=f"{PLAN_SOURCE}, mục III.2.b) (Bằng khen của Chủ tịch)")


def test_prerequisite_fail_same_name_in_another_unit_is_another_person(tmp_path):
    data = make_data(tmp_path, {
        **decision("qd-1", date="2023-12-01", recipients=person("Nguyễn Thị Thúy", unit="Trường Tiểu học A")),
        **final_bk(person("Nguyễn Thị Thúy", unit="xã B")),
    })
    the_problem(data, rule="prerequisite", found="no earlier award of these forms found for this recipient")


def test_prerequisite_fail_awards_dated_after_or_in_another_campaign_do_not_count(tmp_path):
    data = make_data(tmp_path, {
        **decision("qd-1", date="2025-07-01", recipients=person("Trần A")),
        **decision("qd-2", date="2023-12-01", plan=None, campaign="nong-thon-moi", recipients=person("Trần A")),
        **final_bk(person("Trần A")),
    })
    the_problem(data, rule="prerequisite", field="recipients[0].name")


def test_prerequisite_fail_the_prime_minister_s_bang_khen_needs_two_from_the_named_province(tmp_path):
    data = make_data(tmp_path, {
        **decision("qd-1", date="2023-12-01", recipients=person("Trần A")),
        **decision("qd-2", date="2024-12-01", authority="ubnd-tinh-b", plan=None, campaign="vi-nguoi-ngheo",
                   recipients=person("Trần A")),
        **decision("qd-ttg", date="2025-09-01", authority="thu-tuong", form="bang-khen-tt", occasion="final",
                   recipients=person("Trần A")),
    })
    the_problem(data, rule="prerequisite", file="data/decisions/qd-ttg.yml",
                expected=f"at least 2 × {BK}, granted by UBND tỉnh A, in the campaign vi-nguoi-ngheo, before 01/09/2025",
                found=f"{BK} (qd-1, 01/12/2023)",
                source=f"{PLAN_SOURCE}, mục III.2.a) (Bằng khen Thủ tướng Chính phủ)")


def test_names_match_across_tone_placement_and_case_but_not_across_tones():
    assert name_key("Nguyễn Thị Thúy") == name_key("nguyễn thị thuý")
    assert name_key("Lê Văn Hòa") == name_key("Lê Văn Hoà")
    assert name_key("Nguyễn Văn Hải") != name_key("Nguyễn Văn Hài")
    assert name_key("Đặng Văn Đức") != name_key("Dang Van Duc")
    assert same_place("xã Hàm Minh, huyện Hàm Thuận Nam", "xã Hàm Minh, huyện Hàm Thuận Nam, tỉnh Bình Thuận")
    assert not same_place("xã Hàm Minh", "xã Hàm Mỹ")


# --- decision-date


def test_decision_date_pass_within_the_campaign_and_after_the_plan(tmp_path):
    # 2022-09 may be on or after 20/09/2022: a partial date is compared conservatively
    clean(make_data(tmp_path, {
        **decision("qd-1", date="2022-09", recipients=person("Trần A")),
        **decision("qd-2", date="2025-12-31", occasion="adhoc", recipients=person("Trần B")),
    }))


def test_decision_date_fail_outside_the_campaign_s_period(tmp_path):
    data = make_data(tmp_path, decision("qd-1", date="2026-01-15", occasion="adhoc"))
    the_problem(data, rule="decision-date", severity="error", file="data/decisions/qd-1.yml", line=2, column=7,
                field="date", message="the decision is dated outside its campaign's period",
                expected="a date within 2021-2025", found="15/01/2026",
                source="Vì người nghèo, giai đoạn 2021 - 2025")


def test_decision_date_fail_before_the_plan_it_applies(tmp_path):
    data = make_data(tmp_path, decision("qd-1", date="2022-08-30"))
    the_problem(data, rule="decision-date", line=2, field="date",
                message="the decision is dated before the plan it applies",
                expected="a date on or after the plan's date 20/09/2022", found="30/08/2022", source=PLAN_SOURCE)


def test_decision_date_fail_before_the_documents_an_undated_plan_rests_on(tmp_path):
    undated = """\
id: kh-so-a
type: ke-hoach
authority: so-a
title: Kế hoạch của Sở
campaign: vi-nguoi-ngheo
basis:
- document: kh-1-ubnd-a-2022
body:
- text: Khen thưởng.
  award:
    forms: [giay-khen-so]
"""
    data = make_data(tmp_path, {"documents/kh-so-a.yml": undated, **decision(
        "qd-1", date="2022-09-01", authority="so-a", form="giay-khen-so", plan="kh-so-a")})
    the_problem(data, rule="decision-date",
                expected="a date on or after 20/09/2022, the date of kh-1-ubnd-a-2022, which the undated plan rests on",
                source="Kế hoạch của Sở LĐ-TB&XH A [kh-so-a]")


# --- authority-existed


def test_authority_existed_pass_until_its_last_month(tmp_path):
    clean(make_data(tmp_path, decision("qd-1", date="2025-03", authority="so-a", form="giay-khen-so")))


def test_authority_existed_fail_after_it_merged(tmp_path):
    data = make_data(tmp_path, decision("qd-1", date="2025-04-02", authority="so-a", form="giay-khen-so"))
    the_problem(data, rule="authority-existed", severity="error", line=3, field="authority",
                message="Sở LĐ-TB&XH A no longer existed on the decision's date",
                expected="a date before tháng 03/2025, or the authority that took over: so-noi-vu-a",
                found="02/04/2025", source="Hợp nhất vào Sở Nội vụ tỉnh A từ tháng 3/2025.")


def test_authority_existed_fail_on_the_day_it_ceased(tmp_path):
    province = BASE["authorities/ubnd-tinh-a.yml"] + "until: '2025-07-01'\nsuccessor: ubnd-tinh-b\nchange: merged\n"
    data = make_data(tmp_path, {"authorities/ubnd-tinh-a.yml": province,
                                **decision("qd-1", date="2025-07-01", occasion="adhoc")})
    the_problem(data, rule="authority-existed", message="UBND tỉnh A no longer existed on the decision's date")


# --- recipient-id


def test_recipient_id_pass_given_and_derived(tmp_path):
    recipients = person("Trần A", extra="  id: tran-a-xa-b\n") + person("Trần A")
    clean(make_data(tmp_path, decision("qd-1", date="2023-12-01", recipients=recipients)))


def test_recipient_id_fail_malformed_and_repeated(tmp_path):
    recipients = person("Trần A", extra="  id: Tran_A\n") + person("Tập thể B", "collective", extra="  id: tran\n") \
        + person("Hộ C", "household", extra="  id: tran\n")
    data = make_data(tmp_path, decision("qd-1", date="2023-12-01", recipients=recipients))
    rel = "decisions/qd-1.yml"
    problems = problems_of(data)
    assert [(p.rule, p.line, p.field, p.message) for p in problems] == [
        ("recipient-id", line_of(data, rel, "Tran_A"), "recipients[0].id",
         "a recipient id must be lowercase ASCII words joined by hyphens"),
        ("recipient-id", line_of(data, rel, "id: tran", 2), "recipients[2].id",
         'two recipients of this decision have the id "tran"'),
    ], show(problems)
    assert problems[1].found == f"also line {line_of(data, rel, 'id: tran', 1)}"


def test_recipient_anchors_number_repeats_and_ignore_lines_not_public():
    def r(name, public=True, ident=None):
        return model.Recipient(kind=model.SubjectKind.INDIVIDUAL, name=name, public=public, id=ident)

    d = model.AwardDecision(id="qd", date=None, authority="a", form="f", occasion=model.Occasion.YEARLY,
                            recipients=[r("Nguyễn Thị Thúy", public=False), r("Nguyễn Thị Thuý"),
                                        r("Nguyễn Thị Thúy"), r("Lê Văn A", ident="nguyen-thi-thuy-2")])
    assert model.recipient_anchors(d) == ["nguyen-thi-thuy-4", "nguyen-thi-thuy", "nguyen-thi-thuy-3",
                                          "nguyen-thi-thuy-2"]
    d.recipients = [x for x in d.recipients if x.public]
    assert model.recipient_anchors(d) == ["nguyen-thi-thuy", "nguyen-thi-thuy-3", "nguyen-thi-thuy-2"]


# --- Stories: story-subject


TWO_THUY = person("Nguyễn Thị Thúy", unit="xã A") + person("Nguyễn Thị Thuý", unit="xã B")


def test_story_subject_pass_a_recipient_line_by_derived_anchor(tmp_path):
    clean(make_data(tmp_path, {
        **decision("qd-1", date="2023-12-01", recipients=TWO_THUY),
        **story("s-1", extra="subject:\n  decision: qd-1\n  recipient: nguyen-thi-thuy-2\n"),
        **story("s-2", extra="subject:\n  name: UBND xã A\n  authority: ubnd-xa-a\n"),
    }))


def test_story_subject_fail_no_such_recipient_line(tmp_path):
    data = make_data(tmp_path, {
        **decision("qd-1", date="2023-12-01", recipients=TWO_THUY),
        **story("s-1", extra="subject:\n  decision: qd-1\n  recipient: nguyen-thi-thuy-3\n"),
    })
    the_problem(data, rule="story-subject", severity="error", file="data/stories/s-1.yml", line=6, column=14,
                field="subject.recipient",
                message='decision qd-1 has no recipient line with this id — did you mean "nguyen-thi-thuy-2"?',
                found='"nguyen-thi-thuy-3"')


def test_story_subject_fail_a_recipient_without_its_decision(tmp_path):
    data = make_data(tmp_path, story("s-1", extra="subject:\n  recipient: nguyen-thi-thuy\n"))
    the_problem(data, rule="story-subject", line=5, field="subject.recipient",
                message="a recipient line is named without the decision it is in")


# --- story-photo

def photo(file: str, alt: str = "Bà con thu hoạch thanh long", credit: str = "Phóng viên A") -> str:
    return f"photos:\n- file: {file}\n  alt: '{alt}'\n  credit: {credit}\n"


def test_story_photo_pass_a_file_inside_the_data_folder(tmp_path):
    clean(make_data(tmp_path, {"media/anh-1.png": PNG, **story("s-1", extra=photo("media/anh-1.png"))}))


@pytest.mark.parametrize("file, message", [
    ("../anh-1.png", "the photo path leaves the data folder"),
    ("media/../../anh-1.png", "the photo path leaves the data folder"),
    ("/etc/passwd", "a photo path must be relative to the data folder"),
    ("https://example.org/anh.png", "a photo path must be relative to the data folder"),
    ("media\\\\anh-1.png", "photo paths use / between folders"),
    ("media/khong-co.png", "the photo file does not exist"),
    ("media/ve.svg", "the photo is not in an image format the site shows"),
])
def test_story_photo_fail_paths_outside_or_missing(tmp_path, file, message):
    (tmp_path / "anh-1.png").write_bytes(PNG)
    data = make_data(tmp_path, {"media/ve.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
                                **story("s-1", extra=photo(f'"{file}"'))})
    the_problem(data, rule="story-photo", severity="error", file="data/stories/s-1.yml", line=5, column=9,
                field="photos[0].file", message=message)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_story_photo_fail_a_symbolic_link_out_of_the_data_folder(tmp_path):
    (tmp_path / "secret.png").write_bytes(PNG)
    data = make_data(tmp_path, story("s-1", extra=photo("media/anh.png")))
    (data / "media").mkdir()
    os.symlink(tmp_path / "secret.png", data / "media" / "anh.png")
    the_problem(data, rule="story-photo", field="photos[0].file",
                message="the photo path leaves the data folder (through a symbolic link)")


def test_story_photo_fail_empty_alt_text(tmp_path):
    data = make_data(tmp_path, {"media/anh-1.png": PNG, **story("s-1", extra=photo("media/anh-1.png", alt="  "))})
    the_problem(data, rule="story-photo", line=6, column=8, field="photos[0].alt",
                message="the photo has no alt text", found="empty text")


# --- story-markup


def test_story_markup_pass_markdown_code_and_web_links(tmp_path):
    body = ("## Tiêu đề\n\nChữ **đậm**, [trang](https://example.org) và <https://example.org/a>.\n\n"
            "Mã: `<b>` hiển thị như chữ; tỷ lệ <5% là bình thường.\n\n```\n<script>chỉ là ví dụ</script>\n```\n")
    clean(make_data(tmp_path, story("s-1", body=body)))


def test_story_markup_fail_raw_html_at_its_exact_line(tmp_path):
    body = "Đoạn một.\n\nĐoạn hai có <script>alert(1)</script> ở giữa.\n"
    data = make_data(tmp_path, story("s-1", body=body))
    the_problem(data, rule="story-markup", severity="error", file="data/stories/s-1.yml",
                line=line_of(data, "stories/s-1.yml", "<script>"), column=15, field="body",
                message="story Markdown cannot hold raw HTML", found="<script>")


def test_story_markup_fail_a_script_link(tmp_path):
    data = make_data(tmp_path, story("s-1", body="Bấm [vào đây](javascript:alert(1)).\n"))
    the_problem(data, rule="story-markup", line=5, column=17, message='a link to "javascript:" is not allowed')


def test_markup_problems_finds_comments_images_and_reference_links():
    found = [m for _, m, _ in markup_problems("<!-- x -->\n![a](data:image/png;base64,xx)\n\nXem [x][r].\n\n[r]: vbscript:x\n")]
    assert found == ["story Markdown cannot hold raw HTML", 'a link to "data:" is not allowed',
                     'a link to "vbscript:" is not allowed']


# --- The severity setting: data/rules.yml


def test_rule_settings_raise_a_warning_to_an_error(tmp_path):
    data = make_data(tmp_path, {"rules.yml": "severity:\n  prerequisite: error\n  award-occasion: warning\n",
                                **final_bk(person("Trần A"))})
    problems = problems_of(data)
    assert [(p.rule, p.severity) for p in problems] == [("prerequisite", "error")], show(problems)


def test_rule_settings_lower_an_error_to_a_warning(tmp_path):
    data = make_data(tmp_path, {"rules.yml": "severity:\n  award-level: warning\n",
                                **decision("qd-1", date="2023-11-01", form="giay-khen-so")})
    problems = problems_of(data)
    assert [(p.rule, p.severity) for p in problems] == [("award-level", "warning")], show(problems)


def test_rule_settings_fail_unknown_rule_bad_value_and_locked_rule(tmp_path):
    data = make_data(tmp_path, {"rules.yml": "severity:\n  quotas: error\n  quota: fatal\n  personal-data: warning\n"})
    problems = [p for p in problems_of(data) if p.rule == "rule-settings"]
    assert [(p.file, p.line, p.column, p.message) for p in problems] == [
        ("data/rules.yml", 2, 3, 'unknown rule "quotas" — did you mean "quota"?'),
        ("data/rules.yml", 3, 10, 'the severity of "quota" must be error or warning'),
        ("data/rules.yml", 4, 18, '"personal-data" is always an error: no ID number, phone number, birth date or '
                                  "house address"),
    ], show(problems)
    assert all(p.severity == "error" and p.source == "docs/RULES.md" for p in problems)


def test_rule_settings_fail_unknown_setting(tmp_path):
    data = make_data(tmp_path, {"rules.yml": "severities:\n  quota: error\n"})
    problems = [p for p in problems_of(data) if p.rule == "rule-settings"]
    assert [(p.line, p.message) for p in problems] == [(1, 'unknown setting "severities"')], show(problems)


def test_rule_settings_are_read_within_a_record_file_s_limits(tmp_path):
    """data/rules.yml within the limits of a record file: no alias bomb, nothing past the size
    cap (the report cache keys larger files by their size alone), nothing but a regular file."""
    bomb = 'a: &a ["x", "x"]\nb: &b [*a, *a]\nseverity:\n  quota: error\n'
    data = make_data(tmp_path / "bomb", {"rules.yml": bomb})
    problems = [p for p in problems_of(data) if p.file == "data/rules.yml"]
    assert [(p.line, p.rule, p.message) for p in problems] == [
        (2, "yaml", "YAML aliases (*name) are not allowed in data: write the value out in full")], show(problems)

    large = "severity:\n  quota: error\n" + "#" * MAX_FILE_BYTES + "\n"
    data = make_data(tmp_path / "large", {"rules.yml": large})
    problems = [p for p in problems_of(data) if p.file == "data/rules.yml"]
    assert [(p.rule, p.message, p.found) for p in problems] == [
        ("limit", "the file is too large", f"{len(large):,} bytes")], show(problems)

    data = make_data(tmp_path / "fifo")
    os.mkfifo(data / "rules.yml")  # read, it would wait for a writer forever: never the whole run
    found: list = []
    reader = threading.Thread(target=lambda: found.extend(problems_of(data)), daemon=True)
    reader.start()
    reader.join(60)
    assert not reader.is_alive(), "the pipe was opened and waited on"
    problems = [p for p in found if p.file == "data/rules.yml"]
    assert [p.message for p in problems] == ["not a regular file"], show(problems)

    data = make_data(tmp_path / "folder")
    (data / "rules.yml").mkdir()
    problems = [p for p in problems_of(data) if p.file == "data/rules.yml"]
    assert [p.message for p in problems] == ["not a regular file"], show(problems)

    data = make_data(tmp_path / "broken-link")
    (data / "rules.yml").symlink_to(tmp_path / "nowhere.yml")
    problems = [p for p in problems_of(data) if p.file == "data/rules.yml"]
    assert [p.message for p in problems] == ["the file cannot be read (No such file or directory)"], show(problems)

    # the same messages as a record file's: where the bad byte or the syntax error is, and what it is
    data = make_data(tmp_path / "encoding", {"rules.yml": b"severity:\n  quota: err\xffor\n"})
    problems = [p for p in problems_of(data) if p.file == "data/rules.yml"]
    assert [(p.line, p.column, p.rule, p.found) for p in problems] == [(2, 13, "encoding", "byte 0xff")], show(problems)
    data = make_data(tmp_path / "syntax", {"rules.yml": "severity: [quota, error\n"})
    problems = [p for p in problems_of(data) if p.file == "data/rules.yml"]
    assert [(p.line, p.rule) for p in problems] == [(2, "yaml")] and "expected ',' or ']'" in problems[0].message, \
        show(problems)


def test_rule_settings_say_what_a_node_is_never_all_it_holds_and_refuse_repeats(tmp_path):
    """A mapping or list where a name belongs is named as such (a hostile key could hold
    megabytes); a long name is shortened; a rule or the setting given twice is an error, as a
    field given twice in a record is."""
    huge_key = "{" + ", ".join(f"k{i}: v" for i in range(2000)) + "}"
    text = (f"severity:\n  ? {huge_key}\n  : error\n  {'q' * 500}: error\n"
            "  quota: warning\n  quota: error\nseverity:\n  quota: error\n")
    data = make_data(tmp_path, {"rules.yml": text})
    problems = [p for p in problems_of(data) if p.file == "data/rules.yml"]
    assert [(p.line, p.message[:40]) for p in problems] == [
        (2, "unknown rule a mapping"), (4, 'unknown rule "' + "q" * 26), (6, 'the rule "quota" is given twice'),
        (7, 'the setting "severity" is given twice')], show(problems)
    assert all(len(p.message) < 400 and len(p.found) < 100 for p in problems), show(problems)


def test_a_file_that_grows_past_the_cap_while_read_is_refused(tmp_path, monkeypatch):
    """Measured under the cap, read past it (written to meanwhile): refused, not parsed cut short,
    whether a record file or data/rules.yml."""
    from thidua import loader

    data = make_data(tmp_path, {"rules.yml": "severity:\n  quota: error\n" + "#" * MAX_FILE_BYTES + "\n"})
    record = data / "decisions" / "qd-big.yml"
    record.write_text("id: qd-big\n" + "#" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    grown = {(info.st_dev, info.st_ino) for info in map(os.stat, (record, data / "rules.yml"))}

    class MeasuredSmall:
        """`os` as the loader module sees it, whose fstat says these two files were 10 bytes when
        measured. Only the loader's name `os` is patched, and only for them: every other file,
        module and thread of the process sees the real os.fstat."""

        def __getattr__(self, name):
            return getattr(os, name)

        @staticmethod
        def fstat(fd):
            info = os.fstat(fd)
            if (info.st_dev, info.st_ino) not in grown:
                return info
            values = list(info)
            values[6] = 10  # st_size: as it was when measured
            return os.stat_result(values)

    monkeypatch.setattr(loader, "os", MeasuredSmall())
    with open(record, "rb") as handle:  # anything but the loader sees the file as it is
        assert os.fstat(handle.fileno()).st_size > MAX_FILE_BYTES
    report = loader.Report()
    assert loader.read_data_file(record, "data/decisions/qd-big.yml", report) is None
    assert [(p.rule, p.message, p.found) for p in report.problems] == [
        ("limit", "the file is too large", f"more than {MAX_FILE_BYTES:,} bytes")]  # the check after reading
    problems = [p for p in problems_of(data) if p.file == "data/rules.yml"]  # read through the same function
    assert [p.found for p in problems] == [f"more than {MAX_FILE_BYTES:,} bytes"], show(problems)
