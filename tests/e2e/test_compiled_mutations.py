"""Compiled mutations against strawberry: createNeed through the fast path (ORGGRAPH_COMPILED on) and through
strawberry alone (off) gives the same JSON, data and errors (the new need's id aside), for every caller and
for refusals; requests the fast path must not take (variables that do not coerce, a payload field the use
case's answer does not carry, two root fields) go to strawberry; and a need made on the fast path is stored
as strawberry's is: with its event, its concepts and its numbered audit record."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from uuid import uuid4

import pytest
from neo4j import AsyncDriver

from tests.conftest import make_test_settings, scalar
from tests.e2e.test_compiled import ROLES, Pair
from tests.support.app import served

CREATE = """mutation ($input: CreateNeedInput!) { createNeed(input: $input) { id title status statusLabel overdue
  nextSteps domain supportTypes populations quantity quantityUnit neededBy urgency description
  __typename community { id name households __typename } } }"""
VARIANT = """mutation Add($input: CreateNeedInput!) { made: createNeed(input: $input) { ...Head state: status
  community { n: name } } }
fragment Head on Need { title id }"""


def need_input(community: str, **over: Any) -> dict[str, Any]:
    return {
        "communityId": community,
        "title": "测试:为独居老人上门探访招募志愿者",
        "description": "每周两次,陪伴聊天、检查水电煤气安全",
        "supportTypes": ["VOLUNTEER"],
        "domain": "ELDER",
        "populations": ["ELDERLY"],
        "quantity": 6,
        "quantityUnit": "人次",
        "neededBy": "2027-03-31",
        **over,
    }


def without_ids(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer with the new need's id (made afresh by each request) replaced."""
    data = answer.get("data") or {}
    return {
        **answer,
        "data": data and {k: (v if not isinstance(v, dict) or "id" not in v else {**v, "id": "x"}) for k, v in data.items()},
    }  # fmt: skip


@pytest.fixture
async def pair(demo_graph: AsyncDriver) -> AsyncIterator[Pair]:
    async with (
        served(make_test_settings(compiled=True), timeout=30) as fast,
        served(make_test_settings(compiled=False), timeout=30) as slow,
    ):
        yield Pair(fast, slow)


async def a_community(driver: AsyncDriver) -> str:
    db = make_test_settings().neo4j_database
    found = await scalar(driver, db, "MATCH (c:Community) RETURN c.id ORDER BY c.id LIMIT 1")
    assert isinstance(found, str)
    return found


async def test_create_need_agrees_and_is_stored_as_strawberrys(pair: Pair, demo_graph: AsyncDriver) -> None:
    community = await a_community(demo_graph)
    a, b, hit = await pair.both(CREATE, {"input": need_input(community)})
    assert hit, a
    assert "errors" not in a, a
    assert without_ids(a) == without_ids(b)
    assert a["data"]["createNeed"]["community"]["id"] == community
    db = make_test_settings().neo4j_database
    stored = """MATCH (c:Community)-[:RAISED]->(n:Need {id: $id})
      RETURN [n.status, n.cityId IS NOT NULL, size(n.terms) > 0, COUNT { (n)-[:HAS_EVENT]->() },
              COUNT { (n)-[:ABOUT]->() }, c.id,
              COLLECT { MATCH (r:AuditRecord) WHERE $id IN r.needs RETURN [r.action, r.seq IS NOT NULL] }]"""
    fast_need = await scalar(demo_graph, db, stored, id=a["data"]["createNeed"]["id"])
    slow_need = await scalar(demo_graph, db, stored, id=b["data"]["createNeed"]["id"])
    assert fast_need == slow_need
    assert fast_need == ["COLLECTED", True, True, 1, fast_need[4], community, [["createNeed", True]]]
    assert fast_need[4] > 0  # linked to the concepts of its text


async def test_a_variant_with_aliases_and_a_fragment_agrees(pair: Pair, demo_graph: AsyncDriver) -> None:
    community = await a_community(demo_graph)
    a, b, hit = await pair.both(VARIANT, {"input": need_input(community)})
    assert hit, a
    assert without_ids(a) == without_ids(b)
    assert list(a["data"]["made"]) == ["title", "id", "state", "community"]


@pytest.mark.parametrize("role", ["VIEWER", "anonymous"])
async def test_a_caller_who_may_not_create_gets_strawberrys_error_and_nothing_is_written(
    pair: Pair, demo_graph: AsyncDriver, role: str
) -> None:
    community = await a_community(demo_graph)
    title = f"不应写入 {uuid4().hex[:8]}"
    a, b, hit = await pair.both(CREATE, {"input": need_input(community, title=title)}, role)
    assert hit  # refused by the use case on the fast path: worded as strawberry words it
    assert a == b
    assert a["data"] is None and a["errors"][0]["path"] == ["createNeed"]
    db = make_test_settings().neo4j_database
    assert await scalar(demo_graph, db, "RETURN COUNT { (n:Need {title: $t}) }", t=title) == 0


async def test_refusals_agree(pair: Pair, demo_graph: AsyncDriver) -> None:
    community = await a_community(demo_graph)
    cases = {
        "NOT_FOUND": need_input("no-such-community"),
        "BAD_INPUT": need_input(community, quantity=-1),
        "blank title": need_input(community, title="   "),
    }
    codes = set()
    for why, given in cases.items():
        a, b, hit = await pair.both(CREATE, {"input": given})
        assert hit, why
        assert a == b, why
        assert a["data"] is None, why
        codes.add(a["errors"][0]["extensions"]["code"])
    assert "NOT_FOUND" in codes and len(codes) >= 2, codes


async def test_a_retry_with_the_same_client_id_returns_the_first_need_on_both_paths(
    pair: Pair, demo_graph: AsyncDriver
) -> None:
    community = await a_community(demo_graph)
    key = f"mut-{uuid4().hex}"
    first, _, hit = await pair.both(CREATE, {"input": need_input(community, clientId=key)})
    assert hit
    # the same key again on each path: the first need, not a new one (strawberry's answer is its own retry)
    again_fast = (await pair.fast.post("/graphql", json={"query": CREATE, "variables": {"input": need_input(community, clientId=key)}},
                                       headers=ROLES["ORG_ADMIN"])).json()  # fmt: skip
    again_slow = (await pair.slow.post("/graphql", json={"query": CREATE, "variables": {"input": need_input(community, clientId=key)}},
                                       headers=ROLES["ORG_ADMIN"])).json()  # fmt: skip
    assert again_fast == again_slow
    assert again_fast["data"]["createNeed"]["id"] == first["data"]["createNeed"]["id"]


async def test_what_the_fast_path_does_not_take_goes_to_strawberry(
    pair: Pair, demo_graph: AsyncDriver
) -> None:
    community = await a_community(demo_graph)
    uncoerced = {"input": need_input(community, domain="NO_SUCH_DOMAIN")}
    a, b, hit = await pair.both(CREATE, uncoerced)
    assert not hit and a == b and a["errors"], a
    not_in_answer = (
        """mutation ($input: CreateNeedInput!) { createNeed(input: $input) { title history { to } } }"""
    )
    a, b, hit = await pair.both(not_in_answer, {"input": need_input(community)})
    assert not hit and without_ids(a) == without_ids(b), a
    two = """mutation ($a: CreateNeedInput!, $b: CreateNeedInput!) { x: createNeed(input: $a) { title }
      y: createNeed(input: $b) { title } }"""
    a, b, hit = await pair.both(two, {"a": need_input(community), "b": need_input(community)})
    assert not hit and a == b, a
