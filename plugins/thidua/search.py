"""Site search: Material's search (lunr), made to work for Vietnamese readers. See docs/SEARCH.md.

Three parts, of which this module is the build-time one (it knows nothing of MkDocs):

1. The index (`search/search_index.json`). Material writes it from every page's full HTML,
   split at each heading; for a province that is megabytes every visitor downloads. After
   Material has written it, `rewrite_index` replaces the entry of each generated page by one
   compact entry built here from the record itself: title, summary and the key fields a
   reader types (number, authority, its name today, campaign, period, signer, place, award
   form...). Hand-written pages (content/) keep Material's entries. It also adds what the
   browser needs under `config.thidua`: where the honor-roll finder's shards are.

2. The browser worker (`theme/assets/javascripts/search-worker.js`) wraps Material's own
   search worker, so the search box, result list, keyboard handling and highlighting stay
   Material's. It folds: every word is indexed with its tone mark in one canonical place
   (hoà/hòa, thuý/thúy) and fully folded (đ -> d, no marks), and a query word typed with
   diacritics asks for its canonical form with a higher boost than its folded form, so exact
   matches rank first. Queries are NFC-normalised first.

3. Recipients. 20,000 honor-roll lines would swamp the index, so they are not in it: the
   worker looks a name up in the finder's shards (vinh-danh/du-lieu/, built by pages/honor.py),
   fetching only the few shards whose given-name range the query can match, and shows each
   matching line under its decision, linked to the line's anchor.

The partial `theme/partials/search.html` points Material at the wrapper worker.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from html import escape
from pathlib import Path

from . import model
from .pages.urls import FINDER_DATA, SECTIONS

INDEX = "search/search_index.json"
# Entries longer than this are cut: a summary is what a result shows, and the index must stay small.
TEXT_MAX = 600
LEDE_MAX = 200  # characters of a story's first paragraph


@dataclass
class _View:
    """What the part builders read of a page."""

    url: str
    description: str


@dataclass
class Entry:
    location: str  # site-root-relative URL, as Material writes it
    title: str  # plain text
    text: str  # plain text
    boost: float | None = None

    def as_doc(self) -> dict:
        # Material's result list inserts title and text as HTML: escape them (as its own parser does).
        doc = {"location": self.location, "title": escape(self.title, quote=False), "text": escape(self.text, quote=False)}
        if self.boost is not None:
            doc["boost"] = self.boost
        return doc


def _nfc(text: str | None) -> str:
    return unicodedata.normalize("NFC", " ".join((text or "").split()))


def _join(parts: list[str | None], limit: int = TEXT_MAX, seen: str = "") -> str:
    """Distinct non-empty parts, each once, joined; a part the title or the text so far contains is skipped."""
    out: list[str] = []
    seen = seen.casefold()
    for part in parts:
        part = _nfc(part)
        if not part or part.casefold() in seen:
            continue
        out.append(part)
        seen += " " + part.casefold()
    text = " · ".join(out)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _record_id(url: str, kind: str) -> str | None:
    """'van-ban/<id>/' -> '<id>' for a record page of `kind` (a key of SECTIONS)."""
    prefix = SECTIONS[kind] + "/"
    if not url.startswith(prefix):
        return None
    rest = url[len(prefix):].strip("/")
    return rest if rest and "/" not in rest else None


def _authority_words(repo, graph, authority_id: str | None) -> list[str]:
    """An authority as a reader may type it: full and short name, province, and its name today."""
    authority = repo.authorities.get(authority_id) if authority_id else None
    if authority is None:
        return []
    words = [authority.name, authority.short_name]
    province = graph.province_of(authority.id) if graph is not None else None
    if province is not None and province.id != authority.id:
        words.append(province.name)
    now = graph.current_successor(authority.id) if graph is not None else None
    if now is not None:
        words += ["nay là " + now.name]
        now_province = graph.province_of(now.id)
        if now_province is not None and now_province.id != now.id:
            words.append(now_province.name)
    return words


def _signer(signer) -> str | None:
    return signer.name if signer is not None else None


def _document_parts(repo, graph, page, ident: str) -> list[str | None]:
    document = repo.documents.get(ident)
    if document is None:
        return [page.description]
    campaign = repo.campaigns.get(document.campaign) if document.campaign else None
    parts = [page.description, document.summary, model.label(document.type), document.number]
    parts += _authority_words(repo, graph, document.authority)
    if campaign is not None:
        parts.append(campaign.name)
    if document.period is not None:
        parts.append(document.period.vi())
    if document.date is not None:
        parts.append(document.date.vi())
    parts.append(_signer(document.signer))
    return parts


def _authority_parts(repo, graph, page, ident: str) -> list[str | None]:
    authority = repo.authorities.get(ident)
    if authority is None:
        return [page.description]
    parts = [authority.short_name, model.label(authority.level)]
    parent = repo.authorities.get(authority.parent) if authority.parent else None
    if parent is not None:
        parts.append(parent.name)
    parts += _authority_words(repo, graph, authority.id)[2:]
    for before in (graph.predecessors.get(authority.id, []) if graph is not None else []):
        parts.append("trước là " + before.name)
    parts.append(page.description)
    return parts


def _campaign_parts(repo, graph, page, ident: str) -> list[str | None]:
    campaign = repo.campaigns.get(ident)
    if campaign is None:
        return [page.description]
    return [campaign.name, campaign.period.vi(), page.description]


def _decision_parts(repo, graph, page, ident: str) -> list[str | None]:
    decision = repo.decisions.get(ident)
    if decision is None:
        return [page.description]
    form = repo.award_forms.get(decision.form)
    campaign_id = decision.campaign or (repo.documents[decision.plan].campaign
                                        if decision.plan in repo.documents else None)
    campaign = repo.campaigns.get(campaign_id) if campaign_id else None
    parts = [page.description, decision.number, form.name if form else None]
    parts += _authority_words(repo, graph, decision.authority)
    parts += [campaign.name if campaign else None, decision.date.vi(), _signer(decision.signer)]
    return parts


def _story_parts(repo, graph, page, ident: str) -> list[str | None]:
    story = repo.stories.get(ident)
    if story is None:
        return [page.description]
    subject = story.subject
    parts = [page.description, subject.name if subject else None, story.unit]
    parts += _authority_words(repo, graph, story.locality)[:3]
    if subject is not None and subject.authority:
        parts += _authority_words(repo, graph, subject.authority)[:2]
    parts += list(story.tags)
    parts.append(_lede(story.body))
    return parts


_MARKUP = re.compile(r"[*_`#>\[\]]|\]\([^)]*\)|!\[|^\s*[-+]\s+", re.MULTILINE)


def _lede(markdown: str | None, limit: int = LEDE_MAX) -> str:
    """The story's first paragraph as plain text, cut at a word: what a reader remembers of it."""
    paragraph = next((p for p in (markdown or "").split("\n\n") if p.strip() and not p.lstrip().startswith("#")), "")
    text = " ".join(_MARKUP.sub(" ", re.sub(r"\]\([^)]*\)", " ", paragraph)).split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _award_form_parts(repo, graph, page, ident: str) -> list[str | None]:
    form = repo.award_forms.get(ident)
    if form is None:
        return [page.description]
    return [page.description, form.legal_basis]


_PARTS = {
    "documents": _document_parts,
    "authorities": _authority_parts,
    "campaigns": _campaign_parts,
    "decisions": _decision_parts,
    "stories": _story_parts,
    "award-forms": _award_form_parts,
}

# Record pages first; listings (years, periods, indexes) are found by their titles, below the records.
_BOOST = {"authority": 1.5, "document": 1.2, "campaign": 1.5, "decision": 1.0, "story": 1.0}


def entries(repo, graph, pages) -> list[Entry]:
    """One compact entry per searchable generated page."""
    out = []
    for page in pages:
        if not page.search:
            continue
        title = _nfc(page.title)
        description = _nfc(page.description)
        if description.startswith(title):  # "<title> — <authority>, <date>": keep what the title does not say
            description = description[len(title):].lstrip(" —:-,.")
        view = _View(page.url, description)
        parts: list[str | None] = [description]
        for kind, build in _PARTS.items():
            ident = _record_id(page.url, kind)
            if ident is not None:
                parts = build(repo, graph, view, ident)
                break
        out.append(Entry(page.url, title, _join(parts, seen=title), _BOOST.get(page.kind)))
    return out


def finder_config(files: dict) -> dict:
    """What the worker needs to look recipients up; no finder data (no decisions) -> no lookup."""
    return {"finder": FINDER_DATA if FINDER_DATA + "index.json" in files else None,
            "decisions": SECTIONS["decisions"] + "/"}


def rewrite_index(site_dir: Path, generated: set[str], ours: list[Entry], extra_config: dict) -> dict | None:
    """Replace Material's entries for generated pages by ours; return sizes, or None without Material's index."""
    path = Path(site_dir) / INDEX
    if not path.is_file():
        return None
    before = path.stat().st_size
    data = json.loads(path.read_text(encoding="utf-8"))
    kept = [doc for doc in data.get("docs", []) if doc["location"].split("#", 1)[0] not in generated]
    docs = kept + [entry.as_doc() for entry in ours]
    config = dict(data.get("config", {}))
    config["thidua"] = extra_config
    text = json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return {"docs": len(docs), "bytes_before": before, "bytes": path.stat().st_size}
