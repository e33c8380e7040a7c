"""Two `orggraph serve` processes on one Neo4j, as behind docker-compose's proxy: whatever one writes the other
reads, a client key holds across them, and nothing but the graph is shared (rate limits are each process's own).
Also `orggraph serve --workers 2`: two workers under one supervisor, their metrics merged."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from neo4j import AsyncDriver

from orggraph.settings import Settings
from tests.conftest import token
from tests.support.processes import serve_process, serve_process_pid

pytestmark = pytest.mark.usefixtures("demo_graph")

CREATE_NEED = "mutation ($i: CreateNeedInput!) { createNeed(input: $i) { id title } }"
PUBLISH = 'mutation ($id: ID!) { advanceNeed(id: $id, to: PUBLISHED, note: "联席会议") { status } }'
NEED = "query ($id: ID!) { need(id: $id) { id title status community { id } } }"
NEEDS = '{ needs(filter: {search: "跨进程楼道照明"}, first: 50) { totalCount edges { node { id } } } }'
MATCH = "query ($id: ID!) { matchNeed(needId: $id, limit: 5) { score resource { id } } }"
INPUT = {
    "communityId": "comm-shuguang", "title": "跨进程楼道照明维修", "description": "河畔家园楼道照明损坏,需要维修",
    "supportTypes": ["EXPERT"], "domain": "SAFETY", "populations": ["ALL"], "quantity": 4, "quantityUnit": "处",
    "neededBy": "2027-03-31",
}  # fmt: skip


@pytest.fixture(scope="module")
def two(neo4j_server: Settings) -> Iterator[tuple[str, str]]:
    """Processes A and B (`orggraph serve`) on the suite's Neo4j, started the same way."""
    with serve_process(neo4j_server) as a, serve_process(neo4j_server) as b:
        yield a, b


def gql(
    url: str, query: str, variables: dict[str, Any] | None = None, *, signed_in: bool = True
) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {token('ORG_ADMIN', subject='two-processes')}"} if signed_in else {}
    r = httpx.post(
        f"{url}/graphql", json={"query": query, "variables": variables or {}}, headers=headers, timeout=60
    )
    body: dict[str, Any] = r.json()
    return body


def ok(body: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


def test_a_need_created_on_one_process_is_read_listed_and_matched_on_the_other(two: tuple[str, str]) -> None:
    a, b = two
    made = ok(gql(a, CREATE_NEED, {"i": INPUT}))["createNeed"]
    ok(gql(a, PUBLISH, {"id": made["id"]}))
    assert ok(gql(b, NEED, {"id": made["id"]}))["need"] == {
        "id": made["id"], "title": INPUT["title"], "status": "PUBLISHED", "community": {"id": "comm-shuguang"},
    }  # fmt: skip
    listed = ok(gql(b, NEEDS))["needs"]
    assert listed["totalCount"] == 1 and listed["edges"][0]["node"]["id"] == made["id"]
    on_b = ok(gql(b, MATCH, {"id": made["id"]}))["matchNeed"]
    assert on_b, "the demo has resources for a lighting repair"
    assert on_b == ok(gql(a, MATCH, {"id": made["id"]}))["matchNeed"]


def test_one_client_id_sent_to_one_process_then_the_other_makes_one_need(two: tuple[str, str]) -> None:
    a, b = two
    given = {**INPUT, "clientId": "phone-two-processes-0001"}
    first = ok(gql(a, CREATE_NEED, {"i": given}))["createNeed"]
    again = ok(gql(b, CREATE_NEED, {"i": given}))["createNeed"]
    assert again["id"] == first["id"]
    assert ok(gql(a, NEEDS))["needs"]["totalCount"] == 1


async def test_ten_concurrent_creates_with_one_client_id_over_both_processes_make_one_need(
    two: tuple[str, str], demo_graph: AsyncDriver
) -> None:
    """Each answer is the need, or CONFLICT on clientId (the constraint of migration 016 refused the second to
    commit) whose retry, on the same process, answers the need."""
    key = "phone-two-processes-race"
    given = {"i": {**INPUT, "clientId": key}}
    urls = [two[i % 2] for i in range(10)]
    bodies = await asyncio.gather(*(asyncio.to_thread(gql, url, CREATE_NEED, given) for url in urls))
    records, _, _ = await demo_graph.execute_query(
        "MATCH (n:Need {clientId: $key}) RETURN n.id AS id", key=key
    )
    assert len(records) == 1, bodies
    made = records[0]["id"]
    for url, body in zip(urls, bodies, strict=True):
        if "errors" in body:
            assert body["errors"][0]["extensions"] == {"code": "CONFLICT", "field": "clientId"}, body
            body = gql(url, CREATE_NEED, given)
        assert ok(body)["createNeed"]["id"] == made


def test_rate_limits_are_counted_by_each_process_alone(neo4j_server: Settings) -> None:
    """Behind a proxy that spreads requests over N processes, a client gets N times the setting."""
    limited = {"ORGGRAPH_RATE_LIMIT_ENABLED": "true", "ORGGRAPH_RATE_LIMIT_ANONYMOUS": "5/hour"}
    with (
        serve_process_pid(neo4j_server, **limited) as (a, _),
        serve_process_pid(neo4j_server, **limited) as (b, _),
    ):
        probe = {"query": "{ __typename }"}
        statuses = [httpx.post(f"{a}/graphql", json=probe, timeout=30).status_code for _ in range(6)]
        assert statuses == [200] * 5 + [429]
        refused = httpx.post(f"{a}/graphql", json=probe, timeout=30)
        assert (
            refused.status_code == 429 and refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        )
        assert [httpx.post(f"{b}/graphql", json=probe, timeout=30).status_code for _ in range(5)] == [200] * 5


def children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def is_worker(pid: int) -> bool:
    """uvicorn's workers are multiprocessing's spawned processes (the supervisor also has a resource tracker)."""
    return b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()


def test_serve_with_two_workers_runs_two_worker_processes_whose_metrics_are_merged(
    neo4j_server: Settings,
) -> None:
    with serve_process_pid(neo4j_server, "--workers", "2") as (url, supervisor):
        workers = sorted(p for p in children(supervisor) if is_worker(p))
        assert len(workers) == 2
        probe = {"query": "query WorkersProbe { __typename }", "operationName": "WorkersProbe"}
        with httpx.Client(
            timeout=30
        ) as client:  # new connections: uvicorn's workers share the listening socket
            for _ in range(20):
                assert httpx.post(f"{url}/graphql", json=probe, timeout=30).json() == {
                    "data": {"__typename": "Query"}
                }
            for _ in range(4):  # whichever worker answers the scrape, it counts both workers' requests
                page = client.get(f"{url}/metrics", headers={"connection": "close"}).text
                counted = re.search(
                    r'orggraph_graphql_operations_total\{[^}]*operation="WorkersProbe"[^}]*\} (\S+)', page
                )
                assert counted is not None and float(counted.group(1)) == 20.0
                pools = re.findall(r'orggraph_neo4j_pool_max_size\{pid="(\d+)"\} (\S+)', page)
                assert sorted(int(pid) for pid, _ in pools) == workers and {v for _, v in pools} == {"50.0"}
