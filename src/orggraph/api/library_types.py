"""GraphQL object types of the two libraries: needs (社区需求库) and resources (成员单位资源库)."""

from __future__ import annotations

from datetime import date

import strawberry

from orggraph.api import enums
from orggraph.api.context import Ctx
from orggraph.api.network_types import Community, Unit
from orggraph.domain import entities as e
from orggraph.domain import model
from orggraph.domain.lifecycle import is_overdue
from orggraph.graph.hops import Hops


@strawberry.type(description="社区需求(需求库)")
class Need:
    id: strawberry.ID
    title: str
    description: str
    support_types: list[enums.SupportType]
    domain: enums.Domain
    populations: list[enums.Population]
    quantity: float
    quantity_unit: str
    needed_by: date
    urgency: enums.Urgency
    status: enums.NeedStatus
    status_label: str = strawberry.field(description="状态的中文名称")

    @classmethod
    def from_entity(cls, n: e.Need) -> Need:
        return cls(
            id=strawberry.ID(n.id),
            title=n.title,
            description=n.description,
            support_types=[enums.to_api(enums.SupportType, s) for s in n.support_types],
            domain=enums.to_api(enums.Domain, n.domain),
            populations=[enums.to_api(enums.Population, p) for p in n.populations],
            quantity=n.quantity,
            quantity_unit=n.quantity_unit,
            needed_by=n.needed_by,
            urgency=enums.to_api(enums.Urgency, n.urgency),
            status=enums.to_api(enums.NeedStatus, n.status),
            status_label=model.NEED_STATUS_LABELS[n.status],
        )

    @strawberry.field
    async def community(self, info: Ctx) -> Community | None:
        c = await info.context.loaders.one(Hops.COMMUNITY_OF_NEED, self.id)
        return Community.from_entity(c) if c else None

    @strawberry.field(description="是否逾期:已过需完成日期而尚未完成")
    def overdue(self, info: Ctx) -> bool:
        status = model.NeedStatus(self.status.value)
        return is_overdue(self.needed_by, status, info.context.caller.today)


@strawberry.type(description="成员单位资源(资源库)")
class Resource:
    id: strawberry.ID
    title: str
    description: str
    support_type: enums.SupportType
    domains: list[enums.Domain]
    populations: list[enums.Population]
    capacity: float
    capacity_unit: str
    available_from: date
    available_until: date
    service_area: enums.ServiceArea
    status: enums.ResourceStatus

    @classmethod
    def from_entity(cls, r: e.Resource) -> Resource:
        return cls(
            id=strawberry.ID(r.id),
            title=r.title,
            description=r.description,
            support_type=enums.to_api(enums.SupportType, r.support_type),
            domains=[enums.to_api(enums.Domain, d) for d in r.domains],
            populations=[enums.to_api(enums.Population, p) for p in r.populations],
            capacity=r.capacity,
            capacity_unit=r.capacity_unit,
            available_from=r.available_from,
            available_until=r.available_until,
            service_area=enums.to_api(enums.ServiceArea, r.service_area),
            status=enums.to_api(enums.ResourceStatus, r.status),
        )

    @strawberry.field
    async def unit(self, info: Ctx) -> Unit | None:
        u = await info.context.loaders.one(Hops.UNIT_OF_RESOURCE, self.id)
        return Unit.from_entity(u) if u else None
