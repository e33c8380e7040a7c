"""Writes of the two libraries: needs (with their life events) and resources. One transaction each;
every check is made inside the transaction that writes, after taking the node's write lock."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

from neo4j import AsyncManagedTransaction

__all__ = ["AsyncManagedTransaction"]
from neo4j.exceptions import ConstraintError

from orggraph.domain.errors import BadInput, Conflict, NotFound
from orggraph.domain.lifecycle import CLAIMABLE, OPEN, check_transition
from orggraph.domain.model import NEED_STATUS_LABELS, NeedStatus, ResourceStatus
from orggraph.graph.runner import single

CREATE_NEED = """
MATCH (c:Community {id: $communityId})
CREATE (n:Need)
SET n = $props, n.id = $id, n.status = 'COLLECTED', n.source = 'user', n.createdAt = datetime()
CREATE (c)-[:RAISED]->(n)
CREATE (n)-[:HAS_EVENT]->(:NeedEvent {id: $eventId, to: 'COLLECTED', at: datetime(), by: $actor, note: '登记需求'})
RETURN properties(n) AS node
"""
NEED_BY_CLIENT_ID = "MATCH (n:Need {clientId: $clientId}) RETURN properties(n) AS node"
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
UNIT_EXISTS = "MATCH (u:Unit {id: $id}) RETURN u.name AS name"

CREATE_RESOURCE = """
MATCH (u:Unit {id: $unitId})
CREATE (r:Resource)
SET r = $props, r.id = $id, r.status = 'ACTIVE', r.allocated = 0, r.source = 'user', r.createdAt = datetime()
CREATE (u)-[:OFFERS]->(r)
RETURN properties(r) AS node
"""
RESOURCE_BY_CLIENT_ID = "MATCH (r:Resource {clientId: $clientId}) RETURN properties(r) AS node"
LOCK_RESOURCE = """
MATCH (r:Resource {id: $id})
SET r._lock = true
REMOVE r._lock
RETURN properties(r) AS node
"""
UPDATE_RESOURCE = """
MATCH (r:Resource {id: $id}) SET r += $changes, r.updatedAt = datetime() RETURN properties(r) AS node
"""


async def locked_need(tx: AsyncManagedTransaction, need_id: str, field: str = "id") -> dict[str, Any]:
    row = await single(tx, LOCK_NEED, id=need_id)
    if row is None:
        raise NotFound(f"{field}: 没有编号为 {need_id} 的需求", field=field)
    return dict(row["node"])


async def locked_resource(tx: AsyncManagedTransaction, resource_id: str, field: str = "id") -> dict[str, Any]:
    row = await single(tx, LOCK_RESOURCE, id=resource_id)
    if row is None:
        raise NotFound(f"{field}: 没有编号为 {resource_id} 的资源", field=field)
    return dict(row["node"])


async def create_need(
    tx: AsyncManagedTransaction,
    *,
    community_id: str,
    props: dict[str, Any],
    client_id: str | None,
    actor: str,
) -> dict[str, Any]:
    """A new need, COLLECTED. With a clientId, a retry returns the need the first attempt created."""
    if client_id:
        existing = await single(tx, NEED_BY_CLIENT_ID, clientId=client_id)
        if existing:
            return dict(existing["node"])
    if not await single(tx, COMMUNITY_EXISTS, id=community_id):
        raise NotFound(f"communityId: 没有编号为 {community_id} 的社区", field="communityId")
    props = {**props, **({"clientId": client_id} if client_id else {})}
    try:
        row = await single(
            tx, CREATE_NEED, communityId=community_id, props=props, id=f"need-{uuid4().hex[:12]}",
            eventId=f"event-{uuid4().hex}", actor=actor,
        )  # fmt: skip
    except ConstraintError:
        raise Conflict("需求编号冲突,请重试", field="clientId") from None
    return dict(row["node"])


async def update_need(tx: AsyncManagedTransaction, need_id: str, changes: dict[str, Any]) -> dict[str, Any]:
    need = await locked_need(tx, need_id)
    status = NeedStatus(need["status"])
    if status not in OPEN:
        raise Conflict(f"id: 需求已「{NEED_STATUS_LABELS[status]}」,不能再修改内容", field="id")
    return dict((await single(tx, UPDATE_NEED, id=need_id, changes=changes))["node"])


async def set_need_status(
    tx: AsyncManagedTransaction,
    need: dict[str, Any],
    to: NeedStatus,
    *,
    actor: str,
    note: str,
    field: str = "to",
) -> dict[str, Any]:
    check_transition(NeedStatus(need["status"]), to, field=field)
    row = await single(
        tx, SET_NEED_STATUS, id=need["id"], to=to.value, **{"from": need["status"]}, eventId=f"event-{uuid4().hex}",
        actor=actor, note=note,
    )  # fmt: skip
    return dict(row["node"])


async def advance_need(
    tx: AsyncManagedTransaction, need_id: str, to: NeedStatus, *, actor: str, note: str
) -> dict[str, Any]:
    need = await locked_need(tx, need_id)
    return await set_need_status(tx, need, to, actor=actor, note=note)


async def claim_need(
    tx: AsyncManagedTransaction, *, need_id: str, unit_id: str, actor: str
) -> dict[str, Any]:
    """认领/揭榜: a unit takes up a published need; the community then confirms it with acceptMatch."""
    need = await locked_need(tx, need_id, field="needId")
    unit = await single(tx, UNIT_EXISTS, id=unit_id)
    if unit is None:
        raise NotFound(f"unitId: 没有编号为 {unit_id} 的单位", field="unitId")
    status = NeedStatus(need["status"])
    if status not in CLAIMABLE:
        raise Conflict(
            f"needId: 需求为「{NEED_STATUS_LABELS[status]}」,只有「结果公开」的需求可以认领", field="needId"
        )
    await (await tx.run(CLAIM, needId=need_id, unitId=unit_id, actor=actor)).consume()
    return await set_need_status(
        tx, need, NeedStatus.CLAIMED, actor=actor, note=f"{unit['name']}认领", field="needId"
    )


async def create_resource(
    tx: AsyncManagedTransaction, *, unit_id: str, props: dict[str, Any], client_id: str | None
) -> dict[str, Any]:
    if client_id:
        existing = await single(tx, RESOURCE_BY_CLIENT_ID, clientId=client_id)
        if existing:
            return dict(existing["node"])
    if not await single(tx, UNIT_EXISTS, id=unit_id):
        raise NotFound(f"unitId: 没有编号为 {unit_id} 的单位", field="unitId")
    props = {**props, **({"clientId": client_id} if client_id else {})}
    row = await single(tx, CREATE_RESOURCE, unitId=unit_id, props=props, id=f"res-{uuid4().hex[:12]}")
    return dict(row["node"])


async def update_resource(
    tx: AsyncManagedTransaction, resource_id: str, changes: dict[str, Any]
) -> dict[str, Any]:
    r = await locked_resource(tx, resource_id)
    if r["status"] != ResourceStatus.ACTIVE.value:
        raise Conflict("id: 资源已撤回,不能再修改", field="id")
    allocated = float(r.get("allocated") or 0)
    if "capacity" in changes and changes["capacity"] < allocated:
        raise Conflict(f"capacity: 已有任务占用 {allocated:g},容量不能低于此数", field="capacity")
    start = changes.get("availableFrom", r["availableFrom"])
    end = changes.get("availableUntil", r["availableUntil"])
    if _d(end) < _d(start):
        raise BadInput("availableUntil: 不能早于 availableFrom", field="availableUntil")
    return dict((await single(tx, UPDATE_RESOURCE, id=resource_id, changes=changes))["node"])


async def withdraw_resource(tx: AsyncManagedTransaction, resource_id: str) -> dict[str, Any]:
    r = await locked_resource(tx, resource_id)
    if r["status"] == ResourceStatus.WITHDRAWN.value:
        return r
    changes = {"status": ResourceStatus.WITHDRAWN.value}
    return dict((await single(tx, UPDATE_RESOURCE, id=resource_id, changes=changes))["node"])


def _d(value: Any) -> date:
    return value.to_native() if hasattr(value, "to_native") else value  # type: ignore[no-any-return]
