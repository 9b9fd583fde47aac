"""The Jinja environment page bodies are rendered with, and the helpers templates call.

Autoescaping is on: every data string is escaped unless a helper returns Markup it
built from escaped parts. Templates live in `thidua/templates/`.
"""
from __future__ import annotations

import gc
import json
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from jinja2 import BytecodeCache, ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .. import model, timeline
from ..facts import Facts, gather
from ..graph import LinkGraph
from ..kinds import KINDS, document_heading
from ..repository import Repository
from ..relations import office_of
from ..text import place_name, vi_number
from .. import sample_marks
from . import inputs
from ..exports import paths as export_paths
from .site import ATOM, ICS, JSON, Alternate, Page, Settings, TocEntry
from .limits import FIRST_ROWS, FOLD_AFTER
from .urls import index_url, record_url, relative

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def authority_label(authority: model.Authority) -> str:
    return authority.short_name or authority.name


def json_ld(data: dict) -> Markup:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # No "<" may reach a script element's text: "</script" would end it, "<!--" confuse it.
    text = text.replace("<", "\\u003c")
    return Markup(f'<script type="application/ld+json">{text}</script>')


class Renderer:
    def __init__(self, repo: Repository, graph: LinkGraph, settings: Settings,
                 templates: BytecodeCache | None = None):
        """`templates`: where compiled templates are kept between builds (compiling them all
        took a quarter of a second of every build)."""
        self.repo = repo
        self.graph = graph
        self.settings = settings
        self._facts: dict[str, Facts] = {}
        self._calendars: dict[str, list] = {}
        self.listings: object = None  # what this build's long listings share (split.py's `_Build`)
        # id of a value worked out from one record alone -> that record: a page fingerprint
        # (inputs.py) takes the record's digest for it
        self.derived: dict[int, object] = {}
        self.env = Environment(
            loader=ChoiceLoader([FileSystemLoader(str(TEMPLATES))] +
                                [FileSystemLoader(k.templates) for k in KINDS.values() if k.templates]),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # templates do not change during a build: skip a stat per render
            bytecode_cache=templates,
        )
        self.env.globals.update(
            label=model.label,
            group_label=model.group_label,
            M=model,
            repo=repo,
            graph=graph,
            settings=settings,
            heading=document_heading,
            authority_label=authority_label,
            stated=timeline.stated,
            office_of=office_of,
            # how much of a long list a page shows before it folds or pages it (limits.py)
            fold_after=FOLD_AFTER,
            first_rows=FIRST_ROWS,
        )
        self.env.filters["label"] = model.label
        self.env.filters["vi"] = lambda d: d.vi() if d is not None else ""
        self.env.filters["pid"] = id  # parts are keyed by identity: two may hold equal text
        self.env.filters["number"] = vi_number  # 16.826, as Vietnamese writes a count
        self.env.filters["place"] = place_name  # 'tỉnh Bình Thuận', of its People's Committee
        self.env.filters["by_level"] = by_level

    def compile_all(self) -> None:
        """Compile every template now: pages render lazily in forked workers, and a template first
        used there would be compiled again in each of them."""
        for name in self.env.list_templates(filter_func=lambda n: n.endswith(".html")):
            self.env.get_template(name)

    def facts(self, document: model.Document) -> Facts:
        """What a document's body sets out; gathered once per build, however many pages show it."""
        found = self._facts.get(document.id)
        if found is None:
            found = self._facts[document.id] = gather(document.body)
            self.derived[id(found)] = document
        return found

    # --- Links, relative to the page being rendered

    def render(self, template: str, here: str, **context) -> str:
        def href(target: str) -> str:
            return relative(target, here)

        def link(kind: str, ident, text=None) -> Markup:
            """An <a> to a record, or its id in plain text if it does not exist."""
            record = self.repo.of_kind(kind).get(ident) if kind in KINDS else None
            if text is None:
                text = self.title_of(kind, ident, record)
            return Markup('<a href="{}">{}</a>').format(href(record_url(kind, ident)), text)

        tracker = inputs.active()
        if tracker is None:
            return self.env.get_template(template).render(
                here=here, href=href, link=link, index_url=index_url, record_url=record_url, **context)
        # A page whose inputs are tracked: templates and helpers (this renderer's, the globals')
        # see the repository and the graph through views that note every lookup.
        repo, graph = self.repo, self.graph
        self.repo, self.graph = views = tracker.views()  # type: ignore[assignment]  # they stand in for them
        saved = self.env.globals["repo"], self.env.globals["graph"]
        self.env.globals["repo"], self.env.globals["graph"] = views
        try:
            return self.env.get_template(template).render(
                here=here, href=href, link=link, index_url=index_url, record_url=record_url, **context)
        finally:
            self.repo, self.graph = repo, graph
            self.env.globals["repo"], self.env.globals["graph"] = saved

    def authority_crumbs(self, authority: model.Authority, last_is_link: bool = True) -> list[tuple[str | None, str]]:
        """Trang chủ > Cơ quan > province > ... > authority: the authority hierarchy as a trail."""
        crumbs: list[tuple[str | None, str]] = [("", "Trang chủ"), (index_url("authorities"), "Cơ quan")]
        for up in self.graph.ancestors(authority.id):
            crumbs.append((record_url("authorities", up.id), authority_label(up)))
        crumbs.append((record_url("authorities", authority.id) if last_is_link else None, authority_label(authority)))
        return crumbs

    def authority_words(self, authority_id: str | None) -> list[str | None]:
        """An authority as a reader may type it: full and short name, province, and its name today."""
        authority = self.repo.authorities.get(authority_id) if authority_id else None
        if authority is None:
            return []
        g = self.graph
        words = [authority.name, authority.short_name]
        province = g.province_of(authority.id)
        if province is not None and province.id != authority.id:
            words.append(province.name)
        now = g.current_successor(authority.id)
        if now is not None:
            words.append("nay là " + now.name)
            now_province = g.province_of(now.id)
            if now_province is not None and now_province.id != now.id:
                words.append(now_province.name)
        return words

    def title_of(self, kind: str, ident, record=None) -> str:
        """A record's name in links (its kind's `title`), or its id when it does not exist."""
        return str(ident) if record is None else KINDS[kind].title(record)

    def page(self, template: str, url: str, title: str, *, description: str = "", jsonld: dict | None = None,
             toc: list[TocEntry] | None = None, kind: str = "", record=None, **context) -> Page:
        """A page whose body renders `template` when written; `record` is the record it shows, if any.

        Its feeds, calendars and JSON (`alternates`) are linked from its head, and its template
        gets them as `alternates` to show; a sample record's page asks search engines to leave it out."""
        if getattr(record, "sample", False):  # sample data is marked wherever its title and description go
            title, description = sample_marks.title(title), sample_marks.description(description)
            jsonld = sample_marks.jsonld(jsonld or {}, title, description)
        alternates = self.alternates(url, record)
        index = not getattr(record, "sample", False)
        head = partial(self.head, url, title, description, jsonld, alternates, index)
        return Page(url=url, title=title, description=description, make_head=head, toc=toc or [], kind=kind,
                    record=record, index=index, alternates=alternates,
                    render=partial(self.render, template, url, title=title, alternates=alternates, **context))

    def alternates(self, url: str, record) -> list[Alternate]:
        """The other forms of a page (`exports/paths.py` names them): the record as JSON; the Atom
        feeds of an authority, its province, a campaign, a kind's listing and the site; the
        calendars of a plan, an authority and the site."""
        out = []
        kind = KINDS.of_record(record).name if record is not None else None
        if kind is not None:
            out.append(Alternate(JSON, f"Dữ liệu JSON: {self.title_of(kind, record.id, record)}",
                                 export_paths.record_json(kind, record.id), visible=False))
        if kind == "authorities":
            out.append(Alternate(ATOM, f"Tin mới của {authority_label(record)}", export_paths.feed("authority", record.id)))
            if record.level == model.Level.PROVINCE:  # the province's own bodies, departments and communes
                out.append(Alternate(ATOM, f"Tin mới toàn {place_name(record.name)}",
                                     export_paths.feed("province", record.id)))
            if any(self.calendar(d) for d in self.graph.documents_of_authority.get(record.id, [])):
                out.append(Alternate(ICS, f"Lịch thời hạn của {authority_label(record)}",
                                     export_paths.calendar("authority", record.id)))
        elif kind == "campaigns":
            out.append(Alternate(ATOM, f"Tin mới của phong trào “{record.name}”", export_paths.feed("campaign", record.id)))
        elif kind == "documents" and self.calendar(record):
            out.append(Alternate(ICS, f"Lịch thời hạn của {self.title_of(kind, record.id, record)}",
                                 export_paths.calendar("document", record.id)))
        elif record is None and url == "":
            out += [Alternate(ATOM, "Tin mới: kế hoạch, quyết định khen thưởng, điển hình tiên tiến", export_paths.feed()),
                    Alternate(ICS, "Lịch thời hạn của mọi kế hoạch", export_paths.calendar())]
        elif record is None:
            for listed in export_paths.FEED_KINDS:
                if url == index_url(listed):
                    out.append(Alternate(ATOM, f"Tin mới: {KINDS[listed].label.lower()}", export_paths.feed("kind", listed)))
        return out

    def calendar(self, document: model.Document) -> list:
        """The days a plan's calendar holds (none: it has no calendar); worked out once per build."""
        found = self._calendars.get(document.id)
        if found is None:
            found = self._calendars[document.id] = (
                timeline.occurrences(document, self.facts(document), self.repo) if document.body else [])
        return found

    def head(self, url: str, title: str, description: str, jsonld: dict | None,
             alternates: Sequence[Alternate] = (), index: bool = True) -> str:
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
        for alt in alternates:
            parts.append(Markup('<link rel="alternate" type="{}" title="{}" href="{}">').format(
                alt.type, alt.title, site_url + alt.path if site_url else relative(alt.path, url)))
        if not index:
            parts.append(Markup('<meta name="robots" content="noindex">'))
        return "\n".join(parts)


def freeze_for_fork() -> None:
    """Before forking workers: move every object built so far out of the garbage collector's
    reach. The workers then neither rescan them nor, by touching their headers, copy the pages
    of memory they share with the parent."""
    gc.freeze()


def by_level(authorities: list[model.Authority]) -> list[tuple[model.Level, list[model.Authority]]]:
    """[(level, its authorities)]: levels top down (model.LEVEL_ORDER), each in the order given."""
    groups: dict[model.Level, list[model.Authority]] = {}
    for authority in authorities:
        groups.setdefault(authority.level, []).append(authority)
    return sorted(groups.items(), key=lambda item: model.LEVEL_ORDER[item[0]])


__all__ = ["Renderer", "Markup", "escape", "authority_label", "document_heading", "json_ld"]
