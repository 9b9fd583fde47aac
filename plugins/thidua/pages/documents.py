"""Document pages: properties, relations, the full text in order, and what it sets out.

The body is rendered once, in order; targets, awards, deadlines and milestones found
on the way are also gathered into summary tables and a timeline, so a reader sees both
the document as issued and what it means.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import model
from . import Page, Redirect, Site, TocEntry
from .render import Renderer, anchor_of, document_heading
from .urls import record_url


@dataclass
class Fact:
    part: model.Part  # the part whose text states it
    value: object  # the Target, Award, Deadline, Milestone or Responsibility
    anchor: str  # HTML id of that part on the document page
    where: str  # its numbering in the document, e.g. "III.2.b)"


@dataclass
class Facts:
    """What a document's body sets out, gathered in document order."""

    targets: list[Fact] = field(default_factory=list)
    awards: list[Fact] = field(default_factory=list)
    deadlines: list[Fact] = field(default_factory=list)
    milestones: list[Fact] = field(default_factory=list)
    responsibilities: list[Fact] = field(default_factory=list)
    dossier: list[Fact] = field(default_factory=list)
    anchors: dict[int, str] = field(default_factory=dict)  # id(part) -> HTML id


KINDS_OF_FACT = ("target", "award", "deadline", "milestone", "responsibility")


def gather(body: list[model.Part]) -> Facts:
    facts = Facts()
    used: set[str] = set()

    def visit(parts, prefix: str, where: str, in_dossier: bool, context: Fact | None):
        for i, part in enumerate(parts):
            numbered = part.label not in (None, "-", "+")
            base = anchor_of(part.label if numbered else None, part.title, f"{prefix}{i + 1}")
            anchor = f"{prefix}{base}" if prefix and part.title is None else base
            if anchor in used:
                anchor = f"{prefix}{i + 1}-{base}"
            used.add(anchor)
            facts.anchors[id(part)] = anchor
            here = where + (part.label.rstrip(".") + "." if numbered and part.label.endswith(".") else
                            part.label if numbered else "")
            # a bare child that only carries a fact (no text) belongs to the part that states it
            fact_at = Fact(part, None, anchor, here) if (part.text or part.title) or context is None else context
            for kind in KINDS_OF_FACT:
                value = getattr(part, kind)
                if value is not None:
                    target_list = getattr(facts, "responsibilities" if kind == "responsibility" else kind + "s")
                    target_list.append(Fact(fact_at.part, value, fact_at.anchor, fact_at.where.rstrip(".")))
            if in_dossier and part.text:
                facts.dossier.append(Fact(part, part.text, anchor, here.rstrip(".")))
            visit(part.items, f"{anchor}-", here, in_dossier or part.role == model.Role.DOSSIER, fact_at)

    visit(body, "", "", False, None)
    return facts


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


def build_one(renderer: Renderer, document: model.Document) -> Page:
    g = renderer.graph
    url = record_url("documents", document.id)
    facts = renderer.facts(document)
    authority = renderer.repo.authorities[document.authority]
    now = g.current_successor(authority.id)
    backlinks = g.implemented_by.get(document.id, [])
    title = renderer.title_of("documents", document.id, document)
    toc = [TocEntry(2, "thuoc-tinh", "Thuộc tính"), TocEntry(2, "luoc-do", "Lược đồ")]
    if document.body:
        toc.append(TocEntry(2, "noi-dung", "Nội dung văn bản"))
        toc += [TocEntry(3, facts.anchors[id(p)], " ".join(x for x in (p.label, p.title) if x))
                for p in document.body if p.title]
    for present, anchor, name in (
        (facts.targets, "chi-tieu", "Chỉ tiêu"),
        (facts.awards, "khen-thuong", "Hình thức khen thưởng"),
        (facts.milestones or facts.deadlines, "tien-do", "Tiến độ và thời hạn"),
        (facts.dossier, "ho-so", "Hồ sơ đề nghị khen thưởng"),
        (facts.responsibilities, "phan-cong", "Phân công thực hiện"),
    ):
        if present:
            toc.append(TocEntry(2, anchor, name))
    if document.distribution:
        toc.append(TocEntry(2, "noi-nhan", "Nơi nhận"))
    if g.decisions_of_plan.get(document.id):
        toc.append(TocEntry(2, "quyet-dinh-khen-thuong", "Quyết định khen thưởng"))
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
    if document.date:
        jsonld["legislationDate"] = document.date.iso()
    if document.summary:
        jsonld["abstract"] = document.summary
    if document.basis:
        jsonld["isBasedOn"] = [
            renderer.title_of("documents", l.document, renderer.repo.documents.get(l.document)) for l in document.basis]
    return renderer.page(
        "document.html", url, title, description=description, jsonld=jsonld, toc=toc, kind="document",
        crumbs=renderer.authority_crumbs(authority) + [(None, document_heading(document))],
        document=document, authority=authority, now=now, facts=facts, backlinks=backlinks,
        chain=campaign_chain(renderer, document), children=g.tree_children(document.id),
        ancestors=g.ancestors(authority.id), issued_after=None if document.date else g.issued_after(document),
        campaign=renderer.repo.campaigns.get(document.campaign) if document.campaign else None,
        decisions=g.decisions_of_plan.get(document.id, []),  # award decisions applying this plan
    )


def build(renderer: Renderer, site: Site) -> None:
    for document in renderer.repo.documents.values():
        site.pages.append(build_one(renderer, document))
        for alias in document.aliases:
            site.redirects.append(Redirect(record_url("documents", alias), record_url("documents", document.id)))
