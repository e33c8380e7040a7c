"""Authorization at the edge of every mutation: the principal from the token, the target's scope from
the graph, the rule from orggraph.domain.auth."""

from __future__ import annotations

from orggraph.api.types import Ctx
from orggraph.domain.auth import Action, Scope, require
from orggraph.domain.model import Label
from orggraph.graph.runner import Audit
from orggraph.graph.scope_reads import scope_of


async def authorize(
    info: Ctx, action: Action, label: Label | None = None, target_id: str | None = None
) -> None:
    """Refuse (UNAUTHENTICATED / FORBIDDEN) unless the principal may act on the target.

    A target that does not exist has an empty scope: only a role allowed everywhere gets past, and the
    mutation then answers NOT_FOUND naming the field; a scoped role learns nothing about other scopes."""
    principal = info.context.principal
    if label is None or target_id is None:
        require(principal, action, Scope())
        return
    if not principal.authenticated:
        require(principal, action, Scope())  # refuse before reading anything
    scope = await scope_of(info.context.graph, label, target_id)
    require(principal, action, scope or Scope())


def audit(info: Ctx, action: str, target: str | None, **detail: object) -> Audit:
    p = info.context.principal
    return Audit(p.actor, p.role.value if p.role else None, action, target, dict(detail))
