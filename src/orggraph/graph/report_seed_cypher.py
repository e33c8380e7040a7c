"""The Cypher that loads the dispatch table and the demo's reports (智慧管家) from a seed (for
orggraph.seeding.reports, which owns the rows): one idempotent UNWIND statement each, values in $rows,
loaded after the units and the compounds.

Rows:
- DISPATCH_RULES: {category, departmentId, props: {category, label, hours, campaign, source}}
- REPORTS: {id, compoundId, departmentId (null: not dispatched), props: {category, text, reporterRole, status,
  handlingNote, satisfaction, campaign, reporterName, source}, times: {reportedAt, dispatchedAt, deadline,
  acceptedAt, handledAt, closedAt}}: the times in seconds since the epoch (null: not yet), made DATETIMEs
  (UTC) here: the driver packs 4331 rows of ints in a tenth of the time it takes for datetimes.
"""

from __future__ import annotations

DISPATCH_RULES = """
UNWIND $rows AS row
MATCH (u:Unit {id: row.departmentId})
MERGE (d:DispatchRule {id: row.category}) SET d += row.props
MERGE (d)-[:TO]->(u)
"""

REPORTS = """
UNWIND $rows AS row
MATCH (x:Compound {id: row.compoundId})
WITH row, x, [t IN [row.times.reportedAt, row.times.dispatchedAt, row.times.deadline, row.times.acceptedAt,
                    row.times.handledAt, row.times.closedAt] | CASE WHEN t IS NULL THEN null
                                                              ELSE datetime({epochSeconds: t}) END] AS t
MERGE (r:Report {id: row.id})
SET r += row.props, r.reportedAt = t[0], r.deadline = t[2], r.acceptedAt = t[3], r.handledAt = t[4],
    r.closedAt = t[5]
MERGE (r)-[:AT]->(x)
WITH r, row, t WHERE row.departmentId IS NOT NULL
MATCH (u:Unit {id: row.departmentId})
MERGE (r)-[d:DISPATCHED_TO]->(u) SET d.at = t[1], d.deadline = t[2]
"""
