"""Reading a spreadsheet and parsing its cells (no database): what an importer accepts, and what it refuses."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from orggraph.domain.model import URGENCY_LABELS, Urgency
from orggraph.domain.taxonomy import POPULATION_LABELS, SUPPORT_TYPE_LABELS, SupportType
from orggraph.transfer import importing, reading, sheets
from orggraph.transfer.columns import CellError, Spec, enum_labels, term
from orggraph.transfer.reading import FileRefused, Formula


def xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    ws = book.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_header_row_is_found_below_a_title_and_blank_rows_are_skipped() -> None:
    data = xlsx(
        [
            ["天长市 · 成员单位 · 导出于 2026-11-29"],
            ["编号", "单位名称", "备注"],
            ["u-1", "甲", None],
            [None, None, None],
            ["u-2", "乙", "x"],
        ]
    )
    sheet = reading.read_sheet("units.xlsx", data, required=["编号", "单位名称"])
    assert sheet.headers == ["编号", "单位名称", "备注"]
    assert [(r.number, r.cells["编号"]) for r in sheet.rows] == [(3, "u-1"), (5, "u-2")]


def test_a_template_s_notes_and_example_rows_are_not_data() -> None:
    data = importing.template_xlsx(importing.KINDS["units"])
    book = load_workbook(io.BytesIO(data))
    ws = book.active
    assert ws is not None
    ws.append(["unit-1", "某单位", "机关", 3])
    out = io.BytesIO()
    book.save(out)
    sheet = reading.read_sheet("t.xlsx", out.getvalue(), required=["编号"])
    assert [r.cells["编号"] for r in sheet.rows] == ["unit-1"]


def test_a_formula_is_kept_as_a_formula_and_refused_where_a_value_is_expected() -> None:
    sheet = reading.read_sheet("f.xlsx", xlsx([["编号", "党员人数"], ["u", "=1+2"]]), required=["编号"])
    cell = sheet.rows[0].cells["党员人数"]
    assert cell == Formula("=1+2")
    spec = Spec("party_members", "partyMembers", term("Unit", "partyMembers"), "int")
    with pytest.raises(CellError, match="公式"):
        spec.parse(cell)
    with pytest.raises(CellError, match="公式"):
        Spec("name", "name", term("Unit", "name")).parse('=HYPERLINK("http://x")')  # a CSV's formula text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_in_utf_8_with_or_without_bom_and_in_gb18030_as_chinese_excel_saves_it(encoding: str) -> None:
    text = "编号,单位名称\r\nu-1,天长市示例公司\r\n"
    sheet = reading.read_sheet("u.csv", text.encode(encoding), required=["编号"])
    assert sheet.rows[0].cells == {"编号": "u-1", "单位名称": "天长市示例公司"}


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("a.xlsx", b"not a zip at all", "不是 Excel 工作簿"),
        ("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "另存为 .xlsx"),
        ("a.docx", b"hello", "不支持的文件类型"),
        ("a.csv", b"", "空的"),
        ("a.csv", b"\x00\x01\x02binary", "二进制"),
        ("a.csv", "名称,类型\n甲,机关\n".encode(), "找不到表头"),
    ],
)
def test_files_that_are_not_spreadsheets_are_refused_by_name(name: str, data: bytes, says: str) -> None:
    with pytest.raises(FileRefused, match=says):
        reading.read_sheet(name, data, required=["编号"])


def test_a_zip_that_is_not_a_workbook_and_a_zip_bomb_are_refused() -> None:
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as z:
        z.writestr("readme.txt", "hi")
    with pytest.raises(FileRefused, match="不是 Excel 工作簿"):
        reading.read_sheet("a.xlsx", plain.getvalue(), required=["编号"])
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b" " * (20 * 1024 * 1024))
    with pytest.raises(FileRefused, match="压缩炸弹"):
        reading.read_sheet("bomb.xlsx", bomb.getvalue(), required=["编号"])


def _with_part(data: bytes, part: str, text: str) -> bytes:
    """The workbook with one of its XML parts replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, text if info.filename == part else src.read(info))
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def test_xml_entity_bombs_and_external_entities_in_a_workbook_are_refused() -> None:
    """The XML of an .xlsx is read by the standard library's expat, which (from 2.4.1) stops entity expansion
    past a small amplification: the billion laughs is refused, quickly and in little memory; an external entity
    (a file on the server) is never read into a cell."""
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY l0 "ha">{laughs}]>'
        f'<worksheet xmlns="{MAIN_NS}"><dimension ref="A1:A2"/><sheetData><row r="1"><c r="A1" t="inlineStr">'
        '<is><t>编号</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>&l9;</t></is></c></row></sheetData></worksheet>'
    )
    data = _with_part(xlsx([["编号"], ["x"]]), SHEET, bomb)
    with pytest.raises(FileRefused, match="无法读取"):
        reading.read_sheet("bomb.xlsx", data, required=["编号"])
    external = (
        f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        f'<worksheet xmlns="{MAIN_NS}"><dimension ref="A1:A2"/><sheetData><row r="1"><c r="A1" t="inlineStr">'
        '<is><t>编号</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>&secret;</t></is></c></row></sheetData></worksheet>'
    )
    data = _with_part(xlsx([["编号"], ["x"]]), SHEET, external)
    try:
        sheet = reading.read_sheet("external.xlsx", data, required=["编号"])
    except FileRefused:
        return
    assert all("root:" not in str(v) for row in sheet.rows for v in row.cells.values())


def test_a_sheet_whose_xml_is_broken_is_refused_not_an_error() -> None:
    rows = "".join(
        f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>{i}</t></is></c></row>' for i in range(2, 500)
    )
    broken = (
        f'<worksheet xmlns="{MAIN_NS}"><dimension ref="A1:A499"/><sheetData><row r="1"><c r="A1" t="inlineStr">'
        f"<is><t>编号</t></is></c></row>{rows}<row"
    )  # broken after many good rows: found while the rows are read, not when the workbook is opened
    data = _with_part(xlsx([["编号"], ["x"]]), SHEET, broken)
    with pytest.raises(FileRefused, match="无法读取"):
        reading.read_sheet("broken.xlsx", data, required=["编号"])


def test_size_and_row_caps() -> None:
    with pytest.raises(FileRefused, match="20 MB"):
        reading.read_sheet("big.csv", b"x" * (reading.MAX_BYTES + 1), required=["编号"])
    rows = "编号\n" + "x\n" * 11
    with pytest.raises(FileRefused, match="10 行上限"):
        reading.read_sheet("many.csv", rows.encode(), required=["编号"], max_rows=10)
    assert (
        len(
            reading.read_sheet(
                "ok.csv", ("编号\n" + "x\n" * 10).encode(), required=["编号"], max_rows=10
            ).rows
        )
        == 10
    )


def test_repeated_headers_are_refused() -> None:
    with pytest.raises(FileRefused, match="表头重复:编号"):
        reading.read_sheet("d.csv", "编号,编号\n1,2\n".encode(), required=["编号"])


def test_cells_become_the_command_s_values_or_say_why_not() -> None:
    types = Spec("support_types", "supportTypes", term("Need", "supportTypes"), "enums", True,
                 enum_labels(SupportType, SUPPORT_TYPE_LABELS))  # fmt: skip
    assert types.parse("志愿人力、物资设备,志愿人力") == (SupportType.VOLUNTEER, SupportType.GOODS)
    assert types.parse("FUND") == (SupportType.FUND,)  # the API's value is accepted too
    with pytest.raises(CellError, match="「跑腿」不是可选的值"):
        types.parse("跑腿")
    with pytest.raises(CellError, match="必填"):
        types.parse(None)
    urgency = Spec(
        "urgency", "urgency", term("Need", "urgency"), "enum", labels=enum_labels(Urgency, URGENCY_LABELS)
    )
    assert urgency.parse(None) is None and urgency.parse(URGENCY_LABELS[Urgency.HIGH]) is Urgency.HIGH
    day = Spec("needed_by", "neededBy", term("Need", "neededBy"), "date")
    for given in ("2026-12-31", "2026/12/31", "2026年12月31日", date(2026, 12, 31), datetime(2026, 12, 31)):
        assert day.parse(given) == date(2026, 12, 31)
    with pytest.raises(CellError, match="不是日期"):
        day.parse("2026-02-30")
    count = Spec("party_members", "partyMembers", term("Unit", "partyMembers"), "int")
    assert count.parse(12.0) == 12 and count.parse("1,200") == 1200
    with pytest.raises(CellError, match="应为整数"):
        count.parse(2.5)
    ref = Spec("ref", "id", term("Unit", "id"))
    assert ref.parse(1.0) == "1"  # Excel keeps an id typed as a number as a float


def test_the_template_carries_notes_examples_and_drop_downs_of_the_chinese_labels() -> None:
    book = load_workbook(io.BytesIO(importing.template_xlsx(importing.KINDS["needs"])))
    ws = book.active
    assert ws is not None
    headers = [c.value for c in ws[2]]
    assert headers == [s.title for s in importing.Needs.specs]
    assert ws.cell(row=2, column=headers.index("标题") + 1).comment is not None
    formulas = [v.formula1 for v in ws.data_validations.dataValidation]
    assert any(all(label in f for label in ("一般", "紧急")) for f in formulas)
    # several values in one cell have no drop-down: the notes row lists them
    note = str(ws.cell(row=3, column=headers.index("服务对象") + 1).value)
    assert all(label in note for label in POPULATION_LABELS.values())
    # a list longer than Excel's inline cap (255 characters) lives on the hidden sheet 选项
    long = sheets.Column("x", "很长", choices=tuple(f"选项{i:03d}-{'长' * 10}" for i in range(30)))
    made = sheets.template("t", "t", [long])
    assert made[sheets.CHOICES_SHEET].sheet_state == "hidden"
    assert made.active is not None
    assert made.active.data_validations.dataValidation[0].formula1 == f"'{sheets.CHOICES_SHEET}'!$A$1:$A$30"


def test_csv_export_has_a_bom_and_reads_back() -> None:
    table = sheets.Table("t", "标题行", [sheets.Column("a", "编号"), sheets.Column("b", "日期", "date")],
                         [["x", date(2026, 1, 2)], ["y", None]])  # fmt: skip
    data = sheets.csv_bytes(table)
    assert data.startswith(b"\xef\xbb\xbf")
    sheet = reading.read_sheet("t.csv", data, required=["编号"])
    assert [r.cells for r in sheet.rows] == [{"编号": "x", "日期": "2026-01-02"}, {"编号": "y", "日期": None}]


def test_text_that_looks_like_a_formula_is_exported_as_text() -> None:
    table = sheets.Table(
        "t", "t", [sheets.Column("a", "标题")], [['=HYPERLINK("http://x")'], ["-油烟"], ["正常"]]
    )
    ws = load_workbook(io.BytesIO(sheets.xlsx([table]))).active
    assert ws is not None
    assert ws["A3"].data_type == "s" and ws["A3"].value == '=HYPERLINK("http://x")'
    lines = sheets.csv_text(table).splitlines()
    assert lines[1:] == ['"\'=HYPERLINK(""http://x"")"', "'-油烟", "正常"]
