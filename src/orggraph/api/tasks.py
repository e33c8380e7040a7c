"""The four lists in the API: tasks (任务清单), responsibility (责任清单), standards (标准清单) and time
limits (时限清单), and the mutations that follow a task to its end."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from orggraph.api import enums
from orggraph.api.context import Ctx
from orggraph.api.library_types import Need, Resource
from orggraph.api.network_types import Community, Count, JointMeeting, Leader, Unit
from orggraph.api.words import arg, input_field
from orggraph.domain import commands, glossary, model
from orggraph.domain import entities as e
from orggraph.domain.lifecycle import TASK_LABELS, TASK_OPEN, is_task_overdue
from orggraph.domain.queries import TaskOrder
from orggraph.domain.queries import TaskQuery as TaskFilterQuery
from orggraph.graph import task_reads
from orggraph.graph.hops import GovernanceHops, Nodes
from orggraph.services import tasks

if TYPE_CHECKING:
    from orggraph.api.governance import Problem


@strawberry.type(description=glossary.describe("Task"))
class Task:
    id: strawberry.ID = strawberry.field(description=glossary.describe("Task", "id"))
    title: str = strawberry.field(description=glossary.describe("Task", "title"))
    standard: str = strawberry.field(description=glossary.describe("Task", "standard"))
    deadline: date = strawberry.field(description=glossary.describe("Task", "deadline"))
    status: enums.TaskStatus = strawberry.field(description=glossary.describe("Task", "status"))
    status_label: str = strawberry.field(description=glossary.describe("Task", "statusLabel"))
    quantity: float = strawberry.field(description=glossary.describe("Task", "quantity"))
    rating: int | None = strawberry.field(description=glossary.describe("Task", "rating"))
    comment: str | None = strawberry.field(description=glossary.describe("Task", "comment"))
    override_reason: str | None = strawberry.field(description=glossary.describe("Task", "overrideReason"))
    recommended_rank: int | None = strawberry.field(description=glossary.describe("Task", "recommendedRank"))
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

    @strawberry.field(description=glossary.describe("Task", "overdue"))
    def overdue(self, info: Ctx) -> bool:
        return is_task_overdue(self.deadline, self.entity.status, info.context.caller.today)

    @strawberry.field(description=glossary.describe("Task", "responsibleUnit"))
    async def responsible_unit(self, info: Ctx) -> Unit:
        u = await info.context.loaders.node(Nodes.UNIT, self.entity.unit_id)
        assert u is not None, "a task's unit exists"
        return Unit.from_entity(u)

    @strawberry.field(description=glossary.describe("Task", "need"))
    async def need(self, info: Ctx) -> Need | None:
        if self.entity.need_id is None:
            return None
        n = await info.context.loaders.node(Nodes.NEED, self.entity.need_id)
        return Need.from_entity(n) if n else None

    @strawberry.field(description=glossary.describe("Task", "problem"))
    async def problem(
        self, info: Ctx
    ) -> Annotated[Problem, strawberry.lazy("orggraph.api.governance")] | None:
        from orggraph.api.governance import Problem

        if self.entity.problem_id is None:
            return None
        p = await info.context.loaders.node(GovernanceHops.PROBLEM, self.entity.problem_id)
        return Problem.from_entity(p) if p else None

    @strawberry.field(description=glossary.describe("Task", "meeting"))
    async def meeting(self, info: Ctx) -> JointMeeting | None:
        m = await info.context.loaders.one(GovernanceHops.MEETING_OF_TASK, self.entity.id)
        return JointMeeting.from_entity(m) if m else None

    @strawberry.field(description=glossary.describe("Task", "leader"))
    async def leader(self, info: Ctx) -> Leader | None:
        x = await info.context.loaders.one(GovernanceHops.LEADER_OF_TASK, self.entity.id)
        return Leader.from_entity(x) if x else None

    @strawberry.field(description=glossary.describe("Task", "resource"))
    async def resource(self, info: Ctx) -> Resource | None:
        if self.entity.resource_id is None:
            return None
        r = await info.context.loaders.node(Nodes.RESOURCE, self.entity.resource_id)
        return Resource.from_entity(r) if r else None

    @strawberry.field(description=glossary.describe("Task", "community"))
    async def community(self, info: Ctx) -> Community | None:
        if self.entity.community_id is None:
            return None
        c = await info.context.loaders.node(Nodes.COMMUNITY, self.entity.community_id)
        return Community.from_entity(c) if c else None


@strawberry.type(description=glossary.describe("Responsibility"))
class Responsibility:
    unit: Unit = strawberry.field(description=glossary.describe("Responsibility", "unit"))
    tasks: list[Task] = strawberry.field(description=glossary.describe("Responsibility", "tasks"))
    open: int = strawberry.field(description=glossary.describe("Responsibility", "open"))
    done: int = strawberry.field(description=glossary.describe("Responsibility", "done"))
    overdue: int = strawberry.field(description=glossary.describe("Responsibility", "overdue"))


@strawberry.input(description=glossary.describe("TaskFilter"))
class TaskFilter:
    city_id: strawberry.ID | None = input_field("TaskFilter", "cityId", default=None)
    street_id: strawberry.ID | None = input_field("TaskFilter", "streetId", default=None)
    community_id: strawberry.ID | None = input_field("TaskFilter", "communityId", default=None)
    unit_id: strawberry.ID | None = input_field("TaskFilter", "unitId", default=None)
    status: list[enums.TaskStatus] | None = input_field("TaskFilter", "status", default=None)
    deadline_from: date | None = input_field("TaskFilter", "deadlineFrom", default=None)
    deadline_to: date | None = input_field("TaskFilter", "deadlineTo", default=None)


@strawberry.input(description=glossary.input_type("acceptMatch"))
class AcceptMatchInput:
    need_id: strawberry.ID = input_field("Task", "needId")
    resource_id: strawberry.ID = input_field("Task", "resourceId")
    responsible_unit_id: strawberry.ID | None = input_field("Task", "responsibleUnitId", default=None)
    standard: str = input_field("Task", "standard")
    deadline: date = input_field("Task", "deadline")
    override_reason: str | None = input_field("Task", "overrideReason", default=None)
    client_id: str | None = input_field("Task", "clientId", default=None)


def _query(f: TaskFilter | None) -> TaskFilterQuery:
    f = f or TaskFilter()
    return TaskFilterQuery(
        city_id=f.city_id,
        street_id=f.street_id,
        community_id=f.community_id,
        unit_id=f.unit_id,
        statuses=tuple(enums.to_domain(model.TaskStatus, s) for s in f.status) if f.status else None,
        deadline_from=f.deadline_from,
        deadline_to=f.deadline_to,
    )


async def _list(info: Ctx, f: TaskFilter | None, order: TaskOrder) -> list[Task]:
    return [Task.from_entity(t) for t in await task_reads.tasks(info.context.graph, _query(f), order)]


@strawberry.type(description=glossary.describe("TaskStats"))
class TaskStats:
    by_status: list[Count] = strawberry.field(description=glossary.describe("TaskStats", "byStatus"))
    overdue: int = strawberry.field(description=glossary.describe("TaskStats", "overdue"))
    due_soon: int = strawberry.field(description=glossary.describe("TaskStats", "dueSoon"))
    accepted_by_month: list[Count] = strawberry.field(
        description=glossary.describe("TaskStats", "acceptedByMonth")
    )

    @classmethod
    def from_entity(cls, x: e.TaskStats) -> TaskStats:
        return cls(
            by_status=[
                Count(key=c.key, label=TASK_LABELS[model.TaskStatus(c.key)], count=c.count)
                for c in x.by_status
            ],
            overdue=x.overdue,
            due_soon=x.due_soon,
            accepted_by_month=[Count(key=c.key, label=c.key, count=c.count) for c in x.accepted_by_month],
        )


@strawberry.type
class TaskQuery:
    @strawberry.field(description=glossary.use_case("taskStats"))
    async def task_stats(
        self,
        info: Ctx,
        street_id: Annotated[strawberry.ID | None, arg("taskStats", "streetId")] = None,
        community_id: Annotated[strawberry.ID | None, arg("taskStats", "communityId")] = None,
        city_id: Annotated[strawberry.ID | None, arg("taskStats", "cityId")] = None,
    ) -> TaskStats:
        stats = await task_reads.task_stats(
            info.context.graph,
            city_id=city_id,
            street_id=street_id,
            community_id=community_id,
            today=info.context.caller.today,
        )
        return TaskStats.from_entity(stats)

    @strawberry.field(description=glossary.use_case("taskList"))
    async def task_list(
        self, info: Ctx, filter: Annotated[TaskFilter | None, arg("taskList", "filter")] = None
    ) -> list[Task]:
        return await _list(info, filter, TaskOrder.CREATION)

    @strawberry.field(description=glossary.use_case("responsibilityList"))
    async def responsibility_list(
        self, info: Ctx, filter: Annotated[TaskFilter | None, arg("responsibilityList", "filter")] = None
    ) -> list[Responsibility]:
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

    @strawberry.field(description=glossary.use_case("standardList"))
    async def standard_list(
        self, info: Ctx, filter: Annotated[TaskFilter | None, arg("standardList", "filter")] = None
    ) -> list[Task]:
        return await _list(info, filter, TaskOrder.CREATION)

    @strawberry.field(description=glossary.use_case("timeLimitList"))
    async def time_limit_list(
        self, info: Ctx, filter: Annotated[TaskFilter | None, arg("timeLimitList", "filter")] = None
    ) -> list[Task]:
        return await _list(info, filter, TaskOrder.DEADLINE)

    @strawberry.field(description=glossary.use_case("task"))
    async def task(self, info: Ctx, id: Annotated[strawberry.ID, arg("task", "id")]) -> Task | None:
        found = await task_reads.task(info.context.graph, id)
        return Task.from_entity(found) if found else None


@strawberry.type
class TaskMutation:
    @strawberry.mutation(description=glossary.use_case("acceptMatch"))
    async def accept_match(
        self, info: Ctx, input: Annotated[AcceptMatchInput, arg("acceptMatch", "input")]
    ) -> Task:
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

    @strawberry.mutation(description=glossary.use_case("updateTask"))
    async def update_task(
        self,
        info: Ctx,
        id: Annotated[strawberry.ID, arg("updateTask", "id")],
        status: Annotated[enums.TaskStatus, arg("updateTask", "status")],
        note: Annotated[str, arg("updateTask", "note")] = "",
    ) -> Task:
        cmd = commands.TaskProgress(id, enums.to_domain(model.TaskStatus, status), note)
        return Task.from_entity(await tasks.update_task(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("completeTask"))
    async def complete_task(
        self,
        info: Ctx,
        id: Annotated[strawberry.ID, arg("completeTask", "id")],
        rating: Annotated[int, arg("completeTask", "rating")],
        comment: Annotated[str, arg("completeTask", "comment")] = "",
    ) -> Task:
        cmd = commands.TaskCompletion(id, rating, comment)
        return Task.from_entity(await tasks.complete_task(info.context.graph, info.context.caller, cmd))
