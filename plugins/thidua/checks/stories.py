"""Checks of stories (all locked errors: a broken or unsafe page must not be published):

  story-subject     the subject's decision and recipient line exist
  story-photo       photo paths stay inside the data folder, the file exists, alt text is given
  story-markup      story Markdown holds no raw HTML, and links only to full addresses of safe schemes
"""
from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterator

from .. import markup
from ..photos import SCHEME_RE, photo_path_problem
from ..loader import ID_RE
from .base import Context


def story_subjects(ctx: Context) -> None:
    for story in ctx.repo.stories.values():
        subject = story.subject
        if subject is None:
            continue
        if subject.recipient and not subject.decision:
            ctx.problem("story-subject", subject, "recipient",
                        "a recipient line is named without the decision it is in",
                        "decision: the id of the award decision listing this recipient", "no decision")
            continue
        if not (subject.name or subject.decision or subject.authority):
            ctx.problem("story-subject", story, "subject", "the subject is empty",
                        "name, decision (and recipient) or authority", "none of them")
            continue
        decision = ctx.repo.decisions.get(subject.decision) if subject.decision else None
        if decision is None or not subject.recipient:
            continue  # a dangling decision is reported by the reference rule
        anchors = ctx.anchors(decision)  # many stories may cite one long decision: once each
        if subject.recipient not in anchors:
            # an invalid recipient id is reported at its line, never offered as a fix
            public = [a for a, r in zip(anchors, decision.recipients) if r.public and ID_RE.match(a)]
            close = difflib.get_close_matches(subject.recipient, public, n=1, cutoff=0.6)
            hint = f' — did you mean "{close[0]}"?' if close else ""
            ctx.problem("story-subject", subject, "recipient",
                        f"decision {decision.id} has no recipient line with this id{hint}",
                        "a recipient's id, or the slug of its name (e.g. nguyen-thi-thuy)", f'"{subject.recipient}"')


def story_photos(ctx: Context) -> None:
    for story in ctx.repo.stories.values():
        for photo in story.photos:
            found = photo_path_problem(ctx.repo.root, photo.file)
            if found is not None:
                message, expected = found
                ctx.problem("story-photo", photo, "file", message, expected, f'"{photo.file}"')
            if not photo.alt.strip():
                ctx.problem("story-photo", photo, "alt", "the photo has no alt text",
                            "a sentence saying what the photo shows, for readers who cannot see it", "empty text")


_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BACKTICKS_RE = re.compile(r"`+")
_HTML_RE = re.compile(r"<(?:!--|![A-Za-z\[]|\?|/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$))")


def markup_problems(body: str) -> Iterator[tuple[int, str, str]]:
    """(offset, message, found) for raw HTML, unsafe link targets and links without a full address
    in story Markdown."""
    masked = list(body)
    # blank out fenced code blocks and code spans: what is in them is shown as text
    offset, fence = 0, None
    for line in body.splitlines(keepends=True):
        m = _FENCE_RE.match(line)
        if fence is None and m:
            fence = m.group(1)[0] * len(m.group(1))
            masked[offset:offset + len(line)] = " " * len(line)
        elif fence is not None:
            masked[offset:offset + len(line)] = " " * len(line)
            if line.strip().startswith(fence):
                fence = None
        offset += len(line)
    text = _mask_code_spans("".join(masked))
    found = []
    for m in _HTML_RE.finditer(text):
        end = text.find(">", m.start(), m.start() + 60)  # bounded: many "<a" without ">" stay linear
        shown = text[m.start(): end + 1 if end >= 0 else m.start() + 40]
        found.append((m.start(), "story Markdown cannot hold raw HTML", shown.strip()))
    heavy = markup.too_heavy(body)
    if heavy is not None:  # never handed to the parser: it could take hours (markup.BOUNDS)
        found.append((0, f"the text is too heavy for a story's page: it holds {heavy}", f"{len(body):,} characters"))
    cursor = 0
    links: list[tuple[str, str]] = []
    if heavy is None:
        try:
            links = markup.targets(body)  # what the page links to, as its parser reads it
        except RecursionError:  # lists or quotes nested past the parser's recursion: the page could not render
            found.append((0, "the text is too heavy for a story's page: lists or quotes nested too deep",
                          f"{len(body):,} characters"))
    for tag, target in links:
        at = body.find(target, cursor)
        if at < 0:  # written otherwise (an entity): named where the previous link ended
            at = cursor
        else:
            cursor = at + len(target)
        problem = _target_problem(tag, target)
        if problem is not None:
            found.append((at, problem, target[:60]))
    newlines = [i for i, c in enumerate(body) if c == "\n"]
    seen = set()  # one problem per line and kind: "<b>x</b>" is one mistake, not two
    for offset, message, shown in sorted(found):
        key = (bisect.bisect_left(newlines, offset), message)
        if key not in seen:
            seen.add(key)
            yield offset, message, shown


def _target_problem(tag: str, target: str) -> str | None:
    """What is wrong with a link ("a") or image ("img") of a story's body, or None."""
    scheme = SCHEME_RE.match(target)
    if scheme and scheme.group(0)[:-1].lower() not in markup.SCHEMES:
        return f'a link to "{scheme.group(0)}" is not allowed'
    if tag == "img":  # the page's allow-list drops it: said, not lost silently
        return "a story's text shows no images: put the photo under photos: (with its alt text)"
    if scheme and scheme.group(0).lower() == "mailto:" and not target[len("mailto:"):].strip():
        return "a link with no address leads nowhere"
    return _leads_nowhere(target)


def _leads_nowhere(target: str) -> str | None:
    """Why a link without a full address leads nowhere, or None if it has one. Such an address is
    kept as it is, relative to the story's own URL, where nothing is: the portal's pages move with
    their ids and the site's address, and render_markdown gives a story's headings no anchors."""
    scheme = SCHEME_RE.match(target)
    if scheme is not None and (scheme.group(0).lower() not in ("http:", "https:") or markup.WEB_ADDRESS_RE.match(target)):
        return None  # a full address; its scheme is looked at by the caller
    if not target:
        return "a link with no address leads nowhere"
    if target.startswith("#"):
        return "a link to a part of the story leads nowhere: its headings have no anchors"
    if (fixed := markup.meant(target)) is not None:
        return f'a link without "https://" leads nowhere on the site — did you mean "{fixed}"?'
    return "a link to a relative address leads nowhere on the site"


def _mask_code_spans(text: str) -> str:
    """`text` with its code spans blanked out, in one pass. A run of n backticks opens a span that
    the next run of exactly n backticks closes (CommonMark); a run with no such closer is text.
    The regular expression this replaces rescanned the rest of the body at every unclosed run
    (quadratic: a 5 MB story took over five minutes)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS_RE.finditer(text)]
    closer: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}  # run length -> index of the nearest such run to the right
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i][1] - runs[i][0]
        closer[i] = last.get(length)
        last[length] = i
    pieces, at, i = [], 0, 0
    while i < len(runs):
        j = closer[i]
        if j is None:
            i += 1
            continue
        start, end = runs[i][0], runs[j][1]
        pieces += [text[at:start], " " * (end - start)]
        at, i = end, j + 1
    pieces.append(text[at:])
    return "".join(pieces)


def story_markup(ctx: Context) -> None:
    ctx.each_record("story-markup", _markup_of, kinds=("stories",))


def _markup_of(ctx: Context, _kind, story) -> None:
    """story_markup's work for one story: it reads nothing else."""
    for offset, message, found in markup_problems(story.body):
        ctx.problem_in_text("story-markup", story, "stories", story, "body", offset, message,
                            "Markdown only: text, emphasis, lists, headings, links to full addresses "
                            "(https://..., http://... or mailto:...)", found)
