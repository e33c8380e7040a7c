"""The governance loops in the API: problems and their escalation to the city secretary's "1+N" list,
joint meetings of both committees with attendance, agenda and decisions, contact leaders' key tasks,
and the committees that missed a quarter."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from orggraph.api import enums
from orggraph.api.context import Ctx
from orggraph.api.network_types import Community, Grid, JointMeeting, Street, _person_name
from orggraph.api.tasks import Task
from orggraph.api.words import arg, input_field
from orggraph.domain import commands, glossary, model
from orggraph.domain import entities as e
from orggraph.domain.errors import BadInput
from orggraph.domain.model import PROBLEM_LEVEL_LABELS, PROBLEM_SOURCE_LABELS, PROBLEM_STATUS_LABELS
from orggraph.graph import governance_reads
from orggraph.graph.hops import GovernanceHops, Nodes
from orggraph.services import governance

Arg = strawberry.argument
FIRST_MEETINGS = date(2021, 1, 1)  # the article counts the joint meetings "since 2021"


@strawberry.type(description=glossary.describe("Escalation"))
class Escalation:
    from_: enums.ProblemLevel = strawberry.field(
        name="from", description=glossary.describe("Escalation", "from")
    )
    to: enums.ProblemLevel = strawberry.field(description=glossary.describe("Escalation", "to"))
    to_label: str = strawberry.field(description=glossary.describe("Escalation", "toLabel"))
    at: str = strawberry.field(description=glossary.describe("Escalation", "at"))
    reason: str = strawberry.field(description=glossary.describe("Escalation", "reason"))
    actor: strawberry.Private[str]

    @strawberry.field(description=glossary.describe("Escalation", "by"))
    def by(self, info: Ctx) -> str:
        return _person_name(info, self.actor)

    @classmethod
    def from_entity(cls, x: e.Escalation) -> Escalation:
        return cls(
            from_=enums.to_api(enums.ProblemLevel, x.from_level),
            to=enums.to_api(enums.ProblemLevel, x.to_level),
            to_label=PROBLEM_LEVEL_LABELS[x.to_level],
            at=x.at.isoformat(),
            reason=x.reason,
            actor=x.by,
        )


@strawberry.type(description=glossary.describe("Problem"))
class Problem:
    id: strawberry.ID = strawberry.field(description=glossary.describe("Problem", "id"))
    title: str = strawberry.field(description=glossary.describe("Problem", "title"))
    description: str = strawberry.field(description=glossary.describe("Problem", "description"))
    source: enums.ProblemSource = strawberry.field(description=glossary.describe("Problem", "source"))
    source_label: str = strawberry.field(description=glossary.describe("Problem", "sourceLabel"))
    level: enums.ProblemLevel = strawberry.field(description=glossary.describe("Problem", "level"))
    level_label: str = strawberry.field(description=glossary.describe("Problem", "levelLabel"))
    status: enums.ProblemStatus = strawberry.field(description=glossary.describe("Problem", "status"))
    status_label: str = strawberry.field(description=glossary.describe("Problem", "statusLabel"))
    raised_on: date = strawberry.field(description=glossary.describe("Problem", "raisedOn"))
    solved_on: date | None = strawberry.field(description=glossary.describe("Problem", "solvedOn"))
    escalations: list[Escalation] = strawberry.field(description=glossary.describe("Problem", "escalations"))
    entity: strawberry.Private[e.Problem]

    @classmethod
    def from_entity(cls, p: e.Problem) -> Problem:
        return cls(
            id=strawberry.ID(p.id),
            title=p.title,
            description=p.description,
            source=enums.to_api(enums.ProblemSource, p.source),
            source_label=PROBLEM_SOURCE_LABELS[p.source],
            level=enums.to_api(enums.ProblemLevel, p.level),
            level_label=PROBLEM_LEVEL_LABELS[p.level],
            status=enums.to_api(enums.ProblemStatus, p.status),
            status_label=PROBLEM_STATUS_LABELS[p.status],
            raised_on=p.raised_on,
            solved_on=p.solved_on,
            escalations=[Escalation.from_entity(x) for x in p.escalations],
            entity=p,
        )

    @strawberry.field(description=glossary.describe("Problem", "community"))
    async def community(self, info: Ctx) -> Community | None:
        if self.entity.community_id is None:
            return None
        c = await info.context.loaders.node(Nodes.COMMUNITY, self.entity.community_id)
        return Community.from_entity(c) if c else None

    @strawberry.field(description=glossary.describe("Problem", "street"))
    async def street(self, info: Ctx) -> Street | None:
        if not self.entity.street_id:
            return None
        s = await info.context.loaders.node(Nodes.STREET, self.entity.street_id)
        return Street.from_entity(s) if s else None

    @strawberry.field(description=glossary.describe("Problem", "grid"))
    async def grid(self, info: Ctx) -> Grid | None:
        if self.entity.grid_id is None:
            return None
        g = await info.context.loaders.node(GovernanceHops.GRID, self.entity.grid_id)
        return Grid.from_entity(g) if g else None

    @strawberry.field(description=glossary.describe("Problem", "tasks"))
    async def tasks(self, info: Ctx) -> list[Task]:
        ids = await info.context.loaders.related(GovernanceHops.TASKS_OF_PROBLEM, self.entity.id)
        found = await info.context.loaders.nodes(GovernanceHops.TASK, ids)
        return [Task.from_entity(t) for t in found if t is not None]

    @strawberry.field(description=glossary.describe("Problem", "meetings"))
    async def meetings(self, info: Ctx) -> list[JointMeeting]:
        rows = await info.context.loaders.related(GovernanceHops.MEETINGS_OF_PROBLEM, self.entity.id)
        return [JointMeeting.from_entity(m) for m in rows]


@strawberry.type(description=glossary.describe("SecretaryWorkList"))
class SecretaryWorkList:
    year: int = strawberry.field(description=glossary.describe("SecretaryWorkList", "year"))
    items: list[Problem] = strawberry.field(description=glossary.describe("SecretaryWorkList", "items"))
    solved: int = strawberry.field(description=glossary.describe("SecretaryWorkList", "solved"))
    open: int = strawberry.field(description=glossary.describe("SecretaryWorkList", "open"))


@strawberry.type(description=glossary.describe("MeetingGap"))
class MeetingGap:
    committee_id: strawberry.ID = strawberry.field(description=glossary.describe("MeetingGap", "committeeId"))
    kind: str = strawberry.field(description=glossary.describe("MeetingGap", "kind"))
    name: str = strawberry.field(description=glossary.describe("MeetingGap", "name"))
    meetings: int = strawberry.field(description=glossary.describe("MeetingGap", "meetings"))
    missed: list[str] = strawberry.field(description=glossary.describe("MeetingGap", "missed"))


@strawberry.input(description=glossary.describe("Decision"))
class DecisionInput:
    title: str = input_field("Decision", "title")
    responsible_unit_id: strawberry.ID = input_field("Decision", "responsibleUnitId")
    standard: str = input_field("Decision", "standard")
    deadline: date = input_field("Decision", "deadline")
    problem_id: strawberry.ID | None = input_field("Decision", "problemId", default=None)
    need_id: strawberry.ID | None = input_field("Decision", "needId", default=None)
    resource_id: strawberry.ID | None = input_field("Decision", "resourceId", default=None)
    quantity: float | None = input_field("Decision", "quantity", default=None)
    leader_id: strawberry.ID | None = input_field("Decision", "leaderId", default=None)


@strawberry.input(description=glossary.input_type("recordJointMeeting"))
class RecordJointMeetingInput:
    committee_id: strawberry.ID = input_field("JointMeeting", "committeeId")
    held_on: date = input_field("JointMeeting", "heldOn")
    topic: str = input_field("JointMeeting", "topic")
    attendee_ids: list[strawberry.ID] = input_field("JointMeeting", "attendeeIds", default_factory=list)
    problem_ids: list[strawberry.ID] = input_field("JointMeeting", "problemIds", default_factory=list)
    need_ids: list[strawberry.ID] = input_field("JointMeeting", "needIds", default_factory=list)
    decisions: list[DecisionInput] = input_field("JointMeeting", "decisions", default_factory=list)
    problems_solved: int | None = strawberry.field(
        default=None,
        description=glossary.describe_input("JointMeeting", "problemsSolved"),
        deprecation_reason="解决问题数由会议的决定及其任务算出,不再填写",
    )
    id: strawberry.ID | None = input_field("JointMeeting", "id", default=None)


@strawberry.input(description=glossary.input_type("createProblem"))
class CreateProblemInput:
    title: str = input_field("Problem", "title")
    source: enums.ProblemSource = input_field("Problem", "source")
    community_id: strawberry.ID | None = input_field("Problem", "communityId", default=None)
    street_id: strawberry.ID | None = input_field("Problem", "streetId", default=None)
    description: str = input_field("Problem", "description", default="")
    grid_id: strawberry.ID | None = input_field("Problem", "gridId", default=None)
    raised_on: date | None = input_field("Problem", "raisedOn", default=None)
    id: strawberry.ID | None = input_field("Problem", "id", default=None)


def _year(value: int | None, field: str) -> int | None:
    if value is not None and not 2000 <= value <= 2100:
        raise BadInput(f"{field}: 年度应在 2000 到 2100 之间", field=field)
    return value


@strawberry.type
class GovernanceQuery:
    @strawberry.field(description=glossary.use_case("problem"))
    async def problem(self, info: Ctx, id: Annotated[strawberry.ID, arg("problem", "id")]) -> Problem | None:
        p = await governance_reads.problem(info.context.graph, id)
        return Problem.from_entity(p) if p else None

    @strawberry.field(description=glossary.use_case("problems"))
    async def problems(
        self,
        info: Ctx,
        street_id: Annotated[strawberry.ID | None, arg("problems", "streetId")] = None,
        community_id: Annotated[strawberry.ID | None, arg("problems", "communityId")] = None,
        level: Annotated[enums.ProblemLevel | None, arg("problems", "level")] = None,
        status: Annotated[enums.ProblemStatus | None, arg("problems", "status")] = None,
    ) -> list[Problem]:
        found = await governance_reads.problems(
            info.context.graph,
            street_id=street_id,
            community_id=community_id,
            level=enums.to_domain(model.ProblemLevel, level) if level else None,
            status=enums.to_domain(model.ProblemStatus, status) if status else None,
        )
        return [Problem.from_entity(p) for p in found]

    @strawberry.field(description=glossary.use_case("secretaryWorkList"))
    async def secretary_work_list(
        self, info: Ctx, year: Annotated[int, arg("secretaryWorkList", "year")]
    ) -> SecretaryWorkList:
        _year(year, "year")
        items = await governance_reads.secretary_list(info.context.graph, year)
        solved = sum(1 for p in items if p.solved_on is not None and p.solved_on.year == year)
        still_open = sum(1 for p in items if p.status is not model.ProblemStatus.SOLVED)
        return SecretaryWorkList(
            year=year, items=[Problem.from_entity(p) for p in items], solved=solved, open=still_open
        )

    @strawberry.field(description=glossary.use_case("keyTasks"))
    async def key_tasks(
        self,
        info: Ctx,
        leader_id: Annotated[strawberry.ID | None, arg("keyTasks", "leaderId")] = None,
        year: Annotated[int | None, arg("keyTasks", "year")] = None,
    ) -> list[Task]:
        found = await governance_reads.key_tasks(
            info.context.graph, leader_id=leader_id, year=_year(year, "year")
        )
        return [Task.from_entity(t) for t in found]

    @strawberry.field(description=glossary.use_case("jointMeetings"))
    async def joint_meetings(
        self,
        info: Ctx,
        committee_id: Annotated[strawberry.ID | None, arg("jointMeetings", "committeeId")] = None,
        street_id: Annotated[strawberry.ID | None, arg("jointMeetings", "streetId")] = None,
        from_: Annotated[
            date | None, Arg(name="from", description=glossary.argument("jointMeetings", "from"))
        ] = None,
        to: Annotated[date | None, arg("jointMeetings", "to")] = None,
    ) -> list[JointMeeting]:
        found = await governance_reads.meetings(
            info.context.graph, committee_id=committee_id, street_id=street_id, start=from_, end=to
        )
        return [JointMeeting.from_entity(m) for m in found]

    @strawberry.field(description=glossary.use_case("meetingGaps"))
    async def meeting_gaps(
        self,
        info: Ctx,
        from_: Annotated[
            date | None, Arg(name="from", description=glossary.argument("meetingGaps", "from"))
        ] = None,
        to: Annotated[date | None, arg("meetingGaps", "to")] = None,
    ) -> list[MeetingGap]:
        start, end = from_ or FIRST_MEETINGS, to or info.context.caller.today
        if start > end:
            raise BadInput("from: 起始日期不能晚于截止日期", field="from")
        gaps = await governance_reads.meeting_gaps(info.context.graph, start, end)
        return [
            MeetingGap(
                committee_id=strawberry.ID(g.committee_id),
                kind=g.committee_label,
                name=g.name,
                meetings=g.meetings,
                missed=list(g.missed),
            )
            for g in gaps
        ]


@strawberry.type
class GovernanceMutation:
    @strawberry.mutation(description=glossary.use_case("createProblem"))
    async def create_problem(
        self, info: Ctx, input: Annotated[CreateProblemInput, arg("createProblem", "input")]
    ) -> Problem:
        cmd = commands.NewProblem(
            title=input.title,
            source=enums.to_domain(model.ProblemSource, input.source),
            community_id=input.community_id,
            street_id=input.street_id,
            description=input.description,
            grid_id=input.grid_id,
            raised_on=input.raised_on,
            id=input.id,
        )
        p = await governance.create_problem(info.context.graph, info.context.caller, cmd)
        return Problem.from_entity(p)

    @strawberry.mutation(description=glossary.use_case("escalateProblem"))
    async def escalate_problem(
        self,
        info: Ctx,
        id: Annotated[strawberry.ID, arg("escalateProblem", "id")],
        to: Annotated[enums.ProblemLevel, arg("escalateProblem", "to")],
        reason: Annotated[str, arg("escalateProblem", "reason")],
    ) -> Problem:
        cmd = commands.ProblemEscalation(id, enums.to_domain(model.ProblemLevel, to), reason)
        p = await governance.escalate_problem(info.context.graph, info.context.caller, cmd)
        return Problem.from_entity(p)

    @strawberry.mutation(description=glossary.use_case("recordJointMeeting"))
    async def record_joint_meeting(
        self, info: Ctx, input: Annotated[RecordJointMeetingInput, arg("recordJointMeeting", "input")]
    ) -> JointMeeting:
        cmd = commands.NewMeeting(
            committee_id=input.committee_id,
            held_on=input.held_on,
            topic=input.topic,
            attendee_ids=tuple(input.attendee_ids),
            problem_ids=tuple(input.problem_ids),
            need_ids=tuple(input.need_ids),
            decisions=tuple(
                commands.Decision(
                    title=d.title,
                    responsible_unit_id=d.responsible_unit_id,
                    standard=d.standard,
                    deadline=d.deadline,
                    problem_id=d.problem_id,
                    need_id=d.need_id,
                    resource_id=d.resource_id,
                    quantity=d.quantity,
                    leader_id=d.leader_id,
                )
                for d in input.decisions
            ),
            id=input.id,
        )
        m = await governance.record_joint_meeting(info.context.graph, info.context.caller, cmd)
        return JointMeeting.from_entity(m)

    @strawberry.mutation(description=glossary.use_case("leadTask"))
    async def lead_task(
        self,
        info: Ctx,
        task_id: Annotated[strawberry.ID, arg("leadTask", "taskId")],
        leader_id: Annotated[strawberry.ID, arg("leadTask", "leaderId")],
    ) -> Task:
        t = await governance.lead_task(
            info.context.graph, info.context.caller, commands.KeyTask(task_id, leader_id)
        )
        return Task.from_entity(t)
