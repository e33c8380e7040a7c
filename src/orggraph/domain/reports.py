"""Reports and dispatch (红色智慧管家): grid workers and residents report property problems at a compound;
the command centre (the street admin, or the organization department) classifies each report, tags it with
one of the 四大破题 campaigns when it fits, and dispatches it to a department (a Unit) with a time limit
taken from the dispatch table; the department accepts it and handles it; the reporter's satisfaction
closes it. A dissatisfied reporter may instead reopen it: it goes back to the command centre, which
dispatches it again (the dissatisfied rating stays in the report's history).

    REPORTED --dispatch--> DISPATCHED --accept--> ACCEPTED --handle--> HANDLED --rate--> CLOSED
                              ^   |  reassign (with a reason)  |     (handle from DISPATCHED too)  |
                              |   +----------------------------+                                   |
    REOPENED --dispatch-------+  <------------------- rate DISSATISFIED with reopen ----------------+

Overdue: with a department (DISPATCHED or ACCEPTED) past its deadline. Handled late: handledAt after the
deadline. Satisfaction rate: (SATISFIED + BASICALLY_SATISFIED) / rated.

Pure: the entities, commands and rules; orggraph.graph reads and writes, orggraph.services decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from orggraph.domain.auth import Principal, Role
from orggraph.domain.commands import new_id
from orggraph.domain.errors import BadInput, Conflict
from orggraph.domain.text import clean_id, clean_text


class ReportStatus(StrEnum):
    REPORTED = "REPORTED"
    DISPATCHED = "DISPATCHED"
    ACCEPTED = "ACCEPTED"
    HANDLED = "HANDLED"
    CLOSED = "CLOSED"
    REOPENED = "REOPENED"


REPORT_STATUS_LABELS = {
    ReportStatus.REPORTED: "待派单",
    ReportStatus.DISPATCHED: "已派单",
    ReportStatus.ACCEPTED: "已接单",
    ReportStatus.HANDLED: "已办结待评价",
    ReportStatus.CLOSED: "已关闭",
    ReportStatus.REOPENED: "不满意重办",
}
# with a department, the time limit running: what "overdue" and "open" mean for a department
WITH_DEPARTMENT = (ReportStatus.DISPATCHED, ReportStatus.ACCEPTED)
# waiting for the command centre
AWAITING_DISPATCH = (ReportStatus.REPORTED, ReportStatus.REOPENED)


class ReporterRole(StrEnum):
    GRID_WORKER = "GRID_WORKER"
    RESIDENT = "RESIDENT"


REPORTER_ROLE_LABELS = {ReporterRole.GRID_WORKER: "网格员", ReporterRole.RESIDENT: "居民"}


class Satisfaction(StrEnum):
    SATISFIED = "SATISFIED"
    BASICALLY_SATISFIED = "BASICALLY_SATISFIED"
    DISSATISFIED = "DISSATISFIED"


SATISFACTION_LABELS = {
    Satisfaction.SATISFIED: "满意",
    Satisfaction.BASICALLY_SATISFIED: "基本满意",
    Satisfaction.DISSATISFIED: "不满意",
}
SATISFIED = (Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED)


class Campaign(StrEnum):
    """四大破题: the four campaign themes a report may be tagged with."""

    PARKING = "PARKING"
    FEES = "FEES"
    CHARGING = "CHARGING"
    GARBAGE = "GARBAGE"


CAMPAIGN_LABELS = {
    Campaign.PARKING: "停车难",
    Campaign.FEES: "收费难",
    Campaign.CHARGING: "充电乱",
    Campaign.GARBAGE: "垃圾乱",
}


class ReportAction(StrEnum):
    SUBMIT = "SUBMIT"
    DISPATCH = "DISPATCH"
    ACCEPT = "ACCEPT"
    HANDLE = "HANDLE"
    RATE = "RATE"
    REASSIGN = "REASSIGN"


REPORT_ACTION_LABELS = {
    ReportAction.SUBMIT: "上报",
    ReportAction.DISPATCH: "派单",
    ReportAction.ACCEPT: "接单",
    ReportAction.HANDLE: "办结",
    ReportAction.RATE: "评价",
    ReportAction.REASSIGN: "改派",
}

# which statuses each step may start from
FROM: dict[ReportAction, tuple[ReportStatus, ...]] = {
    ReportAction.DISPATCH: AWAITING_DISPATCH,
    ReportAction.ACCEPT: (ReportStatus.DISPATCHED,),
    ReportAction.HANDLE: WITH_DEPARTMENT,
    ReportAction.RATE: (ReportStatus.HANDLED,),
    ReportAction.REASSIGN: WITH_DEPARTMENT,
}

MIN_HOURS, MAX_HOURS = 1, 720  # a time limit: one hour to thirty days
CATEGORY = re.compile(r"^[A-Z][A-Z0-9_]{0,39}$")
PHONE = re.compile(r"^\+?[0-9][0-9 -]{4,19}$")
FIRST_REPORT = datetime(2000, 1, 1, tzinfo=UTC)
CLOCK_SKEW = timedelta(minutes=5)  # a client's clock a little ahead is not "in the future"
MAX_TEXT = 1000


# ------------------------------------------------------------------ entities


@dataclass(frozen=True)
class Report:
    id: str
    category: str
    text: str
    reporter_role: ReporterRole
    reported_at: datetime
    status: ReportStatus
    compound_id: str | None = None
    reporter_name: str | None = None  # personal data: shown only to those who handle the report
    reporter_phone: str | None = None
    reporter_subject: str | None = None  # the account that submitted it (a resident rates only their own)
    campaign: Campaign | None = None
    department_id: str | None = None  # the current department
    dispatched_at: datetime | None = None
    deadline: datetime | None = None
    accepted_at: datetime | None = None
    handled_at: datetime | None = None
    handling_note: str | None = None
    closed_at: datetime | None = None
    satisfaction: Satisfaction | None = None
    client_id: str | None = None
    community_id: str | None = None  # where the compound sits (read, never written on the report)
    street_id: str | None = None

    def overdue(self, now: datetime) -> bool:
        """With a department past its deadline."""
        return self.status in WITH_DEPARTMENT and self.deadline is not None and self.deadline < now

    @property
    def handled_late(self) -> bool | None:
        """Handled after its deadline; None while not handled (or never dispatched)."""
        if self.handled_at is None or self.deadline is None:
            return None
        return self.handled_at > self.deadline


@dataclass(frozen=True)
class ReportEvent:
    """One step of a report's history: who did what, when, to which department, with which note."""

    at: datetime
    action: ReportAction
    status: ReportStatus  # the status the step led to
    by: str
    note: str = ""
    department_id: str | None = None
    satisfaction: Satisfaction | None = None


@dataclass(frozen=True)
class DispatchRule:
    """A row of the dispatch table: reports of `category` go to the department with a time limit."""

    category: str
    label: str
    department_id: str
    hours: int
    campaign: Campaign | None = None


@dataclass(frozen=True)
class ReportFigures:
    """A department's (or the city's) figures over a period, each with the counts it is made of."""

    received: int  # reports reported in the period, now with this department (or anywhere: the city)
    handled: int  # handled (HANDLED or CLOSED, or reopened after handling)
    handled_on_time: int  # handledAt <= deadline
    handled_late: int  # handledAt > deadline
    open: int  # with the department (DISPATCHED or ACCEPTED)
    overdue_open: int  # open and past the deadline now
    rated: int
    satisfied: int
    basically_satisfied: int
    dissatisfied: int
    department_id: str | None = None

    @property
    def satisfaction_rate(self) -> float | None:
        """A share from 0 to 1, four decimals (as every rate of the API): (satisfied + basically satisfied) /
        rated; None when none rated."""
        return _share(self.satisfied + self.basically_satisfied, self.rated)

    @property
    def on_time_rate(self) -> float | None:
        """A share from 0 to 1, four decimals: handled on time / handled (with a deadline); None when none
        handled."""
        return _share(self.handled_on_time, self.handled_on_time + self.handled_late)

    @property
    def explanation(self) -> str:
        rate = self.satisfaction_rate
        on_time = self.on_time_rate
        parts = [
            f"收到 {self.received} 件",
            f"已办结 {self.handled} 件(按时 {self.handled_on_time},超时 {self.handled_late})",
            f"办理中 {self.open} 件(其中逾期 {self.overdue_open})",
            "满意率 = (满意 {} + 基本满意 {}) / 已评价 {} = {}".format(
                self.satisfied, self.basically_satisfied, self.rated, "—" if rate is None else f"{rate:.2%}"
            ),
            "按时办结率 = 按时 {} / (按时 {} + 超时 {}) = {}".format(
                self.handled_on_time,
                self.handled_on_time,
                self.handled_late,
                "—" if on_time is None else f"{on_time:.2%}",
            ),
        ]
        return ";".join(parts)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


# ------------------------------------------------------------------ commands


def _category(value: str, field: str = "category") -> str:
    code = value.strip().upper()
    if not CATEGORY.match(code):
        raise BadInput(f"{field}: 类别代码须为 1-40 个大写英文字母、数字或 _,以字母开头", field=field)
    return code


def _hours(value: int | None, field: str = "hours") -> int | None:
    if value is not None and not MIN_HOURS <= value <= MAX_HOURS:
        raise BadInput(f"{field}: 办理时限应在 {MIN_HOURS} 到 {MAX_HOURS} 小时之间", field=field)
    return value


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


@dataclass(frozen=True)
class NewReport:
    """submitReport: a problem seen at a compound."""

    compound_id: str
    category: str
    text: str
    reporter_role: ReporterRole | None = None  # from the caller's role when it is a grid worker or resident
    reporter_name: str | None = None
    reporter_phone: str | None = None
    reported_at: datetime | None = None  # now when not given
    client_id: str | None = None
    id: str | None = None  # made when not given

    def checked(self, now: datetime) -> NewReport:
        at = _aware(self.reported_at) if self.reported_at is not None else now
        if at > now + CLOCK_SKEW:
            raise BadInput("reportedAt: 上报时间不能晚于现在", field="reportedAt")
        if at < FIRST_REPORT:
            raise BadInput("reportedAt: 上报时间不能早于 2000 年", field="reportedAt")
        phone = self.reporter_phone.strip() if self.reporter_phone else None
        if phone and not PHONE.match(phone):
            raise BadInput("reporterPhone: 电话号码应为 5-20 位数字(可含 + - 和空格)", field="reporterPhone")
        return replace(
            self,
            id=clean_id(self.id, "id") if self.id else new_id("report"),
            compound_id=clean_id(self.compound_id, "compoundId"),
            category=_category(self.category),
            text=clean_text(self.text, "text", max_len=MAX_TEXT),
            reporter_name=clean_text(self.reporter_name, "reporterName", max_len=40)
            if self.reporter_name and self.reporter_name.strip()
            else None,
            reporter_phone=phone or None,
            reported_at=at,
            client_id=clean_text(self.client_id, "clientId", max_len=80) if self.client_id else None,
        )


def reporter_role_for(principal: Principal, given: ReporterRole | None) -> ReporterRole:
    """A grid worker reports as a grid worker and a resident as a resident, whatever they say; the command
    centre recording a report (a phone call) must say who reported it."""
    if principal.role is Role.GRID_WORKER:
        if given not in (None, ReporterRole.GRID_WORKER):
            raise BadInput("reporterRole: 网格员只能以网格员身份上报", field="reporterRole")
        return ReporterRole.GRID_WORKER
    if principal.role is Role.RESIDENT:
        if given not in (None, ReporterRole.RESIDENT):
            raise BadInput("reporterRole: 居民只能以居民身份上报", field="reporterRole")
        return ReporterRole.RESIDENT
    if given is None:
        raise BadInput("reporterRole: 请注明上报人是网格员还是居民", field="reporterRole")
    return given


@dataclass(frozen=True)
class DispatchReport:
    """dispatchReport: the command centre classifies (category, campaign) and sends it to a department;
    without a department, the dispatch table's rule of the category decides, and its hours are the time
    limit unless `hours` is given."""

    id: str
    category: str | None = None
    campaign: Campaign | None = None
    department_id: str | None = None
    hours: int | None = None

    def checked(self) -> DispatchReport:
        return replace(
            self,
            id=clean_id(self.id, "id"),
            category=_category(self.category) if self.category is not None else None,
            department_id=clean_id(self.department_id, "departmentId") if self.department_id else None,
            hours=_hours(self.hours),
        )


@dataclass(frozen=True)
class ReassignReport:
    id: str
    department_id: str
    reason: str
    hours: int | None = None

    def checked(self) -> ReassignReport:
        return replace(
            self,
            id=clean_id(self.id, "id"),
            department_id=clean_id(self.department_id, "departmentId"),
            reason=clean_text(self.reason, "reason", max_len=200),
            hours=_hours(self.hours),
        )


@dataclass(frozen=True)
class HandleReport:
    id: str
    note: str

    def checked(self) -> HandleReport:
        return replace(self, id=clean_id(self.id, "id"), note=clean_text(self.note, "note", max_len=500))


@dataclass(frozen=True)
class RateReport:
    id: str
    satisfaction: Satisfaction
    comment: str = ""
    reopen: bool = False

    def checked(self) -> RateReport:
        if self.reopen and self.satisfaction is not Satisfaction.DISSATISFIED:
            raise BadInput("reopen: 只有不满意的评价才能要求重办", field="reopen")
        return replace(
            self,
            id=clean_id(self.id, "id"),
            comment=clean_text(self.comment, "comment", max_len=500, min_len=0),
        )


@dataclass(frozen=True)
class SetDispatchRule:
    category: str
    label: str
    department_id: str
    hours: int
    campaign: Campaign | None = None

    def checked(self) -> SetDispatchRule:
        return replace(
            self,
            category=_category(self.category),
            label=clean_text(self.label, "label", max_len=40),
            department_id=clean_id(self.department_id, "departmentId"),
            hours=_hours(self.hours) or MIN_HOURS,
        )


@dataclass(frozen=True)
class ReportFilter:
    status: tuple[ReportStatus, ...] = ()
    compound_id: str | None = None
    community_id: str | None = None
    street_id: str | None = None
    department_id: str | None = None
    category: str | None = None
    campaign: Campaign | None = None
    overdue: bool | None = None
    since: datetime | None = None  # reportedAt >= since
    until: datetime | None = None  # reportedAt < until

    def checked(self) -> ReportFilter:
        if self.since and self.until and _aware(self.until) <= _aware(self.since):
            raise BadInput("to: 截止时间应晚于起始时间", field="to")
        return replace(
            self,
            status=tuple(dict.fromkeys(self.status)),
            category=_category(self.category) if self.category else None,
            since=_aware(self.since) if self.since else None,
            until=_aware(self.until) if self.until else None,
        )


# ------------------------------------------------------------------ rules


def check_step(report: Report, action: ReportAction) -> None:
    """Refuse a step the report's status does not allow (CONFLICT naming `id`)."""
    allowed = FROM[action]
    if report.status not in allowed:
        raise Conflict(
            f"id: {REPORT_STATUS_LABELS[report.status]}的反映不能{REPORT_ACTION_LABELS[action]}"
            f"(只能对{'、'.join(REPORT_STATUS_LABELS[s] for s in allowed)}的反映{REPORT_ACTION_LABELS[action]})",
            field="id",
        )


def dispatch_target(
    cmd: DispatchReport, report: Report, rule: DispatchRule | None
) -> tuple[str, str, int, Campaign | None]:
    """The category, department, time limit (hours) and campaign of a dispatch: what the command centre
    said, else the dispatch table's rule of the (new) category. No department and no rule: BAD_USER_INPUT
    naming departmentId."""
    category = cmd.category or report.category
    if cmd.department_id is None and rule is None:
        raise BadInput(
            f"departmentId: 派单表中没有类别 {category} 的规则,请指定承办部门(departmentId)",
            field="departmentId",
        )
    department = cmd.department_id or (rule.department_id if rule else "")
    hours = cmd.hours or (rule.hours if rule else None)
    if hours is None:
        raise BadInput(f"hours: 派单表中没有类别 {category} 的规则,请指定办理时限(hours)", field="hours")
    campaign = cmd.campaign or (rule.campaign if rule else None) or report.campaign
    return category, department, hours, campaign


def is_dispatch_retry(report: Report, cmd: DispatchReport, department_id: str) -> bool:
    """Dispatched already to the same department (a retry): nothing to do."""
    return (
        report.status is ReportStatus.DISPATCHED
        and report.department_id == department_id
        and (cmd.category is None or cmd.category == report.category)
    )


def deadline(at: datetime, hours: int) -> datetime:
    return at + timedelta(hours=hours)


def after_rating(cmd: RateReport) -> ReportStatus:
    return ReportStatus.REOPENED if cmd.reopen else ReportStatus.CLOSED


def is_rating_retry(report: Report, cmd: RateReport) -> bool:
    if cmd.reopen:
        return False  # a reopened report is no longer HANDLED: check_step refuses a second reopen
    return report.status is ReportStatus.CLOSED and report.satisfaction is cmd.satisfaction


def sees_reporter(principal: Principal, street_id: str | None, report: Report) -> bool:
    """Who sees a reporter's name and phone: those who handle the report (the organization department,
    the command centre of its street, the users of its current department) and the reporter."""
    match principal.role:
        case Role.ORG_ADMIN:
            return True
        case Role.STREET_ADMIN:
            return principal.street_id is not None and principal.street_id == street_id
        case Role.UNIT_USER:
            return principal.unit_id is not None and principal.unit_id == report.department_id
        case Role.GRID_WORKER | Role.RESIDENT:
            return report.reporter_subject is not None and report.reporter_subject == principal.subject
        case _:
            return False
