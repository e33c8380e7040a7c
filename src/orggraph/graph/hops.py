"""One-hop batch reads: for many start ids at once, the nodes one relationship away; and lookups of
nodes by id.

Each Hop is a named constant whose Cypher is built only from the closed Label and RelType enums; the
ids always go in as parameters. The API's per-request DataLoaders batch each hop, and `load_many` sends
the batches of one level of a query together, as one statement: round trips stay bounded by the depth
of the query, whatever the number of rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from orggraph.domain.model import Label, RelType
from orggraph.graph.runner import Graph


@dataclass(frozen=True)
class Hop:
    start: Label
    rel: RelType
    outgoing: bool
    end: Label
    order: str = "name"

    @property
    def cypher(self) -> str:
        return self.part(0)

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


class Hops(Enum):
    """Every hop the API follows."""

    STREET_OF_COMMUNITY = Hop(Label.Community, RelType.PART_OF, True, Label.Street)
    COMMITTEE_OF_COMMUNITY = Hop(Label.Community, RelType.HAS_COMMITTEE, True, Label.CommunityCommittee)
    CONTACT_LEADERS_OF_COMMUNITY = Hop(Label.Community, RelType.CONTACTS, False, Label.Leader)
    GRIDS_OF_COMMUNITY = Hop(Label.Community, RelType.PART_OF, False, Label.Grid)
    NEEDS_OF_COMMUNITY = Hop(Label.Community, RelType.RAISED, True, Label.Need, order="neededBy")
    COMMUNITY_OF_COMMITTEE = Hop(Label.CommunityCommittee, RelType.HAS_COMMITTEE, False, Label.Community)
    SECRETARY_OF_COMMITTEE = Hop(Label.CommunityCommittee, RelType.SECRETARY_OF, False, Label.Person)
    FIRST_SECRETARY_OF_COMMITTEE = Hop(
        Label.CommunityCommittee, RelType.FIRST_SECRETARY_OF, False, Label.Leader
    )
    MEMBERS_OF_COMMITTEE = Hop(Label.CommunityCommittee, RelType.MEMBER_OF, False, Label.Unit)
    MEETINGS_OF_COMMITTEE = Hop(
        Label.CommunityCommittee, RelType.HELD_BY, False, Label.JointMeeting, order="heldOn"
    )
    COMMITTEE_OF_MEETING = Hop(Label.JointMeeting, RelType.HELD_BY, True, Label.CommunityCommittee)
    MEMBERSHIPS_OF_UNIT = Hop(Label.Unit, RelType.MEMBER_OF, True, Label.CommunityCommittee)
    RESOURCES_OF_UNIT = Hop(Label.Unit, RelType.OFFERS, True, Label.Resource, order="title")
    WORKING_COMMITTEES_OF_UNIT = Hop(
        Label.Unit, RelType.PART_TIME_MEMBER_OF, True, Label.StreetWorkingCommittee
    )
    UNIT_OF_RESOURCE = Hop(Label.Resource, RelType.OFFERS, False, Label.Unit)
    COMMUNITY_OF_NEED = Hop(Label.Need, RelType.RAISED, False, Label.Community)
    CONTACTS_OF_LEADER = Hop(Label.Leader, RelType.CONTACTS, True, Label.Community)
    FIRST_SECRETARY_OF_LEADER = Hop(Label.Leader, RelType.FIRST_SECRETARY_OF, True, Label.CommunityCommittee)
    UNIT_OF_LEADER = Hop(Label.Leader, RelType.WORKS_AT, True, Label.Unit)
    COMMUNITIES_OF_STREET = Hop(Label.Street, RelType.PART_OF, False, Label.Community)
    WORKING_COMMITTEE_OF_STREET = Hop(Label.Street, RelType.HAS_COMMITTEE, True, Label.StreetWorkingCommittee)
    STREET_OF_WORKING_COMMITTEE = Hop(
        Label.StreetWorkingCommittee, RelType.HAS_COMMITTEE, False, Label.Street
    )
    MEMBERS_OF_WORKING_COMMITTEE = Hop(
        Label.StreetWorkingCommittee, RelType.PART_TIME_MEMBER_OF, False, Label.Unit
    )
    COMPOUNDS_OF_GRID = Hop(Label.Grid, RelType.IN_GRID, False, Label.Compound)
    COMMUNITY_OF_GRID = Hop(Label.Grid, RelType.PART_OF, True, Label.Community)


Neighbour = tuple[dict[str, Any], dict[str, Any]]  # (node properties, relationship properties)


def _by_ids_part(label: Label, i: int) -> str:
    return f"UNWIND $ids{i} AS key MATCH (n:{label.value} {{id: key}}) RETURN collect([key, properties(n)]) AS rows{i}"


class _Combined(dict[tuple["Hops | Label", ...], str]):
    """The Cypher that reads several hops and node lookups in one statement, one CALL subquery each;
    composed only from the Hop and Label constants (the key is a tuple of enum members)."""

    def __missing__(self, parts: tuple[Hops | Label, ...]) -> str:
        calls = [
            "CALL () { " + (p.value.part(i) if isinstance(p, Hops) else _by_ids_part(p, i)) + " }"
            for i, p in enumerate(parts)
        ]
        text = "\n".join(calls) + "\nRETURN " + ", ".join(f"rows{i}" for i in range(len(parts)))
        if len(self) < 4096:  # the parts come from a closed set; the bound only guards memory
            self[parts] = text
        return text


COMBINED = _Combined()


async def load_many(graph: Graph, requests: Sequence[tuple[Hops | Label, Sequence[str]]]) -> list[list[Any]]:
    """Several hops and node lookups in one round trip. For a hop: each id's neighbours, in order; for
    a label: each id's node properties, or None."""
    parts = tuple(what for what, _ in requests)
    params = {f"ids{i}": list(dict.fromkeys(ids)) for i, (_, ids) in enumerate(requests)}
    record = (await graph.read(COMBINED[parts], **params))[0]
    out: list[list[Any]] = []
    for i, (what, ids) in enumerate(requests):
        rows = record[f"rows{i}"]
        if isinstance(what, Hops):
            found: dict[str, list[Neighbour]] = defaultdict(list)
            for key, node, rel in rows:
                found[key].append((node, rel))
            out.append([found.get(x, []) for x in ids])
        else:
            nodes = {key: node for key, node in rows}
            out.append([nodes.get(x) for x in ids])
    return out
