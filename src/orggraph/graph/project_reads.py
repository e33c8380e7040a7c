"""Reads of the street working committee's people and projects that combine more than one hop: the
members who served in a year with the years of the projects they lead (workingCommitteeGaps)."""

from __future__ import annotations

from orggraph.domain import entities as e
from orggraph.domain.projects import CommitteeSeat, MemberProjects, gaps
from orggraph.graph import mapping
from orggraph.graph.runner import Graph

# Every seat, current or ended, on the street's working committee, with the years of the projects its
# person leads; the newest seat of each person first.
SEATS_OF_STREET = """
MATCH (s:Street {id: $streetId})
OPTIONAL MATCH (s)-[:HAS_COMMITTEE]->(w:StreetWorkingCommittee)<-[m:PART_TIME_MEMBER_OF|WAS_PART_TIME_MEMBER_OF]-(p:Person)
WITH s, w, m, p ORDER BY p.name, p.id, m.since DESC
RETURN s.id AS street,
       [x IN collect([w.id, properties(p), properties(m), [(p)-[:LEADS]->(j:Project) | j.year]])
        WHERE x[0] IS NOT NULL] AS seats
"""


async def working_committee_gaps(
    graph: Graph, street_id: str, year: int
) -> list[tuple[e.Person, CommitteeSeat]] | None:
    """The members of the street's working committee who served in `year` and led no project that year;
    None when there is no such street."""
    rows = await graph.read(SEATS_OF_STREET, streetId=street_id)
    if not rows:
        return None
    people: dict[str, e.Person] = {}
    members = []
    for committee_id, person, rel, years in rows[0]["seats"]:
        p = mapping.person(person)
        people[p.id] = p
        members.append(
            MemberProjects(mapping.committee_seat(p.id, committee_id, rel), tuple(int(y) for y in years))
        )
    return [(people[seat.person_id], seat) for seat in gaps(members, year)]
