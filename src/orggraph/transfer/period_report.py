"""The monthly report of the organization department (组织部月度报告) as an .xlsx: 总览 (the scope's figures),
各社区 (each community's), 各单位 (each active unit's), laid out by transfer/sheets.py under the report's title
row. Headers are the glossary's labels, the words the API and the console use."""

from __future__ import annotations

from orggraph.domain import glossary, periods
from orggraph.transfer.sheets import Column, Table, Value

F = "PeriodFigures"
U = "UnitPeriodFigures"

# the figures, grouped as the report reads them: (group, API name, domain name)
GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("需求", (("needsRaised", "needs_raised"), ("needsResolved", "needs_resolved"),
             ("needsRejected", "needs_rejected"), ("needsOverdue", "needs_overdue"))),
    ("任务", (("tasksCreated", "tasks_created"), ("tasksDoneOnTime", "tasks_done_on_time"),
             ("tasksDoneLate", "tasks_done_late"), ("tasksOverdue", "tasks_overdue"))),
    ("联席会议", (("meetingsHeld", "meetings_held"), ("decisionsMade", "decisions_made"))),
    ("问题", (("problemsRaised", "problems_raised"), ("problemsSolved", "problems_solved"))),
    ("对接", (("matchesAccepted", "matches_accepted"),)),
)  # fmt: skip
FIGURES = tuple(pair for _, pairs in GROUPS for pair in pairs)
UNIT_FIGURES = (
    ("tasksTaken", "tasks_taken"),
    ("tasksDoneOnTime", "tasks_done_on_time"),
    ("tasksDoneLate", "tasks_done_late"),
    ("tasksOverdue", "tasks_overdue"),
    ("needsClaimed", "needs_claimed"),
)

OVERVIEW_COLUMNS = (
    Column("group", "类别", width=10),
    Column("figure", "指标", width=16),
    Column("value", "数值", "int", width=10),
    Column("note", "说明", width=70),
)


def _figure_columns(entity: str, pairs: tuple[tuple[str, str], ...]) -> list[Column]:
    return [Column(key, glossary.label(entity, key), "int", width=12) for key, _ in pairs]


def _overview(report: periods.PeriodReport) -> Table:
    rows: list[list[Value]] = [
        ["范围", periods.PERIOD_SCOPE_LABELS[report.scope], None, report.name],
        ["期间", "起止日期", None, f"{report.start.isoformat()} 至 {report.end.isoformat()}"],
        ["期间", "统计逾期的日期", None, report.as_of.isoformat()],
    ]
    for group, pairs in GROUPS:
        for key, name in pairs:
            term = glossary.term(F, key)
            rows.append([group, term.label, getattr(report.totals, name), term.note])
    attention = {i for i, r in enumerate(rows) if r[1] in _OVERDUE_LABELS and r[2]}
    return Table("总览", report.title, OVERVIEW_COLUMNS, rows, attention)


_OVERDUE_LABELS = {glossary.label(F, "needsOverdue"), glossary.label(F, "tasksOverdue")}


def _communities(report: periods.PeriodReport) -> Table:
    columns = [
        Column("id", "社区编号", width=16),
        Column("name", "社区", width=14),
        *_figure_columns(F, FIGURES),
    ]
    rows: list[list[Value]] = [
        [c.id, c.name, *(getattr(c.figures, name) for _, name in FIGURES)] for c in report.by_community
    ]
    attention = {
        i for i, c in enumerate(report.by_community) if c.figures.needs_overdue or c.figures.tasks_overdue
    }
    if report.scope is not periods.PeriodScope.COMMUNITY:
        rows.append([None, "合计(含街道大工委会议和街道自身的问题)",
                     *(getattr(report.totals, name) for _, name in FIGURES)])  # fmt: skip
    return Table("各社区", report.title, columns, rows, attention)


def _units(report: periods.PeriodReport) -> Table:
    columns = [Column("unitId", "单位编号", width=16), Column("name", "单位", width=24),
               *_figure_columns(U, UNIT_FIGURES)]  # fmt: skip
    rows: list[list[Value]] = [
        [u.id, u.name, *(getattr(u, name) for _, name in UNIT_FIGURES)] for u in report.by_unit
    ]
    attention = {i for i, u in enumerate(report.by_unit) if u.tasks_overdue}
    return Table("各单位", report.title, columns, rows, attention)


def tables(report: periods.PeriodReport) -> list[Table]:
    """The report's three sheets: 总览, 各社区, 各单位 (rows with something overdue in light red)."""
    return [_overview(report), _communities(report), _units(report)]


def file_name(report: periods.PeriodReport) -> str:
    """The download's name: 共建工作月报_广陵街道_2026-10-01_2026-10-31.xlsx."""
    return f"共建工作月报_{report.name}_{report.start.isoformat()}_{report.end.isoformat()}.xlsx"
