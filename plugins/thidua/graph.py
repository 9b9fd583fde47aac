"""The link graph: every relation between records, collected once, in both directions.

Pages never scan lists of records; they look relations up here by id. Everything is
built in one pass over the repository, so its cost grows linearly with the data, and
every list is sorted once so output is deterministic.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from . import model
from .dates import Period
from .loader import Repository


def _doc_key(document: model.Document):
    # newest first; undated after dated; id breaks ties so order never depends on load order
    date = document.date.sort_key() if document.date else (0, 0, 0)
    return (-date[0], -date[1], -date[2], document.id)


@dataclass
class Backlink:
    document: model.Document
    relation: model.Relation


@dataclass
class LinkGraph:
    repo: Repository
    implemented_by: dict[str, list[Backlink]] = field(default_factory=lambda: defaultdict(list))
    documents_of_authority: dict[str, list[model.Document]] = field(default_factory=lambda: defaultdict(list))
    documents_of_campaign: dict[str, list[model.Document]] = field(default_factory=lambda: defaultdict(list))
    documents_of_period: dict[str, list[model.Document]] = field(default_factory=lambda: defaultdict(list))
    documents_of_year: dict[int, list[model.Document]] = field(default_factory=lambda: defaultdict(list))
    subordinates: dict[str, list[model.Authority]] = field(default_factory=lambda: defaultdict(list))
    predecessors: dict[str, list[model.Authority]] = field(default_factory=lambda: defaultdict(list))
    periods: dict[str, Period] = field(default_factory=dict)
    years: set[int] = field(default_factory=set)

    @classmethod
    def build(cls, repo: Repository) -> "LinkGraph":
        g = cls(repo)
        for document in repo.documents.values():
            for link in document.basis:
                g.implemented_by[link.document].append(Backlink(document, link.relation))
            g.documents_of_authority[document.authority].append(document)
            if document.campaign:
                g.documents_of_campaign[document.campaign].append(document)
            if document.period:
                g.periods[document.period.id] = document.period
                g.documents_of_period[document.period.id].append(document)
                for year in document.period.years():
                    g.documents_of_year[year].append(document)
                    g.years.add(year)
            elif document.date:
                g.documents_of_year[document.date.year].append(document)
                g.years.add(document.date.year)
        for campaign in repo.campaigns.values():
            g.periods[campaign.period.id] = campaign.period
            g.years.update(campaign.period.years())
        for authority in repo.authorities.values():
            if authority.parent:
                g.subordinates[authority.parent].append(authority)
            if authority.successor:
                g.predecessors[authority.successor].append(authority)
        for lists in (g.documents_of_authority, g.documents_of_campaign, g.documents_of_period, g.documents_of_year):
            for key in lists:
                lists[key].sort(key=_doc_key)
        for key in g.implemented_by:
            g.implemented_by[key].sort(key=lambda b: _doc_key(b.document))
        for lists in (g.subordinates, g.predecessors):
            for key in lists:
                lists[key].sort(key=lambda a: (a.level != model.Level.DEPARTMENT, a.name, a.id))
        return g

    # --- Authorities

    def ancestors(self, authority_id: str) -> list[model.Authority]:
        """From the top down to (not including) the authority: the breadcrumb trail."""
        chain = []
        seen = {authority_id}
        current = self.repo.authorities.get(authority_id)
        while current and current.parent and current.parent not in seen:
            seen.add(current.parent)
            current = self.repo.authorities.get(current.parent)
            if current:
                chain.append(current)
        return list(reversed(chain))

    def province_of(self, authority_id: str) -> model.Authority | None:
        authority = self.repo.authorities.get(authority_id)
        if authority and authority.level == model.Level.PROVINCE:
            return authority
        for up in reversed(self.ancestors(authority_id)):
            if up.level == model.Level.PROVINCE:
                return up
        return None

    def current_successor(self, authority_id: str) -> model.Authority | None:
        """The authority that holds the functions today, following merges to the end."""
        seen = {authority_id}
        current = self.repo.authorities.get(authority_id)
        last = None
        while current and current.successor and current.successor not in seen:
            seen.add(current.successor)
            current = self.repo.authorities.get(current.successor)
            last = current
        return last

    # --- Documents

    def issued_after(self, document: model.Document):
        """For an undated document, the latest date of the documents it rests on."""
        dates = [self.repo.documents[l.document].date for l in document.basis
                 if l.document in self.repo.documents and self.repo.documents[l.document].date]
        return max(dates, key=lambda d: d.sort_key()) if dates else None

    def campaign_roots(self, campaign_id: str) -> list[model.Document]:
        """The top of a campaign's tree: its launching document, then documents resting on no campaign document."""
        campaign = self.repo.campaigns[campaign_id]
        members = self.documents_of_campaign.get(campaign_id, [])
        member_ids = {d.id for d in members}
        roots = []
        if campaign.launched_by and campaign.launched_by in self.repo.documents:
            roots.append(self.repo.documents[campaign.launched_by])
        for document in members:
            if document.id == campaign.launched_by:
                continue
            if not any(l.document in member_ids or l.document == campaign.launched_by for l in document.basis):
                roots.append(document)
        return roots

    def tree_children(self, document_id: str) -> list[model.Document]:
        """Documents that implement or rest on this one: the next level of a campaign tree."""
        return [b.document for b in self.implemented_by.get(document_id, [])
                if b.relation in (model.Relation.IMPLEMENTS, model.Relation.BASED_ON)]
