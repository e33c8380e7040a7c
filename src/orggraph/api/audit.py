"""The audit trail in the API (市委组织部 only): who changed what, when, newest first."""

from __future__ import annotations

from datetime import datetime

import strawberry

from orggraph.api.context import Ctx
from orggraph.domain import entities as e
from orggraph.services import audit


@strawberry.type(description="审计记录:谁、何时、做了什么")
class AuditRecord:
    id: strawberry.ID
    at: datetime
    actor: str
    role: str | None
    action: str = strawberry.field(description="变更操作(mutation 名称)")
    target: str | None = strawberry.field(description="操作对象编号")
    detail: str = strawberry.field(description="输入要点(JSON)")

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
        )


@strawberry.type
class AuditQuery:
    @strawberry.field(description="审计日志(仅市委组织部),最新在前")
    async def audit_log(
        self,
        info: Ctx,
        first: int = 50,
        action: str | None = None,
        actor: str | None = None,
        target: str | None = None,
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
