"""Operations: /metrics in the Prometheus format, one JSON log line per request with its id, and the
same id on the audit record of the change the request made (docs/operations.md)."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr

from orggraph.settings import Settings
from orggraph.telemetry.logs import REQUEST_LOGGER
from tests.conftest import token
from tests.support.app import served

pytestmark = pytest.mark.usefixtures("demo_graph")

ADMIN = {"authorization": f"Bearer {token('ORG_ADMIN', subject='ops-admin')}"}
CREATE_NEED = "mutation OpsCreate($i: CreateNeedInput!) { createNeed(input: $i) { id } }"
NEED = {
    "communityId": "comm-shuguang", "title": "运维测试需求", "description": "日志与指标",
    "supportTypes": ["GOODS"], "domain": "SAFETY", "populations": ["ALL"], "quantity": 2,
    "quantityUnit": "具", "neededBy": "2027-03-31",
}  # fmt: skip


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[dict[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        # through the formatter orggraph installs: what an operator's log shipper reads
        formatter = next(h.formatter for h in logging.getLogger(REQUEST_LOGGER).handlers if h is not self)
        assert formatter is not None
        self.lines.append(json.loads(formatter.format(record)))


@pytest.fixture
def log_lines() -> Iterator[list[dict[str, Any]]]:
    handler = Lines()
    logger = logging.getLogger(REQUEST_LOGGER)
    logger.addHandler(handler)
    yield handler.lines
    logger.removeHandler(handler)


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, frozenset(s.labels.items()))] = s.value
    return out


def value(text: str, name: str, **labels: str) -> float:
    return samples(text).get((name, frozenset(labels.items())), 0.0)


async def test_metrics_count_operations_by_name_and_outcome_transactions_and_audit_records(
    neo4j_server: Settings,
) -> None:
    async with served(neo4j_server) as c:
        before = (await c.get("/metrics")).text
        ok = await c.post("/graphql", json={"query": "query OpsCity { cityStats { communities } }"})
        assert ok.json()["data"]["cityStats"]["communities"] == 23
        bad = await c.post(
            "/graphql",
            json={"query": CREATE_NEED, "variables": {"i": {**NEED, "quantity": -1}}},
            headers=ADMIN,
        )
        assert bad.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        made = await c.post("/graphql", json={"query": CREATE_NEED, "variables": {"i": NEED}}, headers=ADMIN)
        assert "errors" not in made.json()
        page = await c.get("/metrics")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/plain")
    after = page.text

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    ops = "orggraph_graphql_operations_total"
    assert grew(ops, operation="OpsCity", kind="query", outcome="ok") == 1
    assert grew(ops, operation="OpsCreate", kind="mutation", outcome="BAD_USER_INPUT") == 1
    assert grew(ops, operation="OpsCreate", kind="mutation", outcome="ok") == 1
    assert grew("orggraph_graphql_operation_duration_seconds_count", operation="OpsCity", kind="query") == 1
    assert grew("orggraph_http_requests_total", method="POST", route="/graphql", status="200") == 3
    assert grew("orggraph_neo4j_transactions_total", mode="read", outcome="ok") >= 1
    assert grew("orggraph_neo4j_transactions_total", mode="write", outcome="ok") == 1
    assert grew("orggraph_audit_records_total", action="createNeed") == 1
    assert value(after, "orggraph_neo4j_pool_max_size") == neo4j_server.neo4j_pool_size
    assert value(after, "orggraph_neo4j_transactions_in_flight", mode="write") == 0
    assert "process_cpu_seconds_total" in after  # the process's own CPU and memory


async def test_each_request_has_an_id_in_its_answer_its_log_line_and_its_audit_record(
    neo4j_server: Settings, log_lines: list[dict[str, Any]]
) -> None:
    async with served(neo4j_server) as c:
        given = await c.post(
            "/graphql", json={"query": CREATE_NEED, "variables": {"i": NEED}},
            headers={**ADMIN, "X-Request-Id": "trace-ops.1"},
        )  # fmt: skip
        made = await c.post("/graphql", json={"query": "{ cityStats { streets } }"})
        odd = await c.get("/healthz", headers={"X-Request-Id": "not an id\n{}"})
        need_id = given.json()["data"]["createNeed"]["id"]
        audit = await c.post(
            "/graphql", json={"query": "{ auditLog(first: 20, action: \"createNeed\") { target detail requestId } }"},
            headers=ADMIN,
        )  # fmt: skip
    assert given.headers["x-request-id"] == "trace-ops.1"
    assert re.fullmatch(r"[0-9a-f]{32}", made.headers["x-request-id"])
    assert re.fullmatch(r"[0-9a-f]{32}", odd.headers["x-request-id"])  # free text is not taken

    by_id = {line["requestId"]: line for line in log_lines}
    line = by_id["trace-ops.1"]
    assert line["level"] == "info" and line["ts"]
    assert (line["method"], line["route"], line["status"]) == ("POST", "/graphql", 200)
    assert (line["operation"], line["kind"], line["outcome"], line["role"]) == (
        "OpsCreate", "mutation", "ok", "ORG_ADMIN",
    )  # fmt: skip
    assert line["durationMs"] > 0
    anonymous = by_id[made.headers["x-request-id"]]
    assert (anonymous["operation"], anonymous["kind"], anonymous["role"]) == (None, "query", "ANONYMOUS")
    assert by_id[odd.headers["x-request-id"]]["route"] == "/healthz"
    # never the token, the variables or anyone's name
    text = "\n".join(json.dumps(x, ensure_ascii=False) for x in log_lines)
    assert "Bearer" not in text and ADMIN["authorization"].split()[1] not in text
    assert "运维测试需求" not in text and "ops-admin" not in text

    records = audit.json()["data"]["auditLog"]
    mine = [r for r in records if need_id in r["detail"] or r["requestId"] == "trace-ops.1"]
    assert mine and all(r["requestId"] == "trace-ops.1" for r in mine)


async def test_metrics_in_production_need_the_scraper_token(neo4j_server: Settings) -> None:
    production = neo4j_server.model_copy(
        update={"env": "production", "jwt_secret": SecretStr("p" * 40), "rate_limit_enabled": False}
    )
    async with served(production) as c:
        assert (await c.get("/metrics")).status_code == 404
    scraped = production.model_copy(update={"metrics_token": SecretStr("scrape-" + "s" * 30)})
    async with served(scraped) as c:
        assert (await c.get("/metrics")).status_code == 401
        wrong = await c.get("/metrics", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and "ORGGRAPH_METRICS_TOKEN" in wrong.json()["errors"][0]["message"]
        right = await c.get("/metrics", headers={"Authorization": "Bearer scrape-" + "s" * 30})
    assert right.status_code == 200 and "orggraph_http_requests_total" in right.text
