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
    JointMeeting,
    Leader,
    Network,
    Street,
    Unit,
)
from orggraph.api.relay import After, Before, Connection, First, Last, window
from orggraph.domain import commands, model
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
            info.context.graph, window(first, after, last, before), street_id=street_id, search=search
        )
        return CommunityConnection.of(page, Community.from_entity)

    @strawberry.field(description="按编号查社区")
    async def community(self, info: Ctx, id: strawberry.ID) -> Community | None:
        c = await info.context.loaders.node(Nodes.COMMUNITY, id)
        return Community.from_entity(c) if c else None

    @strawberry.field(description="全部街道")
    async def streets(self, info: Ctx) -> list[Street]:
        return [Street.from_entity(s) for s in await network_reads.all_streets(info.context.graph)]

    @strawberry.field(description="按编号查街道")
    async def street(self, info: Ctx, id: strawberry.ID) -> Street | None:
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
        )
        return UnitConnection.of(page, Unit.from_entity)

    @strawberry.field(description="按编号查成员单位")
    async def unit(self, info: Ctx, id: strawberry.ID) -> Unit | None:
        u = await info.context.loaders.node(Nodes.UNIT, id)
        return Unit.from_entity(u) if u else None

    @strawberry.field(description="全部联系社区的市领导")
    async def leaders(self, info: Ctx) -> list[Leader]:
        return [Leader.from_entity(x) for x in await network_reads.all_leaders(info.context.graph)]

    @strawberry.field(description="按编号查市领导")
    async def leader(self, info: Ctx, id: strawberry.ID) -> Leader | None:
        x = await info.context.loaders.node(Nodes.LEADER, id)
        return Leader.from_entity(x) if x else None

    @strawberry.field(description="按编号查社区大党委")
    async def committee(self, info: Ctx, id: strawberry.ID) -> CommunityCommittee | None:
        k = await info.context.loaders.node(Nodes.COMMITTEE, id)
        return CommunityCommittee.from_entity(k) if k else None

    @strawberry.field(description="以社区、街道、单位、市领导或大党委为中心的共建网络;depth 取 1-3")
    async def network(self, info: Ctx, center_id: strawberry.ID, depth: int = 2) -> Network:
        found = await network_reads.network(info.context.graph, center_id, depth)
        if found is None:
            raise not_found("社区、街道、单位或市领导", center_id, "centerId")
        return Network.from_entity(found)


@strawberry.type
class CityQuery:
    @strawberry.field(description="全市概况:组织部上报的数字")
    async def city_stats(self, info: Ctx) -> CityStats:
        return CityStats.from_entity(await network_reads.city_stats(info.context.graph))


@strawberry.input(description="新建成员单位")
class CreateUnitInput:
    name: str
    kind: enums.UnitKind
    party_members: int = 0
    id: strawberry.ID | None = strawberry.field(default=None, description="不填则自动生成")


@strawberry.input(description="修改成员单位;不填的字段保持不变")
class UpdateUnitInput:
    id: strawberry.ID
    name: str | None = None
    kind: enums.UnitKind | None = None
    party_members: int | None = None


@strawberry.input(description="记录一次社区大党委联席会议")
class RecordJointMeetingInput:
    committee_id: strawberry.ID
    held_on: date
    topic: str
    problems_solved: int = 0
    id: strawberry.ID | None = None


@strawberry.type
class NetworkMutation:
    @strawberry.mutation(description="新建成员单位")
    async def create_unit(self, info: Ctx, input: CreateUnitInput) -> Unit:
        cmd = commands.NewUnit(
            name=input.name,
            kind=enums.to_domain(model.UnitKind, input.kind),
            party_members=input.party_members,
            id=input.id,
        )
        return Unit.from_entity(await network.create_unit(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description="修改成员单位(改类型时须与其大党委席位一致)")
    async def update_unit(self, info: Ctx, input: UpdateUnitInput) -> Unit:
        cmd = commands.UnitChanges(
            id=input.id,
            name=input.name,
            party_members=input.party_members,
            kind=enums.to_domain(model.UnitKind, input.kind) if input.kind is not None else None,
        )
        return Unit.from_entity(await network.update_unit(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(
        description="增补社区大党委成员单位;席位须与单位类型一致(机关企事业单位为 X,非公企业和社会组织为 N)"
    )
    async def add_committee_member(
        self,
        info: Ctx,
        committee_id: strawberry.ID,
        unit_id: strawberry.ID,
        seat: enums.Seat,
        since: date | None = None,
    ) -> CommunityCommittee:
        cmd = commands.NewMember(committee_id, unit_id, enums.to_domain(model.Seat, seat), since)
        k = await network.add_committee_member(info.context.graph, info.context.caller, cmd)
        return CommunityCommittee.from_entity(k)

    @strawberry.mutation(description="移出社区大党委成员单位;不能移出某一席位的最后一家单位")
    async def remove_committee_member(
        self, info: Ctx, committee_id: strawberry.ID, unit_id: strawberry.ID
    ) -> CommunityCommittee:
        cmd = commands.MemberRemoval(committee_id, unit_id)
        k = await network.remove_committee_member(info.context.graph, info.context.caller, cmd)
        return CommunityCommittee.from_entity(k)

    @strawberry.mutation(
        description="设置社区的联系市领导,该领导同时任其大党委第一书记;若该领导原联系另一社区,两位领导互换联系点"
    )
    async def set_contact_leader(
        self, info: Ctx, community_id: strawberry.ID, leader_id: strawberry.ID, since: date | None = None
    ) -> Community:
        cmd = commands.ContactLeader(community_id, leader_id, since)
        return Community.from_entity(
            await network.set_contact_leader(info.context.graph, info.context.caller, cmd)
        )

    @strawberry.mutation(description="记录一次季度联席会议")
    async def record_joint_meeting(self, info: Ctx, input: RecordJointMeetingInput) -> JointMeeting:
        cmd = commands.NewMeeting(
            committee_id=input.committee_id,
            held_on=input.held_on,
            topic=input.topic,
            problems_solved=input.problems_solved,
            id=input.id,
        )
        m = await network.record_joint_meeting(info.context.graph, info.context.caller, cmd)
        return JointMeeting.from_entity(m)
