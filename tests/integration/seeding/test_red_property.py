"""Compounds and 红色物业 in the demo graph (issue #14): the article's figures read back from Neo4j."""

from __future__ import annotations

import itertools

from neo4j import AsyncDriver

from orggraph.settings import Settings
from tests.conftest import scalar


async def test_the_red_property_figures_come_out_of_the_graph(demo: AsyncDriver, settings: Settings) -> None:
    db = settings.neo4j_database

    async def q(cypher: str) -> object:
        return await scalar(demo, db, cypher)

    # 「輪班包保89個無物業小區」: every one managed (兜底) by its street's non-profit company, with funding
    assert await q("MATCH (c:Compound {kind: 'NO_PROPERTY'}) RETURN count(c)") == 89
    assert await q("MATCH (c:Compound {kind: 'NO_PROPERTY'})-[:MANAGED_BY]->(u:Unit {nonProfit: true}) "
                   "WHERE c.fundingResidents + c.fundingMarket + c.fundingProjects + c.fundingSubsidy > 0 "
                   "RETURN count(c)") == 89  # fmt: skip
    assert await q("MATCH (c:Compound)-[:MANAGED_BY]->(u:Unit {nonProfit: true}) "
                   "WHERE c.kind <> 'NO_PROPERTY' RETURN count(c)") == 0  # fmt: skip
    # every compound in a street's grid still fits it: grids of 300-500 households holding whole compounds
    over = await q("MATCH (g:Grid)<-[:IN_GRID]-(c:Compound) WITH g, sum(c.households) AS held "
                   "WHERE held > g.households OR g.households > 500 OR g.households < 300 RETURN count(g)")  # fmt: skip
    assert over == 0
    # 85 party organisations in the core-plus-two-wings system
    by_kind = await q("MATCH (o:PartyOrganization)-[:ORGANIZED_IN]->(:Compound) "
                      "WITH o.kind AS k, count(*) AS n ORDER BY k RETURN collect([k, n])")  # fmt: skip
    assert by_kind == [["CORE_BRANCH", 50], ["OWNERS_BRANCH", 15], ["PROPERTY_BRANCH", 20]]
    # a wing only where the core is, and an owners' branch only where there is an owners' committee
    assert await q("MATCH (o:PartyOrganization)-[:ORGANIZED_IN]->(c:Compound) WHERE o.kind <> 'CORE_BRANCH' "
                   "AND NOT EXISTS { (:PartyOrganization {kind: 'CORE_BRANCH'})-[:ORGANIZED_IN]->(c) } "
                   "RETURN count(o)") == 0  # fmt: skip
    assert await q("MATCH (o:PartyOrganization {kind: 'OWNERS_BRANCH'})-[:ORGANIZED_IN]->(c:Compound) "
                   "WHERE NOT (c)-[:GOVERNED_BY]->(:Unit {kind: 'OWNERS_COMMITTEE'}) RETURN count(o)") == 0  # fmt: skip
    # owners' committees, some red (more than 60% party members)
    assert (
        await q("MATCH (:Compound)-[:GOVERNED_BY]->(u:Unit {kind: 'OWNERS_COMMITTEE'}) RETURN count(u)") == 40
    )
    assert await q("MATCH (:Compound)-[:GOVERNED_BY]->(u:Unit {kind: 'OWNERS_COMMITTEE'}) "
                   "WHERE toFloat(u.partyMembers) / u.members > 0.6 RETURN count(u)") == 12  # fmt: skip
    # 163 property problems solved "last year" (2021) by the 三联办 through the six steps
    assert await q("MATCH (i:PropertyIssue {step: 'DONE'})-[:HANDLED_BY]->(:TripartiteOffice) "
                   "WHERE i.doneOn.year = 2021 RETURN count(i)") == 163  # fmt: skip
    assert await q("MATCH (i:PropertyIssue {step: 'DONE'}) WHERE i.stepNames <> "
                   "['COLLECTED', 'PROPOSED', 'DELIBERATED', 'RESOLVED', 'PUBLISHED', 'IMPLEMENTING', 'DONE'] "
                   "RETURN count(i)") == 0  # fmt: skip
    # each solved issue was discussed at a meeting of its office, on the day it was resolved
    assert await q("MATCH (i:PropertyIssue {step: 'DONE'})-[:HANDLED_BY]->(o) WHERE NOT EXISTS { "
                   "(o)<-[:HELD_BY]-(m:TripartiteMeeting)-[:DISCUSSED]->(i) "
                   "WHERE date(i.stepAts[3]) = m.heldOn } RETURN count(i)") == 0  # fmt: skip
    assert await q("MATCH (i:PropertyIssue) WHERE i.step <> 'DONE' RETURN count(i)") > 30
    # 红色示范小区: the core and both wings, a red owners' committee
    demos = await q("MATCH (c:Compound {demonstration: true}) RETURN count(c)")
    assert isinstance(demos, int) and demos > 0
    assert await q("MATCH (c:Compound {demonstration: true}) WHERE COUNT { (:PartyOrganization)-[:ORGANIZED_IN]->(c) } < 3 "
                   "OR NOT EXISTS { (c)-[:GOVERNED_BY]->(u:Unit) WHERE toFloat(u.partyMembers) / u.members > 0.6 } "
                   "RETURN count(c)") == 0  # fmt: skip


async def test_hepan_jiayuan(demo: AsyncDriver, settings: Settings) -> None:
    db = settings.neo4j_database

    async def q(cypher: str) -> object:
        return await scalar(demo, db, cypher)

    # 河畔家园 (曙光社区): fee collection under 30%, a 三联办 that met 17 times in about four months, weekly
    hepan = await q("MATCH (c:Compound {name: '河畔家园'})-[:IN_GRID]->(:Grid)-[:PART_OF]->(k:Community) "
                    "RETURN [c.source, c.kind, k.name, c.feeCollectionRate < 0.3]")  # fmt: skip
    assert hepan == ["article", "RESETTLEMENT", "曙光社区", True]
    days = await q("MATCH (:Community {name: '曙光社区'})-[:HAS_OFFICE]->(o:TripartiteOffice)-[:SERVES]->"
                   "(:Compound {name: '河畔家园'}) MATCH (m:TripartiteMeeting)-[:HELD_BY]->(o) "
                   "WITH m ORDER BY m.heldOn RETURN collect(m.heldOn)")  # fmt: skip
    assert isinstance(days, list) and len(days) == 17
    gaps = {(b.to_native() - a.to_native()).days for a, b in itertools.pairwise(days)}
    assert gaps == {7}
    assert 100 <= (days[-1].to_native() - days[0].to_native()).days <= 130  # about four months
    assert await q("MATCH (m:TripartiteMeeting)-[:HELD_BY]->(:TripartiteOffice)-[:SERVES]->"
                   "(:Compound {name: '河畔家园'}) WHERE m.parties <> ['COMMUNITY', 'PROPERTY', 'OWNERS'] "
                   "OR m.residentRepresentatives < 1 RETURN count(m)") == 0  # fmt: skip
