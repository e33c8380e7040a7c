"""Spreadsheet import at scale (issue #15): 10,000 needs in one .xlsx, spread over the demo's communities,
imported through the use cases in one transaction (as `orggraph import` and POST /transfer/import do), then the
same file again (every row unchanged). Target: the 10,000-row import under 20 s on this machine.

    python -m benchmarks.imports [--rows 10000]       # part of `make bench`

It uses the bench's Neo4j (benchmarks/run.py settings(): its own home and ports), loads the demo, times the
import's parts (reading and checking the file; the transaction) and prints them as JSON; exits 1 past the target.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import time
from datetime import date, timedelta
from typing import Any

from openpyxl import Workbook

from benchmarks.run import settings
from orggraph.domain.auth import Principal, Role
from orggraph.graph.driver import open_driver
from orggraph.graph.migrations import migrate
from orggraph.graph.runner import Graph
from orggraph.neo4j_local import server as local
from orggraph.seeding.files import read_folder
from orggraph.seeding.load import load, wipe
from orggraph.services.caller import Caller
from orggraph.settings import Settings, project_root
from orggraph.transfer import importing, reading

TARGET_S = 20.0
DOMAINS = ["养老助老", "儿童青少年", "医疗健康", "法律调解", "环境卫生", "文体"]


def needs_file(communities: list[str], rows: int) -> bytes:
    book = Workbook(write_only=True)
    ws = book.create_sheet("社区需求")
    ws.append([s.title for s in importing.Needs.specs])
    later = date.today() + timedelta(days=90)
    for i in range(rows):
        ws.append([f"bench-{i:05d}", communities[i % len(communities)], f"批量导入需求 {i}", "基准测试",
                   "志愿人力、物资设备", DOMAINS[i % len(DOMAINS)], "老年人", 10 + i % 7, "人次", later, "一般",
                   "居民反映"])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def import_scale(s: Settings, rows: int) -> dict[str, Any]:
    async with open_driver(s) as driver:
        await migrate(driver, s.neo4j_database, s.schema_dir)
        await wipe(driver, s.neo4j_database)
        await load(driver, s.neo4j_database, read_folder(project_root() / "seeds" / "tianchang"))
        records, _, _ = await driver.execute_query("MATCH (c:Community) RETURN c.name AS name ORDER BY name")
        data = needs_file([r["name"] for r in records], rows)
        graph = Graph(driver, s.neo4j_database, timeout_s=importing.IMPORT_TIMEOUT_S)
        caller = Caller(Principal("bench-import", Role.ORG_ADMIN), s.current_date())
        t = time.perf_counter()
        reading.read_sheet("bench.xlsx", data, required=["编号"])
        read_s = time.perf_counter() - t
        t = time.perf_counter()
        first = await importing.run_import(graph, caller, importing.KINDS["needs"], "bench.xlsx", data)
        first_s = time.perf_counter() - t
        t = time.perf_counter()
        again = await importing.run_import(graph, caller, importing.KINDS["needs"], "bench.xlsx", data)
        again_s = time.perf_counter() - t
        assert first.written and first.count("create") == rows, first.summary
        assert again.count("unchanged") == rows, again.summary
    return {
        "rows": rows,
        "file_kb": len(data) // 1024,
        "read_and_parse_s": round(read_s, 2),
        "import_s": round(first_s, 2),
        "rows_per_s": round(rows / first_s),
        "reimport_unchanged_s": round(again_s, 2),
        "target_s": TARGET_S,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    s = settings()
    local.start(s, say=print)
    try:
        result = asyncio.run(import_scale(s, args.rows))
    finally:
        local.stop(s, say=print)
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["import_s"] < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
