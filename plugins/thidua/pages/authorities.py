"""Authority pages: level, hierarchy, predecessors and successor, and documents by campaign and period."""
from __future__ import annotations

from itertools import groupby

from .. import model
from .site import Site
from .render import Renderer
from .urls import honor_url, record_url

DECISIONS_SHOWN = 50  # the latest award decisions on an authority page; its honor roll has them all


def grouped_documents(renderer: Renderer, authority_id: str):
    """[(campaign or None, [(period id, [documents])])], campaigns by name, periods newest first."""
    documents = renderer.graph.documents_of_authority.get(authority_id, [])
    campaigns = renderer.repo.campaigns

    def campaign_key(d):
        c = campaigns.get(d.campaign) if d.campaign else None
        return (c is None, c.name if c else "", d.campaign or "")

    out = []
    for (_, _, cid), docs in groupby(sorted(documents, key=campaign_key), key=campaign_key):
        docs = list(docs)
        by_period = {}
        for d in docs:
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
        if authority.parent and authority.parent in renderer.repo.authorities:
            jsonld["parentOrganization"] = {"@type": "GovernmentOrganization",
                                            "name": renderer.repo.authorities[authority.parent].name}
        if authority.until:
            jsonld["dissolutionDate"] = authority.until.iso()
        site.pages.append(renderer.page(
            "authority.html", url, authority.name, description=description, jsonld=jsonld, kind="authority", record=authority,
            crumbs=renderer.authority_crumbs(authority, last_is_link=False),
            authority=authority, parent=renderer.repo.authorities.get(authority.parent) if authority.parent else None,
            subordinates=g.subordinates.get(authority.id, []), predecessors=g.predecessors.get(authority.id, []),
            successor=renderer.repo.authorities.get(authority.successor) if authority.successor else None,
            now=g.current_successor(authority.id), groups=grouped_documents(renderer, authority.id),
            province=g.province_of(authority.id),
            # honor rolls and stories (pages/honor.py, pages/stories.py)
            decisions=g.decisions_of_authority.get(authority.id, [])[:DECISIONS_SHOWN],
            decision_count=len(g.decisions_of_authority.get(authority.id, [])),
            stories=g.stories_of_authority.get(authority.id, []),
            honor_url=honor_url("authorities", authority.id),
        ))


def keywords(renderer: Renderer, authority: model.Authority, description: str) -> list[str | None]:
    """Search: short name, level, parent, province, its name today, and what it was before."""
    parts = [authority.short_name, model.label(authority.level)]
    parent = renderer.repo.authorities.get(authority.parent) if authority.parent else None
    if parent is not None:
        parts.append(parent.name)
    parts += renderer.authority_words(authority.id)[2:]
    for before in renderer.graph.predecessors.get(authority.id, []):
        parts.append("trước là " + before.name)
    parts.append(description)
    return parts
