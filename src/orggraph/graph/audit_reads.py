"""The audit trail, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from orggraph.graph.runner import Graph

AUDIT_LOG = """
MATCH (a:AuditRecord)
WHERE ($action IS NULL OR a.action = $action) AND ($actor IS NULL OR a.actor = $actor)
  AND ($target IS NULL OR a.target = $target)
RETURN properties(a) AS record ORDER BY a.at DESC, a.id LIMIT $limit
"""


@dataclass(frozen=True)
class AuditRow:
    id: str
    at: datetime
    actor: str
    role: str | None
    action: str
    target: str | None
    detail: str


async def audit_log(
    graph: Graph, *, limit: int, action: str | None, actor: str | None, target: str | None
) -> list[AuditRow]:
    rows = await graph.read(AUDIT_LOG, limit=limit, action=action, actor=actor, target=target)
    out = []
    for r in rows:
        a: dict[str, Any] = r["record"]
        at = a["at"].to_native() if hasattr(a["at"], "to_native") else a["at"]
        out.append(
            AuditRow(
                a["id"], at, a["actor"], a.get("role"), a["action"], a.get("target"), a.get("detail", "{}")
            )
        )
    return out
