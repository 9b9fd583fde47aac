"""Open data (issue 15): every export read back with a different tool than the one that wrote it
(JSON against the schema with jsonschema, CSV with csv, the package with frictionless, SQLite with
sqlite3), count in = count out, no non-public name in any byte, samples only when the site has
them, byte-identical output, and what search engines get (sitemap, robots.txt, canonical, noindex).

Built from the honor-roll data set (`test_honor_pages.honor_data`): a line with `public: false`, a
sample decision and a story about its line.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import os
import json
import re
import sqlite3
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import build, write_config
from award_data import decision, person
from test_honor_pages import DECISION_SAMPLE, PRIVATE_NAME, SAMPLE_NAME, SO_NOI_VU, honor_data
from thidua import exports, model
from thidua.exports import database, paths, records
from thidua.graph import LinkGraph
from thidua.kinds import KINDS
from thidua.mkdocs_plugin import incremental
from thidua.pages import build_site, open_data
from thidua.pages.render import Renderer
from thidua.pages.site import Settings
from thidua.problems import CannotBuild
from thidua.publish import drop_samples, publishable
from thidua.text import fold
from thidua.validate import validate

SITE_URL = "https://thidua.example/"  # mkdocs.yml's placeholder
FRICTIONLESS = Path(sys.executable).parent / "frictionless"
# A name whose 'Đ' only the fold column finds typed as 'D', and an achievement whose 'ừ' (two marks)
# only SQLite's own folding finds typed as 'u': of an achievement, only the words with 'đ' are folded.
DECISION_DANG = decision("qd-8-snv-dong-xuan-2024", date="2024-07-01", **SO_NOI_VU, extra="number: 8/QĐ-SNV\n",
                         recipients=person("Đặng Văn Hải", unit="Sở Nội vụ tỉnh Đồng Xuân",
                                           extra="  achievement: Trồng rừng phòng hộ ven biển, đạt chuẩn.\n"))
# A decision none of whose lines may be published: it is exported, with no line
DECISION_HIDDEN = decision("qd-9-snv-dong-xuan-2024", date="2024-07-02", **SO_NOI_VU, extra="number: 9/QĐ-SNV\n",
                           recipients=person("Lò Thị Kín Tiếng", unit="Sở Nội vụ tỉnh Đồng Xuân", extra="  public: false\n"))
# Two bases in an order that is not their sorted order: the `basis` rows (sorted, keyed by the two
# ids) cannot say it; the document's record, in the database too, must keep it.
GUIDE = "hd-3-snv-dong-xuan-2022"
GUIDE_BASIS = ["qd-1-ttg-2021", "kh-2-dong-xuan-2022"]
DOCUMENT_TWO_BASES = f"""\
id: {GUIDE}
type: huong-dan
number: 3/HD-SNV
date: '2022-06-01'
authority: so-noi-vu-dong-xuan
title: Hướng dẫn khen thưởng trong phong trào thi đua
transcribed: false
campaign: vi-nguoi-ngheo-2021-2025
basis:
- document: {GUIDE_BASIS[0]}
  relation: based-on
- document: {GUIDE_BASIS[1]}
  relation: implements
  note: Kế hoạch số 2/KH-UBND
"""


def open_data_set(root: Path, extra: dict[str, str] | None = None) -> Path:
    """The honor-roll data set, its sample decision numbered as a sample ("-MẪU") whether or not
    the shared set already is."""
    sample = re.sub(r"^number: (\S+?)(-MẪU)?$", r"number: \1-MẪU", DECISION_SAMPLE, flags=re.M)
    return honor_data(root, {"decisions/qd-99-an-phu-2024.yml": sample, **(extra or {})})


def published(data: Path, include_samples: bool = True):
    """The repository and link graph the site is built from."""
    repo, report = validate(data)
    assert not report.errors, [p.text() for p in report.errors]
    if not include_samples:
        drop_samples(repo)
    publishable(repo)
    return repo, LinkGraph.build(repo)


def expected_ids(data: Path, include_samples: bool = True) -> dict[str, set[str]]:
    repo, graph = published(data, include_samples)
    out = {kind: set(repo.of_kind(kind)) for kind in KINDS}
    out["stories"] = {s.id for s in graph.stories}  # a story about an unpublished line has no page
    return out


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return open_data_set(tmp_path_factory.mktemp("open-data"), {**DECISION_DANG, **DECISION_HIDDEN,
                                                                 f"documents/{GUIDE}.yml": DOCUMENT_TWO_BASES})


@pytest.fixture(scope="module")
def sites(data) -> dict[bool, Path]:
    """The site with and without samples."""
    out = {}
    for samples in (True, False):
        dest = data.parent / f"site-{samples}"
        build(dest, data, include_samples=samples)
        out[samples] = dest / "site"
    return out


def kind_file(site: Path, attr: str) -> dict:
    """A kind's JSON file, which is in the ZIP alone (the site serves each record's beside its page)."""
    with zipfile.ZipFile(site / paths.ARCHIVE) as z:
        return json.loads(z.read(paths.bulk_json(attr).removeprefix(paths.SECTION)))


def read_csv(site: Path, table: str) -> list[dict]:
    raw = (site / paths.csv_file(table)).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, for Excel"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def export_files(site: Path) -> dict[str, bytes]:
    """Every export's bytes (the ZIP's members too), by path."""
    out = {}
    for path in site.rglob("*"):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and (rel.startswith(paths.SECTION) and not rel.endswith(".html")
                               or rel.endswith((".json", ".ics", ".xml")) or rel == paths.ROBOTS):
            out[rel] = path.read_bytes()
    with zipfile.ZipFile(site / paths.ARCHIVE) as z:
        for name in z.namelist():
            out[f"zip:{name}"] = z.read(name)
    return out


def test_each_record_json_matches_the_schema_and_its_kind_file(sites, data):
    site = sites[True]
    schema = json.loads((site / paths.RECORD_SCHEMA).read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    model_schema = json.loads((site / paths.SCHEMA).read_text(encoding="utf-8"))
    for kind, ids in expected_ids(data).items():
        bulk = kind_file(site, KINDS[kind].attr)
        assert bulk["count"] == len(ids) and [r["id"] for r in bulk["records"]] == sorted(ids), kind
        by_kind = Draft202012Validator({"$ref": model_schema["x-kinds"][kind], "$defs": model_schema["$defs"]})
        for ident in ids:
            one = json.loads((site / paths.record_json(kind, ident)).read_text(encoding="utf-8"))
            errors = [e.message for e in validator.iter_errors(one)] + [e.message for e in by_kind.iter_errors(one["record"])]
            assert not errors, (kind, ident, errors[:3])
            assert one in bulk["records"]
            assert one["url"] == f"{SITE_URL}{KINDS[kind].section}/{ident}/"


def test_record_json_keeps_date_precision_and_links_both_ways(sites):
    site = sites[True]
    plan = json.loads((site / paths.record_json("documents", "kh-2-dong-xuan-2022")).read_text(encoding="utf-8"))
    launch = json.loads((site / paths.record_json("documents", "qd-1-ttg-2021")).read_text(encoding="utf-8"))
    assert plan["record"]["date"] == "2022-05-10" and plan["record"]["period"] == "2021-2025"
    assert [b["id"] for b in plan["links"]["basis"]] == ["qd-1-ttg-2021"]
    assert [b["id"] for b in launch["links"]["implemented_by"]] == [GUIDE, "kh-2-dong-xuan-2022"]
    assert {d["id"] for d in plan["links"]["decisions"]} == {"qd-10-dong-xuan-2023", "qd-20-dong-xuan-2024"}
    decision = json.loads((site / paths.record_json("decisions", "qd-10-dong-xuan-2023")).read_text(encoding="utf-8"))
    line = decision["links"]["lines"][0]
    assert line["url"] == f"{SITE_URL}khen-thuong/qd-10-dong-xuan-2023/#{line['id']}"
    assert [s["id"] for s in line["stories"]] == ["chi-thuy-giup-hoi-vien-thoat-ngheo"]
    assert decision["record"]["recipients"][0]["id"] == line["id"]
    for withheld in ("public", "consent", "poverty_programme"):
        assert all(withheld not in r for r in decision["record"]["recipients"])


def test_count_in_is_count_out(sites, data):
    """Every published record in its JSON, its CSV, the database and (plans, decisions, stories) its feed."""
    feedparser = pytest.importorskip("feedparser")
    for samples, site in sites.items():
        ids = expected_ids(data, samples)
        repo, graph = published(data, samples)
        db = sqlite3.connect(site / paths.DATABASE)
        for kind, expected in ids.items():
            attr = KINDS[kind].attr
            assert {json.loads((site / paths.record_json(kind, i)).read_text(encoding="utf-8"))["id"] for i in expected} == expected
            assert {r["id"] for r in read_csv(site, attr)} == expected, (samples, kind)
            assert {r[0] for r in db.execute(f'SELECT id FROM "{attr}"')} == expected, (samples, kind)
            if kind in paths.FEED_KINDS:
                feed = feedparser.parse((site / paths.feed("kind", kind)).read_bytes())
                assert not feed.bozo, feed.get("bozo_exception")
                assert {e.link for e in feed.entries} == {f"{SITE_URL}{KINDS[kind].section}/{i}/" for i in expected}
        lines = {(d, line.anchor) for d, ls in graph.lines_of_decision.items() for line in ls}
        assert {(r["decision"], r["id"]) for r in read_csv(site, "recipients")} == lines
        assert set(db.execute("SELECT decision, id FROM recipients")) == lines
        assert len(lines) == sum(len(d.recipients) for d in repo.decisions.values())


def test_no_non_public_name_in_any_byte(sites):
    variants = {PRIVATE_NAME, unicodedata.normalize("NFD", PRIVATE_NAME), fold(PRIVATE_NAME), PRIVATE_NAME.upper()}
    for site in sites.values():
        files = export_files(site)
        assert len(files) > 50
        for path, blob in files.items():
            for variant in variants:
                for encoded in (variant.encode("utf-8"), variant.encode("utf-16-le")):
                    assert encoded not in blob, (path, variant)
            assert b"Bao Mat" not in blob and b"bao mat" not in blob.lower(), path


def test_samples_only_when_the_site_has_them_and_marked(sites):
    with_samples = read_csv(sites[True], "recipients")
    sample_rows = [r for r in with_samples if r["name"] == SAMPLE_NAME]
    assert sample_rows and all(r["sample"] == "true" for r in sample_rows)
    assert all(r["sample"] == "false" for r in with_samples if r["name"] != SAMPLE_NAME)
    decisions = {r["id"]: r["sample"] for r in read_csv(sites[True], "decisions")}
    assert decisions["qd-99-an-phu-2024"] == "true"
    for path, blob in export_files(sites[False]).items():
        assert SAMPLE_NAME.encode("utf-8") not in blob and b"qd-99-an-phu-2024" not in blob, path


def test_a_decision_with_no_line_to_publish_is_exported_without_lines(sites):
    """Every line withheld: the decision is still published (its JSON, its row), with no line, and
    the hidden name is nowhere (a build once failed on it: KeyError 'recipients')."""
    for site in sites.values():
        record = json.loads((site / paths.record_json("decisions", "qd-9-snv-dong-xuan-2024")).read_text(encoding="utf-8"))
        assert record["record"]["number"] == "9/QĐ-SNV" and record["record"]["recipients"] == []
        assert all("kin tieng" not in fold(blob.decode("utf-8", "ignore")) for blob in export_files(site).values())


def test_csv_has_one_row_per_decision_line(sites):
    rows = read_csv(sites[True], "recipients")
    binh = [r for r in rows if r["decision"] == "qd-10-dong-xuan-2023" and r["name"] == "Trần Văn Bình"]
    assert [r["unit"] for r in binh] == ["Đoàn Thanh niên xã An Phú", "Hội Cựu chiến binh xã An Phú"]
    assert binh[0]["id"] != binh[1]["id"]
    assert {r["authority"] for r in binh} == {"ubnd-tinh-dong-xuan"} and binh[0]["form"] == "bang-khen-tinh"


def test_frictionless_validates_the_data_package(sites):
    for site in sites.values():
        result = subprocess.run([str(FRICTIONLESS), "validate", "--json", "datapackage.json"],
                                cwd=site / paths.SECTION, capture_output=True, text=True)
        report = json.loads(result.stdout)
        errors = [e for task in report.get("tasks", []) for e in task.get("errors", [])] + report.get("errors", [])
        assert result.returncode == 0 and report["valid"], errors[:5]
        assert {t["name"] for t in report["tasks"]} >= {"recipients", "decisions", "documents"}


def test_sqlite_full_text_search_finds_a_name_typed_without_diacritics(sites):
    db = sqlite3.connect(sites[True] / paths.DATABASE)
    found = db.execute("SELECT r.name, r.unit, r.url FROM recipients r JOIN recipients_fts f ON f.rowid = r.rowid "
                       "WHERE recipients_fts MATCH ? ORDER BY r.decision, r.number", ("nguyen thi thuy",)).fetchall()
    names = {unicodedata.normalize("NFC", n) for n, _, _ in found}
    assert "Nguyễn Thị Thúy" in names and "Nguyễn Thị Thuý" in names
    assert all(url.startswith(f"{SITE_URL}khen-thuong/") and "#" in url for _, _, url in found)
    # đ has no decomposition: the folded copy is what finds "Đông" typed as "dong"
    assert db.execute("SELECT count(*) FROM recipients_fts WHERE recipients_fts MATCH 'dong'").fetchone()[0] >= 1
    assert db.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'phong trao thi dua'").fetchone()[0] >= 1
    record = db.execute("SELECT record FROM documents WHERE id = 'kh-2-dong-xuan-2022'").fetchone()[0]
    assert json.loads(record)["body"][0]["title"] == "Hình thức khen thưởng"


def test_sqlite_folds_names_and_leaves_achievements_to_fts5(sites):
    """'Đ' typed as 'D' is found in a name through `fold`; an achievement is not folded whole (it
    would double the text): its words typed without diacritics are found through FTS5's own folding,
    and those with 'đ' through `fold`."""
    db = sqlite3.connect(sites[True] / paths.DATABASE)

    def found(query: str) -> list[str]:
        return [unicodedata.normalize("NFC", n) for (n,) in db.execute(
            "SELECT r.name FROM recipients r JOIN recipients_fts f ON f.rowid = r.rowid WHERE recipients_fts MATCH ?",
            (query,))]

    assert found("Dang Van Hai") == found("fold : dang") == ["Đặng Văn Hải"]
    assert found("name : dang") == [], "SQLite keeps 'đ': the fold column is what finds it"
    assert found("Đặng") == ["Đặng Văn Hải"]
    # 'rừng' (ừ: horn and grave), 'phòng hộ' (ộ: circumflex and dot) typed bare, found in the achievement
    assert found("trong rung phong ho") == found("achievement : rung") == ["Đặng Văn Hải"]
    assert found("fold : rung") == []
    # the one letter FTS5 keeps: an achievement's words with 'đ' are in `fold`, folded, and only those
    assert found("achievement : dat") == [] and found("dat chuan") == ["Đặng Văn Hải"]
    assert "Đặng Văn Hải" in found("fold : dat")
    folds = dict(db.execute("SELECT name, fold FROM recipients"))
    assert folds["Đặng Văn Hải"] == "dang van hai so noi vu tinh dong xuan dat"


def test_open_data_page_names_the_columns_the_database_searches(sites):
    """The page's list of searched columns is the database's own (`database.SEARCHED`, `LONG`):
    each full-text table with exactly its columns, the short ones apart from the long."""
    db = sqlite3.connect(sites[True] / paths.DATABASE)
    html = (sites[True] / paths.SECTION / "index.html").read_text(encoding="utf-8")
    listed = dict(re.findall(r"<li><code>(\w+)_fts</code>: (.*?)</li>", html))
    fts = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'") if name.endswith("_fts")]
    assert sorted(listed) == sorted(name.removesuffix("_fts") for name in fts) == sorted(database.SEARCHED)
    for table, text in listed.items():
        short, _, long = text.partition("; nội dung dài: ")
        columns = [row[1] for row in db.execute(f"PRAGMA table_info([{table}_fts])")]
        assert columns[-1] == "fold"
        assert re.findall(r"<code>(\w+)</code>", short) == [c for c in columns[:-1] if c not in database.LONG], table
        assert re.findall(r"<code>(\w+)</code>", long) == [c for c in columns[:-1] if c in database.LONG], table
    assert "tên (<code>name</code>), chức vụ (<code>position</code>)" in listed["recipients"]
    assert "nội dung dài: thành tích (<code>achievement</code>)." in listed["recipients"]
    assert "cần SQLite 3.27.0 trở lên" in html


def test_every_published_field_of_a_recipient_has_a_column(sites):
    """A recipient line's fields that the exports publish (all but `records.WITHHELD`, as its JSON)
    are columns of `recipients`, in the database and in recipients.csv: a field the flat columns
    cannot hold (`columns_of` keeps only flat ones) is not dropped from them unseen."""
    published = [f.name for f in dataclasses.fields(model.Recipient) if f.name not in records.WITHHELD]
    assert {"name", "position", "unit", "locality", "achievement"} <= set(published)
    db = sqlite3.connect(sites[True] / paths.DATABASE)
    in_database = {row[1] for row in db.execute("PRAGMA table_info(recipients)")}
    raw = (sites[True] / paths.csv_file("recipients")).read_bytes().decode("utf-8-sig")
    in_csv = set(next(csv.reader(io.StringIO(raw))))
    assert [f for f in published if f not in in_database] == []
    assert [f for f in published if f not in in_csv] == []


@pytest.mark.parametrize("fields", [set(), {"a"}, {"m"}, {"z"}, {"a", "m"}, {"a", "m", "z", "q\"\u2028"}, {"absent"}])
def test_dumps_apart_gives_dumps_bytes_with_and_without_the_fields(fields):
    data = {"z": [1, {"b": "đ\u0000"}], "a": {"nested": ["x"]}, "m": "Đặng", "q\"\u2028": None, "k": 2.5}
    whole, without = records.dumps_apart(data, frozenset(fields))
    assert whole == records.dumps(data)
    assert without == records.dumps({k: v for k, v in data.items() if k not in fields})


def test_sqlite_record_column_leaves_out_what_has_a_table_of_its_own(sites):
    """A decision's `record` has no recipients: they are the `recipients` rows with its id, and
    hold every field of the JSON file's recipients (which keeps them). A document's basis stays in
    its record: its order (the first it implements is its parent) is not in the `basis` rows."""
    site = sites[True]
    db = sqlite3.connect(site / paths.DATABASE)
    db.row_factory = sqlite3.Row
    apart = {"decisions": "recipients"}
    for kind in KINDS.values():
        for ident, record in db.execute(f'SELECT id, record FROM "{kind.attr}"'):
            stored = json.loads(record)
            full = json.loads((site / paths.record_json(kind.name, ident)).read_text(encoding="utf-8"))["record"]
            assert stored == {k: v for k, v in full.items() if k != apart.get(kind.name)}, (kind.name, ident)
    decision = json.loads((site / paths.record_json("decisions", "qd-10-dong-xuan-2023")).read_text(encoding="utf-8"))
    lines = decision["record"]["recipients"]
    assert len(lines) == 6, "the record's JSON file keeps its recipients"
    rows = db.execute("SELECT recipients.* FROM decisions JOIN recipients ON recipients.decision = decisions.id "
                      "WHERE decisions.id = 'qd-10-dong-xuan-2023' ORDER BY recipients.number").fetchall()
    assert [{k: row[k] for k in line} for line, row in zip(lines, rows)] == lines and len(rows) == len(lines)
    bulk = kind_file(site, "decisions")
    assert next(r for r in bulk["records"] if r["id"] == "qd-10-dong-xuan-2023")["record"]["recipients"] == lines
    for ident in ("kh-2-dong-xuan-2022", GUIDE):
        kept = json.loads((site / paths.record_json("documents", ident)).read_text(encoding="utf-8"))["record"]["basis"]
        rows = [{k: row[k] for k in ("basis", "relation", "note") if row[k] is not None} for row in db.execute(
            "SELECT * FROM basis WHERE document = ? ORDER BY basis", (ident,))]
        assert rows == sorted(({("basis" if k == "document" else k): v for k, v in b.items()} for b in kept),
                              key=lambda b: b["basis"]), ident
        assert rows and json.loads(db.execute(
            "SELECT record FROM documents WHERE id = ?", (ident,)).fetchone()[0])["basis"] == kept, ident
    # the order written, which the sorted rows do not keep: the database's record does
    guide = json.loads(db.execute("SELECT record FROM documents WHERE id = ?", (GUIDE,)).fetchone()[0])
    assert [b["document"] for b in guide["basis"]] == GUIDE_BASIS != sorted(GUIDE_BASIS)
    # the open-data page says so
    html = (site / paths.SECTION / "index.html").read_text(encoding="utf-8")
    assert "<code>recipients</code> của bảng <code>decisions</code>" in html
    assert "recipients.decision = decisions.id" in html


def test_a_build_with_too_old_an_sqlite_stops_with_a_clear_error(data, tmp_path):
    """With SQLite older than the tokenizer needs, `mkdocs build` stops before writing the site,
    with the plugin's error naming the version found and the one needed, not a traceback."""
    config = write_config(tmp_path, data)
    run = ("import sqlite3, sys; sqlite3.sqlite_version_info = (3, 26, 0); "
           "from mkdocs.__main__ import cli; cli(sys.argv[1:])")
    result = subprocess.run([sys.executable, "-c", run, "build", "--strict", "-f", str(config)], capture_output=True,
                            text=True, cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(r"ERROR\s+-\s+thidua: .*needs SQLite 3\.27\.0 or later.* uses SQLite 3\.26\.0", output), output
    assert "Traceback" not in output
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("found", [(3, 26, 9), (3, 27, 0), (3, 45, 1)])
def test_the_sqlite_check_lets_3_27_and_later_through(monkeypatch, found):
    monkeypatch.setattr(sqlite3, "sqlite_version_info", found)
    if found < (3, 27):
        with pytest.raises(CannotBuild, match=r"needs SQLite 3\.27\.0 or later.* uses SQLite 3\.26\.9"):
            database.check_sqlite()
    else:
        database.check_sqlite()


def test_an_sqlite_that_cannot_make_the_full_text_tables_stops_the_build_clearly(monkeypatch):
    """The version is not all: an SQLite built without FTS5 (here: a tokenizer it does not know)."""
    monkeypatch.setattr(database, "TOKENIZE", "no-such-tokenizer")
    with pytest.raises(CannotBuild, match=r"FTS5, tokenizer 'no-such-tokenizer'\) cannot be made with this Python's SQLite"):
        database.check_sqlite()


def test_zip_holds_the_data_files_with_fixed_times(sites):
    with zipfile.ZipFile(sites[True] / paths.ARCHIVE) as z:
        infos = z.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert {"datapackage.json", "thidua.db", "csv/recipients.csv", "json/decisions.json"} <= set(names)
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert z.read("csv/recipients.csv") == (sites[True] / paths.csv_file("recipients")).read_bytes()


class Folder:
    """A sink that writes every file into a folder, as the plugin's writer does (without reuse)."""

    def __init__(self, root: Path):
        self.root = root

    def write(self, path: str, data: bytes) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def keyed(self, path: str, key: str, make) -> int:
        data = make()
        self.write(path, data)
        return len(data)

    def reuse(self, path: str, key: str) -> int | None:
        return None

    def placed(self, path: str, key: str | None = None) -> None:
        pass


def written(data: Path, root: Path, site_url: str = SITE_URL, sink=None) -> tuple[exports.Export, dict[str, bytes]]:
    """The exports of `data` written into `root` (made here), and every file there by path."""
    repo, graph = published(data)
    renderer = Renderer(repo, graph, Settings(site_url=site_url))
    export = exports.plan(repo, graph, site_name="x", site_url=site_url, occurrences_of=renderer.calendar)
    root.mkdir(parents=True)
    export.write(sink or Folder(root), root)
    return export, {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_exports_are_byte_identical_across_builds(data, tmp_path):
    (export, first), (_, second) = written(data, tmp_path / "a"), written(data, tmp_path / "b")
    assert first.keys() == second.keys()
    assert [p for p in first if first[p] != second[p]] == []
    assert not [p for p in (tmp_path / "a").iterdir() if p.name.startswith(".")], "the scratch folder is gone"
    # every file the open-data page sizes is there, at that size
    assert export.sizes and all(export.sizes[p] == len(first[p]) for p in export.sizes)
    for kind in KINDS.values():  # record files: canonical JSON, though their record part was spliced in
        for path in (p for p in first if p.startswith(kind.section + "/") and p.endswith(".json")):
            assert json.dumps(json.loads(first[path]), ensure_ascii=False, separators=(",", ":"),
                              sort_keys=True).encode("utf-8") == first[path], path


def test_without_site_url_urls_are_site_relative(data, tmp_path):
    _, files = written(data, tmp_path / "site", site_url="")
    one = json.loads(files[paths.record_json("documents", "kh-2-dong-xuan-2022")])
    assert one["url"] == "van-ban/kh-2-dong-xuan-2022/"
    assert b"Sitemap" not in files[paths.ROBOTS]


def test_a_rebuild_links_the_unchanged_small_files_and_writes_the_large_anew(data, tmp_path):
    """What the plugin does (incremental.Writer): record files, feeds and calendars unchanged since
    the previous site are linked from it; the large files are made whole, and listed by their
    identity alone (so a preview may carry them: catchup.py); the old site is untouched."""
    old = tmp_path / "old"
    first = incremental.Writer(old, old, incremental.Manifest(old, {}))
    _, before = written(data, old, sink=first)
    assert first.written == len(first.entries) > 20
    new = tmp_path / "new"
    again = incremental.Writer(new, old, incremental.Manifest(old, first.entries))
    _, after = written(data, new, sink=again)
    whole = {path for path, entry in again.entries.items() if entry[0] == ""}
    assert {paths.DATABASE, paths.ARCHIVE, paths.csv_file("recipients")} <= whole
    assert after == before and again.written == len(whole)  # only the large files written again
    for path in again.entries:
        assert ((new / path).stat().st_ino == (old / path).stat().st_ino) == (path not in whole), path


def test_the_site_holds_no_export_in_memory(data):
    """Pages and static files are planned; the exports are only planned, and written later."""
    repo, graph = published(data)
    site = build_site(repo, graph, Settings(site_url=SITE_URL))
    assert site.exports is not None and not site.exports.written
    assert not [p for p in site.files if site.exports.owns(p)]
    page = next(p for p in site.pages if p.url == paths.SECTION)  # rendered in-process, nothing written
    assert re.search(rf'thidua\.db</a></td><td[^>]*>[^<]*</td><td[^>]*>{open_data.UNKNOWN}</td>', page.body)
    for path in (paths.DATABASE, paths.csv_file("recipients"), paths.feed("authority", "x"), paths.ROBOTS,
                 paths.record_json("decisions", "qd-10-dong-xuan-2023")):
        assert site.exports.owns(path), path
    for path in (paths.SECTION + "index.html", "khen-thuong/qd-10-dong-xuan-2023/index.html", "vinh-danh/du-lieu/index.json"):
        assert not site.exports.owns(path), path


def test_open_data_page_documents_every_file(sites):
    html = (sites[True] / paths.SECTION / "index.html").read_text(encoding="utf-8")
    assert "Dữ liệu mở" in html
    # it speaks to citizens and re-users: how to set the portal up is for the README
    assert "mkdocs.yml" not in html and "<code>site_url</code>" not in html
    hrefs = set(re.findall(r'href="([^"#]+)"', html))
    for target in ("thidua.db", "datapackage.json", "thidua-du-lieu.zip", "csv/recipients.csv",
                   "atom/tat-ca.xml", "lich/tat-ca.ics", "../sitemap.xml", "../robots.txt"):
        assert target in hrefs, target
    for href in hrefs:
        if not href.startswith(("http", "mailto")) and not href.endswith(("/", "..")):
            assert (sites[True] / paths.SECTION / href).resolve().is_file(), href
    # each listed size is the size of the file written (the page renders after the exports)
    listed = re.findall(r'<tr><td><a href="([^"]+)">[^<]*</a></td><td[^>]*>(?:(?!</td>).)*</td><td[^>]*>([^<]+)</td></tr>', html)
    assert len(listed) >= 5 + 9
    # a kind's JSON file is named, in the ZIP, and not served loose: each record's is, beside its page
    for kind in KINDS.values():
        assert f"<tr><td>json/{kind.attr}.json</td>" in html and f'href="json/{kind.attr}.json"' not in html
        assert re.search(rf"<tr><td>json/{kind.attr}.json</td><td[^>]*>[^<]*</td><td[^>]*>trong tệp ZIP</td></tr>", html)
    assert not (sites[True] / paths.bulk_json("decisions")).parent.exists()
    for href, shown in listed:
        assert shown == open_data.size((sites[True] / paths.SECTION / href).stat().st_size), href


def test_search_engines_get_sitemap_robots_canonical_and_no_samples(sites):
    site = sites[True]
    robots = (site / "robots.txt").read_text(encoding="ascii")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locs and all(loc.startswith(SITE_URL) for loc in locs)
    assert sitemap.count("<lastmod>") == len(locs)
    assert f"{SITE_URL}khen-thuong/qd-10-dong-xuan-2023/" in locs
    assert not any("qd-99-an-phu-2024" in loc or "cau-chuyen-mau" in loc for loc in locs)
    sample = (site / "khen-thuong/qd-99-an-phu-2024/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in sample
    for url in ("khen-thuong/qd-10-dong-xuan-2023/", "co-quan/ubnd-tinh-dong-xuan/", ""):
        html = (site / url / "index.html").read_text(encoding="utf-8")
        assert re.findall(r'<link rel="?canonical"? href="?([^" >]+)', html) == [SITE_URL + url], url
        assert "noindex" not in html
    json_link = re.search(r'<link rel="alternate" type="application/json"[^>]*href="([^"]+)"',
                          (site / "khen-thuong/qd-10-dong-xuan-2023/index.html").read_text(encoding="utf-8"))
    assert json_link and json_link.group(1) == f"{SITE_URL}khen-thuong/qd-10-dong-xuan-2023.json"
