"""Checks of how records point at each other: dangling references, duplicate numbers and
aliases, cycles in basis links and authority chains, documents transcribed without a body; and at
what is outside the portal: the web addresses of a document's original and of an authority's act.

These rules are fixed (not in `settings.RULE_INFO`): each problem here is an error or, for
an empty body, a warning.
"""
from __future__ import annotations

import difflib
import re
from typing import Any

from .. import markup
from ..kinds import KINDS
from ..loader import ID_RE
from ..problems import WARNING
from .base import Context, add, location, references


def dangling_references(ctx: Context) -> None:
    repo = ctx.repo
    memo = ctx.memo
    stores = {kind: repo.of_kind(kind) for kind in KINDS}
    for _kind, record in repo.all():
        # what a record names depends on its file alone: kept in the check memo, so a rerun walks
        # only the records whose bytes changed, or that name something missing (for the message)
        memo_key = memo.key("references", record) if memo is not None else None
        named = memo.get(memo_key) if memo_key is not None else None
        if named is None:
            named = tuple(dict.fromkeys((target, ident) for _o, _k, target, ident in references(record)))
            if memo_key is not None:
                memo.put(memo_key, named)
        if all(ident in stores[target] for target, ident in named):
            continue
        for owner, key, target_kind, ident in references(record):
            store = stores[target_kind]
            if ident in store:
                continue
            # a record whose own id is invalid is reported at its file, never offered as a fix
            candidates = [i for i in store if ID_RE.match(i)] if len(store) < 5000 else []
            close = difflib.get_close_matches(ident, candidates, n=1, cutoff=0.75)
            hint = f' — did you mean "{close[0]}"?' if close else ""
            add(ctx.report, owner, key, f"reference to {KINDS[target_kind].noun} that does not exist{hint}",
                f"the id of a record in data/{target_kind}/", f'"{ident}"', rule_name="reference")


def duplicate_numbers(ctx: Context) -> None:
    """Numbers restart every year: number + issuer + year identify a document."""
    seen: dict[tuple, Any] = {}
    for kind in ("documents", "decisions"):
        for record in ctx.repo.of_kind(kind).values():
            if not record.number or record.date is None:
                continue
            key = (record.number.replace(" ", "").upper(), record.authority, record.date.year)
            other = seen.get(key)
            if other is None:
                seen[key] = record
                continue
            o_file, o_line, _, _ = location(other, "number")
            add(ctx.report, record, "number", f'two documents share the number "{record.number}", issuer and year',
                "a number used once per issuer and year", f"also {o_file}:{o_line} ({other.id})",
                rule_name="duplicate-number")


def basis_cycles(ctx: Context) -> None:
    """A plan cannot, through its basis, end up implementing itself."""
    documents = ctx.repo.documents
    WHITE, GREY, BLACK = 0, 1, 2
    state = {doc_id: WHITE for doc_id in documents}
    reported = set()

    for start in documents:
        if state[start] != WHITE:
            continue
        stack = [(start, iter(documents[start].basis))]
        trail = [start]
        state[start] = GREY
        while stack:
            node, children = stack[-1]
            link = next(children, None)
            if link is None:
                state[node] = BLACK
                stack.pop()
                trail.pop()
                continue
            target = link.document
            if target not in state:
                continue  # dangling: reported elsewhere
            if state[target] == GREY:
                cycle = trail[trail.index(target):] + [target]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    add(ctx.report, link, "document", "the basis links form a cycle",
                        "documents that rest on earlier ones, never on themselves", " → ".join(cycle),
                        rule_name="basis-cycle")
            elif state[target] == WHITE:
                state[target] = GREY
                trail.append(target)
                stack.append((target, iter(documents[target].basis)))


# Documents in one line of basis links: law, central plan, province, department, district, commune,
# village is seven; with a guidance between each, still under 16. Past a few hundred, the pages that
# walk the line (a campaign's tree, drawn recursively) ran out of Python's stack.
MAX_BASIS_DEPTH = 32


def basis_depth(ctx: Context) -> None:
    """A document rests on at most MAX_BASIS_DEPTH documents in a line; the first document past it in
    each line is reported. Depths are found without recursion, a cycle (reported by basis_cycles)
    counting as no further basis."""
    documents = ctx.repo.documents
    depth: dict[str, int] = {}
    for start in documents:
        if start in depth:
            continue
        stack, open_ = [start], {start}
        while stack:
            node = stack[-1]
            nxt = next((link.document for link in documents[node].basis if link.document in documents
                        and link.document not in depth and link.document not in open_), None)
            if nxt is not None:
                stack.append(nxt)
                open_.add(nxt)
                continue
            stack.pop()
            open_.discard(node)
            below = [(depth.get(link.document, 0), link) for link in documents[node].basis if link.document in documents]
            deepest, link = max(below, key=lambda b: b[0], default=(0, None))
            depth[node] = 1 + deepest
            if depth[node] == MAX_BASIS_DEPTH + 1 and link is not None:
                add(ctx.report, link, "document", "the line of documents this one rests on is too long",
                    f"at most {MAX_BASIS_DEPTH} documents in one line of basis links",
                    f"{depth[node]}: {node} rests on {link.document}, which rests on {MAX_BASIS_DEPTH - 1} more",
                    rule_name="basis-depth")


def authority_changes(ctx: Context) -> None:
    authorities = ctx.repo.authorities
    for authority in authorities.values():
        if authority.successor and authority.until is None:
            add(ctx.report, authority, "successor", "a successor needs the date the change took effect",
                "until: the date (YYYY, YYYY-MM or YYYY-MM-DD)", "no until", rule_name="authority-change")
        if authority.successor == authority.id or authority.parent == authority.id:
            add(ctx.report, authority, "successor" if authority.successor == authority.id else "parent",
                "an authority cannot point to itself", "another authority's id", authority.id,
                rule_name="authority-change")
    # parent chains must end: a cycle would make breadcrumbs loop forever
    for authority in authorities.values():
        chain = [authority.id]
        current = authority
        while current.parent and current.parent in authorities:
            if current.parent in chain:
                add(ctx.report, authority, "parent", "the parent chain loops", "a chain ending at the top level",
                    " → ".join([*chain, current.parent]), rule_name="parent-cycle")
                break
            chain.append(current.parent)
            current = authorities[current.parent]


# Folder names under a kind's section that hold pages other than records (story and honor lists
# by facet: dien-hinh/nam/2024/), and names a static host treats specially.
RESERVED_ALIASES = {"phong-trao", "co-quan", "nam", "hinh-thuc", "du-lieu", "index", "assets", "search"}


def aliases_unique(ctx: Context) -> None:
    """A former id becomes a redirect page at /<section>/<alias>/: it follows the id rule (so no
    "..", "x/y", "" or "Hà-Nội" reaches a path) and takes no page another record or list has."""
    for kind in KINDS:
        store = ctx.repo.of_kind(kind)
        owners: dict[str, Any] = {}
        for record in store.values():
            for i, alias in enumerate(getattr(record, "aliases", [])):
                if not ID_RE.match(alias):
                    add(ctx.report, record, f"aliases[{i}]", "a former id must be lowercase ASCII words joined by hyphens",
                        "e.g. kh-ubnd-tinh-binh-thuan-2022", f'"{alias}"', rule_name="alias")
                    continue
                if alias in RESERVED_ALIASES:
                    add(ctx.report, record, f"aliases[{i}]", f'the former id "{alias}" would take the place of a list page',
                        "an id other than: " + ", ".join(sorted(RESERVED_ALIASES)), f'"{alias}"', rule_name="alias")
                    continue
                if alias == record.id:
                    add(ctx.report, record, f"aliases[{i}]", "a former id cannot be the record's own id",
                        "an id the record had before", f'"{alias}"', rule_name="alias")
                    continue
                if alias in store or alias in owners:
                    other = store.get(alias) or owners[alias]
                    add(ctx.report, record, "aliases", f'the former id "{alias}" is already taken',
                        "an id no other record uses", f"used by {other.id}", rule_name="alias")
                owners[alias] = record


# The pages of a long list after its first (pages/split.py): `<list>/trang-2/`, `trang-3/` ... A section's
# index is such a list (van-ban/trang-2/), and a list's parts by province are named by the province's id
# (nam/2025/<province id>/): a record's id or former id of this form would take one of its pages.
LIST_PAGE = re.compile(r"^trang-[0-9]+$")


def list_page_ids(ctx: Context) -> None:
    """No id or former id is the name of a list's page ("trang-2"): the build would have two pages
    at one URL."""
    for kind in KINDS:
        for record in ctx.repo.of_kind(kind).values():
            named = [("id", record.id)] + [(f"aliases[{i}]", a) for i, a in enumerate(getattr(record, "aliases", ()))]
            for field, ident in named:
                if LIST_PAGE.match(ident):
                    add(ctx.report, record, field, f'the id "{ident}" would take the place of a list\'s page',
                        "an id other than trang-<number> (the pages of a long list)", f'"{ident}"',
                        rule_name="id")


def transcribed_documents_have_body(ctx: Context) -> None:
    for document in ctx.repo.documents.values():
        if document.transcribed and not document.body:
            add(ctx.report, document, "transcribed", "a transcribed document has no body",
                "body: the document's parts, or transcribed: false for a document known only by citation",
                "an empty body", severity=WARNING, rule_name="body")


def link_addresses(ctx: Context) -> None:
    """link-address: a record's link out (a document's signed original, the act that changed an
    authority) is a full web address. Printed as the page's link, anything else leads nowhere
    ("www.x.vn" is a file beside the page) or runs a script when clicked ("javascript:")."""
    for document in ctx.repo.documents.values():
        _web_address(ctx, document, "source_url")
    for authority in ctx.repo.authorities.values():
        if authority.change_source is not None:
            _web_address(ctx, authority.change_source, "url")


def _web_address(ctx: Context, owner: Any, field: str) -> None:
    value = getattr(owner, field)
    if not value or markup.WEB_ADDRESS_RE.match(value):
        return
    hint = f' — did you mean "{fixed}"?' if (fixed := markup.meant(value)) is not None else ""
    add(ctx.report, owner, field, f"a link must be a full web address{hint}",
        "an address starting with https:// (or http://)", f'"{value}"', rule_name="link-address")
