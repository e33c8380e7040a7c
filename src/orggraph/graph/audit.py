"""The audit trail: an append-only :AuditRecord per change, written in the change's own transaction
(graph.runner.Graph.write), and read newest first."""

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
CREATE (:AuditRecord {id: $id, at: datetime(), actor: $actor, role: $role, action: $action, target: $target,
                      detail: $detail})
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


async def audit_log(
    graph: Graph, *, limit: int, action: str | None, actor: str | None, target: str | None
) -> list[e.AuditEntry]:
    rows = await graph.read(AUDIT_LOG, limit=limit, action=action, actor=actor, target=target)
    return [mapping.audit_entry(r["record"]) for r in rows]
