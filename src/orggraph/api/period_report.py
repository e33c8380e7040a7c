"""The organization department's report by period and scope (组织部月度报告): `periodReport`. Open like the
network's other figures (cityStats, taskStats): it names units and places, no person."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry

from orggraph.api.context import Ctx
from orggraph.api.enums import mirror, to_api, to_domain
from orggraph.api.words import arg
from orggraph.domain import glossary, periods
from orggraph.graph import period_reads

PeriodScope = mirror(periods.PeriodScope, periods.PERIOD_SCOPE_LABELS, "PeriodScope")


def _f(entity: str, field: str, **kw: Any) -> Any:
    return strawberry.field(description=glossary.describe(entity, field), **kw)


F = "PeriodFigures"
U = "UnitPeriodFigures"
R = "PeriodReport"


@strawberry.type(description=glossary.describe(F))
class PeriodFigures:
    id: strawberry.ID | None = _f(F, "id")
    name: str = _f(F, "name")
    needs_raised: int = _f(F, "needsRaised")
    needs_resolved: int = _f(F, "needsResolved")
    needs_rejected: int = _f(F, "needsRejected")
    needs_overdue: int = _f(F, "needsOverdue")
    tasks_created: int = _f(F, "tasksCreated")
    tasks_done_on_time: int = _f(F, "tasksDoneOnTime")
    tasks_done_late: int = _f(F, "tasksDoneLate")
    tasks_overdue: int = _f(F, "tasksOverdue")
    meetings_held: int = _f(F, "meetingsHeld")
    decisions_made: int = _f(F, "decisionsMade")
    problems_raised: int = _f(F, "problemsRaised")
    problems_solved: int = _f(F, "problemsSolved")
    matches_accepted: int = _f(F, "matchesAccepted")

    @classmethod
    def of(cls, place_id: str | None, name: str, f: periods.Figures) -> PeriodFigures:
        return cls(
            id=strawberry.ID(place_id) if place_id else None,
            name=name,
            **{n: getattr(f, n) for n in periods.FIGURE_NAMES},
        )


@strawberry.type(description=glossary.describe(U))
class UnitPeriodFigures:
    unit_id: strawberry.ID = _f(U, "unitId")
    name: str = _f(U, "name")
    tasks_taken: int = _f(U, "tasksTaken")
    tasks_done_on_time: int = _f(U, "tasksDoneOnTime")
    tasks_done_late: int = _f(U, "tasksDoneLate")
    tasks_overdue: int = _f(U, "tasksOverdue")
    needs_claimed: int = _f(U, "needsClaimed")

    @classmethod
    def of(cls, u: periods.UnitFigures) -> UnitPeriodFigures:
        return cls(
            unit_id=strawberry.ID(u.id), name=u.name, **{n: getattr(u, n) for n in periods.UNIT_FIGURE_NAMES}
        )


@strawberry.type(description=glossary.describe(R))
class PeriodReport:
    scope: PeriodScope = _f(R, "scope")  # type: ignore[valid-type]
    id: strawberry.ID | None = _f(R, "id")
    name: str = _f(R, "name")
    from_: date = _f(R, "from", name="from")
    to: date = _f(R, "to")
    as_of: date = _f(R, "asOf")
    title: str = _f(R, "title")
    totals: PeriodFigures = _f(R, "totals")
    by_community: list[PeriodFigures] = _f(R, "byCommunity")
    by_unit: list[UnitPeriodFigures] = _f(R, "byUnit")

    @classmethod
    def of(cls, r: periods.PeriodReport) -> PeriodReport:
        return cls(
            scope=to_api(PeriodScope, r.scope),
            id=strawberry.ID(r.id) if r.id else None,
            name=r.name,
            from_=r.start,
            to=r.end,
            as_of=r.as_of,
            title=r.title,
            totals=PeriodFigures.of(r.id, r.name, r.totals),
            by_community=[PeriodFigures.of(c.id, c.name, c.figures) for c in r.by_community],
            by_unit=[UnitPeriodFigures.of(u) for u in r.by_unit],
        )


@strawberry.type
class PeriodReportQuery:
    @strawberry.field(description=glossary.use_case("periodReport"))
    async def period_report(
        self,
        info: Ctx,
        scope: Annotated[PeriodScope, arg("periodReport", "scope")],  # type: ignore[valid-type]
        id: Annotated[strawberry.ID | None, arg("periodReport", "id")] = None,
        *,
        from_: Annotated[
            date, strawberry.argument(name="from", description=glossary.argument("periodReport", "from"))
        ],
        to: Annotated[date, arg("periodReport", "to")],
    ) -> PeriodReport:
        query = periods.PeriodQuery(to_domain(periods.PeriodScope, scope), id, from_, to)
        report = await period_reads.period_report(info.context.graph, query, info.context.caller.today)
        return PeriodReport.of(report)
