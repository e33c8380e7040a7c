"""Rank and explain every candidate of a need: what matchNeed shows, without the numpy shortlist."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from orggraph.matching.facts import CandidateFacts, NeedFacts
from orggraph.matching.rank import Scored, Weights, ranked, score


def rank(
    need: NeedFacts,
    candidates: Iterable[CandidateFacts],
    *,
    weights: Weights,
    today: date,
    prior: float,
    limit: int | None = None,
) -> list[Scored]:
    """The candidates that pass every hard filter, best first, each explained (see `rank.ranked`)."""
    shown, best_text = ranked(need, candidates, weights=weights, today=today, prior=prior, limit=limit)
    return [score(need, c, weights=weights, today=today, best_text=best_text, prior=prior) for _, c in shown]
