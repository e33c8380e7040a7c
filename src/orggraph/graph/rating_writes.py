"""Reads and writes inside the rating mutations' transactions (recordPropertyRating, recordInspection,
recordSatisfactionSurvey, publishPropertyRatingList): the state orggraph.domain.ratings judges, and the
writes it decided. The graph is described in graph/rating_reads.py."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncManagedTransaction

from orggraph.domain import ratings as dr
from orggraph.graph import rating_reads
from orggraph.graph.rating_reads import QUERIES
from orggraph.graph.runner import single

# the rater's place, by rater: the label comes from this closed table, never from input
_PLACE = {dr.Rater.AUTHORITY: "Unit", dr.Rater.COMMUNITY: "Community", dr.Rater.OWNERS: "Compound"}

RATING_STATE = {
    rater: f"""
OPTIONAL MATCH (u:Unit {{id: $unitId}})
OPTIONAL MATCH (p:{label} {{id: $placeId}})
OPTIONAL MATCH (l:RatingList {{id: $listId}})
RETURN u.kind AS kind, p IS NOT NULL AS place, p.kind AS placeKind, l IS NOT NULL AS published
"""
    for rater, label in _PLACE.items()
}
RECORD_RATING = {
    rater: f"""
MATCH (u:Unit {{id: $unitId}}), (p:{label} {{id: $placeId}})
MERGE (r:PropertyRating {{id: $id}})
SET r.year = $year, r.rater = $rater, r.partyBuilding = $partyBuilding, r.environment = $environment,
    r.management = $management, r.total = $total, r.comment = $comment, r.at = datetime(), r.by = $by
MERGE (r)-[:RATES]->(u)
MERGE (r)-[:RATED_BY]->(p)
RETURN properties(r) AS r
"""
    for rater, label in _PLACE.items()
}
# the compound's property company now (an inspection or a survey is of it)
COMPANY_OF_COMPOUND = """
OPTIONAL MATCH (x:Compound {id: $compoundId}) WHERE x.retiredOn IS NULL
OPTIONAL MATCH (x)-[:MANAGED_BY]->(u:Unit {kind: 'PROPERTY_COMPANY'})
RETURN x IS NOT NULL AS compound, u.id AS unit ORDER BY u.id LIMIT 1
"""
RECORD_INSPECTION = """
MATCH (x:Compound {id: $compoundId}), (u:Unit {id: $unitId})
MERGE (i:PropertyInspection {id: $id})
SET i.date = $date, i.score = $score, i.findings = $findings, i.at = datetime(), i.by = $by
WITH i, x, u
OPTIONAL MATCH (i)-[old:INSPECTED|AT]->() DELETE old
WITH DISTINCT i, x, u
MERGE (i)-[:INSPECTED]->(u)
MERGE (i)-[:AT]->(x)
RETURN properties(i) AS i
"""
RECORD_SURVEY = """
MATCH (x:Compound {id: $compoundId}), (u:Unit {id: $unitId})
MERGE (s:SatisfactionSurvey {id: $id})
SET s.quarter = $quarter, s.year = $year, s.surveyed = $surveyed, s.satisfied = $satisfied,
    s.at = datetime(), s.by = $by
WITH s, x, u
OPTIONAL MATCH (s)-[old:SURVEYED|AT]->() DELETE old
WITH DISTINCT s, x, u
MERGE (s)-[:SURVEYED]->(u)
MERGE (s)-[:AT]->(x)
RETURN properties(s) AS s
"""
PUBLISH = """
CREATE (l:RatingList {id: $listId, year: $year, publishedAt: datetime(), by: $by})
WITH l
UNWIND $rows AS row
MATCH (u:Unit {id: row.unitId})
MERGE (c:CreditRecord {id: row.id})
SET c += row.props, c.publishedAt = l.publishedAt
MERGE (u)-[:HAS_CREDIT_RECORD]->(c)
RETURN count(c) AS records
"""


def _fetch(tx: AsyncManagedTransaction) -> rating_reads.Fetch:
    async def fetch(name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        result = await tx.run(QUERIES[name], params)
        return [dict(r) async for r in result]

    return fetch


async def rating_state(tx: AsyncManagedTransaction, cmd: dr.RecordPropertyRating) -> dr.RatingState:
    row = await single(
        tx,
        RATING_STATE[cmd.rater],
        unitId=cmd.unit_id,
        placeId=cmd.place_id,
        listId=rating_reads.list_id(cmd.year),
    )
    assert row is not None
    return dr.RatingState(row["kind"], bool(row["place"]), row["placeKind"], bool(row["published"]))


async def record_rating(
    tx: AsyncManagedTransaction, cmd: dr.RecordPropertyRating, by: str
) -> dr.PropertyRating:
    row = await single(
        tx, RECORD_RATING[cmd.rater], unitId=cmd.unit_id, placeId=cmd.place_id, id=cmd.id, year=cmd.year,
        rater=cmd.rater.value, partyBuilding=cmd.party_building, environment=cmd.environment,
        management=cmd.management, total=round(cmd.party_building + cmd.environment + cmd.management, 1),
        comment=cmd.comment, by=by,
    )  # fmt: skip
    assert row is not None
    return rating_reads.rating(row["r"], cmd.unit_id, cmd.place_id)


async def company_of_compound(tx: AsyncManagedTransaction, compound_id: str) -> tuple[bool, str | None]:
    row = await single(tx, COMPANY_OF_COMPOUND, compoundId=compound_id)
    return (bool(row["compound"]), row["unit"]) if row is not None else (False, None)


async def record_inspection(
    tx: AsyncManagedTransaction, cmd: dr.RecordInspection, unit_id: str, by: str
) -> dr.Inspection:
    row = await single(
        tx, RECORD_INSPECTION, compoundId=cmd.compound_id, unitId=unit_id, id=cmd.id, date=cmd.on,
        score=cmd.score, findings=cmd.findings, by=by,
    )  # fmt: skip
    assert row is not None
    return rating_reads.inspection(row["i"], cmd.compound_id, unit_id)


async def record_survey(
    tx: AsyncManagedTransaction, cmd: dr.RecordSurvey, unit_id: str, by: str
) -> dr.Survey:
    row = await single(
        tx, RECORD_SURVEY, compoundId=cmd.compound_id, unitId=unit_id, id=cmd.id, quarter=cmd.quarter,
        year=int(cmd.quarter[:4]), surveyed=cmd.surveyed, satisfied=cmd.satisfied, by=by,
    )  # fmt: skip
    assert row is not None
    s = row["s"]
    return dr.Survey(s["id"], cmd.compound_id, unit_id, s["quarter"], int(s["surveyed"]), int(s["satisfied"]))


async def year_list(tx: AsyncManagedTransaction, year: int) -> rating_reads.YearList:
    return await rating_reads.year_list(_fetch(tx), year)


async def publish(tx: AsyncManagedTransaction, found: rating_reads.YearList, by: str) -> None:
    rows = [
        {
            "unitId": c.unit_id,
            "id": f"credit-{found.year}-{c.unit_id}",
            "props": {
                "year": found.year,
                "score": c.entry.score.score,
                "rank": c.entry.rank,
                "list": c.entry.mark.value if c.entry.mark else None,
                "last": c.entry.last,
                "notes": c.entry.note,
            },
        }
        for c in found.companies
        if c.entry.rank is not None
    ]
    await single(tx, PUBLISH, listId=rating_reads.list_id(found.year), year=found.year, rows=rows, by=by)
