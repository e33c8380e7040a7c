"""The province plan (`orggraph plan province`), run as the command a user runs, on the demo with two more
cities of 安徽省 (来安县, 明光市) whose needs copy a demo need and can be served only by PROVINCE-wide resources
of a provincial unit (省直单位), the best of which has room for one of them. Each city planned alone takes
it; the reconcile leaves it to one and overdraws nothing. Every city's plan is planMatches of that city."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from neo4j import AsyncDriver, AsyncManagedTransaction

from orggraph.graph.audit import Audit
from orggraph.graph.runner import Graph
from orggraph.matching.rank import Weights
from orggraph.services import matching
from orggraph.services.province_plan import RunDir, final_matches
from orggraph.settings import Settings
from tests.support.processes import ROOT

TODAY = date(2026, 11, 27)
NEED = "need-000003"

# Two cities with a street, a community and a need each (copies of the demo need); a provincial unit offering
# two PROVINCE-wide copies of a resource that serves the need: the first with room for one need only, the
# second (its words and concepts taken away) a weaker fallback with room for both.
TWO_CITIES = """
MATCH (template:Need {id: $needId}), (r0:Resource {id: $resourceId})
CREATE (pu:Unit {id: 'unit-province-1', name: '省民政厅', kind: 'AGENCY', provinceId: 'province-anhui'})
CREATE (pu)-[:OFFERS]->(best:Resource)
SET best = r0 {.*, id: 'res-province-1', serviceArea: 'PROVINCE', clientId: null, cityId: null,
               provinceId: 'province-anhui', allocated: 0.0, capacity: template.quantity}
CREATE (pu)-[:OFFERS]->(fallback:Resource)
SET fallback = r0 {.*, id: 'res-province-2', serviceArea: 'PROVINCE', clientId: null, cityId: null,
                   provinceId: 'province-anhui', allocated: 0.0, capacity: template.quantity * 10,
                   domains: [], concepts: [], terms: [], title: '综合服务'}
WITH template
MATCH (p:Province {id: 'province-anhui'})
UNWIND [['city-laian', '来安县'], ['city-mingguang', '明光市']] AS place
CREATE (city:City {id: place[0], name: place[1], provinceId: 'province-anhui', kind: 'COUNTY'})-[:PART_OF]->(p)
CREATE (s:Street {id: place[0] + '-street', name: place[1] + '新安街道'})-[:PART_OF]->(city)
CREATE (c:Community {id: place[0] + '-comm', name: place[1] + '第一社区'})-[:PART_OF]->(s)
CREATE (c)-[:HAS_COMMITTEE]->(:CommunityCommittee {id: place[0] + '-committee', name: place[1] + '第一社区大党委'})
CREATE (c)-[:RAISED]->(n:Need)
SET n = template {.*, id: place[0] + '-need', clientId: null, cityId: place[0], provinceId: 'province-anhui'}
"""


@pytest.fixture
async def province(demo_graph: AsyncDriver, settings: Settings) -> Graph:
    graph = Graph(demo_graph, settings.neo4j_database)
    rows = await graph.read(
        "MATCH (n:Need {id: $id}) MATCH (r:Resource {status: 'ACTIVE', serviceArea: 'CITY'}) "
        "WHERE r.supportType IN n.supportTypes AND r.availableFrom <= n.neededBy AND r.availableUntil >= $today "
        "RETURN r.id AS id ORDER BY id LIMIT 1",
        id=NEED, today=TODAY,
    )  # fmt: skip
    await demo_graph.execute_query(TWO_CITIES, needId=NEED, resourceId=rows[0]["id"])
    return graph


def plan_province(settings: Settings, run_dir: Path, *args: str) -> str:
    """`orggraph plan province --run-dir RUN_DIR ARGS` on the suite's Neo4j; its output."""
    env = {
        "ORGGRAPH_HOME": str(settings.home), "ORGGRAPH_NEO4J_BOLT_PORT": str(settings.neo4j_bolt_port),
        "ORGGRAPH_NEO4J_HTTP_PORT": str(settings.neo4j_http_port), "ORGGRAPH_ENV": "test",
        "ORGGRAPH_TODAY": TODAY.isoformat(), "COLUMNS": "200",
    }  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "orggraph.cli", "plan", "province", "--run-dir", str(run_dir), *args],
        env={**os.environ, **env}, cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def matches_of(result: list[dict[str, Any]]) -> list[tuple[str, str, float, float, str]]:
    return [(m["need"], m["resource"], m["score"], m["quantity"], m["reason"]) for m in result]


async def plan_of_city(graph: Graph, city_id: str) -> list[tuple[str, str, float, float, str]]:
    plan = await matching.plan_matches(
        graph, street_id=None, community_id=None, weights=Weights(), today=TODAY, city_id=city_id
    )
    return [(m.need_id, m.resource_id, m.score, m.quantity, m.reason) for m in plan.matches]


@pytest.fixture
def run_dir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "run"


CITIES = ["city-laian", "city-mingguang", "city-tianchang"]


async def test_two_workers_plan_three_cities_and_overdraw_no_province_resource(
    province: Graph, settings: Settings, run_dir: Path
) -> None:
    out = plan_province(settings, run_dir, "--workers", "2")
    run = RunDir(run_dir)
    assert sorted(run.done()) == CITIES
    assert "Province plan province-anhui" in out
    meta = run.load("run.json")
    assert meta["provinceId"] == "province-anhui" and meta["today"] == TODAY.isoformat()
    assert [c["id"] for c in meta["cities"]] == CITIES
    summary = run.load("summary.json")
    assert summary["complete"] and summary["totals"]["citiesPlanned"] == 3
    assert [c["id"] for c in summary["cities"]] == CITIES
    # planned alone, both new cities' needs took the provincial resource with room for one
    for city in ("city-laian", "city-mingguang"):
        assert [m["resource"] for m in run.city(city)["matches"]] == ["res-province-1"]
    reconciled = run.load("reconcile.json")
    assert [o["resource"] for o in reconciled["overdrawn"]] == ["res-province-1"]
    assert summary["reconcile"]["happened"] and not summary["optimal"]
    [change] = reconciled["changes"]
    assert change["before"]["resource"] == "res-province-1"
    assert change["after"]["resource"] == "res-province-2" and change["after"]["reason"]
    # the province's plan overdraws nothing: what it takes from each resource is within what it has left
    plan = final_matches(run)
    taken: dict[str, float] = {}
    for matches in plan.values():
        for m in matches:
            taken[m["resource"]] = taken.get(m["resource"], 0.0) + m["quantity"]
    left = {r["id"]: r["left"] for r in await province.read(
        "MATCH (r:Resource) WHERE r.id IN $ids RETURN r.id AS id, r.capacity - coalesce(r.allocated, 0) AS left",
        ids=sorted(taken))}  # fmt: skip
    assert all(taken[r] <= left[r] + 1e-9 for r in taken), taken
    assert summary["totals"]["needsAssignedAfterReconcile"] == sum(len(m) for m in plan.values())
    # each city's own plan is planMatches of that city; a city the reconcile did not touch keeps it
    for city in CITIES:
        expected = await plan_of_city(province, city)
        assert matches_of(run.city(city)["matches"]) == expected, city
        if city != change["cityId"]:
            assert matches_of(plan[city]) == expected, city


async def test_a_resumed_run_plans_only_the_rest_and_equals_a_fresh_run(
    province: Graph, settings: Settings, tmp_path: Path
) -> None:
    first = tmp_path / "resumed"
    plan_province(settings, first, "--max-cities", "1", "--workers", "2")
    assert RunDir(first).done() == {"city-laian"}
    assert not RunDir(first).load("summary.json")["complete"]
    planned_first = (first / "cities" / "city-laian.json").stat().st_mtime_ns

    async def touch(tx: AsyncManagedTransaction) -> None:
        await (await tx.run("MATCH (n:Need {id: 'city-laian-need'}) RETURN n.id")).consume()

    # an audited change between the two: the resumed run says the finished city may be stale
    await province.write(touch, Audit("test", "ORG_ADMIN", "TEST_TOUCH", "city-laian-need"))
    out = plan_province(settings, first, "--resume", "--workers", "2")
    assert "1 change(s) since this run started" in out
    assert "2 to plan now" in out
    assert (first / "cities" / "city-laian.json").stat().st_mtime_ns == planned_first
    fresh = tmp_path / "fresh"
    plan_province(settings, fresh, "--workers", "1")
    resumed, again = RunDir(first), RunDir(fresh)
    assert resumed.done() == again.done() == set(CITIES)
    for city in CITIES:
        a, b = resumed.city(city), again.city(city)
        assert (a["matches"], a["shortlists"], a["resources"]) == (
            b["matches"],
            b["shortlists"],
            b["resources"],
        )
    assert resumed.load("reconcile.json") == again.load("reconcile.json")
    assert final_matches(resumed) == final_matches(again)


def test_the_run_directory_of_a_started_run_is_not_overwritten(
    neo4j_server: Settings, tmp_path: Path
) -> None:
    settings = neo4j_server
    (tmp_path / "run.json").write_text(json.dumps({}), encoding="utf-8")
    env = {"ORGGRAPH_HOME": str(settings.home), "ORGGRAPH_NEO4J_BOLT_PORT": str(settings.neo4j_bolt_port),
           "ORGGRAPH_NEO4J_HTTP_PORT": str(settings.neo4j_http_port), "ORGGRAPH_ENV": "test"}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "orggraph.cli", "plan", "province", "--run-dir", str(tmp_path)],
        env={**os.environ, **env}, cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 2 and "--resume" in done.stderr
