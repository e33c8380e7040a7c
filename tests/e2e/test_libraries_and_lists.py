"""两库四单 over HTTP: needs and resources, the six-step method, matching, acceptance, progress,
completion and rating, and the four lists."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from neo4j import AsyncDriver

from orggraph.settings import Settings
from tests.conftest import Api, graph_fingerprint

pytestmark = pytest.mark.usefixtures("demo_graph")


def ok(body: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]
    return result


def err(body: dict[str, Any]) -> dict[str, Any]:
    assert body.get("errors"), body
    e: dict[str, Any] = body["errors"][0]
    return e


CREATE_NEED = """mutation ($i: CreateNeedInput!) { createNeed(input: $i) { id title status statusLabel overdue
  supportTypes domain populations quantity neededBy community { id } } }"""
ADVANCE = """mutation ($id: ID!, $to: NeedStatus!) { advanceNeed(id: $id, to: $to, note: "联席会议") { id status } }"""
CREATE_RESOURCE = """mutation ($i: CreateResourceInput!) { createResource(input: $i) { id title status capacity unit { id } } }"""
MATCH = """query ($id: ID!) { matchNeed(needId: $id, limit: 20) { score reason resource { id unit { id } }
  components { name weight value reason } } }"""
ACCEPT = """mutation ($i: AcceptMatchInput!) { acceptMatch(input: $i) { id status title standard deadline quantity
  overrideReason recommendedRank responsibleUnit { id } need { id status } resource { id } community { id } } }"""

NEED = {
    "communityId": "comm-shuguang", "title": "河畔家园楼道消防器材补充",
    "description": "河畔家园多栋楼道灭火器过期,需要补充灭火器和应急照明", "supportTypes": ["GOODS"],
    "domain": "SAFETY", "populations": ["ALL"], "quantity": 30, "quantityUnit": "具", "neededBy": "2027-03-31",
    "source": "网格员上报",
}  # fmt: skip


def published_need(api: Api, **changes: Any) -> str:
    need = ok(api.gql(CREATE_NEED, {"i": {**NEED, **changes}}))["createNeed"]
    assert ok(api.gql(ADVANCE, {"id": need["id"], "to": "PUBLISHED"}))["advanceNeed"]["status"] == "PUBLISHED"
    return str(need["id"])


def test_a_need_goes_from_collection_to_rating_and_the_rating_feeds_reliability(api: Api) -> None:
    created = ok(api.gql(CREATE_NEED, {"i": NEED}))["createNeed"]
    assert created["status"] == "COLLECTED" and created["statusLabel"] == "已登记" and not created["overdue"]
    need_id = created["id"]
    ok(api.gql(ADVANCE, {"id": need_id, "to": "PUBLISHED"}))
    candidates = ok(api.gql(MATCH, {"id": need_id}))["matchNeed"]
    assert candidates and all(
        c["score"] == pytest.approx(sum(x["weight"] * x["value"] for x in c["components"]), abs=1e-4)
        for c in candidates
    )
    top = candidates[0]
    task = ok(api.gql(ACCEPT, {"i": {"needId": need_id, "resourceId": top["resource"]["id"],
                                     "standard": "每栋楼道配齐 2 具灭火器并张贴使用说明", "deadline": "2027-03-01"}}))["acceptMatch"]  # fmt: skip
    assert task["status"] == "PLANNED" and task["recommendedRank"] == 1 and task["overrideReason"] is None
    assert task["responsibleUnit"]["id"] == top["resource"]["unit"]["id"]
    assert task["need"]["status"] == "CLAIMED" and task["community"]["id"] == "comm-shuguang"
    started = ok(
        api.gql(
            'mutation ($id: ID!) { updateTask(id: $id, status: IN_PROGRESS, note: "开工") { status need { status } } }',
            {"id": task["id"]},
        )
    )
    assert started["updateTask"] == {"status": "IN_PROGRESS", "need": {"status": "IN_PROGRESS"}}
    done = ok(
        api.gql(
            'mutation ($id: ID!) { completeTask(id: $id, rating: 5, comment: "居民满意") { status rating need { status } } }',
            {"id": task["id"]},
        )
    )
    assert done["completeTask"] == {"status": "DONE", "rating": 5, "need": {"status": "RATED"}}
    # the unit's completed, rated task now counts in its reliability for the next need
    next_need = published_need(api, title="另一栋楼道消防器材补充")
    again = ok(api.gql(MATCH, {"id": next_need}))["matchNeed"]
    same_unit = next(c for c in again if c["resource"]["unit"]["id"] == top["resource"]["unit"]["id"])
    reliability = next(x for x in same_unit["components"] if x["name"] == "reliability")
    assert "已完成并评价任务" in reliability["reason"]
    # matching stops once the need is rated
    assert err(api.gql(MATCH, {"id": need_id}))["extensions"]["code"] == "CONFLICT"


def test_choosing_other_than_the_top_candidate_needs_and_records_a_reason(api: Api) -> None:
    need_id = published_need(api)
    candidates = ok(api.gql(MATCH, {"id": need_id}))["matchNeed"]
    assert len(candidates) >= 2
    second = candidates[1]["resource"]["id"]
    refused = err(
        api.gql(
            ACCEPT,
            {"i": {"needId": need_id, "resourceId": second, "standard": "配齐", "deadline": "2027-03-01"}},
        )
    )
    assert refused["extensions"] == {"code": "BAD_USER_INPUT", "field": "overrideReason"}
    assert "排第 2 位" in refused["message"]
    task = ok(api.gql(ACCEPT, {"i": {"needId": need_id, "resourceId": second, "standard": "配齐", "deadline": "2027-03-01",
                                     "overrideReason": "该单位离小区近,上次合作很顺利"}}))["acceptMatch"]  # fmt: skip
    assert task["recommendedRank"] == 2 and task["overrideReason"] == "该单位离小区近,上次合作很顺利"


async def test_every_illegal_transition_is_refused_and_writes_nothing(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    need_id = ok(api.gql(CREATE_NEED, {"i": NEED}))["createNeed"]["id"]
    before = await graph_fingerprint(demo_graph, settings.neo4j_database)
    for to in ("CLAIMED", "IN_PROGRESS", "DONE", "RATED", "COLLECTED"):  # claimed only by a unit or a meeting
        e = err(api.gql(ADVANCE, {"id": need_id, "to": to}))
        assert e["extensions"]["code"] in {"BAD_USER_INPUT", "CONFLICT"} and e["extensions"]["field"] == "to"
    assert await graph_fingerprint(demo_graph, settings.neo4j_database) == before
    ok(api.gql(ADVANCE, {"id": need_id, "to": "REJECTED"}))
    e = err(api.gql(ADVANCE, {"id": need_id, "to": "PUBLISHED"}))
    assert e["extensions"] == {"code": "CONFLICT", "field": "to"} and "不予采纳" in e["message"]


def test_a_unit_claims_a_published_need(api: Api) -> None:
    need_id = published_need(api)
    claimed = ok(
        api.gql(
            'mutation ($n: ID!) { claimNeed(needId: $n, unitId: "unit-n-0003") { status } }', {"n": need_id}
        )
    )
    assert claimed["claimNeed"]["status"] == "CLAIMED"
    again = err(
        api.gql(
            'mutation ($n: ID!) { claimNeed(needId: $n, unitId: "unit-n-0003") { status } }', {"n": need_id}
        )
    )
    assert again["extensions"] == {"code": "CONFLICT", "field": "needId"}


def test_create_need_with_a_client_id_is_idempotent(api: Api) -> None:
    first = ok(api.gql(CREATE_NEED, {"i": {**NEED, "clientId": "phone-42-0001"}}))["createNeed"]
    retry = ok(api.gql(CREATE_NEED, {"i": {**NEED, "clientId": "phone-42-0001"}}))["createNeed"]
    assert retry["id"] == first["id"]
    found = ok(api.gql('{ needs(filter: {search: "楼道消防器材"}, first: 100) { totalCount } }'))["needs"]
    assert found["totalCount"] == 1


async def test_concurrent_creates_with_one_client_id_make_one_need(api: Api, demo_graph: AsyncDriver) -> None:
    """A phone that sends its createNeed twice at once (a double tap, a retry before the first answer) makes one
    need: every answer is that need or CONFLICT on clientId, whose retry answers that need. Before migration 016,
    8 concurrent creates with one key made up to 8 needs."""
    key = "phone-race-0001"
    with ThreadPoolExecutor(8) as pool:
        bodies = list(pool.map(lambda _: api.gql(CREATE_NEED, {"i": {**NEED, "clientId": key}}), range(8)))
    records, _, _ = await demo_graph.execute_query(
        "MATCH (n:Need {clientId: $key}) RETURN n.id AS id", key=key
    )
    assert len(records) == 1, [b.get("data") for b in bodies]
    made = records[0]["id"]
    for body in bodies:
        if "errors" in body:
            assert body["errors"][0]["extensions"] == {"code": "CONFLICT", "field": "clientId"}, body
        else:
            assert body["data"]["createNeed"]["id"] == made
    retry = ok(api.gql(CREATE_NEED, {"i": {**NEED, "clientId": key}}))["createNeed"]
    assert retry["id"] == made


def test_a_client_id_is_not_a_key_to_another_communitys_need(api: Api) -> None:
    from tests.conftest import token

    ok(api.gql(CREATE_NEED, {"i": {**NEED, "clientId": "phone-42-0002"}}))  # 曙光社区's need
    qianqiu = token("COMMUNITY_ADMIN", "comm-qianqiu", subject="qianqiu-admin")
    body = api.gql(
        CREATE_NEED,
        {"i": {**NEED, "communityId": "comm-qianqiu", "clientId": "phone-42-0002"}},
        as_token=qianqiu,
    )
    assert body["data"] is None and "楼道消防器材" not in str(body)  # nothing of the other community's need
    assert body["errors"][0]["extensions"] == {"code": "CONFLICT", "field": "clientId"}


def test_a_client_id_is_not_a_key_to_another_units_resource(api: Api) -> None:
    ok(api.gql(CREATE_RESOURCE, {"i": {**RESOURCE, "clientId": "unit-key-0001"}}))
    other = {**RESOURCE, "unitId": "unit-n-0001", "clientId": "unit-key-0001"}
    body = api.gql(CREATE_RESOURCE, {"i": other})
    assert body["errors"][0]["extensions"] == {"code": "CONFLICT", "field": "clientId"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "标" * 121}, "title"),
        ({"quantity": 0}, "quantity"),
        ({"supportTypes": []}, "supportTypes"),
        ({"neededBy": "2020-01-01"}, "neededBy"),
        ({"description": "含\u0000控制字符"}, "description"),
        ({"communityId": "comm-nope"}, "communityId"),
    ],
)
async def test_a_bad_need_is_refused_naming_the_field(
    api: Api, demo_graph: AsyncDriver, settings: Settings, change: dict[str, Any], field: str
) -> None:
    before = await graph_fingerprint(demo_graph, settings.neo4j_database)
    e = err(api.gql(CREATE_NEED, {"i": {**NEED, **change}}))
    assert e["extensions"]["field"] == field
    assert await graph_fingerprint(demo_graph, settings.neo4j_database) == before


RESOURCE = {
    "unitId": "unit-n-0003", "title": "消防器材捐赠", "description": "捐赠灭火器", "supportType": "GOODS",
    "domains": ["SAFETY"], "populations": ["ALL"], "capacity": 3, "capacityUnit": "具",
    "availableFrom": "2026-01-01", "availableUntil": "2027-12-31", "serviceArea": "CITY",
}  # fmt: skip


async def test_concurrent_accepts_never_overdraw_a_resource(api: Api, demo_graph: AsyncDriver) -> None:
    resource = ok(api.gql(CREATE_RESOURCE, {"i": RESOURCE}))["createResource"]
    needs = [published_need(api, title=f"第{i}栋楼道灭火器", quantity=1) for i in range(6)]

    async def accept(client: httpx.AsyncClient, need_id: str) -> dict[str, Any]:
        body = {"query": ACCEPT, "variables": {"i": {
            "needId": need_id, "resourceId": resource["id"], "standard": "配齐", "deadline": "2027-03-01",
            "overrideReason": "集中由同一单位配送"}}}  # fmt: skip
        r = await client.post(f"{api.url}/graphql", json=body, headers=api.admin, timeout=60)
        result: dict[str, Any] = r.json()
        return result

    async with httpx.AsyncClient() as client:
        results = await asyncio.gather(*(accept(client, n) for n in needs))
    accepted = [r for r in results if not r.get("errors")]
    refused = [r for r in results if r.get("errors")]
    assert len(accepted) == 3 and len(refused) == 3
    assert all(r["errors"][0]["extensions"]["code"] == "CONFLICT" for r in refused)
    records, _, _ = await demo_graph.execute_query(
        "MATCH (r:Resource {id: $id}) RETURN r.allocated AS a, r.capacity AS c, COUNT { (r)<-[:USES]-(:Task) } AS t",
        id=resource["id"],
    )
    assert (records[0]["a"], records[0]["c"], records[0]["t"]) == (3, 3, 3)


async def test_cancelling_a_task_gives_the_capacity_back(api: Api, demo_graph: AsyncDriver) -> None:
    resource = ok(api.gql(CREATE_RESOURCE, {"i": {**RESOURCE, "capacity": 1}}))["createResource"]
    need_id = published_need(api, quantity=1)
    task = ok(api.gql(ACCEPT, {"i": {"needId": need_id, "resourceId": resource["id"], "standard": "配齐",
                                     "deadline": "2027-03-01", "overrideReason": "就近"}}))["acceptMatch"]  # fmt: skip
    cancelled = ok(
        api.gql(
            'mutation ($id: ID!) { updateTask(id: $id, status: CANCELLED, note: "单位无法按时配送") { status need { status } } }',
            {"id": task["id"]},
        )
    )
    assert cancelled["updateTask"] == {"status": "CANCELLED", "need": {"status": "PUBLISHED"}}
    records, _, _ = await demo_graph.execute_query(
        "MATCH (r:Resource {id: $id}) RETURN r.allocated AS a", id=resource["id"]
    )
    assert records[0]["a"] == 0
    e = err(
        api.gql(
            "mutation ($id: ID!) { updateTask(id: $id, status: IN_PROGRESS) { status } }", {"id": task["id"]}
        )
    )
    assert e["extensions"] == {"code": "CONFLICT", "field": "status"}


def test_withdrawn_resources_are_not_recommended(api: Api) -> None:
    resource = ok(api.gql(CREATE_RESOURCE, {"i": {**RESOURCE, "capacity": 100}}))["createResource"]
    need_id = published_need(api)
    assert resource["id"] in {c["resource"]["id"] for c in ok(api.gql(MATCH, {"id": need_id}))["matchNeed"]}
    withdrawn = ok(
        api.gql("mutation ($id: ID!) { withdrawResource(id: $id) { status } }", {"id": resource["id"]})
    )
    assert withdrawn["withdrawResource"]["status"] == "WITHDRAWN"
    assert resource["id"] not in {
        c["resource"]["id"] for c in ok(api.gql(MATCH, {"id": need_id}))["matchNeed"]
    }


def test_the_four_lists_filter_and_order(api: Api) -> None:
    rows = ok(
        api.gql(
            '{ timeLimitList(filter: {streetId: "street-guangling"}) { id deadline overdue status community { id } } }'
        )
    )["timeLimitList"]
    assert rows
    deadlines = [r["deadline"] for r in rows]
    assert deadlines == sorted(deadlines)
    streets = ok(api.gql('{ street(id: "street-guangling") { communities { id } } }'))["street"][
        "communities"
    ]
    assert {r["community"]["id"] for r in rows} <= {c["id"] for c in streets}
    groups = ok(
        api.gql(
            "{ responsibilityList { unit { id name } open done overdue tasks { id responsibleUnit { id } } } }"
        )
    )["responsibilityList"]
    assert groups and all(t["responsibleUnit"]["id"] == g["unit"]["id"] for g in groups for t in g["tasks"])
    assert all(g["open"] + g["done"] <= len(g["tasks"]) for g in groups)
    done = ok(api.gql("{ taskList(filter: {status: [DONE]}) { status rating } standardList { standard } }"))
    assert done["taskList"] and all(t["status"] == "DONE" for t in done["taskList"])
    assert all(s["standard"] for s in done["standardList"])
    ranged = ok(
        api.gql(
            '{ timeLimitList(filter: {deadlineFrom: "2027-01-01", deadlineTo: "2027-03-31"}) { deadline } }'
        )
    )["timeLimitList"]
    assert all("2027-01-01" <= r["deadline"] <= "2027-03-31" for r in ranged)


def test_the_libraries_page_filter_and_search(api: Api) -> None:
    page = ok(
        api.gql(
            '{ needs(filter: {communityId: "comm-shuguang", status: [PUBLISHED, COLLECTED]}, first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { node { status neededBy community { id } } } } }'
        )
    )["needs"]
    assert all(
        e["node"]["community"]["id"] == "comm-shuguang" and e["node"]["status"] in ("PUBLISHED", "COLLECTED")
        for e in page["edges"]
    )
    dates = [e["node"]["neededBy"] for e in page["edges"]]
    assert dates == sorted(dates)
    searched = ok(
        api.gql(
            '{ resources(filter: {search: "律师", status: [ACTIVE]}, first: 100) { totalCount edges { node { title } } } }'
        )
    )["resources"]
    assert searched["totalCount"] > 0 and all(
        "律师" in e["node"]["title"] or e["node"]["title"] for e in searched["edges"]
    )
    assert any("律师" in e["node"]["title"] for e in searched["edges"])
    overdue = ok(api.gql("{ needs(filter: {overdue: true}, first: 100) { edges { node { overdue } } } }"))[
        "needs"
    ]["edges"]
    assert all(e["node"]["overdue"] for e in overdue)
    by_type = ok(
        api.gql("{ resources(filter: {supportType: SPACE}, first: 100) { edges { node { supportType } } } }")
    )["resources"]["edges"]
    assert by_type and {e["node"]["supportType"] for e in by_type} == {"SPACE"}


async def test_create_need_writes_the_audit_record_every_change_writes(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    """createNeed writes its audit record in its own statement (AUDIT_RECORD), advanceNeed after its work
    (RECORD_AUDIT): the same properties, of the same types, numbered one after the other."""
    need_id = ok(api.gql(CREATE_NEED, {"i": {**NEED, "title": "审计记录一致"}}))["createNeed"]["id"]
    ok(api.gql(ADVANCE, {"id": need_id, "to": "PUBLISHED"}))
    records, _, _ = await demo_graph.execute_query(
        """MATCH (a:AuditRecord) WHERE $id IN a.needs
        RETURN a.action AS action, properties(a) AS p,
               [k IN keys(a) | [k, valueType(a[k])]] AS types ORDER BY a.seq""",
        id=need_id,
        database_=settings.neo4j_database,
    )
    created, advanced = records
    assert (created["action"], advanced["action"]) == ("createNeed", "advanceNeed")
    assert sorted(created["types"]) == sorted(advanced["types"])
    assert advanced["p"]["seq"] == created["p"]["seq"] + 1
    for r in records:
        p = r["p"]
        assert (p["needs"], p["tasks"], p["meetings"]) == ([need_id], [], [])
        assert p["actor"] == advanced["p"]["actor"] and p["role"] == "ORG_ADMIN" and p["requestId"]
    assert created["p"]["target"] == "comm-shuguang" and '"title": "审计记录一致"' in created["p"]["detail"]
