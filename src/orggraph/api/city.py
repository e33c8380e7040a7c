"""The city in the API: its profile (area, population, urbanisation, the counts of its divisions, as the
article states them and the seed stored them) and its streets."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from orggraph.api import enums
from orggraph.api.context import Ctx
from orggraph.api.network_types import Street
from orggraph.api.words import arg
from orggraph.domain import entities as e
from orggraph.domain import glossary
from orggraph.domain.model import CITY_KIND_LABELS, CityKind
from orggraph.graph import city_reads
from orggraph.graph.hops import Hops


def _f(name: str) -> Any:
    return strawberry.field(description=glossary.describe("City", name))


@strawberry.type(description=glossary.describe("Province"))
class Province:
    id: strawberry.ID = strawberry.field(description=glossary.describe("Province", "id"))
    name: str = strawberry.field(description=glossary.describe("Province", "name"))
    source: str = strawberry.field(description=glossary.describe("Province", "source"))

    @classmethod
    def from_entity(cls, p: e.Province) -> Province:
        return cls(id=strawberry.ID(p.id), name=p.name, source=p.source)

    @strawberry.field(description=glossary.describe("Province", "cities"))
    async def cities(self, info: Ctx) -> list[City]:
        return [City.from_entity(c) for c in await city_reads.cities(info.context.graph, self.id)]


@strawberry.type(description=glossary.describe("City"))
class City:
    id: strawberry.ID = _f("id")
    name: str = _f("name")
    source: str = _f("source")
    area_km2: float | None = _f("areaKm2")
    population: int | None = _f("population")
    urban_population: int | None = _f("urbanPopulation")
    urbanization_rate: float | None = _f("urbanizationRate")
    towns: int | None = _f("towns")
    streets_count: int | None = _f("streetsCount")
    high_tech_zones: int | None = _f("highTechZones")
    villages_and_communities: int | None = _f("villagesAndCommunities")
    urban_communities: int | None = _f("urbanCommunities")
    prefecture: str | None = _f("prefecture")
    kind: enums.CityKind | None = _f("kind")
    province_id: strawberry.Private[str | None] = None

    @strawberry.field(description=glossary.describe("City", "kindLabel"))
    def kind_label(self) -> str | None:
        return CITY_KIND_LABELS[enums.to_domain(CityKind, self.kind)] if self.kind else None

    @strawberry.field(description=glossary.describe("City", "province"))
    async def province(self, info: Ctx) -> Province | None:
        if self.province_id is None:
            return None
        p = await city_reads.province(info.context.graph, self.province_id)
        return Province.from_entity(p) if p else None

    @classmethod
    def from_entity(cls, c: e.City) -> City:
        return cls(
            id=strawberry.ID(c.id),
            name=c.name,
            source=c.source,
            area_km2=c.area_km2,
            population=c.population,
            urban_population=c.urban_population,
            urbanization_rate=c.urbanization_rate,
            towns=c.towns,
            streets_count=c.streets_count,
            high_tech_zones=c.high_tech_zones,
            villages_and_communities=c.villages_and_communities,
            urban_communities=c.urban_communities,
            prefecture=c.prefecture,
            kind=enums.to_api(enums.CityKind, c.kind) if c.kind else None,
            province_id=c.province_id,
        )

    @strawberry.field(description=glossary.describe("City", "streets"))
    async def streets(self, info: Ctx) -> list[Street]:
        return [
            Street.from_entity(s) for s in await info.context.loaders.related(Hops.STREETS_OF_CITY, self.id)
        ]


@strawberry.type
class CityProfileQuery:
    @strawberry.field(description=glossary.use_case("city"))
    async def city(
        self, info: Ctx, id: Annotated[strawberry.ID | None, arg("city", "id")] = None
    ) -> City | None:
        c = await city_reads.the_city(info.context.graph, id)
        return City.from_entity(c) if c else None

    @strawberry.field(description=glossary.use_case("cities"))
    async def cities(
        self, info: Ctx, province_id: Annotated[strawberry.ID | None, arg("cities", "provinceId")] = None
    ) -> list[City]:
        return [City.from_entity(c) for c in await city_reads.cities(info.context.graph, province_id)]

    @strawberry.field(description=glossary.use_case("province"))
    async def province(
        self, info: Ctx, id: Annotated[strawberry.ID | None, arg("province", "id")] = None
    ) -> Province | None:
        p = await city_reads.province(info.context.graph, id)
        return Province.from_entity(p) if p else None
