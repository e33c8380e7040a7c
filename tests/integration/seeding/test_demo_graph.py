"""The Tianchang demo graph: the article's figures read back from Neo4j, and the invariants hold."""

from __future__ import annotations

from neo4j import AsyncDriver

from orggraph.graph import governance_reads
from orggraph.settings import Settings
from tests.conftest import scalar


async def test_the_article_figures_come_out_of_the_graph(demo: AsyncDriver, settings: Settings) -> None:
    db = settings.neo4j_database

    async def q(cypher: str) -> object:
        return await scalar(demo, db, cypher)

    assert await q("MATCH (:City {name: '天长市'})<-[:PART_OF]-(s:Street) RETURN count(s)") == 2
    assert await q("MATCH (c:Community)-[:PART_OF]->(:Street)-[:PART_OF]->(:City) RETURN count(c)") == 23
    assert await q("MATCH (g:Grid)-[:PART_OF]->(:Community) RETURN count(g)") == 167
    assert await q("MATCH (g:Grid) RETURN sum(g.gridWorkers)") == 4841
    assert await q("MATCH (c:Compound {hasPartyBranch: true})-[:IN_GRID]->(:Grid) RETURN count(c)") == 85
    assert await q("MATCH (m:JointMeeting)-[:HELD_BY]->(:CommunityCommittee) RETURN count(m)") == 98
    # 223 problems solved: counted from what the meetings decided and is done, never typed in
    assert await q(governance_reads.CITY_SOLVED_LITERAL) == 223
    assert await q("MATCH (m:JointMeeting) WHERE m.problemsSolved IS NOT NULL RETURN count(m)") == 0
    city = await q(
        "MATCH (c:City) RETURN c {.areaKm2, .population, .urbanPopulation, .urbanizationRate, "
        ".towns, .villagesAndCommunities, .urbanCommunities}"
    )
    assert city == {"areaKm2": 1770.0, "population": 630000, "urbanPopulation": 200000,
                    "urbanizationRate": 72.75, "towns": 14, "villagesAndCommunities": 174,
                    "urbanCommunities": 23}  # fmt: skip
    # every street working committee: part-time members from 10 city departments
    per_street = await q(
        "MATCH (:Street)-[:HAS_COMMITTEE]->(w:StreetWorkingCommittee) "
        "RETURN collect(COUNT { (w)<-[:PART_TIME_MEMBER_OF]-(:Unit {kind: 'AGENCY'}) })"
    )
    assert per_street == [10, 10]


async def test_shuguang_and_hepan_jiayuan_are_as_the_article_names_them(
    demo: AsyncDriver, settings: Settings
) -> None:
    found = await scalar(
        demo,
        settings.neo4j_database,
        "MATCH (h:Compound {name: '河畔家园'})-[:IN_GRID]->(:Grid)-[:PART_OF]->(c:Community {name: '曙光社区'}) "
        "RETURN [c.source, h.source, h.kind]",
    )
    assert found == ["article", "article", "RESETTLEMENT"]


async def test_every_community_committee_is_1_1_x_n(demo: AsyncDriver, settings: Settings) -> None:
    broken, _, _ = await demo.execute_query(
        """
        MATCH (c:Community)
        OPTIONAL MATCH (c)-[:HAS_COMMITTEE]->(k:CommunityCommittee)
        WITH c, k,
             COUNT { (:Person)-[:SECRETARY_OF]->(k) } AS secretaries,
             COUNT { (:Leader)-[:FIRST_SECRETARY_OF]->(k) } AS firsts,
             COUNT { (:Unit)-[:MEMBER_OF {seat: 'X'}]->(k) } AS xs,
             COUNT { (:Unit)-[:MEMBER_OF {seat: 'N'}]->(k) } AS ns,
             COUNT { (l:Leader)-[:FIRST_SECRETARY_OF]->(k) WHERE (l)-[:CONTACTS]->(c) } AS first_is_contact,
             COUNT { (u:Unit)-[m:MEMBER_OF]->(k)
                     WHERE (m.seat = 'X') <> (u.kind IN ['AGENCY', 'STATE_ENTERPRISE', 'INSTITUTION']) } AS wrong
        WHERE k IS NULL OR secretaries <> 1 OR firsts <> 1 OR xs < 1 OR ns < 1 OR first_is_contact <> 1 OR wrong > 0
        RETURN c.name AS name
        """,
        database_=settings.neo4j_database,
    )
    assert broken == []


async def test_every_leader_contacts_exactly_one_community_and_each_community_has_one(
    demo: AsyncDriver, settings: Settings
) -> None:
    db = settings.neo4j_database
    assert (
        await scalar(
            demo,
            db,
            "MATCH (l:Leader) WHERE COUNT { (l)-[:CONTACTS]->(:Community) } <> 1 RETURN count(l)",
        )
        == 0
    )
    assert (
        await scalar(
            demo,
            db,
            "MATCH (c:Community) WHERE COUNT { (:Leader)-[:CONTACTS]->(c) } <> 1 RETURN count(c)",
        )
        == 0
    )
    assert await scalar(demo, db, "MATCH (l:Leader) RETURN count(l)") == 23
