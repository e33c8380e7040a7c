"""Compounds and 红色物业 in the API (issue #14): who governs a compound (property company, owners'
committee, party organisations of the core and the two wings, fee collection rate, fallback funding,
红色示范小区), the 三联办 of a community with its weekly meetings, and the property issues it handles
through the six steps, listed 先急后缓、先易后难."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from orggraph.api import enums
from orggraph.api.context import Ctx
from orggraph.api.network_types import Community, Compound, Count, _person_name
from orggraph.api.words import arg, input_field
from orggraph.domain import compounds as cp
from orggraph.domain import glossary, model
from orggraph.graph import compound_reads
from orggraph.graph.compound_reads import CompoundHops
from orggraph.graph.hops import by_id
from orggraph.services import compounds as service

if TYPE_CHECKING:
    from orggraph.api.network_types import Unit


def _in(entity: str, name: str, **default: Any) -> Any:
    """A field of an input type the glossary lists as an entity of its own (its words say the rule)."""
    return strawberry.field(description=glossary.describe(entity, name), **default)


def _f(entity: str, name: str) -> Any:
    return strawberry.field(description=glossary.describe(entity, name))


@strawberry.type(description=glossary.describe("FallbackFunding"))
class FallbackFunding:
    residents: int = _f("FallbackFunding", "residents")
    market: int = _f("FallbackFunding", "market")
    projects: int = _f("FallbackFunding", "projects")
    subsidy: int = _f("FallbackFunding", "subsidy")
    total: int = _f("FallbackFunding", "total")

    @classmethod
    def from_entity(cls, f: cp.FallbackFunding) -> FallbackFunding:
        return cls(
            residents=f.residents, market=f.market, projects=f.projects, subsidy=f.subsidy, total=f.total
        )


@strawberry.type(description=glossary.describe("OwnersCommittee"))
class OwnersCommittee:
    id: strawberry.ID = _f("OwnersCommittee", "id")
    name: str = _f("OwnersCommittee", "name")
    members: int = _f("OwnersCommittee", "members")
    party_members: int = _f("OwnersCommittee", "partyMembers")
    party_share: float | None = _f("OwnersCommittee", "partyShare")
    red: bool = _f("OwnersCommittee", "red")

    @classmethod
    def from_entity(cls, o: cp.OwnersCommittee) -> OwnersCommittee:
        return cls(
            id=strawberry.ID(o.id), name=o.name, members=o.members, party_members=o.party_members,
            party_share=round(o.party_share, 4) if o.party_share is not None else None, red=o.red,
        )  # fmt: skip


@strawberry.type(description=glossary.describe("PartyOrganization"))
class PartyOrganization:
    id: strawberry.ID = _f("PartyOrganization", "id")
    kind: enums.PartyOrganizationKind = _f("PartyOrganization", "kind")
    kind_label: str = _f("PartyOrganization", "kindLabel")
    name: str = _f("PartyOrganization", "name")
    members: int = _f("PartyOrganization", "members")

    @classmethod
    def from_entity(cls, o: cp.PartyOrganization) -> PartyOrganization:
        return cls(
            id=strawberry.ID(o.id), kind=enums.PartyOrganizationKind(o.kind.value),
            kind_label=cp.PARTY_ORG_KIND_LABELS[o.kind], name=o.name, members=o.members,
        )  # fmt: skip


@strawberry.type(description=glossary.describe("PropertyIssueEvent"))
class PropertyIssueEvent:
    step: enums.PropertyIssueStep = _f("PropertyIssueEvent", "step")
    step_label: str = _f("PropertyIssueEvent", "stepLabel")
    at: str = _f("PropertyIssueEvent", "at")
    note: str = _f("PropertyIssueEvent", "note")
    actor: strawberry.Private[str]

    @strawberry.field(description=glossary.describe("PropertyIssueEvent", "by"))
    def by(self, info: Ctx) -> str:
        return _person_name(info, self.actor)


@strawberry.type(description=glossary.describe("PropertyIssue"))
class PropertyIssue:
    id: strawberry.ID = _f("PropertyIssue", "id")
    title: str = _f("PropertyIssue", "title")
    description: str = _f("PropertyIssue", "description")
    step: enums.PropertyIssueStep = _f("PropertyIssue", "step")
    step_label: str = _f("PropertyIssue", "stepLabel")
    urgency: enums.Urgency = _f("PropertyIssue", "urgency")
    difficulty: enums.Difficulty = _f("PropertyIssue", "difficulty")
    raised_on: date = _f("PropertyIssue", "raisedOn")
    done_on: date | None = _f("PropertyIssue", "doneOn")
    office_id: strawberry.Private[str]
    compound_id: strawberry.Private[str | None]

    @classmethod
    def from_entity(cls, i: cp.PropertyIssue) -> PropertyIssue:
        return cls(
            id=strawberry.ID(i.id), title=i.title, description=i.description,
            step=enums.PropertyIssueStep(i.step.value), step_label=cp.ISSUE_STEP_LABELS[i.step],
            urgency=enums.Urgency(i.urgency.value), difficulty=enums.Difficulty(i.difficulty.value),
            raised_on=i.raised_on, done_on=i.done_on, office_id=i.office_id, compound_id=i.compound_id,
        )  # fmt: skip

    @strawberry.field(description=glossary.describe("PropertyIssue", "history"))
    async def history(self, info: Ctx) -> list[PropertyIssueEvent]:
        found = await info.context.loaders.node(CompoundHops.HISTORY, self.id) or ()
        return [
            PropertyIssueEvent(
                step=enums.PropertyIssueStep(h.step.value),
                step_label=cp.ISSUE_STEP_LABELS[h.step],
                at=h.at.isoformat(),
                note=h.note,
                actor=h.by,
            )
            for h in found
        ]

    @strawberry.field(description=glossary.describe("PropertyIssue", "office"))
    async def office(self, info: Ctx) -> TripartiteOffice | None:
        o = await info.context.loaders.node(CompoundHops.OFFICE, self.office_id)
        return TripartiteOffice.from_entity(o) if o else None

    @strawberry.field(description=glossary.describe("PropertyIssue", "compound"))
    async def compound(self, info: Ctx) -> Compound | None:
        if self.compound_id is None:
            return None
        c = await info.context.loaders.node(CompoundHops.COMPOUND, self.compound_id)
        return Compound.from_entity(c) if c else None

    @strawberry.field(description=glossary.describe("PropertyIssue", "meetings"))
    async def meetings(self, info: Ctx) -> list[TripartiteMeeting]:
        ids = await info.context.loaders.related(CompoundHops.MEETINGS_OF_ISSUE, self.id)
        return await _meetings(info, ids)


@strawberry.type(description=glossary.describe("TripartiteMeeting"))
class TripartiteMeeting:
    id: strawberry.ID = _f("TripartiteMeeting", "id")
    held_on: date = _f("TripartiteMeeting", "heldOn")
    topic: str = _f("TripartiteMeeting", "topic")
    parties: list[enums.TripartiteParty] = _f("TripartiteMeeting", "parties")
    resident_representatives: int = _f("TripartiteMeeting", "residentRepresentatives")
    decisions: list[str] = _f("TripartiteMeeting", "decisions")
    office_id: strawberry.Private[str]

    @classmethod
    def from_entity(cls, m: cp.TripartiteMeeting) -> TripartiteMeeting:
        return cls(
            id=strawberry.ID(m.id), held_on=m.held_on, topic=m.topic,
            parties=[enums.TripartiteParty(p.value) for p in m.parties],
            resident_representatives=m.resident_representatives, decisions=list(m.decisions),
            office_id=m.office_id,
        )  # fmt: skip

    @strawberry.field(description=glossary.describe("TripartiteMeeting", "issues"))
    async def issues(self, info: Ctx) -> list[PropertyIssue]:
        ids = await info.context.loaders.related(CompoundHops.ISSUES_OF_MEETING, self.id)
        return await _issues(info, ids)

    @strawberry.field(description=glossary.describe("TripartiteMeeting", "office"))
    async def office(self, info: Ctx) -> TripartiteOffice | None:
        o = await info.context.loaders.node(CompoundHops.OFFICE, self.office_id)
        return TripartiteOffice.from_entity(o) if o else None


@strawberry.type(description=glossary.describe("TripartiteOffice"))
class TripartiteOffice:
    id: strawberry.ID = _f("TripartiteOffice", "id")
    name: str = _f("TripartiteOffice", "name")
    since: date | None = _f("TripartiteOffice", "since")
    community_id: strawberry.Private[str]

    @classmethod
    def from_entity(cls, o: cp.TripartiteOffice) -> TripartiteOffice:
        return cls(id=strawberry.ID(o.id), name=o.name, since=o.since, community_id=o.community_id)

    @strawberry.field(description=glossary.describe("TripartiteOffice", "community"))
    async def community(self, info: Ctx) -> Community | None:
        from orggraph.graph.hops import Nodes

        c = await info.context.loaders.node(Nodes.COMMUNITY, self.community_id)
        return Community.from_entity(c) if c else None

    @strawberry.field(description=glossary.describe("TripartiteOffice", "compounds"))
    async def compounds(self, info: Ctx) -> list[Compound]:
        found = await info.context.loaders.related(CompoundHops.COMPOUNDS_OF_OFFICE, self.id)
        return [Compound.from_entity(c) for c in found]

    @strawberry.field(description=glossary.describe("TripartiteOffice", "meetings"))
    async def meetings(
        self,
        info: Ctx,
        from_: Annotated[
            date | None,
            strawberry.argument(name="from", description=glossary.describe_input("TripartiteOffice", "from")),
        ] = None,
        to: Annotated[
            date | None, strawberry.argument(description=glossary.describe_input("TripartiteOffice", "to"))
        ] = None,
    ) -> list[TripartiteMeeting]:
        ids = await info.context.loaders.related(CompoundHops.MEETINGS_OF_OFFICE, self.id)
        found = await _meetings(info, ids)
        return [m for m in found if (from_ is None or m.held_on >= from_) and (to is None or m.held_on <= to)]

    @strawberry.field(description=glossary.describe("TripartiteOffice", "issues"))
    async def issues(
        self,
        info: Ctx,
        step: Annotated[
            enums.PropertyIssueStep | None,
            strawberry.argument(description=glossary.describe_input("TripartiteOffice", "step")),
        ] = None,
        open: Annotated[
            bool | None, strawberry.argument(description=glossary.describe_input("TripartiteOffice", "open"))
        ] = None,
    ) -> list[PropertyIssue]:
        ids = await info.context.loaders.related(CompoundHops.ISSUES_OF_OFFICE, self.id)
        found = [i for i in await info.context.loaders.nodes(CompoundHops.ISSUE, ids) if i is not None]
        found.sort(key=cp.priority)
        if step is not None:
            found = [i for i in found if i.step.value == step.value]
        if open is not None:
            found = [i for i in found if (i.step in cp.OPEN_STEPS) == open]
        return [PropertyIssue.from_entity(i) for i in found]


async def _meetings(info: Ctx, ids: list[str]) -> list[TripartiteMeeting]:
    found = await info.context.loaders.nodes(CompoundHops.MEETING, ids)
    return [TripartiteMeeting.from_entity(m) for m in found if m is not None]


async def _issues(info: Ctx, ids: list[str]) -> list[PropertyIssue]:
    found = await info.context.loaders.nodes(CompoundHops.ISSUE, ids)
    return [PropertyIssue.from_entity(i) for i in sorted((i for i in found if i), key=cp.priority)]


# ---------------------------------------------------------------- what Compound, Unit, Community and
# CityStats read here (their fields are declared in network_types and resolved by these)


async def governance_of(info: Ctx, compound_id: str) -> cp.CompoundGovernance | None:
    return await info.context.loaders.node(CompoundHops.GOVERNANCE, compound_id)


async def property_company(info: Ctx, compound_id: str) -> Unit | None:
    from orggraph.api.network_types import Unit

    u = await info.context.loaders.one(CompoundHops.PROPERTY_COMPANY, compound_id)
    return Unit.from_entity(u) if u else None


async def owners_committee(info: Ctx, compound_id: str) -> OwnersCommittee | None:
    o = await info.context.loaders.one(CompoundHops.OWNERS_COMMITTEE, compound_id)
    return OwnersCommittee.from_entity(o) if o else None


async def party_organizations(info: Ctx, compound_id: str) -> list[PartyOrganization]:
    found = await info.context.loaders.related(CompoundHops.PARTY_ORGANIZATIONS, compound_id)
    order = list(cp.PartyOrgKind)
    return [
        PartyOrganization.from_entity(o) for o in sorted(found, key=lambda o: (order.index(o.kind), o.id))
    ]


async def offices(info: Ctx, ids: list[str]) -> list[TripartiteOffice]:
    found = await info.context.loaders.nodes(CompoundHops.OFFICE, ids)
    return [TripartiteOffice.from_entity(o) for o in found if o is not None]


async def offices_of_compound(info: Ctx, compound_id: str) -> list[TripartiteOffice]:
    return await offices(
        info, await info.context.loaders.related(CompoundHops.OFFICES_OF_COMPOUND, compound_id)
    )


async def offices_of_community(info: Ctx, community_id: str) -> list[TripartiteOffice]:
    return await offices(
        info, await info.context.loaders.related(CompoundHops.OFFICES_OF_COMMUNITY, community_id)
    )


async def issues_of_compound(info: Ctx, compound_id: str) -> list[PropertyIssue]:
    return await _issues(
        info, await info.context.loaders.related(CompoundHops.ISSUES_OF_COMPOUND, compound_id)
    )


async def managed_compounds(info: Ctx, unit_id: str) -> list[Compound]:
    return [
        Compound.from_entity(c)
        for c in await info.context.loaders.related(CompoundHops.MANAGED_COMPOUNDS, unit_id)
    ]


async def party_organizations_by_kind(info: Ctx) -> list[Count]:
    found = await compound_reads.party_organizations_by_kind(info.context.graph)
    return [Count(key=k.value, label=cp.PARTY_ORG_KIND_LABELS[k], count=n) for k, n in found.items()]


# ---------------------------------------------------------------- queries


@strawberry.input(description=glossary.describe("CompoundFilter"))
class CompoundFilter:
    community_id: strawberry.ID | None = _in("CompoundFilter", "communityId", default=None)
    street_id: strawberry.ID | None = _in("CompoundFilter", "streetId", default=None)
    kind: enums.CompoundKind | None = _in("CompoundFilter", "kind", default=None)
    without_manager: bool | None = _in("CompoundFilter", "withoutManager", default=None)


@strawberry.type
class CompoundQuery:
    @strawberry.field(description=glossary.use_case("compounds"))
    async def compounds(
        self, info: Ctx, filter: Annotated[CompoundFilter | None, arg("compounds", "filter")] = None
    ) -> list[Compound]:
        f = filter or CompoundFilter()
        found = await compound_reads.compound_list(
            info.context.graph, community_id=f.community_id, street_id=f.street_id,
            kind=f.kind.value if f.kind is not None else None, without_manager=f.without_manager,
        )  # fmt: skip
        return [Compound.from_entity(c) for c in found]

    @strawberry.field(description=glossary.use_case("compound"))
    async def compound(
        self, info: Ctx, id: Annotated[strawberry.ID, arg("compound", "id")]
    ) -> Compound | None:
        c = await info.context.loaders.node(CompoundHops.COMPOUND, id)
        return Compound.from_entity(c) if c else None

    @strawberry.field(description=glossary.use_case("tripartiteOffice"))
    async def tripartite_office(
        self, info: Ctx, id: Annotated[strawberry.ID, arg("tripartiteOffice", "id")]
    ) -> TripartiteOffice | None:
        o = await info.context.loaders.node(CompoundHops.OFFICE, id)
        return TripartiteOffice.from_entity(o) if o else None

    @strawberry.field(description=glossary.use_case("propertyIssue"))
    async def property_issue(
        self, info: Ctx, id: Annotated[strawberry.ID, arg("propertyIssue", "id")]
    ) -> PropertyIssue | None:
        i = await info.context.loaders.node(CompoundHops.ISSUE, id)
        return PropertyIssue.from_entity(i) if i else None


# ---------------------------------------------------------------- mutations


@strawberry.input(description=glossary.describe("OwnersCommitteeInput"))
class OwnersCommitteeInput:
    name: str = _in("OwnersCommitteeInput", "name")
    members: int = _in("OwnersCommitteeInput", "members")
    party_members: int = _in("OwnersCommitteeInput", "partyMembers")


@strawberry.input(description=glossary.describe("FallbackFundingInput"))
class FallbackFundingInput:
    residents: int = _in("FallbackFundingInput", "residents")
    market: int = _in("FallbackFundingInput", "market")
    projects: int = _in("FallbackFundingInput", "projects")
    subsidy: int = _in("FallbackFundingInput", "subsidy")


@strawberry.input(description=glossary.input_type("updateCompoundGovernance"))
class UpdateCompoundGovernanceInput:
    compound_id: strawberry.ID = input_field("CompoundGovernanceInput", "compoundId")
    property_company_id: strawberry.ID | None = input_field(
        "CompoundGovernanceInput", "propertyCompanyId", default=None
    )
    owners_committee: OwnersCommitteeInput | None = input_field(
        "CompoundGovernanceInput", "ownersCommittee", default=None
    )
    fee_collection_rate: float | None = input_field(
        "CompoundGovernanceInput", "feeCollectionRate", default=None
    )
    fee_measured_on: date | None = input_field("CompoundGovernanceInput", "feeMeasuredOn", default=None)
    demonstration: bool | None = input_field("CompoundGovernanceInput", "demonstration", default=None)
    fallback_funding: FallbackFundingInput | None = input_field(
        "CompoundGovernanceInput", "fallbackFunding", default=None
    )


@strawberry.input(description=glossary.input_type("setCompoundPartyOrganization"))
class SetCompoundPartyOrganizationInput:
    compound_id: strawberry.ID = input_field("PartyOrganizationInput", "compoundId")
    kind: enums.PartyOrganizationKind = input_field("PartyOrganizationInput", "kind")
    name: str = input_field("PartyOrganizationInput", "name")
    members: int = input_field("PartyOrganizationInput", "members")
    id: strawberry.ID | None = input_field("PartyOrganizationInput", "id", default=None)


@strawberry.input(description=glossary.input_type("createPropertyIssue"))
class CreatePropertyIssueInput:
    office_id: strawberry.ID = input_field("PropertyIssueInput", "officeId")
    title: str = input_field("PropertyIssueInput", "title")
    description: str = input_field("PropertyIssueInput", "description", default="")
    urgency: enums.Urgency = input_field("PropertyIssueInput", "urgency", default=enums.Urgency.NORMAL)
    difficulty: enums.Difficulty = input_field(
        "PropertyIssueInput", "difficulty", default=enums.Difficulty.MEDIUM
    )
    compound_id: strawberry.ID | None = input_field("PropertyIssueInput", "compoundId", default=None)
    id: strawberry.ID | None = input_field("PropertyIssueInput", "id", default=None)


@strawberry.input(description=glossary.describe("IssueMoveInput"))
class IssueMoveInput:
    issue_id: strawberry.ID = _in("IssueMoveInput", "issueId")
    to: enums.PropertyIssueStep = _in("IssueMoveInput", "to")
    note: str = _in("IssueMoveInput", "note", default="")


@strawberry.input(description=glossary.input_type("recordTripartiteMeeting"))
class RecordTripartiteMeetingInput:
    office_id: strawberry.ID = input_field("TripartiteMeetingInput", "officeId")
    held_on: date = input_field("TripartiteMeetingInput", "heldOn")
    topic: str = input_field("TripartiteMeetingInput", "topic")
    parties: list[enums.TripartiteParty] = input_field("TripartiteMeetingInput", "parties")
    resident_representatives: int = input_field("TripartiteMeetingInput", "residentRepresentatives")
    decisions: list[str] = input_field("TripartiteMeetingInput", "decisions", default_factory=list)
    issues: list[IssueMoveInput] = input_field("TripartiteMeetingInput", "issues", default_factory=list)
    id: strawberry.ID | None = input_field("TripartiteMeetingInput", "id", default=None)


@strawberry.type
class CompoundMutation:
    @strawberry.mutation(description=glossary.use_case("updateCompoundGovernance"))
    async def update_compound_governance(
        self,
        info: Ctx,
        input: Annotated[UpdateCompoundGovernanceInput, arg("updateCompoundGovernance", "input")],
    ) -> Compound:
        oc, f = input.owners_committee, input.fallback_funding
        cmd = cp.GovernanceChanges(
            compound_id=input.compound_id,
            property_company_id=input.property_company_id,
            owners_committee=cp.OwnersCommitteeInput(oc.name, oc.members, oc.party_members) if oc else None,
            fee_collection_rate=input.fee_collection_rate,
            fee_measured_on=input.fee_measured_on,
            demonstration=input.demonstration,
            funding=cp.FundingInput(f.residents, f.market, f.projects, f.subsidy) if f else None,
        )
        ctx = info.context
        compound_id = await service.update_compound_governance(ctx.graph, ctx.caller, cmd)
        c = await by_id(ctx.graph, CompoundHops.COMPOUND, compound_id)
        assert c is not None
        return Compound.from_entity(c)

    @strawberry.mutation(description=glossary.use_case("setCompoundPartyOrganization"))
    async def set_compound_party_organization(
        self,
        info: Ctx,
        input: Annotated[SetCompoundPartyOrganizationInput, arg("setCompoundPartyOrganization", "input")],
    ) -> PartyOrganization:
        cmd = cp.PartyOrgInput(
            input.compound_id, cp.PartyOrgKind(input.kind.value), input.name, input.members, input.id
        )
        return PartyOrganization.from_entity(
            await service.set_party_organization(info.context.graph, info.context.caller, cmd)
        )

    @strawberry.mutation(description=glossary.use_case("createPropertyIssue"))
    async def create_property_issue(
        self, info: Ctx, input: Annotated[CreatePropertyIssueInput, arg("createPropertyIssue", "input")]
    ) -> PropertyIssue:
        cmd = cp.NewPropertyIssue(
            office_id=input.office_id, title=input.title, description=input.description,
            urgency=model.Urgency(input.urgency.value), difficulty=cp.Difficulty(input.difficulty.value),
            compound_id=input.compound_id, id=input.id,
        )  # fmt: skip
        return await _issue(
            info, await service.create_property_issue(info.context.graph, info.context.caller, cmd)
        )

    @strawberry.mutation(description=glossary.use_case("advancePropertyIssue"))
    async def advance_property_issue(
        self,
        info: Ctx,
        id: Annotated[strawberry.ID, arg("advancePropertyIssue", "id")],
        to: Annotated[enums.PropertyIssueStep, arg("advancePropertyIssue", "to")],
        note: Annotated[str, arg("advancePropertyIssue", "note")] = "",
    ) -> PropertyIssue:
        cmd = cp.IssueAdvance(id, cp.IssueStep(to.value), note)
        return await _issue(
            info, await service.advance_property_issue(info.context.graph, info.context.caller, cmd)
        )

    @strawberry.mutation(description=glossary.use_case("recordTripartiteMeeting"))
    async def record_tripartite_meeting(
        self,
        info: Ctx,
        input: Annotated[RecordTripartiteMeetingInput, arg("recordTripartiteMeeting", "input")],
    ) -> TripartiteMeeting:
        cmd = cp.NewTripartiteMeeting(
            office_id=input.office_id, held_on=input.held_on, topic=input.topic,
            parties=tuple(cp.TripartiteParty(p.value) for p in input.parties),
            resident_representatives=input.resident_representatives, decisions=tuple(input.decisions),
            moves=tuple(cp.IssueMove(m.issue_id, cp.IssueStep(m.to.value), m.note) for m in input.issues),
            id=input.id,
        )  # fmt: skip
        ctx = info.context
        meeting_id = await service.record_tripartite_meeting(ctx.graph, ctx.caller, cmd)
        m = await by_id(ctx.graph, CompoundHops.MEETING, meeting_id)
        assert m is not None
        return TripartiteMeeting.from_entity(m)


async def _issue(info: Ctx, issue_id: str) -> PropertyIssue:
    i = await by_id(info.context.graph, CompoundHops.ISSUE, issue_id)
    assert i is not None
    return PropertyIssue.from_entity(i)
