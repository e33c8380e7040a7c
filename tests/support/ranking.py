"""Every candidate of a need, ranked and explained one by one: what matchNeed shows, without numpy."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from orggraph.matching.facts import CandidateFacts, Closeness, CloseUnits, NeedFacts, ResourceFacts
from orggraph.matching.rank import Scored, Weights, ranked, score
from orggraph.matching.text import CorpusStats, relevance
from orggraph.vocabulary import load_vocabulary


def rank(
    need: NeedFacts,
    candidates: Iterable[CandidateFacts],
    *,
    weights: Weights,
    today: date,
    prior: float,
    limit: int | None = None,
) -> list[Scored]:
    """The candidates that pass every hard filter, best first, each explained (see `rank.ranked`), with the
    seeds' vocabulary."""
    vocabulary = load_vocabulary()
    shown = ranked(
        need, candidates, weights=weights, today=today, prior=prior, vocabulary=vocabulary, limit=limit
    )
    return [
        score(need, c, weights=weights, today=today, prior=prior, vocabulary=vocabulary) for _, c in shown
    ]


def seen_from(
    need: NeedFacts, close: CloseUnits, resources: Iterable[ResourceFacts], stats: CorpusStats
) -> list[CandidateFacts]:
    """Every resource as a candidate of the need (whose community has these close units), its relevance
    computed one by one: the reference the numpy shortlist is checked against."""
    return [
        r.candidate(
            Closeness(
                *(r.unit_id in units for units in (close.here, close.street, close.leader, close.working)),
                other_city=close.city_id is not None and r.unit_city != close.city_id,
            ),
            relevance(need.terms, r.terms, r.length, stats),
        )
        for r in resources
    ]
