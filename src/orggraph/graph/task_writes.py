"""The four lists (任务、责任、标准、时限清单) are views of Task. These are its writes: accepting a match
creates a task and takes capacity from the resource in the same transaction, under the resource's
write lock, so that concurrent accepts can never overdraw it."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import uuid4

from neo4j import AsyncManagedTransaction

from orggraph.domain.errors import Conflict, NotFound
from orggraph.domain.lifecycle import ACCEPTABLE, TASK_LABELS, check_task_transition
from orggraph.domain.model import NEED_STATUS_LABELS, NeedStatus, ResourceStatus, TaskStatus
from orggraph.graph.library_writes import locked_need, locked_resource, set_need_status
from orggraph.graph.runner import single

__all__ = ["AsyncManagedTransaction"]

UNIT_NAME = "MATCH (u:Unit {id: $id}) RETURN u.name AS name"
TASK_BY_CLIENT_ID = "MATCH (t:Task {clientId: $clientId}) RETURN properties(t) AS node"
CREATE_TASK = """
MATCH (n:Need {id: $needId}), (r:Resource {id: $resourceId}), (u:Unit {id: $unitId})
SET r.allocated = coalesce(r.allocated, 0) + $take
CREATE (t:Task)
SET t = $props, t.id = $id, t.status = 'PLANNED', t.quantity = $take, t.createdAt = datetime()
CREATE (t)-[:FULFILS]->(n), (t)-[:USES]->(r), (t)-[:RESPONSIBLE]->(u)
RETURN properties(t) AS node
"""
LOCK_TASK = """
MATCH (t:Task {id: $id})-[:FULFILS]->(n:Need), (t)-[:USES]->(r:Resource)
SET t._lock = true REMOVE t._lock
RETURN properties(t) AS task, n.id AS needId, r.id AS resourceId
"""
SET_TASK = """
MATCH (t:Task {id: $id}) SET t += $changes, t.updatedAt = datetime() RETURN properties(t) AS node
"""
RELEASE = "MATCH (r:Resource {id: $id}) SET r.allocated = coalesce(r.allocated, 0) - $amount"
ACTIVE_TASKS_OF_NEED = """
MATCH (:Need {id: $needId})<-[:FULFILS]-(t:Task) WHERE t.status IN ['PLANNED', 'IN_PROGRESS'] AND t.id <> $taskId
RETURN count(t) AS n
"""


async def accept(
    tx: AsyncManagedTransaction, *, need_id: str, resource_id: str, unit_id: str | None, props: dict[str, Any],
    client_id: str | None, actor: str,
) -> dict[str, Any]:  # fmt: skip
    if client_id:
        existing = await single(tx, TASK_BY_CLIENT_ID, clientId=client_id)
        if existing:
            return dict(existing["node"])
    need = await locked_need(tx, need_id, field="needId")
    status = NeedStatus(need["status"])
    if status not in ACCEPTABLE:
        raise Conflict(
            f"needId: 需求为「{NEED_STATUS_LABELS[status]}」,须经会议决议或公开后才能确定承接资源",
            field="needId",
        )
    resource = await locked_resource(tx, resource_id, field="resourceId")
    if resource["status"] != ResourceStatus.ACTIVE.value:
        raise Conflict("resourceId: 资源已撤回", field="resourceId")
    left = float(resource["capacity"]) - float(resource.get("allocated") or 0)
    if left <= 0:
        raise Conflict("resourceId: 资源容量已用完", field="resourceId")
    take = min(float(need["quantity"]), left)
    owner = await single(
        tx, "MATCH (u:Unit)-[:OFFERS]->(:Resource {id: $id}) RETURN u.id AS id", id=resource_id
    )
    responsible = unit_id or owner["id"]
    unit = await single(tx, UNIT_NAME, id=responsible)
    if unit is None:
        raise NotFound(f"responsibleUnitId: 没有编号为 {responsible} 的单位", field="responsibleUnitId")
    extra = {"clientId": client_id} if client_id else {}
    row = await single(
        tx, CREATE_TASK, needId=need_id, resourceId=resource_id, unitId=responsible, take=take,
        props={**props, **extra, "title": need["title"], "createdBy": actor}, id=f"task-{uuid4().hex[:12]}",
    )  # fmt: skip
    if status is not NeedStatus.CLAIMED:
        await set_need_status(
            tx, need, NeedStatus.CLAIMED, actor=actor, note=f"确定由{unit['name']}承接", field="needId"
        )
    return dict(row["node"])


async def _locked_task(tx: AsyncManagedTransaction, task_id: str) -> Any:
    row = await single(tx, LOCK_TASK, id=task_id)
    if row is None:
        raise NotFound(f"id: 没有编号为 {task_id} 的任务", field="id")
    return row


async def update_task(
    tx: AsyncManagedTransaction, task_id: str, to: TaskStatus, note: str, *, actor: str
) -> dict[str, Any]:
    row = await _locked_task(tx, task_id)
    task = row["task"]
    check_task_transition(TaskStatus(task["status"]), to)
    if to is TaskStatus.DONE:
        raise Conflict("status: 完成任务请用 completeTask(需评价 1-5 分)", field="status")
    need = await locked_need(tx, row["needId"], field="id")
    if to is TaskStatus.IN_PROGRESS and need["status"] == NeedStatus.CLAIMED.value:
        await set_need_status(
            tx, need, NeedStatus.IN_PROGRESS, actor=actor, note=note or "任务启动", field="status"
        )
    if to is TaskStatus.CANCELLED:
        await locked_resource(tx, row["resourceId"], field="id")
        await (await tx.run(RELEASE, id=row["resourceId"], amount=float(task["quantity"]))).consume()
        others = (await single(tx, ACTIVE_TASKS_OF_NEED, needId=row["needId"], taskId=task_id))["n"]
        if others == 0 and need["status"] in (NeedStatus.CLAIMED.value, NeedStatus.IN_PROGRESS.value):
            await set_need_status(
                tx, need, NeedStatus.PUBLISHED, actor=actor, note=note or "任务取消,重新公开", field="status"
            )
    changes = {"status": to.value, "lastNote": note, "updatedBy": actor}
    return dict((await single(tx, SET_TASK, id=task_id, changes=changes))["node"])


async def complete_task(
    tx: AsyncManagedTransaction, task_id: str, rating: int, comment: str, *, actor: str, today: date
) -> dict[str, Any]:
    row = await _locked_task(tx, task_id)
    status = TaskStatus(row["task"]["status"])
    if status is not TaskStatus.IN_PROGRESS:
        raise Conflict(f"id: 任务为「{TASK_LABELS[status]}」,只有推进中的任务可以完成", field="id")
    changes = {"status": TaskStatus.DONE.value, "rating": rating, "comment": comment, "completedOn": today,
               "updatedBy": actor}  # fmt: skip
    task = dict((await single(tx, SET_TASK, id=task_id, changes=changes))["node"])
    others = (await single(tx, ACTIVE_TASKS_OF_NEED, needId=row["needId"], taskId=task_id))["n"]
    need = await locked_need(tx, row["needId"], field="id")
    if others == 0 and need["status"] == NeedStatus.IN_PROGRESS.value:
        need = await set_need_status(tx, need, NeedStatus.DONE, actor=actor, note="任务完成", field="id")
        await set_need_status(
            tx, need, NeedStatus.RATED, actor=actor, note=f"评价 {rating} 分:{comment}", field="id"
        )
    return task
