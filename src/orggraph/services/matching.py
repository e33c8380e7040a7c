"""Use cases of matching: recommend resources for a need, needs for a resource, and a city-wide plan."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

import numpy as np

from orggraph.domain.errors import BadInput, Conflict, NotFound
from orggraph.domain.lifecycle import MATCHABLE
from orggraph.domain.model import NEED_STATUS_LABELS, ResourceStatus
from orggraph.graph import matching_reads, plan_reads
from orggraph.graph.runner import Graph
from orggraph.matching import vector
from orggraph.matching.facts import CandidateFacts, NeedFacts
from orggraph.matching.filters import first_failure
from orggraph.matching.planner import Option, solve
from orggraph.matching.rank import Scored, Weights, ranked, score, total, values
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
    found = await matching_reads.candidate_rows(graph, need_id, today)
    if found is None:
        raise NotFound(f"needId: 没有编号为 {need_id} 的需求", field="needId")
    prior, need, rows, hits = found
    if need.status not in MATCHABLE:
        raise Conflict(f"needId: 需求已「{NEED_STATUS_LABELS[need.status]}」,不再匹配资源", field="needId")
    limit = _limit(limit)
    units = sorted({r["unitId"] for r in rows})
    unit_index = {u: i for i, u in enumerate(units)}
    close = {key: [r["unitId"] for r in rows if r[flag]] for key, flag in CLOSE_FLAGS.items()}
    table = vector.resources_table(rows, unit_index, prior)
    text = np.array([hits.get(r["resourceId"], 0.0) for r in rows])
    return best_of(
        need, rows, table, unit_index, close, text, weights=weights, today=today, prior=prior, limit=limit
    )


# the closeness lists of the plan, named by the candidate-row flag that says the same for one resource
CLOSE_FLAGS = {"hereIds": "memberHere", "streetIds": "memberInStreet", "leaderIds": "leaderUnit",
               "workingIds": "workingCommittee"}  # fmt: skip


def best_of(
    need: NeedFacts, rows: list[dict[str, Any]], table: vector.Resources, unit_index: dict[str, int],
    close: dict[str, list[str]], text: np.ndarray, *, weights: Weights, today: date, prior: float, limit: int,
) -> list[Scored]:  # fmt: skip
    """A need's best `limit` candidates, scored and explained by orggraph.matching.rank."""
    best = options_of(need, rows, table, unit_index, close, text, weights=weights, today=today, prior=prior,
                      limit=limit)  # fmt: skip
    return [best.explain(c, weights=weights, today=today, prior=prior) for _, c in best.options]


@dataclass(frozen=True)
class Options:
    """A need's best candidates with their scores, best first, not yet explained (the city plan explains
    only those it chooses: explaining is most of the scorer's time)."""

    need: NeedFacts
    options: list[tuple[float, CandidateFacts]]
    best_text: float

    def explain(self, c: CandidateFacts, *, weights: Weights, today: date, prior: float) -> Scored:
        return score(self.need, c, weights=weights, today=today, best_text=self.best_text, prior=prior)


def options_of(
    need: NeedFacts, rows: list[dict[str, Any]], table: vector.Resources, unit_index: dict[str, int],
    close: dict[str, list[str]], text: np.ndarray, *, weights: Weights, today: date, prior: float, limit: int,
) -> Options:  # fmt: skip
    """A need's best `limit` candidates: numpy shortlists every resource that passes the hard filters,
    then the shortlist is ranked by orggraph.matching.rank, the canonical scorer."""
    row = vector.need_row(need, close, unit_index, text)
    shortlist, best_text = vector.best_candidates(
        row, table, len(unit_index), weights=weights, today=today, k=limit + SHORTLIST_MARGIN
    )
    candidates = [
        matching_reads.candidate_facts({**rows[i], **vector.flags(row, table, i)}, float(text[i]))
        for i in shortlist
    ]
    best, best_text = ranked(
        need, candidates, weights=weights, today=today, prior=prior, limit=limit, best_text=best_text
    )
    return Options(need, best, best_text)


# candidates shortlisted beyond those shown, so that rounding in numpy never changes who is shown
SHORTLIST_MARGIN = 3


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


OPTIONS_PER_NEED = 5
# The plan reads each need's 300 most relevant resources from the full-text index (matchNeed reads
# 2,000): a resource beyond them counts as sharing no words with the need. On the demo (230
# resources) the two agree exactly; on a large city the plan's text component can be lower than
# matchNeed's for the least relevant candidates, which do not reach a shortlist anyway.
PLAN_TEXT_LIMIT = 300


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
    graph: Graph, *, street_id: str | None, community_id: str | None, weights: Weights, today: date,
    text_limit: int = PLAN_TEXT_LIMIT,
) -> CityPlan:  # fmt: skip
    """Propose resources for every open need in scope, capacities respected, total score maximal.

    The facts of the whole scope come in a few bulk reads; numpy finds each need's best candidates;
    those are scored exactly as matchNeed scores them (the same components, reasons and ties)."""
    shortlists, considered, prior = await plan_shortlists(
        graph,
        street_id=street_id,
        community_id=community_id,
        weights=weights,
        today=today,
        text_limit=text_limit,
    )
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
        s = best.explain(c, weights=weights, today=today, prior=prior)
        chosen.append(PlannedMatch(o.need_id, o.resource_id, s.score, o.take, s.reason))
    return CityPlan(tuple(chosen), considered, without, plan.total_score, plan.optimal, plan.seconds)


async def plan_shortlists(
    graph: Graph,
    *,
    street_id: str | None,
    community_id: str | None,
    weights: Weights,
    today: date,
    text_limit: int = PLAN_TEXT_LIMIT,
) -> tuple[dict[str, Options], int, float]:
    """For every open need in scope its best candidates (at most OPTIONS_PER_NEED), scored as matchNeed
    scores them; the number of needs considered; the city's mean rating (reliability's prior)."""
    data = await plan_reads.read_all(
        graph, street_id=street_id, community_id=community_id, today=today, text_limit=text_limit
    )
    prior = data["prior"]
    rows = [dict(zip(matching_reads.CANDIDATE_FIELDS[:14], r, strict=True)) for r in data["resources"]]
    units = sorted({r["unitId"] for r in rows} | {u for c in data["close"].values() for key in
                   ("hereIds", "streetIds", "leaderIds", "workingIds") for u in c[key]})  # fmt: skip
    unit_index = {u: i for i, u in enumerate(units)}
    facts = data["unitFacts"]
    for r in rows:
        r["done"], r["ratingSum"], r["openTasks"] = facts.get(r["unitId"], (0, 0, 0))
    table = vector.resources_table(rows, unit_index, prior)
    resource_ids = np.array(table.ids)  # sorted: the resources are read in id order
    shortlists: dict[str, Options] = {}
    for raw in data["needs"]:
        n = dict(zip(NEED_FIELDS, raw, strict=True))
        total, open_ = data["unmet"].get(n["communityId"], (0, 0))
        n["unmet"] = open_ / total if total else 0.0
        need = matching_reads.need_facts(n)
        close = data["close"][n["communityId"]]
        text = np.zeros(len(table.ids))
        found = data["hits"].get(need.id)
        if found and found[0]:
            hit_ids = np.array(found[0])
            where = np.searchsorted(resource_ids, hit_ids)
            known = (where < len(resource_ids)) & (
                resource_ids[np.minimum(where, len(resource_ids) - 1)] == hit_ids
            )
            text[where[known]] = np.array(found[1], dtype=float)[known]
        shortlists[need.id] = options_of(need, rows, table, unit_index, close, text, weights=weights,
                                         today=today, prior=prior, limit=OPTIONS_PER_NEED)  # fmt: skip
    return shortlists, len(data["needs"]), prior


NEED_FIELDS = ("id", "title", "communityId", "communityName", "streetName", "supportTypes", "domain", "populations",
               "quantity", "neededBy", "status")  # fmt: skip
