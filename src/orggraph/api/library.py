"""The two libraries in the API: needs (社区需求库) and resources (成员单位资源库), their lists and the
mutations that follow a need through the six-step method."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import Enum
from typing import Annotated, Any, TypeVar

import strawberry

from orggraph.api import enums
from orggraph.api.context import Ctx
from orggraph.api.library_types import Need, Resource
from orggraph.api.relay import After, Before, Connection, First, Last, window
from orggraph.domain import commands, model, taxonomy
from orggraph.domain.queries import NeedQuery, ResourceQuery
from orggraph.graph import library_reads
from orggraph.graph.hops import Nodes
from orggraph.services import library

E = TypeVar("E", bound=Enum)


def _all(enum: type[E], values: Sequence[Any] | None) -> tuple[E, ...] | None:
    """API enum values as the domain's (None stays None: "not given")."""
    return tuple(enums.to_domain(enum, v) for v in values) if values is not None else None


def _one(enum: type[E], value: Any | None) -> E | None:
    return enums.to_domain(enum, value) if value is not None else None


# ------------------------------------------------------------------ inputs


@strawberry.input(description="登记社区需求(进入需求库,状态为「收集民意」)")
class CreateNeedInput:
    community_id: strawberry.ID
    title: str
    description: str = ""
    support_types: list[enums.SupportType]
    domain: enums.Domain
    populations: list[enums.Population]
    quantity: float
    quantity_unit: str
    needed_by: date
    urgency: enums.Urgency = strawberry.field(default_factory=lambda: enums.Urgency("NORMAL"))
    source: str | None = strawberry.field(
        default=None, description="需求来源,如 居民反映、网格员上报、联席会议"
    )
    client_id: str | None = strawberry.field(
        default=None, description="客户端生成的幂等键:重试时返回同一需求"
    )


@strawberry.input(description="修改需求内容(认领前);不填的字段保持不变")
class UpdateNeedInput:
    id: strawberry.ID
    title: str | None = None
    description: str | None = None
    support_types: list[enums.SupportType] | None = None
    domain: enums.Domain | None = None
    populations: list[enums.Population] | None = None
    quantity: float | None = None
    quantity_unit: str | None = None
    needed_by: date | None = None
    urgency: enums.Urgency | None = None


@strawberry.input(description="登记单位资源(进入资源库)")
class CreateResourceInput:
    unit_id: strawberry.ID
    title: str
    description: str = ""
    support_type: enums.SupportType
    domains: list[enums.Domain]
    populations: list[enums.Population]
    capacity: float
    capacity_unit: str
    available_from: date
    available_until: date
    service_area: enums.ServiceArea
    client_id: str | None = None


@strawberry.input(description="修改资源;不填的字段保持不变")
class UpdateResourceInput:
    id: strawberry.ID
    title: str | None = None
    description: str | None = None
    domains: list[enums.Domain] | None = None
    populations: list[enums.Population] | None = None
    capacity: float | None = None
    capacity_unit: str | None = None
    available_from: date | None = None
    available_until: date | None = None
    service_area: enums.ServiceArea | None = None


@strawberry.input(description="需求库筛选条件")
class NeedFilter:
    community_id: strawberry.ID | None = None
    street_id: strawberry.ID | None = None
    status: list[enums.NeedStatus] | None = None
    domain: enums.Domain | None = None
    support_type: enums.SupportType | None = None
    overdue: bool | None = None
    search: str | None = strawberry.field(default=None, description="全文检索标题和描述")


@strawberry.input(description="资源库筛选条件")
class ResourceFilter:
    unit_id: strawberry.ID | None = None
    status: list[enums.ResourceStatus] | None = None
    support_type: enums.SupportType | None = None
    domain: enums.Domain | None = None
    service_area: enums.ServiceArea | None = None
    search: str | None = None


@strawberry.type(description="需求分页列表,按需完成日期排序")
class NeedConnection(Connection[Need]):
    pass


@strawberry.type(description="资源分页列表,按标题排序")
class ResourceConnection(Connection[Resource]):
    pass


@strawberry.type
class LibraryQuery:
    @strawberry.field(description="需求库(分页、筛选、全文检索)")
    async def needs(
        self,
        info: Ctx,
        filter: Annotated[NeedFilter | None, strawberry.argument(description="筛选条件,不填则列全部")] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> NeedConnection:
        f = filter or NeedFilter()
        query = NeedQuery(
            community_id=f.community_id,
            street_id=f.street_id,
            statuses=_all(model.NeedStatus, f.status) or None,
            domain=_one(taxonomy.Domain, f.domain),
            support_type=_one(taxonomy.SupportType, f.support_type),
            overdue=f.overdue,
            search=f.search,
        )
        page = await library_reads.need_page(
            info.context.graph, query, window(first, after, last, before), today=info.context.caller.today
        )
        return NeedConnection.of(page, Need.from_entity)

    @strawberry.field(description="按编号查需求")
    async def need(self, info: Ctx, id: strawberry.ID) -> Need | None:
        n = await info.context.loaders.node(Nodes.NEED, id)
        return Need.from_entity(n) if n else None

    @strawberry.field(description="资源库(分页、筛选、全文检索)")
    async def resources(
        self,
        info: Ctx,
        filter: Annotated[
            ResourceFilter | None, strawberry.argument(description="筛选条件,不填则列全部")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> ResourceConnection:
        f = filter or ResourceFilter()
        query = ResourceQuery(
            unit_id=f.unit_id,
            statuses=_all(model.ResourceStatus, f.status) or None,
            support_type=_one(taxonomy.SupportType, f.support_type),
            domain=_one(taxonomy.Domain, f.domain),
            service_area=_one(model.ServiceArea, f.service_area),
            search=f.search,
        )
        page = await library_reads.resource_page(
            info.context.graph, query, window(first, after, last, before)
        )
        return ResourceConnection.of(page, Resource.from_entity)

    @strawberry.field(description="按编号查资源")
    async def resource(self, info: Ctx, id: strawberry.ID) -> Resource | None:
        r = await info.context.loaders.node(Nodes.RESOURCE, id)
        return Resource.from_entity(r) if r else None


@strawberry.type
class LibraryMutation:
    @strawberry.mutation(description="登记社区需求;带 clientId 重试不会重复登记")
    async def create_need(self, info: Ctx, input: CreateNeedInput) -> Need:
        cmd = commands.NewNeed(
            community_id=input.community_id,
            title=input.title,
            description=input.description,
            support_types=_all(taxonomy.SupportType, input.support_types) or (),
            domain=enums.to_domain(taxonomy.Domain, input.domain),
            populations=_all(taxonomy.Population, input.populations) or (),
            quantity=input.quantity,
            quantity_unit=input.quantity_unit,
            needed_by=input.needed_by,
            urgency=enums.to_domain(model.Urgency, input.urgency),
            source=input.source,
            client_id=input.client_id,
        )
        return Need.from_entity(await library.create_need(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description="修改需求内容(认领前)")
    async def update_need(self, info: Ctx, input: UpdateNeedInput) -> Need:
        cmd = commands.NeedChanges(
            id=input.id,
            title=input.title,
            description=input.description,
            support_types=_all(taxonomy.SupportType, input.support_types),
            domain=_one(taxonomy.Domain, input.domain),
            populations=_all(taxonomy.Population, input.populations),
            quantity=input.quantity,
            quantity_unit=input.quantity_unit,
            needed_by=input.needed_by,
            urgency=_one(model.Urgency, input.urgency),
        )
        return Need.from_entity(await library.update_need(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(
        description="按六步工作法推进需求:收集民意→党组织提议→各方共同商议→会议决议→结果公开;认领前可不予采纳"
    )
    async def advance_need(self, info: Ctx, id: strawberry.ID, to: enums.NeedStatus, note: str = "") -> Need:
        cmd = commands.NeedAdvance(id, enums.to_domain(model.NeedStatus, to), note)
        return Need.from_entity(await library.advance_need(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description="认领/揭榜:单位认领一项已公开的需求")
    async def claim_need(self, info: Ctx, need_id: strawberry.ID, unit_id: strawberry.ID) -> Need:
        cmd = commands.Claim(need_id, unit_id)
        return Need.from_entity(await library.claim_need(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description="登记单位资源;带 clientId 重试不会重复登记")
    async def create_resource(self, info: Ctx, input: CreateResourceInput) -> Resource:
        cmd = commands.NewResource(
            unit_id=input.unit_id,
            title=input.title,
            description=input.description,
            support_type=enums.to_domain(taxonomy.SupportType, input.support_type),
            domains=_all(taxonomy.Domain, input.domains) or (),
            populations=_all(taxonomy.Population, input.populations) or (),
            capacity=input.capacity,
            capacity_unit=input.capacity_unit,
            available_from=input.available_from,
            available_until=input.available_until,
            service_area=enums.to_domain(model.ServiceArea, input.service_area),
            client_id=input.client_id,
        )
        return Resource.from_entity(
            await library.create_resource(info.context.graph, info.context.caller, cmd)
        )

    @strawberry.mutation(description="修改资源(容量不能低于已分配给任务的数量)")
    async def update_resource(self, info: Ctx, input: UpdateResourceInput) -> Resource:
        cmd = commands.ResourceChanges(
            id=input.id,
            title=input.title,
            description=input.description,
            domains=_all(taxonomy.Domain, input.domains),
            populations=_all(taxonomy.Population, input.populations),
            capacity=input.capacity,
            capacity_unit=input.capacity_unit,
            available_from=input.available_from,
            available_until=input.available_until,
            service_area=_one(model.ServiceArea, input.service_area),
        )
        return Resource.from_entity(
            await library.update_resource(info.context.graph, info.context.caller, cmd)
        )

    @strawberry.mutation(description="撤回资源:不再参与匹配;已建任务照常推进")
    async def withdraw_resource(self, info: Ctx, id: strawberry.ID) -> Resource:
        return Resource.from_entity(
            await library.withdraw_resource(info.context.graph, info.context.caller, id)
        )
