"""How the built site behaves: bad data stops the build, output is reproducible, data is escaped,
former ids redirect, the print view looks like an administrative document, phones fit.

Every test here builds the frozen copy (tests/fixtures/data/, FROZEN) or an edited copy of it,
never the real data/: what a page says about a record is behaviour, and a data commit that
validates must not break it."""
from __future__ import annotations

import datetime
import filecmp
import gzip
import json
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import yaml
from bs4 import BeautifulSoup
from conftest import FROZEN, build, edit_config, fresh_python, frozen_copy, run_mkdocs, write_config

from thidua.kinds import KINDS
from thidua.validate import validate

PLAN = "kh-so-gtvt-cao-bang-vi-nguoi-ngheo-2021-2025"


def edit(path: Path, **changes) -> None:
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record.update(changes)
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_bad_data_fails_the_build_with_every_problem_and_writes_nothing(tmp_path):
    data = frozen_copy(tmp_path)
    (data / "campaigns" / "vi-nguoi-ngheo-2021-2025.yml").write_text(
        (data / "campaigns" / "vi-nguoi-ngheo-2021-2025.yml").read_text(encoding="utf-8").replace("name:", "nmae:"),
        encoding="utf-8")
    edit(data / "documents" / "qd-666-qd-ttg-2022.yml", date="2022-02-31")
    result = build(tmp_path / "out", data, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert 'campaigns/vi-nguoi-ngheo-2021-2025.yml:2:1: error: nmae: unknown field "nmae" — did you mean "name"?' in output
    assert "documents/qd-666-qd-ttg-2022.yml:4:7: error: date: impossible or malformed date" in output
    assert "Traceback" not in output
    assert not (tmp_path / "out" / "site").exists()


def test_same_data_gives_byte_identical_site(tmp_path):
    build(tmp_path / "a", FROZEN)
    build(tmp_path / "b", FROZEN)
    a, b = tmp_path / "a" / "site", tmp_path / "b" / "site"
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    # every file, sitemap.xml.gz (written with gzip time 0) and Pagefind's index (pagefind_order.py) included
    _match, mismatch, errors = filecmp.cmpfiles(a, b, [str(f) for f in files_a], shallow=False)
    assert mismatch == [] and errors == []


# Built in a fresh interpreter (conftest.fresh_python): there `can_fork()` is true as it is for an
# office's `mkdocs build`; in this pytest process other threads may run, and forking beside them
# (forcing `can_fork`) could leave a lock held for ever in a worker.
COUNTED_BUILD = """
import json, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from thidua.mkdocs_plugin import plugin

plugin.FORK_MIN_PAGES_PER_WORKER = 1  # the frozen data is too small to fork otherwise
build(load_config(sys.argv[1]))
print("forks:", json.dumps(forks))
"""


def counted_build(config: Path) -> list[int]:
    """`mkdocs build` of `config` in a process of its own: the forks it made (slices of each)."""
    out = fresh_python(COUNTED_BUILD, str(config), cwd=config.parent, count_forks=True)
    return json.loads(out.rpartition("forks:")[2])


def test_forked_writing_gives_the_same_bytes_as_serial_writing(tmp_path):
    """Record pages written by two forked workers and by the build process alone: same site."""
    forks = {}
    for name, workers in (("forked", 2), ("serial", 1)):
        (tmp_path / name).mkdir()
        forks[name] = counted_build(write_config(tmp_path / name, FROZEN, workers=workers))
    assert forks == {"forked": [2], "serial": []}
    a, b = tmp_path / "forked" / "site", tmp_path / "serial" / "site"
    files = sorted(str(p.relative_to(a)) for p in a.rglob("*") if p.is_file())
    assert files == sorted(str(p.relative_to(b)) for p in b.rglob("*") if p.is_file())
    _match, mismatch, errors = filecmp.cmpfiles(a, b, files, shallow=False)
    assert mismatch == [] and errors == []


SITEMAPS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_locs(site: Path, name: str = "sitemap.xml", kind: str = "urlset") -> list[str]:
    xml = (site / name).read_text(encoding="utf-8")
    assert xml == gzip.decompress((site / f"{name}.gz").read_bytes()).decode("utf-8")
    assert (site / f"{name}.gz").read_bytes()[4:8] == b"\0\0\0\0"  # gzip mtime 0: reproducible
    root = ElementTree.fromstring(xml)
    assert root.tag == SITEMAPS + kind
    return [url.findtext(SITEMAPS + "loc") for url in root]


def site_pages(site: Path) -> set[str]:
    """Every page the theme rendered for search engines, as its URL path ('/van-ban/x/'): not the
    redirect stubs, nor static HTML copied from content/ (which MkDocs does not list either), nor
    sample records' pages (noindex: the sitemap leaves them out)."""
    pages = set()
    for path in site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        if '<meta name="generator" content="mkdocs-' in html and '<meta name="robots" content="noindex">' not in html:
            rel = path.parent.relative_to(site).as_posix()
            pages.add("/" if rel == "." else f"/{rel}/")
    return pages


def test_sitemap_lists_every_page_once(frozen_site_dir):
    locs = [urlsplit(loc).path for loc in sitemap_locs(frozen_site_dir)]  # absolute: mkdocs.yml sets site_url
    assert len(locs) == len(set(locs)) and locs == sorted(locs, key=lambda loc: loc[1:])
    assert set(locs) == site_pages(frozen_site_dir)
    assert f"/van-ban/{PLAN}/" in locs and "/gioi-thieu/" in locs and "/" in locs
    assert not [loc for loc in locs if "__shell__" in loc]


def test_sitemap_urls_are_absolute_with_a_site_url(tmp_path):
    site_url = "https://thidua.example.gov.vn/cong/"
    config = write_config(tmp_path, FROZEN)
    edit_config(config, site_url=site_url)
    run_mkdocs(config)
    site = tmp_path / "site"
    locs = sitemap_locs(site)
    assert set(locs) == {site_url + p.lstrip("/") for p in site_pages(site)}
    assert f"{site_url}van-ban/{PLAN}/" in locs


def test_a_sitemap_past_its_bound_is_written_in_parts_under_an_index(tmp_path, monkeypatch):
    """A sitemap holds at most 50,000 URLs (search engines refuse more); the national portal has
    80,000 pages. Here with a bound of 3: seven pages in three parts, sitemap.xml their index."""
    from types import SimpleNamespace

    import jinja2
    import mkdocs

    from thidua.mkdocs_plugin import sitemap

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(mkdocs.__file__).parent / "templates"))
    plugins = SimpleNamespace(get=lambda name: None, on_post_template=lambda xml, **kw: xml)
    config = SimpleNamespace(site_url="https://thidua.example.gov.vn/cong", plugins=plugins)
    urls = ["", "van-ban/a/", "van-ban/b/", "co-quan/x/", "khen-thuong/q/", "dien-hinh/s/", "gioi-thieu/"]
    everything = {"https://thidua.example.gov.vn/cong/" + url for url in urls}
    day = datetime.date(2026, 12, 2)

    monkeypatch.setattr(sitemap, "MAX_URLS", len(urls))  # at the bound: one file, as MkDocs writes it
    (tmp_path / "one").mkdir()
    sitemap.write(tmp_path / "one", env, config, urls, day)
    assert set(sitemap_locs(tmp_path / "one")) == everything and not (tmp_path / "one" / "sitemap-1.xml").exists()

    monkeypatch.setattr(sitemap, "MAX_URLS", 3)
    site = tmp_path / "parts"
    site.mkdir()
    sitemap.write(site, env, config, urls, day)
    names = [f"sitemap-{n}.xml" for n in (1, 2, 3)]
    assert sitemap_locs(site, kind="sitemapindex") == ["https://thidua.example.gov.vn/cong/" + n for n in names]
    parts = [sitemap_locs(site, name) for name in names]
    assert [len(p) for p in parts] == [3, 3, 1] and {loc for p in parts for loc in p} == everything
    assert not (site / "sitemap-4.xml").exists()
    index = ElementTree.fromstring((site / "sitemap.xml").read_text(encoding="utf-8"))
    assert [part.findtext(SITEMAPS + "lastmod") for part in index] == ["2026-12-02"] * 3

    # built again over it (`mkdocs build --dirty`) with fewer pages: no part is left behind
    monkeypatch.setattr(sitemap, "MAX_URLS", 5)
    sitemap.write(site, env, config, urls[:4], day)
    assert len(sitemap_locs(site)) == 4 and not list(site.glob("sitemap-*"))


def test_data_strings_are_escaped_everywhere(tmp_path):
    data = frozen_copy(tmp_path)
    evil = 'Kế hoạch <script>alert("x")</script></script><img src=x onerror=alert(1)> & “ngoặc”'
    edit(data / "documents" / f"{PLAN}.yml", title=evil, summary=evil)
    build(tmp_path / "out", data)
    site = tmp_path / "out" / "site"
    html = (site / "van-ban" / PLAN / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert evil in page.find("h1").get_text()
    # JSON-LD holds the text but cannot close its script element
    ld = page.find("script", type="application/ld+json").string
    assert "<" not in ld and 'alert(\\"x\\")' in ld
    for other in site.rglob("*.html"):
        assert "<script>alert" not in other.read_text(encoding="utf-8"), other


def test_former_ids_redirect_to_the_record(tmp_path):
    data = frozen_copy(tmp_path)
    edit(data / "documents" / f"{PLAN}.yml", aliases=["kh-gtvt-cao-bang-2022"])
    edit(data / "authorities" / "so-gtvt-cao-bang.yml", aliases=["so-giao-thong-cao-bang"])
    build(tmp_path / "out", data)
    site = tmp_path / "out" / "site"
    for old, new in (("van-ban/kh-gtvt-cao-bang-2022", f"../{PLAN}/"),
                     ("co-quan/so-giao-thong-cao-bang", "../so-gtvt-cao-bang/")):
        page = BeautifulSoup((site / old / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={new}"
        assert (site / old / new / "index.html").resolve().exists()


def test_sample_setting_has_no_effect_on_real_records(tmp_path):
    build(tmp_path / "out", FROZEN, include_samples=False)
    site = tmp_path / "out" / "site"
    repo, _report = validate(FROZEN)
    real = [(kind, record.id) for kind in KINDS.values() for record in repo.of_kind(kind.name).values()
            if not getattr(record, "sample", False)]
    samples = [(kind, record.id) for kind in KINDS.values() for record in repo.of_kind(kind.name).values()
               if getattr(record, "sample", False)]
    assert (KINDS["documents"], PLAN) in real and samples  # the frozen copy holds both
    assert [i for kind, i in real if not (site / kind.section / i / "index.html").exists()] == []
    assert [i for kind, i in samples if (site / kind.section / i / "index.html").exists()] == []


def test_print_view_is_an_administrative_document(frozen_url, page):
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(f"{frozen_url}van-ban/kh-ubnd-tinh-binh-thuan-vi-nguoi-ngheo-2021-2025/")
    page.emulate_media(media="print")
    header = page.locator(".td-print-header")
    assert header.is_visible()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.inner_text()
    assert "ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN" in header.inner_text()
    for hidden in (".md-header", ".md-sidebar--primary", ".td-breadcrumbs", ".td-relations", ".td-properties"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".td-signature").is_visible()
    assert page.locator(".td-distribution").is_visible()
    page.emulate_media(media="screen")
    assert not header.is_visible()
    assert page.locator(".td-relations").is_visible()


def test_plan_page_fits_a_360px_phone(frozen_url, page):
    page.set_viewport_size({"width": 360, "height": 740})
    for url in (f"van-ban/{PLAN}/", "van-ban/", "co-quan/so-gtvt-cao-bang/", "phong-trao/vi-nguoi-ngheo-2021-2025/"):
        page.goto(frozen_url + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 360px"


def test_documents_index_filters(frozen_url, page):
    page.goto(frozen_url + "van-ban/")
    rows = page.locator("#td-all-documents tbody tr")
    total = rows.count()
    assert total >= 11
    page.select_option("form.td-filters select[name=level]", "commune")
    visible = page.locator("#td-all-documents tbody tr:not([hidden])")
    assert visible.count() == 1 and "Minh Tiến" in visible.first.inner_text()
    page.select_option("form.td-filters select[name=level]", "")
    page.select_option("form.td-filters select[name=authority]", "ubnd-huyen-phu-cu")
    assert visible.count() == 2
    assert page.locator(".td-filter-count").inner_text() == f"2 / {total} văn bản"


def test_long_document_tables_show_fifty_rows_at_a_time(tmp_path, page):
    """A province's 300 documents were 70,000 px on a phone: the index shows the rows a filter keeps
    fifty at a time, a button for the next; a filter starts again from the first fifty. A campaign's
    table of its documents (30,000 px) shows ten first, its plan tree and figures being on the same
    page, then fifty a tap. Printed, every row a filter keeps and every folded branch of the plan
    tree is on paper, and the page is as it was after."""
    from conftest import served
    from test_honor_pages import commune_plans, honor_data

    decisions = {f"decisions/qd-{100 + i}-dong-xuan-2022.yml": (
        f"id: qd-{100 + i}-dong-xuan-2022\nnumber: {100 + i}/QĐ-UBND\ndate: '2022-12-01'\n"
        "authority: ubnd-tinh-dong-xuan\nform: bang-khen-tinh\noccasion: yearly\ncampaign: vi-nguoi-ngheo-2021-2025\n"
        "plan: kh-2-dong-xuan-2022\n"
        f"recipients:\n- kind: individual\n  name: Nguyễn Văn Số {i}\n  unit: Thôn {i}, xã An Phú\n"
        "  achievement: Hoàn thành tốt nhiệm vụ năm 2022.\n") for i in range(12)}
    build(tmp_path, honor_data(tmp_path, {**commune_plans(61, implementing="kh-2-dong-xuan-2022"), **decisions}))
    with served(tmp_path / "site") as url:
        page.goto(url + "van-ban/")
        rows = page.locator("#td-all-documents tbody tr")
        visible = page.locator("#td-all-documents tbody tr:visible")
        more = page.locator("#td-all-documents + button.td-more-rows")
        total = rows.count()
        assert total == 63 and visible.count() == 50
        assert more.inner_text() == "Xem thêm 13 văn bản (còn 13)"
        assert page.locator(".td-filter-count").inner_text() == "63 / 63 văn bản"
        more.click()
        assert visible.count() == 63 and more.is_hidden()
        page.select_option("form.td-filters select[name=level]", "commune")  # the 61 of the commune
        assert visible.count() == 50 and more.inner_text() == "Xem thêm 11 văn bản (còn 11)"
        assert page.locator(".td-filter-count").inner_text() == "61 / 63 văn bản"
        page.emulate_media(media="print")
        assert visible.count() == 61 and more.is_hidden()  # the rows the filter keeps, all of them
        page.emulate_media(media="screen")
        assert visible.count() == 50

        for where in ("van-ban/kh-2-dong-xuan-2022/", "co-quan/ubnd-tinh-dong-xuan/"):  # a plan's decisions, an authority's
            page.goto(url + where)
            table = "[data-td-paged='quyết định']"
            assert page.locator(f"{table} tbody tr").count() > 12, where
            assert page.locator(f"{table} tbody tr:visible").count() == 10, where
            assert page.locator(f"{table} + button.td-more-rows").is_visible(), where

        page.goto(url + "phong-trao/vi-nguoi-ngheo-2021-2025/")
        decided = page.locator("[data-td-paged='quyết định'] tbody tr")  # its decisions, the same way
        assert decided.count() > 12 and page.locator("[data-td-paged='quyết định'] tbody tr:visible").count() == 10
        assert page.locator("[data-td-paged='quyết định'] + button.td-more-rows").inner_text() == (
            f"Xem thêm {decided.count() - 10} quyết định (còn {decided.count() - 10})")
        rows = page.locator("#tat-ca + .td-table-wrap tbody tr")
        visible = page.locator("#tat-ca + .td-table-wrap tbody tr:visible")
        more = page.locator("#tat-ca + .td-table-wrap + button.td-more-rows")
        branch = page.locator("details.td-branch")
        total = rows.count()
        assert 61 < total < 110 and visible.count() == 10
        assert more.inner_text() == f"Xem thêm 50 văn bản (còn {total - 10})"
        assert branch.count() == 1 and branch.get_attribute("open") is None
        page.emulate_media(media="print")
        assert visible.count() == total  # paper shows every row, with no event to listen for
        page.evaluate("dispatchEvent(new Event('beforeprint'))")
        assert branch.get_attribute("open") is not None
        page.emulate_media(media="screen")
        assert visible.count() == 10
        more.click()
        assert visible.count() == 60
        assert more.inner_text() == f"Xem thêm {total - 60} văn bản (còn {total - 60})"
        more.click()
        assert visible.count() == total and more.is_hidden()
        # a link to a row past those shown shows the rows down to it, in steps of fifty after the first ten
        page.goto(url + "phong-trao/vi-nguoi-ngheo-2021-2025/")
        for row, shown in ((9, 10), (30, 60), (total - 1, total)):  # the tenth is in sight already
            # resolved once the page's own hashchange listener (the reveal, added first) has run
            page.evaluate("""n => new Promise(done => {
                const row = document.querySelectorAll('#tat-ca + .td-table-wrap tbody tr')[n];
                row.id = 'hang-' + n;
                addEventListener('hashchange', () => done(), {once: true});
                location.hash = 'hang-' + n; })""", row)
            assert visible.count() == shown
            if shown == 60:
                assert more.inner_text() == f"Xem thêm {total - 60} văn bản (còn {total - 60})"


def test_an_honor_roll_page_shows_fifty_lines_at_a_time(tmp_path, page):
    """A page of a roll is up to 500 lines (68,000 px on a phone): fifty at a time, the headings of
    decisions and years not reached yet hidden with their lines; a link to one of them shows the
    lines down to it; printed, every line."""
    from conftest import served
    from award_data import decision, make_data, person

    names = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà"]
    files: dict[str, str] = {}
    for n, year in enumerate((2024, 2023, 2022)):
        files |= decision(f"qd-{n}-a-{year}", date=f"{year}-12-20", plan=None, recipients="".join(
            person(f"Nguyễn Văn {names[k % 6]} {chr(65 + k // 6)}{n}") for k in range(30)))
    build(tmp_path, make_data(tmp_path, files))
    with served(tmp_path / "site") as url:
        roll = url + "vinh-danh/co-quan/ubnd-tinh-a/"
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(roll)
        visible = page.locator("[data-td-paged] tbody tr:visible")
        more = page.locator("[data-td-paged] + button.td-more-rows")
        assert page.locator("[data-td-paged] tbody tr").count() == 90 and visible.count() == 50
        assert more.inner_text() == "Xem thêm 40 lượt khen thưởng (còn 40)"
        last = page.locator("#qd-qd-2-a-2022")
        assert last.count() == 1 and not last.is_visible()  # its decision's heading, with its lines
        assert not page.locator("#nam-2022").is_visible()  # and its year's
        assert page.locator("#nam-2023").is_visible()  # a year begun is shown
        page.emulate_media(media="print")
        assert visible.count() == 90 and last.is_visible()
        page.emulate_media(media="screen")
        assert visible.count() == 50
        # a link followed on the page, then one opened from elsewhere: the lines down to it shown
        for how in ("followed", "opened"):
            if how == "opened":
                page.goto("about:blank")
            else:
                page.evaluate("window.scrollTo(0, 0)")
            page.goto(roll + "#qd-qd-2-a-2022")
            page.wait_for_timeout(200)
            top = page.evaluate("document.getElementById('qd-qd-2-a-2022').getBoundingClientRect().top")
            assert last.is_visible() and 0 <= top < 844 and visible.count() == 90 and more.is_hidden(), how
            page.goto(roll)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(roll + "#%E0%A4%A")  # a malformed address: the list is paged all the same, no error
        page.wait_for_timeout(200)
        assert visible.count() == 50 and more.is_visible() and not errors, errors
        # from the keyboard: the focus goes on to the first line shown (the button is gone after it)
        more.focus()
        page.keyboard.press("Enter")
        assert visible.count() == 90 and more.is_hidden()
        focused = page.evaluate("""() => { const e = document.activeElement;
            return [e.tagName, Array.from(document.querySelectorAll('[data-td-paged] tbody tr')).indexOf(e)]; }""")
        assert focused == ["TR", 50], focused


def test_no_page_asks_for_a_sitemap_beside_its_alternate_links(frozen_url, page):
    """Material 9 fetches sitemap.xml beside every link rel=alternate (for its language selector):
    beside a record's JSON and the feeds, 404s on every page view. None is asked for, and the links
    are in the page as written once it has loaded."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    for path in ("", f"van-ban/{PLAN}/"):
        page.goto(frozen_url + path)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        links = page.locator("link[rel=alternate]")
        assert links.count() >= 1, path  # the home page's feeds, a record's JSON
        written = page.evaluate("fetch(location.href).then(r => r.text())")
        assert links.count() == written.count('rel="alternate"'), path
    assert not [url for url in asked if url.endswith("sitemap.xml")], asked


def test_long_lists_in_folds_and_of_stories_show_fifty_at_a_time(tmp_path, page):
    """Opened, a province's year folds held 917 milestones (148,000 px on a phone) and 262 commune
    plans; a newspaper's list of stories was 206 cards: each shows fifty, a button for the next."""
    from conftest import served
    from test_honor_pages import commune_plans, honor_data

    deadlines = "".join(f"      - {{what: 'Báo cáo số {n}', kind: report, yearly: '11-{n % 28 + 1:02d}'}}\n" for n in range(60))
    plan = ("id: kh-99-dong-xuan-2022\ntype: ke-hoach\nnumber: 99/KH-UBND\ndate: '2022-01-05'\n"
            "authority: ubnd-tinh-dong-xuan\ntitle: Kế hoạch báo cáo\ncampaign: vi-nguoi-ngheo-2021-2025\n"
            "period: 2021-2025\nbody:\n  - label: '1.'\n    title: Báo cáo\n    text: Các đơn vị báo cáo.\n"
            "    deadlines:\n" + deadlines)
    stories = {f"stories/cau-chuyen-{n}.yml": f"id: cau-chuyen-{n}\ntitle: Câu chuyện số {n}\ndate: '2023-03-{n % 28 + 1:02d}'\n"
                                              f"author: ubnd-tinh-dong-xuan\nbody: Nội dung {n}.\n" for n in range(60)}
    # 55 plans of xã An Phú, 6 of xã Bình Lư: the second commune's heading waits with its plans
    binh_lu = {"authorities/ubnd-xa-binh-lu.yml": "id: ubnd-xa-binh-lu\nname: Ủy ban nhân dân xã Bình Lư\n"
                                                  "short_name: UBND xã Bình Lư\nlevel: commune\nparent: ubnd-tinh-dong-xuan\n"}
    for path, text in commune_plans(61).items():
        if int(path.split("-")[1]) > 55:
            text = text.replace("authority: ubnd-xa-an-phu", "authority: ubnd-xa-binh-lu")
        binh_lu[path] = text
    build(tmp_path, honor_data(tmp_path, {**binh_lu, "documents/kh-99-dong-xuan-2022.yml": plan, **stories}))
    with served(tmp_path / "site") as url:
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto(url + "nam/2023/")
        november = page.locator("details.td-month").filter(has_text="Tháng 11/2023")
        november.locator("summary").click()
        assert november.locator("li.td-timeline__item:visible").count() == 50
        expect = november.locator("button.td-more-rows")
        assert expect.inner_text() == "Xem thêm 10 mốc (còn 10)"
        expect.click()
        assert november.locator("li.td-timeline__item:visible").count() == 60 and expect.is_hidden()

        page.goto(url + "nam/2022/")
        communes = page.locator("details.td-level").filter(has_text="Xã, phường")
        communes.locator("summary").click()
        assert communes.locator("tbody tr:visible").count() == 50
        assert communes.locator("button.td-more-rows").inner_text() == "Xem thêm 11 văn bản (còn 11)"
        second = communes.locator("h4").filter(has_text="Bình Lư")
        assert communes.locator("h4").filter(has_text="An Phú").is_visible() and second.is_hidden()
        communes.locator("button.td-more-rows").click()
        assert second.is_visible() and communes.locator("tbody tr:visible").count() == 61

        page.goto(url + "dien-hinh/co-quan/ubnd-tinh-dong-xuan/")
        assert page.locator("h1").inner_text().startswith("Gương điển hình liên quan đến")
        cards = page.locator("ul.td-story-cards > li")
        assert cards.count() >= 60 and page.locator("ul.td-story-cards > li:visible").count() == 50
        page.emulate_media(media="print")
        assert page.locator("ul.td-story-cards > li:visible").count() == cards.count()


def test_breadcrumbs_sit_on_one_line(frozen_url, page):
    """The current page's crumb, unpadded, sat 6 px above the padded links before it."""
    page.goto(frozen_url + f"van-ban/{PLAN}/")
    bottoms = page.evaluate("""Array.from(document.querySelectorAll('.td-breadcrumbs li > *')).map(e => {
        const r = document.createRange(); r.selectNodeContents(e); return Math.round(r.getBoundingClientRect().bottom); })""")
    assert len(bottoms) >= 3 and len(set(bottoms)) == 1, bottoms


def test_the_portal_s_name_is_whole_on_a_phone(frozen_url, page):
    """"Cổng thông tin thi đua, …" in the header and the menu at 360 px: on two lines, not cut."""
    cut = """(selector) => { const e = document.querySelector(selector);
        return [e.scrollWidth - e.clientWidth, e.scrollHeight - e.clientHeight, e.textContent.trim()]; }"""
    drawer = '.md-nav--primary > .md-nav__title[for="__drawer"]'  # the menu, a drawer up to 1220 px
    for width, selectors in ((360, (".md-header__topic:first-child .md-ellipsis", drawer)), (1000, (drawer,))):
        page.set_viewport_size({"width": width, "height": 740})
        page.goto(frozen_url + "van-ban/")
        for selector in selectors:
            wide, tall, text = page.evaluate(cut, selector)
            assert text.endswith("khen thưởng") and wide <= 0 and tall <= 0, (width, selector, wide, tall)
