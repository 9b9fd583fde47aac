"""Accessibility and phone layout of every family of pages, in headless Chromium with axe-core.

One built site per session (conftest's `frozen_url`, the frozen copy of the data); each test opens one browser
context per viewport and walks the families, so the whole file stays well under a minute.
"""
from __future__ import annotations

import pytest

# One page of each family (issue 14): home, each index, plan, stub, authority, campaign, period, year,
# decision, honor roll, finder, story, statistics, 404.
FAMILIES = {
    "home": "",
    "documents index": "van-ban/",
    "campaigns index": "phong-trao/",
    "authorities index": "co-quan/",
    "periods index": "giai-doan/",
    "award forms index": "hinh-thuc/",
    "decisions index": "khen-thuong/",
    "stories index": "dien-hinh/",
    "plan": "van-ban/kh-ubnd-tinh-binh-thuan-vi-nguoi-ngheo-2021-2025/",
    "stub": "van-ban/hd-2357-btdkt-2022/",  # transcribed: false
    "authority": "co-quan/ubnd-tinh-binh-thuan/",
    "award form": "hinh-thuc/bang-khen-thu-tuong/",
    "campaign": "phong-trao/vi-nguoi-ngheo-2021-2025/",
    "period": "giai-doan/2021-2025/",
    "year": "nam/2024/",
    "decision": "khen-thuong/qd-2987-ubnd-binh-thuan-2024/",
    "honor roll": "vinh-danh/nam/2024/",
    "finder": "vinh-danh/",
    "story": "dien-hinh/htx-thanh-long-ham-minh/",
    "statistics": "thong-ke/",
    "404": "404.html",  # the test server does not send it for unknown paths; the page is the same
}
VIEWPORTS = {360: 740, 1280: 900}


def finder_ready(page, name: str = ""):
    page.wait_for_selector("form.td-finder[data-ready]")
    if name:
        page.fill("#td-q", name)
        page.wait_for_selector(".td-results[aria-busy=false] .td-result")


def open_family(page, site_url: str, family: str):
    response = page.goto(site_url + FAMILIES[family])
    assert response is not None and response.ok, family
    if family == "finder":
        finder_ready(page, "nguyen")  # check the results too, not only the empty form


@pytest.mark.parametrize("width", VIEWPORTS)
def test_no_serious_or_critical_axe_violation(browser, frozen_url, width):
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    context = browser.new_context(viewport={"width": width, "height": VIEWPORTS[width]}, locale="vi-VN")
    page = context.new_page()
    found = []
    for family in FAMILIES:
        open_family(page, frozen_url, family)
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in violation["nodes"]][:3]
                found.append(f"{family} @{width}px: {violation['id']} ({violation['impact']}): {targets}")
    context.close()
    assert found == []


def test_no_page_is_wider_than_a_phone(browser, frozen_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    wide = {}
    for family in FAMILIES:
        open_family(page, frozen_url, family)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[family] = width
    context.close()
    assert wide == {}


def test_first_finder_result_is_on_the_first_screen_of_a_phone(browser, frozen_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    page.goto(frozen_url + "vinh-danh/")
    # the filters fold behind one button (waited for: on a loaded machine the page is still being laid out)
    page.locator("summary:has-text('Bộ lọc')").wait_for(state="visible", timeout=15_000)
    assert page.is_hidden("select[name=nam]")
    finder_ready(page, "thanh long")
    box = page.locator(".td-result").first.bounding_box()
    assert box is not None and box["y"] + 40 <= 740, box  # its name is visible without scrolling
    page.click("summary:has-text('Bộ lọc')")
    assert page.is_visible("select[name=nam]")
    context.close()


def test_every_control_shows_a_2px_focus_ring(browser, frozen_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(frozen_url + "vinh-danh/")
    page.wait_for_selector("form.td-finder[data-ready]")
    rings = []
    page.keyboard.press("Tab")  # the skip link first
    for _ in range(25):
        ring = page.evaluate("""() => { const el = document.activeElement; const s = getComputedStyle(el);
            return [el.tagName + (el.id ? '#' + el.id : ''), s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
        rings.append(ring)
        page.keyboard.press("Tab")
    context.close()
    assert rings[0][0] == "A"
    assert any(r[0] == "INPUT#td-q" for r in rings)
    assert [r for r in rings if r[1] == "none" or r[2] < 2] == []


def test_skip_link_and_vietnamese_chrome_on_every_family(browser, frozen_url, frozen_site_dir):
    text = {}
    for family, url in FAMILIES.items():
        html = (frozen_site_dir / (url if url.endswith(".html") else url + "index.html")).read_text(encoding="utf-8")
        text[family] = html
        # Material's skip link (to the first contents entry) or, on a page without contents, theme/main.html's
        assert ('class="md-skip"' in html or 'class="td-skip"' in html) and 'id="noi-dung-chinh"' in html, family
        for english in ("Made with", "Material for MkDocs", "Initializing search", "Back to top", "Not found",
                        "fonts.googleapis", "fonts.gstatic"):
            assert english not in html, (family, english)
    assert "Không tìm thấy trang" in text["404"] and "Lên đầu trang" in text["home"]
    assert "Liên hệ" in text["home"]


def test_plan_leads_with_awards_and_a_link_opens_its_folded_section(browser, frozen_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    page.goto(frozen_url + FAMILIES["plan"])
    order = page.eval_on_selector_all("article h2[id]", "hs => hs.map(h => h.id)")
    assert order.index("khen-thuong") < order.index("tien-do") < order.index("noi-dung")
    assert page.is_visible("details.td-toc summary")  # the page's contents, on a phone
    assert page.is_hidden(".td-body .td-item")  # the text is folded
    page.click(".td-award a:has-text('Nguyên văn')")  # a link into the text opens its section
    page.wait_for_function("document.querySelectorAll('details.td-fold[open]').length > 0")
    target = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    assert page.is_visible(f"[id='{target}']")
    context.close()


ROW_LOOK = """row => Array.from(row.cells, c => [c.tagName, getComputedStyle(c).display,
    getComputedStyle(c, '::before').content, getComputedStyle(c).whiteSpace])"""


@pytest.mark.parametrize("family", ["decision", "honor roll"])
def test_recipient_rows_are_styled_by_column(browser, frozen_url, family):
    """A recipient row's cells carry no class or label (pages/lines.py: millions of rows): thidua.css
    names them by column. On a phone the number hides and each other cell says what it is; on a
    desktop the table is plain, its kind column unbroken."""
    columns = 5 if family == "decision" else 4  # the achievement is on the decision page only
    labels = ['"Đối tượng: "', '"Đơn vị, địa phương: "', '"Thành tích: "'][:columns - 2]
    seen = {}
    for width in VIEWPORTS:
        context = browser.new_context(viewport={"width": width, "height": VIEWPORTS[width]}, locale="vi-VN")
        page = context.new_page()
        open_family(page, frozen_url, family)
        seen[width] = page.eval_on_selector("table.td-lines tbody tr", ROW_LOOK)
        context.close()
    phone, desktop = seen[360], seen[1280]
    assert [c[0] for c in phone] == ["TD", "TH"] + ["TD"] * (columns - 2)
    assert phone[0][1] == "none" and [c[1] for c in phone[1:]] == ["block"] * (columns - 1)
    assert [c[2] for c in phone[1:]] == ["none", *labels]
    assert [c[1] for c in desktop] == ["table-cell"] * columns
    assert [c[2] for c in desktop] == ["none"] * columns
    assert desktop[0][3] == desktop[2][3] == "nowrap"


def test_story_awards_keep_their_own_column_labels(browser, frozen_url):
    """The story page's awards table looks like an honor roll (td-honor) but has other columns: the
    recipient rows' labels by position must not land on it."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    open_family(page, frozen_url, "story")
    cells = page.eval_on_selector("table.td-awards tbody tr", ROW_LOOK)
    context.close()
    assert [c[2] for c in cells] == ["none", '"Quyết định: "', '"Ngày: "', '"Cơ quan: "']
