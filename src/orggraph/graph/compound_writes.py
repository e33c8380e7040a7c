"""Writes of compounds and 红色物业 (issue #14): the state the rules judge, read inside the write
transaction, and the writes the use cases decided. Deciding nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from neo4j import AsyncManagedTransaction

from orggraph.domain import compounds as cp
from orggraph.domain import entities as e
from orggraph.graph import mapping
from orggraph.graph.compound_reads import (
    ISSUE_MAP,
    MEETING_MAP,
    OFFICE_MAP,
    _issue_row,
    _meeting_row,
    _office_row,
)
from orggraph.graph.runner import single

COMPOUND_STATE = """
MATCH (c:Compound {id: $id})
RETURN properties(c) AS node,
       [(c)-[:MANAGED_BY]->(u:Unit) | u.id][0] AS managerId,
       [(c)-[:GOVERNED_BY]->(u:Unit) | u.id][0] AS ownersId,
       EXISTS { (:PartyOrganization {kind: 'CORE_BRANCH'})-[:ORGANIZED_IN]->(c) } AS hasCore
"""
UNIT_STATE = "MATCH (u:Unit {id: $id}) RETURN u.kind AS kind, coalesce(u.nonProfit, false) AS nonProfit"
SET_MANAGER = """
MATCH (c:Compound {id: $id}), (u:Unit {id: $unitId})
OPTIONAL MATCH (c)-[r:MANAGED_BY]->() DELETE r
WITH DISTINCT c, u
MERGE (c)-[:MANAGED_BY]->(u)
"""
SET_OWNERS_COMMITTEE = """
MATCH (c:Compound {id: $id})
MERGE (u:Unit {id: $unitId})
  ON CREATE SET u.kind = 'OWNERS_COMMITTEE', u.source = 'user', u.createdAt = datetime()
SET u.name = $name, u.members = $members, u.partyMembers = $partyMembers, u.updatedAt = datetime()
MERGE (c)-[:GOVERNED_BY]->(u)
"""
SET_COMPOUND = "MATCH (c:Compound {id: $id}) SET c += $props, c.updatedAt = datetime()"
PARTY_ORG_STATE = """
MATCH (o:PartyOrganization {id: $id})
RETURN properties(o) AS node, [(o)-[:ORGANIZED_IN]->(c:Compound) | c.id][0] AS compoundId
"""
KIND_TAKEN = """
MATCH (o:PartyOrganization {kind: $kind})-[:ORGANIZED_IN]->(:Compound {id: $compoundId})
WHERE o.id <> $id RETURN o.id AS id LIMIT 1
"""
SET_PARTY_ORG = """
MATCH (c:Compound {id: $compoundId})
MERGE (o:PartyOrganization {id: $id})
  ON CREATE SET o.source = 'user', o.createdAt = datetime()
SET o.kind = $kind, o.name = $name, o.members = $members, o.updatedAt = datetime()
MERGE (o)-[:ORGANIZED_IN]->(c)
SET c.hasPartyBranch = CASE WHEN $kind = 'CORE_BRANCH' THEN true ELSE c.hasPartyBranch END
RETURN properties(o) AS node
"""
OFFICE_STATE = (
    "MATCH (o:TripartiteOffice {id: $id}) RETURN "
    + OFFICE_MAP
    + " AS row, "
    + ("[(o)-[:SERVES]->(c:Compound) | c.id] AS compoundIds")
)
MEETING_STATE = "MATCH (m:TripartiteMeeting {id: $id}) RETURN " + MEETING_MAP + " AS row"
ISSUE_STATE = (
    "MATCH (i:PropertyIssue {id: $id}) SET i._lock = true REMOVE i._lock RETURN " + ISSUE_MAP + " AS row"
)
CREATE_MEETING = """
MATCH (o:TripartiteOffice {id: $officeId})
CREATE (m:TripartiteMeeting {id: $id, heldOn: $heldOn, topic: $topic, parties: $parties,
        residentRepresentatives: $residentRepresentatives, decisions: $decisions, source: 'user',
        createdAt: datetime()})-[:HELD_BY]->(o)
WITH m
UNWIND $issueIds AS issueId
MATCH (i:PropertyIssue {id: issueId})
MERGE (m)-[:DISCUSSED]->(i)
"""
STEP = """
MATCH (i:PropertyIssue {id: $id})
SET i.step = $step, i.stepNames = i.stepNames + $step, i.stepAts = i.stepAts + $at,
    i.stepBys = i.stepBys + $by, i.stepNotes = i.stepNotes + $note, i.updatedAt = datetime(),
    i.doneOn = CASE WHEN $step = 'DONE' THEN $on ELSE i.doneOn END
"""
CREATE_ISSUE = """
MATCH (o:TripartiteOffice {id: $officeId})
CREATE (i:PropertyIssue {id: $id, title: $title, description: $description, urgency: $urgency,
        difficulty: $difficulty, step: 'COLLECTED', raisedOn: $on, stepNames: ['COLLECTED'], stepAts: [$at],
        stepBys: [$by], stepNotes: [$note], source: 'user', createdAt: datetime()})-[:HANDLED_BY]->(o)
WITH i
CALL (i) {
  MATCH (c:Compound {id: $compoundId})
  MERGE (i)-[:ABOUT]->(c)
}
"""


@dataclass(frozen=True)
class CompoundState:
    compound: e.Compound
    manager_id: str | None
    owners_id: str | None
    has_core: bool


async def compound_state(tx: AsyncManagedTransaction, compound_id: str) -> CompoundState | None:
    row = await single(tx, COMPOUND_STATE, id=compound_id)
    if row is None:
        return None
    return CompoundState(
        mapping.compound(row["node"]), row["managerId"], row["ownersId"], bool(row["hasCore"])
    )


async def unit_state(tx: AsyncManagedTransaction, unit_id: str) -> tuple[str, bool] | None:
    row = await single(tx, UNIT_STATE, id=unit_id)
    return (str(row["kind"]), bool(row["nonProfit"])) if row else None


async def set_manager(tx: AsyncManagedTransaction, compound_id: str, unit_id: str) -> None:
    await (await tx.run(SET_MANAGER, id=compound_id, unitId=unit_id)).consume()


async def set_owners_committee(
    tx: AsyncManagedTransaction, compound_id: str, unit_id: str, oc: cp.OwnersCommitteeInput
) -> None:
    await (
        await tx.run(
            SET_OWNERS_COMMITTEE,
            id=compound_id,
            unitId=unit_id,
            name=oc.name,
            members=oc.members,
            partyMembers=oc.party_members,
        )
    ).consume()


async def set_compound(tx: AsyncManagedTransaction, compound_id: str, props: dict[str, Any]) -> None:
    await (await tx.run(SET_COMPOUND, id=compound_id, props=props)).consume()


async def party_org_compound(tx: AsyncManagedTransaction, org_id: str) -> str | None:
    """The compound of an existing party organisation ("" when it has none), None when there is none."""
    row = await single(tx, PARTY_ORG_STATE, id=org_id)
    return None if row is None else (row["compoundId"] or "")


async def kind_taken(
    tx: AsyncManagedTransaction, compound_id: str, kind: cp.PartyOrgKind, org_id: str
) -> str | None:
    row = await single(tx, KIND_TAKEN, compoundId=compound_id, kind=kind.value, id=org_id)
    return str(row["id"]) if row else None


async def set_party_org(tx: AsyncManagedTransaction, x: cp.PartyOrgInput) -> cp.PartyOrganization:
    row = await single(
        tx,
        SET_PARTY_ORG,
        compoundId=x.compound_id,
        id=x.id,
        kind=x.kind.value,
        name=x.name,
        members=x.members,
    )
    from orggraph.graph.compound_reads import party_organization

    return party_organization(x.compound_id, row["node"])


async def office_state(
    tx: AsyncManagedTransaction, office_id: str
) -> tuple[cp.TripartiteOffice, set[str]] | None:
    row = await single(tx, OFFICE_STATE, id=office_id)
    return (_office_row(row["row"]), set(row["compoundIds"])) if row else None


async def meeting_state(tx: AsyncManagedTransaction, meeting_id: str) -> cp.TripartiteMeeting | None:
    row = await single(tx, MEETING_STATE, id=meeting_id)
    return _meeting_row(row["row"]) if row else None


async def locked_issue(tx: AsyncManagedTransaction, issue_id: str) -> cp.PropertyIssue | None:
    """The issue, write-locked for the rest of the transaction (two advances cannot both pass the check)."""
    row = await single(tx, ISSUE_STATE, id=issue_id)
    return _issue_row(row["row"]) if row else None


async def create_meeting(tx: AsyncManagedTransaction, m: cp.NewTripartiteMeeting) -> None:
    await (
        await tx.run(
            CREATE_MEETING,
            officeId=m.office_id,
            id=m.id,
            heldOn=m.held_on,
            topic=m.topic,
            parties=[p.value for p in m.parties],
            residentRepresentatives=m.resident_representatives,
            decisions=list(m.decisions),
            issueIds=[mv.issue_id for mv in m.moves],
        )
    ).consume()


async def step(
    tx: AsyncManagedTransaction, issue_id: str, to: cp.IssueStep, at: datetime, by: str, note: str
) -> None:
    await (await tx.run(STEP, id=issue_id, step=to.value, at=at, by=by, note=note, on=at.date())).consume()


async def create_issue(tx: AsyncManagedTransaction, x: cp.NewPropertyIssue, at: datetime, by: str) -> None:
    await (
        await tx.run(
            CREATE_ISSUE,
            officeId=x.office_id,
            id=x.id,
            title=x.title,
            description=x.description,
            urgency=x.urgency.value,
            difficulty=x.difficulty.value,
            on=at.date(),
            at=at,
            by=by,
            note="收集民意",
            compoundId=x.compound_id or "",
        )
    ).consume()
