"""Hostile and careless queries are refused with a clear error before they cost anything; production
hides introspection, suggestions and GraphiQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from orggraph.settings import Settings
from tests.support.app import served


@pytest.fixture
async def production(neo4j_server: Settings, demo: object) -> AsyncIterator[httpx.AsyncClient]:
    settings = neo4j_server.model_copy(update={"env": "production", "max_body_bytes": 20_000})
    async with served(settings) as client:
        yield client


async def gql(client: httpx.AsyncClient, query: str) -> dict[str, Any]:
    r = await client.post("/graphql", json={"query": query})
    body: dict[str, Any] = r.json()
    return body


async def test_a_deep_query_is_refused(production: httpx.AsyncClient) -> None:
    deep = (
        '{ community(id: "comm-shuguang") { ' + "committee { community { " * 6 + "name" + " } }" * 6 + " } }"
    )
    body = await gql(production, deep)
    assert body["errors"] and "exceeds maximum operation depth" in body["errors"][0]["message"]
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_too_many_aliases_are_refused(production: httpx.AsyncClient) -> None:
    aliases = " ".join(f"a{i}: cityStats {{ streets }}" for i in range(40))
    body = await gql(production, "{ " + aliases + " }")
    assert body["errors"] and "aliases" in body["errors"][0]["message"]


async def test_too_many_tokens_are_refused(production: httpx.AsyncClient) -> None:
    body = await gql(production, "{ streets { " + "id " * 2500 + "} }")
    assert body["errors"] and "token" in body["errors"][0]["message"].lower()


async def test_a_wide_nested_query_is_refused_by_its_cost(production: httpx.AsyncClient) -> None:
    wide = """{ communities(first: 100) { edges { node { committee { members { unit {
      memberships { committee { name members { seat } } } resources { title } } } } } } } }"""
    body = await gql(production, wide)
    err = body["errors"][0]
    assert (
        err["extensions"]["code"] == "QUERY_TOO_COMPLEX"
        and err["extensions"]["cost"] > err["extensions"]["maxCost"]
    )
    assert body.get("data") is None


async def test_a_huge_page_is_refused(production: httpx.AsyncClient) -> None:
    body = await gql(production, "{ communities(first: 1000) { totalCount } }")
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "first"}


async def test_an_oversized_body_is_refused_with_413(production: httpx.AsyncClient) -> None:
    r = await production.post(
        "/graphql", json={"query": "{ streets { id } }", "variables": {"x": "长" * 20_000}}
    )
    assert r.status_code == 413 and r.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_production_hides_introspection_suggestions_and_graphiql(production: httpx.AsyncClient) -> None:
    body = await gql(production, "{ __schema { types { name } } }")
    assert body["errors"] and "introspection" in body["errors"][0]["message"].lower()
    body = await gql(production, "{ streetz { id } }")
    assert "Did you mean" not in body["errors"][0]["message"]
    page = await production.get("/graphql", headers={"accept": "text/html"})
    assert "graphiql" not in page.text.lower()


async def test_an_ordinary_query_still_answers_in_production(production: httpx.AsyncClient) -> None:
    body = await gql(production, '{ community(id: "comm-shuguang") { name committee { members { seat } } } }')
    assert body["data"]["community"]["name"] == "曙光社区"


async def test_the_document_and_validation_caches_change_no_answer(production: httpx.AsyncClient) -> None:
    """Parsed documents and their validation are cached: a refused query is refused again, a syntax error
    is reported again with its code, and a good query still answers, however often each is sent."""
    deep = (
        '{ community(id: "comm-shuguang") { ' + "committee { community { " * 6 + "name" + " } }" * 6 + " } }"
    )
    for _ in range(3):
        refused = await gql(production, deep)
        assert refused["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
        broken = await gql(production, "{ community(id: ")
        assert broken["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
        fine = await gql(production, '{ community(id: "comm-shuguang") { name } }')
        assert fine == {"data": {"community": {"name": "曙光社区"}}}


async def test_a_streamed_body_over_the_cap_is_refused_with_413(production: httpx.AsyncClient) -> None:
    """Without a Content-Length the body is read up to the cap, and refused beyond it."""

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"query": "{ streets { id } }", "variables": {"x": "'
        for _ in range(30):
            yield b"x" * 1_000
        yield b'"}}'

    r = await production.post("/graphql", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"

    async def small() -> AsyncIterator[bytes]:
        yield b'{"query": "{ streets { name } }"}'

    r = await production.post("/graphql", content=small(), headers={"content-type": "application/json"})
    assert r.status_code == 200 and len(r.json()["data"]["streets"]) == 2


async def test_a_request_past_its_time_limit_gets_504(neo4j_server: Settings, demo: object) -> None:
    async with served(neo4j_server.model_copy(update={"request_timeout_s": 0.0001})) as client:
        r = await client.post("/graphql", json={"query": "{ cityStats { streets communities } }"})
    assert r.status_code == 504 and r.json()["errors"][0]["extensions"]["code"] == "TIMEOUT"
