"""Errors as a client sees them when something outside the request goes wrong."""

from __future__ import annotations

import logging

import pytest

from orggraph.settings import Settings
from tests.support.app import served


async def post(settings: Settings, query: str) -> dict[str, object]:
    async with served(settings) as client:
        r = await client.post("/graphql", json={"query": query})
    body: dict[str, object] = r.json()
    return body


async def test_an_unreachable_database_is_service_unavailable_not_a_leak() -> None:
    settings = Settings(NEO4J_URI="bolt://127.0.0.1:9", neo4j_max_retry_s=0.5)  # type: ignore[call-arg]
    body = await post(settings, "{ streets { id } }")
    err = body["errors"][0]  # type: ignore[index]
    assert err["extensions"] == {"code": "SERVICE_UNAVAILABLE"}
    assert err["message"] == "数据库暂时无法连接,请稍后重试"
    assert "127.0.0.1" not in str(body)


async def test_an_unexpected_error_is_masked_for_the_client_and_logged_in_full(
    settings: Settings,
    neo4j_server: Settings,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from orggraph.graph import network_reads as reads

    async def broken(*_: object) -> object:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(reads, "all_streets", broken)
    with caplog.at_level(logging.ERROR, logger="orggraph.api"):
        # strawberry's resolver is the one broken here (the fast path would not call it)
        body = await post(neo4j_server.model_copy(update={"compiled": False}), "{ streets { id } }")
    err = body["errors"][0]  # type: ignore[index]
    assert err["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    assert "secret" not in str(body)
    assert any("secret internal detail" in (r.exc_text or "") or r.exc_info for r in caplog.records)
