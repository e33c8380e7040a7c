"""Reads and writes of reports and the dispatch table (智慧管家), inside the use cases' transactions and for
the API's reads. They read the state orggraph.domain.reports judges and write what the use case decided;
they decide nothing. The Cypher is in orggraph.graph.report_cypher."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from neo4j import AsyncManagedTransaction
from neo4j.exceptions import ConstraintError

from orggraph.domain.errors import Conflict
from orggraph.domain.reports import (
    WITH_DEPARTMENT,
    Campaign,
    DispatchRule,
    NewReport,
    Report,
    ReportAction,
    ReporterRole,
    ReportEvent,
    ReportFigures,
    ReportFilter,
    ReportStatus,
    Satisfaction,
    SetDispatchRule,
)
from orggraph.graph import report_cypher as Q
from orggraph.graph.mapping import to_datetime
from orggraph.graph.runner import Graph, single

OPEN = [s.value for s in WITH_DEPARTMENT]


def _dt(value: Any) -> datetime | None:
    return to_datetime(value) if value is not None else None


def report(p: Mapping[str, Any]) -> Report:
    return Report(
        id=p["id"],
        category=p["category"],
        text=p.get("text") or "",
        reporter_role=ReporterRole(p["reporterRole"]),
        reported_at=to_datetime(p["reportedAt"]),
        status=ReportStatus(p["status"]),
        compound_id=p.get("compoundId"),
        reporter_name=p.get("reporterName"),
        reporter_phone=p.get("reporterPhone"),
        reporter_subject=p.get("reporterSubject"),
        campaign=Campaign(p["campaign"]) if p.get("campaign") else None,
        department_id=p.get("departmentId"),
        dispatched_at=_dt(p.get("dispatchedAt")),
        deadline=_dt(p.get("deadline")),
        accepted_at=_dt(p.get("acceptedAt")),
        handled_at=_dt(p.get("handledAt")),
        handling_note=p.get("handlingNote"),
        closed_at=_dt(p.get("closedAt")),
        satisfaction=Satisfaction(p["satisfaction"]) if p.get("satisfaction") else None,
        client_id=p.get("clientId"),
        community_id=p.get("communityId"),
        street_id=p.get("streetId"),
    )


def rule(p: Mapping[str, Any]) -> DispatchRule:
    return DispatchRule(
        category=p["category"],
        label=p.get("label") or p["category"],
        department_id=p["departmentId"],
        hours=int(p["hours"]),
        campaign=Campaign(p["campaign"]) if p.get("campaign") else None,
    )


def event(p: Mapping[str, Any]) -> ReportEvent:
    return ReportEvent(
        at=to_datetime(p["at"]),
        action=ReportAction(p["action"]),
        status=ReportStatus(p["status"]),
        by=p.get("by") or "",
        note=p.get("note") or "",
        department_id=p.get("unitId"),
        satisfaction=Satisfaction(p["satisfaction"]) if p.get("satisfaction") else None,
    )


# ------------------------------------------------------------------ inside a use case's transaction


@dataclass(frozen=True)
class SubmitState:
    compound_exists: bool
    first_id: str | None  # the report registered with the clientId
    same_id: bool  # a report already holds the id


async def submit_state(tx: AsyncManagedTransaction, cmd: NewReport) -> SubmitState:
    row = await single(tx, Q.SUBMIT_STATE, compoundId=cmd.compound_id, clientId=cmd.client_id, id=cmd.id)
    assert row is not None
    return SubmitState(row["compound"] is not None, row["firstId"], row["sameId"] is not None)


async def report_in(tx: AsyncManagedTransaction, report_id: str) -> Report | None:
    row = await single(tx, Q.REPORT, id=report_id)
    return report(row["report"]) if row else None


async def submit(tx: AsyncManagedTransaction, cmd: NewReport, role: ReporterRole, by: str) -> Report:
    try:
        row = await single(
            tx, Q.SUBMIT, compoundId=cmd.compound_id, id=cmd.id, category=cmd.category, text=cmd.text,
            reporterRole=role.value, reportedAt=cmd.reported_at, reporterName=cmd.reporter_name,
            reporterPhone=cmd.reporter_phone, by=by, clientId=cmd.client_id,
        )  # fmt: skip
    except ConstraintError:
        raise Conflict("clientId: 反映编号冲突,请重试", field="clientId") from None
    assert row is not None
    return report(row["report"])


async def step_state(
    tx: AsyncManagedTransaction, category: str, department_id: str | None
) -> tuple[DispatchRule | None, bool]:
    """The dispatch rule of the category and whether the department (when given) exists."""
    row = await single(tx, Q.STEP_STATE, category=category, departmentId=department_id)
    assert row is not None
    found = row["rule"]
    return (rule(found) if found and found.get("departmentId") else None), row["department"] is not None


async def dispatch(
    tx: AsyncManagedTransaction, *, report_id: str, department_id: str, category: str,
    campaign: Campaign | None, at: datetime, deadline: datetime, action: ReportAction, note: str, by: str,
) -> Report:  # fmt: skip
    row = await single(
        tx, Q.DISPATCH, id=report_id, departmentId=department_id, category=category,
        campaign=campaign.value if campaign else None, at=at, deadline=deadline, action=action.value,
        note=note, by=by,
    )  # fmt: skip
    assert row is not None
    return report(row["report"])


async def step(
    tx: AsyncManagedTransaction, *, report_id: str, changes: dict[str, Any], at: datetime,
    action: ReportAction, note: str, by: str, satisfaction: Satisfaction | None = None,
) -> Report:  # fmt: skip
    row = await single(
        tx, Q.STEP, id=report_id, changes=changes, at=at, action=action.value, note=note, by=by,
        satisfaction=satisfaction.value if satisfaction else None,
    )  # fmt: skip
    assert row is not None
    return report(row["report"])


async def unit_exists(tx: AsyncManagedTransaction, unit_id: str) -> bool:
    row = await single(tx, Q.UNIT_EXISTS, id=unit_id)
    return row is not None and row["id"] is not None


async def set_rule(tx: AsyncManagedTransaction, cmd: SetDispatchRule) -> DispatchRule:
    row = await single(
        tx, Q.SET_DISPATCH_RULE, category=cmd.category, label=cmd.label, hours=cmd.hours,
        departmentId=cmd.department_id, campaign=cmd.campaign.value if cmd.campaign else None,
    )  # fmt: skip
    assert row is not None
    return rule(row["rule"])


# ------------------------------------------------------------------ reads for the API


async def find_report(graph: Graph, report_id: str) -> Report | None:
    rows = await graph.read(Q.REPORT, id=report_id)
    return report(rows[0]["report"]) if rows else None


async def events(graph: Graph, report_id: str) -> list[ReportEvent]:
    return [event(r["event"]) for r in await graph.read(Q.EVENTS, id=report_id)]


async def dispatch_rules(graph: Graph) -> list[DispatchRule]:
    return [rule(r["rule"]) for r in await graph.read(Q.DISPATCH_RULES)]


async def reports_page(
    graph: Graph, f: ReportFilter, now: datetime, size: int, after: tuple[datetime, str] | None
) -> tuple[int, list[Report], bool]:
    """The total of the filter, the page (newest first) after the cursor, and whether more follow."""
    rows = await graph.read(
        Q.REPORTS,
        statuses=[s.value for s in f.status] or None, since=f.since, until=f.until, category=f.category,
        campaign=f.campaign.value if f.campaign else None, overdue=f.overdue, open=OPEN, now=now,
        compoundId=f.compound_id, communityId=f.community_id, streetId=f.street_id,
        departmentId=f.department_id, afterAt=after[0] if after else None, afterId=after[1] if after else None,
        size=size,
    )  # fmt: skip
    if not rows:
        return 0, [], False
    page = [report(p) for p in rows[0]["page"]]
    return int(rows[0]["total"]), page[:size], len(page) > size


async def figures(
    graph: Graph, since: datetime, until: datetime, now: datetime
) -> tuple[list[ReportFigures], list[str]]:
    """Per current department (None: not yet dispatched), the figures of the reports reported in the
    period; and the departments of the dispatch table."""
    rows = await graph.read(Q.FIGURES, since=since, until=until, now=now, open=OPEN)
    found = [
        ReportFigures(
            received=r["received"],
            handled=r["handled"],
            handled_on_time=r["onTime"],
            handled_late=r["late"],
            open=r["open"],
            overdue_open=r["overdue"],
            rated=r["rated"],
            satisfied=r["satisfied"],
            basically_satisfied=r["basically"],
            dissatisfied=r["dissatisfied"],
            department_id=r["department"],
        )
        for r in rows[0]["rows"]
    ]
    return found, list(rows[0]["ruled"])
