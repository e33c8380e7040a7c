"""What needs and resources are about, kept in the graph (orggraph.matching.text): each one's words
(`terms`, as BM25 counts them), its concepts ((:Need|Resource)-[:ABOUT {source}]->(:Concept)), and the
resources library's word statistics ((:Term {text, resources}): how many resources use a word;
(:Corpus {name: 'library', resources, length})).

- On create and update, in the write's own transaction: the words and the concepts found in the text
  (source 'auto'); a concept tagged by hand (source 'manual') stays, one untagged by hand (NOT_ABOUT) is not
  found again. A resource's words move the statistics: words are locked in their order (Term by text, then
  the corpus), so that concurrent writes never wait on each other in a cycle.
- `rebuild`: the whole graph again (concepts from seeds/concepts.yaml, every text, the statistics counted
  afresh): `orggraph text rebuild`, after the vocabulary or the segmenter's dictionary changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from neo4j import AsyncManagedTransaction

from orggraph.domain.concepts import Vocabulary
from orggraph.domain.model import Label
from orggraph.graph.matching_cypher import CORPUS
from orggraph.vocabulary import indexed, load_vocabulary

# Labels that have texts; a statement's label always comes from here (never from a caller's string).
TEXT_LABELS = (Label.Need, Label.Resource)

# A node's concepts found in its text ($concepts): auto links no longer found go, new ones come, except where a
# person untagged the concept (NOT_ABOUT) or already tagged it.
_ABOUT = """
CALL ({scope}) {{
  OPTIONAL MATCH (x)-[a:ABOUT {{source: 'auto'}}]->(k:Concept) WHERE NOT k.id IN {concepts}
  DELETE a
}}
CALL ({scope}) {{
  UNWIND {concepts} AS cid
  MATCH (k:Concept {{id: cid}})
  WHERE NOT EXISTS {{ (x)-[:ABOUT]->(k) }} AND NOT EXISTS {{ (x)-[:NOT_ABOUT]->(k) }}
  CREATE (x)-[:ABOUT {{source: 'auto', at: datetime()}}]->(k)
}}
"""
ABOUT_OF_ROW = _ABOUT.format(scope="x, p", concepts="p.concepts")


def _reindex(label: Label) -> str:
    return f"MATCH (x:{label.value} {{id: $id}})\nSET x.terms = $terms\nWITH x\n" + _ABOUT.format(
        scope="x", concepts="$concepts"
    )


REINDEX = {label: _reindex(label) for label in TEXT_LABELS}

# The library's statistics moved: $moves, pairs of a word and how many more (or fewer) resources use it, taken
# in the words' order; $resources and $length, how many more resources and words in all.
MOVE_STATS = (
    """
CALL () {
  UNWIND $moves AS m
  WITH m ORDER BY m[0]
  MERGE (x:Term {text: m[0]})
  SET x.resources = coalesce(x.resources, 0) + m[1]
}
CALL () {
  MERGE (cp:Corpus {name: '"""
    + CORPUS
    + """'})
  SET cp.resources = coalesce(cp.resources, 0) + $resources, cp.length = coalesce(cp.length, 0) + $length
}
"""
)
# ... from the rows of a batch create (CREATE_RESOURCES): `done` of the rows, those made new
STATS_OF_CREATED = (
    """
CALL (done) {
  UNWIND [d IN done WHERE d.found = 'new'] AS d
  UNWIND d.p.vocab AS t
  WITH t, count(*) AS n
  ORDER BY t
  MERGE (x:Term {text: t})
  SET x.resources = coalesce(x.resources, 0) + n
}
CALL (done) {
  WITH [d IN done WHERE d.found = 'new'] AS made
  WHERE size(made) > 0
  MERGE (cp:Corpus {name: '"""
    + CORPUS
    + """'})
  SET cp.resources = coalesce(cp.resources, 0) + size(made),
      cp.length = coalesce(cp.length, 0) + reduce(n = 0, d IN made | n + size(d.p.props.terms))
}
"""
)


async def reindex(tx: AsyncManagedTransaction, label: Label, node: dict[str, Any]) -> None:
    """A node whose title or description changed (`node`: its properties before the change, with the new
    title and description given as `title` and `description`)."""
    found = indexed(node.get("title"), node.get("description"))
    await (
        await tx.run(REINDEX[label], id=node["id"], terms=found["terms"], concepts=found["concepts"])
    ).consume()
    if label is Label.Resource:
        old = list(node.get("terms") or [])
        moves = _moves(set(old), set(found["terms"]))
        if moves or len(old) != len(found["terms"]):
            await (
                await tx.run(MOVE_STATS, moves=moves, resources=0, length=len(found["terms"]) - len(old))
            ).consume()


def _moves(old: set[str], new: set[str]) -> list[list[Any]]:
    return [[t, 1] for t in sorted(new - old)] + [[t, -1] for t in sorted(old - new)]


# ---------------------------------------------------------------- the whole graph
# Each takes $rows (the seed loader's steps take them in batches, as `rebuild` does).
SYNC_CONCEPTS_ROWS = """
UNWIND $rows AS c
MERGE (k:Concept {id: c.id})
SET k.name = c.name, k.synonyms = c.synonyms, k.domains = c.domains, k.supportTypes = c.supportTypes
"""
LINK_BROADER_ROWS = """
UNWIND $rows AS l
MATCH (a:Concept {id: l.id}), (b:Concept {id: l.broader})
MERGE (a)-[:BROADER]->(b)
"""
ABOUT_ROWS = {
    label: f"UNWIND $rows AS p\nMATCH (x:{label.value} {{id: p.id}})\n" + ABOUT_OF_ROW
    for label in TEXT_LABELS
}
REINDEX_ROWS = {
    label: f"UNWIND $rows AS p\nMATCH (x:{label.value} {{id: p.id}})\nSET x.terms = p.terms\nWITH x, p\n"
    + ABOUT_OF_ROW
    for label in TEXT_LABELS
}
# The library's statistics counted afresh from every resource's words, whoever wrote them (a seed loaded into
# a graph that already holds resources must not count only its own). One row in $rows: the seed's step form.
RECOUNT_ROWS = (
    """
UNWIND $rows AS _
CALL () {
  MATCH (x:Term)
  DELETE x
}
CALL () {
  MATCH (r:Resource)
  UNWIND coalesce(r.terms, []) AS t
  WITH DISTINCT r, t
  WITH t, count(*) AS n
  CREATE (:Term {text: t, resources: n})
}
CALL () {
  MATCH (r:Resource)
  WITH count(r) AS resources, sum(size(coalesce(r.terms, []))) AS length
  MERGE (cp:Corpus {name: '"""
    + CORPUS
    + """'})
  SET cp.resources = resources, cp.length = length
}
"""
)
DROP_CONCEPTS = "MATCH (k:Concept) WHERE NOT k.id IN $ids DETACH DELETE k"
DROP_BROADER = "MATCH (:Concept)-[b:BROADER]->(:Concept) DELETE b"
TERM_COUNT = "MATCH (x:Term) RETURN count(x) AS n"
TEXTS = {
    label: f"MATCH (x:{label.value}) RETURN x.id AS id, x.title AS title, x.description AS description"
    for label in TEXT_LABELS
}
BATCH = 2000


def concept_rows(vocab: Vocabulary) -> list[dict[str, Any]]:
    return [
        {
            "id": c.id,
            "name": c.name,
            "synonyms": list(c.synonyms),
            "domains": sorted(d.value for d in c.domains),
            "supportTypes": sorted(t.value for t in c.support_types),
        }
        for c in vocab.concepts
    ]


def broader_rows(vocab: Vocabulary) -> list[dict[str, Any]]:
    return [{"id": c.id, "broader": c.broader} for c in vocab.concepts if c.broader is not None]


async def _run(tx: AsyncManagedTransaction, query: str, **params: Any) -> None:
    await (await tx.run(query, **params)).consume()


async def _batches(tx: AsyncManagedTransaction, query: str, rows: Sequence[Any]) -> None:
    for i in range(0, len(rows), BATCH):
        await _run(tx, query, rows=rows[i : i + BATCH])


async def rebuild(tx: AsyncManagedTransaction, vocab: Vocabulary | None = None) -> dict[str, int]:
    """Every need's and resource's words and concepts again, and the statistics counted afresh; the
    concepts from the vocabulary (a concept gone from it goes, with its links). One transaction."""
    vocab = vocab or load_vocabulary()
    await _batches(tx, SYNC_CONCEPTS_ROWS, concept_rows(vocab))
    await _run(tx, DROP_CONCEPTS, ids=[c.id for c in vocab.concepts])
    await _run(tx, DROP_BROADER)
    await _batches(tx, LINK_BROADER_ROWS, broader_rows(vocab))
    counts = {"concepts": len(vocab.concepts)}
    for label in TEXT_LABELS:
        rows = []
        for record in [r async for r in await tx.run(TEXTS[label])]:
            found = indexed(record["title"], record["description"])
            rows.append({"id": record["id"], "terms": found["terms"], "concepts": found["concepts"]})
        await _batches(tx, REINDEX_ROWS[label], rows)
        counts[label.value] = len(rows)
    await _run(tx, RECOUNT_ROWS, rows=[{}])
    counts["terms"] = (await (await tx.run(TERM_COUNT)).single(strict=True))["n"]
    return counts
