"""Load test: mixed read, match and write traffic from many concurrent clients, bounded in time, on
loopback only. `make load` runs 50 clients for 60 s against `orggraph serve` in its own process
(production settings, the demo graph in the bench Neo4j) and writes the result to docs/benchmarks.md;
the suite runs a short version (tests/e2e/test_load.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import aiohttp
import httpx

READS = [
    ('query ($id: ID!) { community(id: $id) { name committee { secretary { name } firstSecretary { name } '
     'members { seat unit { name kind } } } contactLeaders { name } } }', "community"),
    ('query ($s: ID) { communities(streetId: $s, first: 50) { totalCount edges { node { id name committee { members { seat } } } } } }', "street"),
    ('query ($id: ID!) { network(centerId: $id, depth: 2) { nodes { id label } edges { source target } } }', "community"),
    ("{ cityStats { communities grids needsByStatus { key count } } }", None),
]  # fmt: skip
MATCH = "query ($n: ID!) { matchNeed(needId: $n, limit: 5) { score reason resource { id title } } }"
WRITE = """mutation ($i: CreateNeedInput!) { createNeed(input: $i) { id } }"""


def pct(xs: list[float], p: float) -> float:
    """The p-th percentile of latencies in seconds, in ms (0 when there are none)."""
    s = sorted(xs)
    return round(1000 * s[min(len(s) - 1, int(p * len(s)))], 1) if s else 0.0


def write_section(begin: str, end: str, table: str, heading: str) -> None:
    """Put `table` (which starts with `begin` and ends with `end`) in docs/benchmarks.md: in place of the
    section between the markers, or at the end under `heading`."""
    from benchmarks.run import DOC

    doc = DOC.read_text(encoding="utf-8")
    doc = (
        doc[: doc.index(begin)] + table + doc[doc.index(end) + len(end) :]
        if begin in doc
        else doc + f"\n## {heading}\n\n" + table + "\n"
    )
    DOC.write_text(doc, encoding="utf-8")


async def run_load(
    url: str, admin_token: str, *, clients: int, seconds: float, communities: list[str], streets: list[str],
    needs: list[str], seed: int = 1, mix: tuple[float, float, float] = (0.7, 0.2, 0.1),
) -> dict[str, Any]:  # fmt: skip
    """Every client loops until the time is up: by default 70% reads, 20% matchNeed, 10% createNeed
    (`mix`: the shares of reads, matchNeed and createNeed)."""
    latencies: dict[str, list[float]] = {"read": [], "match": [], "write": []}
    statuses: Counter[int] = Counter()
    codes: Counter[str] = Counter()
    deadline = time.monotonic() + seconds
    headers = {"authorization": f"Bearer {admin_token}"}

    async def client(n: int, http: aiohttp.ClientSession) -> None:
        rng = random.Random(seed * 1000 + n)
        i = 0
        while time.monotonic() < deadline:
            roll = rng.random()
            if roll < mix[0]:
                query, arg = rng.choice(READS)
                variables = {"community": {"id": rng.choice(communities)}, "street": {"s": rng.choice(streets)},
                             None: {}}[arg]  # fmt: skip
                kind = "read"
            elif roll < mix[0] + mix[1]:
                query, variables, kind = MATCH, {"n": rng.choice(needs)}, "match"
            else:
                i += 1
                query, kind = WRITE, "write"
                variables = {"i": {"communityId": rng.choice(communities), "title": f"压测需求 {n}-{i}",
                                   "supportTypes": ["VOLUNTEER"], "domain": "ELDER", "populations": ["ELDERLY"],
                                   "quantity": 1, "quantityUnit": "人", "neededBy": "2027-06-30",
                                   "clientId": f"load-{seed}-{n}-{i}"}}  # fmt: skip
            started = time.perf_counter()
            try:
                async with http.post(
                    url, json={"query": query, "variables": variables}, headers=headers
                ) as r:
                    body = await r.json()
                    status = r.status
            except (TimeoutError, aiohttp.ClientError) as exc:
                codes[f"HTTP:{type(exc).__name__}"] += 1
                continue
            latencies[kind].append(time.perf_counter() - started)
            statuses[status] += 1
            for e in body.get("errors") or []:
                codes[e.get("extensions", {}).get("code", "?")] += 1

    # aiohttp, not httpx: with 50 connections httpx spent about 10 ms of CPU per request on the same
    # two cores as the server and Neo4j (measured 2026-11-29), more than the server itself
    connector = aiohttp.TCPConnector(limit=clients)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        await asyncio.gather(*(client(n, http) for n in range(clients)))

    every = [x for xs in latencies.values() for x in xs]
    return {
        "clients": clients, "seconds": seconds, "requests": len(every),
        "throughput_rps": round(len(every) / seconds, 1),
        "p50_ms": pct(every, 0.5), "p99_ms": pct(every, 0.99),
        "by_kind": {k: {"n": len(v), "p50_ms": pct(v, 0.5), "p99_ms": pct(v, 0.99),
                        "mean_ms": round(1000 * statistics.mean(v), 1) if v else 0.0} for k, v in latencies.items()},
        "status_5xx": sum(n for s, n in statuses.items() if s >= 500), "error_codes": dict(codes),
    }  # fmt: skip


COMMUNITY_READ = READS[0][0]
# a city's plan (the first city: a province, issue #17, has several, and a plan without one is refused), a street's
PLANS = ["query ($c: ID) { planMatches(cityId: $c) { totalScore } }",
         "query ($s: ID) { planMatches(streetId: $s) { totalScore } }"]  # fmt: skip


async def run_isolation(
    url: str, reader_token: str, planner_token: str, *, readers: int, seconds: float, communities: list[str],
    streets: list[str], city: str, planners: int = 1,
) -> dict[str, Any]:  # fmt: skip
    """Can one caller's plans slow everyone else? `readers` clients read communities for `seconds` alone,
    then again while `planners` other callers ask for plans back to back (the first city, then a street)."""

    async def phase(with_plans: bool) -> dict[str, Any]:
        reads: list[float] = []
        plans: list[float] = []
        codes: Counter[str] = Counter()
        deadline = time.monotonic() + seconds

        async def reader(n: int, http: httpx.AsyncClient) -> None:
            rng = random.Random(n)
            headers = {"authorization": f"Bearer {reader_token}"}
            while time.monotonic() < deadline:
                started = time.perf_counter()
                r = await http.post(url, json={"query": COMMUNITY_READ, "variables": {"id": rng.choice(communities)}},
                                    headers=headers, timeout=30)  # fmt: skip
                reads.append(time.perf_counter() - started)
                for e in r.json().get("errors") or []:
                    codes[e.get("extensions", {}).get("code", "?")] += 1

        async def planner(n: int, http: httpx.AsyncClient) -> None:
            headers = {"authorization": f"Bearer {planner_token}"}
            i = 0
            while time.monotonic() < deadline:
                query = PLANS[i % 2]
                variables = {"s": streets[i % len(streets)]} if i % 2 else {"c": city}
                i += 1
                started = time.perf_counter()
                r = await http.post(
                    url, json={"query": query, "variables": variables}, headers=headers, timeout=60
                )
                plans.append(time.perf_counter() - started)
                for e in r.json().get("errors") or []:
                    codes["plan:" + e.get("extensions", {}).get("code", "?")] += 1

        limits = httpx.Limits(max_connections=readers + planners + 2)
        async with httpx.AsyncClient(limits=limits) as http:
            jobs = [reader(n, http) for n in range(readers)]
            if with_plans:
                jobs += [planner(n, http) for n in range(planners)]
            await asyncio.gather(*jobs)

        return {"reads": len(reads), "read_p50_ms": pct(reads, 0.5), "read_p95_ms": pct(reads, 0.95),
                "plans": len(plans), "plan_p50_ms": pct(plans, 0.5), "codes": dict(codes)}  # fmt: skip

    alone = await phase(with_plans=False)
    beside = await phase(with_plans=True)
    ratio = round(beside["read_p95_ms"] / alone["read_p95_ms"], 2) if alone["read_p95_ms"] else 0.0
    return {"readers": readers, "planners": planners, "seconds": seconds, "alone": alone, "with_plans": beside,
            "read_p95_ratio": ratio}  # fmt: skip


# Neo4j's JIT compilers count as quiet under this share of one core (over a warm-up window)
JIT_QUIET = 0.1
WINDOW_S = 10.0


def jit_cpu_s(pid: int | None) -> float:
    """CPU seconds the JVM's JIT compiler threads (HotSpot's "C1/C2 CompilerThread<n>") have used so far."""
    from benchmarks.subscriptions import stat_cpu_s

    total = 0.0
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            compiler = (task / "comm").read_text().startswith(("C1 CompilerThre", "C2 CompilerThre"))
        except OSError:  # the thread ended
            continue
        if compiler:
            total += stat_cpu_s(task / "stat")
    return total


def warm_up(
    url: str, token: str, *, clients: int, least: float, most: float, neo4j: int | None, **ids: list[str]
) -> dict[str, Any]:  # pragma: no cover - run by make load
    """The load's traffic, 10 s at a time, for at least `least` seconds and then until Neo4j's JIT compilers
    used under JIT_QUIET of a core in a window (a Neo4j just started spends minutes of CPU compiling, which a
    server that has run for a while does not), or `most` seconds: what it did, first and last window apart."""
    windows: list[dict[str, Any]] = []
    while True:
        before = jit_cpu_s(neo4j)
        w = asyncio.run(run_load(url, token, clients=clients, seconds=WINDOW_S, seed=2 + len(windows), **ids))  # type: ignore[arg-type]
        w["jit_share"] = max(0.0, jit_cpu_s(neo4j) - before) / WINDOW_S
        windows.append(w)
        seconds = len(windows) * WINDOW_S
        print(f"warm-up {seconds:g} s: {w['throughput_rps']} req/s, JIT {w['jit_share']:.0%} of a core")
        quiet = w["jit_share"] < JIT_QUIET
        if (seconds >= least and quiet) or seconds >= most:
            break
    keep = ("throughput_rps", "p50_ms", "p99_ms")
    requests = sum(w["requests"] for w in windows)
    return {
        "seconds": seconds, "requests": requests, "throughput_rps": round(requests / seconds, 1),
        "first": {k: windows[0][k] for k in keep}, "last": {k: windows[-1][k] for k in keep},
        "jit_share": windows[-1]["jit_share"], "quiet": quiet,
        "errors": sum(w["status_5xx"] for w in windows) + sum(sum(w["error_codes"].values()) for w in windows),
    }  # fmt: skip


def main() -> int:  # pragma: no cover - a tool, run by make load
    from datetime import timedelta

    from benchmarks.run import ROOT, load_scale, settings
    from benchmarks.subscriptions import cpu_s
    from orggraph.api.tokens import mint
    from orggraph.domain.auth import Role
    from orggraph.neo4j_local import server as local

    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--communities", type=int, default=23, help="the scale: 23 is the demo, 230 is 10x")
    parser.add_argument(
        "--heavy", action="store_true", help="reads alone, then beside a caller asking for plans"
    )
    parser.add_argument(
        "--warmup", type=float, default=20,
        help="at least this many seconds of the same traffic before the timed window, reported apart",
    )  # fmt: skip
    parser.add_argument(
        "--warmup-max", type=float, default=240,
        help="... and more, 10 s at a time, until Neo4j's JIT compilers are quiet, up to this many seconds",
    )  # fmt: skip
    args = parser.parse_args()
    s = settings()
    local.start(s, say=print)
    # a new store, as a new deployment's (run.empty_store: the bench's keeps millions of freed ids)
    asyncio.run(load_scale(s, args.communities, fresh=True))
    env = dict(os.environ, ORGGRAPH_HOME=str(s.home), ORGGRAPH_NEO4J_BOLT_PORT=str(s.neo4j_bolt_port),
               ORGGRAPH_NEO4J_HTTP_PORT=str(s.neo4j_http_port), ORGGRAPH_ENV="production",
               ORGGRAPH_JWT_SECRET=s.jwt_secret.get_secret_value(), ORGGRAPH_PORT="18080",
               # 50 clients share one token and one address: the rate limit would be all they measure
               ORGGRAPH_RATE_LIMIT_ENABLED="false")  # fmt: skip
    server = subprocess.Popen([sys.executable, "-m", "orggraph.cli", "serve"], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        for _ in range(100):
            try:
                if httpx.get("http://127.0.0.1:18080/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        url = "http://127.0.0.1:18080/graphql"
        tok = mint(s, role=Role.ORG_ADMIN, subject="load", scope_id=None, ttl=timedelta(hours=1))
        ids = httpx.post(url, json={"query": "{ communities(first: 100) { edges { node { id street { id } } } } "
                                    "needs(filter: {status: [PUBLISHED]}, first: 100) { edges { node { id } } } "
                                    "cities { id } }"},
                         timeout=30).json()["data"]  # fmt: skip
        communities = [e["node"]["id"] for e in ids["communities"]["edges"]]
        streets = sorted({e["node"]["street"]["id"] for e in ids["communities"]["edges"]})
        needs = [e["node"]["id"] for e in ids["needs"]["edges"]]
        if args.heavy:
            planner = mint(
                s, role=Role.ORG_ADMIN, subject="load-planner", scope_id=None, ttl=timedelta(hours=1)
            )
            heavy = asyncio.run(run_isolation(url, tok, planner, readers=args.clients, seconds=args.seconds,
                                              communities=communities, streets=streets,
                                              city=ids["cities"][0]["id"]))  # fmt: skip
        else:
            pids = {"server": server.pid, "neo4j": local.read_pid(s.neo4j_home), "client": os.getpid()}
            warm = warm_up(url, tok, clients=args.clients, least=args.warmup, most=args.warmup_max,
                           neo4j=pids["neo4j"], communities=communities, streets=streets, needs=needs)  # fmt: skip
            before = {k: cpu_s(pid) for k, pid in pids.items()}
            result = asyncio.run(run_load(url, tok, clients=args.clients, seconds=args.seconds,
                                          communities=communities, streets=streets, needs=needs))  # fmt: skip
            n = max(1, result["requests"])
            result["cpu_ms_per_request"] = {
                k: round(1000 * (cpu_s(pid) - before[k]) / n, 1) for k, pid in pids.items()
            }
            result["warmup"] = warm
    finally:
        server.terminate()
        server.wait(timeout=30)
        local.stop(s, say=print)
    if args.heavy:
        return write_heavy(heavy, args.communities)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    begin, end = "<!-- load: begin -->", "<!-- load: end -->"
    k, w, c = result["by_kind"], result["warmup"], result["cpu_ms_per_request"]
    table = "\n".join([
        begin, "", f"`make load`: {result['clients']} concurrent clients for {result['seconds']:g} s on the demo graph, "
        "70% contract reads, 20% matchNeed, 10% createNeed, against `orggraph serve` (production settings) in "
        "its own process, on loopback, in a new store; timed after a warm-up of the same traffic, 10 s at a time "
        f"until Neo4j's JIT compilers used under {JIT_QUIET:.0%} of a core (a Neo4j just started compiles for "
        f"minutes): {w['seconds']:g} s, {w['requests']} requests, {w['throughput_rps']} req/s (first 10 s "
        f"{w['first']['throughput_rps']} req/s, p99 {w['first']['p99_ms']} ms; last 10 s {w['last']['throughput_rps']} "
        f"req/s, p99 {w['last']['p99_ms']} ms), the JIT {w['jit_share']:.0%} of a core at its end"
        f"{'' if w['quiet'] else ', not yet quiet at the limit'}; {w['errors']} errors in it.", "",
        "| requests | throughput | p50 | p99 | reads p50 / p99 | matchNeed p50 / p99 | createNeed p50 / p99 | 5xx | error codes | CPU ms a request: server / Neo4j / client |",
        "|---|---|---|---|---|---|---|---|---|---|",
        f"| {result['requests']} | {result['throughput_rps']} req/s | {result['p50_ms']} ms | {result['p99_ms']} ms | "
        f"{k['read']['p50_ms']} / {k['read']['p99_ms']} ms | {k['match']['p50_ms']} / {k['match']['p99_ms']} ms | "
        f"{k['write']['p50_ms']} / {k['write']['p99_ms']} ms | {result['status_5xx']} | {result['error_codes'] or 'none'} | "
        f"{c['server']} / {c['neo4j']} / {c['client']} |",
        "", end,
    ])  # fmt: skip
    write_section(begin, end, table, "Load")
    return 0 if result["status_5xx"] == 0 and not result["error_codes"] else 1


def write_heavy(result: dict[str, Any], communities: int) -> int:  # pragma: no cover - run by make load-heavy
    print(json.dumps(result, ensure_ascii=False, indent=2))
    a, b = result["alone"], result["with_plans"]
    begin, end = "<!-- load-heavy: begin -->", "<!-- load-heavy: end -->"
    table = "\n".join([
        begin, "", f"`make load-heavy`: {result['readers']} clients read a community (detail with committee, "
        f"members and leaders) for {result['seconds']:g} s alone, then again while {result['planners']} other "
        f"caller asks for plans back to back (the first city, then a street), on {communities} communities, against "
        "`orggraph serve` (production settings) in its own process, on loopback.", "",
        "| | reads | read p50 | read p95 | plans done | plan p50 | error codes |",
        "|---|---|---|---|---|---|---|",
        f"| reads alone | {a['reads']} | {a['read_p50_ms']} ms | {a['read_p95_ms']} ms | – | – | {a['codes'] or 'none'} |",
        f"| reads beside plans | {b['reads']} | {b['read_p50_ms']} ms | {b['read_p95_ms']} ms | {b['plans']} | "
        f"{b['plan_p50_ms']} ms | {b['codes'] or 'none'} |",
        "", f"The planner raised the readers' p95 {result['read_p95_ratio']}x.", "", end,
    ])  # fmt: skip
    write_section(begin, end, table, "Heavy operations beside reads")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
