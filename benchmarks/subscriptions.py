"""Delivery of subscriptions under a burst of writes: 100 subscribers on loopback, 1,000 createNeed in a
burst; every subscriber must receive every event it may see, in order, once.

    python -m benchmarks.subscriptions            # make bench-events (and the last step of make bench)
    python -m benchmarks.subscriptions --subscribers 20 --writes 200

The bench Neo4j (benchmarks.run.settings: its own home and ports) with the Tianchang demo; two
`orggraph serve` processes with production settings on free loopback ports, so that most events reach
a subscriber through the other process than the one that took the write (the event log in Neo4j is the
only way between them). The subscribers (graphql-transport-ws on the `websockets` client, one
connection each, spread over both processes) run in a child process of their own; the writers (HTTP,
spread over both processes too) in this one. Both stamp time with CLOCK_MONOTONIC (time.monotonic(),
one clock for the whole machine), so a delivery's latency is its arrival at the subscriber less the
moment its write's HTTP answer reached the writer.

The roles: 40% ORG_ADMIN (the city), 20% VIEWER (the city, names masked), 20% STREET_ADMIN (the streets
in turn), 20% COMMUNITY_ADMIN (communities in turn); each subscribes to needChanged without arguments,
so its role alone decides what it receives. Each subscriber's expected events are the needs written in
its reach (from each write's community, and each community's street). Checked: it received exactly
those (no loss, no duplicate, nothing outside its reach), with strictly increasing event ids, and every
subscriber that received a need received it under the same event id. Any violation is listed and the
run exits 1. Writes benchmarks/results/subscriptions-<time>.json and the section of docs/benchmarks.md
between its markers. Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import multiprocessing as mp
import os
import platform
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx

from benchmarks.compare.harness import _wait, free_port
from benchmarks.load import write_section
from benchmarks.run import ROOT, settings
from orggraph.settings import Settings

SUBSCRIPTION = "subscription { needChanged { id action need { id title status } } }"
CREATE_NEED = "mutation ($i: CreateNeedInput!) { createNeed(input: $i) { id } }"
PROTOCOL = "graphql-transport-ws"
BEGIN, END = "<!-- subscriptions: begin -->", "<!-- subscriptions: end -->"
MIX = (("ORG_ADMIN", 0.4), ("VIEWER", 0.2), ("STREET_ADMIN", 0.2), ("COMMUNITY_ADMIN", 0.2))
LINGER_S = 1.0  # after the last expected event, how long each subscriber goes on listening for extras
DELIVERY_DEADLINE_S = 120.0  # after the last write: whatever has not arrived by then is lost


@dataclass(frozen=True)
class Spec:
    """One subscriber: its role, the street or community its token names, the process it connects to."""

    n: int
    role: str
    scope: str | None
    url: str
    process: int
    token: str


@dataclass
class Received:
    """What one subscriber got: (event id, need id, action, arrival) for each `next`, anything else."""

    n: int
    events: list[tuple[int, str, str, float]]
    other: list[str]  # error or complete messages, GraphQL errors, connection failures
    close: tuple[int | None, str] | None = None  # how its connection ended before the run closed it


def plan(count: int, streets: list[str], communities: list[str]) -> list[tuple[str, str | None]]:
    """`count` (role, scope) pairs in the proportions of MIX; scoped roles take streets and communities
    in turn."""
    sizes = [round(count * share) for _, share in MIX]
    sizes[0] += count - sum(sizes)
    out: list[tuple[str, str | None]] = []
    for (role, _), size in zip(MIX, sizes, strict=True):
        for i in range(size):
            scope = {"STREET_ADMIN": streets, "COMMUNITY_ADMIN": communities}.get(role)
            out.append((role, scope[i % len(scope)] if scope else None))
    return out


def reaches(role: str, scope: str | None, community: str, street_of: dict[str, str]) -> bool:
    """Whether a subscriber of this role and scope may see a need of `community` (auth.RULES[SUBSCRIBE])."""
    if role in ("ORG_ADMIN", "VIEWER"):
        return True
    if role == "STREET_ADMIN":
        return street_of[community] == scope
    if role == "COMMUNITY_ADMIN":
        return community == scope
    return False


# --- the subscribers' side (a child process) ---------------------------------------------------------


def subscriber_process(specs: list[Spec], conn: Connection) -> None:
    """Entry point of the child process: connect and subscribe every spec, say "ready", record until the
    parent's expected counts have all arrived (then LINGER_S more), send back what each received."""
    asyncio.run(_subscribers(specs, conn))


async def _subscribers(specs: list[Spec], conn: Connection) -> None:
    from websockets.asyncio.client import ClientConnection, connect
    from websockets.exceptions import ConnectionClosed

    got = {s.n: Received(s.n, [], []) for s in specs}
    sockets: dict[int, ClientConnection] = {}
    stopping = False

    async def open_one(spec: Spec) -> None:
        ws = await connect(
            spec.url.replace("http://", "ws://") + "/graphql",
            subprotocols=[PROTOCOL],  # type: ignore[list-item]
            open_timeout=30,
            max_size=2**20,
        )
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {spec.token}"}})
        )
        ack = json.loads(await asyncio.wait_for(ws.recv(), 30))
        if ack.get("type") != "connection_ack":
            raise RuntimeError(f"no connection_ack: {ack}")
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIPTION}}))
        sockets[spec.n] = ws

    async def listen(n: int, ws: ClientConnection) -> None:
        mine = got[n]
        try:
            async for raw in ws:
                at = time.monotonic()
                msg = json.loads(raw)
                kind = msg.get("type")
                if kind == "next" and "errors" not in msg["payload"]:
                    ev = msg["payload"]["data"]["needChanged"]
                    mine.events.append((int(ev["id"]), ev["need"]["id"], ev["action"], at))
                elif kind == "ping":
                    await ws.send(json.dumps({"type": "pong"}))
                elif kind != "pong":
                    mine.other.append(json.dumps(msg, ensure_ascii=False)[:300])
        except ConnectionClosed:
            pass
        if not stopping:
            mine.close = (ws.close_code, ws.close_reason or "")

    gate = asyncio.Semaphore(20)  # connections opened at once

    async def guarded(spec: Spec) -> None:
        async with gate:
            try:
                await open_one(spec)
            except Exception as exc:  # reported as this subscriber's failure
                got[spec.n].other.append(f"connect: {type(exc).__name__}: {exc}")

    await asyncio.gather(*(guarded(s) for s in specs))
    listeners = [asyncio.create_task(listen(n, ws)) for n, ws in sockets.items()]
    conn.send(("ready", len(sockets)))
    cpu_at_ready = time.process_time()

    expected: dict[int, int] = await asyncio.to_thread(conn.recv)  # after the writes
    deadline = time.monotonic() + DELIVERY_DEADLINE_S
    while time.monotonic() < deadline:
        if all(len(got[n].events) >= want or got[n].close for n, want in expected.items()):
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(LINGER_S)  # a duplicate or an event outside the reach would arrive now
    stopping = True
    for ws in sockets.values():
        await ws.close()
    await asyncio.gather(*listeners, return_exceptions=True)
    conn.send(([asdict(r) for r in got.values()], time.process_time() - cpu_at_ready))


# --- the writers' side (this process) ----------------------------------------------------------------


@dataclass
class Write:
    k: int
    community: str
    process: int
    sent: float
    acked: float
    need: str | None
    error: str | None


async def write_all(
    urls: list[str], token: str, items: list[tuple[int, str, int]], writers: int, tag: str
) -> list[Write]:
    """createNeed for each (k, community, process) by `writers` concurrent clients over HTTP."""
    todo: asyncio.Queue[tuple[int, str, int]] = asyncio.Queue()
    for item in items:
        todo.put_nowait(item)
    done: list[Write] = []
    headers = {"authorization": f"Bearer {token}"}

    async def writer(http: httpx.AsyncClient) -> None:
        while not todo.empty():
            k, community, process = todo.get_nowait()
            need_input = {
                "communityId": community, "title": f"订阅压测 {tag}-{k}", "description": "benchmarks/subscriptions.py",
                "supportTypes": ["VOLUNTEER"], "domain": "ELDER", "populations": ["ELDERLY"], "quantity": 1,
                "quantityUnit": "人", "neededBy": "2027-06-30", "clientId": f"events-{tag}-{k}",
            }  # fmt: skip
            sent = time.monotonic()
            need, error = None, None
            try:
                r = await http.post(
                    f"{urls[process]}/graphql",
                    json={"query": CREATE_NEED, "variables": {"i": need_input}},
                    headers=headers,
                    timeout=60,
                )
                body = r.json()
                if body.get("errors") or r.status_code != 200:
                    error = f"{r.status_code}: {json.dumps(body.get('errors'), ensure_ascii=False)[:200]}"
                else:
                    need = body["data"]["createNeed"]["id"]
            except (httpx.HTTPError, ValueError) as exc:
                error = f"{type(exc).__name__}: {exc}"
            done.append(Write(k, community, process, sent, time.monotonic(), need, error))

    limits = httpx.Limits(max_connections=writers, max_keepalive_connections=writers)
    async with httpx.AsyncClient(limits=limits) as http:
        await asyncio.gather(*(writer(http) for _ in range(writers)))
    return sorted(done, key=lambda w: w.k)


# --- the run -----------------------------------------------------------------------------------------


def cpu_s(pid: int | None) -> float:
    """CPU seconds (user + system) a process has used so far (0 when it is gone)."""
    return 0.0 if pid is None else stat_cpu_s(Path(f"/proc/{pid}/stat"))


def stat_cpu_s(stat: Path) -> float:
    """CPU seconds (user + system) in a /proc stat file, a process's or a thread's (0 when it is gone)."""
    try:
        fields = stat.read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pct(xs: list[float], p: float) -> float:
    """The p-th percentile of durations in seconds, in ms."""
    s = sorted(xs)
    return round(1000 * s[min(len(s) - 1, int(p * len(s)))], 1) if s else 0.0


def stats(xs: list[float]) -> dict[str, float]:
    return {"n": len(xs), "p50_ms": pct(xs, 0.5), "p95_ms": pct(xs, 0.95), "p99_ms": pct(xs, 0.99),
            "max_ms": round(1000 * max(xs), 1) if xs else 0.0}  # fmt: skip


def check(
    specs: list[Spec], received: list[dict[str, Any]], writes: list[Write], street_of: dict[str, str]
) -> tuple[list[str], dict[int, list[str]]]:
    """The violations, and each subscriber's expected needs in write order."""
    violations: list[str] = []
    community_of = {w.need: w.community for w in writes if w.need}
    expected = {
        s.n: [w.need for w in writes if w.need and reaches(s.role, s.scope, w.community, street_of)]
        for s in specs
    }
    event_of: dict[str, int] = {}
    by_n = {r["n"]: r for r in received}
    for s in specs:
        r = by_n[s.n]
        who = f"subscriber {s.n} ({s.role}{' ' + s.scope if s.scope else ''}, process {s.process})"
        for msg in r["other"]:
            violations.append(f"{who}: {msg}")
        if r["close"]:
            violations.append(f"{who}: connection closed {r['close'][0]} {r['close'][1]!r}")
        ids = [e[0] for e in r["events"]]
        needs = [e[1] for e in r["events"]]
        if any(b <= a for a, b in itertools.pairwise(ids)):
            bad = next(i for i in range(1, len(ids)) if ids[i] <= ids[i - 1])
            violations.append(
                f"{who}: event ids not strictly increasing at #{bad}: {ids[bad - 1]} then {ids[bad]}"
            )
        dup = [need for need, c in Counter(needs).items() if c > 1]
        if dup:
            violations.append(f"{who}: {len(dup)} needs received more than once, e.g. {dup[:3]}")
        want = set(expected[s.n])
        lost = want - set(needs)
        extra = set(needs) - want
        if lost:
            violations.append(
                f"{who}: {len(lost)} of {len(want)} expected events never arrived, e.g. {sorted(lost)[:3]}"
            )
        if extra:
            outside = [x for x in extra if x in community_of]
            violations.append(
                f"{who}: {len(extra)} events it should not have received ({len(outside)} of this run's needs "
                f"outside its reach), e.g. {sorted(extra)[:3]}"
            )
        for seq, need, action, _ in r["events"]:
            if action != "createNeed":
                violations.append(f"{who}: event {seq} has action {action!r}")
            if event_of.setdefault(need, seq) != seq:
                violations.append(
                    f"{who}: need {need} came as event {seq}, to another subscriber as {event_of[need]}"
                )
    return violations, expected


def run_bench(
    s: Settings, *, subscribers: int = 100, writes: int = 1000, writers: int = 8, processes: int = 2,
    with_baseline: bool = True, say: Any = print,
) -> dict[str, Any]:  # fmt: skip
    """The whole run on a started bench Neo4j: load the demo, serve, subscribe, write, check, measure.
    Writes the JSON and the docs section; returns the results (their "violations" empty on success)."""
    from orggraph.api.tokens import mint
    from orggraph.domain.auth import Role
    from orggraph.graph.driver import open_driver
    from orggraph.graph.migrations import migrate
    from orggraph.neo4j_local import server as local
    from orggraph.seeding.files import read_folder
    from orggraph.seeding.load import load, wipe

    async def demo() -> None:
        async with open_driver(s) as driver:
            await migrate(driver, s.neo4j_database, s.schema_dir)
            await wipe(driver, s.neo4j_database)
            await load(driver, s.neo4j_database, read_folder(ROOT / "seeds" / "tianchang"))

    say("subscriptions: loading the Tianchang demo")
    asyncio.run(demo())
    logs = s.home / "events-bench"
    logs.mkdir(parents=True, exist_ok=True)
    ports = [free_port() for _ in range(processes)]
    env = dict(
        os.environ, ORGGRAPH_HOME=str(s.home), ORGGRAPH_NEO4J_BOLT_PORT=str(s.neo4j_bolt_port),
        ORGGRAPH_NEO4J_HTTP_PORT=str(s.neo4j_http_port), ORGGRAPH_ENV="production",
        ORGGRAPH_JWT_SECRET=s.jwt_secret.get_secret_value(),
        # one writer token makes hundreds of requests a second: the rate limit would be all it measures
        ORGGRAPH_RATE_LIMIT_ENABLED="false",
    )  # fmt: skip
    servers = [
        subprocess.Popen(
            [sys.executable, "-m", "orggraph.cli", "serve", "--port", str(port)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=(logs / f"serve-{i}.log").open("w"),
        )
        for i, port in enumerate(ports)
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    child = None
    try:
        for i, (url, proc) in enumerate(zip(urls, servers, strict=True)):
            _wait(f"{url}/readyz", proc, f"orggraph serve #{i}")
        ttl = timedelta(hours=2)
        admin = mint(s, role=Role.ORG_ADMIN, subject="events-bench-writer", scope_id=None, ttl=ttl)
        rows = httpx.post(
            f"{urls[0]}/graphql", json={"query": "{ communities(first: 100) { edges { node { id street { id } } } } }"},
            headers={"authorization": f"Bearer {admin}"}, timeout=30,
        ).json()["data"]["communities"]["edges"]  # fmt: skip
        street_of = {e["node"]["id"]: e["node"]["street"]["id"] for e in rows}
        communities = sorted(street_of)
        streets = sorted(set(street_of.values()))

        specs = [
            Spec(n, role, scope, urls[n % processes], n % processes,
                 mint(s, role=Role(role), subject=f"events-bench-{n}", scope_id=scope, ttl=ttl))
            for n, (role, scope) in enumerate(plan(subscribers, streets, communities))
        ]  # fmt: skip
        tag = datetime.now().strftime("%H%M%S")
        pids = {"Neo4j": local.read_pid(s.neo4j_home)} | {
            f"orggraph serve #{i}": p.pid for i, p in enumerate(servers)
        }
        items = [(k, communities[k % len(communities)], k % processes) for k in range(writes)]
        baseline = None
        if with_baseline:
            # the same burst with nobody subscribed (no process reads the log): what delivery costs the writes
            say(f"subscriptions: baseline, {writes} writes by {writers} writers, nobody subscribed")
            asyncio.run(write_all(urls, admin, items[: len(communities)], 1, f"{tag}bw"))  # warm-up
            before = {k: cpu_s(pid) for k, pid in pids.items()}
            timed = asyncio.run(write_all(urls, admin, items, writers, f"{tag}b"))
            first, last = min(w.sent for w in timed), max(w.acked for w in timed)
            baseline = {"writes_per_s": round(len(timed) / (last - first), 1), "burst_s": round(last - first, 2),
                        "write_ack": stats([w.acked - w.sent for w in timed]),
                        "errors": sum(1 for w in timed if w.error),
                        "cpu_s": {k: round(cpu_s(pid) - before[k], 1) for k, pid in pids.items()}}  # fmt: skip
        say(
            f"subscriptions: {len(specs)} subscribers over {processes} processes, {dict(Counter(s.role for s in specs))}"
        )
        parent, child_end = mp.get_context("spawn").Pipe()
        child = mp.get_context("spawn").Process(
            target=subscriber_process, args=(specs, child_end), name="subscribers"
        )
        child.start()
        if not parent.poll(120):
            raise RuntimeError("the subscribers did not connect within 120 s")
        _, connected = parent.recv()
        say(f"subscriptions: {connected} connected and subscribed")
        time.sleep(2.0)  # each subscription registered (one read of the log's end) before the first write
        # the CPU each part uses from here to the last delivery
        cpu_before, writers_before = {k: cpu_s(pid) for k, pid in pids.items()}, time.process_time()
        window_start = time.monotonic()

        # warm-up, also checked: one need in each community, one after the other, through each process
        warm = asyncio.run(
            write_all(urls, admin, [(k, c, k % processes) for k, c in enumerate(communities)], 1, f"{tag}w")
        )
        time.sleep(1.0)
        # the burst: `writes` createNeed by `writers` concurrent clients, communities and processes in turn
        say(f"subscriptions: {writes} writes by {writers} writers")
        burst = asyncio.run(write_all(urls, admin, items, writers, tag))
        say("subscriptions: writes done, waiting for the deliveries")
        every = warm + burst
        expected = {
            sp.n: sum(1 for w in every if w.need and reaches(sp.role, sp.scope, w.community, street_of))
            for sp in specs
        }
        parent.send(expected)
        if not parent.poll(DELIVERY_DEADLINE_S + 60):
            raise RuntimeError("the subscribers did not report")
        received, subscribers_cpu = parent.recv()
        window_s = time.monotonic() - window_start
        cpu = {k: cpu_s(pid) - cpu_before[k] for k, pid in pids.items()}
        cpu |= {
            "writers (this process)": time.process_time() - writers_before,
            "subscribers": subscribers_cpu,
        }
        child.join(timeout=30)
    finally:
        if child is not None and child.is_alive():
            child.terminate()
        for proc in servers:
            proc.terminate()
        for proc in servers:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()

    violations, _ = check(specs, received, every, street_of)
    violations += [
        f"write {w.k} ({w.community}, process {w.process}) failed: {w.error}" for w in every if w.error
    ]
    if baseline and baseline["errors"]:
        violations.append(f"{baseline['errors']} writes of the baseline burst failed")
    acked = {w.need: w for w in burst if w.need}
    spec_of = {sp.n: sp for sp in specs}
    latency: list[float] = []
    by_route: dict[str, list[float]] = defaultdict(list)
    by_role: dict[str, list[float]] = defaultdict(list)
    last_arrival = 0.0
    for r in received:
        sp = spec_of[r["n"]]
        for _, need, _, at in r["events"]:
            w = acked.get(need)
            if w is None:
                continue
            latency.append(at - w.acked)
            by_route["same process" if w.process == sp.process else "other process"].append(at - w.acked)
            by_role[sp.role].append(at - w.acked)
            last_arrival = max(last_arrival, at)
    first_sent = min(w.sent for w in burst)
    last_acked = max(w.acked for w in burst)
    results: dict[str, Any] = {
        "when": datetime.now().isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "subscribers": len(specs), "roles": dict(Counter(sp.role for sp in specs)), "processes": processes,
        "writes": writes, "writers": writers, "warm_up_writes": len(warm),
        "events_poll_s": s.events_poll_s, "events_queue": s.events_queue,
        "expected_deliveries": sum(expected.values()),
        "deliveries": sum(len(r["events"]) for r in received),
        "violations": violations,
        "writes_per_s": round(len(burst) / (last_acked - first_sent), 1),
        "write_ack": stats([w.acked - w.sent for w in burst]),
        "burst_s": round(last_acked - first_sent, 2),
        "first_write_to_last_delivery_s": round(last_arrival - first_sent, 2) if last_arrival else None,
        "latency": stats(latency),
        "latency_by_route": {k: stats(v) for k, v in sorted(by_route.items())},
        "latency_by_role": {k: stats(v) for k, v in sorted(by_role.items())},
        "negative_latencies": sum(1 for x in latency if x < 0),
        # from just before the first write to the end of the deliveries (and LINGER_S)
        "cpu_s": {k: round(v, 1) for k, v in cpu.items()}, "cpu_window_s": round(window_s, 1),
        "baseline_without_subscribers": baseline,
    }  # fmt: skip
    out_dir = ROOT / "benchmarks" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"subscriptions-{datetime.now().strftime('%Y-%m-%dT%H%M%S')}.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    write_section(BEGIN, END, render(results), "Subscriptions: delivery under a burst of writes")
    return results


def render(r: dict[str, Any]) -> str:
    lat = r["latency"]
    verdict = (
        f"**{len(r['violations'])} violations** (the first ones; all in the JSON results):\n\n"
        + "\n".join(f"- {v}" for v in r["violations"][:20])
        if r["violations"]
        else "Every subscriber received every event it may see, in order, once: no loss, no duplicate, nothing "
        "outside its reach, event ids strictly increasing and the same for a need at every subscriber."
    )
    lines = [
        BEGIN, "",
        f"Run {r['when']} on {r['machine']}: {r['subscribers']} subscribers ({', '.join(f'{n} {role}' for role, n in r['roles'].items())}) "
        f"over {r['processes']} `orggraph serve` processes, {r['writes']} createNeed by {r['writers']} concurrent "
        f"writers over both (after {r['warm_up_writes']} warm-up writes, one per community, checked too but not timed); "
        f"poll every {r['events_poll_s']} s, queue {r['events_queue']} per subscriber.", "",
        "| deliveries, warm-up included (expected) | writes/s | burst | first write → last delivery | latency p50 | p95 | p99 | max | createNeed ack p50 / p99 |",
        "|---|---|---|---|---|---|---|---|---|",
        f"| {r['deliveries']:,} ({r['expected_deliveries']:,}) | {r['writes_per_s']} | {r['burst_s']} s | "
        f"{r['first_write_to_last_delivery_s']} s | {lat['p50_ms']} ms | {lat['p95_ms']} ms | {lat['p99_ms']} ms | "
        f"{lat['max_ms']} ms | {r['write_ack']['p50_ms']} / {r['write_ack']['p99_ms']} ms |",
        "", "| delivery latency (arrival − write's ack) | deliveries | p50 | p95 | p99 | max |", "|---|---|---|---|---|---|",
    ]  # fmt: skip
    for name, group in [*r["latency_by_route"].items(), *r["latency_by_role"].items()]:
        label = f"subscriber on the {name} as the write" if "process" in name else name
        lines.append(
            f"| {label} | {group['n']:,} | {group['p50_ms']} ms | {group['p95_ms']} ms | {group['p99_ms']} ms | "
            f"{group['max_ms']} ms |"
        )
    b = r["baseline_without_subscribers"]
    if b:
        lines += ["", f"The same burst with nobody subscribed, just before (no process reads the log): {b['writes_per_s']} "
                  f"writes/s, createNeed ack p50 / p99 {b['write_ack']['p50_ms']} / {b['write_ack']['p99_ms']} ms; CPU "
                  f"during it: {', '.join(f'{name} {secs} s' for name, secs in b['cpu_s'].items())}."]  # fmt: skip
    cpu = ", ".join(f"{name} {secs} s" for name, secs in r["cpu_s"].items())
    lines += ["", f"CPU used from the first write to the end of the deliveries ({r['cpu_window_s']} s of wall time, "
              f"so at most {round(2 * r['cpu_window_s'])} core-seconds on 2 cores): {cpu}.", "", verdict, "", END]  # fmt: skip
    return "\n".join(lines)


def main() -> int:
    from orggraph.neo4j_local import server as local

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=100)
    parser.add_argument("--writes", type=int, default=1000)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--processes", type=int, default=2, help="orggraph serve processes")
    parser.add_argument(
        "--no-baseline", action="store_true", help="not the same burst first with nobody subscribed"
    )
    args = parser.parse_args()
    s = settings()
    local.start(s, say=print)
    try:
        started = time.monotonic()
        results = run_bench(
            s,
            subscribers=args.subscribers,
            writes=args.writes,
            writers=args.writers,
            processes=args.processes,
        )
    finally:
        local.stop(s, say=print)
    print(render(results))
    print(f"subscriptions: {time.monotonic() - started:.0f} s")
    return 1 if results["violations"] else 0


if __name__ == "__main__":  # pragma: no cover - a tool, run by make bench-events
    raise SystemExit(main())
