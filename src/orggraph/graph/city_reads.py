"""The city's profile: the figures the seed stored on the (:City) node (the article's)."""

from __future__ import annotations

from orggraph.domain import entities as e
from orggraph.graph import mapping
from orggraph.graph.runner import Graph

# Without an id, the first city by id (the graph's only one, the demo's).
THE_CITY = "MATCH (c:City) RETURN properties(c) AS node ORDER BY c.id LIMIT 1"
CITY = "MATCH (c:City {id: $id}) RETURN properties(c) AS node"
# A province's cities (the graph's cities when no province is named), by id.
CITIES = """
MATCH (c:City) WHERE $provinceId IS NULL OR c.provinceId = $provinceId
RETURN properties(c) AS node ORDER BY c.id
"""
PROVINCE = """
MATCH (p:Province) WHERE $id IS NULL OR p.id = $id
RETURN properties(p) AS node ORDER BY p.id LIMIT 1
"""


async def the_city(graph: Graph, city_id: str | None = None) -> e.City | None:
    rows = await (graph.read(THE_CITY) if city_id is None else graph.read(CITY, id=city_id))
    return mapping.city(rows[0]["node"]) if rows else None


async def cities(graph: Graph, province_id: str | None) -> list[e.City]:
    return [mapping.city(r["node"]) for r in await graph.read(CITIES, provinceId=province_id)]


async def province(graph: Graph, province_id: str | None) -> e.Province | None:
    rows = await graph.read(PROVINCE, id=province_id)
    return mapping.province(rows[0]["node"]) if rows else None
