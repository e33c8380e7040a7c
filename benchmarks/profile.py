"""Where the time of one orggraph request goes: the query runs in process (production settings, an
ORG_ADMIN token) against the graph in the benchmark's Neo4j, and pyinstrument prints its call tree.

    python -m benchmarks.profile community      # any query of benchmarks/compare/queries.py
    python -m benchmarks.profile unit --runs 50

Load a scale first (make bench-quick leaves the 1x graph; `python -m benchmarks.run --scales 100x`
the 100x one). This is how the changes recorded in docs/benchmarks.md were found.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from datetime import timedelta

import httpx
from pyinstrument import Profiler

from benchmarks.compare.harness import pick_args
from benchmarks.compare.queries import ORGGRAPH, ORGGRAPH_ONLY, orggraph_vars
from benchmarks.run import settings
from orggraph.api.tokens import mint
from orggraph.app import create_app
from orggraph.domain.auth import Role
from orggraph.graph.driver import open_driver


async def main(name: str, runs: int) -> None:
    s = settings()
    token = mint(s, role=Role.ORG_ADMIN, subject="profile", scope_id=None, ttl=timedelta(hours=1))
    async with open_driver(s) as driver:
        args = await pick_args(driver)
    app = create_app(s)
    query = {**ORGGRAPH, **ORGGRAPH_ONLY}[name]
    body = {"query": query, "variables": orggraph_vars(name, args)}
    headers = {"authorization": f"Bearer {token}"}
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://orggraph") as client:
            for _ in range(5):
                (await client.post("/graphql", json=body, headers=headers)).raise_for_status()
            profiler = Profiler(interval=0.0005, async_mode="enabled")
            profiler.start()
            t = time.perf_counter()
            for _ in range(runs):
                await client.post("/graphql", json=body, headers=headers)
            elapsed = time.perf_counter() - t
            profiler.stop()
    print(f"{name}: {1000 * elapsed / runs:.1f} ms a request (profiled, so slower than unprofiled)")
    print(profiler.output_text(unicode=True, color=False))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("query", choices=[*ORGGRAPH, *ORGGRAPH_ONLY])
    parser.add_argument("--runs", type=int, default=20)
    a = parser.parse_args()
    if a.query == "create":
        raise SystemExit("profile the reads; a profiled write would leave its needs behind")
    asyncio.run(main(a.query, a.runs))
