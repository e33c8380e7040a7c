"""Use cases of matching: recommend resources for a need, needs for a resource, and a city-wide plan."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from orggraph.domain.errors import BadInput, Conflict, NotFound
from orggraph.domain.lifecycle import MATCHABLE
from orggraph.domain.model import NEED_STATUS_LABELS, ResourceStatus
from orggraph.graph import matching_reads
from orggraph.graph.runner import Graph
from orggraph.matching.filters import first_failure
from orggraph.matching.planner import Option, solve
from orggraph.matching.rank import Scored, Weights, rank, score, total, values
from orggraph.settings import Settings

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


async def match_need(
    graph: Graph, need_id: str, limit: int, *, weights: Weights, today: date
) -> list[Scored]:
    prior, rows = await matching_reads.candidates_for_needs(graph, [need_id], today)
    if not rows:
        raise NotFound(f"needId: 没有编号为 {need_id} 的需求", field="needId")
    need, candidates = rows[0]
    if need.status not in MATCHABLE:
        raise Conflict(f"needId: 需求已「{NEED_STATUS_LABELS[need.status]}」,不再匹配资源", field="needId")
    return rank(need, candidates, weights=weights, today=today, prior=prior, limit=_limit(limit))


async def match_resource(
    graph: Graph, resource_id: str, limit: int, *, weights: Weights, today: date
) -> list[Scored]:
    """The open needs this resource serves best (the reverse of match_need)."""
    _limit(limit)
    prior, pairs = await matching_reads.needs_for_resource(graph, resource_id)
    if not pairs:
        exists = await graph.read("MATCH (r:Resource {id: $id}) RETURN r.status AS status", id=resource_id)
        if not exists:
            raise NotFound(f"resourceId: 没有编号为 {resource_id} 的资源", field="resourceId")
        if exists[0]["status"] != ResourceStatus.ACTIVE.value:
            raise Conflict("resourceId: 资源已撤回,不再匹配需求", field="resourceId")
        return []
    if pairs[0][1].status is not ResourceStatus.ACTIVE:
        raise Conflict("resourceId: 资源已撤回,不再匹配需求", field="resourceId")
    passing = [(n, c) for n, c in pairs if first_failure(n, c, today) is None]
    best_text = max((c.text_score for _, c in passing), default=0.0)
    quick = [
        (total(values(n, c, today=today, best_text=best_text, prior=prior), weights), n, c)
        for n, c in passing
    ]
    quick.sort(key=lambda x: (-x[0], x[1].id))
    return [
        score(n, c, weights=weights, today=today, best_text=best_text, prior=prior)
        for _, n, c in quick[:limit]
    ]


OPEN_NEEDS_IN_SCOPE = """
MATCH (s:Street)<-[:PART_OF]-(c:Community)-[:RAISED]->(n:Need)
WHERE n.status IN $open AND ($streetId IS NULL OR s.id = $streetId) AND ($communityId IS NULL OR c.id = $communityId)
RETURN n.id AS id ORDER BY id
"""
PLAN_BATCH = 250
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


async def plan_matches(
    graph: Graph, *, street_id: str | None, community_id: str | None, weights: Weights, today: date
) -> CityPlan:
    """Propose resources for every open need in scope, capacities respected, total score maximal."""
    ids = [r["id"] for r in await graph.read(
        OPEN_NEEDS_IN_SCOPE, open=matching_reads.OPEN_STATUSES, streetId=street_id, communityId=community_id
    )]  # fmt: skip
    options: list[Option] = []
    reasons: dict[tuple[str, str], str] = {}
    left: dict[str, float] = {}
    without = 0
    for start in range(0, len(ids), PLAN_BATCH):
        prior, rows = await matching_reads.candidates_for_needs(graph, ids[start : start + PLAN_BATCH], today)
        for need, candidates in rows:
            best = rank(need, candidates, weights=weights, today=today, prior=prior, limit=OPTIONS_PER_NEED)
            without += not best
            for s in best:
                c = s.candidate
                left[c.resource_id] = c.left
                options.append(Option(need.id, c.resource_id, s.score, min(need.quantity, c.left)))
                reasons[(need.id, c.resource_id)] = s.reason
    plan = solve(options, left)
    matches = tuple(
        PlannedMatch(o.need_id, o.resource_id, o.score, o.take, reasons[(o.need_id, o.resource_id)])
        for o in plan.chosen
    )
    return CityPlan(matches, len(ids), without, plan.total_score, plan.optimal, plan.seconds)
