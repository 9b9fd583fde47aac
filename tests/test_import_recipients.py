"""`thidua import recipients`: an annex as offices make it becomes a decision that validates,
and the personal-data columns are never read into any file."""
from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from thidua.cli import main
from thidua.importing import run
from thidua.validate import validate

ROOT = Path(__file__).resolve().parents[1]
# a frozen copy of data/ (tests/fixtures/data/README.md): a valid data commit never breaks these tests
DATA = ROOT / "tests" / "fixtures" / "data"
NEW = dict(date="2024-12-20", authority="ubnd-tinh-binh-thuan", form="bang-khen-chu-tich-ubnd-tinh", occasion="yearly")


@pytest.fixture
def data(tmp_path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def cccd(i: int) -> str:
    return f"0792{i:08d}"


def annex(path: Path, rows: int = 500) -> Path:
    """Two sheets; a title row, a two-row header with merged cells, a CCCD and a phone column."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Cá nhân"
    sheet.append(["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"])
    sheet.merge_cells("A1:H1")
    sheet.append(["(Kèm theo Quyết định số 1234/QĐ-UBND)"])
    sheet.append(["STT", "Họ và tên", "Thông tin cá nhân", None, None, "Chức vụ", "Đơn vị", "Thành tích"])
    sheet.append([None, None, "Số CCCD", "Điện thoại", "Ngày sinh", None, None, None])
    for col in "ABFGH":
        sheet.merge_cells(f"{col}3:{col}4")
    sheet.merge_cells("C3:E3")
    sheet.append(["I. CÁ NHÂN"])
    sheet.merge_cells("A5:H5")
    for i in range(1, rows - 20 + 1):
        sheet.append([i, f"Nguyễn Văn Thứ {i}", cccd(i), f"09{i:08d}", "01/01/1980",
                      "Cán bộ", f"Thôn {i % 7 + 1}, xã Hàm Trí", "Hoàn thành xuất sắc nhiệm vụ"])
    sheet.append(["II. HỘ GIA ĐÌNH"])
    for i in range(1, 11):
        sheet.append([i, f"Hộ ông Trần Văn {i}", cccd(10_000 + i), None, None, None, "xã Hàm Trí", "Thoát nghèo"])
    other = book.create_sheet("Tập thể")
    other.append(["STT", "Tên tập thể", "Đơn vị", "Thành tích", "Địa chỉ"])
    for i, name in enumerate(["Phòng Lao động - Thương binh và Xã hội", "Trường Tiểu học Hàm Trí 1", "UBND xã Hàm Trí",
                              "Hội Nông dân xã Hàm Trí", "Chi bộ thôn 2", "HTX Thanh Long Hàm Minh", "Hội Phụ nữ xã",
                              "Trường THCS Hàm Trí", "Phòng Nội vụ", "Chi bộ thôn 5"], 1):
        other.append([i, name, "huyện Hàm Thuận Bắc", "Dẫn đầu phong trào", f"Số {i} đường Lê Lợi"])
    book.save(str(path))
    return path


def test_annex_of_500_rows_imports_into_a_decision_that_validates(data, tmp_path):
    source = annex(tmp_path / "annex.xlsx")
    result = run.import_recipients(source, data, "qd-9999-ubnd-binh-thuan-2024", **NEW)
    _repo, report = validate(data)
    assert [p.text() for p in report.errors] == []
    decision = yaml.safe_load(result.written[0].read_text(encoding="utf-8"))
    lines = decision["recipients"]
    assert len(lines) == 500
    kinds = {k: sum(1 for r in lines if r["kind"] == k) for k in ("individual", "household", "collective")}
    assert kinds == {"individual": 480, "household": 10, "collective": 10}
    assert lines[0] == {"kind": "individual", "name": "Nguyễn Văn Thứ 1", "position": "Cán bộ",
                        "unit": "Thôn 2, xã Hàm Trí", "achievement": "Hoàn thành xuất sắc nhiệm vụ"}
    dropped = " ".join(m for m in result.messages if m.startswith("dropped"))
    for column in ("CCCD", "Điện thoại", "Ngày sinh", "Địa chỉ"):
        assert column in dropped
    everything = "\n".join(p.read_text(encoding="utf-8") for p in data.rglob("*.yml"))
    assert not any(cccd(i) in everything for i in (1, 250, 480, 10_001))
    assert "01/01/1980" not in everything and "Lê Lợi" not in everything


def test_csv_appended_to_an_existing_decision_keeps_its_fields(data, tmp_path):
    first = annex(tmp_path / "annex.xlsx", rows=30)
    run.import_recipients(first, data, "qd-9998-ubnd-binh-thuan-2024", number="9998/QĐ-UBND", **NEW)
    path = data / "decisions" / "qd-9998-ubnd-binh-thuan-2024.yml"
    before = yaml.safe_load(path.read_text(encoding="utf-8"))
    source = tmp_path / "annex.csv"
    source.write_text("Danh sách\nSTT;Họ và tên;CMND;Đơn vị\n1;Lê Thị Hoa;079123456789;xã Hàm Trí\n"
                      "2;Hộ bà Nguyễn Thị Lan;;thôn 3\n3;Chi hội Nông dân thôn 3;;xã Hàm Trí\n", encoding="utf-8-sig")
    run.import_recipients(source, data, "qd-9998-ubnd-binh-thuan-2024", append=True)
    after = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert after["recipients"][:30] == before["recipients"]
    assert [(r["kind"], r["name"]) for r in after["recipients"][30:]] == [
        ("individual", "Lê Thị Hoa"), ("household", "Hộ bà Nguyễn Thị Lan"), ("collective", "Chi hội Nông dân thôn 3")]
    kept = ("recipients", "review")
    assert {k: v for k, v in after.items() if k not in kept} == {k: v for k, v in before.items() if k not in kept}
    # the questions of the first import stay until a reviewer deletes them; the new ones are added once
    assert after["review"][:len(before["review"])] == before["review"]
    assert len(after["review"]) == len(set(after["review"]))
    assert "079123456789" not in path.read_text(encoding="utf-8")
    _repo, report = validate(data)
    assert [p.text() for p in report.errors] == []


def test_cli_needs_the_fields_of_a_new_decision(data, tmp_path, capsys):
    source = annex(tmp_path / "annex.xlsx", rows=30)
    assert main(["import", "recipients", str(source), "--decision", "qd-moi-2024", "--data", str(data)]) == 2
    assert "--date" in capsys.readouterr().err
    args = [f"--{k}={v}" for k, v in NEW.items()]
    assert main(["import", "recipients", str(source), "--decision", "qd-moi-2024", "--data", str(data), *args]) == 0
    out = capsys.readouterr().out
    assert "dropped personal-data column" in out and "read 30 recipient line(s) from 2 sheet(s)" in out
