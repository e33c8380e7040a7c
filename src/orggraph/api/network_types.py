"""GraphQL object types of the co-building network, each built from a domain entity (`from_entity`);
related objects come through the request's loaders, so a query costs one round trip per level."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from orggraph.api import enums
from orggraph.api.context import Ctx
from orggraph.domain import entities as e
from orggraph.domain import model
from orggraph.graph.hops import Hops, Nodes

if TYPE_CHECKING:
    from orggraph.api.library_types import Need, Resource


@strawberry.type(description="街道")
class Street:
    id: strawberry.ID
    name: str
    source: str = strawberry.field(
        description="名称来源:article 文章所载 / illustrative 示意 / synthetic 合成"
    )

    @classmethod
    def from_entity(cls, s: e.Street) -> Street:
        return cls(id=strawberry.ID(s.id), name=s.name, source=s.source)

    @strawberry.field(description="本街道的社区")
    async def communities(self, info: Ctx) -> list[Community]:
        return [
            Community.from_entity(c)
            for c in await info.context.loaders.related(Hops.COMMUNITIES_OF_STREET, self.id)
        ]

    @strawberry.field(name="workingCommittee", description="街道大工委")
    async def big_working_committee(self, info: Ctx) -> StreetWorkingCommittee | None:
        w = await info.context.loaders.one(Hops.WORKING_COMMITTEE_OF_STREET, self.id)
        return StreetWorkingCommittee.from_entity(w) if w else None


@strawberry.type(description="街道大工委:市直单位分管负责同志兼任委员")
class StreetWorkingCommittee:
    id: strawberry.ID
    name: str

    @classmethod
    def from_entity(cls, w: e.StreetWorkingCommittee) -> StreetWorkingCommittee:
        return cls(id=strawberry.ID(w.id), name=w.name)

    @strawberry.field
    async def street(self, info: Ctx) -> Street | None:
        s = await info.context.loaders.one(Hops.STREET_OF_WORKING_COMMITTEE, self.id)
        return Street.from_entity(s) if s else None

    @strawberry.field(description="兼职委员单位")
    async def members(self, info: Ctx) -> list[Unit]:
        return [
            Unit.from_entity(u)
            for u in await info.context.loaders.related(Hops.MEMBERS_OF_WORKING_COMMITTEE, self.id)
        ]


@strawberry.type(description="社区")
class Community:
    id: strawberry.ID
    name: str
    households: int = strawberry.field(description="户数(各网格户数之和)")
    source: str

    @classmethod
    def from_entity(cls, c: e.Community) -> Community:
        return cls(id=strawberry.ID(c.id), name=c.name, households=c.households, source=c.source)

    @strawberry.field
    async def street(self, info: Ctx) -> Street | None:
        s = await info.context.loaders.one(Hops.STREET_OF_COMMUNITY, self.id)
        return Street.from_entity(s) if s else None

    @strawberry.field(description="社区大党委(联合党委)")
    async def committee(self, info: Ctx) -> CommunityCommittee | None:
        k = await info.context.loaders.one(Hops.COMMITTEE_OF_COMMUNITY, self.id)
        return CommunityCommittee.from_entity(k) if k else None

    @strawberry.field(description="联系本社区的市领导")
    async def contact_leaders(self, info: Ctx) -> list[Leader]:
        return [
            Leader.from_entity(x)
            for x in await info.context.loaders.related(Hops.CONTACT_LEADERS_OF_COMMUNITY, self.id)
        ]

    @strawberry.field(description="网格")
    async def grids(self, info: Ctx) -> list[Grid]:
        return [
            Grid.from_entity(g) for g in await info.context.loaders.related(Hops.GRIDS_OF_COMMUNITY, self.id)
        ]

    @strawberry.field(description="需求库:本社区提出的需求,按需完成日期排序")
    async def needs(
        self, info: Ctx, status: enums.NeedStatus | None = None
    ) -> list[Annotated[Need, strawberry.lazy("orggraph.api.library_types")]]:
        from orggraph.api.library_types import Need

        found = await info.context.loaders.related(Hops.NEEDS_OF_COMMUNITY, self.id)
        if status is not None:
            found = [n for n in found if n.status.value == status.value]
        return [Need.from_entity(n) for n in found]


@strawberry.type(description="社区大党委(1+1+X+N)")
class CommunityCommittee:
    id: strawberry.ID
    name: str

    @classmethod
    def from_entity(cls, k: e.CommunityCommittee) -> CommunityCommittee:
        return cls(id=strawberry.ID(k.id), name=k.name)

    @strawberry.field
    async def community(self, info: Ctx) -> Community | None:
        c = await info.context.loaders.one(Hops.COMMUNITY_OF_COMMITTEE, self.id)
        return Community.from_entity(c) if c else None

    @strawberry.field(description="书记:社区党组织书记")
    async def secretary(self, info: Ctx) -> Person | None:
        p = await info.context.loaders.one(Hops.SECRETARY_OF_COMMITTEE, self.id)
        return Person.from_entity(p) if p else None

    @strawberry.field(description="第一书记:联系本社区的市领导")
    async def first_secretary(self, info: Ctx) -> Leader | None:
        x = await info.context.loaders.one(Hops.FIRST_SECRETARY_OF_COMMITTEE, self.id)
        return Leader.from_entity(x) if x else None

    @strawberry.field(description="成员单位(X 与 N)")
    async def members(self, info: Ctx, seat: enums.Seat | None = None) -> list[Membership]:
        rows = await info.context.loaders.related(Hops.MEMBERS_OF_COMMITTEE, self.id)
        out = []
        for unit, m in rows:
            if seat is None or m.seat.value == seat.value:
                out.append(Membership.from_entity(m, unit=unit))
        return out

    @strawberry.field(description="季度联席会议,按日期排序")
    async def meetings(self, info: Ctx) -> list[JointMeeting]:
        return [
            JointMeeting.from_entity(m)
            for m in await info.context.loaders.related(Hops.MEETINGS_OF_COMMITTEE, self.id)
        ]


@strawberry.type(description="成员单位在社区大党委中的席位")
class Membership:
    seat: enums.Seat
    since: date | None
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
            unit_id=m.unit_id,
            committee_id=m.committee_id,
            unit_entity=unit,
            committee_entity=committee,
        )

    @strawberry.field
    async def unit(self, info: Ctx) -> Unit:
        u = self.unit_entity
        if u is None:
            u = await info.context.loaders.node(Nodes.UNIT, self.unit_id)
        assert u is not None, "a membership's unit exists"
        return Unit.from_entity(u)

    @strawberry.field
    async def committee(self, info: Ctx) -> CommunityCommittee:
        k = self.committee_entity
        if k is None:
            k = await info.context.loaders.node(Nodes.COMMITTEE, self.committee_id)
        assert k is not None, "a membership's committee exists"
        return CommunityCommittee.from_entity(k)


@strawberry.type(description="成员单位")
class Unit:
    id: strawberry.ID
    name: str
    kind: enums.UnitKind
    kind_label: str = strawberry.field(description="单位类型的中文名称")
    party_members: int
    source: str

    @classmethod
    def from_entity(cls, u: e.Unit) -> Unit:
        return cls(
            id=strawberry.ID(u.id),
            name=u.name,
            kind=enums.to_api(enums.UnitKind, u.kind),
            kind_label=model.UNIT_KIND_LABELS[u.kind],
            party_members=u.party_members,
            source=u.source,
        )

    @strawberry.field(description="所在社区大党委及席位")
    async def memberships(self, info: Ctx) -> list[Membership]:
        rows = await info.context.loaders.related(Hops.MEMBERSHIPS_OF_UNIT, self.id)
        return [Membership.from_entity(m, committee=k) for k, m in rows]

    @strawberry.field(description="资源库:本单位提供的资源")
    async def resources(
        self, info: Ctx
    ) -> list[Annotated[Resource, strawberry.lazy("orggraph.api.library_types")]]:
        from orggraph.api.library_types import Resource

        return [
            Resource.from_entity(r)
            for r in await info.context.loaders.related(Hops.RESOURCES_OF_UNIT, self.id)
        ]

    @strawberry.field(name="workingCommittees", description="任兼职委员的街道大工委")
    async def big_working_committees(self, info: Ctx) -> list[StreetWorkingCommittee]:
        rows = await info.context.loaders.related(Hops.WORKING_COMMITTEES_OF_UNIT, self.id)
        return [StreetWorkingCommittee.from_entity(w) for w in rows]


MASKED = "***"


def _person_name(info: Ctx, name: str) -> str:
    """People's names are personal data: shown only to signed-in roles other than VIEWER (docs/security.md)."""
    return name if info.context.sees_personal_data else MASKED


@strawberry.type(description="联系社区的市领导")
class Leader:
    id: strawberry.ID
    title: str
    real_name: strawberry.Private[str]

    @classmethod
    def from_entity(cls, x: e.Leader) -> Leader:
        return cls(id=strawberry.ID(x.id), title=x.title, real_name=x.name)

    @strawberry.field(description="姓名(个人信息:未登录或只读用户显示 ***)")
    def name(self, info: Ctx) -> str:
        return _person_name(info, self.real_name)

    @strawberry.field(description="联系点社区")
    async def contacts(self, info: Ctx) -> list[Community]:
        return [
            Community.from_entity(c)
            for c in await info.context.loaders.related(Hops.CONTACTS_OF_LEADER, self.id)
        ]

    @strawberry.field(description="任第一书记的社区大党委")
    async def first_secretary_of(self, info: Ctx) -> list[CommunityCommittee]:
        rows = await info.context.loaders.related(Hops.FIRST_SECRETARY_OF_LEADER, self.id)
        return [CommunityCommittee.from_entity(k) for k in rows]

    @strawberry.field(description="所在单位")
    async def unit(self, info: Ctx) -> Unit | None:
        u = await info.context.loaders.one(Hops.UNIT_OF_LEADER, self.id)
        return Unit.from_entity(u) if u else None


@strawberry.type(description="人员")
class Person:
    id: strawberry.ID
    real_name: strawberry.Private[str]

    @classmethod
    def from_entity(cls, p: e.Person) -> Person:
        return cls(id=strawberry.ID(p.id), real_name=p.name)

    @strawberry.field(description="姓名(个人信息:未登录或只读用户显示 ***)")
    def name(self, info: Ctx) -> str:
        return _person_name(info, self.real_name)


@strawberry.type(description="网格(300-500户)")
class Grid:
    id: strawberry.ID
    name: str
    households: int
    grid_workers: int = strawberry.field(description="网格员人数")

    @classmethod
    def from_entity(cls, g: e.Grid) -> Grid:
        return cls(id=strawberry.ID(g.id), name=g.name, households=g.households, grid_workers=g.grid_workers)

    @strawberry.field(description="网格内小区")
    async def compounds(self, info: Ctx) -> list[Compound]:
        return [
            Compound.from_entity(c)
            for c in await info.context.loaders.related(Hops.COMPOUNDS_OF_GRID, self.id)
        ]


@strawberry.type(description="小区")
class Compound:
    id: strawberry.ID
    name: str
    kind: enums.CompoundKind
    households: int
    has_party_branch: bool = strawberry.field(description="是否建有小区党支部")
    source: str

    @classmethod
    def from_entity(cls, c: e.Compound) -> Compound:
        return cls(
            id=strawberry.ID(c.id),
            name=c.name,
            kind=enums.to_api(enums.CompoundKind, c.kind),
            households=c.households,
            has_party_branch=c.has_party_branch,
            source=c.source,
        )


@strawberry.type(description="社区大党委季度联席会议")
class JointMeeting:
    id: strawberry.ID
    held_on: date
    topic: str
    problems_solved: int = strawberry.field(description="解决实际问题数")

    @classmethod
    def from_entity(cls, m: e.JointMeeting) -> JointMeeting:
        return cls(
            id=strawberry.ID(m.id), held_on=m.held_on, topic=m.topic, problems_solved=m.problems_solved
        )

    @strawberry.field
    async def committee(self, info: Ctx) -> CommunityCommittee | None:
        k = await info.context.loaders.one(Hops.COMMITTEE_OF_MEETING, self.id)
        return CommunityCommittee.from_entity(k) if k else None


@strawberry.type(description="共建网络中的节点")
class NetworkNode:
    id: strawberry.ID
    label: str = strawberry.field(description="节点类型:Community、Street、Unit、Leader ...")
    kind: str | None = strawberry.field(description="成员单位类型(仅 Unit)")
    real_name: strawberry.Private[str]

    @strawberry.field(description="名称;人员(Person、Leader)的姓名为个人信息")
    def name(self, info: Ctx) -> str:
        return _person_name(info, self.real_name) if self.label in ("Person", "Leader") else self.real_name


@strawberry.type(description="共建网络中的关系")
class NetworkEdge:
    source: strawberry.ID
    target: strawberry.ID
    type: str


@strawberry.type(description="以某个社区、街道、单位或市领导为中心的共建网络,可直接用于前端绘图")
class Network:
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    truncated: bool = strawberry.field(description="节点过多时只返回最近的部分")

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


@strawberry.type(description="计数")
class Count:
    key: str
    label: str = strawberry.field(description="中文名称")
    count: int


@strawberry.type(description="全市城市基层党建共建网络概况")
class CityStats:
    streets: int
    communities: int
    grids: int
    grid_workers: int
    compounds: int
    compound_party_organizations: int = strawberry.field(description="小区党组织数")
    community_committees: int
    street_working_committees: int
    member_units: int = strawberry.field(description="参与大党委或大工委的成员单位数")
    members_by_seat: list[Count] = strawberry.field(description="大党委成员单位席位数(X / N)")
    units_by_kind: list[Count]
    contact_points: int = strawberry.field(description="市领导联系点数")
    needs_by_status: list[Count]
    resources: int
    joint_meetings: int
    problems_solved: int = strawberry.field(description="联席会议解决实际问题数")

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
