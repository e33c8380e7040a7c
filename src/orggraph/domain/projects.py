"""The street working committee (街道大工委) as people, and their party-building projects (党建项目).

Part-time members are people holding a post in a city unit (市直单位分管负责同志): a person sits on a
committee in the name of the unit where they hold the post. A member who leaves is not deleted: the
seat ends (`until`) and stays as history, so the years each person served can be read back. Each member
is to lead one or two party-building projects a year; a member who served in a year and led none is a
gap of that year.

Pure: the entities, commands and rules; orggraph.graph reads and writes, orggraph.services decides.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from orggraph.domain import entities as e
from orggraph.domain.commands import new_id
from orggraph.domain.errors import BadInput, Conflict, NotFound, not_found
from orggraph.domain.model import (
    UNIT_KIND_LABELS,
    WORKING_COMMITTEE_UNIT_KINDS,
    ProjectStatus,
)
from orggraph.domain.text import clean_id, clean_text

FIRST_YEAR = 2000  # no project or evaluation is recorded before this year
PROJECTS_PER_YEAR = (1, 2)  # each member leads one or two projects a year
MAX_COMMUNITIES = 50


# ------------------------------------------------------------------ entities


@dataclass(frozen=True)
class CommitteeSeat:
    """A person's seat on a street working committee, in the name of the unit where they hold a post;
    `until` is None while they sit on it."""

    person_id: str
    committee_id: str
    unit_id: str
    post: str
    since: date
    until: date | None = None

    @property
    def current(self) -> bool:
        return self.until is None

    def served_in(self, year: int) -> bool:
        return self.since.year <= year and (self.until is None or self.until.year >= year)

    def years(self, today: date) -> tuple[int, ...]:
        """The calendar years in which the person sat on the committee, up to today."""
        last = (self.until or today).year
        return tuple(range(self.since.year, last + 1))


@dataclass(frozen=True)
class Project:
    id: str
    year: int
    title: str
    description: str
    status: ProjectStatus


@dataclass(frozen=True)
class ProjectNote:
    """A dated progress note on a project; `by` is who wrote it (the caller's subject)."""

    id: str
    at: date
    text: str
    by: str


# ------------------------------------------------------------------ commands


def _year(value: int, today: date, field: str) -> int:
    if not FIRST_YEAR <= value <= today.year + 1:
        raise BadInput(f"{field}: 年度应在 {FIRST_YEAR} 到 {today.year + 1} 之间", field=field)
    return value


def _not_after(value: date, today: date, field: str, what: str) -> date:
    if value > today:
        raise BadInput(f"{field}: {what}不能晚于今天", field=field)
    return value


def _ids(values: tuple[str, ...], field: str) -> tuple[str, ...]:
    if not values:
        raise BadInput(f"{field}: 至少选择一个社区", field=field)
    if len(values) > MAX_COMMUNITIES:
        raise BadInput(f"{field}: 最多 {MAX_COMMUNITIES} 个社区", field=field)
    return tuple(dict.fromkeys(clean_id(v, field) for v in values))


@dataclass(frozen=True)
class NewCommitteeMember:
    """addWorkingCommitteeMember: the person (created with `person_name` when new) joins the committee in
    the name of the unit where they hold `post`."""

    committee_id: str
    person_id: str
    unit_id: str
    post: str
    person_name: str | None = None
    since: date | None = None  # today when not given

    def checked(self, today: date) -> NewCommitteeMember:
        return replace(
            self,
            committee_id=clean_id(self.committee_id, "committeeId"),
            person_id=clean_id(self.person_id, "personId"),
            unit_id=clean_id(self.unit_id, "unitId"),
            post=clean_text(self.post, "post", max_len=60),
            person_name=clean_text(self.person_name, "personName", max_len=40) if self.person_name else None,
            since=_not_after(self.since or today, today, "since", "任职日期"),
        )


@dataclass(frozen=True)
class CommitteeMemberRemoval:
    committee_id: str
    person_id: str
    until: date | None = None  # today when not given

    def checked(self, today: date) -> CommitteeMemberRemoval:
        return replace(self, until=_not_after(self.until or today, today, "until", "离任日期"))


@dataclass(frozen=True)
class NewProject:
    committee_id: str
    leader_id: str
    year: int
    title: str
    community_ids: tuple[str, ...]
    description: str = ""
    status: ProjectStatus = ProjectStatus.PLANNED
    id: str | None = None  # made when not given

    def checked(self, today: date) -> NewProject:
        return replace(
            self,
            id=clean_id(self.id, "id") if self.id else new_id("project"),
            committee_id=clean_id(self.committee_id, "committeeId"),
            leader_id=clean_id(self.leader_id, "leaderId"),
            year=_year(self.year, today, "year"),
            title=clean_text(self.title, "title", max_len=120),
            description=clean_text(self.description, "description", max_len=2000, min_len=0),
            community_ids=_ids(self.community_ids, "communityIds"),
        )


@dataclass(frozen=True)
class ProjectChanges:
    id: str
    title: str | None = None
    description: str | None = None
    status: ProjectStatus | None = None
    community_ids: tuple[str, ...] | None = None

    def checked(self) -> ProjectChanges:
        return replace(
            self,
            title=clean_text(self.title, "title", max_len=120) if self.title is not None else None,
            description=clean_text(self.description, "description", max_len=2000, min_len=0)
            if self.description is not None
            else None,
            community_ids=_ids(self.community_ids, "communityIds")
            if self.community_ids is not None
            else None,
        )


@dataclass(frozen=True)
class NewProjectNote:
    project_id: str
    text: str
    at: date | None = None  # today when not given
    id: str | None = None  # made when not given

    def checked(self, today: date) -> NewProjectNote:
        return replace(
            self,
            id=clean_id(self.id, "id") if self.id else new_id("note"),
            text=clean_text(self.text, "text", max_len=1000),
            at=_not_after(self.at or today, today, "at", "记录日期"),
        )


# ------------------------------------------------------------------ rules


@dataclass(frozen=True)
class MemberState:
    """What addWorkingCommitteeMember judges: the committee, the person, the unit and the person's
    current seat on this committee."""

    committee_name: str | None  # None: no such committee
    person: e.Person | None  # None: a new person
    unit: e.Unit | None  # None: no such unit
    seat: CommitteeSeat | None  # the person's current seat on this committee


def check_new_member(state: MemberState, cmd: NewCommitteeMember) -> CommitteeSeat | None:
    """The seat the person already holds when this is a retry (same unit and post), else None: the
    person joins. A new person needs a name; the unit must be in the city's public sector."""
    if state.committee_name is None:
        raise not_found("街道大工委", cmd.committee_id, "committeeId")
    if state.unit is None:
        raise not_found("单位", cmd.unit_id, "unitId")
    if state.unit.kind not in WORKING_COMMITTEE_UNIT_KINDS:
        raise BadInput(
            f"unitId: {state.unit.name}是{UNIT_KIND_LABELS[state.unit.kind]};"
            "街道大工委兼职委员须在机关、事业单位或国有企业(市直单位)任职",
            field="unitId",
        )
    if state.person is None and not cmd.person_name:
        raise BadInput("personName: 新增人员须填写姓名", field="personName")
    if state.seat is not None:
        if state.seat.unit_id == cmd.unit_id and state.seat.post == cmd.post:
            return state.seat  # a retry: idempotent
        raise Conflict(
            f"personId: 此人已是{state.committee_name}兼职委员(另一职务);请先移出再以新职务加入",
            field="personId",
        )
    return None


def check_removal(
    committee_name: str | None,
    seat: CommitteeSeat | None,
    former: CommitteeSeat | None,
    cmd: CommitteeMemberRemoval,
) -> CommitteeSeat | None:
    """The seat already ended on `until` when this is a retry (nothing to write), else None: the current
    seat ends. A person who does not sit on the committee now cannot leave it."""
    if committee_name is None:
        raise not_found("街道大工委", cmd.committee_id, "committeeId")
    if seat is None:
        if former is not None and former.until == cmd.until:
            return former  # a retry of the same removal: idempotent
        raise NotFound(f"personId: 此人不是{committee_name}的现任兼职委员", field="personId")
    if cmd.until is not None and cmd.until < seat.since:
        raise BadInput(f"until: 离任日期不能早于任职日期 {seat.since.isoformat()}", field="until")
    return None


@dataclass(frozen=True)
class ProjectState:
    """What createProject judges: the committee, the leader's current seat on it, the communities of
    the committee's street among those asked for, and a project already holding the id."""

    committee_name: str | None
    leader_seat: CommitteeSeat | None
    street_community_ids: frozenset[str]
    existing: Project | None
    existing_leader_id: str | None = None
    existing_committee_id: str | None = None


def check_new_project(state: ProjectState, cmd: NewProject) -> Project | None:
    """The existing project when this is a retry of the same creation, else None."""
    if state.committee_name is None:
        raise not_found("街道大工委", cmd.committee_id, "committeeId")
    if state.existing is not None:
        x = state.existing
        same = (state.existing_committee_id, state.existing_leader_id, x.year, x.title)
        if same == (cmd.committee_id, cmd.leader_id, cmd.year, cmd.title):
            return x  # a retry of the same creation: idempotent
        raise Conflict(f"id: 编号为 {x.id} 的党建项目已存在(内容不同)", field="id")
    if state.leader_seat is None:
        raise BadInput(f"leaderId: 牵头人须是{state.committee_name}的现任兼职委员", field="leaderId")
    check_communities(state.street_community_ids, cmd.community_ids)
    return None


def check_communities(in_street: frozenset[str], asked: tuple[str, ...]) -> None:
    outside = [c for c in asked if c not in in_street]
    if outside:
        raise BadInput(f"communityIds: {', '.join(outside)} 不是本街道的社区", field="communityIds")


@dataclass(frozen=True)
class MemberProjects:
    """A seat with the projects its person leads (any year)."""

    seat: CommitteeSeat
    project_years: tuple[int, ...]


def gaps(members: list[MemberProjects], year: int) -> list[CommitteeSeat]:
    """The members who sat on the committee in `year` and led no project that year (each is to lead one
    or two a year), one per person, in the given order."""
    seen: set[str] = set()
    found = []
    for m in members:
        if m.seat.person_id in seen or not m.seat.served_in(year):
            continue
        seen.add(m.seat.person_id)
        if year not in m.project_years:
            found.append(m.seat)
    return found
