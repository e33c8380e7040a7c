"""Reads and writes of concepts (orggraph.graph.text_writes keeps them from the texts): the vocabulary
searched, a need's or a resource's tags, and the tags people set or remove by hand."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncManagedTransaction

from orggraph.domain import entities as e
from orggraph.domain.model import Label
from orggraph.graph import mapping
from orggraph.graph.runner import Graph
from orggraph.graph.text_writes import TEXT_LABELS

# The concepts whose name or a synonym holds $search (all when null), by name.
SEARCH = """
MATCH (k:Concept)
WHERE $search IS NULL OR k.name CONTAINS $search OR any(s IN k.synonyms WHERE s CONTAINS $search)
RETURN properties(k) AS node
ORDER BY k.name, k.id
LIMIT $limit
"""
# Which of the two has this id.
TARGET = """
OPTIONAL MATCH (n:Need {id: $id})
OPTIONAL MATCH (r:Resource {id: $id})
RETURN n IS NOT NULL AS need, r IS NOT NULL AS resource
"""
CONCEPT_EXISTS = "MATCH (k:Concept {id: $id}) RETURN k.id AS id"


def _tags(label: Label) -> str:
    return (
        f"MATCH (x:{label.value} {{id: $id}})-[a:ABOUT]->(k:Concept) "
        "RETURN properties(k) AS node, properties(a) AS rel ORDER BY k.name, k.id"
    )


TAGS = {label: _tags(label) for label in TEXT_LABELS}
# Tagging by hand: an untag is forgotten, the link becomes (or stays) manual.
TAG = {
    label: f"""
MATCH (x:{label.value} {{id: $id}}), (k:Concept {{id: $conceptId}})
OPTIONAL MATCH (x)-[no:NOT_ABOUT]->(k)
DELETE no
MERGE (x)-[a:ABOUT]->(k)
SET a.source = 'manual', a.at = datetime(), a.by = $actor
"""
    for label in TEXT_LABELS
}
# Untagging by hand: the link goes, and NOT_ABOUT keeps it from being found again in the text.
UNTAG = {
    label: f"""
MATCH (x:{label.value} {{id: $id}}), (k:Concept {{id: $conceptId}})
OPTIONAL MATCH (x)-[a:ABOUT]->(k)
DELETE a
MERGE (x)-[no:NOT_ABOUT]->(k)
SET no.at = datetime(), no.by = $actor
"""
    for label in TEXT_LABELS
}


async def search(graph: Graph, text: str | None, limit: int) -> list[e.Concept]:
    records = await graph.read(SEARCH, search=text or None, limit=limit)
    return [mapping.concept(r["node"]) for r in records]


async def target_label(graph: Graph, target_id: str) -> Label | None:
    """Label.Need or Label.Resource, None when neither has this id."""
    found = (await graph.read(TARGET, id=target_id))[0]
    return Label.Need if found["need"] else Label.Resource if found["resource"] else None


async def concept_exists(tx: AsyncManagedTransaction, concept_id: str) -> bool:
    return bool([r async for r in await tx.run(CONCEPT_EXISTS, id=concept_id)])


async def set_tag(
    tx: AsyncManagedTransaction, label: Label, target_id: str, concept_id: str, *, tagged: bool, actor: str
) -> list[e.ConceptTag]:
    """Tag (or untag) by hand; the target's tags after it."""
    if tagged:
        await (await tx.run(TAG[label], id=target_id, conceptId=concept_id, actor=actor)).consume()
    else:
        await (await tx.run(UNTAG[label], id=target_id, conceptId=concept_id, actor=actor)).consume()
    records: list[Any] = [r async for r in await tx.run(TAGS[label], id=target_id)]
    return [mapping.concept_tag(r["node"], r["rel"]) for r in records]


BY_ID = "MATCH (k:Concept {id: $id}) RETURN properties(k) AS node"


async def by_id(graph: Graph, concept_id: str) -> e.Concept | None:
    records = await graph.read(BY_ID, id=concept_id)
    return mapping.concept(records[0]["node"]) if records else None
