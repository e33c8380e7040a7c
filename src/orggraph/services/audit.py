"""Reading the audit trail: only the organization department (READ_AUDIT) may."""

from __future__ import annotations

from orggraph.domain import entities as e
from orggraph.domain.auth import Action
from orggraph.domain.queries import page_size
from orggraph.graph import audit
from orggraph.graph.runner import Graph
from orggraph.services.caller import Caller, authorize


async def audit_log(
    graph: Graph, caller: Caller, *, first: int, action: str | None, actor: str | None, target: str | None
) -> list[e.AuditEntry]:
    await authorize(graph, caller, Action.READ_AUDIT)  # before the arguments: a stranger learns nothing
    return await audit.audit_log(
        graph, limit=page_size(first, maximum=500), action=action, actor=actor, target=target
    )
