"""Shared fixtures: build the frozen copy of the data (FROZEN) once into a temp dir, serve it, drive
it in Chromium; build the real data/ once (DATA) for the tests of what any valid data must give.
No real site is served: a browser test is a test of behaviour, on FROZEN or its own records."""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import socket
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# benchmarks/generate.py starts every scale from the real records: in tests, from the frozen copy
# (FROZEN below), so generated data never changes with a data commit
os.environ["THIDUA_BENCH_REAL_DATA"] = str(ROOT / "tests" / "fixtures" / "data")
MKDOCS = Path(sys.executable).parent / "mkdocs"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BUILD_DATE = "2024-06-01"  # fixed, so "upcoming deadlines" and output are reproducible


KIND_FOLDERS = ("authorities", "campaigns", "documents", "award-forms", "decisions", "stories")


def data_set(root: Path, base: dict[str, str | bytes], files: dict[str, str | bytes] | None = None,
             drop: tuple[str, ...] = ()) -> Path:
    """root/data holding `base`, with `files` added or replaced and `drop` left out, and a folder for
    every kind, empty or not (as an office's repository has them); return root/data."""
    merged = {**base, **(files or {})}
    for rel in drop:
        del merged[rel]
    data = root / "data"
    for kind in KIND_FOLDERS:
        (data / kind).mkdir(parents=True, exist_ok=True)
    return write_tree(data, merged)


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` (relative path -> text or bytes) under `root`; return `root`."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def load_yaml(path: Path):
    """A YAML file (a record, mkdocs.yml) as Python data."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def save_yaml(path: Path, data) -> Path:
    """Write `data` as YAML the way the records are kept: Unicode as is, keys in their order."""
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@functools.cache
def own_words() -> str:
    """The words of the site's own text (content/, theme/, plugins/: templates, scripts, code) as
    `thidua.text.folded_words` gives them, one space apart. A test that looks for a record's words in
    a built site leaves out those the site holds anyway (the finder's example "Nguyễn Thị Thúy")."""
    from thidua.text import folded_words

    files = [p for folder in ("content", "theme", "plugins") for p in sorted((ROOT / folder).rglob("*"))
             if p.is_file() and p.suffix in (".md", ".html", ".js", ".py", ".yml", ".css", ".json")]
    return " " + " ".join(folded_words(p.read_text(encoding="utf-8", errors="ignore")) for p in files) + " "


def parse_html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def soup(site: Path, url: str) -> BeautifulSoup:
    """The page at `url` of a built site ('van-ban/x/' -> its index.html, or a file 'x.html')."""
    return parse_html(site / url if url.endswith(".html") else site / url / "index.html")


def write_config(dest: Path, data_dir: Path, **plugin_options) -> Path:
    """A copy of mkdocs.yml pointing at `data_dir`, with absolute paths so it can live anywhere.
    The data folder is always named: a test of behaviour builds its own records or FROZEN, and only
    the tests of the real data (validates, builds, links, publishes) pass DATA."""
    config = load_yaml(ROOT / "mkdocs.yml")
    config["docs_dir"] = str(ROOT / "content")
    config["theme"]["custom_dir"] = str(ROOT / "theme")
    config["site_dir"] = str(dest / "site")
    plugins = []
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "thidua" in entry:
            options = {**(entry["thidua"] or {}), "data_dir": str(data_dir), "build_date": BUILD_DATE, **plugin_options}
            entry = {"thidua": options}
        plugins.append(entry)
    config["plugins"] = plugins
    return save_yaml(dest / "mkdocs.yml", config)


def build(dest: Path, data_dir: Path, check: bool = True, **plugin_options) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` as a user would; the site lands in dest/site."""
    dest.mkdir(parents=True, exist_ok=True)
    return run_mkdocs(write_config(dest, data_dir, **plugin_options), check)


def edit_config(config: Path, **changes) -> Path:
    """Set top-level keys of a written mkdocs.yml (`theme` is merged key by key)."""
    data = load_yaml(config)
    for key, value in changes.items():
        data[key] = {**data[key], **value} if key == "theme" else value
    return save_yaml(config, data)


def run_mkdocs(config: Path, check: bool = True) -> subprocess.CompletedProcess:
    """`mkdocs build --strict -f config`, in the config's folder."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(MKDOCS), "build", "--strict", "-f", str(config)], capture_output=True,
                            text=True, env=env, cwd=config.parent)
    if check and result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return result


# Run first by `fresh_python(..., count_forks=True)`: `forks` lists the slices of each fork_map call
COUNT_FORKS = """
from thidua import parallel
forks = []
_fork_map = parallel.fork_map

def _counting(task, slices):
    forks.append(slices)
    return _fork_map(task, slices)

parallel.fork_map = _counting
"""


def fresh_python(script: str, *args: str, cwd: Path | None = None, timeout: float = 600,
                 count_forks: bool = False) -> str:
    """Run `script` (`python -c`) with `args` in a new interpreter of this venv, the code under test
    first on its path; its standard output, after it exited 0. `count_forks`: `COUNT_FORKS` first.

    For tests of forking (`thidua.parallel`): `can_fork()` refuses beside other threads, and this
    pytest process may have some for the whole session (`served()` test servers, Playwright's
    asyncio child watcher), so forcing it here would fork beside them; a fresh interpreter has
    only the thread that forks, as an office's `mkdocs build` or `thidua validate` has."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT / "plugins"), os.environ.get("PYTHONPATH")) if p)}
    result = subprocess.run([sys.executable, "-c", (COUNT_FORKS if count_forks else "") + script, *args], capture_output=True, text=True, env=env,
                            cwd=cwd, timeout=timeout)
    if result.returncode != 0:
        raise AssertionError(f"the script failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


FROZEN = ROOT / "tests" / "fixtures" / "data"  # a frozen copy of data/ for tests that name records


def frozen_copy(root: Path) -> Path:
    """root/data, a copy of FROZEN for a test to add records to or edit."""
    data = root / "data"
    shutil.copytree(FROZEN, data)
    return data


@pytest.fixture(scope="session")
def frozen_site_dir(tmp_path_factory) -> Path:
    """The frozen copy built once per session: tests that open particular records use it, so a
    data commit that validates never breaks them."""
    dest = tmp_path_factory.mktemp("frozen-site")
    build(dest, FROZEN)
    return dest / "site"


@pytest.fixture(scope="session")
def frozen_url(frozen_site_dir):
    with served(frozen_site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The real data built once per test session: only for what any valid data must give (every
    record published, links resolve, lines not public nowhere), never what a page says."""
    dest = tmp_path_factory.mktemp("real-site")
    build(dest, DATA)
    return dest / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def stop(process: subprocess.Popen, timeout: float = 30, how: int = signal.SIGTERM) -> None:
    """End a server the test started: asked to stop (`how`: SIGINT as an office's Ctrl+C), killed
    if it has not within `timeout` s."""
    process.send_signal(how)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def served(directory: Path):
    """`directory` served on 127.0.0.1 (on a port the system picks) while in the block: its URL."""
    server, url = serve(directory)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (no browser download needed)."""
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: run `apt-get install -y chromium` (.ci/run does)")
    with playwright.sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"])
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


# --- Servers and request logs watched without races: a port is only ours once the server says it
# listens, and a log is read when everything it records has happened.


def free_port() -> int:
    """A port free now: only a hint, another process may take it before mkdocs binds it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(server: subprocess.Popen, log: Path, pattern: str, after: int = 0, timeout: float = 240) -> str:
    """The log from character `after` on, once it holds `pattern`; fails at once if the server stopped."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace")[after:]
        if pattern in text:
            return text
        if "Aborted" in text or "Traceback" in text or server.poll() is not None:
            raise AssertionError(text)
        time.sleep(0.2)
    raise AssertionError(f"no {pattern!r} within {timeout} s:\n{log.read_text(encoding='utf-8')[after:]}")


def mkdocs_serve(config: Path, log: Path, *options: str, attempts: int = 3,
                 env: dict[str, str] | None = None) -> tuple[subprocess.Popen, int, str]:
    """`mkdocs serve -f config [options]` as an office runs it: the server, its port and its log up
    to "Serving on". Its output goes to the file `log`, never to a pipe nobody reads while it runs.
    mkdocs binds the port only after its first build, and cannot be given port 0 and say which one
    it got (its pages would link to :0): so the port is one free a moment before, and when another
    process has taken it meanwhile ("Address already in use"), it starts again on another."""
    for attempt in range(1, attempts + 1):
        port = free_port()
        with open(log, "w", encoding="utf-8") as out:
            server = subprocess.Popen([str(MKDOCS), "serve", "-f", str(config), "-a", f"127.0.0.1:{port}", *options],
                                      cwd=config.parent, stdout=out, stderr=subprocess.STDOUT,
                                      env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
                                      # Ctrl+C as a terminal delivers it: pytest run in the background
                                      # (`&` without job control) hands children SIGINT ignored
                                      preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        try:
            return server, port, wait_for(server, log, "Serving on")
        except AssertionError:
            stop(server)
            if attempt == attempts or "Address already in use" not in log.read_text(encoding="utf-8"):
                raise
    raise AssertionError("unreachable")


class Requests:
    """The addresses a page (its workers included) requests, each logged as it is sent.

    A worker's requests come to the test on a channel of their own, so one can arrive after the
    page has shown the answer it was for: `take()` first waits until every request sent has
    finished and none has come for QUIET seconds (counted from the call at the earliest, so a
    step that has sent nothing yet is waited for too), then returns what was sent since the last
    `take()`. So a step's requests are all in what it takes, and none comes late into the next."""

    QUIET = 0.5

    def __init__(self, page, timeout: float = 20):
        self.page = page
        self.timeout = timeout  # seconds that requests may stay open before `take()` fails
        self.sent: list[str] = []
        self.open: set = set()
        self.last = time.monotonic()
        page.on("request", self._sent)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    def _sent(self, request) -> None:
        self.sent.append(request.url)
        self.open.add(request)
        self.last = time.monotonic()

    def _ended(self, request) -> None:
        self.open.discard(request)
        self.last = time.monotonic()

    def take(self) -> list[str]:
        deadline = time.monotonic() + self.timeout
        self.last = time.monotonic()  # quiet from now on too: a step that sent nothing yet may still send
        while self.open or time.monotonic() - self.last < self.QUIET:
            if time.monotonic() > deadline:
                raise AssertionError(f"requests still open after {self.timeout} s: {[r.url for r in self.open]}")
            self.page.wait_for_timeout(100)  # Playwright delivers the page's events meanwhile
        taken, self.sent = self.sent, []
        return taken


def every_text(site_dir: Path):
    """(path, text) of every file of a built site, as a reader of its bytes would find the words:
    gzip opened (Pagefind's files, sitemap.xml.gz), each member of a ZIP read so (the open data's
    holds files the site does not: a kind's JSON), UTF-8 as far as it is text, JSON also unescaped.
    The leak scans (private names, sample records) read a site through this."""
    for path in sorted(site_dir.rglob("*")):
        if path.is_file():
            yield from _texts(path, path.read_bytes())


def _texts(path: Path, raw: bytes):
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    if raw[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            for name in archive.namelist():
                yield from _texts(path / name, archive.read(name))
        return
    text = raw.decode("utf-8", errors="replace")
    yield path, text
    if path.suffix == ".json":
        yield path, json.dumps(json.loads(text), ensure_ascii=False)
