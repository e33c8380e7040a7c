"""Random needs, resources and closeness for differential tests of the numpy shortlist.

Values come from small sets so that equal scores, full and empty resources, overdue needs, withdrawn
resources and every service area and tie occur often."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TypeVar

from orggraph.domain.model import NeedStatus, ResourceStatus, ServiceArea
from orggraph.domain.taxonomy import Domain, Population, SupportType
from orggraph.matching.facts import CandidateFacts, CloseUnits, NeedFacts, ResourceFacts
from orggraph.matching.rank import Weights
from orggraph.matching.text import CorpusStats
from orggraph.vocabulary import load_vocabulary
from tests.support.ranking import seen_from

T = TypeVar("T")
TODAY = date(2026, 11, 27)
TYPES = (SupportType.VOLUNTEER, SupportType.SPACE, SupportType.FUND)
DOMAINS = (Domain.ELDER, Domain.CHILD, Domain.HEALTH)
POPULATIONS = (Population.ELDERLY, Population.CHILD, Population.DISABLED, Population.ALL)
WORDS = ("电梯", "加装", "老人", "助餐", "消防", "安全", "课堂", "志愿", "资金", "社区")
# units that convert (万元, 元), that do not (项, 人次, 次), and none
UNITS = ("人次", "次", "万元", "元", "项", "")


def _concepts() -> tuple[str, ...]:
    """A few concepts and their relatives (parent, siblings, children): shared and related ones occur often."""
    vocab = load_vocabulary()
    picked: list[str] = []
    for c in vocab.concepts:
        if c.broader is not None and len(vocab.narrower(c.broader)) >= 3:
            picked += [c.id, c.broader, *vocab.narrower(c.broader)[:3]]
        if len(picked) >= 12:
            break
    return tuple(dict.fromkeys(picked))


@dataclass(frozen=True)
class Case:
    need: NeedFacts
    close: CloseUnits
    resources: list[ResourceFacts]  # not in id order
    stats: CorpusStats  # some words used by no resource, some by resources not among these
    weights: Weights
    prior: float

    def candidates(self) -> list[CandidateFacts]:
        """Every resource seen from the need, built without numpy: the reference."""
        return seen_from(self.need, self.close, self.resources, self.stats)


def _some(rng: random.Random, values: tuple[T, ...], p: float) -> frozenset[T]:
    return frozenset(v for v in values if rng.random() < p)


def random_case(seed: int) -> Case:
    rng = random.Random(seed)
    units = [f"unit-{i}" for i in range(rng.randint(1, 6))]
    close = CloseUnits(
        here=frozenset(u for u in units if rng.random() < 0.3),
        street=frozenset(u for u in units if rng.random() < 0.4),
        leader=frozenset(u for u in units if rng.random() < 0.2),
        working=frozenset(u for u in units if rng.random() < 0.2),
    )
    need = NeedFacts(
        id="need-1", title="需求", community_id="comm-1", community_name="曙光社区", street_name="广陵街道",
        support_types=frozenset(rng.sample(TYPES, rng.randint(1, 2))), domain=rng.choice(DOMAINS),
        populations=_some(rng, POPULATIONS, 0.4),
        quantity=rng.choice([0.0, 1.0, 5.0, 20.0]),
        needed_by=TODAY + timedelta(days=rng.choice([-10, 0, 30, 90, rng.randint(1, 180)])),
        status=NeedStatus.PUBLISHED, community_unmet=rng.choice([0.0, 0.25, 0.5]),
    )  # fmt: skip
    need = replace(
        need,
        quantity_unit=rng.choice(UNITS),
        terms=tuple(dict.fromkeys(rng.sample(WORDS, rng.randint(0, 4)))),
        concepts=_some(rng, _concepts(), 0.2),
    )
    template = _resource(rng, "res-000", units)
    resources = []
    for i in range(rng.randint(0, 40)):
        rid = f"res-{i + 1:03d}"
        # a third are copies of one resource under another id: equal scores, decided by the id
        resources.append(
            replace(template, resource_id=rid) if rng.random() < 0.3 else _resource(rng, rid, units)
        )
    rng.shuffle(resources)
    resources = [_with_text(rng, r) for r in resources]
    # places, from a generator of their own (the draws above stay as they were): most cases in a city
    # whose units are mostly of it, some of another city or of the province (no city)
    places = random.Random(seed + 1_000_003)
    city_of = {u: places.choice(["city-1", "city-1", "city-2", None]) for u in units}
    close = replace(close, city_id="city-1" if places.random() < 0.7 else None)
    resources = [replace(r, unit_city=city_of[r.unit_id]) for r in resources]
    df = {w: rng.randint(0, 30) for w in WORDS}
    stats = CorpusStats(documents=max(df.values()) + rng.randint(1, 50), length=rng.randint(100, 2000), df=df)
    weights = (
        Weights()
        if rng.random() < 0.5
        else Weights(**{name: rng.choice([0.0, 0.1, 0.3, 1.0]) for name, _ in Weights().items()})
    )
    return Case(need, close, resources, stats, weights, rng.choice([0.6, 0.8]))


def _with_text(rng: random.Random, r: ResourceFacts) -> ResourceFacts:
    """Words, concepts and a capacity unit, drawn after everything else (a copy keeps its template's)."""
    if r.terms or rng.random() < 0.3:
        return r
    words = tuple(rng.choice(WORDS) for _ in range(rng.randint(0, 6)))
    return replace(
        r,
        terms=words,
        length=len(words) + rng.randint(0, 20),
        concepts=_some(rng, _concepts(), 0.15),
        capacity_unit=rng.choice(UNITS) or "人次",
    )


def some_resource(rid: str) -> ResourceFacts:
    return _resource(random.Random(rid), rid, ["unit-0"])


def _resource(rng: random.Random, rid: str, units: list[str]) -> ResourceFacts:
    unit = rng.choice(units)
    done = rng.choice([0, 0, 2, 5])
    capacity = rng.choice([1.0, 5.0, 10.0, 40.0])
    return ResourceFacts(
        resource_id=rid, title="资源", unit_id=unit, unit_name=f"单位{unit}", support_type=rng.choice(TYPES),
        domains=_some(rng, DOMAINS, 0.5),
        populations=_some(rng, POPULATIONS, 0.4),
        capacity=capacity, capacity_unit="人次", allocated=rng.choice([0.0, 0.0, 1.0, capacity]),
        available_from=TODAY + timedelta(days=rng.choice([-100, -1, 0, 20, 120, rng.randint(-30, 150)])),
        available_until=TODAY + timedelta(days=rng.choice([-5, 0, 15, 60, 365, rng.randint(-5, 200)])),
        service_area=rng.choice(list(ServiceArea)),
        status=ResourceStatus.ACTIVE if rng.random() < 0.9 else ResourceStatus.WITHDRAWN,
        unit_done=done, unit_rating_sum=float(done * rng.choice([3, 4, 5])), unit_open_tasks=rng.choice([0, 1, 3]),
        # some units evaluated by their communities (derived, so the draws above stay as they were)
        unit_evaluation=None if done == 0 else 50.0 + 9 * done, unit_evaluation_year=None if done == 0 else 2026,
    )  # fmt: skip
