"""Use cases of matching: recommend resources for a need, needs for a resource, and a city-wide plan."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from orggraph.domain import entities as e
from orggraph.domain.auth import Action
from orggraph.domain.errors import BadInput, Conflict, not_found
from orggraph.domain.lifecycle import MATCHABLE
from orggraph.domain.model import NEED_STATUS_LABELS, Label, ResourceStatus
from orggraph.graph import matching_reads
from orggraph.graph.matching_reads import NeedCandidates, ResourceNeeds, ScopeFacts
from orggraph.graph.runner import Graph
from orggraph.matching.components import rating_prior
from orggraph.matching.planner import Option, solve
from orggraph.matching.rank import Scored, Weights, ranked_pairs, score
from orggraph.matching.shortlist import Options, Shortlisting
from orggraph.services.caller import Caller, authorize
from orggraph.services.heavy import HeavyWork
from orggraph.settings import Settings
from orggraph.vocabulary import load_vocabulary

Runner = Callable[..., Awaitable[Any]]

MAX_LIMIT = 50


def weights_from(settings: Settings) -> Weights:
    known = {f.name for f in fields(Weights)}
    unknown = set(settings.match_weights) - known
    if unknown:
        raise ValueError(
            f"ORGGRAPH_MATCH_WEIGHTS names unknown components: {sorted(unknown)}; known: {sorted(known)}"
        )
    return Weights(**settings.match_weights)


def _limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise BadInput(f"limit: 取值范围为 1 到 {MAX_LIMIT}", field="limit")
    return limit


# candidates (resources for a need, needs for a resource) past which scoring goes to a worker process
# when a pool is given: at 1000x a need has tens of thousands, about half a second of CPU
LARGE_MATCH = 5_000


async def match_need(
    graph: Graph,
    need_id: str,
    limit: int,
    *,
    weights: Weights,
    today: date,
    run: Runner | None = None,
    shown: dict[str, e.Resource] | None = None,
) -> list[Scored]:
    """A need's best `limit` resources. `shown`, when given, receives each of them as read with the
    candidates (the resource field of matchNeed's answer then needs no read of its own)."""
    found = await matching_reads.need_candidates(graph, need_id, today)
    if found is None:
        raise not_found("需求", need_id, "needId")
    if found.need.status not in MATCHABLE:
        raise Conflict(
            f"needId: 需求已「{NEED_STATUS_LABELS[found.need.status]}」,不再匹配资源", field="needId"
        )
    limit = _limit(limit)
    if run is not None and len(found.resources) > LARGE_MATCH:  # the worker needs no rows
        scored: list[Scored] = await run(best_resources, replace(found, rows={}), weights, today, limit)
    else:
        scored = best_resources(found, weights, today, limit)
    if shown is not None:
        for s in scored:
            resource = found.resource(s.candidate.resource_id)
            if resource is not None:
                shown[resource.id] = resource
    return scored


def best_resources(found: NeedCandidates, weights: Weights, today: date, limit: int) -> list[Scored]:
    """A need's best `limit` resources, scored and explained. Pure CPU: runs in a worker when large (which
    reads the seeds' vocabulary once)."""
    shortlisting = Shortlisting.of(
        found.resources,
        weights=weights,
        today=today,
        prior=rating_prior(found.mean_rating),
        stats=found.stats,
        vocabulary=load_vocabulary(),
    )
    best = shortlisting.options(found.need, found.close, limit)
    return [shortlisting.explain(best, c) for _, c in best.options]


async def match_resource(
    graph: Graph,
    resource_id: str,
    limit: int,
    *,
    weights: Weights,
    today: date,
    run: Runner | None = None,
    city_id: str | None = None,
) -> list[Scored]:
    """The open needs of one city this resource serves best (the reverse of match_need): `city_id`, by
    default the city of the resource's unit (a provincial unit's resource has none: it must be given)."""
    _limit(limit)
    found = await matching_reads.needs_for_resource(graph, resource_id, city_id)
    if found is None:
        place = await matching_reads.resource_place(graph, resource_id)
        if place is None:
            raise not_found("资源", resource_id, "resourceId")
        status, own_city = place
    else:
        status, own_city = found.resource.status, found.resource.unit_city
    if status is not ResourceStatus.ACTIVE:
        raise Conflict("resourceId: 资源已撤回,不再匹配需求", field="resourceId")
    if city_id is None and own_city is None:
        raise BadInput("cityId: 省直单位的资源不属于任何城市,请指定在哪个城市找需求", field="cityId")
    if found is None:
        return []
    if run is not None and len(found.pairs) > LARGE_MATCH:
        scored: list[Scored] = await run(best_needs, found, weights, today, limit)
        return scored
    return best_needs(found, weights, today, limit)


def best_needs(found: ResourceNeeds, weights: Weights, today: date, limit: int) -> list[Scored]:
    """A resource's best `limit` open needs, scored and explained. Pure CPU: runs in a worker when large."""
    prior = rating_prior(found.mean_rating)
    vocabulary = load_vocabulary()
    best = ranked_pairs(
        found.pairs, weights=weights, today=today, prior=prior, vocabulary=vocabulary, limit=limit
    )
    return [score(n, c, weights=weights, today=today, prior=prior, vocabulary=vocabulary) for _, n, c in best]


OPTIONS_PER_NEED = 5


@dataclass(frozen=True)
class PlannedMatch:
    need_id: str
    resource_id: str
    score: float
    quantity: float
    reason: str


@dataclass(frozen=True)
class CityPlan:
    matches: tuple[PlannedMatch, ...]
    needs_considered: int
    needs_without_candidates: int
    total_score: float
    optimal: bool
    solver_seconds: float


async def recommend_resources(
    graph: Graph,
    caller: Caller,
    heavy: HeavyWork,
    need_id: str,
    limit: int,
    *,
    weights: Weights,
    shown: dict[str, e.Resource] | None = None,
) -> list[Scored]:
    """matchNeed for a signed-in user; a large city's scoring runs in a worker process. `shown`: as
    match_need's."""
    await authorize(graph, caller, Action.MATCH)
    return await match_need(
        graph, need_id, limit, weights=weights, today=caller.today, run=heavy.run, shown=shown
    )


async def recommend_needs(
    graph: Graph,
    caller: Caller,
    heavy: HeavyWork,
    resource_id: str,
    limit: int,
    *,
    weights: Weights,
    city_id: str | None = None,
) -> list[Scored]:
    """matchResource for a signed-in user; a large city's scoring runs in a worker process."""
    await authorize(graph, caller, Action.MATCH)
    return await match_resource(
        graph, resource_id, limit, weights=weights, today=caller.today, run=heavy.run, city_id=city_id
    )


async def plan(
    graph: Graph, caller: Caller, heavy: HeavyWork, *, street_id: str | None, community_id: str | None,
    weights: Weights, city_id: str | None = None,
) -> CityPlan:  # fmt: skip
    """planMatches: the whole city for the organization department, a street for its admin, a community
    for its admin. Its scoring and solver run in a worker process; concurrent plans of the same scope,
    made after the same writes, share one computation."""
    if community_id is not None:
        await authorize(graph, caller, Action.PLAN_MATCHES, Label.Community, community_id)
    elif street_id is not None:
        await authorize(graph, caller, Action.PLAN_MATCHES, Label.Street, street_id)
    else:
        await authorize(graph, caller, Action.PLAN_MATCHES)
    key = ("plan", city_id, street_id, community_id, weights, caller.today, graph.writes)
    return await heavy.shared(
        key,
        lambda: plan_matches(
            graph, street_id=street_id, community_id=community_id, weights=weights, today=caller.today,
            run=heavy.compute, city_id=city_id,
        ),
    )  # fmt: skip


async def plan_matches(
    graph: Graph, *, street_id: str | None, community_id: str | None, weights: Weights, today: date,
    run: Runner | None = None, city_id: str | None = None,
) -> CityPlan:  # fmt: skip
    """Propose resources for every open need in scope (a community, a street, or a city: `city_id`, by
    default the graph's only city), capacities respected, total score maximal. Only the resources that
    can reach the scope's needs are read: its streets' committees' units, its city, its province.

    The facts of the whole scope come in a few bulk reads (here, on the event loop); the rest is CPU
    (`plan_of`), run by `run` (a worker pool) when given."""
    place = await matching_reads.scope_place(
        graph, city_id=city_id, street_id=street_id, community_id=community_id
    )
    scope = await matching_reads.scope_facts(graph, place, today=today)
    if run is None:
        return plan_of(scope, weights, today)
    plan: CityPlan = await run(plan_of, scope, weights, today)
    return plan


def warm_worker() -> None:
    """What a heavy-work worker runs first (HeavyWork.warm): importing this module imported the plan's
    modules (numpy, scipy); the vocabulary is read once."""
    load_vocabulary()


def plan_of(scope: ScopeFacts, weights: Weights, today: date) -> CityPlan:
    """The plan from the scope's facts: numpy finds each need's best candidates, scored exactly as
    matchNeed scores them (the same components, reasons and ties); the solver chooses. Pure, and
    picklable in and out: what the worker processes run."""
    return plan_from_shortlists(*shortlists_of(scope, weights, today))


def plan_from_shortlists(shortlisting: Shortlisting, shortlists: dict[str, Options]) -> CityPlan:
    """The plan from every need's shortlist (shortlists_of): the solver chooses, the chosen are explained.
    (The province plan keeps the shortlists as well, to reconcile cities that share a resource.)"""
    options = [
        Option(best.need.id, c.resource_id, sc, min(best.need.quantity, c.left))
        for best in shortlists.values() for sc, c in best.options
    ]  # fmt: skip
    left = {c.resource_id: c.left for best in shortlists.values() for _, c in best.options}
    without = sum(1 for best in shortlists.values() if not best.options)
    plan = solve(options, left)
    chosen = []
    for o in plan.chosen:
        best = shortlists[o.need_id]
        c = next(c for _, c in best.options if c.resource_id == o.resource_id)
        s = shortlisting.explain(best, c)
        chosen.append(PlannedMatch(o.need_id, o.resource_id, s.score, o.take, s.reason))
    return CityPlan(tuple(chosen), len(shortlists), without, plan.total_score, plan.optimal, plan.seconds)


async def plan_shortlists(
    graph: Graph, *, street_id: str | None, community_id: str | None, weights: Weights, today: date,
    city_id: str | None = None,
) -> tuple[Shortlisting, dict[str, Options]]:  # fmt: skip
    """For every open need in scope its best candidates (at most OPTIONS_PER_NEED), scored as matchNeed
    scores them; and what they were shortlisted with (to explain them)."""
    place = await matching_reads.scope_place(
        graph, city_id=city_id, street_id=street_id, community_id=community_id
    )
    return shortlists_of(await matching_reads.scope_facts(graph, place, today=today), weights, today)


def shortlists_of(
    scope: ScopeFacts, weights: Weights, today: date
) -> tuple[Shortlisting, dict[str, Options]]:
    shortlisting = Shortlisting.of(
        scope.resources,
        weights=weights,
        today=today,
        prior=rating_prior(scope.mean_rating),
        stats=scope.stats,
        vocabulary=load_vocabulary(),
    )
    return shortlisting, {
        need.id: shortlisting.options(need, scope.close[need.community_id], OPTIONS_PER_NEED)
        for need in scope.needs
    }
