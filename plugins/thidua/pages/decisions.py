"""Award decision pages (khen-thuong/<id>/): the decision's properties and its recipient lines,
each line with a permalink anchor; and the decisions index (khen-thuong/), bounded: years and the latest."""
from __future__ import annotations

from collections import Counter

from .. import model
from ..relations import office_of
from ..text import vi_number
from .site import Site, TocEntry
from . import lines as line_html
from .render import Renderer
from .urls import honor_url, index_url, record_url

LATEST = 20


def decision_heading(decision: model.AwardDecision) -> str:
    return f"Quyết định số {decision.number}" if decision.number else "Quyết định khen thưởng"


def decision_subtitle(renderer: Renderer, decision: model.AwardDecision) -> str:
    if decision.title:
        return decision.title
    form = renderer.repo.award_forms[decision.form]
    return f"Về việc tặng {form.name}"


def decision_title(renderer: Renderer, decision: model.AwardDecision) -> str:
    """'Quyết định số 12/QĐ-UBND: Về việc tặng Bằng khen ...' — the page title and link text."""
    return f"{decision_heading(decision)}: {decision_subtitle(renderer, decision)}"


def build_one(renderer: Renderer, decision: model.AwardDecision):
    repo, g = renderer.repo, renderer.graph
    url = record_url("decisions", decision.id)
    authority = repo.authorities[decision.authority]
    form = repo.award_forms[decision.form]
    campaign_id = g.campaign_of_decision(decision)
    campaign = repo.campaigns.get(campaign_id) if campaign_id else None
    plan = repo.documents.get(decision.plan) if decision.plan else None
    lines = g.lines_of_decision.get(decision.id, [])
    kinds = Counter(line.recipient.kind for line in lines)
    stories = list({s.id: s for line in lines for s in g.story_of_recipient.get((decision.id, line.anchor), [])}.values())
    title = decision_title(renderer, decision)
    toc = [TocEntry(2, "thong-tin", "Thông tin quyết định"), TocEntry(2, "danh-sach", "Danh sách được khen thưởng")]
    if stories:
        toc.append(TocEntry(2, "dien-hinh", "Gương điển hình"))
    description = (f"{title} — {authority.name}, {decision.date.vi()}: {vi_number(len(lines))} lượt khen thưởng.")
    jsonld = {
        "@type": "Legislation",
        "name": title,
        "legislationType": "Quyết định khen thưởng",
        "inLanguage": "vi",
        "legislationDate": decision.date.iso(),
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": authority.name},
    }
    if decision.number:
        jsonld["legislationIdentifier"] = decision.number
    # as the menu and the decisions index lead to it: Khen thưởng › Quyết định khen thưởng, then its
    # year's roll (where the index's years lead), named as that page names itself
    crumbs = [("", "Trang chủ"), (index_url("decisions"), "Quyết định khen thưởng"),
              (honor_url("years", decision.date.year), f"Vinh danh năm {decision.date.year}"),
              (None, decision_heading(decision))]
    return renderer.page(
        "decision.html", url, title, description=description, jsonld=jsonld, toc=toc, kind="decision", record=decision,
        crumbs=crumbs, decision=decision, authority=authority, form=form, campaign=campaign, plan=plan,
        lines=lines, kinds=[(k, kinds[k]) for k in model.SubjectKind if kinds[k]], stories=stories,
        subtitle=decision_subtitle(renderer, decision), honor_url=honor_url,
    )


def build(renderer: Renderer, site: Site) -> None:
    repo, g = renderer.repo, renderer.graph
    line_html.install(renderer)
    for decision in repo.decisions.values():
        site.pages.append(build_one(renderer, decision))
    # the list of decisions exists even before the first one: the "Khen thưởng" tab opens it
    years = [(year, len(g.decisions_of_year[year]),
              sum(len(g.lines_of_decision[d.id]) for d in g.decisions_of_year[year]))
             for year in sorted(g.decisions_of_year, reverse=True)]
    latest = sorted(repo.decisions.values(), key=lambda d: (d.date.sort_key(), d.id), reverse=True)[:LATEST]
    site.pages.append(renderer.page(
        "honor_decisions_index.html", index_url("decisions"), "Quyết định khen thưởng", kind="index",
        description="Các quyết định khen thưởng theo năm và các quyết định mới ban hành.",
        crumbs=[("", "Trang chủ"), (None, "Quyết định khen thưởng")],
        years=years, latest=latest, total=len(repo.decisions), honor_url=honor_url,
    ))


def keywords(renderer: Renderer, decision: model.AwardDecision, description: str) -> list[str | None]:
    """Search: number, award form, issuer (and its name today), campaign, date, signer."""
    repo = renderer.repo
    form = repo.award_forms.get(decision.form)
    campaign_id = renderer.graph.campaign_of_decision(decision)
    campaign = repo.campaigns.get(campaign_id) if campaign_id else None
    parts = [description, decision.number, form.name if form else None]
    parts += renderer.authority_words(decision.authority)
    authority = repo.authorities.get(decision.authority)
    parts.append(office_of(authority) if authority else None)  # who granted it: the office-holder
    parts += [campaign.name if campaign else None, decision.date.vi(), decision.signer.name if decision.signer else None]
    return parts


def search_sections(renderer: Renderer, decision: model.AwardDecision) -> list[tuple[str, str, str]]:
    """Search: each published line under its anchor: the name, then position, unit and achievement."""
    return [(line.anchor, line.recipient.name,
             " · ".join(x for x in (line.recipient.position, line.recipient.unit, line.recipient.achievement) if x))
            for line in renderer.graph.lines_of_decision.get(decision.id, [])]
