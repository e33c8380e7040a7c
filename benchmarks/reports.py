"""The smart steward's write path (智慧管家, issue #14): submitReport and dispatchReport in process (the use
cases, as the API calls them), sequentially after a warm-up, on the Tianchang demo with its 4331 reports.
Target: report creation p95 under 50 ms.

    python -m benchmarks.reports [--samples 500]       # part of `make bench`

It uses the bench's Neo4j (benchmarks/run.py settings(): its own home and ports), loads the demo, times
the calls, prints p50/p95/p99 in ms, removes the reports it made, and exits 1 when the p95 misses the target.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from typing import Any

from benchmarks.run import settings, summary
from orggraph.domain.auth import Principal, Role
from orggraph.domain.reports import DispatchReport, NewReport
from orggraph.graph.driver import open_driver
from orggraph.graph.migrations import migrate
from orggraph.graph.runner import Graph
from orggraph.neo4j_local import server as local
from orggraph.seeding.files import read_folder
from orggraph.seeding.load import load, wipe
from orggraph.services import reports
from orggraph.services.caller import Caller
from orggraph.settings import Settings, project_root

TARGET_P95_MS = 50.0
CLEAN = "MATCH (r:Report) WHERE r.id STARTS WITH 'bench-report-' OPTIONAL MATCH (r)-[:HAS_EVENT]->(e) DETACH DELETE r, e"


async def report_scale(s: Settings, samples: int, *, load_demo: bool = True) -> dict[str, Any]:
    async with open_driver(s) as driver:
        if load_demo:
            await migrate(driver, s.neo4j_database, s.schema_dir)
            await wipe(driver, s.neo4j_database)
            await load(driver, s.neo4j_database, read_folder(project_root() / "seeds" / "tianchang"))
        g = Graph(driver, s.neo4j_database)
        grid_worker = Caller(
            Principal("bench-grid-worker", Role.GRID_WORKER, community_id="comm-shuguang"), s.current_date()
        )
        centre = Caller(
            Principal("bench-centre", Role.STREET_ADMIN, street_id="street-guangling"), s.current_date()
        )
        submit, dispatch = [], []
        for i in range(samples + 20):
            cmd = NewReport("compound-hepan-jiayuan", "FIRE_ACCESS", "楼道堆放杂物", id=f"bench-report-{i}",
                            client_id=f"bench-report-{i}", reporter_name="测试")  # fmt: skip
            t = time.perf_counter()
            await reports.submit_report(g, grid_worker, cmd)
            t1 = time.perf_counter()
            await reports.dispatch_report(g, centre, DispatchReport(f"bench-report-{i}"))
            t2 = time.perf_counter()
            if i >= 20:  # the first 20 warm up
                submit.append(t1 - t)
                dispatch.append(t2 - t1)
        await driver.execute_query(CLEAN, database_=s.neo4j_database)
    return {"samples": samples, "submitReport": summary(submit), "dispatchReport": summary(dispatch)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=500)
    args = parser.parse_args()
    s = settings()
    local.start(s, say=print)
    try:
        result = asyncio.run(report_scale(s, args.samples))
    finally:
        local.stop(s, say=print)
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["submitReport"]["p95_ms"] < TARGET_P95_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
