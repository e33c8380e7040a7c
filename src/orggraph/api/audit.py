"""The audit trail in the API (市委组织部 only): who changed what, when, newest first."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from orggraph.api.context import Ctx
from orggraph.api.words import arg
from orggraph.domain import entities as e
from orggraph.domain import glossary
from orggraph.services import audit


@strawberry.type(description=glossary.describe("AuditRecord"))
class AuditRecord:
    id: strawberry.ID = strawberry.field(description=glossary.describe("AuditRecord", "id"))
    at: datetime = strawberry.field(description=glossary.describe("AuditRecord", "at"))
    actor: str = strawberry.field(description=glossary.describe("AuditRecord", "actor"))
    role: str | None = strawberry.field(description=glossary.describe("AuditRecord", "role"))
    action: str = strawberry.field(description=glossary.describe("AuditRecord", "action"))
    target: str | None = strawberry.field(description=glossary.describe("AuditRecord", "target"))
    detail: str = strawberry.field(description=glossary.describe("AuditRecord", "detail"))
    request_id: str | None = strawberry.field(description=glossary.describe("AuditRecord", "requestId"))

    @classmethod
    def from_entity(cls, a: e.AuditEntry) -> AuditRecord:
        return cls(
            id=strawberry.ID(a.id),
            at=a.at,
            actor=a.actor,
            role=a.role,
            action=a.action,
            target=a.target,
            detail=a.detail,
            request_id=a.request_id,
        )


@strawberry.type
class AuditQuery:
    @strawberry.field(description=glossary.use_case("auditLog"))
    async def audit_log(
        self,
        info: Ctx,
        first: Annotated[int, arg("auditLog", "first")] = 50,
        action: Annotated[str | None, arg("auditLog", "action")] = None,
        actor: Annotated[str | None, arg("auditLog", "actor")] = None,
        target: Annotated[str | None, arg("auditLog", "target")] = None,
    ) -> list[AuditRecord]:
        ctx = info.context
        found = await audit.audit_log(
            ctx.graph,
            ctx.caller,
            first=first,
            action=action,
            actor=actor,
            target=target,
        )
        return [AuditRecord.from_entity(a) for a in found]
