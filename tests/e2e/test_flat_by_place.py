"""Bounded by place (issue #17), measured the way Neo4j counts work: the database hits of a request about one
place of the first city. The first synthetic city is the same records at every scale (seeding/province.py), so
the provinces differ only in what the reads must not touch.

- A community's detail and a street's communities start from their place and follow its relationships: the
  same db hits in a province of one city (1x), of 10x and of 100x a Tianchang.
- matchNeed, matchResource and one city's needs go through indexes whose plans Neo4j chooses from the
  graph's statistics: in a province of one city it may read a whole label (the city is the graph), and
  between 10x and 100x it may fold a step differently. What must hold is that their work does not grow with
  the province: no more db hits at 100x (29 cities) than at 10x (4 cities). Their time, flat from 1x to
  1000x, is measured by `make bench-places` (docs/benchmarks.md, "Bounded by place").

The provinces are lean (the governance records no request here reads are left out of the cities after the
first) and loaded two cities at a time."""

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

SCALES = (23, 230, 2300)  # 1x, 10x and 100x a Tianchang (1, 4 and 29 cities; 24 provincial units)
BY_PLACE = ("community", "street")  # the same db hits at every scale
BY_INDEX = ("matchNeed", "matchResource", "cityNeeds")  # no more at 100x than at 10x
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


async def test_a_request_about_one_place_does_no_more_work_in_a_province_of_many_cities_than_of_few(
    provinces: AsyncDriver, settings: Settings
) -> None:
    db = settings.neo4j_database
    by_scale = {}
    for communities in SCALES:
        await wipe(provinces, db)
        await load_province(provinces, db, synthetic_province(communities, lean=True), jobs=2)
        # plans of this province's statistics, as a server would plan them once the graph had grown: the
        # suite's Neo4j keeps its cached plans for an hour (tests/conftest.py, neo4j_replan_interval)
        await provinces.execute_query("CALL db.clearQueryCaches()", database_=db)
        by_scale[communities] = await _db_hits(settings, provinces)
    one, ten, hundred = (by_scale[n] for n in SCALES)
    assert len(synthetic_province(SCALES[-1]).cities) > 20
    assert all(h > 0 for h in one.values())
    for name in BY_PLACE:
        assert one[name] == ten[name] == hundred[name], (name, by_scale)
    # the planner may fold a DISTINCT with or without a property cache (10 db hits of 6,000): within 1%
    for name in BY_INDEX:
        assert hundred[name] <= ten[name] * 1.01, (name, by_scale)
