"""The link graph: every relation between records, collected once, in both directions.

Pages never scan lists of records; they look relations up here by id. Everything is
built in one pass over the repository, so its cost grows linearly with the data, and
every list is sorted once so output is deterministic.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from . import model
from .dates import Period
from .relations import campaign_of_decision, campaign_of_story, successors
from .repository import Repository
from .text import name_key, natural_key, sort_key



def doc_key(document: model.Document):
    """Newest first; undated after dated; then the id as a reader counts ('số 2' before 'số 10'),
    and the id itself, so that order never depends on load order ('kh-02' and 'kh-2' read alike)."""
    date = document.date.sort_key() if document.date else (0, 0, 0)
    return (-date[0], -date[1], -date[2], natural_key(document.id), document.id)


def _dated_key(record):
    # decisions and stories: newest first, id breaks ties
    date = record.date.sort_key()
    return (-date[0], -date[1], -date[2], record.id)


# Recipient kinds that are places or bodies, and the levels of an authority such a line is when its
# `locality` names one (a commune's line naming UBND xã; a department's, a Sở or a board); a locality
# of another level is where the line lies (a village's names its commune). A generic `locality`
# line is whatever its `locality` names (None: any level).
OWN_LEVELS: dict[model.SubjectKind, frozenset[str] | None] = {
    model.SubjectKind.DISTRICT: frozenset({model.Level.DISTRICT}),
    model.SubjectKind.COMMUNE: frozenset({model.Level.COMMUNE}),
    model.SubjectKind.VILLAGE: frozenset({model.Level.VILLAGE}),
    model.SubjectKind.DEPARTMENT: frozenset({model.Level.DEPARTMENT, model.Level.BOARD}),
    model.SubjectKind.LOCALITY: None,
}


def recipient_identity(decision_id: str, anchor: str, recipient: model.Recipient,
                       level_of: Callable[[str], str | None]) -> tuple:
    """Who a line commends, so one subject's lines in several decisions can be gathered.

    A locality line is its `locality` authority when that authority is of the line's own level
    (`OWN_LEVELS`, by `level_of`): a village's `locality` is the commune it lies in, and every
    village of a commune taken for the commune credited each with the others' awards. Any other
    line is its name within its commune or unit; without a commune or unit nothing ties two lines
    together, so the line stands alone. Names and units compare as the validator compares them
    (`text.name_key`), so the prerequisite check and the pages agree on who is who.
    """
    if recipient.kind in OWN_LEVELS and recipient.locality:
        levels = OWN_LEVELS[recipient.kind]
        if levels is None or level_of(recipient.locality) in levels:
            return ("a", recipient.locality)
    place = recipient.locality or name_key(recipient.unit or "")
    if place:
        return ("n", str(recipient.kind), name_key(recipient.name), place)
    return ("l", decision_id, anchor)


@dataclass
class Line:
    """One recipient line of an award decision, as published."""

    decision: model.AwardDecision
    recipient: model.Recipient
    anchor: str  # the line's HTML id on the decision page
    number: int  # 1-based position among the published lines
    identity: tuple


@dataclass
class Backlink:
    document: model.Document
    relation: model.Relation


@dataclass
class Predecessor:
    """A body whose work (or a share of it, `functions`) passed to another."""

    authority: model.Authority
    functions: str | None = None  # the share, for a body that was split

    @property
    def id(self) -> str:  # what code listing ids of predecessors (exports) reads
        return self.authority.id

    @property
    def renamed(self) -> bool:
        """Only a renamed body is the other's former name ("trước là"); one that merged into it is not."""
        return self.authority.change == model.Change.RENAMED


@dataclass
class Heir:
    """One authority that took over a share of a split body's work, and who holds it today."""

    authority: model.Authority
    functions: str
    now: model.Authority | None  # where that authority's work is today, if it has changed since


@dataclass
class LinkGraph:
    repo: Repository
    implemented_by: dict[str, list[Backlink]] = field(default_factory=lambda: defaultdict(list))
    documents_of_authority: dict[str, list[model.Document]] = field(default_factory=lambda: defaultdict(list))
    documents_of_campaign: dict[str, list[model.Document]] = field(default_factory=lambda: defaultdict(list))
    documents_of_period: dict[str, list[model.Document]] = field(default_factory=lambda: defaultdict(list))
    documents_of_year: dict[int, list[model.Document]] = field(default_factory=lambda: defaultdict(list))
    subordinates: dict[str, list[model.Authority]] = field(default_factory=lambda: defaultdict(list))
    predecessors: dict[str, list[Predecessor]] = field(default_factory=lambda: defaultdict(list))
    periods: dict[str, Period] = field(default_factory=dict)
    issued_year: dict[str, int] = field(default_factory=dict)  # document id -> year issued (or earliest possible)
    years: set[int] = field(default_factory=set)
    # Award decisions, newest first, and their published lines
    decisions_of_authority: dict[str, list[model.AwardDecision]] = field(default_factory=lambda: defaultdict(list))
    decisions_of_plan: dict[str, list[model.AwardDecision]] = field(default_factory=lambda: defaultdict(list))
    decisions_of_campaign: dict[str, list[model.AwardDecision]] = field(default_factory=lambda: defaultdict(list))
    decisions_of_year: dict[int, list[model.AwardDecision]] = field(default_factory=lambda: defaultdict(list))
    decisions_of_form: dict[str, list[model.AwardDecision]] = field(default_factory=lambda: defaultdict(list))
    lines_of_decision: dict[str, list[Line]] = field(default_factory=dict)
    line_of_anchor: dict[tuple[str, str], Line] = field(default_factory=dict)  # (decision id, anchor) -> line
    lines_of_identity: dict[tuple, list[Line]] = field(default_factory=lambda: defaultdict(list))
    # Stories, newest first; a story whose subject line is not published is in none of these
    stories_of_campaign: dict[str, list[model.Story]] = field(default_factory=lambda: defaultdict(list))
    stories_of_authority: dict[str, list[model.Story]] = field(default_factory=lambda: defaultdict(list))
    stories_of_year: dict[int, list[model.Story]] = field(default_factory=lambda: defaultdict(list))
    stories_of_plan: dict[str, list[model.Story]] = field(default_factory=lambda: defaultdict(list))
    story_of_recipient: dict[tuple[str, str], list[model.Story]] = field(default_factory=lambda: defaultdict(list))
    stories: list[model.Story] = field(default_factory=list)  # every published story, newest first
    subject_line: dict[str, Line] = field(default_factory=dict)  # story id -> the line it is about
    subject_awards: dict[str, list[Line]] = field(default_factory=dict)  # story id -> its subject's lines

    @classmethod
    def build(cls, repo: Repository) -> LinkGraph:
        g = cls(repo)
        for document in repo.documents.values():
            # the year it was issued, or for an undated one the earliest it can have been: that of
            # the latest document it rests on
            issued = document.date or g.issued_after(document)
            if issued is not None:
                g.issued_year[document.id] = issued.year
        for document in repo.documents.values():
            for link in document.basis:
                g.implemented_by[link.document].append(Backlink(document, link.relation))
            g.documents_of_authority[document.authority].append(document)
            if document.campaign:
                g.documents_of_campaign[document.campaign].append(document)
            if document.period:
                g.periods[document.period.id] = document.period
                g.documents_of_period[document.period.id].append(document)
                issued = g.issued_year.get(document.id)
                for year in document.period.years():
                    if issued is not None and year < issued:
                        continue  # not yet issued: a plan is on year pages from the year it was issued
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
                g.predecessors[authority.successor].append(Predecessor(authority))
            for share in authority.successors:
                g.predecessors[share.authority].append(Predecessor(authority, share.functions))
        for lists in (g.documents_of_authority, g.documents_of_campaign, g.documents_of_period, g.documents_of_year):
            for docs in lists.values():
                docs.sort(key=doc_key)
        for key in g.implemented_by:
            g.implemented_by[key].sort(key=lambda b: doc_key(b.document))
        for key in g.subordinates:
            g.subordinates[key].sort(key=lambda a: (a.level != model.Level.DEPARTMENT, sort_key(a.name), a.id))
        for key in g.predecessors:
            g.predecessors[key].sort(key=lambda p: (p.authority.level != model.Level.DEPARTMENT,
                                                    sort_key(p.authority.name), p.authority.id))
        g._build_decisions()
        g._build_stories()
        return g

    def _build_decisions(self) -> None:
        """One pass over decisions and their lines."""
        repo = self.repo
        for decision in sorted(repo.decisions.values(), key=_dated_key):
            self.decisions_of_authority[decision.authority].append(decision)
            self.decisions_of_year[decision.date.year].append(decision)
            self.decisions_of_form[decision.form].append(decision)
            if decision.plan:
                self.decisions_of_plan[decision.plan].append(decision)
            campaign = self.campaign_of_decision(decision)
            if campaign:
                self.decisions_of_campaign[campaign].append(decision)
            lines = []
            for number, (recipient, anchor) in enumerate(
                    zip(decision.recipients, model.recipient_anchors(decision)), start=1):
                line = Line(decision, recipient, anchor, number,
                            recipient_identity(decision.id, anchor, recipient, self._level_of))
                lines.append(line)
                self.line_of_anchor[(decision.id, anchor)] = line
                self.lines_of_identity[line.identity].append(line)
            self.lines_of_decision[decision.id] = lines

    def _build_stories(self) -> None:
        """One pass over stories: lists, the line each is about, and the lines that link back."""
        repo = self.repo
        for story in sorted(repo.stories.values(), key=_dated_key):
            subject = story.subject
            identity = None
            if subject and subject.decision and subject.recipient:
                line = self.line_of_anchor.get((subject.decision, subject.recipient))
                if line is None:
                    # The line is not published (not public, or dropped with the samples):
                    # neither is a story about it.
                    continue
                self.subject_line[story.id] = line
                identity = line.identity
            elif subject and subject.authority:
                identity = ("a", subject.authority)
            self.stories.append(story)
            awards = self.lines_of_identity.get(identity, []) if identity else []
            self.subject_awards[story.id] = awards
            for line in awards:
                self.story_of_recipient[(line.decision.id, line.anchor)].append(story)
            self.stories_of_year[story.date.year].append(story)
            campaign = self.campaign_of_story(story)
            if campaign:
                self.stories_of_campaign[campaign].append(story)
            if story.plan:
                self.stories_of_plan[story.plan].append(story)
            for authority in dict.fromkeys(a for a in (subject.authority if subject else None, story.locality,
                                                         story.author) if a):
                self.stories_of_authority[authority].append(story)

    def _level_of(self, authority_id: str) -> str | None:
        authority = self.repo.authorities.get(authority_id)
        return authority.level if authority else None

    def campaign_of_decision(self, decision: model.AwardDecision) -> str | None:
        return campaign_of_decision(self.repo, decision)

    def campaign_of_story(self, story: model.Story) -> str | None:
        return campaign_of_story(self.repo, story)

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

    def with_public_lines(self, decisions: list[model.AwardDecision]) -> list[model.AwardDecision]:
        """`decisions` less those whose every line is withheld: what an honor roll shows, and
        what it and the pages leading to it count."""
        return [d for d in decisions if self.lines_of_decision.get(d.id)]

    def province_of(self, authority_id: str) -> model.Authority | None:
        authority = self.repo.authorities.get(authority_id)
        if authority and authority.level == model.Level.PROVINCE:
            return authority
        for up in reversed(self.ancestors(authority_id)):
            if up.level == model.Level.PROVINCE:
                return up
        return None

    def current_successor(self, authority_id: str) -> model.Authority | None:
        """The one authority that holds the whole of the work today, following merges to the end;
        None when there is none, or when the work was split somewhere on the way (`heirs` says who
        holds which share): a split body is never "now" any one of its successors."""
        chain = successors(self.repo, authority_id)
        for ident in [authority_id] + chain[:-1]:
            current = self.repo.authorities.get(ident)
            if current is not None and current.successors:
                return None
        return self.repo.authorities.get(chain[-1]) if chain else None

    def heirs(self, authority_id: str) -> list[Heir]:
        """For a split body: each authority that took a share of its work, with who holds it today."""
        authority = self.repo.authorities.get(authority_id)
        out = []
        for share in authority.successors if authority else []:
            taker = self.repo.authorities.get(share.authority)
            if taker is not None:
                out.append(Heir(taker, share.functions, self.current_successor(taker.id)))
        return out

    def ceased(self, authority_id: str | None, on) -> model.Authority | None:
        """The authority, if it had ceased by the date `on` (a PartialDate or datetime.date)."""
        authority = self.repo.authorities.get(authority_id) if authority_id else None
        if authority is None or authority.until is None:
            return None
        first = on.first if hasattr(on, "first") else on
        return authority if first >= authority.until.first else None

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
