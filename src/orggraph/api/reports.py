"""Reports and dispatch (智慧管家) in the API: the types, the queries (report, reports, dispatchRules,
departmentReportStats) and the mutations (submitReport, dispatchReport, reassignReport, acceptReport,
handleReport, rateReport, setDispatchRule)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

import strawberry

from orggraph.api.context import Ctx
from orggraph.api.enums import mirror
from orggraph.api.network_types import MASKED, Compound, Unit
from orggraph.api.relay import Connection
from orggraph.api.words import arg, input_field
from orggraph.domain import entities as e
from orggraph.domain import glossary
from orggraph.domain import reports as dr
from orggraph.domain.errors import BadInput
from orggraph.domain.model import Label
from orggraph.domain.queries import page_size
from orggraph.graph import report_writes
from orggraph.graph.hops import Node, Nodes
from orggraph.graph.paging import decode_cursor, encode_cursor
from orggraph.services import reports

Arg = strawberry.argument

ReportStatus = mirror(dr.ReportStatus, dr.REPORT_STATUS_LABELS, "ReportStatus")
ReporterRole = mirror(dr.ReporterRole, dr.REPORTER_ROLE_LABELS, "ReporterRole")
Satisfaction = mirror(dr.Satisfaction, dr.SATISFACTION_LABELS, "Satisfaction")
Campaign = mirror(dr.Campaign, dr.CAMPAIGN_LABELS, "ReportTheme")  # 四大破题 ("Campaign" is a 集中行动)
ReportAction = mirror(dr.ReportAction, dr.REPORT_ACTION_LABELS, "ReportAction")

# a category's Chinese label, looked up in the dispatch table (a rule's id is its category)
CATEGORY_LABEL: Node[str] = Node(Label.DispatchRule, lambda p: str(p.get("label") or p.get("category") or ""))
FIRST_REPORTS = datetime(2021, 1, 1, tzinfo=UTC)  # 「2021年以来」: the figures' default start


def _api(api_enum: Any, value: Any) -> Any:
    return api_enum(value.value) if value is not None else None


def _domain(domain_enum: Any, value: Any) -> Any:
    return domain_enum(value.value) if value is not None else None


def _sees(info: Ctx, r: dr.Report) -> bool:
    return dr.sees_reporter(info.context.principal, r.street_id, r)


R = "Report"


@strawberry.type(description=glossary.describe("ReportEvent"))
class ReportEvent:
    at: datetime = strawberry.field(description=glossary.describe("ReportEvent", "at"))
    action: ReportAction = strawberry.field(description=glossary.describe("ReportEvent", "action"))  # type: ignore[valid-type]
    action_label: str = strawberry.field(description=glossary.describe("ReportEvent", "actionLabel"))
    status: ReportStatus = strawberry.field(description=glossary.describe("ReportEvent", "status"))  # type: ignore[valid-type]
    note: str = strawberry.field(description=glossary.describe("ReportEvent", "note"))
    satisfaction: Satisfaction | None = strawberry.field(  # type: ignore[valid-type]
        description=glossary.describe("ReportEvent", "satisfaction")
    )
    real_by: strawberry.Private[str]
    shown: strawberry.Private[bool]
    department_id: strawberry.Private[str | None]

    @classmethod
    def from_entity(cls, ev: dr.ReportEvent, shown: bool) -> ReportEvent:
        return cls(
            at=ev.at, action=_api(ReportAction, ev.action), action_label=dr.REPORT_ACTION_LABELS[ev.action],
            status=_api(ReportStatus, ev.status), note=ev.note, satisfaction=_api(Satisfaction, ev.satisfaction),
            real_by=ev.by, shown=shown, department_id=ev.department_id,
        )  # fmt: skip

    @strawberry.field(description=glossary.describe("ReportEvent", "by"))
    def by(self) -> str:
        return self.real_by if self.shown else MASKED

    @strawberry.field(description=glossary.describe("ReportEvent", "department"))
    async def department(self, info: Ctx) -> Unit | None:
        if self.department_id is None:
            return None
        u = await info.context.loaders.node(Nodes.UNIT, self.department_id)
        return Unit.from_entity(u) if u else None


@strawberry.type(description=glossary.describe("Report"))
class Report:
    id: strawberry.ID = strawberry.field(description=glossary.describe(R, "id"))
    category: str = strawberry.field(description=glossary.describe(R, "category"))
    text: str = strawberry.field(description=glossary.describe(R, "text"))
    reporter_role: ReporterRole = strawberry.field(description=glossary.describe(R, "reporterRole"))  # type: ignore[valid-type]
    reported_at: datetime = strawberry.field(description=glossary.describe(R, "reportedAt"))
    status: ReportStatus = strawberry.field(description=glossary.describe(R, "status"))  # type: ignore[valid-type]
    status_label: str = strawberry.field(description=glossary.describe(R, "statusLabel"))
    campaign: Campaign | None = strawberry.field(description=glossary.describe(R, "campaign"))  # type: ignore[valid-type]
    dispatched_at: datetime | None = strawberry.field(description=glossary.describe(R, "dispatchedAt"))
    deadline: datetime | None = strawberry.field(description=glossary.describe(R, "deadline"))
    accepted_at: datetime | None = strawberry.field(description=glossary.describe(R, "acceptedAt"))
    handled_at: datetime | None = strawberry.field(description=glossary.describe(R, "handledAt"))
    handling_note: str | None = strawberry.field(description=glossary.describe(R, "handlingNote"))
    closed_at: datetime | None = strawberry.field(description=glossary.describe(R, "closedAt"))
    satisfaction: Satisfaction | None = strawberry.field(description=glossary.describe(R, "satisfaction"))  # type: ignore[valid-type]
    handled_late: bool | None = strawberry.field(description=glossary.describe(R, "handledLate"))
    entity: strawberry.Private[dr.Report]

    @classmethod
    def from_entity(cls, r: dr.Report) -> Report:
        return cls(
            id=strawberry.ID(r.id), category=r.category, text=r.text,
            reporter_role=_api(ReporterRole, r.reporter_role), reported_at=r.reported_at,
            status=_api(ReportStatus, r.status), status_label=dr.REPORT_STATUS_LABELS[r.status],
            campaign=_api(Campaign, r.campaign), dispatched_at=r.dispatched_at, deadline=r.deadline,
            accepted_at=r.accepted_at, handled_at=r.handled_at, handling_note=r.handling_note,
            closed_at=r.closed_at, satisfaction=_api(Satisfaction, r.satisfaction), handled_late=r.handled_late,
            entity=r,
        )  # fmt: skip

    @strawberry.field(description=glossary.describe(R, "categoryLabel"))
    async def category_label(self, info: Ctx) -> str:
        found = await info.context.loaders.node(CATEGORY_LABEL, self.category)
        return found or self.category

    @strawberry.field(description=glossary.describe(R, "reporterName"))
    def reporter_name(self, info: Ctx) -> str | None:
        name = self.entity.reporter_name
        return name if name is None or _sees(info, self.entity) else MASKED

    @strawberry.field(description=glossary.describe(R, "reporterPhone"))
    def reporter_phone(self, info: Ctx) -> str | None:
        phone = self.entity.reporter_phone
        return phone if phone is None or _sees(info, self.entity) else MASKED

    @strawberry.field(description=glossary.describe(R, "overdue"))
    def overdue(self) -> bool:
        return self.entity.overdue(reports.now())

    @strawberry.field(description=glossary.describe(R, "compound"))
    async def compound(self, info: Ctx) -> Compound | None:
        if self.entity.compound_id is None:
            return None
        c = await info.context.loaders.node(Nodes.COMPOUND, self.entity.compound_id)
        return Compound.from_entity(c) if c else None

    @strawberry.field(description=glossary.describe(R, "department"))
    async def department(self, info: Ctx) -> Unit | None:
        if self.entity.department_id is None:
            return None
        u = await info.context.loaders.node(Nodes.UNIT, self.entity.department_id)
        return Unit.from_entity(u) if u else None

    @strawberry.field(description=glossary.describe(R, "events"))
    async def events(self, info: Ctx) -> list[ReportEvent]:
        shown = _sees(info, self.entity)
        found = await report_writes.events(info.context.graph, self.entity.id)
        return [ReportEvent.from_entity(ev, shown) for ev in found]


@strawberry.type(description=glossary.describe("DispatchRule"))
class DispatchRule:
    category: str = strawberry.field(description=glossary.describe("DispatchRule", "category"))
    label: str = strawberry.field(description=glossary.describe("DispatchRule", "label"))
    hours: int = strawberry.field(description=glossary.describe("DispatchRule", "hours"))
    campaign: Campaign | None = strawberry.field(description=glossary.describe("DispatchRule", "campaign"))  # type: ignore[valid-type]
    department_id: strawberry.Private[str]

    @classmethod
    def from_entity(cls, r: dr.DispatchRule) -> DispatchRule:
        return cls(
            category=r.category, label=r.label, hours=r.hours, campaign=_api(Campaign, r.campaign),
            department_id=r.department_id,
        )  # fmt: skip

    @strawberry.field(description=glossary.describe("DispatchRule", "department"))
    async def department(self, info: Ctx) -> Unit | None:
        u = await info.context.loaders.node(Nodes.UNIT, self.department_id)
        return Unit.from_entity(u) if u else None


F = "ReportFigures"


@strawberry.type(description=glossary.describe(F))
class ReportFigures:
    received: int = strawberry.field(description=glossary.describe(F, "received"))
    handled: int = strawberry.field(description=glossary.describe(F, "handled"))
    handled_on_time: int = strawberry.field(description=glossary.describe(F, "handledOnTime"))
    handled_late: int = strawberry.field(description=glossary.describe(F, "handledLate"))
    open: int = strawberry.field(description=glossary.describe(F, "open"))
    overdue_open: int = strawberry.field(description=glossary.describe(F, "overdueOpen"))
    rated: int = strawberry.field(description=glossary.describe(F, "rated"))
    satisfied: int = strawberry.field(description=glossary.describe(F, "satisfied"))
    basically_satisfied: int = strawberry.field(description=glossary.describe(F, "basicallySatisfied"))
    dissatisfied: int = strawberry.field(description=glossary.describe(F, "dissatisfied"))
    satisfaction_rate: float | None = strawberry.field(description=glossary.describe(F, "satisfactionRate"))
    on_time_rate: float | None = strawberry.field(description=glossary.describe(F, "onTimeRate"))
    explanation: str = strawberry.field(description=glossary.describe(F, "explanation"))
    department_id: strawberry.Private[str | None]

    @classmethod
    def from_entity(cls, f: dr.ReportFigures) -> ReportFigures:
        return cls(
            received=f.received, handled=f.handled, handled_on_time=f.handled_on_time,
            handled_late=f.handled_late, open=f.open, overdue_open=f.overdue_open, rated=f.rated,
            satisfied=f.satisfied, basically_satisfied=f.basically_satisfied, dissatisfied=f.dissatisfied,
            satisfaction_rate=f.satisfaction_rate, on_time_rate=f.on_time_rate, explanation=f.explanation,
            department_id=f.department_id,
        )  # fmt: skip

    @strawberry.field(description=glossary.describe(F, "department"))
    async def department(self, info: Ctx) -> Unit | None:
        if self.department_id is None:
            return None
        u = await info.context.loaders.node(Nodes.UNIT, self.department_id)
        return Unit.from_entity(u) if u else None


@strawberry.type(description=glossary.describe("ReportStats"))
class ReportStats:
    from_: datetime = strawberry.field(name="from", description=glossary.describe("ReportStats", "from"))
    to: datetime = strawberry.field(description=glossary.describe("ReportStats", "to"))
    departments: list[ReportFigures] = strawberry.field(
        description=glossary.describe("ReportStats", "departments")
    )
    city: ReportFigures = strawberry.field(description=glossary.describe("ReportStats", "city"))


def _sum(rows: list[dr.ReportFigures]) -> dr.ReportFigures:
    return dr.ReportFigures(
        *(sum(getattr(r, f) for r in rows) for f in (
            "received", "handled", "handled_on_time", "handled_late", "open", "overdue_open", "rated",
            "satisfied", "basically_satisfied", "dissatisfied",
        ))
    )  # fmt: skip


@strawberry.type(description="群众反映分页列表,按上报时间倒序")
class ReportConnection(Connection[Report]):
    pass


RF = "ReportFilter"


@strawberry.input(description=glossary.describe(RF))
class ReportFilter:
    status: list[ReportStatus] | None = input_field(RF, "status", default=None)  # type: ignore[valid-type]
    compound_id: strawberry.ID | None = input_field(RF, "compoundId", default=None)
    community_id: strawberry.ID | None = input_field(RF, "communityId", default=None)
    street_id: strawberry.ID | None = input_field(RF, "streetId", default=None)
    department_id: strawberry.ID | None = input_field(RF, "departmentId", default=None)
    category: str | None = input_field(RF, "category", default=None)
    campaign: Campaign | None = input_field(RF, "campaign", default=None)  # type: ignore[valid-type]
    overdue: bool | None = input_field(RF, "overdue", default=None)
    from_: datetime | None = strawberry.field(
        name="from", description=glossary.describe(RF, "from"), default=None
    )
    to: datetime | None = input_field(RF, "to", default=None)


MAX_REPORTS_PAGE = 100


def _after(cursor: str | None) -> tuple[datetime, str] | None:
    found = decode_cursor(cursor)
    if found is None:
        return None
    try:
        return datetime.fromisoformat(found[0]), found[1]
    except ValueError:
        raise BadInput("after: 游标无效(不是本服务返回的游标)", field="after") from None


@strawberry.type
class ReportQuery:
    @strawberry.field(description=glossary.use_case("report"))
    async def report(self, info: Ctx, id: Annotated[strawberry.ID, arg("report", "id")]) -> Report | None:
        found = await report_writes.find_report(info.context.graph, id)
        return Report.from_entity(found) if found else None

    @strawberry.field(description=glossary.use_case("reports"))
    async def reports(
        self,
        info: Ctx,
        filter: Annotated[ReportFilter | None, arg("reports", "filter")] = None,
        first: Annotated[int | None, arg("reports", "first")] = None,
        after: Annotated[str | None, arg("reports", "after")] = None,
    ) -> ReportConnection:
        f = filter or ReportFilter()
        query = dr.ReportFilter(
            status=tuple(_domain(dr.ReportStatus, s) for s in f.status or ()), compound_id=f.compound_id,
            community_id=f.community_id, street_id=f.street_id, department_id=f.department_id,
            category=f.category, campaign=_domain(dr.Campaign, f.campaign), overdue=f.overdue,
            since=f.from_, until=f.to,
        ).checked()  # fmt: skip
        size = page_size(first, "first", MAX_REPORTS_PAGE)
        total, found, more = await report_writes.reports_page(
            info.context.graph, query, reports.now(), size, _after(after)
        )
        items = tuple((encode_cursor(r.reported_at.isoformat(), r.id), r) for r in found)
        page = e.Page(items=items, has_next=more, has_previous=after is not None, total=total)
        return ReportConnection.of(page, Report.from_entity)

    @strawberry.field(description=glossary.use_case("dispatchRules"))
    async def dispatch_rules(self, info: Ctx) -> list[DispatchRule]:
        return [DispatchRule.from_entity(r) for r in await report_writes.dispatch_rules(info.context.graph)]

    @strawberry.field(description=glossary.use_case("departmentReportStats"))
    async def department_report_stats(
        self,
        info: Ctx,
        from_: Annotated[
            datetime | None, Arg(name="from", description=glossary.argument("departmentReportStats", "from"))
        ] = None,
        to: Annotated[datetime | None, arg("departmentReportStats", "to")] = None,
        department_id: Annotated[strawberry.ID | None, arg("departmentReportStats", "departmentId")] = None,
    ) -> ReportStats:
        now = reports.now()
        since = _aware(from_) if from_ else FIRST_REPORTS
        until = _aware(to) if to else now
        if until <= since:
            raise BadInput("to: 截止时间应晚于起始时间", field="to")
        rows, ruled = await report_writes.figures(info.context.graph, since, until, now)
        city = _sum(rows)
        by_department = {r.department_id: r for r in rows if r.department_id is not None}
        for unit_id in ruled:
            by_department.setdefault(unit_id, dr.ReportFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, unit_id))
        shown = [
            r for r in by_department.values() if department_id is None or r.department_id == department_id
        ]
        shown.sort(key=lambda r: (-r.received, r.department_id or ""))
        return ReportStats(
            from_=since, to=until, departments=[ReportFigures.from_entity(r) for r in shown],
            city=ReportFigures.from_entity(city),
        )  # fmt: skip


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


@strawberry.input(description=glossary.input_type("submitReport"))
class SubmitReportInput:
    compound_id: strawberry.ID = input_field(R, "compoundId")
    category: str = input_field("DispatchRule", "category")
    text: str = input_field(R, "text")
    reporter_role: ReporterRole | None = input_field(R, "reporterRole", default=None)  # type: ignore[valid-type]
    reporter_name: str | None = input_field(R, "reporterName", default=None)
    reporter_phone: str | None = input_field(R, "reporterPhone", default=None)
    reported_at: datetime | None = input_field(R, "reportedAt", default=None)
    client_id: str | None = input_field(R, "clientId", default=None)


@strawberry.input(description=glossary.input_type("dispatchReport"))
class DispatchReportInput:
    id: strawberry.ID = input_field(R, "id")
    category: str | None = input_field("DispatchRule", "category", default=None)
    campaign: Campaign | None = input_field(R, "campaign", default=None)  # type: ignore[valid-type]
    department_id: strawberry.ID | None = input_field("ReportFilter", "departmentId", default=None)
    hours: int | None = input_field("DispatchRule", "hours", default=None)


@strawberry.input(description=glossary.input_type("reassignReport"))
class ReassignReportInput:
    id: strawberry.ID = input_field(R, "id")
    department_id: strawberry.ID = input_field("ReportFilter", "departmentId")
    reason: str = input_field(R, "reason")
    hours: int | None = input_field("DispatchRule", "hours", default=None)


@strawberry.input(description=glossary.input_type("handleReport"))
class HandleReportInput:
    id: strawberry.ID = input_field(R, "id")
    note: str = input_field(R, "note")


@strawberry.input(description=glossary.input_type("rateReport"))
class RateReportInput:
    id: strawberry.ID = input_field(R, "id")
    satisfaction: Satisfaction = input_field(R, "satisfaction")  # type: ignore[valid-type]
    comment: str = input_field(R, "comment", default="")
    reopen: bool = input_field(R, "reopen", default=False)


@strawberry.input(description=glossary.input_type("setDispatchRule"))
class SetDispatchRuleInput:
    category: str = input_field("DispatchRule", "category")
    label: str = input_field("DispatchRule", "label")
    department_id: strawberry.ID = input_field("ReportFilter", "departmentId")
    hours: int = input_field("DispatchRule", "hours")
    campaign: Campaign | None = input_field("DispatchRule", "campaign", default=None)  # type: ignore[valid-type]


@strawberry.type
class ReportMutation:
    @strawberry.mutation(description=glossary.use_case("submitReport"))
    async def submit_report(
        self, info: Ctx, input: Annotated[SubmitReportInput, arg("submitReport", "input")]
    ) -> Report:
        cmd = dr.NewReport(
            compound_id=input.compound_id, category=input.category, text=input.text,
            reporter_role=_domain(dr.ReporterRole, input.reporter_role), reporter_name=input.reporter_name,
            reporter_phone=input.reporter_phone, reported_at=input.reported_at, client_id=input.client_id,
        )  # fmt: skip
        return Report.from_entity(await reports.submit_report(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("dispatchReport"))
    async def dispatch_report(
        self, info: Ctx, input: Annotated[DispatchReportInput, arg("dispatchReport", "input")]
    ) -> Report:
        cmd = dr.DispatchReport(
            id=input.id, category=input.category, campaign=_domain(dr.Campaign, input.campaign),
            department_id=input.department_id, hours=input.hours,
        )  # fmt: skip
        return Report.from_entity(await reports.dispatch_report(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("reassignReport"))
    async def reassign_report(
        self, info: Ctx, input: Annotated[ReassignReportInput, arg("reassignReport", "input")]
    ) -> Report:
        cmd = dr.ReassignReport(
            id=input.id, department_id=input.department_id, reason=input.reason, hours=input.hours
        )
        return Report.from_entity(await reports.reassign_report(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("acceptReport"))
    async def accept_report(
        self, info: Ctx, id: Annotated[strawberry.ID, arg("acceptReport", "id")]
    ) -> Report:
        return Report.from_entity(await reports.accept_report(info.context.graph, info.context.caller, id))

    @strawberry.mutation(description=glossary.use_case("handleReport"))
    async def handle_report(
        self, info: Ctx, input: Annotated[HandleReportInput, arg("handleReport", "input")]
    ) -> Report:
        cmd = dr.HandleReport(id=input.id, note=input.note)
        return Report.from_entity(await reports.handle_report(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("rateReport"))
    async def rate_report(
        self, info: Ctx, input: Annotated[RateReportInput, arg("rateReport", "input")]
    ) -> Report:
        cmd = dr.RateReport(
            id=input.id, satisfaction=_domain(dr.Satisfaction, input.satisfaction), comment=input.comment,
            reopen=input.reopen,
        )  # fmt: skip
        return Report.from_entity(await reports.rate_report(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("setDispatchRule"))
    async def set_dispatch_rule(
        self, info: Ctx, input: Annotated[SetDispatchRuleInput, arg("setDispatchRule", "input")]
    ) -> DispatchRule:
        cmd = dr.SetDispatchRule(
            category=input.category, label=input.label, department_id=input.department_id, hours=input.hours,
            campaign=_domain(dr.Campaign, input.campaign),
        )  # fmt: skip
        rule = await reports.set_dispatch_rule(info.context.graph, info.context.caller, cmd)
        return DispatchRule.from_entity(rule)
