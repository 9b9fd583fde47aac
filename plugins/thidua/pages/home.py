"""The home page: campaign cards, latest plans, upcoming deadlines relative to the build date.
Every list on it is bounded, whatever the size of the data."""
from __future__ import annotations

from .. import timeline
from ..text import sort_key
from .site import Site
from .render import Renderer

LATEST = 8
UPCOMING = 8
STORIES = 4  # latest exemplary-model stories
CAMPAIGNS = 12  # campaign cards, newest first: provinces' own campaigns add up; the campaigns index has them all


def build(renderer: Renderer, site: Site) -> None:
    repo = renderer.repo
    today = renderer.settings.build_date
    dated = [d for d in repo.documents.values() if d.transcribed]
    latest = sorted(dated, key=lambda d: (d.date.sort_key() if d.date else (0, 0, 0), d.id), reverse=True)[:LATEST]
    campaigns = sorted(repo.campaigns.values(), key=lambda c: (-c.period.end, sort_key(c.name)))
    site.pages.append(renderer.page(
        "home.html", "", renderer.settings.site_name, kind="home",
        description="Tra cứu kế hoạch thi đua, danh sách khen thưởng và gương điển hình tiên tiến.",
        campaigns=[(c, len(renderer.graph.documents_of_campaign.get(c.id, []))) for c in campaigns[:CAMPAIGNS]],
        campaign_total=len(campaigns),
        latest=latest, today=today,
        upcoming=timeline.upcoming(renderer.graph.documents_of_year.get(today.year, [])
                                   + renderer.graph.documents_of_year.get(today.year + 1, []),
                                   renderer.facts, today, UPCOMING),
        stories=renderer.graph.stories[:STORIES],  # newest first, published ones only
    ))
