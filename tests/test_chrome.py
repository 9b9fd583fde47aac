"""The page chrome (thidua/mkdocs_plugin/chrome.py): record pages are Material's output for one
placeholder page per folder with each page's parts put in. With Material's common features on,
every record page must still carry its own title, description, head tags, TOC, body and skip
link; a marker Material (or a theme override) lost or moved must stop the build with a clear
error naming the Material version, never give a traceback or a broken page."""
from __future__ import annotations

import re
import shutil
from importlib import metadata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from conftest import FROZEN, ROOT, edit_config, run_mkdocs, soup, write_config
from thidua.mkdocs_plugin import chrome, plugin

PLAN = "kh-ubnd-tinh-binh-thuan-vi-nguoi-ngheo-2021-2025"
NO_TOC = "nam/2023"  # a record page (not in the nav) without a table of contents
BASE_FEATURES = ["navigation.tabs", "navigation.top", "search.suggest", "search.highlight", "toc.follow"]
SITE_URL = "https://thidua.example.gov.vn/cong/"
MATERIAL = metadata.version("mkdocs-material")


def configured(dest: Path, *, features=(), plugin: dict | None = None, **changes) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    config = write_config(dest, FROZEN, **(plugin or {}))  # records named here: the frozen copy, not data/
    if features:
        changes["theme"] = {**changes.get("theme", {}), "features": BASE_FEATURES + list(features)}
    return edit_config(config, **changes)


@pytest.fixture(scope="module")
def featured(tmp_path_factory) -> Path:
    """mkdocs.yml's features plus instant navigation and tooltips (instant loading needs site_url)."""
    dest = tmp_path_factory.mktemp("featured")
    run_mkdocs(configured(dest, features=["navigation.instant", "content.tooltips"], site_url=SITE_URL))
    return dest / "site"


@pytest.fixture(scope="module")
def integrated(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("integrated")
    run_mkdocs(configured(dest, features=["navigation.instant", "content.tooltips", "toc.integrate"],
                          site_url=SITE_URL))
    return dest / "site"


def check_own_parts(page: BeautifulSoup, *, toc: bool) -> None:
    """Title, description, head tags and body of the plan, not the placeholder's."""
    assert page.title.string.startswith("Tổ chức thực hiện Phong trào") and page.title.string.endswith(
        " - Cổng thông tin thi đua, khen thưởng")
    assert "Bình Thuận" in page.find("meta", attrs={"name": "description"})["content"]
    assert page.head.find("script", type="application/ld+json") is not None  # head tags in <head>
    article = page.select_one("article.md-content__inner.md-typeset")
    assert article.find("h1") is not None and article.find(id="thuoc-tinh") is not None
    assert len(page.find_all("h1")) == 1  # Material added none of its own
    assert page.select_one("a.md-skip")["href"] == "#thuoc-tinh"
    secondary = page.select("nav.md-nav--secondary")
    if toc:
        links = [(a["href"], a.get_text(strip=True)) for a in secondary[0].select("a.md-nav__link")]
        assert links[0] == ("#thuoc-tinh", "Thuộc tính") and ("#noi-nhan", "Nơi nhận") in links
    else:
        assert secondary == []


def test_record_pages_with_instant_navigation_and_tooltips(featured):
    check_own_parts(soup(featured, f"van-ban/{PLAN}"), toc=True)
    assert soup(featured, f"van-ban/{PLAN}").find("link", rel="canonical")["href"] == f"{SITE_URL}van-ban/{PLAN}/"


def test_record_pages_with_integrated_toc(integrated):
    """With toc.integrate Material prints a TOC only under the page's own nav entry: record pages
    have none (they are not in the nav), so they get none, as Material renders such pages."""
    check_own_parts(soup(integrated, f"van-ban/{PLAN}"), toc=False)


def test_no_empty_table_of_contents(featured, integrated):
    """A page without headings has no "Mục lục" heading over an empty list, and no skip link."""
    for site in (featured, integrated):
        page = soup(site, NO_TOC)
        assert "Mục lục" not in page.get_text() and page.select("ul[data-md-component=toc]") == []
        assert page.select_one("a.md-skip") is None
        assert page.select_one("article h1") is not None


def test_no_marker_survives(featured, integrated):
    for site in (featured, integrated):
        leaks = [p for p in site.rglob("*") if p.suffix in (".html", ".xml", ".json")
                 and re.search(r"TDMARK|__shell__", p.read_text(encoding="utf-8"))]
        assert leaks == [] and not list(site.rglob("__shell__"))


def test_assets_come_with_the_package(featured):
    """theme/ holds template overrides only; the plugin ships its scripts and stylesheet."""
    assert not (ROOT / "theme" / "assets").exists()
    for path, source in plugin.ASSETS.items():
        assert (featured / path).read_bytes() == source.read_bytes(), path
    page = soup(featured, f"van-ban/{PLAN}")
    assert page.find("link", rel="stylesheet", href=re.compile(r"assets/stylesheets/thidua\.css$"))
    assert page.find("script", src=re.compile(r"assets/javascripts/thidua\.js$"))


# --- The chrome's checks, on the placeholder Material really rendered

@pytest.fixture(scope="module")
def placeholder(tmp_path_factory) -> str:
    """The van-ban/ placeholder page as Material rendered it, caught on its way to Chrome.cut."""
    dest = tmp_path_factory.mktemp("placeholder")
    caught: dict[str, str] = {}
    real = chrome.Chrome.cut.__func__

    def spy(cls, html, **options):
        caught[options["where"]] = html
        return real(cls, html, **options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(chrome.Chrome, "cut", classmethod(spy))
        mkdocs_build(load_config(str(write_config(dest, FROZEN))))
    return next(html for where, html in caught.items() if "van-ban/" in where)


def _drop_secondary_toc(html: str) -> str:
    return re.sub(r'(<nav class="md-nav md-nav--secondary"[^>]*>).*?</nav>', r"\1</nav>", html, count=1, flags=re.S)


BROKEN = {
    "title missing": (lambda h: h.replace(chrome.TITLE, ""), "the title is missing"),
    # it is in the header too: that one alone is not enough
    "title outside <title>": (lambda h: h.replace(f"<title>{chrome.TITLE}", "<title>"), "the title is not in <title>"),
    "description outside its meta": (lambda h: re.sub(rf'content="{chrome.DESCRIPTION}"', 'content=""', h).replace(
        "</footer>", f"{chrome.DESCRIPTION}</footer>"), 'the description is not in <meta name="description">'),
    "head tags in the body": (lambda h: h.replace(chrome.HEAD, "").replace("</footer>", f"{chrome.HEAD}</footer>"),
                              "not inside <head>"),
    "body missing": (lambda h: h.replace(chrome.BODY, ""), "the page body are missing"),
    "body outside the article": (lambda h: h.replace(chrome.BODY, "").replace("</footer>", f"{chrome.BODY}</footer>"),
                                 "not inside <article"),
    "skip link missing": (lambda h: re.sub(r'<a href="#[^"]*" class="md-skip">.*?</a>', "", h, flags=re.S),
                          "skip link"),
    "TOC missing": (_drop_secondary_toc, "TOC entry is missing"),
}


def test_placeholder_cuts(placeholder):
    frame = chrome.Chrome.cut(placeholder, where="van-ban/")
    page = frame.fill(title="A & B", description="d", head="<meta x>", body="<p>b</p>", toc="", first=None, slug="x")
    assert "<title>A &amp; B - " in page and "<p>b</p>" in page and "TDMARK" not in page


@pytest.mark.parametrize("name", BROKEN)
def test_a_lost_or_moved_marker_is_a_clear_error(placeholder, name):
    mutate, says = BROKEN[name]
    broken = mutate(placeholder)
    assert broken != placeholder
    with pytest.raises(PluginError) as caught:
        chrome.Chrome.cut(broken, where="the placeholder page of van-ban/")
    message = str(caught.value)
    assert says in message and f"installed: {MATERIAL}" in message and "~=9.8.0" in message
    assert "van-ban/" in message


def test_a_theme_override_that_moves_a_marker_stops_the_build(tmp_path):
    """End to end: a custom_dir whose main.html prints the head tags in the page body."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "main.html").write_text(
        '{% extends "base.html" %}\n{% block content %}{{ super() }}{{ page.meta.thidua_head or "" }}{% endblock %}\n',
        encoding="utf-8")
    result = run_mkdocs(configured(tmp_path, theme={"custom_dir": str(theme)}), check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "the head tags are not inside <head>" in output and f"installed: {MATERIAL}" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "van-ban" / PLAN / "index.html").exists()


@pytest.mark.parametrize("changes, says", [
    ({"use_directory_urls": False}, "use_directory_urls: false is not supported"),
    ({"theme": {"name": "mkdocs"}}, "the theme must be Material for MkDocs"),
])
def test_unsupported_settings_are_refused(tmp_path, changes, says):
    result = run_mkdocs(configured(tmp_path, **changes), check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and says in output and "Traceback" not in output


def test_disabled_plugin_does_nothing(tmp_path):
    run_mkdocs(configured(tmp_path, plugin={"enabled": False}, nav=[{"Giới thiệu": "gioi-thieu.md"}]))
    site = tmp_path / "site"
    assert (site / "gioi-thieu" / "index.html").is_file()
    assert not (site / "van-ban").exists() and not (site / "assets" / "javascripts" / "finder.js").exists()
    assert "search-hook.js" not in (site / "gioi-thieu" / "index.html").read_text(encoding="utf-8")
    assert not (site / "assets" / "javascripts" / "search-hook.js").exists()


def test_the_chrome_is_squeezed_where_whitespace_does_not_matter():
    """Material's indentation goes (a fifth of every record page); text keeps its word breaks, and
    preformatted text, form fields, scripts and styles are kept byte for byte."""
    kept = ('<pre>  a\n    b</pre>', '<textarea>\n  x\n</textarea>', '<script>\n  var a = "x\n   y";\n</script>',
            '<style>\n  p { }\n</style>')
    html = "<div>\n    <p>\n      one\n\n      two  three\n    </p>\n" + "\n  ".join(kept) + "\n</div>\n"
    out = chrome.squeeze(html)
    assert out.startswith("<div>\n<p>\none\ntwo  three\n</p>\n") and all(block in out for block in kept)
    assert chrome.squeeze(out) == out
    assert chrome.squeeze("<a>x\n\u00a0y</a>") == "<a>x\n\u00a0y</a>"  # a no-break space is text, not indentation


def test_record_pages_carry_no_indentation_outside_their_body(featured):
    html = (featured / "van-ban" / PLAN / "index.html").read_text(encoding="utf-8")
    outside = re.sub(r"<article\b.*?</article>|<script\b.*?</script>", "", html, flags=re.S)
    assert not re.search(r"\n[ \t]", outside)
    assert '<script src="../../assets/javascripts/search-hook.js"></script>' in html
