"""Matching in the API: recommend resources for a need, needs for a resource, and a plan for a whole
scope. Every score comes with its components and reasons; people decide (acceptMatch)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import strawberry

from orggraph.api.context import Context, Ctx
from orggraph.api.library_types import Need, Resource
from orggraph.api.words import arg
from orggraph.domain import entities as e
from orggraph.domain import glossary
from orggraph.graph.hops import Nodes
from orggraph.matching.rank import Scored
from orggraph.services import matching
from orggraph.services.heavy import Busy
from orggraph.services.matching import CityPlan


@contextmanager
def _retry_hint(ctx: Context) -> Iterator[None]:
    """A BUSY answer carries its retry hint in the HTTP header too."""
    try:
        yield
    except Busy as exc:
        if ctx.response is not None:
            ctx.response.headers["Retry-After"] = str(exc.retry_after)
        raise


async def _need(info: Ctx, need_id: str) -> Need:
    n: e.Need | None = await info.context.loaders.node(Nodes.NEED, need_id)
    assert n is not None, "a matched need exists"
    return Need.from_entity(n)


async def _resource(info: Ctx, resource_id: str) -> Resource:
    r: e.Resource | None = await info.context.loaders.node(Nodes.RESOURCE, resource_id)
    assert r is not None, "a matched resource exists"
    return Resource.from_entity(r)


@strawberry.type(description=glossary.describe("ScoreComponent"))
class ScoreComponent:
    name: str = strawberry.field(description=glossary.describe("ScoreComponent", "name"))
    label: str = strawberry.field(description=glossary.describe("ScoreComponent", "label"))
    weight: float = strawberry.field(description=glossary.describe("ScoreComponent", "weight"))
    value: float = strawberry.field(description=glossary.describe("ScoreComponent", "value"))
    reason: str = strawberry.field(description=glossary.describe("ScoreComponent", "reason"))


def _components(s: Scored) -> list[ScoreComponent]:
    return [
        ScoreComponent(name=c.name, label=c.label, weight=c.weight, value=round(c.value, 6), reason=c.reason)
        for c in s.components
    ]


@strawberry.type(description=glossary.describe("MatchCandidate"))
class MatchCandidate:
    score: float = strawberry.field(description=glossary.describe("MatchCandidate", "score"))
    components: list[ScoreComponent] = strawberry.field(
        description=glossary.describe("MatchCandidate", "components")
    )
    reason: str = strawberry.field(description=glossary.describe("MatchCandidate", "reason"))
    resource_id: strawberry.Private[str]

    @classmethod
    def from_scored(cls, s: Scored) -> MatchCandidate:
        return cls(
            score=s.score, components=_components(s), reason=s.reason, resource_id=s.candidate.resource_id
        )

    @strawberry.field(description=glossary.describe("MatchCandidate", "resource"))
    async def resource(self, info: Ctx) -> Resource:
        return await _resource(info, self.resource_id)


@strawberry.type(description=glossary.describe("NeedMatch"))
class NeedMatch:
    score: float = strawberry.field(description=glossary.describe("NeedMatch", "score"))
    components: list[ScoreComponent] = strawberry.field(
        description=glossary.describe("NeedMatch", "components")
    )
    reason: str = strawberry.field(description=glossary.describe("NeedMatch", "reason"))
    need_id: strawberry.Private[str]

    @classmethod
    def from_scored(cls, s: Scored) -> NeedMatch:
        return cls(score=s.score, components=_components(s), reason=s.reason, need_id=s.need_id)

    @strawberry.field(description=glossary.describe("NeedMatch", "need"))
    async def need(self, info: Ctx) -> Need:
        return await _need(info, self.need_id)


@strawberry.type(description=glossary.describe("PlannedMatch"))
class PlannedMatch:
    score: float = strawberry.field(description=glossary.describe("PlannedMatch", "score"))
    quantity: float = strawberry.field(description=glossary.describe("PlannedMatch", "quantity"))
    reason: str = strawberry.field(description=glossary.describe("PlannedMatch", "reason"))
    need_id: strawberry.Private[str]
    resource_id: strawberry.Private[str]

    @strawberry.field(description=glossary.describe("PlannedMatch", "need"))
    async def need(self, info: Ctx) -> Need:
        return await _need(info, self.need_id)

    @strawberry.field(description=glossary.describe("PlannedMatch", "resource"))
    async def resource(self, info: Ctx) -> Resource:
        return await _resource(info, self.resource_id)


@strawberry.type(description=glossary.describe("MatchPlan"))
class MatchPlan:
    matches: list[PlannedMatch] = strawberry.field(description=glossary.describe("MatchPlan", "matches"))
    needs_considered: int = strawberry.field(description=glossary.describe("MatchPlan", "needsConsidered"))
    needs_assigned: int = strawberry.field(description=glossary.describe("MatchPlan", "needsAssigned"))
    needs_without_candidates: int = strawberry.field(
        description=glossary.describe("MatchPlan", "needsWithoutCandidates")
    )
    total_score: float = strawberry.field(description=glossary.describe("MatchPlan", "totalScore"))
    optimal: bool = strawberry.field(description=glossary.describe("MatchPlan", "optimal"))
    solver_seconds: float = strawberry.field(description=glossary.describe("MatchPlan", "solverSeconds"))

    @classmethod
    def from_plan(cls, p: CityPlan) -> MatchPlan:
        return cls(
            matches=[
                PlannedMatch(
                    score=m.score,
                    quantity=m.quantity,
                    reason=m.reason,
                    need_id=m.need_id,
                    resource_id=m.resource_id,
                )
                for m in p.matches
            ],
            needs_considered=p.needs_considered,
            needs_assigned=len(p.matches),
            needs_without_candidates=p.needs_without_candidates,
            total_score=p.total_score,
            optimal=p.optimal,
            solver_seconds=round(p.solver_seconds, 3),
        )


@strawberry.type
class MatchingQuery:
    @strawberry.field(description=glossary.use_case("matchNeed"))
    async def match_need(
        self,
        info: Ctx,
        need_id: Annotated[strawberry.ID, arg("matchNeed", "needId")],
        limit: Annotated[int, arg("matchNeed", "limit")] = 10,
    ) -> list[MatchCandidate]:
        ctx = info.context
        shown: dict[str, e.Resource] = {}
        with _retry_hint(ctx):
            found = await matching.recommend_resources(
                ctx.graph, ctx.caller, ctx.heavy, need_id, limit, weights=ctx.weights, shown=shown
            )
        for resource_id, resource in shown.items():  # read with the candidates: `resource` reads nothing more
            ctx.loaders.prime(Nodes.RESOURCE, resource_id, resource)
        return [MatchCandidate.from_scored(s) for s in found]

    @strawberry.field(description=glossary.use_case("matchResource"))
    async def match_resource(
        self,
        info: Ctx,
        resource_id: Annotated[strawberry.ID, arg("matchResource", "resourceId")],
        limit: Annotated[int, arg("matchResource", "limit")] = 10,
        city_id: Annotated[strawberry.ID | None, arg("matchResource", "cityId")] = None,
    ) -> list[NeedMatch]:
        ctx = info.context
        with _retry_hint(ctx):
            found = await matching.recommend_needs(
                ctx.graph, ctx.caller, ctx.heavy, resource_id, limit, weights=ctx.weights, city_id=city_id
            )
        return [NeedMatch.from_scored(s) for s in found]

    @strawberry.field(description=glossary.use_case("planMatches"))
    async def plan_matches(
        self,
        info: Ctx,
        street_id: Annotated[strawberry.ID | None, arg("planMatches", "streetId")] = None,
        community_id: Annotated[strawberry.ID | None, arg("planMatches", "communityId")] = None,
        city_id: Annotated[strawberry.ID | None, arg("planMatches", "cityId")] = None,
    ) -> MatchPlan:
        ctx = info.context
        with _retry_hint(ctx):
            plan = await matching.plan(
                ctx.graph,
                ctx.caller,
                ctx.heavy,
                street_id=street_id,
                community_id=community_id,
                weights=ctx.weights,
                city_id=city_id,
            )
        return MatchPlan.from_plan(plan)
