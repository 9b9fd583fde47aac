"""Lines of a Word file, in document order: paragraphs as lines, and each table row as one
line whose cells are separated by a wide gap, as the two-column header and signer blocks are
laid out in the text exports the other readers see."""
from __future__ import annotations

from pathlib import Path

GAP = "        "  # wider than any gap inside a sentence: `text.split_columns` splits on it


def read_lines(path: Path) -> list[str]:
    import docx  # python-docx; imported here so the rest of the package works without it
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.extend(_paragraph_lines(Paragraph(block, document)))
        elif tag == "tbl":
            lines.extend(_table_lines(Table(block, document)))
    return lines


def _paragraph_lines(paragraph) -> list[str]:
    # soft line breaks inside a paragraph are lines of their own; tabs separate columns
    return [part.replace("\t", GAP) for part in paragraph.text.split("\n")] or [""]


def _table_lines(table) -> list[str]:
    out: list[str] = []
    for row in table.rows:
        columns: list[list[str]] = []
        seen = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats itself across the columns it spans
                continue
            seen.add(id(cell._tc))
            columns.append([line for p in cell.paragraphs for line in _paragraph_lines(p)])
        depth = max((len(c) for c in columns), default=0)
        for i in range(depth):
            cells = [c[i].strip() if i < len(c) else "" for c in columns]
            if any(cells):
                out.append(GAP.join(c if c else "" for c in cells).rstrip() if cells[0] else GAP + GAP.join(cells[1:]).strip())
    return out
