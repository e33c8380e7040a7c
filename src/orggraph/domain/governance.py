"""The rules of the governance loops (the 3344 method's meetings that decide, the escalation of problems
to the city secretary's "1+N" list, contact leaders' key tasks): pure functions the use cases call
inside their write transaction, and the derivations the reads share."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from orggraph.domain.errors import Conflict
from orggraph.domain.lifecycle import DECIDABLE
from orggraph.domain.model import (
    NEED_STATUS_LABELS,
    PROBLEM_LEVEL_LABELS,
    NeedStatus,
    ProblemLevel,
    ProblemStatus,
    TaskStatus,
)

LEVEL_ORDER = (ProblemLevel.COMMUNITY, ProblemLevel.STREET, ProblemLevel.CITY)
TASK_OPEN_VALUES = (TaskStatus.PLANNED.value, TaskStatus.IN_PROGRESS.value)
# a need counts as a problem solved once its work is done
NEED_SOLVED = (NeedStatus.DONE, NeedStatus.RATED)


def problem_status(task_statuses: Iterable[str]) -> ProblemStatus:
    """A problem is being handled while a task is planned or under way, solved once a task is done and
    none is open, and open otherwise (no task yet, or every task cancelled)."""
    statuses = set(task_statuses)
    if statuses & set(TASK_OPEN_VALUES):
        return ProblemStatus.IN_PROGRESS
    if TaskStatus.DONE.value in statuses:
        return ProblemStatus.SOLVED
    return ProblemStatus.OPEN


def first_level(community_id: str | None) -> ProblemLevel:
    """A problem starts where it was raised: a community's in the community, a street's in the street."""
    return ProblemLevel.COMMUNITY if community_id else ProblemLevel.STREET


def check_escalation(current: ProblemLevel, to: ProblemLevel, status: ProblemStatus) -> None:
    """A problem moves up only (社区 → 街道 → 市委书记“1+N”工作清单), and only while it is unsolved."""
    if status is ProblemStatus.SOLVED:
        raise Conflict("id: 问题已解决,无需提级", field="id")
    if LEVEL_ORDER.index(to) <= LEVEL_ORDER.index(current):
        raise Conflict(f"to: 问题已在「{PROBLEM_LEVEL_LABELS[current]}」,只能向上提级", field="to")


def check_need_decidable(status: NeedStatus, field: str) -> None:
    """A meeting decides work on a need that is registered, published or already claimed (派单)."""
    if status not in DECIDABLE:
        raise Conflict(f"{field}: 需求为「{NEED_STATUS_LABELS[status]}」,不能作出承接决定", field=field)


def quarter_of(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def quarters(start: date, end: date) -> list[str]:
    """The quarters from the one holding `start` to the one holding `end`, in order."""
    out: list[str] = []
    year, q = start.year, (start.month - 1) // 3
    while (year, q) <= (end.year, (end.month - 1) // 3):
        out.append(f"{year}Q{q + 1}")
        year, q = (year + 1, 0) if q == 3 else (year, q + 1)
    return out


def missed_quarters(held: Iterable[date], start: date, end: date) -> list[str]:
    """The quarters of [start, end] in which no meeting was held (联合党委季度联席会议制度)."""
    met = {quarter_of(d) for d in held if start <= d <= end}
    return [q for q in quarters(start, end) if q not in met]
