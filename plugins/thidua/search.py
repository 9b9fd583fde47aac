"""Site search, the build-time part: one compact entry per generated page. See docs/SEARCH.md.

A record page's entry holds its title and the words a reader types to find it (number,
issuer and its name today, campaign, period, signer, place, award form...), which its kind's
builder module gives (`keywords(renderer, record, description)`, see `kinds.py`); a listing is
found by its title and description. Entries are plain text; the front end writes them in its
search engine's format (for Material: `mkdocs_plugin/search_index.py`), and the browser
worker folds diacritics at query time (`search-worker.js`).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .text import nfc

# Entries longer than this are cut: a summary is what a result shows, and the index must stay small.
TEXT_MAX = 600


@dataclass
class Entry:
    location: str  # site-root-relative URL, as Material writes it
    title: str  # plain text
    text: str  # plain text
    boost: float | None = None


def _nfc(text: str | None) -> str:
    return nfc(" ".join((text or "").split()))


def _join(parts: list[str | None], limit: int = TEXT_MAX, seen: str = "") -> str:
    """Distinct non-empty parts, each once, joined; a part the title or the text so far contains is skipped."""
    out: list[str] = []
    seen = seen.casefold()
    for part in parts:
        part = _nfc(part)
        if not part or part.casefold() in seen:
            continue
        out.append(part)
        seen += " " + part.casefold()
    text = " · ".join(out)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def entries(pages, about: Callable[[Any, str], tuple[list[str | None], float | None]]) -> list[Entry]:
    """One compact entry per searchable page; `about(page, description)` gives the words that
    find it beyond its title, and its weight. `pages.build_site` calls it: `Site.search`."""
    out = []
    for page in pages:
        if not page.search:
            continue
        title = _nfc(page.title)
        description = _nfc(page.description)
        if description.startswith(title):  # "<title> — <authority>, <date>": keep what the title does not say
            description = description[len(title):].lstrip(" —:-,.")
        parts, boost = about(page, description)
        out.append(Entry(page.url, title, _join(parts, seen=title), boost))
    return out
