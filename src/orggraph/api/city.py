"""The city in the API: its profile (area, population, urbanisation, the counts of its divisions, as the
article states them and the seed stored them) and its streets."""

from __future__ import annotations

from typing import Any

import strawberry

from orggraph.api.context import Ctx
from orggraph.api.network_types import Street
from orggraph.domain import entities as e
from orggraph.domain import glossary
from orggraph.graph import city_reads
from orggraph.graph.hops import Hops


def _f(name: str) -> Any:
    return strawberry.field(description=glossary.describe("City", name))


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
        )

    @strawberry.field(description=glossary.describe("City", "streets"))
    async def streets(self, info: Ctx) -> list[Street]:
        return [
            Street.from_entity(s) for s in await info.context.loaders.related(Hops.STREETS_OF_CITY, self.id)
        ]


@strawberry.type
class CityProfileQuery:
    @strawberry.field(description=glossary.use_case("city"))
    async def city(self, info: Ctx) -> City | None:
        c = await city_reads.the_city(info.context.graph)
        return City.from_entity(c) if c else None
