"""The four lists: tasks with what (任务), who (责任), to what standard (标准) and by when (时限),
filtered by street, community, unit, status and a deadline range."""

from __future__ import annotations

from datetime import date

from orggraph.domain import entities as e
from orggraph.domain.lifecycle import TASK_OPEN, values
from orggraph.domain.model import TaskStatus
from orggraph.domain.queries import TaskOrder, TaskQuery
from orggraph.graph import mapping
from orggraph.graph.runner import Graph

MAX_ROWS = 500

# what a task row holds, from `t`: a task fulfils a need (accepted from a match, or decided by a meeting)
# or solves a problem a meeting decided on; it may use a resource; its place comes from the need's or the
# problem's community, or from the street that raised the problem
TASK_FIELDS = (
    ("task", "properties(t)"),
    ("needId", "[(t)-[:FULFILS]->(n:Need) | n.id][0]"),
    ("resourceId", "[(t)-[:USES]->(r:Resource) | r.id][0]"),
    ("unitId", "[(t)-[:RESPONSIBLE]->(u:Unit) | u.id][0]"),
    ("problemId", "[(t)-[:SOLVES]->(p:Problem) | p.id][0]"),
    (
        "communityId",
        "coalesce([(t)-[:FULFILS]->(:Need)<-[:RAISED]-(c:Community) | c.id][0], "
        "[(t)-[:SOLVES]->(:Problem)-[:RAISED_IN]->(c:Community) | c.id][0])",
    ),
    (
        "streetId",
        "coalesce([(t)-[:FULFILS]->(:Need)<-[:RAISED]-(:Community)-[:PART_OF]->(s:Street) | s.id][0], "
        "[(t)-[:SOLVES]->(:Problem)-[:RAISED_IN]->(:Community)-[:PART_OF]->(s:Street) | s.id][0], "
        "[(t)-[:SOLVES]->(:Problem)-[:RAISED_IN]->(s:Street) | s.id][0])",
    ),
)
TASK_COLUMNS = ", ".join(expr + " AS " + key for key, expr in TASK_FIELDS)
TASK_MAP = "{" + ", ".join(key + ": " + expr for key, expr in TASK_FIELDS) + "}"

# the tasks of a place ($streetId, $communityId; null: everywhere), each once, as `t`
TASKS_OF_PLACE = """
CALL () {
  MATCH (t:Task)-[:FULFILS]->(:Need)<-[:RAISED]-(c:Community)-[:PART_OF]->(s:Street)
  WHERE ($streetId IS NULL OR s.id = $streetId) AND ($communityId IS NULL OR c.id = $communityId)
    AND ($cityId IS NULL OR EXISTS { (s)-[:PART_OF]->(:City {id: $cityId}) })
  RETURN t
  UNION
  MATCH (t:Task)-[:SOLVES]->(:Problem)-[:RAISED_IN]->(c:Community)-[:PART_OF]->(s:Street)
  WHERE ($streetId IS NULL OR s.id = $streetId) AND ($communityId IS NULL OR c.id = $communityId)
    AND ($cityId IS NULL OR EXISTS { (s)-[:PART_OF]->(:City {id: $cityId}) })
  RETURN t
  UNION
  MATCH (t:Task)-[:SOLVES]->(:Problem)-[:RAISED_IN]->(s:Street)
  WHERE $communityId IS NULL AND ($streetId IS NULL OR s.id = $streetId)
    AND ($cityId IS NULL OR EXISTS { (s)-[:PART_OF]->(:City {id: $cityId}) })
  RETURN t
}
"""
_TASKS = (
    TASKS_OF_PLACE
    + """
MATCH (t)-[:RESPONSIBLE]->(u:Unit)
WHERE ($unitId IS NULL OR u.id = $unitId)
  AND ($statuses IS NULL OR t.status IN $statuses)
  AND ($from IS NULL OR t.deadline >= $from)
  AND ($to IS NULL OR t.deadline <= $to)
RETURN """
    + TASK_COLUMNS
    + """
ORDER BY {order}, t.id
LIMIT $limit
"""
)
# the closed set of orders the lists use
TASKS: dict[TaskOrder, str] = {
    TaskOrder.CREATION: _TASKS.replace("{order}", "t.createdAt"),
    TaskOrder.DEADLINE: _TASKS.replace("{order}", "t.deadline"),
    TaskOrder.UNIT: _TASKS.replace("{order}", "u.name, t.deadline"),
}
TASK_BY_ID = "MATCH (t:Task {id: $id}) RETURN " + TASK_COLUMNS
TASK_BY_CLIENT_ID = "MATCH (t:Task {clientId: $clientId}) RETURN " + TASK_COLUMNS


async def tasks(graph: Graph, query: TaskQuery, order: TaskOrder, limit: int = MAX_ROWS) -> list[e.Task]:
    q = query.checked()
    params = {
        "cityId": q.city_id,
        "streetId": q.street_id,
        "communityId": q.community_id,
        "unitId": q.unit_id,
        "statuses": [s.value for s in q.statuses] if q.statuses else None,
        "from": q.deadline_from,
        "to": q.deadline_to,
        "limit": limit,
    }
    return [mapping.task(r) for r in await graph.read(TASKS[order], **params)]


async def task(graph: Graph, task_id: str) -> e.Task | None:
    rows = await graph.read(TASK_BY_ID, id=task_id)
    return mapping.task(rows[0]) if rows else None


async def task_by_client_id(graph: Graph, client_id: str) -> e.Task | None:
    rows = await graph.read(TASK_BY_CLIENT_ID, clientId=client_id)
    return mapping.task(rows[0]) if rows else None


# the four lists in figures, over every task of the place (no row cap): by status, open ones overdue or due
# within a week, and tasks created (matches accepted) per month
TASK_STATS = (
    "CALL () {"
    + TASKS_OF_PLACE
    + """  RETURN collect(t) AS tasks
}
"""
    + """RETURN
  [st IN $statuses | {key: st, count: size([t IN tasks WHERE t.status = st])}] AS byStatus,
  size([t IN tasks WHERE t.status IN $open AND t.deadline < $today]) AS overdue,
  size([t IN tasks WHERE t.status IN $open AND $today <= t.deadline <= $today + duration('P7D')]) AS dueSoon,
  COLLECT {
    UNWIND tasks AS t WITH t WHERE t.createdAt IS NOT NULL
    WITH toString(date(t.createdAt)) AS day
    WITH substring(day, 0, 7) AS month, count(*) AS n ORDER BY month
    RETURN {key: month, count: n}
  } AS acceptedByMonth
"""
)


async def task_stats(
    graph: Graph, *, street_id: str | None, community_id: str | None, today: date, city_id: str | None = None
) -> e.TaskStats:
    rows = await graph.read(
        TASK_STATS, cityId=city_id, streetId=street_id, communityId=community_id, today=today,
        statuses=[s.value for s in TaskStatus], open=values(TASK_OPEN),
    )  # fmt: skip
    row = rows[0]
    return e.TaskStats(
        by_status=tuple(e.Count(x["key"], x["count"]) for x in row["byStatus"]),
        overdue=row["overdue"],
        due_soon=row["dueSoon"],
        accepted_by_month=tuple(e.Count(x["key"], x["count"]) for x in row["acceptedByMonth"]),
    )
