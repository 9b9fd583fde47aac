"""Text helpers shared by ids, anchors, names and search: NFC, folding, the two ways names are compared,
and Vietnamese alphabetical order (`sort_key`).

Names are compared two ways, on purpose:

- `name_key` / `name_words`: the validator's. Diacritics count ('Hải' is not 'Hài', 'Đức' is
  not 'Duc'); only case, Unicode form and where the tone mark sits are set aside. A check that
  wrongly matched two people would report a wrong problem or hide a right one.
- `folded_words`: the finder's. Diacritics are dropped, so a name typed on a keyboard without
  Vietnamese input still finds the line, and an apostrophe between two letters joins a word whose
  parts count too (`joined`: "H'Luih" is "hluih", "h" and "luih"); an apostrophe at a word's edge
  or beside a digit separates words. The site search reads apostrophes the same way
  (`search.index_tokens`).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_WORD_RE = re.compile(r"\w+")
# combining grave, acute, tilde, hook above, dot below: the five Vietnamese tone marks
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_TONE_RE = re.compile("[\u0300\u0301\u0303\u0309\u0323]")
_NO_TONES = str.maketrans(dict.fromkeys(_TONE_MARKS))


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


def vi_number(value) -> str:
    """A count as Vietnamese writes it, thousands set apart by dots: 16.826. Anything but a number
    (a size not known yet, "—") as it is."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return f"{round(value):,}".replace(",", ".")


_DIGIT_RUNS = re.compile(r"([0-9]+)")


def natural_key(text: str) -> tuple:
    """`text` ordered as a reader orders numbers in it: 'kh-2-...' before 'kh-10-...'. Text and
    numbers alternate in the tuple, so any two compare part by part of the same kind. A number is
    compared by its digits (fewer first, then as text), never converted: a run of any length works."""
    return tuple((len(part.lstrip("0")), part.lstrip("0")) if i % 2 else part
                 for i, part in enumerate(_DIGIT_RUNS.split(text)))


# --- Vietnamese alphabetical order (lists of names: authorities, campaigns, stories' issuers)
#
# Code-point order put "Bắc" after "Bình" and every "Đ" last. The Vietnamese alphabet orders ă, â,
# đ, ê, ô, ơ, ư as letters of their own (a < ă < â < b ... d < đ < e < ê ...), and a tone only when
# the letters are equal, in the dictionary's order: none, huyền, hỏi, ngã, sắc, nặng (CLDR's "vi"
# tailoring). PyICU would do it too, but builds against the system's ICU on every machine that
# runs `make serve`; the whole of the rule is these two tables.
_ALPHABET = {letter: i for i, letter in enumerate("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")}
_TONE_RANK = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SORT_RUNS = re.compile(r"[0-9]+|.", re.S)


@lru_cache(maxsize=1 << 14)
def sort_key(text: str) -> tuple:
    """`text` in Vietnamese alphabetical order: compare letters (ă, â, đ, ê, ô, ơ, ư as letters of
    their own), then tones, then the text itself. Numbers compare as numbers ("Thôn 2" before
    "Thôn 10"), and spaces and punctuation before any letter ("An Phú" before "Anh")."""
    letters: list[tuple[int, int]] = []
    tones: list[int] = []
    for run in _SORT_RUNS.findall(nfc(text)):
        if "0" <= run[0] <= "9":  # an ASCII run ("²" and "①" are digits to isdigit(), not to int())
            letters.append((1, int(run)))
            tones.append(0)
            continue
        decomposed = unicodedata.normalize("NFD", run.lower())
        tone = next((m for m in decomposed[1:] if m in _TONE_MARKS), "")
        letter = unicodedata.normalize("NFC", decomposed.replace(tone, "") if tone else decomposed)
        rank = _ALPHABET.get(letter)
        letters.append((2, rank) if rank is not None else (2, 100 + ord(letter[0])) if run.isalpha() else (0, 0))
        tones.append(_TONE_RANK[tone])
    return tuple(letters), tuple(tones), text


def place_name(name: str, leading: bool = False) -> str:
    """The place a People's Committee governs, as a page names it: 'tỉnh Bình Thuận' from 'Ủy ban nhân
    dân tỉnh Bình Thuận' (either tone placement); any other name as it is. `leading`: as it starts a
    label, 'Tỉnh Bình Thuận'."""
    place = name.removeprefix("Ủy ban nhân dân ").removeprefix("Uỷ ban nhân dân ")
    return place[:1].upper() + place[1:] if leading else place


def slugify(text: str, limit: int = 60) -> str:
    return _NON_ALNUM.sub("-", fold(text)).strip("-")[:limit].strip("-")


@lru_cache(maxsize=1 << 16)  # units and names repeat across lines
def name_key(text: str) -> str:
    """One name or text as the validator compares it: NFC, casefolded, whitespace-separated
    words joined by one space, and each word's tone mark set apart. So 'Nguyễn Thị Thúy' and
    'nguyễn  thị thuý' (old and new tone placement) are equal, while 'Hải' and 'Hài', or
    'Đức' and 'Duc', are not. Punctuation stays part of its word ("H'Hen" is one word)."""
    folded = nfc(text).casefold()
    if folded.isascii():
        return " ".join(folded.split())
    # decomposed, split, toneless, composed: each a pass in C over the whole text, not per
    # word (no normalization crosses a space, so this is the same as word by word)
    words = unicodedata.normalize("NFD", folded).split()
    bases = unicodedata.normalize("NFC", " ".join(word.translate(_NO_TONES) for word in words)).split(" ")
    return " ".join(base + "".join(_TONE_RE.findall(word)) if _TONE_RE.search(word) else base
                    for base, word in zip(bases, words))


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


# An apostrophe inside an Ê Đê or Jrai name ("H'Luih", "Y'Blông") is typed, left out or typed as a
# space: a word with one counts whole ("hluih") and as its parts ("h", "luih"), so each way finds it
APOSTROPHES = "'\u2019\u02bc\u2018`\u00b4"  # the site search's too (search.index_tokens)
# every apostrophe as "'" ("ʼ", U+02BC, is a letter to isalnum() and \p{L})
_ONE_APOSTROPHE = str.maketrans(dict.fromkeys(APOSTROPHES, "'"))
# words of letters and digits, joined at an apostrophe between two of what is not a decimal digit
# (letters, and numbers as "²": finder.js's JOINED says \p{L}\p{Nl}\p{No}, as this does)
_JOINED_WORD = re.compile(r"[^\W_]+(?:(?<=[^\W\d_])'(?=[^\W\d_])[^\W_]+)*")


RUNS_UP_TO = 4  # parts of a word whose runs count: a name has two or three; a longer word, its parts alone


def joined(parts: list[str]) -> list[str]:
    """The words a word joined at apostrophes counts as, in both searches: whole, its parts, then
    each run of two or more parts short of the whole, ["y", "bo", "nga"] -> ybonga, y, bo, nga,
    ybo, bonga (a reader types the name whole, in parts, or from a later part on: "bonga"). Runs
    only up to `RUNS_UP_TO` parts: their number grows with the square of the parts. A word without
    an apostrophe ([word]) is itself."""
    n = len(parts)
    if n < 2:
        return parts
    runs = ("".join(parts[i:j]) for i in range(n) for j in range(i + 2, n + 1) if j - i < n) if n <= RUNS_UP_TO else ()
    return ["".join(parts), *parts, *runs]


def folded_words(text: str) -> str:
    """The finder's form of a name: `fold`ed words of letters and digits joined by one space,
    "Nguyễn  Thị Thuý" -> "nguyen thi thuy"; a word joined at an apostrophe as `joined` counts it,
    "Đinh H'Luih" -> "dinh hluih h luih" (the finder's script, `words`, folds what is typed the
    same way)."""
    return finder_words(text)[0]


def finder_words(text: str) -> tuple[str, str]:
    """(`folded_words`, the given name) of a name, in one pass: the given name is its last folded
    word, the last part of one joined at an apostrophe, "Ksor Y’Bơ'Nga" -> "nga" (the words of
    `folded_words` end with runs of parts, "bonga")."""
    words = _JOINED_WORD.findall(fold(text).translate(_ONE_APOSTROPHE))
    out: list[str] = []
    for word in words:
        out += joined(word.split("'"))
    return " ".join(out), words[-1].rpartition("'")[2] if words else ""


# --- One canonical form for checks that must not be fooled (privacy, look-alike names)
#
# A hidden name must be found however it is written: without diacritics, with a zero-width space
# or soft hyphen inside, with a Cyrillic "а" for the Latin "a", in full-width letters. `canonical`
# is that form; it is deliberately looser than `name_key` (a privacy check may over-report,
# never under-report).

# Format characters (Unicode category Cf) are invisible: zero-width space/joiners, soft hyphen,
# bidi embeddings, overrides and isolates, the BOM, word joiner... Vietnamese text needs none.
INVISIBLE = ("\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
             "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
             "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f")
INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_COMBINING_RE = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# what a canonical form must look at character by character: invisibles, full-width forms, Cyrillic, Greek
_UNUSUAL_RE = re.compile(f"[{INVISIBLE}\uff01-\uff5e\u0370-\u03ff\u0400-\u052f\u1f00-\u1fff]")

# Cyrillic and Greek letters drawn like Latin ones (lowercase: text is casefolded first).
_CONFUSABLE = {
    "а": "a", "в": "b", "с": "c", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i", "ј": "j", "к": "k",
    "м": "m", "н": "h", "о": "o", "р": "p", "ѕ": "s", "т": "t", "у": "y", "х": "x", "ԁ": "d", "ԛ": "q",
    "ԝ": "w", "ɡ": "g", "ı": "i",
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j",
}
CONFUSABLES = str.maketrans(_CONFUSABLE)
_CANON_TABLE = str.maketrans({**_CONFUSABLE, "đ": "d", "ð": "d"})


def is_invisible(char: str) -> bool:
    return INVISIBLE_RE.match(char) is not None


def visible(text: str) -> str:
    """`text` with every invisible or control character written as <U+200B>, so a message shows it."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(f"<U+{ord(c):04X}>" if (unicodedata.category(c) in ("Cf", "Cc", "Co", "Cs", "Zl", "Zp")
                                           and c not in "\n\t") else c for c in text)


def canonical(text: str) -> str:
    """The one form in which names and text are compared by checks that must not be fooled: NFC
    and NFKC (full-width letters and digits made plain), invisible characters removed, casefolded,
    diacritics folded (đ as d), look-alike Cyrillic and Greek letters as Latin:
    'Nguy<U+200B>ễn Тhị' -> 'nguyen thi'. Built from C-level string operations: linear and fast."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", INVISIBLE_RE.sub("", text).casefold())
    return _COMBINING_RE.sub("", decomposed).translate(_CANON_TABLE)


_CANON_WORD = re.compile(r"[^\W_]+")


def canonical_words(text: str) -> tuple[str, ...]:
    """The words (runs of letters and digits) of `canonical(text)`; an invisible character inside a
    word does not split it."""
    if text.isascii():
        return tuple(_CANON_WORD.findall(text.lower()))
    # Piece by piece between spaces, each piece's words looked up: the privacy checks ask for the words
    # of every text of every record (480,000 distinct texts at national scale), made of a few thousand
    # distinct pieces. The same words: `canonical` works character by character, and maps no space to
    # a letter or to nothing (no invisible character is a space), so a space always ends a word.
    out: list[str] = []
    for piece in text.split():
        out += _piece_words(piece) if len(piece) <= PIECE_KEPT else _CANON_WORD.findall(canonical(piece))
    return tuple(out)


PIECE_KEPT = 40  # characters: longer pieces (a hostile run of 100,000 letters) are not kept


@lru_cache(maxsize=1 << 16)  # 65,536 pieces of at most PIECE_KEPT characters: a few MB at most
def _piece_words(piece: str) -> tuple[str, ...]:
    return tuple(_CANON_WORD.findall(canonical(piece)))


def canonical_words_at(text: str) -> list[tuple[int, str]]:
    """(offset in `text`, word) for each word of `canonical_words(text)`: slower (a pass per
    character), for placing a problem once a word is known to be there."""
    if not _UNUSUAL_RE.search(text) and text.isascii():
        return [(m.start(), m.group(0).lower()) for m in _CANON_WORD.finditer(text)]
    out: list[tuple[int, str]] = []
    start, word = -1, []
    for i, char in enumerate(text):
        mapped = canonical(char)
        if not mapped:  # invisible or a combining mark: neither part of a word nor a break in it
            continue
        if _CANON_WORD.fullmatch(mapped):
            if start < 0:
                start = i
            word.append(mapped)
        elif start >= 0:
            out.append((start, "".join(word)))
            start, word = -1, []
    if start >= 0:
        out.append((start, "".join(word)))
    return out


def plain_digits(text: str) -> tuple[str, list[int] | None]:
    """`text` with invisible characters removed and full-width forms made plain ('０９１２' ->
    '0912'), and for each character of the result its offset in `text` (None: the same offsets)."""
    if not _UNUSUAL_RE.search(text):
        return text, None
    chars, index = [], []
    for i, char in enumerate(text):
        if is_invisible(char):
            continue
        plain = unicodedata.normalize("NFKC", char) if "\uff01" <= char <= "\uff5e" else char
        chars.append(plain)
        index.append(i)
    return "".join(chars), index


_SCRIPTS = (("LATIN", "Latin"), ("CYRILLIC", "Cyrillic"), ("GREEK", "Greek"))


def _script(char: str) -> str | None:
    name = unicodedata.name(char, "")
    return next((label for key, label in _SCRIPTS if name.startswith(key)), None)


def disguises(text: str) -> list[tuple[int, str]]:
    """(offset, description) of what may disguise a name: invisible characters (zero-width, soft
    hyphen, bidi controls) and words mixing Latin with Cyrillic or Greek letters."""
    if text.isascii() or not _UNUSUAL_RE.search(text):
        return []
    out = [(i, f"the invisible character <U+{ord(c):04X}>" + (" (a bidi control)" if c in BIDI_CONTROLS else ""))
           for i, c in enumerate(text) if is_invisible(c)]
    for m in _WORD_RE.finditer(text):
        word = m.group(0)
        if word.isascii():
            continue
        scripts = {_script(c) for c in word if c.isalpha()} - {None}
        if "Latin" in scripts and len(scripts) > 1:
            odd = next(c for c in word if c.isalpha() and _script(c) not in ("Latin", None))
            out.append((m.start(), f'the word "{visible(word)}" mixes Latin with {_script(odd)} letters '
                                   f'("{odd}" U+{ord(odd):04X} looks like "{odd.lower().translate(CONFUSABLES)}")'))
    return sorted(out)
