"""The Jinja environment page bodies are rendered with, and the helpers templates call.

Autoescaping is on: every data string is escaped unless a helper returns Markup it
built from escaped parts. Templates live in `thidua/templates/`.
"""
from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .. import model
from ..text import slugify
from ..dates import PartialDate
from ..graph import LinkGraph
from ..repository import Repository
from . import Page, Settings, TocEntry
from .urls import SECTIONS, index_url, record_url, relative

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def document_heading(document: model.Document) -> str:
    """'Kế hoạch số 263/KH-UBND' or just 'Kế hoạch' when the number is unknown."""
    kind = model.label(document.type)
    return f"{kind} số {document.number}" if document.number else kind


def authority_label(authority: model.Authority) -> str:
    return authority.short_name or authority.name


def json_ld(data: dict) -> Markup:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # No "<" may reach a script element's text: "</script" would end it, "<!--" confuse it.
    text = text.replace("<", "\\u003c")
    return Markup(f'<script type="application/ld+json">{text}</script>')


class Renderer:
    def __init__(self, repo: Repository, graph: LinkGraph, settings: Settings):
        self.repo = repo
        self.graph = graph
        self.settings = settings
        self._facts: dict[str, object] = {}
        self.env = Environment(
            loader=FileSystemLoader(str(TEMPLATES)),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # templates do not change during a build: skip a stat per render
        )
        self.env.globals.update(
            label=model.label,
            M=model,
            repo=repo,
            graph=graph,
            settings=settings,
            heading=document_heading,
            authority_label=authority_label,
        )
        self.env.filters["label"] = model.label
        self.env.filters["vi"] = lambda d: d.vi() if d is not None else ""
        self.env.filters["pid"] = id  # parts are keyed by identity: two may hold equal text

    def facts(self, document: model.Document):
        """What a document's body sets out; gathered once per build, however many pages show it."""
        from .documents import gather

        found = self._facts.get(document.id)
        if found is None:
            found = self._facts[document.id] = gather(document.body)
        return found

    # --- Links, relative to the page being rendered

    def url_for(self, kind: str, ident) -> str:
        return record_url(kind, ident)

    def render(self, template: str, here: str, **context) -> str:
        def href(target: str) -> str:
            return relative(target, here)

        def link(kind: str, ident, text=None) -> Markup:
            """An <a> to a record, or its id in plain text if it does not exist."""
            record = self.repo.of_kind(kind).get(ident) if kind in ("documents", "authorities", "campaigns",
                                                                   "decisions", "stories", "award-forms") else None
            if text is None:
                text = self.title_of(kind, ident, record)
            return Markup('<a href="{}">{}</a>').format(href(record_url(kind, ident)), text)

        return self.env.get_template(template).render(
            here=here, href=href, link=link, index_url=index_url, record_url=record_url, **context)

    def authority_crumbs(self, authority: model.Authority, last_is_link: bool = True) -> list[tuple[str | None, str]]:
        """Trang chủ > Cơ quan > province > ... > authority: the authority hierarchy as a trail."""
        crumbs: list[tuple[str | None, str]] = [("", "Trang chủ"), (index_url("authorities"), "Cơ quan")]
        for up in self.graph.ancestors(authority.id):
            crumbs.append((record_url("authorities", up.id), authority_label(up)))
        crumbs.append((record_url("authorities", authority.id) if last_is_link else None, authority_label(authority)))
        return crumbs

    def title_of(self, kind: str, ident, record=None) -> str:
        if record is None:
            return str(ident)
        if kind == "documents":
            return f"{document_heading(record)}: {record.title}" if record.number else record.title
        if kind == "authorities":
            return record.name
        if kind in ("decisions",):
            return record.title or f"Quyết định {record.number or ''}".strip()
        return getattr(record, "title", None) or getattr(record, "name", None) or str(ident)

    def page(self, template: str, url: str, title: str, *, description: str = "", jsonld: dict | None = None,
             toc: list[TocEntry] | None = None, kind: str = "", **context) -> Page:
        head = self.head(url, title, description, jsonld)
        return Page(url=url, title=title, description=description, head=head, toc=toc or [], kind=kind,
                    render=partial(self.render, template, url, title=title, **context))

    def head(self, url: str, title: str, description: str, jsonld: dict | None) -> str:
        site_url = self.settings.site_url.rstrip("/") + "/" if self.settings.site_url else ""
        parts = [
            Markup('<meta property="og:type" content="article">'),
            Markup('<meta property="og:title" content="{}">').format(title),
            Markup('<meta property="og:site_name" content="{}">').format(self.settings.site_name),
            Markup('<meta property="og:locale" content="vi_VN">'),
        ]
        if description:
            parts.append(Markup('<meta property="og:description" content="{}">').format(description))
        if site_url:
            parts.append(Markup('<meta property="og:url" content="{}">').format(site_url + url))
        if jsonld:
            if site_url:
                jsonld = {**jsonld, "url": site_url + url}
            parts.append(json_ld({"@context": "https://schema.org", **jsonld}))
        return "\n".join(parts)


def anchor_of(label: str | None, title: str | None, fallback: str) -> str:
    """A stable HTML id for a section from its printed numbering."""
    return slugify(f"{label or ''} {title or ''}".strip()) or fallback


__all__ = ["Renderer", "Markup", "escape", "PartialDate", "SECTIONS", "anchor_of", "json_ld"]
