"""Every candidate of a need, ranked and explained one by one: what matchNeed shows, without numpy."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from orggraph.matching.facts import CandidateFacts, Closeness, CloseUnits, NeedFacts, ResourceFacts, TextHits
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


def seen_from(close: CloseUnits, hits: TextHits, resources: Iterable[ResourceFacts]) -> list[CandidateFacts]:
    """Every resource as a candidate of the need whose community has these close units and whose words
    found these hits: the reference the numpy shortlist is checked against."""
    text = dict(zip(hits.ids, hits.scores, strict=True))
    return [
        r.candidate(
            Closeness(
                *(r.unit_id in units for units in (close.here, close.street, close.leader, close.working))
            ),
            text.get(r.resource_id, 0.0),
        )
        for r in resources
    ]
