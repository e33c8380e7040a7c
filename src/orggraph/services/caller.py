"""Who calls a use case, and the checks every write makes first: authorization and the audit record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from orggraph.domain.auth import RULES, Action, Principal, Reach, Scope, require
from orggraph.domain.errors import DomainError, Unavailable
from orggraph.domain.model import Label
from orggraph.graph.audit import Audit
from orggraph.graph.runner import Graph
from orggraph.graph.scope_reads import scope_of


@dataclass(frozen=True)
class Caller:
    """The principal behind a request (from its bearer token) and the service's "today" (Settings)."""

    principal: Principal
    today: date

    @property
    def actor(self) -> str:
        return self.principal.actor

    def audit(self, action: str, target: str | None, **detail: object) -> Audit:
        """The audit record of `action` (the mutation's name) on `target`, written with the change."""
        p = self.principal
        return Audit(p.actor, p.role.value if p.role else None, action, target, dict(detail))


async def authorize(
    graph: Graph, caller: Caller, action: Action, label: Label | None = None, target_id: str | None = None
) -> None:
    """Refuse (UNAUTHENTICATED / FORBIDDEN) unless the caller may act on the target.

    A target that does not exist has an empty scope: only a role allowed everywhere gets past, and the
    use case then answers NOT_FOUND naming the field; a scoped role learns nothing about other scopes."""
    principal = caller.principal
    if label is None or target_id is None:
        require(principal, action, Scope())
        return
    if not principal.authenticated:
        require(principal, action, Scope())  # refuse before reading anything
    if principal.role is not None and RULES[action].get(principal.role) is Reach.ANY:
        return  # allowed wherever the target is: no need to read where it is (one round trip less)
    scope = await scope_of(graph, label, target_id)
    require(principal, action, scope or Scope())


class Authorizations:
    """authorize() for many targets (an import's rows): each (action, target)'s scope is read once, and its
    refusal, if any, given again for every row that names it."""

    def __init__(self, graph: Graph, caller: Caller) -> None:
        self.graph, self.caller = graph, caller
        self.seen: dict[tuple[Action, Label, str | None], DomainError | None] = {}

    async def check(self, action: Action, label: Label, target_id: str | None) -> None:
        key = (action, label, target_id)
        if key not in self.seen:
            try:
                await authorize(self.graph, self.caller, action, label, target_id)
                self.seen[key] = None
            except Unavailable:
                raise  # the database's state, not the target's: never kept
            except DomainError as refused:
                self.seen[key] = refused
        known = self.seen[key]
        if known is not None:
            raise known
