"""The Cypher that loads the in-service party members and the campaign from a seed (for
orggraph.seeding.party_members, which makes the rows): one idempotent UNWIND statement per kind of
record, values in $rows, loaded after every other step.

Rows:
- PARTY_UNITS: {id, props}: the illustrative 机关企事业单位 that reach the article's 81
- PAIRINGS: {unitId, communityId, since}
- PARTY_MEMBERS: {id, unitId, since, props: {name, source}, compoundId, communityId, on,
  commitment: {id, year, duty, promise} | null}
- ROAD_SECTIONS: {id, communityId, props: {name, source}, keeperId | null, duty, since}
- UNIT_ZONES: {unitId, compoundId, duty, since}
- SERVICE_RECORDS: {id, personId, communityId, props: {on, hours, activity, points, by}}
- CAMPAIGNS: {id, props, unitIds}
- CAMPAIGN_GROUPS: {id, campaignId, communityId, props: {kind, name, source}}
- CAMPAIGN_MEMBERS: {campaignId, personId, groupId | null}
- COVER_COMPOUNDS, COVER_ROAD_SECTIONS: {groupId, zoneId, shift}
"""

from __future__ import annotations

PARTY_UNITS = """
UNWIND $rows AS row
MERGE (u:Unit {id: row.id}) SET u += row.props
"""
PAIRINGS = """
UNWIND $rows AS row
MATCH (u:Unit {id: row.unitId}), (c:Community {id: row.communityId})
MERGE (u)-[r:PAIRED_WITH]->(c) SET r.since = row.since
"""
PARTY_MEMBERS = """
UNWIND $rows AS row
MATCH (u:Unit {id: row.unitId})
MERGE (p:Person {id: row.id}) SET p += row.props
MERGE (p)-[m:PARTY_MEMBER_OF]->(u) SET m.since = row.since
WITH p, row
CALL (p, row) { MATCH (x:Compound {id: row.compoundId}) MERGE (p)-[r:REPORTED_TO]->(x) SET r.on = row.on }
CALL (p, row) { MATCH (c:Community {id: row.communityId}) MERGE (p)-[r:REPORTED_TO]->(c) SET r.on = row.on }
CALL (p, row) {
  WITH p, row WHERE row.commitment IS NOT NULL
  MERGE (k:Commitment {id: row.commitment.id})
  SET k.year = row.commitment.year, k.duty = row.commitment.duty, k.promise = row.commitment.promise
  MERGE (p)-[:COMMITTED]->(k)
}
"""
ROAD_SECTIONS = """
UNWIND $rows AS row
MATCH (c:Community {id: row.communityId})
MERGE (r:RoadSection {id: row.id}) SET r += row.props
MERGE (r)-[:LIES_IN]->(c)
WITH r, row
CALL (r, row) {
  MATCH (p:Person {id: row.keeperId})
  MERGE (p)-[k:KEEPS_ZONE]->(r) SET k.duty = row.duty, k.since = row.since
}
"""
UNIT_ZONES = """
UNWIND $rows AS row
MATCH (u:Unit {id: row.unitId}), (x:Compound {id: row.compoundId})
MERGE (u)-[k:KEEPS_ZONE]->(x) SET k.duty = row.duty, k.since = row.since
"""
SERVICE_RECORDS = """
UNWIND $rows AS row
MATCH (p:Person {id: row.personId}), (c:Community {id: row.communityId})
MERGE (s:ServiceRecord {id: row.id}) SET s += row.props
MERGE (p)-[:SERVED]->(s)
MERGE (s)-[:IN]->(c)
"""
CAMPAIGNS = """
UNWIND $rows AS row
MERGE (x:Campaign {id: row.id}) SET x += row.props
WITH x, row
CALL (x, row) { UNWIND row.unitIds AS uid MATCH (u:Unit {id: uid}) MERGE (u)-[:SENT_TO]->(x) }
"""
CAMPAIGN_GROUPS = """
UNWIND $rows AS row
MATCH (x:Campaign {id: row.campaignId})
MERGE (g:CampaignGroup {id: row.id}) SET g += row.props
MERGE (x)-[:HAS_GROUP]->(g)
WITH g, row
CALL (g, row) { MATCH (c:Community {id: row.communityId}) MERGE (g)-[:IN]->(c) }
"""
CAMPAIGN_MEMBERS = """
UNWIND $rows AS row
MATCH (p:Person {id: row.personId}), (x:Campaign {id: row.campaignId})
MERGE (p)-[:SENT_TO]->(x)
WITH p, row
CALL (p, row) { MATCH (g:CampaignGroup {id: row.groupId}) MERGE (p)-[:IN_GROUP]->(g) }
"""
COVER_COMPOUNDS = """
UNWIND $rows AS row
MATCH (g:CampaignGroup {id: row.groupId}), (z:Compound {id: row.zoneId})
MERGE (g)-[r:COVERS]->(z) SET r.shift = row.shift
"""
COVER_ROAD_SECTIONS = """
UNWIND $rows AS row
MATCH (g:CampaignGroup {id: row.groupId}), (z:RoadSection {id: row.zoneId})
MERGE (g)-[r:COVERS]->(z) SET r.shift = row.shift
"""
