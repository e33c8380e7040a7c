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
    Leader,
    Network,
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
    async def streets(self, info: Ctx) -> list[Street]:
        return [Street.from_entity(s) for s in await network_reads.all_streets(info.context.graph)]

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
    async def leaders(self, info: Ctx) -> list[Leader]:
        return [Leader.from_entity(x) for x in await network_reads.all_leaders(info.context.graph)]

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
    async def city_stats(self, info: Ctx) -> CityStats:
        return CityStats.from_entity(await network_reads.city_stats(info.context.graph))


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
    ) -> CommunityCommittee:
        cmd = commands.MemberRemoval(committee_id, unit_id)
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
