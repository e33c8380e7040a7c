"""Reads and writes inside the transactions of the governance loops: problems and their escalation, joint
meetings with their attendance, agenda and decisions (each decision a :Task), and contact leaders' key
tasks. What a :Problem, an :Escalation and a :JointMeeting hold, and RAISED_IN, AT_GRID, ESCALATED,
HELD_BY, ATTENDED, TABLED, DECIDED, SOLVES and LEADS, are written here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from neo4j import AsyncManagedTransaction

from orggraph.domain import entities as e
from orggraph.domain.commands import NewMeeting, NewProblem
from orggraph.domain.model import ProblemLevel, TaskStatus
from orggraph.graph import mapping
from orggraph.graph.governance_reads import PROBLEM_COLUMNS, PROBLEM_EXPRESSIONS
from orggraph.graph.runner import single
from orggraph.graph.task_reads import TASK_COLUMNS

LOCK_PROBLEM = (
    "MATCH (p:Problem {id: $id}) SET p._lock = true REMOVE p._lock WITH p RETURN " + PROBLEM_COLUMNS
)
PROBLEM_PLACE = """
OPTIONAL MATCH (c:Community {id: $communityId})
OPTIONAL MATCH (s:Street {id: $streetId})
OPTIONAL MATCH (g:Grid {id: $gridId})-[:PART_OF]->(c)
RETURN c IS NOT NULL AS community, s IS NOT NULL AS street, g IS NOT NULL AS grid
"""
CREATE_PROBLEM = (
    """
OPTIONAL MATCH (c:Community {id: $communityId})
OPTIONAL MATCH (s:Street {id: $streetId})
WITH coalesce(c, s) AS place
CREATE (p:Problem)
SET p = $props, p.id = $id, p.createdAt = datetime()
CREATE (p)-[:RAISED_IN]->(place)
WITH p
CALL (p) { MATCH (g:Grid {id: $gridId}) CREATE (p)-[:AT_GRID]->(g) }
RETURN """
    + PROBLEM_COLUMNS
)
ESCALATE = """
MATCH (p:Problem {id: $id})
SET p.level = $to
CREATE (p)-[:ESCALATED]->(:Escalation {id: randomUUID(), from: $from, to: $to, at: datetime(), by: $by,
                                      reason: $reason})
"""

# the committee holding a meeting, of either kind, with its place: the communities it serves, the units
# that sit on it (a street working committee's: its member units, or the units its members hold posts
# in) and the leaders who contact one of its communities
COMMITTEE_STATE = """
CALL () {
  MATCH (k:CommunityCommittee {id: $id}) RETURN k
  UNION MATCH (k:StreetWorkingCommittee {id: $id}) RETURN k
}
OPTIONAL MATCH (c0:Community)-[:HAS_COMMITTEE]->(k)
OPTIONAL MATCH (s0:Street)-[:HAS_COMMITTEE]->(k)
WITH k, c0, coalesce(s0, [(c0)-[:PART_OF]->(s:Street) | s][0]) AS s
WITH k, s, CASE WHEN c0 IS NULL THEN [(c:Community)-[:PART_OF]->(s) | c.id] ELSE [c0.id] END AS communities,
     c0 IS NOT NULL AS ofCommunity
RETURN ofCommunity, s.id AS streetId, communities,
  [(u:Unit)-[:MEMBER_OF|PART_TIME_MEMBER_OF]->(k) | u.id]
    + COLLECT { MATCH (u:Unit)<-[:HOLDS_POST]-(:Person)-[:PART_TIME_MEMBER_OF]->(k) RETURN u.id } AS members,
  [(l:Leader)-[:CONTACTS]->(c:Community) WHERE c.id IN communities | l.id] AS leaders
"""
# where each tabled item sits
PROBLEM_PLACES = (
    "UNWIND $ids AS id MATCH (p:Problem {id: id}) RETURN p.id AS id, "
    + PROBLEM_EXPRESSIONS["communityId"]
    + " AS community, "
    + PROBLEM_EXPRESSIONS["streetId"]
    + " AS street"
)
NEED_PLACES = """
UNWIND $ids AS id
MATCH (c:Community)-[:RAISED]->(n:Need {id: id})
RETURN n.id AS id, c.id AS community
"""
UNITS = "UNWIND $ids AS id MATCH (u:Unit {id: id}) RETURN u.id AS id, u.name AS name"
MEETING = """
MATCH (m:JointMeeting {id: $id})-[:HELD_BY]->(k)
RETURN properties(m) AS meeting, k.id AS committeeId
"""
CREATE_MEETING = """
CALL () {
  MATCH (k:CommunityCommittee {id: $committeeId}) RETURN k
  UNION MATCH (k:StreetWorkingCommittee {id: $committeeId}) RETURN k
}
CREATE (m:JointMeeting {id: $id, heldOn: $heldOn, topic: $topic, source: 'user', createdAt: datetime(),
                        createdBy: $actor})
CREATE (m)-[:HELD_BY]->(k)
WITH m
CALL (m) { UNWIND $attendees AS uid MATCH (u:Unit {id: uid}) CREATE (u)-[:ATTENDED]->(m) }
CALL (m) { UNWIND $problems AS item MATCH (x:Problem {id: item.id}) CREATE (m)-[:TABLED {order: item.order}]->(x) }
CALL (m) { UNWIND $needs AS item MATCH (x:Need {id: item.id}) CREATE (m)-[:TABLED {order: item.order}]->(x) }
RETURN properties(m) AS meeting
"""
CREATE_DECIDED_TASK = (
    """
MATCH (m:JointMeeting {id: $meetingId}), (u:Unit {id: $unitId})
CREATE (t:Task)
SET t = $props, t.id = $id, t.status = $status, t.quantity = $take, t.createdAt = datetime()
CREATE (m)-[:DECIDED]->(t), (t)-[:RESPONSIBLE]->(u)
WITH t
CALL (t) { MATCH (p:Problem {id: $problemId}) CREATE (t)-[:SOLVES]->(p) }
CALL (t) { MATCH (n:Need {id: $needId}) CREATE (t)-[:FULFILS]->(n) }
CALL (t) { MATCH (r:Resource {id: $resourceId})
           SET r.allocated = coalesce(r.allocated, 0) + $take CREATE (t)-[:USES]->(r) }
CALL (t) { MATCH (l:Leader {id: $leaderId}) CREATE (l)-[:LEADS {since: $since}]->(t) }
RETURN """
    + TASK_COLUMNS
)
LEAD_TASK = """
MATCH (l:Leader {id: $leaderId}), (t:Task {id: $taskId})
OPTIONAL MATCH (other:Leader)-[old:LEADS]->(t) WHERE other <> l
DELETE old
MERGE (l)-[r:LEADS]->(t) ON CREATE SET r.since = $since
"""
LEADER_COMMUNITIES = """
MATCH (l:Leader {id: $id}) WHERE l.retiredOn IS NULL
RETURN [(l)-[:CONTACTS]->(c:Community) | c.id] AS communities
"""
STREET_COMMUNITIES = "MATCH (c:Community)-[:PART_OF]->(:Street {id: $id}) RETURN collect(c.id) AS ids"


async def locked_problem(tx: AsyncManagedTransaction, problem_id: str) -> e.Problem | None:
    row = await single(tx, LOCK_PROBLEM, id=problem_id)
    return mapping.problem(row) if row else None


@dataclass(frozen=True)
class PlaceFound:
    community: bool
    street: bool
    grid: bool


async def problem_place(tx: AsyncManagedTransaction, p: NewProblem) -> PlaceFound:
    row = await single(tx, PROBLEM_PLACE, communityId=p.community_id, streetId=p.street_id, gridId=p.grid_id)
    assert row is not None
    return PlaceFound(row["community"], row["street"], row["grid"])


async def create_problem(
    tx: AsyncManagedTransaction, p: NewProblem, level: ProblemLevel, actor: str
) -> e.Problem:
    props: dict[str, Any] = {
        "title": p.title,
        "description": p.description,
        "source": p.source.value,
        "level": level.value,
        "raisedOn": p.raised_on,
        "createdBy": actor,
    }
    row = await single(
        tx,
        CREATE_PROBLEM,
        communityId=p.community_id,
        streetId=p.street_id,
        gridId=p.grid_id,
        props=props,
        id=p.id,
    )
    assert row is not None
    return mapping.problem(row)


async def escalate(
    tx: AsyncManagedTransaction, problem: e.Problem, to: ProblemLevel, *, by: str, reason: str
) -> None:
    params = {"id": problem.id, "to": to.value, "from": problem.level.value, "by": by, "reason": reason}
    await (await tx.run(ESCALATE, params)).consume()


@dataclass(frozen=True)
class CommitteeState:
    of_community: bool
    street_id: str | None
    communities: tuple[str, ...]
    members: frozenset[str]
    leaders: frozenset[str]


async def committee_state(tx: AsyncManagedTransaction, committee_id: str) -> CommitteeState | None:
    row = await single(tx, COMMITTEE_STATE, id=committee_id)
    if row is None:
        return None
    return CommitteeState(
        row["ofCommunity"],
        row["streetId"],
        tuple(row["communities"]),
        frozenset(row["members"]),
        frozenset(row["leaders"]),
    )


async def problem_places(
    tx: AsyncManagedTransaction, ids: list[str]
) -> dict[str, tuple[str | None, str | None]]:
    """Each existing problem's (community, street)."""
    rows = await (await tx.run(PROBLEM_PLACES, ids=ids)).data()
    return {r["id"]: (r["community"], r["street"]) for r in rows}


async def need_places(tx: AsyncManagedTransaction, ids: list[str]) -> dict[str, str]:
    rows = await (await tx.run(NEED_PLACES, ids=ids)).data()
    return {r["id"]: r["community"] for r in rows}


async def unit_names(tx: AsyncManagedTransaction, ids: list[str]) -> dict[str, str]:
    rows = await (await tx.run(UNITS, ids=ids)).data()
    return {r["id"]: r["name"] for r in rows}


async def meeting(tx: AsyncManagedTransaction, meeting_id: str) -> tuple[e.JointMeeting, str] | None:
    row = await single(tx, MEETING, id=meeting_id)
    return (mapping.meeting(row["meeting"]), row["committeeId"]) if row else None


async def create_meeting(tx: AsyncManagedTransaction, m: NewMeeting, actor: str) -> e.JointMeeting:
    problems = [{"id": x, "order": i} for i, x in enumerate(m.problem_ids)]
    needs = [{"id": x, "order": len(problems) + i} for i, x in enumerate(m.need_ids)]
    row = await single(
        tx, CREATE_MEETING, committeeId=m.committee_id, id=m.id, heldOn=m.held_on, topic=m.topic,
        actor=actor, attendees=list(m.attendee_ids), problems=problems, needs=needs,
    )  # fmt: skip
    assert row is not None
    return mapping.meeting(row["meeting"])


async def create_decided_task(
    tx: AsyncManagedTransaction,
    *,
    task_id: str,
    meeting: NewMeeting,
    title: str,
    unit_id: str,
    standard: str,
    deadline: date,
    problem_id: str | None,
    need_id: str | None,
    resource_id: str | None,
    take: float,
    leader_id: str | None,
    actor: str,
) -> e.Task:
    props = {"title": title, "standard": standard, "deadline": deadline, "createdBy": actor}
    row = await single(
        tx, CREATE_DECIDED_TASK, meetingId=meeting.id, unitId=unit_id, props=props, id=task_id,
        status=TaskStatus.PLANNED.value, take=take, problemId=problem_id, needId=need_id,
        resourceId=resource_id, leaderId=leader_id, since=meeting.held_on,
    )  # fmt: skip
    assert row is not None
    return mapping.task(row)


async def leader_communities(tx: AsyncManagedTransaction, leader_id: str) -> list[str] | None:
    row = await single(tx, LEADER_COMMUNITIES, id=leader_id)
    return list(row["communities"]) if row else None


async def street_communities(tx: AsyncManagedTransaction, street_id: str) -> list[str]:
    row = await single(tx, STREET_COMMUNITIES, id=street_id)
    return list(row["ids"]) if row else []


async def lead_task(tx: AsyncManagedTransaction, task_id: str, leader_id: str, since: date) -> None:
    await (await tx.run(LEAD_TASK, taskId=task_id, leaderId=leader_id, since=since)).consume()
