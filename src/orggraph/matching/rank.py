"""Score and rank candidates: hard filters first, then the weighted sum of the components.

Deterministic: the same facts, weights, `today` and vocabulary give the same ranking; ties go to the smaller
id. The concept vocabulary (how concepts relate, what they are called) comes from the caller.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from functools import lru_cache

from orggraph.domain.concepts import Vocabulary
from orggraph.matching import components as comp
from orggraph.matching.facts import CandidateFacts, NeedFacts
from orggraph.matching.filters import first_failure
from orggraph.matching.text import shared_words


@dataclass(frozen=True)
class Weights:
    """Default weights sum to 1, so a score is in [0, 1]. Set ORGGRAPH_MATCH_WEIGHTS to change them."""

    category: float = 0.15
    text: float = 0.15
    concept: float = 0.15
    locality: float = 0.20
    capacity: float = 0.10
    time: float = 0.10
    reliability: float = 0.08
    fairness: float = 0.07

    def __post_init__(self) -> None:
        for f in fields(self):
            if getattr(self, f.name) < 0:
                raise ValueError(f"match weight {f.name} must not be negative")

    def items(self) -> tuple[tuple[str, float], ...]:
        return _items(self)


@lru_cache(maxsize=64)
def _items(w: Weights) -> tuple[tuple[str, float], ...]:
    # the weights of a frozen Weights never change: read them once, not on every candidate
    return tuple((f.name, float(getattr(w, f.name))) for f in fields(w))


COMPONENT_LABELS = {
    "category": "类别匹配",
    "text": "关键词相似",
    "concept": "主题相同",
    "locality": "组织距离",
    "capacity": "容量",
    "time": "时间窗口",
    "reliability": "可靠性",
    "fairness": "公平",
}


@dataclass(frozen=True)
class Component:
    name: str
    label: str
    weight: float
    value: float
    reason: str

    @property
    def contribution(self) -> float:
        return self.weight * self.value


@dataclass(frozen=True)
class Scored:
    need_id: str
    candidate: CandidateFacts
    score: float
    components: tuple[Component, ...]
    reason: str


def values(
    need: NeedFacts, c: CandidateFacts, *, today: date, prior: float, vocabulary: Vocabulary
) -> dict[str, float]:
    """The component values of a candidate, without their reasons (the fast path for ranking)."""
    return {
        "category": comp.category_value(need.domain, need.populations, c.domains, c.populations),
        "text": comp.text_value(c.text_score),
        "concept": comp.concept_value(need.concepts, c.concepts, vocabulary),
        "locality": comp.locality_value(c.locality),
        "capacity": comp.capacity_value(c.left, need.quantity, c.capacity_unit, need.quantity_unit),
        "time": comp.time_value(c.available_from, c.available_until, need.needed_by, today),
        "reliability": comp.reliability_value(
            c.unit_done, c.unit_rating_sum, prior, evaluation=c.unit_evaluation
        ),
        "fairness": comp.fairness_value(c.unit_open_tasks, need.community_unmet),
    }


# a score is rounded to this many decimals, so that the order of a sum never decides a ranking
SCORE_DIGITS = 6


def total(vals: dict[str, float], weights: Weights) -> float:
    return round(sum(w * vals[name] for name, w in weights.items()), SCORE_DIGITS)


def score(
    need: NeedFacts, c: CandidateFacts, *, weights: Weights, today: date, prior: float, vocabulary: Vocabulary
) -> Scored:
    """A candidate's score with every component explained."""
    parts = {
        "category": comp.category_fit(need.domain, need.populations, c.domains, c.populations),
        "text": comp.text_similarity(c.text_score, shared_words(need.terms, c.terms)),
        "concept": comp.concept_fit(need.concepts, c.concepts, vocabulary),
        "locality": comp.locality(c.locality, need.community_name, need.street_name),
        "capacity": comp.capacity(c.left, need.quantity, c.capacity_unit, need.quantity_unit),
        "time": comp.time_window(c.available_from, c.available_until, need.needed_by, today),
        "reliability": comp.reliability(
            c.unit_done,
            c.unit_rating_sum,
            prior,
            evaluation=c.unit_evaluation,
            evaluation_year=c.unit_evaluation_year,
        ),
        "fairness": comp.fairness(c.unit_open_tasks, need.community_unmet),
    }
    components = tuple(
        Component(name, COMPONENT_LABELS[name], w, parts[name].value, parts[name].reason)
        for name, w in weights.items()
    )
    # the candidate's reason: what weighs most in its favour, then the unit
    top = sorted((x for x in components if x.value > 0), key=lambda x: (-x.contribution, x.name))[:2]
    reason = f"{c.unit_name}:" + ";".join(x.reason for x in top) if top else c.unit_name
    return Scored(need.id, c, total({x.name: x.value for x in components}, weights), components, reason)


def ranked_pairs(
    pairs: Iterable[tuple[NeedFacts, CandidateFacts]],
    *,
    weights: Weights,
    today: date,
    prior: float,
    vocabulary: Vocabulary,
    limit: int | None = None,
) -> list[tuple[float, NeedFacts, CandidateFacts]]:
    """The pairs that pass every hard filter with their scores, best first (ties: the smaller need id,
    then the smaller resource id), not yet explained."""
    quick = [
        (total(values(n, c, today=today, prior=prior, vocabulary=vocabulary), weights), n, c)
        for n, c in pairs
        if first_failure(n, c, today) is None
    ]
    quick.sort(key=lambda x: (-x[0], x[1].id, x[2].resource_id))
    return quick[:limit] if limit is not None else quick


def ranked(
    need: NeedFacts,
    candidates: Iterable[CandidateFacts],
    *,
    weights: Weights,
    today: date,
    prior: float,
    vocabulary: Vocabulary,
    limit: int | None = None,
) -> list[tuple[float, CandidateFacts]]:
    """A need's candidates ranked (see `ranked_pairs`): ties go to the smaller resource id."""
    best = ranked_pairs(
        ((need, c) for c in candidates),
        weights=weights,
        today=today,
        prior=prior,
        vocabulary=vocabulary,
        limit=limit,
    )
    return [(sc, c) for sc, _, c in best]
