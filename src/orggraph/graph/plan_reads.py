"""Bulk reads for the city-wide plan: every open need in scope, every usable resource, the units close
to each community, the units' records, and each need's full-text hits — a handful of round trips for
the whole city instead of one candidate query per need."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

from orggraph.graph.matching_reads import _CLOSE_UNITS, _LUCENE, _UNIT_FACTS, OPEN_STATUSES
from orggraph.graph.runner import Graph

OPEN_NEEDS = """
MATCH (s:Street)<-[:PART_OF]-(c:Community)-[:RAISED]->(n:Need)
WHERE n.status IN $open AND ($streetId IS NULL OR s.id = $streetId) AND ($communityId IS NULL OR c.id = $communityId)
RETURN [n.id, n.title, c.id, c.name, s.name, n.supportTypes, n.domain, n.populations, n.quantity, n.neededBy,
        n.status] AS need
ORDER BY n.id
"""
UNMET = """
UNWIND $communityIds AS cid
MATCH (c:Community {id: cid})-[:RAISED]->(x:Need)
RETURN cid, count(x) AS total, count(CASE WHEN x.status IN $open THEN 1 END) AS open
"""
CLOSE_UNITS = (
    """
UNWIND $communityIds AS cid
MATCH (c:Community {id: cid})-[:PART_OF]->(s:Street)
OPTIONAL MATCH (c)-[:HAS_COMMITTEE]->(k:CommunityCommittee)
"""
    + _CLOSE_UNITS
    + """
RETURN cid, hereIds, streetIds, leaderIds, workingIds
"""
)
RESOURCES = """
MATCH (u:Unit)-[:OFFERS]->(r:Resource)
WHERE r.status = 'ACTIVE' AND coalesce(r.allocated, 0) < r.capacity AND r.availableUntil >= $today
RETURN [r.id, r.title, u.id, u.name, r.supportType, r.domains, r.populations, r.capacity, r.capacityUnit,
        coalesce(r.allocated, 0), toString(r.availableFrom), toString(r.availableUntil), r.serviceArea, r.status] AS row
ORDER BY r.id
"""
UNIT_FACTS = (
    """
MATCH (u:Unit) WHERE EXISTS { (u)-[:OFFERS]->(:Resource {status: 'ACTIVE'}) }
"""
    + _UNIT_FACTS
    + """
RETURN u.id AS unit, done, ratingSum, openTasks
"""
)
TEXT_HITS = (
    """
UNWIND $needIds AS needId
MATCH (n:Need {id: needId})
CALL (n) {
  CALL db.index.fulltext.queryNodes('resource_text', """
    + _LUCENE.format(text="n.title + ' ' + coalesce(n.description, '')")
    + """, {limit: $textLimit})
  YIELD node, score
  RETURN collect(node.id) AS ids, collect(score) AS scores
}
RETURN needId, ids, scores
"""
)
PRIOR = """
OPTIONAL MATCH (t:Task) WHERE t.status = 'DONE' AND t.rating IS NOT NULL
RETURN coalesce(avg(t.rating) / 5.0, 0.8) AS prior
"""
TEXT_BATCH = 500
# full-text lookups are one procedure call per need: a few batches at once keep Neo4j's cores busy
TEXT_CONCURRENCY = 3


async def read_all(
    graph: Graph, *, street_id: str | None, community_id: str | None, today: date, text_limit: int
) -> dict[str, Any]:
    needs = [r["need"] for r in await graph.read(
        OPEN_NEEDS, open=OPEN_STATUSES, streetId=street_id, communityId=community_id)]  # fmt: skip
    community_ids = sorted({n[2] for n in needs})
    unmet = {r["cid"]: (r["total"], r["open"]) for r in await graph.read(
        UNMET, communityIds=community_ids, open=OPEN_STATUSES)}  # fmt: skip
    close = {r["cid"]: r for r in await graph.read(CLOSE_UNITS, communityIds=community_ids)}
    resources = [r["row"] for r in await graph.read(RESOURCES, today=today)]
    unit_facts = {
        r["unit"]: (r["done"], r["ratingSum"], r["openTasks"]) for r in await graph.read(UNIT_FACTS)
    }
    # per need: the ids of the resources found and their scores (two flat lists decode faster than pairs)
    hits: dict[str, tuple[list[str], list[float]]] = {}
    ids = [n[0] for n in needs]
    batches = [ids[i : i + TEXT_BATCH] for i in range(0, len(ids), TEXT_BATCH)]
    limit = asyncio.Semaphore(TEXT_CONCURRENCY)

    async def text_batch(batch: list[str]) -> list[Any]:
        async with limit:
            return await graph.read(TEXT_HITS, needIds=batch, textLimit=text_limit)

    for records in await asyncio.gather(*(text_batch(b) for b in batches)):
        for r in records:
            hits[r["needId"]] = (r["ids"], r["scores"])
    prior = float((await graph.read(PRIOR))[0]["prior"])
    return {"needs": needs, "unmet": unmet, "close": close, "resources": resources, "unitFacts": unit_facts,
            "hits": hits, "prior": prior}  # fmt: skip
