"""Matching in the API: recommend resources for a need, needs for a resource, and a plan for a whole
scope. Every score comes with its components and reasons; people decide (acceptMatch)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import strawberry

from orggraph.api.context import Context, Ctx
from orggraph.api.library_types import Need, Resource
from orggraph.domain import entities as e
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


@strawberry.type(description="评分分项:权重 × 取值 计入总分,附中文理由")
class ScoreComponent:
    name: str = strawberry.field(
        description="category / text / locality / capacity / time / reliability / fairness"
    )
    label: str = strawberry.field(description="中文名称")
    weight: float
    value: float = strawberry.field(description="0 到 1")
    reason: str


def _components(s: Scored) -> list[ScoreComponent]:
    return [
        ScoreComponent(name=c.name, label=c.label, weight=c.weight, value=round(c.value, 6), reason=c.reason)
        for c in s.components
    ]


@strawberry.type(description="为需求推荐的资源,附得分与理由;最终由人决定")
class MatchCandidate:
    score: float = strawberry.field(description="各分项 权重×取值 之和")
    components: list[ScoreComponent]
    reason: str
    resource_id: strawberry.Private[str]

    @classmethod
    def from_scored(cls, s: Scored) -> MatchCandidate:
        return cls(
            score=s.score, components=_components(s), reason=s.reason, resource_id=s.candidate.resource_id
        )

    @strawberry.field
    async def resource(self, info: Ctx) -> Resource:
        return await _resource(info, self.resource_id)


@strawberry.type(description="资源可服务的需求,附得分与理由")
class NeedMatch:
    score: float
    components: list[ScoreComponent]
    reason: str
    need_id: strawberry.Private[str]

    @classmethod
    def from_scored(cls, s: Scored) -> NeedMatch:
        return cls(score=s.score, components=_components(s), reason=s.reason, need_id=s.need_id)

    @strawberry.field
    async def need(self, info: Ctx) -> Need:
        return await _need(info, self.need_id)


@strawberry.type(description="方案中的一对:需求与承接资源")
class PlannedMatch:
    score: float
    quantity: float = strawberry.field(description="需求将占用的资源数量")
    reason: str
    need_id: strawberry.Private[str]
    resource_id: strawberry.Private[str]

    @strawberry.field
    async def need(self, info: Ctx) -> Need:
        return await _need(info, self.need_id)

    @strawberry.field
    async def resource(self, info: Ctx) -> Resource:
        return await _resource(info, self.resource_id)


@strawberry.type(
    description="全市(或街道、社区)需求与资源的整体对接方案:满足容量约束、总分最高;只是建议,不写入"
)
class MatchPlan:
    matches: list[PlannedMatch]
    needs_considered: int = strawberry.field(description="纳入方案的待解决需求数")
    needs_assigned: int
    needs_without_candidates: int = strawberry.field(description="没有任何资源满足硬性条件的需求数")
    total_score: float
    optimal: bool = strawberry.field(description="求解器是否证明了最优")
    solver_seconds: float

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
    @strawberry.field(
        description="为需求推荐资源(硬性条件筛选后按加权得分排序,附理由);已完成、已评价、不予采纳的需求不再匹配"
    )
    async def match_need(self, info: Ctx, need_id: strawberry.ID, limit: int = 10) -> list[MatchCandidate]:
        ctx = info.context
        with _retry_hint(ctx):
            found = await matching.recommend_resources(
                ctx.graph, ctx.caller, ctx.heavy, need_id, limit, weights=ctx.weights
            )
        return [MatchCandidate.from_scored(s) for s in found]

    @strawberry.field(description="反向匹配:该资源最能服务的待解决需求")
    async def match_resource(self, info: Ctx, resource_id: strawberry.ID, limit: int = 10) -> list[NeedMatch]:
        ctx = info.context
        with _retry_hint(ctx):
            found = await matching.recommend_needs(
                ctx.graph, ctx.caller, ctx.heavy, resource_id, limit, weights=ctx.weights
            )
        return [NeedMatch.from_scored(s) for s in found]

    @strawberry.field(
        description="整体对接方案:为范围内的待解决需求分配资源,容量不超、总分最高;都不填为全市;不写入"
    )
    async def plan_matches(
        self, info: Ctx, street_id: strawberry.ID | None = None, community_id: strawberry.ID | None = None
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
            )
        return MatchPlan.from_plan(plan)
