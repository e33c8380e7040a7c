"""The four lists in the API: tasks (任务清单), responsibility (责任清单), standards (标准清单) and time
limits (时限清单), and the mutations that follow a task to its end."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from orggraph.api import enums
from orggraph.api.authz import audit, authorize
from orggraph.api.types import Community, Ctx, Need, Resource, Unit
from orggraph.domain import model
from orggraph.domain.auth import Action
from orggraph.domain.errors import BadInput, NotFound
from orggraph.domain.lifecycle import TASK_LABELS
from orggraph.domain.model import Label
from orggraph.domain.text import clean_text
from orggraph.graph import task_reads, task_writes
from orggraph.graph.task_reads import TaskRow
from orggraph.services import tasks as task_service


@strawberry.type(description="任务:任务、责任、标准、时限四单合一")
class Task:
    id: strawberry.ID
    title: str = strawberry.field(description="任务(做什么)")
    standard: str = strawberry.field(description="标准(做到什么程度)")
    deadline: date = strawberry.field(description="时限(何时完成)")
    status: enums.TaskStatus
    status_label: str
    quantity: float = strawberry.field(description="占用资源的数量")
    rating: int | None = strawberry.field(description="完成后的评价(1-5)")
    comment: str | None
    override_reason: str | None = strawberry.field(description="未选推荐第一位资源时记录的理由")
    recommended_rank: int | None = strawberry.field(description="承接资源在推荐中的名次")
    row: strawberry.Private[TaskRow]

    @classmethod
    def from_row(cls, r: TaskRow) -> Task:
        status = model.TaskStatus(r.status)
        return cls(
            id=strawberry.ID(r.id), title=r.title, standard=r.standard, deadline=r.deadline,
            status=enums.TaskStatus(r.status), status_label=TASK_LABELS[status], quantity=r.quantity, rating=r.rating,
            comment=r.comment, override_reason=r.override_reason, recommended_rank=r.recommended_rank, row=r,
        )  # fmt: skip

    @strawberry.field(description="是否逾期")
    def overdue(self, info: Ctx) -> bool:
        open_ = self.row.status in (model.TaskStatus.PLANNED.value, model.TaskStatus.IN_PROGRESS.value)
        return open_ and self.deadline < info.context.settings.current_date()

    @strawberry.field(description="责任单位(谁来做)")
    async def responsible_unit(self, info: Ctx) -> Unit:
        return Unit.from_entity(await info.context.loaders.node(Label.Unit).load(self.row.unit_id))

    @strawberry.field
    async def need(self, info: Ctx) -> Need:
        return Need.from_entity(await info.context.loaders.node(Label.Need).load(self.row.need_id))

    @strawberry.field
    async def resource(self, info: Ctx) -> Resource:
        return Resource.from_entity(
            await info.context.loaders.node(Label.Resource).load(self.row.resource_id)
        )

    @strawberry.field
    async def community(self, info: Ctx) -> Community:
        return Community.from_entity(
            await info.context.loaders.node(Label.Community).load(self.row.community_id)
        )


@strawberry.type(description="责任清单:按责任单位汇总")
class Responsibility:
    unit: Unit
    tasks: list[Task]
    open: int = strawberry.field(description="未完成任务数")
    done: int
    overdue: int


@strawberry.input(description="四单筛选条件")
class TaskFilter:
    street_id: strawberry.ID | None = None
    community_id: strawberry.ID | None = None
    unit_id: strawberry.ID | None = None
    status: list[enums.TaskStatus] | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None


@strawberry.input(description="确定承接:把推荐结果变为任务")
class AcceptMatchInput:
    need_id: strawberry.ID
    resource_id: strawberry.ID
    responsible_unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="默认为资源所属单位"
    )
    standard: str
    deadline: date
    override_reason: str | None = strawberry.field(default=None, description="未选推荐第一位时必填")
    client_id: str | None = None


def _filters(f: TaskFilter | None) -> dict[str, Any]:
    f = f or TaskFilter()
    if f.deadline_from and f.deadline_to and f.deadline_to < f.deadline_from:
        raise BadInput("deadlineTo: 不能早于 deadlineFrom", field="deadlineTo")
    return {
        "streetId": f.street_id, "communityId": f.community_id, "unitId": f.unit_id,
        "statuses": [s.value for s in f.status] if f.status else None, "from": f.deadline_from, "to": f.deadline_to,
    }  # fmt: skip


async def _rows(info: Ctx, query: str, f: TaskFilter | None) -> list[Task]:
    return [Task.from_row(r) for r in await task_reads.tasks(info.context.graph, query, _filters(f))]


@strawberry.type
class TaskQuery:
    @strawberry.field(description="任务清单:做什么(最多 500 条)")
    async def task_list(self, info: Ctx, filter: TaskFilter | None = None) -> list[Task]:
        return await _rows(info, task_reads.TASKS_BY_CREATION, filter)

    @strawberry.field(description="责任清单:谁来做,按责任单位分组")
    async def responsibility_list(self, info: Ctx, filter: TaskFilter | None = None) -> list[Responsibility]:
        rows = await _rows(info, task_reads.TASKS_BY_UNIT, filter)
        groups: dict[str, list[Task]] = {}
        for t in rows:
            groups.setdefault(t.row.unit_id, []).append(t)
        units = await info.context.loaders.node(Label.Unit).load_many(list(groups))
        today = info.context.settings.current_date()
        out = []
        for unit, tasks in zip(units, groups.values(), strict=True):
            open_ = [t for t in tasks if t.row.status in ("PLANNED", "IN_PROGRESS")]
            out.append(Responsibility(
                unit=Unit.from_entity(unit), tasks=tasks, open=len(open_),
                done=sum(t.row.status == "DONE" for t in tasks), overdue=sum(t.deadline < today for t in open_),
            ))  # fmt: skip
        return out

    @strawberry.field(description="标准清单:做到什么程度")
    async def standard_list(self, info: Ctx, filter: TaskFilter | None = None) -> list[Task]:
        return await _rows(info, task_reads.TASKS_BY_CREATION, filter)

    @strawberry.field(description="时限清单:按完成时限排序,逾期的标出")
    async def time_limit_list(self, info: Ctx, filter: TaskFilter | None = None) -> list[Task]:
        return await _rows(info, task_reads.TASKS_BY_DEADLINE, filter)

    @strawberry.field(description="按编号查任务")
    async def task(self, info: Ctx, id: strawberry.ID) -> Task | None:
        row = await task_reads.task(info.context.graph, id)
        return Task.from_row(row) if row else None


async def _task(info: Ctx, task_id: str) -> Task:
    row = await task_reads.task(info.context.graph, task_id)
    if row is None:
        raise NotFound(f"id: 没有编号为 {task_id} 的任务", field="id")
    return Task.from_row(row)


@strawberry.type
class TaskMutation:
    @strawberry.mutation(description="确定承接:创建任务(任务、责任、标准、时限),同时占用资源容量")
    async def accept_match(self, info: Ctx, input: AcceptMatchInput) -> Task:
        await authorize(info, Action.ACCEPT_MATCH, Label.Need, input.need_id)
        ctx = info.context
        created = await task_service.accept_match(
            ctx.graph, need_id=input.need_id, resource_id=input.resource_id,
            responsible_unit_id=input.responsible_unit_id, standard=input.standard, deadline=input.deadline,
            override_reason=input.override_reason,
            client_id=clean_text(input.client_id, "clientId", max_len=80) if input.client_id else None,
            actor=ctx.actor, weights=ctx.weights, today=ctx.settings.current_date(),
            audit=audit(info, "acceptMatch", input.need_id, resourceId=input.resource_id,
                        overrideReason=input.override_reason),
        )  # fmt: skip
        return await _task(info, created["id"])

    @strawberry.mutation(description="推进任务:启动(IN_PROGRESS)或取消(CANCELLED,释放资源容量)")
    async def update_task(
        self, info: Ctx, id: strawberry.ID, status: enums.TaskStatus, note: str = ""
    ) -> Task:
        await authorize(info, Action.PROGRESS_TASK, Label.Task, id)
        to = model.TaskStatus(status.value)
        text = clean_text(note, "note", max_len=500, min_len=0)

        async def work(tx: task_writes.AsyncManagedTransaction) -> dict[str, Any]:
            return await task_writes.update_task(tx, id, to, text, actor=info.context.actor)

        await info.context.graph.write(work, audit(info, "updateTask", id, status=to.value, note=text))
        return await _task(info, id)

    @strawberry.mutation(description="完成任务并评价(1-5 分);评价计入单位的可靠性")
    async def complete_task(self, info: Ctx, id: strawberry.ID, rating: int, comment: str = "") -> Task:
        await authorize(info, Action.COMPLETE_TASK, Label.Task, id)
        if not 1 <= rating <= 5:
            raise BadInput("rating: 评价为 1 到 5 分", field="rating")
        text = clean_text(comment, "comment", max_len=500, min_len=0)
        today = info.context.settings.current_date()

        async def work(tx: task_writes.AsyncManagedTransaction) -> dict[str, Any]:
            return await task_writes.complete_task(
                tx, id, rating, text, actor=info.context.actor, today=today
            )

        await info.context.graph.write(work, audit(info, "completeTask", id, rating=rating, comment=text))
        return await _task(info, id)
