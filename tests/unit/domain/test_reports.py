"""The report's rules: which step may follow which status, what a dispatch takes from the dispatch table,
overdue and late, the figures and their explanation, who sees the reporter, and the commands' refusals."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from orggraph.domain.auth import Principal, Role
from orggraph.domain.errors import BadInput, Conflict
from orggraph.domain.reports import (
    FROM,
    Campaign,
    DispatchReport,
    DispatchRule,
    HandleReport,
    NewReport,
    RateReport,
    Report,
    ReportAction,
    ReporterRole,
    ReportFigures,
    ReportStatus,
    Satisfaction,
    SetDispatchRule,
    after_rating,
    check_step,
    dispatch_target,
    is_dispatch_retry,
    is_rating_retry,
    reporter_role_for,
    sees_reporter,
)

NOW = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
REPORT = Report(
    id="report-1", category="PARKING", text="占用消防通道", reporter_role=ReporterRole.RESIDENT,
    reported_at=NOW - timedelta(days=2), status=ReportStatus.REPORTED, compound_id="compound-hepan-jiayuan",
    reporter_name="王某", reporter_phone="13800000000", reporter_subject="resident-1",
)  # fmt: skip
RULE = DispatchRule("PARKING", "停车管理", "unit-dept-02", 72, Campaign.PARKING)


def at(status: ReportStatus, **kw: object) -> Report:
    return replace(REPORT, status=status, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("action", list(FROM))
@pytest.mark.parametrize("status", list(ReportStatus))
def test_each_step_follows_only_the_statuses_the_lifecycle_allows(
    action: ReportAction, status: ReportStatus
) -> None:
    if status in FROM[action]:
        check_step(at(status), action)
    else:
        with pytest.raises(Conflict) as refused:
            check_step(at(status), action)
        assert refused.value.field == "id"


def test_the_lifecycle_runs_from_report_to_close_and_a_closed_report_takes_no_step() -> None:
    path = [ReportAction.DISPATCH, ReportAction.ACCEPT, ReportAction.HANDLE, ReportAction.RATE]
    statuses = [ReportStatus.REPORTED, ReportStatus.DISPATCHED, ReportStatus.ACCEPTED, ReportStatus.HANDLED]
    for action, status in zip(path, statuses, strict=True):
        check_step(at(status), action)
    assert all(ReportStatus.CLOSED not in allowed for allowed in FROM.values())


def test_a_dispatch_without_a_department_takes_the_rule_of_the_category() -> None:
    assert dispatch_target(DispatchReport("report-1"), REPORT, RULE) == (
        "PARKING", "unit-dept-02", 72, Campaign.PARKING,
    )  # fmt: skip
    explicit = DispatchReport("report-1", department_id="unit-dept-03", hours=24, campaign=Campaign.FEES)
    assert dispatch_target(explicit, REPORT, RULE) == ("PARKING", "unit-dept-03", 24, Campaign.FEES)


def test_a_dispatch_without_a_department_nor_a_rule_is_refused_naming_the_department() -> None:
    with pytest.raises(BadInput, match="NOISE") as refused:
        dispatch_target(DispatchReport("report-1", category="NOISE"), REPORT, None)
    assert refused.value.field == "departmentId"
    with pytest.raises(BadInput) as no_hours:
        dispatch_target(DispatchReport("report-1", department_id="unit-dept-03"), REPORT, None)
    assert no_hours.value.field == "hours"


def test_a_dispatch_to_the_department_it_already_has_is_a_retry() -> None:
    dispatched = at(ReportStatus.DISPATCHED, department_id="unit-dept-02")
    assert is_dispatch_retry(dispatched, DispatchReport("report-1"), "unit-dept-02")
    assert not is_dispatch_retry(dispatched, DispatchReport("report-1"), "unit-dept-03")
    assert not is_dispatch_retry(at(ReportStatus.REPORTED), DispatchReport("report-1"), "unit-dept-02")


def test_overdue_is_with_a_department_past_the_deadline_and_late_is_handled_after_it() -> None:
    due = NOW - timedelta(hours=1)
    assert at(ReportStatus.DISPATCHED, deadline=due).overdue(NOW)
    assert at(ReportStatus.ACCEPTED, deadline=due).overdue(NOW)
    assert not at(ReportStatus.ACCEPTED, deadline=NOW + timedelta(hours=1)).overdue(NOW)
    assert not at(ReportStatus.HANDLED, deadline=due, handled_at=NOW).overdue(NOW)
    assert at(ReportStatus.HANDLED, deadline=due, handled_at=NOW).handled_late is True
    assert at(ReportStatus.HANDLED, deadline=NOW, handled_at=due).handled_late is False
    assert at(ReportStatus.DISPATCHED, deadline=due).handled_late is None


def test_a_dissatisfied_reporter_may_reopen_and_only_a_dissatisfied_one() -> None:
    assert (
        after_rating(RateReport("report-1", Satisfaction.DISSATISFIED, reopen=True)) is ReportStatus.REOPENED
    )
    assert after_rating(RateReport("report-1", Satisfaction.DISSATISFIED)) is ReportStatus.CLOSED
    with pytest.raises(BadInput) as refused:
        RateReport("report-1", Satisfaction.SATISFIED, reopen=True).checked()
    assert refused.value.field == "reopen"
    closed = at(ReportStatus.CLOSED, satisfaction=Satisfaction.SATISFIED)
    assert is_rating_retry(closed, RateReport("report-1", Satisfaction.SATISFIED))
    assert not is_rating_retry(closed, RateReport("report-1", Satisfaction.DISSATISFIED))


def test_the_figures_explain_themselves_with_their_counts() -> None:
    f = ReportFigures(
        received=4331, handled=4323, handled_on_time=4150, handled_late=173, open=6, overdue_open=5,
        rated=4320, satisfied=4200, basically_satisfied=74, dissatisfied=46,
    )  # fmt: skip
    assert f.satisfaction_rate == 0.9894
    assert f.on_time_rate == 0.96
    assert "满意率 = (满意 4200 + 基本满意 74) / 已评价 4320 = 98.94%" in f.explanation
    empty = ReportFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    assert empty.satisfaction_rate is None and empty.on_time_rate is None
    assert "= —" in empty.explanation


def test_the_reporter_is_seen_by_those_who_handle_the_report_and_by_the_reporter() -> None:
    report = at(ReportStatus.DISPATCHED, department_id="unit-dept-02")
    street = "street-guangling"
    assert sees_reporter(Principal("org", Role.ORG_ADMIN), street, report)
    assert sees_reporter(Principal("st", Role.STREET_ADMIN, street_id=street), street, report)
    assert not sees_reporter(Principal("st", Role.STREET_ADMIN, street_id="street-qianqiu"), street, report)
    assert sees_reporter(Principal("u", Role.UNIT_USER, unit_id="unit-dept-02"), street, report)
    assert not sees_reporter(Principal("u", Role.UNIT_USER, unit_id="unit-dept-03"), street, report)
    assert sees_reporter(Principal("resident-1", Role.RESIDENT), street, report)
    assert not sees_reporter(Principal("resident-2", Role.RESIDENT), street, report)
    for role in (Role.COMMUNITY_ADMIN, Role.VIEWER, None):
        assert not sees_reporter(Principal("x", role, community_id="comm-shuguang"), street, report)


def test_grid_workers_and_residents_report_in_their_own_role_and_admins_say_which() -> None:
    grid = Principal("g", Role.GRID_WORKER, community_id="comm-shuguang")
    assert reporter_role_for(grid, None) is ReporterRole.GRID_WORKER
    with pytest.raises(BadInput):
        reporter_role_for(grid, ReporterRole.RESIDENT)
    assert reporter_role_for(Principal("r", Role.RESIDENT), None) is ReporterRole.RESIDENT
    with pytest.raises(BadInput) as refused:
        reporter_role_for(Principal("org", Role.ORG_ADMIN), None)
    assert refused.value.field == "reporterRole"
    assert reporter_role_for(Principal("org", Role.ORG_ADMIN), ReporterRole.RESIDENT) is ReporterRole.RESIDENT


@pytest.mark.parametrize(
    ("cmd", "field"),
    [
        (NewReport("compound-1", "parking lot", "x"), "category"),
        (NewReport("compound-1", "PARKING", "  "), "text"),
        (NewReport("compound-1", "PARKING", "x", reporter_phone="call me"), "reporterPhone"),
        (NewReport("compound-1", "PARKING", "x", reported_at=NOW + timedelta(hours=1)), "reportedAt"),
        (NewReport("compound 1", "PARKING", "x"), "compoundId"),
    ],
)
def test_a_new_report_is_refused_naming_the_field(cmd: NewReport, field: str) -> None:
    with pytest.raises(BadInput) as refused:
        cmd.checked(NOW)
    assert refused.value.field == field


def test_a_new_report_is_cleaned_dated_now_and_given_an_id() -> None:
    r = NewReport(
        " compound-1 ", "parking", " 车位被占 ", reporter_name=" 王某 ", reporter_phone="138 0000 0000"
    )
    c = r.checked(NOW)
    assert (c.compound_id, c.category, c.text, c.reporter_name) == (
        "compound-1",
        "PARKING",
        "车位被占",
        "王某",
    )
    assert c.reported_at == NOW and c.id and c.id.startswith("report-")
    naive = NewReport("compound-1", "PARKING", "x", reported_at=datetime(2025, 1, 1, 9, 0)).checked(NOW)
    assert naive.reported_at == datetime(2025, 1, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("cmd", "field"),
    [
        (DispatchReport("report-1", hours=0), "hours"),
        (DispatchReport("report-1", hours=721), "hours"),
        (DispatchReport("report-1", category="停车"), "category"),
        (HandleReport("report-1", ""), "note"),
        (SetDispatchRule("PARKING", "", "unit-dept-02", 72), "label"),
        (SetDispatchRule("PARKING", "停车", "unit-dept-02", 0), "hours"),
    ],
)
def test_the_dispatch_commands_are_refused_naming_the_field(
    cmd: DispatchReport | HandleReport | SetDispatchRule, field: str
) -> None:
    with pytest.raises(BadInput) as refused:
        cmd.checked()
    assert refused.value.field == field
