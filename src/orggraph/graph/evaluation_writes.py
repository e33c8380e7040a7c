"""Reads and writes inside evaluateUnit's transaction: the state orggraph.domain.evaluations judges, and
the evaluation itself, (Community)-[:EVALUATED {year, score, comment, at, by}]->(Unit), one per
community, unit and year (a new evaluation of the same year replaces the score and comment)."""

from __future__ import annotations

from neo4j import AsyncManagedTransaction

from orggraph.domain.evaluations import EvaluateUnit, EvaluationState, UnitEvaluation
from orggraph.graph import mapping
from orggraph.graph.runner import single

# A current member sits on the committee now: MEMBER_OF with no end date (`until`).
EVALUATION_STATE = """
OPTIONAL MATCH (c:Community {id: $communityId})
OPTIONAL MATCH (c)-[:HAS_COMMITTEE]->(k:CommunityCommittee)
OPTIONAL MATCH (u:Unit {id: $unitId})
RETURN c IS NOT NULL AS community, k.name AS committee, u.name AS unit,
       k IS NOT NULL AND u IS NOT NULL AND EXISTS { MATCH (u)-[m:MEMBER_OF]->(k) WHERE m.until IS NULL } AS member
"""
EVALUATE = """
MATCH (c:Community {id: $communityId}), (u:Unit {id: $unitId})
MERGE (c)-[ev:EVALUATED {year: $year}]->(u)
SET ev.score = $score, ev.comment = $comment, ev.at = datetime(), ev.by = $by
RETURN properties(ev) AS evaluation
"""


async def evaluation_state(tx: AsyncManagedTransaction, cmd: EvaluateUnit) -> EvaluationState:
    row = await single(tx, EVALUATION_STATE, communityId=cmd.community_id, unitId=cmd.unit_id)
    assert row is not None
    return EvaluationState(bool(row["community"]), row["committee"], row["unit"], bool(row["member"]))


async def evaluate(tx: AsyncManagedTransaction, cmd: EvaluateUnit, by: str) -> UnitEvaluation:
    row = await single(
        tx, EVALUATE, communityId=cmd.community_id, unitId=cmd.unit_id, year=cmd.year, score=cmd.score,
        comment=cmd.comment, by=by,
    )  # fmt: skip
    assert row is not None
    return mapping.unit_evaluation(cmd.community_id, cmd.unit_id, row["evaluation"])
