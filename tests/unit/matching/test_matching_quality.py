"""The matcher on the evaluation set (tests/eval/matching_cases.yaml; docs/matching.md, "How good it is"):
a floor under what a person checking its first recommendation gets, and never worse than the method it replaced.

The floor is on the `tune` split, the cases the weights and levels were set on; the other splits are
reported by `make bench` (benchmarks/matching_quality.py) and in docs/matching.md, and are only required to
beat the previous method: a floor there would be tuned to them."""

from __future__ import annotations

from functools import cache

import pytest

from orggraph.matching import eval_rankers
from orggraph.matching.evaluation import EvalSet, Scores, evaluate, load_eval_set
from orggraph.settings import project_root

FLOOR_HIT1 = 0.9


@cache
def eval_set() -> EvalSet:
    return load_eval_set(project_root() / "tests" / "eval" / "matching_cases.yaml")


@cache
def scores(method: str, split: str) -> Scores:
    s = eval_set()
    ranker = eval_rankers.current(s) if method == "current" else eval_rankers.previous(s)
    return evaluate(s.split(split), ranker)  # type: ignore[arg-type]


def test_the_first_recommendation_is_the_best_one_for_nine_tuned_cases_in_ten() -> None:
    assert scores("current", "tune").hit1 >= FLOOR_HIT1


@pytest.mark.parametrize("split", sorted({c.split for c in eval_set().cases}))
def test_the_matcher_ranks_better_than_the_method_it_replaced(split: str) -> None:
    now, before = scores("current", split), scores("previous", split)
    assert now.hit1 >= before.hit1 and now.mrr > before.mrr and now.ndcg5 > before.ndcg5, (split, now, before)
