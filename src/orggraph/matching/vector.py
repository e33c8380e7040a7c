"""Scoring many needs against many resources at once, for the city-wide plan.

The same components as orggraph.matching.components, computed with numpy over arrays of resources,
to find each need's best candidates quickly. The plan then scores those few candidates again with
orggraph.matching.rank.score, so every reported score and reason is the canonical one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from orggraph.domain.model import ServiceArea
from orggraph.domain.taxonomy import Domain, Population, SupportType
from orggraph.matching.facts import NeedFacts
from orggraph.matching.rank import Weights

DOMAIN_BIT = {d: 1 << i for i, d in enumerate(Domain)}
POP_BIT = {p: 1 << i for i, p in enumerate(Population) if p is not Population.ALL}
TYPE_INDEX = {t: i for i, t in enumerate(SupportType)}
AREA_INDEX = {ServiceArea.COMMUNITY: 0, ServiceArea.STREET: 1, ServiceArea.CITY: 2}
EPOCH = date(2000, 1, 1)


def days(d: date) -> int:
    return (d - EPOCH).days


def mask(values: Sequence[Any], bits: Mapping[Any, int]) -> int:
    return sum(bits.get(v, 0) for v in set(values))


@dataclass(frozen=True)
class Resources:
    """Every active resource with capacity left, as aligned arrays (index = position)."""

    ids: list[str]
    unit: np.ndarray  # unit index
    type: np.ndarray
    domains: np.ndarray  # bitmask
    pops: np.ndarray  # bitmask (ALL excluded)
    pops_all: np.ndarray  # bool
    left: np.ndarray
    start: np.ndarray  # days
    end: np.ndarray
    area: np.ndarray
    reliability: np.ndarray
    load: np.ndarray  # 0.7 / (1 + open tasks / 2)


@dataclass(frozen=True)
class NeedRow:
    id: str
    types: frozenset[SupportType]
    domain: Domain
    pops: int
    pops_all: bool
    n_pops: int
    quantity: float
    needed_by: date
    unmet: float
    here: np.ndarray  # unit indexes on the community's committee
    street: np.ndarray  # unit indexes on the street's committees
    leader: np.ndarray  # unit indexes where its contact leaders work
    working: np.ndarray  # unit indexes on the street working committee
    text: np.ndarray  # raw full-text score of every resource (0 where the index found nothing)


def _passing(need: NeedRow, r: Resources, n_units: int, today: date) -> tuple[np.ndarray, ...]:
    """The hard filters over every resource: the passing indexes, and the four closeness flags."""
    wanted = np.zeros(len(TYPE_INDEX), dtype=bool)
    wanted[[TYPE_INDEX[t] for t in need.types]] = True
    type_ok = wanted[r.type]
    in_time = (r.start <= days(need.needed_by)) & (r.end >= days(today)) & (r.left > 0)

    def on(units: np.ndarray) -> np.ndarray:
        flags = np.zeros(n_units, dtype=bool)
        flags[units] = True
        result: np.ndarray = flags[r.unit]
        return result

    here, street, leader, working = on(need.here), on(need.street), on(need.leader), on(need.working)
    area_ok = (r.area == 2) | ((r.area == 1) & (street | here)) | ((r.area == 0) & here)
    return np.flatnonzero(type_ok & in_time & area_ok), here, street, leader, working


def best_candidates(
    need: NeedRow, r: Resources, n_units: int, *, weights: Weights, today: date, k: int
) -> tuple[list[int], float]:
    """The indexes of the k best resources passing the hard filters, and the best raw text score among
    all that pass (the normaliser of the text component)."""
    passing, here, street, leader, working = _passing(need, r, n_units, today)
    if passing.size == 0:
        return [], 0.0
    text_raw = need.text[passing]
    best_text = float(text_raw.max())
    text = np.clip(text_raw / best_text, 0, 1) if best_text > 0 else np.zeros(passing.size)
    dom = ((r.domains[passing] & DOMAIN_BIT[need.domain]) != 0).astype(float)
    if need.pops_all:
        pop = np.ones(passing.size)
    else:
        shared = np.bitwise_count(r.pops[passing] & need.pops).astype(float)
        pop = np.where(r.pops_all[passing], 1.0, shared / need.n_pops if need.n_pops else 0.0)
    category = np.clip(0.7 * dom + 0.3 * pop, 0, 1)
    locality = np.select(
        [here[passing], leader[passing], working[passing], street[passing]], [1.0, 0.8, 0.6, 0.4], 0.2
    )
    capacity = np.ones(passing.size) if need.quantity <= 0 else np.clip(r.left[passing] / need.quantity, 0, 1)
    t0, t1 = days(today), max(days(need.needed_by), days(today))
    if t1 == t0:
        time = ((r.start[passing] <= t0) & (r.end[passing] >= t0)).astype(float)
    else:
        time = np.clip((np.minimum(t1, r.end[passing]) - np.maximum(t0, r.start[passing])) / (t1 - t0), 0, 1)
    fairness = np.clip(r.load[passing] + 0.3 * need.unmet, 0, 1)
    w = dict(weights.items())
    score = (
        w["category"] * category + w["text"] * text + w["locality"] * locality + w["capacity"] * capacity
        + w["time"] * time + w["reliability"] * r.reliability[passing] + w["fairness"] * fairness
    )  # fmt: skip
    take = min(k, passing.size)
    top = np.argpartition(-score, take - 1)[:take] if take < passing.size else np.arange(passing.size)
    return [int(passing[i]) for i in top], best_text


def resources_table(rows: list[dict[str, Any]], unit_index: dict[str, int], prior: float) -> Resources:
    from orggraph.matching.components import reliability_value

    def arr(values: list[Any], dtype: Any) -> np.ndarray:
        return np.array(values, dtype=dtype)

    return Resources(
        ids=[str(r["resourceId"]) for r in rows],
        unit=arr([unit_index[str(r["unitId"])] for r in rows], np.int64),
        type=arr([TYPE_INDEX[SupportType(r["supportType"])] for r in rows], np.int64),
        domains=arr([mask([Domain(d) for d in r["domains"]], DOMAIN_BIT) for r in rows], np.int64),
        pops=arr([mask([Population(p) for p in r["populations"]], POP_BIT) for r in rows], np.int64),
        pops_all=arr(["ALL" in r["populations"] for r in rows], bool),
        left=arr([float(r["capacity"]) - float(r["allocated"]) for r in rows], float),
        start=arr([days(_d(r["availableFrom"])) for r in rows], np.int64),
        end=arr([days(_d(r["availableUntil"])) for r in rows], np.int64),
        area=arr([AREA_INDEX[ServiceArea(r["serviceArea"])] for r in rows], np.int64),
        reliability=arr(
            [reliability_value(int(r["done"]), float(r["ratingSum"]), prior) for r in rows], float
        ),
        load=arr([0.7 / (1.0 + int(r["openTasks"]) / 2.0) for r in rows], float),
    )


def _d(value: Any) -> date:
    if isinstance(value, str):
        return date.fromisoformat(value)
    return value.to_native() if hasattr(value, "to_native") else value  # type: ignore[no-any-return]


def need_row(need: NeedFacts, close: Any, unit_index: dict[str, int], text: np.ndarray) -> NeedRow:

    def idx(key: str) -> np.ndarray:
        return np.array([unit_index[u] for u in close[key] if u in unit_index], dtype=np.int64)

    pops = [p for p in need.populations if p is not Population.ALL]
    return NeedRow(
        id=need.id, types=need.support_types, domain=need.domain, pops=mask(pops, POP_BIT),
        pops_all=Population.ALL in need.populations, n_pops=len(need.populations), quantity=need.quantity,
        needed_by=need.needed_by, unmet=need.community_unmet, here=idx("hereIds"), street=idx("streetIds"),
        leader=idx("leaderIds"), working=idx("workingIds"), text=text,
    )  # fmt: skip


def flags(need: NeedRow, r: Resources, i: int) -> dict[str, bool]:
    """The closeness of resource i's unit to the need's community, as the candidate facts name it."""
    u = int(r.unit[i])
    return {
        "memberHere": bool(u in need.here), "memberInStreet": bool(u in need.street),
        "leaderUnit": bool(u in need.leader), "workingCommittee": bool(u in need.working),
    }  # fmt: skip
