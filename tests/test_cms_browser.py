"""The web forms at /admin/ driven in Chromium: Decap CMS against its local backend.

`decap-server` (npm, installed by `npm ci` from package.json) runs on a free port with a copy of
data/ as its repository; the page asks for the backend at Decap's usual address
(http://localhost:8081/api/v1, from `local_backend: true`), which the test routes to that port,
so a developer's own decap-server on 8081 is never touched. What the forms save is then read
by the validator and built into pages, as CI would do with a pull request from the CMS.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import struct
import subprocess
import time
import unicodedata
import urllib.error
import urllib.request
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import DATA, ROOT, build, serve
from thidua.validate import validate

DECAP_SERVER = ROOT / "node_modules" / ".bin" / "decap-server"
LOCAL_BACKEND = "http://localhost:8081/api/v1"  # Decap's default for `local_backend: true`


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _png(width: int = 4, height: int = 3) -> bytes:
    """A small valid PNG, so the test needs no image file of its own."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\xc0\x20\x20" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def cms_site(tmp_path_factory):
    """The real site (content/admin included) built once and served on 127.0.0.1."""
    dest = tmp_path_factory.mktemp("cms-site")
    build(dest)
    server, url = serve(dest / "site")
    yield url
    server.shutdown()


@pytest.fixture
def backend(tmp_path):
    """decap-server writing into a copy of data/ (its repository root is tmp_path/repo)."""
    if not DECAP_SERVER.exists():
        pytest.fail("decap-server is not installed: run `npm ci` at the repository root (.ci/run does)")
    repo = tmp_path / "repo"
    shutil.copytree(DATA, repo / "data")
    port = _free_port()
    env = {**os.environ, "GIT_REPO_DIRECTORY": str(repo), "PORT": str(port), "BIND_HOST": "127.0.0.1",
           "MODE": "fs", "LOG_LEVEL": "error"}
    process = subprocess.Popen([str(DECAP_SERVER)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/api/v1"
    deadline = time.monotonic() + 15
    while True:
        try:
            request = urllib.request.Request(url, data=b'{"action":"info"}', headers={"Content-Type": "application/json"})
            urllib.request.urlopen(request, timeout=1).read()
            break
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError("decap-server did not start: " + process.stderr.read().decode()[-2000:]) from None
            time.sleep(0.1)
    yield repo, url
    process.terminate()
    process.wait(timeout=10)


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


def _pick(page, label: str, typed: str, option: str, nth: int = 0) -> None:
    """Choose in a relation or select field: type to search, click the option."""
    page.get_by_label(label, exact=True).nth(nth).focus()  # react-select's input may be zero-width
    if typed:
        page.keyboard.type(typed)
    else:
        page.keyboard.press("ArrowDown")  # opens the menu
    page.locator("[class*=option]", has_text=option).first.click()


def _publish(page, file: Path) -> dict:
    """Publish the entry and return the record decap-server wrote."""
    page.get_by_role("button", name="Công bố").first.click()
    page.get_by_text("Công bố ngay").click()
    deadline = time.monotonic() + 15
    while not file.exists():
        assert time.monotonic() < deadline, f"{file.name} was not written"
        page.wait_for_timeout(100)
    page.get_by_text("Thay đổi đã được lưu").wait_for()
    return yaml.safe_load(file.read_text(encoding="utf-8"))


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
    _pick(page, "Cơ quan viết bài (không bắt buộc)", "Minh Tiến", "Ủy ban nhân dân xã Minh Tiến")
    # Decap's Vietnamese locale lacks "Add %{item}": the button reads "Add ảnh" (docs/CMS.md)
    page.get_by_role("button", name=re.compile(r"ảnh$", re.I)).click()
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
