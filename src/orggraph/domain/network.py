"""The rules that keep the network's shape (1+1+X+N), which Community Edition cannot enforce itself.

Pure: the use cases read the state inside their write transaction (the dataclasses here, returned by
orggraph.graph), ask these functions, and write only when they pass. One secretary and one first
secretary per committee; the first secretary is the community's contact leader; one community per
contact leader; at least one X and one N member; a seat X/N matches the unit's kind; street working
committee members come from the city's public sector (agencies, institutions, state enterprises).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from orggraph.domain import entities as e
from orggraph.domain.errors import BadInput, Conflict, NotFound, not_found
from orggraph.domain.model import (
    SEAT_LABELS,
    UNIT_KIND_LABELS,
    WORKING_COMMITTEE_UNIT_KINDS,
    Seat,
    UnitKind,
    seat_for,
)


@dataclass(frozen=True)
class UnitSeats:
    """A unit with the seats it holds on community committees and whether it sits on a street one."""

    unit: e.Unit
    seats: tuple[tuple[Seat, str], ...]  # (seat, committee name)
    part_time: bool  # a part-time member of a street working committee


@dataclass(frozen=True)
class CommitteeMembers:
    committee: e.CommunityCommittee
    members: tuple[tuple[str, Seat], ...]  # (unit id, seat)


@dataclass(frozen=True)
class ContactState:
    """What a change of contact leader touches: the community, its committee, the leader, the
    community's present contact leader and the community the leader contacts now."""

    community_id: str | None  # None: no such community
    committee_id: str | None
    leader_id: str | None  # None: no such leader
    leader_name: str
    current_leader_id: str | None  # who contacts the community now
    previous_community_id: str | None  # which community the leader contacts now
    previous_community_name: str
    leader_retired: bool = False
    latest_start: date | None = None  # the later start of the contacts the change ends


@dataclass(frozen=True)
class ContactChange:
    """Set `leader_id` on `community_id`; with a swap, the community's former leader takes the community
    the new one leaves, so that every community keeps exactly one contact leader."""

    community_id: str
    leader_id: str
    since: date
    swap_leader_id: str | None
    swap_community_id: str | None


def same_unit(existing: e.Unit, name: str, kind: UnitKind) -> bool:
    """A retry of createUnit with the same id and content is answered with the unit, not refused."""
    return existing.name == name and existing.kind is kind


def check_unit_id_free(existing: e.Unit, name: str, kind: UnitKind) -> None:
    if not same_unit(existing, name, kind):
        raise Conflict(f"id: 编号为 {existing.id} 的单位已存在(名称或类型不同)", field="id")


def check_kind_change(state: UnitSeats, new_kind: UnitKind) -> None:
    """A unit's kind must agree with every seat it holds, and a street working committee member stays in
    the public sector (model.WORKING_COMMITTEE_UNIT_KINDS)."""
    if new_kind is state.unit.kind:
        return
    new_seat = seat_for(new_kind)
    for seat, committee in state.seats:
        if seat is not new_seat:
            raise Conflict(
                f"kind: 该单位在{committee}占{SEAT_LABELS[seat]}席位,"
                f"不能改为{UNIT_KIND_LABELS[new_kind]};请先调整其大党委席位",
                field="kind",
            )
    if state.part_time and new_kind not in WORKING_COMMITTEE_UNIT_KINDS:
        raise Conflict("kind: 该单位是街道大工委兼职委员单位,只能是机关、事业单位或国有企业", field="kind")


def check_new_member(committee: CommitteeMembers, unit: e.Unit, seat: Seat) -> None:
    """A unit joins a committee once, in the seat its kind gives it. An owners' committee (a wing of the
    compound's party organisation, a party to 三联办) and a street's non-profit property company (set up by the
    street, not a non-public enterprise) sit on no community big party committee."""
    if unit.kind is UnitKind.OWNERS_COMMITTEE or unit.non_profit:
        what = "业委会" if unit.kind is UnitKind.OWNERS_COMMITTEE else "街道非营利物业公司"
        raise Conflict(f"unitId: {unit.name}是{what},不进社区大党委", field="unitId")
    if any(unit_id == unit.id for unit_id, _ in committee.members):
        raise Conflict(f"unitId: {unit.name}已是{committee.committee.name}成员单位", field="unitId")
    expected = seat_for(unit.kind)
    if seat is not expected:
        raise BadInput(
            f"seat: {unit.name}是{UNIT_KIND_LABELS[unit.kind]},应占{SEAT_LABELS[expected]}席位,"
            f"不能占{SEAT_LABELS[seat]}席位",
            field="seat",
        )


def check_member_removal(committee: CommitteeMembers, unit_id: str) -> None:
    """A member can leave, unless it is the last of its seat: then the committee would no longer be 1+1+X+N."""
    seats = [seat for member, seat in committee.members if member == unit_id]
    if not seats:
        raise NotFound(f"unitId: 该单位不是{committee.committee.name}成员单位", field="unitId")
    if sum(1 for _, seat in committee.members if seat is seats[0]) <= 1:
        raise Conflict(
            f"unitId: 这是{committee.committee.name}唯一的{SEAT_LABELS[seats[0]]}成员单位,"
            "移除后不再符合1+1+X+N;请先增补同类单位",
            field="unitId",
        )


def contact_change(
    state: ContactState, community_id: str, leader_id: str, since: date
) -> ContactChange | None:
    """What setting a community's contact leader changes; None when the leader already contacts it.

    The relationships that end are kept as history (WAS_CONTACT_OF, WAS_FIRST_SECRETARY_OF). A new or
    free leader simply takes the community (its former leader, if any, is left without one). A leader who
    contacted another community moves: if this community had a contact leader, the two swap, so that
    neither community is left without one; if it had none, the other community is left without one
    for now (as after a leader retires) and shows it."""
    if state.community_id is None:
        raise not_found("社区", community_id, "communityId")
    if state.committee_id is None:
        raise Conflict("communityId: 该社区还没有大党委", field="communityId")
    if state.leader_id is None:
        raise not_found("市领导", leader_id, "leaderId")
    if state.leader_retired:
        raise Conflict(f"leaderId: {state.leader_name}已卸任,不能再联系社区", field="leaderId")
    if state.current_leader_id == leader_id:
        return None
    if state.latest_start is not None and since < state.latest_start:
        raise BadInput(f"since: 不能早于现有联系关系的起始日期 {state.latest_start}", field="since")
    swap = state.previous_community_id is not None and state.current_leader_id is not None
    return ContactChange(
        community_id,
        leader_id,
        since,
        swap_leader_id=state.current_leader_id if swap else None,
        swap_community_id=state.previous_community_id if swap else None,
    )


def same_meeting(
    existing: e.JointMeeting, existing_committee_id: str, committee_id: str, topic: str, held_on: date
) -> bool:
    """A retry of recordJointMeeting with the same id and content is answered with the meeting."""
    return (existing_committee_id, existing.topic, existing.held_on) == (committee_id, topic, held_on)


# ---------------------------------------------------------------- keeping the network current (#13)


def check_same(what: str, found_id: str, existing: tuple[object, ...], given: tuple[object, ...]) -> None:
    """A creation retried with the same id and content is answered with what the first one made; with the
    same id and other content it is a conflict."""
    if existing != given:
        raise Conflict(f"id: 编号为 {found_id} 的{what}已存在(内容不同)", field="id")


def secretary_change(
    current_person_id: str | None, current_since: date | None, person_id: str, since: date
) -> bool:
    """Whether setting the secretary writes anything: not when the person already holds the post. A new
    term cannot start before the current one did (the history would overlap)."""
    if current_person_id == person_id:
        return False
    if current_since is not None and since < current_since:
        raise BadInput(f"since: 新书记的任职日期不能早于现任书记的任职日期 {current_since}", field="since")
    return True


def check_not_retired(what: str, retired_on: date | None, field: str) -> None:
    if retired_on is not None:
        raise Conflict(f"{field}: 该{what}已于 {retired_on} 撤销或卸任", field=field)


def check_grid_retirement(compounds: int) -> None:
    if compounds:
        raise Conflict(f"id: 该网格内还有 {compounds} 个小区,请先把小区调整到其他网格", field="id")


@dataclass(frozen=True)
class GridPlace:
    """A grid a compound is to be in: whether it exists, its community, whether it is retired."""

    grid_id: str
    found: bool
    community_id: str | None
    retired_on: date | None


def compound_community(grids: tuple[GridPlace, ...], current_community_id: str | None = None) -> str | None:
    """The community of a compound's grids: they must exist, be current and lie in one community (the
    compound's present one, when it moves between grids)."""
    for g in grids:
        if not g.found:
            raise not_found("网格", g.grid_id, "gridIds")
        check_not_retired("网格", g.retired_on, "gridIds")
    communities = {g.community_id for g in grids}
    if len(communities) > 1:
        raise Conflict("gridIds: 一个小区的网格须属于同一社区", field="gridIds")
    community = next(iter(communities), None)
    if current_community_id is not None and community != current_community_id:
        raise Conflict("gridIds: 小区只能在本社区的网格间调整;跨社区请撤销后重建", field="gridIds")
    return community


def held_on(since: date | None, until: date | None, day: date) -> bool:
    """Whether a term held on `day`: it began on or before it (or its start is unknown) and had not ended
    (`until` is the first day it no longer held)."""
    return (since is None or since <= day) and (until is None or day < until)


def composition_on(history: e.CommitteeHistory, day: date) -> e.CommitteeHistory:
    """The committee as it was on `day`: the members, secretary, first secretary and contact leaders of
    that day, out of its history."""
    return e.CommitteeHistory(
        history.committee_id,
        tuple(x for x in history.members if held_on(x[1].since, x[1].until, day)),
        tuple(x for x in history.secretaries if held_on(x.since, x.until, day)),
        tuple(x for x in history.first_secretaries if held_on(x.since, x.until, day)),
        tuple(x for x in history.contacts if held_on(x.since, x.until, day)),
    )
