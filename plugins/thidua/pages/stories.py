"""Exemplary-model stories (dien-hinh/): a page per story, the index, and lists per year, campaign
and authority (dien-hinh/{nam,phong-trao,co-quan}/<key>/).

A story's body is Markdown written by a communications office. It is rendered with raw HTML
switched off (tags typed in the text come out as text), then cleaned by Ammonia (nh3) with a
small allow-list, so no script, style, image, iframe or event attribute can reach the page.
Photos are copied into the site only once their path resolves to a file inside the data folder.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from functools import cache

import markdown
import nh3
from markupsafe import Markup

from .. import model
from ..photos import read_published, resolve_photo
from ..text import slugify
from .site import Site, TocEntry
from .decisions import decision_heading
from . import lines as line_html
from .render import Renderer, authority_label
from .urls import index_url, line_url, record_url, story_list_url

log = logging.getLogger("mkdocs.plugins.thidua")

LATEST = 20  # on the stories index
ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "a", "h2", "h3", "h4", "h5", "h6", "hr",
                "code", "pre"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
_HEADING = re.compile(r"<(/?)h([1-6])\b")


@cache  # building a Markdown parser costs more than converting a story: build it once
def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(output_format="html")
    md.preprocessors.deregister("html_block")  # raw HTML blocks become text
    md.inlinePatterns.deregister("html")  # and so do inline tags
    return md


def render_markdown(text: str) -> Markup:
    """Story Markdown to safe HTML. Headings are shifted so the first level is h2 (the page has the h1)."""
    md = _markdown()
    html = md.reset().convert(text)
    levels = [int(m.group(2)) for m in _HEADING.finditer(html)]
    if levels:
        shift = 2 - min(levels)
        html = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}", html)
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                            link_rel="noopener noreferrer nofollow", strip_comments=True))


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


def build_lists(renderer: Renderer, site: Site) -> None:
    repo, g = renderer.repo, renderer.graph
    years = sorted(g.stories_of_year, reverse=True)
    campaigns = sorted((c for c in g.stories_of_campaign if c in repo.campaigns), key=lambda c: repo.campaigns[c].name)
    authorities = sorted((a for a in g.stories_of_authority if a in repo.authorities),
                         key=lambda a: (repo.authorities[a].name, a))
    root = index_url("stories")
    latest = g.stories[:LATEST]
    site.pages.append(renderer.page(
        "stories_index.html", root, "Gương điển hình tiên tiến", kind="index",
        description="Câu chuyện về tập thể, cá nhân, hộ gia đình, mô hình hay, cách làm sáng tạo trong các phong trào thi đua.",
        crumbs=[("", "Trang chủ"), (None, "Điển hình tiên tiến")],
        toc=[TocEntry(2, "moi-nhat", "Mới nhất")] + ([TocEntry(2, "theo-nam", "Theo năm")] if years else [])
        + ([TocEntry(2, "theo-phong-trao", "Theo phong trào")] if campaigns else [])
        + ([TocEntry(2, "theo-co-quan", "Theo cơ quan, địa phương")] if authorities else []),
        heading_text="Gương điển hình tiên tiến", stories=latest, total=len(g.stories), is_index=True,
        has_sample=any(s.sample for s in latest),
        years=[(y, len(g.stories_of_year[y])) for y in years],
        campaigns=[(repo.campaigns[c], len(g.stories_of_campaign[c])) for c in campaigns],
        authorities=[(repo.authorities[a], len(g.stories_of_authority[a])) for a in authorities],
        story_list_url=story_list_url,
    ))

    def one(facet, key, heading, short):
        stories = {"years": g.stories_of_year, "campaigns": g.stories_of_campaign,
                   "authorities": g.stories_of_authority}[facet][key]
        site.pages.append(renderer.page(
            "stories_index.html", story_list_url(facet, key), heading, kind="story-list",
            description=f"{heading}: {len(stories)} câu chuyện điển hình tiên tiến.",
            crumbs=[("", "Trang chủ"), (root, "Điển hình tiên tiến"), (None, short)],
            heading_text=heading, stories=stories, total=len(stories), is_index=False,
            has_sample=any(s.sample for s in stories), years=[], campaigns=[], authorities=[],
            story_list_url=story_list_url,
        ))

    for y in years:
        one("years", y, f"Gương điển hình năm {y}", f"Năm {y}")
    for c in campaigns:
        one("campaigns", c, f"Gương điển hình phong trào “{repo.campaigns[c].name}”", repo.campaigns[c].name)
    for a in authorities:
        one("authorities", a, f"Gương điển hình: {repo.authorities[a].name}", authority_label(repo.authorities[a]))


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
