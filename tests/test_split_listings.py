"""Listings that grow with the whole data set (year, period and campaign pages, the indexes of
documents, authorities and campaigns, the stories' index and lists) are split by province, then
paginated, past split.BOUND lines (issue 16: no page over 2 MB at national scale).

The small benchmark scale (benchmarks/generate.py: Quảng Trị with Quảng Bình merged into it, plus the
real data's provinces and central bodies) is built twice with MkDocs: as it is, where nothing is
split, and with the bound lowered so that every such listing is split and the larger parts paginated.
Every record the first build lists on a listing page must be listed on exactly one page of the same
listing in the second, on the part of its authority's province as it is today.
"""
from __future__ import annotations

import gc
import importlib.util
import posixpath
import re
import sys
import weakref
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from conftest import ROOT, serve, write_config
from thidua import links
from thidua.graph import LinkGraph
from thidua.loader import load
from thidua.pages import Page, Settings, build_site, campaigns, split
from thidua.pages.render import Renderer
from thidua.pages.site import Site
from thidua.pages.stories import story_place
from thidua.problems import Report
from thidua.publish import publishable

BOUND = 12  # lines a page may list in the split build: most listings of the small scale are over it


def _generate(out: Path) -> Path:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    module.generate("small", out, seed=1, jobs=1)
    return out


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return _generate(tmp_path_factory.mktemp("split-data") / "data")


@pytest.fixture(scope="module")
def whole(tmp_path_factory, data) -> Path:
    dest = tmp_path_factory.mktemp("whole")
    mkdocs_build(load_config(str(write_config(dest, data))))
    return dest / "site"


@pytest.fixture(scope="module")
def parted(tmp_path_factory, data) -> Path:
    dest = tmp_path_factory.mktemp("parted")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(split, "BOUND", BOUND)  # pages are planned in this process; writers fork from it
        mkdocs_build(load_config(str(write_config(dest, data))))
    return dest / "site"


@pytest.fixture(scope="module")
def graph(data) -> LinkGraph:
    repo = load(data, Report())
    publishable(repo)
    return LinkGraph.build(repo)


# --- Reading built pages


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(page: BeautifulSoup):
    return page.select_one("article.md-content__inner") or page


def resolve(url: str, href: str) -> str:
    """A link on page `url` as a site-root-relative directory URL, without its anchor."""
    path = href.split("#")[0]
    if not path:
        return url
    joined = posixpath.normpath(posixpath.join(url, path))
    return "" if joined == "." else joined + "/"


def items(site: Path, url: str) -> dict[str, list]:
    """What a listing page lists, by kind of line: each a record URL (timeline entries also their text)."""
    body = article(soup(site, url))
    first = lambda tag: resolve(url, tag.find("a", href=True)["href"])
    return {
        "documents": [first(tr) for tr in body.select("table.td-documents tbody tr")],
        # a timeline entry: the part of the plan that sets it (the entry's last link), and its text
        "events": [(resolve(url, li.select(".td-what > a")[-1]["href"]) + "#" + li.select(".td-what > a")[-1]["href"]
                    .partition("#")[2], li.get_text(" ", strip=True)) for li in body.select("li.td-timeline__item")],
        "decisions": [first(tr) for tr in body.select("table.td-decisions tbody tr")],
        "tree": [first(node) for node in body.select(".td-tree .td-node")
                 if node.find("a", href=True) and first(node).startswith("van-ban/")],
        "directory": [u for u in (first(li) for li in body.select("ul.td-columns li") if li.find("a", href=True))
                      if re.fullmatch(r"co-quan/[a-z0-9-]+/", u)],
        "campaigns": [first(li) for li in body.select(".td-cards li")],
    }


def weight(found: dict[str, list]) -> int:
    """The lines a page lists, as split.BOUND counts them: a document's row counts double."""
    return sum(len(v) * (split.DOCUMENT if kind == "documents" else 1) for kind, v in found.items())


def listing_pages(site: Path, top: str) -> list[str]:
    """Every page of the listing at `top`: its folder's pages, or for a section's index (whose folder
    holds the records) the index, its tinh/ parts and its trang-N/ pages."""
    folder = site / top
    found = [top]
    for html in sorted(folder.rglob("index.html")):
        url = html.parent.relative_to(site).as_posix() + "/"
        rest = url[len(top):]
        if url == top or (top in SECTION_INDEXES + (STORY_INDEX,) and not rest.startswith(("tinh/", "trang-"))):
            continue
        found.append(url)
    return found


SECTION_INDEXES = ("van-ban/", "co-quan/", "phong-trao/")
STORY_INDEX = "dien-hinh/"  # its folder holds the stories and the lists by year, campaign and authority


def tops(site: Path) -> list[str]:
    """The listings of the small site: years, periods, campaigns, the three indexes."""
    out = [f"nam/{p.name}/" for p in sorted((site / "nam").iterdir()) if p.is_dir()]
    out += [f"giai-doan/{p.name}/" for p in sorted((site / "giai-doan").iterdir()) if p.is_dir()]
    out += [f"phong-trao/{p.name}/" for p in sorted((site / "phong-trao").iterdir())
            if p.is_dir() and (site / "phong-trao" / p.name / "index.html").exists() and p.name != "tinh"
            and not p.name.startswith("trang-")]
    return out + list(SECTION_INDEXES)


# --- The tests


def test_under_the_bound_nothing_is_split(whole):
    for top in tops(whole):
        if top in SECTION_INDEXES:
            assert listing_pages(whole, top) == [top], top
        else:
            assert [p for p in (whole / top).iterdir() if p.is_dir()] == [], top
        assert soup(whole, top).find(id="theo-tinh") is None, top


def test_every_record_listed_before_is_on_exactly_one_page_of_its_listing(whole, parted):
    split_somewhere = 0
    seen: Counter[str] = Counter()
    for top in tops(whole):
        before = items(whole, top)
        seen.update({kind: len(found) for kind, found in before.items()})
        pages = listing_pages(parted, top)
        # split exactly when over the bound (a tree line is a node drawn; the unsplit tree may draw a plan twice)
        assert (len(pages) > 1) == (weight(before) > BOUND), top
        split_somewhere += len(pages) > 1
        after: dict[str, list] = {kind: [] for kind in before}
        for url in pages:
            for kind, found in items(parted, url).items():
                after[kind] += found
        for kind in before:
            if kind == "tree":  # a plan drawn under several parents is drawn once in its province's part
                assert set(after[kind]) == set(before[kind]), (top, kind)
            else:
                assert Counter(after[kind]) == Counter(before[kind]), (top, kind)
                assert len(set(after[kind])) == len(after[kind]) or kind == "events", (top, kind)
    assert split_somewhere >= 9  # years, periods, campaigns and the indexes of documents and authorities
    assert all(seen[kind] > 10 for kind in ("documents", "events", "decisions", "tree", "directory")), seen


def split_pages(site: Path, listings: list[str]):
    """(url, its province's id: "" for the top page's) for each page of the listings that are split."""
    for top in listings:
        pages = listing_pages(site, top)
        for url in pages if len(pages) > 1 else []:  # a listing under the bound keeps all on one page
            rest = url[len(top):].removeprefix("tinh/")
            yield url, "" if rest.startswith("trang-") or not rest else rest.split("/")[0]


def test_parts_hold_the_records_of_their_province_as_it_is_today(parted, graph):
    repo = graph.repo
    key, _, _ = split.province_key(Renderer(repo, graph, Settings()))
    checked = 0
    for url, province in split_pages(parted, tops(parted)):
        for row in article(soup(parted, url)).select("tr[data-authority]"):
            assert key(row["data-authority"]) == province, (url, row["data-authority"])
            checked += 1
    assert checked > 100
    # Quảng Bình merged into Quảng Trị in 2025: its plans are in Quảng Trị's part, which says so
    quang_binh = [d for d in repo.documents.values() if d.authority == "ubnd-tinh-quang-binh"]
    assert quang_binh and key("ubnd-tinh-quang-binh") == "ubnd-tinh-quang-tri"
    part = soup(parted, "nam/2025/ubnd-tinh-quang-tri")
    assert "Tỉnh Quảng Trị hiện nay gồm cả tỉnh Quảng Bình cũ." in part.get_text(" ", strip=True)
    top = soup(parted, "nam/2025").select_one("#theo-tinh + ul").get_text(" ", strip=True)
    assert "Tỉnh Quảng Trị (gồm cả tỉnh Quảng Bình cũ;" in top


def reached(site: Path, top: str, pages: set[str]) -> set[str]:
    """The pages of `pages` that links in the pages' articles lead to from `top`."""
    found, todo = {top}, [top]
    while todo:
        url = todo.pop()
        for a in article(soup(site, url)).find_all("a", href=True):
            target = resolve(url, a["href"])
            if target in pages and target not in found:
                found.add(target)
                todo.append(target)
    return found


def test_every_part_is_reached_from_the_top_page(parted):
    split = 0
    for top in tops(parted):
        pages = set(listing_pages(parted, top))
        split += len(pages) > 1
        assert reached(parted, top, pages) == pages, top
    assert split >= 3  # listings were split: a page alone reaches itself


def test_split_site_links_and_breadcrumbs_work(parted):
    checked, broken = links.check(parted)
    assert checked > 0 and broken == []
    # a province's second page: its title, heading and trail back through the province and the year
    pages = listing_pages(parted, "nam/2025/")
    second = next(u for u in pages if u.endswith("trang-2/") and "ubnd-tinh-quang-tri" in u)
    page = soup(parted, second)
    assert page.title.string.startswith("Năm 2025 — Tỉnh Quảng Trị (trang 2) - ")
    assert page.h1.get_text(" ", strip=True).startswith("Năm 2025 — Tỉnh Quảng Trị Trang 2/")
    trail = [(resolve(second, a["href"]) if a.name == "a" else None, a.get_text(strip=True))
             for a in page.select("nav.td-breadcrumbs li > *")]
    assert trail == [("", "Trang chủ"), ("giai-doan/", "Giai đoạn"), ("nam/2025/", "Năm 2025"),
                     ("nam/2025/ubnd-tinh-quang-tri/", "Tỉnh Quảng Trị"), (None, "Trang 2")]
    campaign = soup(parted, "phong-trao/vi-nguoi-ngheo-2021-2025/ubnd-tinh-quang-tri")
    assert campaign.h1.get_text(strip=True) == \
        "Phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía sau” — Tỉnh Quảng Trị"
    # the parts are never in the nav
    nav = {resolve("", a["href"]) for a in soup(parted, "").select("nav.md-nav--primary a[href]")}
    assert not any(re.search(r"/(ubnd-tinh-[a-z-]+|trang-\d+)/$", u) for u in nav)


def test_pages_stay_within_the_bound(parted):
    continued = 0
    for top in tops(parted):
        for url in listing_pages(parted, top):
            found = items(parted, url)
            lines = weight(found)
            # a plan's subtree heavier than the bound is drawn in pieces, each on a page
            assert lines <= BOUND, (url, lines)
            continued += len(article(soup(parted, url)).select(".td-tree .td-node--continued"))
    assert continued > 0  # a campaign's tree had a subtree heavier than the bound
    # the top page keeps what belongs to no province and a line per province
    assert weight(items(parted, "nam/2025/")) <= BOUND


def _drawn(node: campaigns.Node) -> list[str]:
    return [node.document.id] + [d for k in node.children for d in _drawn(k)]


def test_a_subtree_heavier_than_the_bound_is_drawn_in_pieces():
    """A province's plan with 5 departments' plans under it, each with 4 communes' and one in another
    province: at any bound every piece fits (the tree is 3 deep), and each plan is drawn once but for
    the plans atop pieces, drawn again ("continued") above the rest of their children."""
    doc = lambda ident, authority="x": SimpleNamespace(id=ident, authority=authority)  # noqa: E731
    tree = [campaigns.Node(doc("p"), [campaigns.Node(doc(f"d{i}"), [campaigns.Node(doc(f"c{i}{j}"), [], 1)
                                                                       for j in range(4)], 5) for i in range(5)]
                           + [campaigns.Node(doc("y", "y"), [], 1)], 27)]
    for bound in range(3, 30):
        entries = campaigns.cut_tree(tree, lambda authority: authority, bound)
        assert [e.document.id for e in entries if e.document.id == "y"] == ["y"]
        mine = [e for e in entries if e.document.id != "y"]
        assert all(piece.size <= bound and piece.size == len(_drawn(piece)) + len(piece.elsewhere) for piece in mine)
        drawn = [d for piece in mine for d in _drawn(piece)]
        assert sorted(set(drawn)) == sorted(["p"] + [f"d{i}" for i in range(5)] +
                                            [f"c{i}{j}" for i in range(5) for j in range(4)]), bound
        assert [d for d in drawn if d.startswith("c")] == [f"c{i}{j}" for i in range(5) for j in range(4)], bound
        assert mine[0].elsewhere == {"y": 1} and not mine[0].continued and all(p.continued for p in mine[1:])
        assert (len(mine) == 1) == (bound >= 27)


def test_a_part_would_not_take_a_records_url(data, graph):
    """A record whose id is a part's name (van-ban/trang-2/) stops the build instead of being overwritten."""
    renderer = Renderer(graph.repo, graph, Settings())
    site = Site(pages=[Page(url="van-ban/trang-2/", title="", render=str)])
    documents = sorted(graph.repo.documents.values(), key=lambda d: d.id)
    central = [d for d in documents if graph.province_of(d.authority) is None]
    with pytest.raises(ValueError, match="van-ban/trang-2/"):
        split.listing(renderer, site, "van-ban/", {"documents": split.Section(central, lambda d: d.authority)}, bound=1)


def test_the_campaigns_index_and_its_central_pages(data, monkeypatch):
    """Three campaigns launched by central bodies: a bound of 2 puts the third on a second page."""
    monkeypatch.setattr(split, "BOUND", 2)
    repo = load(data, Report())
    publishable(repo)
    pages = {p.url: p for p in build_site(repo, LinkGraph.build(repo), Settings()).pages}
    assert "phong-trao/trang-2/" in pages and "phong-trao/trang-3/" not in pages
    second = pages["phong-trao/trang-2/"]
    assert second.title == "Phong trào thi đua (trang 2)" and not second.search
    assert "Phần của các cơ quan trung ương (tiếp theo)." in second.body
    assert pages["phong-trao/"].search


def test_a_build_is_freed_once_done_however_its_listings_split(data, monkeypatch):
    """What a build's listings share is the build's: `mkdocs serve` rebuilds on every edit, and a
    build kept alive would hold its records, graph and pages for the life of the process."""
    monkeypatch.setattr(split, "BOUND", 2)
    repo = load(data, Report())
    publishable(repo)
    site = build_site(repo, LinkGraph.build(repo), Settings())
    assert "phong-trao/trang-2/" in {p.url for p in site.pages}  # split: the shared memo was made
    renderer = weakref.ref(site.pages[0].render.func.__self__)  # each page's render: partial(renderer.render, ...)
    assert isinstance(renderer(), Renderer)
    del site
    gc.collect()
    assert renderer() is None


@pytest.fixture(scope="module")
def parted_url(parted):
    server, url = serve(parted)
    yield url
    server.shutdown()


def test_split_pages_fit_a_phone_and_pass_axe(browser, parted_url):
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    wide, found = {}, []
    for url in ("nam/2025/", "nam/2025/ubnd-tinh-quang-tri/trang-2/", "phong-trao/vi-nguoi-ngheo-2021-2025/",
                "phong-trao/vi-nguoi-ngheo-2021-2025/ubnd-tinh-quang-tri/", "van-ban/tinh/ubnd-tinh-quang-tri/",
                "co-quan/", "giai-doan/2021-2025/ubnd-tinh-quang-tri/", "dien-hinh/phong-trao/vi-nguoi-ngheo-2021-2025/",
                "dien-hinh/phong-trao/vi-nguoi-ngheo-2021-2025/ubnd-tinh-quang-tri/"):
        response = page.goto(parted_url + url)
        assert response is not None and response.ok, url
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[url] = width
        found += [f"{url}: {v['id']} ({v['impact']})" for v in axe.run(page).response["violations"]
                  if v["impact"] in ("serious", "critical")]
    context.close()
    assert wide == {} and found == []


# --- Story listings (dien-hinh/): the index (every authority that has stories) and a list per year,
# campaign and authority, split by the province of each story's commune or author (the index: of each
# authority). The small scale's 18 stories: with a bound of 3 every kind of list is split and paginated.

STORY_BOUND = 3


@pytest.fixture(scope="module")
def stories_parted(tmp_path_factory, data) -> Path:
    dest = tmp_path_factory.mktemp("stories-parted")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(split, "BOUND", STORY_BOUND)
        mkdocs_build(load_config(str(write_config(dest, data))))
    return dest / "site"


def story_tops(site: Path) -> list[str]:
    """The story listings: the index, and the list of every year, campaign and authority."""
    return [STORY_INDEX] + [f"{STORY_INDEX}{facet}/{p.name}/" for facet in ("nam", "phong-trao", "co-quan")
                            for p in sorted((site / STORY_INDEX / facet).iterdir()) if p.is_dir()]


def story_items(site: Path, url: str) -> dict[str, list[str]]:
    """What a story listing page lists: the stories of a list, or on the index its latest stories and
    the authorities it lists (each a record URL)."""
    body = article(soup(site, url))
    cards = [resolve(url, a["href"]) for a in body.select(".td-story-cards__title a[href]")]
    index = url == STORY_INDEX or url.startswith((f"{STORY_INDEX}tinh/", f"{STORY_INDEX}trang-"))
    listed = [resolve(url, a["href"]) for a in body.select("ul.td-columns li > a[href]")]
    return {"stories": [] if index else cards, "latest": cards if index else [],
            "authorities": [u for u in listed if re.fullmatch(rf"{STORY_INDEX}co-quan/[a-z0-9-]+/", u)]}


def story_weight(found: dict[str, list[str]]) -> int:
    """The lines of the listing a page shows (the index's latest stories are not in its listing)."""
    return len(found["stories"]) + len(found["authorities"])


def test_story_listings_split_and_list_each_story_once(whole, stories_parted):
    split_tops = set()
    for top in story_tops(whole):
        assert listing_pages(whole, top) == [top], top  # the small scale is far under split.BOUND
        before = story_items(whole, top)
        pages = listing_pages(stories_parted, top)
        assert (len(pages) > 1) == (story_weight(before) > STORY_BOUND), top
        if len(pages) == 1:  # under the bound nothing changes
            assert article(soup(stories_parted, top)).get_text(" ", strip=True) == \
                article(soup(whole, top)).get_text(" ", strip=True), top
            continue
        split_tops.add(top)
        after: dict[str, list[str]] = {kind: [] for kind in before}
        for url in pages:
            found = story_items(stories_parted, url)
            assert story_weight(found) <= STORY_BOUND, url
            for kind, listed in found.items():
                after[kind] += listed
        for kind in before:
            assert Counter(after[kind]) == Counter(before[kind]), (top, kind)
            assert len(set(after[kind])) == len(after[kind]), (top, kind)
        assert story_items(stories_parted, top)["latest"] == before["latest"], top  # on the top page only
    paginated = {top for top in split_tops if any(u.endswith("/trang-2/") for u in listing_pages(stories_parted, top))}
    for facet in ("", "nam/", "phong-trao/", "co-quan/"):  # the index, and lists of each kind
        assert any(top.startswith(STORY_INDEX + facet) for top in paginated), facet
    assert sum(len(story_items(whole, top)["stories"]) for top in split_tops) > 20


def test_story_parts_hold_the_stories_of_their_province(stories_parted, graph):
    repo = graph.repo
    key, _, _ = split.province_key(Renderer(repo, graph, Settings()))
    checked = 0
    for url, province in split_pages(stories_parted, story_tops(stories_parted)):
        found = story_items(stories_parted, url)
        for story in found["stories"]:
            assert key(story_place(repo.stories[story.split("/")[1]])) == province, (url, story)
            checked += 1
        for authority in found["authorities"]:
            assert key(authority.split("/")[2]) == province, (url, authority)
            checked += 1
    assert checked > 40
    # Bình Thuận merged into Lâm Đồng in 2025: its stories are in Lâm Đồng's part, which says so
    assert key("so-noi-vu-binh-thuan") == "ubnd-tinh-lam-dong"
    part = soup(stories_parted, "dien-hinh/nam/2024/ubnd-tinh-lam-dong").get_text(" ", strip=True)
    assert "Tỉnh Lâm Đồng hiện nay gồm cả tỉnh Bình Thuận cũ." in part
    top = soup(stories_parted, "dien-hinh/nam/2024").select_one("#theo-tinh + ul").get_text(" ", strip=True)
    assert "Tỉnh Lâm Đồng (gồm cả tỉnh Bình Thuận cũ; 1 câu chuyện)" in top


def test_every_story_part_is_reached_from_the_top_page(stories_parted):
    split = 0
    for top in story_tops(stories_parted):
        pages = set(listing_pages(stories_parted, top))
        split += len(pages) > 1
        assert reached(stories_parted, top, pages) == pages, top
    assert split >= 2  # story listings were split: a page alone reaches itself


def trail(page: BeautifulSoup, url: str) -> list[tuple[str | None, str]]:
    return [(resolve(url, a["href"]) if a.name == "a" else None, a.get_text(strip=True))
            for a in page.select("nav.td-breadcrumbs li > *")]


def test_split_story_listings_links_titles_and_breadcrumbs(stories_parted):
    checked, broken = links.check(stories_parted)
    assert checked > 0 and broken == []
    # a year's list: the top page keeps the way to each province, and says it has no central stories
    url = "dien-hinh/nam/2024/"
    page = soup(stories_parted, url)
    assert page.title.string.startswith("Gương điển hình năm 2024 - ")
    assert [h.get_text(" ", strip=True) for h in article(page).select("h2")] == \
        ["Theo tỉnh, thành phố", "Câu chuyện của các cơ quan trung ương"]
    assert "Không có câu chuyện nào của các cơ quan trung ương." in page.get_text(" ", strip=True)
    # a province's second page: title, heading, lead, description and the trail back through the year
    url = "dien-hinh/nam/2024/ubnd-tinh-quang-tri/trang-2/"
    page = soup(stories_parted, url)
    assert page.title.string.startswith("Gương điển hình năm 2024 — Tỉnh Quảng Trị (trang 2) - ")
    assert page.h1.get_text(" ", strip=True) == "Gương điển hình năm 2024 — Tỉnh Quảng Trị Trang 2/2"
    assert re.match(r"\d+ câu chuyện của tỉnh Quảng Trị về tập thể, cá nhân",
                    page.select_one(".td-lead").get_text(" ", strip=True))
    assert page.select_one("h2#cau-chuyen").get_text(" ", strip=True) == "Câu chuyện của tỉnh Quảng Trị (tiếp theo)"
    assert re.fullmatch(r"Gương điển hình năm 2024: \d+ câu chuyện điển hình tiên tiến — phần của tỉnh Quảng Trị, "
                        r"trang 2\.", page.find("meta", attrs={"name": "description"})["content"])
    assert trail(page, url) == [("", "Trang chủ"), ("dien-hinh/", "Điển hình tiên tiến"), ("dien-hinh/nam/2024/", "Năm 2024"),
                                ("dien-hinh/nam/2024/ubnd-tinh-quang-tri/", "Tỉnh Quảng Trị"), (None, "Trang 2")]
    # a campaign's list: the province's first page
    url = "dien-hinh/phong-trao/vi-nguoi-ngheo-2021-2025/ubnd-tinh-quang-tri/"
    page = soup(stories_parted, url)
    assert page.h1.get_text(" ", strip=True) == \
        "Gương điển hình phong trào “Vì người nghèo - Không để ai bị bỏ lại phía sau” — Tỉnh Quảng Trị"
    assert page.select_one(".td-pager [aria-current=page]").get_text(strip=True) == "Trang 1"
    assert trail(page, url)[2:] == [("dien-hinh/phong-trao/vi-nguoi-ngheo-2021-2025/",
                                     "Vì người nghèo - Không để ai bị bỏ lại phía sau"), (None, "Tỉnh Quảng Trị")]
    # the index: its top page keeps the latest stories, years and campaigns; a province's part lists its authorities
    top = article(soup(stories_parted, STORY_INDEX))
    assert [h["id"] for h in top.select("h2")][:4] == ["moi-nhat", "theo-nam", "theo-phong-trao", "theo-tinh"]
    url = f"{STORY_INDEX}tinh/ubnd-tinh-quang-tri/trang-2/"
    page = soup(stories_parted, url)
    assert page.title.string.startswith("Gương điển hình tiên tiến — Tỉnh Quảng Trị (trang 2) - ")
    assert page.select_one("h2#theo-co-quan").get_text(" ", strip=True) == \
        "Cơ quan, địa phương của tỉnh Quảng Trị (tiếp theo)"
    assert re.fullmatch(r"\d+ cơ quan, địa phương của tỉnh Quảng Trị có câu chuyện điển hình tiên tiến\.",
                        page.select_one(".td-lead").get_text(" ", strip=True))
    assert page.find(id="moi-nhat") is None
    assert trail(page, url) == [("", "Trang chủ"), ("dien-hinh/", "Điển hình tiên tiến"),
                                ("dien-hinh/tinh/ubnd-tinh-quang-tri/", "Tỉnh Quảng Trị"), (None, "Trang 2")]
