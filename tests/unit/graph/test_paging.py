"""Keyset pages: opaque cursors, capped sizes, and one query per combination of filters."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from orggraph.domain.errors import BadInput
from orggraph.domain.queries import MAX_PAGE, Window, page_size
from orggraph.graph.paging import cursor_params, decode_cursor, encode_cursor, page_query, page_variants


def test_a_cursor_carries_its_sort_key_and_id_back_unchanged() -> None:
    assert decode_cursor(encode_cursor("曙光社区", "comm-shuguang")) == ("曙光社区", "comm-shuguang")


DEEP = base64.urlsafe_b64encode(b"[" * 5000).decode()  # json's recursion limit, or the length cap


@pytest.mark.parametrize(
    "cursor", ["not base64 !", "WzEsMl0", "eyJhIjoxfQ", DEEP, "a" * 2000]
)  # junk, [1,2], {"a":1}
def test_a_cursor_this_service_did_not_make_is_refused_naming_the_argument(cursor: str) -> None:
    with pytest.raises(BadInput) as caught:
        decode_cursor(cursor)
    assert caught.value.field == "after"


def test_page_size_defaults_and_caps() -> None:
    assert page_size(None) == 20 and page_size(0) == 0 and page_size(MAX_PAGE) == MAX_PAGE
    for bad in (-1, MAX_PAGE + 1):
        with pytest.raises(BadInput):
            page_size(bad)


def test_a_window_is_forward_unless_last_is_given() -> None:
    assert Window.of() == Window(20, None, None, backward=False)
    assert Window.of(first=5, after="a", before="b") == Window(5, "a", "b", backward=False)
    assert Window.of(last=5, before="b") == Window(5, None, "b", backward=True)


@pytest.mark.parametrize(
    ("args", "field"),
    [({"first": 1, "last": 1}, "last"), ({"last": -1}, "last"), ({"last": MAX_PAGE + 1}, "last")],
)
def test_a_window_out_of_bounds_is_refused_naming_the_argument(args: dict[str, int], field: str) -> None:
    with pytest.raises(BadInput) as caught:
        Window.of(**args)
    assert caught.value.field == field


def test_cursor_params_decode_both_cursors_and_name_the_bad_one() -> None:
    after, before = encode_cursor("a", "1"), encode_cursor("z", "9")
    assert cursor_params(Window(3, after, before)) == {
        "afterKey": "a", "afterId": "1", "beforeKey": "z", "beforeId": "9"
    }  # fmt: skip
    assert cursor_params(Window()) == {"afterKey": None, "afterId": None, "beforeKey": None, "beforeId": None}
    with pytest.raises(BadInput) as caught:
        cursor_params(Window(3, after, "junk!"))
    assert caught.value.field == "before"


def test_every_combination_of_filters_and_direction_has_a_query_holding_only_its_own_fragments() -> None:
    queries = page_variants(
        {"kind": "n.kind = $kind", "search": "n.name CONTAINS $search"},
        match="MATCH (n:Unit)",
        node="n",
        key="n.name",
    )
    combinations = {frozenset(), frozenset({"kind"}), frozenset({"search"}), frozenset({"kind", "search"})}
    assert set(queries) == {(c, backward) for c in combinations for backward in (False, True)}
    assert (
        "$kind" in queries[frozenset({"kind"}), False]
        and "$search" not in queries[frozenset({"kind"}), False]
    )
    assert "$kind" not in queries[frozenset(), True]
    assert "ORDER BY n.name, n.id LIMIT" in queries[frozenset(), False]
    assert "ORDER BY n.name DESC, n.id DESC LIMIT" in queries[frozenset(), True]


NEEDS = {"statuses": "n.status IN $statuses", "domain": "n.domain = $domain", "search": "n.id IN hits"}
SHAPE: dict[str, Any] = {"match": "MATCH (c:Community)-[:RAISED]->(n:Need)", "node": "n", "key": "n.neededBy"}


@pytest.mark.parametrize("backward", [False, True])
@pytest.mark.parametrize("given", [frozenset(), frozenset({"statuses", "domain"}), frozenset({"search"})])
def test_a_page_query_not_counted_counts_nothing_and_checks_each_cursor_once(
    given: frozenset[str], backward: bool
) -> None:
    q = page_query(NEEDS, given, backward, search_index="need_text", counted=False, **SHAPE)
    assert "count(*) AS total" not in q and "count(CASE" not in q and "null AS total" in q
    # earlier/later: one existence check each, behind its cursor's guard
    assert q.count("LIMIT 1 RETURN count(*) AS") == 2
    assert "WHERE $afterKey IS NOT NULL" in q and "WHERE $beforeKey IS NOT NULL" in q
    assert q.rstrip().endswith("RETURN total, earlier, later, nodes")
    counted = page_query(NEEDS, given, backward, search_index="need_text", **SHAPE)
    assert "count(*) AS total" in counted and "LIMIT 1" not in counted


def test_page_variants_are_the_page_queries_of_every_combination() -> None:
    variants = page_variants(NEEDS, counted=False, **SHAPE)
    assert len(variants) == 2 ** len(NEEDS) * 2
    for (given, backward), q in variants.items():
        assert q == page_query(NEEDS, given, backward, counted=False, **SHAPE)


def test_a_page_query_collects_its_projection_and_refuses_an_unknown_filter() -> None:
    q = page_query(NEEDS, frozenset(), False, projection="[n.id, n.title]", **SHAPE)
    assert "collect([n.id, n.title]) AS nodes" in q and "properties(n)" not in q
    assert "collect(properties(n)) AS nodes" in page_query(NEEDS, frozenset(), False, **SHAPE)
    with pytest.raises(ValueError, match="unknown filters"):
        page_query(NEEDS, frozenset({"nope"}), False, **SHAPE)


@pytest.mark.parametrize("counted", [True, False])
@pytest.mark.parametrize("given", [frozenset(), frozenset({"statuses", "domain"}), frozenset({"search"})])
def test_a_page_query_without_cursors_tests_none(given: frozenset[str], counted: bool) -> None:
    """The query of a window without cursors reads no cursor parameter: earlier and later are 0, the
    filters, the order and the count (when counted) stay."""
    q = page_query(NEEDS, given, False, search_index="need_text", counted=counted, cursors=False, **SHAPE)
    assert "$afterKey" not in q and "$beforeKey" not in q and "0 AS earlier, 0 AS later" in q
    assert ("count(*) AS total" in q) is counted and ("null AS total" in q) is not counted
    assert all(NEEDS[name] in q for name in given)
    assert "ORDER BY n.neededBy, n.id LIMIT $limit" in q and q.rstrip().endswith(
        "RETURN total, earlier, later, nodes"
    )
