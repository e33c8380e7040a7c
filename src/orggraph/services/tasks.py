"""Accepting a match: people decide. When the chosen resource is not the top recommendation, the
reason for the override is required and recorded with the task, with the rank the matcher gave it."""

from __future__ import annotations

from datetime import date
from typing import Any

from orggraph.domain.errors import BadInput, Conflict
from orggraph.domain.text import clean_text
from orggraph.graph import task_writes
from orggraph.graph.runner import Audit, Graph
from orggraph.matching.rank import Weights
from orggraph.services.matching import match_need


async def accept_match(
    graph: Graph, *, need_id: str, resource_id: str, responsible_unit_id: str | None, standard: str,
    deadline: date, override_reason: str | None, client_id: str | None, actor: str, weights: Weights, today: date,
    audit: Audit | None = None,
) -> dict[str, Any]:  # fmt: skip
    standard = clean_text(standard, "standard", max_len=500)
    reason = clean_text(override_reason, "overrideReason", max_len=500) if override_reason else None
    if deadline < today:
        raise BadInput("deadline: 完成时限不能早于今天", field="deadline")
    ranked = await match_need(graph, need_id, 50, weights=weights, today=today)
    ids = [s.candidate.resource_id for s in ranked]
    if resource_id not in ids:
        raise Conflict(
            "resourceId: 该资源不满足此需求的硬性条件(类型、容量、时间或服务范围),不能承接",
            field="resourceId",
        )
    rank = ids.index(resource_id) + 1
    if rank > 1 and not reason:
        raise BadInput(
            f"overrideReason: 所选资源在推荐中排第 {rank} 位(第一位为 {ids[0]}),请说明选择理由",
            field="overrideReason",
        )
    props: dict[str, Any] = {"standard": standard, "deadline": deadline, "recommendedRank": rank,
                             "topResourceId": ids[0], "score": ranked[rank - 1].score}  # fmt: skip
    if reason:
        props["overrideReason"] = reason

    async def work(tx: task_writes.AsyncManagedTransaction) -> dict[str, Any]:
        return await task_writes.accept(
            tx, need_id=need_id, resource_id=resource_id, unit_id=responsible_unit_id, props=props,
            client_id=client_id, actor=actor,
        )  # fmt: skip

    return await graph.write(work, audit)
