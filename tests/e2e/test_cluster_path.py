"""The cluster path on the real stack (docs/scaling.md): the API under a neo4j:// routing URI (a standalone
Neo4j answers the driver's ROUTE with itself), and read-your-writes across two API processes by the
X-Orggraph-Bookmarks header: the process that wrote hands the write's bookmark back, another process given
it begins its transactions after that write, and a bookmark Neo4j cannot read answers BAD_BOOKMARK (which
proves the second process sends what it was given to Neo4j)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from neo4j import AsyncDriver, AsyncNeo4jDriver

from orggraph.api.http import BOOKMARKS_HEADER, MAX_BOOKMARKS
from orggraph.app import create_app
from orggraph.settings import Settings
from tests.conftest import scalar, token
from tests.e2e.test_import_export import filled, need_row
from tests.support.background import served
from tests.support.processes import serve_process
from tests.support.subscriber import subscriber

CREATE_NEED = "mutation ($i: CreateNeedInput!) { createNeed(input: $i) { id } }"
NEED = "query ($id: ID!) { need(id: $id) { id title status } }"
MATCH = "query ($id: ID!) { matchNeed(needId: $id, limit: 3) { score resource { id } } }"
NEED_CHANGED = 'subscription { needChanged(communityId: "comm-shuguang") { action need { id title } } }'


def need_input(title: str) -> dict[str, Any]:
    return {
        "communityId": "comm-shuguang", "title": title, "description": "集群路径测试", "supportTypes": ["GOODS"],
        "domain": "SAFETY", "populations": ["ALL"], "quantity": 3, "quantityUnit": "具", "neededBy": "2027-03-31",
    }  # fmt: skip


def admin() -> str:
    return token("ORG_ADMIN", subject="cluster-admin")


def post(url: str, query: str, variables: dict[str, Any], bookmarks: str | None = None) -> httpx.Response:
    headers = {"authorization": f"Bearer {admin()}"}
    if bookmarks is not None:
        headers[BOOKMARKS_HEADER] = bookmarks
    return httpx.post(
        f"{url}/graphql", json={"query": query, "variables": variables}, headers=headers, timeout=30
    )


def data(r: httpx.Response) -> dict[str, Any]:
    body: dict[str, Any] = r.json()
    assert r.status_code == 200 and "errors" not in body, body
    result: dict[str, Any] = body["data"]
    return result


def codes(r: httpx.Response) -> list[str]:
    return [e["extensions"]["code"] for e in r.json().get("errors", [])]


@pytest.fixture(scope="module")
def routed(neo4j_server: Settings) -> Iterator[tuple[str, FastAPI]]:
    """The API in this process, with ORGGRAPH_NEO4J_ROUTING: its driver reaches the suite's Neo4j as
    neo4j://127.0.0.1:<port>."""
    app = create_app(neo4j_server.model_copy(update={"neo4j_routing": True}))
    with served(app) as url:
        yield url, app


@pytest.fixture(scope="module")
def process_a(neo4j_server: Settings) -> Iterator[str]:
    """An API process reaching the local Neo4j by ORGGRAPH_NEO4J_ROUTING."""
    with serve_process(neo4j_server, ORGGRAPH_NEO4J_ROUTING="true") as url:
        yield url


@pytest.fixture(scope="module")
def process_b(neo4j_server: Settings) -> Iterator[str]:
    """An API process given NEO4J_URI=neo4j://..., as it would be given a cluster's address."""
    with serve_process(neo4j_server, NEO4J_URI=f"neo4j://127.0.0.1:{neo4j_server.neo4j_bolt_port}") as url:
        yield url


def test_routing_reaches_the_local_neo4j_by_a_neo4j_uri_and_neo4j_uri_is_used_as_given() -> None:
    local = Settings(neo4j_routing=True, neo4j_bolt_port=7999)
    assert local.bolt_uri == "neo4j://127.0.0.1:7999" and local.uses_local_neo4j
    assert Settings(neo4j_bolt_port=7999).bolt_uri == "bolt://127.0.0.1:7999"
    given = Settings(neo4j_uri="neo4j://graph.example.gov.cn:7687", neo4j_routing=False)
    assert given.bolt_uri == "neo4j://graph.example.gov.cn:7687"


@pytest.mark.usefixtures("demo_graph")
async def test_under_a_routing_uri_writes_reads_matching_and_subscriptions_work(
    routed: tuple[str, FastAPI],
) -> None:
    url, app = routed
    assert isinstance(app.state.driver, AsyncNeo4jDriver)  # the routing kind, not a direct Bolt driver
    async with subscriber(url, admin()) as s:
        await s.subscribe(NEED_CHANGED)
        await asyncio.sleep(0.3)  # the subscription is registered before the write
        made = await asyncio.to_thread(post, url, CREATE_NEED, {"i": need_input("路由下的需求")})
        need_id = data(made)["createNeed"]["id"]
        event = (await s.data())["needChanged"]
    assert event == {"action": "createNeed", "need": {"id": need_id, "title": "路由下的需求"}}
    read = data(await asyncio.to_thread(post, url, NEED, {"id": need_id}))["need"]
    assert read == {"id": need_id, "title": "路由下的需求", "status": "COLLECTED"}
    matched = data(await asyncio.to_thread(post, url, MATCH, {"id": "need-000003"}))["matchNeed"]
    assert matched and all(m["resource"]["id"] for m in matched)


@pytest.mark.usefixtures("demo_graph")
def test_a_write_on_one_process_hands_back_a_bookmark_another_process_reads_after(
    process_a: str, process_b: str
) -> None:
    made = post(process_a, CREATE_NEED, {"i": need_input("甲进程写入")})
    need_id = data(made)["createNeed"]["id"]
    bookmark = made.headers[BOOKMARKS_HEADER]
    assert bookmark.startswith("FB:") and "," not in bookmark
    read = post(process_b, NEED, {"id": need_id}, bookmarks=bookmark)
    assert data(read)["need"]["title"] == "甲进程写入"
    assert BOOKMARKS_HEADER not in read.headers  # a read hands nothing back: the client keeps what it has
    # the client keeps the last value and sends it with every request: a write on B answers a newer one
    again = post(process_b, CREATE_NEED, {"i": need_input("乙进程写入")}, bookmarks=bookmark)
    newer = again.headers[BOOKMARKS_HEADER]
    assert newer.startswith("FB:") and newer != bookmark
    back = post(process_a, NEED, {"id": data(again)["createNeed"]["id"]}, bookmarks=newer)
    assert data(back)["need"]["title"] == "乙进程写入"


async def test_a_bookmark_neo4j_cannot_read_answers_bad_bookmark_and_writes_nothing(
    demo_graph: AsyncDriver, settings: Settings, process_b: str
) -> None:
    read = await asyncio.to_thread(post, process_b, NEED, {"id": "need-000003"}, "FB:not-a-bookmark")
    assert codes(read) == ["BAD_BOOKMARK"]
    assert BOOKMARKS_HEADER in read.json()["errors"][0]["message"]
    write = await asyncio.to_thread(
        post, process_b, CREATE_NEED, {"i": need_input("不应写入")}, "FB:not-a-bookmark"
    )
    assert codes(write) == ["BAD_BOOKMARK"]
    written = await scalar(
        demo_graph, settings.neo4j_database, "MATCH (n:Need {title: $t}) RETURN count(n)", t="不应写入"
    )
    assert written == 0


def test_a_bookmarks_header_over_its_limits_is_refused_with_400(process_b: str) -> None:
    too_many = ",".join(f"FB:{i}" for i in range(MAX_BOOKMARKS + 1))
    r = post(process_b, NEED, {"id": "need-000003"}, bookmarks=too_many)
    assert r.status_code == 400 and codes(r) == ["BAD_BOOKMARK"]
    assert BOOKMARKS_HEADER in r.json()["errors"][0]["message"]


@pytest.mark.usefixtures("demo_graph")
def test_a_spreadsheet_import_hands_back_its_bookmark_too(process_a: str, process_b: str) -> None:
    headers = {"authorization": f"Bearer {admin()}"}
    template = httpx.get(f"{process_a}/transfer/templates/needs.xlsx", timeout=60).content
    sheet = filled(template, [need_row("CL-001", "导入后在乙进程读到")])
    imported = httpx.post(
        f"{process_a}/transfer/import/needs",
        files={"file": ("needs.xlsx", sheet)},
        headers=headers,
        timeout=120,
    )
    assert imported.status_code == 200 and imported.json()["written"] is True, imported.text
    bookmark = imported.headers[BOOKMARKS_HEADER]
    query = '{ community(id: "comm-shuguang") { needs { title } } }'
    titles = [n["title"] for n in data(post(process_b, query, {}, bookmarks=bookmark))["community"]["needs"]]
    assert "导入后在乙进程读到" in titles
