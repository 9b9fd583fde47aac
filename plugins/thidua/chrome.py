"""The page chrome rendered once and reused: every record page of a folder shares it.

A theme renders header, navigation, footer and scripts identically for every page at the
same depth; only the title, description, head tags, table of contents and body differ.
So the theme renders one placeholder page per folder, marked where those parts go, and
each record page is that text with its own parts put in: string joins instead of a full
template render per page. Knows nothing of MkDocs; the plugin makes the placeholder page.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

# ASCII markers survive any escaping the theme applies.
TITLE = "TDMARKTITLE7f3a"
DESCRIPTION = "TDMARKDESC7f3a"
HEAD = "TDMARKHEAD7f3a"
BODY = "TDMARKBODY7f3a"
TOC = "TDMARKTOC7f3a"
SKIP = "TDMARKSKIP7f3a"  # the "skip to content" link, to the page's first TOC entry (none without a TOC)
SLUG = "__shell__"  # the placeholder page's own folder name, wherever its URL appears


@dataclass
class Chrome:
    """The placeholder page cut at its markers; `fill` puts a page's parts back in order."""

    pieces: list[str]  # literal text between markers
    slots: list[str]  # marker at each cut, in order: len(pieces) == len(slots) + 1

    @classmethod
    def cut(cls, html: str) -> "Chrome":
        """Split the rendered placeholder at its markers."""
        markers = (TITLE, DESCRIPTION, HEAD, BODY, TOC, SKIP, SLUG)
        pieces, slots = [], []
        rest = html
        while True:
            found = [(rest.find(m), m) for m in markers if m in rest]
            if not found:
                pieces.append(rest)
                break
            at, marker = min(found)
            pieces.append(rest[:at])
            slots.append(marker)
            rest = rest[at + len(marker):]
        if BODY not in slots:
            raise ValueError("the placeholder page lost its body marker: the theme did not render page.content")
        return cls(pieces, slots)

    def fill(self, *, title: str, description: str, head: str, body: str, toc: str, slug: str, skip: str) -> str:
        values = {
            TITLE: str(escape(title)),
            DESCRIPTION: str(escape(description)),
            HEAD: head,
            BODY: body,
            TOC: toc,
            SKIP: skip,
            SLUG: slug,
        }
        out = [self.pieces[0]]
        for slot, piece in zip(self.slots, self.pieces[1:]):
            out.append(values[slot])
            out.append(piece)
        return "".join(out)
