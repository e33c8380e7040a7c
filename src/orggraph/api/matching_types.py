"""GraphQL types of matching results: every score comes with its components and reasons."""

from __future__ import annotations

import strawberry

from orggraph.api.types import Ctx, Need, Resource
from orggraph.domain.model import Label
from orggraph.matching.rank import Scored
from orggraph.services.matching import CityPlan


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
    return [ScoreComponent(name=c.name, label=c.label, weight=c.weight, value=round(c.value, 6), reason=c.reason)
            for c in s.components]  # fmt: skip


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
        return Resource.from_entity(await info.context.loaders.node(Label.Resource).load(self.resource_id))


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
        return Need.from_entity(await info.context.loaders.node(Label.Need).load(self.need_id))


@strawberry.type(description="方案中的一对:需求与承接资源")
class PlannedMatch:
    score: float
    quantity: float = strawberry.field(description="需求将占用的资源数量")
    reason: str
    need_id: strawberry.Private[str]
    resource_id: strawberry.Private[str]

    @strawberry.field
    async def need(self, info: Ctx) -> Need:
        return Need.from_entity(await info.context.loaders.node(Label.Need).load(self.need_id))

    @strawberry.field
    async def resource(self, info: Ctx) -> Resource:
        return Resource.from_entity(await info.context.loaders.node(Label.Resource).load(self.resource_id))


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
            matches=[PlannedMatch(score=m.score, quantity=m.quantity, reason=m.reason, need_id=m.need_id,
                                  resource_id=m.resource_id) for m in p.matches],
            needs_considered=p.needs_considered, needs_assigned=len(p.matches),
            needs_without_candidates=p.needs_without_candidates, total_score=p.total_score, optimal=p.optimal,
            solver_seconds=round(p.solver_seconds, 3),
        )  # fmt: skip
