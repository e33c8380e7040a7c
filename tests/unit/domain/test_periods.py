"""The report by period and scope: which periods and places may be asked for, the title, the default month,
and how figures counted per community add up."""

from __future__ import annotations

from datetime import date

import pytest

from orggraph.domain.errors import BadInput
from orggraph.domain.periods import (
    Figures,
    PeriodQuery,
    PeriodScope,
    UnitFigures,
    combine,
    is_month,
    last_month,
    title,
    units,
)

OCT_1, OCT_31 = date(2026, 10, 1), date(2026, 10, 31)


def refusal(query: PeriodQuery) -> tuple[str | None, str]:
    with pytest.raises(BadInput) as caught:
        query.checked()
    return caught.value.field, caught.value.message


def test_a_street_or_community_needs_its_id_and_the_city_drops_one() -> None:
    assert refusal(PeriodQuery(PeriodScope.STREET, None, OCT_1, OCT_31))[0] == "id"
    assert refusal(PeriodQuery(PeriodScope.COMMUNITY, "  ", OCT_1, OCT_31))[0] == "id"
    assert PeriodQuery(PeriodScope.CITY, "street-x", OCT_1, OCT_31).checked().place_id is None
    assert PeriodQuery(PeriodScope.STREET, " street-x ", OCT_1, OCT_31).checked().place_id == "street-x"


def test_a_period_ends_on_or_after_it_starts_and_lasts_at_most_366_days() -> None:
    assert refusal(PeriodQuery(PeriodScope.CITY, None, OCT_31, OCT_1)) == (
        "to",
        "to: 截止日期不能早于起始日期",
    )
    one_day = PeriodQuery(PeriodScope.CITY, None, OCT_1, OCT_1).checked()
    assert one_day.start == one_day.end == OCT_1
    leap_year = PeriodQuery(PeriodScope.CITY, None, date(2024, 1, 1), date(2024, 12, 31))
    assert leap_year.checked() == leap_year  # 366 days
    field, message = refusal(PeriodQuery(PeriodScope.CITY, None, date(2024, 1, 1), date(2025, 1, 1)))
    assert field == "to" and "366" in message


def test_overdue_is_taken_at_the_end_of_the_period_or_today_while_it_runs() -> None:
    query = PeriodQuery(PeriodScope.CITY, None, OCT_1, OCT_31)
    assert query.as_of(date(2026, 11, 29)) == OCT_31
    assert query.as_of(date(2026, 10, 15)) == date(2026, 10, 15)


def test_the_console_defaults_to_last_month() -> None:
    assert last_month(date(2026, 11, 29)) == (OCT_1, OCT_31)
    assert last_month(date(2026, 1, 5)) == (date(2025, 12, 1), date(2025, 12, 31))
    assert last_month(date(2024, 3, 1)) == (date(2024, 2, 1), date(2024, 2, 29))


def test_the_title_names_the_places_and_says_month_only_for_a_calendar_month() -> None:
    assert (
        title(["天长市", "广陵街道"], OCT_1, OCT_31)
        == "天长市 广陵街道 2026-10-01 至 2026-10-31 共建工作月报"
    )
    assert title(["天长市"], OCT_1, date(2026, 10, 30)).endswith("共建工作报告")
    assert is_month(date(2024, 2, 1), date(2024, 2, 29)) and not is_month(date(2024, 2, 2), date(2024, 2, 29))


def test_street_level_figures_count_in_the_totals_and_every_community_is_listed_by_name() -> None:
    communities = [("c-b", "乙社区"), ("c-a", "甲社区"), ("c-c", "丙社区")]
    parts = [
        ("c-a", Figures(needs_raised=2)),
        ("c-a", Figures(tasks_created=1, matches_accepted=1)),
        ("c-b", Figures(meetings_held=1, decisions_made=3)),
        (None, Figures(meetings_held=1, problems_raised=4)),  # the street working committee's own
    ]
    totals, rows = combine(communities, parts)
    assert totals == Figures(
        needs_raised=2,
        tasks_created=1,
        matches_accepted=1,
        meetings_held=2,
        decisions_made=3,
        problems_raised=4,
    )
    assert [r.name for r in rows] == sorted(["乙社区", "甲社区", "丙社区"])
    by_id = {r.id: r.figures for r in rows}
    assert by_id["c-a"] == Figures(needs_raised=2, tasks_created=1, matches_accepted=1)
    assert by_id["c-c"] == Figures()


def test_a_units_tasks_and_claims_add_up_and_idle_units_are_left_out() -> None:
    found = units(
        [
            UnitFigures("u-2", "乙单位", tasks_taken=1, tasks_done_late=1),
            UnitFigures("u-1", "甲单位", tasks_overdue=1),
            UnitFigures("u-3", "丙单位"),  # responsible for tasks of the place, none in the period
            UnitFigures("u-2", "乙单位", needs_claimed=2),
        ]
    )
    assert [(u.id, u.tasks_taken, u.tasks_done_late, u.needs_claimed) for u in found] == sorted(
        [("u-2", 1, 1, 2), ("u-1", 0, 0, 0)], key=lambda x: {"u-1": "甲单位", "u-2": "乙单位"}[x[0]]
    )
