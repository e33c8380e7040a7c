"""Issue #17's targets: matching and plans bounded by place, at 1x, 100x and 1000x of the synthetic province.

    python -m benchmarks.places [--scales 1x,100x,1000x] [--samples 100] [--passes 3] [--no-province-plan]

(`make bench-places`; the last step of `make bench`.) Per scale, one round:

1. a fresh load of 合成省 (seeding/province.py, two cities at a time), timed;
2. one `orggraph serve` (production settings, rate limit off) on it, and over HTTP as ORG_ADMIN, sequential:
   - matchNeed for published needs of the first city and matchResource for its active resources (the first city
     is the same records at every scale: what grows is the province around it), at most `samples` of each:
     one pass over them to warm up, then `passes` timed passes;
   - planMatches of the first city's first street, of the whole first city and of the province's largest city:
     one community's plan first (the process's first plan starts its worker, about 5 s), then 3 of each
     (median and largest);
   - the API process's peak memory (VmHWM) after the matching requests and after the plans;
3. `orggraph plan province --workers 2`: the whole province, its wall-clock and each city's seconds
   (its summary.json).

The round's wall-clock (load included) is reported with the rest. Results go to
benchmarks/results/places-<time>.json and between `<!-- places: begin -->` and `<!-- places: end -->` in
docs/benchmarks.md, with the issue's targets judged. Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from tests.support.processes import serve_env, serve_process_pid

from benchmarks.compare.queries import ORGGRAPH_ONLY
from benchmarks.load import write_section
from benchmarks.run import ROOT, TODAY, load_scale, save_results, settings, summary
from orggraph.api.tokens import mint
from orggraph.domain.auth import Role
from orggraph.graph.driver import open_driver
from orggraph.graph.runner import Graph
from orggraph.neo4j_local import server as local
from orggraph.settings import Settings

SCALES = {"1x": 23, "10x": 230, "100x": 2300, "1000x": 23000}
FIRST_CITY = "k0001-city"  # seeding/province.py: the same records at every scale
BEGIN, END = "<!-- places: begin -->", "<!-- places: end -->"

PLAN = """query ($city: ID, $street: ID, $community: ID) {
  planMatches(cityId: $city, streetId: $street, communityId: $community) {
    needsConsidered needsAssigned totalScore optimal solverSeconds
    matches { score quantity reason need { id } resource { id } } } }"""

# the targets
FLAT = 1.5  # matchNeed and matchResource p95 at 1000x within 1.5x of 1x
STREET_PLAN_S, CITY_PLAN_S = 1.0, 5.0
PEAK_MB = 300
ROUND_MIN = 30


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no VmHWM for {pid}")


async def places(s: Settings, samples: int) -> dict[str, Any]:
    """The ids the round asks about: the first city's needs, resources and first street, the largest city."""
    async with open_driver(s) as driver:
        g = Graph(driver, s.neo4j_database)
        needs = [r["id"] for r in await g.read(
            "MATCH (n:Need {cityId: $city, status: 'PUBLISHED'}) RETURN n.id AS id ORDER BY id LIMIT $n",
            city=FIRST_CITY, n=samples)]  # fmt: skip
        resources = [r["id"] for r in await g.read(
            "MATCH (r:Resource {cityId: $city, status: 'ACTIVE'}) RETURN r.id AS id ORDER BY id LIMIT $n",
            city=FIRST_CITY, n=samples)]  # fmt: skip
        street = (await g.read(
            "MATCH (:City {id: $city})<-[:PART_OF]-(s:Street) RETURN s.id AS id ORDER BY id LIMIT 1",
            city=FIRST_CITY))[0]["id"]  # fmt: skip
        community = (await g.read(
            "MATCH (:Street {id: $street})<-[:PART_OF]-(c:Community) RETURN c.id AS id ORDER BY id LIMIT 1",
            street=street))[0]["id"]  # fmt: skip
        largest = (await g.read(
            "MATCH (c:City) RETURN c.id AS id, c.urbanCommunities AS n ORDER BY n DESC, id LIMIT 1"))[0]  # fmt: skip
        rels = (await g.read("MATCH ()-[r]->() RETURN count(r) AS n"))[0]["n"]
    return {"needs": needs, "resources": resources, "street": street, "community": community,
            "largest": largest["id"], "largest_communities": largest["n"], "relationships": rels}  # fmt: skip


async def over_http(url: str, token: str, at: dict[str, Any], pid: int, passes: int) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {token}"}
    out: dict[str, Any] = {}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=120) as client:

        async def ask(query: str, variables: dict[str, Any]) -> tuple[float, dict[str, Any]]:
            t = time.perf_counter()
            r = await client.post("/graphql", json={"query": query, "variables": variables})
            took = time.perf_counter() - t
            body = r.json()
            if r.status_code != 200 or body.get("errors"):
                raise RuntimeError(f"{r.status_code} {json.dumps(body, ensure_ascii=False)[:400]}")
            return took, body["data"]

        for name, arg, ids in (
            ("matchNeed", "need", at["needs"]),
            ("matchResource", "resource", at["resources"]),
        ):
            for i in ids:  # one pass to warm up (Neo4j's plans and pages, the process)
                await ask(ORGGRAPH_ONLY[name], {arg: i})
            out[name] = summary(
                [(await ask(ORGGRAPH_ONLY[name], {arg: i}))[0] for _ in range(passes) for i in ids]
            )
        out["peak_mb_after_matching"] = peak_mb(pid)
        await ask(PLAN, {"community": at["community"]})  # the first plan starts the heavy-work worker
        for label, variables in (("street", {"street": at["street"]}), ("city", {"city": FIRST_CITY}),
                                 ("largest_city", {"city": at["largest"]})):  # fmt: skip
            times, data = [], {}
            for _ in range(3):
                took, data = await ask(PLAN, variables)
                times.append(took)
            p = data["planMatches"]
            out[f"plan_{label}"] = {
                "median_s": round(statistics.median(times), 3), "max_s": round(max(times), 3),
                "needs": p["needsConsidered"], "assigned": p["needsAssigned"], "optimal": p["optimal"],
                "solver_s": round(p["solverSeconds"], 3),
            }  # fmt: skip
        out["peak_mb_after_plans"] = peak_mb(pid)
    return out


def province_plan(s: Settings) -> dict[str, Any]:
    """`orggraph plan province --workers 2` on the bench's Neo4j; its summary.json, condensed."""
    with tempfile.TemporaryDirectory() as tmp:
        run_dir = Path(tmp) / "run"
        env = serve_env(s, 0, ORGGRAPH_ENV="production", ORGGRAPH_TODAY=TODAY.isoformat(),
                        ORGGRAPH_JWT_SECRET=s.jwt_secret.get_secret_value())  # fmt: skip
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "orggraph.cli", "plan", "province", "--workers", "2", "--run-dir", str(run_dir)],
            env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wall = time.perf_counter() - t
        got = json.loads((run_dir / "summary.json").read_text(encoding="utf-8"))
    cities = got["cities"]

    def seconds(city: dict[str, Any]) -> float:  # its reads and its plan (the solver is part of the plan)
        return float(city["seconds"]["reads"] + city["seconds"]["plan"])

    per_city = sorted(seconds(c) for c in cities)
    slowest = max(cities, key=seconds)
    return {
        "wall_s": round(got["wallSeconds"], 1), "process_s": round(wall, 1), "cities": len(cities),
        "needs": got["totals"]["needsConsidered"], "assigned": got["totals"]["needsAssigned"],
        "assigned_after_reconcile": got["totals"]["needsAssignedAfterReconcile"],
        "city_s_p50": round(statistics.median(per_city), 2), "city_s_max": round(per_city[-1], 2),
        "slowest_city": {"id": slowest["id"], "name": slowest["name"], "needs": slowest["needsConsidered"]},
        "read_s": got["totals"]["readSeconds"], "plan_s": got["totals"]["planSeconds"],
        "reconcile": got["reconcile"], "complete": got["complete"],
    }  # fmt: skip


def round_of(s: Settings, name: str, samples: int, passes: int, with_province_plan: bool) -> dict[str, Any]:
    started = time.perf_counter()
    loaded = asyncio.run(load_scale(s, SCALES[name], "province", lean=True))
    print("load", loaded, flush=True)
    at = asyncio.run(places(s, samples))
    loaded["relationships"] = at["relationships"]
    token = mint(s, role=Role.ORG_ADMIN, subject="benchmark", scope_id=None, ttl=timedelta(hours=12))
    extra = {"ORGGRAPH_ENV": "production", "ORGGRAPH_TODAY": TODAY.isoformat(),
             "ORGGRAPH_JWT_SECRET": s.jwt_secret.get_secret_value()}  # fmt: skip
    with serve_process_pid(s, **extra) as (url, pid):
        http = asyncio.run(over_http(url, token, at, pid, passes))
    print("http", json.dumps(http, ensure_ascii=False), flush=True)
    out = {"scale": name, "load": loaded, "largest_city": {"id": at["largest"], "communities": at["largest_communities"]},
           **http}  # fmt: skip
    if with_province_plan:
        out["province_plan"] = province_plan(s)
        print("province plan", json.dumps(out["province_plan"], ensure_ascii=False), flush=True)
    out["round_s"] = round(time.perf_counter() - started, 1)
    return out


def verdicts(rounds: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(target, measured, met / not met / not measured) for the issue's targets."""
    by = {r["scale"]: r for r in rounds}
    base, top = by.get("1x"), by.get("1000x")
    rows = []
    for q in ("matchNeed", "matchResource"):
        if base and top:
            ratio = top[q]["p95_ms"] / base[q]["p95_ms"]
            rows.append((f"{q} p95 at 1000x within {FLAT}x of 1x", f"{top[q]['p95_ms']} / {base[q]['p95_ms']} ms = "
                         f"{ratio:.2f}x", "met" if ratio <= FLAT else "**not met**"))  # fmt: skip
        else:
            rows.append((f"{q} p95 at 1000x within {FLAT}x of 1x", "–", "not measured"))
    if top:
        for label, limit in (("street", STREET_PLAN_S), ("city", CITY_PLAN_S), ("largest_city", CITY_PLAN_S)):
            p = top[f"plan_{label}"]
            what = {"street": "one street (the first city's first)", "city": "one city (the first, 23 communities)",
                    "largest_city": f"the largest city ({top['largest_city']['communities']} communities)"}[label]  # fmt: skip
            rows.append((f"plan of {what} at 1000x under {limit:g} s", f"{p['median_s']} s (largest of 3: {p['max_s']} s)",
                         "met" if p["max_s"] < limit else "**not met**"))  # fmt: skip
        peak = max(top["peak_mb_after_matching"], top["peak_mb_after_plans"])
        rows.append((f"API process peak memory at 1000x under {PEAK_MB} MB", f"{peak} MB",
                     "met" if peak < PEAK_MB else "**not met**"))  # fmt: skip
        rows.append((f"the 1000x round under {ROUND_MIN} min (load included)", f"{top['round_s'] / 60:.1f} min",
                     "met" if top["round_s"] < ROUND_MIN * 60 else "**not met**"))  # fmt: skip
    return rows


def render(results: dict[str, Any]) -> str:
    rounds = results["rounds"]
    lines = [BEGIN, "", f"`make bench-places`, run {results['when']} on {results['machine']}; Neo4j {results['neo4j']}. "
             "Over HTTP to one `orggraph serve` (production settings), as ORG_ADMIN, sequential; matching on the "
             "first city (the same records at every scale).", ""]  # fmt: skip
    lines += [f"**Failed:** {f}" for f in results.get("failed", [])] + ([""] if results.get("failed") else [])
    lines += [
        "| scale | cities | communities | nodes / relationships | generate + load | round |",
        "|---|---|---|---|---|---|",
    ]
    for r in rounds:
        ld = r["load"]
        lines.append(f"| {r['scale']} | {ld['cities']} | {ld['communities']:,} | {ld['nodes']:,} / {ld['relationships']:,} "
                     f"| {ld['generate_s']} s + {ld['load_s']} s | {r['round_s'] / 60:.1f} min |")  # fmt: skip
    lines += ["", "| scale | matchNeed p50 / p95 / p99 | matchResource p50 / p95 / p99 | plan: a street | the first city | "
              "the largest city | peak memory (matching / plans) |", "|---|---|---|---|---|---|---|"]  # fmt: skip
    for r in rounds:
        mn, mr = r["matchNeed"], r["matchResource"]
        cells = [
            f"{p['median_s']} s ({p['needs']} needs)"
            for p in (r["plan_street"], r["plan_city"], r["plan_largest_city"])
        ]
        lines.append(f"| {r['scale']} | {mn['p50_ms']} / {mn['p95_ms']} / {mn['p99_ms']} ms | {mr['p50_ms']} / "
                     f"{mr['p95_ms']} / {mr['p99_ms']} ms | " + " | ".join(cells)
                     + f" | {r['peak_mb_after_matching']} / {r['peak_mb_after_plans']} MB |")  # fmt: skip
    planned = [r for r in rounds if "province_plan" in r]
    if planned:
        lines += ["", "| scale | province plan: wall-clock | cities | needs (assigned) | a city: p50 / slowest | "
                  "reconcile |", "|---|---|---|---|---|---|"]  # fmt: skip
        for r in planned:
            p = r["province_plan"]
            rc = p["reconcile"]
            lines.append(f"| {r['scale']} | {p['wall_s']} s | {p['cities']} | {p['needs']:,} ({p['assigned_after_reconcile']:,}) "
                         f"| {p['city_s_p50']} / {p['city_s_max']} s ({p['slowest_city']['name']}, "
                         f"{p['slowest_city']['needs']} needs) | {rc['needsMoved']} moved, {rc['needsDropped']} dropped |")  # fmt: skip
    lines += ["", "| target (#17) | measured | |", "|---|---|---|"]
    lines += [f"| {t} | {m} | {v} |" for t, m, v in verdicts(rounds)]
    lines += ["", END]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="1x,100x,1000x")
    parser.add_argument("--samples", type=int, default=100, help="needs and resources asked about (at most)")
    parser.add_argument("--passes", type=int, default=3, help="timed passes over them, after one to warm up")
    parser.add_argument("--no-province-plan", action="store_true", help="not `orggraph plan province`")
    args = parser.parse_args()
    s = settings()
    st = local.start(s, say=print)
    results: dict[str, Any] = {"when": datetime.now().isoformat(timespec="seconds"), "neo4j": st.version,
                               "machine": f"{subprocess.getoutput('nproc')} cores", "rounds": []}  # fmt: skip
    for name in args.scales.split(","):
        print(f"--- {name}: {SCALES[name]} communities", flush=True)
        try:
            results["rounds"].append(round_of(s, name, args.samples, args.passes, not args.no_province_plan))
        except Exception as exc:  # one scale's failure is reported; the others' results are kept
            print(f"{name} failed: {exc!r}", flush=True)
            results["failed"] = [*results.get("failed", []), f"{name}: {type(exc).__name__}: {exc}"]
    save_results(results, "places-")
    table = render(results)
    write_section(BEGIN, END, table, "Bounded by place (issue #17)")
    print(table)
    local.stop(s, say=print)
    return 1 if results.get("failed") else 0


if __name__ == "__main__":
    raise SystemExit(main())
