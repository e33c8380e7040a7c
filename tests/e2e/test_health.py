"""The process and readiness probes, over real HTTP."""

from __future__ import annotations

import httpx

from orggraph.settings import Settings
from tests.conftest import Api
from tests.support.app import served


def test_healthz_answers_without_asking_neo4j(api: Api) -> None:
    r = httpx.get(f"{api.url}/healthz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}


def test_readyz_is_ready_when_neo4j_answers(api: Api) -> None:
    r = httpx.get(f"{api.url}/readyz")
    assert r.status_code == 200 and r.json()["status"] == "ready"


async def test_readyz_is_503_when_neo4j_is_unreachable() -> None:
    # A port nothing listens on: the real driver fails to connect, /readyz says so.
    settings = Settings(NEO4J_URI="bolt://127.0.0.1:9", readiness_timeout_s=2.0)  # type: ignore[call-arg]
    async with served(settings) as client:
        r = await client.get("/readyz")
    assert r.status_code == 503 and r.json()["status"] == "unavailable"
