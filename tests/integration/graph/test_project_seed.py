"""The seed Cypher for people on street working committees, their projects and the communities' yearly
evaluations (graph/project_seed_cypher.py): what it writes reads back through the same reads as the API,
loading it twice changes nothing, and reloading the demo's committees keeps the people."""

from __future__ import annotations

from datetime import date

from neo4j import AsyncDriver

from orggraph.graph import project_reads, seed_cypher
from orggraph.graph import project_seed_cypher as q
from orggraph.graph.runner import Graph
from orggraph.settings import Settings
from tests.conftest import graph_fingerprint

SEATS = [
    {"committeeId": "street-guangling-swc", "personId": "p-seed-1", "person": {"name": "示例委员甲", "source": "illustrative"},
     "unitId": "unit-x-0015", "post": "分管副院长", "since": date(2022, 3, 1), "until": None},
    {"committeeId": "street-guangling-swc", "personId": "p-seed-2", "person": {"name": "示例委员乙", "source": "illustrative"},
     "unitId": "unit-dept-02", "post": "副局长", "since": date(2021, 3, 1), "until": date(2024, 12, 31)},
]  # fmt: skip
PROJECTS = [
    {"id": "proj-seed-1", "committeeId": "street-guangling-swc", "leaderId": "p-seed-1",
     "props": {"year": 2025, "title": "健康义诊进社区", "description": "", "status": "DONE", "source": "illustrative"},
     "communityIds": ["comm-shuguang"], "notes": [{"id": "note-seed-1", "at": date(2025, 5, 1), "text": "首场义诊", "by": "seed"}]},
]  # fmt: skip
EVALUATIONS = [
    {"communityId": "comm-shuguang", "unitId": "unit-x-0007", "year": 2025, "score": 88, "comment": "积极"}
]


async def load(driver: AsyncDriver, db: str) -> None:
    for statement, rows in (
        (q.WORKING_COMMITTEE_SEATS, SEATS),
        (q.PROJECTS, PROJECTS),
        (q.UNIT_EVALUATIONS, EVALUATIONS),
    ):
        await driver.execute_query(statement, {"rows": rows}, database_=db)


async def test_the_seed_statements_write_people_projects_and_evaluations_once(
    demo_graph: AsyncDriver, settings: Settings
) -> None:
    db = settings.neo4j_database
    await load(demo_graph, db)
    once = await graph_fingerprint(demo_graph, db)
    await load(demo_graph, db)
    assert await graph_fingerprint(demo_graph, db) == once

    graph = Graph(demo_graph, db)
    gaps = await project_reads.working_committee_gaps(graph, "street-guangling", 2024)
    assert gaps is not None and sorted(p.id for p, _ in gaps) == ["p-seed-1", "p-seed-2"]
    gaps = await project_reads.working_committee_gaps(graph, "street-guangling", 2025)
    assert gaps == []  # p-seed-1 led a project; p-seed-2 had left
    rows, _, _ = await demo_graph.execute_query(
        "MATCH (:Unit {id: 'unit-x-0015'})-[:PART_TIME_MEMBER_OF]->(w {id: 'street-guangling-swc'}) RETURN count(*) AS n",
        database_=db,
    )
    assert rows[0]["n"] == 1
    ev, _, _ = await demo_graph.execute_query(
        "MATCH (:Community {id: 'comm-shuguang'})-[e:EVALUATED]->(:Unit {id: 'unit-x-0007'}) RETURN e.score AS s",
        database_=db,
    )
    assert [r["s"] for r in ev] == [88]


async def test_reloading_the_streets_committees_keeps_their_people(
    demo_graph: AsyncDriver, settings: Settings
) -> None:
    db = settings.neo4j_database
    await load(demo_graph, db)
    rows = [{"id": "street-guangling-swc", "streetId": "street-guangling", "props": {"name": "广陵街道大工委"},
             "memberIds": ["unit-dept-01"]}]  # fmt: skip
    await demo_graph.execute_query(seed_cypher.STREET_COMMITTEES, {"rows": rows}, database_=db)
    people, _, _ = await demo_graph.execute_query(
        "MATCH (p:Person)-[:PART_TIME_MEMBER_OF]->(:StreetWorkingCommittee {id: 'street-guangling-swc'}) RETURN p.id AS p",
        database_=db,
    )
    assert [r["p"] for r in people] == ["p-seed-1"]
