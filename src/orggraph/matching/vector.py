"""Scoring many resources for a need at once, to shortlist its best candidates quickly.

The same hard filters and components as orggraph.matching.filters and .components, computed with numpy
over arrays of resources. The shortlist is then ranked again by orggraph.matching.rank, so every
reported score and reason is the canonical one; tests/unit/matching/test_vector.py checks the two
against each other on random facts.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from orggraph.domain.concepts import Vocabulary
from orggraph.domain.model import ResourceStatus, ServiceArea
from orggraph.domain.taxonomy import Domain, Population, SupportType
from orggraph.matching import components as comp
from orggraph.matching.facts import CandidateFacts, Closeness, CloseUnits, NeedFacts, ResourceFacts
from orggraph.matching.filters import areas_served
from orggraph.matching.rank import SCORE_DIGITS, Weights
from orggraph.matching.text import Columns, CorpusStats, TextIndex

K = TypeVar("K")

DOMAIN_BIT: dict[Domain, int] = {d: 1 << i for i, d in enumerate(Domain)}
POP_BIT: dict[Population, int] = {p: 1 << i for i, p in enumerate(Population) if p is not Population.ALL}
TYPE_INDEX = {t: i for i, t in enumerate(SupportType)}
AREA_INDEX = {a: i for i, a in enumerate(ServiceArea)}
EPOCH = date(2000, 1, 1)

# A unit's closeness to a community as a 5-bit code, and what the rules make of each of the 32 codes:
# the locality value (orggraph.matching.facts.locality_of) and the service areas that reach the
# community (orggraph.matching.filters.areas_served).
OTHER_CITY, HERE, STREET, LEADER, WORKING = 16, 8, 4, 2, 1
CLOSENESS_BY_CODE = tuple(
    Closeness(
        bool(code & HERE),
        bool(code & STREET),
        bool(code & LEADER),
        bool(code & WORKING),
        bool(code & OTHER_CITY),
    )
    for code in range(32)
)
LOCALITY_BY_CODE = np.array([comp.locality_value(c.locality) for c in CLOSENESS_BY_CODE])
SERVED_BY_CODE = np.array(
    [
        [a in areas_served(c.member_here, c.member_in_street, c.other_city) for a in AREA_INDEX]
        for c in CLOSENESS_BY_CODE
    ]
)


def days(d: date) -> int:
    return (d - EPOCH).days


def mask(values: Iterable[K], bits: Mapping[K, int]) -> int:
    return sum(bits.get(v, 0) for v in set(values))


@dataclass(frozen=True)
class Resources:
    """Resources as aligned arrays, in resource id order (index = position)."""

    facts: Sequence[ResourceFacts]
    ids: NDArray[np.str_]
    unit_index: Mapping[str, int]  # unit id -> unit index
    unit: NDArray[np.int64]  # unit index
    unit_city: NDArray[np.str_]  # by unit index: the unit's city id ("" for a provincial unit)
    type: NDArray[np.int64]
    active: NDArray[np.bool_]
    domains: NDArray[np.int64]  # bitmask
    pops: NDArray[np.int64]  # bitmask (ALL excluded)
    pops_all: NDArray[np.bool_]
    left: NDArray[np.float64]
    start: NDArray[np.int64]  # days
    end: NDArray[np.int64]
    area: NDArray[np.int64]
    reliability: NDArray[np.float64]
    load: NDArray[np.float64]  # the load part of fairness
    text: TextIndex  # their words' BM25 weights
    concept_index: Mapping[str, int]  # concept id -> column of `about`
    about: Columns  # resources x concepts: 1 where the resource is about the concept (by column)
    capacity_units: tuple[str, ...]  # the distinct units capacities are counted in
    capacity_unit: NDArray[np.int64]  # index into capacity_units
    # every resource's closeness code to a community, by its close units (filled as needs ask: a plan's
    # needs share a few thousand communities)
    codes: dict[CloseUnits, NDArray[np.int64]] = field(default_factory=dict, compare=False, repr=False)


def resources_table(resources: Iterable[ResourceFacts], prior: float, stats: CorpusStats) -> Resources:
    facts = sorted(resources, key=lambda f: f.resource_id)
    unit_city = {f.unit_id: f.unit_city or "" for f in facts}
    unit_index = {u: i for i, u in enumerate(sorted(unit_city))}
    concept_index = {c: i for i, c in enumerate(sorted({c for f in facts for c in f.concepts}))}
    about_rows = [i for i, f in enumerate(facts) for _ in f.concepts]
    about_cols = [concept_index[c] for f in facts for c in f.concepts]
    about = Columns.of(about_rows, about_cols, None, max(len(concept_index), 1))
    capacity_units = tuple(sorted({f.capacity_unit for f in facts}))
    unit_code = {u: i for i, u in enumerate(capacity_units)}
    return Resources(
        facts=facts,
        ids=np.array([f.resource_id for f in facts], dtype=np.str_),
        unit_index=unit_index,
        unit=np.array([unit_index[f.unit_id] for f in facts], dtype=np.int64),
        unit_city=np.array([unit_city[u] for u in unit_index], dtype=np.str_),
        type=np.array([TYPE_INDEX[f.support_type] for f in facts], dtype=np.int64),
        active=np.array([f.status is ResourceStatus.ACTIVE for f in facts], dtype=np.bool_),
        domains=np.array([mask(f.domains, DOMAIN_BIT) for f in facts], dtype=np.int64),
        pops=np.array([mask(f.populations, POP_BIT) for f in facts], dtype=np.int64),
        pops_all=np.array([Population.ALL in f.populations for f in facts], dtype=np.bool_),
        left=np.array([f.capacity - f.allocated for f in facts], dtype=np.float64),
        start=np.array([days(f.available_from) for f in facts], dtype=np.int64),
        end=np.array([days(f.available_until) for f in facts], dtype=np.int64),
        area=np.array([AREA_INDEX[f.service_area] for f in facts], dtype=np.int64),
        reliability=np.array(
            [
                comp.reliability_value(f.unit_done, f.unit_rating_sum, prior, evaluation=f.unit_evaluation)
                for f in facts
            ],
            dtype=np.float64,
        ),
        load=np.array([comp.load_value(f.unit_open_tasks) for f in facts], dtype=np.float64),
        text=TextIndex([(f.terms, f.length) for f in facts], stats),
        concept_index=concept_index,
        about=about,
        capacity_units=capacity_units,
        capacity_unit=np.array([unit_code[f.capacity_unit] for f in facts], dtype=np.int64),
    )


@dataclass(frozen=True)
class NeedRow:
    need: NeedFacts
    pops: int  # bitmask (ALL excluded)
    pops_all: bool
    code: NDArray[np.int64]  # every resource's closeness code: its unit's ties to the need's community
    text: NDArray[np.float64]  # every resource's relevance to the need's words


def need_row(need: NeedFacts, close: CloseUnits, r: Resources) -> NeedRow:
    return NeedRow(
        need=need,
        pops=mask(need.populations, POP_BIT),
        pops_all=Population.ALL in need.populations,
        code=_closeness(close, r),
        text=r.text.scores(need.terms),
    )


def _closeness(close: CloseUnits, r: Resources) -> NDArray[np.int64]:
    """Every resource's closeness code: its unit's ties to the community (read-only; kept per table)."""
    code = r.codes.get(close)
    if code is None:
        unit_code = np.zeros(len(r.unit_index), dtype=np.int64)
        if close.city_id is not None and len(r.unit_city):
            unit_code[r.unit_city != close.city_id] |= OTHER_CITY
        for units, bit in ((close.here, HERE), (close.street, STREET), (close.leader, LEADER),
                           (close.working, WORKING)):  # fmt: skip
            unit_code[[r.unit_index[u] for u in units if u in r.unit_index]] |= bit
        code = unit_code[r.unit]
        code.flags.writeable = False
        r.codes[close] = code
    return code


def _passing(row: NeedRow, r: Resources, code: NDArray[np.int64], today: date) -> NDArray[np.intp]:
    """The indexes of the resources that pass every hard filter (orggraph.matching.filters)."""
    need = row.need
    wanted = np.zeros(len(TYPE_INDEX), dtype=np.bool_)
    wanted[[TYPE_INDEX[t] for t in need.support_types]] = True
    ok = r.active & wanted[r.type] & (r.left > 0)
    ok &= (r.start <= days(need.needed_by)) & (r.end >= days(today))
    ok &= SERVED_BY_CODE[code, r.area]
    return np.flatnonzero(ok)


def _top(score: NDArray[np.float64], k: int) -> NDArray[np.intp]:
    """The positions of the k best scores, rounded as rank.total rounds them; among equal scores the
    first positions (the smaller resource ids) win, as in rank.ranked."""
    if k <= 0:
        return np.arange(0)
    if k >= score.size:
        return np.arange(score.size)
    rounded = np.round(score, SCORE_DIGITS)
    kth = np.partition(rounded, score.size - k)[score.size - k]
    above = np.flatnonzero(rounded > kth)
    tied = np.flatnonzero(rounded == kth)
    return np.concatenate([above, tied[: k - above.size]])


@dataclass(frozen=True)
class QuickScores:
    """The resources that pass every hard filter for a need, and their scores (unrounded)."""

    passing: NDArray[np.intp]  # resource indexes
    score: NDArray[np.float64]  # aligned with passing
    code: NDArray[np.int64]  # every resource's closeness code


def quick_scores(
    row: NeedRow, r: Resources, *, weights: Weights, today: date, vocabulary: Vocabulary
) -> QuickScores:
    need = row.need
    code = row.code
    passing = _passing(row, r, code, today)
    if passing.size == 0:
        return QuickScores(passing, np.zeros(0), code)
    text = np.clip(row.text[passing], 0, 1)
    concept = _concepts(need, r, vocabulary)[passing]
    dom = ((r.domains[passing] & DOMAIN_BIT[need.domain]) != 0).astype(np.float64)
    if row.pops_all:
        pop = np.ones(passing.size)
    else:
        n_pops = len(need.populations)
        shared = np.bitwise_count(r.pops[passing] & row.pops).astype(np.float64)
        pop = np.where(r.pops_all[passing], 1.0, shared / n_pops if n_pops else 0.0)
    category = np.clip(comp.DOMAIN_SHARE * dom + comp.POPULATION_SHARE * pop, 0, 1)
    locality = LOCALITY_BY_CODE[code[passing]]
    capacity = _capacity(need, r)[passing]
    t0, t1 = days(today), max(days(need.needed_by), days(today))
    start, end = r.start[passing], r.end[passing]
    if t1 == t0:
        time = ((start <= t0) & (end >= t0)).astype(np.float64)
    else:
        time = np.clip((np.minimum(t1, end) - np.maximum(t0, start)) / (t1 - t0), 0, 1)
    fairness = np.clip(r.load[passing] + comp.UNMET_SHARE * need.community_unmet, 0, 1)
    w = dict(weights.items())
    score = (
        w["category"] * category + w["text"] * text + w["concept"] * concept + w["locality"] * locality
        + w["capacity"] * capacity + w["time"] * time + w["reliability"] * r.reliability[passing]
        + w["fairness"] * fairness
    )  # fmt: skip
    return QuickScores(passing, score, code)


def _concepts(need: NeedFacts, r: Resources, vocab: Vocabulary) -> NDArray[np.float64]:
    """components.concept_value of every resource: 1 for a shared concept, RELATED_CONCEPT for a related one."""
    value = np.zeros(len(r.facts))
    if not need.concepts or not r.concept_index:
        return value
    related = set().union(*(comp.related_concepts(n, vocab) for n in need.concepts))
    starts, rows = r.about.indptr, r.about.indices
    for concepts, v in ((related, comp.RELATED_CONCEPT), (need.concepts, 1.0)):
        for c in concepts:
            col = r.concept_index.get(c)
            if col is not None:  # the resources about the concept: one column's rows, read directly
                value[rows[starts[col] : starts[col + 1]]] = v
    return value


def _capacity(need: NeedFacts, r: Resources) -> NDArray[np.float64]:
    """components.capacity_value of every resource: its capacity left in the need's unit, INCOMPARABLE where
    the units are not compatible."""
    if need.quantity <= 0:
        return np.ones(len(r.facts))
    if not len(r.facts):
        return np.zeros(0)
    factors, comparable = _factors(r.capacity_units, need.quantity_unit)
    unit = r.capacity_unit
    covered = np.clip(r.left * factors[unit] / need.quantity, 0, 1)
    return np.where(comparable[unit], covered, comp.INCOMPARABLE)


@functools.lru_cache(maxsize=256)
def _factors(units: tuple[str, ...], need_unit: str) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """_factor of each unit (0 where not comparable), and whether it is comparable: a plan asks the same
    few need units thousands of times."""
    raw = np.array([_factor(u, need_unit) for u in units] or [1.0], dtype=np.float64)
    comparable = ~np.isnan(raw)
    factors = np.where(comparable, raw, 0.0)
    factors.flags.writeable = comparable.flags.writeable = False
    return factors, comparable


def _factor(unit: str, need_unit: str) -> float:
    """One of `unit` in the need's unit (nan when not comparable), as components.capacity_value converts."""
    one = comp.converted(1.0, unit, need_unit)
    return float("nan") if one is None else one


def best_candidates(
    row: NeedRow, r: Resources, *, weights: Weights, today: date, vocabulary: Vocabulary, k: int
) -> list[CandidateFacts]:
    """The k best candidates passing the hard filters, in resource id order."""
    q = quick_scores(row, r, weights=weights, today=today, vocabulary=vocabulary)
    return [
        r.facts[i].candidate(CLOSENESS_BY_CODE[q.code[i]], float(row.text[i]))
        for i in (int(q.passing[j]) for j in np.sort(_top(q.score, k)))
    ]
