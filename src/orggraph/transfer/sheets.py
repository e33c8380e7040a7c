"""Spreadsheets out: one layout for every .xlsx orggraph writes (exports, the monthly report, import templates
and their error reports) and the .csv twin of a table.

An exported sheet is laid out for a meeting: a title row (what, which scope, which day), the header row in
Chinese, frozen below the header, column widths for Chinese text, an autofilter, and rows to attend to (an
overdue task, a bad cell) filled in light red. A .csv is UTF-8 with a BOM (Excel on Windows opens it as UTF-8
only with one), the header row first, no title row. openpyxl writes the files (the maintained library for
.xlsx in Python; no hand-written spreadsheet XML).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Literal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"

Value = str | int | float | bool | date | datetime | time | None
ColumnType = Literal["text", "int", "float", "date", "datetime", "bool", "list"]

TITLE_FONT = Font(bold=True, size=14)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
NOTE_FONT = Font(italic=True, color="666666")
ATTENTION_FILL = PatternFill("solid", fgColor="FCE4E4")  # overdue rows, bad cells
BAD_CELL_FILL = PatternFill("solid", fgColor="F8B4B4")
LIST_SEPARATOR = "、"  # how a list value (support types, populations) is written in one cell


@dataclass(frozen=True)
class Column:
    """One column of a table: `key` as the API names the field, `header` in Chinese. For a template: `note`
    (the notes row), `choices` (an enumeration's Chinese labels: a drop-down), `required`, `example`."""

    key: str
    header: str
    type: ColumnType = "text"
    width: int = 14
    note: str = ""
    choices: tuple[str, ...] = ()
    required: bool = False
    example: Value = None


@dataclass
class Table:
    """A sheet's content. `attention`: indexes into `rows` to fill in light red (overdue, refused)."""

    name: str  # the sheet's tab (at most 31 characters)
    title: str  # the title row: what, scope, date
    columns: Sequence[Column]
    rows: list[list[Value]] = field(default_factory=list)
    attention: set[int] = field(default_factory=set)


def cell_value(value: Value, column: Column) -> Value:
    """A value as a cell holds it: dates as dates, lists joined, None empty."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def _sheet(ws: Worksheet, table: Table) -> None:
    width = max(len(table.columns), 1)
    ws.title = table.name[:31]
    ws.cell(row=1, column=1, value=table.title).font = TITLE_FONT
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    for j, column in enumerate(table.columns, start=1):
        cell = ws.cell(row=2, column=j, value=column.header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(vertical="center")
        ws.column_dimensions[get_column_letter(j)].width = column.width
    for i, row in enumerate(table.rows):
        for j, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
            cell = ws.cell(row=i + 3, column=j, value=cell_value(value, column))
            if cell.data_type == "f":  # text that starts with "=" stays text: never a formula in an export
                cell.data_type = "s"
            if column.type == "date" and value is not None:
                cell.number_format = "yyyy-mm-dd"
            elif column.type == "datetime" and value is not None:
                cell.number_format = "yyyy-mm-dd hh:mm"
            if i in table.attention:
                cell.fill = ATTENTION_FILL
    ws.freeze_panes = "A3"
    if table.columns:
        last = max(len(table.rows) + 2, 2)
        ws.auto_filter.ref = f"A2:{get_column_letter(width)}{last}"


def workbook(tables: Sequence[Table]) -> Workbook:
    book = Workbook()
    first = book.active
    assert first is not None, "a new workbook has a sheet"
    for n, table in enumerate(tables):
        _sheet(first if n == 0 else book.create_sheet(), table)
    return book


def to_bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx(tables: Sequence[Table]) -> bytes:
    """The tables as one .xlsx, a sheet each, laid out for a meeting."""
    return to_bytes(workbook(tables))


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Value) -> Value:
    if value is None:
        return ""
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value  # text a spreadsheet would run as a formula (CSV injection): kept as text
    return value


def csv_text(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.header for c in table.columns])
    for row in table.rows:
        writer.writerow(
            [_csv_cell(cell_value(value, c)) for c, value in zip(table.columns, row, strict=True)]
        )
    return out.getvalue()


def csv_bytes(table: Table) -> bytes:
    """The table as .csv: UTF-8 with a BOM, header row first (no title row)."""
    return ("\ufeff" + csv_text(table)).encode("utf-8")


def template(name: str, title: str, columns: Sequence[Column]) -> Workbook:
    """An import template: the title row, the header row, a notes row (each column's rule, and a comment on
    its header), an example row (its 编号 marked 【示例】: skipped on import), drop-downs of the Chinese labels
    for enumerations, widths, frozen header. The reader skips the notes and example rows."""
    book = workbook([Table(name, title, columns)])
    ws = book.active
    assert ws is not None
    for j, column in enumerate(columns, start=1):
        rule = ("必填。" if column.required else "选填。") + column.note
        ws.cell(row=2, column=j).comment = Comment(rule, "orggraph")
        note = ws.cell(row=3, column=j, value=(NOTE_MARK if j == 1 else "") + rule)
        note.font = NOTE_FONT
        note.alignment = Alignment(wrap_text=True, vertical="top")
        example = column.example
        if j == 1 and isinstance(example, str):
            example = EXAMPLE_MARK + example
        ws.cell(row=4, column=j, value=cell_value(example, column))
        if column.choices:
            letter = get_column_letter(j)
            check = DataValidation(
                type="list",
                formula1=_choices(book, column),
                allow_blank=not column.required,
                showErrorMessage=True,
                errorTitle=column.header,
                error="请从下拉列表中选择",
            )
            check.add(f"{letter}4:{letter}{TEMPLATE_ROWS}")
            ws.add_data_validation(check)
    ws.row_dimensions[3].height = 60
    ws.freeze_panes = "A4"
    return book


def _choices(book: Workbook, column: Column) -> str:
    """A drop-down's list: inline when Excel allows it (255 characters), else a column of the hidden sheet
    选项 (long enumerations: the support types)."""
    inline = ",".join(column.choices)
    if len(inline) <= 255 and not any("," in c for c in column.choices):
        return f'"{inline}"'
    lists = book[CHOICES_SHEET] if CHOICES_SHEET in book.sheetnames else book.create_sheet(CHOICES_SHEET)
    lists.sheet_state = "hidden"
    j = lists.max_column + 1 if lists.max_row > 1 or lists.cell(1, 1).value is not None else 1
    for i, choice in enumerate(column.choices, start=1):
        lists.cell(row=i, column=j, value=choice)
    letter = get_column_letter(j)
    return f"'{CHOICES_SHEET}'!${letter}$1:${letter}${len(column.choices)}"


CHOICES_SHEET = "选项"
NOTE_MARK = "【说明】"
EXAMPLE_MARK = "【示例】"
TEMPLATE_ROWS = 10_003  # the drop-downs reach this far
