"""The Cypher of reports and dispatch (智慧管家), as constants; values always as parameters.

The graph (the contract HELPER D's grid ratings read):
(:Report {id, category, text, reporterRole, reportedAt, status, deadline, handledAt, closedAt, satisfaction,
          campaign, acceptedAt, handlingNote, reporterName, reporterPhone, reporterSubject, clientId})
  -[:AT]->(:Compound)
(:Report)-[:DISPATCHED_TO {at, deadline}]->(:Unit)         the current department
(:Report)-[:WAS_DISPATCHED_TO {at, deadline, until, reason}]->(:Unit)   earlier departments (reassigned)
(:Report)-[:HAS_EVENT]->(:ReportEvent {id, seq, at, action, status, by, note, unitId, satisfaction})
(:DispatchRule {id: category, category, label, hours, campaign})-[:TO]->(:Unit)
"""

from __future__ import annotations

# a report `r` as one map: its properties with its compound, community, street and current department
REPORT_ROW = """
OPTIONAL MATCH (r)-[:AT]->(x:Compound)
OPTIONAL MATCH (x)-[:IN_GRID]->(:Grid)-[:PART_OF]->(c:Community)
OPTIONAL MATCH (c)-[:PART_OF]->(s:Street)
OPTIONAL MATCH (r)-[d:DISPATCHED_TO]->(u:Unit)
WITH r, head(collect(x.id)) AS compoundId, head(collect(c.id)) AS communityId, head(collect(s.id)) AS streetId,
     head(collect(u.id)) AS departmentId, head(collect(d.at)) AS dispatchedAt
RETURN r {.*, compoundId: compoundId, communityId: communityId, streetId: streetId,
          departmentId: departmentId, dispatchedAt: dispatchedAt} AS report
"""

REPORT = "MATCH (r:Report {id: $id})" + REPORT_ROW
REPORT_BY_CLIENT_ID = "MATCH (r:Report {clientId: $clientId})" + REPORT_ROW

# what submitReport judges: the compound, and a report already registered with the clientId or the id
SUBMIT_STATE = """
OPTIONAL MATCH (x:Compound {id: $compoundId})
OPTIONAL MATCH (first:Report {clientId: $clientId})
OPTIONAL MATCH (same:Report {id: $id})
RETURN x.id AS compound, first.id AS firstId, same.id AS sameId
"""
SUBMIT = (
    """
MATCH (x:Compound {id: $compoundId})
CREATE (r:Report {id: $id, category: $category, text: $text, reporterRole: $reporterRole,
                  reportedAt: $reportedAt, status: 'REPORTED', reporterName: $reporterName,
                  reporterPhone: $reporterPhone, reporterSubject: $by, clientId: $clientId,
                  createdAt: datetime()})
CREATE (r)-[:AT]->(x)
CREATE (r)-[:HAS_EVENT]->(:ReportEvent {id: $id + '-1', seq: 1, at: $reportedAt, action: 'SUBMIT',
                                        status: 'REPORTED', by: $by, note: ''})
WITH r
"""
    + REPORT_ROW
)

# what a step judges: the report, the dispatch rule of a category and whether a unit exists
STEP_STATE = """
OPTIONAL MATCH (rule:DispatchRule {category: $category})-[:TO]->(ru:Unit)
OPTIONAL MATCH (dept:Unit {id: $departmentId})
RETURN rule {.*, departmentId: ru.id} AS rule, dept.id AS department
"""

# the report goes to a department: an earlier department becomes history (WAS_DISPATCHED_TO)
DISPATCH = (
    """
MATCH (r:Report {id: $id}), (u:Unit {id: $departmentId})
OPTIONAL MATCH (r)-[old:DISPATCHED_TO]->(prev:Unit)
FOREACH (_ IN CASE WHEN old IS NULL THEN [] ELSE [1] END |
  CREATE (r)-[:WAS_DISPATCHED_TO {at: old.at, deadline: old.deadline, until: $at, reason: $note}]->(prev))
DELETE old
CREATE (r)-[:DISPATCHED_TO {at: $at, deadline: $deadline}]->(u)
SET r.status = 'DISPATCHED', r.category = $category, r.campaign = $campaign, r.deadline = $deadline,
    r.acceptedAt = null, r.handledAt = null, r.handlingNote = null, r.closedAt = null, r.satisfaction = null
WITH DISTINCT r
CALL (r) {
  OPTIONAL MATCH (r)-[:HAS_EVENT]->(e:ReportEvent)
  WITH r, coalesce(max(e.seq), 0) + 1 AS seq
  CREATE (r)-[:HAS_EVENT]->(:ReportEvent {id: r.id + '-' + toString(seq), seq: seq, at: $at, action: $action,
                                          status: 'DISPATCHED', by: $by, note: $note, unitId: $departmentId})
}
WITH r
"""
    + REPORT_ROW
)

# any other step: the report's changes and its event
STEP = (
    """
MATCH (r:Report {id: $id})
SET r += $changes
WITH r
CALL (r) {
  OPTIONAL MATCH (r)-[:HAS_EVENT]->(e:ReportEvent)
  WITH r, coalesce(max(e.seq), 0) + 1 AS seq
  OPTIONAL MATCH (r)-[:DISPATCHED_TO]->(u:Unit)
  CREATE (r)-[:HAS_EVENT]->(:ReportEvent {id: r.id + '-' + toString(seq), seq: seq, at: $at, action: $action,
                                          status: r.status, by: $by, note: $note, unitId: u.id,
                                          satisfaction: $satisfaction})
}
WITH r
"""
    + REPORT_ROW
)

EVENTS = """
MATCH (:Report {id: $id})-[:HAS_EVENT]->(e:ReportEvent)
RETURN properties(e) AS event ORDER BY e.seq
"""

# ------------------------------------------------------------------ the dispatch table

DISPATCH_RULES = """
MATCH (d:DispatchRule)-[:TO]->(u:Unit)
RETURN d {.*, departmentId: u.id} AS rule ORDER BY d.category
"""
SET_DISPATCH_RULE = """
MATCH (u:Unit {id: $departmentId})
MERGE (d:DispatchRule {id: $category})
SET d.category = $category, d.label = $label, d.hours = $hours, d.campaign = $campaign, d.updatedAt = datetime()
WITH d, u
OPTIONAL MATCH (d)-[old:TO]->(:Unit)
DELETE old
WITH DISTINCT d, u
CREATE (d)-[:TO]->(u)
RETURN d {.*, departmentId: u.id} AS rule
"""
UNIT_EXISTS = "OPTIONAL MATCH (u:Unit {id: $id}) RETURN u.id AS id"

# ------------------------------------------------------------------ lists and figures

# the reports that pass the filter, newest first, after the cursor; with the total of the filter
REPORTS = """
MATCH (r:Report)
WHERE ($statuses IS NULL OR r.status IN $statuses)
  AND ($since IS NULL OR r.reportedAt >= $since) AND ($until IS NULL OR r.reportedAt < $until)
  AND ($category IS NULL OR r.category = $category) AND ($campaign IS NULL OR r.campaign = $campaign)
  AND ($overdue IS NULL OR (r.status IN $open AND r.deadline < $now) = $overdue)
OPTIONAL MATCH (r)-[:AT]->(x:Compound)
OPTIONAL MATCH (x)-[:IN_GRID]->(:Grid)-[:PART_OF]->(c:Community)
OPTIONAL MATCH (c)-[:PART_OF]->(s:Street)
OPTIONAL MATCH (r)-[d:DISPATCHED_TO]->(u:Unit)
WITH r, head(collect(x.id)) AS compoundId, head(collect(c.id)) AS communityId, head(collect(s.id)) AS streetId,
     head(collect(u.id)) AS departmentId, head(collect(d.at)) AS dispatchedAt
WHERE ($compoundId IS NULL OR compoundId = $compoundId) AND ($communityId IS NULL OR communityId = $communityId)
  AND ($streetId IS NULL OR streetId = $streetId) AND ($departmentId IS NULL OR departmentId = $departmentId)
WITH r, compoundId, communityId, streetId, departmentId, dispatchedAt
ORDER BY r.reportedAt DESC, r.id DESC
WITH collect(r {.*, compoundId: compoundId, communityId: communityId, streetId: streetId,
                departmentId: departmentId, dispatchedAt: dispatchedAt}) AS found
WITH size(found) AS total,
     [x IN found WHERE $afterAt IS NULL OR x.reportedAt < $afterAt
                       OR (x.reportedAt = $afterAt AND x.id < $afterId)] AS rest
RETURN total, rest[0..$size + 1] AS page
"""

# per current department (null: not dispatched), the counts of the reports reported in the period; and
# the departments of the dispatch table (listed even without reports)
FIGURES = """
MATCH (r:Report) WHERE r.reportedAt >= $since AND r.reportedAt < $until
OPTIONAL MATCH (r)-[:DISPATCHED_TO]->(u:Unit)
WITH u.id AS department, r
WITH department,
     count(r) AS received,
     count(r.handledAt) AS handled,
     count(CASE WHEN r.handledAt <= r.deadline THEN 1 END) AS onTime,
     count(CASE WHEN r.handledAt > r.deadline THEN 1 END) AS late,
     count(CASE WHEN r.status IN $open THEN 1 END) AS open,
     count(CASE WHEN r.status IN $open AND r.deadline < $now THEN 1 END) AS overdue,
     count(r.satisfaction) AS rated,
     count(CASE WHEN r.satisfaction = 'SATISFIED' THEN 1 END) AS satisfied,
     count(CASE WHEN r.satisfaction = 'BASICALLY_SATISFIED' THEN 1 END) AS basically,
     count(CASE WHEN r.satisfaction = 'DISSATISFIED' THEN 1 END) AS dissatisfied
WITH collect({department: department, received: received, handled: handled, onTime: onTime, late: late,
              open: open, overdue: overdue, rated: rated, satisfied: satisfied, basically: basically,
              dissatisfied: dissatisfied}) AS rows
OPTIONAL MATCH (:DispatchRule)-[:TO]->(ru:Unit)
RETURN rows, collect(DISTINCT ru.id) AS ruled
"""
