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
    GridPlace,
    UnitSeats,
    check_grid_retirement,
    check_kind_change,
    check_member_removal,
    check_new_member,
    check_same,
    check_unit_id_free,
    composition_on,
    compound_community,
    contact_change,
    held_on,
    same_meeting,
    secretary_change,
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


@pytest.mark.parametrize(
    "unit",
    [
        e.Unit("u-owners", "河畔家园业委会", UnitKind.OWNERS_COMMITTEE, 3, "illustrative"),
        e.Unit(
            "u-np", "广陵街道红色物业服务公司", UnitKind.PROPERTY_COMPANY, 5, "illustrative", non_profit=True
        ),
    ],
)
def test_owners_committees_and_street_non_profit_companies_are_not_seated(unit: e.Unit) -> None:
    with pytest.raises(Conflict) as caught:
        check_new_member(committee(), unit, Seat.N)
    assert caught.value.field == "unitId" and "不进社区大党委" in caught.value.message


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


def test_a_leader_moves_to_a_community_without_one_leaving_the_other_without_one() -> None:
    """A community may be without a contact leader for a while (after a leader retires): a leader who
    contacts another community moves there without a swap, and the other community shows it."""
    s = state(current_leader_id=None, previous_community_id="c2", previous_community_name="浔河社区")
    change = contact_change(s, "c1", "l-new", TODAY)
    assert change is not None
    assert (change.community_id, change.swap_leader_id, change.swap_community_id) == ("c1", None, None)


def test_a_retired_leader_cannot_be_set_as_contact_leader() -> None:
    with pytest.raises(Conflict) as caught:
        contact_change(state(leader_retired=True), "c1", "l-new", TODAY)
    assert caught.value.field == "leaderId"


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


# ---------------------------------------------------------------- the network over time (#13)

D = date


def test_a_term_holds_from_its_first_day_up_to_the_day_before_it_ends() -> None:
    assert held_on(D(2024, 1, 1), D(2026, 11, 1), D(2024, 1, 1))
    assert held_on(D(2024, 1, 1), D(2026, 11, 1), D(2026, 10, 31))
    assert not held_on(D(2024, 1, 1), D(2026, 11, 1), D(2026, 11, 1))
    assert not held_on(D(2024, 1, 1), None, D(2023, 12, 31))
    assert held_on(None, None, D(1990, 1, 1))  # a term whose start is unknown held all along


def test_the_composition_of_a_day_is_who_held_a_place_that_day() -> None:
    old, new = e.Person("p-old", "甲"), e.Person("p-new", "乙")
    first = e.Leader("l1", "丙", "市委常委")
    history = e.CommitteeHistory(
        "k1",
        (
            (BUREAU, e.Membership("u-bureau", "k1", Seat.X, D(2021, 1, 1), D(2026, 11, 1))),
            (SHOP, e.Membership("u-shop", "k1", Seat.N, D(2021, 1, 1), None)),
        ),
        (e.PersonTerm(old, None, D(2026, 11, 1)), e.PersonTerm(new, D(2026, 11, 1), None)),
        (e.LeaderTerm(first, D(2021, 1, 1), None),),
        (e.LeaderTerm(first, D(2021, 1, 1), None),),
    )
    before = composition_on(history, D(2026, 10, 31))
    assert [t.person.id for t in before.secretaries] == ["p-old"]
    assert [u.id for u, _ in before.members] == ["u-bureau", "u-shop"]
    after = composition_on(history, D(2026, 11, 1))
    assert [t.person.id for t in after.secretaries] == ["p-new"]
    assert [u.id for u, _ in after.members] == ["u-shop"]
    assert composition_on(history, D(2020, 1, 1)).first_secretaries == ()


def test_setting_the_secretary_writes_only_a_change_and_never_before_the_current_term() -> None:
    assert secretary_change("p1", D(2024, 1, 1), "p2", D(2026, 1, 1))
    assert not secretary_change("p1", D(2024, 1, 1), "p1", D(2026, 1, 1))
    assert secretary_change(None, None, "p1", D(2026, 1, 1))
    with pytest.raises(BadInput) as caught:
        secretary_change("p1", D(2024, 1, 1), "p2", D(2023, 1, 1))
    assert caught.value.field == "since"


def test_a_compounds_grids_exist_are_current_and_lie_in_one_community() -> None:
    g1 = GridPlace("g1", True, "c1", None)
    assert compound_community((g1, GridPlace("g2", True, "c1", None))) == "c1"
    cases: list[tuple[tuple[GridPlace, ...], str | None, type[Exception]]] = [
        ((g1, GridPlace("g9", False, None, None)), None, NotFound),
        ((GridPlace("g3", True, "c1", D(2026, 1, 1)),), None, Conflict),
        ((g1, GridPlace("g4", True, "c2", None)), None, Conflict),
        ((g1,), "c2", Conflict),  # moving to another community's grid
    ]
    for grids, current, error in cases:
        with pytest.raises(error) as caught:
            compound_community(grids, current)
        assert getattr(caught.value, "field", None) == "gridIds"


def test_a_creation_retried_with_other_content_is_a_conflict_on_the_id() -> None:
    check_same("网格", "g1", ("a", 1), ("a", 1))
    with pytest.raises(Conflict) as caught:
        check_same("网格", "g1", ("a", 1), ("a", 2))
    assert caught.value.field == "id"


def test_a_grid_with_compounds_cannot_be_retired() -> None:
    check_grid_retirement(0)
    with pytest.raises(Conflict):
        check_grid_retirement(2)


def test_a_contact_cannot_start_before_the_one_it_ends() -> None:
    with pytest.raises(BadInput) as caught:
        contact_change(state(latest_start=date(2026, 12, 1)), "c1", "l-new", TODAY)
    assert caught.value.field == "since"
    assert contact_change(state(latest_start=TODAY), "c1", "l-new", TODAY) is not None
