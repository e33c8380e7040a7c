"""Use cases of reports and dispatch (智慧管家): submitReport, dispatchReport, reassignReport, acceptReport,
handleReport, rateReport and setDispatchRule.

Each authorizes (domain.auth: the reporter submits and rates, the command centre dispatches and reassigns,
the department accepts and handles), checks its command, and runs one write transaction with its audit
record, in which it reads the report, asks the rules of orggraph.domain.reports and writes. A retry of a
step already taken (same clientId, same department, same note, same rating) returns the report as it is.
The audit record names no personal data (the reporter's name and phone stay on the report).
"""

from __future__ import annotations

from datetime import UTC, datetime

from neo4j import AsyncManagedTransaction

from orggraph.domain import reports as rules
from orggraph.domain.auth import Action
from orggraph.domain.errors import Conflict, not_found
from orggraph.domain.model import Label
from orggraph.domain.reports import (
    DispatchReport,
    DispatchRule,
    HandleReport,
    NewReport,
    RateReport,
    ReassignReport,
    Report,
    ReportAction,
    ReportStatus,
    SetDispatchRule,
)
from orggraph.graph import report_writes as w
from orggraph.graph.runner import Graph
from orggraph.services.caller import Caller, authorize

WHAT = "群众反映"


def now() -> datetime:
    return datetime.now(UTC)


async def _report(tx: AsyncManagedTransaction, report_id: str) -> Report:
    found = await w.report_in(tx, report_id)
    if found is None:
        raise not_found(WHAT, report_id, "id")
    return found


async def submit_report(graph: Graph, caller: Caller, cmd: NewReport) -> Report:
    await authorize(graph, caller, Action.SUBMIT_REPORT, Label.Compound, cmd.compound_id)
    r = cmd.checked(now())
    role = rules.reporter_role_for(caller.principal, r.reporter_role)
    by = caller.principal.subject
    report_id = r.id or ""  # checked() made one

    async def work(tx: AsyncManagedTransaction) -> Report:
        state = await w.submit_state(tx, r)
        if state.first_id is not None:
            first = await _report(tx, state.first_id)
            if first.reporter_subject != by:
                raise Conflict("clientId: 该幂等键已被其他账号的反映使用", field="clientId")
            return first  # a retry: the report first registered with this clientId
        if not state.compound_exists:
            raise not_found("小区", r.compound_id, "compoundId")
        if state.same_id:
            raise Conflict(f"id: 编号为 {report_id} 的反映已存在", field="id")
        return await w.submit(tx, r, role, by)

    audit = caller.audit(
        "submitReport", report_id, compoundId=r.compound_id, category=r.category, reporterRole=role.value,
        clientId=r.client_id,
    )  # fmt: skip
    return await graph.write(work, audit)


async def dispatch_report(graph: Graph, caller: Caller, cmd: DispatchReport) -> Report:
    """Classify and dispatch: to the department given, else by the dispatch table's rule of the category."""
    await authorize(graph, caller, Action.DISPATCH_REPORT, Label.Report, cmd.id)
    d = cmd.checked()
    at = now()

    async def work(tx: AsyncManagedTransaction) -> Report:
        report = await _report(tx, d.id)
        rule, department_exists = await w.step_state(tx, d.category or report.category, d.department_id)
        category, department, hours, campaign = rules.dispatch_target(d, report, rule)
        if d.department_id is not None and not department_exists:
            raise not_found("单位", d.department_id, "departmentId")
        if rules.is_dispatch_retry(report, d, department):
            return report
        rules.check_step(report, ReportAction.DISPATCH)
        return await w.dispatch(
            tx, report_id=d.id, department_id=department, category=category, campaign=campaign, at=at,
            deadline=rules.deadline(at, hours), action=ReportAction.DISPATCH, note="", by=caller.principal.subject,
        )  # fmt: skip

    audit = caller.audit(
        "dispatchReport", d.id, category=d.category, departmentId=d.department_id, hours=d.hours,
        campaign=d.campaign.value if d.campaign else None,
    )  # fmt: skip
    return await graph.write(work, audit)


async def reassign_report(graph: Graph, caller: Caller, cmd: ReassignReport) -> Report:
    """Send a report with a department to another one, with a reason; the earlier dispatch stays as history."""
    await authorize(graph, caller, Action.DISPATCH_REPORT, Label.Report, cmd.id)
    c = cmd.checked()
    at = now()

    async def work(tx: AsyncManagedTransaction) -> Report:
        report = await _report(tx, c.id)
        rule, department_exists = await w.step_state(tx, report.category, c.department_id)
        if not department_exists:
            raise not_found("单位", c.department_id, "departmentId")
        if report.department_id == c.department_id:
            if report.status is ReportStatus.DISPATCHED:
                return report  # a retry: already with that department
            raise Conflict("departmentId: 该反映已由此部门办理,无需改派", field="departmentId")
        rules.check_step(report, ReportAction.REASSIGN)
        asked = DispatchReport(c.id, department_id=c.department_id, hours=c.hours)
        category, department, hours, campaign = rules.dispatch_target(asked, report, rule)
        return await w.dispatch(
            tx, report_id=c.id, department_id=department, category=category, campaign=campaign, at=at,
            deadline=rules.deadline(at, hours), action=ReportAction.REASSIGN, note=c.reason,
            by=caller.principal.subject,
        )  # fmt: skip

    audit = caller.audit("reassignReport", c.id, departmentId=c.department_id, reason=c.reason, hours=c.hours)
    return await graph.write(work, audit)


async def accept_report(graph: Graph, caller: Caller, report_id: str) -> Report:
    await authorize(graph, caller, Action.HANDLE_REPORT, Label.Report, report_id)
    at = now()

    async def work(tx: AsyncManagedTransaction) -> Report:
        report = await _report(tx, report_id)
        if report.status is ReportStatus.ACCEPTED:
            return report  # a retry
        rules.check_step(report, ReportAction.ACCEPT)
        return await w.step(
            tx, report_id=report_id, changes={"status": ReportStatus.ACCEPTED.value, "acceptedAt": at}, at=at,
            action=ReportAction.ACCEPT, note="", by=caller.principal.subject,
        )  # fmt: skip

    return await graph.write(work, caller.audit("acceptReport", report_id))


async def handle_report(graph: Graph, caller: Caller, cmd: HandleReport) -> Report:
    await authorize(graph, caller, Action.HANDLE_REPORT, Label.Report, cmd.id)
    h = cmd.checked()
    at = now()

    async def work(tx: AsyncManagedTransaction) -> Report:
        report = await _report(tx, h.id)
        if report.status is ReportStatus.HANDLED and report.handling_note == h.note:
            return report  # a retry
        rules.check_step(report, ReportAction.HANDLE)
        changes = {"status": ReportStatus.HANDLED.value, "handledAt": at, "handlingNote": h.note,
                   "acceptedAt": report.accepted_at or at}  # fmt: skip
        return await w.step(
            tx, report_id=h.id, changes=changes, at=at, action=ReportAction.HANDLE, note=h.note,
            by=caller.principal.subject,
        )  # fmt: skip

    return await graph.write(work, caller.audit("handleReport", h.id))


async def rate_report(graph: Graph, caller: Caller, cmd: RateReport) -> Report:
    """The reporter's satisfaction closes the report; a dissatisfied reporter may reopen it instead."""
    await authorize(graph, caller, Action.RATE_REPORT, Label.Report, cmd.id)
    r = cmd.checked()
    at = now()

    async def work(tx: AsyncManagedTransaction) -> Report:
        report = await _report(tx, r.id)
        if rules.is_rating_retry(report, r):
            return report
        rules.check_step(report, ReportAction.RATE)
        status = rules.after_rating(r)
        changes: dict[str, object] = (
            {"status": status.value, "satisfaction": None, "closedAt": None}
            if status is ReportStatus.REOPENED
            else {"status": status.value, "satisfaction": r.satisfaction.value, "closedAt": at}
        )
        return await w.step(
            tx, report_id=r.id, changes=changes, at=at, action=ReportAction.RATE, note=r.comment,
            by=caller.principal.subject, satisfaction=r.satisfaction,
        )  # fmt: skip

    audit = caller.audit("rateReport", r.id, satisfaction=r.satisfaction.value, reopen=r.reopen)
    return await graph.write(work, audit)


async def set_dispatch_rule(graph: Graph, caller: Caller, cmd: SetDispatchRule) -> DispatchRule:
    """Add or change the dispatch table's row of a category (the same row again changes nothing)."""
    await authorize(graph, caller, Action.EDIT_DISPATCH_TABLE)
    s = cmd.checked()

    async def work(tx: AsyncManagedTransaction) -> DispatchRule:
        if not await w.unit_exists(tx, s.department_id):
            raise not_found("单位", s.department_id, "departmentId")
        return await w.set_rule(tx, s)

    audit = caller.audit(
        "setDispatchRule", s.category, label=s.label, departmentId=s.department_id, hours=s.hours,
        campaign=s.campaign.value if s.campaign else None,
    )  # fmt: skip
    return await graph.write(work, audit)
