"""The Markdown of a story's body, read by one parser for its page (pages/stories.py) and for its
checks (checks/stories.py): what the check calls a link is exactly what the page links to.

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


def to_html(text: str) -> str:
    """A body as HTML, before the page's allow-list cleans it."""
    return parser().reset().convert(text)


def targets(text: str) -> list[tuple[str, str]]:
    """(tag, address) of each link ("a") and image ("img") of a body, in the order written."""
    return [(m.group(1), html.unescape(m.group(2))) for m in _TARGET_RE.finditer(to_html(text))]
