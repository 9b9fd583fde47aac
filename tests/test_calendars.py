"""Calendars (issue 15), read back with icalendar: they round-trip, yearly deadlines recur within
the plan's period from the day it was issued, partial dates span what they name, every event links to the part of the plan
that sets it, and the plan, authority and home pages link them."""
from __future__ import annotations

import datetime as _dt
import re

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from conftest import build
from test_open_data import open_data_set
from thidua.exports import paths

SITE_URL = "https://thidua.example/"
PLAN_ID = "kh-3-dong-xuan-2023"
PLAN = f"""\
id: {PLAN_ID}
type: ke-hoach
number: 3/KH-UBND
date: '2023-02'
authority: so-noi-vu-dong-xuan
title: Khen thưởng phong trào thi đua của Sở Nội vụ
campaign: vi-nguoi-ngheo-2021-2025
period: 2022-2025
body:
- label: I.
  title: Tiến độ thực hiện
  role: schedule
  items:
  - label: '-'
    text: 'Tháng 3 năm 2023: phát động phong trào thi đua.'
    milestone: {{kind: launch, start: '2023-03'}}
  - label: '-'
    text: 'Năm 2024: sơ kết phong trào thi đua.'
    milestone: {{kind: midterm, start: '2024'}}
  - label: '-'
    text: 'Hằng năm, kiểm tra, giám sát việc thực hiện.'
    milestone: {{kind: monitoring, yearly: true}}
- label: II.
  title: Thời hạn gửi hồ sơ
  role: deadlines
  items:
  - label: '1.'
    text: Các đơn vị gửi hồ sơ đề nghị khen thưởng trước ngày 10 tháng 11 hằng năm.
    deadline: {{what: Gửi hồ sơ đề nghị khen thưởng hằng năm, kind: submission, yearly: '11-10'}}
  - label: '2.'
    text: Báo cáo tổng kết trước ngày 15/10/2025.
    deadline: {{what: Báo cáo tổng kết phong trào, kind: report, date: '2025-10-15'}}
"""
# issued in the second year of its period: its yearly report is due from that year on
LATE_ID = "kh-4-dong-xuan-2025"
LATE = f"""\
id: {LATE_ID}
type: ke-hoach
number: 4/KH-UBND
date: '2025-01-12'
authority: so-noi-vu-dong-xuan
title: Báo cáo phong trào thi đua của Sở Nội vụ
campaign: vi-nguoi-ngheo-2021-2025
period: 2024-2025
body:
- label: I.
  title: Thời hạn báo cáo
  role: deadlines
  items:
  - label: '1.'
    text: Các đơn vị báo cáo kết quả trước ngày 31 tháng 10 hằng năm.
    deadline: {{what: Báo cáo kết quả thực hiện phong trào, kind: report, yearly: '10-31'}}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("calendars")
    build(root, open_data_set(root, {f"documents/{PLAN_ID}.yml": PLAN, f"documents/{LATE_ID}.yml": LATE}))
    return root / "site"


def read(site, path) -> tuple[bytes, Calendar]:
    raw = (site / path).read_bytes()
    return raw, Calendar.from_ical(raw)


def events(cal: Calendar) -> dict[str, object]:
    return {str(e["summary"]).split(":")[0]: e for e in cal.walk("VEVENT")}


def test_calendars_round_trip(site):
    found = sorted((site / paths.SECTION / "lich").rglob("*.ics"))
    assert {p.relative_to(site).as_posix() for p in found} >= {
        paths.calendar(), paths.calendar("document", PLAN_ID), paths.calendar("authority", "so-noi-vu-dong-xuan")}
    for path in found:
        raw, cal = read(site, path.relative_to(site))
        assert cal.to_ical() == raw
        assert str(cal["x-wr-timezone"]) == "Asia/Ho_Chi_Minh"
        assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
        for event in cal.walk("VEVENT"):
            assert event["uid"] and event["dtstamp"].dt.tzinfo is not None


def test_yearly_deadline_recurs_within_the_period(site):
    _, cal = read(site, paths.calendar("document", PLAN_ID))
    found = events(cal)
    assert set(found) == {"Phát động", "Sơ kết", "Nộp hồ sơ", "Báo cáo"}  # "hằng năm" without a day: none
    yearly = found["Nộp hồ sơ"]
    start = yearly.decoded("dtstart")
    assert start == _dt.date(2023, 11, 10)  # the plan is of February 2023: 10/11/2022 was before it
    rule = rrulestr(yearly["rrule"].to_ical().decode(), dtstart=_dt.datetime(2023, 11, 10))
    assert [d.date() for d in rule] == [_dt.date(y, 11, 10) for y in range(2023, 2026)]


def test_a_yearly_deadline_falls_first_after_its_plan_was_issued(site):
    """A plan of 12/01/2025 for 2024-2025 reporting "before 31 October every year": its first report
    is due on 31/10/2025. The calendar began on 31/10/2024 and the home page, built on 01/06/2024,
    listed 31/10/2024 as coming up."""
    _, cal = read(site, paths.calendar("document", LATE_ID))
    report = events(cal)["Báo cáo"]
    assert report.decoded("dtstart") == _dt.date(2025, 10, 31)


def test_a_yearly_deadline_is_not_listed_before_its_plan(tmp_path):
    """The same rule for the home page's "Sắp đến hạn" (built before the plan) and the year pages: a
    plan of 12/01/2025 for 2024-2026 whose report is due "before 10 January every year" is first due
    in 2026."""
    from thidua.facts import gather
    from thidua.loader import load
    from thidua.problems import Report
    from thidua.timeline import in_year, upcoming

    early = LATE.replace("yearly: '10-31'", "yearly: '01-10'").replace("period: 2024-2025", "period: 2024-2026")
    repo = load(open_data_set(tmp_path, {f"documents/{LATE_ID}.yml": early}), Report())
    plan = repo.documents[LATE_ID]
    facts_of = lambda d: gather(d.body)  # noqa: E731
    coming = upcoming([plan], facts_of, _dt.date(2024, 6, 1), 5)
    assert [e.day for e in coming] == [_dt.date(2026, 1, 10)]  # not 10/01/2025, before the plan
    assert [e.when for e in in_year([plan], facts_of, 2025)] == []
    assert [e.when for e in in_year([plan], facts_of, 2026)] == ["trước 10/01/2026"]


def test_partial_dates_span_what_they_name(site):
    _, cal = read(site, paths.calendar("document", PLAN_ID))
    found = events(cal)
    assert (found["Phát động"].decoded("dtstart"), found["Phát động"].decoded("dtend")) == (
        _dt.date(2023, 3, 1), _dt.date(2023, 4, 1))  # the whole month; DTEND is exclusive
    assert (found["Sơ kết"].decoded("dtstart"), found["Sơ kết"].decoded("dtend")) == (
        _dt.date(2024, 1, 1), _dt.date(2025, 1, 1))
    assert found["Báo cáo"].decoded("dtstart") == _dt.date(2025, 10, 15)
    assert "rrule" not in found["Báo cáo"]


def test_each_event_links_to_the_part_that_sets_it(site):
    _, cal = read(site, paths.calendar("document", PLAN_ID))
    page = (site / "van-ban" / PLAN_ID / "index.html").read_text(encoding="utf-8")
    for event in cal.walk("VEVENT"):
        url = str(event["url"])
        assert url.startswith(f"{SITE_URL}van-ban/{PLAN_ID}/#"), url
        anchor = url.split("#", 1)[1]
        assert re.search(rf'id="?{re.escape(anchor)}"?[ >]', page), anchor
        assert url in str(event["description"])


def test_authority_and_site_calendars_gather_the_plans(site):
    _, plan = read(site, paths.calendar("document", PLAN_ID))
    _, authority = read(site, paths.calendar("authority", "so-noi-vu-dong-xuan"))
    _, everything = read(site, paths.calendar())
    _, late = read(site, paths.calendar("document", LATE_ID))
    uids = {str(e["uid"]) for e in plan.walk("VEVENT")} | {str(e["uid"]) for e in late.walk("VEVENT")}
    assert uids == {str(e["uid"]) for e in authority.walk("VEVENT")}
    assert uids <= {str(e["uid"]) for e in everything.walk("VEVENT")}
    assert not (site / paths.calendar("authority", "ubnd-tinh-bac-son")).exists()  # no plans, no calendar


def test_events_table_has_the_same_days(site):
    import csv
    import io
    rows = list(csv.DictReader(io.StringIO((site / paths.csv_file("events")).read_bytes().decode("utf-8-sig"))))
    mine = {r["kind"]: r for r in rows if r["document"] == PLAN_ID}
    assert mine["Nộp hồ sơ"]["start"] == "2023-11-10" and mine["Nộp hồ sơ"]["yearly"] == "true"
    assert mine["Nộp hồ sơ"]["until"] == "2025"
    assert mine["Phát động"]["end"] == "2023-03-31"
    assert mine["Phát động"]["when"] == "tháng 03/2023" and mine["Sơ kết"]["when"] == "năm 2024"  # as the plan says it


@pytest.mark.parametrize("page, calendar", [
    (f"van-ban/{PLAN_ID}/", paths.calendar("document", PLAN_ID)),
    ("co-quan/so-noi-vu-dong-xuan/", paths.calendar("authority", "so-noi-vu-dong-xuan")),
    ("", paths.calendar()),
])
def test_pages_link_their_calendars(site, page, calendar):
    html = (site / page / "index.html").read_text(encoding="utf-8")
    head = html.partition("</head>")[0]
    assert '<link rel="alternate" type="text/calendar"' in head and f'href="{SITE_URL}{calendar}"' in head
