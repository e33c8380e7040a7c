"""Schema fuzzing: hypothesis-graphql generates queries and mutations from the committed SDL and sends
them to the served API as the city organization department. None may end in an internal error: every
answer is data or a clear error code. `make fuzz` runs many more examples (ORGGRAPH_FUZZ_EXAMPLES)."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import from_schema, nodes

from tests.conftest import Api

SDL = (Path(__file__).resolve().parents[2] / "schema" / "orggraph.graphql").read_text(encoding="utf-8")
EXAMPLES = int(os.environ.get("ORGGRAPH_FUZZ_EXAMPLES", "40"))
CLEAR = {"BAD_USER_INPUT", "NOT_FOUND", "CONFLICT", "GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED",
         "QUERY_TOO_COMPLEX", "FORBIDDEN", "UNAUTHENTICATED"}  # fmt: skip
SCALARS = {
    "Date": st.dates().map(lambda d: nodes.String(d.isoformat())),
    "DateTime": st.datetimes().map(lambda d: nodes.String(d.isoformat())),
}


def check(api: Api, query: str) -> None:
    r = httpx.post(f"{api.url}/graphql", json={"query": query}, headers=api.admin, timeout=60)
    assert r.status_code < 500, (query, r.status_code, r.text[:500])
    body = r.json()
    codes = {e.get("extensions", {}).get("code") for e in body.get("errors") or []}
    assert codes <= CLEAR, (query, body["errors"])


FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)  # fmt: skip


@pytest.mark.usefixtures("demo")
@FUZZ
@given(
    query=from_schema(SDL, custom_scalars=SCALARS, allow_x00=False, fields=None).filter(
        lambda q: "mutation" not in str(q)[:10]
    )
)
def test_generated_queries_never_fail_internally(api: Api, query: str) -> None:
    check(api, query)


@pytest.mark.usefixtures("demo_graph")
@FUZZ
@given(operation=from_schema(SDL, custom_scalars=SCALARS, allow_x00=True))
def test_generated_mutations_and_queries_never_fail_internally(api: Api, operation: str) -> None:
    check(api, operation)
