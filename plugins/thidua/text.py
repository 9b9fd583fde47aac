"""Text helpers shared by ids, anchors, names and search: NFC, folding, and the two ways names are compared.

Names are compared two ways, on purpose:

- `name_key` / `name_words`: the validator's. Diacritics count ('Hải' is not 'Hài', 'Đức' is
  not 'Duc'); only case, Unicode form and where the tone mark sits are set aside. A check that
  wrongly matched two people would report a wrong problem or hide a right one.
- `folded_words`: the finder's and search's. Diacritics are dropped, so a name typed on a
  keyboard without Vietnamese input still finds the line.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_WORD_RE = re.compile(r"\w+")
# combining grave, acute, tilde, hook above, dot below: the five Vietnamese tone marks
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def nfc(text: str) -> str:
    """`text` in Unicode NFC; ASCII (most keys and ids) is returned as is, it is NFC already."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


@lru_cache(maxsize=1 << 16)  # names and places repeat across pages, rolls and shards
def fold(text: str) -> str:
    """Lowercase, without tone marks or other diacritics, đ as d: 'Nguyễn Thị Thuý' -> 'nguyen thi thuy'.

    Decomposing first makes the result independent of Unicode form and of where a tone
    mark sits ('hoà' and 'hòa' fold to the same 'hoa')."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slugify(text: str, limit: int = 60) -> str:
    return _NON_ALNUM.sub("-", fold(text)).strip("-")[:limit].strip("-")


@lru_cache(maxsize=1 << 16)  # units and names repeat across lines
def name_key(text: str) -> str:
    """One name or text as the validator compares it: NFC, casefolded, whitespace-separated
    words joined by one space, and each word's tone mark set apart. So 'Nguyễn Thị Thúy' and
    'nguyễn  thị thuý' (old and new tone placement) are equal, while 'Hải' and 'Hài', or
    'Đức' and 'Duc', are not. Punctuation stays part of its word ("H'Hen" is one word)."""
    words = []
    for word in nfc(text).casefold().split():
        decomposed = unicodedata.normalize("NFD", word)
        tones = "".join(c for c in decomposed if c in _TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
        words.append(base + tones)
    return " ".join(words)


def name_words_at(text: str) -> list[tuple[int, str]]:
    """(offset, `name_key` of the word) for each run of letters and digits in `text`;
    punctuation separates words here ("H'Hen Niê" -> h, hen, niê)."""
    return [(m.start(), name_key(m.group(0))) for m in _WORD_RE.finditer(text)]


@lru_cache(maxsize=1 << 16)
def name_words(text: str) -> tuple[str, ...]:
    """The words of a name or unit as `name_words_at` keys them, without offsets: two texts
    with equal `name_words` differ only in case, Unicode form, tone placement, spacing and
    punctuation between words."""
    return tuple(key for _, key in name_words_at(text))


def folded_words(text: str) -> str:
    """The finder's form of a name: `fold`ed words of letters and digits joined by one space,
    "Nguyễn  Thị Thuý" -> "nguyen thi thuy" (the finder's script folds what is typed the same way)."""
    return " ".join("".join(c if c.isalnum() else " " for c in fold(text)).split())
