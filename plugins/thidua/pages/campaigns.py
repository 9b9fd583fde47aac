"""Campaign pages: what it is, the tree of implementing documents by authority hierarchy, counts."""
from __future__ import annotations

from collections import Counter

from .. import model
from .site import Site, TocEntry
from .render import Renderer
from .urls import honor_url, record_url, story_list_url


def build(renderer: Renderer, site: Site) -> None:
    g = renderer.graph
    for campaign in renderer.repo.campaigns.values():
        url = record_url("campaigns", campaign.id)
        members = g.documents_of_campaign.get(campaign.id, [])
        levels = Counter(renderer.repo.authorities[d.authority].level for d in members)
        authorities = {d.authority for d in members}
        decisions = g.decisions_of_campaign.get(campaign.id, [])
        stories = g.stories_of_campaign.get(campaign.id, [])
        toc = [TocEntry(2, "so-lieu", "Số liệu")]
        if decisions or stories:
            toc.append(TocEntry(2, "khen-thuong", "Khen thưởng và điển hình"))
        toc.append(TocEntry(2, "cay-ke-hoach", "Cây kế hoạch thực hiện"))
        if decisions:
            toc.append(TocEntry(2, "quyet-dinh", "Quyết định khen thưởng"))
        toc.append(TocEntry(2, "tat-ca", "Tất cả văn bản của phong trào"))
        description = campaign.description or f"Phong trào thi đua “{campaign.name}” {campaign.period.vi()}."
        site.pages.append(renderer.page(
            "campaign.html", url, f"Phong trào “{campaign.name}”", description=description, kind="campaign", record=campaign,
            jsonld={"@type": "Event", "name": campaign.name, "description": description,
                    "startDate": str(campaign.period.start), "endDate": str(campaign.period.end)},
            crumbs=[("", "Trang chủ"), ("phong-trao/", "Phong trào"), (None, campaign.name)],
            campaign=campaign, members=members, roots=g.campaign_roots(campaign.id),
            levels=sorted(levels.items()), authority_count=len(authorities),
            decisions=decisions, stories=stories, line_count=sum(len(g.lines_of_decision.get(d.id, [])) for d in decisions),
            honor_url=honor_url, story_list_url=story_list_url, toc=toc,
        ))


def keywords(renderer: Renderer, campaign: model.Campaign, description: str) -> list[str | None]:
    return [campaign.name, campaign.period.vi(), description]
