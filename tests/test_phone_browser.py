"""Nothing leaves the site's origin: every request made while loading each family of pages, using
search and using the finder, in headless Chromium (issue 14: no Google Fonts, no CDN script)."""
from __future__ import annotations

import yaml

from conftest import ROOT
from test_a11y_browser import FAMILIES, finder_ready


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
