"""Relay cursor connections in both directions, over HTTP on the Tianchang demo: every list pages
forward (first/after) and backward (last/before) through the same items in the same order, with page
info that is exact at both ends, and windows between two cursors."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import AsyncDriver

from tests.conftest import Api, make_test_settings
from tests.e2e.test_graphql_queries import data

pytestmark = pytest.mark.usefixtures("demo")

PAGE = (
    "totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } }"
)
ARGS = "$first: Int, $after: String, $last: Int, $before: String"
WINDOW = "first: $first, after: $after, last: $last, before: $before"

# each connection, with a filter that leaves several pages, and the order it promises (as Cypher)
LISTS = {
    "communities": (
        f"query ({ARGS}) {{ list: communities({WINDOW}) {{ {PAGE} }} }}",
        "MATCH (n:Community) RETURN n.id AS id ORDER BY n.name, n.id",
    ),
    "units": (
        f"query ({ARGS}) {{ list: units(kind: SOCIAL_ORG, {WINDOW}) {{ {PAGE} }} }}",
        "MATCH (n:Unit {kind: 'SOCIAL_ORG'}) RETURN n.id AS id ORDER BY n.name, n.id",
    ),
    "needs": (
        f'query ({ARGS}) {{ list: needs(filter: {{streetId: "street-qianqiu"}}, {WINDOW}) {{ {PAGE} }} }}',
        "MATCH (:Street {id: 'street-qianqiu'})<-[:PART_OF]-(:Community)-[:RAISED]->(n:Need)"
        " RETURN n.id AS id ORDER BY n.neededBy, n.id",
    ),
    "resources": (
        f"query ({ARGS}) {{ list: resources(filter: {{supportType: VOLUNTEER}}, {WINDOW}) {{ {PAGE} }} }}",
        "MATCH (:Unit)-[:OFFERS]->(n:Resource {supportType: 'VOLUNTEER'}) RETURN n.id AS id ORDER BY n.title, n.id",
    ),
}


def page(api: Api, name: str, **window: Any) -> dict[str, Any]:
    result: dict[str, Any] = data(api.gql(LISTS[name][0], window))["list"]
    return result


def ids(p: dict[str, Any]) -> list[str]:
    return [e["node"]["id"] for e in p["edges"]]


async def expected(demo: AsyncDriver, name: str) -> list[str]:
    records, _, _ = await demo.execute_query(LISTS[name][1], database_=make_test_settings().neo4j_database)
    return [r["id"] for r in records]


@pytest.mark.parametrize("name", list(LISTS))
async def test_forward_and_backward_walks_visit_every_item_once_in_the_same_order(
    api: Api, demo: AsyncDriver, name: str
) -> None:
    everything = await expected(demo, name)
    assert len(everything) > 7, "the demo holds several pages of this list"
    forward: list[str] = []
    cursor = None
    while True:
        p = page(api, name, first=3, after=cursor)
        assert p["totalCount"] == len(everything)
        assert p["pageInfo"]["hasPreviousPage"] is (cursor is not None)
        assert p["pageInfo"]["startCursor"] == p["edges"][0]["cursor"]
        forward += ids(p)
        if not p["pageInfo"]["hasNextPage"]:
            break
        cursor = p["pageInfo"]["endCursor"]
    backward: list[str] = []
    cursor = None
    while True:
        p = page(api, name, last=3, before=cursor)
        assert p["pageInfo"]["hasNextPage"] is (cursor is not None)
        assert p["pageInfo"]["endCursor"] == p["edges"][-1]["cursor"]
        backward = ids(p) + backward
        if not p["pageInfo"]["hasPreviousPage"]:
            break
        cursor = p["pageInfo"]["startCursor"]
    assert forward == everything
    assert backward == everything


async def test_last_without_a_cursor_is_the_end_of_the_list(api: Api, demo: AsyncDriver) -> None:
    everything = await expected(demo, "communities")
    p = page(api, "communities", last=4)
    assert ids(p) == everything[-4:]
    assert p["pageInfo"]["hasPreviousPage"] is True and p["pageInfo"]["hasNextPage"] is False


async def test_a_window_between_two_cursors_pages_either_way_inside_it(api: Api, demo: AsyncDriver) -> None:
    everything = await expected(demo, "communities")
    cursors = [e["cursor"] for e in page(api, "communities", first=100)["edges"]]
    after, before = cursors[2], cursors[9]  # the window holds items 3..8
    head = page(api, "communities", first=4, after=after, before=before)
    assert ids(head) == everything[3:7]
    assert head["pageInfo"]["hasPreviousPage"] and head["pageInfo"]["hasNextPage"]
    tail = page(api, "communities", last=4, after=after, before=before)
    assert ids(tail) == everything[5:9]
    assert tail["pageInfo"]["hasPreviousPage"] and tail["pageInfo"]["hasNextPage"]
    whole = page(api, "communities", first=100, after=after, before=before)
    assert ids(whole) == everything[3:9]
    # nothing lies inside the window beyond it, but the list goes on past `before`
    assert whole["pageInfo"]["hasNextPage"] is True and whole["pageInfo"]["hasPreviousPage"] is True


def test_the_first_page_and_the_last_page_say_so(api: Api) -> None:
    first = page(api, "communities", first=100)
    assert first["pageInfo"]["hasPreviousPage"] is False and first["pageInfo"]["hasNextPage"] is False
    last = page(api, "communities", last=100)
    assert ids(last) == ids(first) and last["pageInfo"] == first["pageInfo"]


def test_last_zero_returns_no_edges_but_whether_items_lie_before(api: Api) -> None:
    p = page(api, "communities", last=0)
    assert p["edges"] == [] and p["totalCount"] == 23
    assert p["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": True,
        "startCursor": None,
        "endCursor": None,
    }


def test_a_page_before_the_start_is_empty(api: Api) -> None:
    start = page(api, "communities", first=1)["pageInfo"]["startCursor"]
    p = page(api, "communities", last=10, before=start)
    assert (
        p["edges"] == []
        and p["pageInfo"]["hasPreviousPage"] is False
        and p["pageInfo"]["hasNextPage"] is True
    )


def test_first_and_last_together_are_refused_naming_last(api: Api) -> None:
    err = api.gql(LISTS["communities"][0], {"first": 2, "last": 2})["errors"][0]
    assert err["extensions"] == {"code": "BAD_USER_INPUT", "field": "last"}


@pytest.mark.parametrize(("last", "reason"), [(-1, "不能为负数"), (101, "每页最多 100 条")])
def test_a_last_out_of_range_is_refused_naming_last(api: Api, last: int, reason: str) -> None:
    err = api.gql(LISTS["units"][0], {"last": last})["errors"][0]
    assert err["extensions"] == {"code": "BAD_USER_INPUT", "field": "last"} and reason in err["message"]


@pytest.mark.parametrize("name", ["communities", "needs"])
def test_a_forged_before_cursor_is_refused_naming_before(api: Api, name: str) -> None:
    forged = "WyJub3QgYSBkYXRlIiwieCJd"  # ["not a date","x"]: well formed, but no need's date
    for cursor in ("not-a-cursor", forged if name == "needs" else "e30"):
        err = api.gql(LISTS[name][0], {"last": 2, "before": cursor})["errors"][0]
        assert err["extensions"] == {"code": "BAD_USER_INPUT", "field": "before"}, cursor


def without_total(name: str) -> str:
    return LISTS[name][0].replace("totalCount ", "")


def walk(api: Api, query: str, **window: Any) -> list[dict[str, Any]]:
    """Every page of a walk forward (first) or backward (last) from the window's cursors."""
    pages: list[dict[str, Any]] = []
    backward = "last" in window
    while True:
        p: dict[str, Any] = data(api.gql(query, window))["list"]
        pages.append(p)
        more = p["pageInfo"]["hasPreviousPage" if backward else "hasNextPage"]
        if not more or not p["edges"]:
            return pages
        if backward:
            window["before"] = p["pageInfo"]["startCursor"]
        else:
            window["after"] = p["pageInfo"]["endCursor"]


@pytest.mark.parametrize("name", list(LISTS))
def test_a_list_without_its_total_pages_exactly_as_with_it(api: Api, name: str) -> None:
    """totalCount not selected: the list is not counted (page_query counted=False), and its edges and
    page info, forward and backward, from either end and between two cursors, are the same."""
    counted = LISTS[name][0]
    cursors = [e["cursor"] for e in page(api, name, first=100)["edges"]]
    windows: list[dict[str, Any]] = [
        {"first": 3},
        {"last": 3},
        {"first": 2, "after": cursors[1]},
        {"last": 2, "before": cursors[-2]},
        {"first": 2, "after": cursors[1], "before": cursors[6]},
        {"last": 2, "after": cursors[1], "before": cursors[6]},
        {"first": 0, "after": cursors[0]},
        {"last": 0, "before": cursors[-1]},
    ]
    for window in windows:
        with_total = walk(api, counted, **window)
        assert all(p.pop("totalCount") == len(cursors) for p in with_total)
        assert walk(api, without_total(name), **window) == with_total, window


def test_a_total_selected_through_fragments_is_counted(api: Api) -> None:
    query = """query { needs(filter: {status: [PUBLISHED], domain: ELDER}, first: 2) {
      ...Total edges { node { id } } }
      again: needs(first: 1) { ... on NeedConnection { totalCount } }
    }
    fragment Total on NeedConnection { totalCount }"""
    got = data(api.gql(query, {}))
    assert isinstance(got["needs"]["totalCount"], int) and got["again"]["totalCount"] > 0
