"""acceptMatch sent several times at the same moment with one clientId (a double tap, a retry before the
first answer, a proxy that retries on another replica): one task, the resource's capacity drawn once."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from neo4j import AsyncDriver

from tests.conftest import Api

pytestmark = pytest.mark.usefixtures("demo_graph")

CREATE_NEED = "mutation ($i: CreateNeedInput!) { createNeed(input: $i) { id } }"
PUBLISH = 'mutation ($id: ID!) { advanceNeed(id: $id, to: PUBLISHED, note: "联席会议") { status } }'
CREATE_RESOURCE = "mutation ($i: CreateResourceInput!) { createResource(input: $i) { id } }"
ACCEPT = "mutation ($i: AcceptMatchInput!) { acceptMatch(input: $i) { id need { id } resource { id } } }"

NEED = {
    "communityId": "comm-shuguang", "title": "河畔家园楼道灭火器更换",
    "description": "河畔家园楼道灭火器过期,需要更换", "supportTypes": ["GOODS"], "domain": "SAFETY",
    "populations": ["ALL"], "quantity": 2, "quantityUnit": "具", "neededBy": "2027-03-31",
}  # fmt: skip
RESOURCE = {
    "unitId": "unit-n-0003", "title": "灭火器捐赠", "description": "捐赠灭火器", "supportType": "GOODS",
    "domains": ["SAFETY"], "populations": ["ALL"], "capacity": 10, "capacityUnit": "具",
    "availableFrom": "2026-01-01", "availableUntil": "2027-12-31", "serviceArea": "CITY",
}  # fmt: skip


def ok(body: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]
    return result


async def test_concurrent_accepts_with_one_client_id_make_one_task_and_draw_capacity_once(
    api: Api, demo_graph: AsyncDriver
) -> None:
    """Before, each attempt read the key before it locked the need, so all passed the check and the second
    to commit broke the Task.clientId constraint and answered the driver's raw error. Now every answer is the
    one task, or CONFLICT on clientId whose retry answers that task."""
    need_id = ok(api.gql(CREATE_NEED, {"i": NEED}))["createNeed"]["id"]
    ok(api.gql(PUBLISH, {"id": need_id}))
    resource_id = ok(api.gql(CREATE_RESOURCE, {"i": RESOURCE}))["createResource"]["id"]
    key = "phone-accept-race-0001"
    accept = {"i": {"needId": need_id, "resourceId": resource_id, "standard": "全部更换", "deadline": "2027-03-01",
                    "overrideReason": "就近配送", "clientId": key}}  # fmt: skip

    async def send(client: httpx.AsyncClient) -> dict[str, Any]:
        r = await client.post(
            f"{api.url}/graphql", json={"query": ACCEPT, "variables": accept}, headers=api.admin, timeout=60
        )
        body: dict[str, Any] = r.json()
        return body

    async with httpx.AsyncClient() as client:
        bodies = await asyncio.gather(*(send(client) for _ in range(6)))
    records, _, _ = await demo_graph.execute_query(
        "MATCH (t:Task {clientId: $key}) RETURN t.id AS id", key=key
    )
    assert len(records) == 1, bodies
    made = records[0]["id"]
    for body in bodies:
        if "errors" in body:
            assert body["errors"][0]["extensions"] == {"code": "CONFLICT", "field": "clientId"}, body
        else:
            assert body["data"]["acceptMatch"]["id"] == made
    retry = ok(api.gql(ACCEPT, accept))["acceptMatch"]
    assert retry == {"id": made, "need": {"id": need_id}, "resource": {"id": resource_id}}
    records, _, _ = await demo_graph.execute_query(
        "MATCH (r:Resource {id: $id}) RETURN r.allocated AS a, COUNT { (r)<-[:USES]-(:Task) } AS t",
        id=resource_id,
    )
    assert (records[0]["a"], records[0]["t"]) == (2, 1)


async def test_one_client_id_sent_for_two_needs_at_once_makes_one_task_and_the_rest_conflict(
    api: Api, demo_graph: AsyncDriver
) -> None:
    """The two needs' locks do not order the attempts, so the key's unique constraint does: the second to commit
    answers CONFLICT on clientId, never the driver's constraint error."""
    needs = []
    for title in ("一号楼灭火器更换", "二号楼灭火器更换"):
        need_id = ok(api.gql(CREATE_NEED, {"i": {**NEED, "title": title}}))["createNeed"]["id"]
        ok(api.gql(PUBLISH, {"id": need_id}))
        needs.append(need_id)
    resource_id = ok(api.gql(CREATE_RESOURCE, {"i": RESOURCE}))["createResource"]["id"]
    key = "phone-accept-race-0002"

    async def send(client: httpx.AsyncClient, need_id: str) -> dict[str, Any]:
        accept = {"i": {"needId": need_id, "resourceId": resource_id, "standard": "全部更换",
                        "deadline": "2027-03-01", "overrideReason": "就近配送", "clientId": key}}  # fmt: skip
        r = await client.post(
            f"{api.url}/graphql", json={"query": ACCEPT, "variables": accept}, headers=api.admin, timeout=60
        )
        body: dict[str, Any] = r.json()
        return body

    async with httpx.AsyncClient() as client:
        bodies = await asyncio.gather(*(send(client, needs[i % 2]) for i in range(6)))
    records, _, _ = await demo_graph.execute_query(
        "MATCH (t:Task {clientId: $key})-[:FULFILS]->(n:Need) RETURN t.id AS id, n.id AS need", key=key
    )
    assert len(records) == 1, bodies
    made = records[0]["id"]
    for body in bodies:
        if "errors" in body:
            assert body["errors"][0]["extensions"] == {"code": "CONFLICT", "field": "clientId"}, body
        else:
            assert body["data"]["acceptMatch"]["id"] == made
            assert body["data"]["acceptMatch"]["need"]["id"] == records[0]["need"]
    records, _, _ = await demo_graph.execute_query(
        "MATCH (r:Resource {id: $id}) RETURN r.allocated AS a", id=resource_id
    )
    assert records[0]["a"] == 2
