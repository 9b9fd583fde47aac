"""Index pages: all documents (filterable), authorities by province, periods, campaigns."""
from __future__ import annotations

from .. import model
from .site import Site
from .periods import LEVEL_ORDER
from .render import Renderer
from .urls import index_url


def provinces_directory(renderer: Renderer):
    """[(province or None, [authorities under it])]: the directory grouped by province, central first."""
    g = renderer.graph
    groups: dict[str, list[model.Authority]] = {}
    for authority in renderer.repo.authorities.values():
        province = g.province_of(authority.id)
        groups.setdefault(province.id if province else "", []).append(authority)
    out = []
    for pid in sorted(groups, key=lambda k: (k != "", renderer.repo.authorities[k].name if k else "")):
        members = sorted(groups[pid], key=lambda a: (LEVEL_ORDER[a.level], a.name, a.id))
        out.append((renderer.repo.authorities.get(pid), members))
    return out


def build(renderer: Renderer, site: Site) -> None:
    repo, g = renderer.repo, renderer.graph
    documents = sorted(repo.documents.values(), key=lambda d: (-(d.date.sort_key()[0] if d.date else 0), d.id))
    used = lambda attr: sorted({getattr(d, attr) for d in documents if getattr(d, attr)})
    site.pages.append(renderer.page(
        "documents_index.html", index_url("documents"), "Kế hoạch và văn bản", kind="index",
        description="Tra cứu kế hoạch thi đua và các văn bản liên quan theo phong trào, cấp, cơ quan và giai đoạn.",
        crumbs=[("", "Trang chủ"), (None, "Kế hoạch và văn bản")],
        documents=documents, campaign_ids=used("campaign"), authority_ids=sorted({d.authority for d in documents},
            key=lambda a: repo.authorities[a].name), period_ids=sorted({d.period.id for d in documents if d.period}),
        levels=[lv for lv in model.Level if any(repo.authorities[d.authority].level == lv for d in documents)],
    ))
    site.pages.append(renderer.page(
        "authorities_index.html", index_url("authorities"), "Cơ quan, đơn vị", kind="index",
        description="Danh bạ cơ quan ban hành kế hoạch thi đua, theo tỉnh, thành phố.",
        crumbs=[("", "Trang chủ"), (None, "Cơ quan")], directory=provinces_directory(renderer),
    ))
    site.pages.append(renderer.page(
        "periods_index.html", index_url("periods"), "Giai đoạn và năm", kind="index",
        description="Các giai đoạn thi đua và các năm có kế hoạch, mốc tiến độ.",
        crumbs=[("", "Trang chủ"), (None, "Giai đoạn")],
        periods=sorted(g.periods.values(), key=lambda p: (-p.start, -p.end)), years=sorted(g.years, reverse=True),
        counts={pid: len(g.documents_of_period.get(pid, [])) for pid in g.periods},
    ))
    site.pages.append(renderer.page(
        "campaigns_index.html", index_url("campaigns"), "Phong trào thi đua", kind="index",
        description="Các phong trào thi đua được đăng trên cổng thông tin.",
        crumbs=[("", "Trang chủ"), (None, "Phong trào")],
        campaigns=sorted(repo.campaigns.values(), key=lambda c: (-c.period.start, c.name)),
    ))
