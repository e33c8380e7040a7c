"""The one decoding module: graph records (node and relationship property maps) to domain entities.

What a node holds is written here and in the Cypher of the graph modules; nothing above graph/ sees
a property map."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from neo4j.time import Date, DateTime

from orggraph.domain import entities as e
from orggraph.domain.model import (
    CompoundKind,
    NeedStatus,
    ResourceStatus,
    Seat,
    ServiceArea,
    TaskStatus,
    UnitKind,
    Urgency,
)
from orggraph.domain.taxonomy import Domain, Population, SupportType

Props = Mapping[str, Any]


def to_date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, Date):
        return value.to_native()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def to_datetime(value: Any) -> datetime:
    return value.to_native() if isinstance(value, DateTime) else value


def _date(value: Any) -> date:
    d = to_date(value)
    if d is None:
        raise ValueError("a required date is missing")
    return d


def street(p: Props) -> e.Street:
    return e.Street(p["id"], p["name"], p.get("source", ""))


def community(p: Props) -> e.Community:
    return e.Community(p["id"], p["name"], p.get("source", ""), int(p.get("households") or 0))


def committee(p: Props) -> e.CommunityCommittee:
    return e.CommunityCommittee(p["id"], p["name"])


def working_committee(p: Props) -> e.StreetWorkingCommittee:
    return e.StreetWorkingCommittee(p["id"], p["name"])


def person(p: Props) -> e.Person:
    return e.Person(p["id"], p["name"])


def leader(p: Props) -> e.Leader:
    return e.Leader(p["id"], p["name"], p.get("title", ""), to_date(p.get("retiredOn")))


def unit(p: Props) -> e.Unit:
    return e.Unit(
        p["id"], p["name"], UnitKind(p["kind"]), int(p.get("partyMembers") or 0), p.get("source", "")
    )


def grid(p: Props) -> e.Grid:
    return e.Grid(
        p["id"],
        p["name"],
        int(p.get("households") or 0),
        int(p.get("gridWorkers") or 0),
        to_date(p.get("retiredOn")),
    )


def compound(p: Props) -> e.Compound:
    return e.Compound(
        p["id"],
        p["name"],
        CompoundKind(p["kind"]),
        int(p.get("households") or 0),
        bool(p.get("hasPartyBranch")),
        p.get("source", ""),
        to_date(p.get("retiredOn")),
    )


def need(p: Props) -> e.Need:
    return e.Need(
        id=p["id"],
        title=p["title"],
        description=p.get("description", ""),
        support_types=tuple(SupportType(x) for x in p.get("supportTypes", [])),
        domain=Domain(p["domain"]),
        populations=tuple(Population(x) for x in p.get("populations", [])),
        quantity=float(p["quantity"]),
        quantity_unit=p.get("quantityUnit", ""),
        needed_by=_date(p["neededBy"]),
        urgency=Urgency(p.get("urgency", "NORMAL")),
        status=NeedStatus(p["status"]),
        origin=p.get("origin"),
    )


def resource(p: Props) -> e.Resource:
    return e.Resource(
        id=p["id"],
        title=p["title"],
        description=p.get("description", ""),
        support_type=SupportType(p["supportType"]),
        domains=tuple(Domain(x) for x in p.get("domains", [])),
        populations=tuple(Population(x) for x in p.get("populations", [])),
        capacity=float(p["capacity"]),
        capacity_unit=p.get("capacityUnit", ""),
        available_from=_date(p["availableFrom"]),
        available_until=_date(p["availableUntil"]),
        service_area=ServiceArea(p["serviceArea"]),
        status=ResourceStatus(p.get("status", "ACTIVE")),
        allocated=float(p.get("allocated") or 0),
    )


def need_step(p: Props) -> e.NeedStep:
    return e.NeedStep(
        at=to_datetime(p["at"]),
        from_status=NeedStatus(p["from"]) if p.get("from") else None,
        to_status=NeedStatus(p["to"]),
        by=p.get("by", ""),
        note=p.get("note", ""),
    )


def meeting(p: Props) -> e.JointMeeting:
    return e.JointMeeting(p["id"], _date(p["heldOn"]), p.get("topic", ""), int(p.get("problemsSolved") or 0))


def membership(unit_id: str, committee_id: str, rel: Props) -> e.Membership:
    return e.Membership(
        unit_id, committee_id, Seat(rel["seat"]), to_date(rel.get("since")), to_date(rel.get("until"))
    )


def task(row: Props) -> e.Task:
    """A task from a record of `task` (its properties), `needId`, `resourceId`, `unitId`, `communityId`."""
    t = row["task"]
    return e.Task(
        id=t["id"],
        title=t.get("title", ""),
        standard=t.get("standard", ""),
        deadline=_date(t["deadline"]),
        status=TaskStatus(t["status"]),
        quantity=float(t.get("quantity") or 0),
        rating=t.get("rating"),
        comment=t.get("comment"),
        override_reason=t.get("overrideReason"),
        recommended_rank=t.get("recommendedRank"),
        need_id=row["needId"],
        resource_id=row["resourceId"],
        unit_id=row["unitId"],
        community_id=row["communityId"],
    )


def audit_entry(a: Props) -> e.AuditEntry:
    return e.AuditEntry(
        a["id"],
        to_datetime(a["at"]),
        a["actor"],
        a.get("role"),
        a["action"],
        a.get("target"),
        a.get("detail", "{}"),
        a.get("requestId"),
    )
