"""Reads and writes inside the transactions that keep the network current. They read the state the
rules in orggraph.domain.network judge and write what the use case decided; they decide nothing.

What a :Unit holds, and the relationships MEMBER_OF, CONTACTS, FIRST_SECRETARY_OF
and HELD_BY, are written here.
"""

from __future__ import annotations

from neo4j import AsyncManagedTransaction
from neo4j.exceptions import ConstraintError

from orggraph.domain import entities as e
from orggraph.domain.commands import NewMember, NewUnit, UnitChanges
from orggraph.domain.errors import Conflict
from orggraph.domain.model import Seat
from orggraph.domain.network import CommitteeMembers, ContactChange, ContactState, UnitSeats
from orggraph.graph import mapping
from orggraph.graph.runner import single

UNIT_STATE = """
MATCH (u:Unit {id: $unitId})
RETURN properties(u) AS unit,
       [(u)-[m:MEMBER_OF]->(k:CommunityCommittee) | [m.seat, k.name]] AS seats,
       COUNT { (u)-[:PART_TIME_MEMBER_OF]->(:StreetWorkingCommittee) } > 0 AS partTime
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
RETURN properties(k) AS committee, [(u:Unit)-[m:MEMBER_OF]->(k) | [u.id, m.seat]] AS members
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


async def unit_seats(tx: AsyncManagedTransaction, unit_id: str) -> UnitSeats | None:
    row = await single(tx, UNIT_STATE, unitId=unit_id)
    if row is None:
        return None
    seats = tuple((Seat(seat), name) for seat, name in row["seats"])
    return UnitSeats(mapping.unit(row["unit"]), seats, bool(row["partTime"]))


async def create_unit(tx: AsyncManagedTransaction, unit: NewUnit) -> e.Unit:
    """A new unit (its id is free: the caller checked); a concurrent creation of the same id conflicts."""
    try:
        row = await single(
            tx, CREATE_UNIT, id=unit.id, name=unit.name, kind=unit.kind.value, partyMembers=unit.party_members
        )
    except ConstraintError:
        raise Conflict(f"id: 编号为 {unit.id} 的单位已存在", field="id") from None
    return mapping.unit(row["node"])


async def update_unit(tx: AsyncManagedTransaction, changes: UnitChanges) -> e.Unit:
    props: dict[str, object] = {}
    if changes.name is not None:
        props["name"] = changes.name
    if changes.party_members is not None:
        props["partyMembers"] = changes.party_members
    if changes.kind is not None:
        props["kind"] = changes.kind.value
    row = await single(tx, UPDATE_UNIT, id=changes.id, changes=props)
    return mapping.unit(row["node"])


async def committee_members(tx: AsyncManagedTransaction, committee_id: str) -> CommitteeMembers | None:
    row = await single(tx, COMMITTEE_STATE, committeeId=committee_id)
    if row is None:
        return None
    members = tuple((unit_id, Seat(seat)) for unit_id, seat in row["members"])
    return CommitteeMembers(mapping.committee(row["committee"]), members)


async def add_member(tx: AsyncManagedTransaction, member: NewMember) -> None:
    await (
        await tx.run(
            ADD_MEMBER,
            committeeId=member.committee_id,
            unitId=member.unit_id,
            seat=member.seat.value,
            since=member.since,
        )
    ).consume()


async def remove_member(tx: AsyncManagedTransaction, committee_id: str, unit_id: str) -> None:
    await (await tx.run(REMOVE_MEMBER, committeeId=committee_id, unitId=unit_id)).consume()


async def contact_state(tx: AsyncManagedTransaction, community_id: str, leader_id: str) -> ContactState:
    s = await single(tx, CONTACT_STATE, communityId=community_id, leaderId=leader_id)
    return ContactState(
        community_id=s["community"],
        committee_id=s["committee"],
        leader_id=s["leader"],
        leader_name=s["leaderName"] or "",
        current_leader_id=s["old"],
        previous_community_id=s["prev"],
        previous_community_name=s["prevName"] or "",
    )


async def set_contact(tx: AsyncManagedTransaction, change: ContactChange) -> None:
    params = {
        "communityId": change.community_id,
        "leaderId": change.leader_id,
        "since": change.since,
        "oldId": change.swap_leader_id,
        "prevId": change.swap_community_id,
    }
    await (await tx.run(SET_CONTACT, params)).consume()
