"""The event log as subscriptions read it: audit records after a number, in order, each with the
current state and place (street, community, unit) of the needs, tasks and meetings it touched."""

from __future__ import annotations

from typing import Any

from orggraph.domain import entities as e
from orggraph.domain.auth import Scope
from orggraph.domain.events import Event, EventKind
from orggraph.graph import mapping
from orggraph.graph.runner import Graph
from orggraph.graph.task_reads import TASK_MAP

LAST_SEQ = "OPTIONAL MATCH (s:EventSequence {name: 'audit'}) RETURN coalesce(s.last, 0) AS last"
# the oldest record still in the log after a number (for a subscriber coming back: is its place kept?)
FIRST_AFTER = "MATCH (a:AuditRecord) WHERE a.seq > $after RETURN min(a.seq) AS first, count(a) AS count"
RECORDS = (
    """
MATCH (a:AuditRecord) WHERE a.seq > $after AND a.seq <= $upto
WITH a ORDER BY a.seq LIMIT $limit
RETURN a.seq AS seq, a.at AS at, a.action AS action,
  [id IN coalesce(a.needs, []) | COLLECT {
     MATCH (n:Need {id: id}) OPTIONAL MATCH (s:Street)<-[:PART_OF]-(c:Community)-[:RAISED]->(n)
     RETURN {node: properties(n), street: s.id, community: c.id} }] AS needs,
  [id IN coalesce(a.tasks, []) | COLLECT { MATCH (t:Task {id: id}) RETURN """
    + TASK_MAP
    + """ }] AS tasks,
  [id IN coalesce(a.meetings, []) | COLLECT {
     MATCH (m:JointMeeting {id: id})
     OPTIONAL MATCH (s:Street)<-[:PART_OF]-(c:Community)-[:HAS_COMMITTEE]->(:CommunityCommittee)<-[:HELD_BY]-(m)
     OPTIONAL MATCH (s2:Street)-[:HAS_COMMITTEE]->(:StreetWorkingCommittee)<-[:HELD_BY]-(m)
     RETURN {node: properties(m), street: coalesce(s.id, s2.id), community: c.id} }] AS meetings
"""
)


async def last_seq(graph: Graph) -> int:
    rows = await graph.read(LAST_SEQ)
    return int(rows[0]["last"]) if rows else 0


async def kept_after(graph: Graph, after: int) -> tuple[int | None, int]:
    """The number of the first record after `after` still in the log (None if none), and how many are."""
    rows = await graph.read(FIRST_AFTER, after=after)
    first = rows[0]["first"]
    return (int(first) if first is not None else None), int(rows[0]["count"])


async def events(graph: Graph, *, after: int, upto: int, limit: int) -> tuple[int, list[Event]]:
    """The events of the records numbered after `after`, up to `upto`, at most `limit` records; returns
    the number of the last record read (so the caller moves past records that carry no event) and the
    events, in order. A subject deleted since its record carries no event."""
    rows = await graph.read(RECORDS, after=after, upto=upto, limit=limit)
    out: list[Event] = []
    last = after
    for row in rows:
        last = int(row["seq"])
        at = mapping.to_datetime(row["at"])
        record: list[tuple[EventKind, Any, Scope]] = []
        for found in row["needs"]:
            record += [
                (EventKind.NEED, mapping.need(x["node"]), Scope(x["street"], x["community"], None))
                for x in found
            ]
        for found in row["tasks"]:
            for x in found:
                task: e.Task = mapping.task(x)
                record.append((EventKind.TASK, task, Scope(task.street_id, task.community_id, task.unit_id)))
        for found in row["meetings"]:
            record += [
                (EventKind.MEETING, mapping.meeting(x["node"]), Scope(x["street"], x["community"], None))
                for x in found
            ]
        out += [
            Event(
                seq=last,
                index=i,
                count=len(record),
                at=at,
                action=row["action"],
                kind=kind,
                subject=subject,
                scope=scope,
            )
            for i, (kind, subject, scope) in enumerate(record)
        ]
    return last, out
