"""Read models of the network: frozen dataclasses, mapped from graph records in orggraph.graph.mapping."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar

from orggraph.domain.model import (
    CityKind,
    CompoundKind,
    NeedStatus,
    ProblemLevel,
    ProblemSource,
    ProblemStatus,
    ResourceStatus,
    Seat,
    ServiceArea,
    TaskStatus,
    UnitKind,
    Urgency,
)
from orggraph.domain.taxonomy import Domain, Population, SupportType


@dataclass(frozen=True)
class City:
    """The city's profile, as the article states it (stored on the City node by the seed)."""

    id: str
    name: str
    source: str
    area_km2: float | None
    population: int | None
    urban_population: int | None
    urbanization_rate: float | None
    towns: int | None
    streets_count: int | None
    high_tech_zones: int | None
    villages_and_communities: int | None
    urban_communities: int | None
    province_id: str | None = None
    prefecture: str | None = None  # 地级市
    kind: CityKind | None = None


@dataclass(frozen=True)
class Province:
    id: str
    name: str
    source: str


@dataclass(frozen=True)
class Street:
    id: str
    name: str
    source: str


@dataclass(frozen=True)
class StreetWorkingCommittee:
    id: str
    name: str


@dataclass(frozen=True)
class Community:
    id: str
    name: str
    source: str
    households: int


@dataclass(frozen=True)
class CommunityCommittee:
    id: str
    name: str


@dataclass(frozen=True)
class Person:
    id: str
    name: str


@dataclass(frozen=True)
class Leader:
    id: str
    name: str
    title: str
    retired_on: date | None = None  # a retired leader keeps its history and contacts no community


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    kind: UnitKind
    party_members: int
    source: str
    non_profit: bool = False  # a street's non-profit property company (街道非营利物业公司)


@dataclass(frozen=True)
class Membership:
    """A unit's seat on a community big party committee."""

    unit_id: str
    committee_id: str
    seat: Seat
    since: date | None
    until: date | None = None  # an ended membership (history): the day it ended


@dataclass(frozen=True)
class Grid:
    id: str
    name: str
    households: int
    grid_workers: int
    retired_on: date | None = None


@dataclass(frozen=True)
class Compound:
    id: str
    name: str
    kind: CompoundKind
    households: int
    has_party_branch: bool
    source: str
    retired_on: date | None = None


@dataclass(frozen=True)
class NeedStep:
    """One step of a need's life as recorded: when, from which status to which, by whom, and why."""

    at: datetime
    from_status: NeedStatus | None  # None: the need was registered
    to_status: NeedStatus
    by: str
    note: str


@dataclass(frozen=True)
class Need:
    id: str
    title: str
    description: str
    support_types: tuple[SupportType, ...]
    domain: Domain
    populations: tuple[Population, ...]
    quantity: float
    quantity_unit: str
    needed_by: date
    urgency: Urgency
    status: NeedStatus
    origin: str | None = None  # where the need came from: 居民反映、网格员上报、联席会议 ...


@dataclass(frozen=True)
class Resource:
    id: str
    title: str
    description: str
    support_type: SupportType
    domains: tuple[Domain, ...]
    populations: tuple[Population, ...]
    capacity: float
    capacity_unit: str
    available_from: date
    available_until: date
    service_area: ServiceArea
    status: ResourceStatus
    allocated: float = 0.0  # taken by open and done tasks


@dataclass(frozen=True)
class Task:
    """One row of the four lists: what (title), who (unit), to what standard, by when (deadline)."""

    id: str
    title: str
    standard: str
    deadline: date
    status: TaskStatus
    quantity: float
    rating: int | None
    comment: str | None
    override_reason: str | None
    recommended_rank: int | None
    need_id: str | None  # None: a task a meeting decided on a problem
    resource_id: str | None  # None: work assigned to a unit without a published resource
    unit_id: str
    community_id: str | None  # None: a task on a street's problem
    problem_id: str | None = None
    street_id: str | None = None


@dataclass(frozen=True)
class AuditEntry:
    """One record of the audit trail: who did what to which target, when."""

    id: str
    at: datetime
    actor: str
    role: str | None
    action: str
    target: str | None
    detail: str
    request_id: str | None = None


@dataclass(frozen=True)
class JointMeeting:
    """A joint meeting of a community big party committee or of a street big working committee; what it
    tabled, who attended and what it decided are read through its relationships."""

    id: str
    held_on: date
    topic: str


@dataclass(frozen=True)
class Escalation:
    """One step of a problem up the levels (社区 → 街道 → 市委书记"1+N"工作清单)."""

    from_level: ProblemLevel
    to_level: ProblemLevel
    at: datetime
    by: str
    reason: str


@dataclass(frozen=True)
class Problem:
    """A problem (问题) raised in a community or a street, solved through the tasks meetings decide on it.
    Its status is derived from those tasks."""

    id: str
    title: str
    description: str
    source: ProblemSource
    level: ProblemLevel
    raised_on: date
    street_id: str
    community_id: str | None  # None: a street's own problem
    grid_id: str | None
    status: ProblemStatus
    solved_on: date | None
    escalations: tuple[Escalation, ...] = ()


@dataclass(frozen=True)
class MeetingGap:
    """A committee that held no joint meeting in some quarters of a period."""

    committee_id: str
    committee_label: str  # CommunityCommittee or StreetWorkingCommittee
    name: str
    meetings: int
    missed: tuple[str, ...]  # quarters as 2021Q3


@dataclass(frozen=True)
class NetworkNode:
    id: str
    label: str
    name: str
    kind: str | None


@dataclass(frozen=True)
class NetworkEdge:
    source: str
    target: str
    type: str


@dataclass(frozen=True)
class Network:
    nodes: tuple[NetworkNode, ...]
    edges: tuple[NetworkEdge, ...]
    truncated: bool


@dataclass(frozen=True)
class Count:
    key: str
    count: int


@dataclass(frozen=True)
class CityStats:
    streets: int
    communities: int
    grids: int
    grid_workers: int
    compounds: int
    compound_party_organizations: int
    community_committees: int
    street_working_committees: int
    member_units: int
    members_by_seat: tuple[Count, ...]
    units_by_kind: tuple[Count, ...]
    contact_points: int
    needs_by_status: tuple[Count, ...]
    resources: int
    joint_meetings: int
    problems_solved: int


T = TypeVar("T")


@dataclass(frozen=True)
class TaskStats:
    """The four lists in figures: tasks by status, open ones overdue or due within a week, tasks
    created (matches accepted) per month."""

    by_status: tuple[Count, ...]
    overdue: int
    due_soon: int
    accepted_by_month: tuple[Count, ...]


@dataclass(frozen=True)
class Page(Generic[T]):
    """A page of a keyset-paginated list: items with their cursors (in the list's order), whether items
    of the list lie after its last item and before its first, and how many the list holds (None when it
    was not counted: the caller did not ask for the total)."""

    items: tuple[tuple[str, T], ...]
    has_next: bool
    has_previous: bool
    total: int | None


# ---------------------------------------------------------------- the network over time (#13)


@dataclass(frozen=True)
class PersonTerm:
    """A person's term as secretary of a committee: `until` None while it lasts."""

    person: Person
    since: date | None
    until: date | None


@dataclass(frozen=True)
class LeaderTerm:
    """A leader's term as first secretary of a committee, or as contact leader of a community."""

    leader: Leader
    since: date | None
    until: date | None


@dataclass(frozen=True)
class CommitteeHistory:
    """Everyone who held a place on a committee, past and present, each ordered by `since`."""

    committee_id: str
    members: tuple[tuple[Unit, Membership], ...]
    secretaries: tuple[PersonTerm, ...]
    first_secretaries: tuple[LeaderTerm, ...]
    contacts: tuple[LeaderTerm, ...]  # the contact leaders of the committee's community


@dataclass(frozen=True)
class Concept:
    """A concept of community service (seeds/concepts.yaml): what needs and resources are about."""

    id: str
    name: str
    synonyms: tuple[str, ...]
    domains: tuple[Domain, ...]
    support_types: tuple[SupportType, ...]


@dataclass(frozen=True)
class ConceptTag:
    """A need's or a resource's concept, found in its text ('auto') or tagged by a person ('manual')."""

    concept: Concept
    source: str
