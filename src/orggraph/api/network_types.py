"""GraphQL object types of the co-building network, each built from a domain entity (`from_entity`);
related objects come through the request's loaders, so a query costs one round trip per level."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from orggraph.api import enums
from orggraph.api.context import Ctx
from orggraph.domain import entities as e
from orggraph.domain import glossary, model
from orggraph.domain.network import composition_on
from orggraph.graph import network_reads
from orggraph.graph.hops import GovernanceHops, Hops, Nodes

if TYPE_CHECKING:
    from orggraph.api.compounds import (
        FallbackFunding,
        OwnersCommittee,
        PartyOrganization,
        PropertyIssue,
        TripartiteOffice,
    )
    from orggraph.api.governance import Problem
    from orggraph.api.library_types import Need, Resource
    from orggraph.api.party_members import PartyMemberStats, RoadSection, Zone
    from orggraph.api.projects import Project, UnitEvaluation, WorkingCommitteeMember
    from orggraph.api.ratings import BiddingIneligibility, CreditRecord
    from orggraph.api.tasks import Task

_RATINGS = "orggraph.api.ratings"  # credit records, bidding eligibility (issue #14 point 4)
_PROJECTS = "orggraph.api.projects"  # the working committee's people and projects, evaluations (issue #13)
_COMPOUNDS = "orggraph.api.compounds"  # compounds and 红色物业 (issue #14)
_PARTY = "orggraph.api.party_members"  # in-service party members: 双报到, zones (issue #14)


@strawberry.type(description=glossary.describe("Street"))
class Street:
    id: strawberry.ID = strawberry.field(description=glossary.describe("Street", "id"))
    name: str = strawberry.field(description=glossary.describe("Street", "name"))
    source: str = strawberry.field(description=glossary.describe("Street", "source"))

    @classmethod
    def from_entity(cls, s: e.Street) -> Street:
        return cls(id=strawberry.ID(s.id), name=s.name, source=s.source)

    @strawberry.field(description=glossary.describe("Street", "communities"))
    async def communities(self, info: Ctx) -> list[Community]:
        return [
            Community.from_entity(c)
            for c in await info.context.loaders.related(Hops.COMMUNITIES_OF_STREET, self.id)
        ]

    @strawberry.field(name="workingCommittee", description=glossary.describe("Street", "workingCommittee"))
    async def big_working_committee(self, info: Ctx) -> StreetWorkingCommittee | None:
        w = await info.context.loaders.one(Hops.WORKING_COMMITTEE_OF_STREET, self.id)
        return StreetWorkingCommittee.from_entity(w) if w else None


@strawberry.type(description=glossary.describe("StreetWorkingCommittee"))
class StreetWorkingCommittee:
    id: strawberry.ID = strawberry.field(description=glossary.describe("StreetWorkingCommittee", "id"))
    name: str = strawberry.field(description=glossary.describe("StreetWorkingCommittee", "name"))

    @classmethod
    def from_entity(cls, w: e.StreetWorkingCommittee) -> StreetWorkingCommittee:
        return cls(id=strawberry.ID(w.id), name=w.name)

    @strawberry.field(description=glossary.describe("StreetWorkingCommittee", "street"))
    async def street(self, info: Ctx) -> Street | None:
        s = await info.context.loaders.one(Hops.STREET_OF_WORKING_COMMITTEE, self.id)
        return Street.from_entity(s) if s else None

    @strawberry.field(description=glossary.describe("StreetWorkingCommittee", "members"))
    async def members(self, info: Ctx) -> list[Unit]:
        return [
            Unit.from_entity(u)
            for u in await info.context.loaders.related(Hops.MEMBERS_OF_WORKING_COMMITTEE, self.id)
        ]

    @strawberry.field(description=glossary.describe("StreetWorkingCommittee", "partTimeMembers"))
    async def part_time_members(
        self,
        info: Ctx,
        year: Annotated[
            int | None,
            strawberry.argument(
                description=glossary.describe("StreetWorkingCommittee", "partTimeMembers(year)")
            ),
        ] = None,
    ) -> list[Annotated[WorkingCommitteeMember, strawberry.lazy(_PROJECTS)]]:
        from orggraph.api.projects import committee_members

        return await committee_members(info, self.id, year)

    @strawberry.field(description=glossary.describe("StreetWorkingCommittee", "projects"))
    async def projects(
        self,
        info: Ctx,
        year: Annotated[
            int | None,
            strawberry.argument(description=glossary.describe("StreetWorkingCommittee", "projects(year)")),
        ] = None,
    ) -> list[Annotated[Project, strawberry.lazy(_PROJECTS)]]:
        from orggraph.api.projects import projects_of

        return projects_of(
            await info.context.loaders.related(Hops.PROJECTS_OF_WORKING_COMMITTEE, self.id), year
        )


@strawberry.type(description=glossary.describe("Community"))
class Community:
    id: strawberry.ID = strawberry.field(description=glossary.describe("Community", "id"))
    name: str = strawberry.field(description=glossary.describe("Community", "name"))
    households: int = strawberry.field(description=glossary.describe("Community", "households"))
    source: str = strawberry.field(description=glossary.describe("Community", "source"))

    @classmethod
    def from_entity(cls, c: e.Community) -> Community:
        return cls(id=strawberry.ID(c.id), name=c.name, households=c.households, source=c.source)

    @strawberry.field(description=glossary.describe("Community", "street"))
    async def street(self, info: Ctx) -> Street | None:
        s = await info.context.loaders.one(Hops.STREET_OF_COMMUNITY, self.id)
        return Street.from_entity(s) if s else None

    @strawberry.field(description=glossary.describe("Community", "tripartiteOffices"))
    async def tripartite_offices(
        self, info: Ctx
    ) -> list[Annotated[TripartiteOffice, strawberry.lazy(_COMPOUNDS)]]:
        from orggraph.api import compounds  # 红色物业 (issue #14)

        return await compounds.offices_of_community(info, self.id)

    @strawberry.field(description=glossary.describe("Community", "committee"))
    async def committee(self, info: Ctx) -> CommunityCommittee | None:
        k = await info.context.loaders.one(Hops.COMMITTEE_OF_COMMUNITY, self.id)
        return CommunityCommittee.from_entity(k) if k else None

    @strawberry.field(description=glossary.describe("Community", "contactLeaders"))
    async def contact_leaders(self, info: Ctx) -> list[Leader]:
        return [
            Leader.from_entity(x)
            for x in await info.context.loaders.related(Hops.CONTACT_LEADERS_OF_COMMUNITY, self.id)
        ]

    @strawberry.field(description=glossary.describe("Community", "contactHistory"))
    async def contact_history(self, info: Ctx) -> list[LeaderTerm]:
        terms = await network_reads.community_contact_history(info.context.graph, self.id)
        return [LeaderTerm.from_entity(t) for t in terms]

    @strawberry.field(description=glossary.describe("Community", "grids"))
    async def grids(self, info: Ctx) -> list[Grid]:
        return [
            Grid.from_entity(g) for g in await info.context.loaders.related(Hops.GRIDS_OF_COMMUNITY, self.id)
        ]

    @strawberry.field(description=glossary.describe("Community", "needs"))
    async def needs(
        self,
        info: Ctx,
        status: Annotated[
            enums.NeedStatus | None,
            strawberry.argument(description=glossary.describe("Community", "needs(status)")),
        ] = None,
    ) -> list[Annotated[Need, strawberry.lazy("orggraph.api.library_types")]]:
        from orggraph.api.library_types import Need

        found = await info.context.loaders.related(Hops.NEEDS_OF_COMMUNITY, self.id)
        if status is not None:
            found = [n for n in found if n.status.value == status.value]
        return [Need.from_entity(n) for n in found]

    @strawberry.field(description=glossary.describe("Community", "evaluations"))
    async def evaluations(
        self,
        info: Ctx,
        year: Annotated[
            int | None, strawberry.argument(description=glossary.describe("Community", "evaluations(year)"))
        ] = None,
    ) -> list[Annotated[UnitEvaluation, strawberry.lazy(_PROJECTS)]]:
        from orggraph.api.projects import evaluations_of

        rows = await info.context.loaders.related(Hops.EVALUATIONS_BY_COMMUNITY, self.id)
        return evaluations_of([ev for _, ev in rows], year)

    # in-service party members (issue #14)
    @strawberry.field(description=glossary.describe("Community", "pairedUnits"))
    async def paired_units(self, info: Ctx) -> list[Unit]:
        from orggraph.api.party_members import paired_units

        return await paired_units(info, self.id)

    @strawberry.field(description=glossary.describe("Community", "reportedPartyMembers"))
    async def reported_party_members(self, info: Ctx) -> int:
        from orggraph.api.party_members import reported

        return await reported(info, "Community", self.id)

    @strawberry.field(description=glossary.describe("Community", "zones"))
    async def zones(self, info: Ctx) -> list[Annotated[Zone, strawberry.lazy(_PARTY)]]:
        from orggraph.api.party_members import community_zones

        return await community_zones(info, self.id)

    @strawberry.field(description=glossary.describe("Community", "roadSections"))
    async def road_sections(self, info: Ctx) -> list[Annotated[RoadSection, strawberry.lazy(_PARTY)]]:
        from orggraph.api.party_members import road_sections

        return await road_sections(info, self.id)


@strawberry.type(description=glossary.describe("CommunityCommittee"))
class CommunityCommittee:
    id: strawberry.ID = strawberry.field(description=glossary.describe("CommunityCommittee", "id"))
    name: str = strawberry.field(description=glossary.describe("CommunityCommittee", "name"))

    @classmethod
    def from_entity(cls, k: e.CommunityCommittee) -> CommunityCommittee:
        return cls(id=strawberry.ID(k.id), name=k.name)

    @strawberry.field(description=glossary.describe("CommunityCommittee", "community"))
    async def community(self, info: Ctx) -> Community | None:
        c = await info.context.loaders.one(Hops.COMMUNITY_OF_COMMITTEE, self.id)
        return Community.from_entity(c) if c else None

    @strawberry.field(description=glossary.describe("CommunityCommittee", "secretary"))
    async def secretary(self, info: Ctx) -> Person | None:
        p = await info.context.loaders.one(Hops.SECRETARY_OF_COMMITTEE, self.id)
        return Person.from_entity(p) if p else None

    @strawberry.field(description=glossary.describe("CommunityCommittee", "firstSecretary"))
    async def first_secretary(self, info: Ctx) -> Leader | None:
        x = await info.context.loaders.one(Hops.FIRST_SECRETARY_OF_COMMITTEE, self.id)
        return Leader.from_entity(x) if x else None

    @strawberry.field(description=glossary.describe("CommunityCommittee", "members"))
    async def members(
        self,
        info: Ctx,
        seat: Annotated[
            enums.Seat | None,
            strawberry.argument(description=glossary.describe("CommunityCommittee", "members(seat)")),
        ] = None,
    ) -> list[Membership]:
        rows = await info.context.loaders.related(Hops.MEMBERS_OF_COMMITTEE, self.id)
        out = []
        for unit, m in rows:
            if seat is None or m.seat.value == seat.value:
                out.append(Membership.from_entity(m, unit=unit))
        return out

    @strawberry.field(description=glossary.describe("CommunityCommittee", "meetings"))
    async def meetings(self, info: Ctx) -> list[JointMeeting]:
        return [
            JointMeeting.from_entity(m)
            for m in await info.context.loaders.related(Hops.MEETINGS_OF_COMMITTEE, self.id)
        ]

    async def _history(self, info: Ctx) -> e.CommitteeHistory:
        found = await network_reads.committee_history(info.context.graph, self.id)
        return found or e.CommitteeHistory(self.id, (), (), (), ())

    @strawberry.field(description=glossary.describe("CommunityCommittee", "history"))
    async def history(self, info: Ctx) -> CommitteeHistory:
        return CommitteeHistory.from_entity(await self._history(info))

    @strawberry.field(description=glossary.describe("CommunityCommittee", "composition"))
    async def composition(
        self,
        info: Ctx,
        as_of: Annotated[
            date,
            strawberry.argument(description=glossary.describe("CommunityCommittee", "composition(asOf)")),
        ],
    ) -> CommitteeComposition:
        return CommitteeComposition.of(composition_on(await self._history(info), as_of), as_of)


@strawberry.type(description=glossary.describe("SecretaryTerm"))
class SecretaryTerm:
    since: date | None = strawberry.field(description=glossary.describe("SecretaryTerm", "since"))
    until: date | None = strawberry.field(description=glossary.describe("SecretaryTerm", "until"))
    person: Person = strawberry.field(description=glossary.describe("SecretaryTerm", "person"))

    @classmethod
    def from_entity(cls, t: e.PersonTerm) -> SecretaryTerm:
        return cls(since=t.since, until=t.until, person=Person.from_entity(t.person))


@strawberry.type(description=glossary.describe("LeaderTerm"))
class LeaderTerm:
    since: date | None = strawberry.field(description=glossary.describe("LeaderTerm", "since"))
    until: date | None = strawberry.field(description=glossary.describe("LeaderTerm", "until"))
    leader: Leader = strawberry.field(description=glossary.describe("LeaderTerm", "leader"))

    @classmethod
    def from_entity(cls, t: e.LeaderTerm) -> LeaderTerm:
        return cls(since=t.since, until=t.until, leader=Leader.from_entity(t.leader))


def _memberships(h: e.CommitteeHistory) -> list[Membership]:
    return [Membership.from_entity(m, unit=u) for u, m in h.members]


@strawberry.type(description=glossary.describe("CommitteeHistory"))
class CommitteeHistory:
    members: list[Membership] = strawberry.field(description=glossary.describe("CommitteeHistory", "members"))
    secretaries: list[SecretaryTerm] = strawberry.field(
        description=glossary.describe("CommitteeHistory", "secretaries")
    )
    first_secretaries: list[LeaderTerm] = strawberry.field(
        description=glossary.describe("CommitteeHistory", "firstSecretaries")
    )

    @classmethod
    def from_entity(cls, h: e.CommitteeHistory) -> CommitteeHistory:
        return cls(
            members=_memberships(h),
            secretaries=[SecretaryTerm.from_entity(t) for t in h.secretaries],
            first_secretaries=[LeaderTerm.from_entity(t) for t in h.first_secretaries],
        )


@strawberry.type(description=glossary.describe("CommitteeComposition"))
class CommitteeComposition:
    as_of: date = strawberry.field(description=glossary.describe("CommitteeComposition", "asOf"))
    secretary: Person | None = strawberry.field(
        description=glossary.describe("CommitteeComposition", "secretary")
    )
    first_secretary: Leader | None = strawberry.field(
        description=glossary.describe("CommitteeComposition", "firstSecretary")
    )
    members: list[Membership] = strawberry.field(
        description=glossary.describe("CommitteeComposition", "members")
    )
    contact_leaders: list[Leader] = strawberry.field(
        description=glossary.describe("CommitteeComposition", "contactLeaders")
    )

    @classmethod
    def of(cls, h: e.CommitteeHistory, as_of: date) -> CommitteeComposition:
        """The composition on `as_of` (`h`, the history filtered to that day)."""
        members = sorted(h.members, key=lambda x: (x[0].name, x[0].id))
        return cls(
            as_of=as_of,
            secretary=Person.from_entity(h.secretaries[-1].person) if h.secretaries else None,
            first_secretary=Leader.from_entity(h.first_secretaries[-1].leader)
            if h.first_secretaries
            else None,
            members=[Membership.from_entity(m, unit=u) for u, m in members],
            contact_leaders=[Leader.from_entity(t.leader) for t in h.contacts],
        )


@strawberry.type(description=glossary.describe("Membership"))
class Membership:
    seat: enums.Seat = strawberry.field(description=glossary.describe("Membership", "seat"))
    since: date | None = strawberry.field(description=glossary.describe("Membership", "since"))
    until: date | None = strawberry.field(description=glossary.describe("Membership", "until"))
    unit_id: strawberry.Private[str]
    committee_id: strawberry.Private[str]
    unit_entity: strawberry.Private[e.Unit | None]
    committee_entity: strawberry.Private[e.CommunityCommittee | None]

    @classmethod
    def from_entity(
        cls, m: e.Membership, unit: e.Unit | None = None, committee: e.CommunityCommittee | None = None
    ) -> Membership:
        """`unit` and `committee`, when the caller read them with the membership, spare a lookup."""
        return cls(
            seat=enums.to_api(enums.Seat, m.seat),
            since=m.since,
            until=m.until,
            unit_id=m.unit_id,
            committee_id=m.committee_id,
            unit_entity=unit,
            committee_entity=committee,
        )

    @strawberry.field(description=glossary.describe("Membership", "unit"))
    async def unit(self, info: Ctx) -> Unit:
        u = self.unit_entity
        if u is None:
            u = await info.context.loaders.node(Nodes.UNIT, self.unit_id)
        assert u is not None, "a membership's unit exists"
        return Unit.from_entity(u)

    @strawberry.field(description=glossary.describe("Membership", "committee"))
    async def committee(self, info: Ctx) -> CommunityCommittee:
        k = self.committee_entity
        if k is None:
            k = await info.context.loaders.node(Nodes.COMMITTEE, self.committee_id)
        assert k is not None, "a membership's committee exists"
        return CommunityCommittee.from_entity(k)


@strawberry.type(description=glossary.describe("Unit"))
class Unit:
    id: strawberry.ID = strawberry.field(description=glossary.describe("Unit", "id"))
    name: str = strawberry.field(description=glossary.describe("Unit", "name"))
    kind: enums.UnitKind = strawberry.field(description=glossary.describe("Unit", "kind"))
    kind_label: str = strawberry.field(description=glossary.describe("Unit", "kindLabel"))
    party_members: int = strawberry.field(description=glossary.describe("Unit", "partyMembers"))
    source: str = strawberry.field(description=glossary.describe("Unit", "source"))
    non_profit: bool = strawberry.field(description=glossary.describe("Unit", "nonProfit"))

    @classmethod
    def from_entity(cls, u: e.Unit) -> Unit:
        return cls(
            id=strawberry.ID(u.id),
            name=u.name,
            kind=enums.to_api(enums.UnitKind, u.kind),
            kind_label=model.UNIT_KIND_LABELS[u.kind],
            party_members=u.party_members,
            source=u.source,
            non_profit=u.non_profit,
        )

    @strawberry.field(description=glossary.describe("Unit", "managedCompounds"))
    async def managed_compounds(self, info: Ctx) -> list[Compound]:
        from orggraph.api import compounds  # 红色物业 (issue #14)

        return await compounds.managed_compounds(info, self.id)

    @strawberry.field(description=glossary.describe("Unit", "memberships"))
    async def memberships(self, info: Ctx) -> list[Membership]:
        rows = await info.context.loaders.related(Hops.MEMBERSHIPS_OF_UNIT, self.id)
        return [Membership.from_entity(m, committee=k) for k, m in rows]

    @strawberry.field(description=glossary.describe("Unit", "resources"))
    async def resources(
        self, info: Ctx
    ) -> list[Annotated[Resource, strawberry.lazy("orggraph.api.library_types")]]:
        from orggraph.api.library_types import Resource

        return [
            Resource.from_entity(r)
            for r in await info.context.loaders.related(Hops.RESOURCES_OF_UNIT, self.id)
        ]

    @strawberry.field(name="workingCommittees", description=glossary.describe("Unit", "workingCommittees"))
    async def big_working_committees(self, info: Ctx) -> list[StreetWorkingCommittee]:
        rows = await info.context.loaders.related(Hops.WORKING_COMMITTEES_OF_UNIT, self.id)
        return [StreetWorkingCommittee.from_entity(w) for w in rows]

    @strawberry.field(description=glossary.describe("Unit", "evaluations"))
    async def evaluations(
        self,
        info: Ctx,
        year: Annotated[
            int | None, strawberry.argument(description=glossary.describe("Unit", "evaluations(year)"))
        ] = None,
    ) -> list[Annotated[UnitEvaluation, strawberry.lazy(_PROJECTS)]]:
        from orggraph.api.projects import evaluations_of

        rows = await info.context.loaders.related(Hops.EVALUATIONS_OF_UNIT, self.id)
        return evaluations_of([ev for _, ev in rows], year)

    # ratings (issue #14 point 4): the credit file and bidding eligibility, from the published lists
    @strawberry.field(description=glossary.describe("Unit", "creditRecords"))
    async def credit_records(self, info: Ctx) -> list[Annotated[CreditRecord, strawberry.lazy(_RATINGS)]]:
        from orggraph.api.ratings import CreditRecord, credit_records

        return [CreditRecord.from_entity(c) for c in await credit_records(info, self.id)]

    @strawberry.field(description=glossary.describe("Unit", "biddingEligible"))
    async def bidding_eligible(self, info: Ctx) -> bool:
        from orggraph.api.ratings import credit_records, ineligibility

        return ineligibility(await credit_records(info, self.id)) is None

    @strawberry.field(description=glossary.describe("Unit", "biddingIneligibility"))
    async def bidding_ineligibility(
        self, info: Ctx
    ) -> Annotated[BiddingIneligibility, strawberry.lazy(_RATINGS)] | None:
        from orggraph.api.ratings import credit_records, ineligibility

        return ineligibility(await credit_records(info, self.id))

    # in-service party members (issue #14)
    @strawberry.field(description=glossary.describe("Unit", "partyMemberStats"))
    async def party_member_stats(self, info: Ctx) -> Annotated[PartyMemberStats, strawberry.lazy(_PARTY)]:
        from orggraph.api.party_members import unit_stats

        return await unit_stats(info, self.id)

    @strawberry.field(description=glossary.describe("Unit", "pairedCommunities"))
    async def paired_communities(self, info: Ctx) -> list[Community]:
        from orggraph.api.party_members import paired_communities

        return await paired_communities(info, self.id)

    @strawberry.field(description=glossary.describe("Unit", "zones"))
    async def zones(self, info: Ctx) -> list[Annotated[Zone, strawberry.lazy(_PARTY)]]:
        from orggraph.api.party_members import keeper_zones

        return await keeper_zones(info, "Unit", self.id)


MASKED = "***"


def _person_name(info: Ctx, name: str) -> str:
    """People's names are personal data: shown only to signed-in roles other than VIEWER (docs/security.md)."""
    return name if info.context.sees_personal_data else MASKED


@strawberry.type(description=glossary.describe("Leader"))
class Leader:
    id: strawberry.ID = strawberry.field(description=glossary.describe("Leader", "id"))
    title: str = strawberry.field(description=glossary.describe("Leader", "title"))
    retired_on: date | None = strawberry.field(description=glossary.describe("Leader", "retiredOn"))
    real_name: strawberry.Private[str]

    @classmethod
    def from_entity(cls, x: e.Leader) -> Leader:
        return cls(id=strawberry.ID(x.id), title=x.title, retired_on=x.retired_on, real_name=x.name)

    @strawberry.field(description=glossary.describe("Leader", "name"))
    def name(self, info: Ctx) -> str:
        return _person_name(info, self.real_name)

    @strawberry.field(description=glossary.describe("Leader", "contacts"))
    async def contacts(self, info: Ctx) -> list[Community]:
        return [
            Community.from_entity(c)
            for c in await info.context.loaders.related(Hops.CONTACTS_OF_LEADER, self.id)
        ]

    @strawberry.field(description=glossary.describe("Leader", "firstSecretaryOf"))
    async def first_secretary_of(self, info: Ctx) -> list[CommunityCommittee]:
        rows = await info.context.loaders.related(Hops.FIRST_SECRETARY_OF_LEADER, self.id)
        return [CommunityCommittee.from_entity(k) for k in rows]

    @strawberry.field(description=glossary.describe("Leader", "unit"))
    async def unit(self, info: Ctx) -> Unit | None:
        u = await info.context.loaders.one(Hops.UNIT_OF_LEADER, self.id)
        return Unit.from_entity(u) if u else None

    @strawberry.field(description=glossary.describe("Leader", "keyTasks"))
    async def key_tasks(
        self,
        info: Ctx,
        year: Annotated[int | None, strawberry.argument(description="年度:只列该年作出决定的任务")] = None,
    ) -> list[Annotated[Task, strawberry.lazy("orggraph.api.tasks")]]:
        from orggraph.api.tasks import Task
        from orggraph.graph.governance_reads import key_tasks

        return [
            Task.from_entity(t) for t in await key_tasks(info.context.graph, leader_id=self.id, year=year)
        ]


@strawberry.type(description=glossary.describe("Person"))
class Person:
    id: strawberry.ID = strawberry.field(description=glossary.describe("Person", "id"))
    real_name: strawberry.Private[str]

    @classmethod
    def from_entity(cls, p: e.Person) -> Person:
        return cls(id=strawberry.ID(p.id), real_name=p.name)

    @strawberry.field(description=glossary.describe("Person", "name"))
    def name(self, info: Ctx) -> str:
        return _person_name(info, self.real_name)


@strawberry.type(description=glossary.describe("Grid"))
class Grid:
    id: strawberry.ID = strawberry.field(description=glossary.describe("Grid", "id"))
    name: str = strawberry.field(description=glossary.describe("Grid", "name"))
    households: int = strawberry.field(description=glossary.describe("Grid", "households"))
    grid_workers: int = strawberry.field(description=glossary.describe("Grid", "gridWorkers"))
    retired_on: date | None = strawberry.field(description=glossary.describe("Grid", "retiredOn"))

    @classmethod
    def from_entity(cls, g: e.Grid) -> Grid:
        return cls(
            id=strawberry.ID(g.id),
            name=g.name,
            households=g.households,
            grid_workers=g.grid_workers,
            retired_on=g.retired_on,
        )

    @strawberry.field(description=glossary.describe("Grid", "leader"))
    async def leader(self, info: Ctx) -> Person | None:
        p = await info.context.loaders.one(Hops.LEADER_OF_GRID, self.id)
        return Person.from_entity(p) if p else None

    @strawberry.field(description=glossary.describe("Grid", "compounds"))
    async def compounds(self, info: Ctx) -> list[Compound]:
        return [
            Compound.from_entity(c)
            for c in await info.context.loaders.related(Hops.COMPOUNDS_OF_GRID, self.id)
        ]


@strawberry.type(description=glossary.describe("Compound"))
class Compound:
    id: strawberry.ID = strawberry.field(description=glossary.describe("Compound", "id"))
    name: str = strawberry.field(description=glossary.describe("Compound", "name"))
    kind: enums.CompoundKind = strawberry.field(description=glossary.describe("Compound", "kind"))
    households: int = strawberry.field(description=glossary.describe("Compound", "households"))
    has_party_branch: bool = strawberry.field(description=glossary.describe("Compound", "hasPartyBranch"))
    source: str = strawberry.field(description=glossary.describe("Compound", "source"))
    retired_on: date | None = strawberry.field(description=glossary.describe("Compound", "retiredOn"))

    @strawberry.field(description=glossary.describe("Compound", "grids"))
    async def grids(self, info: Ctx) -> list[Grid]:
        return [
            Grid.from_entity(g) for g in await info.context.loaders.related(Hops.GRIDS_OF_COMPOUND, self.id)
        ]

    # ------------------------------------------------------------ 红色物业 (issue #14): resolved in api/compounds.py
    @strawberry.field(description=glossary.describe("Compound", "grid"))
    async def grid(self, info: Ctx) -> Grid | None:
        g = await info.context.loaders.one(Hops.GRIDS_OF_COMPOUND, self.id)
        return Grid.from_entity(g) if g else None

    @strawberry.field(name="propertyCompany", description=glossary.describe("Compound", "propertyCompany"))
    async def property_company(self, info: Ctx) -> Unit | None:
        from orggraph.api import compounds

        return await compounds.property_company(info, self.id)

    @strawberry.field(description=glossary.describe("Compound", "ownersCommittee"))
    async def owners_committee(
        self, info: Ctx
    ) -> Annotated[OwnersCommittee, strawberry.lazy(_COMPOUNDS)] | None:
        from orggraph.api import compounds

        return await compounds.owners_committee(info, self.id)

    @strawberry.field(description=glossary.describe("Compound", "partyOrganizations"))
    async def party_organizations(
        self, info: Ctx
    ) -> list[Annotated[PartyOrganization, strawberry.lazy(_COMPOUNDS)]]:
        from orggraph.api import compounds

        return await compounds.party_organizations(info, self.id)

    @strawberry.field(description=glossary.describe("Compound", "feeCollectionRate"))
    async def fee_collection_rate(self, info: Ctx) -> float | None:
        from orggraph.api import compounds

        g = await compounds.governance_of(info, self.id)
        return g.fee_collection_rate if g else None

    @strawberry.field(description=glossary.describe("Compound", "feeMeasuredOn"))
    async def fee_measured_on(self, info: Ctx) -> date | None:
        from orggraph.api import compounds

        g = await compounds.governance_of(info, self.id)
        return g.fee_measured_on if g else None

    @strawberry.field(description=glossary.describe("Compound", "demonstration"))
    async def demonstration(self, info: Ctx) -> bool:
        from orggraph.api import compounds

        g = await compounds.governance_of(info, self.id)
        return bool(g and g.demonstration)

    @strawberry.field(description=glossary.describe("Compound", "fallbackFunding"))
    async def fallback_funding(
        self, info: Ctx
    ) -> Annotated[FallbackFunding, strawberry.lazy(_COMPOUNDS)] | None:
        from orggraph.api import compounds

        g = await compounds.governance_of(info, self.id)
        return compounds.FallbackFunding.from_entity(g.funding) if g and g.funding else None

    @strawberry.field(description=glossary.describe("Compound", "tripartiteOffices"))
    async def tripartite_offices(
        self, info: Ctx
    ) -> list[Annotated[TripartiteOffice, strawberry.lazy(_COMPOUNDS)]]:
        from orggraph.api import compounds

        return await compounds.offices_of_compound(info, self.id)

    @strawberry.field(description=glossary.describe("Compound", "propertyIssues"))
    async def property_issues(self, info: Ctx) -> list[Annotated[PropertyIssue, strawberry.lazy(_COMPOUNDS)]]:
        from orggraph.api import compounds

        return await compounds.issues_of_compound(info, self.id)

    @classmethod
    def from_entity(cls, c: e.Compound) -> Compound:
        return cls(
            id=strawberry.ID(c.id),
            name=c.name,
            kind=enums.to_api(enums.CompoundKind, c.kind),
            households=c.households,
            has_party_branch=c.has_party_branch,
            source=c.source,
            retired_on=c.retired_on,
        )

    # in-service party members (issue #14)
    @strawberry.field(description=glossary.describe("Compound", "reportedPartyMembers"))
    async def reported_party_members(self, info: Ctx) -> int:
        from orggraph.api.party_members import reported

        return await reported(info, "Compound", self.id)


@strawberry.type(description=glossary.describe("JointMeeting"))
class JointMeeting:
    id: strawberry.ID = strawberry.field(description=glossary.describe("JointMeeting", "id"))
    held_on: date = strawberry.field(description=glossary.describe("JointMeeting", "heldOn"))
    topic: str = strawberry.field(description=glossary.describe("JointMeeting", "topic"))

    @classmethod
    def from_entity(cls, m: e.JointMeeting) -> JointMeeting:
        return cls(id=strawberry.ID(m.id), held_on=m.held_on, topic=m.topic)

    @strawberry.field(description=glossary.describe("JointMeeting", "problemsSolved"))
    async def problems_solved(self, info: Ctx) -> int:
        solved = await info.context.loaders.node(GovernanceHops.SOLVED_BY_MEETING, self.id)
        return solved or 0

    @strawberry.field(description=glossary.describe("JointMeeting", "workingCommittee"))
    async def working_committee(self, info: Ctx) -> StreetWorkingCommittee | None:
        k = await info.context.loaders.one(GovernanceHops.WORKING_COMMITTEE_OF_MEETING, self.id)
        return StreetWorkingCommittee.from_entity(k) if k else None

    @strawberry.field(description=glossary.describe("JointMeeting", "attendees"))
    async def attendees(self, info: Ctx) -> list[Unit]:
        return [
            Unit.from_entity(u)
            for u in await info.context.loaders.related(GovernanceHops.ATTENDEES_OF_MEETING, self.id)
        ]

    @strawberry.field(description=glossary.describe("JointMeeting", "problems"))
    async def problems(
        self, info: Ctx
    ) -> list[Annotated[Problem, strawberry.lazy("orggraph.api.governance")]]:
        from orggraph.api.governance import Problem

        ids = await info.context.loaders.related(GovernanceHops.TABLED_PROBLEMS, self.id)
        found = await info.context.loaders.nodes(GovernanceHops.PROBLEM, ids)
        return [Problem.from_entity(p) for p in found if p is not None]

    @strawberry.field(description=glossary.describe("JointMeeting", "needs"))
    async def needs(self, info: Ctx) -> list[Annotated[Need, strawberry.lazy("orggraph.api.library_types")]]:
        from orggraph.api.library_types import Need

        return [
            Need.from_entity(n)
            for n in await info.context.loaders.related(GovernanceHops.TABLED_NEEDS, self.id)
        ]

    @strawberry.field(description=glossary.describe("JointMeeting", "decisions"))
    async def decisions(self, info: Ctx) -> list[Annotated[Task, strawberry.lazy("orggraph.api.tasks")]]:
        from orggraph.api.tasks import Task

        ids = await info.context.loaders.related(GovernanceHops.DECISIONS_OF_MEETING, self.id)
        found = await info.context.loaders.nodes(GovernanceHops.TASK, ids)
        return [Task.from_entity(t) for t in found if t is not None]

    @strawberry.field(description=glossary.describe("JointMeeting", "committee"))
    async def committee(self, info: Ctx) -> CommunityCommittee | None:
        k = await info.context.loaders.one(Hops.COMMITTEE_OF_MEETING, self.id)
        return CommunityCommittee.from_entity(k) if k else None


@strawberry.type(description=glossary.describe("NetworkNode"))
class NetworkNode:
    id: strawberry.ID = strawberry.field(description=glossary.describe("NetworkNode", "id"))
    label: str = strawberry.field(description=glossary.describe("NetworkNode", "label"))
    kind: str | None = strawberry.field(description=glossary.describe("NetworkNode", "kind"))
    real_name: strawberry.Private[str]

    @strawberry.field(description=glossary.describe("NetworkNode", "name"))
    def name(self, info: Ctx) -> str:
        return _person_name(info, self.real_name) if self.label in ("Person", "Leader") else self.real_name


@strawberry.type(description=glossary.describe("NetworkEdge"))
class NetworkEdge:
    source: strawberry.ID = strawberry.field(description=glossary.describe("NetworkEdge", "source"))
    target: strawberry.ID = strawberry.field(description=glossary.describe("NetworkEdge", "target"))
    type: str = strawberry.field(description=glossary.describe("NetworkEdge", "type"))


@strawberry.type(description=glossary.describe("Network"))
class Network:
    nodes: list[NetworkNode] = strawberry.field(description=glossary.describe("Network", "nodes"))
    edges: list[NetworkEdge] = strawberry.field(description=glossary.describe("Network", "edges"))
    truncated: bool = strawberry.field(description=glossary.describe("Network", "truncated"))

    @classmethod
    def from_entity(cls, n: e.Network) -> Network:
        return cls(
            nodes=[
                NetworkNode(id=strawberry.ID(x.id), label=x.label, kind=x.kind, real_name=x.name)
                for x in n.nodes
            ],
            edges=[
                NetworkEdge(source=strawberry.ID(x.source), target=strawberry.ID(x.target), type=x.type)
                for x in n.edges
            ],
            truncated=n.truncated,
        )


@strawberry.type(description=glossary.describe("Count"))
class Count:
    key: str = strawberry.field(description=glossary.describe("Count", "key"))
    label: str = strawberry.field(description=glossary.describe("Count", "label"))
    count: int = strawberry.field(description=glossary.describe("Count", "count"))


def _stat(name: str) -> Any:
    return strawberry.field(description=glossary.describe("CityStats", name))


@strawberry.type(description=glossary.describe("CityStats"))
class CityStats:
    streets: int = _stat("streets")
    communities: int = _stat("communities")
    grids: int = _stat("grids")
    grid_workers: int = _stat("gridWorkers")
    compounds: int = _stat("compounds")
    compound_party_organizations: int = _stat("compoundPartyOrganizations")
    community_committees: int = _stat("communityCommittees")
    street_working_committees: int = _stat("streetWorkingCommittees")
    member_units: int = _stat("memberUnits")
    members_by_seat: list[Count] = _stat("membersBySeat")
    units_by_kind: list[Count] = _stat("unitsByKind")
    contact_points: int = _stat("contactPoints")
    needs_by_status: list[Count] = _stat("needsByStatus")
    resources: int = _stat("resources")
    joint_meetings: int = _stat("jointMeetings")
    problems_solved: int = _stat("problemsSolved")

    @strawberry.field(description=glossary.describe("CityStats", "partyOrganizationsByKind"))
    async def party_organizations_by_kind(self, info: Ctx) -> list[Count]:
        from orggraph.api import compounds  # 红色物业 (issue #14)

        return await compounds.party_organizations_by_kind(info)

    @classmethod
    def from_entity(cls, s: e.CityStats) -> CityStats:
        def counts(rows: tuple[e.Count, ...], labels: dict[Any, str], enum: Any) -> list[Count]:
            return [Count(key=c.key, label=labels.get(enum(c.key), c.key), count=c.count) for c in rows]

        return cls(
            streets=s.streets,
            communities=s.communities,
            grids=s.grids,
            grid_workers=s.grid_workers,
            compounds=s.compounds,
            compound_party_organizations=s.compound_party_organizations,
            community_committees=s.community_committees,
            street_working_committees=s.street_working_committees,
            member_units=s.member_units,
            members_by_seat=counts(s.members_by_seat, model.SEAT_LABELS, model.Seat),
            units_by_kind=counts(s.units_by_kind, model.UNIT_KIND_LABELS, model.UnitKind),
            contact_points=s.contact_points,
            needs_by_status=counts(s.needs_by_status, model.NEED_STATUS_LABELS, model.NeedStatus),
            resources=s.resources,
            joint_meetings=s.joint_meetings,
            problems_solved=s.problems_solved,
        )
