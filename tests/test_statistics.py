"""The statistics page's charts (pages/statistics.py, drawn by pygal): axis labels whole, bytes
the same from build to build."""
from __future__ import annotations

import re

from thidua.pages.statistics import Chart, _svg

ROWS = [("Bằng khen của Thủ tướng Chính phủ", 5), ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", 746),
        ("Giấy khen của Chủ tịch Ủy ban nhân dân xã", 16826)]


def test_axis_labels_are_never_cut():
    """pygal cuts labels to fit: a national count's value axis read "100…" for 10000 (rows by name
    are drawn horizontally, their names in a legend: `charts`)."""
    svg = _svg(Chart("c", "Lượt", "Hình thức", "Lượt khen thưởng", ROWS), True).decode("utf-8")
    assert not re.findall(r">[^<>]*…<", svg)
    assert ">10000<" in svg and ">16000<" in svg  # the axis' own labels (the bar prints 16826)


def test_a_chart_is_the_same_bytes_every_time():
    chart = Chart("theo-nam", "Lượt", "Năm", "Lượt khen thưởng", [("2024", 12000), ("2025", 15411)])
    first, again = _svg(chart, False), _svg(chart, False)
    assert first == again and b"theo-nam" in first
