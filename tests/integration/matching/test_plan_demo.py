"""The city-wide plan on the demo graph: capacities respected, one resource per need, nothing written."""

from __future__ import annotations

from datetime import date

from neo4j import AsyncDriver

from orggraph.domain import lifecycle
from orggraph.graph.runner import Graph
from orggraph.matching.rank import Weights
from orggraph.services import matching
from orggraph.settings import Settings
from tests.conftest import graph_fingerprint

TODAY = date(2026, 11, 27)


async def test_the_city_plan_respects_capacities_and_writes_nothing(
    demo: AsyncDriver, settings: Settings
) -> None:
    graph = Graph(demo, settings.neo4j_database)
    before = await graph_fingerprint(demo, settings.neo4j_database)
    plan = await matching.plan_matches(
        graph, street_id=None, community_id=None, weights=Weights(), today=TODAY
    )
    assert await graph_fingerprint(demo, settings.neo4j_database) == before
    open_needs = (await graph.read(
        "MATCH (n:Need) WHERE n.status IN $open RETURN count(n) AS n", open=lifecycle.values(lifecycle.OPEN)
    ))[0]["n"]  # fmt: skip
    assert plan.needs_considered == open_needs > 0
    assert plan.optimal and len(plan.matches) > 0.8 * open_needs
    assert len({m.need_id for m in plan.matches}) == len(plan.matches)
    drawn: dict[str, float] = {}
    for m in plan.matches:
        drawn[m.resource_id] = drawn.get(m.resource_id, 0) + m.quantity
    left = {r["id"]: r["left"] for r in await graph.read(
        "MATCH (r:Resource) WHERE r.id IN $ids RETURN r.id AS id, r.capacity - coalesce(r.allocated, 0) AS left",
        ids=list(drawn),
    )}  # fmt: skip
    assert all(drawn[r] <= left[r] + 1e-9 for r in drawn)
    assert plan.total_score == round(sum(m.score for m in plan.matches), 6)


async def test_a_street_plan_covers_only_that_street(demo: AsyncDriver, settings: Settings) -> None:
    graph = Graph(demo, settings.neo4j_database)
    plan = await matching.plan_matches(
        graph, street_id="street-qianqiu", community_id=None, weights=Weights(), today=TODAY
    )
    streets = {r["s"] for r in await graph.read(
        "MATCH (n:Need)<-[:RAISED]-(:Community)-[:PART_OF]->(s:Street) WHERE n.id IN $ids RETURN DISTINCT s.id AS s",
        ids=[m.need_id for m in plan.matches],
    )}  # fmt: skip
    assert streets == {"street-qianqiu"}
    one = await matching.plan_matches(
        graph, street_id=None, community_id="comm-shuguang", weights=Weights(), today=TODAY
    )
    assert 0 < one.needs_considered < plan.needs_considered


async def test_the_plan_shortlists_are_exactly_what_match_need_recommends(
    demo: AsyncDriver, settings: Settings
) -> None:
    """The plan finds candidates in bulk with numpy; its shortlist of every open need must be matchNeed's
    top five, with the same scores and reasons."""
    graph = Graph(demo, settings.neo4j_database)
    shortlisting, shortlists = await matching.plan_shortlists(
        graph, street_id=None, community_id=None, weights=Weights(), today=TODAY
    )
    assert len(shortlists) > 100
    for need_id, best in shortlists.items():
        expected = await matching.match_need(
            graph, need_id, matching.OPTIONS_PER_NEED, weights=Weights(), today=TODAY
        )
        explained = [shortlisting.explain(best, c) for _, c in best.options]
        assert [sc for sc, _ in best.options] == [s.score for s in explained]
        assert [(s.candidate.resource_id, s.score, s.reason) for s in explained] == [
            (s.candidate.resource_id, s.score, s.reason) for s in expected
        ], need_id
