"""Reads of matching facts, decoded into orggraph.matching.facts: no row leaves this module positional.

One need with its candidates (matchNeed), one resource with the needs it may serve (matchResource), and
the whole scope in a handful of bulk reads (planMatches) instead of one candidate query per need.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import Any, TypeVar

from neo4j import Record

from orggraph.domain import entities as e
from orggraph.domain import lifecycle
from orggraph.domain.errors import BadInput, not_found
from orggraph.domain.model import NeedStatus, ResourceStatus, ServiceArea, TaskStatus
from orggraph.domain.taxonomy import Domain, Population, SupportType
from orggraph.graph import mapping
from orggraph.graph import matching_cypher as q
from orggraph.graph.mapping import to_date
from orggraph.graph.runner import Graph
from orggraph.matching.facts import (
    CandidateFacts,
    Closeness,
    CloseUnits,
    NeedFacts,
    ResourceFacts,
    unmet_share,
)
from orggraph.matching.filters import areas_served
from orggraph.matching.text import CorpusStats, query_terms, relevance

# The rules the Cypher applies, as its parameters (see orggraph.graph.matching_cypher).
RULES: dict[str, object] = {
    "open": lifecycle.values(lifecycle.OPEN),
    "taskOpen": lifecycle.values(lifecycle.TASK_OPEN),
    "taskDone": TaskStatus.DONE.value,
    "active": ResourceStatus.ACTIVE.value,
    # indexed by otherCity * 4 + memberHere * 2 + memberInStreet, as IN_SERVICE_AREA reads it
    "areasServed": [
        sorted(
            a.value
            for a in areas_served(
                member_here=bool(i & 2), member_in_street=bool(i & 1), other_city=bool(i & 4)
            )
        )
        for i in range(8)
    ],
    # the reaches the candidate reads seek by: a street's committees' units, the city, the province
    "localAreas": [ServiceArea.COMMUNITY.value, ServiceArea.STREET.value],
    "wideAreas": [ServiceArea.CITY.value, ServiceArea.PROVINCE.value],
    "provinceArea": ServiceArea.PROVINCE.value,
}


# ---------------------------------------------------------------- decoding
@lru_cache(maxsize=8192)
def _day(value: object) -> date:
    d = to_date(value)
    if d is None:
        raise ValueError("a required date is missing")
    return d


E = TypeVar("E", bound=Enum)

# enum members by value: a dict lookup, where calling the enum costs a few µs (thousands per match)
_SUPPORT_TYPE = {t.value: t for t in SupportType}
_SERVICE_AREA = {a.value: a for a in ServiceArea}
_RESOURCE_STATUS = {s.value: s for s in ResourceStatus}


def _member(members: dict[str, E], value: str, enum: type[E]) -> E:
    found = members.get(value)
    return enum(value) if found is None else found  # the enum's own error for an unknown value


@lru_cache(maxsize=4096)
def _domains(values: tuple[str, ...]) -> frozenset[Domain]:
    return frozenset(Domain(x) for x in values)


@lru_cache(maxsize=4096)
def _populations(values: tuple[str, ...]) -> frozenset[Population]:
    return frozenset(Population(x) for x in values)


def _need_facts(row: Sequence[Any], needs_total: int, needs_open: int) -> NeedFacts:
    """A need from its NEED_COLUMNS, with its community's counts of needs raised and open."""
    (id_, title, community_id, community_name, street_name, support_types, domain, populations, quantity,
     needed_by, status, quantity_unit, terms, concepts) = row  # fmt: skip
    return NeedFacts(
        id=id_, title=title, community_id=community_id, community_name=community_name,
        street_name=street_name, support_types=frozenset(SupportType(x) for x in support_types),
        domain=Domain(domain), populations=_populations(tuple(populations)), quantity=float(quantity),
        needed_by=_day(needed_by), status=NeedStatus(status),
        community_unmet=unmet_share(int(needs_total), int(needs_open)), quantity_unit=quantity_unit or "",
        terms=query_terms(terms), concepts=frozenset(concepts),
    )  # fmt: skip


def _resource_facts(
    row: Sequence[Any],
    done: int,
    rating_sum: float,
    open_tasks: int,
    evaluation: float | None = None,
    evaluation_year: int | None = None,
    *,
    words: frozenset[str] | None = None,
) -> ResourceFacts:
    """A resource from its RESOURCE_COLUMNS, with its unit's record (tasks and the communities' latest
    yearly evaluation); of its words only those in `words` (a need's) when given."""
    (id_, title, unit_id, unit_name, support_type, domains, populations, capacity, capacity_unit, allocated,
     available_from, available_until, service_area, status, terms, length, concepts, unit_city) = row  # fmt: skip
    return ResourceFacts(
        resource_id=id_, title=title, unit_id=unit_id, unit_name=unit_name,
        support_type=_member(_SUPPORT_TYPE, support_type, SupportType), domains=_domains(tuple(domains)),
        populations=_populations(tuple(populations)), capacity=float(capacity), capacity_unit=capacity_unit or "",
        allocated=float(allocated), available_from=_day(available_from), available_until=_day(available_until),
        service_area=_member(_SERVICE_AREA, service_area, ServiceArea),
        status=_member(_RESOURCE_STATUS, status, ResourceStatus), unit_done=int(done),
        unit_rating_sum=float(rating_sum), unit_open_tasks=int(open_tasks),
        unit_evaluation=None if evaluation is None else float(evaluation),
        unit_evaluation_year=None if evaluation_year is None else int(evaluation_year),
        terms=tuple(terms) if words is None else tuple(t for t in terms if t in words), length=int(length),
        concepts=frozenset(concepts), unit_city=unit_city,
    )  # fmt: skip


def _close_units(record: Record) -> CloseUnits:
    return CloseUnits(
        here=frozenset(record["hereIds"]),
        street=frozenset(record["streetIds"]),
        leader=frozenset(record["leaderIds"]),
        working=frozenset(record["workingIds"]),
        city_id=record["cityId"],
    )


def _stats(record: Record) -> CorpusStats:
    return CorpusStats(
        int(record["corpusResources"]), int(record["corpusLength"]), {t: int(n) for t, n in record["df"]}
    )


async def term_stats(graph: Graph, terms: Sequence[str]) -> CorpusStats:
    """The library's statistics for these words."""
    return _stats((await graph.read(q.TERM_STATS, terms=sorted(set(terms))))[0])


def _mean_rating(value: float | None) -> float | None:
    """Rounded to 9 decimals: Neo4j's avg() adds the same ratings in the order its plan reads them, which
    differs between matchNeed's and matchResource's statements in the last bit; rounded, a pair scores the
    same both ways."""
    return None if value is None else round(float(value), 9)


# ---------------------------------------------------------------- one need, one resource
@dataclass(frozen=True)
class NeedCandidates:
    """What matchNeed knows about one need: its facts, the units close to its community, the resources
    that may serve it (with their units' records and those of their words the need uses), the library's
    statistics of the need's words, and the city's mean rating (None when no task is rated)."""

    need: NeedFacts
    close: CloseUnits
    resources: list[ResourceFacts]
    stats: CorpusStats
    mean_rating: float | None
    # each candidate's row as read (RESOURCE_COLUMNS and its description), by resource id: the resources
    # matchNeed shows come from here rather than from another read (`resource`)
    rows: Mapping[str, tuple[Sequence[Any], str]] = field(default_factory=dict, compare=False, repr=False)

    def resource(self, resource_id: str) -> e.Resource | None:
        """A candidate as the node lookup by id decodes it (mapping.resource over the same properties), or
        None when it was not read or does not decode (the lookup then says why, as it always has)."""
        found = self.rows.get(resource_id)
        if found is None:
            return None
        row, description = found
        (id_, title, _unit_id, _unit_name, support_type, domains, populations, capacity, capacity_unit, allocated,
         available_from, available_until, service_area, status) = row[:14]  # fmt: skip
        props = {"id": id_, "title": title, "description": description, "supportType": support_type,
                 "domains": domains, "populations": populations, "capacity": capacity, "capacityUnit": capacity_unit,
                 "allocated": allocated, "availableFrom": available_from, "availableUntil": available_until,
                 "serviceArea": service_area, "status": status}  # fmt: skip
        try:  # a property the node lacks is absent from its properties, as in the lookup's properties(n)
            return mapping.resource({k: v for k, v in props.items() if v is not None})
        except (KeyError, ValueError, TypeError):
            return None


async def need_candidates(graph: Graph, need_id: str, today: date) -> NeedCandidates | None:
    """None when the need does not exist."""
    records = await graph.read(q.CANDIDATES_FOR_NEED, needId=need_id, today=today, **RULES)
    if not records:
        return None
    r = records[0]
    need = _need_facts(r["need"], r["needsTotal"], r["needsOpen"])
    words = frozenset(need.terms)
    candidates = r["candidates"]
    return NeedCandidates(
        need=need,
        close=_close_units(r),
        resources=[_resource_facts(*candidate[:6], words=words) for candidate in candidates],
        stats=_stats(r),
        mean_rating=_mean_rating(r["meanRating"]),
        rows={candidate[0][0]: (candidate[0], candidate[6]) for candidate in candidates},
    )


@dataclass(frozen=True)
class ResourceNeeds:
    """What matchResource knows about one resource: its facts, each open need it may serve with the
    resource seen from that need (closeness, text relevance), and the city's mean rating."""

    resource: ResourceFacts
    pairs: list[tuple[NeedFacts, CandidateFacts]]
    mean_rating: float | None


async def needs_for_resource(
    graph: Graph, resource_id: str, city_id: str | None = None
) -> ResourceNeeds | None:
    """The open needs of one city the resource may serve: `city_id`, by default the resource's own.
    None when the resource does not exist or no open need passes the coarse filters."""
    records = await graph.read(q.NEEDS_FOR_RESOURCE, resourceId=resource_id, cityId=city_id, **RULES)
    if not records or not records[0]["needs"]:
        return None
    rec = records[0]
    resource = _resource_facts(
        rec["resource"],
        rec["done"],
        rec["ratingSum"],
        rec["openTasks"],
        rec["evaluation"],
        rec["evaluationYear"],
    )
    needs = [
        (_need_facts(need_row, needs_total, needs_open), Closeness(here, in_street, leader, working, other))
        for need_row, needs_total, needs_open, here, in_street, leader, working, other in rec["needs"]
    ]
    stats = await term_stats(graph, [t for need, _ in needs for t in need.terms])
    pairs = [
        (need, resource.candidate(closeness, relevance(need.terms, resource.terms, resource.length, stats)))
        for need, closeness in needs
    ]
    return ResourceNeeds(resource, pairs, _mean_rating(rec["meanRating"]))


async def resource_place(graph: Graph, resource_id: str) -> tuple[ResourceStatus, str | None] | None:
    """The resource's status and its unit's city; None when the resource does not exist."""
    records = await graph.read(q.RESOURCE_PLACE, id=resource_id)
    return (ResourceStatus(records[0]["status"]), records[0]["cityId"]) if records else None


# ---------------------------------------------------------------- the whole scope, for the plan
@dataclass(frozen=True)
class ScopeFacts:
    """The city-wide plan's facts: every open need in scope (in id order), the units close to each of
    their communities, every usable resource, the library's statistics of the needs' words, the city's mean
    rating."""

    needs: list[NeedFacts]
    close: dict[str, CloseUnits]  # by community id
    resources: list[ResourceFacts]
    stats: CorpusStats
    mean_rating: float | None


@dataclass(frozen=True)
class ScopePlace:
    """Where a plan's scope lies: its city and province, and its street (None for a whole city)."""

    city_id: str
    province_id: str | None
    street_id: str | None
    community_id: str | None


async def scope_place(
    graph: Graph, *, city_id: str | None, street_id: str | None, community_id: str | None
) -> ScopePlace:
    """The place of a plan's scope; NotFound for an unknown community, street or city, BadInput for no
    scope in a graph of several cities."""
    row = (await graph.read(q.SCOPE_PLACE, cityId=city_id, streetId=street_id, communityId=community_id))[0]
    if community_id is not None and row["communityStreet"] is None:
        raise not_found("社区", community_id, "communityId")
    if street_id is not None and community_id is None and row["streetId"] is None:
        raise not_found("街道", street_id, "streetId")
    if row["cityId"] is None:
        if city_id is not None:
            raise not_found("城市", city_id, "cityId")
        raise BadInput("cityId: 图中有多个城市,请指定为哪个城市(或街道、社区)出方案", field="cityId")
    if city_id is not None and row["cityId"] != city_id:
        raise BadInput("cityId: 所给街道或社区不在该城市", field="cityId")
    return ScopePlace(row["cityId"], row["provinceId"], row["streetId"], community_id)


async def scope_facts(graph: Graph, place: ScopePlace, *, today: date) -> ScopeFacts:
    """The facts of a plan of one place: its open needs, and only the resources that can reach them."""
    where = {"cityId": place.city_id, "provinceId": place.province_id, "streetId": place.street_id}
    if place.community_id is not None:
        open_needs = await graph.read(q.OPEN_NEEDS_OF_COMMUNITY, communityId=place.community_id, **RULES)
    elif place.street_id is not None:
        open_needs = await graph.read(q.OPEN_NEEDS_OF_STREET, streetId=place.street_id, **RULES)
    else:
        open_needs = await graph.read(q.OPEN_NEEDS_OF_CITY, cityId=place.city_id, **RULES)
    community_ids = sorted({r["communityId"] for r in open_needs})
    counts = {r["cid"]: (r["needsTotal"], r["needsOpen"]) for r in await graph.read(
        q.COMMUNITIES_NEEDS, communityIds=community_ids, **RULES)}  # fmt: skip
    needs = [_need_facts(r["need"], *counts.get(r["communityId"], (0, 0))) for r in open_needs]
    close = {r["cid"]: _close_units(r) for r in await graph.read(q.CLOSE_UNITS, communityIds=community_ids)}
    usable = await graph.read(q.RESOURCES, today=today, **where, **RULES)
    records = {
        r["unit"]: (r["done"], r["ratingSum"], r["openTasks"], r["evaluation"], r["evaluationYear"])
        for r in await graph.read(q.UNIT_RECORDS, unitIds=sorted({r["unitId"] for r in usable}), **RULES)
    }
    resources = [_resource_facts(r["row"], *records.get(r["unitId"], (0, 0, 0, None, None))) for r in usable]
    stats = await term_stats(graph, [t for n in needs for t in n.terms])
    rating = _mean_rating((await graph.read(q.MEAN_RATING, cityId=place.city_id, **RULES))[0]["meanRating"])
    return ScopeFacts(needs, close, resources, stats, rating)
