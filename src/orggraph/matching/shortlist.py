"""A need's best candidates among many resources: numpy shortlists, the canonical ranker decides.

matchNeed and the city-wide plan both go through `Shortlisting.options`, so the plan's options for a
need are exactly matchNeed's recommendations (tests/integration/matching/test_plan_demo.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from orggraph.domain.concepts import Vocabulary
from orggraph.matching import vector
from orggraph.matching.facts import CandidateFacts, CloseUnits, NeedFacts, ResourceFacts
from orggraph.matching.rank import Scored, Weights, ranked, score
from orggraph.matching.text import CorpusStats

# candidates shortlisted beyond those shown, so that rounding in numpy never changes who is shown
SHORTLIST_MARGIN = 3


@dataclass(frozen=True)
class Options:
    """A need's best candidates with their scores, best first, not yet explained (the city plan explains
    only those it chooses: explaining is most of the scorer's time)."""

    need: NeedFacts
    options: list[tuple[float, CandidateFacts]]

    def explain(
        self, c: CandidateFacts, *, weights: Weights, today: date, prior: float, vocabulary: Vocabulary
    ) -> Scored:
        return score(self.need, c, weights=weights, today=today, prior=prior, vocabulary=vocabulary)


@dataclass(frozen=True)
class Shortlisting:
    """What the shortlists of many needs share: the resources as arrays, the weights, today, the
    city's rating prior and the concept vocabulary."""

    resources: vector.Resources
    weights: Weights
    today: date
    prior: float
    vocabulary: Vocabulary

    @classmethod
    def of(
        cls, resources: Iterable[ResourceFacts], *, weights: Weights, today: date, prior: float,
        stats: CorpusStats, vocabulary: Vocabulary,
    ) -> Shortlisting:  # fmt: skip
        return cls(vector.resources_table(resources, prior, stats), weights, today, prior, vocabulary)

    def options(self, need: NeedFacts, close: CloseUnits, limit: int) -> Options:
        """The need's best `limit` candidates: numpy shortlists every resource that passes the hard
        filters, then orggraph.matching.rank, the canonical scorer, ranks the shortlist."""
        row = vector.need_row(need, close, self.resources)
        shortlist = vector.best_candidates(
            row,
            self.resources,
            weights=self.weights,
            today=self.today,
            vocabulary=self.vocabulary,
            k=limit + SHORTLIST_MARGIN,
        )
        best = ranked(
            need,
            shortlist,
            weights=self.weights,
            today=self.today,
            prior=self.prior,
            vocabulary=self.vocabulary,
            limit=limit,
        )
        return Options(need, best)

    def explain(self, options: Options, c: CandidateFacts) -> Scored:
        return options.explain(
            c, weights=self.weights, today=self.today, prior=self.prior, vocabulary=self.vocabulary
        )
