"""One-hop batch reads: for many start ids at once, the nodes one relationship away; and lookups of
nodes by id. Both come back as domain entities.

Each Hop and Node is a named constant whose Cypher is built only from the closed Label and RelType
enums; the ids always go in as parameters. The API's per-request DataLoaders batch each hop, and
`load_many` sends the batches of one level of a query together, as one statement: round trips stay
bounded by the depth of the query, whatever the number of rows.

Hop[T] and Node[T] carry the type of what they return, so `loaders.related(Hops.STREET_OF_COMMUNITY, id)`
is a list of e.Street to the type checker too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from orggraph.domain import entities as e
from orggraph.domain.evaluations import UnitEvaluation
from orggraph.domain.model import Label, RelType
from orggraph.domain.projects import CommitteeSeat
from orggraph.graph import governance_reads, mapping, task_reads
from orggraph.graph.runner import Graph

T = TypeVar("T")
Props = dict[str, Any]


@dataclass(frozen=True)
class Hop(Generic[T]):
    start: Label
    rel: RelType
    outgoing: bool
    end: Label
    decode: Callable[[str, Props, Props], T]  # (start id, end node, relationship) -> T
    order: str = "name"

    def part(self, i: int) -> str:
        """The hop for the ids in $ids<i>, its rows in `rows<i>` (one part of a combined read)."""
        left, right = ("-", "->") if self.outgoing else ("<-", "-")
        return (
            f"UNWIND $ids{i} AS key "
            f"MATCH (a:{self.start.value} {{id: key}}){left}[r:{self.rel.value}]{right}(b:{self.end.value}) "
            f"WITH key, b, r ORDER BY key, b.{self.order}, b.id "
            # one record holding every row: the driver decodes one record far faster than many
            f"RETURN collect([key, properties(b), properties(r)]) AS rows{i}"
        )


@dataclass(frozen=True)
class Node(Generic[T]):
    """A lookup of nodes by id."""

    label: Label
    decode: Callable[[Props], T]

    def part(self, i: int) -> str:
        return (
            f"UNWIND $ids{i} AS key MATCH (n:{self.label.value} {{id: key}}) "
            f"RETURN collect([key, properties(n)]) AS rows{i}"
        )


@dataclass(frozen=True)
class NodeRow(Node[T]):
    """A lookup by id whose entity needs more than the node's own properties: `projection` is a Cypher
    map over the node bound to `var` (a constant of graph/), decoded by `decode`."""

    var: str = "n"
    projection: str = ""

    def part(self, i: int) -> str:
        return (
            f"UNWIND $ids{i} AS key MATCH ({self.var}:{self.label.value} {{id: key}}) "
            f"RETURN collect([key, {self.projection}]) AS rows{i}"
        )


def _node(decode: Callable[[Props], T]) -> Callable[[str, Props, Props], T]:
    return lambda _key, node, _rel: decode(node)


def _seat_of_unit(key: str, node: Props, rel: Props) -> tuple[e.Unit, e.Membership]:
    """A member unit of committee `key`, with its seat."""
    return mapping.unit(node), mapping.membership(node["id"], key, rel)


def _seat_on_committee(key: str, node: Props, rel: Props) -> tuple[e.CommunityCommittee, e.Membership]:
    """A committee that unit `key` sits on, with its seat."""
    return mapping.committee(node), mapping.membership(key, node["id"], rel)


def _seat(key: str, node: Props, rel: Props) -> tuple[e.Person, CommitteeSeat]:
    """A person with their seat (current or ended) on working committee `key`."""
    return mapping.person(node), mapping.committee_seat(node["id"], key, rel)


def _evaluation_of_unit(key: str, node: Props, rel: Props) -> tuple[e.Community, UnitEvaluation]:
    """A community's evaluation of unit `key` (one per year)."""
    return mapping.community(node), mapping.unit_evaluation(node["id"], key, rel)


def _evaluation_by_community(key: str, node: Props, rel: Props) -> tuple[e.Unit, UnitEvaluation]:
    """Community `key`'s evaluation of a unit (one per year)."""
    return mapping.unit(node), mapping.unit_evaluation(key, node["id"], rel)


L, R = Label, RelType


class Hops:
    """Every hop the API follows."""

    STREET_OF_COMMUNITY = Hop(L.Community, R.PART_OF, True, L.Street, _node(mapping.street))
    COMMITTEE_OF_COMMUNITY = Hop(
        L.Community, R.HAS_COMMITTEE, True, L.CommunityCommittee, _node(mapping.committee)
    )
    CONTACT_LEADERS_OF_COMMUNITY = Hop(L.Community, R.CONTACTS, False, L.Leader, _node(mapping.leader))
    GRIDS_OF_COMMUNITY = Hop(L.Community, R.PART_OF, False, L.Grid, _node(mapping.grid))
    NEEDS_OF_COMMUNITY = Hop(L.Community, R.RAISED, True, L.Need, _node(mapping.need), order="neededBy")
    COMMUNITY_OF_COMMITTEE = Hop(
        L.CommunityCommittee, R.HAS_COMMITTEE, False, L.Community, _node(mapping.community)
    )
    SECRETARY_OF_COMMITTEE = Hop(L.CommunityCommittee, R.SECRETARY_OF, False, L.Person, _node(mapping.person))
    FIRST_SECRETARY_OF_COMMITTEE = Hop(
        L.CommunityCommittee, R.FIRST_SECRETARY_OF, False, L.Leader, _node(mapping.leader)
    )
    MEMBERS_OF_COMMITTEE = Hop(L.CommunityCommittee, R.MEMBER_OF, False, L.Unit, _seat_of_unit)
    MEETINGS_OF_COMMITTEE = Hop(
        L.CommunityCommittee, R.HELD_BY, False, L.JointMeeting, _node(mapping.meeting), order="heldOn"
    )
    COMMITTEE_OF_MEETING = Hop(
        L.JointMeeting, R.HELD_BY, True, L.CommunityCommittee, _node(mapping.committee)
    )
    MEMBERSHIPS_OF_UNIT = Hop(L.Unit, R.MEMBER_OF, True, L.CommunityCommittee, _seat_on_committee)
    RESOURCES_OF_UNIT = Hop(L.Unit, R.OFFERS, True, L.Resource, _node(mapping.resource), order="title")
    WORKING_COMMITTEES_OF_UNIT = Hop(
        L.Unit, R.PART_TIME_MEMBER_OF, True, L.StreetWorkingCommittee, _node(mapping.working_committee)
    )
    UNIT_OF_RESOURCE = Hop(L.Resource, R.OFFERS, False, L.Unit, _node(mapping.unit))
    COMMUNITY_OF_NEED = Hop(L.Need, R.RAISED, False, L.Community, _node(mapping.community))
    HISTORY_OF_NEED = Hop(L.Need, R.HAS_EVENT, True, L.NeedEvent, _node(mapping.need_step), order="at")
    # what needs and resources are about (issue #16)
    CONCEPTS_OF_NEED = Hop(L.Need, R.ABOUT, True, L.Concept, lambda _k, n, r: mapping.concept_tag(n, r))
    CONCEPTS_OF_RESOURCE = Hop(
        L.Resource, R.ABOUT, True, L.Concept, lambda _k, n, r: mapping.concept_tag(n, r)
    )
    BROADER_OF_CONCEPT = Hop(L.Concept, R.BROADER, True, L.Concept, _node(mapping.concept))
    NARROWER_OF_CONCEPT = Hop(L.Concept, R.BROADER, False, L.Concept, _node(mapping.concept))
    NEEDS_ABOUT_CONCEPT = Hop(L.Concept, R.ABOUT, False, L.Need, _node(mapping.need), order="title")
    RESOURCES_ABOUT_CONCEPT = Hop(
        L.Concept, R.ABOUT, False, L.Resource, _node(mapping.resource), order="title"
    )
    CONTACTS_OF_LEADER = Hop(L.Leader, R.CONTACTS, True, L.Community, _node(mapping.community))
    FIRST_SECRETARY_OF_LEADER = Hop(
        L.Leader, R.FIRST_SECRETARY_OF, True, L.CommunityCommittee, _node(mapping.committee)
    )
    UNIT_OF_LEADER = Hop(L.Leader, R.WORKS_AT, True, L.Unit, _node(mapping.unit))
    STREETS_OF_CITY = Hop(L.City, R.PART_OF, False, L.Street, _node(mapping.street))
    COMMUNITIES_OF_STREET = Hop(L.Street, R.PART_OF, False, L.Community, _node(mapping.community))
    WORKING_COMMITTEE_OF_STREET = Hop(
        L.Street, R.HAS_COMMITTEE, True, L.StreetWorkingCommittee, _node(mapping.working_committee)
    )
    STREET_OF_WORKING_COMMITTEE = Hop(
        L.StreetWorkingCommittee, R.HAS_COMMITTEE, False, L.Street, _node(mapping.street)
    )
    MEMBERS_OF_WORKING_COMMITTEE = Hop(
        L.StreetWorkingCommittee, R.PART_TIME_MEMBER_OF, False, L.Unit, _node(mapping.unit)
    )
    COMPOUNDS_OF_GRID = Hop(L.Grid, R.IN_GRID, False, L.Compound, _node(mapping.compound))
    COMMUNITY_OF_GRID = Hop(L.Grid, R.PART_OF, True, L.Community, _node(mapping.community))
    # the street working committee as people, their projects, the communities' evaluations of units
    SEATS_OF_WORKING_COMMITTEE = Hop(L.StreetWorkingCommittee, R.PART_TIME_MEMBER_OF, False, L.Person, _seat)
    FORMER_SEATS_OF_WORKING_COMMITTEE = Hop(
        L.StreetWorkingCommittee, R.WAS_PART_TIME_MEMBER_OF, False, L.Person, _seat
    )
    PROJECTS_OF_WORKING_COMMITTEE = Hop(
        L.StreetWorkingCommittee, R.HAS_PROJECT, True, L.Project, _node(mapping.project), order="year"
    )
    PROJECTS_OF_PERSON = Hop(L.Person, R.LEADS, True, L.Project, _node(mapping.project), order="year")
    LEADER_OF_PROJECT = Hop(L.Project, R.LEADS, False, L.Person, _node(mapping.person))
    WORKING_COMMITTEE_OF_PROJECT = Hop(
        L.Project, R.HAS_PROJECT, False, L.StreetWorkingCommittee, _node(mapping.working_committee)
    )
    COMMUNITIES_OF_PROJECT = Hop(L.Project, R.INVOLVES, True, L.Community, _node(mapping.community))
    NOTES_OF_PROJECT = Hop(
        L.Project, R.HAS_NOTE, True, L.ProjectNote, _node(mapping.project_note), order="at"
    )
    EVALUATIONS_OF_UNIT = Hop(L.Unit, R.EVALUATED, False, L.Community, _evaluation_of_unit)
    EVALUATIONS_BY_COMMUNITY = Hop(L.Community, R.EVALUATED, True, L.Unit, _evaluation_by_community)
    # network maintenance (#13)
    LEADER_OF_GRID = Hop(L.Grid, R.GRID_LEADER_OF, False, L.Person, _node(mapping.person))
    GRIDS_OF_COMPOUND = Hop(L.Compound, R.IN_GRID, True, L.Grid, _node(mapping.grid))


class Nodes:
    """Every lookup by id the API makes."""

    STREET = Node(L.Street, mapping.street)
    COMMUNITY = Node(L.Community, mapping.community)
    COMMITTEE = Node(L.CommunityCommittee, mapping.committee)
    UNIT = Node(L.Unit, mapping.unit)
    LEADER = Node(L.Leader, mapping.leader)
    NEED = Node(L.Need, mapping.need)
    RESOURCE = Node(L.Resource, mapping.resource)
    PERSON = Node(L.Person, mapping.person)
    WORKING_COMMITTEE = Node(L.StreetWorkingCommittee, mapping.working_committee)
    PROJECT = Node(L.Project, mapping.project)
    COMPOUND = Node(L.Compound, mapping.compound)  # a party member's home compound, a report's compound (#14)


Part = Hop[Any] | Node[Any]


class _Combined(dict[tuple[Part, ...], str]):
    """The Cypher that reads several hops and node lookups in one statement, one CALL subquery each;
    composed only from the Hop and Node constants."""

    def __missing__(self, parts: tuple[Part, ...]) -> str:
        calls = ["CALL () { " + p.part(i) + " }" for i, p in enumerate(parts)]
        text = "\n".join(calls) + "\nRETURN " + ", ".join(f"rows{i}" for i in range(len(parts)))
        if len(self) < 4096:  # the parts come from a closed set; the bound only guards memory
            self[parts] = text
        return text


COMBINED = _Combined()


def _decoded(what: Part, ids: Sequence[str], rows: list[Any]) -> list[Any]:
    if isinstance(what, Hop):
        found: dict[str, list[Any]] = defaultdict(list)
        for key, node, rel in rows:
            found[key].append(what.decode(key, node, rel))
        return [found.get(x, []) for x in ids]
    nodes = {key: what.decode(node) for key, node in rows}
    return [nodes.get(x) for x in ids]


async def load_many(
    graph: Graph, requests: Sequence[tuple[Part, Sequence[str]]]
) -> list[list[Any] | Exception]:
    """Several hops and node lookups in one round trip. For a hop: each id's neighbours, decoded, in
    order; for a node lookup: each id's entity, or None. A part whose rows do not decode (a node missing
    a required property) is its exception, so that it fails only the fields that asked for it."""
    parts = tuple(what for what, _ in requests)
    params = {f"ids{i}": list(dict.fromkeys(ids)) for i, (_, ids) in enumerate(requests)}
    record = (await graph.read(COMBINED[parts], **params))[0]
    out: list[list[Any] | Exception] = []
    for i, (what, ids) in enumerate(requests):
        try:
            out.append(_decoded(what, ids, record[f"rows{i}"]))
        except Exception as exc:  # reported to the fields of this part only
            out.append(exc)
    return out


async def by_id(graph: Graph, node: Node[T], node_id: str) -> T | None:
    """One node by id, outside a request's loaders (after a write, say)."""
    result = (await load_many(graph, [(node, [node_id])]))[0]
    if isinstance(result, Exception):
        raise result
    found: T | None = result[0]
    return found


def _id(_key: str, node: Props, _rel: Props) -> str:
    return str(node["id"])


def _solved(row: Props) -> int:
    return int(row["solved"])


class GovernanceHops:
    """The hops of the governance loops: a meeting's committee of either kind, attendance, agenda and
    decisions; a problem's meetings; a task's meeting and leader. Problems and tasks come back as ids
    (their rows need more than the node: graph/governance_reads.py, graph/task_reads.py)."""

    WORKING_COMMITTEE_OF_MEETING = Hop(
        L.JointMeeting, R.HELD_BY, True, L.StreetWorkingCommittee, _node(mapping.working_committee)
    )
    MEETINGS_OF_WORKING_COMMITTEE = Hop(
        L.StreetWorkingCommittee, R.HELD_BY, False, L.JointMeeting, _node(mapping.meeting), order="heldOn"
    )
    ATTENDEES_OF_MEETING = Hop(L.JointMeeting, R.ATTENDED, False, L.Unit, _node(mapping.unit))
    TABLED_NEEDS = Hop(L.JointMeeting, R.TABLED, True, L.Need, _node(mapping.need), order="neededBy")
    TABLED_PROBLEMS = Hop(L.JointMeeting, R.TABLED, True, L.Problem, _id, order="raisedOn")
    DECISIONS_OF_MEETING = Hop(L.JointMeeting, R.DECIDED, True, L.Task, _id, order="createdAt")
    MEETINGS_OF_PROBLEM = Hop(
        L.Problem, R.TABLED, False, L.JointMeeting, _node(mapping.meeting), order="heldOn"
    )
    MEETING_OF_TASK = Hop(L.Task, R.DECIDED, False, L.JointMeeting, _node(mapping.meeting), order="heldOn")
    LEADER_OF_TASK = Hop(L.Task, R.LEADS, False, L.Leader, _node(mapping.leader))
    TASKS_OF_PROBLEM = Hop(L.Problem, R.SOLVES, False, L.Task, _id, order="createdAt")
    GRID = Node(L.Grid, mapping.grid)
    PROBLEM = NodeRow(L.Problem, mapping.problem, "p", governance_reads.PROBLEM_MAP)
    TASK = NodeRow(L.Task, mapping.task, "t", task_reads.TASK_MAP)
    SOLVED_BY_MEETING = NodeRow(L.JointMeeting, _solved, "m", governance_reads.SOLVED_BY_MEETING_MAP)


def _credit_record(key: str, node: Props, _rel: Props) -> Any:
    from orggraph.graph import rating_reads  # the ratings' decoder (issue #14 point 4)

    return rating_reads.credit_record(key, node)


class RatingHops:
    """The ratings' hops (issue #14 point 4): a unit's credit records (the published red/black lists)."""

    CREDIT_RECORDS_OF_UNIT = Hop(
        L.Unit, R.HAS_CREDIT_RECORD, True, L.CreditRecord, _credit_record, order="year"
    )
    COMPOUND = Node(L.Compound, mapping.compound)
