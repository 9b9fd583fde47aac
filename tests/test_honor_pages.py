"""Honor-roll pages: decisions with their recipient lines and permalink anchors, honor rolls per
year, award form, campaign and authority, the finder's shards, sample banners and privacy.

The pages are built from a small data set written into a temp dir (`honor_data`), so these
tests do not depend on the sample data in data/. `test_finder_browser.py` and `test_stories.py`
import the same builder. One test builds the real data/ when it holds decisions.
"""
from __future__ import annotations

import datetime
import json
import re
import shutil
import struct
import unicodedata
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import DATA, ROOT, build, data_set, edit_config, every_text, own_words, run_mkdocs, write_config
from award_data import decision as decision_file, person
from thidua.graph import LinkGraph
from thidua.loader import is_yaml_name, load
from thidua.model import recipient_anchors
from thidua.pages import Settings, build_site
from thidua.pages import honor
from thidua.pages.limits import DECISIONS_SHOWN, FOLD_AFTER, STORIES_SHOWN
from thidua.pages.urls import FINDER_DATA
from thidua.problems import Report
from thidua.publish import drop_samples, publishable
from thidua.text import finder_words, fold, folded_words, slugify
from thidua.validate import validate

PRIVATE_NAME = "Hoàng Thị Bảo Mật"  # public: false — must appear nowhere in a built site
SAMPLE_NAME = "Vũ Mẫu Minh Họa"  # on a sample decision

AUTHORITIES = {
    "ubnd-tinh-dong-xuan": """\
id: ubnd-tinh-dong-xuan
name: Ủy ban nhân dân tỉnh Đồng Xuân
short_name: UBND tỉnh Đồng Xuân
level: province
""",
    "so-noi-vu-dong-xuan": """\
id: so-noi-vu-dong-xuan
name: Sở Nội vụ tỉnh Đồng Xuân
short_name: Sở Nội vụ Đồng Xuân
level: department
parent: ubnd-tinh-dong-xuan
""",
    "ubnd-xa-an-phu": """\
id: ubnd-xa-an-phu
name: Ủy ban nhân dân xã An Phú
short_name: UBND xã An Phú
level: commune
parent: ubnd-tinh-dong-xuan
""",
    "ubnd-tinh-bac-son": """\
id: ubnd-tinh-bac-son
name: Ủy ban nhân dân tỉnh Bắc Sơn
short_name: UBND tỉnh Bắc Sơn
level: province
""",
}

FORMS = {
    "bang-khen-tinh": """\
id: bang-khen-tinh
name: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh
granted_by_levels: [province]
subjects: [collective, individual, household, commune]
rank: 60
""",
    "giay-khen-so": """\
id: giay-khen-so
name: Giấy khen của Giám đốc Sở
granted_by_levels: [department]
subjects: [collective, individual, household]
rank: 40
""",
    "giay-khen-xa": """\
id: giay-khen-xa
name: Giấy khen của Chủ tịch Ủy ban nhân dân xã
granted_by_levels: [commune]
subjects: [collective, individual, household]
rank: 20
""",
}

CAMPAIGN = """\
id: vi-nguoi-ngheo-2021-2025
name: Vì người nghèo - Không để ai bị bỏ lại phía sau
period: 2021-2025
launched_by: qd-1-ttg-2021
"""

LAUNCH = """\
id: qd-1-ttg-2021
type: quyet-dinh
number: 1/QĐ-UBND
date: '2021-03-01'
authority: ubnd-tinh-dong-xuan
title: Phát động phong trào thi đua
transcribed: false
campaign: vi-nguoi-ngheo-2021-2025
period: 2021-2025
"""

PLAN = """\
id: kh-2-dong-xuan-2022
type: ke-hoach
number: 2/KH-UBND
date: '2022-05-10'
authority: ubnd-tinh-dong-xuan
title: Tổ chức thực hiện phong trào thi đua trên địa bàn tỉnh
campaign: vi-nguoi-ngheo-2021-2025
period: 2021-2025
basis:
- document: qd-1-ttg-2021
  relation: implements
body:
- label: I.
  title: Hình thức khen thưởng
  role: awards
  items:
  - label: '1.'
    text: Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen cho tập thể, cá nhân, hộ gia đình, xã có thành tích xuất sắc.
    award:
      forms: [bang-khen-tinh]
      granted_by: ubnd-tinh-dong-xuan
      occasions: [yearly, final]
      subjects: [collective, individual, household, commune]
"""

DECISION_2023 = f"""\
id: qd-10-dong-xuan-2023
number: 10/QĐ-UBND
date: '2023-12-20'
authority: ubnd-tinh-dong-xuan
form: bang-khen-tinh
occasion: yearly
campaign: vi-nguoi-ngheo-2021-2025
plan: kh-2-dong-xuan-2022
signer:
  capacity: KT
  on_behalf_of: Chủ tịch
  title: Phó Chủ tịch
  name: Lê Văn Ký
recipients:
- kind: individual
  name: Nguyễn Thị Thúy
  unit: Hội Liên hiệp Phụ nữ xã An Phú
  locality: ubnd-xa-an-phu
  achievement: Vận động hội viên giúp 12 hộ thoát nghèo.
- kind: individual
  name: {PRIVATE_NAME}
  unit: xã An Phú
  achievement: Không công khai theo đề nghị.
  public: false
- kind: individual
  name: Trần Văn Bình
  unit: Đoàn Thanh niên xã An Phú
  achievement: Tổ chức 20 buổi tình nguyện.
- kind: household
  name: Hộ ông Lê Văn Cường
  unit: thôn Đông, xã An Phú
  achievement: Vươn lên thoát nghèo, giúp đỡ hộ khó khăn.
- kind: collective
  name: Hội Nông dân xã An Phú
  locality: ubnd-xa-an-phu
  achievement: Dẫn đầu phong trào giúp nhau giảm nghèo.
- kind: commune
  name: Xã An Phú
  locality: ubnd-xa-an-phu
  achievement: Giảm tỷ lệ hộ nghèo vượt chỉ tiêu.
- kind: individual
  name: Trần Văn Bình
  unit: Hội Cựu chiến binh xã An Phú
  achievement: Cùng tên với một dòng khác của quyết định.
"""

DECISION_2024 = """\
id: qd-20-dong-xuan-2024
number: 20/QĐ-UBND
date: '2024-11-15'
authority: ubnd-tinh-dong-xuan
form: bang-khen-tinh
occasion: yearly
campaign: vi-nguoi-ngheo-2021-2025
plan: kh-2-dong-xuan-2022
recipients:
- kind: individual
  name: Nguyễn Thị Thuý
  unit: Trường Tiểu học An Phú
  achievement: Giáo viên dạy giỏi, giúp học sinh nghèo vượt khó.
- kind: individual
  name: Nguyễn Thị Thúy Hằng
  unit: Trạm Y tế xã An Phú
  achievement: Chăm sóc sức khỏe người nghèo.
- kind: individual
  name: Nguyễn Văn Thùy
  unit: Công an xã An Phú
  achievement: Giữ gìn an ninh thôn xóm.
- kind: individual
  name: Nguyễn Thị Thu
  unit: Hợp tác xã An Phú
  achievement: Tạo việc làm cho lao động nghèo.
- kind: individual
  name: Nguyễn Thị Thúy
  unit: Hội Liên hiệp Phụ nữ xã An Phú
  locality: ubnd-xa-an-phu
  achievement: Tiếp tục giúp hộ nghèo phát triển sinh kế.
"""

# a Giấy khen of the Sở Nội vụ in this data set (options of `award_data.decision`)
SO_NOI_VU = {"authority": "so-noi-vu-dong-xuan", "form": "giay-khen-so", "plan": None, "campaign": "vi-nguoi-ngheo-2021-2025"}

DECISION_SO = """\
id: qd-5-snv-dong-xuan-2024
number: 5/QĐ-SNV
date: '2024-06-10'
authority: so-noi-vu-dong-xuan
form: giay-khen-so
occasion: yearly
campaign: vi-nguoi-ngheo-2021-2025
recipients:
- kind: collective
  name: Phòng Tổ chức cán bộ
  unit: Sở Nội vụ tỉnh Đồng Xuân
  achievement: Hoàn thành xuất sắc nhiệm vụ.
- kind: individual
  name: Nguyễn Thị Thúy
  unit: Sở Nội vụ tỉnh Đồng Xuân
  achievement: Cùng tên, khác đơn vị.
"""

DECISION_BAC_SON = """\
id: qd-7-bac-son-2023
number: 7/QĐ-UBND
date: '2023-09-02'
authority: ubnd-tinh-bac-son
form: bang-khen-tinh
occasion: adhoc
campaign: vi-nguoi-ngheo-2021-2025
recipients:
- kind: individual
  name: Lý Thị Bắc
  unit: xã Bắc Hà
  achievement: Hiến đất làm đường liên thôn.
"""

DECISION_SAMPLE = f"""\
id: qd-99-an-phu-2024
number: 99/QĐ-UBND-MẪU
date: '2024-03-01'
authority: ubnd-xa-an-phu
form: giay-khen-xa
occasion: yearly
sample: true
recipients:
- kind: individual
  name: {SAMPLE_NAME}
  unit: thôn Tây, xã An Phú
  achievement: Dữ liệu mẫu để minh họa.
"""

STORY_THUY = """\
id: chi-thuy-giup-hoi-vien-thoat-ngheo
title: Chị Thúy và những hội viên thoát nghèo
date: '2024-02-01'
subject:
  name: Nguyễn Thị Thúy
  decision: qd-10-dong-xuan-2023
  recipient: nguyen-thi-thuy
unit: Hội Liên hiệp Phụ nữ xã An Phú
locality: ubnd-xa-an-phu
campaign: vi-nguoi-ngheo-2021-2025
plan: kh-2-dong-xuan-2022
author: so-noi-vu-dong-xuan
photos:
- file: media/thuy-1.png
  alt: Chị Thúy hướng dẫn hội viên chăm sóc vườn rau
  credit: Sở Nội vụ tỉnh Đồng Xuân
tags: [giảm nghèo, phụ nữ]
body: |
  # Từ một tổ vay vốn

  Năm 2021, chị **Nguyễn Thị Thúy** lập tổ *tiết kiệm và vay vốn* cho hội viên.

  - Mười hai hộ thoát nghèo
  - Ba mô hình chăn nuôi

  Xem thêm tại [trang của tỉnh](https://example.org/tin-tuc).
"""

STORY_XA = """\
id: xa-an-phu-ve-dich-som
title: Xã An Phú về đích sớm
date: '2023-05-05'
subject:
  authority: ubnd-xa-an-phu
locality: ubnd-xa-an-phu
campaign: vi-nguoi-ngheo-2021-2025
author: ubnd-tinh-dong-xuan
body: Xã An Phú giảm tỷ lệ hộ nghèo trước hạn.
"""

STORY_SAMPLE = f"""\
id: cau-chuyen-mau
title: Câu chuyện mẫu về anh Minh Họa
date: '2024-04-01'
sample: true
subject:
  decision: qd-99-an-phu-2024
  recipient: {slugify(SAMPLE_NAME)}
locality: ubnd-xa-an-phu
body: Nội dung mẫu.
"""


def png(width: int = 48, height: int = 32, rgb=(200, 40, 40)) -> bytes:
    """A small solid-colour PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def honor_files() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {f"authorities/{k}.yml": v for k, v in AUTHORITIES.items()}
    files.update({f"award-forms/{k}.yml": v for k, v in FORMS.items()})
    files.update({
        "campaigns/vi-nguoi-ngheo-2021-2025.yml": CAMPAIGN,
        "documents/qd-1-ttg-2021.yml": LAUNCH,
        "documents/kh-2-dong-xuan-2022.yml": PLAN,
        "decisions/qd-10-dong-xuan-2023.yml": DECISION_2023,
        "decisions/qd-20-dong-xuan-2024.yml": DECISION_2024,
        "decisions/qd-5-snv-dong-xuan-2024.yml": DECISION_SO,
        "decisions/qd-7-bac-son-2023.yml": DECISION_BAC_SON,
        "decisions/qd-99-an-phu-2024.yml": DECISION_SAMPLE,
        "stories/chi-thuy-giup-hoi-vien-thoat-ngheo.yml": STORY_THUY,
        "stories/xa-an-phu-ve-dich-som.yml": STORY_XA,
        "stories/cau-chuyen-mau.yml": STORY_SAMPLE,
        "media/thuy-1.png": png(),
    })
    return files


def honor_data(root: Path, extra: dict[str, str | bytes] | None = None, drop: tuple[str, ...] = ()) -> Path:
    """Write the honor-roll data set (plus `extra`, minus `drop`) into root/data; return that folder."""
    return data_set(root, honor_files(), extra, drop)


def site_of(data: Path, include_samples: bool = True, check: bool = True):
    """The Site the plugin would build, in-process (validation as the plugin does it when `check`)."""
    if check:
        repo, report = validate(data)
        assert not report.sorted(), "\n".join(p.text() for p in report.sorted())
    else:
        repo = load(data, Report())
    if not include_samples:
        drop_samples(repo)
    publishable(repo)
    site = build_site(repo, LinkGraph.build(repo), Settings(include_samples=include_samples))
    site.make_later()  # as the site is written: the finder's data among its files
    return site


class Parsed(HTMLParser):
    """Headings, ids, table header scopes and text of one page body."""

    def __init__(self, html: str):
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.ids: list[str] = []
        self.th_without_scope = 0
        self.text_parts: list[str] = []
        self._heading: int | None = None
        self._buffer: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "th" and "scope" not in attrs:
            self.th_without_scope += 1
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._buffer = int(tag[1]), []

    def handle_endtag(self, tag):
        if self._heading and tag == f"h{self._heading}":
            self.headings.append((self._heading, "".join(self._buffer).strip()))
            self._heading = None

    def handle_data(self, data):
        self.text_parts.append(data)
        if self._heading:
            self._buffer.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())


def assert_well_formed(page_html: str) -> Parsed:
    parsed = Parsed(page_html)
    levels = [level for level, _ in parsed.headings]
    assert levels and levels[0] == 1 and levels.count(1) == 1, parsed.headings
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, f"heading level skipped: {parsed.headings}"
    assert parsed.th_without_scope == 0
    assert len(parsed.ids) == len(set(parsed.ids)), "duplicate ids"
    return parsed


# --- In-process builds


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    return honor_data(tmp_path_factory.mktemp("honor"))


@pytest.fixture(scope="module")
def site(data_dir):
    return site_of(data_dir)


def pages_of(site) -> dict:
    return {p.url: p for p in site.pages}


def test_fixture_data_is_valid(data_dir):
    _repo, report = validate(data_dir)
    assert report.sorted() == []


def test_decision_page_lists_public_lines_with_permalink_anchors(site, data_dir):
    page = pages_of(site)["khen-thuong/qd-10-dong-xuan-2023/"]
    parsed = assert_well_formed(page.body)
    assert page.title == "Quyết định số 10/QĐ-UBND: Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    # every public line has a row whose id is its anchor, with a link to itself
    for anchor in ("nguyen-thi-thuy", "tran-van-binh", "ho-ong-le-van-cuong", "hoi-nong-dan-xa-an-phu", "xa-an-phu",
                   "tran-van-binh-2"):
        assert f'<tr id="{anchor}">' in page.body
        assert f'href="#{anchor}"' in page.body
    assert parsed.ids.count("tran-van-binh") == 1
    rows = re.findall(r'<tr id="([^"]+)">', page.body)
    assert rows == ["nguyen-thi-thuy", "tran-van-binh", "ho-ong-le-van-cuong", "hoi-nong-dan-xa-an-phu", "xa-an-phu",
                    "tran-van-binh-2"], "lines in the decision's order"
    assert PRIVATE_NAME not in page.body and slugify(PRIVATE_NAME) not in page.body
    text = parsed.text
    for expected in ("10/QĐ-UBND", "20/12/2023", "Ủy ban nhân dân tỉnh Đồng Xuân", "Hằng năm",
                     "Vì người nghèo - Không để ai bị bỏ lại phía sau", "KT. Chủ tịch — Phó Chủ tịch: Lê Văn Ký",
                     "6 (5 cá nhân", "Vận động hội viên giúp 12 hộ thoát nghèo."):
        assert expected.split(" (")[0] in text, expected
    assert "6 (4 cá nhân" not in text
    assert 'href="../../van-ban/kh-2-dong-xuan-2022/"' in page.body  # the plan
    assert 'href="../../vinh-danh/hinh-thuc/bang-khen-tinh/"' in page.body
    assert 'Dữ liệu mẫu' not in page.body


def test_anchors_are_recipient_anchors_of_the_published_lines(site, data_dir):
    repo, _ = validate(data_dir)
    decision = repo.decisions["qd-10-dong-xuan-2023"]
    anchors = dict(zip((r.name for r in decision.recipients), recipient_anchors(decision)))
    page = pages_of(site)["khen-thuong/qd-10-dong-xuan-2023/"]
    assert f'<tr id="{anchors["Nguyễn Thị Thúy"]}">' in page.body


def test_honor_rolls_per_year_form_campaign_and_authority(site):
    pages = pages_of(site)
    year = pages["vinh-danh/nam/2024/"]
    assert_well_formed(year.body)
    assert year.search is False
    # grouped by award form, highest rank first; each decision links to its page
    assert year.body.index("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh") < year.body.index("Giấy khen của Giám đốc Sở")
    assert 'href="../../../khen-thuong/qd-20-dong-xuan-2024/#nguyen-thi-thuy"' in year.body
    assert "Lý Thị Bắc" not in year.body  # 2023
    assert "Lý Thị Bắc" in pages["vinh-danh/nam/2023/"].body
    authority = pages["vinh-danh/co-quan/ubnd-tinh-bac-son/"]
    assert "Lý Thị Bắc" in authority.body and "Trần Văn Bình" not in authority.body
    # by award form and by campaign, the rolls list the decisions, each linking to its lines, and no line
    form = pages["vinh-danh/hinh-thuc/giay-khen-so/"]
    assert_well_formed(form.body)
    assert decisions_listed(form.body) == ["qd-5-snv-dong-xuan-2024"]
    assert "Phòng Tổ chức cán bộ" not in form.body and "<table class=\"td-honor" not in form.body
    assert 'href="../../?hinh-thuc=giay-khen-so"' in form.body  # the finder names them, filtered by the form
    assert ">Hình thức</th>" not in form.body  # the roll's own
    campaign = pages["vinh-danh/phong-trao/vi-nguoi-ngheo-2021-2025/"]
    assert decisions_listed(campaign.body) == ["qd-20-dong-xuan-2024", "qd-5-snv-dong-xuan-2024",
                                               "qd-10-dong-xuan-2023", "qd-7-bac-son-2023"]
    for name in ("Lý Thị Bắc", "Phòng Tổ chức cán bộ", "Nguyễn Thị Thuý", "Hội Nông dân xã An Phú"):
        assert name not in campaign.body
    assert "<strong>14</strong> lượt khen thưởng" in campaign.body  # the lines counted all the same
    assert ">Hình thức</th>" in campaign.body and '<td data-label="Số lượt">6</td>' in campaign.body
    # campaign and authority rolls group by year, newest first
    assert campaign.body.index('id="nam-2024"') < campaign.body.index('id="nam-2023"')
    for page in (year, form, authority, campaign):
        assert PRIVATE_NAME not in page.body


def decisions_section(body: str) -> list[str]:
    """The decisions a campaign's or an authority's page lists under its "quyet-dinh" heading."""
    return decisions_listed(body.split('id="quyet-dinh"')[1].split("<h2")[0])


def decisions_listed(body: str) -> list[str]:
    """The decisions a roll lists (by id), in order."""
    return re.findall(r'<td data-label="Quyết định"><a href="[./]*khen-thuong/([^/]+)/">', body)


def test_decisions_are_reached_as_the_menu_leads_to_them(site):
    """The menu puts decisions under "Khen thưởng › Quyết định khen thưởng": their breadcrumbs go
    through that index, not through "Vinh danh" (the rolls), as they did."""
    pages = pages_of(site)
    crumbs = lambda body: re.findall(r'<a href="([^"]*)">([^<]+)</a>', body.split('class="td-breadcrumbs"')[1].split("</nav>")[0])
    assert crumbs(pages["khen-thuong/qd-10-dong-xuan-2023/"].body) == [
        ("../../", "Trang chủ"), ("../", "Quyết định khen thưởng"), ("../../vinh-danh/nam/2023/", "Vinh danh năm 2023")]
    assert crumbs(pages["khen-thuong/"].body) == [("../", "Trang chủ")]


def test_achievement_is_written_on_the_decision_page_only(site):
    """A line's achievement, most of a row, is on its decision page once; a roll's row links there
    (issue 16: rows were written five times over)."""
    pages = pages_of(site)
    achievement = "Vận động hội viên giúp 12 hộ thoát nghèo."
    assert achievement in pages["khen-thuong/qd-10-dong-xuan-2023/"].body
    assert ">Thành tích</th>" in pages["khen-thuong/qd-10-dong-xuan-2023/"].body
    rolls = [p for url, p in pages.items() if url.startswith("vinh-danh/") and p.kind == "honor-roll"]
    showing = [p for p in rolls if "khen-thuong/qd-10-dong-xuan-2023/#nguyen-thi-thuy" in p.body]
    assert sorted(p.url for p in showing) == ["vinh-danh/co-quan/ubnd-tinh-dong-xuan/", "vinh-danh/nam/2023/"]
    listing = [p.url for p in rolls if "khen-thuong/qd-10-dong-xuan-2023/" in p.body and p not in showing]
    assert sorted(listing) == ["vinh-danh/hinh-thuc/bang-khen-tinh/", "vinh-danh/phong-trao/vi-nguoi-ngheo-2021-2025/"]
    for page in rolls:
        assert achievement not in page.body and ">Thành tích</th>" not in page.body, page.url


HOSTILE_LINE = decision_file(
    "qd-11-dong-xuan-2023", date="2023-12-21", authority="ubnd-tinh-dong-xuan", plan=None,
    campaign="vi-nguoi-ngheo-2021-2025", extra="number: 11/QĐ-UBND\n",
    recipients=person('Ngô "Thị" <b>Ánh</b> & Cộng sự', unit='Thôn <i>1</i> "Đông" & xã An Phú',
                      extra='  achievement: Hoàn thành <script>alert(1)</script> nhiệm vụ & "vượt" chỉ tiêu.\n'))


def test_recipient_rows_are_bare_cells_with_data_escaped(tmp_path):
    """Rows are written millions of times at national scale, so their cells carry no class or
    data-label: thidua.css styles and labels them by column (test_a11y_browser checks what a phone
    shows). The name stays a row header, the decision page's row keeps its permalink id."""
    pages = pages_of(site_of(honor_data(tmp_path, HOSTILE_LINE)))
    for url, columns in (("khen-thuong/qd-11-dong-xuan-2023/", 5), ("khen-thuong/qd-10-dong-xuan-2023/", 5),
                         ("vinh-danh/nam/2023/", 4), ("vinh-danh/co-quan/ubnd-tinh-dong-xuan/", 4)):
        body = pages[url].body
        tables = re.findall(r'<table class="td-honor td-lines">.*?<tbody>(.*?)</tbody>', body, re.S)
        rows = [row for table in tables for row in re.findall(r"<tr[^>]*>.*?</tr>", table, re.S)]
        assert rows, url
        for row in rows:
            cells = re.findall(r"<(td|th)\b([^>]*)>", row)
            assert cells == [("td", ""), ("th", ' scope="row"')] + [("td", "")] * (columns - 2), (url, row)
        assert "data-label" not in "".join(tables) and "td-honor__" not in body, url
    decision, roll = pages["khen-thuong/qd-11-dong-xuan-2023/"].body, pages["vinh-danh/nam/2023/"].body
    assert re.search(r'<tr id="[a-z0-9-]+"><td>1</td><th scope="row">', decision)
    for body in (decision, roll):
        assert "Ngô &quot;Thị&quot; &lt;b&gt;Ánh&lt;/b&gt; &amp; Cộng sự" in body
        assert "Thôn &lt;i&gt;1&lt;/i&gt; &quot;Đông&quot; &amp; xã An Phú" in body
        assert "<b>Ánh" not in body and "<i>1" not in body and "<script>alert" not in body
    assert "Hoàn thành &lt;script&gt;alert(1)&lt;/script&gt; nhiệm vụ &amp; &quot;vượt&quot; chỉ tiêu." in decision


def test_honor_roll_links_story_of_recipient(site):
    pages = pages_of(site)
    for url in ("khen-thuong/qd-10-dong-xuan-2023/", "vinh-danh/nam/2023/"):
        body = pages[url].body
        assert "Chị Thúy và những hội viên thoát nghèo" in body
    # the same person, same unit, in the 2024 decision links to her story too; a namesake elsewhere does not
    body_2024 = pages["khen-thuong/qd-20-dong-xuan-2024/"].body
    assert body_2024.count("chi-thuy-giup-hoi-vien-thoat-ngheo") == 2  # the line and the stories section
    assert "chi-thuy-giup-hoi-vien-thoat-ngheo" not in pages["khen-thuong/qd-5-snv-dong-xuan-2024/"].body


def test_a_locality_line_is_its_authority_only_at_its_own_level():
    """`locality` names a place line's own authority when it is of the line's level (a department's
    may be a board), else the authority it lies in; an authority not in the data is neither."""
    from thidua.graph import recipient_identity
    from thidua.model import Recipient, SubjectKind

    levels = {"ubnd-xa-a": "commune", "ban-tdkt": "board", "so-nv": "department", "ubnd-huyen-b": "district"}

    def identity(kind: str, locality: str, name: str = "X") -> tuple:
        return recipient_identity("qd-1", "x", Recipient(SubjectKind(kind), name, locality=locality), levels.get)

    assert identity("commune", "ubnd-xa-a") == ("a", "ubnd-xa-a")
    assert identity("department", "so-nv") == ("a", "so-nv")
    assert identity("department", "ban-tdkt") == ("a", "ban-tdkt")
    assert identity("district", "ubnd-huyen-b") == ("a", "ubnd-huyen-b")
    assert identity("locality", "ubnd-huyen-b") == ("a", "ubnd-huyen-b")  # a place of any level
    one, two = identity("village", "ubnd-xa-a", "Thôn 1"), identity("village", "ubnd-xa-a", "Thôn 2")
    assert one[0] == two[0] == "n" and one != two  # two villages of one commune, each by its name
    assert identity("commune", "ubnd-huyen-b", "Xã C")[0] == "n"  # a commune named by its district
    assert identity("commune", "khong-co", "Xã D")[0] == "n"  # not in the data


def test_a_village_s_story_lists_its_own_awards_not_its_neighbours(tmp_path):
    """A village's `locality` is the commune it lies in: every village of a commune was taken for the
    commune itself, and the story of one listed the others' awards (at province, 3 of 33 were its
    own) and the others' lines linked to it. A village is its name within its commune; the commune
    is still the commune."""
    villages = """\
id: qd-40-an-phu-2024
number: 40/QĐ-UBND
date: '2024-12-20'
authority: ubnd-tinh-dong-xuan
form: bang-khen-dia-phuong
occasion: yearly
recipients:
- kind: village
  name: Thôn Đông
  unit: xã An Phú
  locality: ubnd-xa-an-phu
  achievement: Đạt chuẩn thôn nông thôn mới kiểu mẫu.
- kind: village
  name: Thôn Tây
  unit: xã An Phú
  locality: ubnd-xa-an-phu
  achievement: Bê tông hóa đường thôn.
- kind: commune
  name: Xã An Phú
  locality: ubnd-xa-an-phu
  achievement: Về đích nông thôn mới.
"""
    story = """\
id: thon-dong-doi-thay
title: Thôn Đông đổi thay
date: '2025-01-10'
subject:
  decision: qd-40-an-phu-2024
  recipient: thon-dong
locality: ubnd-xa-an-phu
body: Thôn Đông đồng lòng làm đường.
"""
    form = ("id: bang-khen-dia-phuong\nname: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho địa phương\n"
            "granted_by_levels: [province]\nsubjects: [commune, village]\nrank: 59\n")
    data = honor_data(tmp_path, {"decisions/qd-40-an-phu-2024.yml": villages, "stories/thon-dong-doi-thay.yml": story,
                                 "award-forms/bang-khen-dia-phuong.yml": form})
    site = site_of(data)
    g = LinkGraph.build(load(data, Report()))
    own = lambda story_id: [(a.decision.id, a.anchor) for a in g.subject_awards[story_id]]  # noqa: E731
    assert own("thon-dong-doi-thay") == [("qd-40-an-phu-2024", "thon-dong")]
    assert ("qd-40-an-phu-2024", "thon-tay") not in own("xa-an-phu-ve-dich-som")
    assert ("qd-40-an-phu-2024", "xa-an-phu") in own("xa-an-phu-ve-dich-som")  # the commune's own line
    pages = pages_of(site)
    story_page = pages["dien-hinh/thon-dong-doi-thay/"].body.split('id="khen-thuong"')[1]
    assert "#thon-dong" in story_page and "#thon-tay" not in story_page and "#xa-an-phu" not in story_page
    decision = pages["khen-thuong/qd-40-an-phu-2024/"].body
    rows = {anchor: decision.split(f'id="{anchor}"')[1].split("</tr>")[0] for anchor in ("thon-dong", "thon-tay")}
    assert "thon-dong-doi-thay" in rows["thon-dong"] and "thon-dong-doi-thay" not in rows["thon-tay"]


def test_a_commune_s_page_names_its_province_as_a_place(site):
    """The row "Tỉnh, thành phố" read "Ủy ban nhân dân tỉnh ...", the committee, not the province."""
    body = pages_of(site)["co-quan/ubnd-xa-an-phu/"].body
    row = body.split('<th scope="row">Tỉnh, thành phố</th>')[1].split("</tr>")[0]
    assert re.search(r'<a href="\.\./ubnd-tinh-dong-xuan/">tỉnh Đồng Xuân</a>', row), row


def test_authority_and_plan_pages_list_their_decisions(site):
    pages = pages_of(site)
    authority = pages["co-quan/ubnd-tinh-dong-xuan/"]
    assert_well_formed(authority.body)
    assert 'id="quyet-dinh-khen-thuong"' in authority.body
    assert 'href="../../khen-thuong/qd-10-dong-xuan-2023/"' in authority.body
    assert 'href="../../khen-thuong/qd-20-dong-xuan-2024/"' in authority.body
    assert 'href="../../vinh-danh/co-quan/ubnd-tinh-dong-xuan/"' in authority.body
    # the count is of the decisions it issued (each has its page), not of those on its honor roll
    issued = len([d for d in site.pages if d.url.startswith("khen-thuong/qd-") and "dong-xuan" in d.url
                  and getattr(d.record, "authority", None) == "ubnd-tinh-dong-xuan"])
    assert f"Cơ quan đã ban hành {issued} quyết định khen thưởng." in authority.body and issued >= 2
    assert "qd-7-bac-son-2023" not in authority.body
    plan = pages["van-ban/kh-2-dong-xuan-2022/"]
    assert_well_formed(plan.body)
    assert plan.body.count('href="../../khen-thuong/qd-') == 2
    assert "qd-5-snv-dong-xuan-2024" not in plan.body
    assert any(entry.id == "quyet-dinh-khen-thuong" for entry in plan.toc)
    # a commune that is the subject and locality of stories lists them
    assert "Xã An Phú về đích sớm" in pages["co-quan/ubnd-xa-an-phu/"].body


def test_sample_banner_on_every_page_showing_samples(site):
    pages = pages_of(site)
    banner = 'class="admonition warning td-sample"'
    with_sample = ["khen-thuong/qd-99-an-phu-2024/", "vinh-danh/nam/2024/", "vinh-danh/hinh-thuc/giay-khen-xa/",
                   "vinh-danh/co-quan/ubnd-xa-an-phu/", "vinh-danh/", "co-quan/ubnd-xa-an-phu/", "khen-thuong/",
                   "dien-hinh/cau-chuyen-mau/", "dien-hinh/", ""]
    for url in with_sample:
        assert banner in pages[url].body, url
    for url in ("khen-thuong/qd-10-dong-xuan-2023/", "vinh-danh/nam/2023/", "vinh-danh/hinh-thuc/giay-khen-so/",
                "co-quan/ubnd-tinh-bac-son/", "dien-hinh/chi-thuy-giup-hoi-vien-thoat-ngheo/"):
        assert banner not in pages[url].body, url


def test_include_samples_false_leaves_no_sample_anywhere(data_dir):
    site = site_of(data_dir, include_samples=False)
    pages = pages_of(site)
    assert "khen-thuong/qd-99-an-phu-2024/" not in pages
    assert "vinh-danh/hinh-thuc/giay-khen-xa/" not in pages
    for page in site.pages:
        assert SAMPLE_NAME not in page.body and "td-sample" not in page.body, page.url
    for content in site.files.values():
        assert SAMPLE_NAME.encode() not in content


def test_pagination_keeps_honor_roll_pages_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(honor, "PAGE_LINES", 4)
    monkeypatch.setattr(honor, "PAGE_DECISIONS", 3)
    site = site_of(honor_data(tmp_path))
    pages = pages_of(site)
    roll = "vinh-danh/co-quan/ubnd-tinh-dong-xuan/"
    urls = sorted(u for u in pages if u.startswith(roll))
    assert urls == [roll, f"{roll}trang-2/", f"{roll}trang-3/"]
    counts = [pages[u].body.count("<tr>") - pages[u].body.count("<thead><tr>") for u in urls]
    assert counts == [4, 4, 3]  # 6 + 5 public, non-sample lines of its two decisions: pages of 4
    second = pages[urls[1]]
    assert "(tiếp theo)" in second.body  # a decision cut between pages says so
    assert 'aria-current="page">Trang 2<' in second.body
    assert_well_formed(second.body)
    # a roll of decisions: pages of PAGE_DECISIONS, each decision whole on one of them
    campaign = "vinh-danh/phong-trao/vi-nguoi-ngheo-2021-2025/"
    assert sorted(u for u in pages if u.startswith(campaign)) == [campaign, f"{campaign}trang-2/"]
    assert [decisions_listed(pages[u].body) for u in (campaign, f"{campaign}trang-2/")] == [
        ["qd-20-dong-xuan-2024", "qd-5-snv-dong-xuan-2024", "qd-10-dong-xuan-2023"], ["qd-7-bac-son-2023"]]
    assert_well_formed(pages[f"{campaign}trang-2/"].body)


# --- The finder's data


def finder_files(site) -> dict[str, object]:
    return {path: json.loads(content) for path, content in site.files.items() if path.startswith("vinh-danh/du-lieu/")}


def test_finder_index_facets_and_shards(site):
    files = finder_files(site)
    index = files["vinh-danh/du-lieu/index.json"]
    assert index["v"] == 1
    assert index["n"] == 15  # public lines, samples included
    facets = index["f"]
    assert [f[0] for f in facets["form"]] == ["bang-khen-tinh", "giay-khen-so", "giay-khen-xa"]
    assert [(y[0], y[2]) for y in facets["year"]] == [(2024, 8), (2023, 7)]
    assert {k[0]: k[2] for k in facets["kind"]} == {"collective": 2, "individual": 11, "household": 1, "commune": 1}
    assert [p[1] for p in facets["prov"]] == ["Tỉnh Bắc Sơn", "Tỉnh Đồng Xuân"]
    assert sum(f[2] for f in facets["form"]) == index["n"]
    # authorities of one province, with their line counts there
    dong_xuan = files["vinh-danh/du-lieu/" + facets["prov"][1][3]]
    assert dong_xuan == {"a": [["so-noi-vu-dong-xuan", "Sở Nội vụ Đồng Xuân", 2],
                               ["ubnd-tinh-dong-xuan", "UBND tỉnh Đồng Xuân", 11],
                               ["ubnd-xa-an-phu", "UBND xã An Phú", 1]]}
    shard_rows = []
    for directory in index["t"]:
        for lo, hi, count, path in files["vinh-danh/du-lieu/" + directory[3]]["s"]:
            shard = files["vinh-danh/du-lieu/" + path]
            assert len(shard["r"]) == count <= honor.SHARD_LINES
            givens = [fold(r[0]).split()[-1] for r in shard["r"]]
            assert givens[0] == lo and givens[-1] == hi and givens == sorted(givens)
            for row in shard["r"]:
                shard_rows.append((row, shard["d"][row[4]]))
    assert len(shard_rows) == index["n"]
    row, decision = next((r, d) for r, d in shard_rows if r[0] == "Nguyễn Thị Thuý")
    assert row[5] == "nguyen-thi-thuy" and decision[0] == "qd-20-dong-xuan-2024" and decision[2] == "2024-11-15"
    assert facets["form"][decision[3]][0] == "bang-khen-tinh"
    assert facets["occ"][decision[6]][0] == "yearly"
    assert [d[7] for r, d in shard_rows if r[0] == SAMPLE_NAME] == [1]


def test_a_name_joined_at_apostrophes_is_sorted_by_its_last_part(tmp_path):
    """The finder's lines are sorted by given name: of "Ksor Y’Bơ'Nga" it is "nga", its last part,
    not "bonga", a run of its parts the finder's words also hold (`text.joined`)."""
    extra = decision_file("qd-7-snv-dong-xuan-2024", date="2024-06-01", **SO_NOI_VU, extra="number: 7/QĐ-SNV\n",
                          recipients=person("Ksor Y’Bơ'Nga") + person("Nguyễn Văn Cường") + person("Lê Thị Lan")
                          + person("Lê Văn Tâm"))
    files = finder_files(site_of(honor_data(tmp_path, extra)))
    shards = [s for d in files["vinh-danh/du-lieu/index.json"]["t"] for s in files["vinh-danh/du-lieu/" + d[3]]["s"]]
    names = [r[0] for s in shards for r in files["vinh-danh/du-lieu/" + s[3]]["r"]]
    # cuong < lan < nga < tam: not by "bonga" (before cuong), "ksor" (before lan), "ybonga" (after tam)
    order = [names.index(n) for n in ("Nguyễn Văn Cường", "Lê Thị Lan", "Ksor Y’Bơ'Nga", "Lê Văn Tâm")]
    assert order == sorted(order)
    assert [finder_words(name)[1] for name in ("Ksor Y’Bơ'Nga", "Đinh H'Luih", "")] == ["nga", "luih", ""]


def test_finder_data_is_compact_and_deterministic(data_dir):
    first, second = site_of(data_dir), site_of(data_dir)
    assert first.files == second.files
    for path, content in first.files.items():
        if path.endswith(".json"):
            # compact separators, sorted keys, UTF-8 text: exactly what a canonical dump gives
            assert json.dumps(json.loads(content), ensure_ascii=False, separators=(",", ":"),
                              sort_keys=True).encode() == content


def test_shards_stay_bounded_as_recipients_grow(tmp_path, monkeypatch):
    monkeypatch.setattr(honor, "SHARD_LINES", 7)
    monkeypatch.setattr(honor, "DIR_SHARDS", 2)
    site = site_of(honor_data(tmp_path, bulk(300)))
    files = finder_files(site)
    index = files["vinh-danh/du-lieu/index.json"]
    assert index["n"] == 315
    shards = [s for d in index["t"] for s in files["vinh-danh/du-lieu/" + d[3]]["s"]]
    assert len(shards) == 45 and all(s[2] <= 7 for s in shards)
    assert len(index["t"]) == 23 and all(d[2] <= 14 for d in index["t"])
    # shard ranges are in order, so a given-name prefix selects a short run of them
    assert [s[0] for s in shards] == sorted(s[0] for s in shards)
    hits = [s for s in shards if s[1] >= "thuy" and (s[0] <= "thuy" or s[0].startswith("thuy"))]
    named = sum(1 for s in shards for r in files["vinh-danh/du-lieu/" + s[3]]["r"]
                if fold(r[0]).split()[-1].startswith("thuy"))
    assert named >= 20
    assert len(hits) <= -(-named // 7) + 1  # the shards of those lines, and at most one more at an edge
    assert sum(1 for s in shards if s in hits) < len(shards) / 5


def bulk(n: int) -> dict[str, str]:
    """One decision with `n` invented individual recipients (names cycle through common Vietnamese names)."""
    family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
    middle = ["Văn", "Thị", "Minh", "Ngọc", "Đức", "Thanh"]
    given = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Hương", "Khánh", "Lan",
             "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Thành", "Trang",
             "Tuấn", "Vân", "Yến", "Thủy", "Thụy"]
    lines = []
    for i in range(n):
        name = f"{family[i % 10]} {middle[(i // 10) % 6]} {given[(i * 7) % len(given)]}"
        lines.append(f"- kind: individual\n  name: {name}\n  unit: Thôn {i % 40 + 1}, xã An Phú\n"
                     f"  achievement: Hoàn thành tốt nhiệm vụ năm 2022.\n")
    text = ("id: qd-30-dong-xuan-2022\nnumber: 30/QĐ-UBND\ndate: '2022-12-01'\nauthority: ubnd-tinh-dong-xuan\n"
            "form: bang-khen-tinh\noccasion: yearly\ncampaign: vi-nguoi-ngheo-2021-2025\nrecipients:\n" + "".join(lines))
    return {"decisions/qd-30-dong-xuan-2022.yml": text}



def commune_plan(number: int, basis: tuple[tuple[str, str], ...] = (), date: str | None = None,
                 title: str = "Thực hiện phong trào thi đua trên địa bàn xã") -> dict[str, str]:
    """An untranscribed plan of xã An Phú in 2022, kh-<number>-xa-an-phu-2022, resting on `basis`
    ((document, relation), ...)."""
    ident = f"kh-{number}-xa-an-phu-2022"
    text = (f"id: {ident}\ntype: ke-hoach\nnumber: {number}/KH-UBND\ndate: '{date or f'2022-06-{(number - 1) % 28 + 1:02d}'}'\n"
            f"authority: ubnd-xa-an-phu\ntitle: {title}\n"
            "campaign: vi-nguoi-ngheo-2021-2025\nperiod: 2021-2025\ntranscribed: false\n")
    if basis:
        text += "basis:\n" + "".join(f"- document: {document}\n  relation: {relation}\n" for document, relation in basis)
    return {f"documents/{ident}.yml": text}


def commune_plans(n: int, implementing: str | None = None) -> dict[str, str]:
    """`n` plans of xã An Phú (`commune_plan` 1 to n), each implementing `implementing` if given."""
    files: dict[str, str] = {}
    for i in range(n):
        files |= commune_plan(i + 1, ((implementing, "implements"),) if implementing else ())
    return files

# --- Full builds: what the site serves


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("honor-site")
    build(root, honor_data(root))
    return root / "site"


def test_private_name_is_nowhere_in_the_built_site(built):
    forms = {PRIVATE_NAME, unicodedata.normalize("NFD", PRIVATE_NAME), fold(PRIVATE_NAME), slugify(PRIVATE_NAME),
             "Bảo Mật", "bao-mat", "Không công khai theo đề nghị"}
    checked = 0
    for path, text in every_text(built):
        checked += 1
        for form in forms:
            assert form not in text and form.lower() not in text.lower(), f"{form!r} in {path}"
    assert checked > 50
    read = {str(path) for path, _ in every_text(built)}
    assert str(built / "du-lieu/thidua-du-lieu.zip/json/decisions.json") in read  # the ZIP's members read too
    # and the site does hold the public lines beside it, in pages and shards
    assert "Trần Văn Bình" in (built / "khen-thuong/qd-10-dong-xuan-2023/index.html").read_text()
    assert any("Trần Văn Bình" in text for path, text in every_text(built / "vinh-danh/du-lieu"))


def test_built_site_serves_pages_shards_and_script(built):
    for rel in ("vinh-danh/index.html", "vinh-danh/nam/2024/index.html", "vinh-danh/hinh-thuc/bang-khen-tinh/index.html",
                "vinh-danh/co-quan/ubnd-tinh-dong-xuan/index.html",
                "vinh-danh/phong-trao/vi-nguoi-ngheo-2021-2025/index.html", "khen-thuong/index.html",
                "khen-thuong/qd-10-dong-xuan-2023/index.html", "vinh-danh/du-lieu/index.json",
                "assets/javascripts/finder.js", "dien-hinh/index.html"):
        assert (built / rel).is_file(), rel
    finder = (built / "vinh-danh/index.html").read_text()
    assert 'data-index="du-lieu/index.json"' in finder and 'src="../assets/javascripts/finder.js"' in finder
    # the nav has the two new entries
    assert 'href="vinh-danh/"' in (built / "index.html").read_text()
    assert 'href="dien-hinh/"' in (built / "index.html").read_text()
    # honor rolls are left out of the search index; decisions are in it
    from test_search_index import fragments  # the search index (Pagefind's)
    locations = {url.lstrip("/") for url in fragments(built)}
    assert "khen-thuong/qd-10-dong-xuan-2023/" in locations
    assert not any(loc.startswith("vinh-danh/nam/") for loc in locations)


def published_words(data: Path, repo) -> str:
    """The words every record of `data` holds once the lines not to be published are taken out,
    and the site's own text (as `folded_words`, one space apart): a name these hold may be on the
    site for another reason than a leak (a public line of the same name, a plan's signer)."""
    hidden = {(d.id, i) for d in repo.decisions.values() for i, r in enumerate(d.recipients)
              if not (r.public and (r.consent or not r.poverty_programme))}
    words = []
    for path in sorted(p for p in data.rglob("*") if is_yaml_name(p.name)):  # .yml, .yaml: what the loader reads
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(record, dict) and isinstance(record.get("recipients"), list):
            record["recipients"] = [r for i, r in enumerate(record["recipients"]) if (record.get("id"), i) not in hidden]
        words.append(folded_words(yaml.safe_dump(record, allow_unicode=True, width=1 << 20)))
    return own_words() + " ".join(words) + " "


def test_real_data_builds_with_honor_pages(site_dir):
    """data/ as it is: every decision counted in the finder's index, its page with an anchor per
    published line, and the name of a line not published nowhere. Nothing here names a record,
    nor holds for one record only: offices edit data/."""
    repo, report = validate(DATA)
    assert report.errors == [], [p.text() for p in report.errors]
    if not repo.decisions:
        pytest.skip("data/decisions holds no decisions yet")
    index = json.loads((site_dir / "vinh-danh/du-lieu/index.json").read_text())
    assert index["d"] == len(repo.decisions)
    hidden = set()
    for decision in repo.decisions.values():
        page = (site_dir / "khen-thuong" / decision.id / "index.html").read_text()
        for recipient, anchor in zip(decision.recipients, recipient_anchors(decision)):
            if recipient.public and (recipient.consent or not recipient.poverty_programme):
                assert f'id="{anchor}"' in page, (decision.id, anchor)
            else:
                hidden.add(folded_words(recipient.name))
    shared = published_words(DATA, repo)
    needles = sorted(n for n in hidden if n and f" {n} " not in shared)
    leaks = [f"{path.relative_to(site_dir)}: {n}" for path, text in every_text(site_dir)
             for n in needles if f" {n} " in f" {folded_words(text)} "]
    assert leaks == []


def test_a_decision_without_a_public_line_is_on_no_roll_nor_in_its_counts(monkeypatch):
    """Whether a roll lists lines or decisions, a decision all of whose lines are withheld is on no
    page, and neither its counts nor its description count it."""
    from types import SimpleNamespace

    from thidua.graph import LinkGraph

    monkeypatch.setattr(honor, "PAGE_DECISIONS", 1)
    made = []
    form = SimpleNamespace(rank=1, name="Giấy khen")
    decisions = [SimpleNamespace(id=i, form="giay-khen", sample=False) for i in ("qd-1", "qd-2", "qd-3")]
    graph = LinkGraph(repo=None)
    graph.lines_of_decision.update({"qd-1": ["a", "b"], "qd-3": ["c"]})
    renderer = SimpleNamespace(graph=graph, repo=SimpleNamespace(award_forms={"giay-khen": form}),
                               page=lambda template, url, title, **kw: made.append(kw) or SimpleNamespace(search=True))
    for facet, shown in (("years", [[("qd-1", ["a", "b"]), ("qd-3", ["c"])]]),
                         ("award-forms", [[("qd-1", [])], [("qd-3", [])]])):
        made.clear()
        honor.build_roll(renderer, SimpleNamespace(pages=[]), facet, "k", title="Bảng", short="B", lead="",
                         decisions=decisions, by="form", record_link=None, finder_query="")
        assert [[(c.decision.id, c.lines) for g in m["groups"] for c in g.chunks] for m in made] == shown, facet
        assert {(m["decision_count"], m["total"]) for m in made} == {(2, 3)}, facet
        assert made[0]["description"] == "Bảng: 3 lượt khen thưởng theo 2 quyết định."


def test_the_finder_s_data_is_made_when_the_site_is_written_not_planned(data_dir, tmp_path):
    """Planning leaves the finder's data to `Site.later` (a preview carries the last one's); making it
    gives the files once, and a check that raises stops it."""
    repo, _report = validate(data_dir)
    publishable(repo)
    site = build_site(repo, LinkGraph.build(repo), Settings())
    assert list(site.later) == [FINDER_DATA] and not [p for p in site.files if p.startswith(FINDER_DATA)]
    finder = next(p for p in site.pages if p.url == FINDER_DATA.removesuffix("du-lieu/"))
    assert "15 lượt khen thưởng" in finder.body  # its count of lines, without the data

    calls = []
    made = site.later[FINDER_DATA](lambda: calls.append(1))
    assert json.loads(made[FINDER_DATA + "index.json"])["n"] == 15 and len(calls) > 3
    site.make_later()
    assert {p: c for p, c in site.files.items() if p.startswith(FINDER_DATA)} == made and not site.later
    again = build_site(repo, LinkGraph.build(repo), Settings())
    again.write_later(tmp_path)  # as the plugin makes them: each folder written at once, none kept
    on_disk = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert on_disk == made and not again.later and not [p for p in again.files if p.startswith(FINDER_DATA)]

    def stop():
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        build_site(repo, LinkGraph.build(repo), Settings()).later[FINDER_DATA](stop)


def test_a_hand_written_file_where_the_finder_s_data_goes_stops_the_build(data_dir, tmp_path):
    """The finder's data is written straight into the site: a hand-written file in its folder
    would silently replace one, so the build names it and stops."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / FINDER_DATA / "index.json").parent.mkdir(parents=True)
    (content / FINDER_DATA / "index.json").write_text("{}", encoding="utf-8")
    config = edit_config(write_config(tmp_path, data_dir), docs_dir=str(content))
    result = run_mkdocs(config, check=False)
    assert result.returncode != 0
    assert f"{FINDER_DATA}index.json is written from data; remove the hand-written file" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_award_form_page_leads_to_who_received_it(tmp_path):
    """A form's page counts its lines and decisions as its roll does, and links the roll and the
    finder filtered by it; a form no public line has says so. A decision whose every line is
    withheld counts on neither (its issuer's page counts it: it has a page of its own)."""
    unused = "id: huy-hieu\nname: Huy hiệu thi đua\ngranted_by_levels: [province]\nsubjects: [individual]\nrank: 10\n"
    withheld = DECISION_SO.replace("qd-5-snv-dong-xuan-2024", "qd-6-snv-dong-xuan-2024").replace(
        "5/QĐ-SNV", "6/QĐ-SNV").replace("achievement: Cùng tên, khác đơn vị.\n", "achievement: Cùng tên, khác đơn vị.\n  public: false\n"
                                         ).replace("achievement: Hoàn thành xuất sắc nhiệm vụ.\n", "achievement: Hoàn thành xuất sắc nhiệm vụ.\n  public: false\n")
    assert withheld.count("public: false") == 2
    pages = pages_of(site_of(honor_data(tmp_path, {"award-forms/huy-hieu.yml": unused,
                                                   "decisions/qd-6-snv-dong-xuan-2024.yml": withheld})))
    assert "khen-thuong/qd-6-snv-dong-xuan-2024/" in pages
    assert "Cơ quan đã ban hành 2 quyết định khen thưởng." in pages["co-quan/so-noi-vu-dong-xuan/"].body
    forms = {url.split("/")[1]: page for url, page in pages.items() if url.startswith("hinh-thuc/") and url.count("/") == 2}
    received = set()
    for form, page in forms.items():
        assert_well_formed(page.body)
        roll = pages.get(f"vinh-danh/hinh-thuc/{form}/")
        counts = re.search(r"<strong>([\d.]+)</strong> lượt khen thưởng.*?<strong>([\d.]+)</strong> quyết định", roll.body, re.S) if roll else None
        if counts and int(counts.group(1).replace(".", "")):
            received.add(form)
            assert f"{counts.group(1)} lượt khen thưởng theo {counts.group(2)} quyết định" in page.body, form
            assert f'href="../../vinh-danh/hinh-thuc/{form}/"' in page.body, form
            assert f'href="../../vinh-danh/?hinh-thuc={form}"' in page.body, form
        else:
            assert "Chưa có quyết định khen thưởng nào với hình thức này" in page.body, form
    assert received == {"bang-khen-tinh", "giay-khen-so", "giay-khen-xa"} and "huy-hieu" in forms
    # the fixture's own counts (public lines, samples included), not the roll's code again
    assert "12 lượt khen thưởng theo 3 quyết định" in forms["bang-khen-tinh"].body
    assert "2 lượt khen thưởng theo 1 quyết định" in forms["giay-khen-so"].body


def test_campaign_and_authority_pages_list_the_latest_decisions_and_lead_to_all(tmp_path):
    """Past DECISIONS_SHOWN decisions, a campaign's page and its issuer's list the newest ones and say
    where all are (a phone scrolled past a thousand at province); at or under it, all, unannounced."""
    few = pages_of(site_of(honor_data(tmp_path / "few")))["phong-trao/vi-nguoi-ngheo-2021-2025/"].body
    own = decisions_section(few)  # the fixture's: all of them, unannounced
    assert "mới nhất" not in few and {"qd-5-snv-dong-xuan-2024", "qd-10-dong-xuan-2023"} <= set(own)

    extra: dict[str, str] = {}
    for i in range(DECISIONS_SHOWN + 3):  # decisions of the Sở Nội vụ in the campaign, one a day
        day = datetime.date(2025, 1, 1) + datetime.timedelta(days=i)  # after the fixture's own
        extra |= decision_file(f"qd-{100 + i}-snv-dong-xuan-2024", date=day.isoformat(), **SO_NOI_VU,
                               extra=f"number: {100 + i}/QĐ-SNV\n", recipients=person(f"Người Thứ {i}"))
    pages = pages_of(site_of(honor_data(tmp_path / "many", extra)))
    campaign = pages["phong-trao/vi-nguoi-ngheo-2021-2025/"].body
    assert_well_formed(campaign)
    assert decisions_section(campaign) == [f"qd-{100 + i}-snv-dong-xuan-2024" for i in reversed(range(3, DECISIONS_SHOWN + 3))]
    total = len(own) + DECISIONS_SHOWN + 3
    assert f"Phong trào có {total} quyết định khen thưởng; dưới đây là {DECISIONS_SHOWN} quyết định mới nhất." in campaign
    assert 'href="../../vinh-danh/phong-trao/vi-nguoi-ngheo-2021-2025/"' in campaign
    assert 'href="../../khen-thuong/"' in campaign
    authority = pages["co-quan/so-noi-vu-dong-xuan/"].body
    assert f"Cơ quan đã ban hành {DECISIONS_SHOWN + 4} quyết định khen thưởng; dưới đây là {DECISIONS_SHOWN} quyết định mới nhất." in authority
    assert decisions_listed(authority) == [f"qd-{100 + i}-snv-dong-xuan-2024"
                                                             for i in reversed(range(3, DECISIONS_SHOWN + 3))]
    assert "qd-102-snv-dong-xuan-2024" not in authority  # the oldest three: on the roll and the index
    assert all(f"khen-thuong/qd-{100 + i}-snv-dong-xuan-2024/" in pages for i in range(DECISIONS_SHOWN + 3))  # each has its page


PLAN_URL = "van-ban/kh-2-dong-xuan-2022/"


def plan_decisions(count: int) -> dict[str, str]:
    """`count` decisions of the province under the fixture's plan, one a day from 2025-01-01 (a few
    a day past 365, all within the campaign's period)."""
    extra: dict[str, str] = {}
    for i in range(count):
        day = datetime.date(2025, 1, 1) + datetime.timedelta(days=i if count <= 365 else i * 365 // count)  # after the fixture's own
        extra |= decision_file(f"qd-{100 + i}-dong-xuan-2025", date=day.isoformat(), authority="ubnd-tinh-dong-xuan",
                               form="bang-khen-tinh", plan="kh-2-dong-xuan-2022", campaign="vi-nguoi-ngheo-2021-2025",
                               extra=f"number: {100 + i}/QĐ-UBND\n", recipients=person(f"Người Thứ {i}"))
    return extra


def plan_section(body: str) -> list[str]:
    """The decisions a plan's page lists in its section of award decisions."""
    return decisions_listed(body.split('id="quyet-dinh-khen-thuong"')[1].split("</section>")[0])


def test_a_plan_page_lists_its_latest_decisions_and_links_to_all(tmp_path):
    """A plan's page grew with every decision made under it (hundreds for a province's plan, more
    at national scale). Past DECISIONS_SHOWN it lists the newest and links to a page listing every
    one, newest first; at or under it, all, with no such page."""
    few = pages_of(site_of(honor_data(tmp_path / "few")))
    own = plan_section(few[PLAN_URL].body)
    assert own and "mới nhất" not in few[PLAN_URL].body and "quyet-dinh/" not in few[PLAN_URL].body
    assert PLAN_URL + "quyet-dinh/" not in few

    pages = pages_of(site_of(honor_data(tmp_path / "many", plan_decisions(DECISIONS_SHOWN + 3))))
    plan = pages[PLAN_URL].body
    assert_well_formed(plan)
    newest = [f"qd-{100 + i}-dong-xuan-2025" for i in reversed(range(DECISIONS_SHOWN + 3))]
    total = len(own) + DECISIONS_SHOWN + 3
    assert plan_section(plan) == newest[:DECISIONS_SHOWN]
    assert (f"Có {total} quyết định khen thưởng ban hành theo kế hoạch này; dưới đây là {DECISIONS_SHOWN} "
            f"quyết định mới nhất.") in plan
    assert f'<a href="quyet-dinh/">Xem tất cả {total} quyết định</a>' in plan
    every = pages[PLAN_URL + "quyet-dinh/"]
    assert_well_formed(every.body)
    assert decisions_listed(every.body) == newest + own  # every one, newest first
    assert every.title == "Quyết định khen thưởng theo Kế hoạch số 2/KH-UBND"
    assert not every.search  # each decision and the plan are found on their own pages
    crumbs = re.findall(r'<a href="([^"]*)">([^<]+)</a>', every.body.split('class="td-breadcrumbs"')[1].split("</nav>")[0])
    assert crumbs[-1] == ("../", "Kế hoạch số 2/KH-UBND")


def test_counts_past_a_thousand_are_written_as_vietnamese_writes_them(tmp_path):
    """A province's plan, campaign or People's Committee has thousands of decisions at national
    scale: their counts are written with a dot between thousands (1.002), never 1002 or 1,002."""
    pages = pages_of(site_of(honor_data(tmp_path, plan_decisions(1000))))
    plan, every = pages[PLAN_URL].body, pages[PLAN_URL + "quyet-dinh/"].body
    assert "Có 1.002 quyết định khen thưởng ban hành theo kế hoạch này;" in plan
    assert '<a href="quyet-dinh/">Xem tất cả 1.002 quyết định</a>' in plan
    assert '<p class="td-lead">1.002 quyết định khen thưởng ban hành theo ' in every
    assert "Phong trào có 1.004 quyết định khen thưởng;" in pages["phong-trao/vi-nguoi-ngheo-2021-2025/"].body
    assert "Cơ quan đã ban hành 1.002 quyết định khen thưởng;" in pages["co-quan/ubnd-tinh-dong-xuan/"].body
    for url, page in pages.items():
        assert not re.search(r"\b1,?0\d\d (quyết định|lượt)", page.body), url


def test_a_sample_plan_s_list_of_decisions_is_marked_as_its_page_is(tmp_path):
    """The list of a sample plan's decisions carries the sample marks in its title and description
    and asks search engines to leave it out, as the plan's own page does."""
    from thidua import sample_marks

    plan = PLAN.replace("period: 2021-2025\n", "period: 2021-2025\nsample: true\n", 1)
    assert plan != PLAN
    extra = {"documents/kh-2-dong-xuan-2022.yml": plan, **plan_decisions(DECISIONS_SHOWN + 1)}
    # not validated: decisions that are not samples may not apply a sample plan; the pages are the point
    pages = pages_of(site_of(honor_data(tmp_path, extra), check=False))
    for url in (PLAN_URL, PLAN_URL + "quyet-dinh/"):
        page = pages[url]
        assert page.title.startswith(sample_marks.TITLE_PREFIX), url
        assert page.description.startswith(sample_marks.DESCRIPTION_PREFIX) and not page.index, url


def test_a_plan_s_list_of_decisions_is_split_and_paginated_as_every_long_listing(tmp_path, monkeypatch):
    """Past split.BOUND (here a small one) the list of a plan's decisions is split by province and
    paginated: each decision on exactly one of its pages, each page well formed."""
    from thidua.pages import documents, split

    monkeypatch.setattr(documents, "DECISIONS_SHOWN", 2)
    monkeypatch.setattr(split, "BOUND", 3)
    pages = pages_of(site_of(honor_data(tmp_path, plan_decisions(5))))
    parts = {url: page for url, page in pages.items() if url.startswith(PLAN_URL + "quyet-dinh/")}
    assert len(parts) > 2, sorted(parts)
    listed = [d for page in parts.values() for d in decisions_listed(page.body)]
    assert sorted(listed) == sorted(set(listed)) and len(listed) == 5 + 2  # the fixture's two under the plan
    for url, page in parts.items():
        assert_well_formed(page.body)
        assert not page.search, url
    assert len(plan_section(pages[PLAN_URL].body)) == 2


def test_a_split_campaign_page_lists_its_latest_decisions_on_its_top_page_only(tmp_path, monkeypatch):
    """Split by province (national scale; here with a small bound), a campaign past DECISIONS_SHOWN
    lists its newest decisions once, on the top page, and counts no decisions per province (the
    parts list none of them)."""
    from thidua.pages import campaigns, split

    monkeypatch.setattr(campaigns, "DECISIONS_SHOWN", 2)
    monkeypatch.setattr(split, "BOUND", 3)
    pages = pages_of(site_of(honor_data(tmp_path)))
    parts = {url: page.body for url, page in pages.items() if url.startswith("phong-trao/vi-nguoi-ngheo-2021-2025/")}
    top = parts.pop("phong-trao/vi-nguoi-ngheo-2021-2025/")
    assert parts, "the campaign page is split"
    listed = decisions_section(top)
    assert len(listed) == 2 and "dưới đây là 2 quyết định mới nhất" in top
    assert "quyết định khen thưởng)" not in top  # the provinces' counts: documents only
    for url, body in parts.items():
        assert 'id="quyet-dinh"' not in body, url


def test_the_documents_index_lists_newest_first_and_numbers_as_a_reader_counts(tmp_path):
    """By day, newest first, undated last; on the same day 'số 2' before 'số 10' (their ids compared
    as text put 10 first)."""
    def document(ident: str, date: str | None) -> dict[str, str]:
        text = LAUNCH.replace("qd-1-ttg-2021", ident).replace("number: 1/QĐ-UBND\n", "")
        text = text.replace("date: '2021-03-01'\n", f"date: '{date}'\n" if date else "")
        return {f"documents/{ident}.yml": text}

    extra = {**document("hd-10-dong-xuan-2023", "2023-05-04"), **document("hd-2-dong-xuan-2023", "2023-05-04"),
             **document("hd-3-dong-xuan-2023", "2023-11-30"), **document("hd-1-dong-xuan-2023", "2023-01-02"),
             **document("hd-9-dong-xuan", None)}
    body = pages_of(site_of(honor_data(tmp_path, extra)))["van-ban/"].body
    listed = list(dict.fromkeys(re.findall(r'href="(hd-[^/"]+)/"', body)))  # links from van-ban/ to its records
    assert listed == ["hd-3-dong-xuan-2023", "hd-2-dong-xuan-2023", "hd-10-dong-xuan-2023", "hd-1-dong-xuan-2023",
                      "hd-9-dong-xuan"]


def test_a_story_s_byline_names_its_commune_once(tmp_path):
    """A story of a commune written by that commune's own committee: the byline names it once."""
    story = STORY_XA.replace("author: ubnd-tinh-dong-xuan\n", "author: ubnd-xa-an-phu\n")
    assert story != STORY_XA
    pages = pages_of(site_of(honor_data(tmp_path, {"stories/xa-an-phu-ve-dich-som.yml": story})))
    page = next(p for url, p in pages.items() if url.startswith("dien-hinh/") and "Xã An Phú về đích sớm" in p.title)
    meta = re.search(r'<p class="td-story__meta">(.*?)</p>', page.body, re.S).group(1)
    assert meta.count("ubnd-xa-an-phu") == 1, meta


def test_an_authority_page_lists_its_newest_stories_and_leads_to_all(tmp_path):

    extra = {}
    for i in range(STORIES_SHOWN + 2):  # by the province's committee, one a day
        extra[f"stories/cau-chuyen-{i}.yml"] = STORY_XA.replace("xa-an-phu-ve-dich-som", f"cau-chuyen-{i}").replace(
            "Xã An Phú về đích sớm", f"Câu chuyện số {i}").replace("'2023-05-05'", f"'2024-03-{i + 1:02d}'")
    pages = pages_of(site_of(honor_data(tmp_path, extra)))
    body = pages["co-quan/ubnd-tinh-dong-xuan/"].body
    section = body.split('id="dien-hinh"')[1]
    listed = re.findall(r'href="\.\./\.\./dien-hinh/([^/"]+)/"', section)
    assert listed == [f"cau-chuyen-{i}" for i in reversed(range(2, STORIES_SHOWN + 2))]
    total = 1 + STORIES_SHOWN + 2  # the fixture's story by the committee, and these
    assert f"Cơ quan có {total} câu chuyện gương điển hình; dưới đây là {STORIES_SHOWN} câu chuyện mới nhất." in section
    assert 'href="../../dien-hinh/co-quan/ubnd-tinh-dong-xuan/"' in section


def test_a_plan_s_map_folds_its_implementing_documents_past_ten(tmp_path):
    """A province's plan is implemented by a hundred and more (a list 20,000 px long on a phone): its
    map lists the first FOLD_AFTER and folds the rest, every one still on the page."""

    extra = commune_plans(FOLD_AFTER + 3, implementing="kh-2-dong-xuan-2022")
    body = pages_of(site_of(honor_data(tmp_path, extra)))["van-ban/kh-2-dong-xuan-2022/"].body
    for heading, summary in (('id="thuc-hien-boi"', "Xem thêm 3 văn bản</summary>"),
                             ('id="vi-tri"', "Xem thêm 3 văn bản thực hiện</summary>")):
        section = body.split(heading)[1].split("</section>")[0]
        shown, folded = section.split(summary) if summary in section else (section, "")
        assert folded, heading
        implementing = lambda text: set(re.findall(r'href="\.\./(kh-\d+-xa-an-phu-2022)/"', text))  # noqa: E731
        assert len(implementing(shown)) == FOLD_AFTER and len(implementing(folded)) == 3, heading
        assert implementing(shown) | implementing(folded) == {f"kh-{i + 1}-xa-an-phu-2022" for i in range(FOLD_AFTER + 3)}


def test_a_campaign_tree_folds_a_branch_past_ten_children(tmp_path):
    """A province's plan has a hundred commune plans under it (the tree was 59,000 px on a phone): a
    document with more than FOLD_AFTER children draws them folded, every one still in the tree; one
    with FOLD_AFTER draws them open."""
    from bs4 import BeautifulSoup

    def branch(n):
        body = pages_of(site_of(honor_data(tmp_path / str(n), commune_plans(n, implementing="kh-2-dong-xuan-2022"))))
        tree = BeautifulSoup(body["phong-trao/vi-nguoi-ngheo-2021-2025/"].body, "html.parser").select_one(".td-tree")
        node = next(li for li in tree.find_all("li")
                    if li.find("a")["href"] == "../../van-ban/kh-2-dong-xuan-2022/")
        children = node.find("ul")
        plans = {a["href"] for a in children.find_all("a") if "-xa-an-phu-" in a["href"]}
        assert plans == {f"../../van-ban/kh-{i + 1}-xa-an-phu-2022/" for i in range(n)}
        return children.parent

    folded = branch(FOLD_AFTER + 1)
    assert folded.name == "details" and "td-branch" in folded["class"] and not folded.has_attr("open")
    assert folded.summary.get_text() == f"Xem {FOLD_AFTER + 1} văn bản thực hiện"
    assert branch(FOLD_AFTER).name == "li"  # open: the list hangs from the document's own box


def test_a_document_under_two_others_is_drawn_under_both_its_subtree_once(tmp_path):
    """A province's plan implementing the national decision and resting on its guidance was drawn
    under each with all its 130 plans. Its box is under both; its own plans under the first only,
    the other box saying where they are."""
    from bs4 import BeautifulSoup

    both = commune_plan(9, (("kh-2-dong-xuan-2022", "implements"), ("qd-1-ttg-2021", "based-on")), date="2022-05-20",
                        title="Kế hoạch của xã thực hiện hai văn bản")
    extra = {**both, **commune_plans(2, implementing="kh-9-xa-an-phu-2022")}
    body = pages_of(site_of(honor_data(tmp_path, extra)))["phong-trao/vi-nguoi-ngheo-2021-2025/"].body
    tree = BeautifulSoup(body, "html.parser").select_one(".td-tree")
    boxes = [li for li in tree.find_all("li") if li.find("a")["href"] == "../../van-ban/kh-9-xa-an-phu-2022/"]
    assert len(boxes) == 2  # under the provincial plan and under the national decision
    drawn = [{a["href"] for a in box.select(":scope ul a") if "-xa-an-phu-2022/" in a["href"]} for box in boxes]
    assert sorted(map(len, drawn)) == [0, 2]  # its two plans, once
    repeated = boxes[[len(d) for d in drawn].index(0)]
    assert "xem ở nhánh khác của cây" in repeated.get_text()
    assert tree.get_text().count("xem ở nhánh khác của cây") == 1  # a leaf drawn twice says nothing


def test_a_year_s_only_level_is_open_and_several_are_folded(tmp_path):
    """The fixture's plans in force in 2022 are all the province's: its one level's fold is open. A
    commune's plan added, two levels, both folded."""
    def folds(extra, name):
        body = pages_of(site_of(honor_data(tmp_path / name, extra)))["nam/2022/"].body
        return [(m.group(1) is not None, m.group(2)) for m in
                re.finditer(r'<details class="td-fold td-level"( open)?><summary><h3>([^<]+)</h3>', body)]

    one = folds({}, "one")
    assert len(one) == 1 and one[0][0], one
    two = folds(commune_plans(1), "two")
    assert len(two) == 2 and not any(opened for opened, _ in two), two


def test_an_authority_s_subordinates_fold_by_level_past_ten(tmp_path):
    """A province's hundred communes and thirty departments were 8,000 px on its page and in the
    directory on a phone: each level of more than FOLD_AFTER is folded behind its count, and every
    authority is still on the page, linked; a level of fewer is listed as before, each with its level."""
    communes = {f"authorities/ubnd-xa-so-{i}.yml": (f"id: ubnd-xa-so-{i}\nname: Ủy ban nhân dân xã Số {i}\n"
                                                    "level: commune\nparent: ubnd-tinh-dong-xuan\n")
                for i in range(FOLD_AFTER + 2)}
    central = {f"authorities/bo-so-{i}.yml": f"id: bo-so-{i}\nname: Bộ Số {i}\nlevel: central\n" for i in range(FOLD_AFTER + 1)}
    pages = pages_of(site_of(honor_data(tmp_path, {**communes, **central})))
    central_part = pages["co-quan/"].body.split('id="trung-uong"')[1].split("<h2")[0]
    assert "<summary>Xem " in central_part and " cơ quan trung ương</summary>" in central_part  # not "Xem 12 trung ương"
    want = {f"ubnd-xa-so-{i}" for i in range(FOLD_AFTER + 2)} | {"ubnd-xa-an-phu"}
    for url, section in (("co-quan/ubnd-tinh-dong-xuan/", lambda body: body.split('id="truc-thuoc"')[1].split("<h2")[0]),
                         ("co-quan/", lambda body: body.split('id="ubnd-tinh-dong-xuan"')[1].split("<h2")[0])):
        listed = section(pages[url].body)
        shown, folded = listed.split(f"<summary>Xem {FOLD_AFTER + 3} xã, phường, thị trấn</summary>")
        linked = lambda text: set(re.findall(r'href="(?:\.\./)?(ubnd-xa-[a-z0-9-]+)/"', text))  # noqa: E731
        assert linked(folded) == want and not linked(shown), url
        assert 'so-noi-vu-dong-xuan/">Sở Nội vụ tỉnh Đồng Xuân</a> <span class="td-muted">(Sở, ban, ngành)</span>' in shown, url
        assert "(Xã, phường, thị trấn)" not in folded, url  # the summary names the level
        assert shown.index("Sở Nội vụ") < listed.index("<details"), url  # levels top down
