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
    # 85 compound party organisations: 50 core branches (hasPartyBranch) and their wings (test_red_property.py)
    assert await q("MATCH (c:Compound {hasPartyBranch: true})-[:IN_GRID]->(:Grid) RETURN count(c)") == 50
    assert await q("MATCH (o:PartyOrganization)-[:ORGANIZED_IN]->(:Compound) RETURN count(o)") == 85
    assert await q("MATCH (m:JointMeeting)-[:HELD_BY]->(:CommunityCommittee) RETURN count(m)") == 98
    # 223 problems solved: counted from what the meetings decided and is done, never typed in
    assert await q(governance_reads.CITY_SOLVED_LITERAL) == 223
    assert await q("MATCH (m:JointMeeting) WHERE m.problemsSolved IS NOT NULL RETURN count(m)") == 0
    # 「去年解决重难点问题13个」 (the city secretary's 1+N list, "last year" = 2021) and 「31件重点任务」
    assert await q("MATCH (p:Problem {level: 'CITY'})<-[:SOLVES]-(t:Task {status: 'DONE'}) "
                   "WHERE t.completedOn.year = 2021 RETURN count(DISTINCT p)") == 13  # fmt: skip
    assert await q("MATCH (:Leader)-[:LEADS]->(t:Task) RETURN count(t)") == 31
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


async def test_grids_are_300_to_500_households_and_hold_their_compounds(
    demo: AsyncDriver, settings: Settings
) -> None:
    """按照常住人口300—500户为单位统一划分167个红色网格: every compound lies whole inside one grid."""
    db = settings.neo4j_database
    sizes = await scalar(demo, db, "MATCH (g:Grid) RETURN [count(g), min(g.households), max(g.households)]")
    assert sizes[0] == 167 and sizes[1] >= 300 and sizes[2] <= 500  # type: ignore[index]
    overfull = await scalar(
        demo,
        db,
        "MATCH (g:Grid) WITH g, COUNT { (g)<-[:IN_GRID]-(:Compound) } AS n, "
        "COLLECT { MATCH (g)<-[:IN_GRID]-(c:Compound) RETURN sum(c.households) }[0] AS held "
        "WHERE held > g.households RETURN collect(g.id)",
    )
    assert overfull == []
    assert (
        await scalar(
            demo, db, "MATCH (c:Compound) WHERE COUNT { (c)-[:IN_GRID]->(:Grid) } <> 1 RETURN count(c)"
        )
        == 0
    )
    hepan = await scalar(
        demo,
        db,
        "MATCH (h:Compound {name: '河畔家园'})-[:IN_GRID]->(g:Grid) RETURN h.households <= g.households",
    )
    assert hepan is True


async def test_98_quarterly_meetings_since_2021_at_most_one_per_committee_a_quarter(
    demo: AsyncDriver, settings: Settings
) -> None:
    """建立联合党委季度联席会议制度,2021年以来共召开会议98次 (the article is of 2022-07-29)."""
    db = settings.neo4j_database
    window = await scalar(
        demo,
        db,
        "MATCH (m:JointMeeting)-[:HELD_BY]->(:CommunityCommittee) "
        "RETURN [count(m), min(m.heldOn) >= date('2021-01-01'), max(m.heldOn) <= date('2022-07-29')]",
    )
    assert window == [98, True, True]
    twice = await scalar(
        demo,
        db,
        "MATCH (m:JointMeeting)-[:HELD_BY]->(k:CommunityCommittee) "
        "WITH k, m.heldOn.year AS y, m.heldOn.quarter AS q, count(m) AS n WHERE n > 1 RETURN count(*)",
    )
    assert twice == 0
    # every committee of the 23 met, most quarters (4 or 5 of the 6)
    per_committee = await scalar(
        demo,
        db,
        "MATCH (k:CommunityCommittee) RETURN collect(DISTINCT COUNT { (k)<-[:HELD_BY]-(:JointMeeting) })",
    )
    assert sorted(per_committee) == [4, 5]  # type: ignore[arg-type]
    # no task is said to be decided by a meeting long before it was made
    late = await scalar(
        demo,
        db,
        "MATCH (m:JointMeeting)-[:DECIDED]->(t:Task) WHERE t.deadline > m.heldOn + duration('P1Y') RETURN count(t)",
    )
    assert late == 0


async def test_owners_committees_and_street_non_profit_companies_sit_on_no_committee(
    demo: AsyncDriver, settings: Settings
) -> None:
    db = settings.neo4j_database
    seated = await scalar(
        demo,
        db,
        "MATCH (u:Unit)-[:MEMBER_OF]->(:CommunityCommittee) "
        "WHERE u.kind = 'OWNERS_COMMITTEE' OR u.nonProfit RETURN count(u)",
    )
    assert seated == 0
    # one non-profit company per street, and it is there
    assert await scalar(demo, db, "MATCH (u:Unit {nonProfit: true}) RETURN count(u)") == 2


async def test_every_no_property_compound_is_managed_by_its_streets_non_profit_company(
    demo: AsyncDriver, settings: Settings
) -> None:
    """在街道成立非营利物业公司 ... 对无物业小区实行兜底管理; the other compounds have a commercial one."""
    db = settings.neo4j_database
    rows, _, _ = await demo.execute_query(
        """
        MATCH (c:Compound)-[:IN_GRID]->(:Grid)-[:PART_OF]->(:Community)-[:PART_OF]->(s:Street)
        OPTIONAL MATCH (c)-[:MANAGED_BY]->(u:Unit)
        RETURN c.kind = 'NO_PROPERTY' AS bare, u.nonProfit AS nonProfit,
               u.name STARTS WITH s.name AS ownStreet, count(c) AS n
        """,
        database_=db,
    )
    found = {(r["bare"], r["nonProfit"], r["ownStreet"]): r["n"] for r in rows}
    bare = sum(n for (b, _, _), n in found.items() if b)
    assert bare > 0 and found.get((True, True, True)) == bare
    assert not [key for key in found if not key[0] and key[1] is not False]


async def test_city_leaders_work_at_the_city_offices_their_titles_name(
    demo: AsyncDriver, settings: Settings
) -> None:
    """市委常委和其他党员市领导: a leader works at the 市委, the 市人民政府, the 人大 or the 政协 — none at
    a department or an enterprise — and those offices sit on no committee."""
    db = settings.neo4j_database
    rows, _, _ = await demo.execute_query(
        "MATCH (l:Leader) OPTIONAL MATCH (l)-[:WORKS_AT]->(u:Unit) RETURN l.title AS title, u.name AS unit",
        database_=db,
    )
    assert len(rows) == 23

    def office(title: str) -> str:
        if "市长" in title:
            return "市人民政府"
        if "人大" in title:
            return "市人大常委会"
        if "政协" in title:
            return "市政协"
        return "市委"

    assert [(r["title"], r["unit"]) for r in rows] == [(r["title"], office(r["title"])) for r in rows]
    seated = await scalar(
        demo,
        db,
        "MATCH (:Leader)-[:WORKS_AT]->(u:Unit) WHERE (u)-[:MEMBER_OF|PART_TIME_MEMBER_OF]->() RETURN count(u)",
    )
    assert seated == 0
