"""Index pages: all documents (filterable), authorities by province, periods, campaigns."""
from __future__ import annotations

from .. import model
from ..graph import doc_key
from . import split
from .site import Site
from ..model import LEVEL_ORDER
from ..text import sort_key
from .render import Renderer, authority_label
from .urls import index_url


def provinces_directory(renderer: Renderer, authorities: list[model.Authority] | None = None):
    """[(province or None, [authorities under it])]: the directory (of `authorities`, by default all)
    grouped by province, central first."""
    g = renderer.graph
    groups: dict[str, list[model.Authority]] = {}
    for authority in renderer.repo.authorities.values() if authorities is None else authorities:
        province = g.province_of(authority.id)
        groups.setdefault(province.id if province else "", []).append(authority)
    out = []
    for pid in sorted(groups, key=lambda k: (k != "", sort_key(renderer.repo.authorities[k].name) if k else ())):
        members = sorted(groups[pid], key=lambda a: (LEVEL_ORDER[a.level], sort_key(a.name), a.id))
        out.append((renderer.repo.authorities.get(pid), members))
    return out


def _itself(authority: model.Authority) -> str:
    return authority.id


def _launcher(renderer: Renderer):
    """A campaign's authority: the one that issued its launching document (none: central)."""
    def authority(campaign: model.Campaign) -> str | None:
        launched = renderer.repo.documents.get(campaign.launched_by) if campaign.launched_by else None
        return launched.authority if launched is not None else None
    return authority


def build(renderer: Renderer, site: Site) -> None:
    """The indexes; those that grow with the data (documents, authorities, campaigns) are split by
    province at national scale (split.py), their parts under `<index>/tinh/<province id>/`."""
    repo, g = renderer.repo, renderer.graph
    documents = sorted(repo.documents.values(), key=doc_key)  # as the graph orders them
    listing = split.listing(renderer, site, index_url("documents"),
                            {"documents": split.Section(documents, split.by_authority, split.document_row)}, under="tinh/")
    for part in listing.parts:
        shown = part.items["documents"]
        split.add(site, renderer.page(
            "documents_index.html", part.url, split.title("Kế hoạch và văn bản", part), kind="index",
            description=split.description(
                "Tra cứu kế hoạch thi đua và các văn bản liên quan theo phong trào, cấp, cơ quan và giai đoạn.", part),
            crumbs=split.crumbs([("", "Trang chủ"), (None, "Kế hoạch và văn bản")], part),
            documents=shown, total=len(documents) if part.at_top else part.counts["documents"],
            # in the order of what each option shows: a campaign's name, an authority's label
            campaign_ids=sorted({d.campaign for d in shown if d.campaign},
                                key=lambda c: (sort_key(repo.campaigns[c].name if c in repo.campaigns else c), c)),
            authority_ids=sorted({d.authority for d in shown},
                                 key=lambda a: (sort_key(authority_label(repo.authorities[a])), a)),
            period_ids=sorted({d.period.id for d in shown if d.period}),
            levels=[lv for lv in model.Level if any(repo.authorities[d.authority].level == lv for d in shown)],
            part=part, counted=[("documents", "văn bản")],
        ), part)
    authorities = [a for _, members in provinces_directory(renderer) for a in members]
    listing = split.listing(renderer, site, index_url("authorities"),
                            {"authorities": split.Section(authorities, _itself)}, under="tinh/")
    for part in listing.parts:
        split.add(site, renderer.page(
            "authorities_index.html", part.url, split.title("Cơ quan, đơn vị", part), kind="index",
            description=split.description("Danh bạ cơ quan ban hành kế hoạch thi đua, theo tỉnh, thành phố.", part),
            crumbs=split.crumbs([("", "Trang chủ"), (None, "Cơ quan")], part),
            directory=provinces_directory(renderer, part.items["authorities"]),
            part=part, counted=[("authorities", "cơ quan, đơn vị")],
        ), part)
    site.pages.append(renderer.page(
        "periods_index.html", index_url("periods"), "Giai đoạn và năm", kind="index",
        description="Các giai đoạn thi đua và các năm có kế hoạch, mốc tiến độ.",
        crumbs=[("", "Trang chủ"), (None, "Giai đoạn")],
        periods=sorted(g.periods.values(), key=lambda p: (-p.start, -p.end)), years=sorted(g.years, reverse=True),
        counts={pid: len(g.documents_of_period.get(pid, [])) for pid in g.periods},
    ))
    campaigns = sorted(repo.campaigns.values(), key=lambda c: (-c.period.start, sort_key(c.name)))
    listing = split.listing(renderer, site, index_url("campaigns"),
                            {"campaigns": split.Section(campaigns, _launcher(renderer))}, under="tinh/")
    for part in listing.parts:
        split.add(site, renderer.page(
            "campaigns_index.html", part.url, split.title("Phong trào thi đua", part), kind="index",
            description=split.description("Các phong trào thi đua được đăng trên cổng thông tin.", part),
            crumbs=split.crumbs([("", "Trang chủ"), (None, "Phong trào")], part),
            campaigns=part.items["campaigns"], part=part, counted=[("campaigns", "phong trào")],
        ), part)
