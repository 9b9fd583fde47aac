"""The Markdown of a story's body, read by one parser for its page (pages/stories.py) and for its
checks (checks/stories.py): what the check calls a link is exactly what the page links to. And
what makes an address one a page may link to, for stories and for records' links out
(checks/references.py).

Raw HTML is switched off: tags typed in the text come out as text.
"""
from __future__ import annotations

import html
import re
from functools import cache

import markdown

# Python-Markdown writes attributes in double quotes, their values escaped; raw HTML being off,
# every tag in its output is its own
_TARGET_RE = re.compile(r'<(a|img)\b[^>]*?\s(?:href|src)="([^"]*)"')


@cache  # building a Markdown parser costs more than converting a story: built once per process
def parser() -> markdown.Markdown:
    md = markdown.Markdown(output_format="html")
    md.preprocessors.deregister("html_block")  # raw HTML blocks become text
    md.inlinePatterns.deregister("html")  # and so do inline tags
    return md


# Python-Markdown reads some texts in time that grows with the square of their size: each "[" is
# matched against the rest of its paragraph, each "`" too, and each underline line ("===") against
# the text above it ("[x" on 20,000 lines: 141 s). A body with more of them than a story ever needs
# is refused by the checks (story-markup) before any page reads it: at these bounds, at most about
# a second.
BOUNDS = {"[": 2000, "`": 2000}
UNDERLINES = 500
_UNDERLINE_RE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$", re.MULTILINE)


def too_heavy(text: str) -> str | None:
    """Why the parser may not be given `text` (too many of what it reads in quadratic time), or
    None. Counted in linear time."""
    for char, bound in BOUNDS.items():
        if (count := text.count(char)) > bound:
            return f'{count:,} "{char}" (at most {bound:,})'
    if (count := len(_UNDERLINE_RE.findall(text))) > UNDERLINES:
        return f"{count:,} lines of only = or - (at most {UNDERLINES:,})"
    return None


SCHEMES = frozenset({"http", "https", "mailto"})  # what a page links to; the page's sanitiser keeps no other
WEB_ADDRESS_RE = re.compile(r"https?://[^/?#\s]", re.IGNORECASE)  # "https:x" is relative to the page
# an address typed without its scheme: a link to "www.example.org" is a file of that name beside the page
_BARE_HOST_RE = re.compile(r"(?:www\.[^/?#\s]+|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:vn|com|org|net|gov|edu|info))"
                           r"(?:[/?#:]|$)", re.IGNORECASE)


def meant(address: str) -> str | None:
    """The web address `address` most likely meant ("www.x.vn/a" -> "https://www.x.vn/a"), or None."""
    host = address.lstrip("/")  # "//example.org" has no scheme of its own: a saved page looks in file://
    return f"https://{host[:60]}" if _BARE_HOST_RE.match(host) else None


# Each body converted once per process: the checks read it (story-markup), then its page; and
# `mkdocs serve` plans every story's page again after each edit (10,000 stories at national scale,
# about 0.4 ms each). The same text always gives the same HTML. A text that fails is not kept.
# A preview server lives long and each edit adds a text: past MEMO_CHARS characters kept (texts and
# their HTML; a text may be long, so counted in characters, not texts) it starts afresh.
MEMO_CHARS = 200_000_000
_converted: dict[str, str] = {}
_kept = [0]  # characters in _converted


def to_html(text: str) -> str:
    """A body as HTML, before the page's allow-list cleans it."""
    found = _converted.get(text)
    if found is None:
        found = convert(text)
        size = len(text) + len(found)
        if _kept[0] + size > MEMO_CHARS:
            _converted.clear()
            _kept[0] = 0
        if size <= MEMO_CHARS:  # one text past the bound is not kept at all
            _converted[text] = found
            _kept[0] += size
    return found


def convert(text: str) -> str:
    """`to_html`'s conversion, done each time."""
    try:
        return parser().reset().convert(text)
    except RecursionError:  # nested too deep (checks/stories.py): a parser that failed half-way
        parser.cache_clear()  # keeps state that breaks the next text, so the next one is new
        raise


def targets(text: str) -> list[tuple[str, str]]:
    """(tag, address) of each link ("a") and image ("img") of a body, in the order written."""
    return [(m.group(1), html.unescape(m.group(2))) for m in _TARGET_RE.finditer(to_html(text))]
