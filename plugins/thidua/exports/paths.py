"""Where each export lives on the site, relative to the site root.

Kept free of `pages` imports: the renderer links to feeds and calendars from page heads, and
the exports write them, so both read these names and cannot disagree.

- `du-lieu/` (`SECTION`): the open-data page and every bulk file (the honor-roll finder's own
  shards are elsewhere, under `vinh-danh/du-lieu/`);
- `<section>/<id>.json`: one record as JSON, beside its page `<section>/<id>/`.

`bulk_json` names a kind's JSON file inside the ZIP (`json/<kind>.json` there), not on the site.
"""
from __future__ import annotations

from ..kinds import KINDS

SECTION = "du-lieu/"
SCHEMA = f"{SECTION}thidua.schema.json"  # the model's JSON Schema, as `thidua schema` writes it
RECORD_SCHEMA = f"{SECTION}ban-ghi.schema.json"  # one record's JSON file: the record and its links
DATABASE = f"{SECTION}thidua.db"
PACKAGE = f"{SECTION}datapackage.json"
ARCHIVE = f"{SECTION}thidua-du-lieu.zip"
ROBOTS = "robots.txt"

# Kinds with a feed: what is issued and published over time.
FEED_KINDS = ("documents", "decisions", "stories")


def record_json(kind: str, ident: str) -> str:
    return f"{KINDS[kind].section}/{ident}.json"


def bulk_json(kind: str) -> str:
    return f"{SECTION}json/{kind}.json"


def csv_file(table: str) -> str:
    return f"{SECTION}csv/{table}.csv"


def feed(scope: str = "all", key: str = "") -> str:
    """'du-lieu/atom/tat-ca.xml'; a kind's 'du-lieu/atom/van-ban.xml'; a scope's 'du-lieu/atom/co-quan/<id>.xml'.

    Scopes: 'all', 'kind' (key: a kind name), 'authority', 'campaign', 'province' (key: an id)."""
    if scope == "all":
        return f"{SECTION}atom/tat-ca.xml"
    if scope == "kind":
        return f"{SECTION}atom/{KINDS[key].section}.xml"
    folder = {"authority": "co-quan", "campaign": "phong-trao", "province": "tinh"}[scope]
    return f"{SECTION}atom/{folder}/{key}.xml"


def calendar(scope: str = "all", key: str = "") -> str:
    """'du-lieu/lich/tat-ca.ics', 'du-lieu/lich/van-ban/<id>.ics' (a plan), 'du-lieu/lich/co-quan/<id>.ics'."""
    if scope == "all":
        return f"{SECTION}lich/tat-ca.ics"
    folder = {"document": "van-ban", "authority": "co-quan"}[scope]
    return f"{SECTION}lich/{folder}/{key}.ics"


def absolute(site_url: str, path: str) -> str:
    """`path` under `site_url` when one is set; else the site-root-relative path itself."""
    return (site_url.rstrip("/") + "/" + path) if site_url else path
