"""The Cypher that gathers matching facts. Candidates start from the index on Resource.supportType
(one lookup per support type the need asks for), never from a product of all needs and resources.

Coarse filters that are cheap in Cypher (active, type, capacity, dates) trim the rows; the hard
filters proper, the service area included, are applied in orggraph.matching.filters.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from orggraph.domain.model import NeedStatus, ResourceStatus, ServiceArea
from orggraph.domain.taxonomy import Domain, Population, SupportType
from orggraph.graph.mapping import to_date
from orggraph.graph.runner import Graph
from orggraph.matching.facts import CandidateFacts, NeedFacts

OPEN_STATUSES = [s.value for s in (NeedStatus.COLLECTED, NeedStatus.PROPOSED, NeedStatus.DELIBERATED,
                                   NeedStatus.RESOLVED, NeedStatus.PUBLISHED)]  # fmt: skip

# Lucene query text from user text, in Cypher: the first 120 characters, special characters escaped.
_LUCENE = """reduce(q = '', ch IN split(left({text}, 120), '') |
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

_PAIR = """
EXISTS { (u)-[:MEMBER_OF]->(k) } AS memberHere,
EXISTS { (u)-[:MEMBER_OF]->(:CommunityCommittee)<-[:HAS_COMMITTEE]-(:Community)-[:PART_OF]->(s) } AS memberInStreet,
EXISTS { (c)<-[:CONTACTS]-(:Leader)-[:WORKS_AT]->(u) } AS leaderUnit,
EXISTS { (u)-[:PART_TIME_MEMBER_OF]->(:StreetWorkingCommittee)<-[:HAS_COMMITTEE]-(s) } AS workingCommittee
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
CALL (n, c, s, k) {
  UNWIND n.supportTypes AS wanted
  MATCH (r:Resource {supportType: wanted})<-[:OFFERS]-(u:Unit)
  WHERE r.status = 'ACTIVE' AND coalesce(r.allocated, 0) < r.capacity
    AND r.availableFrom <= n.neededBy AND r.availableUntil >= $today
  WITH DISTINCT r, u, n, c, s, k
  WITH r, u, n, c, s, k,
"""
    + _PAIR
    + _UNIT_FACTS
    + """
  RETURN collect("""
    + _CANDIDATE
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
CALL (r, u) {
  // the communities the resource may serve: where its unit sits, their streets, or the whole city
  MATCH (c:Community)
  WHERE r.serviceArea = 'CITY'
     OR (r.serviceArea = 'COMMUNITY' AND EXISTS { (u)-[:MEMBER_OF]->(:CommunityCommittee)<-[:HAS_COMMITTEE]-(c) })
     OR (r.serviceArea = 'STREET' AND EXISTS {
           (u)-[:MEMBER_OF]->(:CommunityCommittee)<-[:HAS_COMMITTEE]-(:Community)-[:PART_OF]->(:Street)<-[:PART_OF]-(c) })
  RETURN c
}
MATCH (c)-[:RAISED]->(n:Need)
WHERE n.status IN $open AND r.supportType IN n.supportTypes AND n.neededBy >= r.availableFrom
"""
    + _NEED_FACTS.replace(
        "MATCH (n)<-[:RAISED]-(c:Community)-[:PART_OF]->(s:Street)", "MATCH (c)-[:PART_OF]->(s:Street)"
    )
    + """
WITH prior, r, u, hits, done, ratingSum, openTasks, n, c, s, k, needsTotal, needsOpen,
"""
    + _PAIR
    + """
RETURN prior, """
    + _RETURN_PAIR
    + ", "
    + _CANDIDATE
    + """ AS candidate, hits
ORDER BY n.id
"""
)


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


def candidate_facts(row: dict[str, Any], text_score: float) -> CandidateFacts:
    start, end = to_date(row["availableFrom"]), to_date(row["availableUntil"])
    assert start is not None and end is not None
    return CandidateFacts(
        resource_id=row["resourceId"], title=row["title"], unit_id=row["unitId"], unit_name=row["unitName"],
        support_type=SupportType(row["supportType"]), domains=frozenset(Domain(x) for x in row["domains"]),
        populations=frozenset(Population(x) for x in row["populations"]), capacity=float(row["capacity"]),
        capacity_unit=row["capacityUnit"] or "", allocated=float(row["allocated"]), available_from=start,
        available_until=end, service_area=ServiceArea(row["serviceArea"]), status=ResourceStatus(row["status"]),
        member_here=bool(row["memberHere"]), member_in_street=bool(row["memberInStreet"]),
        leader_unit=bool(row["leaderUnit"]), working_committee=bool(row["workingCommittee"]),
        text_score=text_score, unit_done=int(row["done"]), unit_rating_sum=float(row["ratingSum"]),
        unit_open_tasks=int(row["openTasks"]),
    )  # fmt: skip


TEXT_LIMIT = 2000


async def candidates_for_needs(
    graph: Graph, need_ids: list[str], today: date
) -> tuple[float, list[tuple[NeedFacts, list[CandidateFacts]]]]:
    """For each need (that exists), its facts and its candidate resources; and the city's rating prior."""
    records = await graph.read(
        CANDIDATES_FOR_NEEDS, needIds=need_ids, today=today, open=OPEN_STATUSES, textLimit=TEXT_LIMIT
    )
    prior = float(records[0]["prior"]) if records else 0.8
    out = []
    for r in records:
        text = {node_id: float(score) for node_id, score in r["hits"]}
        out.append(
            (
                need_facts(r["need"]),
                [candidate_facts(c, text.get(c["resourceId"], 0.0)) for c in r["candidates"]],
            )
        )
    return prior, out


async def needs_for_resource(
    graph: Graph, resource_id: str
) -> tuple[float, list[tuple[NeedFacts, CandidateFacts]]]:
    records = await graph.read(
        NEEDS_FOR_RESOURCE, resourceId=resource_id, open=OPEN_STATUSES, textLimit=TEXT_LIMIT
    )
    prior = float(records[0]["prior"]) if records else 0.8
    text = {node_id: float(score) for node_id, score in records[0]["hits"]} if records else {}
    return prior, [
        (need_facts(r["need"]), candidate_facts(r["candidate"], text.get(r["need"]["id"], 0.0)))
        for r in records
    ]
