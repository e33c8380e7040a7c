"""One round of the comparison on the graph loaded in the benchmark's Neo4j: start the contenders,
check that they return the same content, time them (latency at concurrency 1, throughput at 16), read
their peak memory, and PROFILE the Cypher each one sends.

Contenders:
- orggraph: `orggraph serve` in its own process, production settings, an ORG_ADMIN token;
- limit (FastAPI): hand-written Cypher behind a minimal FastAPI endpoint, in its own uvicorn process;
- limit (driver): the same Cypher through the async Python driver, no HTTP, in this process;
- peer: @neo4j/graphql on graphql-yoga on Node (benchmarks/peer), installed from npm at pinned versions.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from neo4j import AsyncDriver, AsyncGraphDatabase, RoutingControl
from neo4j._async.work.transaction import AsyncTransactionBase
from tests.support.background import served

from benchmarks.compare.queries import (
    BENCH_TITLE,
    CANON,
    LIMIT_CYPHER,
    ORGGRAPH,
    ORGGRAPH_ONLY,
    PEER,
    QUERIES,
    cypher_params,
    limit_params,
    orggraph_vars,
    peer_vars,
)
from orggraph.api.tokens import mint
from orggraph.app import create_app
from orggraph.domain.auth import Role
from orggraph.settings import Settings, project_root

# PROFILE replays the peer's statements, whose `CALL {` without a scope clause Neo4j reports as deprecated
logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)

ROOT = project_root()
PEER_DIR = ROOT / "benchmarks" / "peer"
CONTENDERS = ("orggraph", "limit (FastAPI)", "limit (driver)", "peer")
KIND = {"orggraph": "orggraph", "limit (FastAPI)": "limit", "limit (driver)": "limit", "peer": "peer"}

Call = Callable[[str, dict[str, str]], Awaitable[Any]]


@dataclass
class Budget:
    samples: int  # sequential requests per query and contender
    seconds: float  # concurrency-16 run per query and contender
    warmup_s: float = 1.0
    concurrency: int = 16


@dataclass
class Procs:
    pids: dict[str, int] = field(default_factory=dict)

    def peak_rss_mb(self, name: str) -> float | None:
        pid = self.pids.get(name)
        if pid is None:
            return None
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
        return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def password(s: Settings) -> str:
    return s.neo4j_password


def install_peer(say: Callable[[str], None] = print) -> None:
    """npm ci at the versions pinned in benchmarks/peer/package-lock.json (once; again when the lock changes)."""
    stamp = PEER_DIR / "node_modules" / ".orggraph-lock"
    lock = (PEER_DIR / "package-lock.json").read_text()
    if stamp.exists() and stamp.read_text() == lock:
        return
    if shutil.which("npm") is None:
        raise SystemExit("npm is needed for the peer (@neo4j/graphql); install Node 20 and npm")
    say("installing the peer (@neo4j/graphql, graphql-yoga) from the npm registry ...")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PEER_DIR, check=True)
    stamp.write_text(lock)


def _wait(url: str, proc: subprocess.Popen[bytes], what: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer at {url}")


@contextmanager
def servers(s: Settings, today: date) -> Iterator[tuple[dict[str, str], Procs]]:
    """The three server contenders, each in its own process; yields their base URLs and pids."""
    ports = {name: free_port() for name in ("orggraph", "limit (FastAPI)", "peer")}
    neo = {"NEO4J_URI": s.bolt_uri, "NEO4J_USER": s.neo4j_user, "NEO4J_PASSWORD": password(s)}
    orggraph_env = {
        **os.environ, "ORGGRAPH_HOME": str(s.home), "ORGGRAPH_NEO4J_BOLT_PORT": str(s.neo4j_bolt_port),
        "ORGGRAPH_NEO4J_HTTP_PORT": str(s.neo4j_http_port), "ORGGRAPH_ENV": "production",
        "ORGGRAPH_JWT_SECRET": s.jwt_secret.get_secret_value(), "ORGGRAPH_TODAY": today.isoformat(),
        # the other contenders have no rate limit: off for all alike
        "ORGGRAPH_RATE_LIMIT_ENABLED": "false",
    }  # fmt: skip
    bin_dir = Path(sys.executable).parent
    procs = {
        "orggraph": subprocess.Popen(
            [str(bin_dir / "orggraph"), "serve", "--port", str(ports["orggraph"])],
            env=orggraph_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
        ),
        "limit (FastAPI)": subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "benchmarks.compare.limit_server:app", "--port",
             str(ports["limit (FastAPI)"]), "--log-level", "info"],
            env={**os.environ, **neo}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
        ),
        "peer": subprocess.Popen(
            ["node", "server.mjs"], env={**os.environ, **neo, "PORT": str(ports["peer"]), "CAPTURE": "1"},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=PEER_DIR,
        ),
    }  # fmt: skip
    urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    try:
        for name, proc in procs.items():
            _wait(f"{urls[name]}/healthz", proc, name)
        yield urls, Procs({name: p.pid for name, p in procs.items()})
    finally:
        for proc in procs.values():
            proc.terminate()
        for proc in procs.values():
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def calls(
    urls: dict[str, str], client: httpx.AsyncClient, driver: AsyncDriver, token: str
) -> dict[str, Call]:
    async def graphql(url: str, query: str, variables: dict[str, Any], headers: dict[str, str]) -> Any:
        r = await client.post(url, json={"query": query, "variables": variables}, headers=headers)
        body = r.json()
        if r.status_code != 200 or body.get("errors"):
            raise RuntimeError(f"{url}: {r.status_code} {json.dumps(body, ensure_ascii=False)[:500]}")
        return body["data"]

    async def orggraph(name: str, a: dict[str, str]) -> Any:
        auth = {"authorization": f"Bearer {token}"}
        query = ORGGRAPH_ONLY[name] if name in ORGGRAPH_ONLY else ORGGRAPH[name]
        return await graphql(f"{urls['orggraph']}/graphql", query, orggraph_vars(name, a), auth)

    async def peer(name: str, a: dict[str, str]) -> Any:
        return await graphql(f"{urls['peer']}/graphql", PEER[name], peer_vars(name, a), {})

    async def limit_http(name: str, a: dict[str, str]) -> Any:
        r = await client.post(f"{urls['limit (FastAPI)']}/q/{name}", json=limit_params(name, a))
        r.raise_for_status()
        return r.json()

    async def limit_driver(name: str, a: dict[str, str]) -> Any:
        records, _, _ = await driver.execute_query(
            LIMIT_CYPHER[name],  # type: ignore[arg-type]
            cypher_params(name, limit_params(name, a)),
            database_="neo4j",
            routing_=RoutingControl.WRITE if name == "create" else RoutingControl.READ,
        )
        return records[0].data()

    return {"orggraph": orggraph, "limit (FastAPI)": limit_http, "limit (driver)": limit_driver, "peer": peer}


async def pick_args(driver: AsyncDriver) -> dict[str, str]:
    """A typical community (the first by id), its street, a unit with memberships and resources, a
    published need and an active resource (the first by id)."""
    records, _, _ = await driver.execute_query(
        """
        MATCH (c:Community)-[:PART_OF]->(s:Street) WITH c, s ORDER BY c.id LIMIT 1
        CALL () {
          MATCH (u:Unit) WHERE EXISTS { (u)-[:MEMBER_OF]->() } AND EXISTS { (u)-[:OFFERS]->() }
          RETURN u.id AS unit ORDER BY u.id LIMIT 1
        }
        CALL () { MATCH (n:Need {status: 'PUBLISHED'}) RETURN n.id AS need ORDER BY n.id LIMIT 1 }
        CALL () { MATCH (r:Resource {status: 'ACTIVE'}) RETURN r.id AS resource ORDER BY r.id LIMIT 1 }
        RETURN c.id AS id, s.id AS street, unit, need, resource
        """,
        database_="neo4j",
        routing_=RoutingControl.READ,
    )
    return dict(records[0].data())


async def remove_writes(driver: AsyncDriver) -> int:
    """The needs (with their events and audit records) that the write query created."""
    records, _, _ = await driver.execute_query(
        """
        CALL () {
          MATCH (n:Need {title: $title}) OPTIONAL MATCH (n)-[:HAS_EVENT]->(e:NeedEvent)
          DETACH DELETE n, e RETURN count(DISTINCT n) AS needs
        }
        CALL () { MATCH (a:AuditRecord) WHERE a.detail CONTAINS $title DETACH DELETE a RETURN count(a) AS audits }
        RETURN needs
        """,
        title=BENCH_TITLE,
        database_="neo4j",
    )
    return int(records[0]["needs"])


def pct(samples: list[float], p: float) -> float:
    s = sorted(samples)
    return round(1000 * s[min(len(s) - 1, int(p * len(s)))], 2)


async def latency(call: Call, name: str, a: dict[str, str], samples: int) -> dict[str, float]:
    for _ in range(3):
        await call(name, a)
    times = []
    for _ in range(samples):
        t = time.perf_counter()
        await call(name, a)
        times.append(time.perf_counter() - t)
    return {"p50_ms": pct(times, 0.5), "p95_ms": pct(times, 0.95), "p99_ms": pct(times, 0.99)}


async def throughput(call: Call, name: str, a: dict[str, str], budget: Budget) -> dict[str, float]:
    """Requests completed per second by `concurrency` clients in a loop, after a warm-up."""
    done = 0
    errors = 0
    counting = False
    stop = False

    async def client() -> None:
        nonlocal done, errors
        while not stop:
            try:
                await call(name, a)
                if counting:
                    done += 1
            except Exception:  # counted and reported, never hidden
                if counting:
                    errors += 1

    workers = [asyncio.create_task(client()) for _ in range(budget.concurrency)]
    await asyncio.sleep(budget.warmup_s)
    counting = True
    t = time.perf_counter()
    await asyncio.sleep(budget.seconds)
    counting = False
    elapsed = time.perf_counter() - t
    stop = True
    await asyncio.gather(*workers)
    return {"rps": round(done / elapsed, 1), "errors": errors}


# --- the Cypher each contender sends, PROFILEd --------------------------------------------------


@contextmanager
def recording_driver_statements() -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """Every statement this process sends through the Python driver (orggraph in process, for capture)."""
    seen: list[tuple[str, dict[str, Any]]] = []
    original = AsyncTransactionBase.run

    async def run(self: Any, query: Any, parameters: Any = None, **kwargs: Any) -> Any:
        seen.append((getattr(query, "text", query), {**(parameters or {}), **kwargs}))
        return await original(self, query, parameters, **kwargs)

    AsyncTransactionBase.run = run  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        AsyncTransactionBase.run = original  # type: ignore[method-assign]


def _db_hits(plan: dict[str, Any]) -> int:
    return int(plan.get("dbHits", 0)) + sum(_db_hits(c) for c in plan.get("children", []))


async def profile(driver: AsyncDriver, statements: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """PROFILE each statement in a transaction that is rolled back; the sum of their db hits."""
    total = 0
    async with driver.session(database="neo4j") as session:
        for text, params in statements:
            head, body = (
                ("CYPHER 5 ", text.removeprefix("CYPHER 5\n"))
                if text.startswith("CYPHER 5\n")
                else ("", text)
            )
            tx = await session.begin_transaction()
            try:
                result = await tx.run(f"{head}PROFILE {body}", params)  # type: ignore[arg-type]
                summary = await result.consume()
                total += _db_hits(summary.profile or {})
            finally:
                await tx.rollback()
    return {"statements": len(statements), "db_hits": total, "cypher": [t for t, _ in statements]}


async def capture(
    s: Settings, urls: dict[str, str], driver: AsyncDriver, token: str, args: dict[str, str]
) -> dict[str, dict[str, Any]]:
    """For each query: the statements each contender sends for one request, and their db hits."""
    out: dict[str, dict[str, Any]] = {}
    async with httpx.AsyncClient(timeout=60) as client:
        for q in QUERIES:
            out[q.name] = {}
            # the limit: its one statement
            stmt = [(LIMIT_CYPHER[q.name], cypher_params(q.name, limit_params(q.name, args)))]
            out[q.name]["limit"] = await profile(driver, stmt)
            # the peer: what its driver sent while answering one request
            await client.get(f"{urls['peer']}/capture/start")
            r = await client.post(
                f"{urls['peer']}/graphql", json={"query": PEER[q.name], "variables": peer_vars(q.name, args)}
            )
            r.raise_for_status()
            sent = [(x["query"], x["params"]) for x in (await client.get(f"{urls['peer']}/captured")).json()]
            sent = [x for x in sent if "dbms.components" not in x[0]]
            await remove_writes(driver)  # the write is PROFILEd again, rolled back: its id must be free
            out[q.name]["peer"] = await profile(driver, sent)
    # orggraph, in this process, with the driver's statements recorded
    settings = s.model_copy(update={"env": "production"})
    with served(create_app(settings)) as base, recording_driver_statements() as seen:
        async with httpx.AsyncClient(timeout=60) as client:
            for q in QUERIES:
                seen.clear()
                r = await client.post(f"{base}/graphql", json={"query": ORGGRAPH[q.name], "variables": orggraph_vars(q.name, args)},
                                      headers={"authorization": f"Bearer {token}"})  # fmt: skip
                r.raise_for_status()
                sent = list(seen)
                await remove_writes(driver)
                out[q.name]["orggraph"] = await profile(driver, sent)
    await remove_writes(driver)
    return out


async def compare_scale(
    s: Settings, today: date, budget: Budget, say: Callable[[str], None] = print
) -> dict[str, Any]:
    token = mint(s, role=Role.ORG_ADMIN, subject="benchmark", scope_id=None, ttl=timedelta(hours=12))
    driver = AsyncGraphDatabase.driver(s.bolt_uri, auth=(s.neo4j_user, password(s)))
    result: dict[str, Any] = {"queries": {}, "rss_mb": {}, "mismatches": []}
    try:
        args = await pick_args(driver)
        result["args"] = args
        with servers(s, today) as (urls, procs):
            limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
            async with httpx.AsyncClient(timeout=60, limits=limits) as client:
                call = calls(urls, client, driver, token)
                for q in QUERIES:
                    entry: dict[str, Any] = {}
                    expected = CANON["limit"](q.name, await call["limit (driver)"](q.name, args))
                    for name in CONTENDERS:
                        got = CANON[KIND[name]](q.name, await call[name](q.name, args))
                        if got != expected:
                            result["mismatches"].append(
                                {"query": q.name, "contender": name, "got": got, "expected": expected}
                            )
                            say(f"  {q.name}: {name} does not return the limit's content; not timed")
                            continue
                        lat = await latency(call[name], q.name, args, budget.samples)
                        tp = await throughput(call[name], q.name, args, budget)
                        entry[name] = {**lat, **tp}
                        say(f"  {q.name:9} {name:16} p50 {lat['p50_ms']:7} ms  p95 {lat['p95_ms']:7} ms  "
                            f"{tp['rps']:7} req/s")  # fmt: skip
                        if q.write:
                            await remove_writes(driver)
                    result["queries"][q.name] = entry
                for name in ORGGRAPH_ONLY:
                    # the plan is long work: a few sequential runs, not a throughput run
                    plan = name == "planMatches"
                    try:
                        lat = await latency(call["orggraph"], name, args, 5 if plan else budget.samples)
                    except RuntimeError as exc:  # e.g. past the request time limit on a big graph
                        result["queries"][name] = {"orggraph": {"error": str(exc)[:300]}}
                        say(f"  {name:13} orggraph failed: {str(exc)[:200]}")
                        continue
                    tp = {} if plan else await throughput(call["orggraph"], name, args, budget)
                    result["queries"][name] = {"orggraph": {**lat, **tp}}
                    say(f"  {name:13} orggraph p50 {lat['p50_ms']:7} ms  p95 {lat['p95_ms']:7} ms  "
                        f"{tp.get('rps', '–')} req/s")  # fmt: skip
            result["rss_mb"] = {name: procs.peak_rss_mb(name) for name in procs.pids}
            result["profile"] = await capture(s, urls, driver, token, args)
    finally:
        await remove_writes(driver)
        await driver.close()
    return result
