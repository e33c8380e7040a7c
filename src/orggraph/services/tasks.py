"""Use cases of the four lists (任务、责任、标准、时限清单): accept a match as a task, start or cancel it,
complete and rate it. People decide: when the chosen resource is not the top recommendation, the
reason for the override is required and recorded with the task, with the rank the matcher gave it.

Each authorizes, checks its command, and runs one write transaction with its audit record, in which it
locks what it changes, asks the rules of orggraph.domain.tasks and writes.
"""

from __future__ import annotations

from neo4j import AsyncManagedTransaction

from orggraph.domain import entities as e
from orggraph.domain import tasks as rules
from orggraph.domain.auth import Action
from orggraph.domain.commands import AcceptMatch, TaskCompletion, TaskProgress
from orggraph.domain.errors import BadInput, Conflict, not_found
from orggraph.domain.lifecycle import check_transition
from orggraph.domain.model import Label, NeedStatus, TaskStatus
from orggraph.graph import library_writes, task_reads, task_writes
from orggraph.graph.runner import Graph
from orggraph.graph.task_writes import Recommendation
from orggraph.matching.rank import Weights
from orggraph.services.caller import Caller, authorize
from orggraph.services.matching import match_need

# how many recommendations the chosen resource is looked for among
RANKED_FOR_ACCEPT = 50
OTHER_NEEDS_KEY = "clientId: 该 clientId 已用于另一项需求的任务"


async def _move_need(
    tx: AsyncManagedTransaction, caller: Caller, need: e.Need, to: NeedStatus, note: str, *, field: str
) -> e.Need:
    """The need's next step, checked against the need's lifecycle, with its life event."""
    check_transition(need.status, to, field=field)
    return await library_writes.set_need_status(tx, need, to, actor=caller.actor, note=note)


async def _recommendation(
    graph: Graph, caller: Caller, accepted: AcceptMatch, weights: Weights
) -> Recommendation:
    """Where the matcher ranks the chosen resource; an override of the first needs its reason."""
    ranked = await match_need(graph, accepted.need_id, RANKED_FOR_ACCEPT, weights=weights, today=caller.today)
    ids = [s.candidate.resource_id for s in ranked]
    if accepted.resource_id not in ids:
        raise Conflict(
            "resourceId: 该资源不满足此需求的硬性条件(类型、容量、时间或服务范围),不能承接",
            field="resourceId",
        )
    rank = ids.index(accepted.resource_id) + 1
    if rank > 1 and not accepted.override_reason:
        raise BadInput(
            f"overrideReason: 所选资源在推荐中排第 {rank} 位(第一位为 {ids[0]}),请说明选择理由",
            field="overrideReason",
        )
    return Recommendation(rank, ids[0], ranked[rank - 1].score)


async def accept_match(graph: Graph, caller: Caller, cmd: AcceptMatch, *, weights: Weights) -> e.Task:
    """确定承接: a task (what, who, to what standard, by when) that takes capacity from the resource; the
    need is then claimed. With a clientId, a retry returns the task the first attempt created."""
    await authorize(graph, caller, Action.ACCEPT_MATCH, Label.Need, cmd.need_id)
    if cmd.client_id and cmd.client_id.strip():
        # a retry is answered before anything is ranked or checked again: the first attempt may have
        # taken the resource's last capacity, or the deadline may have passed since
        existing = await task_reads.task_by_client_id(graph, cmd.client_id.strip())
        if existing and existing.need_id != cmd.need_id:
            raise Conflict(OTHER_NEEDS_KEY, field="clientId")
        if existing:
            return existing
    accepted = cmd.checked(caller.today)
    recommendation = await _recommendation(graph, caller, accepted, weights)

    async def work(tx: AsyncManagedTransaction) -> e.Task:
        need = await library_writes.locked_need(tx, accepted.need_id, field="needId")
        if accepted.client_id:
            # read under the need's lock: an attempt with the same key that held the lock first has
            # committed its task by now, and this one answers it (read before the lock, both saw none)
            existing = await task_writes.task_by_client_id(tx, accepted.client_id)
            if existing and existing.need_id != accepted.need_id:
                raise Conflict(OTHER_NEEDS_KEY, field="clientId")
            if existing:
                return existing
        rules.check_acceptable(need)
        resource = await library_writes.locked_resource(tx, accepted.resource_id, field="resourceId")
        take = rules.capacity_taken(resource, need.quantity)
        responsible = accepted.responsible_unit_id or await task_writes.owner_of_resource(tx, resource.id)
        unit_name = await library_writes.unit_name(tx, responsible)
        if unit_name is None:
            raise not_found("单位", responsible, "responsibleUnitId")
        task = await task_writes.create_task(
            tx,
            accepted,
            title=need.title,
            unit_id=responsible,
            take=take,
            recommendation=recommendation,
            actor=caller.actor,
        )
        if need.status is not NeedStatus.CLAIMED:
            await _move_need(tx, caller, need, NeedStatus.CLAIMED, f"确定由{unit_name}承接", field="needId")
        return task

    audit = caller.audit(
        "acceptMatch",
        accepted.need_id,
        resourceId=accepted.resource_id,
        overrideReason=accepted.override_reason,
    )
    # the same key on another need's task, written at the same moment: that need's lock is not this one's,
    # so the constraint on Task.clientId refuses the second to commit; its retry finds the first
    conflict = Conflict("clientId: 该 clientId 的任务正由另一请求创建,请重试", field="clientId")
    return await graph.write(work, audit, conflict=conflict)


async def _task_after(graph: Graph, task_id: str) -> e.Task:
    found = await task_reads.task(graph, task_id)
    if found is None:
        raise not_found("任务", task_id, "id")
    return found


async def update_task(graph: Graph, caller: Caller, cmd: TaskProgress) -> e.Task:
    """Start a task (its need is then being carried out) or cancel it (its capacity goes back to the
    resource; a need left with no open task is published again)."""
    await authorize(graph, caller, Action.PROGRESS_TASK, Label.Task, cmd.id)
    progress = cmd.checked()

    async def work(tx: AsyncManagedTransaction) -> e.Task:  # as it was: the record's subjects
        task = await task_writes.locked_task(tx, progress.id)
        rules.check_progress(task, progress.status)
        if progress.status is TaskStatus.CANCELLED and task.resource_id:
            await library_writes.locked_resource(tx, task.resource_id, field="id")
            await task_writes.release(tx, task.resource_id, task.quantity)
        if task.need_id:  # a task on a problem moves no need: the problem's status follows its tasks
            need = await library_writes.locked_need(tx, task.need_id, field="id")
            after: NeedStatus | None = None
            if progress.status is TaskStatus.IN_PROGRESS:
                after = rules.need_after_start(need.status)
            if progress.status is TaskStatus.CANCELLED:
                others = await task_writes.other_open_tasks(tx, task.need_id, task.id)
                after = rules.need_after_cancel(need.status, others)
            if after is not None:
                default = "任务启动" if after is NeedStatus.IN_PROGRESS else "任务取消,重新公开"
                await _move_need(tx, caller, need, after, progress.note or default, field="status")
        await task_writes.progress(tx, task.id, progress.status, progress.note, actor=caller.actor)
        return task

    audit = caller.audit("updateTask", progress.id, status=progress.status.value, note=progress.note)
    await graph.write(work, audit)
    return await _task_after(graph, progress.id)


async def complete_task(graph: Graph, caller: Caller, cmd: TaskCompletion) -> e.Task:
    """Finish a task with a rating (1-5), which counts towards its unit's reliability; a need whose last
    open task this was is done, then rated."""
    await authorize(graph, caller, Action.COMPLETE_TASK, Label.Task, cmd.id)
    done = cmd.checked()

    async def work(tx: AsyncManagedTransaction) -> e.Task:  # as it was: the record's subjects
        task = await task_writes.locked_task(tx, done.id)
        rules.check_completable(task)
        await task_writes.complete(
            tx, task.id, done.rating, done.comment, actor=caller.actor, on=caller.today
        )
        if task.need_id:
            others = await task_writes.other_open_tasks(tx, task.need_id, task.id)
            need = await library_writes.locked_need(tx, task.need_id, field="id")
            for status in rules.need_after_completion(need.status, others):
                note = "任务完成" if status is NeedStatus.DONE else f"评价 {done.rating} 分:{done.comment}"
                need = await _move_need(tx, caller, need, status, note, field="id")
        return task

    await graph.write(work, caller.audit("completeTask", done.id, rating=done.rating, comment=done.comment))
    return await _task_after(graph, done.id)
