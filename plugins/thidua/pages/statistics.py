"""The statistics page (thong-ke/): awards per year, per award form and per province, plans per level.

Charts are drawn at build time as SVG files (pygal), shown as images: no chart script to load and
nothing from another origin. Each chart's numbers are also a table on the page, for screen readers
and for anyone who wants the figures.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import pygal
from pygal.style import Style

from .. import model
from ..model import LEVEL_ORDER
from ..text import place_name, sort_key, vi_number
from .render import Renderer
from .site import Site, TocEntry

URL = "thong-ke/"

# Dark enough for 4.5:1 on white; system fonts only (the SVG is an image: it cannot fetch any).
PALETTE = ("#b71c1c", "#0d47a1", "#1b5e20", "#6a1b9a", "#e65100", "#37474f", "#880e4f", "#004d40")
STYLE_OPTIONS = dict(
    background="#ffffff", plot_background="#ffffff", foreground="#1f1f1f", foreground_strong="#1f1f1f",
    foreground_subtle="#d0d0d0", font_family="system-ui, Arial, sans-serif",
    # drawn 560 wide and shown about 330 wide on a phone: 20 reads as 12 px there
    label_font_size=20, major_label_font_size=20, value_font_size=20, legend_font_size=20,
    title_font_size=20, opacity="1",
    # grid lines light: a value printed over one stays readable
    guide_stroke_color="#c8c8c8", major_guide_stroke_color="#c8c8c8")


def colours(count: int) -> tuple[str, ...]:
    """A colour for each of `count` bars, the palette over again: pygal past its colours darkens
    them towards black, which a legend could not name."""
    return tuple(PALETTE[i % len(PALETTE)] for i in range(count))


def _style(series: int) -> Style:
    return Style(colors=colours(series), **STYLE_OPTIONS)


def ticks(top: int, most: int = 5) -> list[int]:
    """Whole-number ticks from 0 to the first past `top`, at most `most` steps of a round size (1, 2
    or 5 x 10^k): pygal's own read "0, 0.2 … 2.8" for counts of plans, and at province eight
    five-digit labels ran into each other on a phone."""
    power = 1
    while True:
        for factor in (1, 2, 5):
            step = power * factor
            if top <= most * step:
                return list(range(0, -(-top // step) * step + 1, step))
        power *= 10


@dataclass
class Chart:
    id: str
    title: str
    key: str  # what the rows are, the header of the labels' column
    column: str  # what is counted, the header of the numbers' column
    rows: list[tuple[str, int]]
    # rows of long names (award forms, provinces), drawn as horizontal bars named in an HTML legend;
    # else short labels (years) under vertical bars
    horizontal: bool = False
    file: str = ""

    @property
    def bars(self) -> list[tuple[str, int]]:
        """The rows drawn. A chart of names draws every row while there are colours for all, else the
        rows of the largest values, one for each colour, in the chart's order, so that each colour of
        the legend names one bar. At national scale the provinces' chart drew 64 bars in eight colours
        over again: no bar could be told by its legend, and it stood 2,700 px tall on a phone. A bar
        summing the rest would dwarf the others. The table under the chart gives every row."""
        rows = self.rows
        if not self.horizontal or len(rows) <= len(PALETTE):
            return rows
        largest = sorted(range(len(rows)), key=lambda i: (-rows[i][1], i))[:len(PALETTE)]
        return [rows[i] for i in sorted(largest)]

    @property
    def legend(self) -> list[tuple[str, str]]:
        """Each horizontal bar's name and colour, shown under the image as HTML, which wraps them and
        keeps them at the page's size (in the SVG they ran off its edge at 12 px)."""
        bars = self.bars if self.horizontal else []
        return list(zip((label for label, _ in bars), colours(len(bars))))

    @property
    def left_out(self) -> int:
        """Rows of the table the chart does not draw."""
        return len(self.rows) - len(self.bars)


# Each bar's value is printed past its end, outside the bar (inside, black on the palette's dark colours
# could not be read; centred on the end, it crossed it): the axis runs a sixth past the longest bar to hold it.
ROOM = 0.85
# pygal centres them on the end, and writes them white beside a dark colour (the eighth, #004d40):
# past the end they stand on the white background, where white was not seen at all
VALUES_PAST_THE_END = "inline:.text-overlay text.value{text-anchor:start;fill:#1f1f1f !important}"


def _svg(chart: Chart) -> bytes:
    rows = chart.bars
    top = max((value for _, value in rows), default=0)
    scale = [{"label": vi_number(v), "value": v} for v in ticks(math.ceil(top / ROOM))]
    if chart.horizontal:
        # long names (award forms, provinces) would squeeze the plot as axis labels: each row is a
        # series of one bar instead, named in the page's legend (`Chart.legend`)
        # the value axis' labels whole: pygal cuts them to fit (10000 read "100…")
        plot = pygal.HorizontalBar(style=_style(len(rows)), js=[], print_values=True,
                                   show_legend=False, truncate_label=-1,
                                   show_y_labels=False, formatter=vi_number, y_labels=scale,
                                   print_values_position="top", css=[*pygal.Config().css, VALUES_PAST_THE_END],
                                   width=560, height=60 + 70 * len(rows), margin=12)
        for label, value in rows:
            plot.add(label, [value])
    else:
        plot = pygal.Bar(style=_style(1), js=[], show_legend=False, print_values=True, print_values_position="top",
                         formatter=vi_number, y_labels=scale,
                         width=560, height=340, margin=12)
        plot.x_labels = [label for label, _ in chart.rows]
        plot.add(chart.column, [value for _, value in chart.rows])
    svg = plot.render(is_unicode=True)
    # pygal names every chart with a random uuid: a fixed one keeps builds byte-for-byte reproducible
    svg = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", chart.id, svg)
    return svg.encode("utf-8")


def charts(renderer: Renderer) -> list[Chart]:
    repo, g = renderer.repo, renderer.graph
    lines = lambda decisions: sum(len(g.lines_of_decision.get(d.id, [])) for d in decisions)
    per_year = Chart("theo-nam", "Lượt khen thưởng theo năm quyết định", "Năm", "Lượt khen thưởng",
                     [(str(y), lines(g.decisions_of_year[y])) for y in sorted(g.decisions_of_year)])
    forms = sorted(g.decisions_of_form, key=lambda f: (-repo.award_forms[f].rank, sort_key(repo.award_forms[f].name)))
    per_form = Chart("theo-hinh-thuc", "Lượt khen thưởng theo hình thức", "Hình thức", "Lượt khen thưởng",
                     [(repo.award_forms[f].name, lines(g.decisions_of_form[f])) for f in forms], horizontal=True)
    provinces: Counter[str] = Counter()
    for decision in repo.decisions.values():
        province = g.province_of(decision.authority)
        name = place_name(province.name, leading=True) if province else "Trung ương"
        provinces[name] += len(g.lines_of_decision.get(decision.id, []))
    per_province = Chart("theo-tinh", "Lượt khen thưởng theo tỉnh, thành phố của cơ quan quyết định",
                         "Tỉnh, thành phố", "Lượt khen thưởng", sorted(((k, n) for k, n in provinces.items() if n),
                                                    key=lambda r: (-r[1], sort_key(r[0]))), horizontal=True)
    levels = Counter(repo.authorities[d.authority].level for d in repo.documents.values()
                     if d.type == model.DocType.KE_HOACH)
    per_level = Chart("ke-hoach-theo-cap", "Kế hoạch thi đua theo cấp ban hành", "Cấp", "Số kế hoạch",
                      [(model.label(lv), levels[lv]) for lv in sorted(levels, key=lambda lv: LEVEL_ORDER[lv])],
                      horizontal=True)
    return [per_year, per_form, per_province, per_level]


def build(renderer: Renderer, site: Site) -> None:
    shown = []
    for chart in charts(renderer):
        if not chart.rows:
            continue
        chart.file = f"{URL}{chart.id}.svg"
        site.files[chart.file] = _svg(chart)
        shown.append(chart)
    site.pages.append(renderer.page(
        "statistics.html", URL, "Thống kê", kind="statistics",
        description="Số lượt khen thưởng theo năm, hình thức, tỉnh và số kế hoạch thi đua theo cấp.",
        toc=[TocEntry(2, c.id, c.title) for c in shown], crumbs=[("", "Trang chủ"), (None, "Thống kê")],
        charts=shown,
    ))
