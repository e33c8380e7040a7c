"""The compiled builder puts a hop's items in the order Neo4j's ORDER BY <key>, id gives them (the slow path's
DataLoaders sort in Cypher): nulls last, strings by UTF-16 code units as Java compares them, ties by id."""

from __future__ import annotations

from datetime import date
from typing import Any

from orggraph.api.compiled.catalog import Run
from orggraph.api.compiled.planner import _first, _many

RUN = Run(pii=True, today=date(2026, 11, 30))


def names(items: list[list[Any]]) -> list[Any]:
    """The ids of the items as _many builds them (item: [sort key, id, the object's values...]; here one value,
    the id again), each item built from the whole of it."""
    return _many(0, lambda item, _run: item[2])(None, [items], RUN)


def test_strings_rank_by_utf16_code_units_not_by_code_points() -> None:
    # U+20000 is the surrogate pair D840 DC00 in UTF-16: before U+FF01 for Java, after it for Python's str
    assert names([["\uff01", "b", "b"], ["\U00020000", "a", "a"]]) == ["a", "b"]


def test_nulls_come_last_and_ties_go_by_id() -> None:
    # 乙 is U+4E59, 甲 U+7532: by code units, not by the order of the heavenly stems
    items = [
        [None, "n1", "n1"],
        ["甲", "k2", "k2"],
        ["甲", "k1", "k1"],
        ["乙", "k0", "k0"],
        [None, "n0", "n0"],
    ]
    assert names(items) == ["k0", "k1", "k2", "n0", "n1"]


def test_dates_rank_by_value_and_one_item_or_none_need_no_sorting() -> None:
    items = [[date(2026, 3, 1), "m2", "m2"], [date(2025, 12, 1), "m1", "m1"]]
    assert names(items) == ["m1", "m2"]
    assert names([["x", "only", "only"]]) == ["only"]
    assert names([]) == []


def test_the_first_in_that_order_is_the_single_object() -> None:
    first = _first(0, lambda item, _run: item[2], nonnull=False)
    assert first(None, [[["甲", "k1", "k1"], ["乙", "k0", "k0"]]], RUN) == "k0"
    assert first(None, [[]], RUN) is None
