"""The Cypher that loads the demo's ratings (orggraph.seeding.ratings owns the rows): one idempotent UNWIND
statement per kind of record, run after the rest of the demo (units, communities, grids, compounds).

Rows:
- COMPANIES: {id, props}: property companies the demo needs that manage no compound now (the two that
  exited after coming last)
- GRID_LEADERS: {gridId, personId, person: {name, source}, since}: written only where a grid has no leader
- RATINGS: {id, unitId, rater, placeId, props}
- INSPECTIONS: {id, unitId, compoundId, props}
- SURVEYS: {id, unitId, compoundId, props}
- LISTS: {id, props, records: [{id, unitId, props}]}: a published year's list and its credit records
"""

from __future__ import annotations

COMPANIES = """
UNWIND $rows AS row
MERGE (u:Unit {id: row.id}) SET u += row.props
"""
GRID_LEADERS = """
UNWIND $rows AS row
MATCH (g:Grid {id: row.gridId})
WHERE NOT EXISTS { MATCH (:Person)-[:GRID_LEADER_OF]->(g) }
MERGE (p:Person {id: row.personId}) SET p += row.person
MERGE (p)-[:GRID_LEADER_OF {since: row.since}]->(g)
"""
RATINGS = """
UNWIND $rows AS row
MATCH (u:Unit {id: row.unitId})
MERGE (r:PropertyRating {id: row.id}) SET r += row.props
MERGE (r)-[:RATES]->(u)
WITH r, row
CALL (r, row) { MATCH (p:Unit {id: row.placeId}) WHERE row.rater = 'AUTHORITY' MERGE (r)-[:RATED_BY]->(p) }
CALL (r, row) { MATCH (p:Community {id: row.placeId}) WHERE row.rater = 'COMMUNITY' MERGE (r)-[:RATED_BY]->(p) }
CALL (r, row) { MATCH (p:Compound {id: row.placeId}) WHERE row.rater = 'OWNERS' MERGE (r)-[:RATED_BY]->(p) }
"""
INSPECTIONS = """
UNWIND $rows AS row
MATCH (u:Unit {id: row.unitId}), (x:Compound {id: row.compoundId})
MERGE (i:PropertyInspection {id: row.id}) SET i += row.props
MERGE (i)-[:INSPECTED]->(u)
MERGE (i)-[:AT]->(x)
"""
SURVEYS = """
UNWIND $rows AS row
MATCH (u:Unit {id: row.unitId}), (x:Compound {id: row.compoundId})
MERGE (s:SatisfactionSurvey {id: row.id}) SET s += row.props
MERGE (s)-[:SURVEYED]->(u)
MERGE (s)-[:AT]->(x)
"""
LISTS = """
UNWIND $rows AS row
MERGE (l:RatingList {id: row.id}) SET l += row.props
WITH l, row
UNWIND row.records AS rec
MATCH (u:Unit {id: rec.unitId})
MERGE (c:CreditRecord {id: rec.id}) SET c += rec.props
MERGE (u)-[:HAS_CREDIT_RECORD]->(c)
"""
