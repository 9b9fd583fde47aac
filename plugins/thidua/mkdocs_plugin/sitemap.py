"""The sitemap from MkDocs' own `sitemap.xml` template, listing generated pages too.

MkDocs renders it from its own pages only, so record pages (which MkDocs never sees) would be
missing and the placeholder pages listed. Rendered again here through the theme's Jinja
environment (a theme's own sitemap.xml still wins) with one entry per page, in URL order, each
with the build date, and gzipped with mtime 0, so the same data gives the same bytes. Sample
records' pages (`noindex`) are left out.
"""
from __future__ import annotations

import datetime as _dt
import gzip
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

TEMPLATE = "sitemap.xml"


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
    """Render MkDocs' sitemap template with every indexable page and write sitemap.xml and its .gz."""
    site_url = config.site_url or ""
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    left_out = unlisted(config)
    urls = [url for url in urls if url not in left_out]
    xml = env.get_template(TEMPLATE).render(pages=entries(urls, site_url, day), config=config)
    xml = config.plugins.on_post_template(xml, template_name=TEMPLATE, config=config)
    (site_dir / TEMPLATE).write_text(xml, encoding="utf-8")
    with open(site_dir / f"{TEMPLATE}.gz", "wb") as raw, \
            gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as out:  # mtime 0: reproducible
        out.write(xml.encode("utf-8"))
    return xml
