"""Document pages: properties, relations, the full text in order, and what it sets out.

The body is rendered once, in order; targets, awards, deadlines and milestones found
on the way are also gathered into summary tables and a timeline, so a reader sees both
the document as issued and what it means.
"""
from __future__ import annotations

from .. import model
from ..text import vi_number
from . import split
from .limits import DECISIONS_SHOWN
from .site import Page, Site, TocEntry
from .render import Renderer, document_heading
from .urls import plan_decisions_url, record_url


def campaign_chain(renderer: Renderer, document: model.Document) -> list[model.Document]:
    """The line of documents above this one, up to the campaign's launching document."""
    chain: list[model.Document] = []
    seen = {document.id}
    current = document
    while True:
        up = next((renderer.repo.documents[l.document] for l in current.basis
                   if l.relation in (model.Relation.IMPLEMENTS, model.Relation.BASED_ON)
                   and l.document in renderer.repo.documents and l.document not in seen), None)
        if up is None:
            break
        chain.append(up)
        seen.add(up.id)
        current = up
    return list(reversed(chain))


def date_source_note(document: model.Document) -> str:
    """Where a date the text does not print comes from, as the page says it."""
    if document.date_source == model.Source.SIGNATURE:
        return "ngày theo chữ ký số, không in trong văn bản"
    if document.type == model.DocType.KE_HOACH:
        return "ngày suy ra từ tiến độ kế hoạch, không in trong văn bản"
    return "ngày suy ra, không in trong văn bản"


def signer_source_note(document: model.Document) -> str:
    if document.signer_source == model.Source.SIGNATURE:
        return "theo chữ ký số, không in trong văn bản"
    return "suy ra, không in trong văn bản"


def sic_pieces(part: model.Part) -> list[tuple[str, bool]]:
    """The part's text cut after the words each `sic` note quotes (first occurrence, in text
    order): (piece, "[sic]" follows). Notes whose words are not in the text are shown apart."""
    text = part.text or ""
    cuts = sorted({text.find(n.quote) + len(n.quote) for n in part.notes
                   if n.kind == model.NoteKind.SIC and n.quote and n.quote in text})
    pieces, start = [], 0
    for cut in cuts:
        pieces.append((text[start:cut], True))
        start = cut
    pieces.append((text[start:], False))
    return pieces


def criteria(facts) -> list[list]:
    """The target facts grouped into criteria: a target marked `alternative` joins the one before it."""
    groups: list[list] = []
    for fact in facts.targets:
        if fact.value.alternative and groups:
            groups[-1].append(fact)
        else:
            groups.append([fact])
    return groups


def build_one(renderer: Renderer, document: model.Document) -> Page:
    g = renderer.graph
    url = record_url("documents", document.id)
    facts = renderer.facts(document)
    authority = renderer.repo.authorities[document.authority]
    now = g.current_successor(authority.id)
    backlinks = g.implemented_by.get(document.id, [])
    decisions = g.decisions_of_plan.get(document.id, [])  # award decisions applying this plan, newest first
    # Past DECISIONS_SHOWN the page shows the newest and links to the list of all (`build_decision_lists`):
    # a province's plan gathers hundreds, and the page would grow with the data
    newest = decisions[:DECISIONS_SHOWN]
    title = renderer.title_of("documents", document.id, document)
    # In the page's order: what a reader wants first, then the text as issued (document.html).
    toc = [TocEntry(2, "thuoc-tinh", "Thuộc tính")]
    for present, anchor, name in (
        (facts.awards, "khen-thuong", "Hình thức khen thưởng"),
        (facts.targets, "chi-tieu", "Chỉ tiêu"),
        (facts.milestones or facts.deadlines, "tien-do", "Tiến độ và thời hạn"),
        (decisions, "quyet-dinh-khen-thuong", "Quyết định khen thưởng"),
    ):
        if present:
            toc.append(TocEntry(2, anchor, name))
    toc.append(TocEntry(2, "luoc-do", "Lược đồ"))
    if document.body:
        toc.append(TocEntry(2, "noi-dung", "Nội dung văn bản"))
        toc += [TocEntry(3, facts.anchors[id(p)], " ".join(x for x in (p.label, p.title) if x))
                for p in document.body if p.title]
    for shown, anchor, name in (
        (bool(facts.dossier), "ho-so", "Hồ sơ đề nghị khen thưởng"),
        (bool(facts.responsibilities), "phan-cong", "Phân công thực hiện"),
        (bool(document.distribution), "noi-nhan", "Nơi nhận"),
    ):
        if shown:
            toc.append(TocEntry(2, anchor, name))
    description = document.summary or f"{renderer.title_of('documents', document.id, document)} — {authority.name}"
    jsonld = {
        "@type": "Legislation",
        "name": title,
        "legislationType": model.label(document.type),
        "inLanguage": "vi",
        "legislationPassedBy": {"@type": "GovernmentOrganization", "name": authority.name},
    }
    if document.number:
        jsonld["legislationIdentifier"] = document.number
    if document.date and document.date_source != model.Source.INFERRED:  # not a date the document states
        jsonld["legislationDate"] = document.date.iso()
    if document.summary:
        jsonld["abstract"] = document.summary
    if document.basis:
        jsonld["isBasedOn"] = [
            renderer.title_of("documents", l.document, renderer.repo.documents.get(l.document)) for l in document.basis]
    return renderer.page(
        "document.html", url, title, description=description, jsonld=jsonld, toc=toc, kind="document", record=document,
        crumbs=renderer.authority_crumbs(authority) + [(None, document_heading(document))],
        document=document, authority=authority, now=now, facts=facts, backlinks=backlinks,
        chain=campaign_chain(renderer, document), children=g.tree_children(document.id),
        ancestors=g.ancestors(authority.id), issued_after=None if document.date else g.issued_after(document),
        campaign=renderer.repo.campaigns.get(document.campaign) if document.campaign else None,
        decisions=newest, decision_total=len(decisions),
        all_decisions=plan_decisions_url(document.id) if len(decisions) > len(newest) else None,
        sic_pieces=sic_pieces, date_source_note=date_source_note, signer_source_note=signer_source_note,
        criteria=criteria(facts), page_toc=toc,
    )


def build(renderer: Renderer, site: Site) -> None:
    for document in renderer.repo.documents.values():
        site.pages.append(build_one(renderer, document))
    build_decision_lists(renderer, site)


def build_decision_lists(renderer: Renderer, site: Site) -> None:
    """For each plan whose page shows only its newest decisions, the list of all of them
    (`urls.plan_decisions_url`), split by province and paginated past split.BOUND as every long listing is."""
    g = renderer.graph
    for plan_id, decisions in g.decisions_of_plan.items():
        document = renderer.repo.documents.get(plan_id)
        if document is None or len(decisions) <= DECISIONS_SHOWN:
            continue
        authority = renderer.repo.authorities[document.authority]
        heading = document_heading(document)
        listing = split.listing(renderer, site, plan_decisions_url(plan_id),
                                {"decisions": split.Section(decisions, split.by_authority)})
        description = f"{vi_number(len(decisions))} quyết định khen thưởng ban hành theo {heading}."
        for part in listing.parts:
            page = renderer.page(
                "plan_decisions.html", part.url, split.title(f"Quyết định khen thưởng theo {heading}", part),
                description=split.description(description, part), kind="plan-decisions", record=document,
                crumbs=split.crumbs(renderer.authority_crumbs(authority)
                                    + [(record_url("documents", plan_id), heading), (None, "Quyết định khen thưởng")],
                                    part),
                document=document, decisions=part.items["decisions"], total=len(decisions), part=part,
                counted=[("decisions", "quyết định khen thưởng")],
            )
            page.search = False  # each decision is found on its own page, and the plan on its own
            site.pages.append(page)


def keywords(renderer: Renderer, document: model.Document, description: str) -> list[str | None]:
    """Search: number, kind, issuer (and its name today), campaign, period, date, signer."""
    campaign = renderer.repo.campaigns.get(document.campaign) if document.campaign else None
    parts = [description, document.summary, model.label(document.type), document.number]
    parts += renderer.authority_words(document.authority)
    if campaign is not None:
        parts.append(campaign.name)
    if document.period is not None:
        parts.append(document.period.vi())
    if document.date is not None:
        parts.append(document.date.vi())
    parts.append(document.signer.name if document.signer else None)
    return parts


def search_sections(renderer: Renderer, document: model.Document) -> list[tuple[str, str, str]]:
    """Search: the preamble, then every part of the body under its anchor on the page."""
    anchors = renderer.facts(document).anchors
    out = [("noi-dung", "", document.preamble)] if document.preamble else []

    def visit(parts):
        for part in parts:
            out.append((anchors[id(part)], " ".join(x for x in (part.label, part.title) if x), part.text or ""))
            visit(part.items)

    visit(document.body)
    return out
