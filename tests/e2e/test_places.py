"""Every unit, resource and need written through the API carries its place (cityId, provinceId), which the
matcher seeks candidates by (issue #17); a unit sits only on committees of its own city."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncDriver

from tests.conftest import Api
from tests.e2e.test_graphql_mutations import ADD, CREATE_UNIT, SHUGUANG_COMMITTEE, ok
from tests.e2e.test_libraries_and_lists import CREATE_NEED, CREATE_RESOURCE, NEED, RESOURCE
from tests.integration.matching.test_bounded_by_place import OTHER_PLACES

TIANCHANG = ("city-tianchang", "province-anhui")


async def place(driver: AsyncDriver, node_id: str) -> tuple[Any, Any]:
    records, _, _ = await driver.execute_query(
        "MATCH (x {id: $id}) RETURN x.cityId AS city, x.provinceId AS province", id=node_id
    )
    return records[0]["city"], records[0]["province"]


async def test_a_unit_need_and_resource_created_through_the_api_are_of_their_city(
    api: Api, demo_graph: AsyncDriver
) -> None:
    unit = ok(api.gql(CREATE_UNIT, {"input": {"name": "邻里互助社", "kind": "SOCIAL_ORG"}}))["createUnit"][
        "id"
    ]
    need = ok(api.gql(CREATE_NEED, {"i": NEED}))["createNeed"]["id"]
    resource = ok(api.gql(CREATE_RESOURCE, {"i": {**RESOURCE, "unitId": unit}}))["createResource"]["id"]
    for node in (unit, need, resource):
        assert await place(demo_graph, node) == TIANCHANG


async def test_a_unit_of_another_city_is_not_seated_on_a_committee_and_nothing_is_written(
    api: Api, demo_graph: AsyncDriver
) -> None:
    await demo_graph.execute_query(
        "MATCH (p:Province {id: 'province-anhui'}) CREATE (:City {id: 'city-other', name: '来安县'})-[:PART_OF]->(p) "
        "CREATE (:Unit {id: 'unit-elsewhere', name: '来安县民政局', kind: 'AGENCY', cityId: 'city-other', "
        "provinceId: 'province-anhui'})"
    )
    body = api.gql(ADD, {"k": SHUGUANG_COMMITTEE, "u": "unit-elsewhere", "s": "X"})
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "CONFLICT" and error["extensions"]["field"] == "unitId"
    assert "另一城市" in error["message"]
    records, _, _ = await demo_graph.execute_query(
        "MATCH (:Unit {id: 'unit-elsewhere'})-[m:MEMBER_OF]->() RETURN count(m) AS n"
    )
    assert records[0]["n"] == 0


async def test_a_unit_created_in_a_province_of_several_cities_takes_the_city_of_its_first_committee(
    api: Api, demo_graph: AsyncDriver
) -> None:
    await demo_graph.execute_query(
        "MATCH (p:Province {id: 'province-anhui'}) CREATE (:City {id: 'city-other', name: '来安县'})-[:PART_OF]->(p)"
    )
    unit = ok(api.gql(CREATE_UNIT, {"input": {"name": "邻里互助社", "kind": "SOCIAL_ORG"}}))["createUnit"][
        "id"
    ]
    assert await place(demo_graph, unit) == (None, None)
    ok(api.gql(ADD, {"k": SHUGUANG_COMMITTEE, "u": unit, "s": "N"}))
    assert await place(demo_graph, unit) == TIANCHANG


async def test_the_libraries_list_one_citys_needs_and_resources(api: Api, demo_graph: AsyncDriver) -> None:
    await demo_graph.execute_query(OTHER_PLACES, needId="need-000003", resourceId="res-00001")
    needs = "query ($c: ID) { needs(filter: {cityId: $c}, first: 100) { totalCount edges { node { id } } } }"
    resources = (
        "query ($c: ID) { resources(filter: {cityId: $c}, first: 100) { totalCount edges { node { id } } } }"
    )
    laian = ok(api.gql(needs, {"c": "city-laian"}))["needs"]
    assert laian["totalCount"] == 1 and laian["edges"] == [{"node": {"id": "need-laian-1"}}]
    assert ok(api.gql(needs, {"c": "city-tianchang"}))["needs"]["totalCount"] == 161
    ids = {e["node"]["id"] for e in ok(api.gql(resources, {"c": "city-laian"}))["resources"]["edges"]}
    assert ids == {"res-laian-community", "res-laian-street", "res-laian-city", "res-laian-province"}
    assert ok(api.gql(resources, {"c": "city-tianchang"}))["resources"]["totalCount"] == 234


TASKS_OF = """query ($city: ID) { taskStats(cityId: $city) { byStatus { key count } overdue dueSoon }
  taskList(filter: {cityId: $city}) { id } }"""


def _counted(body: dict[str, Any]) -> int:
    return sum(c["count"] for c in body["taskStats"]["byStatus"])


async def test_the_four_lists_and_their_figures_of_one_city_hold_its_tasks_only(
    api: Api, demo_graph: AsyncDriver
) -> None:
    whole = ok(api.gql(TASKS_OF, {"city": None}))
    records, _, _ = await demo_graph.execute_query(
        "MATCH (r:Resource {status: 'ACTIVE'}) RETURN r.id AS id ORDER BY id LIMIT 1"
    )
    await demo_graph.execute_query(OTHER_PLACES, needId="need-000003", resourceId=records[0]["id"])
    # a task of 来安县's need, copied from a demo task, its unit responsible
    await demo_graph.execute_query(
        "MATCH (t0:Task)-[:FULFILS]->(:Need) WITH t0 ORDER BY t0.id LIMIT 1 "
        "MATCH (n:Need {id: 'need-laian-1'}), (u:Unit {id: 'unit-laian-1'}) "
        "CREATE (t:Task)-[:FULFILS]->(n) SET t = t0 {.*, id: 'task-laian-1', clientId: null} "
        "CREATE (t)-[:RESPONSIBLE]->(u)"
    )
    laian = ok(api.gql(TASKS_OF, {"city": "city-laian"}))
    assert [t["id"] for t in laian["taskList"]] == ["task-laian-1"]
    assert _counted(laian) == 1
    # 天长市's are what the whole graph held before; the whole graph now holds both
    assert ok(api.gql(TASKS_OF, {"city": "city-tianchang"})) == whole
    assert _counted(ok(api.gql(TASKS_OF, {"city": None}))) == _counted(whole) + 1 > 1
