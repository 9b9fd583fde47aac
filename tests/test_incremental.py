"""A rebuild after a data commit reuses the parse cache and the previous site's unchanged pages,
and gives the very bytes a full build gives; a damaged cache is not trusted."""
from __future__ import annotations

import filecmp
import re
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402


# Pagefind's index (issue 13, being written) differs between two full builds of the same data
# today; its determinism is test_site_behaviour's concern, not the rebuild's.
OTHERS = ("pagefind/",)


def files_of(site: Path) -> list[str]:
    return sorted(name for p in site.rglob("*") if p.is_file()
                  if not (name := p.relative_to(site).as_posix()).startswith(OTHERS))


def assert_same_site(a: Path, b: Path) -> None:
    names = files_of(a)
    assert names == files_of(b)
    _match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    assert mismatch == [] and errors == []


def written(output: str) -> tuple[int, int]:
    found = re.search(r"thidua: (\d+) of (\d+) record pages written", output)
    assert found, output
    return int(found.group(1)), int(found.group(2))


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """Small-scale data built once, then edited (one story changed, one added, one deleted) and
    built again over the same cache and site."""
    root = tmp_path_factory.mktemp("incremental")
    data = root / "data"
    generate("small", data, seed=3)
    first = build(root / "inc", data)
    assert "0 reused from the parse cache" in first.stderr
    stories = sorted((data / "stories").glob("*.yml"))
    changed, removed = stories[0], stories[-1]
    text = changed.read_text(encoding="utf-8")
    assert "\nbody: " in text or "\nbody:" in text
    changed.write_text(text.replace("\nbody: |\n", "\nbody: |\n  Một câu mới thêm vào.\n\n", 1)
                       if "\nbody: |\n" in text else text.replace("\ntitle: ", "\ntitle: Sửa: ", 1), encoding="utf-8")
    added_id = changed.stem + "-ban-moi"
    added = changed.read_text(encoding="utf-8").replace(f"id: {changed.stem}\n", f"id: {added_id}\n", 1)
    added = re.sub(r"\naliases:.*?(?=\n\S|\Z)", "", added, flags=re.S)  # an alias belongs to one record only
    (data / "stories" / f"{added_id}.yml").write_text(added, encoding="utf-8")
    removed.unlink()
    second = build(root / "inc", data)
    full = build(root / "full", data, cache_dir="")
    return root, data, first, second, full, added_id, removed.stem


def test_a_rebuild_after_edit_add_delete_is_byte_identical_to_a_full_build(edited):
    root, _data, first, second, _full, added_id, removed_id = edited
    assert_same_site(root / "inc" / "site", root / "full" / "site")
    site = root / "inc" / "site"
    assert (site / "dien-hinh" / added_id / "index.html").exists()
    assert not (site / "dien-hinh" / removed_id / "index.html").exists()


def test_a_rebuild_parses_and_writes_only_what_changed(edited):
    _root, _data, first, second, _full, _added, _removed = edited
    parsed = re.search(r"thidua: (\d+) of (\d+) data files parsed", second.stderr)
    assert parsed and int(parsed.group(1)) == 2  # the edited and the added story
    done, total = written(second.stderr)
    assert written(first.stderr) == (written(first.stderr)[1],) * 2  # a first build writes every page
    assert 0 < done < total / 2, second.stderr


def test_a_damaged_cache_falls_back_to_a_full_parse(edited):
    root, data, *_ = edited
    cache = root / "inc" / ".cache" / "thidua" / "records.pickle"
    blob = bytearray(cache.read_bytes())
    blob[len(blob) // 2] ^= 0xFF  # one flipped byte: the checksum no longer matches
    cache.write_bytes(bytes(blob))
    result = build(root / "inc", data)
    assert "not used" in result.stderr and "0 reused from the parse cache" in result.stderr
    assert_same_site(root / "inc" / "site", root / "full" / "site")
    cache.write_bytes(b"garbage")  # not even a cache
    result = build(root / "inc", data)
    assert "not used" in result.stderr
    assert_same_site(root / "inc" / "site", root / "full" / "site")


def test_a_page_changed_in_the_site_by_hand_is_written_again(edited):
    root, data, *_ = edited
    site = root / "inc" / "site"
    page = next(iter(sorted((site / "khen-thuong").glob("*/index.html"))))
    original = page.read_bytes()
    page.unlink()
    page.write_bytes(b"tampered")  # a new file: its identity no longer matches the manifest
    build(root / "inc", data)
    assert (site / page.relative_to(site)).read_bytes() == original
