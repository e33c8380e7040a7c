"""Reads and writes inside the transactions of the four lists (任务、责任、标准、时限清单), which are views
of :Task. Accepting a match creates a task and takes capacity from the resource in the same
transaction, under the resource's write lock, so that concurrent accepts can never overdraw it.

What a :Task holds, and FULFILS, USES and RESPONSIBLE, are written here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from neo4j import AsyncManagedTransaction

from orggraph.domain import entities as e
from orggraph.domain.commands import AcceptMatch, new_id
from orggraph.domain.errors import not_found
from orggraph.domain.lifecycle import TASK_OPEN, values
from orggraph.domain.model import TaskStatus
from orggraph.graph import mapping
from orggraph.graph.runner import single
from orggraph.graph.task_reads import TASK_BY_CLIENT_ID, TASK_COLUMNS

OWNER_OF_RESOURCE = "MATCH (u:Unit)-[:OFFERS]->(:Resource {id: $id}) RETURN u.id AS id"
CREATE_TASK = (
    """
MATCH (n:Need {id: $needId}), (r:Resource {id: $resourceId}), (u:Unit {id: $unitId})
SET r.allocated = coalesce(r.allocated, 0) + $take
CREATE (t:Task)
SET t = $props, t.id = $id, t.status = $status, t.quantity = $take, t.createdAt = datetime()
CREATE (t)-[:FULFILS]->(n), (t)-[:USES]->(r), (t)-[:RESPONSIBLE]->(u)
WITH t
RETURN """
    + TASK_COLUMNS
)
LOCK_TASK = "MATCH (t:Task {id: $id}) SET t._lock = true REMOVE t._lock WITH t RETURN " + TASK_COLUMNS
SET_TASK = "MATCH (t:Task {id: $id}) SET t += $changes, t.updatedAt = datetime()"
RELEASE = "MATCH (r:Resource {id: $id}) SET r.allocated = coalesce(r.allocated, 0) - $amount"
OTHER_OPEN_TASKS = """
MATCH (:Need {id: $needId})<-[:FULFILS]-(t:Task) WHERE t.status IN $open AND t.id <> $taskId
RETURN count(t) AS n
"""


@dataclass(frozen=True)
class Recommendation:
    """How the matcher ranked the chosen resource when the match was accepted (kept with the task)."""

    rank: int
    top_resource_id: str
    score: float


async def task_by_client_id(tx: AsyncManagedTransaction, client_id: str) -> e.Task | None:
    """The task an earlier attempt with this clientId made (read again under the write transaction)."""
    row = await single(tx, TASK_BY_CLIENT_ID, clientId=client_id)
    return mapping.task(row) if row else None


async def owner_of_resource(tx: AsyncManagedTransaction, resource_id: str) -> str:
    return (await single(tx, OWNER_OF_RESOURCE, id=resource_id))["id"]  # type: ignore[no-any-return]


async def create_task(
    tx: AsyncManagedTransaction,
    accepted: AcceptMatch,
    *,
    title: str,
    unit_id: str,
    take: float,
    recommendation: Recommendation,
    actor: str,
) -> e.Task:
    """A new PLANNED task for the need, using `take` of the resource, `unit_id` responsible."""
    props: dict[str, Any] = {
        "title": title,
        "standard": accepted.standard,
        "deadline": accepted.deadline,
        "recommendedRank": recommendation.rank,
        "topResourceId": recommendation.top_resource_id,
        "score": recommendation.score,
        "createdBy": actor,
    }
    if accepted.override_reason:
        props["overrideReason"] = accepted.override_reason
    if accepted.client_id:
        props["clientId"] = accepted.client_id
    row = await single(
        tx,
        CREATE_TASK,
        needId=accepted.need_id,
        resourceId=accepted.resource_id,
        unitId=unit_id,
        take=take,
        props=props,
        id=new_id("task"),
        status=TaskStatus.PLANNED.value,
    )
    return mapping.task(row)


async def locked_task(tx: AsyncManagedTransaction, task_id: str, field: str = "id") -> e.Task:
    """The task, under its write lock until the transaction ends."""
    row = await single(tx, LOCK_TASK, id=task_id)
    if row is None:
        raise not_found("任务", task_id, field)
    return mapping.task(row)


async def set_task(tx: AsyncManagedTransaction, task_id: str, changes: dict[str, Any]) -> None:
    await (await tx.run(SET_TASK, id=task_id, changes=changes)).consume()


async def progress(
    tx: AsyncManagedTransaction, task_id: str, to: TaskStatus, note: str, *, actor: str
) -> None:
    await set_task(tx, task_id, {"status": to.value, "lastNote": note, "updatedBy": actor})


async def complete(
    tx: AsyncManagedTransaction, task_id: str, rating: int, comment: str, *, actor: str, on: date
) -> None:
    changes = {
        "status": TaskStatus.DONE.value,
        "rating": rating,
        "comment": comment,
        "completedOn": on,
        "updatedBy": actor,
    }
    await set_task(tx, task_id, changes)


async def release(tx: AsyncManagedTransaction, resource_id: str, amount: float) -> None:
    """Give a cancelled task's quantity back to the resource."""
    await (await tx.run(RELEASE, id=resource_id, amount=amount)).consume()


async def other_open_tasks(tx: AsyncManagedTransaction, need_id: str, task_id: str) -> int:
    row = await single(tx, OTHER_OPEN_TASKS, needId=need_id, taskId=task_id, open=values(TASK_OPEN))
    return int(row["n"])
