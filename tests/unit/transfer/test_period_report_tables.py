"""The monthly report's sheets (pure): 总览 with the figures in the glossary's words, 各社区 with a 合计 row
for a street or the city, 各单位; rows with something overdue marked for attention."""

from __future__ import annotations

from datetime import date

from orggraph.domain.periods import Figures, PeriodReport, PeriodScope, PlaceFigures, UnitFigures
from orggraph.transfer.period_report import file_name, tables


def street_report() -> PeriodReport:
    a = Figures(needs_raised=2, tasks_overdue=1)
    b = Figures(meetings_held=1, decisions_made=3)
    return PeriodReport(
        scope=PeriodScope.STREET, id="street-x", name="广陵街道", start=date(2026, 10, 1), end=date(2026, 10, 31),
        as_of=date(2026, 10, 31), title="天长市 广陵街道 2026-10-01 至 2026-10-31 共建工作月报",
        totals=a + b + Figures(meetings_held=1), by_community=(PlaceFigures("c-a", "甲社区", a), PlaceFigures("c-b", "乙社区", b)),
        by_unit=(UnitFigures("u-1", "甲单位", tasks_taken=1, tasks_overdue=1), UnitFigures("u-2", "乙单位", needs_claimed=2)),
    )  # fmt: skip


def test_three_sheets_under_the_reports_title() -> None:
    overview, communities, units = tables(street_report())
    assert [t.name for t in (overview, communities, units)] == ["总览", "各社区", "各单位"]
    assert {t.title for t in (overview, communities, units)} == {street_report().title}


def test_the_overview_gives_each_figure_its_label_value_and_meaning() -> None:
    overview = tables(street_report())[0]
    rows = {r[1]: r for r in overview.rows}
    assert rows["召开联席会议"][2] == 2 and rows["召开联席会议"][0] == "联席会议"
    assert rows["新登记需求"][2] == 2 and "登记" in str(rows["新登记需求"][3])
    assert rows["街道"][3] == "广陵街道"
    assert [overview.rows[i][1] for i in overview.attention] == ["逾期任务"]  # only a figure above 0


def test_communities_and_units_are_rows_with_the_overdue_ones_marked() -> None:
    _, communities, units = tables(street_report())
    assert [r[:3] for r in communities.rows] == [
        ["c-a", "甲社区", 2],
        ["c-b", "乙社区", 0],
        [None, "合计(含街道大工委会议和街道自身的问题)", 2],
    ]
    meetings = [c.header for c in communities.columns].index("召开联席会议")
    assert communities.rows[-1][meetings] == 2  # the street's own meeting counts in the total only
    assert communities.attention == {0}
    assert [c.header for c in units.columns] == [
        "单位编号",
        "单位",
        "承接任务",
        "按时完成任务",
        "超时完成任务",
        "逾期任务",
        "认领需求",
    ]
    assert units.rows == [
        ["u-1", "甲单位", 1, 0, 0, 1, 0],
        ["u-2", "乙单位", 0, 0, 0, 0, 2],
    ] and units.attention == {0}
    assert file_name(street_report()) == "共建工作月报_广陵街道_2026-10-01_2026-10-31.xlsx"
