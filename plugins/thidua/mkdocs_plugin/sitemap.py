"""The sitemap from MkDocs' own `sitemap.xml` template, listing generated pages too.

MkDocs renders it from its own pages only, so record pages (which MkDocs never sees) would be
missing and the placeholder pages listed. Rendered again here through the theme's Jinja
environment (a theme's own sitemap.xml still wins) with one entry per page, in URL order, each
with the build date, and gzipped with mtime 0, so the same data gives the same bytes. Sample
records' pages (`noindex`) are left out.

A sitemap holds at most 50,000 URLs (sitemaps.org; search engines refuse a larger one), and the
national portal has about 80,000 pages: past MAX_URLS the pages are listed in sitemap-1.xml,
sitemap-2.xml, ... and sitemap.xml, the address robots.txt gives, is the index of those.
"""
from __future__ import annotations

import datetime as _dt
import html
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .pagefind_order import gzipped

TEMPLATE = "sitemap.xml"
# URLs per file, the protocol's bound. Its other, 50 MB, is out of reach: 50,000 entries with ids as
# long as a file name (255 bytes) take 17 MB.
MAX_URLS = 50_000
INDEX = ('<?xml version="1.0" encoding="UTF-8"?>\n'
         '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{}</sitemapindex>\n')


@dataclass(frozen=True)
class _Page:
    """The attributes of mkdocs.structure.pages.Page that the template reads."""

    canonical_url: str | None
    abs_url: str
    update_date: str
    is_link: bool = False


@dataclass(frozen=True)
class _File:
    page: _Page


def entries(urls: list[str], site_url: str, day: _dt.date) -> list[_File]:
    """One template entry per distinct site-relative URL ('van-ban/x/'), sorted.

    With `site_url`, URLs are absolute (as MkDocs makes them); without, MkDocs would list none:
    site-root paths are listed instead, as before, so the file still names every page."""
    out = []
    for url in sorted(set(urls)):
        canonical = urljoin(site_url, url) if site_url else None
        absolute = urlsplit(canonical).path if canonical else "/" + url
        out.append(_File(_Page(canonical, absolute, day.isoformat())))
    return out


def unlisted(config) -> set[str]:
    """Pages search engines are asked to leave out (sample records: `Page.index`), which the
    sitemap leaves out too. Read from the thidua plugin's site, which the caller does not pass."""
    plugin = config.plugins.get("thidua") if config.plugins else None
    site = getattr(plugin, "site", None)
    return site.unlisted() if site is not None else set()


def write(site_dir: Path, env, config, urls: list[str], day: _dt.date) -> str:
    """Render MkDocs' sitemap template with every indexable page and write sitemap.xml and its .gz;
    past MAX_URLS pages, write them in parts and sitemap.xml as their index. Returns sitemap.xml."""
    site_url = config.site_url or ""
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    left_out = unlisted(config)
    pages = entries([url for url in urls if url not in left_out], site_url, day)
    template = env.get_template(TEMPLATE)

    def render(part: list[_File]) -> str:
        xml = template.render(pages=part, config=config)
        return config.plugins.on_post_template(xml, template_name=TEMPLATE, config=config)

    parts: list[str] = []
    if len(pages) <= MAX_URLS:
        xml = _write(site_dir, TEMPLATE, render(pages))
    else:
        for n, start in enumerate(range(0, len(pages), MAX_URLS), 1):
            name = f"sitemap-{n}.xml"
            _write(site_dir, name, render(pages[start:start + MAX_URLS]))
            parts.append(name)
        xml = _write(site_dir, TEMPLATE, INDEX.format("".join(
            f"  <sitemap>\n    <loc>{html.escape(urljoin(site_url, name) if site_url else '/' + name)}</loc>\n"
            f"    <lastmod>{day.isoformat()}</lastmod>\n  </sitemap>\n" for name in parts)))
    # a `--dirty` build writes over the last site: parts a larger build left are removed
    for old in site_dir.glob("sitemap-*.xml*"):
        if old.name.removesuffix(".gz") not in parts:
            old.unlink()
    return xml


def _write(site_dir: Path, name: str, xml: str) -> str:
    """`name` and `name`.gz (gzip time 0: the same bytes each time)."""
    (site_dir / name).write_text(xml, encoding="utf-8")
    (site_dir / f"{name}.gz").write_bytes(gzipped(xml.encode("utf-8")))
    return xml
