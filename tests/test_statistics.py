"""The statistics page's charts (pages/statistics.py, drawn by pygal): axis labels whole, round and
written as Vietnamese writes numbers, long names in an HTML legend, bytes the same from build to build."""
from __future__ import annotations

import re

from thidua.pages.statistics import PALETTE, Chart, _svg, ticks
from thidua.text import vi_number

ROWS = [("Bằng khen của Thủ tướng Chính phủ", 5), ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", 746),
        ("Giấy khen của Chủ tịch Ủy ban nhân dân xã", 16826)]


def test_axis_labels_are_never_cut():
    """pygal cuts labels to fit: a national count's value axis read "100…" for 10000 (rows by name
    are drawn horizontally, their names in a legend: `charts`)."""
    svg = _svg(Chart("c", "Lượt", "Hình thức", "Lượt khen thưởng", ROWS, horizontal=True)).decode("utf-8")
    assert not re.findall(r">[^<>]*…<", svg)
    assert ">10.000<" in svg and ">20.000<" in svg  # the axis' own labels (the bar prints 16.826)


def test_the_value_axis_has_a_few_round_whole_numbers():
    """pygal's own ticks read "0, 0.2 … 2.8" for three plans, and at province eight five-digit labels
    ran into each other on a phone."""
    assert ticks(3) == [0, 1, 2, 3] and ticks(7) == [0, 2, 4, 6, 8] and ticks(16826) == [0, 5000, 10000, 15000, 20000]
    for top in range(0, 3000, 7):
        found = ticks(top)
        step = found[1] - found[0] if len(found) > 1 else 1
        assert found[0] == 0 and found[-1] >= top > found[-1] - step and len(found) <= 6, (top, found)
        assert str(step).strip("0") in ("1", "2", "5"), (top, found)
    svg = _svg(Chart("c", "Kế hoạch", "Cấp", "Số kế hoạch", [("Tỉnh", 1), ("Sở", 3)], horizontal=True)).decode("utf-8")
    assert ">0.2<" not in svg and ">2.8<" not in svg and ">3<" in svg
    assert vi_number(16826) == "16.826" and vi_number(5) == "5" and vi_number(1234567) == "1.234.567"
    assert vi_number("—") == "—"  # a size not known yet, as it is


def test_long_names_are_an_html_legend_in_the_bars_colours():
    """In the SVG a long form's name ran off the image's edge at a phone's 12 px: the names are the
    page's own text under it, each beside its bar's colour, one colour a bar. Past the palette's
    eight colours (64 provinces at national scale drew eight colours eight times over, 2,700 px
    tall on a phone) the eight rows of the largest values are drawn, in the chart's order; the
    table has all."""
    for extra in (5, 10):  # within the palette's eight colours, and past them
        rows = ROWS + [(f"Tỉnh số {i}", 10 - i) for i in range(extra)]
        chart = Chart("c", "Lượt", "Hình thức", "Lượt khen thưởng", rows, horizontal=True)
        svg = _svg(chart).decode("utf-8")
        assert 'class="legends"' not in svg and "Thủ tướng" not in svg  # no legend drawn
        # past eight: the three of ROWS (5, 746 and 16,826) and "Tỉnh số" 0 to 4 (10 to 6); not 5 to 9
        bars = rows if len(rows) <= len(PALETTE) else rows[:8]
        assert [name for name, _ in chart.legend] == [name for name, _ in bars]
        assert len({colour for _, colour in chart.legend}) == len(chart.legend) <= len(PALETTE)
        values = re.findall(r'<text[^>]*class="value[^"]*"[^>]*>([^<]+)<', svg)  # the values printed, one a bar
        assert sorted(values) == sorted(vi_number(n) for _, n in bars)
        for i, (_, colour) in enumerate(chart.legend):  # each bar's fill, as the SVG's style sets it
            fill = re.search(rf"\.color-{i}[^{{]*\{{[^}}]*?fill: *(#[0-9a-fA-F]{{6}})", svg)
            assert fill and fill.group(1).lower() == colour.lower(), (i, colour, fill and fill.group(1))


def test_a_chart_is_the_same_bytes_every_time():
    chart = Chart("theo-nam", "Lượt", "Năm", "Lượt khen thưởng", [("2024", 12000), ("2025", 15411)])
    first, again = _svg(chart), _svg(chart)
    assert first == again and b"theo-nam" in first


def test_the_page_shows_the_legend_and_numbers_as_vietnamese_writes_them(tmp_path):
    from test_honor_pages import bulk, honor_data, pages_of, site_of

    body = pages_of(site_of(honor_data(tmp_path, bulk(1200))))["thong-ke/"].body
    legend = re.findall(r'<li><span class="td-swatch" style="background-color: (#[0-9a-f]{6})"></span>([^<]+)</li>', body)
    assert legend and [colour for colour, _ in legend][:2] == list(PALETTE[:2])
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in [name for _, name in legend]
    cells = re.findall(r'<tr><th scope="row">([^<]+)</th><td>([^<]+)</td></tr>', body)
    assert ("2022", "1.200") in cells and ("Tỉnh Đồng Xuân", "1.214") in cells, cells  # bulk's 1,200 lines in 2022


def test_a_chart_of_more_rows_than_colours_says_it_draws_the_largest(tmp_path):
    """Past the palette's eight colours a chart draws the eight largest rows; the page says so, and
    its table still gives every row."""
    from test_honor_pages import honor_data, pages_of, site_of

    extra = {}
    for i in range(9):
        extra[f"authorities/ubnd-tinh-so-{i}.yml"] = f"id: ubnd-tinh-so-{i}\nname: Ủy ban nhân dân tỉnh Số {i}\nlevel: province\n"
        lines = "".join(f"- kind: individual\n  name: Nguyễn Văn Số {i} {k}\n  unit: Xã Số {i}\n  achievement: Tốt.\n"
                        for k in range(i + 1))
        extra[f"decisions/qd-{i + 1}-so-{i}-2024.yml"] = (
            f"id: qd-{i + 1}-so-{i}-2024\nnumber: {i + 1}/QĐ-UBND\ndate: '2024-11-15'\nauthority: ubnd-tinh-so-{i}\n"
            f"form: bang-khen-tinh\noccasion: yearly\nrecipients:\n{lines}")
    body = pages_of(site_of(honor_data(tmp_path, extra)))["thong-ke/"].body
    section = body.split('id="theo-tinh"')[1].split("</section>")[0]
    provinces = re.findall(r'<tr><th scope="row">([^<]+)</th>', section)
    assert len(provinces) > len(PALETTE) and "Tỉnh Số 0" in provinces  # every row in the table
    assert (f"Biểu đồ chỉ vẽ 8 trong số {len(provinces)} dòng của bảng dưới đây: "
            "những dòng có nhiều lượt khen thưởng nhất.") in section
    assert "Biểu đồ chỉ vẽ" not in body.split('id="theo-nam"')[1].split("</section>")[0]  # a chart of years: all
    legend = re.findall(r'</span>([^<]+)</li>', section)
    assert len(legend) == len(PALETTE) and "Tỉnh Số 0" not in legend  # the one line of Số 0 is not drawn


def test_each_value_is_printed_past_its_bar_and_inside_the_image(tmp_path, page):
    """Values were printed centred on the bar's end (a horizontal bar's crossed it) or inside it
    (black on dark red): each is now past its bar's end, whole inside the image, even for a bar
    as long as the axis' round top would be (20.000)."""
    measure = """() => {
      const box = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
      const series = e => [...e.closest('.series').classList].find(c => c.startsWith('serie-'));
      const bars = {};
      for (const r of document.querySelectorAll('.plot .series rect.rect')) (bars[series(r)] ||= []).push(box(r));
      return {image: box(document.documentElement),
              values: [...document.querySelectorAll('.text-overlay text.value')].map(t => {
                const s = series(t), i = [...t.parentNode.querySelectorAll('text.value')].indexOf(t);
                return [box(t), bars[s][i], t.textContent]; })};
    }"""
    for horizontal, rows in ((True, ROWS + [("Tỉnh", 20000)]), (False, [("2024", 12000), ("2025", 20000), ("2026", 3)])):
        path = tmp_path / f"{'h' if horizontal else 'v'}.svg"
        path.write_bytes(_svg(Chart("c", "Lượt", "Hình thức", "Lượt khen thưởng", rows, horizontal=horizontal)))
        page.goto(path.as_uri())
        found = page.evaluate(measure)
        left, top, right, bottom = found["image"]
        assert sorted(v[2] for v in found["values"]) == sorted(vi_number(n) for _, n in rows)
        for (t_left, t_top, t_right, t_bottom), (_, b_top, b_right, _), text in found["values"]:
            assert left <= t_left and t_right <= right and top <= t_top and t_bottom <= bottom, (horizontal, text)
            if horizontal:
                assert t_left >= b_right, (text, t_left, b_right)
            else:
                assert t_bottom <= b_top + 5, (text, t_bottom, b_top)  # the box holds the font's descent, 4 px at 20 px
    # beside the eighth colour (#004d40) pygal wrote the value white, on the white background past the bar
    rows = [(f"Tỉnh số {i}", 100 - i) for i in range(len(PALETTE))]
    path = tmp_path / "eight.svg"
    path.write_bytes(_svg(Chart("c", "Lượt", "Tỉnh", "Lượt khen thưởng", rows, horizontal=True)))
    page.goto(path.as_uri())
    fills = page.evaluate("[...document.querySelectorAll('.text-overlay text.value')].map(t => getComputedStyle(t).fill)")
    assert fills == ["rgb(31, 31, 31)"] * len(PALETTE), fills
