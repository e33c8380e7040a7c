"""The rules that keep 1+1+X+N, without Neo4j."""

from __future__ import annotations

from datetime import date

import pytest

from orggraph.domain import entities as e
from orggraph.domain.errors import BadInput, Conflict, NotFound
from orggraph.domain.model import Seat, UnitKind
from orggraph.domain.network import (
    CommitteeMembers,
    ContactState,
    UnitSeats,
    check_kind_change,
    check_member_removal,
    check_new_member,
    check_unit_id_free,
    contact_change,
    same_meeting,
)

COMMITTEE = e.CommunityCommittee("k1", "曙光社区大党委")
BUREAU = e.Unit("u-bureau", "市住建局", UnitKind.AGENCY, 12, "illustrative")
SHOP = e.Unit("u-shop", "便民超市", UnitKind.PRIVATE_ENTERPRISE, 1, "illustrative")
TODAY = date(2026, 11, 27)


def committee(*members: tuple[str, Seat]) -> CommitteeMembers:
    return CommitteeMembers(COMMITTEE, members)


def test_an_agency_takes_an_x_seat_and_a_private_enterprise_an_n_seat() -> None:
    check_new_member(committee(), BUREAU, Seat.X)
    check_new_member(committee(), SHOP, Seat.N)


def test_a_seat_that_does_not_match_the_units_kind_is_refused_naming_the_seat() -> None:
    with pytest.raises(BadInput) as caught:
        check_new_member(committee(), SHOP, Seat.X)
    assert caught.value.field == "seat"
    assert "非公企业" in caught.value.message


def test_a_unit_already_on_the_committee_cannot_join_it_twice() -> None:
    with pytest.raises(Conflict) as caught:
        check_new_member(committee(("u-bureau", Seat.X)), BUREAU, Seat.X)
    assert caught.value.field == "unitId"


def test_the_last_member_of_a_seat_cannot_be_removed() -> None:
    with pytest.raises(Conflict) as caught:
        check_member_removal(committee(("u-bureau", Seat.X), ("u-shop", Seat.N)), "u-shop")
    assert "唯一" in caught.value.message and caught.value.field == "unitId"


def test_a_member_with_another_of_its_seat_beside_it_can_be_removed() -> None:
    check_member_removal(committee(("u-bureau", Seat.X), ("u-shop", Seat.N), ("u-ngo", Seat.N)), "u-shop")


def test_removing_a_unit_that_is_not_a_member_answers_not_found() -> None:
    with pytest.raises(NotFound):
        check_member_removal(committee(("u-bureau", Seat.X)), "u-shop")


def test_a_unit_kind_change_must_agree_with_the_seats_it_holds() -> None:
    state = UnitSeats(BUREAU, ((Seat.X, "曙光社区大党委"),), part_time=False)
    check_kind_change(state, UnitKind.STATE_ENTERPRISE)  # still X
    with pytest.raises(Conflict) as caught:
        check_kind_change(state, UnitKind.SOCIAL_ORG)
    assert caught.value.field == "kind" and "曙光社区大党委" in caught.value.message


def test_a_street_working_committee_member_stays_in_the_public_sector() -> None:
    # 市直单位 include institutions such as the city hospital, and state enterprises (seat X kinds)
    check_kind_change(UnitSeats(BUREAU, (), part_time=True), UnitKind.INSTITUTION)
    check_kind_change(UnitSeats(BUREAU, (), part_time=True), UnitKind.STATE_ENTERPRISE)
    with pytest.raises(Conflict) as caught:
        check_kind_change(UnitSeats(BUREAU, (), part_time=True), UnitKind.PRIVATE_ENTERPRISE)
    assert caught.value.field == "kind"


def test_creating_a_unit_again_with_the_same_content_is_a_retry_and_with_other_content_a_conflict() -> None:
    check_unit_id_free(BUREAU, "市住建局", UnitKind.AGENCY)
    with pytest.raises(Conflict):
        check_unit_id_free(BUREAU, "市住建局二", UnitKind.AGENCY)


def state(**changes: object) -> ContactState:
    base: dict[str, object] = {
        "community_id": "c1",
        "committee_id": "k1",
        "leader_id": "l-new",
        "leader_name": "甲",
        "current_leader_id": "l-old",
        "previous_community_id": None,
        "previous_community_name": "",
    }
    return ContactState(**{**base, **changes})  # type: ignore[arg-type]


def test_a_free_leader_replaces_the_communitys_contact_leader_without_a_swap() -> None:
    change = contact_change(state(), "c1", "l-new", TODAY)
    assert change is not None
    assert (change.swap_leader_id, change.swap_community_id) == (None, None)


def test_a_leader_who_contacts_another_community_swaps_with_this_communitys_leader() -> None:
    change = contact_change(
        state(previous_community_id="c2", previous_community_name="浔河社区"), "c1", "l-new", TODAY
    )
    assert change is not None
    assert (change.swap_leader_id, change.swap_community_id) == ("l-old", "c2")


def test_a_swap_that_would_leave_a_community_without_a_leader_is_refused() -> None:
    s = state(current_leader_id=None, previous_community_id="c2", previous_community_name="浔河社区")
    with pytest.raises(Conflict) as caught:
        contact_change(s, "c1", "l-new", TODAY)
    assert "浔河社区" in caught.value.message and caught.value.field == "leaderId"


def test_setting_the_leader_a_community_already_has_changes_nothing() -> None:
    assert contact_change(state(current_leader_id="l-new"), "c1", "l-new", TODAY) is None


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [
        ({"community_id": None}, NotFound, "communityId"),
        ({"committee_id": None}, Conflict, "communityId"),
        ({"leader_id": None}, NotFound, "leaderId"),
    ],
)
def test_a_contact_change_names_what_is_missing(changes: dict[str, object], error: type, field: str) -> None:
    with pytest.raises(error) as caught:
        contact_change(state(**changes), "c1", "l-new", TODAY)
    assert caught.value.field == field


def test_a_meeting_recorded_again_with_the_same_content_is_a_retry() -> None:
    m = e.JointMeeting("m1", date(2026, 10, 15), "消防通道整治")
    assert same_meeting(m, "k1", "k1", "消防通道整治", date(2026, 10, 15))
    assert not same_meeting(m, "k1", "k1", "消防通道整治", date(2026, 10, 16))
    assert not same_meeting(m, "k1", "k2", "消防通道整治", date(2026, 10, 15))
