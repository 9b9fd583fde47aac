"""`make serve` watches the data folder by file notifications (mkdocs_plugin/watching.py): a change
asks MkDocs for a rebuild at once; reading a file does not; a server without MkDocs 1.6's rebuild
request gets the folder through its public `watch`."""
from __future__ import annotations

import time

from mkdocs.livereload import LiveReloadServer

from thidua.mkdocs_plugin import watching


def wanted(server, within: float) -> bool:
    """Whether a rebuild was asked for within `within` seconds (and clear the request)."""
    deadline = time.monotonic() + within
    with server._rebuild_cond:
        while not server._want_rebuild and time.monotonic() < deadline:
            server._rebuild_cond.wait(timeout=0.05)
        asked, server._want_rebuild = server._want_rebuild, False
    return asked


def settled(server) -> bool:
    """A rebuild was asked for (within 2 s); then wait until no more is (a rewrite of a file reports
    twice: emptied, then written), so the next step sees only its own events."""
    asked = wanted(server, 2.0)
    while wanted(server, 0.3):
        pass
    return asked


def test_a_change_in_the_data_folder_asks_for_a_rebuild_at_once(tmp_path):
    data = tmp_path / "data"
    (data / "decisions").mkdir(parents=True)
    record = data / "decisions" / "qd-1.yml"
    record.write_text("id: qd-1\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    observer = watching.watch(server, data)
    try:
        assert observer is not None and not server._watched_paths  # not MkDocs' polling
        record.read_text(encoding="utf-8")  # the build reading it: not a change
        assert not wanted(server, 0.5)
        record.write_text("id: qd-1\ntitle: sửa\n", encoding="utf-8")
        assert settled(server)
        (data / "stories").mkdir()  # a new folder, then a file in it: a change too
        assert not wanted(server, 0.3)
        (data / "stories" / "s-1.yml").write_text("id: s-1\n", encoding="utf-8")
        assert settled(server)
        record.unlink()
        assert settled(server)
        # a folder of records moved out of the data folder: inotify reports the folder's move alone
        (data / "stories").rename(tmp_path / "elsewhere")
        assert settled(server)
    finally:
        observer.stop()
        observer.join()
        server.server_close()


def test_a_server_without_mkdocs_rebuild_request_is_given_the_folder_to_watch(tmp_path):
    class Other:
        def __init__(self):
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    other = Other()
    assert watching.watch(other, tmp_path) is None
    assert other.watched == [str(tmp_path)]
    missing = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:  # a folder the kernel cannot watch: MkDocs' polling, as before
        assert watching.watch(missing, tmp_path / "nowhere") is None
        assert list(missing._watched_paths) == [str(tmp_path / "nowhere")]
    finally:
        missing.server_close()
