"""The matchers the evaluation set (tests/eval/matching_cases.yaml, orggraph.matching.evaluation) judges.

Every case ranks the set's whole pool of resources for one need. What the set cannot judge (where the
units sit in the network, their record and load, the time window) is held equal: each resource is offered
city-wide by a unit of its own with no record and no open task, available all year. So the ranking is
decided by what a need is about: category, words, concepts and capacity, with the hard filter on the
support type, exactly as the matcher decides them.

- `current`: orggraph's matcher (orggraph.matching.rank with the default weights), its words and concepts
  found by orggraph.matching.text with the dictionary given (orggraph.vocabulary.load_dictionary: the
  seeds' vocabulary and lexicon).
- `previous`: the method before issue #16, reproduced: Neo4j's full-text score with the `cjk` analyzer
  (Lucene's CJK bigrams, BM25 over the resources) of the first 80 characters of the need, divided by the
  best candidate's; the old weights; capacity compared as bare numbers; no concept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

import numpy as np

from orggraph.domain.model import NeedStatus, ResourceStatus, ServiceArea
from orggraph.matching import components as comp
from orggraph.matching.evaluation import EvalCase, EvalResource, EvalSet
from orggraph.matching.facts import Closeness, NeedFacts, ResourceFacts
from orggraph.matching.filters import first_failure
from orggraph.matching.rank import Weights, ranked
from orggraph.matching.text import CorpusStats, Dictionary, TextIndex, indexed, query_terms, relevance

Ranker = Callable[[EvalCase], list[str]]
TODAY = date(2026, 11, 27)
NEEDED_BY = TODAY + timedelta(days=90)
SHOWN = 10  # how many a ranking lists (nDCG@5 and hit@1 read only the first five)
CITY = Closeness()  # no tie to the need's community


def _resource(r: EvalResource, words: list[str], concepts: list[str]) -> ResourceFacts:
    return ResourceFacts(
        resource_id=r.id, title=r.title, unit_id=f"unit-{r.id}", unit_name=r.unit, support_type=r.support_type,
        domains=frozenset(r.domains), populations=frozenset(r.populations), capacity=r.capacity,
        capacity_unit=r.capacity_unit, allocated=0.0, available_from=TODAY - timedelta(days=30),
        available_until=TODAY + timedelta(days=365), service_area=ServiceArea.CITY, status=ResourceStatus.ACTIVE,
        unit_done=0, unit_rating_sum=0.0, unit_open_tasks=0, terms=tuple(words), length=len(words),
        concepts=frozenset(concepts),
    )  # fmt: skip


def _need(case: EvalCase, terms: tuple[str, ...] = (), concepts: frozenset[str] = frozenset()) -> NeedFacts:
    n = case.need
    return NeedFacts(
        id=case.id, title=n.title, community_id="comm-eval", community_name="示例社区", street_name="示例街道",
        support_types=frozenset(n.support_types), domain=n.domain, populations=frozenset(n.populations),
        quantity=n.quantity, needed_by=NEEDED_BY, status=NeedStatus.PUBLISHED, quantity_unit=n.quantity_unit,
        terms=terms, concepts=concepts,
    )  # fmt: skip


def current(eval_set: EvalSet, dictionary: Dictionary, weights: Weights | None = None) -> Ranker:
    """orggraph's matcher on the set's pool, texts read with `dictionary`."""
    weights = weights or Weights()
    pool = []
    for r in eval_set.resources:
        found = indexed(r.title, r.description, dictionary=dictionary)
        pool.append(_resource(r, found["terms"], found["concepts"]))
    stats = CorpusStats.counted(f.terms for f in pool)

    def rank(case: EvalCase) -> list[str]:
        found = indexed(case.need.title, case.need.description, dictionary=dictionary)
        need = _need(case, query_terms(found["terms"]), frozenset(found["concepts"]))
        candidates = [f.candidate(CITY, relevance(need.terms, f.terms, f.length, stats)) for f in pool]
        best = ranked(
            need, candidates, weights=weights, today=TODAY, prior=comp.PRIOR_WITHOUT_RATINGS,
            vocabulary=dictionary.vocabulary,
        )  # fmt: skip
        return [c.resource_id for _, c in best[:SHOWN]]

    return rank


# ---------------------------------------------------------------- the method before issue #16
PREVIOUS_WEIGHTS = {"category": 0.20, "text": 0.15, "capacity": 0.10}  # of 1; the rest held equal
_CJK = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z0-9]+")
LUCENE_QUERY_CHARS = 80


def bigrams(text: str) -> list[str]:
    """Lucene's `cjk` analyzer: runs of CJK characters as overlapping bigrams (a lone character as itself),
    other words lower-cased."""
    out: list[str] = []
    for run in _CJK.findall(text):
        if not run[0].isascii():
            out += [run[i : i + 2] for i in range(len(run) - 1)] if len(run) > 1 else [run]
        else:
            out.append(run.lower())
    return out


def previous(eval_set: EvalSet) -> Ranker:
    """The matcher before issue #16 on the set's pool (see the module)."""
    docs = [bigrams(f"{r.title} {r.description}") for r in eval_set.resources]
    stats = CorpusStats.counted(docs)
    index = TextIndex([(d, len(d)) for d in docs], stats)
    pool = [_resource(r, [], []) for r in eval_set.resources]

    def rank(case: EvalCase) -> list[str]:
        need = replace(_need(case), quantity_unit="")  # no words or concepts of its own
        query = bigrams(f"{case.need.title} {case.need.description}"[:LUCENE_QUERY_CHARS])
        # Lucene sums over the query's terms as given (a repeated bigram counts again), not normalised
        raw = np.zeros(len(pool))
        for t in query:
            if t in index.vocab:
                raw += index.weights.column(index.vocab[t], len(pool)) * stats.idf(t)
        passing = [
            i for i, f in enumerate(pool) if first_failure(need, f.candidate(CITY, 0.0), TODAY) is None
        ]
        best = max((raw[i] for i in passing), default=0.0)
        scored = []
        for i in passing:
            f = pool[i]
            value = (
                PREVIOUS_WEIGHTS["category"]
                * comp.category_value(need.domain, need.populations, f.domains, f.populations)
                + PREVIOUS_WEIGHTS["text"] * (raw[i] / best if best > 0 else 0.0)
                + PREVIOUS_WEIGHTS["capacity"] * comp.capacity_value(f.left, need.quantity)
            )
            scored.append((round(value, 6), f.resource_id))
        scored.sort(key=lambda x: (-x[0], x[1]))
        return [rid for _, rid in scored[:SHOWN]]

    return rank
