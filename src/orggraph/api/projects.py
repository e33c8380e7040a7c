"""The street working committee as people and their party-building projects, and the communities'
yearly evaluations of their member units, in the API: the types, the queries (project,
workingCommitteeGaps) and the mutations (add/removeWorkingCommitteeMember, createProject, updateProject,
addProjectNote, evaluateUnit)."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from typing import Annotated

import strawberry

from orggraph.api import enums
from orggraph.api.context import Ctx
from orggraph.api.network_types import MASKED, Community, Person, StreetWorkingCommittee, Unit
from orggraph.api.words import arg, input_field
from orggraph.domain import entities as e
from orggraph.domain import glossary, model
from orggraph.domain import projects as dp
from orggraph.domain.errors import not_found
from orggraph.domain.evaluations import EvaluateUnit
from orggraph.domain.evaluations import UnitEvaluation as EvaluationEntity
from orggraph.graph import project_reads
from orggraph.graph.hops import Hops, Nodes
from orggraph.services import evaluations, projects

Arg = strawberry.argument


def _year_arg(entity: str, field: str) -> object:
    return strawberry.argument(description=glossary.describe(entity, field))


@strawberry.type(description=glossary.describe("ProjectNote"))
class ProjectNote:
    id: strawberry.ID = strawberry.field(description=glossary.describe("ProjectNote", "id"))
    at: date = strawberry.field(description=glossary.describe("ProjectNote", "at"))
    text: str = strawberry.field(description=glossary.describe("ProjectNote", "text"))
    real_by: strawberry.Private[str]

    @classmethod
    def from_entity(cls, n: dp.ProjectNote) -> ProjectNote:
        return cls(id=strawberry.ID(n.id), at=n.at, text=n.text, real_by=n.by)

    @strawberry.field(description=glossary.describe("ProjectNote", "by"))
    def by(self, info: Ctx) -> str:
        return self.real_by if info.context.sees_personal_data else MASKED


@strawberry.type(description=glossary.describe("Project"))
class Project:
    id: strawberry.ID = strawberry.field(description=glossary.describe("Project", "id"))
    year: int = strawberry.field(description=glossary.describe("Project", "year"))
    title: str = strawberry.field(description=glossary.describe("Project", "title"))
    description: str = strawberry.field(description=glossary.describe("Project", "description"))
    status: enums.ProjectStatus = strawberry.field(description=glossary.describe("Project", "status"))
    status_label: str = strawberry.field(description=glossary.describe("Project", "statusLabel"))

    @classmethod
    def from_entity(cls, p: dp.Project) -> Project:
        return cls(
            id=strawberry.ID(p.id),
            year=p.year,
            title=p.title,
            description=p.description,
            status=enums.to_api(enums.ProjectStatus, p.status),
            status_label=model.PROJECT_STATUS_LABELS[p.status],
        )

    @strawberry.field(description=glossary.describe("Project", "leader"))
    async def leader(self, info: Ctx) -> Person | None:
        p = await info.context.loaders.one(Hops.LEADER_OF_PROJECT, self.id)
        return Person.from_entity(p) if p else None

    @strawberry.field(description=glossary.describe("Project", "committee"))
    async def committee(self, info: Ctx) -> StreetWorkingCommittee | None:
        w = await info.context.loaders.one(Hops.WORKING_COMMITTEE_OF_PROJECT, self.id)
        return StreetWorkingCommittee.from_entity(w) if w else None

    @strawberry.field(description=glossary.describe("Project", "communities"))
    async def communities(self, info: Ctx) -> list[Community]:
        found = await info.context.loaders.related(Hops.COMMUNITIES_OF_PROJECT, self.id)
        return [Community.from_entity(c) for c in found]

    @strawberry.field(description=glossary.describe("Project", "notes"))
    async def notes(self, info: Ctx) -> list[ProjectNote]:
        found = await info.context.loaders.related(Hops.NOTES_OF_PROJECT, self.id)
        return [ProjectNote.from_entity(n) for n in found]


def projects_of(found: list[dp.Project], year: int | None) -> list[Project]:
    return [Project.from_entity(p) for p in found if year is None or p.year == year]


@strawberry.type(description=glossary.describe("WorkingCommitteeMember"))
class WorkingCommitteeMember:
    post: str = strawberry.field(description=glossary.describe("WorkingCommitteeMember", "post"))
    since: date = strawberry.field(description=glossary.describe("WorkingCommitteeMember", "since"))
    until: date | None = strawberry.field(description=glossary.describe("WorkingCommitteeMember", "until"))
    current: bool = strawberry.field(description=glossary.describe("WorkingCommitteeMember", "current"))
    seat: strawberry.Private[dp.CommitteeSeat]
    known_person: strawberry.Private[e.Person | None]

    @classmethod
    def from_entity(cls, seat: dp.CommitteeSeat, person: e.Person | None = None) -> WorkingCommitteeMember:
        return cls(
            post=seat.post,
            since=seat.since,
            until=seat.until,
            current=seat.current,
            seat=seat,
            known_person=person,
        )

    @strawberry.field(description=glossary.describe("WorkingCommitteeMember", "person"))
    async def person(self, info: Ctx) -> Person | None:
        if self.known_person is not None:
            return Person.from_entity(self.known_person)
        p = await info.context.loaders.node(Nodes.PERSON, self.seat.person_id)
        return Person.from_entity(p) if p else None

    @strawberry.field(description=glossary.describe("WorkingCommitteeMember", "unit"))
    async def unit(self, info: Ctx) -> Unit | None:
        u = await info.context.loaders.node(Nodes.UNIT, self.seat.unit_id)
        return Unit.from_entity(u) if u else None

    @strawberry.field(description=glossary.describe("WorkingCommitteeMember", "committee"))
    async def committee(self, info: Ctx) -> StreetWorkingCommittee | None:
        w = await info.context.loaders.node(Nodes.WORKING_COMMITTEE, self.seat.committee_id)
        return StreetWorkingCommittee.from_entity(w) if w else None

    @strawberry.field(description=glossary.describe("WorkingCommitteeMember", "years"))
    def years(self, info: Ctx) -> list[int]:
        return list(self.seat.years(info.context.caller.today))

    @strawberry.field(description=glossary.describe("WorkingCommitteeMember", "projects"))
    async def projects(
        self,
        info: Ctx,
        year: Annotated[int | None, _year_arg("WorkingCommitteeMember", "projects(year)")] = None,
    ) -> list[Project]:
        found = await info.context.loaders.related(Hops.PROJECTS_OF_PERSON, self.seat.person_id)
        return projects_of(found, year)


async def committee_members(info: Ctx, committee_id: str, year: int | None) -> list[WorkingCommitteeMember]:
    """The committee's current members; with a year, everyone who sat on it that year (current or not)."""
    loaders = info.context.loaders
    if year is None:
        rows = list(await loaders.related(Hops.SEATS_OF_WORKING_COMMITTEE, committee_id))
    else:  # both hops in the same batch: one round trip
        current, former = await asyncio.gather(
            loaders.related(Hops.SEATS_OF_WORKING_COMMITTEE, committee_id),
            loaders.related(Hops.FORMER_SEATS_OF_WORKING_COMMITTEE, committee_id),
        )
        rows = [(p, s) for p, s in current + former if s.served_in(year)]
    rows.sort(key=lambda r: (r[0].name, r[0].id, r[1].since))
    return [WorkingCommitteeMember.from_entity(seat, person) for person, seat in rows]


@strawberry.type(description=glossary.describe("UnitEvaluation"))
class UnitEvaluation:
    year: int = strawberry.field(description=glossary.describe("UnitEvaluation", "year"))
    score: int = strawberry.field(description=glossary.describe("UnitEvaluation", "score"))
    comment: str = strawberry.field(description=glossary.describe("UnitEvaluation", "comment"))
    evaluated_at: datetime | None = strawberry.field(
        description=glossary.describe("UnitEvaluation", "evaluatedAt")
    )
    community_id: strawberry.Private[str]
    unit_id: strawberry.Private[str]

    @classmethod
    def from_entity(cls, ev: EvaluationEntity) -> UnitEvaluation:
        return cls(
            year=ev.year,
            score=ev.score,
            comment=ev.comment,
            evaluated_at=ev.at,
            community_id=ev.community_id,
            unit_id=ev.unit_id,
        )

    @strawberry.field(description=glossary.describe("UnitEvaluation", "community"))
    async def community(self, info: Ctx) -> Community | None:
        c = await info.context.loaders.node(Nodes.COMMUNITY, self.community_id)
        return Community.from_entity(c) if c else None

    @strawberry.field(description=glossary.describe("UnitEvaluation", "unit"))
    async def unit(self, info: Ctx) -> Unit | None:
        u = await info.context.loaders.node(Nodes.UNIT, self.unit_id)
        return Unit.from_entity(u) if u else None


def evaluations_of(rows: list[EvaluationEntity], year: int | None) -> list[UnitEvaluation]:
    """Newest year first; within a year in the order the hop gave (by the other side's name)."""
    found = [ev for ev in rows if year is None or ev.year == year]
    found.sort(key=lambda ev: -ev.year)
    return [UnitEvaluation.from_entity(ev) for ev in found]


@strawberry.type
class ProjectQuery:
    @strawberry.field(description=glossary.use_case("project"))
    async def project(self, info: Ctx, id: Annotated[strawberry.ID, arg("project", "id")]) -> Project | None:
        p = await info.context.loaders.node(Nodes.PROJECT, id)
        return Project.from_entity(p) if p else None

    @strawberry.field(description=glossary.use_case("workingCommitteeGaps"))
    async def working_committee_gaps(
        self,
        info: Ctx,
        street_id: Annotated[strawberry.ID, arg("workingCommitteeGaps", "streetId")],
        year: Annotated[int, arg("workingCommitteeGaps", "year")],
    ) -> list[WorkingCommitteeMember]:
        found = await project_reads.working_committee_gaps(info.context.graph, street_id, year)
        if found is None:
            raise not_found("街道", street_id, "streetId")
        return [WorkingCommitteeMember.from_entity(seat, person) for person, seat in found]


M = "WorkingCommitteeMember"


@strawberry.input(description=glossary.input_type("addWorkingCommitteeMember"))
class AddWorkingCommitteeMemberInput:
    committee_id: strawberry.ID = input_field(M, "committeeId")
    person_id: strawberry.ID = input_field(M, "personId")
    unit_id: strawberry.ID = input_field(M, "unitId")
    post: str = input_field(M, "post")
    person_name: str | None = input_field(M, "personName", default=None)
    since: date | None = input_field(M, "since", default=None)


@strawberry.input(description=glossary.input_type("removeWorkingCommitteeMember"))
class RemoveWorkingCommitteeMemberInput:
    committee_id: strawberry.ID = input_field(M, "committeeId")
    person_id: strawberry.ID = input_field(M, "personId")
    until: date | None = input_field(M, "until", default=None)


@strawberry.input(description=glossary.input_type("createProject"))
class CreateProjectInput:
    committee_id: strawberry.ID = input_field("Project", "committeeId")
    leader_id: strawberry.ID = input_field("Project", "leaderId")
    year: int = input_field("Project", "year")
    title: str = input_field("Project", "title")
    community_ids: list[strawberry.ID] = input_field("Project", "communityIds")
    description: str = input_field("Project", "description", default="")
    status: enums.ProjectStatus | None = input_field("Project", "status", default=None)
    id: strawberry.ID | None = input_field("Project", "id", default=None)


@strawberry.input(description=glossary.input_type("updateProject"))
class UpdateProjectInput:
    id: strawberry.ID = strawberry.field(description=glossary.describe("Project", "id"))
    title: str | None = input_field("Project", "title", default=None)
    description: str | None = input_field("Project", "description", default=None)
    status: enums.ProjectStatus | None = input_field("Project", "status", default=None)
    community_ids: list[strawberry.ID] | None = input_field("Project", "communityIds", default=None)


@strawberry.input(description=glossary.input_type("addProjectNote"))
class AddProjectNoteInput:
    project_id: strawberry.ID = input_field("ProjectNote", "projectId")
    text: str = input_field("ProjectNote", "text")
    at: date | None = input_field("ProjectNote", "at", default=None)
    id: strawberry.ID | None = input_field("ProjectNote", "id", default=None)


@strawberry.input(description=glossary.input_type("evaluateUnit"))
class EvaluateUnitInput:
    community_id: strawberry.ID = input_field("UnitEvaluation", "communityId")
    unit_id: strawberry.ID = input_field("UnitEvaluation", "unitId")
    year: int = input_field("UnitEvaluation", "year")
    score: int = input_field("UnitEvaluation", "score")
    comment: str = input_field("UnitEvaluation", "comment", default="")


def _status(value: object | None) -> model.ProjectStatus | None:
    return enums.to_domain(model.ProjectStatus, value) if value is not None else None


@strawberry.type
class ProjectMutation:
    @strawberry.mutation(description=glossary.use_case("addWorkingCommitteeMember"))
    async def add_working_committee_member(
        self,
        info: Ctx,
        input: Annotated[AddWorkingCommitteeMemberInput, arg("addWorkingCommitteeMember", "input")],
    ) -> WorkingCommitteeMember:
        cmd = dp.NewCommitteeMember(
            committee_id=input.committee_id, person_id=input.person_id, unit_id=input.unit_id, post=input.post,
            person_name=input.person_name, since=input.since,
        )  # fmt: skip
        seat = await projects.add_working_committee_member(info.context.graph, info.context.caller, cmd)
        return WorkingCommitteeMember.from_entity(seat)

    @strawberry.mutation(description=glossary.use_case("removeWorkingCommitteeMember"))
    async def remove_working_committee_member(
        self,
        info: Ctx,
        input: Annotated[RemoveWorkingCommitteeMemberInput, arg("removeWorkingCommitteeMember", "input")],
    ) -> WorkingCommitteeMember:
        cmd = dp.CommitteeMemberRemoval(
            committee_id=input.committee_id, person_id=input.person_id, until=input.until
        )
        seat = await projects.remove_working_committee_member(info.context.graph, info.context.caller, cmd)
        return WorkingCommitteeMember.from_entity(seat)

    @strawberry.mutation(description=glossary.use_case("createProject"))
    async def create_project(
        self, info: Ctx, input: Annotated[CreateProjectInput, arg("createProject", "input")]
    ) -> Project:
        cmd = dp.NewProject(
            committee_id=input.committee_id, leader_id=input.leader_id, year=input.year, title=input.title,
            community_ids=tuple(input.community_ids), description=input.description,
            status=_status(input.status) or model.ProjectStatus.PLANNED, id=input.id,
        )  # fmt: skip
        return Project.from_entity(
            await projects.create_project(info.context.graph, info.context.caller, cmd)
        )

    @strawberry.mutation(description=glossary.use_case("updateProject"))
    async def update_project(
        self, info: Ctx, input: Annotated[UpdateProjectInput, arg("updateProject", "input")]
    ) -> Project:
        cmd = dp.ProjectChanges(
            id=input.id, title=input.title, description=input.description, status=_status(input.status),
            community_ids=tuple(input.community_ids) if input.community_ids is not None else None,
        )  # fmt: skip
        return Project.from_entity(
            await projects.update_project(info.context.graph, info.context.caller, cmd)
        )

    @strawberry.mutation(description=glossary.use_case("addProjectNote"))
    async def add_project_note(
        self, info: Ctx, input: Annotated[AddProjectNoteInput, arg("addProjectNote", "input")]
    ) -> Project:
        cmd = dp.NewProjectNote(project_id=input.project_id, text=input.text, at=input.at, id=input.id)
        return Project.from_entity(
            await projects.add_project_note(info.context.graph, info.context.caller, cmd)
        )

    @strawberry.mutation(description=glossary.use_case("evaluateUnit"))
    async def evaluate_unit(
        self, info: Ctx, input: Annotated[EvaluateUnitInput, arg("evaluateUnit", "input")]
    ) -> UnitEvaluation:
        cmd = EvaluateUnit(
            community_id=input.community_id, unit_id=input.unit_id, year=input.year, score=input.score,
            comment=input.comment,
        )  # fmt: skip
        ev = await evaluations.evaluate_unit(info.context.graph, info.context.caller, cmd)
        return UnitEvaluation.from_entity(ev)
