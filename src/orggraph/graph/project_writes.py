"""Reads and writes inside the transactions that keep the street working committee's people and their
party-building projects current. They read the state orggraph.domain.projects judges and write what the
use case decided; they decide nothing.

Written here: (Person)-[:HOLDS_POST {title, since}]->(Unit); (Person)-[:PART_TIME_MEMBER_OF {since, unitId,
post}]->(StreetWorkingCommittee), which becomes a WAS_PART_TIME_MEMBER_OF {since, until, unitId, post} when the
person leaves; the unit's own (Unit)-[:PART_TIME_MEMBER_OF]->(StreetWorkingCommittee), kept while one of
its people sits on the committee (StreetWorkingCommittee.members and matching read it); (:Project) with
HAS_PROJECT, LEADS and INVOLVES; (:ProjectNote) with HAS_NOTE.
"""

from __future__ import annotations

from datetime import date

from neo4j import AsyncManagedTransaction
from neo4j.exceptions import ConstraintError

from orggraph.domain.errors import Conflict
from orggraph.domain.projects import (
    CommitteeSeat,
    MemberState,
    NewCommitteeMember,
    NewProject,
    NewProjectNote,
    Project,
    ProjectChanges,
    ProjectNote,
    ProjectState,
)
from orggraph.graph import mapping
from orggraph.graph.runner import single

MEMBER_STATE = """
OPTIONAL MATCH (w:StreetWorkingCommittee {id: $committeeId})
OPTIONAL MATCH (p:Person {id: $personId})
OPTIONAL MATCH (u:Unit {id: $unitId})
OPTIONAL MATCH (p)-[m:PART_TIME_MEMBER_OF]->(w)
RETURN w.name AS committee, properties(p) AS person, properties(u) AS unit, properties(m) AS seat
"""
ADD_MEMBER = """
MATCH (w:StreetWorkingCommittee {id: $committeeId}), (u:Unit {id: $unitId})
MERGE (p:Person {id: $personId})
  ON CREATE SET p.name = $personName, p.source = 'user', p.createdAt = datetime()
WITH w, u, p
CALL (p, u) {
  OPTIONAL MATCH (p)-[h:HOLDS_POST]->(u) WHERE h.until IS NULL AND h.title = $post
  WITH p, u, count(h) AS held
  WHERE held = 0
  CREATE (p)-[:HOLDS_POST {title: $post, since: $since}]->(u)
}
CREATE (p)-[m:PART_TIME_MEMBER_OF {since: $since, unitId: $unitId, post: $post}]->(w)
MERGE (u)-[:PART_TIME_MEMBER_OF]->(w)
RETURN properties(m) AS seat
"""
SEAT_STATE = """
OPTIONAL MATCH (w:StreetWorkingCommittee {id: $committeeId})
OPTIONAL MATCH (:Person {id: $personId})-[m:PART_TIME_MEMBER_OF]->(w)
OPTIONAL MATCH (:Person {id: $personId})-[was:WAS_PART_TIME_MEMBER_OF]->(w)
WITH w, m, was ORDER BY was.until DESC
RETURN w.name AS committee, properties(m) AS seat, collect(properties(was))[0] AS former
"""
# The person's seat ends: it becomes WAS_PART_TIME_MEMBER_OF (history); the unit stays on the committee
# while another of its people sits there.
END_SEAT = """
MATCH (p:Person {id: $personId})-[m:PART_TIME_MEMBER_OF]->(w:StreetWorkingCommittee {id: $committeeId})
CREATE (p)-[was:WAS_PART_TIME_MEMBER_OF {since: m.since, until: $until, unitId: m.unitId, post: m.post}]->(w)
WITH w, m, m.unitId AS unitId, was
DELETE m
WITH w, unitId, was
CALL (w, unitId) {
  MATCH (u:Unit {id: unitId})-[um:PART_TIME_MEMBER_OF]->(w)
  WHERE NOT EXISTS { MATCH (:Person)-[x:PART_TIME_MEMBER_OF]->(w) WHERE x.unitId = unitId }
  DELETE um
}
RETURN properties(was) AS seat
"""
PROJECT_STATE = """
OPTIONAL MATCH (w:StreetWorkingCommittee {id: $committeeId})
OPTIONAL MATCH (:Person {id: $leaderId})-[m:PART_TIME_MEMBER_OF]->(w)
OPTIONAL MATCH (x:Project {id: $id})
OPTIONAL MATCH (xl:Person)-[:LEADS]->(x)
OPTIONAL MATCH (xw:StreetWorkingCommittee)-[:HAS_PROJECT]->(x)
OPTIONAL MATCH (w)<-[:HAS_COMMITTEE]-(:Street)<-[:PART_OF]-(c:Community) WHERE c.id IN $communityIds
RETURN w.name AS committee, properties(m) AS seat, properties(x) AS existing, xl.id AS existingLeader,
       xw.id AS existingCommittee, collect(DISTINCT c.id) AS communities
"""
CREATE_PROJECT = """
MATCH (w:StreetWorkingCommittee {id: $committeeId}), (p:Person {id: $leaderId})
CREATE (x:Project {id: $id, year: $year, title: $title, description: $description, status: $status,
                   source: 'user', createdAt: datetime()})
CREATE (w)-[:HAS_PROJECT]->(x)
CREATE (p)-[:LEADS]->(x)
WITH x
CALL (x) { UNWIND $communityIds AS cid MATCH (c:Community {id: cid}) CREATE (x)-[:INVOLVES]->(c) }
RETURN properties(x) AS node
"""
PROJECT_CHANGE_STATE = """
MATCH (x:Project {id: $id})
OPTIONAL MATCH (x)<-[:HAS_PROJECT]-(:StreetWorkingCommittee)<-[:HAS_COMMITTEE]-(:Street)<-[:PART_OF]-(c:Community)
  WHERE c.id IN $communityIds
RETURN properties(x) AS node, collect(DISTINCT c.id) AS communities
"""
UPDATE_PROJECT = """
MATCH (x:Project {id: $id}) SET x += $changes, x.updatedAt = datetime() RETURN properties(x) AS node
"""
SET_COMMUNITIES = """
MATCH (x:Project {id: $id})
OPTIONAL MATCH (x)-[r:INVOLVES]->(:Community)
DELETE r
WITH DISTINCT x
CALL (x) { UNWIND $communityIds AS cid MATCH (c:Community {id: cid}) CREATE (x)-[:INVOLVES]->(c) }
"""
NOTE_STATE = """
OPTIONAL MATCH (x:Project {id: $projectId})
OPTIONAL MATCH (n:ProjectNote {id: $id})
OPTIONAL MATCH (nx:Project)-[:HAS_NOTE]->(n)
RETURN properties(x) AS project, properties(n) AS note, nx.id AS noteProject
"""
ADD_NOTE = """
MATCH (x:Project {id: $projectId})
CREATE (n:ProjectNote {id: $id, at: $at, text: $text, by: $by, createdAt: datetime()})
CREATE (x)-[:HAS_NOTE]->(n)
SET x.updatedAt = datetime()
RETURN properties(n) AS node
"""


def _seat(person_id: str, committee_id: str, rel: dict[str, object] | None) -> CommitteeSeat | None:
    return mapping.committee_seat(person_id, committee_id, rel) if rel else None


async def member_state(tx: AsyncManagedTransaction, cmd: NewCommitteeMember) -> MemberState:
    row = await single(
        tx, MEMBER_STATE, committeeId=cmd.committee_id, personId=cmd.person_id, unitId=cmd.unit_id
    )
    assert row is not None  # OPTIONAL MATCH: always one row
    return MemberState(
        committee_name=row["committee"],
        person=mapping.person(row["person"]) if row["person"] else None,
        unit=mapping.unit(row["unit"]) if row["unit"] else None,
        seat=_seat(cmd.person_id, cmd.committee_id, row["seat"]),
    )


async def add_member(tx: AsyncManagedTransaction, cmd: NewCommitteeMember) -> CommitteeSeat:
    row = await single(
        tx, ADD_MEMBER, committeeId=cmd.committee_id, unitId=cmd.unit_id, personId=cmd.person_id,
        personName=cmd.person_name, post=cmd.post, since=cmd.since,
    )  # fmt: skip
    assert row is not None
    return mapping.committee_seat(cmd.person_id, cmd.committee_id, row["seat"])


async def seat_state(
    tx: AsyncManagedTransaction, committee_id: str, person_id: str
) -> tuple[str | None, CommitteeSeat | None, CommitteeSeat | None]:
    """The committee's name, the person's current seat on it and their latest ended one."""
    row = await single(tx, SEAT_STATE, committeeId=committee_id, personId=person_id)
    assert row is not None
    return (
        row["committee"],
        _seat(person_id, committee_id, row["seat"]),
        _seat(person_id, committee_id, row["former"]),
    )


async def end_seat(
    tx: AsyncManagedTransaction, committee_id: str, person_id: str, until: date
) -> CommitteeSeat:
    row = await single(tx, END_SEAT, committeeId=committee_id, personId=person_id, until=until)
    assert row is not None
    return mapping.committee_seat(person_id, committee_id, row["seat"])


async def project_state(tx: AsyncManagedTransaction, cmd: NewProject) -> ProjectState:
    """The state createProject judges, with the leader and committee of a project already holding the id."""
    row = await single(
        tx, PROJECT_STATE, committeeId=cmd.committee_id, leaderId=cmd.leader_id, id=cmd.id,
        communityIds=list(cmd.community_ids),
    )  # fmt: skip
    assert row is not None
    state = ProjectState(
        committee_name=row["committee"],
        leader_seat=_seat(cmd.leader_id, cmd.committee_id, row["seat"]),
        street_community_ids=frozenset(row["communities"]),
        existing=mapping.project(row["existing"]) if row["existing"] else None,
        existing_leader_id=row["existingLeader"],
        existing_committee_id=row["existingCommittee"],
    )
    return state


async def create_project(tx: AsyncManagedTransaction, cmd: NewProject) -> Project:
    try:
        row = await single(
            tx, CREATE_PROJECT, committeeId=cmd.committee_id, leaderId=cmd.leader_id, id=cmd.id, year=cmd.year,
            title=cmd.title, description=cmd.description, status=cmd.status.value,
            communityIds=list(cmd.community_ids),
        )  # fmt: skip
    except ConstraintError:
        raise Conflict(f"id: 编号为 {cmd.id} 的党建项目已存在", field="id") from None
    assert row is not None
    return mapping.project(row["node"])


async def project_change_state(
    tx: AsyncManagedTransaction, project_id: str, community_ids: tuple[str, ...]
) -> tuple[Project, frozenset[str]] | None:
    """The project and which of the given communities are in its committee's street; None: no project."""
    row = await single(tx, PROJECT_CHANGE_STATE, id=project_id, communityIds=list(community_ids))
    if row is None:
        return None
    return mapping.project(row["node"]), frozenset(row["communities"])


async def update_project(tx: AsyncManagedTransaction, changes: ProjectChanges) -> Project:
    props: dict[str, object] = {}
    if changes.title is not None:
        props["title"] = changes.title
    if changes.description is not None:
        props["description"] = changes.description
    if changes.status is not None:
        props["status"] = changes.status.value
    if changes.community_ids is not None:
        await (
            await tx.run(SET_COMMUNITIES, id=changes.id, communityIds=list(changes.community_ids))
        ).consume()
    row = await single(tx, UPDATE_PROJECT, id=changes.id, changes=props)
    assert row is not None
    return mapping.project(row["node"])


async def note_state(
    tx: AsyncManagedTransaction, project_id: str, note_id: str
) -> tuple[Project | None, ProjectNote | None, str | None]:
    """The project, a note already holding the id, and that note's project."""
    row = await single(tx, NOTE_STATE, projectId=project_id, id=note_id)
    assert row is not None
    return (
        mapping.project(row["project"]) if row["project"] else None,
        mapping.project_note(row["note"]) if row["note"] else None,
        row["noteProject"],
    )


async def add_note(tx: AsyncManagedTransaction, cmd: NewProjectNote, by: str) -> ProjectNote:
    try:
        row = await single(tx, ADD_NOTE, projectId=cmd.project_id, id=cmd.id, at=cmd.at, text=cmd.text, by=by)
    except ConstraintError:
        raise Conflict(f"id: 编号为 {cmd.id} 的进展记录已存在", field="id") from None
    assert row is not None
    return mapping.project_note(row["node"])
