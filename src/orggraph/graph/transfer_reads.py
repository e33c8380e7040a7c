"""The reads of an import (transfer.importing): the records its rows name, by key, and the names of the places
and units its cells may use instead of ids. Run inside the import's own transaction."""

from __future__ import annotations

COMMUNITIES = """
MATCH (c:Community)
OPTIONAL MATCH (c)-[:HAS_COMMITTEE]->(k:CommunityCommittee)
RETURN c.id AS id, c.name AS name, k.id AS committeeId
"""
UNITS = "MATCH (u:Unit) RETURN u.id AS id, u.name AS name, u.kind AS kind"

# a need or a resource by its id or by the clientId an earlier import (or a client) gave it: the fields the
# import compares and maps (graph.mapping; a field the node lacks is null here, dropped by `present`), in one
# record (a row per record costs the driver more than the row), without the times it would decode for nothing
NEEDS_BY_KEY = """
UNWIND $keys AS ref
OPTIONAL MATCH (byId:Need {id: ref})
OPTIONAL MATCH (byClient:Need {clientId: ref})
WITH ref, coalesce(byId, byClient) AS n
WHERE n IS NOT NULL
MATCH (c:Community)-[:RAISED]->(n)
RETURN collect({ref: ref, communityId: c.id,
                node: n {.id, .title, .description, .supportTypes, .domain, .populations, .quantity, .quantityUnit,
                         .neededBy, .urgency, .status, .origin}}) AS found
"""
RESOURCES_BY_KEY = """
UNWIND $keys AS ref
OPTIONAL MATCH (byId:Resource {id: ref})
OPTIONAL MATCH (byClient:Resource {clientId: ref})
WITH ref, coalesce(byId, byClient) AS r
WHERE r IS NOT NULL
MATCH (u:Unit)-[:OFFERS]->(r)
RETURN collect({ref: ref, unitId: u.id,
                node: r {.id, .title, .description, .supportType, .domains, .populations, .capacity, .capacityUnit,
                         .availableFrom, .availableUntil, .serviceArea, .status}}) AS found
"""
UNITS_BY_KEY = """
UNWIND $keys AS ref
MATCH (u:Unit {id: ref})
RETURN ref, properties(u) AS node
"""
MEMBERSHIPS = """
MATCH (u:Unit)-[m:MEMBER_OF]->(k:CommunityCommittee)
RETURN k.id AS committeeId, u.id AS unitId, m.seat AS seat
"""

# ------------------------------------------------------------------ exports (transfer.exporting)
# Each takes $communityId and $streetId (null: no bound) and returns one row per record, ordered for reading.

IN_SCOPE = (
    "($communityId IS NULL OR c.id = $communityId) "
    "AND ($streetId IS NULL OR EXISTS { (c)-[:PART_OF]->(:Street {id: $streetId}) })"
)
EXPORT_NEEDS = (
    """
MATCH (c:Community)-[:RAISED]->(n:Need)
WHERE """
    + IN_SCOPE
    + """
RETURN properties(n) AS node, c.name AS community
ORDER BY c.name, n.createdAt, n.id
"""
)
EXPORT_RESOURCES = (
    """
MATCH (u:Unit)-[:OFFERS]->(r:Resource)
WHERE ($communityId IS NULL AND $streetId IS NULL)
   OR EXISTS { MATCH (u)-[:MEMBER_OF]->(:CommunityCommittee)<-[:HAS_COMMITTEE]-(c:Community) WHERE """
    + IN_SCOPE
    + """ }
RETURN properties(r) AS node, u.name AS unit
ORDER BY u.name, r.title, r.id
"""
)
EXPORT_UNITS = (
    """
MATCH (u:Unit)
OPTIONAL MATCH (u)-[:MEMBER_OF]->(:CommunityCommittee)<-[:HAS_COMMITTEE]-(c:Community)
WITH u, collect(c) AS places
WHERE ($communityId IS NULL AND $streetId IS NULL) OR any(c IN places WHERE """
    + IN_SCOPE
    + """)
RETURN properties(u) AS node, [c IN places | c.name] AS communities
ORDER BY u.kind, u.name, u.id
"""
)
EXPORT_MEMBERSHIPS = (
    """
MATCH (u:Unit)-[m:MEMBER_OF]->(k:CommunityCommittee)<-[:HAS_COMMITTEE]-(c:Community)-[:PART_OF]->(s:Street)
WHERE """
    + IN_SCOPE
    + """
RETURN s.name AS street, c.name AS community, u.name AS unit, u.kind AS kind, m.seat AS seat, m.since AS since
ORDER BY s.name, c.name, m.seat, u.name
"""
)
EXPORT_COMMUNITIES = (
    """
MATCH (c:Community)-[:PART_OF]->(s:Street)
WHERE """
    + IN_SCOPE
    + """
OPTIONAL MATCH (c)-[:HAS_COMMITTEE]->(k:CommunityCommittee)
OPTIONAL MATCH (sec:Person)-[:SECRETARY_OF]->(k)
OPTIONAL MATCH (first:Leader)-[:FIRST_SECRETARY_OF]->(k)
RETURN s.name AS street, c.id AS id, c.name AS community, c.households AS households, k.name AS committee,
       sec.name AS secretary, first.name AS firstSecretary, first.title AS firstSecretaryTitle,
       COUNT { (:Unit)-[:MEMBER_OF {seat: 'X'}]->(k) } AS x, COUNT { (:Unit)-[:MEMBER_OF {seat: 'N'}]->(k) } AS n
ORDER BY s.name, c.name
"""
)
EXPORT_TASKS = (
    """
MATCH (t:Task)-[:FULFILS]->(n:Need)<-[:RAISED]-(c:Community)
WHERE """
    + IN_SCOPE
    + """
OPTIONAL MATCH (t)-[:RESPONSIBLE]->(u:Unit)
OPTIONAL MATCH (l:Leader)-[:LEADS]->(t)
RETURN t.id AS id, t.title AS title, u.name AS unit, t.standard AS standard, t.deadline AS deadline,
       t.status AS status, c.name AS community, n.id AS needId, l.name AS leader, t.completedOn AS doneOn
ORDER BY c.name, t.deadline, t.id
"""
)
EXPORT_REPORTS = (
    """
MATCH (r:Report)-[:AT]->(p:Compound)-[:IN_GRID]->(:Grid)-[:PART_OF]->(c:Community)
WHERE """
    + IN_SCOPE
    + """
OPTIONAL MATCH (r)-[:DISPATCHED_TO]->(d:Unit)
RETURN r.id AS id, p.name AS compound, c.name AS community, r.category AS category, r.text AS text,
       r.reporterRole AS reporterRole, r.reportedAt AS reportedAt, r.status AS status, d.name AS department,
       r.deadline AS deadline, r.handledAt AS handledAt, r.satisfaction AS satisfaction
ORDER BY r.reportedAt DESC, r.id
LIMIT $limit
"""
)
PLACE_NAME = """
OPTIONAL MATCH (c:Community {id: $communityId})
OPTIONAL MATCH (s:Street {id: $streetId})
RETURN c.name AS community, s.name AS street
"""

# problems and residents' reports (their imports)
STREETS = "MATCH (s:Street) RETURN s.id AS id, s.name AS name"
COMPOUNDS = "MATCH (p:Compound) RETURN p.id AS id, p.name AS name"
CATEGORIES = "MATCH (r:DispatchRule) RETURN r.id AS id, r.label AS name"
PROBLEMS_BY_KEY = """
UNWIND $keys AS ref
MATCH (p:Problem {id: ref})
OPTIONAL MATCH (p)-[:RAISED_IN]->(c:Community)
OPTIONAL MATCH (p)-[:RAISED_IN]->(s:Street)
RETURN ref, p.title AS title, c.id AS communityId, s.id AS streetId
"""
REPORTS_BY_KEY = """
UNWIND $keys AS ref
MATCH (r:Report {clientId: ref})-[:AT]->(p:Compound)
RETURN ref, r.category AS category, r.text AS text, p.id AS compoundId
"""
