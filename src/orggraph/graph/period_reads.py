"""The report by period and scope (组织部月度报告): the place it covers, then every figure in one statement,
counted per community (and per unit) in Cypher from the dates the graph stores (domain/periods.py says which).

The place's communities and streets come in as `$communities` and `$streets` (the streets whose own
meetings and problems count: every street for the city, the street itself, none for a community)."""

from __future__ import annotations

from datetime import date
from typing import Any

from orggraph.domain import governance as rules
from orggraph.domain import periods
from orggraph.domain.errors import not_found
from orggraph.domain.lifecycle import FINISHED, TASK_OPEN, values
from orggraph.domain.model import NeedStatus, TaskStatus
from orggraph.domain.periods import Figures, PeriodScope, UnitFigures
from orggraph.graph.governance_reads import SOLVED
from orggraph.graph.runner import Graph


def _day(x: str) -> str:
    """The day (Beijing time, $zone) a stored datetime `x` falls on; null when it is null. `x` is one of our
    own expressions."""
    return f"CASE WHEN {x} IS NULL THEN null ELSE date(datetime({{datetime: {x}, timezone: $zone}})) END"


_COMMUNITIES = (
    "COLLECT { MATCH (c:Community)-[:PART_OF]->(s) RETURN {id: c.id, name: c.name} AS c ORDER BY c.name }"
)
# the place: its name, the names above it (for the title), its communities and the streets whose own
# meetings and problems count
PLACE: dict[PeriodScope, str] = {
    PeriodScope.CITY: """
OPTIONAL MATCH (x:City) WITH x ORDER BY x.id LIMIT 1
RETURN coalesce(x.name, '全市') AS name, [] AS above,
       COLLECT { MATCH (c:Community)-[:PART_OF]->(:Street) RETURN {id: c.id, name: c.name} AS c } AS communities,
       COLLECT { MATCH (s:Street) RETURN s.id AS s } AS streets
""",
    PeriodScope.STREET: """
MATCH (s:Street {id: $id})
RETURN s.name AS name, [(s)-[:PART_OF]->(x:City) | x.name][..1] AS above, """
    + _COMMUNITIES
    + """ AS communities,
       [s.id] AS streets
""",
    PeriodScope.COMMUNITY: """
MATCH (c:Community {id: $id})
RETURN c.name AS name,
       [(c)-[:PART_OF]->(:Street)-[:PART_OF]->(x:City) | x.name][..1]
         + [(c)-[:PART_OF]->(s:Street) | s.name][..1] AS above,
       [{id: c.id, name: c.name}] AS communities, [] AS streets
""",
}

# each need of the communities with the days of its life: registered (its first event), resolved (first
# DONE or RATED), rejected; unfinished on $asOf when registered by then and not yet resolved or rejected
# (a need with no such event is unfinished only if its status says so)
_NEEDS = (
    """
CALL () {
  MATCH (c:Community)-[:RAISED]->(n:Need) WHERE c.id IN $communities
  WITH c, n, COLLECT { MATCH (n)-[:HAS_EVENT]->(e:NeedEvent) RETURN e ORDER BY e.at } AS events
  WITH c, n, [e IN events | e.at][0] AS raisedAt,
       [e IN events WHERE e.to IN $resolved | e.at][0] AS resolvedAt,
       [e IN events WHERE e.to = $rejected | e.at][0] AS rejectedAt
  WITH c, n, """
    + _day("raisedAt")
    + " AS raisedOn, "
    + _day("resolvedAt")
    + " AS resolvedOn, "
    + _day("rejectedAt")
    + """ AS rejectedOn
  WITH c.id AS community,
       count(CASE WHEN $from <= raisedOn <= $to THEN 1 END) AS needsRaised,
       count(CASE WHEN $from <= resolvedOn <= $to THEN 1 END) AS needsResolved,
       count(CASE WHEN $from <= rejectedOn <= $to THEN 1 END) AS needsRejected,
       count(CASE WHEN raisedOn <= $asOf AND n.neededBy < $asOf
                   AND CASE WHEN coalesce(resolvedOn, rejectedOn) IS NULL THEN NOT n.status IN $finished
                            ELSE coalesce(resolvedOn, rejectedOn) > $asOf END
                  THEN 1 END) AS needsOverdue
  RETURN collect({community: community, needsRaised: needsRaised, needsResolved: needsResolved,
                  needsRejected: needsRejected, needsOverdue: needsOverdue}) AS needs
}
"""
)

# each task of the place once (on a need of a community, on a problem of a community, on a street's own
# problem), with its unit and the days it was created, completed and cancelled; open on $asOf when created
# by then and not completed or cancelled by then
_TASKS = (
    """
CALL () {
  CALL () {
    MATCH (t:Task)-[:FULFILS]->(:Need)<-[:RAISED]-(c:Community) WHERE c.id IN $communities
    RETURN t, c.id AS community
    UNION
    MATCH (t:Task)-[:SOLVES]->(:Problem)-[:RAISED_IN]->(c:Community) WHERE c.id IN $communities
    RETURN t, c.id AS community
    UNION
    MATCH (t:Task)-[:SOLVES]->(:Problem)-[:RAISED_IN]->(s:Street) WHERE s.id IN $streets
    RETURN t, null AS community
  }
  WITH t, min(community) AS community
  WITH t, community, [(t)-[:RESPONSIBLE]->(u:Unit) | u][0] AS u, """
    + _day("t.createdAt")
    + """ AS createdOn, t.completedOn AS doneOn,
       CASE WHEN t.status = $cancelled THEN """
    + _day("t.updatedAt")
    + """ END AS cancelledOn,
       EXISTS { (t)-[:FULFILS]->(:Need) } AND NOT EXISTS { (:JointMeeting)-[:DECIDED]->(t) } AS fromMatch
  WITH community, u, t, fromMatch,
       CASE WHEN $from <= createdOn <= $to THEN 1 ELSE 0 END AS created,
       CASE WHEN t.status = $done AND $from <= doneOn <= $to AND doneOn <= t.deadline THEN 1 ELSE 0 END AS onTime,
       CASE WHEN t.status = $done AND $from <= doneOn <= $to AND doneOn > t.deadline THEN 1 ELSE 0 END AS late,
       CASE WHEN createdOn <= $asOf AND t.deadline < $asOf
                 AND CASE WHEN t.status IN $open THEN true
                          WHEN t.status = $done THEN doneOn > $asOf
                          ELSE cancelledOn > $asOf END
            THEN 1 ELSE 0 END AS overdue
  WITH collect({community: community, unit: u.id, unitName: u.name, created: created, onTime: onTime,
                late: late, overdue: overdue, accepted: CASE WHEN fromMatch THEN created ELSE 0 END}) AS rows
  RETURN
    COLLECT {
      UNWIND rows AS r
      WITH r.community AS community, sum(r.created) AS tasksCreated, sum(r.onTime) AS tasksDoneOnTime,
           sum(r.late) AS tasksDoneLate, sum(r.overdue) AS tasksOverdue, sum(r.accepted) AS matchesAccepted
      RETURN {community: community, tasksCreated: tasksCreated, tasksDoneOnTime: tasksDoneOnTime,
              tasksDoneLate: tasksDoneLate, tasksOverdue: tasksOverdue, matchesAccepted: matchesAccepted}
    } AS tasks,
    COLLECT {
      UNWIND rows AS r
      WITH r WHERE r.unit IS NOT NULL
      WITH r.unit AS unit, r.unitName AS name, sum(r.created) AS tasksTaken, sum(r.onTime) AS tasksDoneOnTime,
           sum(r.late) AS tasksDoneLate, sum(r.overdue) AS tasksOverdue
      RETURN {unit: unit, name: name, tasksTaken: tasksTaken, tasksDoneOnTime: tasksDoneOnTime,
              tasksDoneLate: tasksDoneLate, tasksOverdue: tasksOverdue}
    } AS unitTasks
}
"""
)

# the joint meetings of the committees in scope held in the period, and the tasks they decided
_MEETINGS = """
CALL () {
  CALL () {
    MATCH (m:JointMeeting)-[:HELD_BY]->(:CommunityCommittee)<-[:HAS_COMMITTEE]-(c:Community)
    WHERE c.id IN $communities AND $from <= m.heldOn <= $to
    RETURN m, c.id AS community
    UNION
    MATCH (m:JointMeeting)-[:HELD_BY]->(:StreetWorkingCommittee)<-[:HAS_COMMITTEE]-(s:Street)
    WHERE s.id IN $streets AND $from <= m.heldOn <= $to
    RETURN m, null AS community
  }
  WITH community, count(m) AS meetingsHeld, sum(COUNT { (m)-[:DECIDED]->(:Task) }) AS decisionsMade
  RETURN collect({community: community, meetingsHeld: meetingsHeld, decisionsMade: decisionsMade}) AS meetings
}
"""

# the problems of the place raised in the period, and those solved (governance_reads.SOLVED, as the
# problems list derives it) whose last done task was completed in the period (as the "1+N" list dates it)
_PROBLEMS = (
    """
CALL () {
  CALL () {
    MATCH (x:Problem)-[:RAISED_IN]->(c:Community) WHERE c.id IN $communities RETURN x, c.id AS community
    UNION
    MATCH (x:Problem)-[:RAISED_IN]->(s:Street) WHERE s.id IN $streets RETURN x, null AS community
  }
  WITH x, community, """
    + SOLVED
    + """ AS solved,
       COLLECT { MATCH (x)<-[:SOLVES]-(t:Task {status: $done}) RETURN t.completedOn AS d ORDER BY d DESC LIMIT 1 }[0]
         AS solvedOn
  WITH community, count(CASE WHEN $from <= x.raisedOn <= $to THEN 1 END) AS problemsRaised,
       count(CASE WHEN solved AND $from <= solvedOn <= $to THEN 1 END) AS problemsSolved
  RETURN collect({community: community, problemsRaised: problemsRaised, problemsSolved: problemsSolved})
    AS problems
}
"""
)

# the needs of the place that units claimed (认领) in the period, per unit
_CLAIMS = (
    """
CALL () {
  MATCH (u:Unit)-[k:CLAIMED]->(:Need)<-[:RAISED]-(c:Community) WHERE c.id IN $communities
  WITH u, """
    + _day("k.at")
    + """ AS on WHERE $from <= on <= $to
  WITH u.id AS unit, u.name AS name, count(*) AS needsClaimed
  RETURN collect({unit: unit, name: name, needsClaimed: needsClaimed}) AS claims
}
"""
)

FIGURES = (
    _NEEDS
    + _TASKS
    + _MEETINGS
    + _PROBLEMS
    + _CLAIMS
    + "RETURN needs, tasks, unitTasks, meetings, problems, claims\n"
)

_FIGURE_KEYS = {
    "needsRaised": "needs_raised",
    "needsResolved": "needs_resolved",
    "needsRejected": "needs_rejected",
    "needsOverdue": "needs_overdue",
    "tasksCreated": "tasks_created",
    "tasksDoneOnTime": "tasks_done_on_time",
    "tasksDoneLate": "tasks_done_late",
    "tasksOverdue": "tasks_overdue",
    "meetingsHeld": "meetings_held",
    "decisionsMade": "decisions_made",
    "problemsRaised": "problems_raised",
    "problemsSolved": "problems_solved",
    "matchesAccepted": "matches_accepted",
}
_UNIT_KEYS = {
    "tasksTaken": "tasks_taken",
    "tasksDoneOnTime": "tasks_done_on_time",
    "tasksDoneLate": "tasks_done_late",
    "tasksOverdue": "tasks_overdue",
    "needsClaimed": "needs_claimed",
}


def _figures(row: dict[str, Any]) -> tuple[str | None, Figures]:
    return row["community"], Figures(**{_FIGURE_KEYS[k]: int(v) for k, v in row.items() if k in _FIGURE_KEYS})


def _unit(row: dict[str, Any]) -> UnitFigures:
    return UnitFigures(
        row["unit"], row["name"] or "", **{_UNIT_KEYS[k]: int(v) for k, v in row.items() if k in _UNIT_KEYS}
    )


async def period_report(graph: Graph, query: periods.PeriodQuery, today: date) -> periods.PeriodReport:
    """The report, or BAD_USER_INPUT naming the field (PeriodQuery.checked), or NOT_FOUND naming `id` when no
    street or community has the id."""
    query = query.checked()
    places = await graph.read(PLACE[query.scope], id=query.place_id)
    if not places:
        what = "街道" if query.scope is PeriodScope.STREET else "社区"
        raise not_found(what, query.place_id or "", "id")
    place = places[0]
    communities = [(c["id"], c["name"]) for c in place["communities"]]
    as_of = query.as_of(today)
    rows = await graph.read(
        FIGURES,
        communities=[cid for cid, _ in communities],
        streets=list(place["streets"]),
        zone=periods.LOCAL_ZONE,
        asOf=as_of,
        resolved=[NeedStatus.DONE.value, NeedStatus.RATED.value],
        rejected=NeedStatus.REJECTED.value,
        finished=values(FINISHED),
        open=values(TASK_OPEN),
        done=TaskStatus.DONE.value,
        cancelled=TaskStatus.CANCELLED.value,
        needSolved=[s.value for s in rules.NEED_SOLVED],
        **{"from": query.start, "to": query.end},
    )
    r = rows[0]
    parts = [_figures(x) for key in ("needs", "tasks", "meetings", "problems") for x in r[key]]
    totals, by_community = periods.combine(communities, parts)
    by_unit = periods.units([_unit(x) for x in (*r["unitTasks"], *r["claims"])])
    return periods.PeriodReport(
        scope=query.scope,
        id=query.place_id,
        name=place["name"],
        start=query.start,
        end=query.end,
        as_of=as_of,
        title=periods.title([*place["above"], place["name"]], query.start, query.end),
        totals=totals,
        by_community=by_community,
        by_unit=by_unit,
    )
