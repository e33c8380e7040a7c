"""One round of the comparison on the graph loaded in the benchmark's Neo4j, under the rules of
docs/benchmarks.md ("Rules of the comparison"): start the contenders (one process each), check that they
return the same content (as ORG_ADMIN; and, for orggraph, as VIEWER on both of its paths), prove that
none caches data (a value changed between two requests), time each one's first request on a fresh server,
warm Neo4j up (every contender's every query until its JIT compilers are quiet), then latency at
concurrency 1 with the contenders interleaved and throughput at 16 in repeated runs,
with the CPU each process spent per request; the compiled fast path's hit rate from orggraph's /metrics;
peak memory; and PROFILE the Cypher each one sends.

Contenders:
- orggraph: `orggraph serve` in its own process, production settings, an ORG_ADMIN token, the compiled
  fast path as it ships (on);
- orggraph (compiled off): a second `orggraph serve` with ORGGRAPH_COMPILED=off (strawberry alone);
- orggraph (variant): orggraph asked each query as another client would write it (queries.VARIANT:
  renamed aliases, reordered fields, fragments), latency only;
- limit (ASGI): hand-written Cypher behind a plain ASGI app on uvicorn with uvloop, httptools and orjson,
  in its own process (limit_server.py): orggraph minus GraphQL;
- limit (driver): the same Cypher through the async Python driver, no HTTP, in this process;
- peer: @neo4j/graphql on graphql-yoga on Node (benchmarks/peer), installed from npm at pinned versions.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import httpx
from neo4j import AsyncDriver, AsyncGraphDatabase, RoutingControl
from neo4j._async.work.transaction import AsyncTransactionBase
from tests.support.background import served

from benchmarks.compare.measure import (
    balanced_orders,
    compiled_counts,
    cpu_seconds,
    hit_rate,
    latency_summary,
    spread,
)
from benchmarks.compare.queries import (
    BENCH_TITLE,
    CANON,
    LIMIT_CYPHER,
    ORGGRAPH,
    ORGGRAPH_ONLY,
    PEER,
    QUERIES,
    VARIANT,
    cypher_params,
    limit_params,
    orggraph_vars,
    peer_vars,
)
from orggraph.api.tokens import mint
from orggraph.app import create_app
from orggraph.domain.auth import Role
from orggraph.neo4j_local import server as local
from orggraph.settings import Settings, project_root

# PROFILE replays the peer's statements, whose `CALL {` without a scope clause Neo4j reports as deprecated
logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)

ROOT = project_root()
PEER_DIR = ROOT / "benchmarks" / "peer"
OFF = "orggraph (compiled off)"
VAR = "orggraph (variant)"
LIMIT = "limit (ASGI)"
DRIVER = "limit (driver)"
# the timed contenders, in the tables' order; the variant is timed at concurrency 1 beside them
CONTENDERS = ("orggraph", OFF, LIMIT, DRIVER, "peer")
SERVERS = ("orggraph", OFF, LIMIT, "peer")  # one process each
# the canonical form of each one's answers (the variant's: its aliases undone, then orggraph's); never
# applied inside a timed request
KIND = {
    "orggraph": "orggraph",
    OFF: "orggraph",
    VAR: "variant",
    LIMIT: "limit",
    DRIVER: "limit",
    "peer": "peer",
}
VARIANT_HITS = 20  # requests of the variant alone, for its own hit rate
METRICS_TOKEN = secrets.token_urlsafe(24)  # the bearer for the orggraph servers' /metrics (production)

Call = Callable[[str, dict[str, str]], Awaitable[Any]]


@dataclass
class Budget:
    samples: int  # interleaved sequential requests per query and contender (the concurrency-1 p50)
    seconds: float  # each concurrency-16 run per query and contender
    runs: int = 3  # concurrency-16 runs per query and contender, interleaved: median and range
    only_samples: int = 100  # sequential requests of orggraph's own queries (matchNeed, matchResource)
    warmup_s: float = 1.0
    warmup_requests: int = 3
    block: int = 10  # concurrency-1 requests timed in a row per contender (after one untimed)
    concurrency: int = 16
    # before the timing: every contender's every query until Neo4j's JIT compilers are quiet (warm_neo4j)
    jit_warmup_least_s: float = 20.0
    jit_warmup_most_s: float = 240.0


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
    """The server contenders, each in its own process; yields their base URLs and pids."""
    ports = {name: free_port() for name in SERVERS}
    neo = {"NEO4J_URI": s.bolt_uri, "NEO4J_USER": s.neo4j_user, "NEO4J_PASSWORD": password(s)}
    orggraph_env = {
        **os.environ, "ORGGRAPH_HOME": str(s.home), "ORGGRAPH_NEO4J_BOLT_PORT": str(s.neo4j_bolt_port),
        "ORGGRAPH_NEO4J_HTTP_PORT": str(s.neo4j_http_port), "ORGGRAPH_ENV": "production",
        "ORGGRAPH_JWT_SECRET": s.jwt_secret.get_secret_value(), "ORGGRAPH_TODAY": today.isoformat(),
        # the other contenders have no rate limit: off for all alike
        "ORGGRAPH_RATE_LIMIT_ENABLED": "false",
        # the harness reads the compiled fast path's counter from /metrics (production: with this bearer)
        "ORGGRAPH_METRICS_TOKEN": METRICS_TOKEN,
    }  # fmt: skip
    orggraph_env.pop("ORGGRAPH_COMPILED", None)  # orggraph as it ships
    bin_dir = Path(sys.executable).parent
    quiet: dict[str, Any] = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    procs = {
        "orggraph": subprocess.Popen(
            [str(bin_dir / "orggraph"), "serve", "--port", str(ports["orggraph"])], env=orggraph_env, cwd=ROOT, **quiet
        ),
        OFF: subprocess.Popen(
            [str(bin_dir / "orggraph"), "serve", "--port", str(ports[OFF])],
            env={**orggraph_env, "ORGGRAPH_COMPILED": "off"}, cwd=ROOT, **quiet,
        ),
        LIMIT: subprocess.Popen(
            [sys.executable, "-m", "benchmarks.compare.limit_server", "--port", str(ports[LIMIT])],
            env={**os.environ, **neo}, cwd=ROOT, **quiet,
        ),
        "peer": subprocess.Popen(
            ["node", "server.mjs"], env={**os.environ, **neo, "PORT": str(ports["peer"]), "CAPTURE": "1"},
            cwd=PEER_DIR, **quiet,
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
    urls: dict[str, str], client: aiohttp.ClientSession, driver: AsyncDriver, token: str
) -> dict[str, Call]:
    """Each contender as a call (query name, arguments) -> its answer's data, as it comes (the variant's
    under its own aliases: CANON["variant"] undoes them where answers are compared, never in a timed call)."""

    async def graphql(url: str, query: str, variables: dict[str, Any], headers: dict[str, str]) -> Any:
        async with client.post(url, json={"query": query, "variables": variables}, headers=headers) as r:
            status, body = r.status, json.loads(await r.read())
        if status != 200 or body.get("errors"):
            raise RuntimeError(f"{url}: {status} {json.dumps(body, ensure_ascii=False)[:500]}")
        return body["data"]

    def orggraph_at(server: str, queries: dict[str, str], bearer: str = token) -> Call:
        auth = {"authorization": f"Bearer {bearer}"}

        async def call(name: str, a: dict[str, str]) -> Any:
            query = ORGGRAPH_ONLY[name] if name in ORGGRAPH_ONLY else queries[name]
            return await graphql(f"{urls[server]}/graphql", query, orggraph_vars(name, a), auth)

        return call

    async def peer(name: str, a: dict[str, str]) -> Any:
        return await graphql(f"{urls['peer']}/graphql", PEER[name], peer_vars(name, a), {})

    async def limit_http(name: str, a: dict[str, str]) -> Any:
        async with client.post(f"{urls[LIMIT]}/q/{name}", json=limit_params(name, a)) as r:
            r.raise_for_status()
            return json.loads(await r.read())

    async def limit_driver(name: str, a: dict[str, str]) -> Any:
        records, _, _ = await driver.execute_query(
            LIMIT_CYPHER[name],  # type: ignore[arg-type]
            cypher_params(name, limit_params(name, a)),
            database_="neo4j",
            routing_=RoutingControl.WRITE if name == "create" else RoutingControl.READ,
        )
        return records[0].data()

    return {"orggraph": orggraph_at("orggraph", ORGGRAPH), OFF: orggraph_at(OFF, ORGGRAPH),
            VAR: orggraph_at("orggraph", VARIANT), LIMIT: limit_http, DRIVER: limit_driver, "peer": peer}  # fmt: skip


def viewer_calls(urls: dict[str, str], client: aiohttp.ClientSession, s: Settings) -> dict[str, Call]:
    """orggraph's two paths, and the variant, as VIEWER (people's names masked)."""
    viewer = mint(s, role=Role.VIEWER, subject="benchmark-viewer", scope_id=None, ttl=timedelta(hours=12))
    every = calls(urls, client, None, viewer)  # type: ignore[arg-type]
    return {name: every[name] for name in ("orggraph", OFF, VAR)}


async def scrape(client: aiohttp.ClientSession, url: str) -> dict[str, float] | None:
    """The compiled fast path's counter on one orggraph server; None when it has none (or no /metrics)."""
    try:
        async with client.get(f"{url}/metrics", headers={"authorization": f"Bearer {METRICS_TOKEN}"}) as r:
            return compiled_counts(await r.text()) if r.status == 200 else None
    except aiohttp.ClientError:
        return None


async def clear_plans(driver: AsyncDriver) -> bool:
    """Empty Neo4j's query (plan) caches, so that a first request pays for planning. False when the
    procedure is not there."""
    try:
        await driver.execute_query("CALL db.clearQueryCaches()", database_="neo4j")
        return True
    except Exception:  # reported as "plans not cleared" in the results
        return False


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


async def first_requests(
    call: dict[str, Call], driver: AsyncDriver, q: str, a: dict[str, str], names: list[str], cleared: bool
) -> tuple[dict[str, Any], dict[str, float]]:
    """Each contender's first and second request of query q (on servers that have not seen it), Neo4j's
    plan cache emptied before each first request: compile plus Neo4j planning. Returns the first
    answers (or the exception) and the timings."""
    answers: dict[str, Any] = {}
    times: dict[str, Any] = {}
    for name in names:
        if cleared:
            await clear_plans(driver)
        try:
            t = time.perf_counter()
            answers[name] = await call[name](q, a)
            first = time.perf_counter() - t
            t = time.perf_counter()
            await call[name](q, a)
            second = time.perf_counter() - t
            times[name] = {"first_ms": round(1000 * first, 2), "second_ms": round(1000 * second, 2)}
        except Exception as exc:  # compared (and reported) below as a difference
            answers[name] = exc
    return answers, times


async def freshness(
    call: dict[str, Call], driver: AsyncDriver, a: dict[str, str], names: list[str]
) -> dict[str, Any]:
    """Only plans may be cached, never data: the community's name is changed in Neo4j directly between
    two requests, and every contender must answer every read with the new name where the limit's
    Cypher shows it; then the name is restored, and again every contender must show it."""
    reads = [q.name for q in QUERIES if not q.write]

    async def rename(value: str | None) -> str:
        records, _, _ = await driver.execute_query(
            "MATCH (c:Community {id: $id}) WITH c, c.name AS old SET c.name = coalesce($value, old) RETURN old",
            id=a["id"], value=value, database_="neo4j",
        )  # fmt: skip
        return str(records[0]["old"])

    async def check(stage: str) -> dict[str, list[str]]:
        stale: dict[str, list[str]] = {name: [] for name in names}
        for q in reads:
            expected = CANON["limit"](q, await call[DRIVER](q, a))
            for name in names:
                try:
                    got = CANON[KIND[name]](q, await call[name](q, a))
                except Exception:  # an error is not the new value either
                    got = None
                if got != expected:
                    stale[name].append(f"{stage}:{q}")
        return stale

    before = {q: CANON["limit"](q, await call[DRIVER](q, a)) for q in reads}
    for q in reads:  # each contender has answered each read once more: a data cache would be filled now
        for name in names:
            with suppress(Exception):
                await call[name](q, a)
    original = await rename(None)
    await rename(f"{original}(改名核对)")
    try:
        changed = await check("changed")
        shown = [q for q in reads if CANON["limit"](q, await call[DRIVER](q, a)) != before[q]]
    finally:
        await rename(original)
    restored = await check("restored")
    stale = {name: changed[name] + restored[name] for name in names}
    return {"community": a["id"], "queries_showing_it": shown, "stale": {n: v for n, v in stale.items() if v},
            "fresh": [n for n in names if not stale[n]]}  # fmt: skip


async def viewer_check(vcall: dict[str, Call], admin: dict[str, Any], a: dict[str, str]) -> dict[str, Any]:
    """Masking on both of orggraph's paths: as VIEWER, the fast path (and the variant) must answer
    exactly what strawberry alone (compiled off) answers, after the plans have been made (third
    request); and VIEWER must see less than ORG_ADMIN somewhere, or the check proves nothing."""
    out: dict[str, Any] = {"queries": {}, "masked_somewhere": False}
    for q in (q.name for q in QUERIES if not q.write):
        answers: dict[str, Any] = {}
        for name in ("orggraph", OFF, VAR):
            try:
                for _ in range(3):
                    got = await vcall[name](q, a)
                answers[name] = CANON[KIND[name]](q, got)
            except Exception as exc:  # reported
                answers[name] = f"error: {str(exc)[:200]}"
        same = answers["orggraph"] == answers[OFF] == answers[VAR]
        out["queries"][q] = "same" if same else {"differs": answers}
        if answers[OFF] != admin.get(q):
            out["masked_somewhere"] = True
    out["ok"] = out["masked_somewhere"] and all(v == "same" for v in out["queries"].values())
    return out


async def warm_neo4j(
    call: dict[str, Call],
    a: dict[str, str],
    names: dict[str, list[str]],
    budget: Budget,
    driver: AsyncDriver,
    neo4j_pid: int | None,
    say: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Every contender's every query (`names`: query -> contenders), by `budget.concurrency` clients in
    10 s windows, for at least `budget.jit_warmup_least_s` and then until Neo4j's JIT compilers used under
    JIT_QUIET of a core in a window (or `budget.jit_warmup_most_s`). A Neo4j started minutes before spends
    seconds of CPU a second compiling (make load, docs/benchmarks.md): the contender timed while it does
    would pay for everyone's warm-up. All of them take part, so the peer's V8 warms too."""
    from benchmarks.load import JIT_QUIET, WINDOW_S, jit_cpu_s

    pairs = [(q, n) for q, ns in names.items() for n in ns]

    async def window() -> tuple[int, int]:
        """WINDOW_S seconds of the pairs, each client starting at another one: requests done, failed."""
        count = {"done": 0, "errors": 0}
        stop = asyncio.Event()

        async def client(k: int) -> None:
            while not stop.is_set():
                q, n = pairs[k % len(pairs)]
                k += 1
                try:
                    await call[n](q, a)
                    count["done"] += 1
                except Exception:  # counted and reported
                    count["errors"] += 1

        workers = [asyncio.create_task(client(i * len(pairs) // budget.concurrency))
                   for i in range(budget.concurrency)]  # fmt: skip
        await asyncio.sleep(WINDOW_S)
        stop.set()
        await asyncio.gather(*workers)
        await remove_writes(driver)
        return count["done"], count["errors"]

    windows: list[dict[str, Any]] = []
    while pairs:
        before = jit_cpu_s(neo4j_pid)
        done, errors = await window()
        share = max(0.0, jit_cpu_s(neo4j_pid) - before) / WINDOW_S
        windows.append({"requests": done, "errors": errors, "jit_share": round(share, 3)})
        seconds = len(windows) * WINDOW_S
        say(f"  warm-up {seconds:g} s: {done / WINDOW_S:.1f} req/s, JIT {share:.0%} of a core")
        if (
            seconds >= budget.jit_warmup_least_s and share < JIT_QUIET
        ) or seconds >= budget.jit_warmup_most_s:
            break
    return {
        "seconds": len(windows) * WINDOW_S, "requests": sum(w["requests"] for w in windows),
        "errors": sum(w["errors"] for w in windows), "jit_share_first": windows[0]["jit_share"] if windows else None,
        "jit_share_last": windows[-1]["jit_share"] if windows else None,
        "quiet": bool(windows) and windows[-1]["jit_share"] < JIT_QUIET,
    }  # fmt: skip


async def latency_interleaved(
    call: dict[str, Call], q: str, a: dict[str, str], names: list[str], budget: Budget
) -> dict[str, dict[str, float]]:
    """Latency at concurrency 1, the contenders interleaved so that a slower or busier moment of the shared
    machine falls on all of them alike; after an equal warm-up. They take turns in blocks of
    `budget.block` timed requests, the blocks in a balanced order (balanced_orders); each block begins with
    one untimed request, which pays for whatever the contender before left running (its log line, its
    collector) on the two shared cores: one contender's work is never billed to another."""
    for name in names:
        for _ in range(budget.warmup_requests):
            await call[name](q, a)
    times: dict[str, list[float]] = {name: [] for name in names}
    for order in balanced_orders(names, -(-budget.samples // budget.block)):
        for name in order:
            await call[name](q, a)  # untimed: the block's first
            for _ in range(budget.block):
                t = time.perf_counter()
                await call[name](q, a)
                times[name].append(time.perf_counter() - t)
    return {name: latency_summary(ts[: budget.samples]) for name, ts in times.items()}


async def throughput(
    call: Call, name: str, a: dict[str, str], budget: Budget, pids: dict[str, int | None]
) -> dict[str, Any]:
    """Requests completed per second by `concurrency` clients in a loop, after a warm-up; and the CPU
    time each process in `pids` spent meanwhile, per request (ms)."""
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
    cpu0 = {k: cpu_seconds(pid) for k, pid in pids.items()}
    t = time.perf_counter()
    await asyncio.sleep(budget.seconds)
    counting = False
    elapsed = time.perf_counter() - t
    cpu1 = {k: cpu_seconds(pid) for k, pid in pids.items()}
    stop = True
    await asyncio.gather(*workers)
    cpu = {k: round(1000 * (cpu1[k] - cpu0[k]) / done, 3) if done and cpu0[k] is not None and cpu1[k] is not None
           else None for k in pids}  # fmt: skip
    return {"rps": done / elapsed, "errors": errors, "cpu_ms": cpu}


async def throughput_runs(
    call: dict[str, Call],
    q: str,
    a: dict[str, str],
    names: list[str],
    budget: Budget,
    pids: dict[str, dict[str, int | None]],
    driver: AsyncDriver,
    write: bool,
) -> dict[str, dict[str, Any]]:
    """`budget.runs` concurrency-16 runs per contender, interleaved (A B C, A B C, ...): the median
    and range of req/s, and the median CPU per request of the server, Neo4j and this client."""
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    for _ in range(budget.runs):
        for name in names:
            runs[name].append(await throughput(call[name], q, a, budget, pids[name]))
            if write:
                await remove_writes(driver)
    out: dict[str, dict[str, Any]] = {}
    for name, rs in runs.items():
        rps = spread([r["rps"] for r in rs])
        cpu: dict[str, float | None] = {}
        for k in rs[0]["cpu_ms"]:
            vals = [r["cpu_ms"][k] for r in rs if r["cpu_ms"][k] is not None]
            cpu[k] = spread(vals, 3)["median"] if vals else None
        out[name] = {"rps": rps["median"], "rps_min": rps["min"], "rps_max": rps["max"], "rps_runs": rps["runs"],
                     "errors": sum(r["errors"] for r in rs), "cpu_ms_per_req": cpu}  # fmt: skip
    return out


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
    """For each query: the statements each contender sends for one request, and their db hits.
    orggraph's are those of its third request of the query (the fast path makes its plan after seeing a
    query; the first requests go through strawberry)."""
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
    variants = {"orggraph": {}}
    if "compiled" in Settings.model_fields:  # the server with the compiled fast path: its slow path too
        variants[OFF] = {"compiled": False}
    for key, update in variants.items():
        settings = s.model_copy(update={"env": "production", **update})
        with served(create_app(settings)) as base, recording_driver_statements() as seen:
            async with httpx.AsyncClient(timeout=60) as client:
                for q in QUERIES:
                    for _ in range(3):
                        seen.clear()
                        r = await client.post(f"{base}/graphql", json={"query": ORGGRAPH[q.name], "variables": orggraph_vars(q.name, args)},
                                              headers={"authorization": f"Bearer {token}"})  # fmt: skip
                        r.raise_for_status()
                    sent = list(seen)
                    await remove_writes(driver)
                    out[q.name][key] = await profile(driver, sent)
    await remove_writes(driver)
    return out


def _differs(got: Any, expected: Any) -> bool:
    return isinstance(got, Exception) or got != expected


async def compare_scale(
    s: Settings, today: date, budget: Budget, say: Callable[[str], None] = print
) -> dict[str, Any]:
    token = mint(s, role=Role.ORG_ADMIN, subject="benchmark", scope_id=None, ttl=timedelta(hours=12))
    driver = AsyncGraphDatabase.driver(s.bolt_uri, auth=(s.neo4j_user, password(s)))
    result: dict[str, Any] = {"queries": {}, "rss_mb": {}, "mismatches": [], "first_request": {},
                              "hit_rate": {}, "budget": {"samples": budget.samples, "runs": budget.runs,
                                                        "seconds": budget.seconds}}  # fmt: skip
    neo4j_pid = local.status(s).pid
    try:
        args = await pick_args(driver)
        result["args"] = args
        with servers(s, today) as (urls, procs):
            server_pid: dict[str, int | None] = {**procs.pids, DRIVER: None}
            pids = {name: {"server": server_pid[name], "neo4j": neo4j_pid, "client": os.getpid()}
                    for name in CONTENDERS}  # fmt: skip
            # the load generator shares the two cores with the servers and Neo4j: aiohttp (C-accelerated
            # parser) spends about 0.2 ms of CPU a request at concurrency 16 where httpx spent 1.4-2.5 ms,
            # more than any server (docs/benchmarks.md, rule 7)
            connector, timeout = aiohttp.TCPConnector(limit=64), aiohttp.ClientTimeout(total=60)
            async with aiohttp.ClientSession(connector=connector, timeout=timeout) as client:
                for url in urls.values():  # a connection to each, so that no first request opens one
                    async with client.get(f"{url}/healthz") as r:
                        await r.read()
                call = calls(urls, client, driver, token)
                cleared = await clear_plans(driver)
                result["plans_cleared_before_first_requests"] = cleared
                counters = {name: await scrape(client, urls[name]) for name in ("orggraph", OFF)}
                # 1. first requests, and the content check (as ORG_ADMIN) on those first answers
                ok: dict[str, list[str]] = {}
                admin: dict[str, Any] = {}
                for q in QUERIES:
                    first_order = ["orggraph", OFF, VAR, "peer", LIMIT, DRIVER]
                    answers, times = await first_requests(call, driver, q.name, args, first_order, cleared)
                    result["first_request"][q.name] = times
                    expected = (
                        CANON["limit"](q.name, answers[DRIVER])
                        if not isinstance(answers[DRIVER], Exception)
                        else None
                    )
                    if expected is None:
                        raise RuntimeError(f"the limit (driver) fails on {q.name}: {answers[DRIVER]!r}")
                    admin[q.name] = expected
                    ok[q.name] = []
                    for name in first_order:
                        got = answers[name]
                        got = got if isinstance(got, Exception) else CANON[KIND[name]](q.name, got)
                        if _differs(got, expected):
                            result["mismatches"].append({"query": q.name, "contender": name, "got": repr(got)[:2000] if isinstance(got, Exception) else got,
                                                         "expected": expected})  # fmt: skip
                            say(f"  {q.name}: {name} does not return the limit's content; not timed")
                        else:
                            ok[q.name].append(name)
                    if q.write:
                        await remove_writes(driver)
                    say(
                        f"  {q.name:9} first request (ms): "
                        + ", ".join(f"{n} {t['first_ms']}" for n, t in times.items())
                    )
                # 2. VIEWER: orggraph's fast path (and the variant) against strawberry alone
                result["viewer"] = await viewer_check(viewer_calls(urls, client, s), admin, args)
                say(f"  VIEWER check: {'ok' if result['viewer']['ok'] else result['viewer']}")
                # 3. no cached data
                fresh = await freshness(call, driver, args, [*CONTENDERS, VAR])
                result["freshness"] = fresh
                say(f"  freshness: fresh {fresh['fresh']}; stale {fresh['stale'] or 'none'}; "
                    f"the name shows in {fresh['queries_showing_it']}")  # fmt: skip
                # 4. warm-up: Neo4j's JIT compilers quiet before anyone is timed
                timeable = {q.name: [n for n in (*CONTENDERS, VAR) if n in ok[q.name] and n in fresh["fresh"]]
                            for q in QUERIES}  # fmt: skip
                result["warmup"] = await warm_neo4j(call, args, timeable, budget, driver, neo4j_pid, say)
                # 5. timing
                for q in QUERIES:
                    names = timeable[q.name]
                    before = {name: await scrape(client, urls[name]) for name in ("orggraph", OFF)}
                    lat = await latency_interleaved(call, q.name, args, names, budget)
                    if q.write:
                        await remove_writes(driver)
                    timed = [n for n in names if n != VAR]
                    tp = await throughput_runs(call, q.name, args, timed, budget, pids, driver, q.write)
                    after = {name: await scrape(client, urls[name]) for name in ("orggraph", OFF)}
                    result["hit_rate"][q.name] = {
                        name: hit_rate(before[name], after[name]) for name in before
                    }
                    if VAR in names:  # the variant alone: does it take the fast path as the original does?
                        before_var = await scrape(client, urls["orggraph"])
                        for _ in range(VARIANT_HITS):
                            await call[VAR](q.name, args)
                        after_var = await scrape(client, urls["orggraph"])
                        result["hit_rate"][q.name][VAR] = hit_rate(before_var, after_var)
                        if q.write:
                            await remove_writes(driver)
                    entry = {name: {**lat[name], **tp.get(name, {}), **result["first_request"][q.name].get(name, {})}
                             for name in names}  # fmt: skip
                    result["queries"][q.name] = entry
                    for name in names:
                        m = entry[name]
                        cpu = m.get("cpu_ms_per_req") or {}
                        say(f"  {q.name:9} {name:24} p50 {m['p50_ms']:7} ms  p95 {m['p95_ms']:7} ms  "
                            f"{m.get('rps', '–')} req/s  cpu ms/req {cpu}")  # fmt: skip
                    say(f"  {q.name:9} fast path: {result['hit_rate'][q.name]}")
                after_all = {name: await scrape(client, urls[name]) for name in ("orggraph", OFF)}
                result["hit_rate"]["all"] = {
                    name: hit_rate(counters[name], after_all[name]) for name in counters
                }
                for name in ORGGRAPH_ONLY:
                    # the plan is long work: a few sequential runs, not a throughput run
                    plan = name == "planMatches"
                    try:
                        times = []
                        for _ in range(budget.warmup_requests if not plan else 0):
                            await call["orggraph"](name, args)
                        for _ in range(5 if plan else budget.only_samples):
                            t = time.perf_counter()
                            await call["orggraph"](name, args)
                            times.append(time.perf_counter() - t)
                        lat1 = latency_summary(times)
                    except RuntimeError as exc:  # e.g. past the request time limit on a big graph
                        result["queries"][name] = {"orggraph": {"error": str(exc)[:300]}}
                        say(f"  {name:13} orggraph failed: {str(exc)[:200]}")
                        continue
                    tp1 = (
                        {}
                        if plan
                        else await throughput(call["orggraph"], name, args, budget, pids["orggraph"])
                    )
                    if tp1:
                        tp1 = {
                            "rps": round(tp1["rps"], 1),
                            "errors": tp1["errors"],
                            "cpu_ms_per_req": tp1["cpu_ms"],
                        }
                    result["queries"][name] = {"orggraph": {**lat1, **tp1}}
                    say(f"  {name:13} orggraph p50 {lat1['p50_ms']:7} ms  p95 {lat1['p95_ms']:7} ms  "
                        f"{tp1.get('rps', '–')} req/s")  # fmt: skip
            result["rss_mb"] = {name: procs.peak_rss_mb(name) for name in procs.pids}
            result["profile"] = await capture(s, urls, driver, token, args)
    finally:
        await remove_writes(driver)
        await driver.close()
    return result
