"""What a caller asks a use case to do: typed commands, checked here before anything is read or written.

Each command holds the values as the caller gave them; `checked(...)` returns the same command cleaned
(text trimmed and capped, lists de-duplicated, ids made) or raises BadInput naming the field and the
reason. Pure: the use cases in orggraph.services call these, whatever the entry point (GraphQL, an
importer, the CLI).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from typing import TypeVar
from uuid import uuid4

from orggraph.domain.errors import BadInput
from orggraph.domain.lifecycle import ADVANCE_TARGETS
from orggraph.domain.model import (
    CompoundKind,
    NeedStatus,
    ProblemLevel,
    ProblemSource,
    Seat,
    ServiceArea,
    TaskStatus,
    UnitKind,
    Urgency,
)
from orggraph.domain.taxonomy import Domain, Population, SupportType
from orggraph.domain.text import clean_id, clean_text

E = TypeVar("E", bound=Enum)

MAX_QUANTITY = 1_000_000
MAX_PARTY_MEMBERS = 100_000


def new_id(prefix: str) -> str:
    return f"{prefix}-{uuid4().hex[:12]}"


def _text(value: str | None, field: str, *, max_len: int, min_len: int = 1) -> str | None:
    return clean_text(value, field, max_len=max_len, min_len=min_len) if value is not None else None


def _distinct(values: tuple[E, ...] | None, field: str) -> tuple[E, ...] | None:
    if values is None:
        return None
    if not values:
        raise BadInput(f"{field}: 至少选择一项", field=field)
    return tuple(dict.fromkeys(values))


def _quantity(value: float | None, field: str) -> float | None:
    if value is None:
        return None
    if not 0 < value <= MAX_QUANTITY:
        raise BadInput(f"{field}: 应大于 0 且不超过 {MAX_QUANTITY}", field=field)
    return float(value)


def _party_members(value: int | None) -> int | None:
    if value is not None and not 0 <= value <= MAX_PARTY_MEMBERS:
        raise BadInput(f"partyMembers: 党员人数应在 0 到 {MAX_PARTY_MEMBERS} 之间", field="partyMembers")
    return value


def _client_id(value: str | None) -> str | None:
    return _text(value, "clientId", max_len=80)


def _not_after_today(value: date, today: date, field: str, what: str) -> date:
    if value > today:
        raise BadInput(f"{field}: {what}不能晚于今天", field=field)
    return value


# ------------------------------------------------------------------ the network


@dataclass(frozen=True)
class NewUnit:
    name: str
    kind: UnitKind
    party_members: int = 0
    id: str | None = None  # made when not given

    def checked(self) -> NewUnit:
        return replace(
            self,
            id=clean_id(self.id, "id") if self.id else new_id("unit"),
            name=clean_text(self.name, "name", max_len=120),
            party_members=_party_members(self.party_members) or 0,
        )


@dataclass(frozen=True)
class UnitChanges:
    id: str
    name: str | None = None
    kind: UnitKind | None = None
    party_members: int | None = None

    def checked(self) -> UnitChanges:
        return replace(
            self, name=_text(self.name, "name", max_len=120), party_members=_party_members(self.party_members)
        )


@dataclass(frozen=True)
class NewMember:
    committee_id: str
    unit_id: str
    seat: Seat
    since: date | None = None  # today when not given

    def checked(self, today: date) -> NewMember:
        return replace(self, since=_not_after_today(self.since or today, today, "since", "加入日期"))


@dataclass(frozen=True)
class MemberRemoval:
    committee_id: str
    unit_id: str
    until: date | None = None  # the day the membership ended; today when not given

    def checked(self, today: date) -> MemberRemoval:
        return replace(self, until=_not_after_today(self.until or today, today, "until", "退出日期"))


@dataclass(frozen=True)
class ContactLeader:
    community_id: str
    leader_id: str
    since: date | None = None  # today when not given

    def checked(self, today: date) -> ContactLeader:
        return replace(self, since=self.since or today)


# ------------------------------------------------------------------ keeping the network current (#13)

MAX_HOUSEHOLDS = 100_000
MAX_GRID_WORKERS = 1000
MAX_COMPOUND_GRIDS = 20


def _count(value: int | None, field: str, top: int, what: str) -> int | None:
    if value is not None and not 0 <= value <= top:
        raise BadInput(f"{field}: {what}应在 0 到 {top} 之间", field=field)
    return value


def _opt_id(value: str | None, field: str) -> str | None:
    return clean_id(value, field) if value else None


@dataclass(frozen=True)
class NewLeader:
    name: str
    title: str
    unit_id: str | None = None  # the unit the leader works at
    id: str | None = None  # made when not given; a retry with the same id and content is idempotent

    def checked(self) -> NewLeader:
        return replace(
            self,
            id=clean_id(self.id, "id") if self.id else new_id("leader"),
            name=clean_text(self.name, "name", max_len=40),
            title=clean_text(self.title, "title", max_len=80),
            unit_id=_opt_id(self.unit_id, "unitId"),
        )


@dataclass(frozen=True)
class LeaderChanges:
    id: str
    name: str | None = None
    title: str | None = None
    unit_id: str | None = None

    def checked(self) -> LeaderChanges:
        return replace(
            self,
            name=_text(self.name, "name", max_len=40),
            title=_text(self.title, "title", max_len=80),
            unit_id=_opt_id(self.unit_id, "unitId"),
        )


@dataclass(frozen=True)
class Retirement:
    """Retire a leader, a grid or a compound on a day (today when not given)."""

    id: str
    on: date | None = None

    def checked(self, today: date) -> Retirement:
        return replace(self, on=_not_after_today(self.on or today, today, "on", "卸任或撤销日期"))


@dataclass(frozen=True)
class NewPerson:
    name: str
    id: str | None = None  # made when not given

    def checked(self) -> NewPerson:
        return replace(
            self,
            id=clean_id(self.id, "id") if self.id else new_id("person"),
            name=clean_text(self.name, "name", max_len=40),
        )


@dataclass(frozen=True)
class PersonChanges:
    id: str
    name: str

    def checked(self) -> PersonChanges:
        return replace(self, name=clean_text(self.name, "name", max_len=40))


@dataclass(frozen=True)
class SecretaryChange:
    committee_id: str
    person_id: str
    since: date | None = None  # today when not given

    def checked(self, today: date) -> SecretaryChange:
        return replace(self, since=_not_after_today(self.since or today, today, "since", "任职日期"))


@dataclass(frozen=True)
class NewGrid:
    community_id: str
    name: str
    households: int
    grid_workers: int
    leader_id: str | None = None  # the grid leader, a Person
    id: str | None = None  # made when not given

    def checked(self) -> NewGrid:
        return replace(
            self,
            id=clean_id(self.id, "id") if self.id else new_id("grid"),
            name=clean_text(self.name, "name", max_len=60),
            households=_count(self.households, "households", MAX_HOUSEHOLDS, "户数") or 0,
            grid_workers=_count(self.grid_workers, "gridWorkers", MAX_GRID_WORKERS, "网格员人数") or 0,
            leader_id=_opt_id(self.leader_id, "leaderId"),
        )


@dataclass(frozen=True)
class GridChanges:
    id: str
    name: str | None = None
    households: int | None = None
    grid_workers: int | None = None
    leader_id: str | None = None

    def checked(self) -> GridChanges:
        return replace(
            self,
            name=_text(self.name, "name", max_len=60),
            households=_count(self.households, "households", MAX_HOUSEHOLDS, "户数"),
            grid_workers=_count(self.grid_workers, "gridWorkers", MAX_GRID_WORKERS, "网格员人数"),
            leader_id=_opt_id(self.leader_id, "leaderId"),
        )


def _grid_ids(values: tuple[str, ...] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    ids = tuple(dict.fromkeys(clean_id(v, "gridIds") for v in values))
    if not ids:
        raise BadInput("gridIds: 至少选择一个网格", field="gridIds")
    if len(ids) > MAX_COMPOUND_GRIDS:
        raise BadInput(f"gridIds: 最多 {MAX_COMPOUND_GRIDS} 个网格", field="gridIds")
    return ids


@dataclass(frozen=True)
class NewCompound:
    name: str
    kind: CompoundKind
    households: int
    grid_ids: tuple[str, ...]
    has_party_branch: bool = False
    id: str | None = None  # made when not given

    def checked(self) -> NewCompound:
        return replace(
            self,
            id=clean_id(self.id, "id") if self.id else new_id("compound"),
            name=clean_text(self.name, "name", max_len=60),
            households=_count(self.households, "households", MAX_HOUSEHOLDS, "户数") or 0,
            grid_ids=_grid_ids(self.grid_ids) or (),
        )


@dataclass(frozen=True)
class CompoundChanges:
    id: str
    name: str | None = None
    kind: CompoundKind | None = None
    households: int | None = None
    has_party_branch: bool | None = None
    grid_ids: tuple[str, ...] | None = None

    def checked(self) -> CompoundChanges:
        return replace(
            self,
            name=_text(self.name, "name", max_len=60),
            households=_count(self.households, "households", MAX_HOUSEHOLDS, "户数"),
            grid_ids=_grid_ids(self.grid_ids),
        )


# ------------------------------------------------------------------ the two libraries


@dataclass(frozen=True)
class NewNeed:
    community_id: str
    title: str
    support_types: tuple[SupportType, ...]
    domain: Domain
    populations: tuple[Population, ...]
    quantity: float
    quantity_unit: str
    needed_by: date
    description: str = ""
    urgency: Urgency = Urgency.NORMAL
    source: str | None = None  # 居民反映、网格员上报、联席会议 ...
    client_id: str | None = None  # a retry with the same key returns the need the first attempt made

    def checked(self, today: date) -> NewNeed:
        title = clean_text(self.title, "title", max_len=120)
        description = clean_text(self.description, "description", max_len=2000, min_len=0)
        support_types = _distinct(self.support_types, "supportTypes") or ()
        populations = _distinct(self.populations, "populations") or ()
        quantity = _quantity(self.quantity, "quantity") or 0.0
        quantity_unit = clean_text(self.quantity_unit, "quantityUnit", max_len=20)
        if self.needed_by < today:
            raise BadInput("neededBy: 需完成日期不能早于今天", field="neededBy")
        return replace(
            self,
            title=title,
            description=description,
            support_types=support_types,
            populations=populations,
            quantity=quantity,
            quantity_unit=quantity_unit,
            source=_text(self.source, "source", max_len=40),
            client_id=_client_id(self.client_id),
        )


@dataclass(frozen=True)
class NeedChanges:
    """A need's new content; None: unchanged."""

    id: str
    title: str | None = None
    description: str | None = None
    support_types: tuple[SupportType, ...] | None = None
    domain: Domain | None = None
    populations: tuple[Population, ...] | None = None
    quantity: float | None = None
    quantity_unit: str | None = None
    needed_by: date | None = None
    urgency: Urgency | None = None
    source: str | None = None  # "" clears it

    def checked(self) -> NeedChanges:
        return replace(
            self,
            title=_text(self.title, "title", max_len=120),
            source=_text(self.source, "source", max_len=40, min_len=0),
            description=_text(self.description, "description", max_len=2000, min_len=0),
            support_types=_distinct(self.support_types, "supportTypes"),
            populations=_distinct(self.populations, "populations"),
            quantity=_quantity(self.quantity, "quantity"),
            quantity_unit=_text(self.quantity_unit, "quantityUnit", max_len=20),
        )


@dataclass(frozen=True)
class NeedAdvance:
    id: str
    to: NeedStatus
    note: str = ""

    def checked(self) -> NeedAdvance:
        if self.to not in ADVANCE_TARGETS:
            raise BadInput(
                "to: 认领、落实、完成和评价分别通过 claimNeed、acceptMatch、updateTask、completeTask 记录",
                field="to",
            )
        return replace(self, note=clean_text(self.note, "note", max_len=500, min_len=0))


@dataclass(frozen=True)
class Claim:
    need_id: str
    unit_id: str


def _window(start: date | None, end: date | None) -> None:
    if start is not None and end is not None and end < start:
        raise BadInput("availableUntil: 不能早于 availableFrom", field="availableUntil")


@dataclass(frozen=True)
class NewResource:
    unit_id: str
    title: str
    support_type: SupportType
    domains: tuple[Domain, ...]
    populations: tuple[Population, ...]
    capacity: float
    capacity_unit: str
    available_from: date
    available_until: date
    service_area: ServiceArea
    description: str = ""
    client_id: str | None = None

    def checked(self) -> NewResource:
        title = clean_text(self.title, "title", max_len=120)
        description = clean_text(self.description, "description", max_len=2000, min_len=0)
        domains = _distinct(self.domains, "domains") or ()
        populations = _distinct(self.populations, "populations") or ()
        capacity = _quantity(self.capacity, "capacity") or 0.0
        capacity_unit = clean_text(self.capacity_unit, "capacityUnit", max_len=20)
        _window(self.available_from, self.available_until)
        return replace(
            self,
            title=title,
            description=description,
            domains=domains,
            populations=populations,
            capacity=capacity,
            capacity_unit=capacity_unit,
            client_id=_client_id(self.client_id),
        )


@dataclass(frozen=True)
class ResourceChanges:
    """A resource's new content; None: unchanged. Its support type does not change."""

    id: str
    title: str | None = None
    description: str | None = None
    domains: tuple[Domain, ...] | None = None
    populations: tuple[Population, ...] | None = None
    capacity: float | None = None
    capacity_unit: str | None = None
    available_from: date | None = None
    available_until: date | None = None
    service_area: ServiceArea | None = None

    def checked(self) -> ResourceChanges:
        changes = replace(
            self,
            title=_text(self.title, "title", max_len=120),
            description=_text(self.description, "description", max_len=2000, min_len=0),
            domains=_distinct(self.domains, "domains"),
            populations=_distinct(self.populations, "populations"),
            capacity=_quantity(self.capacity, "capacity"),
            capacity_unit=_text(self.capacity_unit, "capacityUnit", max_len=20),
        )
        _window(self.available_from, self.available_until)
        return changes


# ------------------------------------------------------------------ the four lists


@dataclass(frozen=True)
class AcceptMatch:
    need_id: str
    resource_id: str
    standard: str
    deadline: date
    responsible_unit_id: str | None = None  # the resource's unit when not given
    override_reason: str | None = None  # required when the resource is not the top recommendation
    client_id: str | None = None

    def checked(self, today: date) -> AcceptMatch:
        standard = clean_text(self.standard, "standard", max_len=500)
        reason = _text(self.override_reason, "overrideReason", max_len=500) if self.override_reason else None
        if self.deadline < today:
            raise BadInput("deadline: 完成时限不能早于今天", field="deadline")
        return replace(
            self,
            standard=standard,
            override_reason=reason,
            client_id=_client_id(self.client_id) if self.client_id else None,
        )


@dataclass(frozen=True)
class TaskProgress:
    id: str
    status: TaskStatus
    note: str = ""

    def checked(self) -> TaskProgress:
        return replace(self, note=clean_text(self.note, "note", max_len=500, min_len=0))


@dataclass(frozen=True)
class TaskCompletion:
    id: str
    rating: int
    comment: str = ""

    def checked(self) -> TaskCompletion:
        if not 1 <= self.rating <= 5:
            raise BadInput("rating: 评价为 1 到 5 分", field="rating")
        return replace(self, comment=clean_text(self.comment, "comment", max_len=500, min_len=0))


# ------------------------------------------------------------------ governance: problems, meetings, key tasks


@dataclass(frozen=True)
class NewProblem:
    """A problem raised in a community or a street (exactly one of the two)."""

    title: str
    source: ProblemSource
    community_id: str | None = None
    street_id: str | None = None
    description: str = ""
    grid_id: str | None = None  # required when a grid reported it
    raised_on: date | None = None  # today when not given
    id: str | None = None  # made when not given; a retry with the same id returns the first problem

    def checked(self, today: date) -> NewProblem:
        if (self.community_id is None) == (self.street_id is None):
            raise BadInput("communityId: 社区编号与街道编号须填且只填一个", field="communityId")
        if self.source is ProblemSource.GRID and not self.grid_id:
            raise BadInput("gridId: 网格上报的问题须填写网格编号", field="gridId")
        if self.grid_id and self.community_id is None:
            raise BadInput("gridId: 网格属于社区,填写网格时须填社区编号", field="gridId")
        return replace(
            self,
            id=clean_id(self.id, "id") if self.id else new_id("problem"),
            title=clean_text(self.title, "title", max_len=120),
            description=clean_text(self.description, "description", max_len=2000, min_len=0),
            raised_on=_not_after_today(self.raised_on or today, today, "raisedOn", "提出日期"),
        )


@dataclass(frozen=True)
class ProblemEscalation:
    problem_id: str
    to: ProblemLevel
    reason: str

    def checked(self) -> ProblemEscalation:
        return replace(self, reason=clean_text(self.reason, "reason", max_len=500))


@dataclass(frozen=True)
class Decision:
    """What a meeting decided on one agenda item: a task for a unit, with or without a resource."""

    title: str
    responsible_unit_id: str
    standard: str
    deadline: date
    problem_id: str | None = None
    need_id: str | None = None
    resource_id: str | None = None
    quantity: float | None = None  # what the task takes from the resource; the need's quantity if None
    leader_id: str | None = None  # the contact leader who leads it (a key task)

    def checked(self, held_on: date, field: str) -> Decision:
        if (self.problem_id is None) == (self.need_id is None):
            raise BadInput(f"{field}.problemId: 问题编号与需求编号须填且只填一个", field=f"{field}.problemId")
        if self.deadline < held_on:
            raise BadInput(f"{field}.deadline: 完成时限不能早于会议日期", field=f"{field}.deadline")
        if self.quantity is not None and self.resource_id is None:
            raise BadInput(f"{field}.quantity: 只有使用资源时才填写数量", field=f"{field}.quantity")
        if self.problem_id and self.resource_id and self.quantity is None:
            raise BadInput(f"{field}.quantity: 问题使用资源时须填写数量", field=f"{field}.quantity")
        return replace(
            self,
            title=clean_text(self.title, f"{field}.title", max_len=120),
            standard=clean_text(self.standard, f"{field}.standard", max_len=500),
            quantity=_quantity(self.quantity, f"{field}.quantity"),
        )


MAX_AGENDA = 50


@dataclass(frozen=True)
class NewMeeting:
    """A joint meeting of a community big party committee or a street big working committee, with who
    attended, what was tabled and what was decided: one record, one transaction."""

    committee_id: str
    held_on: date
    topic: str
    attendee_ids: tuple[str, ...] = ()
    problem_ids: tuple[str, ...] = ()  # tabled problems
    need_ids: tuple[str, ...] = ()  # tabled needs
    decisions: tuple[Decision, ...] = ()
    id: str | None = None  # made when not given

    def checked(self, today: date) -> NewMeeting:
        meeting_id = clean_id(self.id, "id") if self.id else new_id("meeting")
        topic = clean_text(self.topic, "topic", max_len=200)
        _not_after_today(self.held_on, today, "heldOn", "会议日期")
        for name, ids in (("attendeeIds", self.attendee_ids), ("problemIds", self.problem_ids),
                          ("needIds", self.need_ids), ("decisions", self.decisions)):  # fmt: skip
            if len(ids) > MAX_AGENDA:
                raise BadInput(f"{name}: 最多 {MAX_AGENDA} 项", field=name)
        decisions = tuple(d.checked(self.held_on, f"decisions[{i}]") for i, d in enumerate(self.decisions))
        # a decided item is on the agenda, whether or not the caller listed it there
        problems = tuple(
            dict.fromkeys([*self.problem_ids, *(d.problem_id for d in decisions if d.problem_id)])
        )
        needs = tuple(dict.fromkeys([*self.need_ids, *(d.need_id for d in decisions if d.need_id)]))
        return replace(
            self,
            id=meeting_id,
            topic=topic,
            attendee_ids=tuple(dict.fromkeys(self.attendee_ids)),
            problem_ids=problems,
            need_ids=needs,
            decisions=decisions,
        )


@dataclass(frozen=True)
class KeyTask:
    """A contact leader takes the lead of a task in the community they contact (重点任务)."""

    task_id: str
    leader_id: str
