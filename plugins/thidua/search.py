"""Site search, the build-time part: every searchable page as plain text. See docs/SEARCH.md.

A page is a `Doc`: its title; its head, the words beyond the title a reader types to find it
(number, issuer and its name today, campaign, period, signer, place...), which its kind's builder
module gives (`keywords(renderer, record, description)`, see `kinds.py`), a listing's being its
description; and its sections, each under its anchor (`search_sections(renderer, record)`: a plan's
parts, a decision's lines, a story's text). The front end indexes them (for MkDocs:
`mkdocs_plugin/pagefind_index.py`), folded as `index_tokens` writes them; the browser worker
(`search-worker.js`) folds queries the same way.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .text import APOSTROPHES, joined, nfc

TEXT_MAX = 600  # characters of a joined text, unless a caller says otherwise


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


# --------------------------------------------------------------------------- full-text documents
# Since issue 13 the site search (Pagefind, `mkdocs_plugin/pagefind_index.py`) holds every public
# word: a page's title and head (the `keywords` above, uncut) and its sections (a plan's parts,
# a decision's lines, a story's text), each with its anchor. The adapter writes them folded.

@dataclass
class Section:
    anchor: str  # HTML id on the page ("" for text that belongs to the page as a whole)
    heading: str  # what a result shows as its title: a part's label and title, a recipient's name
    text: str


@dataclass
class Doc:
    url: str
    title: str  # without the sample mark: results label samples themselves
    head: str  # the words beyond the title that find the page: number, issuer, signer...
    sections: list[Section]
    kind: str = "Trang"  # the kind filter's value, as a reader reads it
    number: str = ""
    authority: str = ""  # issuer's short name, shown under the title
    year: str = ""
    provinces: list[str] | None = None  # province filter: at the time, and today if it changed
    award: str = ""  # a decision's award form: shown with each of its lines
    sample: bool = False
    boost: float | None = None


def _strip_sample(title: str, description: str) -> tuple[str, str]:
    from . import sample_marks
    return title.removeprefix(sample_marks.TITLE_PREFIX), description.removeprefix(sample_marks.DESCRIPTION_PREFIX)


class Documents:
    """Every searchable page as a `Doc`, made when iterated (one at a time, handed to the search
    index as it comes), so a national build never holds every plan's text twice. `details(page)` gives a record page's
    sections and facets (`pages/__init__.py`)."""

    def __init__(self, pages, about: Callable[[Any, str], tuple[list[str | None], float | None]],
                 details: Callable[[Any], dict] | None = None):
        self.pages = [page for page in pages if page.search]
        self.about = about
        self.details = details

    def __len__(self) -> int:
        return len(self.pages)

    def __iter__(self):
        for page in self.pages:
            yield self.doc(page)

    def doc(self, page) -> Doc:
        title, description = _strip_sample(_nfc(page.title), _nfc(page.description))
        if description.startswith(title):
            description = description[len(title):].lstrip(" —:-,.")
        parts, boost = self.about(page, description)
        head = _join(parts, limit=1 << 30, seen=title)
        extra = self.details(page) if self.details is not None and page.record is not None else {}
        sections = [Section(a, _nfc(h), _nfc(t)) for a, h, t in extra.pop("sections", [])]
        return Doc(page.url, title, head, sections, boost=boost, sample=bool(getattr(page.record, "sample", False)),
                   **extra)


def entries(pages, about: Callable[[Any, str], tuple[list[str | None], float | None]],
            details: Callable[[Any], dict] | None = None) -> Documents:
    """What `pages.build_site` stores as `Site.search`: the searchable pages, as `Doc`s when iterated."""
    return Documents(pages, about, details)




class _FoldTable(dict):
    """str.translate table: each character to one folded letter or digit (a-z, 0-9), an apostrophe
    to "'", or a space. search-worker.js folds the same way, character by character, so that word n
    of a text here is word n there (`index_words`)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in "đĐ":
            base = "d"
        elif char in APOSTROPHES:
            base = "'"
        else:
            base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)).lower()
        self[code] = value = base if len(base) == 1 and (base in _ALNUM or base == "'") else " "
        return value


_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_FOLD = _FoldTable()
# An apostrophe inside an Ê Đê or Jrai name ("H'Luih", "Y’Blông", "S'tiêng") joins its parts into
# one word: a reader types "hluih", "h'luih", "h luih" or "luih" (`index_tokens` indexes each).
# Any other apostrophe (at a word's edge, beside a digit) separates words, as a space does.
_LONE_APOSTROPHE = re.compile(r"'(?![a-z])|(?<![a-z])'")  # not between two letters


def _folded(text: str) -> list[str]:
    folded = text.translate(_FOLD)
    if "'" in folded:
        folded = _LONE_APOSTROPHE.sub(" ", folded)
    return folded.split()


def index_words(text: str) -> list[str]:
    """The folded words of NFC `text`, in order: 'Đồng Hòa, 2451/KH-UBND' -> dong hoa 2451 kh ubnd;
    "Đinh H'Luih" -> dinh hluih."""
    return [word.replace("'", "") for word in _folded(text)]


def index_tokens(text: str, close: str) -> list[str]:
    """`index_words` as the search index holds them, each closed with `close`, one token a word so
    that Pagefind's position n is word n: a word joined at an apostrophe is written with the words
    it counts as (`text.joined`), "h'luih" -> "hluihz-hz-luihz". Pagefind indexes the parts of a
    word with punctuation at the word's own position (and all of them run together, which nobody
    types)."""
    return [word + close if "'" not in word else "-".join(part + close for part in joined(word.split("'")))
            for word in _folded(text)]
