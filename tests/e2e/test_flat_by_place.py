"""Bounded by place (issue #17), measured the way Neo4j counts work: the database hits of a request about one
place of the first city (a community's detail, a street's communities, matchNeed, matchResource, one city's
needs) are the same in a province of 10x a Tianchang and in one three times as large, because each read
starts from its place and reads nothing of the other cities. (In a province of one city, 1x, the planner
may choose to read a whole label — every done task, say — since the city is the whole graph: cheaper there,
and not the plan it chooses once there are other cities; docs/benchmarks.md has the 1x figures.) The first synthetic city is the same records at
every scale (seeding/province.py), so the two graphs differ only in what the reads must not touch."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from benchmarks.compare.harness import profile, recording_driver_statements
from neo4j import AsyncDriver

from orggraph.app import create_app
from orggraph.seeding.load import wipe
from orggraph.seeding.province import load_province, synthetic_province
from orggraph.settings import Settings
from tests.conftest import token
from tests.support.background import served

# two provinces of many cities: 10x and 30x a Tianchang (230 and 690 communities; 24 provincial units)
SMALLER, BIGGER = 230, 690
CITY = "k0001-"

QUERIES: dict[str, str] = {
    "community": """query ($community: ID!) { community(id: $community) { id name households street { name }
      committee { name secretary { name } firstSecretary { name title } members { seat since unit { id name kind } } }
      contactLeaders { name } } }""",
    "street": """query ($street: ID) { communities(streetId: $street, first: 100) { totalCount edges { node { id name
      committee { members { seat unit { name } } firstSecretary { name } } contactLeaders { name } } } } }""",
    "matchNeed": """query ($need: ID!) { matchNeed(needId: $need, limit: 10) { score reason resource { id } } }""",
    "matchResource": """query ($resource: ID!) { matchResource(resourceId: $resource, limit: 10) { score need { id } } }""",
    "cityNeeds": """query ($city: ID) { needs(filter: {cityId: $city}, first: 20) { totalCount edges { node { id } } } }""",
}


async def _ids(driver: AsyncDriver, db: str) -> dict[str, Any]:
    """Places of the first city, chosen the same way at every scale."""
    one = "MATCH (x:{label}) WHERE x.id STARTS WITH $p {where} RETURN x.id AS id ORDER BY id LIMIT 1"

    async def first(label: str, where: str = "") -> str:
        records, _, _ = await driver.execute_query(one.format(label=label, where=where), p=CITY, database_=db)
        return str(records[0]["id"])

    return {
        "community": await first("Community"), "street": await first("Street"),
        "need": await first("Need", "AND x.status = 'PUBLISHED'"),
        "resource": await first("Resource", "AND x.status = 'ACTIVE' AND x.serviceArea = 'CITY'"),
        "city": (await driver.execute_query("MATCH (c:City) RETURN c.id AS id ORDER BY id LIMIT 1", database_=db))[
            0
        ][0]["id"],
    }  # fmt: skip


async def _db_hits(settings: Settings, driver: AsyncDriver) -> dict[str, int]:
    db = settings.neo4j_database
    ids = await _ids(driver, db)
    hits: dict[str, int] = {}
    headers = {"authorization": f"Bearer {token('ORG_ADMIN', subject='flat-by-place')}"}
    with served(create_app(settings)) as base, recording_driver_statements() as seen:
        async with httpx.AsyncClient(timeout=60) as client:
            for name, query in QUERIES.items():
                for _ in range(3):  # the third request: the fast path's plan is made
                    seen.clear()
                    r = await client.post(
                        f"{base}/graphql", json={"query": query, "variables": ids}, headers=headers
                    )
                    body = r.json()
                    assert "errors" not in body, (name, body)
                hits[name] = (await profile(driver, list(seen)))["db_hits"]
    return hits


@pytest.fixture
async def provinces(driver: AsyncDriver, settings: Settings) -> AsyncIterator[AsyncDriver]:
    yield driver
    await wipe(driver, settings.neo4j_database)  # the next test that wants the demo reloads it


async def test_a_request_about_one_place_does_the_same_work_in_a_province_of_one_city_and_of_many(
    provinces: AsyncDriver, settings: Settings
) -> None:
    db = settings.neo4j_database
    by_scale = {}
    for communities in (SMALLER, BIGGER):
        await wipe(provinces, db)
        # lean: the cities after the first without the governance records no request here reads (and a
        # shorter load); two cities at a time
        await load_province(provinces, db, synthetic_province(communities, lean=True), jobs=2)
        by_scale[communities] = await _db_hits(settings, provinces)
    assert len(synthetic_province(BIGGER).cities) > 1
    assert all(h > 0 for h in by_scale[SMALLER].values())
    # the same operators over the same records; the planner may fold a step differently at another size (a
    # DISTINCT collected with or without a property cache: 10 db hits of 6,000), so equal within 1%
    for name, hits in by_scale[SMALLER].items():
        assert abs(by_scale[BIGGER][name] - hits) <= hits // 100, (name, by_scale)
