"""Heavy operations cannot stall everyone: plans need a role scoped to what they plan, at most one plan a
request, plans run in a bounded pool of worker processes that says BUSY when full and ends a worker whose
request timed out, concurrent plans of one scope share a computation, and callers are rate limited."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from orggraph.services.heavy import HeavyWork
from orggraph.settings import Settings
from tests.conftest import token
from tests.support.app import served_app

PLAN = "{ planMatches { totalScore needsConsidered } }"
STREET_PLAN = "query ($s: ID) { planMatches(streetId: $s) { needsConsidered matches { need { id } } } }"
MATCH = '{ matchNeed(needId: "need-000003", limit: 3) { score } }'
ADMIN = {"authorization": f"Bearer {token('ORG_ADMIN', subject='heavy-admin')}"}


@pytest.fixture
async def served(neo4j_server: Settings, demo: object) -> AsyncIterator[tuple[httpx.AsyncClient, FastAPI]]:
    async with served_app(neo4j_server, timeout=60) as pair:
        yield pair


async def post(client: httpx.AsyncClient, query: str, headers: dict[str, str] | None = None,
               **variables: Any) -> httpx.Response:  # fmt: skip
    return await client.post("/graphql", json={"query": query, "variables": variables}, headers=headers or {})


def code(r: httpx.Response) -> str:
    errors = r.json().get("errors") or [{}]
    return str(errors[0].get("extensions", {}).get("code"))


def heavy(app: FastAPI) -> HeavyWork:
    pool: HeavyWork = app.state.heavy
    return pool


async def eventually(check: Callable[[], bool], seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.05)
    return True


async def test_eight_plans_in_one_request_are_refused_with_the_cost_error_and_nothing_is_computed(
    served: tuple[httpx.AsyncClient, FastAPI],
) -> None:
    client, app = served
    aliases = " ".join(f"p{i}: planMatches {{ totalScore }}" for i in range(8))
    r = await post(client, "{ " + aliases + " }", ADMIN)
    assert code(r) == "QUERY_TOO_COMPLEX" and r.json().get("data") is None
    assert "planMatches" in r.json()["errors"][0]["message"]
    assert heavy(app).admitted_total == 0


async def test_plans_and_recommendations_need_a_signed_in_user(
    served: tuple[httpx.AsyncClient, FastAPI],
) -> None:
    client, app = served
    assert code(await post(client, PLAN)) == "UNAUTHENTICATED"
    assert code(await post(client, MATCH)) == "UNAUTHENTICATED"
    viewer = {"authorization": f"Bearer {token('VIEWER')}"}
    assert code(await post(client, PLAN, viewer)) == "FORBIDDEN"
    assert (await post(client, MATCH, viewer)).json()["data"]["matchNeed"]
    assert heavy(app).admitted_total == 0


async def test_a_street_admin_plans_their_street_and_not_another(
    served: tuple[httpx.AsyncClient, FastAPI],
) -> None:
    client, _ = served
    mine = {"authorization": f"Bearer {token('STREET_ADMIN', 'street-guangling')}"}
    r = await post(client, STREET_PLAN, mine, s="street-qianqiu")
    assert code(r) == "FORBIDDEN"
    assert code(await post(client, PLAN, mine)) == "FORBIDDEN"  # the whole city is the department's
    r = await post(client, STREET_PLAN, mine, s="street-guangling")
    assert r.json()["data"]["planMatches"]["needsConsidered"] > 0


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def test_when_every_worker_is_busy_a_plan_is_refused_at_once_with_busy_and_retry_after(
    neo4j_server: Settings, demo: object
) -> None:
    settings = neo4j_server.model_copy(update={"heavy_workers": 1, "heavy_queue": 0})
    async with served_app(settings, timeout=60) as (client, app):
        pool = heavy(app)
        occupied = asyncio.ensure_future(pool.run(time.sleep, 60))
        assert await eventually(lambda: pool.busy == 1)
        r = await post(client, PLAN, ADMIN)
        assert code(r) == "BUSY" and r.headers["retry-after"] == "5"
        assert r.json()["errors"][0]["extensions"]["retryAfter"] == 5
        assert pool.admitted_total == 1  # refused before reading anything
        sleepers = pool.worker_pids()
        occupied.cancel()  # the caller goes away: its worker process is ended, not left sleeping
        assert sleepers and await eventually(lambda: not any(alive(pid) for pid in sleepers))
        assert pool.busy == 0 and pool.admitted == 0
        assert (await post(client, PLAN, ADMIN)).json()["data"]["planMatches"]["needsConsidered"] > 0


async def test_a_plan_whose_request_times_out_leaves_no_worker_busy(
    neo4j_server: Settings, demo: object
) -> None:
    # 1 s: enough for the plan's reads, too little for a worker process to start and plan
    settings = neo4j_server.model_copy(update={"request_timeout_s": 1.0})
    async with served_app(settings, timeout=60) as (client, app):
        r = await post(client, PLAN, ADMIN)
        assert r.status_code == 504 and code(r) == "TIMEOUT"
        pool = heavy(app)
        assert pool.admitted_total == 1  # the plan was admitted, then its request timed out
        assert await eventually(lambda: pool.busy == 0 and pool.admitted == 0)


async def test_concurrent_plans_of_one_scope_share_one_computation_but_not_across_a_write(
    neo4j_server: Settings, demo_graph: object
) -> None:
    settings = neo4j_server.model_copy(update={"heavy_workers": 1, "heavy_queue": 3})
    async with served_app(settings, timeout=60) as (client, app):
        pool = heavy(app)
        occupied = asyncio.ensure_future(pool.run(time.sleep, 60))  # the plans wait for the worker
        assert await eventually(lambda: pool.busy == 1)
        first = asyncio.ensure_future(post(client, PLAN, ADMIN))
        second = asyncio.ensure_future(post(client, PLAN, ADMIN))
        assert await eventually(lambda: pool.admitted == 2)  # the sleeper and one shared plan
        unit = {"input": {"name": "单飞测试单位", "kind": "AGENCY"}}
        created = await post(client, "mutation ($input: CreateUnitInput!) { createUnit(input: $input) { id } }",
                             ADMIN, **unit)  # fmt: skip
        assert created.json()["data"]["createUnit"]["id"]
        third = asyncio.ensure_future(post(client, PLAN, ADMIN))
        assert await eventually(lambda: pool.admitted == 3)  # asked after a write: a plan of its own
        occupied.cancel()
        a, b, c = await asyncio.gather(first, second, third)
        assert a.json() == b.json() and a.json()["data"] and c.json()["data"]
        assert pool.admitted_total == 3


async def test_callers_past_their_rate_limit_get_429_with_retry_after_and_others_are_unaffected(
    neo4j_server: Settings, demo: object
) -> None:
    settings = neo4j_server.model_copy(
        update={
            "rate_limit_enabled": True,
            "rate_limit_anonymous": "3/minute",
            "rate_limit_signed_in": "5/minute",
        }
    )
    async with served_app(settings, timeout=60) as (client, _):
        query = "{ streets { id } }"
        for left in (2, 1, 0):
            r = await post(client, query)
            assert r.status_code == 200 and r.headers["x-ratelimit-remaining"] == str(left)
            assert r.headers["x-ratelimit-limit"] == "3"
        r = await post(client, query)
        assert r.status_code == 429 and code(r) == "RATE_LIMITED"
        assert 1 <= int(r.headers["retry-after"]) <= 60 and r.headers["x-ratelimit-remaining"] == "0"
        signed_in = await post(client, query, ADMIN)  # counted per principal, not per address
        assert signed_in.status_code == 200 and signed_in.headers["x-ratelimit-limit"] == "5"
