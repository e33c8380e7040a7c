"""The audit trail: an append-only :AuditRecord per change, written in the change's own transaction
(graph.runner.Graph.write), and read newest first. It is also the event log that subscriptions follow:
each record takes the next number (`seq`) of the one (:EventSequence {name: 'audit'}) node, whose write
lock is held until the transaction commits, so numbers are given in the order of commits and a reader
that has seen every record up to n has seen every change committed before n+1. The record names the
needs, tasks and meetings the change touched (its `subjects`, from what the change's work returned)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import uuid4

from orggraph.domain import entities as e
from orggraph.graph import mapping

if TYPE_CHECKING:
    from orggraph.graph.runner import Graph

RECORD_AUDIT = """
CALL () {
  OPTIONAL MATCH (a:AuditRecord) WHERE a.seq IS NOT NULL
  WITH a ORDER BY a.seq DESC LIMIT 1
  RETURN coalesce(a.seq, 0) AS top
}
MERGE (s:EventSequence {name: 'audit'}) ON CREATE SET s.last = top
SET s.last = s.last + 1
CREATE (:AuditRecord {id: $id, seq: s.last, at: datetime(), actor: $actor, role: $role, action: $action,
                      target: $target, detail: $detail, needs: $needs, tasks: $tasks, meetings: $meetings})
"""
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
        }


def subjects(result: object) -> dict[str, list[str]]:
    """The needs, tasks and meetings a change touched, from the entity its work returned: a need; a task
    (and so its need, whose status follows the task's); a joint meeting."""
    needs: list[str] = []
    tasks: list[str] = []
    meetings: list[str] = []
    if isinstance(result, e.Need):
        needs.append(result.id)
    elif isinstance(result, e.Task):
        tasks.append(result.id)
        needs.append(result.need_id)
    elif isinstance(result, e.JointMeeting):
        meetings.append(result.id)
    return {"needs": needs, "tasks": tasks, "meetings": meetings}


async def audit_log(
    graph: Graph, *, limit: int, action: str | None, actor: str | None, target: str | None
) -> list[e.AuditEntry]:
    rows = await graph.read(AUDIT_LOG, limit=limit, action=action, actor=actor, target=target)
    return [mapping.audit_entry(r["record"]) for r in rows]
