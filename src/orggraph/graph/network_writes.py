"""The mutations that keep the network current. Each runs in one write transaction: it reads what it
must check, refuses with a DomainError (which rolls the transaction back: nothing is written), or writes.

The invariants kept here, because Community Edition cannot enforce them: one secretary and one first
secretary per committee, the first secretary is the community's contact leader, one community per
contact leader, at least one X and one N member, seat X/N matching the unit's kind, street working
committee members are city departments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from neo4j import AsyncManagedTransaction

__all__ = ["AsyncManagedTransaction"]
from neo4j.exceptions import ConstraintError

from orggraph.domain.errors import BadInput, Conflict, NotFound
from orggraph.domain.model import SEAT_LABELS, UNIT_KIND_LABELS, Seat, UnitKind, seat_for
from orggraph.graph.runner import single

UNIT_STATE = """
MATCH (u:Unit {id: $unitId})
RETURN properties(u) AS unit,
       [(u)-[m:MEMBER_OF]->(k:CommunityCommittee) | {seat: m.seat, committee: k.name}] AS seats,
       COUNT { (u)-[:PART_TIME_MEMBER_OF]->(:StreetWorkingCommittee) } AS partTime
"""
CREATE_UNIT = """
CREATE (u:Unit {id: $id, name: $name, kind: $kind, partyMembers: $partyMembers, source: 'user',
                createdAt: datetime()})
RETURN properties(u) AS node
"""
UPDATE_UNIT = """
MATCH (u:Unit {id: $id}) SET u += $changes, u.updatedAt = datetime() RETURN properties(u) AS node
"""
COMMITTEE_STATE = """
MATCH (k:CommunityCommittee {id: $committeeId})
RETURN properties(k) AS committee,
       [(u:Unit)-[m:MEMBER_OF]->(k) | {unitId: u.id, seat: m.seat}] AS members
"""
ADD_MEMBER = """
MATCH (k:CommunityCommittee {id: $committeeId}), (u:Unit {id: $unitId})
CREATE (u)-[:MEMBER_OF {seat: $seat, since: $since}]->(k)
"""
REMOVE_MEMBER = """
MATCH (:Unit {id: $unitId})-[m:MEMBER_OF]->(:CommunityCommittee {id: $committeeId}) DELETE m
"""
CONTACT_STATE = """
OPTIONAL MATCH (c:Community {id: $communityId})
OPTIONAL MATCH (c)-[:HAS_COMMITTEE]->(k:CommunityCommittee)
OPTIONAL MATCH (l:Leader {id: $leaderId})
OPTIONAL MATCH (old:Leader)-[:CONTACTS]->(c)
OPTIONAL MATCH (l)-[:CONTACTS]->(prev:Community)
RETURN c.id AS community, k.id AS committee, l.id AS leader, l.name AS leaderName,
       old.id AS old, prev.id AS prev, prev.name AS prevName
"""
SET_CONTACT = """
MATCH (c:Community {id: $communityId})-[:HAS_COMMITTEE]->(k:CommunityCommittee)
MATCH (l:Leader {id: $leaderId})
OPTIONAL MATCH (l)-[r1:CONTACTS|FIRST_SECRETARY_OF]->()
DELETE r1
WITH DISTINCT c, k, l
OPTIONAL MATCH (:Leader)-[r2:CONTACTS]->(c)
DELETE r2
WITH DISTINCT c, k, l
OPTIONAL MATCH (:Leader)-[r3:FIRST_SECRETARY_OF]->(k)
DELETE r3
WITH DISTINCT c, k, l
CREATE (l)-[:CONTACTS {since: $since}]->(c)
CREATE (l)-[:FIRST_SECRETARY_OF]->(k)
WITH l
CALL (l) {
  MATCH (old:Leader {id: $oldId}), (prev:Community {id: $prevId})-[:HAS_COMMITTEE]->(pk:CommunityCommittee)
  OPTIONAL MATCH (old)-[r4:CONTACTS|FIRST_SECRETARY_OF]->()
  DELETE r4
  WITH DISTINCT old, prev, pk
  CREATE (old)-[:CONTACTS {since: $since}]->(prev)
  CREATE (old)-[:FIRST_SECRETARY_OF]->(pk)
}
"""
RECORD_MEETING = """
MATCH (k:CommunityCommittee {id: $committeeId})
CREATE (m:JointMeeting {id: $id, heldOn: $heldOn, topic: $topic, problemsSolved: $problemsSolved,
                        source: 'user', createdAt: datetime()})
CREATE (m)-[:HELD_BY]->(k)
RETURN properties(m) AS node
"""
MEETING_BY_ID = """
OPTIONAL MATCH (m:JointMeeting {id: $id})-[:HELD_BY]->(k:CommunityCommittee)
RETURN properties(m) AS node, k.id AS committeeId
"""


@dataclass(frozen=True)
class UnitChanges:
    name: str | None = None
    kind: UnitKind | None = None
    party_members: int | None = None


async def create_unit(
    tx: AsyncManagedTransaction, *, unit_id: str, name: str, kind: UnitKind, party_members: int
) -> dict[str, Any]:
    existing = await single(tx, UNIT_STATE, unitId=unit_id)
    if existing:
        unit = dict(existing["unit"])
        if unit.get("name") == name and unit.get("kind") == kind.value:
            return unit  # a retry of the same creation: idempotent
        raise Conflict(f"id: 编号为 {unit_id} 的单位已存在(名称或类型不同)", field="id")
    try:
        record = await single(
            tx, CREATE_UNIT, id=unit_id, name=name, kind=kind.value, partyMembers=party_members
        )
    except ConstraintError:
        raise Conflict(f"id: 编号为 {unit_id} 的单位已存在", field="id") from None
    return dict(record["node"])


async def update_unit(tx: AsyncManagedTransaction, unit_id: str, changes: UnitChanges) -> dict[str, Any]:
    state = await single(tx, UNIT_STATE, unitId=unit_id)
    if state is None:
        raise NotFound(f"id: 没有编号为 {unit_id} 的单位", field="id")
    props: dict[str, Any] = {}
    if changes.name is not None:
        props["name"] = changes.name
    if changes.party_members is not None:
        props["partyMembers"] = changes.party_members
    if changes.kind is not None and changes.kind.value != state["unit"]["kind"]:
        new_seat = seat_for(changes.kind)
        for s in state["seats"]:
            if s["seat"] != new_seat.value:
                raise Conflict(
                    f"kind: 该单位在{s['committee']}占{SEAT_LABELS[Seat(s['seat'])]}席位,"
                    f"不能改为{UNIT_KIND_LABELS[changes.kind]};请先调整其大党委席位",
                    field="kind",
                )
        if state["partTime"] and changes.kind is not UnitKind.AGENCY:
            raise Conflict("kind: 该单位是街道大工委兼职委员单位,只能是机关", field="kind")
        props["kind"] = changes.kind.value
    record = await single(tx, UPDATE_UNIT, id=unit_id, changes=props)
    return dict(record["node"])


async def _committee(tx: AsyncManagedTransaction, committee_id: str) -> Any:
    state = await single(tx, COMMITTEE_STATE, committeeId=committee_id)
    if state is None:
        raise NotFound(f"committeeId: 没有编号为 {committee_id} 的社区大党委", field="committeeId")
    return state


async def add_member(
    tx: AsyncManagedTransaction, *, committee_id: str, unit_id: str, seat: Seat, since: date
) -> None:
    state = await _committee(tx, committee_id)
    unit = await single(tx, UNIT_STATE, unitId=unit_id)
    if unit is None:
        raise NotFound(f"unitId: 没有编号为 {unit_id} 的单位", field="unitId")
    if any(m["unitId"] == unit_id for m in state["members"]):
        raise Conflict(
            f"unitId: {unit['unit']['name']}已是{state['committee']['name']}成员单位", field="unitId"
        )
    kind = UnitKind(unit["unit"]["kind"])
    if seat is not seat_for(kind):
        raise BadInput(
            f"seat: {unit['unit']['name']}是{UNIT_KIND_LABELS[kind]},应占{SEAT_LABELS[seat_for(kind)]}席位,"
            f"不能占{SEAT_LABELS[seat]}席位",
            field="seat",
        )
    await (
        await tx.run(ADD_MEMBER, committeeId=committee_id, unitId=unit_id, seat=seat.value, since=since)
    ).consume()


async def remove_member(tx: AsyncManagedTransaction, *, committee_id: str, unit_id: str) -> None:
    state = await _committee(tx, committee_id)
    mine = [m for m in state["members"] if m["unitId"] == unit_id]
    if not mine:
        raise NotFound(f"unitId: 该单位不是{state['committee']['name']}成员单位", field="unitId")
    seat = mine[0]["seat"]
    if sum(1 for m in state["members"] if m["seat"] == seat) <= 1:
        raise Conflict(
            f"unitId: 这是{state['committee']['name']}唯一的{SEAT_LABELS[Seat(seat)]}成员单位,"
            "移除后不再符合1+1+X+N;请先增补同类单位",
            field="unitId",
        )
    await (await tx.run(REMOVE_MEMBER, committeeId=committee_id, unitId=unit_id)).consume()


async def set_contact_leader(
    tx: AsyncManagedTransaction, *, community_id: str, leader_id: str, since: date
) -> None:
    """The leader contacts this community and becomes first secretary of its committee. If the leader
    contacted another community, the two leaders swap: every community keeps exactly one contact leader."""
    s = await single(tx, CONTACT_STATE, communityId=community_id, leaderId=leader_id)
    if s["community"] is None:
        raise NotFound(f"communityId: 没有编号为 {community_id} 的社区", field="communityId")
    if s["committee"] is None:
        raise Conflict("communityId: 该社区还没有大党委", field="communityId")
    if s["leader"] is None:
        raise NotFound(f"leaderId: 没有编号为 {leader_id} 的市领导", field="leaderId")
    if s["old"] == leader_id:
        return
    if s["prev"] is not None and s["old"] is None:
        raise Conflict(
            f"leaderId: {s['leaderName']}现联系{s['prevName']},调整后该社区将没有联系市领导", field="leaderId"
        )
    params = {
        "communityId": community_id,
        "leaderId": leader_id,
        "since": since,
        "oldId": s["old"],
        "prevId": s["prev"],
    }
    await (await tx.run(SET_CONTACT, params)).consume()


async def record_meeting(
    tx: AsyncManagedTransaction,
    *,
    meeting_id: str,
    committee_id: str,
    held_on: date,
    topic: str,
    problems_solved: int,
) -> dict[str, Any]:
    await _committee(tx, committee_id)
    found = await single(tx, MEETING_BY_ID, id=meeting_id)
    if found["node"] is not None:
        m = dict(found["node"])
        same = (found["committeeId"], m.get("topic"), str(m.get("heldOn"))) == (
            committee_id,
            topic,
            str(held_on),
        )
        if same:
            return m  # a retry of the same record: idempotent
        raise Conflict(f"id: 编号为 {meeting_id} 的联席会议已存在(内容不同)", field="id")
    record = await single(
        tx, RECORD_MEETING, id=meeting_id, committeeId=committee_id, heldOn=held_on, topic=topic,
        problemsSolved=problems_solved,
    )  # fmt: skip
    return dict(record["node"])
