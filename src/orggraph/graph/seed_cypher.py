"""The Cypher that writes a seed: one UNWIND ... MERGE statement per kind of record. Values are $rows.

Every statement is idempotent: MERGE on the unique id, SET n += row.props, MERGE relationships, and
single-valued relationships (a leader's contact point, a committee's secretaries and members) are
replaced rather than added to, so loading the same seed twice leaves the same graph.

The old relationships to replace are found from the node just merged, with no label on the far end:
right after a wipe Neo4j's statistics say the labels are empty, and a labelled far end let the planner
scan that label (42,000 units for each of 1,000 rows at 1000x: past the transaction timeout).
"""

from __future__ import annotations

PROVINCE = """
UNWIND $rows AS row
MERGE (n:Province {id: row.id}) SET n += row.props
"""

CITY = """
UNWIND $rows AS row
MERGE (n:City {id: row.id}) SET n += row.props
WITH n, row WHERE row.props.provinceId IS NOT NULL
MATCH (p:Province {id: row.props.provinceId})
MERGE (n)-[:PART_OF]->(p)
"""

STREETS = """
UNWIND $rows AS row
MATCH (city:City {id: row.cityId})
MERGE (n:Street {id: row.id}) SET n += row.props
MERGE (n)-[:PART_OF]->(city)
"""

# A unit's place (cityId; provinceId) is stored on it, as on its resources and a community's needs: the
# matcher seeks candidates by place through the indexes of migration 017. A provincial unit has no city.
UNITS = """
UNWIND $rows AS row
MERGE (n:Unit {id: row.id}) SET n += row.props, n.cityId = row.cityId, n.provinceId = row.provinceId
"""

# the units other steps merged (owners' committees ...) take the bundle's city, unless they have a place
PLACE_UNITS = """
UNWIND $rows AS row
UNWIND row.ids AS id
MATCH (u:Unit {id: id}) WHERE u.cityId IS NULL AND u.provinceId IS NULL
SET u.cityId = row.cityId, u.provinceId = row.provinceId
"""

STREET_COMMITTEES = """
UNWIND $rows AS row
MATCH (s:Street {id: row.streetId})
MERGE (n:StreetWorkingCommittee {id: row.id}) SET n += row.props
MERGE (s)-[:HAS_COMMITTEE]->(n)
WITH n, row
OPTIONAL MATCH (n)<-[r:PART_TIME_MEMBER_OF]-(old) WHERE old:Unit AND NOT old.id IN row.memberIds
DELETE r
WITH DISTINCT n, row
UNWIND row.memberIds AS unitId
MATCH (u:Unit {id: unitId})
MERGE (u)-[:PART_TIME_MEMBER_OF]->(n)
"""

COMMUNITIES = """
UNWIND $rows AS row
MATCH (s:Street {id: row.streetId})
MERGE (n:Community {id: row.id}) SET n += row.props
MERGE (n)-[:PART_OF]->(s)
MERGE (c:CommunityCommittee {id: row.committee.id}) SET c += row.committee.props
MERGE (n)-[:HAS_COMMITTEE]->(c)
MERGE (p:Person {id: row.secretary.id}) SET p += row.secretary.props
WITH n, c, p, row
OPTIONAL MATCH (c)<-[r:SECRETARY_OF]-(other) WHERE other <> p
DELETE r
WITH DISTINCT n, c, p, row
MERGE (p)-[:SECRETARY_OF]->(c)
WITH c, row
OPTIONAL MATCH (c)<-[m:MEMBER_OF]-(old) WHERE NOT old.id IN [x IN row.members | x.unitId]
DELETE m
WITH DISTINCT c, row
UNWIND row.members AS member
MATCH (u:Unit {id: member.unitId})
MERGE (u)-[m:MEMBER_OF]->(c)
SET m.seat = member.seat, m.since = member.since
"""

LEADERS = """
UNWIND $rows AS row
MATCH (community:Community {id: row.communityId})-[:HAS_COMMITTEE]->(committee:CommunityCommittee)
MERGE (n:Leader {id: row.id}) SET n += row.props
WITH n, row, community, committee
OPTIONAL MATCH (n)-[r:CONTACTS|FIRST_SECRETARY_OF]->(x) WHERE NOT x IN [community, committee]
DELETE r
WITH DISTINCT n, row, community, committee
OPTIONAL MATCH (committee)<-[r2:FIRST_SECRETARY_OF]-(other) WHERE other <> n
DELETE r2
WITH DISTINCT n, row, community, committee
MERGE (n)-[c:CONTACTS]->(community) SET c.since = row.since
MERGE (n)-[:FIRST_SECRETARY_OF]->(committee)
WITH n, row
OPTIONAL MATCH (n)-[w:WORKS_AT]->() DELETE w
WITH DISTINCT n, row
CALL (n, row) {
  MATCH (u:Unit {id: row.unitId})
  MERGE (n)-[:WORKS_AT]->(u)
}
"""

GRIDS = """
UNWIND $rows AS row
MATCH (c:Community {id: row.communityId})
MERGE (n:Grid {id: row.id}) SET n += row.props
MERGE (n)-[:PART_OF]->(c)
"""

COMPOUNDS = """
UNWIND $rows AS row
MATCH (g:Grid {id: row.gridId})
MERGE (n:Compound {id: row.id}) SET n += row.props
MERGE (n)-[:IN_GRID]->(g)
WITH n, row
OPTIONAL MATCH (n)-[r:MANAGED_BY]->() DELETE r
WITH DISTINCT n, row
CALL (n, row) {
  MATCH (u:Unit {id: row.propertyCompanyId})
  MERGE (n)-[:MANAGED_BY]->(u)
}
"""

NEEDS = """
UNWIND $rows AS row
MATCH (c:Community {id: row.communityId})-[:PART_OF]->(:Street)-[:PART_OF]->(city:City)
MERGE (n:Need {id: row.id}) SET n += row.props, n.cityId = city.id, n.provinceId = city.provinceId
MERGE (c)-[:RAISED]->(n)
"""

RESOURCES = """
UNWIND $rows AS row
MATCH (u:Unit {id: row.unitId})
MERGE (n:Resource {id: row.id}) SET n += row.props, n.cityId = u.cityId, n.provinceId = u.provinceId
MERGE (u)-[:OFFERS]->(n)
"""

MEETINGS = """
UNWIND $rows AS row
MATCH (c:CommunityCommittee {id: row.committeeId})
MERGE (n:JointMeeting {id: row.id}) SET n += row.props
MERGE (n)-[:HELD_BY]->(c)
"""

TASKS = """
UNWIND $rows AS row
MATCH (need:Need {id: row.needId})
MATCH (res:Resource {id: row.resourceId})
MATCH (unit:Unit {id: row.responsibleUnitId})
MERGE (n:Task {id: row.id}) SET n += row.props
MERGE (n)-[:FULFILS]->(need)
MERGE (n)-[:USES]->(res)
MERGE (n)-[:RESPONSIBLE]->(unit)
WITH n, row
CALL (n, row) {
  MATCH (m:JointMeeting {id: row.meetingId})
  MERGE (m)-[:DECIDED]->(n)
}
"""

# the problems a seeded meeting solved (seeding/load.py _solved_problems): tabled, decided as a task for a
# member unit of the committee (X seats first, "X" > "N": agencies, state enterprises and institutions), and done
# within 60 days of the meeting; every member unit attended
SOLVED_PROBLEMS = """
UNWIND $rows AS row
MATCH (m:JointMeeting {id: row.meetingId})-[:HELD_BY]->(k:CommunityCommittee)<-[:HAS_COMMITTEE]-(c:Community)
WITH m, row, c, COLLECT { MATCH (u:Unit)-[s:MEMBER_OF]->(k) RETURN u ORDER BY s.seat DESC, u.id } AS members
WHERE size(members) > 0
CALL (m, members) { UNWIND members AS u MERGE (u)-[:ATTENDED]->(m) }
UNWIND range(1, row.count) AS i
WITH m, row, c, members[(i - 1) % size(members)] AS unit, i, row.meetingId + '-p' + toString(i) AS pid
MERGE (p:Problem {id: pid})
SET p.title = row.subject + '(第' + toString(i) + '项)', p.description = '', p.source = 'MEETING',
    p.level = 'COMMUNITY', p.raisedOn = row.heldOn, p.seedSource = 'illustrative'
MERGE (p)-[:RAISED_IN]->(c)
MERGE (m)-[:TABLED {order: i - 1}]->(p)
MERGE (t:Task {id: 'task-' + pid})
SET t.title = p.title, t.standard = '按联席会议决定办结,居民满意', t.deadline = row.heldOn + duration('P60D'),
    t.status = 'DONE', t.completedOn = row.heldOn + duration('P45D'), t.quantity = 0.0,
    t.createdAt = datetime({date: row.heldOn}), t.source = 'illustrative'
MERGE (m)-[:DECIDED]->(t)
MERGE (t)-[:SOLVES]->(p)
MERGE (t)-[:RESPONSIBLE]->(unit)
WITH c, p, t, i, row, pid
OPTIONAL MATCH (l:Leader)-[:CONTACTS]->(c)
FOREACH (_ IN CASE WHEN i = 1 AND row.escalate THEN [1] ELSE [] END |
  SET p.level = 'CITY'
  MERGE (p)-[:ESCALATED]->(up:Escalation {id: pid + '-e1'})
  SET up.from = 'COMMUNITY', up.to = 'STREET', up.at = datetime({date: row.heldOn + duration('P3D')}),
      up.by = '社区(示意)', up.reason = '社区难以独立解决'
  MERGE (p)-[:ESCALATED]->(top:Escalation {id: pid + '-e2'})
  SET top.from = 'STREET', top.to = 'CITY', top.at = datetime({date: row.heldOn + duration('P7D')}),
      top.by = '街道(示意)', top.reason = '提报市委书记抓党建“1+N”工作清单'
)
FOREACH (leader IN CASE WHEN i = 1 AND row.keyTask AND l IS NOT NULL THEN [l] ELSE [] END |
  MERGE (leader)-[:LEADS {since: row.heldOn}]->(t)
)
"""

# the relationships first (WIPE_RELATIONSHIPS), then the nodes (WIPE), each in batches: DETACH DELETE of a
# batch of nodes holding the dense ones (a word of the resources library, a concept: hundreds of thousands of
# relationships at 1000x) deletes all their relationships in one transaction, past Neo4j's transaction memory
WIPE_RELATIONSHIPS = """
MATCH (n)-[r]->() WHERE NOT n:SchemaMigration AND NOT n:EventSequence
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
"""
WIPE = """
MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:EventSequence
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
"""
