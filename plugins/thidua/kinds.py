"""The kinds of record: one declaration per kind, read by everything that handles records.

The loader finds a kind's files by its folder and reads them into its model class; the checks
name it in messages by its noun; the URL scheme puts its pages under its section; the site
builds its pages with its builder module, which also says what search should find of a record.
Adding a kind is its model class (`model.py`), a
declaration here, its builder module (`pages/`) and its template: nothing else changes.

A builder module provides `build(renderer, site)` (the kind's pages) and may provide
`keywords(renderer, record)` (the words, beyond title and description, a reader types to find
it). It is named by dotted path and imported when pages are built, so this module imports
nothing but the model and the core stays free of import cycles.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from . import model


@dataclass(frozen=True)
class Kind:
    name: str  # its folder under data/, and its key everywhere: "award-forms"
    record: type  # the model class of its records
    noun: str  # what a message calls one record: "an award form"
    section: str  # the URL section of its pages: "hinh-thuc" -> /hinh-thuc/<id>/
    label: str  # what the site calls them: "Hình thức khen thưởng"
    title: Callable[[Any], str]  # a record's name in links and search results
    builder: str | ModuleType  # the module that builds its pages (see above)
    search_boost: float | None = None  # weight of its pages in search, relative to 1.0
    templates: str | None = None  # a folder of its own templates, for a kind declared outside this package

    @property
    def attr(self) -> str:
        """The Repository attribute that holds its records: 'award_forms'."""
        return self.name.replace("-", "_")

    def module(self) -> ModuleType:
        return self.builder if isinstance(self.builder, ModuleType) else importlib.import_module(self.builder)


class Registry:
    """The declared kinds, in declaration order (which is also load and check order)."""

    def __init__(self) -> None:
        self._kinds: dict[str, Kind] = {}

    def add(self, kind: Kind) -> Kind:
        if kind.name in self._kinds:
            raise ValueError(f"kind {kind.name!r} is declared twice")
        if any(k.section == kind.section for k in self._kinds.values()):
            raise ValueError(f"URL section {kind.section!r} is taken")
        self._kinds[kind.name] = kind
        return kind

    def remove(self, name: str) -> None:
        del self._kinds[name]

    @contextmanager
    def added(self, kind: Kind) -> Iterator[Kind]:
        """Declare a kind for the duration of a `with` block (tests, plugins of plugins)."""
        self.add(kind)
        try:
            yield kind
        finally:
            self.remove(kind.name)

    def __getitem__(self, name: str) -> Kind:
        return self._kinds[name]

    def __contains__(self, name: object) -> bool:
        return name in self._kinds

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._kinds))

    def __len__(self) -> int:
        return len(self._kinds)

    def get(self, name: str) -> Kind | None:
        return self._kinds.get(name)

    def values(self) -> list[Kind]:
        return list(self._kinds.values())

    def of_record(self, record: object) -> Kind:
        for kind in self._kinds.values():
            if type(record) is kind.record:
                return kind
        raise KeyError(type(record).__name__)


def document_heading(document: model.Document) -> str:
    """'Kế hoạch số 263/KH-UBND' or just 'Kế hoạch' when the number is unknown."""
    kind = model.label(document.type)
    return f"{kind} số {document.number}" if document.number else kind


def _document_title(document: model.Document) -> str:
    return f"{document_heading(document)}: {document.title}" if document.number else document.title


def _decision_title(decision: model.AwardDecision) -> str:
    return decision.title or f"Quyết định {decision.number or ''}".strip()


KINDS = Registry()
KINDS.add(Kind("authorities", model.Authority, "an authority", "co-quan", "Cơ quan, đơn vị",
               title=lambda r: r.name, builder="thidua.pages.authorities", search_boost=1.5))
KINDS.add(Kind("campaigns", model.Campaign, "a campaign", "phong-trao", "Phong trào thi đua",
               title=lambda r: r.name, builder="thidua.pages.campaigns", search_boost=1.5))
KINDS.add(Kind("documents", model.Document, "a document", "van-ban", "Kế hoạch và văn bản",
               title=_document_title, builder="thidua.pages.documents", search_boost=1.2))
KINDS.add(Kind("award-forms", model.AwardForm, "an award form", "hinh-thuc", "Hình thức khen thưởng",
               title=lambda r: r.name, builder="thidua.pages.award_forms"))
KINDS.add(Kind("decisions", model.AwardDecision, "an award decision", "khen-thuong", "Quyết định khen thưởng",
               title=_decision_title, builder="thidua.pages.decisions", search_boost=1.0))
KINDS.add(Kind("stories", model.Story, "a story", "dien-hinh", "Điển hình tiên tiến",
               title=lambda r: r.title, builder="thidua.pages.stories", search_boost=1.0))
