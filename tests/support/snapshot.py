"""A graph's nodes and relationships read once and written back in one transaction: the suite's pristine demo,
restored after a test that wrote by creating its 13,000 nodes and 30,000 relationships as they were, instead of
loading the seed again (about 70 steps of MERGEs, each looking its records up).

Labels and relationship types go in as values (Neo4j 5.26's dynamic labels, `:$(...)`): the statements are
constants. The migration records and the event sequence are left where they are, as `wipe` leaves them.

One value does not survive the driver's round trip as it is: a zoned datetime stored at offset Z comes back
with pytz's UTC, which the driver sends as the zone id [UTC], a different value. The demo stores its
datetimes at offset Z (the seed's ISO strings), so they are given a fixed offset again; the test of this module
(tests/integration/seeding/test_snapshot.py) compares every value of the restored graph with the loaded one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction
from neo4j.time import DateTime

_KEPT = "NOT {v}:SchemaMigration AND NOT {v}:EventSequence"
NODES = (
    f"MATCH (n) WHERE {_KEPT.format(v='n')} RETURN collect([elementId(n), labels(n), properties(n)]) AS rows"
)
RELATIONSHIPS = (
    f"MATCH (a)-[r]->(b) WHERE {_KEPT.format(v='a')} AND {_KEPT.format(v='b')} "
    "RETURN collect([elementId(a), elementId(b), type(r), properties(r)]) AS rows"
)
CREATE_NODES = "UNWIND $rows AS row CREATE (n:$(row[0])) SET n = row[1] RETURN collect(elementId(n)) AS ids"
CREATE_RELATIONSHIPS = """
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row[0]
MATCH (b) WHERE elementId(b) = row[1]
CREATE (a)-[r:$(row[2])]->(b) SET r = row[3]
"""
BATCH = 5000


@dataclass(frozen=True)
class Snapshot:
    nodes: list[tuple[list[str], dict[str, Any]]]  # labels and properties, in the order read
    relationships: list[tuple[int, int, str, dict[str, Any]]]  # start and end as positions in `nodes`


def _at_offset(value: Any) -> Any:
    if (
        isinstance(value, DateTime)
        and value.tzinfo is not None
        and getattr(value.tzinfo, "zone", None) == "UTC"
    ):
        return value.replace(tzinfo=UTC)
    if isinstance(value, list):
        return [_at_offset(v) for v in value]
    return value


def _props(props: dict[str, Any]) -> dict[str, Any]:
    return {k: _at_offset(v) for k, v in props.items()}


async def take(driver: AsyncDriver, database: str) -> Snapshot:
    """Every node (but the migration records and the event sequence) and every relationship between them."""
    nodes, _, _ = await driver.execute_query(NODES, database_=database)
    rels, _, _ = await driver.execute_query(RELATIONSHIPS, database_=database)
    position = {element: i for i, (element, _, _) in enumerate(nodes[0]["rows"])}
    return Snapshot(
        nodes=[(labels, _props(props)) for _, labels, props in nodes[0]["rows"]],
        relationships=[
            (position[a], position[b], kind, _props(props)) for a, b, kind, props in rels[0]["rows"]
        ],
    )


async def restore(driver: AsyncDriver, database: str, snapshot: Snapshot) -> None:
    """Write the snapshot into a graph emptied by `wipe`, in one transaction."""

    async def work(tx: AsyncManagedTransaction) -> None:
        made: list[str] = []
        for i in range(0, len(snapshot.nodes), BATCH):
            rows = [[labels, props] for labels, props in snapshot.nodes[i : i + BATCH]]
            result = await tx.run(CREATE_NODES, rows=rows)
            made += (await result.single(strict=True))["ids"]
        for i in range(0, len(snapshot.relationships), BATCH):
            rows = [
                [made[a], made[b], kind, props] for a, b, kind, props in snapshot.relationships[i : i + BATCH]
            ]
            await (await tx.run(CREATE_RELATIONSHIPS, rows=rows)).consume()

    async with driver.session(database=database) as session:
        await session.execute_write(work)
