"""The co-building network in the API: its queries (communities, streets, units, leaders, committees,
the network around a node, the city's figures) and the mutations that keep it current."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from orggraph.api import enums
from orggraph.api.context import Ctx
from orggraph.api.network_types import (
    CityStats,
    Community,
    CommunityCommittee,
    Compound,
    Grid,
    Leader,
    Network,
    Person,
    Street,
    Unit,
)
from orggraph.api.relay import After, Before, Connection, First, Last, selects_total, window
from orggraph.api.words import arg, input_field
from orggraph.domain import commands, glossary, model
from orggraph.domain.errors import not_found
from orggraph.graph import network_reads
from orggraph.graph.hops import Nodes
from orggraph.services import network

Arg = strawberry.argument


@strawberry.type(description="社区分页列表")
class CommunityConnection(Connection[Community]):
    pass


@strawberry.type(description="成员单位分页列表")
class UnitConnection(Connection[Unit]):
    pass


@strawberry.type
class NetworkQuery:
    @strawberry.field(description="社区列表(分页),可按街道筛选、按名称搜索")
    async def communities(
        self,
        info: Ctx,
        street_id: Annotated[strawberry.ID | None, Arg(description="只列此街道的社区")] = None,
        search: Annotated[str | None, Arg(description="名称包含的文字")] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> CommunityConnection:
        page = await network_reads.community_page(
            info.context.graph,
            window(first, after, last, before),
            street_id=street_id,
            search=search,
            counted=selects_total(info),
        )
        return CommunityConnection.of(page, Community.from_entity)

    @strawberry.field(description=glossary.use_case("community"))
    async def community(
        self, info: Ctx, id: Annotated[strawberry.ID, arg("community", "id")]
    ) -> Community | None:
        c = await info.context.loaders.node(Nodes.COMMUNITY, id)
        return Community.from_entity(c) if c else None

    @strawberry.field(description=glossary.use_case("streets"))
    async def streets(
        self, info: Ctx, city_id: Annotated[strawberry.ID | None, arg("streets", "cityId")] = None
    ) -> list[Street]:
        graph = info.context.graph
        found = await (
            network_reads.all_streets(graph)
            if city_id is None
            else network_reads.streets_of_city(graph, city_id)
        )
        return [Street.from_entity(s) for s in found]

    @strawberry.field(description=glossary.use_case("street"))
    async def street(self, info: Ctx, id: Annotated[strawberry.ID, arg("street", "id")]) -> Street | None:
        s = await info.context.loaders.node(Nodes.STREET, id)
        return Street.from_entity(s) if s else None

    @strawberry.field(description="成员单位列表(分页),可按类型筛选、按名称搜索")
    async def units(
        self,
        info: Ctx,
        kind: Annotated[enums.UnitKind | None, Arg(description="只列此类型的单位")] = None,
        search: Annotated[str | None, Arg(description="名称包含的文字")] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> UnitConnection:
        page = await network_reads.unit_page(
            info.context.graph,
            window(first, after, last, before),
            kind=enums.to_domain(model.UnitKind, kind) if kind else None,
            search=search,
            counted=selects_total(info),
        )
        return UnitConnection.of(page, Unit.from_entity)

    @strawberry.field(description=glossary.use_case("unit"))
    async def unit(self, info: Ctx, id: Annotated[strawberry.ID, arg("unit", "id")]) -> Unit | None:
        u = await info.context.loaders.node(Nodes.UNIT, id)
        return Unit.from_entity(u) if u else None

    @strawberry.field(description=glossary.use_case("leaders"))
    async def leaders(
        self, info: Ctx, city_id: Annotated[strawberry.ID | None, arg("leaders", "cityId")] = None
    ) -> list[Leader]:
        graph = info.context.graph
        found = await (
            network_reads.all_leaders(graph)
            if city_id is None
            else network_reads.leaders_of_city(graph, city_id)
        )
        return [Leader.from_entity(x) for x in found]

    @strawberry.field(description=glossary.use_case("leader"))
    async def leader(self, info: Ctx, id: Annotated[strawberry.ID, arg("leader", "id")]) -> Leader | None:
        x = await info.context.loaders.node(Nodes.LEADER, id)
        return Leader.from_entity(x) if x else None

    @strawberry.field(description=glossary.use_case("committee"))
    async def committee(
        self, info: Ctx, id: Annotated[strawberry.ID, arg("committee", "id")]
    ) -> CommunityCommittee | None:
        k = await info.context.loaders.node(Nodes.COMMITTEE, id)
        return CommunityCommittee.from_entity(k) if k else None

    @strawberry.field(description=glossary.use_case("network"))
    async def network(
        self,
        info: Ctx,
        center_id: Annotated[strawberry.ID, arg("network", "centerId")],
        depth: Annotated[int, arg("network", "depth")] = 2,
    ) -> Network:
        found = await network_reads.network(
            info.context.graph, center_id, depth, pii=info.context.sees_personal_data
        )
        if found is None:
            raise not_found("社区、街道、单位或市领导", center_id, "centerId")
        return Network.from_entity(found)


@strawberry.type
class CityQuery:
    @strawberry.field(description=glossary.use_case("cityStats"))
    async def city_stats(
        self, info: Ctx, city_id: Annotated[strawberry.ID | None, arg("cityStats", "cityId")] = None
    ) -> CityStats:
        return CityStats.from_entity(await network_reads.city_stats(info.context.graph, city_id))


@strawberry.input(description=glossary.input_type("createUnit"))
class CreateUnitInput:
    name: str = input_field("Unit", "name")
    kind: enums.UnitKind = input_field("Unit", "kind")
    party_members: int = input_field("Unit", "partyMembers", default=0)
    id: strawberry.ID | None = input_field("Unit", "id", default=None)


@strawberry.input(description=glossary.input_type("updateUnit"))
class UpdateUnitInput:
    id: strawberry.ID = strawberry.field(description=glossary.describe("Unit", "id"))
    name: str | None = input_field("Unit", "name", default=None)
    kind: enums.UnitKind | None = input_field("Unit", "kind", default=None)
    party_members: int | None = input_field("Unit", "partyMembers", default=None)


@strawberry.input(description=glossary.input_type("createLeader"))
class CreateLeaderInput:
    name: str = input_field("Leader", "name")
    title: str = input_field("Leader", "title")
    unit_id: strawberry.ID | None = input_field("Leader", "unitId", default=None)
    id: strawberry.ID | None = input_field("Leader", "id", default=None)


@strawberry.input(description=glossary.input_type("updateLeader"))
class UpdateLeaderInput:
    id: strawberry.ID = strawberry.field(description=glossary.describe("Leader", "id"))
    name: str | None = input_field("Leader", "name", default=None)
    title: str | None = input_field("Leader", "title", default=None)
    unit_id: strawberry.ID | None = input_field("Leader", "unitId", default=None)


@strawberry.input(description=glossary.input_type("createPerson"))
class CreatePersonInput:
    name: str = input_field("Person", "name")
    id: strawberry.ID | None = input_field("Person", "id", default=None)


@strawberry.input(description=glossary.input_type("updatePerson"))
class UpdatePersonInput:
    id: strawberry.ID = strawberry.field(description=glossary.describe("Person", "id"))
    name: str = input_field("Person", "name")


@strawberry.input(description=glossary.input_type("createGrid"))
class CreateGridInput:
    community_id: strawberry.ID = input_field("Grid", "communityId")
    name: str = input_field("Grid", "name")
    households: int = input_field("Grid", "households")
    grid_workers: int = input_field("Grid", "gridWorkers", default=0)
    leader_id: strawberry.ID | None = input_field("Grid", "leaderId", default=None)
    id: strawberry.ID | None = input_field("Grid", "id", default=None)


@strawberry.input(description=glossary.input_type("updateGrid"))
class UpdateGridInput:
    id: strawberry.ID = strawberry.field(description=glossary.describe("Grid", "id"))
    name: str | None = input_field("Grid", "name", default=None)
    households: int | None = input_field("Grid", "households", default=None)
    grid_workers: int | None = input_field("Grid", "gridWorkers", default=None)
    leader_id: strawberry.ID | None = input_field("Grid", "leaderId", default=None)


@strawberry.input(description=glossary.input_type("createCompound"))
class CreateCompoundInput:
    name: str = input_field("Compound", "name")
    kind: enums.CompoundKind = input_field("Compound", "kind")
    households: int = input_field("Compound", "households")
    grid_ids: list[strawberry.ID] = input_field("Compound", "gridIds")
    has_party_branch: bool = input_field("Compound", "hasPartyBranch", default=False)
    id: strawberry.ID | None = input_field("Compound", "id", default=None)


@strawberry.input(description=glossary.input_type("updateCompound"))
class UpdateCompoundInput:
    id: strawberry.ID = strawberry.field(description=glossary.describe("Compound", "id"))
    name: str | None = input_field("Compound", "name", default=None)
    kind: enums.CompoundKind | None = input_field("Compound", "kind", default=None)
    households: int | None = input_field("Compound", "households", default=None)
    has_party_branch: bool | None = input_field("Compound", "hasPartyBranch", default=None)
    grid_ids: list[strawberry.ID] | None = input_field("Compound", "gridIds", default=None)


@strawberry.type
class NetworkMutation:
    @strawberry.mutation(description=glossary.use_case("createUnit"))
    async def create_unit(
        self, info: Ctx, input: Annotated[CreateUnitInput, arg("createUnit", "input")]
    ) -> Unit:
        cmd = commands.NewUnit(
            name=input.name,
            kind=enums.to_domain(model.UnitKind, input.kind),
            party_members=input.party_members,
            id=input.id,
        )
        return Unit.from_entity(await network.create_unit(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("updateUnit"))
    async def update_unit(
        self, info: Ctx, input: Annotated[UpdateUnitInput, arg("updateUnit", "input")]
    ) -> Unit:
        cmd = commands.UnitChanges(
            id=input.id,
            name=input.name,
            party_members=input.party_members,
            kind=enums.to_domain(model.UnitKind, input.kind) if input.kind is not None else None,
        )
        return Unit.from_entity(await network.update_unit(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("addCommitteeMember"))
    async def add_committee_member(
        self,
        info: Ctx,
        committee_id: Annotated[strawberry.ID, arg("addCommitteeMember", "committeeId")],
        unit_id: Annotated[strawberry.ID, arg("addCommitteeMember", "unitId")],
        seat: Annotated[enums.Seat, arg("addCommitteeMember", "seat")],
        since: Annotated[date | None, arg("addCommitteeMember", "since")] = None,
    ) -> CommunityCommittee:
        cmd = commands.NewMember(committee_id, unit_id, enums.to_domain(model.Seat, seat), since)
        k = await network.add_committee_member(info.context.graph, info.context.caller, cmd)
        return CommunityCommittee.from_entity(k)

    @strawberry.mutation(description=glossary.use_case("removeCommitteeMember"))
    async def remove_committee_member(
        self,
        info: Ctx,
        committee_id: Annotated[strawberry.ID, arg("removeCommitteeMember", "committeeId")],
        unit_id: Annotated[strawberry.ID, arg("removeCommitteeMember", "unitId")],
        until: Annotated[date | None, arg("removeCommitteeMember", "until")] = None,
    ) -> CommunityCommittee:
        cmd = commands.MemberRemoval(committee_id, unit_id, until)
        k = await network.remove_committee_member(info.context.graph, info.context.caller, cmd)
        return CommunityCommittee.from_entity(k)

    @strawberry.mutation(description=glossary.use_case("setContactLeader"))
    async def set_contact_leader(
        self,
        info: Ctx,
        community_id: Annotated[strawberry.ID, arg("setContactLeader", "communityId")],
        leader_id: Annotated[strawberry.ID, arg("setContactLeader", "leaderId")],
        since: Annotated[date | None, arg("setContactLeader", "since")] = None,
    ) -> Community:
        cmd = commands.ContactLeader(community_id, leader_id, since)
        return Community.from_entity(
            await network.set_contact_leader(info.context.graph, info.context.caller, cmd)
        )

    # ------------------------------------------------------------ leaders, people, grids, compounds (#13)

    @strawberry.mutation(description=glossary.use_case("createLeader"))
    async def create_leader(
        self, info: Ctx, input: Annotated[CreateLeaderInput, arg("createLeader", "input")]
    ) -> Leader:
        cmd = commands.NewLeader(name=input.name, title=input.title, unit_id=input.unit_id, id=input.id)
        return Leader.from_entity(await network.create_leader(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("updateLeader"))
    async def update_leader(
        self, info: Ctx, input: Annotated[UpdateLeaderInput, arg("updateLeader", "input")]
    ) -> Leader:
        cmd = commands.LeaderChanges(id=input.id, name=input.name, title=input.title, unit_id=input.unit_id)
        return Leader.from_entity(await network.update_leader(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("retireLeader"))
    async def retire_leader(
        self,
        info: Ctx,
        id: Annotated[strawberry.ID, arg("retireLeader", "id")],
        on: Annotated[date | None, arg("retireLeader", "on")] = None,
    ) -> Leader:
        cmd = commands.Retirement(id, on)
        return Leader.from_entity(await network.retire_leader(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("createPerson"))
    async def create_person(
        self, info: Ctx, input: Annotated[CreatePersonInput, arg("createPerson", "input")]
    ) -> Person:
        cmd = commands.NewPerson(name=input.name, id=input.id)
        return Person.from_entity(await network.create_person(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("updatePerson"))
    async def update_person(
        self, info: Ctx, input: Annotated[UpdatePersonInput, arg("updatePerson", "input")]
    ) -> Person:
        cmd = commands.PersonChanges(id=input.id, name=input.name)
        return Person.from_entity(await network.update_person(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("setCommitteeSecretary"))
    async def set_committee_secretary(
        self,
        info: Ctx,
        committee_id: Annotated[strawberry.ID, arg("setCommitteeSecretary", "committeeId")],
        person_id: Annotated[strawberry.ID, arg("setCommitteeSecretary", "personId")],
        since: Annotated[date | None, arg("setCommitteeSecretary", "since")] = None,
    ) -> CommunityCommittee:
        cmd = commands.SecretaryChange(committee_id, person_id, since)
        k = await network.set_committee_secretary(info.context.graph, info.context.caller, cmd)
        return CommunityCommittee.from_entity(k)

    @strawberry.mutation(description=glossary.use_case("createGrid"))
    async def create_grid(
        self, info: Ctx, input: Annotated[CreateGridInput, arg("createGrid", "input")]
    ) -> Grid:
        cmd = commands.NewGrid(
            community_id=input.community_id,
            name=input.name,
            households=input.households,
            grid_workers=input.grid_workers,
            leader_id=input.leader_id,
            id=input.id,
        )
        return Grid.from_entity(await network.create_grid(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("updateGrid"))
    async def update_grid(
        self, info: Ctx, input: Annotated[UpdateGridInput, arg("updateGrid", "input")]
    ) -> Grid:
        cmd = commands.GridChanges(
            id=input.id,
            name=input.name,
            households=input.households,
            grid_workers=input.grid_workers,
            leader_id=input.leader_id,
        )
        return Grid.from_entity(await network.update_grid(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("retireGrid"))
    async def retire_grid(
        self,
        info: Ctx,
        id: Annotated[strawberry.ID, arg("retireGrid", "id")],
        on: Annotated[date | None, arg("retireGrid", "on")] = None,
    ) -> Grid:
        cmd = commands.Retirement(id, on)
        return Grid.from_entity(await network.retire_grid(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("createCompound"))
    async def create_compound(
        self, info: Ctx, input: Annotated[CreateCompoundInput, arg("createCompound", "input")]
    ) -> Compound:
        cmd = commands.NewCompound(
            name=input.name,
            kind=enums.to_domain(model.CompoundKind, input.kind),
            households=input.households,
            grid_ids=tuple(input.grid_ids),
            has_party_branch=input.has_party_branch,
            id=input.id,
        )
        return Compound.from_entity(
            await network.create_compound(info.context.graph, info.context.caller, cmd)
        )

    @strawberry.mutation(description=glossary.use_case("updateCompound"))
    async def update_compound(
        self, info: Ctx, input: Annotated[UpdateCompoundInput, arg("updateCompound", "input")]
    ) -> Compound:
        cmd = commands.CompoundChanges(
            id=input.id,
            name=input.name,
            kind=enums.to_domain(model.CompoundKind, input.kind) if input.kind is not None else None,
            households=input.households,
            has_party_branch=input.has_party_branch,
            grid_ids=tuple(input.grid_ids) if input.grid_ids is not None else None,
        )
        return Compound.from_entity(
            await network.update_compound(info.context.graph, info.context.caller, cmd)
        )

    @strawberry.mutation(description=glossary.use_case("retireCompound"))
    async def retire_compound(
        self,
        info: Ctx,
        id: Annotated[strawberry.ID, arg("retireCompound", "id")],
        on: Annotated[date | None, arg("retireCompound", "on")] = None,
    ) -> Compound:
        cmd = commands.Retirement(id, on)
        return Compound.from_entity(
            await network.retire_compound(info.context.graph, info.context.caller, cmd)
        )
