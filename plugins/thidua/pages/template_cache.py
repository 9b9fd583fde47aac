"""Compiled templates kept in a folder between builds (ours and the theme's): compiling them all
took about 0.6 s of every build.

Jinja's own FileSystemBytecodeCache keys a compiled template by its name, file and source, and
its file format by Python's major and minor version. Compiled code also depends on Jinja's
release and on the environment's settings (extensions, autoescaping, whitespace control,
delimiters), which it does not key: here they are part of every key. A file that cannot be read
back (cut short) is compiled again; one that cannot be written (a read-only or full disk) is
left unwritten: neither fails a build.

Every file name starts with `VERSION` (Jinja's release and Python's version): once per process,
the folder loses the files of other versions, which no build of this one can read, so upgrades
do not pile up compiled templates. Files of this version are never removed.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import sys
from pathlib import Path

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket

log = logging.getLogger("mkdocs.plugins.thidua")

# What, besides an environment's settings, shapes every compiled template: the start of their names
VERSION = hashlib.sha1(f"{jinja2.__version__}\0{sys.version}".encode()).hexdigest()[:16]
# The compiled templates (and their files being written, "….cache<random>.tmp") of any version;
# "__jinja2_…" is Jinja's own name, used before VERSION was
_OURS = re.compile(r"^(?:__jinja2_|[0-9a-f]{16}-)")
_pruned: set[str] = set()  # folders pruned by this process: its version cannot change


def _name(value: object) -> str:
    """A setting as the same text in every process: a function or class by its qualified name."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    return repr(value)


def settings_stamp(env: Environment) -> str:
    """What, besides a template's source and `VERSION`, shapes the code Jinja compiles it into."""
    settings = (sorted(env.extensions), _name(env.autoescape), env.trim_blocks,
                env.lstrip_blocks, env.block_start_string, env.block_end_string, env.variable_start_string,
                env.variable_end_string, env.comment_start_string, env.comment_end_string,
                env.line_statement_prefix, env.line_comment_prefix, env.newline_sequence, env.keep_trailing_newline,
                env.optimized, env.is_async, _name(env.finalize), _name(env.undefined),
                getattr(env, "newstyle_gettext", None))
    return hashlib.sha1(repr(settings).encode("utf-8", "surrogatepass")).hexdigest()[:16]


class TemplateCache(FileSystemBytecodeCache):
    def __init__(self, directory: str):
        super().__init__(directory, f"{VERSION}-%s.cache")
        self._stamps: dict[int, tuple[Environment, str]] = {}  # id -> (the environment, kept alive; its stamp)

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        known = self._stamps.get(id(environment))
        if known is None:
            known = self._stamps[id(environment)] = (environment, settings_stamp(environment))
        key = f"{self.get_cache_key(name, filename)}-{known[1]}"
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - whatever the damage, the source is at hand
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError as exc:  # compiled all the same: only not kept for the next build
            log.info(f"thidua: a compiled template could not be kept ({exc})")


def template_cache(folder: Path) -> TemplateCache | None:
    """A TemplateCache in `folder` (made if missing); None where it cannot be made (read-only)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    if str(folder) not in _pruned:
        _pruned.add(str(folder))
        prune(folder)
    return TemplateCache(str(folder))


def prune(folder: Path) -> None:
    """Remove the compiled templates of other versions from `folder`: one listing, no file read."""
    try:
        with os.scandir(folder) as entries:
            stale = [e.path for e in entries if _OURS.match(e.name) and not e.name.startswith(f"{VERSION}-")]
    except OSError:
        return
    for path in stale:
        try:
            os.unlink(path)
        except OSError:  # gone already (another build pruning), a folder, a read-only folder: kept, harmless
            pass
    if stale:
        log.info(f"thidua: {len(stale)} compiled templates of other Jinja or Python versions removed from {folder}")
