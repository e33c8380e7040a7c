"""The two libraries in the API: needs (社区需求库) and resources (成员单位资源库), their lists and the
mutations that follow a need through its life (published, rejected)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import Enum
from typing import Annotated, Any, TypeVar

import strawberry

from orggraph.api import enums
from orggraph.api.context import Ctx
from orggraph.api.library_types import Need, Resource
from orggraph.api.relay import After, Before, Connection, First, Last, selects_total, window
from orggraph.api.words import arg, input_field
from orggraph.domain import commands, glossary, model, taxonomy
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


@strawberry.input(description=glossary.input_type("createNeed"))
class CreateNeedInput:
    community_id: strawberry.ID = input_field("Need", "communityId")
    title: str = input_field("Need", "title")
    description: str = input_field("Need", "description", default="")
    support_types: list[enums.SupportType] = input_field("Need", "supportTypes")
    domain: enums.Domain = input_field("Need", "domain")
    populations: list[enums.Population] = input_field("Need", "populations")
    quantity: float = input_field("Need", "quantity")
    quantity_unit: str = input_field("Need", "quantityUnit")
    needed_by: date = input_field("Need", "neededBy")
    urgency: enums.Urgency = input_field("Need", "urgency", default_factory=lambda: enums.Urgency("NORMAL"))
    source: str | None = input_field("Need", "source", default=None)
    client_id: str | None = input_field("Need", "clientId", default=None)


@strawberry.input(description=glossary.input_type("updateNeed"))
class UpdateNeedInput:
    id: strawberry.ID = input_field("Need", "id")
    title: str | None = input_field("Need", "title", default=None)
    description: str | None = input_field("Need", "description", default=None)
    support_types: list[enums.SupportType] | None = input_field("Need", "supportTypes", default=None)
    domain: enums.Domain | None = input_field("Need", "domain", default=None)
    populations: list[enums.Population] | None = input_field("Need", "populations", default=None)
    quantity: float | None = input_field("Need", "quantity", default=None)
    quantity_unit: str | None = input_field("Need", "quantityUnit", default=None)
    needed_by: date | None = input_field("Need", "neededBy", default=None)
    urgency: enums.Urgency | None = input_field("Need", "urgency", default=None)
    source: str | None = input_field("Need", "source", default=None)


@strawberry.input(description=glossary.input_type("createResource"))
class CreateResourceInput:
    unit_id: strawberry.ID = input_field("Resource", "unitId")
    title: str = input_field("Resource", "title")
    description: str = input_field("Resource", "description", default="")
    support_type: enums.SupportType = input_field("Resource", "supportType")
    domains: list[enums.Domain] = input_field("Resource", "domains")
    populations: list[enums.Population] = input_field("Resource", "populations")
    capacity: float = input_field("Resource", "capacity")
    capacity_unit: str = input_field("Resource", "capacityUnit")
    available_from: date = input_field("Resource", "availableFrom")
    available_until: date = input_field("Resource", "availableUntil")
    service_area: enums.ServiceArea = input_field("Resource", "serviceArea")
    client_id: str | None = input_field("Resource", "clientId", default=None)


@strawberry.input(description=glossary.input_type("updateResource"))
class UpdateResourceInput:
    id: strawberry.ID = input_field("Resource", "id")
    title: str | None = input_field("Resource", "title", default=None)
    description: str | None = input_field("Resource", "description", default=None)
    domains: list[enums.Domain] | None = input_field("Resource", "domains", default=None)
    populations: list[enums.Population] | None = input_field("Resource", "populations", default=None)
    capacity: float | None = input_field("Resource", "capacity", default=None)
    capacity_unit: str | None = input_field("Resource", "capacityUnit", default=None)
    available_from: date | None = input_field("Resource", "availableFrom", default=None)
    available_until: date | None = input_field("Resource", "availableUntil", default=None)
    service_area: enums.ServiceArea | None = input_field("Resource", "serviceArea", default=None)


@strawberry.input(description=glossary.describe("NeedFilter"))
class NeedFilter:
    community_id: strawberry.ID | None = input_field("NeedFilter", "communityId", default=None)
    street_id: strawberry.ID | None = input_field("NeedFilter", "streetId", default=None)
    city_id: strawberry.ID | None = input_field("NeedFilter", "cityId", default=None)
    status: list[enums.NeedStatus] | None = input_field("NeedFilter", "status", default=None)
    domain: enums.Domain | None = input_field("NeedFilter", "domain", default=None)
    support_type: enums.SupportType | None = input_field("NeedFilter", "supportType", default=None)
    overdue: bool | None = input_field("NeedFilter", "overdue", default=None)
    search: str | None = input_field("NeedFilter", "search", default=None)


@strawberry.input(description=glossary.describe("ResourceFilter"))
class ResourceFilter:
    unit_id: strawberry.ID | None = input_field("ResourceFilter", "unitId", default=None)
    city_id: strawberry.ID | None = input_field("ResourceFilter", "cityId", default=None)
    status: list[enums.ResourceStatus] | None = input_field("ResourceFilter", "status", default=None)
    support_type: enums.SupportType | None = input_field("ResourceFilter", "supportType", default=None)
    domain: enums.Domain | None = input_field("ResourceFilter", "domain", default=None)
    service_area: enums.ServiceArea | None = input_field("ResourceFilter", "serviceArea", default=None)
    search: str | None = input_field("ResourceFilter", "search", default=None)


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
            city_id=f.city_id,
        )
        page = await library_reads.need_page(
            info.context.graph,
            query,
            window(first, after, last, before),
            today=info.context.caller.today,
            counted=selects_total(info),
        )
        return NeedConnection.of(page, Need.from_entity)

    @strawberry.field(description=glossary.use_case("need"))
    async def need(self, info: Ctx, id: Annotated[strawberry.ID, arg("need", "id")]) -> Need | None:
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
            city_id=f.city_id,
        )
        page = await library_reads.resource_page(
            info.context.graph, query, window(first, after, last, before), counted=selects_total(info)
        )
        return ResourceConnection.of(page, Resource.from_entity)

    @strawberry.field(description=glossary.use_case("resource"))
    async def resource(
        self, info: Ctx, id: Annotated[strawberry.ID, arg("resource", "id")]
    ) -> Resource | None:
        r = await info.context.loaders.node(Nodes.RESOURCE, id)
        return Resource.from_entity(r) if r else None


def new_need(input: CreateNeedInput) -> commands.NewNeed:
    """createNeed's command from its input (the resolver's, and the compiled mutation's: api/compiled)."""
    return commands.NewNeed(
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


@strawberry.type
class LibraryMutation:
    @strawberry.mutation(description=glossary.use_case("createNeed"))
    async def create_need(
        self, info: Ctx, input: Annotated[CreateNeedInput, arg("createNeed", "input")]
    ) -> Need:
        created = await library.create_need(info.context.graph, info.context.caller, new_need(input))
        return Need.from_entity(created.need, community=created.community)  # read with the write

    @strawberry.mutation(description=glossary.use_case("updateNeed"))
    async def update_need(
        self, info: Ctx, input: Annotated[UpdateNeedInput, arg("updateNeed", "input")]
    ) -> Need:
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
            source=input.source,
        )
        return Need.from_entity(await library.update_need(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("advanceNeed"))
    async def advance_need(
        self,
        info: Ctx,
        id: Annotated[strawberry.ID, arg("advanceNeed", "id")],
        to: Annotated[enums.NeedStatus, arg("advanceNeed", "to")],
        note: Annotated[str, arg("advanceNeed", "note")] = "",
    ) -> Need:
        cmd = commands.NeedAdvance(id, enums.to_domain(model.NeedStatus, to), note)
        return Need.from_entity(await library.advance_need(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("claimNeed"))
    async def claim_need(
        self,
        info: Ctx,
        need_id: Annotated[strawberry.ID, arg("claimNeed", "needId")],
        unit_id: Annotated[strawberry.ID, arg("claimNeed", "unitId")],
    ) -> Need:
        cmd = commands.Claim(need_id, unit_id)
        return Need.from_entity(await library.claim_need(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("createResource"))
    async def create_resource(
        self, info: Ctx, input: Annotated[CreateResourceInput, arg("createResource", "input")]
    ) -> Resource:
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
        created = await library.create_resource(info.context.graph, info.context.caller, cmd)
        return Resource.from_entity(created.resource, unit=created.unit)  # read with the write

    @strawberry.mutation(description=glossary.use_case("updateResource"))
    async def update_resource(
        self, info: Ctx, input: Annotated[UpdateResourceInput, arg("updateResource", "input")]
    ) -> Resource:
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

    @strawberry.mutation(description=glossary.use_case("withdrawResource"))
    async def withdraw_resource(
        self, info: Ctx, id: Annotated[strawberry.ID, arg("withdrawResource", "id")]
    ) -> Resource:
        return Resource.from_entity(
            await library.withdraw_resource(info.context.graph, info.context.caller, id)
        )
