"""The audit trail: an append-only :AuditRecord per change, written in the change's own transaction
(graph.runner.Graph.write; or in the change's own statement, Graph.write_one), and read newest first. It is also the event log that subscriptions follow:
each record takes the next number (`seq`) of the one (:EventSequence {name: 'audit'}) node, whose write
lock is held until the transaction commits, so numbers are given in the order of commits and a reader
that has seen every record up to n has seen every change committed before n+1. The record names the
needs, tasks and meetings the change touched (its `subjects`, from what the change's work returned)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import uuid4

from orggraph.domain import entities as e
from orggraph.domain.lifecycle import TASK_OPEN, values
from orggraph.graph import mapping
from orggraph.telemetry.context import current_request_id

if TYPE_CHECKING:
    from neo4j import AsyncManagedTransaction

    from orggraph.graph.runner import Graph

# The audit sequence's top: the one (:EventSequence {name: 'audit'}) node `s`, made on first use from the
# records already numbered, and under its write lock until the transaction ends.
_SEQUENCE = """
CALL () {
  OPTIONAL MATCH (a:AuditRecord) WHERE a.seq IS NOT NULL
  WITH a ORDER BY a.seq DESC LIMIT 1
  RETURN coalesce(a.seq, 0) AS top
}
MERGE (s:EventSequence {name: 'audit'}) ON CREATE SET s.last = top
"""


def _record(audit: str, seq: str, subjects: str) -> str:
    """An audit record's CREATE: its Audit.params() at `audit` ("$" or a map variable's "r.audit."), its
    number `seq`, its subjects' lists at `subjects` ("" or "r.")."""
    return f"""
CREATE (:AuditRecord {{id: {audit}id, seq: {seq}, at: datetime(), actor: {audit}actor, role: {audit}role,
                      action: {audit}action, target: {audit}target, detail: {audit}detail,
                      needs: {subjects}needs, tasks: {subjects}tasks, meetings: {subjects}meetings,
                      requestId: {audit}requestId}})
"""


# The audit record of a change, as the end of a statement in which the variables `needs`, `tasks` and
# `meetings` hold its subjects (lists of ids) and the parameters are Audit.params(): the next number of
# the sequence, then the record.
AUDIT_RECORD = _SEQUENCE + "SET s.last = s.last + 1" + _record("$", "s.last", "")
# The audit records of many changes made by one statement (a batch), as its end, where `kept` lists them in
# order, each a map with its Audit.params() (`audit`) and its subjects (`needs`, `tasks`, `meetings`): the
# next numbers of the sequence, taken together, then one record each. The first number is read after the SET,
# which takes the sequence node's write lock: read before it, two concurrent batches would take the same
# numbers (a lost update; the unique constraint on seq then refuses the second).
AUDIT_RECORDS = (
    _SEQUENCE
    + """SET s.last = s.last + size(kept)
WITH s.last - size(kept) AS base, kept
UNWIND range(0, size(kept) - 1) AS k
WITH base + k + 1 AS seq, kept[k] AS r"""
    + _record("r.audit.", "seq", "r.")
)
# ... on its own, with its subjects as parameters (subjects())
RECORD_AUDIT = "WITH $needs AS needs, $tasks AS tasks, $meetings AS meetings" + AUDIT_RECORD
AUDIT_LOG = """
MATCH (a:AuditRecord)
WHERE ($action IS NULL OR a.action = $action) AND ($actor IS NULL OR a.actor = $actor)
  AND ($target IS NULL OR a.target = $target)
RETURN properties(a) AS record ORDER BY a.at DESC, a.id LIMIT $limit
"""


@dataclass(frozen=True)
class Audit:
    """Who did what to which target (an append-only record in the graph)."""

    actor: str
    role: str | None
    action: str
    target: str | None
    detail: dict[str, Any] = field(default_factory=dict)

    def params(self) -> dict[str, Any]:
        return {
            "id": f"audit-{uuid4().hex}",
            "actor": self.actor,
            "role": self.role,
            "action": self.action,
            "target": self.target,
            "detail": json.dumps(self.detail, ensure_ascii=False, default=str),
            # the HTTP request that made the change, as in the request log (None outside a request)
            "requestId": current_request_id(),
        }


def subjects(result: object) -> dict[str, list[str]]:
    """The needs, tasks and meetings a change touched, from the entity its work returned: a need; a task
    (and so its need, whose status follows the task's); a joint meeting."""
    if isinstance(result, Subjects):
        return {"needs": list(result.needs), "tasks": list(result.tasks), "meetings": list(result.meetings)}
    needs: list[str] = []
    tasks: list[str] = []
    meetings: list[str] = []
    if isinstance(result, e.Need):
        needs.append(result.id)
    elif isinstance(result, e.Task):
        tasks.append(result.id)
        if result.need_id:
            needs.append(result.need_id)
    elif isinstance(result, e.JointMeeting):
        meetings.append(result.id)
    return {"needs": needs, "tasks": tasks, "meetings": meetings}


@dataclass(frozen=True)
class Subjects:
    """What a change touched, when its work returns no single entity."""

    needs: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()
    meetings: tuple[str, ...] = ()


# Once a day, whichever process comes first records the tasks that have become overdue since the last
# sweep (deadline passed, still open), as one record of the log, so that subscribers to taskChanged
# hear of it like of any change. The sequence node's lock makes the sweep once per day across processes.
OVERDUE_SWEEP = """
MATCH (s:EventSequence {name: 'audit'})
SET s.sweeping = true
WITH s, coalesce(s.overdueSweptOn, $today - duration('P1D')) AS since
REMOVE s.sweeping
WITH s, since WHERE since < $today
SET s.overdueSweptOn = $today
WITH since
OPTIONAL MATCH (t:Task) WHERE t.status IN $open AND since <= t.deadline < $today
RETURN collect(t.id) AS tasks
"""
SYSTEM = "system (orggraph)"


async def sweep_overdue(graph: Graph, today: date) -> list[str]:
    """Record the tasks that became overdue since the last sweep (none if another process swept today);
    returns their ids."""

    async def work(tx: AsyncManagedTransaction) -> list[str]:
        rows = await (await tx.run(OVERDUE_SWEEP, today=today, open=values(TASK_OPEN))).data()
        tasks: list[str] = rows[0]["tasks"] if rows else []
        if tasks:
            audit = Audit(SYSTEM, None, "taskOverdue", None, {"day": str(today), "tasks": len(tasks)})
            await (
                await tx.run(RECORD_AUDIT, {**audit.params(), **subjects(Subjects(tasks=tuple(tasks)))})
            ).consume()
        return tasks

    return await graph.write(work)


async def audit_log(
    graph: Graph, *, limit: int, action: str | None, actor: str | None, target: str | None
) -> list[e.AuditEntry]:
    rows = await graph.read(AUDIT_LOG, limit=limit, action=action, actor=actor, target=target)
    return [mapping.audit_entry(r["record"]) for r in rows]
