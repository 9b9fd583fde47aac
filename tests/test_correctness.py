"""What the portal says must be right (issue 12), asserted on a site built from a small data folder
written here: authorities after the 2025 reorganisation (several successors with their shares,
"trước là" only for a renamed body, an unknown outcome said so, each change with its act or marked
unsourced), awards granted by office-holders under the right articles, text kept as meaning, year
pages, the print view's header, a plan's source, and sample data marked wherever it goes.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from conftest import build, write_tree
from thidua.validate import validate

NQ202 = """change_source:
  type: nghi-quyet
  number: 202/2025/QH15
  date: '2025-06-12'
  issuer: Quốc hội
"""

DATA: dict[str, str] = {
    # --- authorities: a province merged into another, a department split among four, a renamed
    # body, a district abolished and a commune whose outcome is not recorded
    "authorities/ubnd-tinh-a.yml": "id: ubnd-tinh-a\nname: Ủy ban nhân dân tỉnh A\nshort_name: UBND tỉnh A\n"
                                   "level: province\nuntil: '2025-07-01'\nsuccessor: ubnd-tinh-c\nchange: merged\n"
                                   "change_note: Tỉnh A sáp nhập vào tỉnh C.\n" + NQ202,
    "authorities/ubnd-tinh-c.yml": "id: ubnd-tinh-c\nname: Ủy ban nhân dân tỉnh C\nshort_name: UBND tỉnh C\n"
                                   "level: province\nchange_note: Tiếp nhận tỉnh A.\n" + NQ202,
    "authorities/so-ldtbxh-a.yml": """\
id: so-ldtbxh-a
name: Sở Lao động - Thương binh và Xã hội tỉnh A
short_name: Sở LĐ-TB&XH A
level: department
parent: ubnd-tinh-a
until: 2025-03
change: split
successors:
- {authority: so-nnmt-a, functions: giảm nghèo}
- {authority: so-noi-vu-a, functions: "lao động, tiền lương, việc làm, người có công"}
""",
    "authorities/so-nnmt-a.yml": "id: so-nnmt-a\nname: Sở Nông nghiệp và Môi trường tỉnh A\nshort_name: Sở NN&MT A\n"
                                 "level: department\nparent: ubnd-tinh-a\nsince: 2025-03\nuntil: '2025-07-01'\n"
                                 "successor: so-nnmt-c\nchange: merged\n",
    "authorities/so-nnmt-c.yml": "id: so-nnmt-c\nname: Sở Nông nghiệp và Môi trường tỉnh C\nshort_name: Sở NN&MT C\n"
                                 "level: department\nparent: ubnd-tinh-c\n",
    "authorities/so-noi-vu-a.yml": "id: so-noi-vu-a\nname: Sở Nội vụ tỉnh A\nshort_name: Sở Nội vụ A\n"
                                   "level: department\nparent: ubnd-tinh-a\nuntil: '2025-07-01'\n"
                                   "successor: so-noi-vu-c\nchange: merged\n",
    "authorities/so-noi-vu-c.yml": "id: so-noi-vu-c\nname: Sở Nội vụ tỉnh C\nshort_name: Sở Nội vụ C\n"
                                   "level: department\nparent: ubnd-tinh-c\n",
    "authorities/so-cu-a.yml": "id: so-cu-a\nname: Sở Tên Cũ tỉnh A\nshort_name: Sở Tên Cũ A\nlevel: department\n"
                               "parent: ubnd-tinh-a\nuntil: '2024-01-01'\nsuccessor: so-moi-a\nchange: renamed\n",
    "authorities/so-moi-a.yml": "id: so-moi-a\nname: Sở Tên Mới tỉnh A\nshort_name: Sở Tên Mới A\nlevel: department\n"
                                "parent: ubnd-tinh-a\n",
    "authorities/ubnd-huyen-h.yml": "id: ubnd-huyen-h\nname: Ủy ban nhân dân huyện H\nshort_name: UBND huyện H\n"
                                    "level: district\nparent: ubnd-tinh-a\nuntil: '2025-07-01'\nchange: abolished\n",
    "authorities/ubnd-xa-x.yml": "id: ubnd-xa-x\nname: Ủy ban nhân dân xã X\nshort_name: UBND xã X\nlevel: commune\n"
                                 "parent: ubnd-huyen-h\nuntil: '2025-07-01'\nchange: reorganised\n",
    "authorities/thu-tuong.yml": "id: thu-tuong\nname: Thủ tướng Chính phủ\nlevel: central\n",
    "campaigns/vi-nguoi-ngheo.yml": "id: vi-nguoi-ngheo\nname: Vì người nghèo\nperiod: 2021-2025\n",
    # --- award forms: the office that grants each, and the articles of Law 06/2022/QH15
    "award-forms/bang-khen-tinh.yml": """\
id: bang-khen-tinh
name: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh
granted_by_levels: [province]
granted_by_office: Chủ tịch Ủy ban nhân dân tỉnh
subjects: [collective, individual, household, district, commune]
rank: 60
legal_basis: "Luật Thi đua, khen thưởng số 06/2022/QH15: Điều 9; Điều 79"
""",
    "award-forms/bang-khen-tt.yml": """\
id: bang-khen-tt
name: Bằng khen của Thủ tướng Chính phủ
granted_by_levels: [central]
granted_by: thu-tuong
granted_by_office: Thủ tướng Chính phủ
subjects: [collective, individual, household, district, commune]
rank: 80
""",
    "award-forms/giay-khen-so.yml": """\
id: giay-khen-so
name: Giấy khen của Giám đốc Sở
granted_by_levels: [department]
granted_by_office: Giám đốc Sở
subjects: [collective, individual]
rank: 40
legal_basis: "Luật Thi đua, khen thưởng số 06/2022/QH15: khoản 1 Điều 80"
""",
    "award-forms/giay-khen-xa.yml": """\
id: giay-khen-xa
name: Giấy khen của Chủ tịch Ủy ban nhân dân xã
granted_by_levels: [commune]
granted_by_office: Chủ tịch Ủy ban nhân dân xã
subjects: [collective, individual, household]
rank: 20
legal_basis: "Luật Thi đua, khen thưởng số 06/2022/QH15: khoản 3 Điều 80"
""",
    # --- a province's plan: undated (rests on a plan of 2022), a target with its alternative,
    # proposals, a prerequisite, yearly deadlines to a body that ceased in 2025, a source
    "documents/kh-tt-2022.yml": """\
id: kh-tt-2022
type: quyet-dinh
number: 1/QĐ-TTg
date: '2022-06-02'
title: Kế hoạch của Thủ tướng
authority: thu-tuong
transcribed: false
""",
    "documents/kh-tinh-a.yml": """\
id: kh-tinh-a
type: ke-hoach
title: Tổ chức thực hiện Phong trào thi đua của tỉnh A
authority: ubnd-tinh-a
campaign: vi-nguoi-ngheo
period: 2021-2025
basis: [{document: kh-tt-2022, relation: based-on}]
signer: {capacity: TM, on_behalf_of: Ủy ban nhân dân, title: Chủ tịch}
source: shared/seeds/ke-hoach-tinh-a.txt
source_label: Văn bản đã ký
source_url: https://example.org/kh-tinh-a.pdf
body:
  - label: "1."
    title: Tiêu chí
    role: criteria
    text: "Giảm tỷ lệ nghèo từ 4%/năm trở lên hoặc quy mô hộ nghèo giảm trên 50% so với đầu kỳ."
    items:
      - target: {metric: Tỷ lệ nghèo, value: 4, unit: "%", comparison: gte, trend: decrease, per_year: true}
      - target: {metric: Quy mô hộ nghèo so với đầu kỳ, value: 50, unit: "%", comparison: gt, trend: decrease,
                 alternative: true}
  - label: "2."
    title: Hình thức khen thưởng
    role: awards
    items:
      - label: "a)"
        text: "Tỉnh chọn 01 đơn vị cấp huyện đề nghị Thủ tướng Chính phủ tặng Bằng khen; có ít nhất 02 lần được tặng Bằng khen của Chủ tịch UBND tỉnh."
        award:
          forms: [bang-khen-tt]
          granted_by: thu-tuong
          occasions: [final]
          quotas: [{subjects: [district], min: 1, max: 1, occasion: final, scope: Tỉnh chọn, proposals: true}]
          prerequisites: [{any_of: [{form: bang-khen-tinh, count: 2}], occasion: final}]
      - label: "b)"
        text: "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: không quá 10 tập thể mỗi năm."
        award:
          forms: [bang-khen-tinh]
          granted_by: ubnd-tinh-a
          occasions: [yearly, final]
          quotas: [{subjects: [collective], max: 10, occasion: yearly}]
  - label: "3."
    title: Thời hạn
    role: deadlines
    text: "Trước ngày 10 tháng 11 hằng năm gửi báo cáo về Sở Lao động - Thương binh và Xã hội."
    deadline: {what: Gửi báo cáo, kind: report, yearly: "11-10", to: Sở Lao động - Thương binh và Xã hội,
               to_authority: so-ldtbxh-a}
""",
    # --- a department's plan dated from its schedule (inferred), signed without a printed name
    "documents/kh-so-a.yml": """\
id: kh-so-a
type: ke-hoach
title: Kế hoạch của Sở Tên Mới
authority: so-moi-a
date: 2023-10
date_source: inferred
period: 2021-2025
signer: {capacity: KT, on_behalf_of: Giám đốc, title: Phó Giám đốc}
body:
  - {label: "1.", title: Mục đích, role: purposes, text: Đẩy mạnh phong trào.}
""",
    # --- a commune's plan, printed issuer lines, dated
    "documents/kh-xa-x.yml": """\
id: kh-xa-x
type: ke-hoach
title: Kế hoạch của xã X
authority: ubnd-xa-x
date: '2022-08-20'
period: 2022-2025
issuer_lines: [ỦY BAN NHÂN DÂN, XÃ X]
signer: {capacity: TM, on_behalf_of: Ủy ban nhân dân, title: Chủ tịch, name: Ngô Văn Quyên}
body:
  - {label: "1.", title: Mục đích, role: purposes, text: Đẩy mạnh phong trào.}
""",
    "documents/kh-xa-x-cu.yml": """\
id: kh-xa-x-cu
type: ke-hoach
title: Kế hoạch năm 2022 của xã X, chưa có toàn văn
authority: ubnd-xa-x
date: '2022-01-05'
transcribed: false
""",
    # --- sample data
    "decisions/qd-mau-1-2023.yml": """\
id: qd-mau-1-2023
number: 77/QĐ-UBND-MẪU
date: '2023-12-15'
authority: ubnd-tinh-a
form: bang-khen-tinh
occasion: yearly
campaign: vi-nguoi-ngheo
plan: kh-tinh-a
sample: true
recipients:
  - {kind: collective, name: Tổ hợp tác Mẫu Một, unit: xã X, achievement: Nội dung minh họa.}
""",
    "decisions/qd-xa-2024.yml": """\
id: qd-xa-2024
number: 12/QĐ-UBND
date: '2024-12-20'
authority: ubnd-xa-x
form: giay-khen-xa
occasion: yearly
recipients:
  - {kind: individual, name: Trần Thị Thật, unit: xã X, achievement: Thành tích thật.}
""",
    "stories/chuyen-mau.yml": """\
id: chuyen-mau
title: Câu chuyện mẫu về Tổ hợp tác Mẫu Một
date: '2024-01-10'
subject: {decision: qd-mau-1-2023, recipient: to-hop-tac-mau-mot}
sample: true
body: Câu chuyện minh họa.
""",
}


def text_of(page: str) -> str:
    page = re.sub(r"<script.*?</script>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("correctness")
    data = write_tree(root / "data", DATA)
    _, report = validate(data)
    assert not report.problems, [(p.file, p.message) for p in report.problems]
    build(root, data)
    return root / "site"


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def body(site: Path, url: str) -> str:
    """The page's own content as text (after the header and navigation)."""
    page = read(site, url)
    start = page.find('<article class="md-content__inner')
    return text_of(page[start:] if start >= 0 else page)


def jsonld(site: Path, url: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', read(site, url), re.S)]


def search_entries(site: Path) -> dict[str, dict]:
    """What the search index (Pagefind's) holds of each page: its title and its text as results show them."""
    from test_search_index import fragments

    out = {}
    for url, fragment in fragments(site).items():
        blocks = fragment["text"]
        text = " ".join(b if isinstance(b, str) else " ".join(x for x in b if x) for b in blocks[1:])
        out[url.lstrip("/")] = {"title": fragment["meta"]["title"], "text": text,
                                "sample": fragment["meta"].get("s") == "1"}
    return out


# --- Authorities and their history


def test_a_split_body_names_each_successor_with_its_share_and_is_never_now_one_of_them(site):
    page = body(site, "co-quan/so-ldtbxh-a/")
    assert "nhiệm vụ chia cho 2 cơ quan" in page
    assert "Giảm nghèo: Sở Nông nghiệp và Môi trường tỉnh A , nay là Sở Nông nghiệp và Môi trường tỉnh C" in page
    assert "Lao động, tiền lương, việc làm, người có công: Sở Nội vụ tỉnh A" in page
    assert "Nay là Sở Nội vụ" not in page and "nay là Sở Nội vụ tỉnh A" not in page
    # the body that took a share says which share, never that the split body was its former name
    taker = body(site, "co-quan/so-nnmt-a/")
    assert "Tiếp nhận nhiệm vụ từ Sở Lao động - Thương binh và Xã hội tỉnh A : phần nhiệm vụ giảm nghèo" in taker
    assert "Tiền thân" not in taker and "trước là" not in taker


def test_trước_là_only_for_a_renamed_body_in_pages_and_search_entries(site):
    entries = search_entries(site)
    renamed = entries["co-quan/so-moi-a/"]["text"]
    assert "trước là Sở Tên Cũ tỉnh A" in renamed
    assert "trước là Sở Tên Cũ tỉnh A" in body(site, "co-quan/so-moi-a/")
    for absorber in ("co-quan/ubnd-tinh-c/", "co-quan/so-noi-vu-c/", "co-quan/so-nnmt-c/", "co-quan/so-noi-vu-a/",
                     "co-quan/so-nnmt-a/"):
        assert "trước là" not in entries[absorber]["text"], absorber
        assert "trước là" not in body(site, absorber), absorber
    assert "tiếp nhận Ủy ban nhân dân tỉnh A" in entries["co-quan/ubnd-tinh-c/"]["text"]
    assert "tiếp nhận nhiệm vụ giảm nghèo của Sở Lao động - Thương binh và Xã hội tỉnh A" in \
        entries["co-quan/so-nnmt-a/"]["text"]


def test_an_unknown_outcome_is_said_so_and_the_former_parent_is_not_presented_as_current(site):
    page = body(site, "co-quan/ubnd-xa-x/")
    assert "Sắp xếp sau 01/07/2025: chưa cập nhật" in page
    assert "Ủy ban nhân dân huyện H (chấm dứt hoạt động từ 01/07/2025)" in page
    assert "parentOrganization" not in json.dumps(jsonld(site, "co-quan/ubnd-xa-x/"))
    assert "dissolutionDate" not in json.dumps(jsonld(site, "co-quan/ubnd-xa-x/"))
    # wherever the commune is named, its outcome goes with it
    assert "UBND xã X" in body(site, "van-ban/kh-xa-x/") or "Ủy ban nhân dân xã X" in body(site, "van-ban/kh-xa-x/")
    assert "sắp xếp sau 01/07/2025: chưa cập nhật" in body(site, "van-ban/kh-xa-x/")


def test_one_wording_for_an_end_and_one_date_format_per_page(site):
    for url in ("co-quan/ubnd-tinh-a/", "co-quan/so-noi-vu-a/", "co-quan/ubnd-huyen-h/", "co-quan/ubnd-xa-x/"):
        page = body(site, url)
        assert "Hoạt động đến" not in page and "Đã sáp nhập từ" not in page and "(đến 01/07" not in page, url
        assert not re.search(r"\b\d{1,2}/[1-9]/20\d\d\b", page), f"{url}: a date not written dd/mm/yyyy"
    assert "chấm dứt hoạt động từ 01/07/2025" in body(site, "co-quan/ubnd-tinh-a/")
    assert "Chấm dứt hoạt động từ 01/07/2025" in body(site, "co-quan/ubnd-huyen-h/")


def test_each_change_carries_its_act_or_is_marked_unsourced(site):
    assert "Căn cứ: Nghị quyết số 202/2025/QH15 ngày 12/06/2025 của Quốc hội" in body(site, "co-quan/ubnd-tinh-a/")
    assert "Căn cứ: Nghị quyết số 202/2025/QH15" in body(site, "co-quan/ubnd-tinh-c/")
    for url in ("co-quan/so-ldtbxh-a/", "co-quan/ubnd-xa-x/", "co-quan/ubnd-huyen-h/"):
        assert "chưa có số, ngày văn bản quy định thay đổi (chưa xác minh nguồn)" in body(site, url), url


# --- Awards


def test_the_granting_authority_is_the_office_holder(site):
    plan = body(site, "van-ban/kh-tinh-a/")
    assert "Thẩm quyền: Thủ tướng Chính phủ" in plan
    assert "Thẩm quyền: Chủ tịch Ủy ban nhân dân tỉnh A" in plan
    assert "cấp trung ương" not in plan.lower().replace("trung ương,", "")
    assert "Thẩm quyền quyết định Chủ tịch Ủy ban nhân dân tỉnh" in body(site, "hinh-thuc/bang-khen-tinh/")
    assert "Thẩm quyền quyết định Giám đốc Sở" in body(site, "hinh-thuc/giay-khen-so/")
    assert "Thẩm quyền quyết định Chủ tịch Ủy ban nhân dân xã" in body(site, "hinh-thuc/giay-khen-xa/")
    assert "Thẩm quyền quyết định Thủ tướng Chính phủ" in body(site, "hinh-thuc/bang-khen-tt/")
    assert "Người có thẩm quyền Chủ tịch Ủy ban nhân dân xã X" in body(site, "khen-thuong/qd-xa-2024/")


def test_award_forms_show_their_articles(site):
    assert "Điều 79" in body(site, "hinh-thuc/bang-khen-tinh/")
    assert "khoản 1 Điều 80" in body(site, "hinh-thuc/giay-khen-so/")
    assert "khoản 3 Điều 80" in body(site, "hinh-thuc/giay-khen-xa/")


def test_text_kept_as_meaning(site):
    plan = body(site, "van-ban/kh-tinh-a/")
    # a lower bound stays one: "từ 4%/năm trở lên"
    assert "giảm từ 4%/năm trở lên" in plan
    # alternatives joined by "hoặc" are one criterion: one row of the targets table
    table = re.search(r'<table class="td-targets">.*?</table>', read(site, "van-ban/kh-tinh-a/"), re.S).group(0)
    assert table.count("<tr>") == 2  # the header and one criterion
    assert "Tỷ lệ nghèo hoặc Quy mô hộ nghèo so với đầu kỳ" in text_of(table)
    # "ít nhất" is kept in prerequisites
    assert "đã được tặng ít nhất 02 lần Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in plan
    # "Tỉnh chọn" is a number of proposals, not a quota granted
    assert "Số lượng đề nghị (tỉnh chọn), không phải số được khen thưởng" in plan
    assert "Số lượng khen thưởng Đối tượng Số lượng Dịp Tập thể không quá 10" in plan


# --- Dates and periods


def test_a_plan_is_on_year_pages_from_the_year_it_was_issued(site):
    for url, year_absent, year_present in (("van-ban/kh-tinh-a/", 2021, 2022), ("van-ban/kh-so-a/", 2022, 2023)):
        assert url not in read(site, f"nam/{year_absent}/"), (url, year_absent)
        assert url in read(site, f"nam/{year_present}/"), (url, year_present)
    # its yearly deadlines only from then on
    assert "trước 10/11/2021" not in body(site, "nam/2021/")
    assert "trước 10/11/2022" in body(site, "nam/2022/")


def test_deadlines_addressed_to_a_body_that_had_ceased_are_marked(site):
    assert "(gửi Sở LĐ-TB&XH A : chấm dứt hoạt động từ tháng 03/2025, nhiệm vụ chia cho 2 cơ quan)" in \
        body(site, "nam/2025/")
    assert "chấm dứt hoạt động" not in re.search(r"trước 10/11/2024.*?—", body(site, "nam/2024/")).group(0)
    assert "(Sở LĐ-TB&XH A: chấm dứt hoạt động từ tháng 03/2025" in body(site, "van-ban/kh-tinh-a/")


# --- Print view


def print_header(site: Path, url: str) -> str:
    return re.search(r'<header class="td-print-header".*?</header>', read(site, url), re.S).group(0)


def test_print_header_reproduces_the_issuer_lines_and_invents_nothing(site):
    commune = print_header(site, "van-ban/kh-xa-x/")
    assert re.findall(r'<div class="td-issuer-[a-z]+">([^<]*)</div>', commune) == ["ỦY BAN NHÂN DÂN", "XÃ X"]
    assert "HUYỆN H" not in commune
    department = print_header(site, "van-ban/kh-so-a/")
    assert re.findall(r'<div class="td-issuer-[a-z]+">([^<]*)</div>', department) == ["SỞ TÊN MỚI TỈNH A"]
    assert "UBND TỈNH A" not in department and "ỦY BAN NHÂN DÂN TỈNH A" not in department


def test_an_inferred_date_is_never_the_printed_place_and_date_line(site):
    header = print_header(site, "van-ban/kh-so-a/")
    assert "td-place-date" not in header
    assert "suy ra" in header
    assert '<div class="td-place-date">20/08/2022</div>' in print_header(site, "van-ban/kh-xa-x/")


def test_no_signed_mark_the_text_lacks(site):
    for url in ("van-ban/kh-so-a/", "van-ban/kh-tinh-a/"):
        assert "đã ký" not in read(site, url).lower().replace("văn bản đã ký", ""), url


def test_a_plans_source_is_a_label_and_a_link_never_a_file_path(site):
    page = read(site, "van-ban/kh-tinh-a/")
    assert '<a href="https://example.org/kh-tinh-a.pdf">Văn bản đã ký</a>' in page
    assert "shared/seeds" not in page and ".txt" not in text_of(page)


# --- Sample data


def test_sample_pages_are_marked_in_title_description_open_graph_and_json_ld(site):
    for url in ("khen-thuong/qd-mau-1-2023/", "dien-hinh/chuyen-mau/"):
        page = read(site, url)
        assert re.search(r"<title>\[Dữ liệu mẫu\] ", page), url
        assert re.search(r'og:title" content="\[Dữ liệu mẫu\] ', page), url
        assert re.search(r'og:description" content="Dữ liệu mẫu', page), url
        assert re.search(r'name="description" content="Dữ liệu mẫu', page), url
        data = jsonld(site, url)
        assert data and all(d["@type"] == "CreativeWork" and d["genre"] == "Dữ liệu mẫu" for d in data), url
        assert "Legislation" not in json.dumps(data) and "legislation" not in json.dumps(data), url
    assert jsonld(site, "khen-thuong/qd-xa-2024/")[0]["@type"] == "Legislation"
    assert "[Dữ liệu mẫu]" not in read(site, "khen-thuong/qd-xa-2024/")


def test_sample_search_entries_and_finder_results_are_marked(site):
    entries = search_entries(site)
    # results label them "Dữ liệu mẫu" from this mark (search-worker.js; tests/test_search_browser.py)
    assert entries["khen-thuong/qd-mau-1-2023/"]["sample"] and entries["dien-hinh/chuyen-mau/"]["sample"]
    assert not entries["khen-thuong/qd-xa-2024/"]["sample"]
    shards = [json.loads(p.read_text(encoding="utf-8")) for p in (site / "vinh-danh" / "du-lieu" / "p").glob("*.json")]
    decisions = {d[0]: d for shard in shards for d in shard["d"]}
    assert decisions["qd-mau-1-2023"][1] == "77/QĐ-UBND-MẪU" and decisions["qd-mau-1-2023"][7] == 1
    assert decisions["qd-xa-2024"][7] == 0


def test_sample_numbers_carry_the_marker_and_only_theirs(tmp_path):
    data = dict(DATA)
    data["decisions/qd-mau-1-2023.yml"] = data["decisions/qd-mau-1-2023.yml"].replace("77/QĐ-UBND-MẪU", "77/QĐ-UBND")
    data["decisions/qd-xa-2024.yml"] = data["decisions/qd-xa-2024.yml"].replace("12/QĐ-UBND", "12/QĐ-UBND-MẪU")
    _, report = validate(write_tree(tmp_path / "data", data))
    found = sorted((p.rule, Path(p.file).name, p.message) for p in report.problems)
    assert found == [
        ("sample-number", "qd-mau-1-2023.yml", "a sample's number must say it is invented"),
        ("sample-number", "qd-xa-2024.yml", "only sample data has a number marked as a sample"),
    ], found


def test_names_are_listed_in_vietnamese_alphabetical_order(tmp_path):
    """Code-point order put "Bắc" after "Bình" and every "Đ" last: ă, â, đ, ê, ô, ơ, ư are letters of
    their own, a tone counts only between equal letters, numbers as numbers."""
    from award_data import make_data
    from thidua.text import sort_key

    names = ["Anh Sơn", "An Phú", "Âm Hạ", "Ăn Hòa", "Bình Đông", "Bắc Vinh", "Buôn Ró", "Đông Hòa", "Dũng Tiến",
             "Thôn 10", "Thôn 2", "Hải Định", "Hà Lập"]
    expected = ["An Phú", "Anh Sơn", "Ăn Hòa", "Âm Hạ", "Bắc Vinh", "Bình Đông", "Buôn Ró", "Dũng Tiến", "Đông Hòa",
                "Hà Lập", "Hải Định", "Thôn 2", "Thôn 10"]
    assert sorted(names, key=sort_key) == expected
    assert sorted(["ha", "hạ", "há", "hã", "hả", "hà"], key=sort_key) == ["ha", "hà", "hả", "hã", "há", "hạ"]
    assert sort_key("Hiến 100 m²") < sort_key("Hiến 100 m³") and sort_key("①")  # digits int() cannot read
    files = {f"authorities/xa-{n}.yml": f"id: xa-{n}\nname: Ủy ban nhân dân xã {name}\nshort_name: UBND xã {name}\n"
                                        "level: commune\nparent: ubnd-tinh-a\n" for n, name in enumerate(names)}
    for n in range(len(names)):  # a plan of each commune, in a campaign of its own
        files[f"campaigns/pt-{n}.yml"] = f"id: pt-{n}\nname: Phong trào {names[n]}\nperiod: 2021-2025\n"
        files[f"documents/kh-{n}-xa.yml"] = (f"id: kh-{n}-xa\ntype: ke-hoach\nnumber: {n + 1}/KH-UBND\ndate: '2023-02-01'\n"
                                             f"authority: xa-{n}\ntitle: Kế hoạch\ncampaign: pt-{n}\nperiod: 2021-2025\n"
                                             "transcribed: false\n")
    build(tmp_path, make_data(tmp_path, files))
    site = tmp_path / "site"
    for page, pattern in (("co-quan/index.html", r">Ủy ban nhân dân xã ([^<]+)<"),  # the directory
                          ("co-quan/ubnd-tinh-a/index.html", r">Ủy ban nhân dân xã ([^<]+)<"),  # the province's communes
                          ("van-ban/index.html", r"<option value=\"xa-\d+\">UBND xã ([^<]+)<"),  # the index's filters
                          ("van-ban/index.html", r"<option value=\"pt-\d+\">Phong trào ([^<]+)<")):
        shown = [name for name in re.findall(pattern, (site / page).read_text(encoding="utf-8")) if name in names]
        assert shown == expected, (page, pattern, shown)


def test_a_campaign_counts_its_documents_by_level_top_down(frozen_site_dir):
    from thidua import model
    page = (frozen_site_dir / "phong-trao" / "vi-nguoi-ngheo-2021-2025" / "index.html").read_text(encoding="utf-8")
    shown = re.findall(r"văn bản cấp ([^<]+)</li>", page)
    order = [model.label(level).lower() for level in model.Level]
    assert len(shown) >= 3 and shown == sorted(shown, key=order.index), shown


def test_a_plan_s_deadlines_are_in_the_order_of_the_calendar(tmp_path):
    """A plan's timeline listed "before 01/11 every year" above "before 31/10 every year" (the
    text's order): one-off dates first by date, then the yearly ones by month and day."""
    from award_data import make_data

    plan = ("id: kh-5-ubnd-a-2023\ntype: ke-hoach\nnumber: 5/KH-UBND\ndate: '2023-01-05'\nauthority: ubnd-tinh-a\n"
            "title: Kế hoạch có thời hạn\nbody:\n  - label: '1.'\n    title: Hồ sơ\n    text: Nộp hồ sơ và báo cáo.\n"
            "    deadlines:\n"
            "      - {what: Nộp hồ sơ, kind: submission, yearly: '11-01'}\n"
            "      - {what: Báo cáo năm, kind: report, yearly: '10-31'}\n"
            "      - {what: Báo cáo tổng kết, kind: report, date: '2025-06-30'}\n"
            "      - {what: Báo cáo sơ kết, kind: report, date: '2024-03-15'}\n"
            "      - {what: Báo cáo trong năm, kind: report, date: '2024'}\n")
    build(tmp_path, make_data(tmp_path, {"documents/kh-5-ubnd-a-2023.yml": plan}))
    page = (tmp_path / "site" / "van-ban" / "kh-5-ubnd-a-2023" / "index.html").read_text(encoding="utf-8")
    timeline = page.split('id="tien-do"')[1].split("</ol>")[0]
    order = ["Báo cáo sơ kết", "Báo cáo trong năm", "Báo cáo tổng kết", "Báo cáo năm", "Nộp hồ sơ"]
    assert sorted(order, key=lambda what: timeline.index(f"{what}")) == order  # "in 2024" by its last day
