"""The province plan's reconcile: cities planned alone may together draw a PROVINCE-wide resource past its
capacity; the reconcile re-solves the needs that drew it so that nothing is overdrawn, keeps every other
choice, and is as good as trying every assignment of those needs."""

from __future__ import annotations

import random
from itertools import product

import pytest

from orggraph.matching.planner import Option, solve
from orggraph.matching.province import CityOutcome, capacities, drawn, reconcile


def city(city_id: str, options: list[Option], left: dict[str, float]) -> CityOutcome:
    """A city planned alone, as the province plan plans it: its solver over its own shortlists."""
    shortlists: dict[str, tuple[Option, ...]] = {}
    for o in options:
        shortlists[o.need_id] = (*shortlists.get(o.need_id, ()), o)
    named = {o.resource_id for o in options}
    plan = solve(options, {r: v for r, v in left.items() if r in named})
    return CityOutcome(city_id, plan.chosen, shortlists, {r: left[r] for r in sorted(named)})


def test_cities_that_share_no_short_resource_keep_their_plans() -> None:
    left = {"p1": 5.0, "a1": 1.0, "b1": 1.0}
    a = city("a", [Option("na1", "p1", 0.9, 2), Option("na1", "a1", 0.5, 1)], left)
    b = city("b", [Option("nb1", "p1", 0.8, 2), Option("nb1", "b1", 0.7, 1)], left)
    result = reconcile([a, b])
    assert not result.happened and result.changes == ()
    assert result.chosen == {"a": a.chosen, "b": b.chosen}
    assert result.score_after == result.score_before == pytest.approx(1.7)


def test_a_province_resource_two_cities_both_took_goes_where_it_scores_best() -> None:
    # each city alone gives p1 (one place left) to its need; together only one may have it: nb1 falls
    # back on its own city's b1, which costs less than moving na1 to a1
    left = {"p1": 1.0, "a1": 1.0, "b1": 1.0}
    a = city("a", [Option("na1", "p1", 0.9, 1), Option("na1", "a1", 0.3, 1)], left)
    b = city("b", [Option("nb1", "p1", 0.8, 1), Option("nb1", "b1", 0.7, 1)], left)
    assert a.chosen[0].resource_id == b.chosen[0].resource_id == "p1"
    result = reconcile([a, b])
    assert result.overdrawn == {"p1": (2.0, 1.0)}
    assert result.needs_resolved == 2
    assert {(o.need_id, o.resource_id) for c in result.chosen.values() for o in c} == {
        ("na1", "p1"),
        ("nb1", "b1"),
    }
    assert [(c.city_id, c.before.resource_id, c.after and c.after.resource_id) for c in result.changes] == [
        ("b", "p1", "b1")
    ]
    assert result.score_after == pytest.approx(1.6)


def test_a_need_with_nowhere_else_to_go_is_left_without_a_resource() -> None:
    left = {"p1": 1.0}
    a = city("a", [Option("na1", "p1", 0.9, 1)], left)
    b = city("b", [Option("nb1", "p1", 0.8, 1)], left)
    result = reconcile([a, b])
    assert result.chosen["b"] == ()
    assert [(c.before.need_id, c.after) for c in result.changes] == [("nb1", None)]


def test_a_city_resource_keeps_what_its_own_citys_other_needs_drew() -> None:
    # nb2 holds b1 in city b; nb1, moved off p1, may not take b1 too
    left = {"p1": 1.0, "b1": 1.0, "b2": 1.0}
    a = city("a", [Option("na1", "p1", 0.9, 1)], left)
    b = city(
        "b",
        [Option("nb1", "p1", 0.8, 1), Option("nb1", "b1", 0.75, 1), Option("nb1", "b2", 0.1, 1),
         Option("nb2", "b1", 0.6, 1)],
        left,
    )  # fmt: skip
    result = reconcile([a, b])
    taken = {o.need_id: o.resource_id for c in result.chosen.values() for o in c}
    assert taken["nb2"] == "b1" and taken["nb1"] != "b1"


def _oracle(cities: list[CityOutcome]) -> tuple[float, set[str]]:
    """The best total score of a province plan that keeps every city choice that drew no overdrawn resource,
    found by trying every assignment of the others; and those others."""
    left = capacities(cities)
    total = drawn({c.city_id: c.chosen for c in cities})
    over = {r for r, d in total.items() if d > left[r] + 1e-9}
    kept = [o for c in cities for o in c.chosen if o.resource_id not in over]
    moving = [o.need_id for c in cities for o in c.chosen if o.resource_id in over]
    shortlists = {n: opts for c in cities for n, opts in c.options.items()}
    best = 0.0
    for combo in product(*[[None, *shortlists[n]] for n in moving]):
        picked = kept + [o for o in combo if o is not None]
        use = drawn({"all": picked})
        if all(v <= left[r] + 1e-9 for r, v in use.items()):
            best = max(best, sum(o.score for o in picked))
    return round(best, 6), set(moving)


@pytest.mark.parametrize("seed", range(25))
def test_the_reconcile_never_overdraws_and_equals_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    shared = ["p1", "p2"]
    left = {r: float(rng.choice([1, 2, 3])) for r in shared}
    cities = []
    for c in ("a", "b", "c"):
        own = [f"{c}-r{i}" for i in range(2)]
        left |= {r: float(rng.choice([1, 2])) for r in own}
        options = [
            Option(f"{c}-n{i}", r, round(rng.random(), 3), float(rng.choice([1, 2])))
            for i in range(rng.randint(1, 3)) for r in shared + own if rng.random() < 0.6
        ]  # fmt: skip
        cities.append(city(c, options, left))
    result = reconcile(cities)
    use = drawn(result.chosen)
    assert all(v <= left[r] + 1e-9 for r, v in use.items()), use
    best, moving = _oracle(cities)
    assert result.score_after == pytest.approx(best, abs=1e-6)
    assert result.needs_resolved == len(moving)
    for c in cities:  # the needs that drew no overdrawn resource keep their city's choice
        kept = {o for o in c.chosen if o.need_id not in moving}
        assert kept <= set(result.chosen[c.city_id])
    assert result.happened == bool(moving)
