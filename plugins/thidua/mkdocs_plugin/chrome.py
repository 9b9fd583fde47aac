"""Material's page chrome rendered once per folder and reused: every record page of a folder shares it.

A theme renders header, navigation, footer and scripts identically for every page at the
same depth; only the title, description, head tags, table of contents and body differ.
So Material renders one placeholder page per folder (plugin.py), marked where those parts go,
and each record page is that text with its own parts put in: string joins instead of a full
template render per page.

This reads Material's rendered markup, so `Chrome.cut` checks every marker is where Material
9.8 puts it and stops the build with a PluginError naming the installed Material version when
one is missing or elsewhere: a page silently missing its title or body is worse than no build.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata

from markupsafe import escape
from mkdocs.exceptions import PluginError

# ASCII markers survive any escaping the theme applies.
TITLE = "TDMARKTITLE7f3a"
DESCRIPTION = "TDMARKDESC7f3a"
HEAD = "TDMARKHEAD7f3a"
# The head marker as a tag: bare text in <head> would move into <body> when a plugin re-parses the page.
HEAD_TAG = f'<meta name="thidua-head" content="{HEAD}">'
BODY = "TDMARKBODY7f3a"
TOC = "TDMARKTOC7f3a"  # the placeholder's one TOC entry's id; in the cut chrome, the TOC's list
SKIP = "TDMARKSKIP7f3a"  # the "skip to content" link, to the page's first TOC entry (none without a TOC)
SLUG = "__shell__"  # the placeholder page's own folder name, wherever its URL appears
# Material adds an <h1> with the page title when the content has none; ours bring their own.
NO_H1 = "<!--<h1>-->"

TESTED = "~=9.8.0"  # the Material versions this markup is checked against (pyproject.toml pins the same)

# Quotes optional where a value is one word: a minifier (mkdocs-minify-plugin) drops them.
_HEAD_TAG = re.compile(rf'<meta name="?thidua-head"? content="?{HEAD}"?\s*/?>')
_SKIP_LINK = re.compile(rf'<a href="?#{TOC}"? class="?md-skip"?>.*?</a>', re.S)
_SKIP_DIV = re.compile(r'<div data-md-component="?skip"?>(.*?)</div>', re.S)
_SECONDARY = re.compile(r'<nav class="md-nav md-nav--secondary"[^>]*>(.*?)</nav>', re.S)
_TOC_ITEM = re.compile(rf'<li class="?md-nav__item"?>\s*<a href="?#{TOC}"? class="?md-nav__link"?>.*?</li>', re.S)


def material_version() -> str:
    try:
        return metadata.version("mkdocs-material")
    except metadata.PackageNotFoundError:
        return "(not installed)"


def _fail(where: str, what: str) -> PluginError:
    return PluginError(
        f"thidua: the page chrome cannot be cut from {where}: {what}. thidua reads Material's rendered "
        f"markup and is tested with mkdocs-material {TESTED}; installed: {material_version()}. "
        "Install a tested version, or remove the theme override that moved it.")


@dataclass
class Chrome:
    """The placeholder page cut at its markers; `fill` puts a page's parts back in order."""

    pieces: list[str]  # literal text between markers
    slots: list[str]  # marker at each cut, in order: len(pieces) == len(slots) + 1
    quoted: list[bool]  # the slot is an unquoted attribute value (minified): fill it quoted
    toc_open: str  # Material's TOC heading and list opening, printed only when a page has a TOC
    toc_close: str
    skip: str  # Material's skip link, to "#" + TOC

    @classmethod
    def cut(cls, html: str, *, where: str = "the placeholder page", integrated_toc: bool = False) -> Chrome:
        """Check the rendered placeholder and split it at its markers.

        `integrated_toc` (Material's `toc.integrate`): the TOC goes into the primary navigation,
        under the page's own entry; generated pages have none (they are not in the nav), so
        Material prints no TOC for them, and neither do we."""
        html = _HEAD_TAG.sub(HEAD, squeeze(html.replace(NO_H1, "", 1)))
        _expect_in(html, TITLE, r"<title>[^<]*", r"[^<]*</title>", where, "the title", "<title>")
        _expect_in(html, DESCRIPTION, r'<meta name="?description"? content="?', r'"?\s*/?>', where,
                   "the description", '<meta name="description">')
        head_end = html.find("</head>")
        _expect_once(html, HEAD, where, "the head tags")
        if head_end < 0 or html.find(HEAD) > head_end:
            raise _fail(where, "the head tags are not inside <head> (theme/main.html's `extrahead` block prints them)")
        _expect_once(html, BODY, where, "the page body")
        article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
        if article is None or BODY not in article.group(1):
            raise _fail(where, 'the page body is not inside <article class="md-content__inner md-typeset">')

        # Skip link: in Material's <div data-md-component="skip">, pointing at the first TOC entry.
        skips = _SKIP_LINK.findall(html)
        if len(skips) != 1:
            raise _fail(where, f"expected one skip link to the first TOC entry, found {len(skips)}")
        skip_div = _SKIP_DIV.search(html)
        if skip_div is None or skips[0] not in skip_div.group(1):
            raise _fail(where, 'the skip link is not inside <div data-md-component="skip">')
        html = html.replace(skips[0], SKIP, 1)

        # Table of contents: the list inside the secondary navigation, heading included, becomes
        # one slot, so a page without a TOC gets an empty <nav> as Material prints it (no "Mục lục").
        toc_open = toc_close = ""
        secondary = _SECONDARY.search(html)
        if integrated_toc:
            if secondary is not None or TOC in html:
                raise _fail(where, "with toc.integrate, a table of contents was printed for a page outside the nav")
        else:
            if secondary is None:
                raise _fail(where, 'no secondary navigation (<nav class="md-nav md-nav--secondary">) holds the TOC')
            inner = secondary.group(1)
            item = _TOC_ITEM.search(inner)
            if item is None or html.count(TOC) != 2:  # the item's href and its entry's title
                raise _fail(where, "the TOC entry is missing from the secondary navigation, or printed elsewhere too")
            toc_open, toc_close = inner[:item.start()], inner[item.end():]
            start = secondary.start(1)
            html = html[:start] + TOC + html[secondary.end(1):]
        return cls(*_split(html), toc_open=toc_open, toc_close=toc_close, skip=skips[0])

    def fill(self, *, title: str, description: str, head: str, body: str, toc: str, first: str | None,
             slug: str) -> str:
        """The page with its parts; `toc` is its TOC items as Material prints them, `first` the
        id of its first TOC entry (None and "" for a page without a TOC)."""
        values = {
            TITLE: str(escape(title)),
            DESCRIPTION: str(escape(description)),
            HEAD: head,
            BODY: body,
            TOC: f"{self.toc_open}{toc}{self.toc_close}" if toc else "",
            SKIP: self.skip.replace(f"#{TOC}", f"#{escape(first)}") if first else "",
            SLUG: slug,
        }
        out = [self.pieces[0]]
        for slot, quoted, piece in zip(self.slots, self.quoted, self.pieces[1:]):
            out.append(f'"{values[slot]}"' if quoted else values[slot])
            out.append(piece)
        return "".join(out)


# Whitespace a browser shows as one space wherever it stands between tags or words; kept as is in
# what may hold significant whitespace (preformatted text, form fields, scripts, styles).
_VERBATIM = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_INDENT = re.compile(r"[ \t\r\f]*\n[ \t\n\r\f]*")  # HTML's whitespace only: a no-break space is text


def squeeze(html: str) -> str:
    """Material's indentation and blank lines dropped: a fifth of the chrome, written once per page.
    Every run of whitespace with a line break in it becomes one line break, which renders the same.
    (A script whose text holds "<!--<script" would be cut short by the pattern; Material's hold none.)"""
    out, at = [], 0
    for match in _VERBATIM.finditer(html):
        out.append(_INDENT.sub("\n", html[at:match.start()]))
        out.append(match.group(0))
        at = match.end()
    out.append(_INDENT.sub("\n", html[at:]))
    return "".join(out)


def _expect_once(html: str, marker: str, where: str, what: str) -> None:
    count = html.count(marker)
    if count != 1:
        raise _fail(where, f"{what} were expected once, found {count} times" if count else f"{what} are missing")


def _expect_in(html: str, marker: str, before: str, after: str, where: str, what: str, place: str) -> None:
    """`marker` is at least once where Material puts it (it may be elsewhere too: Open Graph tags)."""
    if marker not in html:
        raise _fail(where, f"{what} is missing")
    if not re.search(before + re.escape(marker) + after, html):
        raise _fail(where, f"{what} is not in {place}")


def _split(html: str) -> tuple[list[str], list[str], list[bool]]:
    pieces, slots, quoted = [], [], []
    marker = re.compile("|".join(re.escape(m) for m in (TITLE, DESCRIPTION, HEAD, BODY, TOC, SKIP, SLUG)))
    at = 0
    for match in marker.finditer(html):
        pieces.append(html[at:match.start()])
        slots.append(match.group(0))
        # a whole attribute value after "=" with no quote: minified; ours may hold spaces
        quoted.append(html[match.start() - 1] == "=" and match.group(0) in (TITLE, DESCRIPTION)
                      and html[match.end()] in " >/")
        at = match.end()
    pieces.append(html[at:])
    return pieces, slots, quoted
