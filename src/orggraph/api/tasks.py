"""The four lists in the API: tasks (任务清单), responsibility (责任清单), standards (标准清单) and time
limits (时限清单), and the mutations that follow a task to its end."""

from __future__ import annotations

from datetime import date

import strawberry

from orggraph.api import enums
from orggraph.api.context import Ctx
from orggraph.api.library_types import Need, Resource
from orggraph.api.network_types import Community, Unit
from orggraph.domain import commands, model
from orggraph.domain import entities as e
from orggraph.domain.lifecycle import TASK_LABELS, TASK_OPEN, is_task_overdue
from orggraph.domain.queries import TaskOrder
from orggraph.domain.queries import TaskQuery as TaskFilterQuery
from orggraph.graph import task_reads
from orggraph.graph.hops import Nodes
from orggraph.services import tasks


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
    entity: strawberry.Private[e.Task]

    @classmethod
    def from_entity(cls, t: e.Task) -> Task:
        return cls(
            id=strawberry.ID(t.id),
            title=t.title,
            standard=t.standard,
            deadline=t.deadline,
            status=enums.to_api(enums.TaskStatus, t.status),
            status_label=TASK_LABELS[t.status],
            quantity=t.quantity,
            rating=t.rating,
            comment=t.comment,
            override_reason=t.override_reason,
            recommended_rank=t.recommended_rank,
            entity=t,
        )

    @strawberry.field(description="是否逾期")
    def overdue(self, info: Ctx) -> bool:
        return is_task_overdue(self.deadline, self.entity.status, info.context.caller.today)

    @strawberry.field(description="责任单位(谁来做)")
    async def responsible_unit(self, info: Ctx) -> Unit:
        u = await info.context.loaders.node(Nodes.UNIT, self.entity.unit_id)
        assert u is not None, "a task's unit exists"
        return Unit.from_entity(u)

    @strawberry.field
    async def need(self, info: Ctx) -> Need:
        n = await info.context.loaders.node(Nodes.NEED, self.entity.need_id)
        assert n is not None, "a task's need exists"
        return Need.from_entity(n)

    @strawberry.field
    async def resource(self, info: Ctx) -> Resource:
        r = await info.context.loaders.node(Nodes.RESOURCE, self.entity.resource_id)
        assert r is not None, "a task's resource exists"
        return Resource.from_entity(r)

    @strawberry.field
    async def community(self, info: Ctx) -> Community:
        c = await info.context.loaders.node(Nodes.COMMUNITY, self.entity.community_id)
        assert c is not None, "a task's community exists"
        return Community.from_entity(c)


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


def _query(f: TaskFilter | None) -> TaskFilterQuery:
    f = f or TaskFilter()
    return TaskFilterQuery(
        street_id=f.street_id,
        community_id=f.community_id,
        unit_id=f.unit_id,
        statuses=tuple(enums.to_domain(model.TaskStatus, s) for s in f.status) if f.status else None,
        deadline_from=f.deadline_from,
        deadline_to=f.deadline_to,
    )


async def _list(info: Ctx, f: TaskFilter | None, order: TaskOrder) -> list[Task]:
    return [Task.from_entity(t) for t in await task_reads.tasks(info.context.graph, _query(f), order)]


@strawberry.type
class TaskQuery:
    @strawberry.field(description="任务清单:做什么(最多 500 条)")
    async def task_list(self, info: Ctx, filter: TaskFilter | None = None) -> list[Task]:
        return await _list(info, filter, TaskOrder.CREATION)

    @strawberry.field(description="责任清单:谁来做,按责任单位分组")
    async def responsibility_list(self, info: Ctx, filter: TaskFilter | None = None) -> list[Responsibility]:
        groups: dict[str, list[Task]] = {}
        for t in await _list(info, filter, TaskOrder.UNIT):
            groups.setdefault(t.entity.unit_id, []).append(t)
        units = await info.context.loaders.nodes(Nodes.UNIT, list(groups))
        today = info.context.caller.today
        out = []
        for unit, group in zip(units, groups.values(), strict=True):
            assert unit is not None, "a task's unit exists"
            out.append(
                Responsibility(
                    unit=Unit.from_entity(unit),
                    tasks=group,
                    open=sum(t.entity.status in TASK_OPEN for t in group),
                    done=sum(t.entity.status is model.TaskStatus.DONE for t in group),
                    overdue=sum(is_task_overdue(t.deadline, t.entity.status, today) for t in group),
                )
            )
        return out

    @strawberry.field(description="标准清单:做到什么程度")
    async def standard_list(self, info: Ctx, filter: TaskFilter | None = None) -> list[Task]:
        return await _list(info, filter, TaskOrder.CREATION)

    @strawberry.field(description="时限清单:按完成时限排序,逾期的标出")
    async def time_limit_list(self, info: Ctx, filter: TaskFilter | None = None) -> list[Task]:
        return await _list(info, filter, TaskOrder.DEADLINE)

    @strawberry.field(description="按编号查任务")
    async def task(self, info: Ctx, id: strawberry.ID) -> Task | None:
        found = await task_reads.task(info.context.graph, id)
        return Task.from_entity(found) if found else None


@strawberry.type
class TaskMutation:
    @strawberry.mutation(description="确定承接:创建任务(任务、责任、标准、时限),同时占用资源容量")
    async def accept_match(self, info: Ctx, input: AcceptMatchInput) -> Task:
        cmd = commands.AcceptMatch(
            need_id=input.need_id,
            resource_id=input.resource_id,
            standard=input.standard,
            deadline=input.deadline,
            responsible_unit_id=input.responsible_unit_id,
            override_reason=input.override_reason,
            client_id=input.client_id,
        )
        ctx = info.context
        return Task.from_entity(await tasks.accept_match(ctx.graph, ctx.caller, cmd, weights=ctx.weights))

    @strawberry.mutation(description="推进任务:启动(IN_PROGRESS)或取消(CANCELLED,释放资源容量)")
    async def update_task(
        self, info: Ctx, id: strawberry.ID, status: enums.TaskStatus, note: str = ""
    ) -> Task:
        cmd = commands.TaskProgress(id, enums.to_domain(model.TaskStatus, status), note)
        return Task.from_entity(await tasks.update_task(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description="完成任务并评价(1-5 分);评价计入单位的可靠性")
    async def complete_task(self, info: Ctx, id: strawberry.ID, rating: int, comment: str = "") -> Task:
        cmd = commands.TaskCompletion(id, rating, comment)
        return Task.from_entity(await tasks.complete_task(info.context.graph, info.context.caller, cmd))
