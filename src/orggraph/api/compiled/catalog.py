"""The whitelist: for each GraphQL object type the compiler covers, how its fields are read.

A node type names its label, the properties its decoder reads (the same decoder as the slow path:
graph/mapping.py) and, per field, either a value taken from the decoded entity (`Get`), a hop to
related nodes (`Follow`, the same Hop constants as the DataLoaders, so the same order), or a node
already bound in the statement (`Bound`, a membership's unit or committee). A field without an entry
is not compiled: the whole request then goes to strawberry. Only the Cypher text built here (labels,
relationship types and property names, all constants) ever reaches Neo4j; values are parameters.

Personal data (docs/security.md) is masked in the projection itself: for anonymous callers and
VIEWER, `$pii` is false and the names of people never leave Neo4j."""

from __future__ import annotations

import keyword
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from orggraph.api.network_types import MASKED
from orggraph.domain import model
from orggraph.domain.lifecycle import advance_steps, is_overdue
from orggraph.graph import mapping
from orggraph.graph.hops import Hop, Hops

Props = Mapping[str, Any]


@dataclass(frozen=True)
class Run:
    """What a request's answer depends on besides the data: whether the caller sees personal data,
    and the service's today (for `overdue`)."""

    pii: bool
    today: date


@dataclass(frozen=True)
class Get:
    """A value computed from the decoded entity, serialized by the field's GraphQL type."""

    get: Callable[[Any, Run], Any]
    # the entity's attribute `get` reads, when that is all it does (the builder then reads it directly)
    attr: str | None = None


@dataclass(frozen=True)
class Follow:
    """Related nodes through `hop`, in the hop's order: a list, or the first one (`many=False`).
    `where` (optional) filters by an argument: (argument name, Cypher predicate on `{end}` / `{rel}`
    with `{param}`, a function from the argument's value to the parameter); a null argument filters
    nothing. `roles` binds the child type's roles (for a relationship type) from (start, end, rel)."""

    hop: Hop[Any]
    many: bool
    where: tuple[str, str, Callable[[Any], Any]] | None = None
    roles: Callable[[str, str, str], dict[str, str]] | None = None


@dataclass(frozen=True)
class Bound:
    """A node already bound in the statement under `role` (a membership's unit or committee)."""

    role: str


Field = Get | Follow | Bound


@dataclass(frozen=True)
class TypeSpec:
    """How an object type is read. `base` is the role whose properties are projected (`node` for a
    node type, `rel` for a relationship type); `masked` are properties replaced by MASKED in Cypher
    when `$pii` is false."""

    keys: tuple[str, ...]
    decode: Callable[[Props], Any]
    fields: dict[str, Field]
    base: str = "node"
    masked: frozenset[str] = field(default_factory=frozenset)
    # the keys the decoder requires (reads as p[key]); the others are projected only when their field
    # (of the same name) is selected: the decoder's default for an unselected one is never shown
    required: tuple[str, ...] = ()
    # fields whose value is the required property of the same name, which the decoder keeps as it is (a
    # string, or an enum's value: the field's serializer takes either): an object whose selected fields are
    # all plain (or related objects) is built from its properties without decoding it, and only the
    # selected properties leave Neo4j (tests/unit/test_compiled_planner.py holds them to the decoder)
    plain: frozenset[str] = frozenset()
    # properties of Neo4j's Date type that the decoder reads through mapping.to_date, which takes their ISO
    # text as well: projected as `toString(...)`, so the driver hands over a str, not a neo4j.time.Date
    # built in Python (2026-12-01: 330 µs of the needs list's 50 neededBy; docs/benchmarks.md)
    dates: frozenset[str] = frozenset()
    # properties the decoder reads as `float(...)` (a stored integer too): projected as `toFloatOrNull(...)`,
    # so the driver hands over the float the decoder makes and such a field can be plain (a unit's resources
    # come as lists of values rather than maps: docs/benchmarks.md, 2026-12-01); a value it cannot read (a
    # boolean, text that is not a number) comes as null, which sends a plain object's request to strawberry
    floats: frozenset[str] = frozenset()

    def projected(self, selected: set[str], decoded: bool = True) -> tuple[str, ...]:
        if not decoded:
            return tuple(k for k in self.keys if k in selected)
        return tuple(k for k in self.keys if k in self.required or k in selected)

    def __post_init__(self) -> None:
        for name in self.plain:
            got = self.fields.get(name)
            if not (isinstance(got, Get) and got.attr == name and name in self.required):
                raise ValueError(f"plain field {name!r} must be a required property read as is")
        if not self.dates <= set(self.keys) or self.dates & self.plain:
            raise ValueError("dates must be keys the decoder reads, none of them plain")
        if not self.floats <= set(self.keys) or self.floats & self.dates:
            raise ValueError("floats must be keys the decoder reads, none of them dates")

    def value(self, base: str, key: str) -> str:
        """The Cypher expression of property `key` of `base` as the projection hands it over: masked when
        `$pii` is false, a date as its ISO text, a float as a float (`key` is one of `keys`: a constant)."""
        prop = f"{base}.`{key}`"
        if key in self.masked:
            return f"CASE WHEN $pii THEN {prop} ELSE '***' END"
        if key in self.dates:
            return f"toString({prop})"
        if key in self.floats:
            return f"toFloatOrNull({prop})"
        return prop


def _attr(name: str) -> Get:
    if not name.isidentifier() or keyword.iskeyword(name):  # read as `entity.<name>` in generated code
        raise ValueError(f"not an attribute name: {name!r}")
    return Get(lambda x, _run: getattr(x, name), attr=name)


def _same(*names: str) -> dict[str, Field]:
    return {n: _attr(n) for n in names}


# the keys each decoder of graph/mapping.py reads (tests/unit/test_compiled_catalog.py checks them)
STREET = TypeSpec(
    ("id", "name", "source"),
    mapping.street,
    {
        **_same("id", "name", "source"),
        "communities": Follow(Hops.COMMUNITIES_OF_STREET, True),
        "workingCommittee": Follow(Hops.WORKING_COMMITTEE_OF_STREET, False),
    },
    required=("id", "name"),
    plain=frozenset({"id", "name"}),
)
WORKING_COMMITTEE = TypeSpec(
    ("id", "name"),
    mapping.working_committee,
    {
        **_same("id", "name"),
        "street": Follow(Hops.STREET_OF_WORKING_COMMITTEE, False),
        "members": Follow(Hops.MEMBERS_OF_WORKING_COMMITTEE, True),
    },
    required=("id", "name"),
    plain=frozenset({"id", "name"}),
)
COMMUNITY = TypeSpec(
    mapping.COMMUNITY_KEYS,
    mapping.community,
    {
        **_same("id", "name", "households", "source"),
        "street": Follow(Hops.STREET_OF_COMMUNITY, False),
        "committee": Follow(Hops.COMMITTEE_OF_COMMUNITY, False),
        "contactLeaders": Follow(Hops.CONTACT_LEADERS_OF_COMMUNITY, True),
        "grids": Follow(Hops.GRIDS_OF_COMMUNITY, True),
        "needs": Follow(
            Hops.NEEDS_OF_COMMUNITY, True, ("status", "{end}.status = {param}", lambda s: s.value)
        ),
    },
    required=("id", "name"),
    plain=frozenset({"id", "name"}),
)


def _members_roles(start: str, end: str, rel: str) -> dict[str, str]:
    return {"rel": rel, "unit": end, "committee": start}


def _memberships_roles(start: str, end: str, rel: str) -> dict[str, str]:
    return {"rel": rel, "unit": start, "committee": end}


COMMITTEE = TypeSpec(
    ("id", "name"),
    mapping.committee,
    {
        **_same("id", "name"),
        "community": Follow(Hops.COMMUNITY_OF_COMMITTEE, False),
        "secretary": Follow(Hops.SECRETARY_OF_COMMITTEE, False),
        "firstSecretary": Follow(Hops.FIRST_SECRETARY_OF_COMMITTEE, False),
        "members": Follow(
            Hops.MEMBERS_OF_COMMITTEE,
            True,
            ("seat", "{rel}.seat = {param}", lambda s: s.value),
            _members_roles,
        ),
        "meetings": Follow(Hops.MEETINGS_OF_COMMITTEE, True),
    },
    required=("id", "name"),
    plain=frozenset({"id", "name"}),
)
MEMBERSHIP = TypeSpec(
    ("seat", "since", "until"),  # until: what mapping reads (a current membership has none)
    lambda r: mapping.membership("", "", r),
    {**_same("seat", "since"), "unit": Bound("unit"), "committee": Bound("committee")},
    base="rel",
    required=("seat",),
    plain=frozenset({"seat"}),
    dates=frozenset({"since", "until"}),
)
UNIT = TypeSpec(
    ("id", "name", "kind", "partyMembers", "source", "nonProfit"),
    mapping.unit,
    {
        **_same("id", "name", "kind", "source"),
        "kindLabel": Get(lambda u, _r: model.UNIT_KIND_LABELS[u.kind]),
        "partyMembers": _attr("party_members"),
        "nonProfit": _attr("non_profit"),
        "memberships": Follow(Hops.MEMBERSHIPS_OF_UNIT, True, roles=_memberships_roles),
        "resources": Follow(Hops.RESOURCES_OF_UNIT, True),
        "workingCommittees": Follow(Hops.WORKING_COMMITTEES_OF_UNIT, True),
    },
    required=("id", "name", "kind"),
    plain=frozenset({"id", "name", "kind"}),
)
LEADER = TypeSpec(
    ("id", "name", "title", "retiredOn"),  # retiredOn: what mapping reads
    mapping.leader,
    {
        **_same("id", "title", "name"),
        "contacts": Follow(Hops.CONTACTS_OF_LEADER, True),
        "firstSecretaryOf": Follow(Hops.FIRST_SECRETARY_OF_LEADER, True),
        "unit": Follow(Hops.UNIT_OF_LEADER, False),
    },
    masked=frozenset({"name"}),
    required=("id", "name"),
    plain=frozenset({"id", "name"}),
    dates=frozenset({"retiredOn"}),
)
PERSON = TypeSpec(
    ("id", "name"),
    mapping.person,
    _same("id", "name"),
    masked=frozenset({"name"}),
    required=("id", "name"),
    plain=frozenset({"id", "name"}),
)
GRID = TypeSpec(
    ("id", "name", "households", "gridWorkers", "retiredOn"),
    mapping.grid,
    {
        **_same("id", "name", "households"),
        "gridWorkers": _attr("grid_workers"),
        "compounds": Follow(Hops.COMPOUNDS_OF_GRID, True),
    },
    required=("id", "name"),
    plain=frozenset({"id", "name"}),
    dates=frozenset({"retiredOn"}),
)
COMPOUND = TypeSpec(
    ("id", "name", "kind", "households", "hasPartyBranch", "source", "retiredOn"),
    mapping.compound,
    {**_same("id", "name", "kind", "households", "source"), "hasPartyBranch": _attr("has_party_branch")},
    required=("id", "name", "kind"),
    plain=frozenset({"id", "name", "kind"}),
    dates=frozenset({"retiredOn"}),
)
MEETING = TypeSpec(
    ("id", "heldOn", "topic"),
    mapping.meeting,
    {
        **_same("id", "topic"),
        "heldOn": _attr("held_on"),
        # problemsSolved is counted from the meeting's decisions (strawberry's path answers it)
        "committee": Follow(Hops.COMMITTEE_OF_MEETING, False),
    },
    required=("id", "heldOn"),
    plain=frozenset({"id"}),
    dates=frozenset({"heldOn"}),
)
NEED = TypeSpec(
    mapping.NEED_KEYS,
    mapping.need,
    {
        **_same("id", "title", "description", "domain", "populations", "quantity", "urgency", "status"),
        "supportTypes": _attr("support_types"),
        "quantityUnit": _attr("quantity_unit"),
        "neededBy": _attr("needed_by"),
        "statusLabel": Get(lambda n, _r: model.NEED_STATUS_LABELS[n.status]),
        "community": Follow(Hops.COMMUNITY_OF_NEED, False),
        "overdue": Get(lambda n, run: is_overdue(n.needed_by, n.status, run.today)),
        "history": Follow(Hops.HISTORY_OF_NEED, True),
        "nextSteps": Get(lambda n, _r: advance_steps(n.status)),
    },
    required=("id", "title", "domain", "quantity", "neededBy", "status"),
    plain=frozenset({"id", "title", "domain", "quantity", "status"}),
    dates=mapping.NEED_DATES,
    floats=frozenset({"quantity"}),
)
NEED_STEP = TypeSpec(
    ("at", "from", "to", "by", "note"),
    mapping.need_step,
    {
        "at": _attr("at"),
        "from": _attr("from_status"),
        "to": _attr("to_status"),
        "toLabel": Get(lambda x, _r: model.NEED_STATUS_LABELS[x.to_status]),
        "by": Get(lambda x, run: x.by if run.pii else MASKED),
        "note": _attr("note"),
    },
    masked=frozenset({"by"}),
    required=("at", "to"),
)
RESOURCE = TypeSpec(
    (
        "id",
        "title",
        "description",
        "supportType",
        "domains",
        "populations",
        "capacity",
        "capacityUnit",
        "availableFrom",
        "availableUntil",
        "serviceArea",
        "status",
        "allocated",
    ),
    mapping.resource,
    {
        **_same("id", "title", "description", "domains", "populations", "capacity", "status"),
        "supportType": _attr("support_type"),
        "capacityUnit": _attr("capacity_unit"),
        "availableFrom": _attr("available_from"),
        "availableUntil": _attr("available_until"),
        "serviceArea": _attr("service_area"),
        "unit": Follow(Hops.UNIT_OF_RESOURCE, False),
    },
    required=("id", "title", "supportType", "capacity", "availableFrom", "availableUntil", "serviceArea"),
    plain=frozenset({"id", "title", "capacity"}),
    dates=frozenset({"availableFrom", "availableUntil"}),
    floats=frozenset({"capacity"}),
)

TYPES: dict[str, TypeSpec] = {
    "Street": STREET,
    "StreetWorkingCommittee": WORKING_COMMITTEE,
    "Community": COMMUNITY,
    "CommunityCommittee": COMMITTEE,
    "Membership": MEMBERSHIP,
    "Unit": UNIT,
    "Leader": LEADER,
    "Person": PERSON,
    "Grid": GRID,
    "Compound": COMPOUND,
    "JointMeeting": MEETING,
    "Need": NEED,
    "NeedStep": NEED_STEP,
    "Resource": RESOURCE,
}

# the node types' labels, for the lookups by id and the lists of the root
LABELS: dict[str, model.Label] = {
    "Street": model.Label.Street,
    "Community": model.Label.Community,
    "CommunityCommittee": model.Label.CommunityCommittee,
    "Unit": model.Label.Unit,
    "Leader": model.Label.Leader,
    "Need": model.Label.Need,
    "Resource": model.Label.Resource,
}
