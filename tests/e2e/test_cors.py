"""CORS: a browser page on an allowed origin may call the API; any other origin gets no CORS header,
so the browser keeps the answer from its script. Off (same origin only) unless origins are listed."""

from __future__ import annotations

import pytest

from orggraph.settings import Settings
from tests.support.app import served

PORTAL = "http://portal.example"
PREFLIGHT = {
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "authorization,content-type",
}


@pytest.fixture
def allowing(neo4j_server: Settings) -> Settings:
    return neo4j_server.model_copy(
        update={"cors_allow_origins": f"{PORTAL}, https://screen.example:8443", "rate_limit_enabled": True}
    )


async def test_a_preflight_from_an_allowed_origin_passes_with_the_headers_the_api_needs(
    allowing: Settings,
) -> None:
    async with served(allowing) as c:
        r = await c.options("/graphql", headers={"Origin": PORTAL, **PREFLIGHT})
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == PORTAL
    assert {"POST", "GET"} <= set(r.headers["access-control-allow-methods"].split(", "))
    allowed = {h.strip().lower() for h in r.headers["access-control-allow-headers"].split(",")}
    assert {"authorization", "content-type", "x-request-id"} <= allowed
    assert r.headers["access-control-max-age"] == "600"
    assert "access-control-allow-credentials" not in r.headers


async def test_a_preflight_from_another_origin_is_refused(allowing: Settings) -> None:
    async with served(allowing) as c:
        r = await c.options("/graphql", headers={"Origin": "http://evil.example", **PREFLIGHT})
    assert r.status_code == 400
    assert "access-control-allow-origin" not in r.headers


async def test_a_request_from_an_allowed_origin_can_read_the_answer_and_the_rate_limit(
    allowing: Settings,
) -> None:
    async with served(allowing) as c:
        ok = await c.post("/graphql", json={"query": "{ streets { id } }"}, headers={"Origin": PORTAL})
        other = await c.post(
            "/graphql", json={"query": "{ streets { id } }"}, headers={"Origin": "http://evil.example"}
        )
    assert ok.status_code == 200 and ok.json()["data"]["streets"]
    assert ok.headers["access-control-allow-origin"] == PORTAL
    assert "x-ratelimit-remaining" in ok.headers["access-control-expose-headers"].lower()
    # the server still answers (CORS is the browser's rule), but without the header a page cannot read it
    assert "access-control-allow-origin" not in other.headers


async def test_without_listed_origins_no_cross_origin_call_is_allowed(neo4j_server: Settings) -> None:
    async with served(neo4j_server) as c:
        r = await c.options("/graphql", headers={"Origin": PORTAL, **PREFLIGHT})
    assert "access-control-allow-origin" not in r.headers and r.status_code >= 400


@pytest.mark.parametrize("bad", ["*", "portal.example", "http://portal.example/app", "http://*.example"])
def test_an_origin_that_is_not_one_is_refused_at_start(bad: str) -> None:
    with pytest.raises(ValueError, match="ORGGRAPH_CORS_ALLOW_ORIGINS"):
        Settings(cors_allow_origins=bad)  # type: ignore[call-arg]
