"""The Cypher that loads the street working committee's people, their projects and the communities'
yearly evaluations from a seed (for orggraph.seeding, which owns the records): one idempotent UNWIND
statement per kind of record, values in $rows, loaded after units, streets' committees and communities.

Rows:
- WORKING_COMMITTEE_SEATS: {committeeId, personId, person: {name, source}, unitId, post, since, until}
  (until null: sits now, PART_TIME_MEMBER_OF, and the unit's own PART_TIME_MEMBER_OF is kept; until set:
  WAS_PART_TIME_MEMBER_OF). The person's HOLDS_POST {title: post, since} to the unit is merged too.
- PROJECTS: {id, committeeId, leaderId, props: {year, title, description, status, source}, communityIds,
  notes: [{id, at, text, by}]}
- UNIT_EVALUATIONS: {communityId, unitId, year, score, comment}
"""

from __future__ import annotations

WORKING_COMMITTEE_SEATS = """
UNWIND $rows AS row
MATCH (w:StreetWorkingCommittee {id: row.committeeId}), (u:Unit {id: row.unitId})
MERGE (p:Person {id: row.personId}) SET p += row.person
MERGE (p)-[h:HOLDS_POST {title: row.post}]->(u) SET h.since = row.since
FOREACH (_ IN CASE WHEN row.until IS NULL THEN [1] ELSE [] END |
  MERGE (p)-[m:PART_TIME_MEMBER_OF]->(w) SET m.since = row.since, m.unitId = row.unitId, m.post = row.post
  MERGE (u)-[:PART_TIME_MEMBER_OF]->(w))
FOREACH (_ IN CASE WHEN row.until IS NULL THEN [] ELSE [1] END |
  MERGE (p)-[m:WAS_PART_TIME_MEMBER_OF {since: row.since}]->(w)
  SET m.until = row.until, m.unitId = row.unitId, m.post = row.post)
"""

PROJECTS = """
UNWIND $rows AS row
MATCH (w:StreetWorkingCommittee {id: row.committeeId}), (p:Person {id: row.leaderId})
MERGE (x:Project {id: row.id}) SET x += row.props
MERGE (w)-[:HAS_PROJECT]->(x)
MERGE (p)-[:LEADS]->(x)
WITH x, row
CALL (x, row) {
  UNWIND row.communityIds AS cid
  MATCH (c:Community {id: cid})
  MERGE (x)-[:INVOLVES]->(c)
}
CALL (x, row) {
  UNWIND row.notes AS note
  MERGE (n:ProjectNote {id: note.id}) SET n.at = note.at, n.text = note.text, n.by = note.by
  MERGE (x)-[:HAS_NOTE]->(n)
}
"""

UNIT_EVALUATIONS = """
UNWIND $rows AS row
MATCH (c:Community {id: row.communityId}), (u:Unit {id: row.unitId})
MERGE (c)-[ev:EVALUATED {year: row.year}]->(u)
SET ev.score = row.score, ev.comment = row.comment, ev.by = 'seed'
"""
