"""Tests of the sample data (`sample: true`) and of dropping it (`thidua/checks/samples.py`, `thidua/publish.py`, `include_samples`).

The frozen copy's sample decisions and stories (tests/fixtures/data/, taken from data/) are the
passing fixture of every award and privacy rule at scale; the small folders come from
`award_data.py`. Offices may change or drop the samples in data/ at any time, so these tests
never read data/: what the real data must do (validate, build, publish) is tested elsewhere.
"""
from __future__ import annotations

from pathlib import Path

from conftest import FROZEN, build, every_text, own_words
from award_data import decision, make_data, person, problems_of, show, story, the_problem
from thidua import checks, model
from thidua.kinds import KINDS
from thidua.problems import Report
from thidua.publish import drop_samples
from thidua.text import folded_words, slugify
from thidua.validate import validate

# The frozen copy's samples, by id (a refresh of the copy that changes them must change these)
SAMPLE_DECISIONS = {
    "qd-3150-ubnd-binh-thuan-2023", "qd-2987-ubnd-binh-thuan-2024", "qd-1420-ubnd-binh-thuan-2025",
    "qd-1782-sldtbxh-binh-thuan-2023", "qd-1954-sldtbxh-binh-thuan-2024", "qd-1186-ttg-2025",
    "qd-812-sgtvt-cao-bang-2023", "qd-1035-sxd-cao-bang-2025",
    "qd-1452-sgddt-binh-phuoc-2023", "qd-905-sgddt-binh-phuoc-2025",
    "qd-156-ubnd-minh-tien-2023", "qd-98-ubnd-minh-tien-2025",
}
SAMPLE_STORIES = {
    "htx-thanh-long-ham-minh", "ho-ong-mang-van-thoi-thoat-ngheo", "nguoi-can-bo-van-hoa-xa-hoi-ham-chinh",
    "duong-len-ban-cao-bang", "bep-an-ban-tru-dak-o", "minh-tien-giam-ngheo-tu-chan-nuoi",
}
SEED_PLANS = {
    "kh-ubnd-tinh-binh-thuan-vi-nguoi-ngheo-2021-2025", "kh-so-gtvt-cao-bang-vi-nguoi-ngheo-2021-2025",
    "kh-so-gddt-binh-phuoc-vi-nguoi-ngheo-2021-2025", "kh-ubnd-xa-minh-tien-vi-nguoi-ngheo-2022-2025",
}


# --- sample-reference


def test_sample_reference_pass_samples_point_at_samples_and_at_real_records(tmp_path):
    data = make_data(tmp_path, {
        **decision("qd-1", date="2023-12-01", extra="sample: true\n"),
        **story("s-1", extra="sample: true\nsubject:\n  decision: qd-1\n  recipient: nguyen-van-an\n"
                             "plan: kh-1-ubnd-a-2022\n"),
    })
    assert problems_of(data) == [], show(problems_of(data))


def test_sample_reference_fail_a_real_story_about_a_sample_decision(tmp_path):
    data = make_data(tmp_path, {
        **decision("qd-1", date="2023-12-01", extra="sample: true\n"),
        **story("s-1", extra="subject:\n  decision: qd-1\n"),
    })
    the_problem(data, rule="sample-reference", severity="error", file="data/stories/s-1.yml", line=5, column=13,
                field="subject.decision", message="a record that is not a sample refers to sample data",
                expected="a reference to a real record (sample records are left out by include_samples: false)",
                found='"qd-1" is a sample')


def test_sample_reference_fail_a_real_decision_applying_a_sample_plan(tmp_path):
    plan = "id: kh-mau\ntype: ke-hoach\nauthority: ubnd-tinh-a\ntitle: Kế hoạch mẫu\nsample: true\ntranscribed: false\n"
    data = make_data(tmp_path, {"documents/kh-mau.yml": plan, **decision("qd-1", date="2023-12-01", plan="kh-mau")})
    the_problem(data, rule="sample-reference", file="data/decisions/qd-1.yml", line=6, field="plan")


# --- drop_samples


def test_drop_samples_leaves_real_records_and_nothing_dangling(tmp_path):
    data = make_data(tmp_path, {
        **decision("qd-1", date="2023-12-01", extra="sample: true\n"),
        **decision("qd-2", date="2024-12-01", recipients=person("Trần B")),
        **story("s-1", extra="sample: true\nsubject:\n  decision: qd-1\n"),
        **story("s-2", extra="subject:\n  decision: qd-2\n  recipient: tran-b\n"),
    })
    repo, report = validate(data)
    assert report.sorted() == []
    drop_samples(repo)
    assert set(repo.decisions) == {"qd-2"} and set(repo.stories) == {"s-2"}
    after = Report()
    checks.check(repo, after)
    assert after.sorted() == [], show(after.sorted())


def test_dropping_the_samples_leaves_a_valid_repository():
    repo, report = validate(FROZEN)
    assert report.sorted() == [], show(report.sorted())
    drop_samples(repo)
    assert not SAMPLE_DECISIONS & set(repo.decisions) and not SAMPLE_STORIES & set(repo.stories)
    assert not any(getattr(r, "sample", False) for kind in KINDS for r in repo.of_kind(kind).values())
    after = Report()
    checks.check(repo, after)
    assert after.sorted() == [], show(after.sorted())


# --- The sample data itself


def test_the_sample_data_is_marked_and_covers_the_seed_plans():
    repo, report = validate(FROZEN)
    assert report.sorted() == [], show(report.sorted())
    assert SAMPLE_DECISIONS <= set(repo.decisions) and SAMPLE_STORIES <= set(repo.stories)
    decisions = [repo.decisions[i] for i in SAMPLE_DECISIONS]
    stories = [repo.stories[i] for i in SAMPLE_STORIES]
    assert all(d.sample for d in decisions) and all(s.sample for s in stories)
    assert {d.plan for d in decisions} == SEED_PLANS
    assert {d.occasion for d in decisions} >= {model.Occasion.YEARLY, model.Occasion.MIDTERM, model.Occasion.FINAL}
    lines = [r for d in decisions for r in d.recipients]
    assert 40 <= len(lines) <= 100
    names = {r.name for r in lines}
    assert {"Nguyễn Thị Thúy", "Nguyễn Thị Thuý", "Lê Văn Hòa", "Lê Văn Hoà", "Đặng Văn Đức"} <= names
    assert {r.kind for r in lines} >= {model.SubjectKind.COLLECTIVE, model.SubjectKind.INDIVIDUAL,
                                       model.SubjectKind.HOUSEHOLD, model.SubjectKind.VILLAGE}
    assert any(r.poverty_programme and r.consent and r.public for r in lines)
    assert sum(not r.public for r in lines) >= 2
    with_photo = [s for s in stories if s.photos]
    assert with_photo and all(p.alt and p.credit for s in with_photo for p in s.photos)
    assert all((FROZEN / p.file).stat().st_size < 20_000 for s in with_photo for p in s.photos)
    assert all(s.subject and (s.subject.recipient or s.subject.authority) for s in stories)


def test_the_sample_prerequisites_and_quotas_are_exercised():
    """The Prime Minister's Bằng khen lines hold two provincial ones, one under another spelling."""
    repo, _report = validate(FROZEN)
    ttg = repo.decisions["qd-1186-ttg-2025"]
    assert ttg.form == "bang-khen-thu-tuong" and ttg.plan == "kh-ubnd-tinh-binh-thuan-vi-nguoi-ngheo-2021-2025"
    yearly = [repo.decisions["qd-3150-ubnd-binh-thuan-2023"], repo.decisions["qd-2987-ubnd-binh-thuan-2024"]]
    assert {"Nguyễn Thị Thúy"} <= {r.name for r in yearly[0].recipients}
    assert {"Nguyễn Thị Thuý"} <= {r.name for r in yearly[1].recipients}
    # the Sở Xây dựng closes the plan of the Sở Giao thông vận tải it took over
    assert repo.decisions["qd-1035-sxd-cao-bang-2025"].authority == "so-xay-dung-cao-bang"


# --- include_samples: false


def sample_traces(data) -> tuple[list[str], list[str]]:
    """What only the sample records of `data` hold, taken from the records marked sample: their
    ids, titles, recipients' and subjects' names (as `folded_words`), less any that a record not a
    sample or the site's own text holds too; and the names their stories' photos are published under."""
    repo, report = validate(data)
    assert report.errors == [], show(report.errors)
    samples = [r for kind in KINDS for r in repo.of_kind(kind).values() if getattr(r, "sample", False)]
    words = {r.id for r in samples} | {r.title for r in samples if getattr(r, "title", None)}
    words |= {line.name for r in samples for line in getattr(r, "recipients", [])}
    words |= {r.subject.name for r in samples if getattr(r, "subject", None) and r.subject.name}
    ids = {r.id for r in samples}
    others = own_words() + " ".join(folded_words(p.read_text(encoding="utf-8"))
                                    for p in sorted(data.rglob("*.yml")) if p.stem not in ids) + " "
    photos = [slugify(Path(photo.file).stem) for r in samples for photo in getattr(r, "photos", [])]
    return sorted(w for w in map(folded_words, words) if f" {w} " not in others), photos


def site_texts(site: Path):
    """(path, words) of every file of a built site (`conftest.every_text`), as `folded_words` gives
    them, one space apart."""
    for path, text in every_text(site):
        yield path, f" {folded_words(text)} "


def test_a_site_without_samples_shows_none_of_them(tmp_path):
    words, photos = sample_traces(FROZEN)
    assert len(words) > 50 and "ho ong mang van thoi" in words and photos  # names, titles, ids and photos
    build(tmp_path, FROZEN, include_samples=False)
    site = tmp_path / "site"
    found = [f"{path.relative_to(site)}: {w}" for path, text in site_texts(site) for w in words if f" {w} " in text]
    assert found == []
    assert [p for slug in photos for p in site.rglob(f"*{slug}*")] == []  # a story's photos: 1-<name>.png
