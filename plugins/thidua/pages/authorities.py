"""Authority pages: level, hierarchy, predecessors and successor, and documents by campaign and period."""
from __future__ import annotations

from itertools import groupby

from .. import model
from ..text import sort_key
from .limits import DECISIONS_SHOWN, STORIES_SHOWN
from .site import Site
from .render import Renderer
from .urls import honor_url, record_url, story_list_url


def grouped_documents(renderer: Renderer, authority_id: str):
    """[(campaign or None, [(period id, [documents])])], campaigns by name, periods newest first."""
    documents = renderer.graph.documents_of_authority.get(authority_id, [])
    campaigns = renderer.repo.campaigns

    def campaign_key(d):
        c = campaigns.get(d.campaign) if d.campaign else None
        return (c is None, sort_key(c.name) if c else (), d.campaign or "")

    out = []
    for (_, _, cid), run in groupby(sorted(documents, key=campaign_key), key=campaign_key):
        by_period: dict[str, list[model.Document]] = {}
        for d in run:
            by_period.setdefault(d.period.id if d.period else "", []).append(d)
        periods = sorted(by_period.items(), key=lambda kv: kv[0], reverse=True)
        out.append((campaigns.get(cid) if cid else None, periods))
    return out


def build(renderer: Renderer, site: Site) -> None:
    g = renderer.graph
    for authority in renderer.repo.authorities.values():
        url = record_url("authorities", authority.id)
        description = f"{authority.name}: cấp {model.label(authority.level).lower()}, các kế hoạch và văn bản thi đua, khen thưởng."
        jsonld = {"@type": "GovernmentOrganization", "name": authority.name, "inLanguage": "vi"}
        if authority.short_name:
            jsonld["alternateName"] = authority.short_name
        parent = renderer.repo.authorities.get(authority.parent) if authority.parent else None
        # a parent that has ceased is not presented as current, unless the body ceased with it
        if parent is not None and (parent.until is None or
                                   (authority.until is not None and authority.change != model.Change.REORGANISED)):
            jsonld["parentOrganization"] = {"@type": "GovernmentOrganization", "name": parent.name}
        if authority.until and authority.change != model.Change.REORGANISED:  # a reorganised body's end is not known
            jsonld["dissolutionDate"] = authority.until.iso()
        site.pages.append(renderer.page(
            "authority.html", url, authority.name, description=description, jsonld=jsonld, kind="authority", record=authority,
            crumbs=renderer.authority_crumbs(authority, last_is_link=False),
            authority=authority, parent=renderer.repo.authorities.get(authority.parent) if authority.parent else None,
            subordinates=g.subordinates.get(authority.id, []), predecessors=g.predecessors.get(authority.id, []),
            successor=renderer.repo.authorities.get(authority.successor) if authority.successor else None,
            now=g.current_successor(authority.id), heirs=g.heirs(authority.id),
            groups=grouped_documents(renderer, authority.id),
            province=g.province_of(authority.id),
            # honor rolls and stories (pages/honor.py, pages/stories.py)
            decisions=g.decisions_of_authority.get(authority.id, [])[:DECISIONS_SHOWN],
            decision_count=len(g.decisions_of_authority.get(authority.id, [])),
            stories=g.stories_of_authority.get(authority.id, [])[:STORIES_SHOWN],
            story_count=len(g.stories_of_authority.get(authority.id, [])),
            stories_url=story_list_url("authorities", authority.id),
            honor_url=honor_url("authorities", authority.id),
        ))


def keywords(renderer: Renderer, authority: model.Authority, description: str) -> list[str | None]:
    """Search: short name, level, parent, province, its name today, and what it was before: "trước là"
    only for a body renamed into this one; a body that merged into it, or a share of a split body's
    work, is what it took over ("tiếp nhận"), never its former name."""
    parts = [authority.short_name, model.label(authority.level)]
    parent = renderer.repo.authorities.get(authority.parent) if authority.parent else None
    if parent is not None:
        parts.append(parent.name)
    parts += renderer.authority_words(authority.id)[2:]
    for before in renderer.graph.predecessors.get(authority.id, []):
        if before.renamed:
            parts.append("trước là " + before.authority.name)
        elif before.functions:
            parts.append(f"tiếp nhận nhiệm vụ {before.functions} của {before.authority.name}")
        else:
            parts.append("tiếp nhận " + before.authority.name)
    for heir in renderer.graph.heirs(authority.id):
        parts.append(f"{heir.functions}: {heir.authority.name}")
    parts.append(description)
    return parts
