"""Recipient-line rows of honor-roll tables, rendered in Python.

A line appears on its decision page and on two honor rolls (its year's, its issuer's: the rolls
by award form and campaign list decisions, honor.LISTED); at province scale that is tens of
thousands of rows, so rows are built with plain string formatting instead of a Jinja macro call
per line (about twenty times faster). The achievement, most of a row's bytes, is printed on the
decision page only: a roll's row names the recipient and links to the line there, so the text is
not written three times over (at national scale, when lines were on four rolls, that was a
gigabyte of HTML). Nor do cells carry a class or `data-label`:
rows are written millions of times and those attributes were a third of a row's bytes; the columns
are fixed, so thidua.css places them by position in `table.td-lines` (widths, a phone's labels).
`honor_macros.html` wraps the rows in that table (`lines_table`), its headings set around it as
the phone's labels (`label_properties`); templates call `line_rows`.
"""
from __future__ import annotations

import re
from html import escape  # plain str in, plain str out: faster than markupsafe for many small strings

from markupsafe import Markup

from .. import model
from ..graph import Line
from .render import Renderer, authority_label
from .urls import record_url, relative


SAMPLE_TAG = ' <span class="td-tag td-tag--sample">Dữ liệu mẫu</span>'


def line_rows(renderer: Renderer, lines: list[Line], here: str, on_decision_page: bool = False) -> Markup:
    """<tr> rows for `lines` on page `here`. On the decision page each row has its permalink id
    and a '#' link to itself; elsewhere the name links to that row."""
    root = relative("", here)  # every link below is site-root relative: one prefix serves them all
    repo, stories_of = renderer.repo, renderer.graph.story_of_recipient
    out = []
    for line in lines:
        r = line.recipient
        name = escape(r.name)
        anchor = escape(line.anchor)
        if on_decision_page:
            head = (f'<tr id="{anchor}">', f'{name} <a class="td-permalink" href="#{anchor}" '
                    f'aria-label="Liên kết cố định tới dòng {name}" title="Liên kết cố định">#</a>')
        else:
            target = escape(f"{root}{record_url('decisions', line.decision.id)}#{line.anchor}")
            head = ("<tr>", f'<a href="{target}">{name}</a>')
        stories = "".join(
            f'<span class="td-line-story">Điển hình: <a href="{escape(root + record_url("stories", s.id))}">'
            f'{escape(s.title)}</a>{SAMPLE_TAG if s.sample else ""}</span>'
            for s in stories_of.get((line.decision.id, line.anchor), ()))
        if r.unit:
            unit = escape(r.unit)
        elif r.locality and r.locality in repo.authorities:
            unit = (f'<a href="{escape(root + record_url("authorities", r.locality))}">'
                    f'{escape(authority_label(repo.authorities[r.locality]))}</a>')
        else:
            unit = "—"
        achievement = f'<td>{escape(r.achievement or "")}</td>' if on_decision_page else ""
        # bare cells, in the column order thidua.css counts on (`table.td-lines td:nth-child(n)`)
        out.append(
            f'{head[0]}<td>{line.number}</td><th scope="row">{head[1]}{stories}</th>'
            f'<td>{escape(model.label(r.kind))}</td><td>{unit}</td>{achievement}</tr>\n')
    return Markup("".join(out))


# What may not stand as itself in a CSS string inside a double-quoted HTML attribute
_CSS_UNSAFE = re.compile(r"""[\\'"&<>\x00-\x1f\x7f]""")


def css_string(text: str) -> str:
    """`text` as a CSS string in single quotes, every quote, backslash, markup or control character
    in it written as a CSS escape: it cannot end the string, the declaration or the attribute."""
    return "'" + _CSS_UNSAFE.sub(lambda m: f"\\{ord(m.group()):x} ", text) + "'"


def label_properties(headings: list[str]) -> Markup:
    """The style around a table: heading N as `--td-lN`, which thidua.css shows before column N's
    cells on a phone (the cells carry no label: see above); from the third, as the number is
    hidden there and the name heads each card."""
    return Markup(";".join(f"--td-l{n}:{css_string(h)}" for n, h in enumerate(headings, 1) if n >= 3))


def install(renderer: Renderer) -> None:
    """Make `line_rows(lines, on_decision_page=False)` and `label_properties(headings)` callable from
    templates (idempotent)."""
    if "line_rows" not in renderer.env.globals:
        renderer.env.globals["line_rows"] = lambda lines, here, on_decision_page=False: line_rows(
            renderer, lines, here, on_decision_page)
        renderer.env.globals["label_properties"] = label_properties
