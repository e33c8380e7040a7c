"""The organization department's report by period and scope (组织部月度报告, issue #15): what a period and a
place are, the checks a request for one passes, and how the figures counted per community add up.

Every figure is counted from a date the graph stores (graph/period_reads.py): a need's life events
(NeedEvent.at), a task's creation (Task.createdAt), completion (Task.completedOn) and cancellation (the
`updatedAt` of a CANCELLED task: nothing changes a cancelled task afterwards), a claim (CLAIMED.at), a
meeting's day (heldOn), a problem's day (raisedOn) and its tasks' completion. A record without the date a
figure needs is not counted in it (the demo's needs have no life events: they are in no period's needs).
Stored times are UTC; a day is a day in Beijing time (LOCAL_ZONE), the organisation's calendar."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, fields
from datetime import date, timedelta
from enum import StrEnum

from orggraph.domain.errors import BadInput

LOCAL_ZONE = "+08:00"  # 北京时间: the day a stored time falls on
MAX_DAYS = 366  # a period is at most a (leap) year


class PeriodScope(StrEnum):
    CITY = "CITY"
    STREET = "STREET"
    COMMUNITY = "COMMUNITY"


PERIOD_SCOPE_LABELS = {PeriodScope.CITY: "全市", PeriodScope.STREET: "街道", PeriodScope.COMMUNITY: "社区"}


@dataclass(frozen=True)
class PeriodQuery:
    """What a caller asks: a scope (the city, a street, a community: `place_id`) and the days from `start`
    to `end`, both included."""

    scope: PeriodScope
    place_id: str | None
    start: date
    end: date

    def checked(self) -> PeriodQuery:
        """The query as it is counted (a city's id dropped), or BAD_USER_INPUT naming the field."""
        place = (self.place_id or "").strip() or None
        if self.scope is not PeriodScope.CITY and place is None:
            raise BadInput(f"id: 范围为{PERIOD_SCOPE_LABELS[self.scope]}时须给出其编号", field="id")
        if self.end < self.start:
            raise BadInput("to: 截止日期不能早于起始日期", field="to")
        if (self.end - self.start).days + 1 > MAX_DAYS:
            raise BadInput(f"to: 期间最长 {MAX_DAYS} 天", field="to")
        return PeriodQuery(
            self.scope, None if self.scope is PeriodScope.CITY else place, self.start, self.end
        )

    def as_of(self, today: date) -> date:
        """The day the open-and-overdue figures are taken on: the period's last day, or today while the
        period has not ended (what is open at a day to come is not known yet)."""
        return min(self.end, today)


def last_month(today: date) -> tuple[date, date]:
    """The first and last day of the month before today's (the console's default period)."""
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def is_month(start: date, end: date) -> bool:
    return start.day == 1 and end == start.replace(day=calendar.monthrange(start.year, start.month)[1])


def title(place_names: list[str], start: date, end: date) -> str:
    """The report's title row: 天长市 广陵街道 2026-10-01 至 2026-10-31 共建工作月报 (a calendar month), or
    共建工作报告 for any other period."""
    kind = "共建工作月报" if is_month(start, end) else "共建工作报告"
    return " ".join([*place_names, f"{start.isoformat()} 至 {end.isoformat()}", kind])


@dataclass(frozen=True)
class Figures:
    """The figures of a place over a period (or of a part of it: they add up)."""

    needs_raised: int = 0  # registered in the period (a need's first life event)
    needs_resolved: int = 0  # reached DONE or RATED in the period
    needs_rejected: int = 0  # reached REJECTED in the period
    needs_overdue: int = 0  # registered and unfinished on the as-of day, neededBy before it
    tasks_created: int = 0  # created in the period (an accepted match or a meeting's decision)
    tasks_done_on_time: int = 0  # completed in the period on or before the deadline
    tasks_done_late: int = 0  # completed in the period after the deadline
    tasks_overdue: int = 0  # created and still open on the as-of day, deadline before it
    meetings_held: int = 0  # joint meetings of the committees in scope held in the period
    decisions_made: int = 0  # tasks those meetings decided
    problems_raised: int = 0  # raised (raisedOn) in the period
    problems_solved: int = 0  # solved now, the last of their done tasks completed in the period
    matches_accepted: int = 0  # tasks created in the period from an accepted match (no meeting decided them)

    def __add__(self, other: Figures) -> Figures:
        return Figures(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(Figures)))


FIGURE_NAMES = tuple(f.name for f in fields(Figures))


@dataclass(frozen=True)
class PlaceFigures:
    id: str
    name: str
    figures: Figures


@dataclass(frozen=True)
class UnitFigures:
    """A unit's part in the period: tasks it took on (created with it responsible), completed on time and
    late, open past the deadline on the as-of day, and needs it claimed (认领)."""

    id: str
    name: str
    tasks_taken: int = 0
    tasks_done_on_time: int = 0
    tasks_done_late: int = 0
    tasks_overdue: int = 0
    needs_claimed: int = 0

    def __add__(self, other: UnitFigures) -> UnitFigures:
        return UnitFigures(
            self.id,
            self.name or other.name,
            *(getattr(self, f) + getattr(other, f) for f in UNIT_FIGURE_NAMES),
        )

    @property
    def active(self) -> bool:
        return any(getattr(self, f) for f in UNIT_FIGURE_NAMES)


UNIT_FIGURE_NAMES = tuple(f.name for f in fields(UnitFigures) if f.name not in ("id", "name"))


@dataclass(frozen=True)
class PeriodReport:
    scope: PeriodScope
    id: str | None
    name: str  # the city's, street's or community's name
    start: date
    end: date
    as_of: date
    title: str
    totals: Figures
    by_community: tuple[PlaceFigures, ...]  # every community in scope, by name
    by_unit: tuple[UnitFigures, ...]  # units with any activity, by name


def combine(
    communities: list[tuple[str, str]],
    parts: list[tuple[str | None, Figures]],
) -> tuple[Figures, tuple[PlaceFigures, ...]]:
    """The totals and each community's figures from figures counted per community (`None`: the street's
    own meetings and problems, counted in the totals only). `communities`: (id, name) of those in scope;
    listed all, sorted by name then id, with zeros where nothing happened."""
    per: dict[str | None, Figures] = {}
    for key, part in parts:
        per[key] = per.get(key, Figures()) + part
    totals = sum(per.values(), Figures())
    rows = tuple(
        PlaceFigures(cid, name, per.get(cid, Figures()))
        for cid, name in sorted(communities, key=lambda c: (c[1], c[0]))
    )
    return totals, rows


def units(parts: list[UnitFigures]) -> tuple[UnitFigures, ...]:
    """The units' figures added up per unit, those with any activity, by name then id."""
    per: dict[str, UnitFigures] = {}
    for part in parts:
        per[part.id] = per[part.id] + part if part.id in per else part
    return tuple(sorted((u for u in per.values() if u.active), key=lambda u: (u.name, u.id)))
