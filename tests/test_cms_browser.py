"""The web forms at /admin/ driven in Chromium: Decap CMS against its local backend.

`decap-server` (npm, installed by `npm ci` from package.json) runs on a port the system picks, with a
copy of the frozen data (tests/fixtures/data/) as its repository; the page asks for the backend at
Decap's usual address (http://localhost:8081/api/v1, from `local_backend: true`), which the test
routes to that port, so a developer's own decap-server on 8081 is never touched. What the forms
save is then read by the validator and built into pages, as CI would do with a pull request from
the CMS.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import time
import unicodedata
import urllib.request
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import FROZEN, ROOT, build, load_yaml, served, stop
from thidua.validate import validate

DECAP_SERVER = ROOT / "node_modules" / ".bin" / "decap-server"
LOCAL_BACKEND = "http://localhost:8081/api/v1"  # Decap's default for `local_backend: true`
# Loaded into decap-server (node --require): says which port its server got. decap-server is given
# port 0, so the system picks a free one as it binds, and no other process can take it first;
# decap-server itself would only repeat the 0 it was given.
SAY_PORT = """
const net = require("net");
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  this.once("listening", () => process.stderr.write(`thidua-test listening on port ${this.address().port}\\n`));
  return listen.apply(this, args);
};
"""
LISTENING = re.compile(r"thidua-test listening on port (\d+)\n")


def _png(width: int = 4, height: int = 3) -> bytes:
    """A small valid PNG, so the test needs no image file of its own."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\xc0\x20\x20" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def cms_site(tmp_path_factory):
    """The site of the frozen copy (content/admin included) built once and served on 127.0.0.1: it
    serves the CMS's app shell; the records the forms edit come from `backend`."""
    dest = tmp_path_factory.mktemp("cms-site")
    build(dest, FROZEN)
    with served(dest / "site") as url:
        yield url


@pytest.fixture
def backend(tmp_path):
    """decap-server writing into a copy of the frozen data (its repository root is tmp_path/repo)."""
    if not DECAP_SERVER.exists():
        pytest.fail("decap-server is not installed: run `npm ci` at the repository root (.ci/run does)")
    repo = tmp_path / "repo"
    shutil.copytree(FROZEN, repo / "data")  # frozen: data commits never break these
    (tmp_path / "say-port.js").write_text(SAY_PORT, encoding="utf-8")
    node_options = f"{os.environ.get('NODE_OPTIONS', '')} --require \"{tmp_path / 'say-port.js'}\"".strip()
    env = {**os.environ, "GIT_REPO_DIRECTORY": str(repo), "PORT": "0", "BIND_HOST": "127.0.0.1",
           "MODE": "fs", "LOG_LEVEL": "error", "NODE_OPTIONS": node_options}
    log = tmp_path / "decap-server.log"
    with open(log, "w", encoding="utf-8") as err:
        process = subprocess.Popen([str(DECAP_SERVER)], env=env, stdout=subprocess.DEVNULL, stderr=err)
    deadline = time.monotonic() + 30
    while not (listening := LISTENING.search(log.read_text(encoding="utf-8", errors="replace"))):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise AssertionError("decap-server did not start: " + log.read_text(encoding="utf-8")[-2000:])
        time.sleep(0.1)
    url = f"http://127.0.0.1:{listening.group(1)}/api/v1"
    try:  # it answers: its routes are set before it listens
        request = urllib.request.Request(url, data=b'{"action":"info"}', headers={"Content-Type": "application/json"})
        assert json.loads(urllib.request.urlopen(request, timeout=30).read())["type"] == "local_fs"
        yield repo, url
    finally:
        stop(process, timeout=10)


def _open_cms(page, site: str, backend_url: str) -> list[str]:
    """Open /admin/ with the local backend; return the list every request is appended to."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    def forward(route):
        try:
            route.fulfill(response=route.fetch(url=backend_url))
        except Exception:  # the page closed while Decap still polled: nothing to answer
            pass
    page.route(LOCAL_BACKEND, forward)
    page.set_default_timeout(15000)
    page.goto(site + "admin/")
    page.get_by_role("button", name="Đăng nhập").click()
    return requests


def _pick(scope, label: str, typed: str, option: str) -> None:
    """Choose in a relation or select field of `scope` (the page or one list line): type to search,
    or open the menu, then click the option."""
    page = scope.page if hasattr(scope, "page") and not callable(scope.page) else scope
    box = scope.get_by_label(label, exact=True)
    box.focus()  # react-select's input may be zero-width
    if typed:
        page.keyboard.type(typed)
    else:
        page.keyboard.press("ArrowDown")  # opens the menu
    scope.locator("[class*=option]", has_text=option).first.click()
    # the choice is shown in the control (react-select's single value)
    box.locator("xpath=ancestor::div[contains(@class,'control')][1]").get_by_text(option).first.wait_for()


def _open_entry(page, site: str, collection: str, entry: str) -> None:
    """Open a record's form. Through its collection's list: Decap 3.16.3 jumping straight from one
    record's address to another's keeps the first record's values in the second form."""
    page.goto(site + f"admin/#/collections/{collection}")
    page.get_by_role("heading").or_(page.get_by_role("link", name=re.compile(entry))).first.wait_for()
    page.goto(site + f"admin/#/collections/{collection}/entries/{entry}")
    page.wait_for_function(
        "id => [...document.querySelectorAll('input')].some(i => i.id.startsWith('id-field-') && i.value === id)", arg=entry)


def _line(page, field: str, n: int):
    """The n-th line of the list field `field`, expanded: Decap collapses every line but the one
    just added (and the whole list when a record is opened), and a collapsed line's inputs are in
    the page but hidden."""
    box = page.locator(f"[id^='{field}-field-']").first
    box.wait_for()
    folded = box.get_by_test_id("expand-button").first  # the whole list's ▸, first in the field
    if folded.get_attribute("aria-label") == "Mở rộng":  # an existing record opens with its list folded
        folded.click()
    line = box.locator("[class*=SortableListItem]").nth(n)
    line.wait_for()
    if not line.locator("input, textarea").first.is_visible():
        line.locator("button").first.click()  # the line's ▸ toggle, first in its top bar
        line.locator("input, textarea").first.wait_for(state="visible")
    return line


def _publish(page, file: Path) -> dict:
    """Publish the entry and return the record decap-server wrote."""
    page.get_by_role("button", name="Công bố").first.click()
    page.get_by_text("Công bố ngay").click()
    deadline = time.monotonic() + 15
    while not file.exists():
        if time.monotonic() > deadline:
            errors = page.locator("[class*=ControlErrorsList], [class*=toast]").all_inner_texts()
            raise AssertionError(f"{file.name} was not written; the form says: {errors}")
        page.wait_for_timeout(100)
    page.get_by_text("Thay đổi đã được lưu").wait_for()
    return load_yaml(file)


def test_story_with_photo_through_the_form(page, cms_site, backend, tmp_path):
    repo, backend_url = backend
    requests = _open_cms(page, cms_site, backend_url)
    decomposed = unicodedata.normalize("NFD", "Mô hình nuôi bò sinh sản ở xã Minh Tiến")

    # --- A story with a photo
    page.goto(cms_site + "admin/#/collections/stories/new")
    page.get_by_label("Mã (tên tệp)", exact=True).fill("mo-hinh-nuoi-bo-minh-tien")
    page.get_by_label("Tiêu đề", exact=True).fill(decomposed)  # an input method may send NFD
    page.get_by_label("Ngày đăng", exact=True).fill("2024-05")
    _pick(page, "Phong trào thi đua (không bắt buộc)", "người nghèo", "Vì người nghèo")
    _pick(page, "Cơ quan giới thiệu (không bắt buộc)", "Minh Tiến", "Ủy ban nhân dân xã Minh Tiến")
    page.get_by_role("button", name="Thêm ảnh").click()  # index.html completes Decap's Vietnamese
    page.get_by_role("button", name="Chọn một hình").click()
    (tmp_path / "bo-minh-tien.png").write_bytes(_png())
    page.locator("input[type=file]").set_input_files(str(tmp_path / "bo-minh-tien.png"))
    page.get_by_text("bo-minh-tien.png").first.wait_for()  # uploaded and selected
    page.get_by_role("button", name="Lấy những cái đã chọn").click()
    page.get_by_label("Mô tả ảnh", exact=True).fill("Hộ ông A bên chuồng bò")
    page.locator("[data-slate-editor]").click()
    page.keyboard.type("Từ hai con bò giống, hộ ông A đã thoát nghèo sau ba năm.")
    story = _publish(page, repo / "data" / "stories" / "mo-hinh-nuoi-bo-minh-tien.yml")
    assert story["title"] == unicodedata.normalize("NFC", decomposed)
    assert story["date"] == "2024-05"
    assert story["campaign"] == "vi-nguoi-ngheo-2021-2025"
    assert story["author"] == "ubnd-xa-minh-tien"
    assert story["photos"] == [{"file": "media/bo-minh-tien.png", "alt": "Hộ ông A bên chuồng bò"}]
    assert (repo / "data" / "media" / "bo-minh-tien.png").read_bytes() == _png()
    assert "thoát nghèo" in story["body"]

    # --- Every request of /admin/ went to the site itself, or to the office's own local backend
    site_origin = "{0.scheme}://{0.netloc}".format(urlsplit(cms_site))
    elsewhere = {u for u in requests if not u.startswith((site_origin + "/", LOCAL_BACKEND, "blob:", "data:"))}
    assert not elsewhere

    # --- The records validate and build into pages
    _repo, report = validate(repo / "data")
    assert not report.failed(strict=False), report.render("text")
    built = build(tmp_path / "build", data_dir=repo / "data")
    assert built.returncode == 0
    site = tmp_path / "build" / "site"
    assert "thoát nghèo" in (site / "dien-hinh" / "mo-hinh-nuoi-bo-minh-tien" / "index.html").read_text(encoding="utf-8")


def _written(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_story_file_is_written_as_a_person_writes_it(page, cms_site, backend):
    """Field order of the model with the body last, texts double-quoted on one line, codes plain,
    the Markdown body as a literal block, no empty optional field."""
    repo, backend_url = backend
    _open_cms(page, cms_site, backend_url)
    page.goto(cms_site + "admin/#/collections/stories/new")
    page.get_by_label("Mã (tên tệp)", exact=True).fill("hop-tac-xa-thanh-long")
    page.get_by_label("Tiêu đề", exact=True).fill("Hợp tác xã: 2023 - một năm “được mùa”")
    page.get_by_label("Ngày đăng", exact=True).fill("2024-06-01")
    page.get_by_label("Đơn vị, địa phương (không bắt buộc)", exact=True).fill("xã Hàm Minh")
    _pick(page, "Phong trào thi đua (không bắt buộc)", "người nghèo", "Vì người nghèo")
    page.get_by_label("Từ khóa (không bắt buộc)", exact=True).fill("thanh long, hợp tác xã")
    page.locator("[data-slate-editor]").click()
    page.keyboard.type("Dòng đầu.")
    page.keyboard.press("Enter")
    page.keyboard.type("Dòng hai: có dấu hai chấm.")
    file = repo / "data" / "stories" / "hop-tac-xa-thanh-long.yml"
    _publish(page, file)
    assert _written(file) == (
        'id: hop-tac-xa-thanh-long\n'
        'title: "Hợp tác xã: 2023 - một năm “được mùa”"\n'
        'date: "2024-06-01"\n'
        'unit: "xã Hàm Minh"\n'
        'campaign: vi-nguoi-ngheo-2021-2025\n'
        'tags: ["thanh long", "hợp tác xã"]\n'
        'body: |-\n'
        '  Dòng đầu.\n'
        '\n'
        '  Dòng hai: có dấu hai chấm.\n')
    _repo, report = validate(repo / "data")
    assert not report.failed(strict=False), report.render("text")


def test_decision_with_two_recipient_lines_through_the_form(page, cms_site, backend, tmp_path):
    repo, backend_url = backend
    _open_cms(page, cms_site, backend_url)
    page.goto(cms_site + "admin/#/collections/decisions/new")
    page.get_by_label("Mã (tên tệp)", exact=True).fill("qd-215-ubnd-minh-tien-2024")
    page.get_by_label("Ngày ký", exact=True).fill("2024-12-20")
    _pick(page, "Cơ quan quyết định", "Minh Tiến", "Ủy ban nhân dân xã Minh Tiến")
    _pick(page, "Hình thức khen thưởng", "Giấy khen", "Giấy khen của Chủ tịch Ủy ban nhân dân xã")
    _pick(page, "Dịp khen thưởng", "", "Hằng năm")
    page.get_by_label("Số, ký hiệu (không bắt buộc)", exact=True).fill("215/QĐ-UBND")
    # A new decision has one empty line; adding the second collapses it, and it is opened again.
    lines_of = page.locator("[id^='recipients-field-']").first.locator("[class*=SortableListItem]")
    while lines_of.count() < 2:
        page.get_by_role("button", name="Thêm dòng khen thưởng").click()
    lines = [
        ("Tập thể", "Chi hội Nông dân thôn Hạ Lĩnh", "thôn Hạ Lĩnh", "Giúp 5 hộ nghèo vay vốn chăn nuôi."),
        ("Cá nhân", "Nguyễn Thị Hoa", "Chi hội Phụ nữ thôn Tam Đa", "Vận động 12 hội viên góp ngày công."),
    ]
    for n, (kind, name, unit, achievement) in enumerate(lines):
        line = _line(page, "recipients", n)
        _pick(line, "Loại đối tượng", "", kind)
        line.get_by_label("Tên", exact=True).fill(name)
        line.get_by_label("Đơn vị, địa phương (không bắt buộc)", exact=True).fill(unit)
        line.get_by_label("Thành tích (không bắt buộc)", exact=True).fill(achievement)
    file = repo / "data" / "decisions" / "qd-215-ubnd-minh-tien-2024.yml"
    decision = _publish(page, file)
    assert {k: decision[k] for k in ("id", "date", "authority", "form", "occasion", "number")} == {
        "id": "qd-215-ubnd-minh-tien-2024", "date": "2024-12-20", "authority": "ubnd-xa-minh-tien",
        "form": "giay-khen-chu-tich-ubnd-xa", "occasion": "yearly", "number": "215/QĐ-UBND"}
    assert [(r["kind"], r["name"], r["unit"], r["achievement"]) for r in decision["recipients"]] == [
        ("collective", *lines[0][1:]), ("individual", *lines[1][1:])]
    assert all(r["public"] is True for r in decision["recipients"])  # the form's default, written out
    text = _written(file)
    assert text.startswith('id: qd-215-ubnd-minh-tien-2024\ndate: "2024-12-20"\nauthority: ubnd-xa-minh-tien\n')
    assert '\nrecipients:\n  - kind: collective\n    name: "Chi hội Nông dân thôn Hạ Lĩnh"\n' in text  # last, indented

    _repo, report = validate(repo / "data")
    assert not report.failed(strict=False), report.render("text")
    built = build(tmp_path / "build", data_dir=repo / "data")
    assert built.returncode == 0
    decision_page = tmp_path / "build" / "site" / "khen-thuong" / "qd-215-ubnd-minh-tien-2024" / "index.html"
    assert "Nguyễn Thị Hoa" in decision_page.read_text(encoding="utf-8")


def test_saving_a_plan_keeps_what_the_form_does_not_show(page, cms_site, backend):
    """A plan's body, basis, signer, sample flag, comments ...: the form shows some of them and
    none of its parts; changing the summary changes that line of the file and nothing else."""
    repo, backend_url = backend
    plan_id = "kh-so-gtvt-cao-bang-vi-nguoi-ngheo-2021-2025"  # a body, a basis, a signer, a comment
    file = repo / "data" / "documents" / f"{plan_id}.yml"
    before_text = _written(file)
    before = load_yaml(file)
    assert before["body"] and before["basis"] and before["signer"] and "# the text prints no date" in before_text
    _open_cms(page, cms_site, backend_url)
    _open_entry(page, cms_site, "documents", plan_id)
    summary = page.get_by_label("Tóm tắt (không bắt buộc)", exact=True)
    summary.wait_for()
    summary.fill("Kế hoạch của Sở Giao thông vận tải Cao Bằng: tóm tắt sửa trong biểu mẫu.")
    mtime = file.stat().st_mtime_ns
    page.get_by_role("button", name="Công bố").first.click()
    page.get_by_text("Công bố ngay").click()
    page.get_by_text("Thay đổi đã được lưu").wait_for()
    assert file.stat().st_mtime_ns != mtime
    after = load_yaml(file)
    assert after["summary"] == "Kế hoạch của Sở Giao thông vận tải Cao Bằng: tóm tắt sửa trong biểu mẫu."
    assert {k: v for k, v in after.items() if k != "summary"} == {k: v for k, v in before.items() if k != "summary"}
    assert "# the text prints no date" in _written(file)  # the comment beside date_source is kept
    _repo, report = validate(repo / "data")
    assert not report.failed(strict=False), report.render("text")


SCREENSHOTS = os.environ.get("THIDUA_SCREENSHOTS")  # a folder to keep the screenshots in


@pytest.mark.parametrize("width", [360, 1280])
def test_forms_fit_a_phone_and_a_desktop(browser, cms_site, backend, width, tmp_path):
    """The story and decision forms (a decision with its lines) fit the width: no sideways scrolling."""
    repo, backend_url = backend
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        _open_cms(page, cms_site, backend_url)
        folder = Path(SCREENSHOTS) if SCREENSHOTS else tmp_path
        folder.mkdir(parents=True, exist_ok=True)
        for collection, entry in (("stories", "htx-thanh-long-ham-minh"), ("decisions", "qd-156-ubnd-minh-tien-2023")):
            _open_entry(page, cms_site, collection, entry)
            if collection == "decisions":
                _line(page, "recipients", 0)  # one line open, as when typing it
            page.wait_for_timeout(500)  # images and previews settle
            page.screenshot(path=str(folder / f"cms-{collection}-{width}.png"))  # what the screen shows
            wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > innerWidth + 1 && e.offsetParent !== null
                        && !e.closest('[class*=PreviewPane]'))
                .map(e => e.tagName + '.' + e.className).slice(0, 5)""")
            assert page.evaluate("document.documentElement.scrollWidth") <= width and not wide, \
                f"{collection} form is wider than {width} px: {wide}"
            # The whole form: Decap scrolls it inside the page, so the window is made as tall as it.
            tall = page.evaluate("Math.max(...[...document.querySelectorAll('div')].map(e => e.scrollHeight))")
            page.set_viewport_size({"width": width, "height": min(tall, 8000)})
            page.wait_for_timeout(300)
            page.screenshot(path=str(folder / f"cms-{collection}-{width}-full.png"))
            page.set_viewport_size({"width": width, "height": 800})
    finally:
        context.close()


def test_public_admin_loads_only_from_its_own_origin(page, cms_site):
    """On a public host (not localhost, so no local backend is looked for) /admin/ fetches its
    script, config and the site's styles from the site itself, and nothing else."""
    port = urlsplit(cms_site).port
    site = f"http://thidua.localhost:{port}/"  # Chromium resolves *.localhost to the loopback address
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site + "admin/")
    page.get_by_role("button", name=re.compile("GitHub")).wait_for()  # the login of the configured backend
    assert site + "admin/decap-cms/decap-cms.js" in requests and site + "admin/config.yml" in requests
    assert [u for u in requests if not u.startswith((site, "blob:", "data:"))] == []
