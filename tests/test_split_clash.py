"""A split listing's pages never take another page's URL (pages/split.py). Past the bound a listing has
pages `<list>/trang-2/` ... and parts `<list>/<province id>/`: a record whose id or former id is
"trang-2" would take one (the documents' index's second page is van-ban/trang-2/, a document's page
too). Validation rejects such an id, with its file, line, column and field, so the data never reaches
the listing, which would stop the build with a traceback.

The data are the small folder of `award_data.py` (BASE) with two central documents, so that a
bound of one line puts the second on the index's page van-ban/trang-2/.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import MKDOCS, build
from award_data import make_data, problems_of
from thidua.graph import LinkGraph
from thidua.loader import load
from thidua.pages import Settings, build_site, split
from thidua.problems import Report
from thidua.publish import publishable

CENTRAL = "id: {id}\ntype: quyet-dinh\ndate: '2022-06-0{day}'\ntitle: Quyết định {day}\nauthority: thu-tuong\ntranscribed: false\n"


def clashing(tmp_path: Path) -> Path:
    """Two central documents, one of them "trang-2"; a province "trang-3"; a campaign once "trang-4"."""
    return make_data(tmp_path, {
        "documents/qd-tt-1.yml": CENTRAL.format(id="qd-tt-1", day=1),
        "documents/trang-2.yml": CENTRAL.format(id="trang-2", day=2),
        "authorities/trang-3.yml": "id: trang-3\nname: Ủy ban nhân dân tỉnh C\nlevel: province\n",
        "campaigns/nong-thon-moi.yml": "id: nong-thon-moi\nname: Nông thôn mới\nperiod: 2021-2025\naliases: [trang-4]\n",
    })


def test_an_id_naming_a_lists_page_is_a_validation_error(tmp_path):
    problems = problems_of(clashing(tmp_path))
    assert [(p.file, p.line, p.column, p.field, p.severity, p.message, p.expected, p.found)
            for p in problems if p.rule == "id"] == [
        (f"data/{file}", line, column, field, "error", f'the id "{ident}" would take the place of a list\'s page',
         "an id other than trang-<number> (the pages of a long list)", f'"{ident}"')
        for file, line, column, field, ident in [
            ("authorities/trang-3.yml", 1, 5, "id", "trang-3"),
            ("campaigns/nong-thon-moi.yml", 4, 11, "aliases[0]", "trang-4"),
            ("documents/trang-2.yml", 1, 5, "id", "trang-2"),
        ]]


def test_the_clash_stops_validate_and_the_build_cleanly(tmp_path):
    data = clashing(tmp_path)
    run = subprocess.run([str(MKDOCS.parent / "thidua"), "validate", str(data)], capture_output=True, text=True,
                         cwd=tmp_path)
    assert run.returncode != 0 and "Traceback" not in run.stdout + run.stderr
    assert "data/documents/trang-2.yml:1:5: error: id: the id \"trang-2\" would take the place" in run.stdout
    assert "3 error(s)" in run.stdout
    # the build stops at the same errors, before planning a page
    run = build(tmp_path / "build", data, check=False)
    assert run.returncode != 0 and "Traceback" not in run.stdout + run.stderr
    assert "trang-2.yml:1:5" in run.stderr and "3 error(s) in" in run.stderr, run.stderr[-3000:]
    assert not (tmp_path / "build" / "site" / "van-ban").exists()


def test_without_the_check_the_listing_would_take_the_records_page(tmp_path, monkeypatch):
    """What validation keeps from the build: the documents' index split at a bound of one line."""
    repo = load(clashing(tmp_path), Report())
    publishable(repo)
    monkeypatch.setattr(split, "BOUND", 1)
    with pytest.raises(ValueError, match="van-ban/trang-2/ is both another page and a part of the listing van-ban/"):
        build_site(repo, LinkGraph.build(repo), Settings())


def test_a_listing_never_takes_a_url_twice(tmp_path, monkeypatch):
    """Valid data at a bound of one line: every listing split, every page's URL its own."""
    data = make_data(tmp_path, {"documents/qd-tt-1.yml": CENTRAL.format(id="qd-tt-1", day=1),
                                "documents/qd-tt-2.yml": CENTRAL.format(id="qd-tt-2", day=2)})
    assert [p for p in problems_of(data) if p.severity == "error"] == []
    repo = load(data, Report())
    publishable(repo)
    monkeypatch.setattr(split, "BOUND", 1)
    urls = [page.url for page in build_site(repo, LinkGraph.build(repo), Settings()).pages]
    assert len(urls) == len(set(urls)) and "van-ban/trang-2/" in urls and "van-ban/tinh/ubnd-tinh-a/" in urls



def test_a_part_never_takes_the_url_of_another_part_of_its_listing(tmp_path):
    """A province "trang-3" (which validation rejects) beside three central items at a bound of one
    line: its part, <list>trang-3/, would be the central part's third page. The listing refuses
    it, with no other page in the site to clash with: the check between its own parts."""
    from thidua.pages.render import Renderer
    from thidua.pages.site import Site

    data = make_data(tmp_path, {
        "authorities/trang-3.yml": "id: trang-3\nname: Ủy ban nhân dân tỉnh C\nlevel: province\n",
        **{f"documents/qd-tt-{day}.yml": CENTRAL.format(id=f"qd-tt-{day}", day=day) for day in (1, 2, 3)},
    })
    repo = load(data, Report())
    publishable(repo)
    renderer = Renderer(repo, LinkGraph.build(repo), Settings())
    items = ["thu-tuong", "thu-tuong", "thu-tuong", "trang-3"]  # each item stands as its authority's id
    section = {"lines": split.Section(items, lambda authority: authority)}
    with pytest.raises(ValueError, match="nam/2022/trang-3/ is both another page and a part of the listing nam/2022/"):
        split.listing(renderer, Site(), "nam/2022/", section, bound=1)
    # with the province under its own folder, every part has a URL of its own
    urls = [part.url for part in split.listing(renderer, Site(), "nam/2023/", section, under="tinh/", bound=1).parts]
    assert urls == ["nam/2023/", "nam/2023/trang-2/", "nam/2023/trang-3/", "nam/2023/tinh/trang-3/"]
