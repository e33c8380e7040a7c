"""The demo's ratings read back from Neo4j (seeding/ratings.py): the article's 「有2个物业公司因考评末位退出」,
the yearly lists published into credit records, monthly inspections and quarterly surveys, every grid led."""

from __future__ import annotations

from neo4j import AsyncDriver

from orggraph.settings import Settings
from tests.conftest import scalar


async def test_the_demo_ratings_come_out_of_the_graph(demo: AsyncDriver, settings: Settings) -> None:
    db = settings.neo4j_database

    async def q(cypher: str) -> object:
        return await scalar(demo, db, cypher)

    # two published years, one credit record per ranked company: 8 in 2020, 7 in 2021
    assert await q("MATCH (l:RatingList) WITH l ORDER BY l.year RETURN collect(l.year)") == [2020, 2021]
    assert await q("MATCH (:Unit)-[:HAS_CREDIT_RECORD]->(c:CreditRecord {year: 2020}) RETURN count(c)") == 8
    assert await q("MATCH (:Unit)-[:HAS_CREDIT_RECORD]->(c:CreditRecord {year: 2021}) RETURN count(c)") == 7
    # 2 companies came last and exited: they manage no compound now, and only property companies are rated
    assert await q("MATCH (u:Unit)-[:HAS_CREDIT_RECORD]->(:CreditRecord {last: true}) "
                   "WHERE NOT (:Compound)-[:MANAGED_BY]->(u) RETURN count(DISTINCT u)") == 2  # fmt: skip
    assert (
        await q("MATCH (u:Unit)-[:HAS_CREDIT_RECORD]->(:CreditRecord {last: true}) RETURN count(DISTINCT u)")
        == 2
    )
    assert (
        await q(
            "MATCH (:PropertyRating)-[:RATES]->(u:Unit) WHERE u.kind <> 'PROPERTY_COMPANY' RETURN count(u)"
        )
        == 0
    )
    # each rating has its three groups within their maxima and is rated by the authority, a community or owners
    assert await q("MATCH (r:PropertyRating) WHERE NOT (r.partyBuilding <= 30 AND r.environment <= 35 AND "
                   "r.management <= 35) RETURN count(r)") == 0  # fmt: skip
    places = await q("MATCH (r:PropertyRating)-[:RATED_BY]->(p) WITH r.rater + ':' + labels(p)[0] AS pair "
                     "ORDER BY pair RETURN collect(DISTINCT pair)")  # fmt: skip
    assert places == ["AUTHORITY:Unit", "COMMUNITY:Community", "OWNERS:Compound"]
    assert await q("MATCH (r:PropertyRating {rater: 'AUTHORITY'})-[:RATED_BY]->(u:Unit {kind: 'AGENCY'}) "
                   "RETURN count(DISTINCT u)") == 1  # fmt: skip
    # monthly inspections in 2021 for every company managing compounds, quarterly surveys at each compound
    assert await q("MATCH (u:Unit) WHERE (:Compound)-[:MANAGED_BY]->(u) OPTIONAL MATCH (i:PropertyInspection)-[:INSPECTED]->(u) "
                   "WHERE i.date.year = 2021 WITH u, count(DISTINCT i.date.month) AS months "
                   "RETURN min(months)") == 12  # fmt: skip
    assert await q("MATCH (x:Compound)-[:MANAGED_BY]->(:Unit) OPTIONAL MATCH (s:SatisfactionSurvey)-[:AT]->(x) "
                   "WITH x, count(s) AS n RETURN min(n)") == 6  # fmt: skip
    assert await q("MATCH (g:Grid) WHERE NOT (:Person)-[:GRID_LEADER_OF]->(g) RETURN count(g)") == 0
