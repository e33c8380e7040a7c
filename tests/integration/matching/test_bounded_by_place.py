"""Matching bounded by place (issue #17), on the demo with two more places added: 来安县, another city of
安徽省, and a provincial unit (省直单位). A CITY-wide resource reaches only its own city, a PROVINCE-wide one
every city of its province; matchNeed, matchResource and the plan read nothing else. The candidates are
checked against hard filters computed independently in Cypher."""

from __future__ import annotations

from datetime import date

import pytest
from neo4j import AsyncDriver

from orggraph.domain import lifecycle
from orggraph.domain.errors import BadInput
from orggraph.graph import network_reads
from orggraph.graph.runner import Graph
from orggraph.matching.rank import Weights
from orggraph.services import matching
from orggraph.settings import Settings

TODAY = date(2026, 11, 27)

# Every resource that passes the hard filters for a need, place included, computed without the matcher.
PASSING = """
MATCH (n:Need {id: $id})<-[:RAISED]-(c:Community)-[:PART_OF]->(s:Street)-[:PART_OF]->(city:City)
MATCH (c)-[:HAS_COMMITTEE]->(k:CommunityCommittee)
MATCH (u:Unit)-[:OFFERS]->(r:Resource)
WHERE r.status = 'ACTIVE' AND r.supportType IN n.supportTypes
  AND r.capacity - coalesce(r.allocated, 0) > 0
  AND r.availableFrom <= n.neededBy AND r.availableUntil >= $today
  AND ((r.serviceArea = 'PROVINCE' AND (u.cityId = city.id OR u.provinceId = city.provinceId))
       OR (r.serviceArea = 'CITY' AND u.cityId = city.id)
       OR (r.serviceArea = 'COMMUNITY' AND (u)-[:MEMBER_OF]->(k))
       OR (r.serviceArea = 'STREET' AND EXISTS {
             (u)-[:MEMBER_OF]->(:CommunityCommittee)<-[:HAS_COMMITTEE]-(:Community)-[:PART_OF]->(s) }))
RETURN collect(r.id) AS ids
"""

# 来安县 with one street, one community (its need copies a demo need) and one unit, whose resources copy
# demo resources under every service area; a provincial unit with a PROVINCE-wide copy.
OTHER_PLACES = """
MATCH (p:Province {id: 'province-anhui'})
CREATE (city:City {id: 'city-laian', name: '来安县', provinceId: 'province-anhui', kind: 'COUNTY'})
       -[:PART_OF]->(p)
CREATE (s:Street {id: 'street-laian-1', name: '新安街道'})-[:PART_OF]->(city)
CREATE (c:Community {id: 'comm-laian-1', name: '来安第一社区'})-[:PART_OF]->(s)
CREATE (c)-[:HAS_COMMITTEE]->(k:CommunityCommittee {id: 'comm-laian-1-committee', name: '来安第一社区大党委'})
CREATE (u:Unit {id: 'unit-laian-1', name: '来安县民政局', kind: 'AGENCY', cityId: 'city-laian',
                provinceId: 'province-anhui'})-[:MEMBER_OF {seat: 'X'}]->(k)
CREATE (pu:Unit {id: 'unit-province-1', name: '省民政厅', kind: 'AGENCY', provinceId: 'province-anhui'})
WITH c, u, pu
MATCH (template:Need {id: $needId})
CREATE (c)-[:RAISED]->(n:Need)
SET n = template {.*, id: 'need-laian-1', clientId: null, cityId: 'city-laian', provinceId: 'province-anhui'}
WITH u, pu
MATCH (r0:Resource {id: $resourceId})
UNWIND ['COMMUNITY', 'STREET', 'CITY', 'PROVINCE'] AS area
CREATE (u)-[:OFFERS]->(r:Resource)
SET r = r0 {.*, id: 'res-laian-' + toLower(area), serviceArea: area, clientId: null, cityId: 'city-laian',
            provinceId: 'province-anhui'}
WITH pu, r0 LIMIT 1
CREATE (pu)-[:OFFERS]->(r:Resource)
SET r = r0 {.*, id: 'res-province-1', serviceArea: 'PROVINCE', clientId: null, cityId: null,
            provinceId: 'province-anhui'}
"""


@pytest.fixture
async def province(demo_graph: AsyncDriver, settings: Settings) -> Graph:
    graph = Graph(demo_graph, settings.neo4j_database)
    # a published demo need and an ACTIVE resource with capacity that is one of its candidates
    need = "need-000003"
    rows = await graph.read(
        "MATCH (n:Need {id: $id}) MATCH (r:Resource {status: 'ACTIVE', serviceArea: 'CITY'}) "
        "WHERE r.supportType IN n.supportTypes AND r.capacity > coalesce(r.allocated, 0) "
        "AND r.availableFrom <= n.neededBy AND r.availableUntil >= $today RETURN r.id AS id ORDER BY id LIMIT 1",
        id=need, today=TODAY,
    )  # fmt: skip
    await demo_graph.execute_query(OTHER_PLACES, needId=need, resourceId=rows[0]["id"])
    return graph


async def candidates(graph: Graph, need_id: str) -> dict[str, str]:
    found = await matching.match_need(graph, need_id, 50, weights=Weights(), today=TODAY)
    return {
        s.candidate.resource_id: next(c.reason for c in s.components if c.name == "locality") for s in found
    }


async def test_every_need_gets_exactly_the_candidates_its_place_allows(province: Graph) -> None:
    ids = [r["id"] for r in await province.read(
        "MATCH (n:Need) WHERE n.status IN $open RETURN n.id AS id ORDER BY id", open=lifecycle.values(lifecycle.OPEN)
    )]  # fmt: skip
    assert "need-laian-1" in ids
    for need in ids:
        expected = set((await province.read(PASSING, id=need, today=TODAY))[0]["ids"])
        found = set(await candidates(province, need))
        assert found == expected if len(expected) <= 50 else found <= expected, need


async def test_a_need_sees_another_citys_resource_only_when_it_is_offered_province_wide(
    province: Graph,
) -> None:
    tianchang = await candidates(province, "need-000003")
    assert not {"res-laian-community", "res-laian-street", "res-laian-city"} & set(tianchang)
    assert tianchang["res-laian-province"] == "全省范围的外市单位"
    assert tianchang["res-province-1"] == "全省范围的外市单位"
    laian = await candidates(province, "need-laian-1")
    assert laian["res-laian-community"] == "同属来安第一社区大党委成员单位"
    assert {"res-laian-city", "res-laian-province", "res-province-1"} <= set(laian)
    # Tianchang's own CITY-wide resources do not cross into 来安县
    assert all(r.startswith(("res-laian-", "res-province-")) for r in laian)


async def test_match_resource_looks_for_needs_in_one_city(province: Graph) -> None:
    async def needs(resource: str, city: str | None = None) -> set[str]:
        found = await matching.match_resource(
            province, resource, 50, weights=Weights(), today=TODAY, city_id=city
        )
        return {s.need_id for s in found}

    assert await needs("res-laian-city") == {"need-laian-1"}
    assert await needs("res-laian-province") == {"need-laian-1"}  # its own city by default
    in_tianchang = await needs("res-laian-province", "city-tianchang")
    assert "need-000003" in in_tianchang and "need-laian-1" not in in_tianchang
    assert await needs("res-laian-city", "city-tianchang") == set()  # CITY-wide does not cross
    assert "need-laian-1" in await needs("res-province-1", "city-laian")
    with pytest.raises(BadInput, match="cityId"):
        await needs("res-province-1")


async def test_a_city_plan_reads_only_what_can_reach_its_needs(province: Graph) -> None:
    with pytest.raises(BadInput, match="cityId"):
        await matching.plan_matches(
            province, street_id=None, community_id=None, weights=Weights(), today=TODAY
        )
    laian = await matching.plan_matches(
        province, street_id=None, community_id=None, weights=Weights(), today=TODAY, city_id="city-laian"
    )
    assert {m.need_id for m in laian.matches} == {"need-laian-1"}
    assert laian.matches[0].resource_id.startswith(("res-laian-", "res-province-"))
    street = await matching.plan_matches(
        province, street_id="street-guangling", community_id=None, weights=Weights(), today=TODAY
    )
    assert street.matches and all(not m.resource_id.startswith("res-laian-") or m.resource_id == "res-laian-province"
                                  for m in street.matches)  # fmt: skip


async def test_a_citys_figures_are_its_own(province: Graph) -> None:
    laian = await network_reads.city_stats(province, "city-laian")
    assert (laian.streets, laian.communities, laian.community_committees, laian.member_units, laian.resources) == (
        1, 1, 1, 1, 4
    )  # fmt: skip
    assert [(c.key, c.count) for c in laian.needs_by_status] == [(laian.needs_by_status[0].key, 1)]
    tianchang = await network_reads.city_stats(province, "city-tianchang")
    whole = await network_reads.city_stats(province)
    assert tianchang.communities == 23 and whole.communities == 24
    assert tianchang.resources + laian.resources + 1 == whole.resources  # the provincial unit's is no city's


async def test_a_citys_streets_and_leaders_are_its_own(province: Graph) -> None:
    assert [s.id for s in await network_reads.streets_of_city(province, "city-laian")] == ["street-laian-1"]
    tianchang = await network_reads.streets_of_city(province, "city-tianchang")
    assert [s.id for s in tianchang] == [
        s.id for s in await network_reads.all_streets(province) if s.id != "street-laian-1"
    ]
    assert await network_reads.leaders_of_city(province, "city-laian") == []
    assert await network_reads.leaders_of_city(province, "city-tianchang") == await network_reads.all_leaders(
        province
    )
