"""Where a target sits (street, community, unit), for authorization. One query per kind of target."""

from __future__ import annotations

from orggraph.domain.auth import Scope
from orggraph.domain.model import Label
from orggraph.graph.governance_reads import PROBLEM_EXPRESSIONS
from orggraph.graph.runner import Graph
from orggraph.graph.task_reads import TASK_COLUMNS

SCOPE_OF: dict[Label, str] = {
    Label.Community: """
        MATCH (c:Community {id: $id}) OPTIONAL MATCH (c)-[:PART_OF]->(s:Street)
        RETURN s.id AS street, c.id AS community, null AS unit""",
    Label.CommunityCommittee: """
        MATCH (k:CommunityCommittee {id: $id}) OPTIONAL MATCH (s:Street)<-[:PART_OF]-(c:Community)-[:HAS_COMMITTEE]->(k)
        RETURN s.id AS street, c.id AS community, null AS unit""",
    Label.Need: """
        MATCH (n:Need {id: $id}) OPTIONAL MATCH (s:Street)<-[:PART_OF]-(c:Community)-[:RAISED]->(n)
        RETURN s.id AS street, c.id AS community, null AS unit""",
    Label.Task: "MATCH (t:Task {id: $id}) WITH "
    + TASK_COLUMNS
    + " RETURN streetId AS street, communityId AS community, unitId AS unit",
    Label.Problem: "MATCH (p:Problem {id: $id}) RETURN "
    + PROBLEM_EXPRESSIONS["streetId"]
    + " AS street, "
    + PROBLEM_EXPRESSIONS["communityId"]
    + " AS community, null AS unit",
    Label.Resource: """
        MATCH (r:Resource {id: $id}) OPTIONAL MATCH (u:Unit)-[:OFFERS]->(r)
        RETURN null AS street, null AS community, u.id AS unit""",
    Label.Unit: "MATCH (u:Unit {id: $id}) RETURN null AS street, null AS community, u.id AS unit",
    # a retired grid or compound keeps its place through its history twins (WAS_PART_OF, WAS_IN_GRID),
    # so that whoever retired it may retry
    Label.Grid: """
        MATCH (g:Grid {id: $id})
        OPTIONAL MATCH (s:Street)<-[:PART_OF]-(c:Community)<-[:PART_OF|WAS_PART_OF]-(g)
        WITH s, c ORDER BY c.id LIMIT 1
        RETURN s.id AS street, c.id AS community, null AS unit""",
    Label.Compound: """
        MATCH (x:Compound {id: $id})
        OPTIONAL MATCH (s:Street)<-[:PART_OF]-(c:Community)<-[:PART_OF|WAS_PART_OF]-(:Grid)<-[r:IN_GRID|WAS_IN_GRID]-(x)
        WITH s, c ORDER BY type(r) = 'IN_GRID' DESC, c.id LIMIT 1
        RETURN s.id AS street, c.id AS community, null AS unit""",
    # compounds and 红色物业 (issue #14): a 三联办 and a property issue sit in the office's community
    Label.TripartiteOffice: """
        MATCH (o:TripartiteOffice {id: $id}) OPTIONAL MATCH (s:Street)<-[:PART_OF]-(c:Community)-[:HAS_OFFICE]->(o)
        RETURN s.id AS street, c.id AS community, null AS unit""",
    Label.PropertyIssue: """
        MATCH (i:PropertyIssue {id: $id})
        OPTIONAL MATCH (s:Street)<-[:PART_OF]-(c:Community)-[:HAS_OFFICE]->(:TripartiteOffice)<-[:HANDLED_BY]-(i)
        RETURN s.id AS street, c.id AS community, null AS unit""",
    Label.Street: "MATCH (s:Street {id: $id}) RETURN s.id AS street, null AS community, null AS unit",
    Label.StreetWorkingCommittee: """
        MATCH (w:StreetWorkingCommittee {id: $id}) OPTIONAL MATCH (s:Street)-[:HAS_COMMITTEE]->(w)
        RETURN s.id AS street, null AS community, null AS unit""",
    Label.Project: """
        MATCH (p:Project {id: $id}) OPTIONAL MATCH (s:Street)-[:HAS_COMMITTEE]->(:StreetWorkingCommittee)-[:HAS_PROJECT]->(p)
        RETURN s.id AS street, null AS community, null AS unit""",
    # a party member sits in the unit whose party organisation holds them (issue #14)
    Label.Person: """
        MATCH (p:Person {id: $id}) OPTIONAL MATCH (p)-[:PARTY_MEMBER_OF]->(u:Unit)
        RETURN null AS street, null AS community, u.id AS unit""",
    # a report: the place of its compound, its current department, and who submitted it
    Label.Report: """
        MATCH (r:Report {id: $id})
        OPTIONAL MATCH (r)-[:AT]->(:Compound)-[:IN_GRID]->(:Grid)-[:PART_OF]->(c:Community)-[:PART_OF]->(s:Street)
        OPTIONAL MATCH (r)-[:DISPATCHED_TO]->(u:Unit)
        WITH r, s, c, u LIMIT 1
        RETURN s.id AS street, c.id AS community, u.id AS unit, r.reporterSubject AS owner""",
}


async def scope_of(graph: Graph, label: Label, node_id: str) -> Scope | None:
    """The target's scope, or None when it does not exist (the mutation then answers NOT_FOUND)."""
    rows = await graph.read(SCOPE_OF[label], id=node_id)
    if not rows:
        return None
    return Scope(rows[0]["street"], rows[0]["community"], rows[0]["unit"], rows[0].get("owner"))
