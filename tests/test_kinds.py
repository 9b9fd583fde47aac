"""The registry of kinds is the one place a kind is declared: a toy kind added through it alone
is loaded, validated, published with its pages, redirects and search entries."""
from __future__ import annotations

import json
import types
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import write_config, write_tree
from thidua import model
from thidua.kinds import KINDS, Kind
from thidua.validate import validate


@dataclass
class Medal:
    id: str = model.required("Stable id.")
    name: str = model.required("The medal's name.")
    authority: str = model.required("Who awards it.", ref="authorities")
    note: str | None = model.doc("What it is for.")
    aliases: list[str] = model.doc("Former ids.", [])


def _build(renderer, site):
    for medal in renderer.repo.medals.values():
        site.pages.append(renderer.page(
            "medal.html", f"huy-chuong/{medal.id}/", medal.name, kind="medal", record=medal,
            description=f"{medal.name}: huy chương mẫu.", medal=medal))


def _keywords(renderer, medal, description):
    return [description, medal.note, *renderer.authority_words(medal.authority)]


@pytest.fixture
def medals(tmp_path):
    templates = write_tree(tmp_path / "templates", {
        "medal.html": "<h1>{{ medal.name }}</h1><p>Trao bởi {{ link('authorities', medal.authority) }}</p>",
    })
    builder = types.ModuleType("toy_medals")
    builder.build, builder.keywords = _build, _keywords
    kind = Kind("medals", Medal, "a medal", "huy-chuong", "Huy chương", title=lambda r: r.name,
                builder=builder, search_boost=2.0, templates=str(templates))
    with KINDS.added(kind):
        yield kind


AUTHORITY = "id: ubnd-xa-thu\nname: UBND xã Thử\nlevel: commune\n"


def test_a_toy_kind_is_validated_through_the_registry_alone(tmp_path, medals):
    data = write_tree(tmp_path / "data", {
        "authorities/ubnd-xa-thu.yml": AUTHORITY,
        "medals/huy-chuong-vang.yml": "id: huy-chuong-vang\nname: Huy chương vàng\nauthority: ubnd-xa-thu\n",
        "medals/huy-chuong-bac.yml": "id: huy-chuong-bac\nnmae: Huy chương bạc\nauthority: ubnd-xa-khac\n",
    })
    repo, report = validate(data)
    assert set(repo.medals) == {"huy-chuong-vang"}, "the good record is loaded into its kind"
    messages = {(p.file, p.line, p.field, p.message) for p in report.errors}
    assert ("data/medals/huy-chuong-bac.yml", 2, "nmae", 'unknown field "nmae" — did you mean "name"?') in messages
    assert ("data/medals/huy-chuong-bac.yml", 1, "name", 'missing required field "name"') in messages


def test_a_toy_kinds_reference_is_checked_with_its_noun(tmp_path, medals):
    data = write_tree(tmp_path / "data", {
        "authorities/ubnd-xa-thu.yml": AUTHORITY,
        "medals/huy-chuong-vang.yml": "id: huy-chuong-vang\nname: Huy chương vàng\nauthority: ubnd-xa-khac\n",
    })
    _repo, report = validate(data)
    [problem] = report.errors
    assert (problem.file, problem.line, problem.field) == ("data/medals/huy-chuong-vang.yml", 3, "authority")
    assert problem.message.startswith("reference to an authority that does not exist")


def test_without_the_declaration_the_folder_is_an_error(tmp_path):
    data = write_tree(tmp_path / "data", {
        "authorities/ubnd-xa-thu.yml": AUTHORITY,
        "medals/huy-chuong-vang.yml": "id: huy-chuong-vang\nname: Huy chương vàng\nauthority: ubnd-xa-thu\n",
    })
    _repo, report = validate(data)
    assert [p.rule for p in report.errors] == ["layout"]


def test_a_toy_kind_gets_pages_redirects_and_search_entries(tmp_path, medals):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    data = write_tree(tmp_path / "data", {
        "authorities/ubnd-xa-thu.yml": AUTHORITY,
        "medals/huy-chuong-vang.yml": ("id: huy-chuong-vang\nname: Huy chương <vàng> & bạc\nauthority: ubnd-xa-thu\n"
                                       "note: Dành cho người làm tốt công tác dân vận\naliases: [hc-vang]\n"),
    })
    config = load_config(str(write_config(tmp_path, data, workers=1)))
    build(config)
    site = Path(config.site_dir)
    page = (site / "huy-chuong" / "huy-chuong-vang" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Huy chương &lt;vàng&gt; &amp; bạc</h1>" in page
    assert 'href="../../co-quan/ubnd-xa-thu/"' in page, "links to other kinds resolve"
    assert "<title>Huy chương &lt;vàng&gt; &amp; bạc" in page, "the theme's chrome is filled"
    redirect = (site / "huy-chuong" / "hc-vang" / "index.html").read_text(encoding="utf-8")
    assert "../huy-chuong-vang/" in redirect
    from test_search_index import fragments  # the search index (Pagefind's): what a result shows
    entry = fragments(site)["/huy-chuong/huy-chuong-vang/"]
    text = json.dumps(entry["text"], ensure_ascii=False)
    assert "dân vận" in text and "UBND xã Thử" in text
    assert entry["meta"]["b"] == "2"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "huy-chuong/huy-chuong-vang/" in sitemap
