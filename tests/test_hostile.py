"""The hostile-input suite (issue 11): nothing leaks, nothing hangs, nothing half-written.

Each case is an attack on `thidua validate` or `mkdocs build` and the outcome it must get: a
precise error (file, line, column, field, expected, found), or safe output, the previous site
left byte-identical, and time and memory under a stated bound. The cases that could hang or
exhaust memory if the guard regressed run in a subprocess with a timeout and an address-space
limit (`limited`), so a regression fails the test instead of stalling CI.

The data folders are the small ones of `award_data.py` (BASE and its helpers).
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import random
import re
import signal
import struct
import subprocess
import sys
import textwrap
import time
import urllib.request
import zlib
from pathlib import Path

import pytest

from conftest import MKDOCS, build, mkdocs_serve, stop, write_config
from award_data import PNG, decision, make_data, person, problems_of, show, story
from thidua import facts, markup, model
from thidua.checks.privacy import find_personal_data
from thidua.checks.stories import markup_problems
from thidua.photos import read_published, sniff
from thidua.problems import Problem
from thidua.schema import MAX_DEPTH, MAX_TEXT_CHARS
from thidua.text import canonical, canonical_words

ROOT = Path(__file__).resolve().parents[1]
SECONDS = 20  # wall-clock bound of a guarded subprocess (each takes well under 2 s when the guard holds)
MEMORY = 1 << 30  # its address-space bound: 1 GiB (an alias bomb expanded needs many GiB)


def limited(code: str, *args: str) -> subprocess.CompletedProcess:
    """Run Python `code` in a subprocess bounded in time and memory; the test fails on either."""
    def bound() -> None:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "plugins"), str(ROOT / "tests")])}
    try:
        return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True, text=True,
                              timeout=SECONDS, preexec_fn=bound, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"took more than {SECONDS} s")


VALIDATE = """
    import json, sys
    from thidua.validate import validate
    _repo, report = validate(sys.argv[1])
    print(json.dumps([p.__dict__ for p in report.sorted()], ensure_ascii=False))
"""


def validate_limited(data: Path) -> list[dict]:
    result = limited(VALIDATE, str(data))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def only(problems, **want) -> Problem | dict:
    """The one problem of `problems`; assert its fields are `want`."""
    assert len(problems) == 1, problems if isinstance(problems[0] if problems else None, dict) else show(problems)
    got = problems[0]
    values = got if isinstance(got, dict) else got.__dict__
    assert {k: values[k] for k in want} == want, values
    return got


def rules(problems) -> list[str]:
    return [p.rule for p in problems]


# --- Folders nested a thousand deep (1 case)

def test_folders_nested_a_thousand_deep_are_walked_without_a_traceback(tmp_path):
    """The loader's and the report cache's walks are iterative: nesting (path length allows about
    two thousand levels) cannot exhaust Python's stack. The record at the bottom is read as any."""
    data = make_data(tmp_path)
    levels = [data / "documents"]
    levels[0].mkdir(exist_ok=True)
    try:
        for _ in range(1100):  # one level at a time: pathlib's mkdir(parents=True) recurses too
            levels.append(levels[-1] / "a")
            os.mkdir(levels[-1])
        (levels[-1] / "kh-sau.yml").write_text("id: kh-sau\n", encoding="utf-8")
        cli = limited("import sys; from thidua.cli import main; sys.exit(main(['validate', sys.argv[1]]))", str(data))
        assert cli.returncode == 1 and "Traceback" not in cli.stderr, cli.stderr[-3000:]
        assert "data/documents/" + "a/" * 1100 + "kh-sau.yml" in cli.stdout  # its problems name it
        assert any(p["file"].endswith("/kh-sau.yml") for p in validate_limited(data))
    finally:  # removed here, level by level: pytest's clean-up (shutil.rmtree) recurses and would fail
        (levels[-1] / "kh-sau.yml").unlink(missing_ok=True)
        for level in reversed(levels[1:]):
            os.rmdir(level)


# --- A line of basis links a thousand documents long (2 cases)

def chain(n: int) -> dict[str, str]:
    """`n` letters of one campaign, each resting on the one before: cv-0 <- cv-1 <- ... <- cv-(n-1)."""
    return {f"documents/cv-{i}.yml": (f"id: cv-{i}\ntype: cong-van\ntitle: Công văn {i}\nauthority: ubnd-tinh-a\n"
                                      "campaign: vi-nguoi-ngheo\ntranscribed: false\n"
                                      + (f"basis:\n- document: cv-{i - 1}\n  relation: implements\n" if i else ""))
            for i in range(n)}


def test_a_line_of_basis_links_past_the_bound_is_reported_once(tmp_path):
    """The first document past MAX_BASIS_DEPTH in the line, on its link, and only it; a line as
    long as the bound is no problem."""
    from thidua.checks.references import MAX_BASIS_DEPTH

    def deep(n: int, folder: str) -> list:
        return [p for p in problems_of(make_data(tmp_path / folder, chain(n))) if p.rule == "basis-depth"]

    assert deep(MAX_BASIS_DEPTH, "at") == []
    past = deep(MAX_BASIS_DEPTH + 5, "past")
    assert len(past) == 1, show(past)
    assert (past[0].file, past[0].line, past[0].column, past[0].field) == (
        f"data/documents/cv-{MAX_BASIS_DEPTH}.yml", 8, 13, "basis[0].document")


def test_a_campaign_tree_a_thousand_deep_is_an_error_not_a_traceback(tmp_path):
    """Its tree is drawn recursively: 600 documents in one line exhausted Python's stack while
    the pages were built. The validator refuses the line first: the build fails with the problem."""
    result = build(tmp_path, make_data(tmp_path, chain(1200)), check=False)
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr, result.stderr[-3000:]
    assert "the line of documents this one rests on is too long" in result.stdout + result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


# --- YAML: aliases, nesting, sizes, keys (10 cases)

ALIAS_BOMB = """\
id: kh-bom
type: ke-hoach
title: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
summary: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
authority: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
campaign: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
period: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
preamble: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
body: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
distribution: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
basis: [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_an_alias_bomb_is_refused_at_its_first_alias_in_bounded_time_and_memory(tmp_path):
    data = make_data(tmp_path, {"documents/kh-bom.yml": ALIAS_BOMB})
    problems = validate_limited(data)  # the bounds: `limited`'s memory, and its timeout against a hang
    only(problems, file="data/documents/kh-bom.yml", line=4, column=14, rule="yaml",
         message="YAML aliases (*name) are not allowed in data: write the value out in full",
         expected="plain values, lists and mappings, without &anchors and *aliases",
         found="an alias of the value at line 3")


def test_a_merge_key_alias_is_refused(tmp_path):
    text = "id: ubnd-x\nname: &n Ủy ban\nshort_name: *n\nlevel: province\n"
    problems = problems_of(make_data(tmp_path, {"authorities/ubnd-x.yml": text}))
    only(problems, file="data/authorities/ubnd-x.yml", line=3, column=13, rule="yaml")


def test_a_recursive_alias_neither_hangs_nor_crashes(tmp_path):
    data = make_data(tmp_path, {"documents/kh-vong.yml": "id: kh-vong\ntype: ke-hoach\ntitle: X\nbody: &a [*a]\n"})
    only(validate_limited(data), rule="yaml", line=4)


@pytest.mark.parametrize("style", ["block", "flow"])
def test_300_levels_of_nesting_give_a_clear_error_not_a_recursion_error(tmp_path, style):
    if style == "block":
        body = "".join("  " * i + "- label: '-'\n" + "  " * i + "  items:\n" for i in range(150))
    else:
        body = "[" * 300 + "]" * 300 + "\n"
    text = "id: kh-sau\ntype: ke-hoach\ntitle: Sâu\nauthority: ubnd-tinh-a\nbody:" + ("\n" if style == "block" else " ") + body
    problems = validate_limited(make_data(tmp_path, {"documents/kh-sau.yml": text}))
    only(problems, file="data/documents/kh-sau.yml", rule="yaml", message="the data is nested too deeply",
         expected=f"at most {MAX_DEPTH} levels of lists and mappings", found=f"more than {MAX_DEPTH}")


def test_a_file_over_the_size_limit_is_refused_without_being_read(tmp_path):
    data = make_data(tmp_path)
    path = data / "decisions" / "qd-lon.yml"
    with path.open("wb") as f:  # sparse: 9 GB in name only
        f.truncate(9 * 1024 ** 3)
    only(validate_limited(data), file="data/decisions/qd-lon.yml", line=1, column=1, rule="limit",
         message="the file is too large", found=f"{9 * 1024 ** 3:,} bytes")


def test_a_text_over_the_size_limit_is_refused(tmp_path):
    body = ("Đoạn văn dài. " * (MAX_TEXT_CHARS // 14 + 10)).strip()
    data = make_data(tmp_path, story("s-dai", body=body))
    only(problems_of(data), file="data/stories/s-dai.yml", line=4, field="body", message="the text is too long",
         expected=f"at most {MAX_TEXT_CHARS:,} characters")


@pytest.mark.parametrize("key", ["? [a, b]\n: x\n", "{a: b}: x\n", "[title, date]: x\n"])
def test_a_complex_key_is_named_not_printed_as_a_parser_object(tmp_path, key):
    data = make_data(tmp_path, {"campaigns/pt-x.yml": "id: pt-x\nname: X\nperiod: 2021-2025\n" + key})
    problem = only(problems_of(data), file="data/campaigns/pt-x.yml", line=4, message="a field name must be plain text")
    assert "Node" not in problem.text() and "tag:yaml.org" not in problem.text()
    assert problem.found in ("a list", "a mapping (key: value pairs)")


def test_invisible_characters_in_a_message_are_shown_as_code_points(tmp_path):
    data = make_data(tmp_path, {"campaigns/pt-x.yml": "id: pt-x\nname: X\nperiod: 2021-2025\nti\u200btle: Y\n"})
    problem = only(problems_of(data), message='unknown field "ti<U+200B>tle"', found='"ti<U+200B>tle"')
    assert "\u200b" not in problem.text() + problem.github() + json.dumps(problem.__dict__)


# --- Files: only regular files inside data/ (7 cases)


def test_a_symlinked_record_is_refused_by_name_and_its_target_never_shown(tmp_path):
    secret = tmp_path / "secret.yml"
    secret.write_text("id: ubnd-bi-mat\nname: MẬT-KHẨU-9876\nlevel: province\n", encoding="utf-8")
    data = make_data(tmp_path)
    (data / "authorities" / "ubnd-bi-mat.yml").symlink_to(secret)
    repo_problems = problems_of(data)
    only(repo_problems, file="data/authorities/ubnd-bi-mat.yml", rule="layout", found="a symbolic link",
         message="symbolic links are not read: copy the file into data/")
    assert "9876" not in show(repo_problems) and str(secret) not in show(repo_problems)


def test_a_symlinked_kind_folder_is_not_followed(tmp_path):
    outside = tmp_path / "outside"
    (outside).mkdir()
    (outside / "s-ngoai.yml").write_text("id: s-ngoai\ntitle: X\ndate: '2024-01-01'\nbody: Y\n", encoding="utf-8")
    data = make_data(tmp_path)
    (data / "stories").rmdir()
    (data / "stories").symlink_to(outside, target_is_directory=True)
    from thidua.validate import validate
    repo, report = validate(data)
    assert "s-ngoai" not in repo.stories
    only(report.sorted(), file="data/stories", rule="layout", found="a symbolic link")


def test_a_record_saved_as_upper_case_yml_is_an_error_not_dropped(tmp_path):
    data = make_data(tmp_path, {"campaigns/pt-x.YML": "id: pt-x\nname: X\nperiod: 2021-2025\n"})
    only(problems_of(data), file="data/campaigns/pt-x.YML", rule="layout",
         message="the file extension must be lowercase", expected="pt-x.yml")


@pytest.mark.parametrize("name", ["pt-x.json", "pt-x.yml.bak", "README"])
def test_an_unknown_file_in_a_kind_folder_is_an_error(tmp_path, name):
    data = make_data(tmp_path, {f"campaigns/{name}": "id: pt-x\n"})
    only(problems_of(data), file=f"data/campaigns/{name}", rule="layout",
         message="only YAML records belong in a kind folder")


def test_a_file_where_a_kind_folder_should_be_is_an_error(tmp_path):
    data = make_data(tmp_path)
    (data / "stories").rmdir()
    (data / "stories").write_text("id: x\n", encoding="utf-8")
    only(problems_of(data), file="data/stories", rule="layout", message="a file stands where the kind folder stories/ should be")


@pytest.mark.parametrize("folder", ["campaigns/2021", "cu/old"])
def test_a_folder_that_cannot_be_listed_is_an_error_not_left_out(tmp_path, monkeypatch, folder):
    """Permissions cannot stop root (CI): the listing is refused by hand, as a chmod 0 would."""
    data = make_data(tmp_path, {f"{folder}/pt-x.yml": "id: pt-x\nname: X\nperiod: 2021-2025\n"})
    real = os.scandir

    def refusing(path="."):
        if Path(path) == data / folder:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", refusing)
    only(problems_of(data), file=f"data/{folder}", rule="layout",
         message="the folder cannot be read: its records would be left out", found="Permission denied")


def test_a_named_pipe_as_a_record_does_not_block(tmp_path):
    data = make_data(tmp_path)
    os.mkfifo(data / "campaigns" / "pt-ong.yml")
    only(validate_limited(data), file="data/campaigns/pt-ong.yml", rule="layout", message="not a regular file")


# --- Time linear in input size: story markup (3 cases)


def scan_times(bodies: list[str], rounds: int = 3) -> list[float]:
    """The fastest of `rounds` scans of each body, in CPU time of this thread (what other processes
    on the machine do is not counted), the bodies taken in turns so a slower moment falls on each."""
    best = [float("inf")] * len(bodies)
    collecting = gc.isenabled()
    gc.disable()  # a collection falling in one scan and not the other is not the scan's time
    try:
        for _ in range(rounds):
            for i, body in enumerate(bodies):
                started = time.thread_time()
                list(markup_problems(body))
                best[i] = min(best[i], time.thread_time() - started)
    finally:
        if collecting:
            gc.enable()
    return best


@pytest.mark.parametrize("unit", [
    "`a ",  # code spans: the old pattern rebuilt the whole text at each one
    "<a ",  # tags without ">": the old search looked for ">" to the end each time
    "[x\n",  # reference definitions without "]": the old pattern ran on past the line to the end
])
def test_story_markup_scan_is_linear(unit):
    """10 times the input takes about 10 times the time, far from the 100 times of a quadratic scan:
    two timings of the same scan compared, not a bound on the machine's speed. (At these sizes this
    scan takes 10 to 13 times as long; the one issue 11 replaced took 93 to 111 times.)"""
    small, large = scan_times([unit * 20_000, unit * 200_000])
    assert large < 30 * small, f"10x the input took {large / small:.0f}x the time ({small:.3f} s, {large:.3f} s)"


@pytest.mark.parametrize("unit, bound, said", [
    ("[x\n", 2000, '"[" (at most 2,000)'),
    ("`a ", 2000, '"`" (at most 2,000)'),
    ("a\n===\n", 500, "lines of only = or - (at most 500)"),
])
def test_a_story_the_markdown_parser_would_read_for_hours_is_refused(unit, bound, said, monkeypatch):
    """Python-Markdown reads these in time growing with the square of their number ("[x" on 20,000
    lines: 141 s): past the bound the body is refused, never parsed, so no page renders it."""
    assert not any("too heavy" in m for _, m, _ in markup_problems(unit * bound))
    monkeypatch.setattr(markup, "to_html", lambda text: pytest.fail("a body past the bound was parsed"))
    [(offset, message, found)] = [p for p in markup_problems(unit * (bound + 1)) if "too heavy" in p[1]]
    assert offset == 0 and message.endswith(said) and found == f"{len(unit) * (bound + 1):,} characters"


@pytest.mark.parametrize("body", ["- " * 20_000 + "x\n", "".join("    " * i + "- a\n" for i in range(300))])
def test_lists_nested_past_the_parser_s_recursion_are_refused_not_a_traceback(body):
    """Within the text size limit, but deeper than Python-Markdown can recurse: reported, as the page
    could not be rendered."""
    assert [m for _, m, _ in markup_problems(body)] == [
        "the text is too heavy for a story's page: lists or quotes nested too deep"]
    # and the next story is read as before (a parser that failed half-way once read every later one as text)
    assert [f for _, _, f in markup_problems("Xem [hồ sơ](../khong-co/).\n")] == ["../khong-co/"]


# --- Anchors of deep untitled parts (1 case)


def test_untitled_nested_parts_do_not_double_their_anchor(monkeypatch):
    """The work is the text the anchors are made from: every piece handed to `anchor_of` and
    `_bounded` is measured as it comes, so an anchor doubling at each level fails at its first
    long piece (a few levels down) instead of growing to gigabytes at level 30."""
    handled: list[int] = []

    def measured(function, *texts):
        size = sum(len(t or "") for t in texts)
        assert size <= 3 * facts.MAX_ANCHOR, f"piece {len(handled) + 1}: {size} characters for one anchor"
        handled.append(size)
        return function(*texts)

    anchor_of, bounded = facts.anchor_of, facts._bounded
    monkeypatch.setattr(facts, "anchor_of", lambda *texts: measured(anchor_of, *texts))
    monkeypatch.setattr(facts, "_bounded", lambda text: measured(bounded, text))
    part = model.Part(label="-", text="lá")
    for _ in range(30):
        part = model.Part(label="-", text="cành", items=[part])
    gathered = facts.gather([part])
    assert 31 <= len(handled) <= 4 * 31  # a few pieces per part, each bounded above: linear in the parts
    anchors = list(gathered.anchors.values())
    assert len(anchors) == 31 == len(set(anchors))
    assert max(map(len, anchors)) <= facts.MAX_ANCHOR


# --- Non-public names in every text and file name, in the canonical form (10 cases)

HIDDEN = person("Nguyễn Thị Thúy", unit="xã A", extra="  public: false\n") + person("Trần Văn B", unit="xã A")


@pytest.mark.parametrize("files, file, field", [
    (decision("qd-1", date="2023-12-01", recipients=HIDDEN, extra="title: Khen bà Nguyễn Thị Thúy\n"),
     "data/decisions/qd-1.yml", "title"),
    (decision("qd-1", date="2023-12-01",
              recipients=HIDDEN + "  achievement: Giúp đỡ chị Nguyễn Thị Thúy thoát nghèo\n"),
     "data/decisions/qd-1.yml", "recipients[1].achievement"),
    ({**decision("qd-1", date="2023-12-01", recipients=HIDDEN),
      "documents/kh-x.yml": "id: kh-x\ntype: ke-hoach\ntitle: Kế hoạch\nauthority: ubnd-tinh-a\ntranscribed: false\n"
                            "summary: Tuyên dương Nguyen Thi Thuy\n"},
     "data/documents/kh-x.yml", "summary"),
    ({**decision("qd-1", date="2023-12-01", recipients=HIDDEN), "media/nguyen-thi-thuy.png": PNG,
      **story("s-1", extra="photos:\n- file: media/nguyen-thi-thuy.png\n  alt: Ảnh\n")},
     "data/stories/s-1.yml", "photos[0].file"),
    ({**decision("qd-1", date="2023-12-01", recipients=HIDDEN), **story("s-1", body="Chị Nguyen Thi Thuy.")},
     "data/stories/s-1.yml", "body"),
    ({**decision("qd-1", date="2023-12-01", recipients=HIDDEN), **story("s-1", body="Chị Nguy\u200bễn Thị Thúy.")},
     "data/stories/s-1.yml", "body"),
    ({**decision("qd-1", date="2023-12-01", recipients=HIDDEN), **story("s-1", body="Chị Nguyễn Th\u00adị Thúy.")},
     "data/stories/s-1.yml", "body"),
    ({**decision("qd-1", date="2023-12-01", recipients=HIDDEN), **story("s-1", body="Chị Nguyễn Тhị Thúy.")},
     "data/stories/s-1.yml", "body"),
    ({**decision("qd-1", date="2023-12-01", recipients=HIDDEN), **story("nguyen-thi-thuy-2024")},
     "data/stories/nguyen-thi-thuy-2024.yml", "id"),
], ids=["decision-title", "other-line", "plan-summary", "photo-file", "no-diacritics", "zero-width", "soft-hyphen",
        "cyrillic", "file-name"])
def test_a_non_public_name_is_found_in_any_text_and_file_name(tmp_path, files, file, field):
    problems = [p for p in problems_of(make_data(tmp_path, files)) if p.rule == "private-recipient"]
    only(problems, file=file, field=field, found="a name of qd-1 (public: false)")
    assert problems[0].message.endswith("names a recipient marked not public")


def test_a_non_public_name_of_one_word_is_found_beside_names_of_more(tmp_path):
    # names of two words or more are first looked for by their first two words: one of a single word
    # has no such pair, and is looked for all the same
    hidden = HIDDEN + person("Mai", unit="xã A", extra="  public: false\n")
    files = {**decision("qd-1", date="2023-12-01", recipients=hidden), **story("s-1", body="Gặp chị Mai ở xã A.")}
    problems = [p for p in problems_of(make_data(tmp_path, files)) if p.rule == "private-recipient"]
    only(problems, file="data/stories/s-1.yml", field="body", found="a name of qd-1 (public: false)")


def test_the_canonical_form_sets_aside_case_diacritics_invisibles_full_width_and_look_alikes():
    forms = ["Nguyễn Thị Thúy", "NGUYEN THI THUY", "Nguy\u200bễn Th\u00adị Thu\u202eý", "Nguyễn Тhị Тhúу",
             "Ｎｇｕｙｅｎ Ｔｈｉ Ｔｈｕｙ", "Nguye\u0302\u0303n Thi\u0323 Thu\u0301y"]
    assert {canonical_words(f) for f in forms} == {("nguyen", "thi", "thuy")}
    assert canonical("Đức") == "duc"


def test_the_canonical_words_of_a_text_are_those_of_its_whole_canonical_form():
    # canonical_words looks words up piece by piece between spaces: every kind of space, invisible
    # character, combining mark, full-width and look-alike letter, beside and between words
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    odd = spaces + list("\u200b\u00ad\u202e\u2060\ufeff\u0302\u0303\u0323\u0301\u0308ＮＴｈ０Тhу·,.-'’_đĐßǅ¨´\u180e")
    letters = list("aăâeêioôơuưyAĐBnguyễnthịthúy0123456789")
    rng = random.Random(16)
    texts = ["".join(rng.choice(odd if rng.random() < 0.3 else letters) for _ in range(rng.randint(0, 40)))
             for _ in range(20000)]
    # pieces longer than those kept in the cache (text.PIECE_KEPT), with the same marks inside them
    texts += ["".join(rng.choice(odd[len(spaces):] if rng.random() < 0.1 else letters) for _ in range(rng.randint(35, 200)))
              for _ in range(2000)]
    word = re.compile(r"[^\W_]+")  # canonical_words' word: a run of letters and digits
    for text in texts:
        assert canonical_words(text) == tuple(word.findall(canonical(text))), repr(text)


# --- Personal data however it is written (9 cases)


@pytest.mark.parametrize("text, what", [
    ("CCCD 0792 0300 1234", "an ID number (CMND/CCCD)"),
    ("CCCD 079.203.001.234", "an ID number (CMND/CCCD)"),
    ("gọi (+84) 912 345 678", "a phone number"),
    ("gọi 84912345678", "a phone number"),
    ("gọi ０９１２ ３４５ ６７８", "a phone number"),
    ("gọi 0912\u200b345\u200b678", "a phone number"),
    ("Ông A, SN 1985, thôn 2", "a birth date"),
    ("Ông A (sinh: 1985)", "a birth date"),
    ("nhà ở số 12 Lê Lợi, phường 1", "a house address"),
])
def test_personal_data_however_written(text, what):
    assert [w for _, w, _ in find_personal_data(text)] == [what]


@pytest.mark.parametrize("text", ["Quyết định số 12/QĐ-UBND ngày 5/1/2023", "giai đoạn 2021 - 2025, năm 2023",
                                  "hỗ trợ 120.000.000 đồng", "Thôn 3, tổ số 5", "Kế hoạch số 2451/KH-UBND"])
def test_personal_data_patterns_spare_ordinary_text(text):
    assert list(find_personal_data(text)) == []


def test_personal_data_in_a_file_name_is_found(tmp_path):
    """The YAML sits in a public repository: a file name carrying a phone number is reported even
    when the record's own id is clean (a name that differs from the id is only a warning)."""
    files = story("s-1")
    files["stories/s-1-0912345678.yml"] = files.pop("stories/s-1.yml")
    problems = [p for p in problems_of(make_data(tmp_path, files)) if p.rule == "personal-data"]
    assert [(p.file, p.field) for p in problems] == [("data/stories/s-1-0912345678.yml", "id")]


def test_full_width_personal_data_is_placed_at_its_own_offset():
    text = "Số ĐT: ０９１２ ３４５ ６７８"
    [(offset, _what, _found)] = list(find_personal_data(text))
    assert text[offset] == "０"


# --- Disguised names (4 cases)


@pytest.mark.parametrize("name, rule, shown", [
    ("Trần \u202eVăn B", "invisible-character", "<U+202E>"),
    ("Trần Văn\u200b B", "invisible-character", "<U+200B>"),
    ("Trần Vаn B", "mixed-script", "Cyrillic"),  # Cyrillic а
])
def test_bidi_zero_width_and_look_alike_letters_in_names_are_reported(tmp_path, name, rule, shown):
    data = make_data(tmp_path, decision("qd-1", date="2023-12-01", recipients=person(f'"{name}"')))
    problem = only(problems_of(data), rule=rule, field="recipients[0].name", severity="error")
    assert shown in problem.message + problem.found
    assert not any(c in problem.text() for c in "\u202e\u200b")


def test_nfd_and_nfc_twins_are_read_as_one_name(tmp_path):
    nfd = "Nguye\u0302\u0303n Thi\u0323 Thu\u0301y"
    data = make_data(tmp_path, decision("qd-1", date="2023-12-01", recipients=person(nfd)))
    from thidua.validate import validate
    repo, report = validate(data)
    assert report.sorted() == []
    assert repo.decisions["qd-1"].recipients[0].name == "Nguyễn Thị Thúy"


# --- Photos: type by content, size, metadata stripped (10 cases)


def png_with_text() -> bytes:
    chunk = b"tEXt" + b"Author\x00Nguyen Thi Thuy 0912345678"
    text = struct.pack(">I", len(chunk) - 4) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return PNG[:33] + text + PNG[33:]


def segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


JPEG = (b"\xff\xd8" + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
        + segment(0xE1, b"Exif\x00\x00GPS 10.7769 106.7009") + segment(0xFE, b"Comment")
        + segment(0xDB, b"\x00\x00") + segment(0xDA, b"\x00\x00") + b"\x12\x34\xff\x00\x56" + b"\xff\xd9")


def webp_with_exif() -> bytes:
    chunks = b"VP8X" + struct.pack("<I", 10) + bytes([0x08]) + b"\x00" * 9
    chunks += b"EXIF" + struct.pack("<I", 8) + b"GPS 10.7"
    chunks += b"VP8L" + struct.pack("<I", 5) + b"\x2f\x00\x00\x00\x00" + b"\x00"
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WEBP" + chunks


GIF = (b"GIF89a\x01\x00\x01\x00\x00\x00\x00" + b"\x21\xfe\x08Tac gia \x00"
       + b"\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00" + b"\x3b")


@pytest.mark.parametrize("content, secret, suffix", [
    (png_with_text(), b"0912345678", ".png"),
    (JPEG, b"GPS", ".jpg"),
    (webp_with_exif(), b"GPS", ".webp"),
    (GIF, b"Tac gia", ".gif"),
], ids=["png-text", "jpeg-exif-comment", "webp-exif", "gif-comment"])
def test_image_metadata_is_stripped_on_publishing(tmp_path, content, secret, suffix):
    path = tmp_path / f"anh{suffix}"
    path.write_bytes(content)
    published, got_suffix = read_published(path)
    assert secret in content and secret not in published
    assert got_suffix == suffix and sniff(published[:32]) == sniff(content[:32])
    if suffix == ".png":
        assert published == PNG
    if suffix == ".jpg":
        assert published.startswith(b"\xff\xd8\xff\xe0") and published.endswith(b"\x12\x34\xff\x00\x56\xff\xd9")
    if suffix == ".webp":
        assert published[20] & 0x08 == 0 and struct.unpack("<I", published[4:8])[0] == len(published) - 8


def test_an_avif_carrying_exif_is_not_published(tmp_path):
    path = tmp_path / "anh.avif"
    path.write_bytes(b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf" + b"meta....iinf..infe..Exif")
    assert read_published(path) is None


@pytest.mark.parametrize("content, message", [
    (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "the photo's content is not an image"),
    (b"id: bi-mat\nname: not an image\n", "the photo's content is not an image"),
], ids=["svg-as-png", "text-as-png"])
def test_a_photo_is_checked_by_content_not_name(tmp_path, content, message):
    data = make_data(tmp_path, {"media/anh.png": content, **story("s-1", extra="photos:\n- file: media/anh.png\n  alt: Ảnh\n")})
    problem = only(problems_of(data), rule="story-photo", field="photos[0].file")
    assert problem.message.startswith(message)


def test_an_8_gb_photo_is_refused_without_being_read(tmp_path):
    data = make_data(tmp_path, story("s-1", extra="photos:\n- file: media/lon.jpg\n  alt: Ảnh\n"))
    (data / "media").mkdir()
    with (data / "media" / "lon.jpg").open("wb") as f:
        f.write(JPEG)
        f.truncate(8 * 1024 ** 3)  # sparse
    problem = only(validate_limited(data), rule="story-photo", field="photos[0].file")
    assert problem["message"].startswith("the photo is too large")


def test_a_named_pipe_as_a_photo_does_not_block(tmp_path):
    data = make_data(tmp_path, story("s-1", extra="photos:\n- file: media/ong.jpg\n  alt: Ảnh\n"))
    (data / "media").mkdir()
    os.mkfifo(data / "media" / "ong.jpg")
    assert validate_limited(data)[0]["rule"] == "story-photo"


# --- Aliases: the id rule, no collision with any page (10 cases)

CAMPAIGN = "id: pt-x\nname: X\nperiod: 2021-2025\naliases: [{alias}]\n"


@pytest.mark.parametrize("alias, message", [
    ("Pt-Cu", "a former id must be lowercase ASCII words joined by hyphens"),
    ("hà-nội", "a former id must be lowercase ASCII words joined by hyphens"),
    ("'x/y'", "a former id must be lowercase ASCII words joined by hyphens"),
    ("'..'", "a former id must be lowercase ASCII words joined by hyphens"),
    ("''", "a former id must be lowercase ASCII words joined by hyphens"),
    ("index", 'the former id "index" would take the place of a list page'),
    ("nam", 'the former id "nam" would take the place of a list page'),
    ("pt-x", "a former id cannot be the record's own id"),
    ("vi-nguoi-ngheo", 'the former id "vi-nguoi-ngheo" is already taken'),
])
def test_an_alias_follows_the_id_rule_and_takes_no_page(tmp_path, alias, message):
    data = make_data(tmp_path, {"campaigns/pt-x.yml": CAMPAIGN.format(alias=alias)})
    only(problems_of(data), file="data/campaigns/pt-x.yml", line=4, rule="alias", message=message)


def test_two_records_cannot_share_an_alias(tmp_path):
    data = make_data(tmp_path, {"campaigns/pt-x.yml": CAMPAIGN.format(alias="pt-cu"),
                                "campaigns/pt-y.yml": CAMPAIGN.format(alias="pt-cu").replace("pt-x", "pt-y")})
    assert rules(problems_of(data)) == ["alias"]


# --- The site: written whole or not at all (6 cases)


def tree_digest(site: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        h.update(str(path.relative_to(site)).encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, str]:
    """A small site built once: (its folder, data folder, digest of site/)."""
    tmp = tmp_path_factory.mktemp("hostile-site")
    data = make_data(tmp)
    build(tmp / "out", data)
    site = tmp / "out" / "site"
    return tmp / "out", data, tree_digest(site)


def rebuild(out: Path, data: Path, hook: str | None = None) -> subprocess.CompletedProcess:
    config = write_config(out, data)
    if hook:
        (out / "hook.py").write_text(textwrap.dedent(hook), encoding="utf-8")
        config.write_text(config.read_text(encoding="utf-8") + f"hooks: [{out / 'hook.py'}]\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([str(MKDOCS), "build", "--strict", "-f", str(config)], capture_output=True, text=True,
                          env=env, cwd=out, timeout=120)


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".site."))


def test_a_build_failing_validation_leaves_the_previous_site(built, tmp_path):
    out, data, digest = built
    broken = make_data(tmp_path, {"campaigns/pt-x.yml": "id: pt-x\nnmae: X\n"})
    assert rebuild(out, broken).returncode != 0
    assert tree_digest(out / "site") == digest and leftovers(out) == []


def test_a_strict_build_with_a_warning_leaves_the_previous_site(built, tmp_path):
    out, _data, digest = built
    # a midterm Bằng khen the plan gives only yearly and at the final review: an award-occasion warning
    warned = make_data(tmp_path, decision("qd-giua-ky", date="2023-06-01", occasion="midterm"))
    assert rules(problems_of(warned)) == ["award-occasion"]
    result = rebuild(out, warned)
    assert result.returncode != 0 and "in strict mode" in result.stdout + result.stderr
    assert tree_digest(out / "site") == digest and leftovers(out) == []


def test_a_build_killed_while_writing_leaves_the_previous_site(built):
    out, data, digest = built
    # killed after MkDocs has written its pages into the new folder, before the swap
    result = rebuild(out, data, hook="""
        import os, signal
        def on_post_build(config):
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    assert result.returncode == -signal.SIGKILL
    assert tree_digest(out / "site") == digest
    assert len(leftovers(out)) == 1  # the dead build's folder, removed by the next build


def test_a_successful_build_replaces_the_site_and_removes_dead_builds(built, tmp_path):
    out, _data, digest = built
    (out / ".site.building-999999999-x").mkdir(exist_ok=True)  # a build killed long ago
    grown = make_data(tmp_path, {"campaigns/pt-moi.yml": "id: pt-moi\nname: Phong trào mới\nperiod: 2021-2025\n"})
    result = rebuild(out, grown)
    assert result.returncode == 0, result.stderr
    assert (out / "site" / "phong-trao" / "pt-moi" / "index.html").is_file()
    assert tree_digest(out / "site") != digest and leftovers(out) == []
    assert oct((out / "site").stat().st_mode & 0o777) == "0o755"


def test_mkdocs_serve_still_builds_into_its_own_folder(tmp_path):
    data = make_data(tmp_path)
    config = write_config(tmp_path, data)
    # its log in a file (never a pipe nobody reads while it runs); the port is the server's once it
    # says "Serving on", so the page fetched below is its own
    server, port, _log = mkdocs_serve(config, tmp_path / "serve.log", "--no-livereload")
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/phong-trao/vi-nguoi-ngheo/", timeout=30) as r:
            assert r.status == 200 and "Vì người nghèo" in r.read().decode()
    finally:
        stop(server, how=signal.SIGINT)  # as an office stops it: mkdocs removes its own folder
    assert not (tmp_path / "site").exists() and leftovers(tmp_path) == []


# --- Links out: a document's signed original, the act that changed an authority

LINKED = {
    "documents/kh-1-ubnd-tinh-a-2024.yml": """\
id: kh-1-ubnd-tinh-a-2024
type: ke-hoach
number: 1/KH-UBND
date: '2024-01-05'
authority: ubnd-tinh-a
title: Kế hoạch thi đua năm 2024
transcribed: false
source_url: {source}
""",
    "authorities/ubnd-xa-b.yml": """\
id: ubnd-xa-b
name: Ủy ban nhân dân xã B
level: commune
parent: ubnd-tinh-a
until: 2025-07
successor: ubnd-xa-a
change: merged
change_source:
  type: nghi-quyet
  number: 1/2025/NQ-UBTVQH15
  date: '2025-06-16'
  issuer: Ủy ban Thường vụ Quốc hội
  url: {act}
""",
}


def linked(tmp_path: Path, source: str, act: str) -> Path:
    return make_data(tmp_path, {path: text.format(source=source, act=act) for path, text in LINKED.items()})


@pytest.mark.parametrize("source, act, messages", [
    ("javascript:alert(1)", "www.quochoi.vn/nq-1.pdf",
     ["a link must be a full web address",
      'a link must be a full web address — did you mean "https://www.quochoi.vn/nq-1.pdf"?']),
    ("../van-ban/x.pdf", "//quochoi.vn/nq-1.pdf",
     ["a link must be a full web address", 'a link must be a full web address — did you mean "https://quochoi.vn/nq-1.pdf"?']),
    ("https:quochoi.vn/x.pdf", "HTTP:/quochoi.vn/nq-1.pdf", ["a link must be a full web address"] * 2),  # no host: relative
])
def test_a_link_out_that_is_not_a_web_address_is_an_error_at_its_line(tmp_path, source, act, messages):
    """A document's source_url and an act's url become links on their pages: a script there would
    run when clicked, a bare host would lead nowhere."""
    problems = [p for p in problems_of(linked(tmp_path, source, act)) if p.rule == "link-address"]
    assert [(p.file.rsplit("/", 1)[-1], p.line, p.field, p.severity, p.message, p.found) for p in problems] == [
        ("ubnd-xa-b.yml", 13, "change_source.url", "error", messages[1], f'"{act}"'),
        ("kh-1-ubnd-tinh-a-2024.yml", 8, "source_url", "error", messages[0], f'"{source}"'),
    ], show(problems)


def test_links_out_that_are_web_addresses_pass_and_resolve(tmp_path):
    data = linked(tmp_path, "https://example.org/kh-1.pdf", "HTTP://QUOCHOI.VN/nq-1.pdf")
    assert [p for p in problems_of(data) if p.rule == "link-address"] == []
