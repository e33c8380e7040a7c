"""In-service party members (在职党员进社区) and campaigns in the API: the types, the queries
(partyMembers, partyMember, campaigns, campaign), the fields they add to Unit, Community and Compound
(network_types.py calls the functions at the bottom), and the mutations (registerPartyMember, pairUnit,
setCommitment, assignZone, createRoadSection, recordService, createCampaign, addCampaignGroup,
sendToCampaign, coverZone)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry

from orggraph.api.context import Ctx
from orggraph.api.enums import mirror, to_api, to_domain
from orggraph.api.network_types import MASKED, Community, Compound, Unit
from orggraph.api.words import arg, input_field
from orggraph.domain import glossary
from orggraph.domain import party_members as pm
from orggraph.domain.errors import BadInput
from orggraph.graph import party_reads
from orggraph.graph.hops import Nodes
from orggraph.services import party_members as uc

GroupKind = mirror(pm.GroupKind, pm.GROUP_KIND_LABELS, "GroupKind")
ZoneKind = mirror(pm.ZoneKind, pm.ZONE_KIND_LABELS, "ZoneKind")


def _d(entity: str, name: str | None = None) -> str:
    return glossary.describe(entity, name)


def _f(entity: str, name: str, **default: object) -> Any:
    return strawberry.field(description=glossary.describe(entity, name), **default)  # type: ignore[call-overload]


@strawberry.type(description=_d("Commitment"))
class Commitment:
    year: int = _f("Commitment", "year")
    duty: str = _f("Commitment", "duty")
    promise: str = _f("Commitment", "promise")

    @classmethod
    def from_entity(cls, c: pm.Commitment) -> Commitment:
        return cls(year=c.year, duty=c.duty, promise=c.promise)


@strawberry.type(description=_d("ServiceRecord"))
class ServiceRecord:
    id: strawberry.ID = _f("ServiceRecord", "id")
    on: date = _f("ServiceRecord", "on")
    hours: float = _f("ServiceRecord", "hours")
    activity: str = _f("ServiceRecord", "activity")
    points: float = _f("ServiceRecord", "points")
    community_id: strawberry.Private[str | None]

    @classmethod
    def from_entity(cls, s: pm.ServiceRecord) -> ServiceRecord:
        return cls(
            id=strawberry.ID(s.id), on=s.on, hours=s.hours, activity=s.activity, points=s.points,
            community_id=s.community_id,
        )  # fmt: skip

    @strawberry.field(description=_d("ServiceRecord", "community"))
    async def community(self, info: Ctx) -> Community | None:
        if self.community_id is None:
            return None
        c = await info.context.loaders.node(Nodes.COMMUNITY, self.community_id)
        return Community.from_entity(c) if c else None


@strawberry.type(description=_d("ServiceTotals"))
class ServiceTotals:
    records: int = _f("ServiceTotals", "records")
    hours: float = _f("ServiceTotals", "hours")
    points: float = _f("ServiceTotals", "points")


@strawberry.type(description=_d("Zone"))
class Zone:
    keeper_kind: str = _f("Zone", "keeperKind")
    keeper_id: strawberry.ID = _f("Zone", "keeperId")
    zone_kind: ZoneKind = _f("Zone", "zoneKind")  # type: ignore[valid-type]
    zone_id: strawberry.ID = _f("Zone", "zoneId")
    zone_name: str = _f("Zone", "zoneName")
    duty: str = _f("Zone", "duty")
    since: date | None = _f("Zone", "since")
    real_keeper_name: strawberry.Private[str]

    @classmethod
    def from_entity(cls, z: pm.Zone) -> Zone:
        return cls(
            keeper_kind=z.keeper_kind, keeper_id=strawberry.ID(z.keeper_id), zone_kind=to_api(ZoneKind, z.zone_kind),
            zone_id=strawberry.ID(z.zone_id), zone_name=z.zone_name, duty=z.duty, since=z.since,
            real_keeper_name=z.keeper_name,
        )  # fmt: skip

    @strawberry.field(description=_d("Zone", "keeperName"))
    def keeper_name(self, info: Ctx) -> str:
        if self.keeper_kind == "Person" and not info.context.sees_personal_data:
            return MASKED
        return self.real_keeper_name


@strawberry.type(description=_d("RoadSection"))
class RoadSection:
    id: strawberry.ID = _f("RoadSection", "id")
    name: str = _f("RoadSection", "name")
    source: str = _f("RoadSection", "source")
    community_id: strawberry.Private[str | None]

    @classmethod
    def from_entity(cls, r: pm.RoadSection) -> RoadSection:
        return cls(id=strawberry.ID(r.id), name=r.name, source=r.source, community_id=r.community_id)

    @strawberry.field(description=_d("RoadSection", "community"))
    async def community(self, info: Ctx) -> Community | None:
        if self.community_id is None:
            return None
        c = await info.context.loaders.node(Nodes.COMMUNITY, self.community_id)
        return Community.from_entity(c) if c else None


@strawberry.type(description=_d("PartyMemberStats"))
class PartyMemberStats:
    members: int = _f("PartyMemberStats", "members")
    reported_to_compound: int = _f("PartyMemberStats", "reportedToCompound")
    reported_to_community: int = _f("PartyMemberStats", "reportedToCommunity")
    registered: int = _f("PartyMemberStats", "registered")
    rate: float | None = _f("PartyMemberStats", "rate")

    @classmethod
    def from_entity(cls, s: pm.MemberStats) -> PartyMemberStats:
        return cls(
            members=s.members, reported_to_compound=s.reported_to_compound,
            reported_to_community=s.reported_to_community, registered=s.registered, rate=s.rate,
        )  # fmt: skip


MAX_RECORDS = 100


@strawberry.type(description=_d("PartyMember"))
class PartyMember:
    id: strawberry.ID = _f("PartyMember", "id")
    since: date | None = _f("PartyMember", "since")
    compound_reported_on: date | None = _f("PartyMember", "compoundReportedOn")
    community_reported_on: date | None = _f("PartyMember", "communityReportedOn")
    registered: bool = _f("PartyMember", "registered")
    member: strawberry.Private[pm.PartyMember]

    @classmethod
    def from_entity(cls, m: pm.PartyMember) -> PartyMember:
        return cls(
            id=strawberry.ID(m.id), since=m.since, compound_reported_on=m.compound_reported_on,
            community_reported_on=m.community_reported_on, registered=m.registered, member=m,
        )  # fmt: skip

    @strawberry.field(description=_d("PartyMember", "name"))
    def name(self, info: Ctx) -> str:
        return self.member.name if info.context.sees_personal_data else MASKED

    @strawberry.field(description=_d("PartyMember", "unit"))
    async def unit(self, info: Ctx) -> Unit | None:
        u = await info.context.loaders.node(Nodes.UNIT, self.member.unit_id)
        return Unit.from_entity(u) if u else None

    @strawberry.field(description=_d("PartyMember", "compound"))
    async def compound(self, info: Ctx) -> Compound | None:
        if self.member.compound_id is None:
            return None
        c = await info.context.loaders.node(Nodes.COMPOUND, self.member.compound_id)
        return Compound.from_entity(c) if c else None

    @strawberry.field(description=_d("PartyMember", "community"))
    async def community(self, info: Ctx) -> Community | None:
        if self.member.community_id is None:
            return None
        c = await info.context.loaders.node(Nodes.COMMUNITY, self.member.community_id)
        return Community.from_entity(c) if c else None

    @strawberry.field(description=_d("PartyMember", "commitments"))
    async def commitments(self, info: Ctx) -> list[Commitment]:
        found = await party_reads.commitments(info.context.graph, self.member.id)
        return [Commitment.from_entity(c) for c in found]

    @strawberry.field(description=_d("PartyMember", "zones"))
    async def zones(self, info: Ctx) -> list[Zone]:
        return [
            Zone.from_entity(z)
            for z in await party_reads.zones_of_keeper(info.context.graph, "Person", self.id)
        ]

    @strawberry.field(description=_d("PartyMember", "serviceRecords"))
    async def service_records(
        self,
        info: Ctx,
        year: Annotated[int | None, strawberry.argument(description="年度:只列该年的记录")] = None,
        first: Annotated[int, strawberry.argument(description="条数:1-100")] = 20,
    ) -> list[ServiceRecord]:
        if not 1 <= first <= MAX_RECORDS:
            raise BadInput(f"first: 取值范围为 1 到 {MAX_RECORDS}", field="first")
        found = await party_reads.service_records(info.context.graph, self.member.id, year, first)
        return [ServiceRecord.from_entity(s) for s in found]

    @strawberry.field(description=_d("PartyMember", "serviceTotals"))
    async def service_totals(
        self,
        info: Ctx,
        year: Annotated[int | None, strawberry.argument(description="年度:只合计该年的记录")] = None,
    ) -> ServiceTotals:
        t = await party_reads.service_totals(info.context.graph, self.member.id, year)
        return ServiceTotals(records=t.records, hours=t.hours, points=t.points)


@strawberry.type(description=_d("CampaignFigures"))
class CampaignFigures:
    units: int = _f("CampaignFigures", "units")
    members: int = _f("CampaignFigures", "members")
    branches: int = _f("CampaignFigures", "branches")
    teams: int = _f("CampaignFigures", "teams")
    compounds: int = _f("CampaignFigures", "compounds")
    road_sections: int = _f("CampaignFigures", "roadSections")


@strawberry.type(description=_d("CampaignGroup"))
class CampaignGroup:
    id: strawberry.ID = _f("CampaignGroup", "id")
    kind: GroupKind = _f("CampaignGroup", "kind")  # type: ignore[valid-type]
    kind_label: str = _f("CampaignGroup", "kindLabel")
    name: str = _f("CampaignGroup", "name")
    members: int = _f("CampaignGroup", "members")
    compounds: int = _f("CampaignGroup", "compounds")
    road_sections: int = _f("CampaignGroup", "roadSections")
    community_id: strawberry.Private[str | None]

    @classmethod
    def from_entity(cls, g: pm.CampaignGroup) -> CampaignGroup:
        return cls(
            id=strawberry.ID(g.id), kind=to_api(GroupKind, g.kind), kind_label=pm.GROUP_KIND_LABELS[g.kind],
            name=g.name, members=g.members, compounds=g.compounds, road_sections=g.road_sections,
            community_id=g.community_id,
        )  # fmt: skip

    @strawberry.field(description=_d("CampaignGroup", "community"))
    async def community(self, info: Ctx) -> Community | None:
        if self.community_id is None:
            return None
        c = await info.context.loaders.node(Nodes.COMMUNITY, self.community_id)
        return Community.from_entity(c) if c else None

    @strawberry.field(description=_d("CampaignGroup", "zones"))
    async def zones(self, info: Ctx) -> list[Zone]:
        return [Zone.from_entity(z) for z in await party_reads.group_zones(info.context.graph, self.id)]


@strawberry.type(description=_d("Campaign"))
class Campaign:
    id: strawberry.ID = _f("Campaign", "id")
    name: str = _f("Campaign", "name")
    kind: str = _f("Campaign", "kind")
    started_on: date = _f("Campaign", "startedOn")
    ended_on: date | None = _f("Campaign", "endedOn")
    source: str = _f("Campaign", "source")

    @classmethod
    def from_entity(cls, c: pm.Campaign) -> Campaign:
        return cls(
            id=strawberry.ID(c.id), name=c.name, kind=c.kind, started_on=c.started_on, ended_on=c.ended_on,
            source=c.source,
        )  # fmt: skip

    async def _figures(self, info: Ctx) -> pm.CampaignFigures:
        return await party_reads.campaign_figures(info.context.graph, self.id)

    @strawberry.field(description=_d("Campaign", "figures"))
    async def figures(self, info: Ctx) -> CampaignFigures:
        f = await self._figures(info)
        return CampaignFigures(
            units=f.units, members=f.members, branches=f.branches, teams=f.teams, compounds=f.compounds,
            road_sections=f.road_sections,
        )  # fmt: skip

    @strawberry.field(description=_d("Campaign", "summary"))
    async def summary(self, info: Ctx) -> str:
        return pm.figures_text(await self._figures(info))

    @strawberry.field(description=_d("Campaign", "groups"))
    async def groups(
        self,
        info: Ctx,
        kind: Annotated[GroupKind | None, strawberry.argument(description="编组类型:只列此类")] = None,  # type: ignore[valid-type]
    ) -> list[CampaignGroup]:
        domain_kind = to_domain(pm.GroupKind, kind) if kind is not None else None
        found = await party_reads.campaign_groups(info.context.graph, self.id, domain_kind)
        return [CampaignGroup.from_entity(g) for g in found]


# ------------------------------------------------------------------ fields of the network's types


async def unit_stats(info: Ctx, unit_id: str) -> PartyMemberStats:
    return PartyMemberStats.from_entity(await party_reads.unit_stats(info.context.graph, unit_id))


async def keeper_zones(info: Ctx, label: str, keeper_id: str) -> list[Zone]:
    return [
        Zone.from_entity(z) for z in await party_reads.zones_of_keeper(info.context.graph, label, keeper_id)
    ]


async def community_zones(info: Ctx, community_id: str) -> list[Zone]:
    return [Zone.from_entity(z) for z in await party_reads.zones(info.context.graph, community_id)]


async def road_sections(info: Ctx, community_id: str) -> list[RoadSection]:
    found = await party_reads.road_sections(info.context.graph, community_id)
    return [RoadSection.from_entity(r) for r in found]


async def paired_communities(info: Ctx, unit_id: str) -> list[Community]:
    return [
        Community.from_entity(c) for c in await party_reads.paired_communities(info.context.graph, unit_id)
    ]


async def paired_units(info: Ctx, community_id: str) -> list[Unit]:
    return [Unit.from_entity(u) for u in await party_reads.paired_units(info.context.graph, community_id)]


async def reported(info: Ctx, label: str, node_id: str) -> int:
    return await party_reads.reported(info.context.graph, label, node_id)


# ------------------------------------------------------------------ queries

DEFAULT_FIRST = 50


@strawberry.input(description=_d("PartyMemberFilter"))
class PartyMemberFilter:
    unit_id: strawberry.ID | None = _f("PartyMemberFilter", "unitId", default=None)
    community_id: strawberry.ID | None = _f("PartyMemberFilter", "communityId", default=None)
    compound_id: strawberry.ID | None = _f("PartyMemberFilter", "compoundId", default=None)
    registered: bool | None = _f("PartyMemberFilter", "registered", default=None)


@strawberry.type
class PartyMemberQuery:
    @strawberry.field(description=glossary.use_case("partyMembers"))
    async def party_members(
        self,
        info: Ctx,
        filter: Annotated[PartyMemberFilter | None, arg("partyMembers", "filter")] = None,
        first: Annotated[int, arg("partyMembers", "first")] = DEFAULT_FIRST,
    ) -> list[PartyMember]:
        if not 1 <= first <= pm.MAX_LIST:
            raise BadInput(f"first: 取值范围为 1 到 {pm.MAX_LIST}", field="first")
        f = filter or PartyMemberFilter(unit_id=None, community_id=None, compound_id=None, registered=None)
        found = await party_reads.members(
            info.context.graph, unit_id=f.unit_id, community_id=f.community_id, compound_id=f.compound_id,
            registered=f.registered, first=first,
        )  # fmt: skip
        return [PartyMember.from_entity(m) for m in found]

    @strawberry.field(description=glossary.use_case("partyMember"))
    async def party_member(
        self, info: Ctx, id: Annotated[strawberry.ID, arg("partyMember", "id")]
    ) -> PartyMember | None:
        m = await party_reads.member(info.context.graph, id)
        return PartyMember.from_entity(m) if m else None

    @strawberry.field(description=glossary.use_case("campaigns"))
    async def campaigns(self, info: Ctx) -> list[Campaign]:
        return [Campaign.from_entity(c) for c in await party_reads.campaigns(info.context.graph)]

    @strawberry.field(description=glossary.use_case("campaign"))
    async def campaign(
        self, info: Ctx, id: Annotated[strawberry.ID, arg("campaign", "id")]
    ) -> Campaign | None:
        c = await party_reads.campaign(info.context.graph, id)
        return Campaign.from_entity(c) if c else None


# ------------------------------------------------------------------ mutations

P = "PartyMember"


@strawberry.input(description=glossary.input_type("registerPartyMember"))
class RegisterPartyMemberInput:
    unit_id: strawberry.ID = input_field(P, "unitId")
    person_id: strawberry.ID = input_field(P, "personId")
    person_name: str | None = input_field(P, "personName", default=None)
    since: date | None = input_field(P, "since", default=None)
    compound_id: strawberry.ID | None = input_field(P, "compoundId", default=None)
    community_id: strawberry.ID | None = input_field(P, "communityId", default=None)
    reported_on: date | None = input_field(P, "reportedOn", default=None)


@strawberry.input(description=glossary.input_type("pairUnit"))
class PairUnitInput:
    unit_id: strawberry.ID = input_field("PairUnit", "unitId")
    community_id: strawberry.ID = input_field("PairUnit", "communityId")
    since: date | None = input_field("PairUnit", "since", default=None)


@strawberry.input(description=glossary.input_type("setCommitment"))
class SetCommitmentInput:
    person_id: strawberry.ID = input_field("Commitment", "personId")
    year: int = input_field("Commitment", "year")
    duty: str = input_field("Commitment", "duty")
    promise: str = input_field("Commitment", "promise")


@strawberry.input(description=glossary.input_type("assignZone"))
class AssignZoneInput:
    community_id: strawberry.ID = input_field("Zone", "communityId")
    duty: str = input_field("Zone", "duty")
    person_id: strawberry.ID | None = input_field("Zone", "personId", default=None)
    unit_id: strawberry.ID | None = input_field("Zone", "unitId", default=None)
    compound_id: strawberry.ID | None = input_field("Zone", "compoundId", default=None)
    road_section_id: strawberry.ID | None = input_field("Zone", "roadSectionId", default=None)
    since: date | None = input_field("Zone", "since", default=None)


@strawberry.input(description=glossary.input_type("createRoadSection"))
class CreateRoadSectionInput:
    community_id: strawberry.ID = input_field("RoadSection", "communityId")
    name: str = input_field("RoadSection", "name")
    id: strawberry.ID | None = input_field("RoadSection", "id", default=None)


@strawberry.input(description=glossary.input_type("recordService"))
class RecordServiceInput:
    person_id: strawberry.ID = input_field("ServiceRecord", "personId")
    community_id: strawberry.ID = input_field("ServiceRecord", "communityId")
    on: date = input_field("ServiceRecord", "on")
    hours: float = input_field("ServiceRecord", "hours")
    activity: str = input_field("ServiceRecord", "activity")
    id: strawberry.ID | None = input_field("ServiceRecord", "id", default=None)


@strawberry.input(description=glossary.input_type("createCampaign"))
class CreateCampaignInput:
    name: str = input_field("Campaign", "name")
    kind: str = input_field("Campaign", "kind")
    started_on: date = input_field("Campaign", "startedOn")
    ended_on: date | None = input_field("Campaign", "endedOn", default=None)
    id: strawberry.ID | None = input_field("Campaign", "id", default=None)


@strawberry.input(description=glossary.input_type("addCampaignGroup"))
class AddCampaignGroupInput:
    campaign_id: strawberry.ID = input_field("CampaignGroup", "campaignId")
    kind: GroupKind = input_field("CampaignGroup", "kind")  # type: ignore[valid-type]
    name: str = input_field("CampaignGroup", "name")
    community_id: strawberry.ID | None = input_field("CampaignGroup", "communityId", default=None)
    id: strawberry.ID | None = input_field("CampaignGroup", "id", default=None)


@strawberry.input(description=glossary.input_type("sendToCampaign"))
class SendToCampaignInput:
    campaign_id: strawberry.ID = input_field("SendToCampaign", "campaignId")
    unit_id: strawberry.ID = input_field("SendToCampaign", "unitId")
    person_ids: list[strawberry.ID] = input_field("SendToCampaign", "personIds")
    group_id: strawberry.ID | None = input_field("SendToCampaign", "groupId", default=None)


@strawberry.input(description=glossary.input_type("coverZone"))
class CoverZoneInput:
    group_id: strawberry.ID = input_field("CoverZone", "groupId")
    shift: str = input_field("CoverZone", "shift")
    compound_ids: list[strawberry.ID] = input_field("CoverZone", "compoundIds", default_factory=list)
    road_section_ids: list[strawberry.ID] = input_field("CoverZone", "roadSectionIds", default_factory=list)


@strawberry.type
class PartyMemberMutation:
    @strawberry.mutation(description=glossary.use_case("registerPartyMember"))
    async def register_party_member(
        self, info: Ctx, input: Annotated[RegisterPartyMemberInput, arg("registerPartyMember", "input")]
    ) -> PartyMember:
        cmd = pm.RegisterPartyMember(
            unit_id=input.unit_id, person_id=input.person_id, person_name=input.person_name, since=input.since,
            compound_id=input.compound_id, community_id=input.community_id, reported_on=input.reported_on,
        )  # fmt: skip
        return PartyMember.from_entity(
            await uc.register_party_member(info.context.graph, info.context.caller, cmd)
        )

    @strawberry.mutation(description=glossary.use_case("pairUnit"))
    async def pair_unit(self, info: Ctx, input: Annotated[PairUnitInput, arg("pairUnit", "input")]) -> Unit:
        cmd = pm.PairUnit(unit_id=input.unit_id, community_id=input.community_id, since=input.since)
        unit_id = await uc.pair_unit(info.context.graph, info.context.caller, cmd)
        u = await info.context.loaders.node(Nodes.UNIT, unit_id)
        assert u is not None  # just paired
        return Unit.from_entity(u)

    @strawberry.mutation(description=glossary.use_case("setCommitment"))
    async def set_commitment(
        self, info: Ctx, input: Annotated[SetCommitmentInput, arg("setCommitment", "input")]
    ) -> Commitment:
        cmd = pm.SetCommitment(
            person_id=input.person_id, year=input.year, duty=input.duty, promise=input.promise
        )
        return Commitment.from_entity(await uc.set_commitment(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("assignZone"))
    async def assign_zone(
        self, info: Ctx, input: Annotated[AssignZoneInput, arg("assignZone", "input")]
    ) -> Zone:
        cmd = pm.AssignZone(
            community_id=input.community_id, duty=input.duty, person_id=input.person_id, unit_id=input.unit_id,
            compound_id=input.compound_id, road_section_id=input.road_section_id, since=input.since,
        )  # fmt: skip
        return Zone.from_entity(await uc.assign_zone(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("createRoadSection"))
    async def create_road_section(
        self, info: Ctx, input: Annotated[CreateRoadSectionInput, arg("createRoadSection", "input")]
    ) -> RoadSection:
        cmd = pm.NewRoadSection(community_id=input.community_id, name=input.name, id=input.id)
        return RoadSection.from_entity(
            await uc.create_road_section(info.context.graph, info.context.caller, cmd)
        )

    @strawberry.mutation(description=glossary.use_case("recordService"))
    async def record_service(
        self, info: Ctx, input: Annotated[RecordServiceInput, arg("recordService", "input")]
    ) -> ServiceRecord:
        cmd = pm.RecordService(
            person_id=input.person_id, community_id=input.community_id, on=input.on, hours=input.hours,
            activity=input.activity, id=input.id,
        )  # fmt: skip
        return ServiceRecord.from_entity(
            await uc.record_service(info.context.graph, info.context.caller, cmd)
        )

    @strawberry.mutation(description=glossary.use_case("createCampaign"))
    async def create_campaign(
        self, info: Ctx, input: Annotated[CreateCampaignInput, arg("createCampaign", "input")]
    ) -> Campaign:
        cmd = pm.NewCampaign(
            name=input.name,
            kind=input.kind,
            started_on=input.started_on,
            ended_on=input.ended_on,
            id=input.id,
        )
        return Campaign.from_entity(await uc.create_campaign(info.context.graph, info.context.caller, cmd))

    @strawberry.mutation(description=glossary.use_case("addCampaignGroup"))
    async def add_campaign_group(
        self, info: Ctx, input: Annotated[AddCampaignGroupInput, arg("addCampaignGroup", "input")]
    ) -> CampaignGroup:
        cmd = pm.NewCampaignGroup(
            campaign_id=input.campaign_id, kind=to_domain(pm.GroupKind, input.kind), name=input.name,
            community_id=input.community_id, id=input.id,
        )  # fmt: skip
        return CampaignGroup.from_entity(
            await uc.add_campaign_group(info.context.graph, info.context.caller, cmd)
        )

    @strawberry.mutation(description=glossary.use_case("sendToCampaign"))
    async def send_to_campaign(
        self, info: Ctx, input: Annotated[SendToCampaignInput, arg("sendToCampaign", "input")]
    ) -> Campaign:
        cmd = pm.SendToCampaign(
            campaign_id=input.campaign_id, unit_id=input.unit_id, person_ids=tuple(input.person_ids),
            group_id=input.group_id,
        )  # fmt: skip
        campaign_id = await uc.send_to_campaign(info.context.graph, info.context.caller, cmd)
        c = await party_reads.campaign(info.context.graph, campaign_id)
        assert c is not None  # just written to
        return Campaign.from_entity(c)

    @strawberry.mutation(description=glossary.use_case("coverZone"))
    async def cover_zone(
        self, info: Ctx, input: Annotated[CoverZoneInput, arg("coverZone", "input")]
    ) -> CampaignGroup:
        cmd = pm.CoverZone(
            group_id=input.group_id, shift=input.shift, compound_ids=tuple(input.compound_ids),
            road_section_ids=tuple(input.road_section_ids),
        )  # fmt: skip
        return CampaignGroup.from_entity(await uc.cover_zone(info.context.graph, info.context.caller, cmd))
