"""Exemplary-model stories (dien-hinh/): a page per story, the index, and lists per year, campaign
and authority (dien-hinh/{nam,phong-trao,co-quan}/<key>/), split by province past split.BOUND lines.

A story's body is Markdown written by a communications office. It is rendered with raw HTML
switched off (tags typed in the text come out as text), then cleaned by Ammonia (nh3) with a
small allow-list, so no script, style, image, iframe or event attribute can reach the page.
Photos are copied into the site only once their path resolves to a file inside the data folder.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

import nh3
from markupsafe import Markup

from .. import markup, model
from ..photos import read_published, resolve_photo
from ..text import slugify, sort_key, vi_number
from .site import Site, TocEntry
from .decisions import decision_heading
from . import lines as line_html
from . import split
from .render import Renderer, authority_label
from .urls import index_url, line_url, record_url, story_list_url

log = logging.getLogger("mkdocs.plugins.thidua")

LATEST = 20  # on the stories index
ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "a", "h2", "h3", "h4", "h5", "h6", "hr",
                "code", "pre"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = markup.SCHEMES
_HEADING = re.compile(r"<(/?)h([1-6])\b")


def render_markdown(text: str) -> Markup:
    """Story Markdown to safe HTML, its headings relevelled (`_relevel`)."""
    html = _relevel(markup.to_html(text))
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                            link_rel="noopener noreferrer nofollow", strip_comments=True))


def _relevel(html: str) -> str:
    """The headings of rendered story HTML at levels without gaps: the first at h2 (the page has the
    h1), each at most one level below the one before, so "# A" then "### B" gives h2 then h3, not
    the h4 a screen reader announces as a missing level (axe "heading-order"). Each heading goes one
    level below the nearest earlier heading the office wrote at a higher level (a smaller number),
    or to h2 if there is none: the office's nesting is kept, its skipped levels are not.
    Text never holds "<h": raw HTML is off, so Markdown escapes a typed "<"."""
    above: list[tuple[int, int]] = []  # (level written, level given), the headings enclosing the next one
    given = 2

    def tag(m: re.Match) -> str:
        nonlocal given
        if not m.group(1):  # an opening tag; headings do not nest, so its closing tag comes next
            written = int(m.group(2))
            while above and above[-1][0] >= written:
                above.pop()
            given = min(6, above[-1][1] + 1) if above else 2
            above.append((written, given))
        return f"<{m.group(1)}h{given}"

    return _HEADING.sub(tag, html)


def publish_photos(renderer: Renderer, site: Site, story: model.Story) -> list[tuple[model.Photo, str]]:
    """Copy the story's photos next to its page; [(photo, file name relative to the page)]."""
    out = []
    for i, photo in enumerate(story.photos, start=1):
        path = resolve_photo(renderer.repo.root, photo.file)
        published = read_published(path) if path is not None else None  # metadata removed
        if path is None or published is None:
            log.warning(f"thidua: story {story.id}: photo {photo.file!r} is not an image file inside the data "
                        f"folder; it is not published")
            continue
        content, suffix = published
        # named after the path the checks read (not a link's target), with the suffix of what it holds
        name = f"{i}-{slugify(Path(photo.file).stem) or 'anh'}{suffix}"
        site.files[record_url("stories", story.id) + name] = content
        out.append((photo, name))
    return out


def subject_of(renderer: Renderer, story: model.Story):
    """(text, url or None) for the story's subject."""
    g, s = renderer.graph, story.subject
    if s is None:
        return None
    line = g.subject_line.get(story.id)
    if line is not None:
        return (s.name or line.recipient.name, line_url(line.decision.id, line.anchor))
    if s.authority and s.authority in renderer.repo.authorities:
        return (s.name or renderer.repo.authorities[s.authority].name, record_url("authorities", s.authority))
    if s.decision and s.decision in renderer.repo.decisions:
        return (s.name or decision_heading(renderer.repo.decisions[s.decision]), record_url("decisions", s.decision))
    return (s.name, None) if s.name else None


def build_one(renderer: Renderer, site: Site, story: model.Story):
    repo, g = renderer.repo, renderer.graph
    url = record_url("stories", story.id)
    photos = publish_photos(renderer, site, story)
    campaign_id = g.campaign_of_story(story)
    awards = g.subject_awards.get(story.id, [])
    toc = [TocEntry(2, "thong-tin", "Thông tin")]
    if awards:
        toc.append(TocEntry(2, "khen-thuong", "Khen thưởng"))
    description = f"{story.title} — gương điển hình tiên tiến{', ' + story.unit if story.unit else ''}."
    jsonld: dict[str, object] = {"@type": "Article", "headline": story.title, "datePublished": story.date.iso(),
                                 "inLanguage": "vi"}
    if story.author and story.author in repo.authorities:
        jsonld["author"] = {"@type": "GovernmentOrganization", "name": repo.authorities[story.author].name}
    subject = subject_of(renderer, story)
    if subject:
        jsonld["about"] = {"@type": "Thing", "name": subject[0]}
    return renderer.page(
        "story.html", url, story.title, description=description, jsonld=jsonld, toc=toc, kind="story", record=story,
        crumbs=[("", "Trang chủ"), (index_url("stories"), "Điển hình tiên tiến"), (None, story.title)],
        story=story, body_html=render_markdown(story.body), photos=photos, subject=subject, awards=awards,
        campaign=repo.campaigns.get(campaign_id) if campaign_id else None,
        plan=repo.documents.get(story.plan) if story.plan else None,
        locality=repo.authorities.get(story.locality) if story.locality else None,
        author=repo.authorities.get(story.author) if story.author else None,
        decision_heading=decision_heading,
    )


def story_place(story: model.Story) -> str | None:
    """The authority whose province a story belongs to in a split listing: its commune or unit, else
    the office that wrote it (a province's newspaper)."""
    return story.locality or story.author


def _first(pair: tuple) -> str:
    return pair[0].id


def build_lists(renderer: Renderer, site: Site) -> None:
    """The index and a list per year, campaign and authority. Each grows with the data: past
    split.BOUND lines it is split by province (split.py), a list's parts at `<list>/<province id>/`,
    the index's (every authority that has stories, by its own province) at `dien-hinh/tinh/<province id>/`."""
    repo, g = renderer.repo, renderer.graph
    years = sorted(g.stories_of_year, reverse=True)
    campaigns = sorted((c for c in g.stories_of_campaign if c in repo.campaigns), key=lambda c: sort_key(repo.campaigns[c].name))
    authorities = sorted((a for a in g.stories_of_authority if a in repo.authorities),
                         key=lambda a: (sort_key(repo.authorities[a].name), a))
    root = index_url("stories")
    latest = g.stories[:LATEST]
    listing = split.listing(renderer, site, root, {"authorities": split.Section(
        [(repo.authorities[a], len(g.stories_of_authority[a])) for a in authorities], _first)}, under="tinh/")
    for part in listing.parts:
        shown = part.items["authorities"]
        heading = ("Theo cơ quan, địa phương" if not part.split
                   else f"Cơ quan, địa phương của {part.name}" if part.key
                   else part.place.name[:1].upper() + part.place.name[1:])  # split.CENTRAL, as a heading
        first = part.at_top  # the index's first page: the latest stories, years and campaigns
        toc = []
        if first:
            toc.append(TocEntry(2, "moi-nhat", "Mới nhất"))
            toc += [TocEntry(2, "theo-nam", "Theo năm")] if years else []
            toc += [TocEntry(2, "theo-phong-trao", "Theo phong trào")] if campaigns else []
            toc += [TocEntry(2, "theo-tinh", "Theo tỉnh, thành phố")] if part.split else []
        if shown:
            toc.append(TocEntry(2, "theo-co-quan", heading))
        split.add(site, renderer.page(
            "stories_index.html", part.url, split.title("Gương điển hình tiên tiến", part), kind="index",
            description=split.description("Câu chuyện về tập thể, cá nhân, hộ gia đình, mô hình hay, cách làm sáng "
                                          "tạo trong các phong trào thi đua.", part),
            crumbs=split.crumbs([("", "Trang chủ"), (None, "Điển hình tiên tiến")], part), toc=toc,
            heading_text="Gương điển hình tiên tiến", stories=latest if first else [], total=len(g.stories),
            is_index=True, has_sample=first and any(s.sample for s in latest),
            years=[(y, len(g.stories_of_year[y])) for y in years] if first else [],
            campaigns=[(repo.campaigns[c], len(g.stories_of_campaign[c])) for c in campaigns] if first else [],
            authorities=shown, authorities_heading=heading, story_list_url=story_list_url,
            part=part, counted=[("authorities", "cơ quan, địa phương")],
        ), part)

    def one(facet, key, heading, short):
        stories = {"years": g.stories_of_year, "campaigns": g.stories_of_campaign,
                   "authorities": g.stories_of_authority}[facet][key]
        listing = split.listing(renderer, site, story_list_url(facet, key),
                                {"stories": split.Section(stories, story_place)})
        for part in listing.parts:
            shown = part.items["stories"]
            total = len(stories) if part.at_top else part.counts["stories"]
            stories_heading = f"Câu chuyện của {part.name or 'các cơ quan trung ương'}"  # on a split list
            toc = [TocEntry(2, "theo-tinh", "Theo tỉnh, thành phố")] if part.split and part.at_top else []
            if part.split and part.shows("stories"):
                toc.append(TocEntry(2, "cau-chuyen", stories_heading))
            split.add(site, renderer.page(
                "stories_index.html", part.url, split.title(heading, part), kind="story-list",
                description=split.description(f"{heading}: {vi_number(total)} câu chuyện điển hình tiên tiến.", part),
                crumbs=split.crumbs([("", "Trang chủ"), (root, "Điển hình tiên tiến"), (None, short)], part),
                toc=toc, heading_text=heading, stories=shown, total=total, is_index=False,
                has_sample=any(s.sample for s in shown), years=[], campaigns=[], authorities=[],
                story_list_url=story_list_url, stories_heading=stories_heading,
                part=part, counted=[("stories", "câu chuyện")],
            ), part)

    for y in years:
        one("years", y, f"Gương điển hình năm {y}", f"Năm {y}")
    for c in campaigns:
        one("campaigns", c, f"Gương điển hình phong trào “{repo.campaigns[c].name}”", repo.campaigns[c].name)
    for a in authorities:
        # its stories are those about it, in it or written by it ("Gương điển hình: Báo Đắk Lắk" read
        # as if the newspaper were the model)
        one("authorities", a, f"Gương điển hình liên quan đến {repo.authorities[a].name}",
            authority_label(repo.authorities[a]))


def build(renderer: Renderer, site: Site) -> None:
    line_html.install(renderer)
    for story in renderer.graph.stories:
        site.pages.append(build_one(renderer, site, story))
    build_lists(renderer, site)


def keywords(renderer: Renderer, story: model.Story, description: str) -> list[str | None]:
    """Search: subject, unit and place, tags, and the first paragraph."""
    subject = story.subject
    parts = [description, subject.name if subject else None, story.unit]
    parts += renderer.authority_words(story.locality)[:3]
    if subject is not None and subject.authority:
        parts += renderer.authority_words(subject.authority)[:2]
    parts += list(story.tags)
    parts.append(lede(story.body))
    return parts


LEDE_MAX = 200  # characters of a story's first paragraph in its search entry
_MARKUP = re.compile(r"[*_`#>\[\]]|\]\([^)]*\)|!\[|^\s*[-+]\s+", re.MULTILINE)


def lede(markdown: str | None, limit: int = LEDE_MAX) -> str:
    """The story's first paragraph as plain text, cut at a word: what a reader remembers of it."""
    paragraph = next((p for p in (markdown or "").split("\n\n") if p.strip() and not p.lstrip().startswith("#")), "")
    text = " ".join(_MARKUP.sub(" ", re.sub(r"\]\([^)]*\)", " ", paragraph)).split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def search_sections(renderer: Renderer, story: model.Story) -> list[tuple[str, str, str]]:
    """Search: the whole story as plain text (it has no anchors of its own)."""
    text = " ".join(_MARKUP.sub(" ", re.sub(r"\]\([^)]*\)", " ", story.body or "")).split())
    return [("", "", text)]
