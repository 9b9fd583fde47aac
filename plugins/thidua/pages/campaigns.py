"""Campaign pages: what it is, the tree of implementing documents by authority hierarchy, counts."""
from __future__ import annotations

from collections import Counter

from .. import model
from .site import Site
from .render import Renderer
from .urls import record_url


def build(renderer: Renderer, site: Site) -> None:
    g = renderer.graph
    for campaign in renderer.repo.campaigns.values():
        url = record_url("campaigns", campaign.id)
        members = g.documents_of_campaign.get(campaign.id, [])
        levels = Counter(renderer.repo.authorities[d.authority].level for d in members)
        authorities = {d.authority for d in members}
        description = campaign.description or f"Phong trào thi đua “{campaign.name}” {campaign.period.vi()}."
        site.pages.append(renderer.page(
            "campaign.html", url, f"Phong trào “{campaign.name}”", description=description, kind="campaign", record=campaign,
            jsonld={"@type": "Event", "name": campaign.name, "description": description,
                    "startDate": str(campaign.period.start), "endDate": str(campaign.period.end)},
            crumbs=[("", "Trang chủ"), ("phong-trao/", "Phong trào"), (None, campaign.name)],
            campaign=campaign, members=members, roots=g.campaign_roots(campaign.id),
            levels=sorted(levels.items()), authority_count=len(authorities),
        ))


def keywords(renderer: Renderer, campaign: model.Campaign, description: str) -> list[str | None]:
    return [campaign.name, campaign.period.vi(), description]
