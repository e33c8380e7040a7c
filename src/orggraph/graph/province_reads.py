"""Reads of the province plan (orggraph plan province): the provinces, a province's cities, and the graph's
mark (how many audited changes it has recorded), by which a resumed plan tells whether the graph moved."""

from __future__ import annotations

from dataclasses import dataclass

from orggraph.graph.runner import Graph

PROVINCES = "MATCH (p:Province) RETURN p.id AS id, p.name AS name ORDER BY id"
PROVINCE_CITIES = """
MATCH (c:City {provinceId: $provinceId})
RETURN c.id AS id, c.name AS name ORDER BY id
"""
# The number of the last audit record (graph/audit.py: the audit sequence, else the records' top number):
# every change made through orggraph takes the next one.
AUDIT_MARK = """
CALL () {
  OPTIONAL MATCH (a:AuditRecord) WHERE a.seq IS NOT NULL
  WITH a ORDER BY a.seq DESC LIMIT 1
  RETURN a.seq AS top
}
OPTIONAL MATCH (s:EventSequence {name: 'audit'})
RETURN coalesce(s.last, top, 0) AS mark
"""


@dataclass(frozen=True)
class Place:
    id: str
    name: str


async def provinces(graph: Graph) -> list[Place]:
    return [Place(r["id"], r["name"] or r["id"]) for r in await graph.read(PROVINCES)]


async def province_cities(graph: Graph, province_id: str) -> list[Place]:
    """The province's cities in id order."""
    return [
        Place(r["id"], r["name"] or r["id"])
        for r in await graph.read(PROVINCE_CITIES, provinceId=province_id)
    ]


async def audit_mark(graph: Graph) -> int:
    return int((await graph.read(AUDIT_MARK))[0]["mark"])
