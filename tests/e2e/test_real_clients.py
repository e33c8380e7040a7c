"""Real GraphQL clients against the contract (npm project pinned in tests/clients): Apollo Client 3
pages through `communities` of the served Tianchang demo forward and backward, the Relay compiler
compiles paginated queries, fragments and a mutation against schema/orggraph.graphql, and graphql-ws
(the reference client of graphql-transport-ws, on Node's ws) subscribes to needChanged."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Api, token

CLIENTS = Path(__file__).resolve().parents[1] / "clients"
# the Makefile's stamp too: `make lint` and these tests install tests/clients the same way
STAMP = CLIENTS / "node_modules" / ".installed-stamp"
PAGE = 5
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def clients() -> Path:
    """tests/clients with its node_modules installed as package-lock.json pins them."""
    node, npm = shutil.which("node"), shutil.which("npm")
    assert node and npm, "Node.js and npm are needed for the client tests (tests/clients)"
    pins = max((CLIENTS / f).stat().st_mtime for f in ("package.json", "package-lock.json"))
    if not STAMP.exists() or STAMP.stat().st_mtime < pins:
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=CLIENTS, check=True, timeout=600
        )
        STAMP.touch()
    return CLIENTS


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120)


def _all_communities(api: Api) -> tuple[list[str], int]:
    """Every community's id in the contract's order (by name, then id), and the total, in one page."""
    body = api.gql("{ communities(first: 100) { totalCount edges { node { id name } } } }", as_token=None)
    assert "errors" not in body, body
    connection: dict[str, Any] = body["data"]["communities"]
    nodes = [e["node"] for e in connection["edges"]]
    return [n["id"] for n in sorted(nodes, key=lambda n: (n["name"], n["id"]))], connection["totalCount"]


def _check_page_info(page: dict[str, Any], *, previous: bool, following: bool) -> None:
    info = page["pageInfo"]
    assert (info["hasPreviousPage"], info["hasNextPage"]) == (previous, following), page
    assert info["startCursor"] == page["cursors"][0] and info["endCursor"] == page["cursors"][-1], page


@pytest.mark.usefixtures("demo")
def test_apollo_client_pages_communities_forward_to_the_end_and_backward_to_the_start(
    api: Api, clients: Path
) -> None:
    expected, total = _all_communities(api)
    assert total == len(expected) > 2 * PAGE and total % PAGE, "the demo has middle pages and a short one"

    # anonymous, as the public front end reads the network
    out = _run(["node", str(clients / "apollo_paging.mjs"), f"{api.url}/graphql", str(PAGE)], clients)
    assert out.returncode == 0, out.stderr
    walk = json.loads(out.stdout)
    forward, backward = walk["forward"], walk["backward"]
    pages = -(-total // PAGE)

    # forward (first/after): every community once, in order, pages of PAGE and a short last one
    assert [i for p in forward for i in p["ids"]] == expected
    assert len(forward) == pages
    for n, page in enumerate(forward):
        assert page["ids"] == expected[n * PAGE : (n + 1) * PAGE]
        assert page["totalCount"] == total
        _check_page_info(page, previous=n > 0, following=n < pages - 1)

    # backward (last/before) from the end: each page in the same ascending order as forward pages;
    # the first is the last PAGE communities (last without before), the short page is at the start
    assert [i for p in reversed(backward) for i in p["ids"]] == expected
    assert len(backward) == pages
    for n, page in enumerate(backward):
        assert page["ids"] == expected[max(0, total - (n + 1) * PAGE) : total - n * PAGE]
        assert page["totalCount"] == total
        _check_page_info(page, previous=n < pages - 1, following=n > 0)

    # Apollo's cache normalized every community once (by __typename and id)
    assert walk["cachedCommunities"] == total


def test_relay_compiler_compiles_paginated_fragments_and_a_mutation_against_the_schema(
    clients: Path,
) -> None:
    """tests/clients/relay: pagination fragments (@connection, @refetchable, both directions) on
    `communities` and `needs`, their row fragments and createNeed. Artifacts go to the gitignored
    tests/clients/relay/__generated__."""
    generated = clients / "relay" / "__generated__"
    shutil.rmtree(generated, ignore_errors=True)
    compiler = str(clients / "node_modules" / ".bin" / "relay-compiler")

    out = _run([compiler], clients)
    assert out.returncode == 0, ANSI.sub("", out.stdout + out.stderr)
    artifacts = {p.name.removesuffix(".graphql.js") for p in generated.glob("*.graphql.js")}
    assert {
        "CommunitiesListQuery",
        "CommunitiesListPaginationQuery",
        "CommunitiesList_query",
        "NeedsListQuery",
        "NeedsListPaginationQuery",
        "NeedsList_query",
        "CreateNeedMutation",
    } <= artifacts
    for fragment in ("CommunitiesList_query", "NeedsList_query"):
        assert '"direction": "bidirectional"' in (generated / f"{fragment}.graphql.js").read_text()

    # what it wrote is what the sources and the schema give: --validate finds nothing to change
    check = _run([compiler, "--validate"], clients)
    assert check.returncode == 0, ANSI.sub("", check.stdout + check.stderr)


CREATE_NEED = "mutation ($i: CreateNeedInput!) { createNeed(input: $i) { id } }"


def _need(community: str, title: str) -> dict[str, Any]:
    return {
        "communityId": community, "title": title, "description": "graphql-ws 订阅测试", "supportTypes": ["GOODS"],
        "domain": "SAFETY", "populations": ["ALL"], "quantity": 1, "quantityUnit": "批", "neededBy": "2027-03-31",
    }  # fmt: skip


async def _node_subscriber(
    clients: Path, url: str, variables: dict[str, Any], *, count: int, linger_ms: int
) -> asyncio.subprocess.Process:
    """tests/clients/subscribe.mjs subscribed to needChanged as the city organization department, once
    graphql-ws says the server acknowledged the connection."""
    admin = token("ORG_ADMIN", subject="graphql-ws-subscriber")
    proc = await asyncio.create_subprocess_exec(
        "node", str(clients / "subscribe.mjs"), f"{url}/graphql", admin, "--variables", json.dumps(variables),
        "--count", str(count), "--linger-ms", str(linger_ms), "--timeout-ms", "15000",
        cwd=clients, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    first = await asyncio.wait_for(proc.stdout.readline(), 15)
    if not first:
        raise AssertionError(f"graphql-ws did not connect: {(await proc.stderr.read()).decode()}")
    assert json.loads(first) == {"connected": True}, first
    return proc


async def _events(proc: asyncio.subprocess.Process) -> list[dict[str, Any]]:
    """The needChanged events the client printed, once it has exited 0."""
    out, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0, err.decode()
    return [json.loads(line)["needChanged"] for line in out.decode().splitlines()]


@pytest.mark.usefixtures("demo_graph")
async def test_graphql_ws_receives_a_communitys_new_needs_in_order_and_resumes_after_an_id(
    api: Api, clients: Path
) -> None:
    community, elsewhere = "comm-shuguang", "comm-qianqiu"
    titles = [f"graphql-ws 需求 {i}" for i in range(5)]
    proc = await _node_subscriber(
        clients, api.url, {"community": community}, count=len(titles), linger_ms=300
    )
    await asyncio.sleep(0.5)  # the server has registered the subscription (sent right after the ack)

    made = []
    for i, title in enumerate(titles):
        body = await asyncio.to_thread(api.gql, CREATE_NEED, {"i": _need(community, title)})
        assert "errors" not in body, body
        made.append(body["data"]["createNeed"]["id"])
        if i % 2 == 0:  # interleaved: a need of another community, which the subscription leaves out
            body = await asyncio.to_thread(api.gql, CREATE_NEED, {"i": _need(elsewhere, f"别处 {i}")})
            assert "errors" not in body, body

    # exactly those needs, in the order they were made, nothing more while the client lingers
    got = await _events(proc)
    assert [e["need"]["id"] for e in got] == made
    assert [e["need"]["title"] for e in got] == titles
    assert {(e["action"], e["need"]["status"], e["need"]["community"]["id"]) for e in got} == {
        ("createNeed", "COLLECTED", community)
    }
    ids = [int(e["id"]) for e in got]
    assert ids == sorted(ids) and len(set(ids)) == len(ids), ids

    # coming back with the first event's id: the rest from the log, the same events, nothing more
    resumed = await _node_subscriber(
        clients,
        api.url,
        {"community": community, "after": got[0]["id"]},
        count=len(titles) - 1,
        linger_ms=300,
    )
    rest = await _events(resumed)
    assert [(e["id"], e["need"]["id"]) for e in rest] == [(e["id"], e["need"]["id"]) for e in got[1:]]
