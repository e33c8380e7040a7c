"""The two libraries in the API: needs (社区需求库) and resources (成员单位资源库)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import strawberry

from orggraph.api import enums
from orggraph.api.authz import audit, authorize
from orggraph.api.types import Ctx, Need, PageInfo, Resource, page_info
from orggraph.domain import entities as e
from orggraph.domain import model
from orggraph.domain.auth import Action
from orggraph.domain.errors import BadInput
from orggraph.domain.text import clean_text
from orggraph.graph import library_reads, library_writes, mapping
from orggraph.graph.library_writes import AsyncManagedTransaction
from orggraph.graph.paging import page_size

# ------------------------------------------------------------------ validation (field named, reason given)


def _quantity(value: float, field_name: str) -> float:
    if not 0 < value <= 1_000_000:
        raise BadInput(f"{field_name}: 应大于 0 且不超过 1000000", field=field_name)
    return float(value)


def _distinct(values: list[Any], field_name: str) -> list[str]:
    if not values:
        raise BadInput(f"{field_name}: 至少选择一项", field=field_name)
    out = list(dict.fromkeys(v.value for v in values))
    return out


def _client_id(value: str | None) -> str | None:
    return clean_text(value, "clientId", max_len=80) if value is not None else None


@dataclass
class _Props:
    values: dict[str, Any] = field(default_factory=dict)

    def text(self, key: str, value: str | None, *, max_len: int, min_len: int = 1) -> None:
        if value is not None:
            self.values[key] = clean_text(value, key, max_len=max_len, min_len=min_len)

    def put(self, key: str, value: Any) -> None:
        if value is not None:
            self.values[key] = value


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


# ------------------------------------------------------------------ connections


@strawberry.type
class NeedEdge:
    cursor: str
    node: Need


@strawberry.type(description="需求分页列表,按需完成日期排序")
class NeedConnection:
    edges: list[NeedEdge]
    page_info: PageInfo
    total_count: int

    @classmethod
    def from_page(cls, page: e.Page[e.Need]) -> NeedConnection:
        return cls(
            edges=[NeedEdge(cursor=c, node=Need.from_entity(x)) for c, x in page.items],
            page_info=page_info(page),
            total_count=page.total,
        )


@strawberry.type
class ResourceEdge:
    cursor: str
    node: Resource


@strawberry.type(description="资源分页列表,按标题排序")
class ResourceConnection:
    edges: list[ResourceEdge]
    page_info: PageInfo
    total_count: int

    @classmethod
    def from_page(cls, page: e.Page[e.Resource]) -> ResourceConnection:
        return cls(
            edges=[ResourceEdge(cursor=c, node=Resource.from_entity(x)) for c, x in page.items],
            page_info=page_info(page),
            total_count=page.total,
        )


@strawberry.type
class LibraryQuery:
    @strawberry.field(description="需求库(分页、筛选、全文检索)")
    async def needs(
        self, info: Ctx, filter: NeedFilter | None = None, first: int | None = None, after: str | None = None
    ) -> NeedConnection:
        f = filter or NeedFilter()
        filters = {
            "communityId": f.community_id, "streetId": f.street_id,
            "statuses": [s.value for s in f.status] if f.status else None,
            "domain": f.domain.value if f.domain else None,
            "supportType": f.support_type.value if f.support_type else None,
            "overdue": f.overdue, "search": f.search,
        }  # fmt: skip
        page = await library_reads.need_page(
            info.context.graph, filters=filters, first=page_size(first), after=after,
            today=info.context.settings.current_date(),
        )  # fmt: skip
        return NeedConnection.from_page(page)

    @strawberry.field(description="按编号查需求")
    async def need(self, info: Ctx, id: strawberry.ID) -> Need | None:
        n = await info.context.loaders.node(model.Label.Need).load(id)
        return Need.from_entity(n) if n else None

    @strawberry.field(description="资源库(分页、筛选、全文检索)")
    async def resources(
        self,
        info: Ctx,
        filter: ResourceFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> ResourceConnection:
        f = filter or ResourceFilter()
        filters = {
            "unitId": f.unit_id, "statuses": [s.value for s in f.status] if f.status else None,
            "supportType": f.support_type.value if f.support_type else None,
            "domain": f.domain.value if f.domain else None,
            "serviceArea": f.service_area.value if f.service_area else None, "search": f.search,
        }  # fmt: skip
        page = await library_reads.resource_page(
            info.context.graph, filters=filters, first=page_size(first), after=after
        )
        return ResourceConnection.from_page(page)

    @strawberry.field(description="按编号查资源")
    async def resource(self, info: Ctx, id: strawberry.ID) -> Resource | None:
        r = await info.context.loaders.node(model.Label.Resource).load(id)
        return Resource.from_entity(r) if r else None


def _need_props(info: Ctx, i: CreateNeedInput | UpdateNeedInput, creating: bool) -> dict[str, Any]:
    p = _Props()
    p.text("title", i.title, max_len=120)
    p.text("description", i.description, max_len=2000, min_len=0)
    if i.support_types is not None:
        p.put("supportTypes", _distinct(i.support_types, "supportTypes"))
    p.put("domain", i.domain.value if i.domain is not None else None)
    if i.populations is not None:
        p.put("populations", _distinct(i.populations, "populations"))
    if i.quantity is not None:
        p.put("quantity", _quantity(i.quantity, "quantity"))
    p.text("quantityUnit", i.quantity_unit, max_len=20)
    if i.needed_by is not None:
        if creating and i.needed_by < info.context.settings.current_date():
            raise BadInput("neededBy: 需完成日期不能早于今天", field="neededBy")
        p.put("neededBy", i.needed_by)
    p.put("urgency", i.urgency.value if i.urgency is not None else None)
    if isinstance(i, CreateNeedInput):
        p.text("origin", i.source, max_len=40)
    return p.values


def _resource_props(i: CreateResourceInput | UpdateResourceInput) -> dict[str, Any]:
    p = _Props()
    p.text("title", i.title, max_len=120)
    p.text("description", i.description, max_len=2000, min_len=0)
    if isinstance(i, CreateResourceInput):
        p.put("supportType", i.support_type.value)
    if i.domains is not None:
        p.put("domains", _distinct(i.domains, "domains"))
    if i.populations is not None:
        p.put("populations", _distinct(i.populations, "populations"))
    if i.capacity is not None:
        p.put("capacity", _quantity(i.capacity, "capacity"))
    p.text("capacityUnit", i.capacity_unit, max_len=20)
    p.put("availableFrom", i.available_from)
    p.put("availableUntil", i.available_until)
    if (
        i.available_from is not None
        and i.available_until is not None
        and i.available_until < i.available_from
    ):
        raise BadInput("availableUntil: 不能早于 availableFrom", field="availableUntil")
    p.put("serviceArea", i.service_area.value if i.service_area is not None else None)
    return p.values


SIX_STEPS = [model.NeedStatus.PROPOSED, model.NeedStatus.DELIBERATED, model.NeedStatus.RESOLVED,
             model.NeedStatus.PUBLISHED, model.NeedStatus.REJECTED]  # fmt: skip


@strawberry.type
class LibraryMutation:
    @strawberry.mutation(description="登记社区需求;带 clientId 重试不会重复登记")
    async def create_need(self, info: Ctx, input: CreateNeedInput) -> Need:
        await authorize(info, Action.EDIT_NEED, model.Label.Community, input.community_id)
        props = _need_props(info, input, creating=True)
        client_id = _client_id(input.client_id)

        async def work(tx: AsyncManagedTransaction) -> dict[str, Any]:
            return await library_writes.create_need(
                tx,
                community_id=input.community_id,
                props=props,
                client_id=client_id,
                actor=info.context.actor,
            )

        record = audit(info, "createNeed", input.community_id, title=props.get("title"), clientId=client_id)
        return Need.from_entity(mapping.need(await info.context.graph.write(work, record)))

    @strawberry.mutation(description="修改需求内容(认领前)")
    async def update_need(self, info: Ctx, input: UpdateNeedInput) -> Need:
        await authorize(info, Action.EDIT_NEED, model.Label.Need, input.id)
        changes = _need_props(info, input, creating=False)

        async def work(tx: AsyncManagedTransaction) -> dict[str, Any]:
            return await library_writes.update_need(tx, input.id, changes)

        return Need.from_entity(
            mapping.need(await info.context.graph.write(work, audit(info, "updateNeed", input.id, **changes)))
        )

    @strawberry.mutation(
        description="按六步工作法推进需求:收集民意→党组织提议→各方共同商议→会议决议→结果公开;认领前可不予采纳"
    )
    async def advance_need(self, info: Ctx, id: strawberry.ID, to: enums.NeedStatus, note: str = "") -> Need:
        await authorize(info, Action.EDIT_NEED, model.Label.Need, id)
        target = enums.to_domain(model.NeedStatus, to)
        if target not in SIX_STEPS:
            raise BadInput(
                "to: 认领、落实、完成和评价分别通过 claimNeed、acceptMatch、updateTask、completeTask 记录",
                field="to",
            )
        text = clean_text(note, "note", max_len=500, min_len=0)

        async def work(tx: AsyncManagedTransaction) -> dict[str, Any]:
            return await library_writes.advance_need(tx, id, target, actor=info.context.actor, note=text)

        record = audit(info, "advanceNeed", id, to=target.value, note=text)
        return Need.from_entity(mapping.need(await info.context.graph.write(work, record)))

    @strawberry.mutation(description="认领/揭榜:单位认领一项已公开的需求")
    async def claim_need(self, info: Ctx, need_id: strawberry.ID, unit_id: strawberry.ID) -> Need:
        await authorize(info, Action.CLAIM_NEED, model.Label.Unit, unit_id)

        async def work(tx: AsyncManagedTransaction) -> dict[str, Any]:
            return await library_writes.claim_need(
                tx, need_id=need_id, unit_id=unit_id, actor=info.context.actor
            )

        record = audit(info, "claimNeed", need_id, unitId=unit_id)
        return Need.from_entity(mapping.need(await info.context.graph.write(work, record)))

    @strawberry.mutation(description="登记单位资源;带 clientId 重试不会重复登记")
    async def create_resource(self, info: Ctx, input: CreateResourceInput) -> Resource:
        await authorize(info, Action.EDIT_RESOURCE, model.Label.Unit, input.unit_id)
        props = _resource_props(input)
        client_id = _client_id(input.client_id)

        async def work(tx: AsyncManagedTransaction) -> dict[str, Any]:
            return await library_writes.create_resource(
                tx, unit_id=input.unit_id, props=props, client_id=client_id
            )

        record = audit(info, "createResource", input.unit_id, title=props.get("title"), clientId=client_id)
        return Resource.from_entity(mapping.resource(await info.context.graph.write(work, record)))

    @strawberry.mutation(description="修改资源(容量不能低于已分配给任务的数量)")
    async def update_resource(self, info: Ctx, input: UpdateResourceInput) -> Resource:
        await authorize(info, Action.EDIT_RESOURCE, model.Label.Resource, input.id)
        changes = _resource_props(input)

        async def work(tx: AsyncManagedTransaction) -> dict[str, Any]:
            return await library_writes.update_resource(tx, input.id, changes)

        return Resource.from_entity(
            mapping.resource(
                await info.context.graph.write(work, audit(info, "updateResource", input.id, **changes))
            )
        )

    @strawberry.mutation(description="撤回资源:不再参与匹配;已建任务照常推进")
    async def withdraw_resource(self, info: Ctx, id: strawberry.ID) -> Resource:
        await authorize(info, Action.EDIT_RESOURCE, model.Label.Resource, id)

        async def work(tx: AsyncManagedTransaction) -> dict[str, Any]:
            return await library_writes.withdraw_resource(tx, id)

        return Resource.from_entity(
            mapping.resource(await info.context.graph.write(work, audit(info, "withdrawResource", id)))
        )
