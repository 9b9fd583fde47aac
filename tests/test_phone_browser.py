"""Nothing leaves the site's origin: every request made while loading each family of pages, using
search and using the finder, in headless Chromium (issue 14: no Google Fonts, no CDN script). And a
phone's labels of recipient rows are the tables' headings, whatever those hold."""
from __future__ import annotations

import yaml

from conftest import ROOT
from test_a11y_browser import FAMILIES, finder_ready, open_family
from thidua.pages.lines import label_properties

CSS = ROOT / "plugins" / "thidua" / "mkdocs_plugin" / "assets" / "stylesheets" / "thidua.css"
PHONE = {"width": 390, "height": 844}
LABELS = """row => Array.from(row.cells, c => getComputedStyle(c, '::before').content)"""


def test_no_request_leaves_the_origin(browser, frozen_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    for url in FAMILIES.values():
        page.goto(frozen_url + url, wait_until="networkidle")
    # search, as a reader uses it: the box in the header
    page.goto(frozen_url)
    page.click("label.md-search__icon, .md-search__input")
    page.fill(".md-search__input", "nghèo")
    page.wait_for_selector('.md-search-result[data-td-query="nghèo"]', state="attached", timeout=20000)
    # the finder: a name, then a filter
    page.goto(frozen_url + "vinh-danh/")
    finder_ready(page, "nguyen thi")
    page.select_option("select[name=nam]", index=1)
    page.wait_for_selector(".td-results[aria-busy=false]", state="attached")
    page.wait_for_load_state("networkidle")
    context.close()
    # Head links (feeds, JSON) are absolute on the configured site_url, the live site's own origin;
    # Material reads sitemap.xml beside them. Here the site is served elsewhere: count both as ours.
    live = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    ours = (frozen_url, live, "data:", "blob:")
    outside = sorted({u for u in requests if not u.startswith(ours)})
    assert outside == []
    assert any("/vinh-danh/du-lieu/p/" in u for u in requests)  # the finder did fetch its shards


def css_text(text: str) -> str:
    """`text` as Chromium gives back a CSS string (getComputedStyle's `content`)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_a_phones_row_labels_are_the_tables_headings(browser, frozen_url):
    """The headings are written once (honor_macros.html): the labels a phone shows before each cell
    of a recipient row are those of the table's own header, on the decision page and on a roll."""
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    for family in ("decision", "honor roll"):
        open_family(page, frozen_url, family)
        headings = page.eval_on_selector("table.td-lines thead tr", "tr => Array.from(tr.cells, th => th.textContent)")
        labels = page.eval_on_selector("table.td-lines tbody tr", LABELS)
        assert len(headings) == len(labels) >= 4, family
        # the number is hidden, the name heads the card: the other cells are named by their column
        assert labels == ["none", "none"] + [css_text(h + ": ") for h in headings[2:]], family
        # and no rule is drawn inside the card, above the name (the desktop table's row rule)
        rules = page.eval_on_selector("table.td-lines tbody tr",
                                      "row => Array.from(row.cells, c => getComputedStyle(c).borderTopWidth)")
        assert set(rules) == {"0px"}, family
    context.close()


def test_a_heading_with_quotes_or_markup_is_shown_as_it_is(browser):
    """A label is a CSS string inside an HTML attribute: no quote, backslash, semicolon or tag in it
    may end it early, nor change another label."""
    headings = ["TT", "Tên", 'Đối "tượng"', "Đơn vị'; --td-l5: 'bị ghi đè", 'Thành \\tích </style><b>&amp;']
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_content(f'<style>{CSS.read_text(encoding="utf-8")}</style><div class="md-typeset">'
                     f'<div class="td-honor-wrap" style="{label_properties(headings)}"><table class="td-honor td-lines">'
                     "<tbody><tr><td>1</td><th>A</th><td>x</td><td>y</td><td>z</td></tr></tbody></table></div></div>")
    labels = page.eval_on_selector("table.td-lines tbody tr", LABELS)
    context.close()
    assert labels == ["none", "none"] + [css_text(h + ": ") for h in headings[2:]]


# Elements holding text of their own (a word or more) that a phone renders in a column a few pixels
# wide, one character a line: a table caption once was, inside a table shown as cards; and captions
# that do not head their table (a caption made a block inside a table laid out as one falls into it).
SQUEEZED = """() => {
  const out = [];
  for (const el of document.querySelectorAll('.md-content *')) {
    const own = Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
    if (own.length < 4) continue;
    const box = el.getBoundingClientRect();
    if (!(box.width > 0 && box.width < 40 && box.height > 60)) continue;
    let hidden = false;  // a table's headings, clipped for screen readers only
    for (let a = el; a && !hidden; a = a.parentElement) hidden = getComputedStyle(a).clip !== 'auto';
    if (!hidden) out.push(el.tagName + ': ' + own.slice(0, 40));
  }
  for (const caption of document.querySelectorAll('.md-content table > caption')) {
    const first = caption.parentElement.rows[0];  // a caption heads its table: above its first row
    if (first && caption.getBoundingClientRect().bottom > first.getBoundingClientRect().top + 1)
      out.push('CAPTION below a row: ' + caption.textContent.trim().slice(0, 40));
  }
  return out;
}"""


def test_no_text_is_squeezed_into_a_column_on_a_phone(browser, frozen_url):
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    squeezed = {}
    for family in FAMILIES:
        open_family(page, frozen_url, family)
        found = page.evaluate(SQUEEZED)
        if found:
            squeezed[family] = found[:3]
    context.close()
    assert squeezed == {}


def test_cards_line_up_with_the_text_on_a_phone(browser, frozen_url):
    """A list of cards (stories, campaigns) starts where the page's text does, not a list's indent in."""
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    for family, cards in (("stories index", "ul.td-story-cards > li"), ("home", ".td-cards > ul > li")):
        open_family(page, frozen_url, family)
        text = page.eval_on_selector(".md-content h1", "h => h.getBoundingClientRect().left")
        card = page.eval_on_selector(cards, "li => li.getBoundingClientRect().left")
        assert abs(card - text) <= 1, (family, card, text)
    context.close()


def test_material_s_rules_do_not_undo_ours_on_a_phone(browser, frozen_url):
    """Material's own rules outranked several of ours on a 360 px phone (a 2026-12-02 audit): pagers
    and inline lists stacked one item a line, breadcrumbs indented, a line's permalink an 8 px tap
    target (and breadcrumbs 16 px tall), key/value tables a 30 % column, the award forms' table an unlabelled column, a decision
    card labelled "Quyết định: Quyết định số ...", a plan's "a)" set as "A)"."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN", is_mobile=True, has_touch=True)
    page = context.new_page()
    checked: set[str] = set()
    for family in FAMILIES:
        open_family(page, frozen_url, family)
        found = page.evaluate("""() => ({
            crumbs: Array.from(document.querySelectorAll('.td-breadcrumbs li'), li => getComputedStyle(li).marginLeft),
            lists: Array.from(document.querySelectorAll('ul.td-inline, ul.td-stats, .td-pager ul'),
                              ul => getComputedStyle(ul).display),
            permalinks: Array.from(document.querySelectorAll('a.td-permalink'), a => {
                const r = a.getBoundingClientRect(); return [r.width, r.height]; }),
            crumb_heights: Array.from(document.querySelectorAll('.td-breadcrumbs a'), a => a.getBoundingClientRect().height),
            parts: Array.from(document.querySelectorAll('h5.td-part-title, h6.td-part-title'),
                              h => getComputedStyle(h).textTransform),
        })""")
        assert set(found["crumbs"]) <= {"0px"}, family
        assert set(found["lists"]) <= {"flex"}, family
        assert all(w >= 24 and h >= 24 for w, h in found["permalinks"]), (family, found["permalinks"][:3])
        assert all(h >= 24 for h in found["crumb_heights"]), (family, found["crumb_heights"])
        assert set(found["parts"]) <= {"none"}, family
        checked |= {name for name, values in found.items() if values}
    assert checked == {"crumbs", "crumb_heights", "lists", "permalinks", "parts"}  # each kind met on some page

    open_family(page, frozen_url, "decision")
    widths = page.evaluate("""() => { const t = document.querySelector('table.td-properties');
        return [t.getBoundingClientRect().width, t.closest('article').getBoundingClientRect().width,
                ...Array.from(t.querySelectorAll('tbody th'), th => th.getBoundingClientRect().width)]; }""")
    table, article, *headings = widths
    assert table >= article - 40 and min(headings) >= 0.9 * table, widths

    open_family(page, frozen_url, "decisions index")
    # cards: no label before the first cell (it names the decision), one before the others (a plain
    # table's cells have none at all, so the second cell tells the two apart)
    rows = page.eval_on_selector_all("table.td-decisions tbody tr",
                                     "rs => rs.map(r => Array.from(r.cells, c => getComputedStyle(c, '::before').content))")
    assert rows and all(r[0] == "none" and r[1] not in ("none", "normal") for r in rows), rows[:2]

    for url, labels in (("hinh-thuc/", ["Thẩm quyền: ", "Đối tượng: "]), ("du-lieu/", ["Nội dung: ", "Dung lượng: "])):
        page.goto(frozen_url + url)
        rows = page.eval_on_selector_all("table.td-cards tbody tr", f"rows => rows.map({LABELS})")
        assert rows and all(row == ["none", *map(css_text, labels)] for row in rows), (url, rows[:2])
        assert page.eval_on_selector("table.td-cards thead", "t => t.getBoundingClientRect().height") <= 1, url
    context.close()
