"""The four lists: tasks with what (任务), who (责任), to what standard (标准) and by when (时限),
filtered by street, community, unit, status and a deadline range."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from orggraph.graph.mapping import to_date
from orggraph.graph.runner import Graph

MAX_ROWS = 500

_TASKS = """
MATCH (t:Task)-[:FULFILS]->(n:Need)<-[:RAISED]-(c:Community)-[:PART_OF]->(s:Street)
MATCH (t)-[:RESPONSIBLE]->(u:Unit)
MATCH (t)-[:USES]->(r:Resource)
WHERE ($streetId IS NULL OR s.id = $streetId)
  AND ($communityId IS NULL OR c.id = $communityId)
  AND ($unitId IS NULL OR u.id = $unitId)
  AND ($statuses IS NULL OR t.status IN $statuses)
  AND ($from IS NULL OR t.deadline >= $from)
  AND ($to IS NULL OR t.deadline <= $to)
RETURN properties(t) AS task, n.id AS needId, r.id AS resourceId, u.id AS unitId, u.name AS unitName,
       c.id AS communityId
ORDER BY {order}, t.id
LIMIT $limit
"""
# the closed set of orders the lists use
TASKS_BY_CREATION = _TASKS.format(order="t.createdAt")
TASKS_BY_DEADLINE = _TASKS.format(order="t.deadline")
TASKS_BY_UNIT = _TASKS.format(order="u.name, t.deadline")
TASK_BY_ID = """
MATCH (t:Task {id: $id})-[:FULFILS]->(n:Need)<-[:RAISED]-(c:Community), (t)-[:RESPONSIBLE]->(u:Unit),
      (t)-[:USES]->(r:Resource)
RETURN properties(t) AS task, n.id AS needId, r.id AS resourceId, u.id AS unitId, u.name AS unitName,
       c.id AS communityId
"""


@dataclass(frozen=True)
class TaskRow:
    id: str
    title: str
    standard: str
    deadline: date
    status: str
    quantity: float
    rating: int | None
    comment: str | None
    override_reason: str | None
    recommended_rank: int | None
    need_id: str
    resource_id: str
    unit_id: str
    unit_name: str
    community_id: str


def _row(r: Any) -> TaskRow:
    t = r["task"]
    deadline = to_date(t["deadline"])
    assert deadline is not None
    return TaskRow(
        id=t["id"], title=t.get("title", ""), standard=t.get("standard", ""), deadline=deadline, status=t["status"],
        quantity=float(t.get("quantity") or 0), rating=t.get("rating"), comment=t.get("comment"),
        override_reason=t.get("overrideReason"), recommended_rank=t.get("recommendedRank"), need_id=r["needId"],
        resource_id=r["resourceId"], unit_id=r["unitId"], unit_name=r["unitName"], community_id=r["communityId"],
    )  # fmt: skip


async def tasks(graph: Graph, query: str, filters: dict[str, Any], limit: int = MAX_ROWS) -> list[TaskRow]:
    params = {"streetId": None, "communityId": None, "unitId": None, "statuses": None, "from": None, "to": None,
              **filters, "limit": limit}  # fmt: skip
    return [_row(r) for r in await graph.read(query, **params)]


async def task(graph: Graph, task_id: str) -> TaskRow | None:
    rows = await graph.read(TASK_BY_ID, id=task_id)
    return _row(rows[0]) if rows else None
