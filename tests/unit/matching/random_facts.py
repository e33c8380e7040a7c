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
from orggraph.matching.facts import CandidateFacts, CloseUnits, NeedFacts, ResourceFacts, TextHits
from orggraph.matching.rank import Weights
from tests.support.ranking import seen_from

T = TypeVar("T")
TODAY = date(2026, 11, 27)
TYPES = (SupportType.VOLUNTEER, SupportType.SPACE, SupportType.FUND)
DOMAINS = (Domain.ELDER, Domain.CHILD, Domain.HEALTH)
POPULATIONS = (Population.ELDERLY, Population.CHILD, Population.DISABLED, Population.ALL)


@dataclass(frozen=True)
class Case:
    need: NeedFacts
    close: CloseUnits
    resources: list[ResourceFacts]  # not in id order
    hits: TextHits  # a few ids that are no resource's among them
    weights: Weights
    prior: float

    def candidates(self) -> list[CandidateFacts]:
        """Every resource seen from the need, built without numpy: the reference."""
        return seen_from(self.close, self.hits, self.resources)


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
    template = _resource(rng, "res-000", units)
    resources = []
    for i in range(rng.randint(0, 40)):
        rid = f"res-{i + 1:03d}"
        # a third are copies of one resource under another id: equal scores, decided by the id
        resources.append(
            replace(template, resource_id=rid) if rng.random() < 0.3 else _resource(rng, rid, units)
        )
    rng.shuffle(resources)
    hit_ids = [r.resource_id for r in resources if rng.random() < 0.5] + ["res-998", "res-999"]
    rng.shuffle(hit_ids)
    hits = TextHits(tuple(hit_ids), tuple(rng.choice([0.5, 1.0, 2.0, 3.25]) for _ in hit_ids))
    weights = (
        Weights()
        if rng.random() < 0.5
        else Weights(**{name: rng.choice([0.0, 0.1, 0.3, 1.0]) for name, _ in Weights().items()})
    )
    return Case(need, close, resources, hits, weights, rng.choice([0.6, 0.8]))


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
