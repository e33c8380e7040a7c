"""The columns of every importable kind, made from the API's own field definitions (domain.glossary: the
Chinese label is the header, the rule is the template's note) and the enums' Chinese labels (the drop-downs).

A cell is parsed here into the value the use case's command takes (text, a number, a date, an enum, a list of
enums) or refused with a message naming the reason; the command's own `checked()` and the use case's rules
then apply exactly as for a GraphQL mutation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from orggraph.domain import glossary
from orggraph.domain.glossary import Term
from orggraph.transfer.reading import Cell, Formula
from orggraph.transfer.sheets import Column, ColumnType, Value

# a time without a zone in a spreadsheet is Beijing time (the people who fill and read them); exports write it so
SHEET_TZ = ZoneInfo("Asia/Shanghai")
LIST_SPLIT = re.compile(r"[、,,;;/|\n]+")
DATE_TEXT = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


class CellError(ValueError):
    """A cell that cannot become its column's value; the message says why, in Chinese."""


@dataclass(frozen=True)
class Spec:
    """One importable column: `attr` is the command's attribute, `api` the field as the API names it (the
    glossary's key and the field a BadInput names), `term` its words."""

    attr: str
    api: str
    term: Term
    type: ColumnType | str = "text"  # also "enum" and "enums"
    required: bool = False
    labels: Mapping[Any, str] | None = None  # an enum's members and their Chinese labels
    example: Value = None
    header: str | None = None  # when the column is not called by the term's label
    note: str = ""  # said in the template besides the term's rule
    width: int = 16

    @property
    def title(self) -> str:
        return self.header or self.term.label

    @property
    def column(self) -> Column:
        choices = tuple(self.labels.values()) if self.labels else ()
        rule = ";".join(x for x in (self.term.rule, self.note) if x)
        if self.type == "enums":  # no drop-down for several values: the note lists them
            rule = ";".join(x for x in (rule, "可填多项,用顿号、分隔;可选:" + "、".join(choices)) if x)
        return Column(
            key=self.api,
            header=self.title,
            type="list" if self.type == "enums" else "text" if self.type == "enum" else self.type,  # type: ignore[arg-type]
            width=self.width,
            note=rule,
            choices=choices if self.type == "enum" else (),
            required=self.required,
            example=self.example,
        )

    def parse(self, cell: Cell | Formula) -> Any:
        """The cell as the command's value (None when empty); CellError when it cannot be."""
        if isinstance(cell, Formula):
            raise CellError(f"是公式({cell.text[:40]}),请粘贴为数值后再导入")
        if isinstance(cell, str) and cell.startswith("="):
            raise CellError("以 = 开头,疑似公式,不能导入")
        if cell is None or cell == "":
            if self.required:
                raise CellError("必填")
            return None
        if self.type == "text":
            return _text(cell)
        if self.type == "int":
            return _int(cell)
        if self.type == "float":
            return _float(cell)
        if self.type == "date":
            return _date(cell)
        if self.type == "datetime":
            return _datetime(cell)
        if self.type == "enum":
            return self._member(_text(cell))
        if self.type == "enums":
            return tuple(
                dict.fromkeys(self._member(part) for part in LIST_SPLIT.split(_text(cell)) if part.strip())
            )
        raise AssertionError(f"unknown column type {self.type}")

    def _member(self, text: str) -> Any:
        assert self.labels is not None, "an enum column has labels"
        text = text.strip()
        for member, label in self.labels.items():
            if text in (label, str(member.value), str(member.value).lower()):
                return member
        raise CellError(f"「{text}」不是可选的值(可选:{'、'.join(self.labels.values())})")

    def show(self, value: Any) -> Value:
        """A value as the spreadsheet shows it (enums by their Chinese label): an export's cell."""
        if value is None:
            return None
        if self.labels is not None:
            if isinstance(value, (tuple, list)):
                return "、".join(self.labels[v] for v in value)
            return self.labels[value]
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value  # type: ignore[no-any-return]


def _text(cell: Cell) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))  # Excel keeps 001 typed as a number as 1.0
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


def _int(cell: Cell) -> int:
    if isinstance(cell, bool):
        raise CellError("应为整数")
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        if cell.is_integer():
            return int(cell)
        raise CellError(f"应为整数,而不是 {cell}")
    text = _text(cell).replace(",", "")
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise CellError(f"「{text}」不是整数")


def _float(cell: Cell) -> float:
    if isinstance(cell, bool):
        raise CellError("应为数字")
    if isinstance(cell, (int, float)):
        return float(cell)
    text = _text(cell).replace(",", "")
    try:
        return float(text)
    except ValueError:
        raise CellError(f"「{text}」不是数字") from None


def _date(cell: Cell) -> date:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = _text(cell)
    match = DATE_TEXT.match(text)
    if match:
        try:
            return date(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    raise CellError(f"「{text}」不是日期(应如 2026-12-31)")


DATETIME_TEXT = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$")


def _datetime(cell: Cell) -> datetime:
    if isinstance(cell, datetime):
        return cell
    if isinstance(cell, date):
        return datetime(cell.year, cell.month, cell.day)
    text = _text(cell)
    match = DATETIME_TEXT.match(text)
    if match:
        try:
            y, mo, d, h, mi, sec = (int(g or 0) for g in match.groups())
            return datetime(y, mo, d, h, mi, sec)
        except ValueError:
            pass
    raise CellError(f"「{text}」不是时间(应如 2026-11-01 09:30)")


def term(entity: str, field: str) -> Term:
    """The API's words for an entity's field (the glossary is the one place they are written)."""
    return glossary.ENTITIES[entity].fields[field]


def enum_labels(enum: type[StrEnum], labels: Mapping[Any, str]) -> dict[Any, str]:
    return {member: labels[member] for member in enum}


def headers(specs: Sequence[Spec]) -> list[str]:
    return [s.title for s in specs]
