"""Reads and writes inside the transactions of the two libraries: needs (with their life events) and
resources. Each check a use case makes is made on a node read here under its write lock.

What a :Need, a :NeedEvent and a :Resource hold is written here (and read back in graph.mapping).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar
from uuid import uuid4

from neo4j import AsyncManagedTransaction, Record

from orggraph.domain import entities as e
from orggraph.domain.commands import NeedChanges, NewNeed, NewResource, ResourceChanges, new_id
from orggraph.domain.errors import Conflict, DomainError, not_found
from orggraph.domain.model import Label, NeedStatus, ResourceStatus
from orggraph.graph import mapping
from orggraph.graph.audit import AUDIT_RECORDS, Audit
from orggraph.graph.runner import Graph, single
from orggraph.graph.text_writes import STATS_OF_CREATED, reindex
from orggraph.vocabulary import indexed

T = TypeVar("T")


class Found(Enum):
    """What a create found before writing, given the owner (community, unit) and the clientId."""

    NEW = "new"  # created now
    RETRY = "retry"  # the node first registered with this clientId, by the same owner: nothing created
    OTHER_OWNER = "otherOwner"  # the clientId is another owner's node's (or an ownerless one's)
    NO_OWNER = "noOwner"  # no owner has this id


# What a create found (`found`) for the row `p`, from the owner `o` matched by its id and the node `first`
# first registered with the clientId (none without a clientId) and its owner `firstOwner`.
FOUND = """
CASE
  WHEN first IS NOT NULL THEN CASE WHEN firstOwner.id = p.ownerId THEN 'retry' ELSE 'otherOwner' END
  WHEN o IS NULL THEN 'noOwner'
  ELSE 'new'
END AS found
"""
# The concepts found in a new node's text (p.concepts), linked as found automatically (graph.text_writes).
ABOUT_NEW = """
    WITH {node}, p
    CALL ({node}, p) {{
      UNWIND p.concepts AS cid
      MATCH (k:Concept {{id: cid}})
      CREATE ({node})-[:ABOUT {{source: 'auto', at: datetime()}}]->(k)
    }}"""


def _decoded(node: str, keys: tuple[str, ...], dates: frozenset[str] = frozenset()) -> str:
    """The Cypher of `node`'s properties that its decoder reads (graph/mapping.py's constants), each date as its
    ISO text: not properties(node), whose other values (a need's words, its creation time) Neo4j would send
    and the driver decode for nothing (2026-12-01: 0.15 ms of a createNeed; docs/benchmarks.md). A missing
    one comes back null (mapping.present drops it)."""
    fields = ", ".join(f"`{k}`: toString(x.`{k}`)" if k in dates else f".`{k}`" for k in keys)
    return f"[x IN [{node}] | x {{{fields}}}][0]"


# createNeed for many needs in one statement, each row `p` of $rows (one for the mutation, hundreds for an
# import) in turn: the idempotency check, the community's existence, the need with its first life event and
# the concepts of its text; written only when new. Then the audit records of the new ones and the retries (as with Graph.write),
# numbered together (audit.AUDIT_RECORDS); then each row's answer by its place `i`: what it found, and the
# need and its community only when $answered (an import wants only the refusals). (Not OPTIONAL CALL: in
# Neo4j 5.26 a writing OPTIONAL CALL whose body returns no row yields an empty node, not null.)
CREATE_NEEDS = (
    """
UNWIND $rows AS p
CALL (p) {
  OPTIONAL MATCH (o:Community {id: p.ownerId})
  OPTIONAL MATCH (first:Need {clientId: p.clientId})
  OPTIONAL MATCH (firstOwner:Community)-[:RAISED]->(first)
  WITH p, o, first, """
    + FOUND
    + """
  LIMIT 1
  CALL (p, o, first, found) {
    WITH p, o WHERE found = 'new'
    CREATE (n:Need)
    SET n = p.props, n.id = p.needId, n.status = p.needStatus, n.source = 'user', n.createdAt = datetime()
    CREATE (o)-[:RAISED]->(n)
    WITH p, o, n
    CALL (o, n) {
      MATCH (o)-[:PART_OF]->(:Street)-[:PART_OF]->(city:City)
      SET n.cityId = city.id, n.provinceId = city.provinceId
    }
    CREATE (n)-[:HAS_EVENT]->(:NeedEvent {id: p.eventId, to: p.needStatus, at: datetime(), by: p.by,
                                          note: '登记需求'})
    """
    + ABOUT_NEW.format(node="n")
    + """
    RETURN n
    UNION ALL
    WITH first WHERE found <> 'new'
    RETURN first AS n
  }
  RETURN found, n, o
}
WITH collect({p: p, found: found, n: n, o: o}) AS done
CALL (done) {
  WITH [d IN done WHERE d.found IN ['new', 'retry'] |
        {audit: d.p.audit, needs: [d.n.id], tasks: [], meetings: []}] AS kept
  WHERE size(kept) > 0"""
    + AUDIT_RECORDS
    + """}
RETURN [d IN done | {i: d.p.i, found: d.found, node: CASE WHEN $answered THEN """
    + _decoded("d.n", mapping.NEED_KEYS, mapping.NEED_DATES)
    + """ END,
                     owner: CASE WHEN $answered THEN """
    + _decoded("d.o", mapping.COMMUNITY_KEYS)
    + """ END}] AS done
"""
)
LOCK_NEED = """
MATCH (n:Need {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN properties(n) AS node
"""
UPDATE_NEED = (
    "MATCH (n:Need {id: $id}) SET n += $changes, n.updatedAt = datetime() RETURN properties(n) AS node"
)
SET_NEED_STATUS = """
MATCH (n:Need {id: $id})
SET n.status = $to, n.updatedAt = datetime()
CREATE (n)-[:HAS_EVENT]->(:NeedEvent {id: $eventId, from: $from, to: $to, at: datetime(), by: $actor,
                                      note: $note})
RETURN properties(n) AS node
"""
CLAIM = """
MATCH (n:Need {id: $needId}), (u:Unit {id: $unitId})
CREATE (u)-[:CLAIMED {at: datetime(), by: $actor}]->(n)
"""
UNIT_NAME = "MATCH (u:Unit {id: $id}) RETURN u.name AS name"

# createResource for many resources in one statement, as CREATE_NEEDS: for each row the idempotency check,
# the unit's existence, the resource and its concepts; the library's word statistics moved by the new ones
# (graph.text_writes); their audit records (they name no need, task or meeting); then the resource and its unit.
CREATE_RESOURCES = (
    """
UNWIND $rows AS p
CALL (p) {
  OPTIONAL MATCH (o:Unit {id: p.ownerId})
  OPTIONAL MATCH (first:Resource {clientId: p.clientId})
  OPTIONAL MATCH (firstOwner:Unit)-[:OFFERS]->(first)
  WITH p, o, first, """
    + FOUND
    + """
  LIMIT 1
  CALL (p, o, first, found) {
    WITH p, o WHERE found = 'new'
    CREATE (r:Resource)
    SET r = p.props, r.id = p.resourceId, r.status = p.resourceStatus, r.allocated = 0, r.source = 'user',
        r.createdAt = datetime(), r.cityId = o.cityId, r.provinceId = o.provinceId
    CREATE (o)-[:OFFERS]->(r)
    """
    + ABOUT_NEW.format(node="r")
    + """
    RETURN r
    UNION ALL
    WITH first WHERE found <> 'new'
    RETURN first AS r
  }
  RETURN found, r, o
}
WITH collect({p: p, found: found, r: r, o: o}) AS done
"""
    + STATS_OF_CREATED
    + """
CALL (done) {
  WITH [d IN done WHERE d.found IN ['new', 'retry'] |
        {audit: d.p.audit, needs: [], tasks: [], meetings: []}] AS kept
  WHERE size(kept) > 0"""
    + AUDIT_RECORDS
    + """}
RETURN [d IN done | {i: d.p.i, found: d.found, node: CASE WHEN $answered THEN properties(d.r) END,
                     owner: CASE WHEN $answered THEN properties(d.o) END}] AS done
"""
)
LOCK_RESOURCE = """
MATCH (r:Resource {id: $id})
SET r._lock = true
REMOVE r._lock
RETURN properties(r) AS node
"""
UPDATE_RESOURCE = """
MATCH (r:Resource {id: $id}) SET r += $changes, r.updatedAt = datetime() RETURN properties(r) AS node
"""


def _given(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None}


def _values(items: tuple[Any, ...] | None) -> list[str] | None:
    return [x.value for x in items] if items is not None else None


def _need_props(n: NewNeed | NeedChanges) -> dict[str, Any]:
    return _given(
        {
            "title": n.title,
            "description": n.description,
            "supportTypes": _values(n.support_types),
            "domain": n.domain.value if n.domain else None,
            "populations": _values(n.populations),
            "quantity": n.quantity,
            "quantityUnit": n.quantity_unit,
            "neededBy": n.needed_by,
            "urgency": n.urgency.value if n.urgency else None,
        }
    )


def _resource_props(r: NewResource | ResourceChanges) -> dict[str, Any]:
    return _given(
        {
            "title": r.title,
            "description": r.description,
            "domains": _values(r.domains),
            "populations": _values(r.populations),
            "capacity": r.capacity,
            "capacityUnit": r.capacity_unit,
            "availableFrom": r.available_from,
            "availableUntil": r.available_until,
            "serviceArea": r.service_area.value if r.service_area else None,
        }
    )


async def locked_need(tx: AsyncManagedTransaction, need_id: str, field: str = "id") -> e.Need:
    """The need, under its write lock until the transaction ends."""
    row = await single(tx, LOCK_NEED, id=need_id)
    if row is None:
        raise not_found("需求", need_id, field)
    return mapping.need(row["node"])


async def locked_resource(tx: AsyncManagedTransaction, resource_id: str, field: str = "id") -> e.Resource:
    """The resource, under its write lock until the transaction ends."""
    row = await single(tx, LOCK_RESOURCE, id=resource_id)
    if row is None:
        raise not_found("资源", resource_id, field)
    return mapping.resource(row["node"])


async def unit_name(tx: AsyncManagedTransaction, unit_id: str) -> str | None:
    row = await single(tx, UNIT_NAME, id=unit_id)
    return row["name"] if row else None


@dataclass(frozen=True)
class NeedCreated:
    need: e.Need
    community: e.Community


Refusal = Callable[[int, Found], DomainError | None]  # (the row's place, what it found) -> its refusal


def _created(
    done: list[dict[str, Any]], refusal: Refusal, all_or_nothing: bool, made: Callable[[dict[str, Any]], T]
) -> list[T | DomainError | None]:
    """The rows' answers in their order: what each made (None when the statement was not asked for it), or its
    refusal. all_or_nothing: the first refusal is raised, inside the transaction, which then rolls back."""
    out: list[T | DomainError | None] = []
    for row in sorted(done, key=lambda r: r["i"]):
        error = refusal(row["i"], Found(row["found"]))
        if error is not None and all_or_nothing:
            raise error
        out.append(error if error is not None else made(row) if row["node"] is not None else None)
    return out


async def create_needs(
    graph: Graph,
    needs: Sequence[NewNeed],
    audits: Sequence[Audit],
    *,
    actor: str,
    refusal: Refusal,
    all_or_nothing: bool,
    answered: bool = True,
) -> list[NeedCreated | DomainError | None]:
    """New needs, COLLECTED, each with its first life event and its audit record (from `audits`, by place), or
    the one first registered with its clientId; and their communities. One statement, one transaction.
    `refusal` says which findings refuse a need: nothing is written for it, and its error takes its place in
    the answer, or with all_or_nothing is raised (the mutation's way: nothing is written at all). Not
    `answered`: a need made is answered None (an import reads back none of the records it makes)."""
    if not needs:
        return []
    rows = []
    for i, need in enumerate(needs):
        text = indexed(need.title, need.description)
        props = {
            **_need_props(need),
            "origin": need.source,
            "clientId": need.client_id,
            "terms": text["terms"],
        }
        rows.append(
            {
                "i": i,
                "ownerId": need.community_id,
                "clientId": need.client_id,
                "props": _given(props),
                "concepts": text["concepts"],
                "needId": new_id("need"),
                "needStatus": NeedStatus.COLLECTED.value,
                "eventId": f"event-{uuid4().hex}",
                "by": actor,
            }
        )

    def made(row: dict[str, Any]) -> NeedCreated:
        return NeedCreated(
            mapping.need(mapping.present(row["node"])), mapping.community(mapping.present(row["owner"]))
        )

    def answer(record: Record | None) -> list[NeedCreated | DomainError | None]:
        assert record is not None, "the statement returns one row"
        return _created(record["done"], refusal, all_or_nothing, made)

    conflict = Conflict("需求编号冲突,请重试", field="clientId")
    return await graph.write_each(
        CREATE_NEEDS, rows, audits, answer, {"answered": answered}, conflict=conflict,
        server_commit=_server_commit(rows, all_or_nothing),
    )  # fmt: skip


async def update_need(tx: AsyncManagedTransaction, changes: NeedChanges) -> e.Need:
    """The need's changes; a new title or description: its words and concepts again (graph.text_writes)."""
    props = _need_props(changes)
    if changes.source is not None:  # the input's `source` is kept as `origin`; "" clears it (null removes)
        props["origin"] = changes.source or None
    node = (await single(tx, UPDATE_NEED, id=changes.id, changes=props))["node"]
    if changes.title is not None or changes.description is not None:
        await reindex(tx, Label.Need, node)
    return mapping.need(node)


async def set_need_status(
    tx: AsyncManagedTransaction, need: e.Need, to: NeedStatus, *, actor: str, note: str
) -> e.Need:
    """The need's new status and the life event that records the step (who, when, why)."""
    row = await single(
        tx,
        SET_NEED_STATUS,
        id=need.id,
        to=to.value,
        eventId=f"event-{uuid4().hex}",
        actor=actor,
        note=note,
        **{"from": need.status.value},
    )
    return mapping.need(row["node"])


async def claim(tx: AsyncManagedTransaction, need_id: str, unit_id: str, *, actor: str) -> None:
    await (await tx.run(CLAIM, needId=need_id, unitId=unit_id, actor=actor)).consume()


@dataclass(frozen=True)
class ResourceCreated:
    resource: e.Resource
    unit: e.Unit


async def create_resources(
    graph: Graph,
    resources: Sequence[NewResource],
    audits: Sequence[Audit],
    *,
    refusal: Refusal,
    all_or_nothing: bool,
    answered: bool = True,
) -> list[ResourceCreated | DomainError | None]:
    """New resources, ACTIVE, each with its audit record, or the one first registered with its clientId; and
    their units. One statement, one transaction, as create_needs."""
    if not resources:
        return []
    rows = []
    for i, resource in enumerate(resources):
        text = indexed(resource.title, resource.description)
        props = {
            **_resource_props(resource),
            "supportType": resource.support_type.value,
            "clientId": resource.client_id,
            "terms": text["terms"],
        }
        rows.append(
            {
                "i": i,
                "ownerId": resource.unit_id,
                "clientId": resource.client_id,
                "props": _given(props),
                "vocab": text["vocab"],
                "concepts": text["concepts"],
                "resourceId": new_id("res"),
                "resourceStatus": ResourceStatus.ACTIVE.value,
            }
        )

    def made(row: dict[str, Any]) -> ResourceCreated:
        return ResourceCreated(mapping.resource(row["node"]), mapping.unit(row["owner"]))

    def answer(record: Record | None) -> list[ResourceCreated | DomainError | None]:
        assert record is not None, "the statement returns one row"
        return _created(record["done"], refusal, all_or_nothing, made)

    return await graph.write_each(
        CREATE_RESOURCES, rows, audits, answer, {"answered": answered},
        server_commit=_server_commit(rows, all_or_nothing),
    )  # fmt: skip


def _server_commit(rows: Sequence[object], all_or_nothing: bool) -> bool:
    """Whether a create may be committed by Neo4j as the statement ends (Graph.write_one): the statement
    writes nothing for a refused row, so only a refusal of all the rows for one (all_or_nothing, more than
    one row) needs the rollback of a transaction this process commits."""
    return len(rows) == 1 or not all_or_nothing


async def update_resource(tx: AsyncManagedTransaction, changes: ResourceChanges) -> e.Resource:
    """The resource's changes; a new title or description: its words, concepts and the library's statistics
    again (graph.text_writes)."""
    node = (await single(tx, UPDATE_RESOURCE, id=changes.id, changes=_resource_props(changes)))["node"]
    if changes.title is not None or changes.description is not None:
        await reindex(tx, Label.Resource, node)
    return mapping.resource(node)


async def withdraw_resource(tx: AsyncManagedTransaction, resource_id: str) -> e.Resource:
    changes = {"status": ResourceStatus.WITHDRAWN.value}
    return mapping.resource((await single(tx, UPDATE_RESOURCE, id=resource_id, changes=changes))["node"])
