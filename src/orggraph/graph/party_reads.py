"""Reads of the in-service party members and the campaigns for the API: members by unit, community or
compound (capped), a unit's reporting figures, a community's or compound's reported members and zones,
a member's commitments and service records, the campaigns with their figures and groups."""

from __future__ import annotations

from orggraph.domain import entities as e
from orggraph.domain import party_members as pm
from orggraph.graph import mapping
from orggraph.graph.party_writes import MEMBER, MEMBER_COLUMNS
from orggraph.graph.runner import Graph

MEMBERS = (
    """
MATCH (p:Person)-[m:PARTY_MEMBER_OF]->(u:Unit)
WHERE ($unitId IS NULL OR u.id = $unitId)
  AND ($communityId IS NULL OR EXISTS { (p)-[:REPORTED_TO]->(:Community {id: $communityId}) })
  AND ($compoundId IS NULL OR EXISTS { (p)-[:REPORTED_TO]->(:Compound {id: $compoundId}) })
  AND ($registered IS NULL OR $registered = (EXISTS { (p)-[:REPORTED_TO]->(:Compound) }
                                             AND EXISTS { (p)-[:REPORTED_TO]->(:Community) }))
WITH p, m, u ORDER BY p.name, p.id LIMIT $first"""
    + MEMBER_COLUMNS
)
UNIT_STATS = """
MATCH (u:Unit {id: $unitId})
OPTIONAL MATCH (p:Person)-[:PARTY_MEMBER_OF]->(u)
WITH p, EXISTS { (p)-[:REPORTED_TO]->(:Compound) } AS home, EXISTS { (p)-[:REPORTED_TO]->(:Community) } AS comm
RETURN count(p) AS members, sum(CASE WHEN p IS NOT NULL AND home THEN 1 ELSE 0 END) AS atHome,
       sum(CASE WHEN p IS NOT NULL AND comm THEN 1 ELSE 0 END) AS atCommunity,
       sum(CASE WHEN p IS NOT NULL AND home AND comm THEN 1 ELSE 0 END) AS registered
"""
PAIRED_COMMUNITIES = """
MATCH (:Unit {id: $unitId})-[r:PAIRED_WITH]->(c:Community) RETURN properties(c) AS node ORDER BY c.name
"""
PAIRED_UNITS = """
MATCH (u:Unit)-[r:PAIRED_WITH]->(:Community {id: $communityId}) RETURN properties(u) AS node ORDER BY u.name
"""
REPORTED = {
    label: f"MATCH (n:{label} {{id: $id}}) RETURN COUNT {{ (:Person)-[:REPORTED_TO]->(n) }} AS members"
    for label in ("Community", "Compound")
}
ZONES = """
MATCH (c:Community {id: $communityId})
CALL (c) {
  MATCH (c)<-[:PART_OF]-(:Grid)<-[:IN_GRID]-(z:Compound)<-[r:KEEPS_ZONE]-(k)
  RETURN DISTINCT z, r, k, 'COMPOUND' AS zoneKind
  UNION
  MATCH (c)<-[:LIES_IN]-(z:RoadSection)<-[r:KEEPS_ZONE]-(k)
  RETURN z, r, k, 'ROAD_SECTION' AS zoneKind
}
WITH z, r, k, zoneKind ORDER BY zoneKind, z.name, k.name LIMIT 500
RETURN {keeperKind: CASE WHEN k:Unit THEN 'Unit' ELSE 'Person' END, keeper: {id: k.id, name: k.name},
        zoneKind: zoneKind, zone: {id: z.id, name: z.name}, rel: properties(r)} AS row
"""
ZONES_OF_KEEPER = {
    label: f"""
MATCH (k:{label} {{id: $id}})-[r:KEEPS_ZONE]->(z) WHERE z:Compound OR z:RoadSection
RETURN {{keeperKind: '{label}', keeper: {{id: k.id, name: k.name}},
        zoneKind: CASE WHEN z:Compound THEN 'COMPOUND' ELSE 'ROAD_SECTION' END, zone: {{id: z.id, name: z.name}},
        rel: properties(r)}} AS row ORDER BY row.zone.name
"""
    for label in ("Person", "Unit")
}
ROAD_SECTIONS = """
MATCH (c:Community {id: $communityId})<-[:LIES_IN]-(r:RoadSection) RETURN properties(r) AS node ORDER BY r.name
"""
COMMITMENTS = """
MATCH (:Person {id: $personId})-[:COMMITTED]->(k:Commitment) RETURN properties(k) AS node ORDER BY k.year DESC
"""
SERVICE = """
MATCH (:Person {id: $personId})-[:SERVED]->(s:ServiceRecord)
WHERE $year IS NULL OR s.on.year = $year
OPTIONAL MATCH (s)-[:IN]->(c:Community)
RETURN properties(s) AS node, c.id AS community ORDER BY s.on DESC, s.id LIMIT $first
"""
SERVICE_TOTALS = """
OPTIONAL MATCH (:Person {id: $personId})-[:SERVED]->(s:ServiceRecord) WHERE $year IS NULL OR s.on.year = $year
RETURN count(s) AS records, coalesce(sum(s.hours), 0.0) AS hours, coalesce(sum(s.points), 0.0) AS points
"""
CAMPAIGNS = "MATCH (x:Campaign) RETURN properties(x) AS node ORDER BY x.startedOn DESC, x.id"
CAMPAIGN = "MATCH (x:Campaign {id: $id}) RETURN properties(x) AS node"
# units and members sent; groups by kind; distinct compounds and road sections its groups cover
CAMPAIGN_FIGURES = """
MATCH (x:Campaign {id: $id})
RETURN COUNT { (:Unit)-[:SENT_TO]->(x) } AS units, COUNT { (:Person)-[:SENT_TO]->(x) } AS members,
       COUNT { (x)-[:HAS_GROUP]->(:CampaignGroup {kind: 'TEMPORARY_BRANCH'}) } AS branches,
       COUNT { (x)-[:HAS_GROUP]->(:CampaignGroup {kind: 'COMMANDO_TEAM'}) } AS teams,
       COUNT { MATCH (x)-[:HAS_GROUP]->(:CampaignGroup)-[:COVERS]->(z:Compound) RETURN DISTINCT z } AS compounds,
       COUNT { MATCH (x)-[:HAS_GROUP]->(:CampaignGroup)-[:COVERS]->(z:RoadSection) RETURN DISTINCT z } AS roads
"""
CAMPAIGN_GROUPS = """
MATCH (x:Campaign {id: $id})-[:HAS_GROUP]->(g:CampaignGroup)
WHERE $kind IS NULL OR g.kind = $kind
OPTIONAL MATCH (g)-[:IN]->(c:Community)
WITH x, g, c ORDER BY g.kind DESC, g.name, g.id
RETURN {group: properties(g), campaignId: x.id, communityId: c.id,
        members: COUNT { (:Person)-[:IN_GROUP]->(g) }, compounds: COUNT { (g)-[:COVERS]->(:Compound) },
        roadSections: COUNT { (g)-[:COVERS]->(:RoadSection) }} AS row
"""
GROUP_ZONES = """
MATCH (g:CampaignGroup {id: $id})-[r:COVERS]->(z)
RETURN {keeperKind: 'CampaignGroup', keeper: {id: g.id, name: g.name},
        zoneKind: CASE WHEN z:Compound THEN 'COMPOUND' ELSE 'ROAD_SECTION' END, zone: {id: z.id, name: z.name},
        rel: {duty: r.shift}} AS row ORDER BY row.zoneKind, row.zone.name
"""


async def members(
    graph: Graph, *, unit_id: str | None, community_id: str | None, compound_id: str | None,
    registered: bool | None, first: int,
) -> list[pm.PartyMember]:  # fmt: skip
    rows = await graph.read(
        MEMBERS, unitId=unit_id, communityId=community_id, compoundId=compound_id, registered=registered,
        first=first,
    )  # fmt: skip
    return [mapping.party_member(r["row"]) for r in rows]


async def member(graph: Graph, person_id: str) -> pm.PartyMember | None:
    rows = await graph.read(MEMBER, personId=person_id)
    return mapping.party_member(rows[0]["row"]) if rows else None


async def unit_stats(graph: Graph, unit_id: str) -> pm.MemberStats:
    rows = await graph.read(UNIT_STATS, unitId=unit_id)
    r = rows[0] if rows else {"members": 0, "atHome": 0, "atCommunity": 0, "registered": 0}
    return pm.MemberStats(int(r["members"]), int(r["atHome"]), int(r["atCommunity"]), int(r["registered"]))


async def paired_communities(graph: Graph, unit_id: str) -> list[e.Community]:
    return [mapping.community(r["node"]) for r in await graph.read(PAIRED_COMMUNITIES, unitId=unit_id)]


async def paired_units(graph: Graph, community_id: str) -> list[e.Unit]:
    return [mapping.unit(r["node"]) for r in await graph.read(PAIRED_UNITS, communityId=community_id)]


async def reported(graph: Graph, label: str, node_id: str) -> int:
    """How many members reported to this Community or Compound."""
    rows = await graph.read(REPORTED[label], id=node_id)
    return int(rows[0]["members"]) if rows else 0


async def zones(graph: Graph, community_id: str) -> list[pm.Zone]:
    return [mapping.zone(r["row"]) for r in await graph.read(ZONES, communityId=community_id)]


async def zones_of_keeper(graph: Graph, label: str, keeper_id: str) -> list[pm.Zone]:
    """The zones a Person or a Unit keeps."""
    return [mapping.zone(r["row"]) for r in await graph.read(ZONES_OF_KEEPER[label], id=keeper_id)]


async def road_sections(graph: Graph, community_id: str) -> list[pm.RoadSection]:
    rows = await graph.read(ROAD_SECTIONS, communityId=community_id)
    return [mapping.road_section(r["node"], community_id) for r in rows]


async def commitments(graph: Graph, person_id: str) -> list[pm.Commitment]:
    rows = await graph.read(COMMITMENTS, personId=person_id)
    return [mapping.commitment(person_id, r["node"]) for r in rows]


async def service_records(
    graph: Graph, person_id: str, year: int | None, first: int
) -> list[pm.ServiceRecord]:
    rows = await graph.read(SERVICE, personId=person_id, year=year, first=first)
    return [mapping.service_record(r["node"], person_id, r["community"]) for r in rows]


async def service_totals(graph: Graph, person_id: str, year: int | None) -> pm.ServiceTotals:
    r = (await graph.read(SERVICE_TOTALS, personId=person_id, year=year))[0]
    return pm.ServiceTotals(int(r["records"]), float(r["hours"]), float(r["points"]))


async def campaigns(graph: Graph) -> list[pm.Campaign]:
    return [mapping.campaign(r["node"]) for r in await graph.read(CAMPAIGNS)]


async def campaign(graph: Graph, campaign_id: str) -> pm.Campaign | None:
    rows = await graph.read(CAMPAIGN, id=campaign_id)
    return mapping.campaign(rows[0]["node"]) if rows else None


async def campaign_figures(graph: Graph, campaign_id: str) -> pm.CampaignFigures:
    rows = await graph.read(CAMPAIGN_FIGURES, id=campaign_id)
    if not rows:
        return pm.CampaignFigures(0, 0, 0, 0, 0, 0)
    r = rows[0]
    return pm.CampaignFigures(
        int(r["units"]),
        int(r["members"]),
        int(r["branches"]),
        int(r["teams"]),
        int(r["compounds"]),
        int(r["roads"]),
    )


async def campaign_groups(
    graph: Graph, campaign_id: str, kind: pm.GroupKind | None
) -> list[pm.CampaignGroup]:
    rows = await graph.read(CAMPAIGN_GROUPS, id=campaign_id, kind=kind.value if kind else None)
    return [mapping.campaign_group(r["row"]) for r in rows]


async def group_zones(graph: Graph, group_id: str) -> list[pm.Zone]:
    return [mapping.zone(r["row"]) for r in await graph.read(GROUP_ZONES, id=group_id)]
