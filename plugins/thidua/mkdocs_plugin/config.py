"""The plugin's options, as `plugins: - thidua: {...}` in mkdocs.yml sets them."""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from .pagefind_index import SPLIT_ABOVE


class ThiduaConfig(Config):
    # Off: the plugin does nothing at all (no data read, no pages, no assets), as Material's plugins.
    enabled = c.Type(bool, default=True)
    data_dir = c.Type(str, default="data")
    include_samples = c.Type(bool, default=True)
    # A fixed date makes builds reproducible; by default the build date is today
    # (or SOURCE_DATE_EPOCH, the reproducible-builds convention).
    build_date = c.Optional(c.Type(str))
    # Processes that read data files, check records and write record pages; 0 means one per CPU
    # core, 1 does all in the build process.
    workers = c.Type(int, default=0)
    # Parsed records are kept here (relative to mkdocs.yml's folder) so a rebuild parses only
    # the files that changed, and the pages written are listed so a rebuild writes only changed
    # pages; empty: no cache, every build is a full one.
    cache_dir = c.Type(str, default=".cache/thidua")
    # Above this many pages the search index is split: one bundle per province (today's) in full, and
    # a national one of authorities and pages of no province (mkdocs_plugin/pagefind_index.py, docs/SEARCH.md).
    search_split_above = c.Type(int, default=SPLIT_ABOVE)
