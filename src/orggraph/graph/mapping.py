"""The one decoding module: graph records (node and relationship property maps) to domain entities.

What a node holds is written here and in the Cypher of the graph modules; nothing above graph/ sees
a property map."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from neo4j.time import Date, DateTime

from orggraph.domain import entities as e
from orggraph.domain import governance
from orggraph.domain import party_members as pm
from orggraph.domain.evaluations import UnitEvaluation
from orggraph.domain.model import (
    CityKind,
    CompoundKind,
    NeedStatus,
    ProblemLevel,
    ProblemSource,
    ProblemStatus,
    ProjectStatus,
    ResourceStatus,
    Seat,
    ServiceArea,
    TaskStatus,
    UnitKind,
    Urgency,
)
from orggraph.domain.projects import CommitteeSeat, Project, ProjectNote
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


def _int(value: Any) -> int | None:
    return int(value) if value is not None else None


def _float(value: Any) -> float | None:
    return float(value) if value is not None else None


def city(p: Props) -> e.City:
    return e.City(
        id=p["id"],
        name=p["name"],
        source=p.get("source", ""),
        area_km2=_float(p.get("areaKm2")),
        population=_int(p.get("population")),
        urban_population=_int(p.get("urbanPopulation")),
        urbanization_rate=_float(p.get("urbanizationRate")),
        towns=_int(p.get("towns")),
        streets_count=_int(p.get("streetsCount")),
        high_tech_zones=_int(p.get("highTechZones")),
        villages_and_communities=_int(p.get("villagesAndCommunities")),
        urban_communities=_int(p.get("urbanCommunities")),
        province_id=p.get("provinceId"),
        prefecture=p.get("prefecture"),
        kind=CityKind(p["kind"]) if p.get("kind") else None,
    )


def province(p: Props) -> e.Province:
    return e.Province(id=p["id"], name=p["name"], source=p.get("source", ""))


# The properties `community` and `need` read (and the Date ones among them, which to_date reads from their ISO
# text too): a statement that answers with such a node projects these alone, not the whole node (a need's
# words and creation time, which Neo4j would send and the driver decode for nothing): graph/library_writes.py,
# and api/compiled/catalog.py, whose unit tests hold each decoder to its keys and dates.
COMMUNITY_KEYS = ("id", "name", "source", "households")
NEED_KEYS = (
    "id",
    "title",
    "description",
    "supportTypes",
    "domain",
    "populations",
    "quantity",
    "quantityUnit",
    "neededBy",
    "urgency",
    "status",
    "origin",
)
NEED_DATES = frozenset({"neededBy"})


def present(p: Props) -> dict[str, Any]:
    """The properties a projection found (a missing one comes back null; the decoders read it with its default,
    as they would from properties(n), which leaves it out)."""
    return {k: v for k, v in p.items() if v is not None}


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
        p["id"],
        p["name"],
        UnitKind(p["kind"]),
        int(p.get("partyMembers") or 0),
        p.get("source", ""),
        bool(p.get("nonProfit") or False),
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


def concept(p: Props) -> e.Concept:
    return e.Concept(
        id=p["id"],
        name=p["name"],
        synonyms=tuple(p.get("synonyms") or ()),
        domains=tuple(Domain(x) for x in p.get("domains") or ()),
        support_types=tuple(SupportType(x) for x in p.get("supportTypes") or ()),
    )


def concept_tag(p: Props, rel: Props) -> e.ConceptTag:
    return e.ConceptTag(concept(p), rel.get("source", "auto"))


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
    return e.JointMeeting(p["id"], _date(p["heldOn"]), p.get("topic", ""))


def escalation(p: Props) -> e.Escalation:
    return e.Escalation(
        ProblemLevel(p["from"]),
        ProblemLevel(p["to"]),
        to_datetime(p["at"]),
        p.get("by", ""),
        p.get("reason", ""),
    )


def problem(row: Props) -> e.Problem:
    """A problem from a record of `problem` (its properties), `communityId`, `streetId`, `gridId`,
    `tasks` (each [status, completedOn]) and `escalations` (their properties)."""
    p = row["problem"]
    tasks = row["tasks"]
    status = governance.problem_status(t[0] for t in tasks)
    done = [d for d in (to_date(t[1]) for t in tasks if t[0] == TaskStatus.DONE.value) if d is not None]
    return e.Problem(
        id=p["id"],
        title=p["title"],
        description=p.get("description", ""),
        source=ProblemSource(p["source"]),
        level=ProblemLevel(p["level"]),
        raised_on=_date(p["raisedOn"]),
        street_id=row["streetId"],
        community_id=row["communityId"],
        grid_id=row["gridId"],
        status=status,
        solved_on=max(done) if status is ProblemStatus.SOLVED and done else None,
        escalations=tuple(sorted((escalation(x) for x in row["escalations"]), key=lambda x: x.at)),
    )


def membership(unit_id: str, committee_id: str, rel: Props) -> e.Membership:
    return e.Membership(
        unit_id, committee_id, Seat(rel["seat"]), to_date(rel.get("since")), to_date(rel.get("until"))
    )


def task(row: Props) -> e.Task:
    """A task from a record of `task` (its properties), `needId`, `resourceId`, `unitId`, `communityId`,
    and, from the reads that know them, `problemId` and `streetId` (task_reads.TASK_COLUMNS)."""
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
        problem_id=row.get("problemId"),
        street_id=row.get("streetId"),
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


# ---------------------------------------------------------------- working committee, projects, evaluations
def committee_seat(person_id: str, committee_id: str, r: Props) -> CommitteeSeat:
    """A person's seat (PART_TIME_MEMBER_OF, or WAS_PART_TIME_MEMBER_OF once ended) on a committee."""
    return CommitteeSeat(
        person_id,
        committee_id,
        r.get("unitId") or "",
        r.get("post") or "",
        _date(r["since"]),
        to_date(r.get("until")),
    )


def project(p: Props) -> Project:
    return Project(
        p["id"], int(p["year"]), p["title"], p.get("description") or "", ProjectStatus(p["status"])
    )


def project_note(p: Props) -> ProjectNote:
    return ProjectNote(p["id"], _date(p["at"]), p["text"], p.get("by") or "")


def unit_evaluation(community_id: str, unit_id: str, r: Props) -> UnitEvaluation:
    at = r.get("at")
    return UnitEvaluation(
        community_id, unit_id, int(r["year"]), int(r["score"]), r.get("comment") or "",
        to_datetime(at) if at is not None else None, r.get("by") or "",
    )  # fmt: skip


# ---------------------------------------------------------------- in-service party members, campaigns (#14)


def party_member(p: Props) -> pm.PartyMember:
    """From a row {person, unitId, since, compoundId, compoundOn, communityId, communityOn}."""
    return pm.PartyMember(
        p["person"]["id"], p["person"]["name"], p["unitId"], to_date(p.get("since")),
        p.get("compoundId"), to_date(p.get("compoundOn")), p.get("communityId"), to_date(p.get("communityOn")),
    )  # fmt: skip


def commitment(person_id: str, p: Props) -> pm.Commitment:
    return pm.Commitment(person_id, int(p["year"]), p.get("duty", ""), p.get("promise", ""))


def road_section(p: Props, community_id: str | None) -> pm.RoadSection:
    return pm.RoadSection(p["id"], p["name"], community_id, p.get("source", ""))


def service_record(p: Props, person_id: str, community_id: str | None) -> pm.ServiceRecord:
    return pm.ServiceRecord(
        p["id"], person_id, community_id, _date(p["on"]), float(p["hours"]), p.get("activity", ""),
        float(p["points"]),
    )  # fmt: skip


def campaign(p: Props) -> pm.Campaign:
    return pm.Campaign(
        p["id"],
        p["name"],
        p.get("kind", ""),
        _date(p["startedOn"]),
        to_date(p.get("endedOn")),
        p.get("source", ""),
    )


def campaign_group(p: Props) -> pm.CampaignGroup:
    """From a row {group, campaignId, communityId, members, compounds, roadSections}."""
    g = p["group"]
    return pm.CampaignGroup(
        g["id"], p["campaignId"], pm.GroupKind(g["kind"]), g["name"], p.get("communityId"),
        int(p.get("members") or 0), int(p.get("compounds") or 0), int(p.get("roadSections") or 0),
    )  # fmt: skip


def zone(p: Props) -> pm.Zone:
    """From a row {keeperKind, keeper, zoneKind, zone, rel}."""
    return pm.Zone(
        p["keeperKind"], p["keeper"]["id"], p["keeper"]["name"], pm.ZoneKind(p["zoneKind"]), p["zone"]["id"],
        p["zone"]["name"], p["rel"].get("duty", ""), to_date(p["rel"].get("since")),
    )  # fmt: skip
