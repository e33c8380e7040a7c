"""Reads of the governance loops: problems (with the status their tasks give them), the city secretary's
"1+N" list, contact leaders' key tasks, joint meetings of both kinds, the problems a meeting solved, and
the committees that missed a quarter."""

from __future__ import annotations

from datetime import date

from orggraph.domain import entities as e
from orggraph.domain import governance as rules
from orggraph.domain.model import Label, ProblemLevel, ProblemStatus, TaskStatus
from orggraph.graph import mapping
from orggraph.graph.runner import Graph
from orggraph.graph.task_reads import TASK_COLUMNS

MAX_ROWS = 500

# what a problem row holds, from `p`
PROBLEM_FIELDS = (
    ("problem", "properties(p)"),
    ("communityId", "[(p)-[:RAISED_IN]->(c:Community) | c.id][0]"),
    (
        "streetId",
        "coalesce([(p)-[:RAISED_IN]->(s:Street) | s.id][0], "
        "[(p)-[:RAISED_IN]->(:Community)-[:PART_OF]->(s:Street) | s.id][0])",
    ),
    ("gridId", "[(p)-[:AT_GRID]->(g:Grid) | g.id][0]"),
    ("tasks", "[(p)<-[:SOLVES]-(t:Task) | [t.status, t.completedOn]]"),
    ("escalations", "[(p)-[:ESCALATED]->(x:Escalation) | properties(x)]"),
)
PROBLEM_EXPRESSIONS = dict(PROBLEM_FIELDS)
PROBLEM_COLUMNS = ", ".join(expr + " AS " + key for key, expr in PROBLEM_FIELDS)
PROBLEM_MAP = "{" + ", ".join(key + ": " + expr for key, expr in PROBLEM_FIELDS) + "}"


# an item a meeting decided on is solved: a problem once a task is done and none is open; a need once done
def _solved(x: str) -> str:
    """Whether the item bound to variable `x` is solved (x is one of our own variable names)."""
    return f"""(
  ({x}:Problem AND EXISTS {{ ({x})<-[:SOLVES]-(:Task {{status: $done}}) }}
             AND NOT EXISTS {{ ({x})<-[:SOLVES]-(o:Task) WHERE o.status IN $open }})
  OR ({x}:Need AND {x}.status IN $needSolved)
)"""


SOLVED = _solved("x")

PROBLEMS_BY_IDS = "UNWIND $ids AS id MATCH (p:Problem {id: id}) RETURN " + PROBLEM_COLUMNS
PROBLEMS = (
    """
CALL () {
  MATCH (p:Problem)-[:RAISED_IN]->(c:Community)-[:PART_OF]->(s:Street)
  WHERE ($streetId IS NULL OR s.id = $streetId) AND ($communityId IS NULL OR c.id = $communityId)
  RETURN p
  UNION
  MATCH (p:Problem)-[:RAISED_IN]->(s:Street)
  WHERE $communityId IS NULL AND ($streetId IS NULL OR s.id = $streetId)
  RETURN p
}
WITH p WHERE $level IS NULL OR p.level = $level
WITH p, EXISTS { (p)<-[:SOLVES]-(o:Task) WHERE o.status IN $open } AS hasOpen,
     EXISTS { (p)<-[:SOLVES]-(:Task {status: $done}) } AS hasDone
// the status as domain.governance.problem_status derives it
WITH p WHERE $status IS NULL
  OR ($status = 'IN_PROGRESS' AND hasOpen)
  OR ($status = 'SOLVED' AND hasDone AND NOT hasOpen)
  OR ($status = 'OPEN' AND NOT hasOpen AND NOT hasDone)
WITH p ORDER BY p.raisedOn DESC, p.id LIMIT $limit
RETURN """
    + PROBLEM_COLUMNS
)
# the "1+N" list of a year: problems escalated to the city that year, and those escalated before and
# unsolved when the year began (their last task done on or after January 1st, or none)
SECRETARY_LIST = (
    """
MATCH (p:Problem {level: $city})-[:ESCALATED]->(x:Escalation {to: $city})
WITH p, min(x.at) AS listed
WITH p, listed, """
    + _solved("p")
    + """ AS solved,
     COLLECT { MATCH (p)<-[:SOLVES]-(t:Task {status: $done}) RETURN t.completedOn AS d ORDER BY d DESC LIMIT 1 }[0]
       AS solvedOn
WHERE date(listed).year = $year
   OR (date(listed).year < $year AND NOT (solved AND solvedOn < date({year: $year, month: 1, day: 1})))
WITH p ORDER BY p.raisedOn, p.id
RETURN """
    + PROBLEM_COLUMNS
)
KEY_TASKS = (
    """
MATCH (l:Leader)-[:LEADS]->(t:Task)
WHERE ($leaderId IS NULL OR l.id = $leaderId) AND ($year IS NULL OR date(t.createdAt).year = $year)
WITH t ORDER BY t.deadline, t.id
RETURN """
    + TASK_COLUMNS
)
MEETINGS = """
CALL () {
  MATCH (m:JointMeeting)-[:HELD_BY]->(k:CommunityCommittee)<-[:HAS_COMMITTEE]-(:Community)-[:PART_OF]->(s:Street)
  RETURN m, k, s
  UNION
  MATCH (m:JointMeeting)-[:HELD_BY]->(k:StreetWorkingCommittee)<-[:HAS_COMMITTEE]-(s:Street)
  RETURN m, k, s
}
WITH m, k, s
WHERE ($committeeId IS NULL OR k.id = $committeeId) AND ($streetId IS NULL OR s.id = $streetId)
  AND ($from IS NULL OR m.heldOn >= $from) AND ($to IS NULL OR m.heldOn <= $to)
WITH m ORDER BY m.heldOn DESC, m.id LIMIT $limit
RETURN properties(m) AS meeting
"""
# every committee with the days it met between $from and $to
COMMITTEE_MEETINGS = """
CALL () {
  MATCH (c:Community)-[:HAS_COMMITTEE]->(k:CommunityCommittee) RETURN k, c.name + '大党委' AS name
  UNION
  MATCH (s:Street)-[:HAS_COMMITTEE]->(k:StreetWorkingCommittee) RETURN k, coalesce(k.name, s.name + '大工委') AS name
}
RETURN k.id AS id, CASE WHEN k:CommunityCommittee THEN 'CommunityCommittee' ELSE 'StreetWorkingCommittee' END AS kind,
       name, [(m:JointMeeting)-[:HELD_BY]->(k) WHERE $from <= m.heldOn <= $to | m.heldOn] AS held
ORDER BY name, id
"""
# the city's figure: the items decided at any joint meeting that are solved
CITY_SOLVED = (
    """
MATCH (:JointMeeting)-[:DECIDED]->(:Task)-[:SOLVES|FULFILS]->(x) WHERE """
    + SOLVED
    + """
RETURN count(DISTINCT x) AS solved
"""
)


def _literal(cypher: str) -> str:
    """The statement with the statuses written in from the domain's enums (no user text), for reads that
    run without these parameters."""
    return (
        cypher.replace("$done", repr(TaskStatus.DONE.value))
        .replace("$open", repr(list(rules.TASK_OPEN_VALUES)))
        .replace("$needSolved", repr([s.value for s in rules.NEED_SOLVED]))
    )


# how many items a meeting (`m`) decided on are solved, as a map for the request's loaders (hops.NodeRow)
SOLVED_BY_MEETING_MAP = _literal(
    "{solved: size(COLLECT { MATCH (m)-[:DECIDED]->(:Task)-[:SOLVES|FULFILS]->(x) WHERE "
    + SOLVED
    + " RETURN DISTINCT x.id })}"
)
# the city's figure, in network_reads.CITY_STATS
CITY_SOLVED_LITERAL = _literal(CITY_SOLVED)


COMMITTEE_KIND = "MATCH (k:StreetWorkingCommittee {id: $id}) RETURN count(k) > 0 AS street"


async def committee_label(graph: Graph, committee_id: str) -> Label:
    """Which kind of committee the id names (a community big party committee when it names none: the
    caller's authorization then finds no scope, and the use case answers NOT_FOUND)."""
    rows = await graph.read(COMMITTEE_KIND, id=committee_id)
    return Label.StreetWorkingCommittee if rows and rows[0]["street"] else Label.CommunityCommittee


def _solved_params() -> dict[str, object]:
    return {
        "done": TaskStatus.DONE.value,
        "open": list(rules.TASK_OPEN_VALUES),
        "needSolved": [s.value for s in rules.NEED_SOLVED],
    }


async def problems_by_ids(graph: Graph, ids: list[str]) -> list[e.Problem]:
    found = {p.id: p for p in (mapping.problem(r) for r in await graph.read(PROBLEMS_BY_IDS, ids=ids))}
    return [found[x] for x in ids if x in found]


async def problem(graph: Graph, problem_id: str) -> e.Problem | None:
    found = await problems_by_ids(graph, [problem_id])
    return found[0] if found else None


async def problems(
    graph: Graph,
    *,
    street_id: str | None = None,
    community_id: str | None = None,
    level: ProblemLevel | None = None,
    status: ProblemStatus | None = None,
) -> list[e.Problem]:
    """The problems of a place, newest first, at most MAX_ROWS; the status is derived from the tasks."""
    rows = await graph.read(
        PROBLEMS, streetId=street_id, communityId=community_id, level=level.value if level else None,
        status=status.value if status else None, limit=MAX_ROWS, **_solved_params(),
    )  # fmt: skip
    return [mapping.problem(r) for r in rows]


async def secretary_list(graph: Graph, year: int) -> list[e.Problem]:
    rows = await graph.read(SECRETARY_LIST, year=year, city=ProblemLevel.CITY.value, **_solved_params())
    return [mapping.problem(r) for r in rows]


async def key_tasks(graph: Graph, *, leader_id: str | None, year: int | None) -> list[e.Task]:
    return [mapping.task(r) for r in await graph.read(KEY_TASKS, leaderId=leader_id, year=year)]


async def meetings(
    graph: Graph,
    *,
    committee_id: str | None = None,
    street_id: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[e.JointMeeting]:
    rows = await graph.read(
        MEETINGS, committeeId=committee_id, streetId=street_id, **{"from": start, "to": end}, limit=MAX_ROWS
    )
    return [mapping.meeting(r["meeting"]) for r in rows]


async def meeting_gaps(graph: Graph, start: date, end: date) -> list[e.MeetingGap]:
    """The committees that held no joint meeting in some quarter of [start, end]."""
    rows = await graph.read(COMMITTEE_MEETINGS, **{"from": start, "to": end})
    out = []
    for r in rows:
        held = [d for d in (mapping.to_date(x) for x in r["held"]) if d is not None]
        missed = rules.missed_quarters(held, start, end)
        if missed:
            out.append(e.MeetingGap(r["id"], r["kind"], r["name"], len(held), tuple(missed)))
    return out
