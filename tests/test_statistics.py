"""The statistics page's charts (pages/statistics.py, drawn by pygal): axis labels whole, bytes
the same from build to build."""
from __future__ import annotations

import re

from thidua.pages.statistics import Chart, _svg

ROWS = [("Bằng khen của Thủ tướng Chính phủ", 5), ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", 746),
        ("Giấy khen của Chủ tịch Ủy ban nhân dân xã", 16826)]


def test_axis_labels_are_never_cut():
    """pygal cuts labels to fit: a national count's axis read "100…" for 10000. Rows by name are
    drawn horizontally (names in a legend), years vertically (`charts`)."""
    years = [("2023", 9411), ("2024", 123456), ("2025", 16826)]
    for rows, horizontal in ((ROWS, True), (years, False)):
        svg = _svg(Chart("c", "Lượt", "Hình thức", "Lượt khen thưởng", rows), horizontal).decode("utf-8")
        assert not re.findall(r">[^<>]*…<", svg), horizontal
        assert ">16826<" in svg, horizontal
    assert ">120000<" in svg or ">100000<" in svg


def test_a_chart_is_the_same_bytes_every_time():
    chart = Chart("theo-nam", "Lượt", "Năm", "Lượt khen thưởng", [("2024", 12000), ("2025", 15411)])
    first, again = _svg(chart, False), _svg(chart, False)
    assert first == again and b"theo-nam" in first
