"""The plan respects capacities and equals brute force on small instances."""

from __future__ import annotations

import random

import pytest

from orggraph.matching.planner import Option, solve
from tests.support.planning import brute_force


def test_capacity_is_never_exceeded_and_each_need_gets_at_most_one_resource() -> None:
    options = [
        Option("n1", "r1", 0.9, 2), Option("n2", "r1", 0.8, 2), Option("n3", "r1", 0.7, 2),
        Option("n1", "r2", 0.5, 1), Option("n3", "r2", 0.6, 1),
    ]  # fmt: skip
    plan = solve(options, {"r1": 4, "r2": 1})
    drawn: dict[str, float] = {}
    for o in plan.chosen:
        drawn[o.resource_id] = drawn.get(o.resource_id, 0) + o.take
    assert drawn["r1"] <= 4 and drawn.get("r2", 0) <= 1
    assert len({o.need_id for o in plan.chosen}) == len(plan.chosen)
    assert plan.optimal and plan.total_score == pytest.approx(0.9 + 0.8 + 0.6)


def test_the_greedy_choice_is_not_always_best() -> None:
    # greedy would give r1 to n1 (0.9) and leave n2 with nothing; the plan gives 0.8 + 0.85
    options = [Option("n1", "r1", 0.9, 1), Option("n1", "r2", 0.8, 1), Option("n2", "r1", 0.85, 1)]
    plan = solve(options, {"r1": 1, "r2": 1})
    assert {(o.need_id, o.resource_id) for o in plan.chosen} == {("n1", "r2"), ("n2", "r1")}


@pytest.mark.parametrize("seed", range(12))
def test_the_plan_equals_brute_force_on_small_random_instances(seed: int) -> None:
    rng = random.Random(seed)
    needs, resources = [f"n{i}" for i in range(5)], [f"r{i}" for i in range(3)]
    options = [
        Option(n, r, round(rng.random(), 3), rng.choice([1, 2, 3]))
        for n in needs for r in resources if rng.random() < 0.7
    ]  # fmt: skip
    left = {r: float(rng.choice([1, 2, 3, 4])) for r in resources}
    plan = solve(options, left)
    assert plan.total_score == pytest.approx(brute_force(options, left), abs=1e-6)


def test_an_empty_problem_has_an_empty_plan() -> None:
    assert solve([], {}).chosen == ()


def test_the_plan_is_deterministic() -> None:
    options = [Option(f"n{i}", "r1", 0.5, 1) for i in range(6)]
    first = solve(options, {"r1": 3})
    assert first.chosen == solve(list(reversed(options)), {"r1": 3}).chosen


def test_needs_linked_only_through_roomy_resources_take_their_best_option() -> None:
    # r1 can serve everyone: it constrains nothing; r2 is short and links n3 and n4
    options = [
        Option("n1", "r1", 0.6, 1), Option("n1", "r9", 0.6, 1), Option("n2", "r1", 0.7, 1),
        Option("n3", "r2", 0.9, 1), Option("n4", "r2", 0.8, 1), Option("n4", "r1", 0.5, 1),
    ]  # fmt: skip
    plan = solve(options, {"r1": 10, "r2": 1, "r9": 1})
    assert {(o.need_id, o.resource_id) for o in plan.chosen} == {
        ("n1", "r1"),
        ("n2", "r1"),
        ("n3", "r2"),
        ("n4", "r1"),
    }
    assert plan.optimal and plan.total_score == pytest.approx(
        brute_force(options, {"r1": 10, "r2": 1, "r9": 1})
    )
