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

from neo4j import AsyncDriver, Record
from neo4j.spatial import Point

PAGE = 10_000
_MOD = 1 << 256

# Internal ids are dense (deleted ids are reused), and `id(n) = i` over a range of them is a NodeByIdSeek
# (DirectedRelationshipByIdSeek): each page reads only its own records, and only the highest id is found
# by a scan. id() is deprecated in favour of elementId(), which cannot be ranged.
LAST_ID = {
    "nodes": "MATCH (n) RETURN max(id(n)) AS last",
    "relationships": "MATCH ()-[r]->() RETURN max(id(r)) AS last",
}
PAGE_OF = {
    "nodes": "UNWIND range($first, $last) AS i MATCH (n) WHERE id(n) = i "
    "RETURN labels(n) AS labels, properties(n) AS props",
    "relationships": "UNWIND range($first, $last) AS i MATCH (a)-[r]->(b) WHERE id(r) = i "
    "RETURN type(r) AS type, properties(r) AS props, a.id AS a, b.id AS b, "
    "CASE WHEN a.id IS NULL THEN [labels(a), properties(a)] END AS a_node, "
    "CASE WHEN b.id IS NULL THEN [labels(b), properties(b)] END AS b_node",
}


@dataclass(frozen=True)
class GraphSummary:
    """How many nodes of each label and relationships of each type, and the checksum of all of them."""

    nodes: int
    relationships: int
    checksum: str
    labels: dict[str, int] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "nodes": self.nodes,
            "relationships": self.relationships,
            "labels": dict(sorted(self.labels.items())),
            "types": dict(sorted(self.types.items())),
            "checksum": self.checksum,
        }

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
        )

    def differences(self, other: GraphSummary, *, this: str = "expected", that: str = "found") -> list[str]:
        """What differs, one line each (empty: the same graph)."""
        lines = []
        for what, mine, theirs in (
            ("nodes", {"(all)": self.nodes, **self.labels}, {"(all)": other.nodes, **other.labels}),
            (
                "relationships",
                {"(all)": self.relationships, **self.types},
                {"(all)": other.relationships, **other.types},
            ),
        ):
            for key in sorted(mine.keys() | theirs.keys()):
                a, b = mine.get(key, 0), theirs.get(key, 0)
                if a != b:
                    lines.append(f"{what} {key}: {a} {this}, {b} {that}")
        if self.checksum != other.checksum:
            lines.append(f"checksum: {self.checksum} {this}, {other.checksum} {that}")
        return lines


def _canon(value: Any) -> Any:
    """A JSON form of a property value that keeps its type (1, 1.0, '1' and True all differ)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return ["bool", value]
    if isinstance(value, int):
        return ["int", str(value)]
    if isinstance(value, float):
        return ["float", value.hex()]
    if isinstance(value, list | tuple):
        return ["list", [_canon(v) for v in value]]
    if isinstance(value, bytes | bytearray):
        return ["bytes", bytes(value).hex()]
    if isinstance(value, dict):
        return ["map", {str(k): _canon(v) for k, v in sorted(value.items())}]
    if isinstance(value, Point):
        return ["point", value.srid, [float(c).hex() for c in value]]
    # neo4j.time Date, Time, DateTime, Duration (and the standard library's, should any appear)
    iso = getattr(value, "iso_format", None)
    text = iso() if callable(iso) else str(value)
    return [type(value).__name__, text, str(getattr(value, "tzinfo", None))]


def _digest(form: Any) -> int:
    text = json.dumps(form, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest(), "big")


def _node_form(labels: list[str], props: dict[str, Any]) -> Any:
    return [sorted(labels), {k: _canon(v) for k, v in props.items()}]


def _endpoint(node_id: Any, node: list[Any] | None) -> Any:
    return ["node", _node_form(node[0], node[1])] if node is not None else ["id", _canon(node_id)]


async def _records(driver: AsyncDriver, database: str, kind: str, page: int) -> AsyncIterator[Record]:
    """Every node or relationship, a page of internal ids per read transaction."""
    found, _, _ = await driver.execute_query(LAST_ID[kind], database_=database, routing_="r")
    last = -1 if found[0]["last"] is None else int(found[0]["last"])
    for first in range(0, last + 1, page):
        records, _, _ = await driver.execute_query(
            PAGE_OF[kind], first=first, last=min(first + page - 1, last), database_=database, routing_="r"
        )
        for record in records:
            yield record


async def summarize(driver: AsyncDriver, database: str, page: int = PAGE) -> GraphSummary:
    """Counts by label and type and the checksum of the whole database, read page by page."""
    labels: Counter[str] = Counter()
    types: Counter[str] = Counter()
    nodes = relationships = node_sum = relationship_sum = 0
    async for r in _records(driver, database, "nodes", page):
        nodes += 1
        labels.update(r["labels"])
        node_sum = (node_sum + _digest(_node_form(r["labels"], r["props"]))) % _MOD
    async for r in _records(driver, database, "relationships", page):
        relationships += 1
        types[r["type"]] += 1
        form = [
            r["type"],
            _endpoint(r["a"], r["a_node"]),
            _endpoint(r["b"], r["b_node"]),
            {k: _canon(v) for k, v in r["props"].items()},
        ]
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
