"""Use cases of the in-service party members and the campaigns: registerPartyMember, pairUnit,
setCommitment, assignZone, createRoadSection, recordService, createCampaign, addCampaignGroup,
sendToCampaign, coverZone.

Each authorizes (docs/security.md: a unit registers its own members and their 三亮; a community keeps its
zones, road sections and service records; a street pairs units with its communities; the organization
department runs campaigns), checks its command, and runs one write transaction with its audit record, in
which it reads the state, asks the rules of orggraph.domain.party_members and writes.
"""

from __future__ import annotations

from neo4j import AsyncManagedTransaction

from orggraph.domain import party_members as pm
from orggraph.domain.auth import Action
from orggraph.domain.errors import Conflict, not_found
from orggraph.domain.model import Label
from orggraph.graph import party_writes as w
from orggraph.graph.runner import Graph
from orggraph.services.caller import Caller, authorize


async def register_party_member(graph: Graph, caller: Caller, cmd: pm.RegisterPartyMember) -> pm.PartyMember:
    await authorize(graph, caller, Action.EDIT_PARTY_MEMBER, Label.Unit, cmd.unit_id)
    r = cmd.checked(caller.today)

    async def work(tx: AsyncManagedTransaction) -> pm.PartyMember:
        state = await w.register_state(tx, r)
        if state.get("unit") is None:
            raise not_found("单位", r.unit_id, "unitId")
        if state.get("person") is None and not r.person_name:
            raise not_found("人员", r.person_id, "personId")  # a new person needs a name
        if state.get("memberOf") not in (None, r.unit_id):
            raise Conflict(f"personId: 该党员已在单位 {state['memberOf']} 登记", field="personId")
        if r.compound_id is not None:
            if state.get("compound") is None:
                raise not_found("小区", r.compound_id, "compoundId")
            if state.get("retired") is not None:
                raise Conflict("compoundId: 该小区已撤销", field="compoundId")
        community = pm.paired_community(r.community_id, tuple(state.get("paired") or ()))
        return await w.register(tx, r, community)

    audit = caller.audit(
        "registerPartyMember",
        r.person_id,
        unitId=r.unit_id,
        compoundId=r.compound_id,
        communityId=r.community_id,
    )
    return await graph.write(work, audit)


async def pair_unit(graph: Graph, caller: Caller, cmd: pm.PairUnit) -> str:
    """The unit is paired (结对) with the community; a retry changes nothing. Returns the unit's id."""
    await authorize(graph, caller, Action.PAIR_UNIT, Label.Community, cmd.community_id)
    p = cmd.checked(caller.today)

    async def work(tx: AsyncManagedTransaction) -> str:
        unit, community = await w.pair_state(tx, p.unit_id, p.community_id)
        if unit is None:
            raise not_found("单位", p.unit_id, "unitId")
        if community is None:
            raise not_found("社区", p.community_id, "communityId")
        await w.pair(tx, p)
        return unit

    return await graph.write(work, caller.audit("pairUnit", p.unit_id, communityId=p.community_id))


async def set_commitment(graph: Graph, caller: Caller, cmd: pm.SetCommitment) -> pm.Commitment:
    """三亮: the member's commitment for the year; setting it again replaces it."""
    await authorize(graph, caller, Action.EDIT_PARTY_MEMBER, Label.Person, cmd.person_id)
    c = cmd.checked(caller.today)

    async def work(tx: AsyncManagedTransaction) -> pm.Commitment:
        if await w.member_unit(tx, c.person_id) is None:
            raise not_found("党员", c.person_id, "personId")
        return await w.set_commitment(tx, c)

    return await graph.write(work, caller.audit("setCommitment", c.person_id, year=c.year))


async def assign_zone(graph: Graph, caller: Caller, cmd: pm.AssignZone) -> pm.Zone:
    """包保: a member or a unit keeps a compound or a road section of the community; again: the duty changes."""
    await authorize(graph, caller, Action.KEEP_ZONES, Label.Community, cmd.community_id)
    z = cmd.checked(caller.today)

    async def work(tx: AsyncManagedTransaction) -> pm.Zone:
        s = await w.zone_state(tx, z)
        if s["community"] is None:
            raise not_found("社区", z.community_id, "communityId")
        if z.compound_id is not None and s["compound"] is None:
            raise not_found("小区", z.compound_id, "compoundId")
        if z.road_section_id is not None and s["road"] is None:
            raise not_found("路段路口", z.road_section_id, "roadSectionId")
        if z.person_id is not None and (s["person"] is None or not s["isMember"]):
            raise not_found("党员", z.person_id, "personId")
        if z.unit_id is not None and s["unit"] is None:
            raise not_found("单位", z.unit_id, "unitId")
        if not s["inCommunity"]:
            field = "compoundId" if z.compound_id else "roadSectionId"
            raise Conflict(f"{field}: 责任区不在社区 {z.community_id}", field=field)
        return await w.assign_zone(tx, z)

    audit = caller.audit(
        "assignZone", z.zone_id, communityId=z.community_id, keeperId=z.keeper_id, duty=z.duty
    )
    return await graph.write(work, audit)


async def create_road_section(graph: Graph, caller: Caller, cmd: pm.NewRoadSection) -> pm.RoadSection:
    await authorize(graph, caller, Action.KEEP_ZONES, Label.Community, cmd.community_id)
    r = cmd.checked()
    road_id = r.id or ""

    async def work(tx: AsyncManagedTransaction) -> pm.RoadSection:
        s = await w.road_state(tx, r)
        if s["community"] is None:
            raise not_found("社区", r.community_id, "communityId")
        if s["existing"] is not None:
            if s["existingCommunity"] == r.community_id and s["existing"]["name"] == r.name:
                return pm.RoadSection(
                    road_id, r.name, r.community_id, s["existing"].get("source", "")
                )  # a retry
            raise Conflict(f"id: 编号为 {road_id} 的路段路口已存在", field="id")
        return await w.create_road(tx, r)

    return await graph.write(work, caller.audit("createRoadSection", road_id, communityId=r.community_id))


async def record_service(graph: Graph, caller: Caller, cmd: pm.RecordService) -> pm.ServiceRecord:
    """A member's service in the community; a retry with the same id records nothing more."""
    await authorize(graph, caller, Action.KEEP_ZONES, Label.Community, cmd.community_id)
    s = cmd.checked(caller.today)
    record_id = s.id or ""

    async def work(tx: AsyncManagedTransaction) -> pm.ServiceRecord:
        st = await w.service_state(tx, s)
        if st["community"] is None:
            raise not_found("社区", s.community_id, "communityId")
        if st["person"] is None or not st["isMember"]:
            raise not_found("党员", s.person_id, "personId")
        old = st["existing"]
        if old is not None:
            same = (
                st["existingPerson"] == s.person_id
                and st["existingCommunity"] == s.community_id
                and float(old["hours"]) == s.hours
                and old.get("activity") == s.activity
            )
            if same:
                return pm.ServiceRecord(
                    record_id, s.person_id, s.community_id, s.on, s.hours, s.activity, s.points
                )
            raise Conflict(f"id: 编号为 {record_id} 的服务记录已存在(内容不同)", field="id")
        return await w.record_service(tx, s, caller.principal.subject)

    audit = caller.audit(
        "recordService", record_id, personId=s.person_id, communityId=s.community_id, hours=s.hours
    )
    return await graph.write(work, audit)


async def create_campaign(graph: Graph, caller: Caller, cmd: pm.NewCampaign) -> pm.Campaign:
    await authorize(graph, caller, Action.RUN_CAMPAIGN)
    c = cmd.checked(caller.today)
    campaign_id = c.id or ""

    async def work(tx: AsyncManagedTransaction) -> pm.Campaign:
        existing = await w.campaign_by_id(tx, campaign_id)
        if existing is not None:
            if existing.name == c.name and existing.started_on == c.started_on:
                return existing  # a retry
            raise Conflict(f"id: 编号为 {campaign_id} 的行动已存在", field="id")
        return await w.create_campaign(tx, c)

    return await graph.write(work, caller.audit("createCampaign", campaign_id, name=c.name))


async def add_campaign_group(graph: Graph, caller: Caller, cmd: pm.NewCampaignGroup) -> pm.CampaignGroup:
    await authorize(graph, caller, Action.RUN_CAMPAIGN)
    g = cmd.checked()
    group_id = g.id or ""

    async def work(tx: AsyncManagedTransaction) -> pm.CampaignGroup:
        s = await w.group_state(tx, g)
        if s["campaign"] is None:
            raise not_found("行动", g.campaign_id, "campaignId")
        if g.community_id is not None and s["community"] is None:
            raise not_found("社区", g.community_id, "communityId")
        if s["existing"] is not None:
            old = s["existing"]
            if (
                s["existingCampaign"] == g.campaign_id
                and old["name"] == g.name
                and old["kind"] == g.kind.value
            ):
                return await w.group(tx, group_id)  # a retry
            raise Conflict(f"id: 编号为 {group_id} 的临时党支部或突击队已存在", field="id")
        return await w.create_group(tx, g)

    audit = caller.audit(
        "addCampaignGroup", group_id, campaignId=g.campaign_id, kind=g.kind.value, name=g.name
    )
    return await graph.write(work, audit)


async def send_to_campaign(graph: Graph, caller: Caller, cmd: pm.SendToCampaign) -> str:
    """下沉: the unit and these members of its own go to the campaign (into a group when given); a retry
    changes nothing. Returns the campaign's id."""
    await authorize(graph, caller, Action.RUN_CAMPAIGN)
    s = cmd.checked()

    async def work(tx: AsyncManagedTransaction) -> str:
        st = await w.send_state(tx, s)
        if st["campaign"] is None:
            raise not_found("行动", s.campaign_id, "campaignId")
        if st["unit"] is None:
            raise not_found("单位", s.unit_id, "unitId")
        if s.group_id is not None and st["grp"] is None:
            raise not_found("该行动的临时党支部或突击队", s.group_id, "groupId")
        if st["strangers"]:
            raise Conflict(
                f"personIds: 不是该单位登记的党员:{'、'.join(st['strangers'][:5])}", field="personIds"
            )
        await w.send(tx, s)
        return s.campaign_id

    audit = caller.audit(
        "sendToCampaign", s.campaign_id, unitId=s.unit_id, members=len(s.person_ids), groupId=s.group_id
    )
    return await graph.write(work, audit)


async def cover_zone(graph: Graph, caller: Caller, cmd: pm.CoverZone) -> pm.CampaignGroup:
    """The group keeps these compounds and road sections in its shift; again: the shift changes."""
    await authorize(graph, caller, Action.RUN_CAMPAIGN)
    c = cmd.checked()

    async def work(tx: AsyncManagedTransaction) -> pm.CampaignGroup:
        s = await w.cover_state(tx, c)
        if s["grp"] is None:
            raise not_found("临时党支部或突击队", c.group_id, "groupId")
        if s["missingCompounds"]:
            raise not_found("小区", s["missingCompounds"][0], "compoundIds")
        if s["missingRoads"]:
            raise not_found("路段路口", s["missingRoads"][0], "roadSectionIds")
        return await w.cover(tx, c)

    audit = caller.audit(
        "coverZone",
        c.group_id,
        compounds=len(c.compound_ids),
        roadSections=len(c.road_section_ids),
        shift=c.shift,
    )
    return await graph.write(work, audit)
