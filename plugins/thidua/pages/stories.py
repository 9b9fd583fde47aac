"""(In progress) stories pages for honor rolls and exemplary-model stories."""
from __future__ import annotations

from . import Site
from .render import Renderer


def build(renderer: Renderer, site: Site) -> None:
    return None
