"""Campaign pages: what it is, the tree of implementing documents by authority hierarchy, counts.

A national campaign has thousands of implementing plans and decisions: past split.BOUND lines its
page is split by province (split.py), each province's part with its own plans' subtrees."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import partial

from .. import model
from ..graph import LinkGraph
from ..model import LEVEL_ORDER
from . import split
from .limits import DECISIONS_SHOWN
from .site import Site, TocEntry
from .render import Renderer
from .urls import honor_url, record_url, story_list_url


@dataclass
class Node:
    """A document in a campaign's tree as drawn, with the documents drawn under it."""

    document: model.Document
    children: list[Node]
    # the lines this subtree takes: the documents drawn in it, itself included (on a split page, and
    # the boxes of `elsewhere` in it)
    size: int
    # On a split page: the province ids (the top's "") of the parts that draw some of its children, and
    # how many each draws
    elsewhere: dict[str, int] = field(default_factory=dict)
    continued: bool = False  # on a split page: drawn again, with the children an earlier piece could not hold
    repeated: bool = False  # drawn again under another document, its own subtree drawn at its first place


def plan_tree(graph: LinkGraph, roots: list[model.Document]) -> list[Node]:
    """The tree from each root: under each document those that implement or rest on it
    (`graph.tree_children`), none under itself. A document under several others (a province's plan
    implementing the national decision and resting on its guidance) is drawn under each, its own
    subtree at the first place only (`repeated` elsewhere): a province's 130 plans were drawn twice."""
    drawn: set[str] = set()

    def walk(document: model.Document, above: tuple[str, ...]) -> Node:
        if document.id in drawn:
            return Node(document, [], 1, repeated=bool(graph.tree_children(document.id)))
        drawn.add(document.id)
        kids = [walk(k, above + (document.id,)) for k in graph.tree_children(document.id) if k.id not in above]
        return Node(document, kids, 1 + sum(k.size for k in kids))

    return [walk(root, ()) for root in roots]


def cut_tree(nodes: list[Node], key: split.Key, bound: int | None = None) -> list[Node]:
    """The tree cut where the province changes: each subtree drawn within one province, topped by a
    document whose parent is in another (or by a root). Each knows where its other children are
    drawn. A subtree drawn under several parents is kept once per province. With a `bound`, a subtree
    heavier than it is drawn in pieces (`pieces`)."""
    entries: list[Node] = []
    started: set[tuple[str, str]] = set()

    def start(node: Node, province: str) -> None:
        if (province, node.document.id) in started:
            return
        started.add((province, node.document.id))
        at = len(entries)
        entries.append(node)  # its place, before the entries found inside it
        entries[at] = within(node, province)

    def within(node: Node, province: str) -> Node:
        kids: list[Node] = []
        elsewhere: dict[str, int] = {}
        for child in node.children:
            other = key(child.document.authority)
            if other == province:
                kids.append(within(child, province))
            else:
                elsewhere[other] = elsewhere.get(other, 0) + 1
                start(child, other)
        return Node(node.document, kids, 1 + len(elsewhere) + sum(k.size for k in kids), elsewhere)

    for root in nodes:
        start(root, key(root.document.authority))
    return entries if bound is None else [piece for entry in entries for piece in pieces(entry, bound)]


def pieces(node: Node, bound: int) -> list[Node]:
    """A subtree in pieces of at most `bound` lines where it is heavier: its document with its first
    children, then its document again ("continued") with the next, and so on; a child heavier than
    a piece can hold is cut the same way. Only what cannot be cut passes the bound: a line for each
    document above (at most the tree's depth), and its boxes of `elsewhere` (one per province), which
    the first piece draws."""
    if node.size <= bound:
        return [node]
    groups: list[list[Node]] = [[]]
    load = 1 + len(node.elsewhere)
    for child in node.children:
        for piece in pieces(child, max(bound - 1, 1)):
            if load > 1 and load + piece.size > bound:  # the piece holds more than its document's line
                groups.append([])
                load = 1
            groups[-1].append(piece)
            load += piece.size
    return [Node(node.document, kids, 1 + sum(k.size for k in kids) + (0 if i else len(node.elsewhere)),
                 {} if i else node.elsewhere, continued=i > 0) for i, kids in enumerate(groups)]


def _node_authority(node: Node) -> str:
    return node.document.authority


def _node_size(node: Node) -> int:
    return node.size


def build(renderer: Renderer, site: Site) -> None:
    g = renderer.graph
    for campaign in renderer.repo.campaigns.values():
        url = record_url("campaigns", campaign.id)
        members = g.documents_of_campaign.get(campaign.id, [])
        levels = Counter(renderer.repo.authorities[d.authority].level for d in members)
        authorities = {d.authority for d in members}
        decisions = g.decisions_of_campaign.get(campaign.id, [])
        stories = g.stories_of_campaign.get(campaign.id, [])
        line_count = sum(len(g.lines_of_decision.get(d.id, [])) for d in decisions)
        tree = plan_tree(g, g.campaign_roots(campaign.id))
        # Past DECISIONS_SHOWN the top page lists the newest and says where all are (the roll, the
        # index): a phone scrolled past a thousand at province. Else they are listed with the rest.
        latest = decisions[:DECISIONS_SHOWN] if len(decisions) > DECISIONS_SHOWN else None
        sections = {"tree": split.Section(tree, _node_authority, _node_size, cut=partial(cut_tree, tree))}
        if latest is None:
            sections["decisions"] = split.Section(decisions, split.by_authority)
        sections["documents"] = split.Section(members, split.by_authority, split.document_row)
        listing = split.listing(renderer, site, url, sections)
        counted = [("documents", "văn bản")] + ([("decisions", "quyết định khen thưởng")] if latest is None else [])
        description = campaign.description or f"Phong trào thi đua “{campaign.name}” {campaign.period.vi()}."
        for part in listing.parts:
            top = part.at_top
            toc = [TocEntry(2, "so-lieu", "Số liệu")] if top else []
            if top and (decisions or stories):
                toc.append(TocEntry(2, "khen-thuong", "Khen thưởng và điển hình"))
            if top and part.split:
                toc.append(TocEntry(2, "theo-tinh", "Theo tỉnh, thành phố"))
            if part.shows("tree"):
                toc.append(TocEntry(2, "cay-ke-hoach", "Cây kế hoạch thực hiện"))
            shown = part.items["decisions"] if latest is None else latest if top else []
            if shown:
                toc.append(TocEntry(2, "quyet-dinh", "Quyết định khen thưởng" + (" mới nhất" if latest else "")))
            documents_heading = (f"Văn bản của {part.place.name}" if part.split
                                 else "Tất cả văn bản của phong trào")
            if part.shows("documents"):
                toc.append(TocEntry(2, "tat-ca", documents_heading))
            split.add(site, renderer.page(
                "campaign.html", part.url, split.title(f"Phong trào “{campaign.name}”", part),
                description=split.description(description, part), kind="campaign", record=campaign,
                jsonld={"@type": "Event", "name": campaign.name, "description": description,
                        "startDate": str(campaign.period.start), "endDate": str(campaign.period.end)} if top else None,
                crumbs=split.crumbs([("", "Trang chủ"), ("phong-trao/", "Phong trào"), (None, campaign.name)], part),
                campaign=campaign, members=part.items["documents"], roots=part.items["tree"],
                levels=sorted(levels.items(), key=lambda kv: LEVEL_ORDER[kv[0]]), authority_count=len(authorities), member_count=len(members),
                decisions=shown, decision_total=len(decisions), latest=latest is not None, stories=stories,
                line_count=line_count,
                honor_url=honor_url, story_list_url=story_list_url, toc=toc, documents_heading=documents_heading,
                part=part, counted=counted,
            ), part)


def keywords(renderer: Renderer, campaign: model.Campaign, description: str) -> list[str | None]:
    return [campaign.name, campaign.period.vi(), description]
