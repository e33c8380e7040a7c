"""Reads and writes inside the transactions of the two libraries: needs (with their life events) and
resources. Each check a use case makes is made on a node read here under its write lock.

What a :Need, a :NeedEvent and a :Resource hold is written here (and read back in graph.mapping).
"""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from neo4j import AsyncManagedTransaction
from neo4j.exceptions import ConstraintError

from orggraph.domain import entities as e
from orggraph.domain.commands import NeedChanges, NewNeed, NewResource, ResourceChanges, new_id
from orggraph.domain.errors import Conflict, not_found
from orggraph.domain.model import NeedStatus, ResourceStatus
from orggraph.graph import mapping
from orggraph.graph.runner import single

CREATE_NEED = """
MATCH (c:Community {id: $communityId})
CREATE (n:Need)
SET n = $props, n.id = $id, n.status = $status, n.source = 'user', n.createdAt = datetime()
CREATE (c)-[:RAISED]->(n)
CREATE (n)-[:HAS_EVENT]->(:NeedEvent {id: $eventId, to: $status, at: datetime(), by: $actor, note: '登记需求'})
RETURN properties(n) AS node
"""
NEED_BY_CLIENT_ID = """
MATCH (n:Need {clientId: $clientId}) OPTIONAL MATCH (c:Community)-[:RAISED]->(n)
RETURN properties(n) AS node, c.id AS owner"""
COMMUNITY_EXISTS = "MATCH (c:Community {id: $id}) RETURN c.id AS id"
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

CREATE_RESOURCE = """
MATCH (u:Unit {id: $unitId})
CREATE (r:Resource)
SET r = $props, r.id = $id, r.status = $status, r.allocated = 0, r.source = 'user', r.createdAt = datetime()
CREATE (u)-[:OFFERS]->(r)
RETURN properties(r) AS node
"""
RESOURCE_BY_CLIENT_ID = """
MATCH (r:Resource {clientId: $clientId}) OPTIONAL MATCH (u:Unit)-[:OFFERS]->(r)
RETURN properties(r) AS node, u.id AS owner"""
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


async def need_by_client_id(tx: AsyncManagedTransaction, client_id: str) -> tuple[e.Need, str | None] | None:
    """The need first registered with this key, and the community that raised it."""
    row = await single(tx, NEED_BY_CLIENT_ID, clientId=client_id)
    return (mapping.need(row["node"]), row["owner"]) if row else None


async def community_exists(tx: AsyncManagedTransaction, community_id: str) -> bool:
    return await single(tx, COMMUNITY_EXISTS, id=community_id) is not None


async def unit_name(tx: AsyncManagedTransaction, unit_id: str) -> str | None:
    row = await single(tx, UNIT_NAME, id=unit_id)
    return row["name"] if row else None


async def create_need(tx: AsyncManagedTransaction, need: NewNeed, *, actor: str) -> e.Need:
    """A new need, COLLECTED, with its first life event."""
    props = {**_need_props(need), "origin": need.source, "clientId": need.client_id}
    try:
        row = await single(
            tx,
            CREATE_NEED,
            status=NeedStatus.COLLECTED.value,
            communityId=need.community_id,
            props=_given(props),
            id=new_id("need"),
            eventId=f"event-{uuid4().hex}",
            actor=actor,
        )
    except ConstraintError:
        raise Conflict("需求编号冲突,请重试", field="clientId") from None
    return mapping.need(row["node"])


async def update_need(tx: AsyncManagedTransaction, changes: NeedChanges) -> e.Need:
    return mapping.need((await single(tx, UPDATE_NEED, id=changes.id, changes=_need_props(changes)))["node"])


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


async def resource_by_client_id(
    tx: AsyncManagedTransaction, client_id: str
) -> tuple[e.Resource, str | None] | None:
    """The resource first registered with this key, and the unit that offers it."""
    row = await single(tx, RESOURCE_BY_CLIENT_ID, clientId=client_id)
    return (mapping.resource(row["node"]), row["owner"]) if row else None


async def create_resource(tx: AsyncManagedTransaction, resource: NewResource) -> e.Resource:
    props = {
        **_resource_props(resource),
        "supportType": resource.support_type.value,
        "clientId": resource.client_id,
    }
    row = await single(
        tx,
        CREATE_RESOURCE,
        unitId=resource.unit_id,
        props=_given(props),
        id=new_id("res"),
        status=ResourceStatus.ACTIVE.value,
    )
    return mapping.resource(row["node"])


async def update_resource(tx: AsyncManagedTransaction, changes: ResourceChanges) -> e.Resource:
    row = await single(tx, UPDATE_RESOURCE, id=changes.id, changes=_resource_props(changes))
    return mapping.resource(row["node"])


async def withdraw_resource(tx: AsyncManagedTransaction, resource_id: str) -> e.Resource:
    changes = {"status": ResourceStatus.WITHDRAWN.value}
    return mapping.resource((await single(tx, UPDATE_RESOURCE, id=resource_id, changes=changes))["node"])
