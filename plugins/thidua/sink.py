"""Where the files the core makes beside the pages go: the open-data exports and the search
index's files. A front end gives one; the MkDocs plugin's is `incremental.Writer`, which links
the previous build's file instead of writing the same bytes again."""
from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class Sink(Protocol):
    """Files at site paths (relative to the site folder).

    A keyed file's bytes are made only if needed: `key` is a digest of every input of them but
    the code (the sink accounts for that), so a sink may take the previous build's file for
    `path` if it had the same key."""

    def write(self, path: str, data: bytes) -> None:
        """Put `data` at `path`."""

    def keyed(self, path: str, key: str, make: Callable[[], bytes]) -> int:
        """Put `make()` at `path`, or the previous build's file of the same key; its size."""

    def reuse(self, path: str, key: str) -> int | None:
        """`keyed` for a file the caller writes itself: its size if the previous build's file of
        the same key was taken; None: write it, then call `placed`."""

    def placed(self, path: str, key: str | None = None) -> None:
        """The caller wrote `path`: from inputs of digest `key`, or (None) made whole, as every
        build makes it (listed all the same: a sink may account for every file it holds)."""

    def reuse_folder(self, prefix: str, key: str) -> bool:
        """Take every file under `prefix` from the previous build if it was made from `key`."""


def go_on() -> None:
    """The check given to long work that makes files when nothing may stop it (`mkdocs build`).
    A preview's catch-up gives one that raises once the preview is cancelled (mkdocs_plugin/catchup.py)."""
