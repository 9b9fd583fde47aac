"""The home page: campaign cards, latest plans, upcoming deadlines relative to the build date."""
from __future__ import annotations

import datetime as _dt

from .. import model
from . import Site
from .render import Renderer

LATEST = 8
UPCOMING = 8
STORIES = 4  # latest exemplary-model stories


def upcoming(renderer: Renderer, today: _dt.date):
    """The next deadlines and milestones after `today`, from documents whose period includes today's year."""
    events = []
    for d in renderer.graph.documents_of_year.get(today.year, []) + renderer.graph.documents_of_year.get(today.year + 1, []):
        facts = renderer.facts(d)
        for fact in facts.deadlines:
            dl, anchor = fact.value, fact.anchor
            when = dl.yearly.next_after(today) if dl.yearly else (dl.date.last if dl.date else None)
            if when and when >= today and (not d.period or when.year <= d.period.end):
                events.append((when, d, model.label(dl.kind), dl.what, anchor))
        for fact in facts.milestones:
            ms = fact.value
            if ms.start and not ms.yearly and ms.start.last >= today:
                events.append((ms.start.last, d, model.label(ms.kind), fact.part.title or fact.part.text or "",
                               fact.anchor))
    unique = {}
    for e in sorted(events, key=lambda e: (e[0], e[1].id, e[4])):
        unique.setdefault((e[1].id, e[4]), e)
    return sorted(unique.values(), key=lambda e: (e[0], e[1].id, e[4]))[:UPCOMING]


def build(renderer: Renderer, site: Site) -> None:
    repo = renderer.repo
    today = renderer.settings.build_date
    dated = [d for d in repo.documents.values() if d.transcribed]
    latest = sorted(dated, key=lambda d: (d.date.sort_key() if d.date else (0, 0, 0), d.id), reverse=True)[:LATEST]
    campaigns = sorted(repo.campaigns.values(), key=lambda c: (-c.period.end, c.name))
    site.pages.append(renderer.page(
        "home.html", "", renderer.settings.site_name, kind="home",
        description="Tra cứu kế hoạch thi đua, danh sách khen thưởng và gương điển hình tiên tiến.",
        campaigns=[(c, len(renderer.graph.documents_of_campaign.get(c.id, []))) for c in campaigns],
        latest=latest, upcoming=upcoming(renderer, today), today=today,
        stories=renderer.graph.stories[:STORIES],  # newest first, published ones only
    ))
