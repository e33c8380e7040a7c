"""The province plan's reconcile: cities are planned one by one, each with the full capacity of the
PROVINCE-wide resources (全省) they share, so two cities may both draw the same resource. Afterwards, for
every resource drawn past what it has left over all cities, the needs that drew it are solved again
together over their shortlists, with what every resource has left once the other needs' choices are
counted: nothing is overdrawn, and the other needs keep their city's choice. Pure."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from orggraph.matching.planner import Option, solve

# quantities are floats: a draw within this of the capacity is within it
EPSILON = 1e-9


@dataclass(frozen=True)
class CityOutcome:
    """One city's plan as the province plan keeps it: its chosen options; the shortlist of each need it
    assigned (at least of those that drew a shared resource); what each resource its shortlists name had left
    when the city was read."""

    city_id: str
    chosen: tuple[Option, ...]
    options: Mapping[str, tuple[Option, ...]]  # by need id
    left: Mapping[str, float]  # by resource id


@dataclass(frozen=True)
class Change:
    """A need whose city's choice the reconcile changed: moved to another resource, or left without one."""

    city_id: str
    before: Option
    after: Option | None


@dataclass(frozen=True)
class Reconciled:
    chosen: dict[str, tuple[Option, ...]]  # by city id, the province's plan
    overdrawn: dict[str, tuple[float, float]]  # resource id -> (drawn by the city plans, what it had left)
    changes: tuple[Change, ...]
    needs_resolved: int  # the needs solved again (those that drew an overdrawn resource)
    score_before: float  # the city plans' total
    score_after: float
    solver_optimal: bool  # the re-solve proven optimal (True when nothing needed reconciling)
    seconds: float

    @property
    def happened(self) -> bool:
        return bool(self.overdrawn)


def capacities(cities: Sequence[CityOutcome]) -> dict[str, float]:
    """What each resource had left: the least any city read (the graph may have moved between cities)."""
    left: dict[str, float] = {}
    for city in cities:
        for r, value in city.left.items():
            left[r] = min(value, left.get(r, value))
    return left


def drawn(chosen: Mapping[str, Sequence[Option]]) -> dict[str, float]:
    """What the options drew from each resource, over all cities."""
    total: dict[str, float] = {}
    for options in chosen.values():
        for o in options:
            total[o.resource_id] = total.get(o.resource_id, 0.0) + o.take
    return total


def reconcile(cities: Sequence[CityOutcome], *, time_limit_s: float = 20.0, gap: float = 5e-3) -> Reconciled:
    """The province's plan from its cities' plans: unchanged when no resource is overdrawn; otherwise the
    needs that drew an overdrawn resource are solved again (planner.solve, within `gap` of the best) over
    their shortlists with the capacities the other needs leave."""
    started = time.perf_counter()
    left = capacities(cities)
    before = {c.city_id: c.chosen for c in cities}
    score_before = round(sum(o.score for c in cities for o in c.chosen), 6)
    over = {
        r: (d, left.get(r, 0.0)) for r, d in sorted(drawn(before).items()) if d > left.get(r, 0.0) + EPSILON
    }
    if not over:
        return Reconciled(before, {}, (), 0, score_before, score_before, True, time.perf_counter() - started)
    city_of: dict[str, str] = {}
    was: dict[str, Option] = {}
    remaining = dict(left)
    options: list[Option] = []
    for city in cities:
        for o in city.chosen:
            if o.resource_id in over:
                city_of[o.need_id] = city.city_id
                was[o.need_id] = o
                options += city.options.get(o.need_id) or (o,)
            else:
                remaining[o.resource_id] = remaining.get(o.resource_id, 0.0) - o.take
    remaining = {r: max(0.0, v) for r, v in remaining.items()}
    plan = solve(options, remaining, time_limit_s=time_limit_s, gap=gap)
    now = {o.need_id: o for o in plan.chosen}
    chosen = {
        city.city_id: tuple(
            sorted(
                [o for o in city.chosen if o.need_id not in city_of]
                + [o for n, o in now.items() if city_of[n] == city.city_id],
                key=lambda o: (o.need_id, o.resource_id),
            )
        )
        for city in cities
    }
    changes = tuple(
        Change(city_of[n], o, now.get(n))
        for n, o in sorted(was.items())
        if n not in now or now[n].resource_id != o.resource_id
    )
    score_after = round(sum(o.score for c in chosen.values() for o in c), 6)
    return Reconciled(
        chosen,
        over,
        changes,
        len(was),
        score_before,
        score_after,
        plan.optimal,
        time.perf_counter() - started,
    )
