"""matchNeed and matchResource on the demo graph, checked against hard filters computed independently
in Cypher."""

from __future__ import annotations

from datetime import date

import pytest
from neo4j import AsyncDriver

from orggraph.domain import lifecycle
from orggraph.domain.errors import BadInput, Conflict, NotFound
from orggraph.graph import matching_reads
from orggraph.graph.runner import Graph
from orggraph.matching.components import rating_prior
from orggraph.matching.rank import Weights
from orggraph.services import matching
from orggraph.settings import Settings
from tests.support.ranking import rank, seen_from

TODAY = date(2026, 11, 27)

# Every resource that passes the hard filters for a need, computed without orggraph's matcher.
PASSING = """
MATCH (n:Need {id: $id})<-[:RAISED]-(c:Community)-[:PART_OF]->(s:Street)
MATCH (c)-[:HAS_COMMITTEE]->(k:CommunityCommittee)
MATCH (u:Unit)-[:OFFERS]->(r:Resource)
WHERE r.status = 'ACTIVE' AND r.supportType IN n.supportTypes
  AND r.capacity - coalesce(r.allocated, 0) > 0
  AND r.availableFrom <= n.neededBy AND r.availableUntil >= $today
  AND (r.serviceArea = 'CITY'
       OR (r.serviceArea = 'COMMUNITY' AND (u)-[:MEMBER_OF]->(k))
       OR (r.serviceArea = 'STREET' AND EXISTS {
             (u)-[:MEMBER_OF]->(:CommunityCommittee)<-[:HAS_COMMITTEE]-(:Community)-[:PART_OF]->(s) }))
RETURN collect(r.id) AS ids
"""


@pytest.fixture
def graph(demo: AsyncDriver, settings: Settings) -> Graph:
    return Graph(demo, settings.neo4j_database)


async def test_every_matchable_need_gets_exactly_the_candidates_that_pass_the_hard_filters(
    graph: Graph, demo: AsyncDriver
) -> None:
    records, _, _ = await demo.execute_query(
        "MATCH (n:Need) WHERE NOT n.status IN $finished RETURN n.id AS id ORDER BY id",
        finished=lifecycle.values(lifecycle.FINISHED),
    )
    assert len(records) > 100
    checked = 0
    for r in records:
        expected = set((await graph.read(PASSING, id=r["id"], today=TODAY))[0]["ids"])
        found = await matching.match_need(graph, r["id"], 50, weights=Weights(), today=TODAY)
        ids = [s.candidate.resource_id for s in found]
        assert len(ids) == len(set(ids))
        if len(expected) <= 50:
            assert set(ids) == expected, r["id"]
        else:
            assert set(ids) <= expected
        scores = [s.score for s in found]
        assert scores == sorted(scores, reverse=True)
        for s in found:
            assert s.score == pytest.approx(sum(c.weight * c.value for c in s.components), abs=1e-5)
            assert all(0 <= c.value <= 1 for c in s.components)
        checked += bool(found)
    assert checked > 100, "most needs get candidates on the demo"


async def published_need(graph: Graph) -> str:
    rows = await graph.read("MATCH (n:Need {status: 'PUBLISHED'}) RETURN n.id AS id ORDER BY id LIMIT 1")
    return str(rows[0]["id"])


async def test_a_member_of_the_community_committee_ranks_above_city_wide_units_when_types_agree(
    graph: Graph,
) -> None:
    found = await matching.match_need(graph, await published_need(graph), 50, weights=Weights(), today=TODAY)
    localities = [next(c.value for c in s.components if c.name == "locality") for s in found]
    assert localities[0] == max(localities)
    assert "大党委成员单位" in found[0].reason


async def test_match_resource_returns_open_needs_it_can_serve_best_first(
    graph: Graph, demo: AsyncDriver
) -> None:
    found = await matching.match_resource(graph, "res-00001", 50, weights=Weights(), today=TODAY)
    assert found
    records, _, _ = await demo.execute_query(
        "MATCH (n:Need) WHERE n.id IN $ids RETURN n.status AS s, n.supportTypes AS t",
        ids=[s.need_id for s in found],
    )
    resource_type = (await graph.read("MATCH (r:Resource {id: 'res-00001'}) RETURN r.supportType AS t"))[0][
        "t"
    ]
    assert all(r["s"] in lifecycle.values(lifecycle.OPEN) for r in records)
    assert all(resource_type in r["t"] for r in records)
    scores = [s.score for s in found]
    assert scores == sorted(scores, reverse=True)
    # the reverse agrees with the forward match: the same pair scores the same both ways
    top = found[0]
    forward = await matching.match_need(graph, top.need_id, 50, weights=Weights(), today=TODAY)
    same = next(s for s in forward if s.candidate.resource_id == "res-00001")
    assert [c.name for c in same.components] == [c.name for c in top.components]
    assert [c.value for c in same.components if c.name != "text"] == pytest.approx(
        [c.value for c in top.components if c.name != "text"], abs=1e-12
    )


async def test_matching_refuses_unknown_finished_and_bad_limits(graph: Graph, demo: AsyncDriver) -> None:
    with pytest.raises(NotFound):
        await matching.match_need(graph, "need-nope", 10, weights=Weights(), today=TODAY)
    done = (await graph.read("MATCH (n:Need {status: 'DONE'}) RETURN n.id AS id LIMIT 1"))[0]["id"]
    with pytest.raises(Conflict, match="已完成"):
        await matching.match_need(graph, done, 10, weights=Weights(), today=TODAY)
    with pytest.raises(BadInput):
        await matching.match_need(graph, await published_need(graph), 0, weights=Weights(), today=TODAY)
    with pytest.raises(NotFound):
        await matching.match_resource(graph, "res-nope", 10, weights=Weights(), today=TODAY)


async def test_resources_that_offer_what_the_need_names_come_first(graph: Graph) -> None:
    """春晖新村想配自动除颤器: the resources that offer AEDs lead; a charging pile that only shares the
    word 物业 with another wording of the need does not come in."""
    found = await matching.match_need(graph, "need-000003", 3, weights=Weights(), today=TODAY)
    assert all("AED" in s.candidate.title for s in found[:2])
    assert not any("充电" in s.candidate.title for s in found)
    parts = {c.name: c for c in found[0].components}
    assert parts["text"].value >= 0.5 and "高度相关" in parts["text"].reason
    assert parts["concept"].value == 1.0 and parts["concept"].reason.startswith("都涉及")


async def test_match_need_recommends_what_ranking_every_candidate_without_numpy_recommends(
    graph: Graph,
) -> None:
    """matchNeed shortlists with numpy; ranking every candidate the graph read, one by one, must give
    the same recommendations, scores and reasons."""
    ids = [r["id"] for r in await graph.read(
        "MATCH (n:Need) WHERE n.status IN $open RETURN n.id AS id ORDER BY id", open=lifecycle.values(lifecycle.OPEN)
    )]  # fmt: skip
    assert len(ids) > 100
    for need_id in ids:
        found = await matching_reads.need_candidates(graph, need_id, TODAY)
        assert found is not None
        candidates = seen_from(found.need, found.close, found.resources, found.stats)
        expected = rank(found.need, candidates, weights=Weights(), today=TODAY, prior=rating_prior(found.mean_rating),
                        limit=10)  # fmt: skip
        shown = await matching.match_need(graph, need_id, 10, weights=Weights(), today=TODAY)
        assert shown == expected, need_id
