"""The city's profile: the figures the seed stored on the (:City) node (the article's)."""

from __future__ import annotations

from orggraph.domain import entities as e
from orggraph.graph import mapping
from orggraph.graph.runner import Graph

# One city per graph; were there more, the first by id.
THE_CITY = "MATCH (c:City) RETURN properties(c) AS node ORDER BY c.id LIMIT 1"


async def the_city(graph: Graph) -> e.City | None:
    rows = await graph.read(THE_CITY)
    return mapping.city(rows[0]["node"]) if rows else None
