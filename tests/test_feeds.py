"""Atom feeds (issue 15), read back with feedparser: well-formed (no bozo), one per kind with every
record, site-wide, per authority, campaign and province with the newest, linked from the head of
the pages they belong to and shown on them with an icon."""
from __future__ import annotations

import re

import pytest

from conftest import build
from test_honor_pages import PRIVATE_NAME
from test_open_data import open_data_set
from thidua.exports import feeds, paths

feedparser = pytest.importorskip("feedparser")
SITE_URL = "https://thidua.example/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("feeds")
    build(root, open_data_set(root))
    return root / "site"


def parse(site, path):
    feed = feedparser.parse((site / path).read_bytes())
    assert not feed.bozo, (path, feed.get("bozo_exception"))
    return feed


def links(feed) -> list[str]:
    return [e.link for e in feed.entries]


def test_every_feed_is_well_formed_atom(site):
    found = sorted(p.relative_to(site).as_posix() for p in (site / paths.SECTION / "atom").rglob("*.xml"))
    assert paths.feed() in found and paths.feed("authority", "ubnd-tinh-dong-xuan") in found
    for path in found:
        feed = parse(site, path)
        assert feed.version == "atom10"
        assert feed.feed.title and feed.feed.id and feed.feed.updated_parsed
        self_link = [link.href for link in feed.feed.links if link.rel == "self"]
        assert self_link == [SITE_URL + path]
        for entry in feed.entries:
            assert entry.id and entry.title and entry.updated_parsed and entry.link.startswith(SITE_URL)
        assert PRIVATE_NAME not in (site / path).read_text(encoding="utf-8")


def test_entries_are_newest_first_and_dated_by_the_record(site):
    feed = parse(site, paths.feed("kind", "decisions"))
    dates = [e.updated_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    first = feed.entries[0]
    assert first.link == f"{SITE_URL}khen-thuong/qd-20-dong-xuan-2024/"
    assert first.updated.startswith("2024-11-15T00:00:00+07:00")
    assert "5 tập thể, cá nhân" in first.summary
    assert [e.link for e in parse(site, paths.feed()).entries][0] == first.link


def test_scoped_feeds_hold_their_records(site):
    authority = links(parse(site, paths.feed("authority", "so-noi-vu-dong-xuan")))
    assert f"{SITE_URL}khen-thuong/qd-5-snv-dong-xuan-2024/" in authority
    assert f"{SITE_URL}dien-hinh/chi-thuy-giup-hoi-vien-thoat-ngheo/" in authority  # its author
    assert f"{SITE_URL}khen-thuong/qd-10-dong-xuan-2023/" not in authority
    province = links(parse(site, paths.feed("province", "ubnd-tinh-dong-xuan")))
    assert f"{SITE_URL}khen-thuong/qd-5-snv-dong-xuan-2024/" in province  # a department of the province
    assert f"{SITE_URL}khen-thuong/qd-10-dong-xuan-2023/" in province
    assert f"{SITE_URL}khen-thuong/qd-7-bac-son-2023/" not in province
    campaign = links(parse(site, paths.feed("campaign", "vi-nguoi-ngheo-2021-2025")))
    assert f"{SITE_URL}khen-thuong/qd-7-bac-son-2023/" in campaign and f"{SITE_URL}van-ban/kh-2-dong-xuan-2022/" in campaign
    assert len(campaign) <= feeds.LATEST
    assert not (site / paths.feed("province", "so-noi-vu-dong-xuan")).exists()  # provinces only


@pytest.mark.parametrize("page, feed", [
    ("", paths.feed()),
    ("co-quan/ubnd-tinh-dong-xuan/", paths.feed("authority", "ubnd-tinh-dong-xuan")),
    ("co-quan/ubnd-tinh-dong-xuan/", paths.feed("province", "ubnd-tinh-dong-xuan")),
    ("co-quan/so-noi-vu-dong-xuan/", paths.feed("authority", "so-noi-vu-dong-xuan")),
    ("phong-trao/vi-nguoi-ngheo-2021-2025/", paths.feed("campaign", "vi-nguoi-ngheo-2021-2025")),
    ("khen-thuong/", paths.feed("kind", "decisions")),
])
def test_pages_link_their_feeds_in_head_and_body(site, page, feed):
    html = (site / page / "index.html").read_text(encoding="utf-8")
    head, _, body = html.partition("</head>")
    heads = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)"', head)
    assert SITE_URL + feed in heads
    assert (site / feed).is_file()
    if page != "khen-thuong/":  # listings: in the head only
        depth = page.count("/")
        visible = re.findall(r'<a href="([^"]+)" type="application/atom\+xml"', body)
        assert "../" * depth + feed in visible
        assert 'class="td-feeds"' in body and "<svg" in body
        # a phone opens a feed as raw XML: the link says it is one, for a feed reader
        link = re.search(rf'<a href="{re.escape("../" * depth + feed)}"[^>]*>(.*?)</a>', body).group(1)
        assert link.endswith('<span class="td-muted">(RSS/Atom)</span>'), link
