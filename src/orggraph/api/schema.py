"""The schema: queries and mutations. Resolvers parse, call the graph layer, and map to API types."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import uuid4

import strawberry
from graphql import GraphQLError
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from orggraph.api import enums
from orggraph.api.authz import audit, authorize
from orggraph.api.errors import ErrorCodes
from orggraph.api.library import LibraryMutation, LibraryQuery
from orggraph.api.limits import extensions
from orggraph.api.matching_types import MatchCandidate, MatchPlan, NeedMatch
from orggraph.api.tasks import TaskMutation, TaskQuery
from orggraph.api.types import (
    CityStats,
    Community,
    CommunityCommittee,
    CommunityConnection,
    Ctx,
    JointMeeting,
    Leader,
    Network,
    Street,
    Unit,
    UnitConnection,
)
from orggraph.domain import model
from orggraph.domain.auth import Action
from orggraph.domain.errors import BadInput, NotFound
from orggraph.domain.model import Label
from orggraph.domain.text import clean_id, clean_text
from orggraph.graph import audit_reads, mapping, network_writes, reads
from orggraph.graph.paging import page_size
from orggraph.services import matching
from orggraph.settings import Settings

Arg = strawberry.argument


def _today() -> date:
    return date.today()


@strawberry.type
class Query:
    @strawberry.field(description="社区列表(分页),可按街道筛选、按名称搜索")
    async def communities(
        self,
        info: Ctx,
        street_id: strawberry.ID | None = None,
        search: Annotated[str | None, Arg(description="名称包含的文字")] = None,
        first: Annotated[int | None, Arg(description="每页条数,默认 20,最多 100")] = None,
        after: Annotated[str | None, Arg(description="上一页的 endCursor")] = None,
    ) -> CommunityConnection:
        page = await reads.community_page(
            info.context.graph, street_id=street_id, search=search, first=page_size(first), after=after
        )
        return CommunityConnection.from_page(page)

    @strawberry.field(description="按编号查社区")
    async def community(self, info: Ctx, id: strawberry.ID) -> Community | None:
        c = await info.context.loaders.node(Label.Community).load(id)
        return Community.from_entity(c) if c else None

    @strawberry.field(description="全部街道")
    async def streets(self, info: Ctx) -> list[Street]:
        return [Street.from_entity(s) for s in await reads.all_streets(info.context.graph)]

    @strawberry.field(description="按编号查街道")
    async def street(self, info: Ctx, id: strawberry.ID) -> Street | None:
        s = await info.context.loaders.node(Label.Street).load(id)
        return Street.from_entity(s) if s else None

    @strawberry.field(description="成员单位列表(分页),可按类型筛选、按名称搜索")
    async def units(
        self,
        info: Ctx,
        kind: enums.UnitKind | None = None,
        search: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> UnitConnection:
        page = await reads.unit_page(
            info.context.graph,
            kind=enums.to_domain(model.UnitKind, kind) if kind else None,
            search=search,
            first=page_size(first),
            after=after,
        )
        return UnitConnection.from_page(page)

    @strawberry.field(description="按编号查成员单位")
    async def unit(self, info: Ctx, id: strawberry.ID) -> Unit | None:
        u = await info.context.loaders.node(Label.Unit).load(id)
        return Unit.from_entity(u) if u else None

    @strawberry.field(description="全部联系社区的市领导")
    async def leaders(self, info: Ctx) -> list[Leader]:
        return [Leader.from_entity(x) for x in await reads.all_leaders(info.context.graph)]

    @strawberry.field(description="按编号查市领导")
    async def leader(self, info: Ctx, id: strawberry.ID) -> Leader | None:
        x = await info.context.loaders.node(Label.Leader).load(id)
        return Leader.from_entity(x) if x else None

    @strawberry.field(description="按编号查社区大党委")
    async def committee(self, info: Ctx, id: strawberry.ID) -> CommunityCommittee | None:
        k = await info.context.loaders.node(Label.CommunityCommittee).load(id)
        return CommunityCommittee.from_entity(k) if k else None

    @strawberry.field(description="以社区、街道、单位、市领导或大党委为中心的共建网络;depth 取 1-3")
    async def network(self, info: Ctx, center_id: strawberry.ID, depth: int = 2) -> Network:
        found = await reads.network(info.context.graph, center_id, depth)
        if found is None:
            raise NotFound(f"centerId: 没有编号为 {center_id} 的社区、街道、单位或市领导", field="centerId")
        return Network.from_entity(found)

    @strawberry.field(
        description="为需求推荐资源(硬性条件筛选后按加权得分排序,附理由);已完成、已评价、不予采纳的需求不再匹配"
    )
    async def match_need(self, info: Ctx, need_id: strawberry.ID, limit: int = 10) -> list[MatchCandidate]:
        ctx = info.context
        found = await matching.match_need(
            ctx.graph, need_id, limit, weights=ctx.weights, today=ctx.settings.current_date()
        )
        return [MatchCandidate.from_scored(s) for s in found]

    @strawberry.field(description="反向匹配:该资源最能服务的待解决需求")
    async def match_resource(self, info: Ctx, resource_id: strawberry.ID, limit: int = 10) -> list[NeedMatch]:
        ctx = info.context
        found = await matching.match_resource(
            ctx.graph, resource_id, limit, weights=ctx.weights, today=ctx.settings.current_date()
        )
        return [NeedMatch.from_scored(s) for s in found]

    @strawberry.field(
        description="整体对接方案:为范围内的待解决需求分配资源,容量不超、总分最高;都不填为全市;不写入"
    )
    async def plan_matches(
        self, info: Ctx, street_id: strawberry.ID | None = None, community_id: strawberry.ID | None = None
    ) -> MatchPlan:
        ctx = info.context
        plan = await matching.plan_matches(
            ctx.graph, street_id=street_id, community_id=community_id, weights=ctx.weights,
            today=ctx.settings.current_date(),
        )  # fmt: skip
        return MatchPlan.from_plan(plan)

    @strawberry.field(description="审计日志(仅市委组织部),最新在前")
    async def audit_log(
        self, info: Ctx, first: int = 50, action: str | None = None, actor: str | None = None,
        target: str | None = None,
    ) -> list[AuditRecord]:  # fmt: skip
        await authorize(info, Action.READ_AUDIT)
        rows = await audit_reads.audit_log(
            info.context.graph, limit=page_size(first, maximum=500), action=action, actor=actor, target=target
        )
        return [AuditRecord(id=strawberry.ID(r.id), at=r.at, actor=r.actor, role=r.role, action=r.action,
                            target=r.target, detail=r.detail) for r in rows]  # fmt: skip

    @strawberry.field(description="全市概况:组织部上报的数字")
    async def city_stats(self, info: Ctx) -> CityStats:
        return CityStats.from_entity(await reads.city_stats(info.context.graph))


@strawberry.type(description="审计记录:谁、何时、做了什么")
class AuditRecord:
    id: strawberry.ID
    at: datetime
    actor: str
    role: str | None
    action: str = strawberry.field(description="变更操作(mutation 名称)")
    target: str | None = strawberry.field(description="操作对象编号")
    detail: str = strawberry.field(description="输入要点(JSON)")


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


def _party_members(value: int | None) -> int | None:
    if value is not None and not 0 <= value <= 100_000:
        raise BadInput("partyMembers: 党员人数应在 0 到 100000 之间", field="partyMembers")
    return value


async def _committee(info: Ctx, committee_id: str) -> CommunityCommittee:
    found = await reads.by_ids(info.context.graph, Label.CommunityCommittee, [committee_id])
    if found[0] is None:
        raise NotFound(f"committeeId: 没有编号为 {committee_id} 的社区大党委", field="committeeId")
    return CommunityCommittee.from_entity(found[0])


@strawberry.type
class Mutation:
    @strawberry.mutation(description="新建成员单位")
    async def create_unit(self, info: Ctx, input: CreateUnitInput) -> Unit:
        await authorize(info, Action.MANAGE_NETWORK)
        unit_id = clean_id(input.id, "id") if input.id else f"unit-{uuid4().hex[:12]}"
        name = clean_text(input.name, "name", max_len=120)
        members = _party_members(input.party_members) or 0
        kind = enums.to_domain(model.UnitKind, input.kind)

        async def work(tx: network_writes.AsyncManagedTransaction) -> dict[str, object]:
            return await network_writes.create_unit(
                tx, unit_id=unit_id, name=name, kind=kind, party_members=members
            )

        record = audit(info, "createUnit", unit_id, name=name, kind=kind.value)
        return Unit.from_entity(mapping.unit(await info.context.graph.write(work, record)))

    @strawberry.mutation(description="修改成员单位(改类型时须与其大党委席位一致)")
    async def update_unit(self, info: Ctx, input: UpdateUnitInput) -> Unit:
        await authorize(info, Action.EDIT_UNIT, Label.Unit, input.id)
        changes = network_writes.UnitChanges(
            name=clean_text(input.name, "name", max_len=120) if input.name is not None else None,
            kind=enums.to_domain(model.UnitKind, input.kind) if input.kind is not None else None,
            party_members=_party_members(input.party_members),
        )

        async def work(tx: network_writes.AsyncManagedTransaction) -> dict[str, object]:
            return await network_writes.update_unit(tx, str(input.id), changes)

        record = audit(
            info, "updateUnit", input.id, **{k: v for k, v in vars(changes).items() if v is not None}
        )
        return Unit.from_entity(mapping.unit(await info.context.graph.write(work, record)))

    @strawberry.mutation(
        description="增补社区大党委成员单位;席位须与单位类型一致(机关企事业单位为 X,非公企业和社会组织为 N)"
    )
    async def add_committee_member(
        self, info: Ctx, committee_id: strawberry.ID, unit_id: strawberry.ID, seat: enums.Seat,
        since: date | None = None,
    ) -> CommunityCommittee:  # fmt: skip
        await authorize(info, Action.EDIT_COMMITTEE, Label.CommunityCommittee, committee_id)
        when = since or _today()
        if when > _today():
            raise BadInput("since: 加入日期不能晚于今天", field="since")
        domain_seat = enums.to_domain(model.Seat, seat)

        async def work(tx: network_writes.AsyncManagedTransaction) -> None:
            await network_writes.add_member(
                tx, committee_id=committee_id, unit_id=unit_id, seat=domain_seat, since=when
            )

        await info.context.graph.write(
            work, audit(info, "addCommitteeMember", committee_id, unitId=unit_id, seat=domain_seat.value)
        )
        return await _committee(info, committee_id)

    @strawberry.mutation(description="移出社区大党委成员单位;不能移出某一席位的最后一家单位")
    async def remove_committee_member(
        self, info: Ctx, committee_id: strawberry.ID, unit_id: strawberry.ID
    ) -> CommunityCommittee:
        await authorize(info, Action.EDIT_COMMITTEE, Label.CommunityCommittee, committee_id)

        async def work(tx: network_writes.AsyncManagedTransaction) -> None:
            await network_writes.remove_member(tx, committee_id=committee_id, unit_id=unit_id)

        await info.context.graph.write(
            work, audit(info, "removeCommitteeMember", committee_id, unitId=unit_id)
        )
        return await _committee(info, committee_id)

    @strawberry.mutation(
        description="设置社区的联系市领导,该领导同时任其大党委第一书记;若该领导原联系另一社区,两位领导互换联系点"
    )
    async def set_contact_leader(
        self, info: Ctx, community_id: strawberry.ID, leader_id: strawberry.ID, since: date | None = None
    ) -> Community:
        await authorize(info, Action.MANAGE_NETWORK)
        when = since or _today()

        async def work(tx: network_writes.AsyncManagedTransaction) -> None:
            await network_writes.set_contact_leader(
                tx, community_id=community_id, leader_id=leader_id, since=when
            )

        await info.context.graph.write(
            work, audit(info, "setContactLeader", community_id, leaderId=leader_id)
        )
        found = await reads.by_ids(info.context.graph, Label.Community, [community_id])
        if found[0] is None:
            raise NotFound(f"communityId: 没有编号为 {community_id} 的社区", field="communityId")
        return Community.from_entity(found[0])

    @strawberry.mutation(description="记录一次季度联席会议")
    async def record_joint_meeting(self, info: Ctx, input: RecordJointMeetingInput) -> JointMeeting:
        await authorize(info, Action.RECORD_MEETING, Label.CommunityCommittee, input.committee_id)
        meeting_id = clean_id(input.id, "id") if input.id else f"meeting-{uuid4().hex[:12]}"
        topic = clean_text(input.topic, "topic", max_len=200)
        if input.held_on > _today():
            raise BadInput("heldOn: 会议日期不能晚于今天", field="heldOn")
        if not 0 <= input.problems_solved <= 1000:
            raise BadInput("problemsSolved: 解决问题数应在 0 到 1000 之间", field="problemsSolved")

        async def work(tx: network_writes.AsyncManagedTransaction) -> dict[str, object]:
            return await network_writes.record_meeting(
                tx, meeting_id=meeting_id, committee_id=input.committee_id, held_on=input.held_on,
                topic=topic, problems_solved=input.problems_solved,
            )  # fmt: skip

        record = audit(info, "recordJointMeeting", input.committee_id, id=meeting_id, topic=topic)
        return JointMeeting.from_entity(mapping.meeting(await info.context.graph.write(work, record)))


class Schema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Client mistakes are answered, not logged as server errors; ErrorCodes logs the unexpected ones."""


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The schema; with settings, also the limits and the production hardening they ask for."""
    limits = extensions(settings) if settings else []
    production = settings is not None and settings.env == "production"
    return Schema(
        query=merge_types("Query", (Query, LibraryQuery, TaskQuery)),
        mutation=merge_types("Mutation", (Mutation, LibraryMutation, TaskMutation)),
        extensions=[*limits, ErrorCodes],
        config=StrawberryConfig(auto_camel_case=True, disable_field_suggestions=production),
    )


def sdl() -> str:
    return build_schema().as_str() + "\n"
