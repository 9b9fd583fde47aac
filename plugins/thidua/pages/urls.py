"""Where each page lives on the site. URLs derive from ids and never change."""
from __future__ import annotations

from ..kinds import KINDS

# The sections of pages that are not records of a kind (a kind's section is in its declaration).
SECTIONS = {
    "periods": "giai-doan",
    "years": "nam",
    "honor": "vinh-danh",
}


def section(kind: str) -> str:
    declared = KINDS.get(kind)
    return declared.section if declared is not None else SECTIONS[kind]


def record_url(kind: str, ident) -> str:
    """Directory URL of a record page, relative to the site root: 'van-ban/<id>/'."""
    return f"{section(kind)}/{ident}/"


def index_url(kind: str) -> str:
    return f"{section(kind)}/"


def relative(target: str, here: str) -> str:
    """Link from page `here` to `target` (both site-root-relative directory URLs, maybe with #anchor
    or ?query). Same result as posixpath.relpath on these normalised paths, without its cost:
    a build makes one call per link."""
    path, hash_, anchor = target.partition("#")
    path, q, query = path.partition("?")
    to = [p for p in path.split("/") if p]
    at = [p for p in here.split("/") if p]
    common = 0
    for a, b in zip(to, at):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(at) - common) + to[common:]
    if not parts:
        rel = "./"
    else:
        rel = "/".join(parts) + ("/" if path.endswith("/") or not path or parts[-1] == ".." else "")
    return rel + (q + query) + (hash_ + anchor)


# Honor rolls (vinh-danh/<facet>/<key>/) and story lists (dien-hinh/<facet>/<key>/) by facet.
FACETS = {"campaigns": "phong-trao", "authorities": "co-quan", "years": "nam", "award-forms": "hinh-thuc"}


def honor_url(facet: str | None = None, key=None, page: int = 1) -> str:
    """'vinh-danh/' (the finder), or an honor roll: 'vinh-danh/nam/2024/', its page 2 'vinh-danh/nam/2024/trang-2/'."""
    if facet is None:
        return f"{section('honor')}/"
    url = f"{section('honor')}/{FACETS[facet]}/{key}/"
    return url if page <= 1 else f"{url}trang-{page}/"


def plan_decisions_url(document_id: str) -> str:
    """'van-ban/<plan>/quyet-dinh/': every award decision made under a plan, whose own page lists the newest."""
    return f"{record_url('documents', document_id)}quyet-dinh/"


def line_url(decision_id: str, anchor: str) -> str:
    """A recipient line on its decision page: 'khen-thuong/<decision>/#<anchor>'."""
    return f"{record_url('decisions', decision_id)}#{anchor}"


def story_list_url(facet: str, key) -> str:
    """'dien-hinh/nam/2024/': the stories of one campaign, authority or year."""
    return f"{section('stories')}/{FACETS[facet]}/{key}/"


FINDER_DATA = f"{section('honor')}/du-lieu/"  # the finder's JSON shards
