"""Site search as a reader uses it: queries typed into Material's search box in headless Chromium.

The site is the real data plus a small fixture (written here, into a temporary copy of data/):
two communes whose names differ only in diacritics, for ranking, and an award decision whose
recipients' names differ only in diacritics or tone-mark placement. Every assertion is on the
rendered result list (`.md-search-result__item`), so removing folding from the search worker makes
these tests fail; `test_without_folding_dong_nai_is_not_found` shows it does.
"""
from __future__ import annotations

import re
import shutil
import unicodedata

import pytest
import yaml

from conftest import DATA, build, serve

expect = pytest.importorskip("playwright.sync_api").expect

DECISION = "qd-kiem-thu-tim-kiem-2024"
AUTHORITIES = {
    "ubnd-xa-dong-hoa-kiem-thu": "Đồng Hòa",
    "ubnd-xa-dong-hoa-2-kiem-thu": "Đông Hòa",
}
RECIPIENTS = [
    # (name as written, unit): old-style "Hòa", its diacritic-free twin "Hoa", new-style "Thuý"
    ("Trần Thị Hòa", "thôn Hạ Lĩnh"),
    ("Trần Thị Hoa", "thôn Tam Đa"),
    ("Phạm Thị Thuý", "thôn Hạ Lĩnh"),
]
TIMEOUT = 20_000  # ms: the first query waits for the worker to build the index


def write_fixture(data):
    for ident, place in AUTHORITIES.items():
        (data / "authorities" / f"{ident}.yml").write_text(yaml.safe_dump({
            "id": ident, "name": f"Ủy ban nhân dân xã {place}", "short_name": f"UBND xã {place}",
            "level": "commune", "parent": "ubnd-huyen-phu-cu",
        }, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (data / "decisions" / f"{DECISION}.yml").write_text(yaml.safe_dump({
        "id": DECISION,
        "number": "201/QĐ-UBND-MẪU",
        "date": "2024-12-27",
        "authority": "ubnd-xa-minh-tien",
        "form": "giay-khen-chu-tich-ubnd-xa",
        "occasion": "yearly",
        "campaign": "vi-nguoi-ngheo-2021-2025",
        "plan": "kh-ubnd-xa-minh-tien-vi-nguoi-ngheo-2022-2025",
        "title": "Về việc tặng Giấy khen cho các cá nhân có thành tích trong thực hiện Phong trào thi đua "
                 "“Vì người nghèo - Không để ai bị bỏ lại phía sau” năm 2024",
        "sample": True,
        "recipients": [{"kind": "individual", "name": name, "unit": unit, "locality": "ubnd-xa-minh-tien",
                        "achievement": "Vận động hộ nghèo vay vốn chăn nuôi."} for name, unit in RECIPIENTS],
    }, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-site")
    data = root / "data"
    shutil.copytree(DATA, data)
    write_fixture(data)
    build(root, data)
    return root / "site"


@pytest.fixture(scope="module")
def search_url(search_site):
    server, url = serve(search_site)
    yield url
    server.shutdown()


def search(page, url: str, query: str, keys: bool = False):
    """Open a page if none is open, type `query` into the search box, and return the result list.

    The text goes in as an IME or a phone keyboard commits it (`keys=True`: key by key), then a
    key release, which is when Material reads the box: so only the whole query is searched, and
    the results shown are the query's, not a prefix's.
    """
    if not page.url.startswith(url):
        page.goto(url + "gioi-thieu/")
    box = page.locator("input.md-search__input")
    box.click()
    if box.input_value():
        box.fill("")
        page.keyboard.press("End")
        expect(page.locator(".md-search-result__item")).to_have_count(0)
    if keys:
        page.keyboard.type(query, delay=5)
    else:
        page.keyboard.insert_text(query)
    page.keyboard.press("End")
    return page.locator(".md-search-result__list")


def result(page, href: str, text: str | None = None):
    """The result links to `href` ('co-quan/x/', 'khen-thuong/d/#anchor', 'khen-thuong/d/#' for any
    anchor), optionally with `text` in their heading. Material adds ?h=... before the anchor."""
    path, hash_, anchor = href.partition("#")
    selector = f'.md-search-result__item a.md-search-result__link[href*="{path}"]'
    if hash_:
        selector += f'[href$="#{anchor}"]' if anchor else '[href*="#"]'
    links = page.locator(selector)
    if text is not None:
        links = links.filter(has=page.locator("h1, h2", has_text=text))
    return links


def hrefs(page) -> list[str]:
    """Result links in the order shown, as site paths without Material's ?h= highlight parameter."""
    links = page.locator(".md-search-result__item a.md-search-result__link")
    return [re.sub(r"\?[^#]*", "", h.split("://", 1)[-1].split("/", 1)[-1])
            for h in links.evaluate_all("els => els.map(e => e.getAttribute('href'))")]


def test_folded_query_finds_plans_with_diacritics(page, search_url):
    search(page, search_url, "nguoi ngheo", keys=True)
    plan = result(page, "van-ban/", "người nghèo").first
    expect(plan).to_be_visible(timeout=TIMEOUT)


def marked(link):
    """The words a result highlights in its title: what the query matched there."""
    return link.locator("h1 mark, h2 mark")


def test_folded_query_finds_commune(page, search_url):
    search(page, search_url, "Minh Tien")
    commune = result(page, "co-quan/ubnd-xa-minh-tien/", "Minh Tiến").first
    expect(commune).to_be_visible(timeout=TIMEOUT)
    # both words matched ("Minh" alone would find it too), in the title: it is the first result
    expect(marked(commune)).to_have_text(["Minh", "Tiến"])
    assert hrefs(page)[0] == "co-quan/ubnd-xa-minh-tien/"


def test_d_folds_to_d(page, search_url):
    search(page, search_url, "Dong Nai")
    province = result(page, "co-quan/ubnd-tinh-dong-nai/", "Đồng Nai").first
    expect(province).to_be_visible(timeout=TIMEOUT)
    expect(marked(province)).to_have_text(["Đồng", "Nai"])
    search(page, search_url, "dong")
    expect(marked(result(page, "co-quan/ubnd-tinh-dong-nai/").first)).to_have_text(["Đồng"], timeout=TIMEOUT)


@pytest.mark.parametrize("query, href, shown", [
    # new-style query, old-style text: "Cộng hòa" in the President's title, the commune "Đồng Hòa"
    ("hoà", "co-quan/chu-tich-nuoc/", "Cộng hòa"),
    ("Đồng Hoà", "co-quan/ubnd-xa-dong-hoa-kiem-thu/", "Đồng Hòa"),
    # and recipients, in both directions
    ("Trần Thị Hoà", f"khen-thuong/{DECISION}/#tran-thi-hoa", "Trần Thị Hòa"),
    ("Phạm Thị Thúy", f"khen-thuong/{DECISION}/#pham-thi-thuy", "Phạm Thị Thuý"),
    ("thúy", f"khen-thuong/{DECISION}/#pham-thi-thuy", "Phạm Thị Thuý"),
])
def test_tone_mark_placement_does_not_matter(page, search_url, query, href, shown):
    search(page, search_url, query)
    found = result(page, href, shown).first
    expect(found).to_be_attached(timeout=TIMEOUT)
    # the word with the other tone-mark placement is what matched
    expect(marked(found).filter(has_text=re.compile(r"^(Hòa|hòa|Thuý)$"))).to_have_count(1)


@pytest.mark.parametrize("query, href, shown", [
    ("Đồng Nai", "co-quan/ubnd-tinh-dong-nai/", "Đồng Nai"),
    ("người nghèo", "phong-trao/vi-nguoi-ngheo-2021-2025/", "người nghèo"),
    ("Phạm Thị Thuý", f"khen-thuong/{DECISION}/#pham-thi-thuy", "Phạm Thị Thuý"),
])
def test_query_typed_in_nfd_finds_nfc_text(page, search_url, query, href, shown):
    decomposed = unicodedata.normalize("NFD", query)
    assert decomposed != query
    search(page, search_url, decomposed)
    found = result(page, href, shown).first
    expect(found).to_be_visible(timeout=TIMEOUT)
    # every word matched, the one with diacritics too
    expect(marked(found)).to_have_text(shown.split())


def test_recipient_without_diacritics_leads_to_the_line(page, search_url):
    search(page, search_url, "pham thi thuy")
    link = result(page, f"khen-thuong/{DECISION}/#", "Phạm Thị Thuý").first
    expect(link).to_be_visible(timeout=TIMEOUT)
    anchor = link.get_attribute("href").rsplit("#", 1)[1]
    assert anchor == "pham-thi-thuy"
    # shown under its decision, with the award and the unit
    item = page.locator(".md-search-result__item").filter(has=page.locator(f'a[href$="#{anchor}"]'))
    expect(item.locator("h1")).to_contain_text("201/QĐ-UBND")
    expect(link).to_contain_text("Giấy khen")
    link.click()
    page.wait_for_url(re.compile(rf"/khen-thuong/{DECISION}/.*#{anchor}$"))
    expect(page.locator(f"[id='{anchor}']")).to_contain_text("Phạm Thị Thuý")


def test_on_a_phone(page, search_url):
    """360 px wide: the search opens from the header's magnifier, as a reader's thumb does."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(search_url + "gioi-thieu/")
    page.locator(".md-header label.md-header__button[for=__search]").click()
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.type("dong nai", delay=5)
    page.keyboard.press("End")
    province = result(page, "co-quan/ubnd-tinh-dong-nai/", "Đồng Nai").first
    expect(province).to_be_visible(timeout=TIMEOUT)
    province.click()
    page.wait_for_url(re.compile(r"/co-quan/ubnd-tinh-dong-nai/"))


def test_recipients_are_not_in_the_index(search_site):
    """Their names come from the finder's shards, not from the index every page downloads."""
    index = (search_site / "search" / "search_index.json").read_text(encoding="utf-8")
    for name, _ in RECIPIENTS:
        assert name not in index
    shards = "".join(p.read_text(encoding="utf-8") for p in (search_site / "vinh-danh" / "du-lieu").rglob("*.json"))
    for name, _ in RECIPIENTS:
        assert name in shards


def test_exact_diacritics_rank_first(page, search_url):
    # pages: the commune typed exactly comes before its diacritic twin, which is still found
    search(page, search_url, "Đông Hòa")
    expect(result(page, "co-quan/ubnd-xa-dong-hoa-kiem-thu/").first).to_be_attached(timeout=TIMEOUT)
    found = hrefs(page)
    assert found.index("co-quan/ubnd-xa-dong-hoa-2-kiem-thu/") < found.index("co-quan/ubnd-xa-dong-hoa-kiem-thu/")
    search(page, search_url, "Đồng Hòa")
    expect(result(page, "co-quan/ubnd-xa-dong-hoa-kiem-thu/", "Đồng Hòa").first).to_be_attached(timeout=TIMEOUT)
    found = hrefs(page)
    assert found.index("co-quan/ubnd-xa-dong-hoa-kiem-thu/") < found.index("co-quan/ubnd-xa-dong-hoa-2-kiem-thu/")
    # recipients: "Hòa" typed exactly comes before "Hoa"; typed without marks, both come
    search(page, search_url, "Trần Thị Hòa")
    expect(result(page, f"khen-thuong/{DECISION}/#tran-thi-hoa-2", "Trần Thị Hoa").first).to_be_attached(timeout=TIMEOUT)
    found = hrefs(page)
    assert found.index(f"khen-thuong/{DECISION}/#tran-thi-hoa") < found.index(f"khen-thuong/{DECISION}/#tran-thi-hoa-2")
    search(page, search_url, "tran thi hoa")
    expect(result(page, f"khen-thuong/{DECISION}/#tran-thi-hoa-2", "Trần Thị Hoa").first).to_be_attached(timeout=TIMEOUT)
    expect(result(page, f"khen-thuong/{DECISION}/#tran-thi-hoa", "Trần Thị Hòa").first).to_be_attached(timeout=TIMEOUT)


def without_our_worker(route):
    """The page as it is without theme/partials/search.html's hook: Material's worker, unwrapped."""
    response = route.fetch()
    html = re.sub(r"<script>\s*\(function \(Native, ours\).*?</script>", "", response.text(), flags=re.S)
    assert html != response.text()
    route.fulfill(response=response, body=html)


# Material's result meta line (partials/languages/vi.html): placeholder while the box is empty
# and the index ready, then the count, or "none", once the worker has answered the query.
PLACEHOLDER = "Nhập để bắt đầu tìm kiếm"
ANSWERED = re.compile(r"^\s*(Không tìm thấy tài liệu liên quan|\d+ tài liệu liên quan)\s*$")


def answered(page, url: str, query: str):
    """Type `query` into an emptied box and wait until the worker has answered this very query:
    the meta line goes from the placeholder to a count or "none". Only after that is a missing
    result evidence (a fixed sleep passes vacuously on a slow machine)."""
    if not page.url.startswith(url):
        page.goto(url + "gioi-thieu/")
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.click()
    box.fill("")
    page.keyboard.press("End")
    expect(meta).to_have_text(PLACEHOLDER, timeout=TIMEOUT)
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    expect(meta).to_have_text(ANSWERED, timeout=TIMEOUT)


def test_without_folding_these_tests_fail(page, search_url):
    """The control: with Material's search as it comes, the tests above fail."""
    page.route("**/gioi-thieu/", without_our_worker)
    search(page, search_url, "Đồng Nai")
    expect(result(page, "co-quan/ubnd-tinh-dong-nai/").first).to_be_visible(timeout=TIMEOUT)
    # "Nai" alone finds the province, but "Dong" is no word of its name
    search(page, search_url, "Dong Nai")
    province = result(page, "co-quan/ubnd-tinh-dong-nai/").first
    expect(province).to_be_visible(timeout=TIMEOUT)
    expect(marked(province)).to_have_text(["Nai"])
    answered(page, search_url, "nguoi ngheo")
    assert not [h for h in hrefs(page) if h.startswith(("van-ban/", "phong-trao/"))]
    answered(page, search_url, "pham thi thuy")
    assert not [h for h in hrefs(page) if "#" in h and h.startswith("khen-thuong/")]
