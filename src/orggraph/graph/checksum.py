"""Counts and a checksum of a whole graph: equal summaries mean the same records, property for property.

The checksum is a sha256 over every node's labels and properties and every relationship's type, endpoints
and properties. Endpoints are named by their node's `id` property (every orggraph node has one; a node
without it, e.g. a :SchemaMigration, is named by its labels and properties), so the checksum depends on
content only, not on where the store keeps the records.

The graph is read in pages of internal ids (each page one short read transaction: the server's
transaction timeout and the client's memory stay bounded whatever the graph's size). Instead of sorting
every record, each record's canonical form is hashed and the hashes are added modulo 2**256 (an additive
multiset hash): the result does not depend on the order records are read in, as sorting would give, without
holding the graph in memory. The final checksum is the sha256 of both sums and both counts.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncDriver
from neo4j.spatial import Point

PAGE = 10_000
_MOD = 1 << 256
# Which canonical form the checksum hashes. 1: each value wrapped in a type-tagged list (the first
# version, written without this field); 2: plain JSON, with objects for the types JSON lacks.
ALGORITHM = 2

# Internal ids are dense (deleted ids are reused), and `id(n) = i` over a range of them is a NodeByIdSeek
# (DirectedRelationshipByIdSeek): each page reads only its own records, and only the highest id is found
# by a scan. id() is deprecated in favour of elementId(), which cannot be ranged.
LAST_ID = {
    "nodes": "MATCH (n) RETURN max(id(n)) AS last",
    "relationships": "MATCH ()-[r]->() RETURN max(id(r)) AS last",
}
# Neo4j's count store: the number of nodes of each label and relationships of each type, at once.
GRAPH_COUNTS = (
    "CALL db.stats.retrieve('GRAPH COUNTS') YIELD data "
    "RETURN data.nodes AS nodes, data.relationships AS relationships"
)
# A page comes back as one record holding a list: the driver's cost per record is far above its cost
# per list element (at 1000x, 470 s for the whole graph record by record, against about a minute).
PAGE_OF = {
    "nodes": "UNWIND range($first, $last) AS i MATCH (n) WHERE id(n) = i "
    "RETURN collect([labels(n), properties(n)]) AS rows",
    "relationships": "UNWIND range($first, $last) AS i MATCH (a)-[r]->(b) WHERE id(r) = i "
    "RETURN collect([type(r), properties(r), a.id, b.id, "
    "CASE WHEN a.id IS NULL THEN [labels(a), properties(a)] END, "
    "CASE WHEN b.id IS NULL THEN [labels(b), properties(b)] END]) AS rows",
}


@dataclass(frozen=True)
class GraphCounts:
    """How many nodes of each label and relationships of each type."""

    nodes: int
    relationships: int
    labels: dict[str, int]
    types: dict[str, int]

    def differences(self, other: GraphCounts, *, this: str = "expected", that: str = "found") -> list[str]:
        """Each count that differs, one line each."""
        lines = []
        for what, mine, theirs in (
            ("nodes", {"(all)": self.nodes, **self.labels}, {"(all)": other.nodes, **other.labels}),
            ("relationships", {"(all)": self.relationships, **self.types}, {"(all)": other.relationships, **other.types}),
        ):  # fmt: skip
            for key in sorted(mine.keys() | theirs.keys()):
                a, b = mine.get(key, 0), theirs.get(key, 0)
                if a != b:
                    lines.append(f"{what} {key}: {a} {this}, {b} {that}")
        return lines


@dataclass(frozen=True)
class GraphSummary:
    """How many nodes of each label and relationships of each type, and the checksum of all of them."""

    nodes: int
    relationships: int
    checksum: str
    labels: dict[str, int] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)
    algorithm: int = ALGORITHM

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "nodes": self.nodes,
            "relationships": self.relationships,
            "labels": dict(sorted(self.labels.items())),
            "types": dict(sorted(self.types.items())),
            "checksum": self.checksum,
        }
        if self.algorithm != 1:  # the first version wrote no such field
            data["checksumAlgorithm"] = self.algorithm
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GraphSummary:
        """Raises KeyError, TypeError or ValueError on a malformed summary."""
        labels, types = data["labels"], data["types"]
        if not isinstance(labels, dict) or not isinstance(types, dict):
            raise TypeError("labels and types are objects of counts")
        return cls(
            nodes=int(data["nodes"]),
            relationships=int(data["relationships"]),
            checksum=str(data["checksum"]),
            labels={str(k): int(v) for k, v in labels.items()},
            types={str(k): int(v) for k, v in types.items()},
            algorithm=int(data.get("checksumAlgorithm", 1)),
        )

    @property
    def counts(self) -> GraphCounts:
        return GraphCounts(self.nodes, self.relationships, self.labels, self.types)

    def differences(self, other: GraphSummary, *, this: str = "expected", that: str = "found") -> list[str]:
        """What differs, one line each (empty: the same graph). Checksums made by different algorithms
        are not compared (see `comparable`)."""
        lines = self.counts.differences(other.counts, this=this, that=that)
        if self.comparable(other) and self.checksum != other.checksum:
            lines.append(f"checksum: {self.checksum} {this}, {other.checksum} {that}")
        return lines

    def comparable(self, other: GraphSummary) -> bool:
        """Whether the two checksums were computed the same way."""
        return self.algorithm == other.algorithm


def _special(value: Any) -> Any:
    """The JSON form of a value JSON has no type for. Neo4j property values are never maps, so an object
    here stands for nothing else; ints, floats (exact: repr round-trips), booleans, strings and lists keep
    their JSON types, so 1, 1.0, '1' and true all differ."""
    if isinstance(value, bytes | bytearray):
        return {"bytes": bytes(value).hex()}
    # neo4j.time Date, Time, DateTime, Duration (and the standard library's, should any appear)
    iso = getattr(value, "iso_format", None)
    text = iso() if callable(iso) else str(value)
    return {type(value).__name__: [text, str(getattr(value, "tzinfo", None))]}


_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_special).encode


def _digest(form: Any) -> int:
    return int.from_bytes(hashlib.sha256(_encode(form).encode("utf-8")).digest(), "big")


def _point(value: Any) -> Any:
    return {"point": [value.srid, list(value)]} if isinstance(value, Point) else value


def _props(props: dict[str, Any]) -> dict[str, Any]:
    """The properties, with spatial points (tuples, which JSON would write as plain lists) as objects."""
    if any(
        isinstance(v, tuple) or (type(v) is list and v and isinstance(v[0], tuple)) for v in props.values()
    ):
        return {k: [_point(p) for p in v] if type(v) is list else _point(v) for k, v in props.items()}
    return props


def _node_form(labels: list[str], props: dict[str, Any]) -> Any:
    return [sorted(labels), _props(props)]


def _endpoint(node_id: Any, node: list[Any] | None) -> Any:
    return ["node", _node_form(node[0], node[1])] if node is not None else ["id", node_id]


async def count(driver: AsyncDriver, database: str) -> GraphCounts:
    """The counts of the whole database from Neo4j's count store: instant at any size (no checksum)."""
    records, _, _ = await driver.execute_query(GRAPH_COUNTS, database_=database, routing_="r")
    nodes, relationships = records[0]["nodes"], records[0]["relationships"]
    # entries without a label (type) are the totals; labels whose nodes were all deleted count 0
    return GraphCounts(
        nodes=next((int(e["count"]) for e in nodes if "label" not in e), 0),
        relationships=next((int(e["count"]) for e in relationships if "relationshipType" not in e), 0),
        labels={e["label"]: int(e["count"]) for e in nodes if "label" in e and e["count"]},
        types={
            e["relationshipType"]: int(e["count"])
            for e in relationships
            if "relationshipType" in e and "startLabel" not in e and "endLabel" not in e and e["count"]
        },
    )


async def _rows(driver: AsyncDriver, database: str, kind: str, page: int) -> AsyncIterator[list[Any]]:
    """Every node or relationship as a row of PAGE_OF[kind], a page of internal ids per read transaction."""
    found, _, _ = await driver.execute_query(LAST_ID[kind], database_=database, routing_="r")
    last = -1 if found[0]["last"] is None else int(found[0]["last"])
    for first in range(0, last + 1, page):
        records, _, _ = await driver.execute_query(
            PAGE_OF[kind], first=first, last=min(first + page - 1, last), database_=database, routing_="r"
        )
        for row in records[0]["rows"]:
            yield row


async def summarize(driver: AsyncDriver, database: str, page: int = PAGE) -> GraphSummary:
    """Counts by label and type and the checksum of the whole database, read page by page."""
    labels: Counter[str] = Counter()
    types: Counter[str] = Counter()
    nodes = relationships = node_sum = relationship_sum = 0
    async for node_labels, props in _rows(driver, database, "nodes", page):
        nodes += 1
        labels.update(node_labels)
        node_sum = (node_sum + _digest(_node_form(node_labels, props))) % _MOD
    async for rel_type, props, a, b, a_node, b_node in _rows(driver, database, "relationships", page):
        relationships += 1
        types[rel_type] += 1
        form = [rel_type, _endpoint(a, a_node), _endpoint(b, b_node), _props(props)]
        relationship_sum = (relationship_sum + _digest(form)) % _MOD

    total = json.dumps(
        {"nodes": [nodes, f"{node_sum:064x}"], "relationships": [relationships, f"{relationship_sum:064x}"]},
        sort_keys=True,
    )
    return GraphSummary(
        nodes=nodes,
        relationships=relationships,
        checksum=hashlib.sha256(total.encode()).hexdigest(),
        labels=dict(labels),
        types=dict(types),
    )
