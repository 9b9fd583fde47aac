"""Award form pages: who grants each form, to whom, on what legal basis, and who received it (the
form's honor roll and the finder); and the list of forms."""
from __future__ import annotations

from .. import model
from ..text import sort_key
from .site import Site, TocEntry
from .render import Renderer
from .urls import honor_url, index_url, record_url


def build(renderer: Renderer, site: Site) -> None:
    repo = renderer.repo
    forms = sorted(repo.award_forms.values(), key=lambda f: (-f.rank, sort_key(f.name)))
    site.pages.append(renderer.page(
        "award_forms_index.html", index_url("award-forms"), "Hình thức khen thưởng", kind="index",
        description="Các hình thức khen thưởng và thẩm quyền quyết định.",
        crumbs=[("", "Trang chủ"), (None, "Hình thức khen thưởng")], forms=forms,
    ))
    g = renderer.graph
    for form in forms:
        shown = g.with_public_lines(g.decisions_of_form.get(form.id, []))  # counted as its roll counts them
        site.pages.append(renderer.page(
            "award_form.html", record_url("award-forms", form.id), form.name, kind="award-form",
            description=f"{form.name}: thẩm quyền, đối tượng, tập thể, cá nhân được khen thưởng.",
            crumbs=[("", "Trang chủ"), (index_url("award-forms"), "Hình thức khen thưởng"), (None, form.name)],
            toc=[TocEntry(2, "khen-thuong", "Tập thể, cá nhân được khen thưởng")],
            form=form, record=form, decision_count=len(shown),
            line_count=sum(len(g.lines_of_decision[d.id]) for d in shown),
            roll=honor_url("award-forms", form.id), finder=f"{honor_url()}?hinh-thuc={form.id}",
        ))


def keywords(renderer: Renderer, form: model.AwardForm, description: str) -> list[str | None]:
    return [description, form.legal_basis]
