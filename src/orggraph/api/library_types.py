"""GraphQL object types of the two libraries: needs (社区需求库) and resources (成员单位资源库)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry

from orggraph.api import enums
from orggraph.api.context import Ctx
from orggraph.api.network_types import MASKED, Community, Unit
from orggraph.domain import entities as e
from orggraph.domain import glossary, model
from orggraph.domain.lifecycle import advance_steps, is_overdue
from orggraph.graph.hops import Hops


@strawberry.type(description=glossary.describe("Need"))
class Need:
    id: strawberry.ID = strawberry.field(description=glossary.describe("Need", "id"))
    title: str = strawberry.field(description=glossary.describe("Need", "title"))
    description: str = strawberry.field(description=glossary.describe("Need", "description"))
    support_types: list[enums.SupportType] = strawberry.field(
        description=glossary.describe("Need", "supportTypes")
    )
    domain: enums.Domain = strawberry.field(description=glossary.describe("Need", "domain"))
    populations: list[enums.Population] = strawberry.field(
        description=glossary.describe("Need", "populations")
    )
    quantity: float = strawberry.field(description=glossary.describe("Need", "quantity"))
    quantity_unit: str = strawberry.field(description=glossary.describe("Need", "quantityUnit"))
    needed_by: date = strawberry.field(description=glossary.describe("Need", "neededBy"))
    urgency: enums.Urgency = strawberry.field(description=glossary.describe("Need", "urgency"))
    status: enums.NeedStatus = strawberry.field(description=glossary.describe("Need", "status"))
    status_label: str = strawberry.field(description=glossary.describe("Need", "statusLabel"))
    source: str | None = strawberry.field(description=glossary.describe("Need", "source"))
    community_entity: strawberry.Private[e.Community | None] = None

    @classmethod
    def from_entity(cls, n: e.Need, community: e.Community | None = None) -> Need:
        """`community`, when the caller read it with the need (a write's answer), spares a lookup."""
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
            source=n.origin,
            community_entity=community,
        )

    @strawberry.field(description=glossary.describe("Need", "community"))
    async def community(self, info: Ctx) -> Community | None:
        c = self.community_entity
        if c is None:
            c = await info.context.loaders.one(Hops.COMMUNITY_OF_NEED, self.id)
        return Community.from_entity(c) if c else None

    @strawberry.field(description=glossary.describe("Need", "overdue"))
    def overdue(self, info: Ctx) -> bool:
        status = model.NeedStatus(self.status.value)
        return is_overdue(self.needed_by, status, info.context.caller.today)

    @strawberry.field(description=glossary.describe("Need", "history"))
    async def history(self, info: Ctx) -> list[NeedStep]:
        steps = await info.context.loaders.related(Hops.HISTORY_OF_NEED, self.id)
        return [NeedStep.from_entity(x, info.context.sees_personal_data) for x in steps]

    @strawberry.field(description=glossary.describe("Need", "concepts"))
    async def concepts(self, info: Ctx) -> list[ConceptTag]:
        tags = await info.context.loaders.related(Hops.CONCEPTS_OF_NEED, self.id)
        return [ConceptTag.from_entity(t) for t in tags]

    @strawberry.field(name="nextSteps", description=glossary.describe("Need", "nextSteps"))
    def next_steps(self) -> list[enums.NeedStatus]:
        return [enums.to_api(enums.NeedStatus, x) for x in advance_steps(model.NeedStatus(self.status.value))]


@strawberry.type(description=glossary.describe("NeedStep"))
class NeedStep:
    at: datetime = strawberry.field(description=glossary.describe("NeedStep", "at"))
    from_status: enums.NeedStatus | None = strawberry.field(
        name="from", description=glossary.describe("NeedStep", "from")
    )
    to_status: enums.NeedStatus = strawberry.field(name="to", description=glossary.describe("NeedStep", "to"))
    to_label: str = strawberry.field(name="toLabel", description=glossary.describe("NeedStep", "toLabel"))
    by: str = strawberry.field(description=glossary.describe("NeedStep", "by"))
    note: str = strawberry.field(description=glossary.describe("NeedStep", "note"))

    @classmethod
    def from_entity(cls, x: e.NeedStep, personal: bool) -> NeedStep:
        return cls(
            at=x.at,
            from_status=enums.to_api(enums.NeedStatus, x.from_status) if x.from_status else None,
            to_status=enums.to_api(enums.NeedStatus, x.to_status),
            to_label=model.NEED_STATUS_LABELS[x.to_status],
            by=x.by if personal else MASKED,
            note=x.note,
        )


@strawberry.type(description=glossary.describe("Resource"))
class Resource:
    id: strawberry.ID = strawberry.field(description=glossary.describe("Resource", "id"))
    title: str = strawberry.field(description=glossary.describe("Resource", "title"))
    description: str = strawberry.field(description=glossary.describe("Resource", "description"))
    support_type: enums.SupportType = strawberry.field(
        description=glossary.describe("Resource", "supportType")
    )
    domains: list[enums.Domain] = strawberry.field(description=glossary.describe("Resource", "domains"))
    populations: list[enums.Population] = strawberry.field(
        description=glossary.describe("Resource", "populations")
    )
    capacity: float = strawberry.field(description=glossary.describe("Resource", "capacity"))
    capacity_unit: str = strawberry.field(description=glossary.describe("Resource", "capacityUnit"))
    available_from: date = strawberry.field(description=glossary.describe("Resource", "availableFrom"))
    available_until: date = strawberry.field(description=glossary.describe("Resource", "availableUntil"))
    service_area: enums.ServiceArea = strawberry.field(
        description=glossary.describe("Resource", "serviceArea")
    )
    status: enums.ResourceStatus = strawberry.field(description=glossary.describe("Resource", "status"))
    unit_entity: strawberry.Private[e.Unit | None] = None

    @classmethod
    def from_entity(cls, r: e.Resource, unit: e.Unit | None = None) -> Resource:
        """`unit`, when the caller read it with the resource (a write's answer), spares a lookup."""
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
            unit_entity=unit,
        )

    @strawberry.field(description=glossary.describe("Resource", "unit"))
    async def unit(self, info: Ctx) -> Unit | None:
        u = self.unit_entity
        if u is None:
            u = await info.context.loaders.one(Hops.UNIT_OF_RESOURCE, self.id)
        return Unit.from_entity(u) if u else None

    @strawberry.field(description=glossary.describe("Resource", "concepts"))
    async def concepts(self, info: Ctx) -> list[ConceptTag]:
        tags = await info.context.loaders.related(Hops.CONCEPTS_OF_RESOURCE, self.id)
        return [ConceptTag.from_entity(t) for t in tags]


# how a tag's source reads
TAG_SOURCE_LABELS = {"auto": "自动", "manual": "人工"}
# needs or resources listed under a concept, at most
MAX_ABOUT = 200
ABOUT_LIMIT = f"最多条数,0 到 {MAX_ABOUT}"


@strawberry.type(description=glossary.describe("Concept"))
class Concept:
    id: strawberry.ID = strawberry.field(description=glossary.describe("Concept", "id"))
    name: str = strawberry.field(description=glossary.describe("Concept", "name"))
    synonyms: list[str] = strawberry.field(description=glossary.describe("Concept", "synonyms"))
    domains: list[enums.Domain] = strawberry.field(description=glossary.describe("Concept", "domains"))
    support_types: list[enums.SupportType] = strawberry.field(
        description=glossary.describe("Concept", "supportTypes")
    )

    @classmethod
    def from_entity(cls, c: e.Concept) -> Concept:
        return cls(
            id=strawberry.ID(c.id),
            name=c.name,
            synonyms=list(c.synonyms),
            domains=[enums.to_api(enums.Domain, d) for d in c.domains],
            support_types=[enums.to_api(enums.SupportType, t) for t in c.support_types],
        )

    @strawberry.field(description=glossary.describe("Concept", "broader"))
    async def broader(self, info: Ctx) -> Concept | None:
        c = await info.context.loaders.one(Hops.BROADER_OF_CONCEPT, self.id)
        return Concept.from_entity(c) if c else None

    @strawberry.field(description=glossary.describe("Concept", "narrower"))
    async def narrower(self, info: Ctx) -> list[Concept]:
        return [
            Concept.from_entity(c)
            for c in await info.context.loaders.related(Hops.NARROWER_OF_CONCEPT, self.id)
        ]

    @strawberry.field(description=glossary.describe("Concept", "needs"))
    async def needs(
        self, info: Ctx, limit: Annotated[int, strawberry.argument(description=ABOUT_LIMIT)] = 50
    ) -> list[Need]:
        found = await info.context.loaders.related(Hops.NEEDS_ABOUT_CONCEPT, self.id)
        return [Need.from_entity(n) for n in found[: max(0, min(limit, MAX_ABOUT))]]

    @strawberry.field(description=glossary.describe("Concept", "resources"))
    async def resources(
        self, info: Ctx, limit: Annotated[int, strawberry.argument(description=ABOUT_LIMIT)] = 50
    ) -> list[Resource]:
        found = await info.context.loaders.related(Hops.RESOURCES_ABOUT_CONCEPT, self.id)
        return [Resource.from_entity(r) for r in found[: max(0, min(limit, MAX_ABOUT))]]


@strawberry.type(description=glossary.describe("ConceptTag"))
class ConceptTag:
    concept: Concept = strawberry.field(description=glossary.describe("ConceptTag", "concept"))
    source: str = strawberry.field(description=glossary.describe("ConceptTag", "source"))
    source_label: str = strawberry.field(description=glossary.describe("ConceptTag", "sourceLabel"))

    @classmethod
    def from_entity(cls, t: e.ConceptTag) -> ConceptTag:
        return cls(
            concept=Concept.from_entity(t.concept),
            source=t.source,
            source_label=TAG_SOURCE_LABELS.get(t.source, t.source),
        )
