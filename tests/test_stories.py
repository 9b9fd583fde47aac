"""Exemplary-model stories: pages, lists, links between stories and honor-roll lines, safe
Markdown (links only to full addresses, headings without skipped levels) and photos that cannot
leave the data folder.

Data: the honor-roll data set of test_honor_pages.py (three stories, one of them a sample).
Some tests build in-process without validation on purpose: the validator refuses raw HTML
and bad photo paths, and these tests check that the page builder refuses them too.
"""
from __future__ import annotations

import itertools
import os
import re

import pytest

from html.parser import HTMLParser

from conftest import build
from award_data import clean, line_of, make_data, the_problem
from award_data import story as story_file
from test_honor_pages import PRIVATE_NAME, assert_well_formed, honor_data, pages_of, png, site_of
from thidua import markup
from thidua.checks.stories import markup_problems
from thidua.pages.stories import URL_SCHEMES, render_markdown, resolve_photo
from thidua.text import slugify

THUY = "dien-hinh/chi-thuy-giup-hoi-vien-thoat-ngheo/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return site_of(honor_data(tmp_path_factory.mktemp("stories")))


# --- Markdown


@pytest.mark.parametrize("markdown, forbidden", [
    ("Xin chào <script>alert(1)</script>", "<script"),
    ("<script>\nalert(1)\n</script>\n", "<script"),
    ('<img src="x" onerror="alert(1)">', "<img"),
    ('<div onclick="alert(1)">bấm</div>', "<div"),
    ("<iframe src='https://example.org'></iframe>", "<iframe"),
    ("<style>body{display:none}</style>", "<style"),
    ("[bấm vào đây](javascript:alert(1))", "javascript:"),
    ("[bấm](JaVaScRiPt:alert(1))", "javascript:"),
    ("[dữ liệu](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
    ("<a href='https://example.org' onmouseover='x()'>a</a>", "onmouseover="),
    ("![ảnh ngoài](https://example.org/theo-doi.png)", "<img"),
    ("<!-- chú thích --> văn bản", "<!--"),
])
def test_markdown_cannot_inject_script_or_raw_html(markdown, forbidden):
    html = str(render_markdown(markdown))
    elements = Elements(html)
    assert elements.tags <= {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "a", "h2", "h3", "h4", "h5",
                             "h6", "hr", "code", "pre"}, html
    assert not elements.unsafe, elements.unsafe
    assert "<!--" not in html and "<script" not in html.lower()
    if forbidden.startswith("<"):  # the element is gone (or shown as text)
        assert forbidden[1:] not in elements.tags
    else:  # the link target or attribute is gone
        assert all(forbidden.rstrip("=:").lower() not in (value or "").lower() and name != forbidden.rstrip("=")
                   for _tag, attrs in elements.attributes for name, value in attrs)


class Elements(HTMLParser):
    """The tags of an HTML fragment, and any event attribute or script link among their attributes."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, list]] = []
        self.unsafe: list[tuple[str, str, str | None]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.append((tag, attrs))
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "src", "srcdoc") or (
                    name == "href" and re.match(r"\s*(javascript|data|vbscript):", value or "", re.I)):
                self.unsafe.append((tag, name, value))


def test_raw_html_shows_as_text_not_markup():
    html = str(render_markdown("Thẻ <b>đậm</b> và <script>x()</script>"))
    assert "&lt;b&gt;đậm&lt;/b&gt;" in html and "&lt;script&gt;" in html
    assert "<b>" not in html


def test_markdown_keeps_text_formatting_links_and_shifts_headings():
    html = str(render_markdown("# Tiêu đề\n\n## Mục\n\n**đậm** *nghiêng*\n\n- một\n- hai\n\n"
                               "[trang](https://example.org/a?b=1) [thư](mailto:a@example.org)\n"))
    assert "<h2>Tiêu đề</h2>" in html and "<h3>Mục</h3>" in html and "<h1" not in html
    assert "<strong>đậm</strong>" in html and "<em>nghiêng</em>" in html and "<li>một</li>" in html
    assert 'href="https://example.org/a?b=1"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert 'href="mailto:a@example.org"' in html
    # a body starting at ### still puts its first heading right under the page title
    assert "<h2>Sâu</h2>" in str(render_markdown("### Sâu\n\ntext"))


def heading_levels(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])>", html)]


@pytest.mark.parametrize("markdown, levels", [
    ("# A\n\n### B\n\ntext", [2, 3]),  # the skipped level is closed
    ("# A\n\n### B\n\n## C\n\n#### D", [2, 3, 3, 4]),  # C sits under A, beside B; D under C
    ("## A\n\n# B\n\n### C", [2, 2, 3]),  # a first heading below the top still starts at h2
    ("#### A\n\n#### B\n\n###### C", [2, 2, 3]),
    ("# 1\n\n## 2\n\n### 3\n\n#### 4\n\n##### 5\n\n###### 6", [2, 3, 4, 5, 6, 6]),  # h6 is the last
    ("Mở đầu\n======\n\n#### Chi tiết\n\nMục\n---", [2, 3, 3]),  # setext headings count the same
])
def test_story_headings_never_skip_a_level(markdown, levels):
    html = str(render_markdown(markdown))
    assert heading_levels(html) == levels, html
    assert markup.convert(markdown) == markup.convert(markdown)  # deterministic: the parser is reused, its state reset
    assert str(render_markdown(markdown)) == html


def test_story_heading_levels_follow_the_offices_nesting():
    """Every sequence of three written levels: starts at h2, never more than one level deeper than
    the heading before, one deeper after a heading written above it, the same after a sibling."""
    for written in itertools.product(range(1, 7), repeat=3):
        given = heading_levels(str(render_markdown("\n\n".join(f"{'#' * n} Mục {n}" for n in written))))
        assert given[0] == 2 and all(2 <= level <= 6 for level in given), (written, given)
        for (w0, g0), (w1, g1) in zip(zip(written, given), zip(written[1:], given[1:])):
            if w1 == w0:
                assert g1 == g0, (written, given)
            elif w1 > w0:
                assert g1 == g0 + 1, (written, given)
            else:
                assert g1 <= g0, (written, given)


def test_story_page_with_skipped_heading_levels_is_well_formed(tmp_path):
    """The whole page: its h1, the story's headings, then the page's own sections (Thông tin)."""
    data = honor_data(tmp_path, {"stories/xa-an-phu-ve-dich-som.yml": """\
id: xa-an-phu-ve-dich-som
title: Xã An Phú về đích sớm
date: '2023-05-05'
subject:
  authority: ubnd-xa-an-phu
body: |
  #### Hành trình

  Mở đầu.

  ## Kết quả

  ###### Bài học
"""})
    page = pages_of(site_of(data))["dien-hinh/xa-an-phu-ve-dich-som/"]
    parsed = assert_well_formed(page.body)
    assert parsed.headings[:4] == [(1, "Xã An Phú về đích sớm"), (2, "Hành trình"), (2, "Kết quả"), (3, "Bài học")]


# --- Links in a story: full addresses only


LINKS_THAT_LEAD_NOWHERE = [  # (target, message): every way a story's link can miss
    ("../khong-co/", "a link to a relative address leads nowhere on the site"),
    ("khen-thuong/qd-1/", "a link to a relative address leads nowhere on the site"),
    ("/van-ban/kh-1-ubnd-a-2022/", "a link to a relative address leads nowhere on the site"),
    ("?nam=2024", "a link to a relative address leads nowhere on the site"),
    ("https:example.org", "a link to a relative address leads nowhere on the site"),
    ("#khong-co", "a link to a part of the story leads nowhere: its headings have no anchors"),
    ("#", "a link to a part of the story leads nowhere: its headings have no anchors"),
    ("", "a link with no address leads nowhere"),
    ("www.example.org/a", 'a link without "https://" leads nowhere on the site — did you mean "https://www.example.org/a"?'),
    ("//thuvienphapluat.vn/van-ban", 'a link without "https://" leads nowhere on the site — did you mean '
                                     '"https://thuvienphapluat.vn/van-ban"?'),
]
FULL_ADDRESSES = ["https://example.org/a?b=1#c", "http://example.org", "HTTPS://EXAMPLE.ORG/", "mailto:a@example.org"]


@pytest.mark.parametrize("target, message", LINKS_THAT_LEAD_NOWHERE)
def test_story_link_without_a_full_address_is_reported(target, message):
    bodies = [f"Xem [hồ sơ]({target}) nhé."]
    if target:  # a reference definition needs an address: "[1]:" alone defines nothing
        bodies.append(f"Xem [hồ sơ][1].\n\n[1]: {target}\n")
    for body in bodies:
        found = list(markup_problems(body))
        assert [(m, f) for _, m, f in found] == [(message, target)], body
        assert body[found[0][0]:].startswith(target)  # the offset is the address's own


@pytest.mark.parametrize("target", FULL_ADDRESSES)
def test_story_link_to_a_full_address_is_not_reported(target):
    assert list(markup_problems(f"Xem [trang]({target}), <{target}> và [mục][1].\n\n[1]: {target}\n")) == []


def test_story_markup_passes_what_is_no_link():
    """Escaped brackets, code and e-mail autolinks are text or full addresses, whatever they hold."""
    body = ("Chữ \\[x\\](../a) hiện nguyên văn; mã `[x](../a)`; thư <a@example.org>.\n\n"
            "```\n[x](../khong-co/)\n```\n")
    assert list(markup_problems(body)) == []
    assert "href" not in str(render_markdown(body)).replace('href="mailto:a@example.org"', "")


@pytest.mark.parametrize("body", [
    "[Ghi chú]: xem thêm ở cuối bài\n",  # no reference definition: text with a colon
    "[1]: Báo Nhân Dân, 2023\n",
    "[Ghi chú]:\n\nNội dung.\n",
    "Chữ \\[x](../a) hiện nguyên văn.\n",
    "Điểm (a)](b) c.\n",
    "Đoạn mở.\n\n    [x](../a) trong khối mã thụt lề\n",
])
def test_text_the_page_does_not_link_is_not_reported(body):
    """The rule reads the body as the page's own parser does: text that looks like a link, but
    which the page shows as text, is not reported (it used to fail the build)."""
    assert "href" not in str(render_markdown(body))
    assert list(markup_problems(body)) == []


@pytest.mark.parametrize("body, target", [
    ("```\n\n[x](../a)\n\n```\n", "../a"),  # no fenced code in stories: a link in its own paragraph
    ("> [r]: ../a\n>\n> Xem [x][r].\n", "../a"),  # a reference defined in a quote
    ("- mục\n\n    [r]: ../b\n\nXem [x][r].\n", "../b"),  # and in a list item
    ("Viết [thư](mailto:) cho chúng tôi.\n", "mailto:"),
])
def test_every_link_the_page_makes_is_checked(body, target):
    """Whatever the page links to is checked, wherever the body defines it."""
    assert f'href="{target}"' in str(render_markdown(body))
    found = list(markup_problems(body))
    assert [f for _, _, f in found] == [target], found
    assert body[found[0][0]:].startswith(target)


def test_an_image_in_a_story_s_text_is_reported_not_dropped():
    """The page's allow-list has no images: one typed in the text would vanish without a word."""
    body = "Ảnh: ![Cánh đồng](https://example.org/anh.jpg)\n"
    assert "img" not in str(render_markdown(body))
    assert [(m, f) for _, m, f in markup_problems(body)] == [
        ("a story's text shows no images: put the photo under photos: (with its alt text)", "https://example.org/anh.jpg")]


def test_what_the_story_markup_rule_passes_is_a_full_address_on_the_page():
    """The rule and the renderer agree: a link target the validator does not report is, on the
    page, an address with a scheme the page keeps (http, https, mailto) and a host for the web."""
    targets = [t for t, _ in LINKS_THAT_LEAD_NOWHERE] + FULL_ADDRESSES + [
        "javascript:alert(1)", "tel:0123", "data:text/html,x", "C:/x", "./a", "a b", "<../a>", " ../a"]
    for target in targets:
        body = f"[x]({target})"
        hrefs = re.findall(r'href="([^"]*)"', str(render_markdown(body)))
        if not list(markup_problems(body)):
            assert hrefs and all(re.match(r"(https?://[^/?#]|mailto:.)", h, re.I) for h in hrefs), (target, hrefs)
            assert all(h.split(":")[0].lower() in URL_SCHEMES for h in hrefs)


def test_story_markup_reports_a_relative_link_at_its_line_and_column(tmp_path):
    body = "Đoạn một.\n\nXem [hồ sơ xét tặng](../../khen-thuong/khong-co/) của xã.\n"
    data = make_data(tmp_path, story_file("s-1", body=body))
    line = line_of(data, "stories/s-1.yml", "../../khen-thuong")
    column = (data / "stories" / "s-1.yml").read_text(encoding="utf-8").splitlines()[line - 1].index("../") + 1
    the_problem(data, rule="story-markup", severity="error", file="data/stories/s-1.yml", line=line, column=column,
                field="body", message="a link to a relative address leads nowhere on the site",
                expected="Markdown only: text, emphasis, lists, headings, links to full addresses "
                         "(https://..., http://... or mailto:...)",
                found="../../khen-thuong/khong-co/")


def test_story_markup_reports_a_fragment_link_and_passes_full_addresses(tmp_path):
    data = make_data(tmp_path, story_file("s-1", body="## Kết quả\n\nXem [kết quả](#ket-qua).\n"))
    the_problem(data, rule="story-markup", line=line_of(data, "stories/s-1.yml", "(#ket-qua)"),
                message="a link to a part of the story leads nowhere: its headings have no anchors", found="#ket-qua")
    clean(make_data(tmp_path / "ok", story_file("s-1", body="## Kết quả\n\nXem [báo](https://baochinhphu.vn/a) "
                                                           "hoặc [thư](mailto:tdkt@example.org).\n")))


# --- Photos


def test_photo_paths_resolve_only_inside_the_data_folder(tmp_path):
    data = tmp_path / "data"
    (data / "media").mkdir(parents=True)
    (data / "media" / "a.png").write_bytes(png())
    (data / "media" / "note.txt").write_text("x")
    (tmp_path / "secret.png").write_bytes(b"SECRET")
    os.symlink(tmp_path / "secret.png", data / "media" / "link.png")
    assert resolve_photo(data, "media/a.png") == (data / "media" / "a.png").resolve()
    for bad in ("../secret.png", "media/../../secret.png", str(tmp_path / "secret.png"), "/etc/passwd",
                "media/link.png", "media/note.txt", "media/missing.png", "", "media"):
        assert resolve_photo(data, bad) is None, bad


def test_unsafe_story_is_rendered_safely_even_without_validation(tmp_path, caplog):
    """The validator rejects this story; the page builder must not rely on it."""
    (tmp_path / "secret.png").write_bytes(b"SECRET-BYTES")
    data = honor_data(tmp_path, {"stories/xa-an-phu-ve-dich-som.yml": """\
id: xa-an-phu-ve-dich-som
title: Câu chuyện <script>alert(1)</script>
date: '2023-05-05'
subject:
  authority: ubnd-xa-an-phu
body: |
  Mở đầu <script>alert("x")</script> <img src=x onerror=alert(2)>

  [bấm](javascript:alert(3))
photos:
- file: ../secret.png
  alt: Ảnh ngoài thư mục dữ liệu
- file: /etc/hostname
  alt: Đường dẫn tuyệt đối
- file: media/thuy-1.png
  alt: Ảnh hợp lệ
"""})
    site = site_of(data, check=False)
    page = pages_of(site)["dien-hinh/xa-an-phu-ve-dich-som/"]
    elements = Elements(page.body)
    assert "script" not in elements.tags and "img" in elements.tags  # the one valid photo
    assert [u for u in elements.unsafe if u[:2] != ("img", "src")] == []
    assert re.findall(r'<img src="([^"]+)"', page.body) == ["3-thuy-1.png"]
    assert "Câu chuyện &lt;script&gt;" in page.body  # the title is escaped text
    photos = {path: content for path, content in site.files.items() if path.startswith("dien-hinh/xa-an-phu-ve-dich-som/")}
    assert list(photos) == ["dien-hinh/xa-an-phu-ve-dich-som/3-thuy-1.png"]
    assert all(b"SECRET" not in content for content in site.files.values())
    assert 'alt="Ảnh hợp lệ"' in page.body and "Ảnh ngoài thư mục" not in page.body
    assert sum("is not an image file inside the data folder" in r.message for r in caplog.records) == 2


def test_the_build_refuses_a_photo_outside_the_data_folder(tmp_path):
    (tmp_path / "secret.png").write_bytes(b"SECRET-BYTES")
    data = honor_data(tmp_path, {"stories/xa-an-phu-ve-dich-som.yml": """\
id: xa-an-phu-ve-dich-som
title: Xã An Phú về đích sớm
date: '2023-05-05'
body: Nội dung.
photos:
- file: ../secret.png
  alt: Ảnh ngoài thư mục dữ liệu
"""})
    result = build(tmp_path / "out", data, check=False)
    assert result.returncode != 0
    site_dir = tmp_path / "out" / "site"
    assert not site_dir.exists() or all(b"SECRET" not in p.read_bytes() for p in site_dir.rglob("*") if p.is_file())


# --- Pages


def test_story_page(site):
    page = pages_of(site)[THUY]
    parsed = assert_well_formed(page.body)
    assert parsed.headings[0] == (1, "Chị Thúy và những hội viên thoát nghèo")
    assert (2, "Từ một tổ vay vốn") in parsed.headings  # the body's "#" sits under the page title
    text = parsed.text
    for expected in ("01/02/2024", "Hội Liên hiệp Phụ nữ xã An Phú", "Sở Nội vụ Đồng Xuân", "giảm nghèo", "phụ nữ",
                     "Ảnh: Sở Nội vụ tỉnh Đồng Xuân", "Mười hai hộ thoát nghèo"):
        assert expected in text, expected
    assert "<strong>Nguyễn Thị Thúy</strong>" in page.body
    # the photo is copied beside the page, with its alt text
    assert site.files[THUY + "1-thuy-1.png"] == png()
    assert '<img src="1-thuy-1.png" alt="Chị Thúy hướng dẫn hội viên chăm sóc vườn rau"' in page.body
    # the subject links to her line; the campaign, plan and author are linked
    assert 'href="../../khen-thuong/qd-10-dong-xuan-2023/#nguyen-thi-thuy">Nguyễn Thị Thúy</a>' in page.body
    for target in ("phong-trao/vi-nguoi-ngheo-2021-2025/", "van-ban/kh-2-dong-xuan-2022/",
                   "co-quan/so-noi-vu-dong-xuan/", "co-quan/ubnd-xa-an-phu/"):
        assert f'href="../../{target}"' in page.body, target
    assert any(e.id == "khen-thuong" for e in page.toc)


def test_story_shows_its_subjects_awards(site):
    page = pages_of(site)[THUY]
    awards = page.body[page.body.index('id="khen-thuong"'):]
    # her lines in both decisions (same name, same unit), not the namesake at the department
    assert 'href="../../khen-thuong/qd-10-dong-xuan-2023/#nguyen-thi-thuy"' in awards
    assert 'href="../../khen-thuong/qd-20-dong-xuan-2024/#nguyen-thi-thuy-2"' in awards
    assert "qd-5-snv-dong-xuan-2024" not in awards
    assert "Vận động hội viên giúp 12 hộ thoát nghèo." in awards
    # a commune's story shows the commune's own award
    commune = pages_of(site)["dien-hinh/xa-an-phu-ve-dich-som/"].body
    assert 'href="../../khen-thuong/qd-10-dong-xuan-2023/#xa-an-phu"' in commune
    assert 'href="../../co-quan/ubnd-xa-an-phu/">Ủy ban nhân dân xã An Phú</a>' in commune


def test_recipient_line_links_to_its_story(site):
    body = pages_of(site)["khen-thuong/qd-10-dong-xuan-2023/"].body
    row = re.search(r'<tr id="nguyen-thi-thuy">.*?</tr>', body, re.S).group(0)
    assert 'href="../../dien-hinh/chi-thuy-giup-hoi-vien-thoat-ngheo/"' in row
    commune_row = re.search(r'<tr id="xa-an-phu">.*?</tr>', body, re.S).group(0)
    assert 'href="../../dien-hinh/xa-an-phu-ve-dich-som/"' in commune_row
    other = re.search(r'<tr id="tran-van-binh">.*?</tr>', body, re.S).group(0)
    assert "dien-hinh" not in other


def test_story_lists_per_year_campaign_and_authority(site):
    pages = pages_of(site)
    index = pages["dien-hinh/"]
    assert_well_formed(index.body)
    order = [index.body.index(t) for t in ("Câu chuyện mẫu về anh Minh Họa", "Chị Thúy và những hội viên thoát nghèo",
                                            "Xã An Phú về đích sớm")]
    assert order == sorted(order), "newest first"
    for url in ("dien-hinh/nam/2024/", "dien-hinh/nam/2023/", "dien-hinh/phong-trao/vi-nguoi-ngheo-2021-2025/",
                "dien-hinh/co-quan/ubnd-xa-an-phu/", "dien-hinh/co-quan/so-noi-vu-dong-xuan/"):
        assert url in pages, url
        assert f'href="../../../{url}"' in index.body or f'href="{url[len("dien-hinh/"):]}"' in index.body
        assert_well_formed(pages[url].body)
    assert "Xã An Phú về đích sớm" in pages["dien-hinh/nam/2023/"].body
    assert "Chị Thúy" not in pages["dien-hinh/nam/2023/"].body
    assert "Chị Thúy" in pages["dien-hinh/co-quan/so-noi-vu-dong-xuan/"].body  # by its author office
    assert "Câu chuyện mẫu" not in pages["dien-hinh/phong-trao/vi-nguoi-ngheo-2021-2025/"].body


def test_home_page_shows_latest_stories(site):
    home = pages_of(site)[""]
    section = home.body[home.body.index('id="dien-hinh"'):home.body.index('id="sap-den-han"')]
    assert 'href="dien-hinh/chi-thuy-giup-hoi-vien-thoat-ngheo/"' in section
    assert 'href="dien-hinh/"' in section
    assert "td-sample" in section  # the sample story is among the latest: the banner says so
    assert_well_formed(home.body)


def test_stories_without_samples(tmp_path):
    site = site_of(honor_data(tmp_path), include_samples=False)
    pages = pages_of(site)
    assert "dien-hinh/cau-chuyen-mau/" not in pages
    assert "td-sample" not in pages[""].body and "td-sample" not in pages["dien-hinh/"].body


def test_story_about_a_line_not_published_is_not_published(tmp_path):
    """The validator refuses it (private-recipient); the graph drops it as a second safeguard."""
    data = honor_data(tmp_path, {"stories/an-danh.yml": f"""\
id: an-danh
title: Một tấm gương thầm lặng
date: '2024-01-01'
subject:
  decision: qd-10-dong-xuan-2023
  recipient: {slugify(PRIVATE_NAME)}
body: Nội dung.
"""})
    site = site_of(data, check=False)
    assert all("an-danh" not in page.url and "Một tấm gương thầm lặng" not in page.body for page in site.pages)


def test_built_story_site_serves_the_photo(tmp_path):
    data = honor_data(tmp_path)
    build(tmp_path, data)
    site_dir = tmp_path / "site"
    assert (site_dir / THUY / "1-thuy-1.png").read_bytes() == png()
    html = (site_dir / THUY / "index.html").read_text()
    assert '<img src="1-thuy-1.png"' in html
    assert not (site_dir / "media").exists()  # only the photos stories use are published, beside their story


def test_real_stories_have_pages_photos_and_lists(site_dir):
    from markupsafe import escape

    from conftest import DATA
    from thidua.pages.stories import LATEST
    from thidua.photos import read_published
    from thidua.validate import validate

    repo, _ = validate(DATA)
    if not repo.stories:
        pytest.skip("data/stories holds no stories yet")
    index = (site_dir / "dien-hinh" / "index.html").read_text()
    for story in repo.stories.values():
        page = site_dir / "dien-hinh" / story.id / "index.html"
        assert page.is_file(), story.id
        html = page.read_text()
        assert "<script>alert" not in html
        for i, photo in enumerate(story.photos, start=1):
            copied = [p for p in page.parent.iterdir() if p.name.startswith(f"{i}-")]
            # what is published is the file less its metadata (an office's phone photo carries EXIF)
            assert len(copied) == 1 and copied[0].read_bytes() == read_published(DATA / photo.file)[0]
            assert f'alt="{escape(photo.alt)}"' in html
        assert f'href="{story.id}/"' in index or len(repo.stories) > LATEST  # the index lists the latest
        if story.sample:
            assert "td-sample" in html


def test_a_story_body_is_converted_once_per_process(tmp_path, monkeypatch):
    """The check (story-markup) and the page read a body through one conversion: a process that checks
    and plans (`mkdocs serve` plans every page again after each edit) does not convert it twice."""
    from thidua.graph import LinkGraph
    from thidua.pages import build_site
    from thidua.pages.site import Settings
    from thidua.publish import publishable
    from thidua.validate import validate

    bodies = {f"s-{n}": f"Câu chuyện số {n} ({os.getpid()}-{id(tmp_path)}): [trang](https://example.org/{n}).\n"
              for n in range(3)}
    data = make_data(tmp_path, {k: v for ident, body in bodies.items() for k, v in story_file(ident, body).items()})
    converted: list[str] = []
    real = markup.convert
    monkeypatch.setattr(markup, "convert", lambda text: converted.append(text) or real(text))
    for _ in range(2):  # a build, then a preview's rebuild in the same process
        repo, report = validate(data, workers=1)
        assert not report.sorted()
        publishable(repo)
        pages = {p.url: p for p in build_site(repo, LinkGraph.build(repo), Settings()).pages}
        for ident, n in zip(bodies, range(3)):
            assert f'href="https://example.org/{n}"' in pages[f"dien-hinh/{ident}/"].body
    assert sorted(text.strip() for text in converted if "Câu chuyện số" in text) == sorted(b.strip() for b in bodies.values())


def test_a_body_the_parser_cannot_read_is_not_kept(monkeypatch):

    deep = "- " * 20_000 + f"sâu {os.getpid()}\n"
    for _ in range(2):
        with pytest.raises(RecursionError):
            markup.to_html(deep)
    assert deep not in markup._converted
    assert "<p>" in markup.to_html("Sau đó vẫn đọc được.")


def test_the_conversion_memo_is_bounded(monkeypatch):
    """A preview server adds a text at each edit: past MEMO_CHARS characters kept (a text and its
    HTML) it starts afresh, converting as before; one long text counts for its length."""
    monkeypatch.setattr(markup, "MEMO_CHARS", 60)
    monkeypatch.setattr(markup, "_converted", {})
    monkeypatch.setattr(markup, "_kept", [0])
    for n in range(7):
        assert markup.to_html(f"Đoạn {n}.") == f"<p>Đoạn {n}.</p>"  # 8 + 15 characters
        assert sum(len(t) + len(h) for t, h in markup._converted.items()) == markup._kept[0] <= 60
        assert 1 <= len(markup._converted) <= 2
    long = "Dài " * 20
    assert markup.to_html(long).startswith("<p>Dài") and markup._kept[0] == 0 and not markup._converted


def test_the_story_index_split_names_the_central_bodies_part(tmp_path, monkeypatch):
    """Split by province, the index lists the central bodies with stories on its top page, going on
    to the next: that page says how many central bodies it counts, in the words a count takes
    ("5 cơ quan trung ương", not "5 các cơ quan trung ương"), under the part's own heading."""
    from thidua.pages import split

    monkeypatch.setattr(split, "BOUND", 2)
    central = {f"authorities/bo-so-{i}.yml": f"id: bo-so-{i}\nname: Bộ Số {i}\nlevel: central\n" for i in range(5)}
    stories = {k: v for i in range(5) for k, v in story_file(f"cau-chuyen-bo-{i}", extra=f"author: bo-so-{i}\n").items()}
    pages = pages_of(site_of(honor_data(tmp_path, {**central, **stories})))
    second = pages["dien-hinh/trang-2/"].body
    assert_well_formed(second)
    assert '<p class="td-lead">5 cơ quan trung ương có câu chuyện điển hình tiên tiến.</p>' in second
    assert re.search(r'<h2 id="theo-co-quan">Các cơ quan trung ương', second)
    top = [page.body for url, page in pages.items() if re.fullmatch(r"dien-hinh/(trang-\d+/)?", url)]
    listed = [u for body in top for u in re.findall(r'href="[./]*co-quan/(bo-so-\d)/"', body)]
    assert sorted(listed) == [f"bo-so-{i}" for i in range(5)]  # each once, on the top part's pages
