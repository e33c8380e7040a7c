"""GraphQL types of matching results: every score comes with its components and reasons."""

from __future__ import annotations

import strawberry

from orggraph.api.types import Ctx, Need, Resource
from orggraph.domain.model import Label
from orggraph.matching.rank import Scored


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
