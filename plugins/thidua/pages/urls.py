"""Where each record lives on the site. URLs derive from ids and never change."""
from __future__ import annotations

import posixpath

# kind -> URL section; one place to change a section name.
SECTIONS = {
    "documents": "van-ban",
    "authorities": "co-quan",
    "campaigns": "phong-trao",
    "periods": "giai-doan",
    "years": "nam",
    "decisions": "khen-thuong",
    "stories": "dien-hinh",
    "award-forms": "hinh-thuc",
    "honor": "vinh-danh",
}


def record_url(kind: str, ident) -> str:
    """Directory URL of a record page, relative to the site root: 'van-ban/<id>/'."""
    return f"{SECTIONS[kind]}/{ident}/"


def index_url(kind: str) -> str:
    return f"{SECTIONS[kind]}/"


def src_uri(url: str) -> str:
    """The virtual Markdown source MkDocs needs for a directory URL."""
    return (url.rstrip("/") or "index") + ".md" if url else "index.md"


def relative(target: str, here: str) -> str:
    """Link from page `here` to `target` (both site-root-relative directory URLs, maybe with #anchor)."""
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(path or ".", here or ".")
    rel = "./" if rel == "." else rel + ("/" if path.endswith("/") or not path else "")
    return rel + (f"#{anchor}" if anchor else "")
