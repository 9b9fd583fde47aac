"""The portal: every seed relation in both directions, the authority hierarchy and its 2025
changes, structured data, where a date comes from, editorial notes, navigation and accessibility.

What pages say about particular records is checked on a frozen copy of the data
(tests/fixtures/data/, built once per session), so a data commit that validates never breaks
these tests; the real data is only checked for what any valid data must give: links that
resolve, those an office typed into a story included (the story-markup rule lets a story link
only to full addresses).
"""
from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import BUILD_DATE, FROZEN, build, fresh_python, parse_html, soup, write_tree
from thidua import links


# A plan showing what the model records beyond the seeds: a date and signer from the signature
# trailer, several milestones and deadlines on one part, chủ trì / phối hợp and a [sic] note.
SOURCES_PLAN = "kh-7-so-gtvt-cao-bang-2023"
EXTRA = {
    f"documents/{SOURCES_PLAN}.yml": f"""\
id: {SOURCES_PLAN}
type: ke-hoach
title: "Kế hoạch kiểm tra phong trào thi đua năm 2023"
authority: so-gtvt-cao-bang
number: "7/KH-SGTVT"
date: "2023-02-03"
date_source: signature
campaign: vi-nguoi-ngheo-2021-2025
period: "2021-2025"
signer: {{title: "Phó Giám đốc", name: "Lê Văn Định", capacity: KT, on_behalf_of: "Giám đốc"}}
signer_source: signature
body:
  - label: "1."
    title: "Tiến độ"
    text: "Năm 2023 sơ kết; năm 2025 tổng kết. Báo cáo gửi trước ngày 15/6/2023 và trước ngày 10/11 hằng năm."
    milestones:
      - {{kind: midterm, start: "2023"}}
      - {{kind: final, start: "2025"}}
    deadlines:
      - {{what: "Báo cáo sơ kết", kind: report, date: "2023-06-15"}}
      - {{what: "Báo cáo hằng năm", kind: report, yearly: "11-10"}}
  - label: "2."
    text: "Văn phòng Sở chủ trì, phối hợp với Sở Nội vụ tổ chức thực hiện Phong trảo thi đua."
    responsibility: {{unit: "Văn phòng Sở", lead: true, support: ["Sở Nội vụ", "các phòng chuyên môn"]}}
    notes:
      - {{kind: sic, quote: "Phong trảo", text: "ý là “Phong trào”"}}
""",
}


@pytest.fixture(scope="session")
def frozen_site(tmp_path_factory) -> Path:
    import shutil

    dest = tmp_path_factory.mktemp("frozen-site")
    data = dest / "data"
    shutil.copytree(FROZEN, data)
    write_tree(data, EXTRA)
    build(dest, data)
    return dest / "site"

BP_PLAN = "kh-so-gddt-binh-phuoc-vi-nguoi-ngheo-2021-2025"
CB_PLAN = "kh-so-gtvt-cao-bang-vi-nguoi-ngheo-2021-2025"
BT_PLAN = "kh-ubnd-tinh-binh-thuan-vi-nguoi-ngheo-2021-2025"
MT_PLAN = "kh-ubnd-xa-minh-tien-vi-nguoi-ngheo-2022-2025"

# (citing plan, cited document, relation label) exactly as DOMAIN.md states the seed graph
SEED_LINKS = [
    (BT_PLAN, "qd-666-qd-ttg-2022", "Căn cứ"),
    (BT_PLAN, "hd-2357-btdkt-2022", "Căn cứ"),
    (BT_PLAN, "qd-2004-ubnd-binh-thuan-2022", "Căn cứ"),
    (BP_PLAN, "kh-263-ubnd-binh-phuoc-2022", "Thực hiện"),
    (CB_PLAN, "kh-2451-ubnd-cao-bang-2022", "Thực hiện"),
    (MT_PLAN, "kh-103-ubnd-phu-cu-2022", "Thực hiện"),
    (MT_PLAN, "kh-102-ubnd-phu-cu-2022", "Viện dẫn"),
]


def section_links(page: BeautifulSoup, heading_id: str) -> list[tuple[str, str]]:
    """(href, text) of links in the <section> whose heading has this id."""
    heading = page.find(id=heading_id)
    assert heading is not None, f"no #{heading_id} on page"
    section = heading.find_parent("section")
    return [(a["href"], a.get_text(" ", strip=True)) for a in section.find_all("a")]


def resolve(site: Path, page_url: str, href: str) -> Path:
    """The file a relative href on page `page_url` points to."""
    target = (site / page_url / href.split("#")[0]).resolve()
    return target / "index.html" if target.is_dir() else target


@pytest.mark.parametrize("citing,cited,relation", SEED_LINKS)
def test_seed_relation_both_directions(frozen_site, citing, cited, relation):
    plan = soup(frozen_site, f"van-ban/{citing}")
    links = [href for href, _ in section_links(plan, "can-cu")]
    assert f"../{cited}/" in links, f"{citing} does not link to {cited}"
    row = next(li for li in plan.find(id="can-cu").find_parent("section").find_all("li") if f"../{cited}/" in str(li))
    assert relation in row.get_text()

    back = soup(frozen_site, f"van-ban/{cited}")
    backlinks = [href for href, _ in section_links(back, "thuc-hien-boi")]
    assert f"../{citing}/" in backlinks, f"{cited} does not list {citing} back"


def test_cited_document_page_says_what_is_known(frozen_site):
    page = soup(frozen_site, "van-ban/kh-263-ubnd-binh-phuoc-2022")
    text = page.get_text(" ", strip=True)
    assert "chưa được đăng toàn văn" in text
    assert "263/KH-UBND" in text and "16/09/2022" in text
    assert "Ủy ban nhân dân tỉnh Bình Phước" in text


def test_authority_page_lists_its_plan_and_successor(frozen_site):
    page = soup(frozen_site, "co-quan/so-gtvt-cao-bang")
    hrefs = [a["href"] for a in page.find_all("a")]
    assert f"../../van-ban/{CB_PLAN}/" in hrefs
    assert "../so-xay-dung-cao-bang/" in hrefs
    assert "Nay là Sở Xây dựng tỉnh Cao Bằng" in page.get_text(" ", strip=True)

    successor = soup(frozen_site, "co-quan/so-xay-dung-cao-bang")
    assert "../so-gtvt-cao-bang/" in [a["href"] for a in successor.find_all("a")]


def test_merged_province_shows_name_now(frozen_site):
    plan = soup(frozen_site, f"van-ban/{BT_PLAN}")
    issuer = plan.find("th", string="Cơ quan ban hành").find_next_sibling("td")
    assert "Ủy ban nhân dân tỉnh Bình Thuận" in issuer.get_text()
    assert "nay là" in issuer.get_text() and "Lâm Đồng" in issuer.get_text()


def test_commune_breadcrumbs_follow_the_hierarchy(frozen_site):
    page = soup(frozen_site, f"van-ban/{MT_PLAN}")
    crumbs = [li.get_text(strip=True) for li in page.select(".td-breadcrumbs li")]
    assert crumbs == ["Trang chủ", "Cơ quan", "UBND tỉnh Hưng Yên", "UBND huyện Phù Cừ", "UBND xã Minh Tiến", "Kế hoạch"]
    district = soup(frozen_site, "co-quan/ubnd-huyen-phu-cu")
    assert "../ubnd-xa-minh-tien/" in [a["href"] for a in district.select("#truc-thuoc + ul a")]


def test_campaign_tree_holds_every_seed_plan(frozen_site):
    page = soup(frozen_site, "phong-trao/vi-nguoi-ngheo-2021-2025")
    tree = page.select_one(".td-tree")
    hrefs = [a["href"] for a in tree.find_all("a")]
    for plan in (BP_PLAN, CB_PLAN, BT_PLAN, MT_PLAN):
        assert f"../../van-ban/{plan}/" in hrefs
    # the national document is the root, the Bình Thuận plan hangs under it
    root = tree.find("li", recursive=False)
    assert "666/QĐ-TTg" in root.find("a").get_text()
    assert f"../../van-ban/{BT_PLAN}/" in [a["href"] for a in root.find("ul").find_all("a")]


def test_period_and_year_pages(frozen_site):
    period = soup(frozen_site, "giai-doan/2021-2025")
    hrefs = [a["href"] for a in period.find_all("a")]
    assert f"../../van-ban/{BT_PLAN}/" in hrefs
    year = soup(frozen_site, "nam/2023")
    events = " ".join(t.get_text(" ", strip=True) for t in year.select(".td-timeline"))
    assert "Sơ kết" in events and "Sở GTVT Cao Bằng" in events
    assert "trước 10/11/2023" in events  # Bình Thuận's yearly report deadline


def test_a_year_s_milestones_are_folded_by_month(frozen_site):
    """A month a fold, in order, each saying how many it holds (the undated ones of the whole year
    first); the month of the build's date (BUILD_DATE) open, the others folded."""
    opened, all_months = [], set()
    for year in (2023, 2024, 2025):
        page = soup(frozen_site, f"nam/{year}")
        folds = page.select("details.td-month")
        assert folds and len(page.select("li.td-timeline__item")) == sum(len(f.select("li")) for f in folds)
        months = []
        for fold in folds:
            label = fold.summary.get_text(" ", strip=True)
            found = re.fullmatch(rf"(?:Tháng (\d+)/{year}|Trong năm {year}, không theo tháng) · (\d+) mốc", label)
            assert found, label
            assert int(found.group(2)) == len(fold.select("li.td-timeline__item")), label
            months.append(int(found.group(1) or 0))
            if fold.has_attr("open"):
                opened.append((year, months[-1]))
            for when in fold.select(".td-when"):  # each milestone under its own month
                day = re.search(r"(\d{2})/(\d{2})/(\d{4})", when.get_text())
                if day and months[-1]:
                    assert int(day.group(2)) == months[-1], (label, when.get_text())
            all_months.add((year, months[-1]))
        assert months == sorted(set(months)), (year, months)
    built_on = datetime.date.fromisoformat(BUILD_DATE)
    assert opened == [m for m in [(built_on.year, built_on.month)] if m in all_months]

    # built in a month that has milestones: that month's fold is open, in its year only
    from thidua.graph import LinkGraph
    from thidua.pages import Settings, build_site
    from thidua.publish import publishable
    from thidua.validate import validate
    month = next(m for y, m in sorted(all_months) if y == 2023 and m)
    repo, _report = validate(frozen_site.parent / "data")  # the data it was built from
    publishable(repo)
    site = build_site(repo, LinkGraph.build(repo), Settings(build_date=datetime.date(2023, month, 15)))
    bodies = {page.url: page.body for page in site.pages if page.url.startswith("nam/")}
    for year in (2023, 2024):
        folds = BeautifulSoup(bodies[f"nam/{year}/"], "html.parser").select("details.td-month")
        assert [f.summary.get_text(" ", strip=True).split(" ·")[0] for f in folds if f.has_attr("open")] == (
            [f"Tháng {month}/2023"] if year == 2023 else []), year



def test_year_and_period_pages_fold_their_documents_by_level(frozen_site):
    """Each level a fold saying how many documents it holds (a province's year listed 300 plans,
    55,000 px on a phone); the only level of a page open."""
    seen = 0
    for url in ("nam/2023", "nam/2025", "giai-doan/2021-2025"):
        folds = soup(frozen_site, url).select("details.td-level")
        assert folds, url
        for fold in folds:
            found = re.fullmatch(r"(.+) · ([\d.]+) văn bản", fold.summary.get_text(" ", strip=True))
            assert found and fold.summary.h3 and fold.summary.h3.get_text(strip=True) == found.group(1), url
            assert int(found.group(2).replace(".", "")) == len(fold.select("table.td-documents tbody tr")), (url, found.group(0))
            seen += 1
        assert [f.has_attr("open") for f in folds] == [len(folds) == 1] * len(folds), url
    assert seen > 3

def test_plan_sections_are_complete_and_ordered(frozen_site):
    page = soup(frozen_site, f"van-ban/{BT_PLAN}")
    # the text as issued, each top-level section folded (a <details> whose summary is its heading)
    titles = [h.get_text(" ", strip=True) for h in page.select(".td-body > section > details > summary > h3")]
    assert [t.split()[0] for t in titles] == ["I.", "II.", "III.", "IV.", "V."]
    targets = page.select_one(".td-targets").get_text(" ", strip=True)
    assert "0,4 - 0,6" in targets and "1,5 - 2" in targets
    quotas = page.select_one(".td-quotas").get_text(" ", strip=True)
    assert "2 - 3" in quotas
    all_quotas = " ".join(t.get_text(" ", strip=True) for t in page.select(".td-quotas"))
    assert "không quá 10" in all_quotas and "không quá 15" in all_quotas
    assert len(page.select(".td-distribution li")) == 15
    signature = page.select_one(".td-signature").get_text(" ", strip=True)
    assert signature == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Minh"


def test_structured_data_and_open_graph(frozen_site):
    plan = soup(frozen_site, f"van-ban/{CB_PLAN}")
    data = json.loads(plan.find("script", type="application/ld+json").string)
    assert data["@type"] == "Legislation"
    assert "legislationDate" not in data  # the date is inferred from the schedule: not one the plan states
    assert data["legislationPassedBy"]["name"] == "Sở Giao thông vận tải tỉnh Cao Bằng"
    assert plan.find("meta", property="og:title")["content"].startswith("Kế hoạch thực hiện Phong trào")
    authority = soup(frozen_site, "co-quan/ubnd-tinh-binh-thuan")
    data = json.loads(authority.find("script", type="application/ld+json").string)
    assert data["@type"] == "GovernmentOrganization" and data["dissolutionDate"] == "2025-07-01"


def test_an_inferred_date_is_not_shown_as_printed(frozen_site):
    plan = soup(frozen_site, f"van-ban/{CB_PLAN}")
    row = plan.find("th", string="Ngày ban hành").find_next_sibling("td").get_text(" ", strip=True)
    assert "suy ra từ tiến độ kế hoạch" in row and "không in trong văn bản" in row
    # the print view's header, which imitates the printed document, has no place-and-date line
    # for it: a bracketed note says the date was inferred
    header = plan.select_one(".td-print-header")
    assert header.select_one(".td-place-date") is None
    assert "suy ra" in header.select_one(".td-print-date-note").get_text()


def test_date_and_signer_from_the_signature_trailer_say_so(frozen_site):
    plan = soup(frozen_site, f"van-ban/{SOURCES_PLAN}")
    row = plan.find("th", string="Ngày ban hành").find_next_sibling("td").get_text(" ", strip=True)
    assert "ngày theo chữ ký số" in row
    signer = plan.find("th", string="Người ký").find_next_sibling("td").get_text(" ", strip=True)
    assert "Lê Văn Định" in signer and "theo chữ ký số" in signer
    assert "theo chữ ký số" in plan.select_one(".td-signature").get_text(" ", strip=True)
    data = json.loads(plan.find("script", type="application/ld+json").string)
    assert data["legislationDate"] == "2023-02-03"  # a signed date is a real date


def test_several_milestones_and_deadlines_lead_and_support_and_sic(frozen_site):
    plan = soup(frozen_site, f"van-ban/{SOURCES_PLAN}")
    timeline = plan.select_one(".td-timeline").get_text(" ", strip=True)
    for said in ("Sơ kết", "Tổng kết", "Báo cáo sơ kết", "15/06/2023", "Báo cáo hằng năm", "10/11"):
        assert said in timeline, said
    assert len(plan.select(".td-timeline__item")) == 4
    duties = plan.select_one(".td-responsibilities").get_text(" ", strip=True)
    assert "Văn phòng Sở (chủ trì)" in duties and "Sở Nội vụ; các phòng chuyên môn" in duties
    item = plan.find(string=lambda t: t and "Văn phòng Sở chủ trì" in t).find_parent(class_="td-item")
    text = item.get_text(" ", strip=True)
    assert "Phong trảo [sic] thi đua" in text and "ý là “Phong trào”" in text
    # the year page's timeline reads the same facts
    year = " ".join(t.get_text(" ", strip=True) for t in soup(frozen_site, "nam/2025").select(".td-timeline"))
    assert "Tổng kết" in year


def test_review_questions_are_never_published(tmp_path):
    """An open `review:` list is a warning (the strict build stops on it), and whatever builds the
    pages never shows it: rendered in-process, no page, head or search entry holds a question."""
    import shutil

    from thidua.graph import LinkGraph
    from thidua.pages import Settings, build_site
    from thidua.publish import publishable
    from thidua.validate import validate

    data = tmp_path / "data"
    shutil.copytree(FROZEN, data)
    question = "CÂU HỎI CHƯA TRẢ LỜI"
    plan = EXTRA[f"documents/{SOURCES_PLAN}.yml"].replace("body:", f'review:\n  - "{question}: ngày ký"\nbody:', 1)
    decision = (FROZEN / "decisions" / "qd-812-sgtvt-cao-bang-2023.yml").read_text(encoding="utf-8")
    write_tree(data, {f"documents/{SOURCES_PLAN}.yml": plan,
                      "decisions/qd-812-sgtvt-cao-bang-2023.yml": decision + f'review: ["{question}: số lượng"]\n'})
    repo, report = validate(data)
    assert not report.errors
    assert sorted((p.rule, p.field) for p in report.warnings) == [("review", "review"), ("review", "review")]
    publishable(repo)
    site = build_site(repo, LinkGraph.build(repo), Settings())
    pages = [p for p in site.pages if p.record is not None]
    assert {p.record.id for p in pages} >= {SOURCES_PLAN, "qd-812-sgtvt-cao-bang-2023"}
    assert not [p.url for p in site.pages if question in p.body or question in p.head]
    assert not [d.url for d in site.search if question in " ".join([d.title, d.head] + [s.heading + " " + s.text for s in d.sections])]


def test_records_are_not_in_the_navigation(frozen_site):
    home = soup(frozen_site, "")
    nav_links = [a["href"] for a in home.select("nav.md-nav--primary a")]
    assert any("van-ban/" in h for h in nav_links)
    assert not any(BT_PLAN in h for h in nav_links)
    plan = soup(frozen_site, f"van-ban/{BT_PLAN}")
    assert len(plan.select("nav.md-nav--primary a")) < 20


def test_accessibility_basics(frozen_site):
    """Behaviour of the templates, so on the frozen copy (a story's own headings no longer skip
    levels whatever the office wrote: test_stories.py checks render_markdown for that)."""
    for html in frozen_site.rglob("index.html"):
        page = parse_html(html)
        if page.find("meta", attrs={"http-equiv": "refresh"}) or html.parent.name == "admin":
            continue  # redirect stubs; the CMS's own app shell (content/admin/)
        assert page.html.get("lang") == "vi", html
        article = page.select_one("article.md-content__inner") or page
        levels = [int(h.name[1]) for h in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        assert levels and levels[0] == 1, html
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, f"{html}: heading level jumps from h{before} to h{after}"
        for table in article.find_all("table"):
            assert table.find("th"), f"{html}: table without header cells"


def test_internal_links_and_anchors_resolve(site_dir):
    """Stories' links too: what an office may type into a story is checked by story-markup."""
    checked, broken = links.check(site_dir)
    assert checked > 0
    assert broken == []


def test_the_link_check_finds_each_broken_link_and_anchor(tmp_path, capsys):
    """`thidua links` (CI runs it on the site it built): a missing page, file or anchor is reported
    with its page; links to folders, from the root (404.html) or with a query, and anchors that are
    there, are not; other sites, mail and scripts are not followed; an empty file is no page."""
    from thidua.cli import main

    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text('<!doctype html><html><body><h2 id="x">A</h2></body></html>')
    (site / "b.html").write_text('<html><body><p id="top">B</p><svg><g id="inner"/></svg></body></html>')
    (site / "empty.html").write_text("")
    # nested deeper than libxml2's usual 256 levels: read whole; deeper than its 2,048, said so
    (site / "deep.html").write_text("<html><body>" + "<div>" * 300 + '<a href="a/#x">deep</a>' + "</div>" * 300)
    (site / "deeper.html").write_text("<html><body>" + "<div>" * 3000 + '<a href="a/#nope">lost</a>' + "</div>" * 3000)
    (site / "404.html").write_text('<html><body><a href="/a/">ok</a><a href="/nope/">gone</a></body></html>')
    (site / "gone.html").symlink_to(tmp_path / "nowhere.html")  # a dangling link: no page to read
    (site / "index.html").write_text(
        '<!doctype html><html lang="vi"><head><link rel="stylesheet" href="style.css">'
        '<link rel="canonical" href="https://thidua.example/"></head><body id="self">'
        '<a href="a/">folder</a><a href="a/#x">anchor</a><a href="a/#nope">no anchor</a>'
        '<a href="missing/">missing</a><a href="b.html#top">file</a><a href="b.html#inner">in svg</a>'
        '<a href="#self">here</a><a href="#gone">not here</a><a href="?nam=2024#self">query</a>'
        '<a href="HTTPS://x.example/">other site</a><a href="mailto:a@b.c">mail</a>'
        '<a href="javascript:void(0)">script</a><a href="empty.html">empty</a><a>no href</a>'
        '<a href="a/#x&amp;y">escaped</a></body></html>')
    checked, broken = links.check(site)
    deeper = "deeper.html: not read to its end (Excessive depth in document: 2048, use XML_PARSE_HUGE option)"
    assert broken == ["404.html: /nope/", deeper, "gone.html: not read to its end (No such file or directory)",
                      "index.html: style.css", "index.html: a/#nope (no #nope)",
                      "index.html: missing/", "index.html: #gone (no #gone)", "index.html: a/#x&y (no #x&y)"]
    assert checked == 2 + 1 + 12
    assert main(["links", str(site)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == broken + ["15 link(s) checked, 8 broken"]
    (site / "deeper.html").unlink()
    (site / "gone.html").unlink()
    for page in ("404.html", "index.html"):  # mended
        text = (site / page).read_text()
        for bad in ('href="/nope/"', 'href="style.css"', 'href="a/#nope"', 'href="missing/"', 'href="#gone"', 'href="a/#x&amp;y"'):
            text = text.replace(bad, 'href="a/"')
        (site / page).write_text(text)
    assert main(["links", str(site)]) == 0
    assert capsys.readouterr().out == "15 link(s) checked, 0 broken\n"
    assert main(["links", str(tmp_path / "nothing")]) == 2


SPLIT_LINKS = """
import json, sys
from pathlib import Path
from thidua import links
links.TASK_PAGES = 3
site = Path(sys.argv[1])
print("runs:" + json.dumps([links.check(site, workers=2), forks, links.check(site, workers=1), forks]))
"""


def test_the_link_check_over_two_processes_reports_as_one(tmp_path):
    """Split over processes (runs of TASK_PAGES pages taken in turn), the check reports the same
    links, broken ones in the same order, as one process does: here 20 pages in runs of 3, each
    page linking to the next one's anchors, one in five to an anchor that is not there."""
    site = tmp_path / "site"
    (site / "p").mkdir(parents=True)
    (site / "index.html").write_text('<html><body><a href="p/p00.html#a">first</a></body></html>')
    for i in range(20):
        following = f"p{(i + 1) % 20:02d}.html"
        anchor = "gone" if i % 5 == 4 else "a"
        (site / "p" / f"p{i:02d}.html").write_text(
            f'<html><body><h2 id="a">{i}</h2><a href="{following}#{anchor}">next</a><a href="../">home</a></body></html>')
    split, forks, one, _ = json.loads(fresh_python(SPLIT_LINKS, str(site), count_forks=True).rpartition("runs:")[2])
    assert forks == [2]  # one fork_map over two processes, then none for one worker
    assert split == one
    assert one == [41, [f"p/p{i:02d}.html: p{i + 1:02d}.html#gone (no #gone)" for i in (4, 9, 14)]
                   + ["p/p19.html: p00.html#gone (no #gone)"]]


def test_every_link_and_anchor_of_the_frozen_site_resolves(frozen_site):
    checked, broken = links.check(frozen_site)
    assert checked > 0
    assert broken == []


def test_committed_json_schema_is_current():
    """Editors read schema/thidua.schema.json; `make schema` must have been run after model changes."""
    from thidua.schema import json_schema

    committed = json.loads((Path(__file__).resolve().parent.parent / "schema" / "thidua.schema.json").read_text())
    assert committed == json_schema(), "run `make schema` and commit schema/thidua.schema.json"


def test_record_pages_get_their_own_chrome_parts(frozen_site):
    """Record pages are one placeholder's theme output per folder with each page's parts put in:
    each must carry its own title, TOC and skip link, and no placeholder marker may survive."""
    plan = soup(frozen_site, f"van-ban/{BT_PLAN}")
    assert plan.title.string.startswith("Tổ chức thực hiện Phong trào") and "tỉnh Bình Thuận - " in plan.title.string
    toc = [(a["href"], a.get_text(strip=True)) for a in plan.select("nav.md-nav--secondary a.md-nav__link")]
    assert ("#thuoc-tinh", "Thuộc tính") in toc and ("#noi-nhan", "Nơi nhận") in toc
    assert plan.select_one("a.md-skip")["href"] == "#thuoc-tinh"
    other = soup(frozen_site, f"van-ban/{CB_PLAN}")
    assert other.title.string != plan.title.string
    assert other.find("meta", attrs={"name": "description"})["content"] != \
        plan.find("meta", attrs={"name": "description"})["content"]
    leaks = [p.relative_to(frozen_site) for p in frozen_site.rglob("*")
             if p.is_file() and p.suffix in (".html", ".xml", ".json")
             and any(m in p.read_text(encoding="utf-8") for m in ("TDMARK", "__shell__"))]
    assert leaks == [] and not list(frozen_site.rglob("__shell__"))


def test_a_milestone_says_when_as_the_plan_states_it():
    """A span within one year read "2025 - 2025" on the year pages, its months dropped."""
    from thidua.dates import PartialDate
    from thidua.model import Milestone, MilestoneKind
    from thidua.timeline import milestone_when

    def when(start, end=None, yearly=False):
        return milestone_when(Milestone(MilestoneKind.IMPLEMENTATION, start and PartialDate.parse(start),
                                        end and PartialDate.parse(end), yearly))

    assert when("2025-03-15") == "15/03/2025"
    assert when("2025-03", "2025-06") == "tháng 03/2025 - tháng 06/2025"
    assert when("2025", "2025") == "năm 2025" and when("2025") == "năm 2025"
    assert when("2021", "2025") == "2021 - 2025"
    assert when("2024-10", "2025") == "tháng 10/2024 - năm 2025"
    assert when("2025-01", yearly=True) == "hằng năm"
    # the plan's page, its calendar and the events CSV say it the same way (`stated`)
    from thidua.timeline import stated
    assert stated(Milestone(MilestoneKind.MIDTERM, PartialDate.parse("2025-03"), PartialDate.parse("2025-06"))) \
        == "tháng 03/2025 - tháng 06/2025"
    assert stated(Milestone(MilestoneKind.MONITORING, None, None, True)) == "Hằng năm"


def test_a_department_of_a_merged_province_names_both_as_places(frozen_site):
    """The row read "tỉnh Bình Thuận (nay là Ủy ban nhân dân tỉnh Lâm Đồng)": a province now a
    committee. Both are places."""
    page = soup(frozen_site, "co-quan/so-noi-vu-binh-thuan")
    row = next(tr for tr in page.select("tr") if tr.th and tr.th.get_text(strip=True) == "Tỉnh, thành phố")
    assert " ".join(row.td.get_text().split()) == "tỉnh Bình Thuận (nay là tỉnh Lâm Đồng)"


def test_a_plan_without_a_recorded_basis_does_not_say_it_has_none(frozen_site):
    """A stub plan whose data records no basis said "Không có." (none): the portal only does not
    know it. The campaign's launch, for one, rests on laws the portal does not hold."""
    section = soup(frozen_site, "van-ban/qd-666-qd-ttg-2022").select_one('section[aria-labelledby="can-cu"]')
    assert section.select_one("p.td-muted").get_text(strip=True) == "Chưa ghi nhận trên cổng thông tin."


def test_hand_written_pages_title_their_permalinks_in_vietnamese(frozen_site):
    """The ¶ of a hand-written page's headings read "Permanent link" (the Markdown toc's default)."""
    links = soup(frozen_site, "gioi-thieu").select("a.headerlink")
    assert links and {a["title"] for a in links} == {"Liên kết cố định"}
    assert not [p for p in frozen_site.rglob("*.html") if "Permanent link" in p.read_text(encoding="utf-8")]
