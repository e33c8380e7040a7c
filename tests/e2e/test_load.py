"""A short load test over HTTP: concurrent mixed traffic ends with no 5xx and no unexpected error.
`make load` runs the full one (50 clients, 60 s, its own server process) and records p50/p99."""

from __future__ import annotations

import os

import pytest
from benchmarks.load import run_load

from tests.conftest import Api, token

pytestmark = pytest.mark.usefixtures("demo_graph")


async def test_mixed_concurrent_traffic_has_no_server_errors(api: Api) -> None:
    communities = ["comm-shuguang", "comm-changtai", "comm-xunhe", "comm-tongxin"]
    result = await run_load(
        f"{api.url}/graphql", token("ORG_ADMIN", subject="load"), clients=int(os.environ.get("ORGGRAPH_LOAD_CLIENTS", "10")),
        seconds=float(os.environ.get("ORGGRAPH_LOAD_SECONDS", "5")), communities=communities,
        streets=["street-guangling", "street-qianqiu"], needs=["need-000050", "need-000051", "need-000053"],
    )  # fmt: skip
    print(f"\nload: {result}")
    assert result["requests"] > 50
    assert result["status_5xx"] == 0
    assert result["error_codes"] == {}
    assert all(result["by_kind"][k]["n"] > 0 for k in ("read", "match", "write"))
