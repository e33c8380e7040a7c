"""Reads and writes inside the transactions of the in-service party members' use cases (双报到, 三亮,
包保, service records, campaigns). They read the state orggraph.domain.party_members judges and write what
the use case decided; they decide nothing.

Written here: (Person)-[:PARTY_MEMBER_OF {since}]->(Unit); (Person)-[:REPORTED_TO {on}]->(Compound|Community)
(one of each: a new report replaces the old one); (Unit)-[:PAIRED_WITH {since}]->(Community);
(Person)-[:COMMITTED]->(:Commitment {id, year, duty, promise}); (:RoadSection)-[:LIES_IN]->(Community);
(Person|Unit)-[:KEEPS_ZONE {duty, since}]->(Compound|RoadSection); (Person)-[:SERVED]->(:ServiceRecord)-[:IN]->
(Community); (:Campaign)-[:HAS_GROUP]->(:CampaignGroup {kind}); (Unit|Person)-[:SENT_TO]->(Campaign);
(Person)-[:IN_GROUP]->(CampaignGroup); (CampaignGroup)-[:COVERS {shift}]->(Compound|RoadSection).
"""

from __future__ import annotations

from typing import Any

from neo4j import AsyncManagedTransaction

from orggraph.domain import party_members as pm
from orggraph.graph import mapping
from orggraph.graph.runner import single

# The one projection of a member: used by the writes' answers and by the reads (party_reads).
MEMBER_COLUMNS = """
OPTIONAL MATCH (p)-[rx:REPORTED_TO]->(x:Compound)
OPTIONAL MATCH (p)-[rc:REPORTED_TO]->(c:Community)
WITH p, m, u, head(collect(DISTINCT [x.id, rx.on])) AS home, head(collect(DISTINCT [c.id, rc.on])) AS comm
RETURN {person: {id: p.id, name: p.name}, unitId: u.id, since: m.since, compoundId: home[0], compoundOn: home[1],
        communityId: comm[0], communityOn: comm[1]} AS row
ORDER BY p.name, p.id
"""
MEMBER = "MATCH (p:Person {id: $personId})-[m:PARTY_MEMBER_OF]->(u:Unit)" + MEMBER_COLUMNS

REGISTER_STATE = """
OPTIONAL MATCH (u:Unit {id: $unitId})
OPTIONAL MATCH (p:Person {id: $personId})
OPTIONAL MATCH (p)-[:PARTY_MEMBER_OF]->(other:Unit)
OPTIONAL MATCH (x:Compound {id: $compoundId})
RETURN u.id AS unit, p.id AS person, other.id AS memberOf, x.id AS compound, x.retiredOn AS retired,
       CASE WHEN u IS NULL THEN [] ELSE COLLECT { MATCH (u)-[:PAIRED_WITH]->(c:Community) RETURN c.id ORDER BY c.id } END AS paired
"""
REGISTER = """
MATCH (u:Unit {id: $unitId})
MERGE (p:Person {id: $personId})
  ON CREATE SET p.name = $personName, p.source = 'user', p.createdAt = datetime()
MERGE (p)-[m:PARTY_MEMBER_OF]->(u)
  ON CREATE SET m.since = $since
"""
# a member reports to one compound (where they live) and one community: a new report replaces the old
REPORT_TO_COMPOUND = """
MATCH (p:Person {id: $personId}), (x:Compound {id: $compoundId})
OPTIONAL MATCH (p)-[old:REPORTED_TO]->(y:Compound) WHERE y <> x
DELETE old
WITH DISTINCT p, x
MERGE (p)-[r:REPORTED_TO]->(x) ON CREATE SET r.on = $on
"""
REPORT_TO_COMMUNITY = """
MATCH (p:Person {id: $personId}), (c:Community {id: $communityId})
OPTIONAL MATCH (p)-[old:REPORTED_TO]->(y:Community) WHERE y <> c
DELETE old
WITH DISTINCT p, c
MERGE (p)-[r:REPORTED_TO]->(c) ON CREATE SET r.on = $on
"""
PAIR_STATE = """
OPTIONAL MATCH (u:Unit {id: $unitId})
OPTIONAL MATCH (c:Community {id: $communityId})
RETURN u.id AS unit, c.id AS community
"""
PAIR = """
MATCH (u:Unit {id: $unitId}), (c:Community {id: $communityId})
MERGE (u)-[r:PAIRED_WITH]->(c) ON CREATE SET r.since = $since
RETURN u.id AS unit
"""
MEMBER_UNIT = "OPTIONAL MATCH (p:Person {id: $personId})-[:PARTY_MEMBER_OF]->(u:Unit) RETURN u.id AS unit"
SET_COMMITMENT = """
MATCH (p:Person {id: $personId})
MERGE (k:Commitment {id: $id})
SET k.year = $year, k.duty = $duty, k.promise = $promise, k.updatedAt = datetime()
MERGE (p)-[:COMMITTED]->(k)
RETURN properties(k) AS node
"""
# where a zone lies: a compound's community through its grid; a road section's through LIES_IN
ZONE_STATE = """
OPTIONAL MATCH (c:Community {id: $communityId})
OPTIONAL MATCH (x:Compound {id: $compoundId})
OPTIONAL MATCH (r:RoadSection {id: $roadSectionId})
OPTIONAL MATCH (p:Person {id: $personId})
OPTIONAL MATCH (u:Unit {id: $unitId})
RETURN c.id AS community, x.id AS compound, r.id AS road, p.id AS person, u.id AS unit,
       EXISTS { (p)-[:PARTY_MEMBER_OF]->(:Unit) } AS isMember,
       (x IS NOT NULL AND EXISTS { (x)-[:IN_GRID]->(:Grid)-[:PART_OF]->(c) })
         OR (r IS NOT NULL AND EXISTS { (r)-[:LIES_IN]->(c) }) AS inCommunity
"""
_ASSIGN_ZONE = """
MATCH (k:{keeper} {{id: $keeperId}}), (z:{zone} {{id: $zoneId}})
MERGE (k)-[r:KEEPS_ZONE]->(z) ON CREATE SET r.since = $since
SET r.duty = $duty
RETURN {{keeperKind: '{keeper}', keeper: {{id: k.id, name: k.name}}, zoneKind: '{kind}',
        zone: {{id: z.id, name: z.name}}, rel: properties(r)}} AS row
"""
# (keeper label, zone label) -> the statement; labels from this closed set only
ASSIGN_ZONE = {
    (keeper, zone): _ASSIGN_ZONE.format(keeper=keeper, zone=zone, kind=kind)
    for keeper in ("Person", "Unit")
    for zone, kind in (("Compound", "COMPOUND"), ("RoadSection", "ROAD_SECTION"))
}
SERVICE_STATE = """
OPTIONAL MATCH (p:Person {id: $personId})
OPTIONAL MATCH (c:Community {id: $communityId})
OPTIONAL MATCH (s:ServiceRecord {id: $id})
OPTIONAL MATCH (sp:Person)-[:SERVED]->(s)
OPTIONAL MATCH (s)-[:IN]->(sc:Community)
RETURN p.id AS person, c.id AS community, EXISTS { (p)-[:PARTY_MEMBER_OF]->(:Unit) } AS isMember,
       properties(s) AS existing, sp.id AS existingPerson, sc.id AS existingCommunity
"""
RECORD_SERVICE = """
MATCH (p:Person {id: $personId}), (c:Community {id: $communityId})
CREATE (s:ServiceRecord {id: $id, on: $on, hours: $hours, activity: $activity, points: $points,
                         by: $by, createdAt: datetime()})
CREATE (p)-[:SERVED]->(s)
CREATE (s)-[:IN]->(c)
RETURN properties(s) AS node
"""
ROAD_STATE = """
OPTIONAL MATCH (c:Community {id: $communityId})
OPTIONAL MATCH (r:RoadSection {id: $id})
OPTIONAL MATCH (r)-[:LIES_IN]->(rc:Community)
RETURN c.id AS community, properties(r) AS existing, rc.id AS existingCommunity
"""
CREATE_ROAD = """
MATCH (c:Community {id: $communityId})
CREATE (r:RoadSection {id: $id, name: $name, source: 'user', createdAt: datetime()})
CREATE (r)-[:LIES_IN]->(c)
RETURN properties(r) AS node
"""
CAMPAIGN_BY_ID = "OPTIONAL MATCH (x:Campaign {id: $id}) RETURN properties(x) AS node"
CREATE_CAMPAIGN = """
CREATE (x:Campaign {id: $id, name: $name, kind: $kind, startedOn: $startedOn, endedOn: $endedOn,
                    source: 'user', createdAt: datetime()})
RETURN properties(x) AS node
"""
GROUP_STATE = """
OPTIONAL MATCH (x:Campaign {id: $campaignId})
OPTIONAL MATCH (c:Community {id: $communityId})
OPTIONAL MATCH (g:CampaignGroup {id: $id})
OPTIONAL MATCH (gx:Campaign)-[:HAS_GROUP]->(g)
RETURN x.id AS campaign, c.id AS community, properties(g) AS existing, gx.id AS existingCampaign
"""
CREATE_GROUP = """
MATCH (x:Campaign {id: $campaignId})
CREATE (g:CampaignGroup {id: $id, kind: $kind, name: $name, source: 'user', createdAt: datetime()})
CREATE (x)-[:HAS_GROUP]->(g)
WITH g
CALL (g) { MATCH (c:Community {id: $communityId}) CREATE (g)-[:IN]->(c) }
"""
# a group with its figures; the campaign's id
GROUP = """
MATCH (x:Campaign)-[:HAS_GROUP]->(g:CampaignGroup {id: $id})
OPTIONAL MATCH (g)-[:IN]->(c:Community)
RETURN {group: properties(g), campaignId: x.id, communityId: c.id,
        members: COUNT { (:Person)-[:IN_GROUP]->(g) }, compounds: COUNT { (g)-[:COVERS]->(:Compound) },
        roadSections: COUNT { (g)-[:COVERS]->(:RoadSection) }} AS row
"""
SEND_STATE = """
OPTIONAL MATCH (x:Campaign {id: $campaignId})
OPTIONAL MATCH (u:Unit {id: $unitId})
OPTIONAL MATCH (x)-[:HAS_GROUP]->(g:CampaignGroup {id: $groupId})
RETURN x.id AS campaign, u.id AS unit, g.id AS grp,
       [pid IN $personIds WHERE NOT EXISTS { (:Person {id: pid})-[:PARTY_MEMBER_OF]->(u) }] AS strangers
"""
SEND = """
MATCH (x:Campaign {id: $campaignId}), (u:Unit {id: $unitId})
MERGE (u)-[:SENT_TO]->(x)
WITH x
UNWIND $personIds AS pid
MATCH (p:Person {id: pid})
MERGE (p)-[:SENT_TO]->(x)
WITH p
CALL (p) { MATCH (g:CampaignGroup {id: $groupId}) MERGE (p)-[:IN_GROUP]->(g) }
"""
COVER_STATE = """
OPTIONAL MATCH (g:CampaignGroup {id: $groupId})
RETURN g.id AS grp,
       [cid IN $compoundIds WHERE NOT EXISTS { MATCH (:Compound {id: cid}) }] AS missingCompounds,
       [rid IN $roadSectionIds WHERE NOT EXISTS { MATCH (:RoadSection {id: rid}) }] AS missingRoads
"""
COVER = {
    label: f"""
MATCH (g:CampaignGroup {{id: $groupId}})
UNWIND $zoneIds AS zid
MATCH (z:{label} {{id: zid}})
MERGE (g)-[r:COVERS]->(z)
SET r.shift = $shift
"""
    for label in ("Compound", "RoadSection")
}


async def register_state(tx: AsyncManagedTransaction, r: pm.RegisterPartyMember) -> dict[str, Any]:
    row = await single(tx, REGISTER_STATE, unitId=r.unit_id, personId=r.person_id, compoundId=r.compound_id)
    return dict(row) if row else {}


async def register(
    tx: AsyncManagedTransaction, r: pm.RegisterPartyMember, community_id: str | None
) -> pm.PartyMember:
    await (
        await tx.run(
            REGISTER, unitId=r.unit_id, personId=r.person_id, personName=r.person_name, since=r.since
        )
    ).consume()
    if r.compound_id is not None:
        await (
            await tx.run(REPORT_TO_COMPOUND, personId=r.person_id, compoundId=r.compound_id, on=r.reported_on)
        ).consume()
    if community_id is not None:
        await (
            await tx.run(
                REPORT_TO_COMMUNITY, personId=r.person_id, communityId=community_id, on=r.reported_on
            )
        ).consume()
    return await member(tx, r.person_id)


async def member(tx: AsyncManagedTransaction, person_id: str) -> pm.PartyMember:
    row = await single(tx, MEMBER, personId=person_id)
    return mapping.party_member(row["row"])


async def pair_state(
    tx: AsyncManagedTransaction, unit_id: str, community_id: str
) -> tuple[str | None, str | None]:
    row = await single(tx, PAIR_STATE, unitId=unit_id, communityId=community_id)
    return row["unit"], row["community"]


async def pair(tx: AsyncManagedTransaction, p: pm.PairUnit) -> None:
    await (await tx.run(PAIR, unitId=p.unit_id, communityId=p.community_id, since=p.since)).consume()


async def member_unit(tx: AsyncManagedTransaction, person_id: str) -> str | None:
    row = await single(tx, MEMBER_UNIT, personId=person_id)
    return row["unit"] if row else None


def commitment_id(person_id: str, year: int) -> str:
    return f"{person_id}:{year}"


async def set_commitment(tx: AsyncManagedTransaction, c: pm.SetCommitment) -> pm.Commitment:
    row = await single(
        tx, SET_COMMITMENT, personId=c.person_id, id=commitment_id(c.person_id, c.year), year=c.year,
        duty=c.duty, promise=c.promise,
    )  # fmt: skip
    return mapping.commitment(c.person_id, row["node"])


async def zone_state(tx: AsyncManagedTransaction, z: pm.AssignZone) -> dict[str, Any]:
    row = await single(
        tx, ZONE_STATE, communityId=z.community_id, compoundId=z.compound_id, roadSectionId=z.road_section_id,
        personId=z.person_id, unitId=z.unit_id,
    )  # fmt: skip
    return dict(row)


async def assign_zone(tx: AsyncManagedTransaction, z: pm.AssignZone) -> pm.Zone:
    keys = ("Person" if z.person_id else "Unit", "Compound" if z.compound_id else "RoadSection")
    row = await single(
        tx, ASSIGN_ZONE[keys], keeperId=z.keeper_id, zoneId=z.zone_id, since=z.since, duty=z.duty
    )
    return mapping.zone(row["row"])


async def service_state(tx: AsyncManagedTransaction, s: pm.RecordService) -> dict[str, Any]:
    return dict(await single(tx, SERVICE_STATE, personId=s.person_id, communityId=s.community_id, id=s.id))


async def record_service(tx: AsyncManagedTransaction, s: pm.RecordService, by: str) -> pm.ServiceRecord:
    row = await single(
        tx, RECORD_SERVICE, id=s.id, personId=s.person_id, communityId=s.community_id, on=s.on, hours=s.hours,
        activity=s.activity, points=s.points, by=by,
    )  # fmt: skip
    return mapping.service_record(row["node"], s.person_id, s.community_id)


async def road_state(tx: AsyncManagedTransaction, r: pm.NewRoadSection) -> dict[str, Any]:
    return dict(await single(tx, ROAD_STATE, communityId=r.community_id, id=r.id))


async def create_road(tx: AsyncManagedTransaction, r: pm.NewRoadSection) -> pm.RoadSection:
    row = await single(tx, CREATE_ROAD, communityId=r.community_id, id=r.id, name=r.name)
    return mapping.road_section(row["node"], r.community_id)


async def campaign_by_id(tx: AsyncManagedTransaction, campaign_id: str) -> pm.Campaign | None:
    row = await single(tx, CAMPAIGN_BY_ID, id=campaign_id)
    return mapping.campaign(row["node"]) if row and row["node"] else None


async def create_campaign(tx: AsyncManagedTransaction, c: pm.NewCampaign) -> pm.Campaign:
    row = await single(
        tx, CREATE_CAMPAIGN, id=c.id, name=c.name, kind=c.kind, startedOn=c.started_on, endedOn=c.ended_on
    )
    return mapping.campaign(row["node"])


async def group_state(tx: AsyncManagedTransaction, g: pm.NewCampaignGroup) -> dict[str, Any]:
    return dict(await single(tx, GROUP_STATE, campaignId=g.campaign_id, communityId=g.community_id, id=g.id))


async def create_group(tx: AsyncManagedTransaction, g: pm.NewCampaignGroup) -> pm.CampaignGroup:
    await (
        await tx.run(
            CREATE_GROUP,
            campaignId=g.campaign_id,
            id=g.id,
            kind=g.kind.value,
            name=g.name,
            communityId=g.community_id,
        )
    ).consume()
    return await group(tx, g.id or "")


async def group(tx: AsyncManagedTransaction, group_id: str) -> pm.CampaignGroup:
    row = await single(tx, GROUP, id=group_id)
    return mapping.campaign_group(row["row"])


async def send_state(tx: AsyncManagedTransaction, s: pm.SendToCampaign) -> dict[str, Any]:
    return dict(
        await single(
            tx,
            SEND_STATE,
            campaignId=s.campaign_id,
            unitId=s.unit_id,
            groupId=s.group_id,
            personIds=list(s.person_ids),
        )
    )


async def send(tx: AsyncManagedTransaction, s: pm.SendToCampaign) -> None:
    await (
        await tx.run(
            SEND, campaignId=s.campaign_id, unitId=s.unit_id, personIds=list(s.person_ids), groupId=s.group_id
        )
    ).consume()


async def cover_state(tx: AsyncManagedTransaction, c: pm.CoverZone) -> dict[str, Any]:
    return dict(
        await single(
            tx,
            COVER_STATE,
            groupId=c.group_id,
            compoundIds=list(c.compound_ids),
            roadSectionIds=list(c.road_section_ids),
        )
    )


async def cover(tx: AsyncManagedTransaction, c: pm.CoverZone) -> pm.CampaignGroup:
    for label, zones in (("Compound", c.compound_ids), ("RoadSection", c.road_section_ids)):
        if zones:
            await (
                await tx.run(COVER[label], groupId=c.group_id, zoneIds=list(zones), shift=c.shift)
            ).consume()
    return await group(tx, c.group_id)
