"""The honor-roll finder (vinh-danh/) in headless Chromium: the page, its JSON shards and
finder.js, served as static files. Data: the honor-roll data set of test_honor_pages.py,
and a bulk variant cut into many small shards to check that a name query fetches few.
"""
from __future__ import annotations

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from conftest import Requests, build, serve, write_config
from test_honor_pages import SAMPLE_NAME, bulk, honor_data
from thidua.pages import honor
from thidua.search import index_tokens
from thidua.text import APOSTROPHES, fold, folded_words, nfc


@pytest.fixture(scope="module")
def honor_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("finder-site")
    build(root, honor_data(root))
    server, url = serve(root / "site")
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def bulk_url(tmp_path_factory):
    """1,200 more lines (counts past a thousand, written 1.215) in shards of 20, directories of 4
    shards: built in-process with the sizes patched."""
    root = tmp_path_factory.mktemp("finder-bulk")
    data = honor_data(root, bulk(1200))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(honor, "SHARD_LINES", 20)
        patch.setattr(honor, "DIR_SHARDS", 4)
        mkdocs_build(load_config(str(write_config(root, data))))
    server, url = serve(root / "site")
    yield url
    server.shutdown()


def open_finder(page, base: str, query: str = ""):
    """Open the finder; returns the list that collects script errors, failed requests to the site and error responses."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # a request cut off because the page was left (the site search still loading its filter lists when a
    # result is followed) fails as net::ERR_ABORTED; that is the browser's doing, not a fault of the site
    page.on("requestfailed", lambda req: errors.append(req.url)
            if req.url.startswith(base) and req.failure != "net::ERR_ABORTED" else None)
    page.on("response", lambda res: errors.append(f"{res.status} {res.url}") if res.status >= 400 else None)
    page.goto(base + "vinh-danh/" + query)
    page.wait_for_selector("form.td-finder[data-ready]")
    return errors


def settle(page):
    """Wait until the finder has finished the current search (finder.js keeps aria-busy on the results)."""
    page.wait_for_selector(".td-results[aria-busy=false]", state="attached")


def results(page) -> list[tuple[str, str]]:
    """(name, link) of each result shown."""
    return page.eval_on_selector_all(
        ".td-results .td-result__name a", "els => els.map(a => [a.textContent, a.getAttribute('href')])")


def names(page) -> list[str]:
    return [name for name, _ in results(page)]


def type_name(page, text: str):
    page.fill("#td-q", text)  # the input event marks the results busy at once; the search itself is debounced
    settle(page)


def test_name_without_diacritics_finds_both_tone_placements(page, honor_url):
    errors = open_finder(page, honor_url)
    type_name(page, "Nguyen Thi Thuy")
    found = results(page)
    # every typed word is in "Nguyễn Thị Thúy Hằng" too; "Nguyễn Văn Thùy" and "Nguyễn Thị Thu" are not this name
    assert sorted(name for name, _ in found) == sorted(["Nguyễn Thị Thúy", "Nguyễn Thị Thúy", "Nguyễn Thị Thúy",
                                                         "Nguyễn Thị Thuý", "Nguyễn Thị Thúy Hằng"])
    links = {link.split("/khen-thuong/")[1] for name, link in found if name != "Nguyễn Thị Thúy Hằng"}
    assert links == {"qd-10-dong-xuan-2023/#nguyen-thi-thuy", "qd-20-dong-xuan-2024/#nguyen-thi-thuy",
                     "qd-20-dong-xuan-2024/#nguyen-thi-thuy-2", "qd-5-snv-dong-xuan-2024/#nguyen-thi-thuy"}
    assert page.text_content(".td-finder__status") == "Tìm thấy 5 kết quả, mới nhất trước."
    # typed with diacritics, in NFD, or in capitals: the same lines
    for typed in ("Nguyễn Thị Thuý", "NGUYỄN THỊ THÚY", "nguye\u0302\u0303n thi\u0323 thu\u0301y"):
        type_name(page, typed)
        assert len(results(page)) == 5, typed
    assert errors == []


def test_filter_by_year_and_award_form(page, honor_url):
    errors = open_finder(page, honor_url)
    page.select_option("select[name=nam]", "2024")
    settle(page)
    assert len(results(page)) == 8  # every line of 2024, the sample one included
    page.select_option("select[name=hinh-thuc]", "bang-khen-tinh")
    settle(page)
    assert sorted(names(page)) == sorted(["Nguyễn Thị Thuý", "Nguyễn Thị Thúy Hằng", "Nguyễn Văn Thùy",
                                          "Nguyễn Thị Thu", "Nguyễn Thị Thúy"])
    page.select_option("select[name=hinh-thuc]", "giay-khen-so")
    settle(page)
    assert sorted(names(page)) == ["Nguyễn Thị Thúy", "Phòng Tổ chức cán bộ"]
    page.select_option("select[name=nam]", "2023")
    settle(page)
    assert names(page) == []
    assert page.text_content(".td-finder__status").startswith("Không tìm thấy")
    # the filters are in the address, so a search can be shared
    assert "nam=2023" in page.url and "hinh-thuc=giay-khen-so" in page.url
    assert errors == []


def test_name_and_filters_combine_and_restore_from_the_address(page, honor_url):
    errors = open_finder(page, honor_url, "?ten=nguyen+thi+thuy&nam=2023")
    settle(page)
    (name, link), = results(page)
    assert name == "Nguyễn Thị Thúy" and link.endswith("/khen-thuong/qd-10-dong-xuan-2023/#nguyen-thi-thuy")
    assert page.input_value("#td-q") == "nguyen thi thuy" and page.input_value("select[name=nam]") == "2023"
    # a result leads to its line on the decision page, which is highlighted as the target
    page.click(".td-results a")
    page.wait_for_url("**/khen-thuong/qd-10-dong-xuan-2023/#nguyen-thi-thuy")
    assert page.eval_on_selector("tr:target", "el => el.id") == "nguyen-thi-thuy"
    assert errors == []


def test_other_filters_province_authority_kind_and_occasion(page, honor_url):
    errors = open_finder(page, honor_url)
    assert page.is_disabled("select[name=co-quan]")
    page.select_option("select[name=tinh]", "ubnd-tinh-bac-son")
    settle(page)
    assert names(page) == ["Lý Thị Bắc"]
    page.select_option("select[name=tinh]", "ubnd-tinh-dong-xuan")
    settle(page)
    options = page.eval_on_selector_all("select[name=co-quan] option", "os => os.map(o => o.value)")
    assert options == ["", "so-noi-vu-dong-xuan", "ubnd-tinh-dong-xuan", "ubnd-xa-an-phu"]
    page.select_option("select[name=co-quan]", "so-noi-vu-dong-xuan")
    settle(page)
    assert sorted(names(page)) == ["Nguyễn Thị Thúy", "Phòng Tổ chức cán bộ"]
    page.select_option("select[name=doi-tuong]", "collective")
    settle(page)
    assert names(page) == ["Phòng Tổ chức cán bộ"]
    page.click("form.td-finder button[type=reset]")
    page.wait_for_timeout(100)
    page.select_option("select[name=dip]", "adhoc")
    settle(page)
    assert names(page) == ["Lý Thị Bắc"]
    page.select_option("select[name=dip]", "")
    page.select_option("select[name=doi-tuong]", "household")
    settle(page)
    assert names(page) == ["Hộ ông Lê Văn Cường"]
    assert errors == []


def test_every_word_of_a_name_matches_wherever_it_stands(page, honor_url):
    """Group and household names are found by any of their words, not only the last (issue 14)."""
    open_finder(page, honor_url)
    type_name(page, "thuy")
    assert "Nguyễn Thị Thúy Hằng" in names(page) and "Nguyễn Văn Thùy" in names(page)
    type_name(page, "Hoi Nong dan")
    assert names(page) == ["Hội Nông dân xã An Phú"]
    type_name(page, "nong dan")
    assert names(page) == ["Hội Nông dân xã An Phú"]
    type_name(page, "ho ong")
    assert names(page) == ["Hộ ông Lê Văn Cường"]
    type_name(page, "phong to chuc")
    assert names(page) == ["Phòng Tổ chức cán bộ"]


def test_a_name_with_an_apostrophe_is_found_however_it_is_typed(page, tmp_path):
    """An Ê Đê name's apostrophe typed, left out or typed as a space, and a name of three parts
    typed from its second on: each finds the line."""
    from award_data import decision as decision_file, person
    from test_honor_pages import SO_NOI_VU

    extra = decision_file("qd-7-snv-dong-xuan-2024", date="2024-06-01", **SO_NOI_VU, extra="number: 7/QĐ-SNV\n",
                          recipients=person("Đinh H’Luih") + person("Đinh Thị Lụa") + person("Ksor Y’Bơ'Nga"))
    build(tmp_path, honor_data(tmp_path, extra))
    server, url = serve(tmp_path / "site")
    try:
        open_finder(page, url)
        for typed in ("dinh hluih", "dinh h'luih", "Đinh H’Luih", "dinh h luih", "luih"):
            type_name(page, typed)
            assert names(page) == ["Đinh H’Luih"], typed
        # three parts: from the second on too ("bonga", "y bonga"; the others are prefixes of the whole)
        for typed in ("bonga", "y bonga", "ksor y'bo", "Y’Bơ'Nga"):
            type_name(page, typed)
            assert names(page) == ["Ksor Y’Bơ'Nga"], typed
    finally:
        server.shutdown()


def test_results_are_newest_first(page, honor_url):
    open_finder(page, honor_url)
    type_name(page, "nguyen")
    links = [link.split("/khen-thuong/")[1].split("/")[0] for _, link in results(page)]
    assert len(links) >= 5
    years = [int(link.rsplit("-", 1)[1]) for link in links]  # the fixtures' decision ids end with their year
    assert years == sorted(years, reverse=True) and years[0] > years[-1]


def test_sample_lines_are_marked_and_private_lines_absent(page, honor_url):
    open_finder(page, honor_url)
    assert page.is_visible(".td-sample")  # the finder can show sample lines: the page says so
    type_name(page, "minh hoa")
    assert names(page) == [SAMPLE_NAME]
    assert page.text_content(".td-results .td-tag--sample") == "Dữ liệu mẫu"
    type_name(page, "bao mat")
    assert names(page) == []


def test_js_folds_like_python(page, honor_url):
    open_finder(page, honor_url)
    samples = ["Nguyễn Thị Thúy", "Nguyễn Thị Thuý", "ĐẶNG VĂN ĐỨC", "Hoà Hòa", "nguye\u0302\u0303n", "Ưng Ơn Ấp",
               "Phạm Thị Ngọc Ánh"]
    folded = page.evaluate("xs => xs.map(window.thiduaFold)", samples)
    assert folded == [fold(s) for s in samples]
    # the words a query is cut into are the index's: an apostrophe joins a word's parts, typed or not
    samples += ["Đinh H'Luih", "Đinh H\u2019Luih", "dinh hluih", "Ksor Y\u02bcBlông", "Trần  Văn-Bình (thôn 3)",
                "Ksor Y’Bơ'Nga", "'Hà' a''b 2'3 x'2 ‘trích’ H'\u02bcLuih"]
    samples += [f"a{c}b" for c in APOSTROPHES]  # the same six in finder.js
    cut = page.evaluate("xs => xs.map(x => window.thiduaWords(x).join(' '))", samples)
    assert cut == [folded_words(s) for s in samples]
    # the finder's words are the site search's (search.index_tokens, of text made NFC on load): the same
    # apostrophes join
    exotic = ["x'² Ⅻ'a ½'b", "a'b'c'd e'f'g'h'i"]  # numbers beside an apostrophe; runs up to four parts
    assert page.evaluate("xs => xs.map(x => window.thiduaWords(x).join(' '))", exotic) == [folded_words(s) for s in exotic]
    assert folded_words("e'f'g'h'i") == "efghi e f g h i"
    for sample in map(nfc, samples):
        assert set(folded_words(sample).split()) == {part.removesuffix("z") for token in index_tokens(sample, "z")
                                                      for part in token.split("-")}, sample
    assert folded_words("Ksor Y’Bơ'Nga") == "ksor ybonga y bo nga ybo bonga"
    assert folded_words("2'3 x'2 'Hà'") == "2 3 x 2 ha"  # beside a digit or at an edge, it separates
    # typed with the apostrophe, without it or with a space, each word is one of the name's, whichever apostrophe
    assert folded_words("Đinh H'Luih") == "dinh hluih h luih"
    assert {folded_words(f"Ksor Y{c}Blông") for c in APOSTROPHES} == {"ksor yblong y blong"}
    for typed in ("dinh h'luih", "dinh hluih", "dinh h luih", "luih"):
        assert set(folded_words(typed).split()) <= set(folded_words("Đinh H'Luih").split()), typed


def test_a_name_query_fetches_only_a_few_small_shards(page, bulk_url):
    requests = Requests(page)  # each step's requests, once all of them have finished
    open_finder(page, bulk_url)
    settle(page)
    assert [u for u in requests.take() if "/du-lieu/p/" in u] == []  # nothing but the index before a query
    index = page.evaluate("fetch('du-lieu/index.json').then(r => r.json())")
    directories = len(index["t"])
    assert index["n"] == 1215 and directories >= 7
    requests.take()  # the index fetched just now is not the query's
    type_name(page, "Nguyen Thi Thuy")
    fetched = requests.take()
    shards = [u for u in fetched if "/du-lieu/p/" in u]
    dirs = [u for u in fetched if "/du-lieu/m/" in u]
    assert 1 <= len(shards) <= 4 and 1 <= len(dirs) <= 2, (shards, dirs)
    assert "Nguyễn Thị Thuý" in names(page)
    assert all({"nguyen", "thi"} <= set(fold(name).split()) and any(w.startswith("thuy") for w in fold(name).split())
               for name in names(page))


def test_filter_only_queries_page_results_newest_first(page, bulk_url):
    requests = Requests(page)
    open_finder(page, bulk_url)
    # counts are written as Vietnamese writes them, a dot between thousands
    assert page.inner_text(".td-finder__status") == "Nhập tên hoặc chọn ít nhất một bộ lọc để tra cứu 1.215 lượt khen thưởng."
    assert "2022 (1.200)" in page.eval_on_selector_all("select[name=nam] option", "os => os.map(o => o.textContent)")
    page.select_option("select[name=nam]", "2022")  # the 1,200 bulk lines
    settle(page)
    assert len(results(page)) == 50
    assert [u for u in requests.take() if "/du-lieu/p/" in u] != []  # the year's shards, all finished
    assert page.is_visible(".td-finder__more")
    page.click(".td-finder__more")
    settle(page)
    assert len(results(page)) == 100
    assert [u for u in requests.take() if "/du-lieu/p/" in u] == []  # the next page is already sorted in memory
    page.select_option("select[name=nam]", "")
    type_name(page, "nguyen")
    years = [int(link.split("/khen-thuong/")[1].split("/")[0].rsplit("-", 1)[1]) for _, link in results(page)]
    assert years[0] == 2024 and years[-1] == 2022 and years == sorted(years, reverse=True)


def test_a_page_is_filled_from_every_shard_it_needs(page, bulk_url):
    """A filter alone reads every shard (the bulk roll: 61 shards of 20 lines, 40 read at a time). The
    fixture's few lines of 2023 lie across them: the finder read one batch, showed what it held as
    "the first results, type more letters" and a button that found the rest. It reads on until a
    page is full or the shards are done, and says how to narrow a filter's results."""
    open_finder(page, bulk_url)
    page.select_option("select[name=nam]", "2023")
    settle(page)
    found = results(page)
    # the fixture's 7 lines of 2023; Nguyễn Thị Thúy's is in shard 51, past the first batch of 40
    assert len(found) == 7 and "Nguyễn Thị Thúy" in [name for name, _ in found], found
    assert page.inner_text(".td-finder__status") == f"Tìm thấy {len(found)} kết quả, mới nhất trước."
    assert page.is_hidden(".td-finder__more")
    page.select_option("select[name=nam]", "2022")  # the 1,200 bulk lines: a page, and more to read
    settle(page)
    assert len(results(page)) == 50
    assert page.inner_text(".td-finder__status") == (
        "Đang hiển thị 50 kết quả đầu tiên, mới nhất trước; chọn thêm bộ lọc hoặc gõ tên để thu hẹp.")


def test_finder_fits_a_360px_screen(browser, honor_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    open_finder(page, honor_url)
    type_name(page, "Nguyen Thi Thuy")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.goto(honor_url + "khen-thuong/qd-10-dong-xuan-2023/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
