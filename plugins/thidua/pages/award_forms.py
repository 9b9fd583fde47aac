"""Award form pages: who grants each form, to whom, on what legal basis; and the list of forms."""
from __future__ import annotations

from .. import model
from .site import Site
from .render import Renderer
from .urls import index_url, record_url


def build(renderer: Renderer, site: Site) -> None:
    repo = renderer.repo
    forms = sorted(repo.award_forms.values(), key=lambda f: (-f.rank, f.name))
    site.pages.append(renderer.page(
        "award_forms_index.html", index_url("award-forms"), "Hình thức khen thưởng", kind="index",
        description="Các hình thức khen thưởng và thẩm quyền quyết định.",
        crumbs=[("", "Trang chủ"), (None, "Hình thức khen thưởng")], forms=forms,
    ))
    for form in forms:
        site.pages.append(renderer.page(
            "award_form.html", record_url("award-forms", form.id), form.name, kind="award-form",
            description=f"{form.name}: thẩm quyền, đối tượng.",
            crumbs=[("", "Trang chủ"), (index_url("award-forms"), "Hình thức khen thưởng"), (None, form.name)],
            form=form, record=form,
        ))


def keywords(renderer: Renderer, form: model.AwardForm, description: str) -> list[str | None]:
    return [description, form.legal_basis]
