"""Spreadsheets in: an uploaded .xlsx or .csv as rows of cells keyed by header, or a clear refusal.

A file is refused before anything is read from it when it is over the size cap, not a spreadsheet (an old
binary .xls, a PDF, a renamed image), a zip bomb (its parts would expand past a cap, or a part compresses more
than any real sheet does), or has more rows than the cap. openpyxl reads .xlsx in read-only mode (rows
streamed) with formulas kept as formulas, so that a formula where a value is expected is refused rather than
silently taken as its cached result. Its XML parser is the standard library's expat, which from 2.4.1 stops
entity amplification (the billion laughs) and never fetches external entities: on an older one .xlsx is refused. A .csv is UTF-8 (with or without a BOM)
or, as Excel on a Chinese Windows saves it, GB18030.

The header row is found among the first rows (an export's title row comes before it; a template's notes row
and example row after it are skipped: their 编号 starts with 【).
"""

from __future__ import annotations

import csv
import io
import pyexpat
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from orggraph.transfer.sheets import EXAMPLE_MARK, NOTE_MARK

MAX_BYTES = 20 * 1024 * 1024  # an upload over 20 MB is refused
MAX_ROWS = 100_000  # data rows (a file with more is refused whole: split it)
MAX_EXPANDED = 400 * 1024 * 1024  # what the .xlsx's parts may expand to, together
MAX_RATIO = 200  # a part that expands over 200 times its compressed size is a bomb, not a sheet
HEADER_SEARCH = 6  # the header row is among the first rows
MAX_COLUMNS = 100  # columns read (a sheet claiming 16,384 would cost memory for nothing)

Cell = str | int | float | bool | date | datetime | time | None


class FileRefused(Exception):
    """The file as a whole cannot be imported (a message in Chinese for the person who uploaded it)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Formula:
    """A workbook's cell whose value is a formula's text ("=...", as openpyxl reads formulas unevaluated) or,
    indistinguishably, text starting with "=": refused where a value is expected either way, as such text is
    in a CSV."""

    text: str


@dataclass(frozen=True)
class Row:
    number: int  # as the spreadsheet numbers it (1-based, the header row counted)
    cells: dict[str, Cell | Formula]  # by header


@dataclass(frozen=True)
class Sheet:
    name: str
    headers: list[str]
    rows: list[Row]


def kind_of(filename: str, data: bytes) -> str:
    """'xlsx' or 'csv', from the content first (a zip, an OLE2 .xls) and the name second."""
    name = filename.lower()
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise FileRefused("这是旧版 Excel 97-2003(.xls)文件:请在 Excel 中另存为 .xlsx 后再导入")
    if name.endswith((".xlsx", ".xlsm")):
        raise FileRefused("文件扩展名是 .xlsx,但内容不是 Excel 工作簿(可能已损坏或被改了扩展名)")
    if name.endswith((".csv", ".txt")) or not name:
        return "csv"
    raise FileRefused(f"不支持的文件类型「{filename}」:请上传 .xlsx 或 .csv 文件")


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FileRefused("文件不是有效的 Excel 工作簿(.xlsx 是 zip 压缩包,此文件无法解开)") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > 10_000:
            raise FileRefused("工作簿内部文件过多,疑似恶意构造的文件,已拒绝")
        names = {i.filename for i in infos}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise FileRefused("文件是 zip 压缩包,但不是 Excel 工作簿(缺少 xl/workbook.xml)")
        total = 0
        for info in infos:
            total += info.file_size
            if (
                info.compress_size
                and info.file_size > MAX_RATIO * info.compress_size
                and info.file_size > 1_000_000
            ):
                raise FileRefused(
                    f"工作簿内部文件 {info.filename} 解压后膨胀 {info.file_size // info.compress_size} 倍,"
                    "疑似压缩炸弹,已拒绝"
                )
        if total > MAX_EXPANDED:
            raise FileRefused(f"工作簿解压后超过 {MAX_EXPANDED // 1024 // 1024} MB,疑似压缩炸弹,已拒绝")


SAFE_EXPAT = (2, 4, 1)  # expat's protection against entity amplification


def _xlsx_rows(data: bytes) -> tuple[str, Iterator[Sequence[Any]]]:
    from openpyxl import load_workbook

    if pyexpat.version_info < SAFE_EXPAT:
        raise FileRefused("服务器的 XML 解析库版本过旧,无法安全读取 .xlsx:请改用 .csv,或联系管理员升级")
    _check_zip(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise FileRefused(f"无法读取工作簿:{type(exc).__name__}") from None
    sheet = next((ws for ws in book.worksheets if ws.sheet_state == "visible"), None)
    if sheet is None:
        raise FileRefused("工作簿中没有可见的工作表")

    def rows() -> Iterator[Sequence[Any]]:
        try:
            # only a sheet that claims more columns than any import has is cut (iter_rows pads to max_col)
            wide = (sheet.max_column or 0) > MAX_COLUMNS
            # values only (no cell objects: a fifth faster); a formula's value is its text, "=..." (data_only off)
            found = iter(sheet.iter_rows(max_col=MAX_COLUMNS if wide else None, values_only=True))
            while True:
                try:  # the sheet's XML is parsed as its rows are read: broken or hostile XML shows here
                    cells = next(found)
                except StopIteration:
                    return
                except Exception as exc:  # expat's ParseError (an entity bomb, a broken part), a bad value
                    raise FileRefused(f"无法读取工作表内容:{type(exc).__name__}") from None
                yield [Formula(v) if isinstance(v, str) and v.startswith("=") else v for v in cells]
        finally:
            book.close()

    return sheet.title, rows()


def _csv_rows(data: bytes) -> tuple[str, Iterator[Sequence[Any]]]:
    if b"\x00" in data[:4096]:
        raise FileRefused("文件不是文本格式的 CSV(含二进制内容):请上传 .xlsx 或 UTF-8 编码的 .csv")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # gb18030 decodes nearly any byte sequence: this is only reached in theory
        raise FileRefused("无法识别 CSV 文件的编码:请另存为 UTF-8 编码的 CSV")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    return "CSV", iter(csv.reader(io.StringIO(text, newline=""), dialect))


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _no_header(required: Sequence[str], seen: list[str]) -> FileRefused:
    missing = "、".join(h for h in required if h not in seen)
    return FileRefused(f"前 {HEADER_SEARCH} 行中找不到表头(缺少列:{missing}):请使用导入模板")


def read_sheet(filename: str, data: bytes, *, required: Sequence[str], max_rows: int = MAX_ROWS) -> Sheet:
    """The first visible sheet's rows, by header. `required`: headers that must be present (they locate the
    header row). Blank rows are skipped; so are a template's notes and example rows."""
    if len(data) > MAX_BYTES:
        raise FileRefused(f"文件超过 {MAX_BYTES // 1024 // 1024} MB 上限:请拆分后分批导入")
    if not data:
        raise FileRefused("文件是空的")
    name, rows = _xlsx_rows(data) if kind_of(filename, data) == "xlsx" else _csv_rows(data)
    headers: list[str] | None = None
    first_texts: list[str] = []
    found: list[Row] = []
    for number, values in enumerate(rows, start=1):
        if headers is None:
            texts = [_text(v) for v in values]
            if set(required) <= set(texts):
                headers = texts
            elif number >= HEADER_SEARCH:
                raise _no_header(required, texts)
            first_texts = first_texts or texts
            continue
        cells = {
            h: (v.strip() or None if isinstance(v, str) else v)
            for h, v in zip(headers, values, strict=False)
            if h
        }
        if all(v is None for v in cells.values()):
            continue
        first = cells.get(headers[0])
        if isinstance(first, str) and first.startswith((NOTE_MARK, EXAMPLE_MARK)):
            continue
        found.append(Row(number, cells))
        if len(found) > max_rows:
            raise FileRefused(f"数据超过 {max_rows} 行上限:请拆分后分批导入")
    if headers is None:
        raise _no_header(required, first_texts)
    duplicated = sorted({h for h in headers if h and headers.count(h) > 1})
    if duplicated:
        raise FileRefused(f"表头重复:{'、'.join(duplicated)}")
    return Sheet(name, [h for h in headers if h], found)
