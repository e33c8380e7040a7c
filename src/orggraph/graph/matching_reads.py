"""The Cypher that gathers matching facts. Candidates start from the index on Resource.supportType
(one lookup per support type the need asks for), never from a product of all needs and resources.

Coarse filters that are cheap in Cypher (active, type, capacity, dates) trim the rows; the hard
filters proper, the service area included, are applied in orggraph.matching.filters.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from orggraph.domain.model import NeedStatus, ResourceStatus, ServiceArea
from orggraph.domain.taxonomy import Domain, Population, SupportType
from orggraph.graph.mapping import to_date
from orggraph.graph.runner import Graph
from orggraph.matching.facts import CandidateFacts, NeedFacts

OPEN_STATUSES = [s.value for s in (NeedStatus.COLLECTED, NeedStatus.PROPOSED, NeedStatus.DELIBERATED,
                                   NeedStatus.RESOLVED, NeedStatus.PUBLISHED)]  # fmt: skip

# Lucene query text from user text, in Cypher: the first 80 characters (the title and most of the
# description), special characters escaped.
_LUCENE = """reduce(q = '', ch IN split(left({text}, 80), '') |
  q + CASE WHEN ch IN ['+', '-', '&', '|', '!', '(', ')', '{{', '}}', '[', ']', '^', '"', '~', '*', '?', ':', '\\\\', '/']
      THEN '\\\\' + ch ELSE ch END)"""

PRIOR = """
CALL () {
  OPTIONAL MATCH (t:Task) WHERE t.status = 'DONE' AND t.rating IS NOT NULL
  RETURN coalesce(avg(t.rating) / 5.0, 0.8) AS prior
}
"""

_UNIT_FACTS = """
CALL (u) {
  OPTIONAL MATCH (t:Task)-[:RESPONSIBLE]->(u)
  RETURN count(CASE WHEN t.status = 'DONE' AND t.rating IS NOT NULL THEN 1 END) AS done,
         sum(CASE WHEN t.status = 'DONE' AND t.rating IS NOT NULL THEN t.rating ELSE 0 END) AS ratingSum,
         count(CASE WHEN t.status IN ['PLANNED', 'IN_PROGRESS'] THEN 1 END) AS openTasks
}
"""

_NEED_FACTS = """
MATCH (n)<-[:RAISED]-(c:Community)-[:PART_OF]->(s:Street)
OPTIONAL MATCH (c)-[:HAS_COMMITTEE]->(k:CommunityCommittee)
CALL (c) {
  MATCH (c)-[:RAISED]->(x:Need)
  RETURN count(x) AS needsTotal, count(CASE WHEN x.status IN $open THEN 1 END) AS needsOpen
}
"""

# Who is close to the need's community, gathered once per need (a street has some dozens of such units)
_CLOSE_UNITS = """
CALL (c, s, k) {
  OPTIONAL MATCH (k)<-[:MEMBER_OF]-(mu:Unit)
  RETURN collect(DISTINCT mu.id) AS hereIds
}
CALL (s) {
  OPTIONAL MATCH (s)<-[:PART_OF]-(:Community)-[:HAS_COMMITTEE]->(:CommunityCommittee)<-[:MEMBER_OF]-(su:Unit)
  RETURN collect(DISTINCT su.id) AS streetIds
}
CALL (c) {
  OPTIONAL MATCH (c)<-[:CONTACTS]-(:Leader)-[:WORKS_AT]->(lu:Unit)
  RETURN collect(DISTINCT lu.id) AS leaderIds
}
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_COMMITTEE]->(:StreetWorkingCommittee)<-[:PART_TIME_MEMBER_OF]-(wu:Unit)
  RETURN collect(DISTINCT wu.id) AS workingIds
}
"""

_PAIR = """
u.id IN hereIds AS memberHere,
u.id IN streetIds AS memberInStreet,
u.id IN leaderIds AS leaderUnit,
u.id IN workingIds AS workingCommittee
"""

# A candidate as a positional row (much cheaper for the driver to decode than a map, with thousands of
# candidates per need on a large city); CANDIDATE_FIELDS names the positions.
CANDIDATE_FIELDS = (
    "resourceId", "title", "unitId", "unitName", "supportType", "domains", "populations", "capacity",
    "capacityUnit", "allocated", "availableFrom", "availableUntil", "serviceArea", "status", "memberHere",
    "memberInStreet", "leaderUnit", "workingCommittee", "done", "ratingSum", "openTasks",
)  # fmt: skip
_CANDIDATE_ROW = """
[r.id, r.title, u.id, u.name, r.supportType, r.domains, r.populations, r.capacity, r.capacityUnit,
 coalesce(r.allocated, 0), toString(r.availableFrom), toString(r.availableUntil), r.serviceArea, r.status, memberHere,
 memberInStreet, leaderUnit, workingCommittee, done, ratingSum, openTasks]
"""

_RETURN_PAIR = """
{id: n.id, title: n.title, communityId: c.id, communityName: c.name, streetName: s.name,
 supportTypes: n.supportTypes, domain: n.domain, populations: n.populations, quantity: n.quantity,
 neededBy: n.neededBy, status: n.status,
 unmet: CASE WHEN needsTotal = 0 THEN 0.0 ELSE toFloat(needsOpen) / needsTotal END} AS need
"""

_CANDIDATE = """
{resourceId: r.id, title: r.title, unitId: u.id, unitName: u.name, supportType: r.supportType,
 domains: r.domains, populations: r.populations, capacity: r.capacity, capacityUnit: r.capacityUnit,
 allocated: coalesce(r.allocated, 0), availableFrom: r.availableFrom, availableUntil: r.availableUntil,
 serviceArea: r.serviceArea, status: r.status, memberHere: memberHere, memberInStreet: memberInStreet,
 leaderUnit: leaderUnit, workingCommittee: workingCommittee,
 done: done, ratingSum: ratingSum, openTasks: openTasks}
"""

CANDIDATES_FOR_NEEDS = (
    PRIOR
    + """
UNWIND $needIds AS needId
MATCH (n:Need {id: needId})
"""
    + _NEED_FACTS
    + """
CALL (n) {
  CALL db.index.fulltext.queryNodes('resource_text', """
    + _LUCENE.format(text="n.title + ' ' + coalesce(n.description, '')")
    + """, {limit: $textLimit})
  YIELD node, score
  RETURN collect([node.id, score]) AS hits
}
"""
    + _CLOSE_UNITS
    + """
CALL (n, c, s, k, hereIds, streetIds, leaderIds, workingIds) {
  UNWIND n.supportTypes AS wanted
  MATCH (r:Resource {supportType: wanted})
  WHERE r.status = 'ACTIVE' AND coalesce(r.allocated, 0) < r.capacity
    AND r.availableFrom <= n.neededBy AND r.availableUntil >= $today
  MATCH (u:Unit)-[:OFFERS]->(r)
  WITH DISTINCT u, r
  // the unit's place in the network and its record, once per unit rather than once per resource
  WITH u, collect(r) AS rs
  WITH u, rs,
"""
    + _PAIR
    + _UNIT_FACTS
    + """
  UNWIND rs AS r
  // trim what the service-area filter (orggraph.matching.filters) would refuse anyway
  WITH r, u, memberHere, memberInStreet, leaderUnit, workingCommittee, done, ratingSum, openTasks
  WHERE r.serviceArea = 'CITY' OR (r.serviceArea = 'STREET' AND (memberInStreet OR memberHere))
     OR (r.serviceArea = 'COMMUNITY' AND memberHere)
  RETURN collect("""
    + _CANDIDATE_ROW
    + """) AS candidates
}
RETURN prior, """
    + _RETURN_PAIR
    + """, candidates, hits
"""
)

NEEDS_FOR_RESOURCE = (
    PRIOR
    + """
MATCH (r:Resource {id: $resourceId})<-[:OFFERS]-(u:Unit)
CALL (r) {
  CALL db.index.fulltext.queryNodes('need_text', """
    + _LUCENE.format(text="r.title + ' ' + coalesce(r.description, '')")
    + """, {limit: $textLimit})
  YIELD node, score
  RETURN collect([node.id, score]) AS hits
}
"""
    + _UNIT_FACTS
    + """
// where the unit stands, gathered once from its side
CALL (u) {
  OPTIONAL MATCH (u)-[:MEMBER_OF]->(:CommunityCommittee)<-[:HAS_COMMITTEE]-(hc:Community)-[:PART_OF]->(hs:Street)
  RETURN collect(DISTINCT hc.id) AS hereCommunities, collect(DISTINCT hs.id) AS memberStreets
}
CALL (u) {
  OPTIONAL MATCH (u)<-[:WORKS_AT]-(:Leader)-[:CONTACTS]->(lc:Community)
  RETURN collect(DISTINCT lc.id) AS leaderCommunities
}
CALL (u) {
  OPTIONAL MATCH (u)-[:PART_TIME_MEMBER_OF]->(:StreetWorkingCommittee)<-[:HAS_COMMITTEE]-(ws:Street)
  RETURN collect(DISTINCT ws.id) AS workingStreets
}
MATCH (n:Need) WHERE n.status IN $open AND r.supportType IN n.supportTypes AND n.neededBy >= r.availableFrom
MATCH (s:Street)<-[:PART_OF]-(c:Community)-[:RAISED]->(n)
WITH prior, hits, r, u, done, ratingSum, openTasks, n, c, s,
     c.id IN hereCommunities AS memberHere, s.id IN memberStreets AS memberInStreet,
     c.id IN leaderCommunities AS leaderUnit, s.id IN workingStreets AS workingCommittee
// trim what the service-area filter (orggraph.matching.filters) would refuse anyway
WHERE r.serviceArea = 'CITY' OR (r.serviceArea = 'STREET' AND (memberInStreet OR memberHere))
   OR (r.serviceArea = 'COMMUNITY' AND memberHere)
CALL (c) {
  MATCH (c)-[:RAISED]->(x:Need)
  RETURN count(x) AS needsTotal, count(CASE WHEN x.status IN $open THEN 1 END) AS needsOpen
}
WITH prior, hits, r, u, done, ratingSum, openTasks, n, c, s, needsTotal, needsOpen, memberHere, memberInStreet,
     leaderUnit, workingCommittee
ORDER BY n.id
RETURN prior, hits,
       [r.id, r.title, u.id, u.name, r.supportType, r.domains, r.populations, r.capacity, r.capacityUnit,
        coalesce(r.allocated, 0), r.availableFrom, r.availableUntil, r.serviceArea, r.status] AS resource,
       [done, ratingSum, openTasks] AS unitFacts,
       collect([n.id, n.title, c.id, c.name, s.name, n.supportTypes, n.domain, n.populations, n.quantity,
                n.neededBy, n.status, CASE WHEN needsTotal = 0 THEN 0.0 ELSE toFloat(needsOpen) / needsTotal END,
                memberHere, memberInStreet, leaderUnit, workingCommittee]) AS needs
"""
)
NEED_ROW_FIELDS = (
    "id", "title", "communityId", "communityName", "streetName", "supportTypes", "domain", "populations",
    "quantity", "neededBy", "status", "unmet", "memberHere", "memberInStreet", "leaderUnit", "workingCommittee",
)  # fmt: skip


def need_facts(row: dict[str, Any]) -> NeedFacts:
    needed_by = to_date(row["neededBy"])
    assert needed_by is not None
    return NeedFacts(
        id=row["id"], title=row["title"], community_id=row["communityId"], community_name=row["communityName"],
        street_name=row["streetName"], support_types=frozenset(SupportType(x) for x in row["supportTypes"]),
        domain=Domain(row["domain"]), populations=frozenset(Population(x) for x in row["populations"]),
        quantity=float(row["quantity"]), needed_by=needed_by, status=NeedStatus(row["status"]),
        community_unmet=float(row["unmet"]),
    )  # fmt: skip


@lru_cache(maxsize=4096)
def _domains(values: tuple[str, ...]) -> frozenset[Domain]:
    return frozenset(Domain(x) for x in values)


@lru_cache(maxsize=4096)
def _populations(values: tuple[str, ...]) -> frozenset[Population]:
    return frozenset(Population(x) for x in values)


def candidate_facts(row: dict[str, Any], text_score: float) -> CandidateFacts:
    start, end = to_date(row["availableFrom"]), to_date(row["availableUntil"])
    assert start is not None and end is not None
    return CandidateFacts(
        resource_id=row["resourceId"], title=row["title"], unit_id=row["unitId"], unit_name=row["unitName"],
        support_type=SupportType(row["supportType"]), domains=_domains(tuple(row["domains"])),
        populations=_populations(tuple(row["populations"])), capacity=float(row["capacity"]),
        capacity_unit=row["capacityUnit"] or "", allocated=float(row["allocated"]), available_from=start,
        available_until=end, service_area=ServiceArea(row["serviceArea"]), status=ResourceStatus(row["status"]),
        member_here=bool(row["memberHere"]), member_in_street=bool(row["memberInStreet"]),
        leader_unit=bool(row["leaderUnit"]), working_committee=bool(row["workingCommittee"]),
        text_score=text_score, unit_done=int(row["done"]), unit_rating_sum=float(row["ratingSum"]),
        unit_open_tasks=int(row["openTasks"]),
    )  # fmt: skip


TEXT_LIMIT = 2000


async def candidate_rows(
    graph: Graph, need_id: str, today: date
) -> tuple[float, NeedFacts, list[dict[str, Any]], dict[str, float]] | None:
    """A need's facts, its candidate resources as rows (CANDIDATE_FIELDS), the full-text score of each
    resource the index found, and the city's rating prior; None when the need does not exist."""
    records = await graph.read(
        CANDIDATES_FOR_NEEDS, needIds=[need_id], today=today, open=OPEN_STATUSES, textLimit=TEXT_LIMIT
    )
    if not records:
        return None
    r = records[0]
    rows = [dict(zip(CANDIDATE_FIELDS, c, strict=True)) for c in r["candidates"]]
    text = {node_id: float(score) for node_id, score in r["hits"]}
    return float(r["prior"]), need_facts(r["need"]), rows, text


async def needs_for_resource(
    graph: Graph, resource_id: str
) -> tuple[float, list[tuple[NeedFacts, CandidateFacts]]]:
    """The open needs a resource may serve, each with the resource's facts relative to that need."""
    records = await graph.read(
        NEEDS_FOR_RESOURCE, resourceId=resource_id, open=OPEN_STATUSES, textLimit=TEXT_LIMIT
    )
    if not records or not records[0]["needs"]:
        return 0.8, []
    rec = records[0]
    text = {node_id: float(score) for node_id, score in rec["hits"]}
    base = dict(zip(CANDIDATE_FIELDS[:14], rec["resource"], strict=True))
    base.update(dict(zip(("done", "ratingSum", "openTasks"), rec["unitFacts"], strict=True)))
    out = []
    for row in rec["needs"]:
        n = dict(zip(NEED_ROW_FIELDS, row, strict=True))
        flags = {k: n[k] for k in ("memberHere", "memberInStreet", "leaderUnit", "workingCommittee")}
        out.append((need_facts(n), candidate_facts({**base, **flags}, text.get(n["id"], 0.0))))
    return float(rec["prior"]), out
