"""Reads and writes inside the transactions that keep the network current. They read the state the
rules in orggraph.domain.network judge and write what the use case decided; they decide nothing.

What a :Unit, :Leader, :Person, :Grid and :Compound hold, and the relationships MEMBER_OF,
SECRETARY_OF, CONTACTS, FIRST_SECRETARY_OF, GRID_LEADER_OF, IN_GRID, and WORKS_AT are written
here (joint meetings: graph/governance_writes.py). A relationship of the network that ends is not deleted without trace: it is replaced by its
history twin (WAS_MEMBER_OF, WAS_SECRETARY_OF, WAS_FIRST_SECRETARY_OF, WAS_CONTACT_OF, WAS_GRID_LEADER_OF,
WAS_IN_GRID, WAS_PART_OF) carrying `since` and `until`, so the reads of the current network (graph.hops)
see only what holds now, unfiltered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from neo4j import AsyncManagedTransaction
from neo4j.exceptions import ConstraintError

from orggraph.domain import entities as e
from orggraph.domain.commands import (
    CompoundChanges,
    GridChanges,
    LeaderChanges,
    NewCompound,
    NewGrid,
    NewLeader,
    NewMember,
    NewPerson,
    NewUnit,
    PersonChanges,
    SecretaryChange,
    UnitChanges,
)
from orggraph.domain.errors import Conflict
from orggraph.domain.model import Seat
from orggraph.domain.network import CommitteeMembers, ContactChange, ContactState, GridPlace, UnitSeats
from orggraph.graph import mapping
from orggraph.graph.mapping import to_date
from orggraph.graph.runner import single

UNIT_STATE = """
MATCH (u:Unit {id: $unitId})
RETURN properties(u) AS unit,
       [(u)-[m:MEMBER_OF]->(k:CommunityCommittee) | [m.seat, k.name]] AS seats,
       COUNT { (u)-[:PART_TIME_MEMBER_OF]->(:StreetWorkingCommittee) } > 0 AS partTime
"""
# A new unit is of the graph's city when the graph has one; in a province of several it takes the city of
# the first committee it is seated on (ADD_MEMBER), and keeps it.
CREATE_UNIT = """
CREATE (u:Unit {id: $id, name: $name, kind: $kind, partyMembers: $partyMembers, source: 'user',
                createdAt: datetime()})
WITH u
CALL (u) {
  MATCH (city:City) WITH collect(city) AS cities WHERE size(cities) = 1
  SET u.cityId = cities[0].id, u.provinceId = cities[0].provinceId
}
RETURN properties(u) AS node
"""
UPDATE_UNIT = """
MATCH (u:Unit {id: $id}) SET u += $changes, u.updatedAt = datetime() RETURN properties(u) AS node
"""
COMMITTEE_STATE = """
MATCH (k:CommunityCommittee {id: $committeeId})
RETURN properties(k) AS committee, [(u:Unit)-[m:MEMBER_OF]->(k) | [u.id, m.seat]] AS members
"""
# where the committee and the unit are: a unit sits only on committees of its own city
SEAT_PLACES = """
MATCH (u:Unit {id: $unitId})
OPTIONAL MATCH (:CommunityCommittee {id: $committeeId})<-[:HAS_COMMITTEE]-(:Community)-[:PART_OF]->(:Street)
               -[:PART_OF]->(city:City)
RETURN city.id AS committeeCity, city.name AS committeeCityName, city.provinceId AS committeeProvince,
       u.cityId AS unitCity, u.provinceId AS unitProvince
"""
# a unit without a place (created in a graph of several cities) takes the committee's city, with its resources
ADD_MEMBER = """
MATCH (k:CommunityCommittee {id: $committeeId}), (u:Unit {id: $unitId})
CREATE (u)-[:MEMBER_OF {seat: $seat, since: $since}]->(k)
WITH u WHERE u.cityId IS NULL AND u.provinceId IS NULL AND $cityId IS NOT NULL
SET u.cityId = $cityId, u.provinceId = $provinceId
WITH u
MATCH (u)-[:OFFERS]->(r:Resource)
SET r.cityId = $cityId, r.provinceId = $provinceId
"""
END_MEMBER = """
MATCH (u:Unit {id: $unitId})-[m:MEMBER_OF]->(k:CommunityCommittee {id: $committeeId})
CREATE (u)-[:WAS_MEMBER_OF {seat: m.seat, since: m.since, until: $until}]->(k)
DELETE m
"""
CONTACT_STATE = """
OPTIONAL MATCH (c:Community {id: $communityId})
OPTIONAL MATCH (c)-[:HAS_COMMITTEE]->(k:CommunityCommittee)
OPTIONAL MATCH (l:Leader {id: $leaderId})
OPTIONAL MATCH (old:Leader)-[oc:CONTACTS]->(c)
OPTIONAL MATCH (l)-[pc:CONTACTS]->(prev:Community)
RETURN c.id AS community, k.id AS committee, l.id AS leader, l.name AS leaderName,
       l.retiredOn IS NOT NULL AS retired, old.id AS old, prev.id AS prev, prev.name AS prevName,
       [x IN [oc.since, pc.since] WHERE x IS NOT NULL] AS starts
"""
# the leader's contact and first secretaryship, and the community's, end at $since (their history twins
# stay); then the new ones; with a swap, the community's former leader takes the one the leader left
SET_CONTACT = """
MATCH (c:Community {id: $communityId})-[:HAS_COMMITTEE]->(k:CommunityCommittee)
MATCH (l:Leader {id: $leaderId})
CALL (l) {
  MATCH (l)-[r:CONTACTS]->(x)
  CREATE (l)-[:WAS_CONTACT_OF {since: r.since, until: $since}]->(x) DELETE r
}
CALL (l) {
  MATCH (l)-[r:FIRST_SECRETARY_OF]->(x)
  CREATE (l)-[:WAS_FIRST_SECRETARY_OF {since: r.since, until: $since}]->(x) DELETE r
}
CALL (c) {
  MATCH (o:Leader)-[r:CONTACTS]->(c)
  CREATE (o)-[:WAS_CONTACT_OF {since: r.since, until: $since}]->(c) DELETE r
}
CALL (k) {
  MATCH (o:Leader)-[r:FIRST_SECRETARY_OF]->(k)
  CREATE (o)-[:WAS_FIRST_SECRETARY_OF {since: r.since, until: $since}]->(k) DELETE r
}
CREATE (l)-[:CONTACTS {since: $since}]->(c)
CREATE (l)-[:FIRST_SECRETARY_OF {since: $since}]->(k)
WITH l
CALL (l) {
  MATCH (old:Leader {id: $oldId}), (prev:Community {id: $prevId})-[:HAS_COMMITTEE]->(pk:CommunityCommittee)
  CREATE (old)-[:CONTACTS {since: $since}]->(prev)
  CREATE (old)-[:FIRST_SECRETARY_OF {since: $since}]->(pk)
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
    """Seats the unit; refuses (CONFLICT on unitId) a unit of another city, or a provincial unit."""
    row = await single(tx, SEAT_PLACES, unitId=member.unit_id, committeeId=member.committee_id)
    city = province = None
    if row is not None:
        city, province = row["committeeCity"], row["committeeProvince"]
        if row["unitCity"] is None and row["unitProvince"] is not None:
            raise Conflict("unitId: 省直单位不进入社区大党委", field="unitId")
        if row["unitCity"] is not None and city is not None and row["unitCity"] != city:
            raise Conflict(
                f"unitId: 该单位属于另一城市,不能进入{row['committeeCityName']}的社区大党委", field="unitId"
            )
    await (
        await tx.run(
            ADD_MEMBER,
            committeeId=member.committee_id,
            unitId=member.unit_id,
            seat=member.seat.value,
            since=member.since,
            cityId=city,
            provinceId=province,
        )
    ).consume()


async def end_member(tx: AsyncManagedTransaction, committee_id: str, unit_id: str, until: date) -> None:
    """The membership ends on `until`: it leaves the current members and stays in the history."""
    await (await tx.run(END_MEMBER, committeeId=committee_id, unitId=unit_id, until=until)).consume()


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
        leader_retired=bool(s["retired"]),
        latest_start=max((d for d in map(to_date, s["starts"]) if d is not None), default=None),
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


# ---------------------------------------------------------------- leaders, people, grids, compounds (#13)

LEADER_STATE = """
MATCH (l:Leader {id: $id}) OPTIONAL MATCH (l)-[:WORKS_AT]->(u:Unit)
RETURN properties(l) AS node, u.id AS unitId
"""
CREATE_LEADER = """
CREATE (l:Leader {id: $id, name: $name, title: $title, source: 'user', createdAt: datetime()})
RETURN properties(l) AS node
"""
UPDATE_LEADER = """
MATCH (l:Leader {id: $id}) SET l += $changes, l.updatedAt = datetime() RETURN properties(l) AS node
"""
SET_WORKS_AT = """
MATCH (l:Leader {id: $id}), (u:Unit {id: $unitId})
OPTIONAL MATCH (l)-[w:WORKS_AT]->()
DELETE w
WITH DISTINCT l, u
CREATE (l)-[:WORKS_AT]->(u)
"""
UNIT_EXISTS = "MATCH (u:Unit {id: $id}) RETURN u.id AS id"
# a retired leader stops contacting: its contact and first secretaryship become history on $on
RETIRE_LEADER = """
MATCH (l:Leader {id: $id})
SET l.retiredOn = $on, l.updatedAt = datetime()
WITH l
CALL (l) {
  MATCH (l)-[r:CONTACTS]->(x)
  CREATE (l)-[:WAS_CONTACT_OF {since: r.since, until: $on}]->(x) DELETE r
}
CALL (l) {
  MATCH (l)-[r:FIRST_SECRETARY_OF]->(x)
  CREATE (l)-[:WAS_FIRST_SECRETARY_OF {since: r.since, until: $on}]->(x) DELETE r
}
RETURN properties(l) AS node
"""
PERSON_STATE = "MATCH (p:Person {id: $id}) RETURN properties(p) AS node"
CREATE_PERSON = """
CREATE (p:Person {id: $id, name: $name, source: 'user', createdAt: datetime()}) RETURN properties(p) AS node
"""
UPDATE_PERSON = """
MATCH (p:Person {id: $id}) SET p.name = $name, p.updatedAt = datetime() RETURN properties(p) AS node
"""
SECRETARY_STATE = """
MATCH (k:CommunityCommittee {id: $committeeId})
OPTIONAL MATCH (p:Person)-[r:SECRETARY_OF]->(k)
RETURN p.id AS personId, r.since AS since
"""
SET_SECRETARY = """
MATCH (k:CommunityCommittee {id: $committeeId}), (p:Person {id: $personId})
CALL (k) {
  MATCH (old:Person)-[r:SECRETARY_OF]->(k)
  CREATE (old)-[:WAS_SECRETARY_OF {since: r.since, until: $since}]->(k) DELETE r
}
CREATE (p)-[:SECRETARY_OF {since: $since}]->(k)
"""
GRID_STATE = """
MATCH (g:Grid {id: $id})
OPTIONAL MATCH (g)-[:PART_OF]->(c:Community)
OPTIONAL MATCH (p:Person)-[:GRID_LEADER_OF]->(g)
RETURN properties(g) AS node, c.id AS communityId, p.id AS leaderId,
       COUNT { (:Compound)-[:IN_GRID]->(g) } AS compounds
"""
COMMUNITY_EXISTS = "MATCH (c:Community {id: $id}) RETURN c.id AS id"
CREATE_GRID = """
MATCH (c:Community {id: $communityId})
CREATE (g:Grid {id: $id, name: $name, households: $households, gridWorkers: $gridWorkers, source: 'user',
                createdAt: datetime()})
CREATE (g)-[:PART_OF]->(c)
RETURN properties(g) AS node
"""
UPDATE_GRID = """
MATCH (g:Grid {id: $id}) SET g += $changes, g.updatedAt = datetime() RETURN properties(g) AS node
"""
SET_GRID_LEADER = """
MATCH (g:Grid {id: $gridId}), (p:Person {id: $personId})
CALL (g) {
  MATCH (old:Person)-[r:GRID_LEADER_OF]->(g)
  CREATE (old)-[:WAS_GRID_LEADER_OF {since: r.since, until: $since}]->(g) DELETE r
}
CREATE (p)-[:GRID_LEADER_OF {since: $since}]->(g)
"""
# a community's households are the sum of its current grids'
COMMUNITY_HOUSEHOLDS = """
MATCH (c:Community {id: $communityId})
SET c.households = COLLECT { MATCH (g:Grid)-[:PART_OF]->(c) RETURN sum(g.households) AS total }[0]
"""
RETIRE_GRID = """
MATCH (g:Grid {id: $id})
SET g.retiredOn = $on, g.updatedAt = datetime()
WITH g
CALL (g) {
  MATCH (g)-[r:PART_OF]->(c:Community)
  CREATE (g)-[:WAS_PART_OF {until: $on}]->(c) DELETE r
}
CALL (g) {
  MATCH (p:Person)-[r:GRID_LEADER_OF]->(g)
  CREATE (p)-[:WAS_GRID_LEADER_OF {since: r.since, until: $on}]->(g) DELETE r
}
RETURN properties(g) AS node
"""
GRID_PLACES = """
UNWIND $ids AS gid
OPTIONAL MATCH (g:Grid {id: gid})
OPTIONAL MATCH (g)-[:PART_OF]->(c:Community)
RETURN gid, g IS NOT NULL AS found, c.id AS communityId, g.retiredOn AS retiredOn
"""
COMPOUND_STATE = """
MATCH (x:Compound {id: $id})
RETURN properties(x) AS node, [(x)-[:IN_GRID]->(g:Grid) | g.id] AS gridIds,
       [(x)-[:IN_GRID]->(:Grid)-[:PART_OF]->(c:Community) | c.id][0] AS communityId
"""
CREATE_COMPOUND = """
CREATE (x:Compound {id: $id, name: $name, kind: $kind, households: $households,
                    hasPartyBranch: $hasPartyBranch, source: 'user', createdAt: datetime()})
WITH x
UNWIND $gridIds AS gid
MATCH (g:Grid {id: gid})
CREATE (x)-[:IN_GRID {since: $since}]->(g)
WITH DISTINCT x
RETURN properties(x) AS node
"""
UPDATE_COMPOUND = """
MATCH (x:Compound {id: $id}) SET x += $changes, x.updatedAt = datetime() RETURN properties(x) AS node
"""
# the compound leaves the grids not in $gridIds (history) and enters the new ones
MOVE_COMPOUND = """
MATCH (x:Compound {id: $id})
CALL (x) {
  MATCH (x)-[r:IN_GRID]->(g:Grid) WHERE NOT g.id IN $gridIds
  CREATE (x)-[:WAS_IN_GRID {since: r.since, until: $since}]->(g) DELETE r
}
CALL (x) {
  UNWIND $gridIds AS gid
  MATCH (g:Grid {id: gid}) WHERE NOT EXISTS { (x)-[:IN_GRID]->(g) }
  CREATE (x)-[:IN_GRID {since: $since}]->(g)
}
"""
RETIRE_COMPOUND = """
MATCH (x:Compound {id: $id})
SET x.retiredOn = $on, x.updatedAt = datetime()
WITH x
CALL (x) {
  MATCH (x)-[r:IN_GRID]->(g:Grid)
  CREATE (x)-[:WAS_IN_GRID {since: r.since, until: $on}]->(g) DELETE r
}
RETURN properties(x) AS node
"""


async def leader_state(tx: AsyncManagedTransaction, leader_id: str) -> tuple[e.Leader, str | None] | None:
    """A leader and the id of the unit it works at."""
    row = await single(tx, LEADER_STATE, id=leader_id)
    return (mapping.leader(row["node"]), row["unitId"]) if row else None


async def unit_exists(tx: AsyncManagedTransaction, unit_id: str) -> bool:
    return await single(tx, UNIT_EXISTS, id=unit_id) is not None


async def community_exists(tx: AsyncManagedTransaction, community_id: str) -> bool:
    return await single(tx, COMMUNITY_EXISTS, id=community_id) is not None


def _created(label: str, node_id: str) -> Conflict:
    return Conflict(f"id: 编号为 {node_id} 的{label}已存在", field="id")


async def create_leader(tx: AsyncManagedTransaction, leader: NewLeader) -> e.Leader:
    try:
        row = await single(tx, CREATE_LEADER, id=leader.id, name=leader.name, title=leader.title)
    except ConstraintError:
        raise _created("市领导", leader.id or "") from None
    if leader.unit_id:
        await single(tx, SET_WORKS_AT, id=leader.id, unitId=leader.unit_id)
    return mapping.leader(row["node"])


async def update_leader(tx: AsyncManagedTransaction, changes: LeaderChanges) -> e.Leader:
    props = {k: v for k, v in {"name": changes.name, "title": changes.title}.items() if v is not None}
    row = await single(tx, UPDATE_LEADER, id=changes.id, changes=props)
    if changes.unit_id:
        await single(tx, SET_WORKS_AT, id=changes.id, unitId=changes.unit_id)
    return mapping.leader(row["node"])


async def retire_leader(tx: AsyncManagedTransaction, leader_id: str, on: date) -> e.Leader:
    return mapping.leader((await single(tx, RETIRE_LEADER, id=leader_id, on=on))["node"])


async def person(tx: AsyncManagedTransaction, person_id: str) -> e.Person | None:
    row = await single(tx, PERSON_STATE, id=person_id)
    return mapping.person(row["node"]) if row else None


async def create_person(tx: AsyncManagedTransaction, p: NewPerson) -> e.Person:
    try:
        row = await single(tx, CREATE_PERSON, id=p.id, name=p.name)
    except ConstraintError:
        raise _created("人员", p.id or "") from None
    return mapping.person(row["node"])


async def update_person(tx: AsyncManagedTransaction, p: PersonChanges) -> e.Person:
    return mapping.person((await single(tx, UPDATE_PERSON, id=p.id, name=p.name))["node"])


async def secretary_state(tx: AsyncManagedTransaction, committee_id: str) -> tuple[str | None, date | None]:
    """The committee's secretary (person id) and since when; (None, None) without one."""
    row = await single(tx, SECRETARY_STATE, committeeId=committee_id)
    return (row["personId"], to_date(row["since"])) if row else (None, None)


async def set_secretary(tx: AsyncManagedTransaction, change: SecretaryChange) -> None:
    await single(
        tx, SET_SECRETARY, committeeId=change.committee_id, personId=change.person_id, since=change.since
    )


@dataclass(frozen=True)
class GridState:
    grid: e.Grid
    community_id: str | None
    leader_id: str | None
    compounds: int


async def grid_state(tx: AsyncManagedTransaction, grid_id: str) -> GridState | None:
    row = await single(tx, GRID_STATE, id=grid_id)
    if row is None:
        return None
    return GridState(mapping.grid(row["node"]), row["communityId"], row["leaderId"], int(row["compounds"]))


async def create_grid(tx: AsyncManagedTransaction, g: NewGrid) -> e.Grid:
    try:
        row = await single(
            tx,
            CREATE_GRID,
            id=g.id,
            communityId=g.community_id,
            name=g.name,
            households=g.households,
            gridWorkers=g.grid_workers,
        )
    except ConstraintError:
        raise _created("网格", g.id or "") from None
    await single(tx, COMMUNITY_HOUSEHOLDS, communityId=g.community_id)
    return mapping.grid(row["node"])


async def update_grid(tx: AsyncManagedTransaction, changes: GridChanges, community_id: str | None) -> e.Grid:
    props = {
        k: v
        for k, v in {
            "name": changes.name,
            "households": changes.households,
            "gridWorkers": changes.grid_workers,
        }.items()
        if v is not None
    }
    row = await single(tx, UPDATE_GRID, id=changes.id, changes=props)
    if community_id and changes.households is not None:
        await single(tx, COMMUNITY_HOUSEHOLDS, communityId=community_id)
    return mapping.grid(row["node"])


async def set_grid_leader(tx: AsyncManagedTransaction, grid_id: str, person_id: str, since: date) -> None:
    await single(tx, SET_GRID_LEADER, gridId=grid_id, personId=person_id, since=since)


async def retire_grid(
    tx: AsyncManagedTransaction, grid_id: str, on: date, community_id: str | None
) -> e.Grid:
    row = await single(tx, RETIRE_GRID, id=grid_id, on=on)
    if community_id:
        await single(tx, COMMUNITY_HOUSEHOLDS, communityId=community_id)
    return mapping.grid(row["node"])


async def grid_places(tx: AsyncManagedTransaction, grid_ids: tuple[str, ...]) -> tuple[GridPlace, ...]:
    rows = await (await tx.run(GRID_PLACES, ids=list(grid_ids))).data()
    return tuple(
        GridPlace(r["gid"], bool(r["found"]), r["communityId"], to_date(r["retiredOn"])) for r in rows
    )


@dataclass(frozen=True)
class CompoundState:
    compound: e.Compound
    grid_ids: tuple[str, ...]
    community_id: str | None


async def compound_state(tx: AsyncManagedTransaction, compound_id: str) -> CompoundState | None:
    row = await single(tx, COMPOUND_STATE, id=compound_id)
    if row is None:
        return None
    return CompoundState(mapping.compound(row["node"]), tuple(sorted(row["gridIds"])), row["communityId"])


async def create_compound(tx: AsyncManagedTransaction, x: NewCompound, since: date) -> e.Compound:
    try:
        row = await single(
            tx,
            CREATE_COMPOUND,
            id=x.id,
            name=x.name,
            kind=x.kind.value,
            households=x.households,
            hasPartyBranch=x.has_party_branch,
            gridIds=list(x.grid_ids),
            since=since,
        )
    except ConstraintError:
        raise _created("小区", x.id or "") from None
    return mapping.compound(row["node"])


async def update_compound(tx: AsyncManagedTransaction, changes: CompoundChanges, since: date) -> e.Compound:
    props: dict[str, object] = {
        k: v
        for k, v in {
            "name": changes.name,
            "households": changes.households,
            "hasPartyBranch": changes.has_party_branch,
            "kind": changes.kind.value if changes.kind else None,
        }.items()
        if v is not None
    }
    row = await single(tx, UPDATE_COMPOUND, id=changes.id, changes=props)
    if changes.grid_ids is not None:
        await single(tx, MOVE_COMPOUND, id=changes.id, gridIds=list(changes.grid_ids), since=since)
    return mapping.compound(row["node"])


async def retire_compound(tx: AsyncManagedTransaction, compound_id: str, on: date) -> e.Compound:
    return mapping.compound((await single(tx, RETIRE_COMPOUND, id=compound_id, on=on))["node"])
