"""Scoring in a worker process gives exactly what scoring on the event loop gives (matchNeed,
matchResource, the plan): the pool changes where the work runs, never its answer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from neo4j import AsyncDriver

from orggraph.graph.runner import Graph
from orggraph.matching.rank import Weights
from orggraph.services import matching
from orggraph.services.heavy import HeavyWork
from orggraph.settings import Settings

TODAY = date(2026, 11, 27)


@pytest.fixture
def graph(demo: AsyncDriver, settings: Settings) -> Graph:
    return Graph(demo, settings.neo4j_database)


@pytest.fixture
def pool() -> Iterator[HeavyWork]:
    heavy = HeavyWork(workers=1, queue=4, timeout_s=120)
    yield heavy
    heavy.close()


async def test_matching_in_a_worker_equals_matching_inline(
    graph: Graph, pool: HeavyWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(matching, "LARGE_MATCH", 0)  # the demo is small: send every scoring to the worker
    w = Weights()
    for need_id in ("need-000003", "need-000050"):
        inline = await matching.match_need(graph, need_id, 10, weights=w, today=TODAY)
        pooled = await matching.match_need(graph, need_id, 10, weights=w, today=TODAY, run=pool.run)
        assert pooled == inline and inline
    resource = inline[0].candidate.resource_id
    inline_needs = await matching.match_resource(graph, resource, 10, weights=w, today=TODAY)
    pooled_needs = await matching.match_resource(graph, resource, 10, weights=w, today=TODAY, run=pool.run)
    assert pooled_needs == inline_needs
    plan = await matching.plan_matches(graph, street_id=None, community_id=None, weights=w, today=TODAY)
    pooled_plan = await matching.plan_matches(
        graph, street_id=None, community_id=None, weights=w, today=TODAY, run=pool.run
    )
    assert pooled_plan.matches == plan.matches and pooled_plan.total_score == plan.total_score
    # two needs, one resource, one plan; nothing left running
    assert pool.admitted_total == 4 and pool.busy == 0 and pool.admitted == 0
