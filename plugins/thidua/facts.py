"""What a document's body sets out: targets, awards, deadlines, milestones, responsibilities
and the dossier, gathered in document order, each with the anchor of the part that states it.

Gathered once per document and build (`Renderer.facts`), however many pages show it: the
plan page's summary tables, the timeline of period, year and home pages, and later exports
and calendars all read the same facts.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from . import model
from .text import slugify


@dataclass
class Fact:
    part: model.Part  # the part whose text states it
    value: Any  # the Target, Award, Deadline, Milestone or Responsibility (or the dossier text)
    anchor: str  # HTML id of that part on the document page
    where: str  # its numbering in the document, e.g. "III.2.b)"


@dataclass
class Facts:
    targets: list[Fact] = field(default_factory=list)
    awards: list[Fact] = field(default_factory=list)
    deadlines: list[Fact] = field(default_factory=list)
    milestones: list[Fact] = field(default_factory=list)
    responsibilities: list[Fact] = field(default_factory=list)
    dossier: list[Fact] = field(default_factory=list)
    anchors: dict[int, str] = field(default_factory=dict)  # id(part) -> HTML id

    def deadlines_by_day(self) -> list[Fact]:
        """The deadlines as a timeline shows them: one-off dates in order, by their last day ("in 2024"
        after 15/06/2024, as `timeline.upcoming` counts it), then the yearly ones by month and day
        ("before 31/10 every year" before "before 01/11"), in the text's order otherwise."""
        def key(fact: Fact):
            dl = fact.value
            return (0, dl.date.last) if dl.date else (1, (dl.yearly.month, dl.yearly.day)) if dl.yearly else (2,)
        return sorted(self.deadlines, key=key)


KINDS_OF_FACT = ("target", "award", "deadline", "milestone", "responsibility")


def anchor_of(label: str | None, title: str | None, fallback: str) -> str:
    """A stable HTML id for a section from its printed numbering."""
    return slugify(f"{label or ''} {title or ''}".strip()) or fallback


MAX_ANCHOR = 100  # characters; deep untitled parts would otherwise grow their ids with each level


def _bounded(anchor: str) -> str:
    """`anchor` cut to MAX_ANCHOR characters, kept unique by a short hash of the whole."""
    if len(anchor) <= MAX_ANCHOR:
        return anchor
    return anchor[:MAX_ANCHOR - 9].rstrip("-") + "-" + hashlib.sha1(anchor.encode()).hexdigest()[:8]


def gather(body: list[model.Part]) -> Facts:
    facts = Facts()
    used: set[str] = set()

    def visit(parts, prefix: str, where: str, in_dossier: bool, context: Fact | None):
        for i, part in enumerate(parts):
            numbered = part.label not in (None, "-", "+")
            nested_untitled = bool(prefix) and part.title is None
            # the prefix is put before an untitled part's anchor once: not in its fallback too,
            # which doubled the anchor at each level (a 268 MB page at depth 26)
            base = anchor_of(part.label if numbered else None, part.title, f"{i + 1}" if nested_untitled else f"{prefix}{i + 1}")
            anchor = _bounded(f"{prefix}{base}" if nested_untitled else base)
            if anchor in used:
                anchor = _bounded(f"{prefix}{i + 1}-{base}")
            used.add(anchor)
            facts.anchors[id(part)] = anchor
            here = where + (part.label.rstrip(".") + "." if numbered and part.label.endswith(".") else
                            part.label if numbered else "")
            # a bare child that only carries a fact (no text) belongs to the part that states it
            fact_at = Fact(part, None, anchor, here) if (part.text or part.title) or context is None else context
            for kind in KINDS_OF_FACT:
                plural = "responsibilities" if kind == "responsibility" else kind + "s"
                # a part may set one fact (`deadline:`) and, for some kinds, several (`deadlines:`)
                values = [getattr(part, kind)] + list(getattr(part, plural, None) or ())
                for value in values:
                    if value is not None:
                        getattr(facts, plural).append(Fact(fact_at.part, value, fact_at.anchor, fact_at.where.rstrip(".")))
            if in_dossier and part.text:
                facts.dossier.append(Fact(part, part.text, anchor, here.rstrip(".")))
            visit(part.items, f"{anchor}-", here, in_dossier or part.role == model.Role.DOSSIER, fact_at)

    visit(body, "", "", False, None)
    return facts
