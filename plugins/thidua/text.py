"""Text helpers shared by ids, anchors and search: NFC, and folding for diacritic-blind matching."""
from __future__ import annotations

import re
from functools import lru_cache
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=1 << 16)  # names and places repeat across pages, rolls and shards
def fold(text: str) -> str:
    """Lowercase, without tone marks or other diacritics, đ as d: 'Nguyễn Thị Thuý' -> 'nguyen thi thuy'.

    Decomposing first makes the result independent of Unicode form and of where a tone
    mark sits ('hoà' and 'hòa' fold to the same 'hoa')."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slugify(text: str, limit: int = 60) -> str:
    return _NON_ALNUM.sub("-", fold(text)).strip("-")[:limit].strip("-")
