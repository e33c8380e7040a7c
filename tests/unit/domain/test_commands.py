"""Commands are checked before anything is read or written: each refusal names the field and the reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from orggraph.domain.commands import (
    AcceptMatch,
    CompoundChanges,
    Decision,
    MemberRemoval,
    NeedAdvance,
    NeedChanges,
    NewCompound,
    NewGrid,
    NewLeader,
    NewMeeting,
    NewMember,
    NewNeed,
    NewPerson,
    NewResource,
    NewUnit,
    Retirement,
    SecretaryChange,
    TaskCompletion,
)
from orggraph.domain.errors import BadInput
from orggraph.domain.model import CompoundKind, NeedStatus, Seat, ServiceArea, UnitKind
from orggraph.domain.taxonomy import Domain, Population, SupportType

TODAY = date(2026, 11, 27)
NEED = NewNeed(
    community_id="c1",
    title=" 加装电梯 ",
    support_types=(SupportType.FUND, SupportType.FUND),
    domain=Domain.ELDER,
    populations=(Population.ELDERLY,),
    quantity=5,
    quantity_unit="万元",
    needed_by=date(2027, 1, 1),
    source="居民反映",
)


def field_of(call: object) -> str | None:
    assert callable(call)
    with pytest.raises(BadInput) as caught:
        call()
    return caught.value.field


def test_a_new_need_is_trimmed_and_its_lists_have_no_repeats() -> None:
    need = NEED.checked(TODAY)
    assert need.title == "加装电梯" and need.support_types == (SupportType.FUND,) and need.quantity == 5.0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"support_types": ()}, "supportTypes"),
        ({"quantity": 0}, "quantity"),
        ({"needed_by": date(2026, 11, 26)}, "neededBy"),
        ({"source": "x" * 41}, "source"),
    ],
)
def test_a_bad_new_need_is_refused_naming_the_field(changes: dict[str, object], field: str) -> None:
    from dataclasses import replace

    assert field_of(lambda: replace(NEED, **changes).checked(TODAY)) == field  # type: ignore[arg-type]


def test_a_need_change_checks_only_what_it_changes() -> None:
    assert NeedChanges("n1", title=" 新标题 ").checked().title == "新标题"
    assert field_of(lambda: NeedChanges("n1", populations=()).checked()) == "populations"


def test_advance_need_takes_only_publication_or_rejection() -> None:
    assert NeedAdvance("n1", NeedStatus.PUBLISHED).checked().to is NeedStatus.PUBLISHED
    assert field_of(lambda: NeedAdvance("n1", NeedStatus.CLAIMED).checked()) == "to"


def test_a_resources_window_must_not_end_before_it_starts() -> None:
    r = NewResource(
        "u1",
        "场地",
        SupportType.SPACE,
        (Domain.CULTURE,),
        (Population.ALL,),
        1,
        "处",
        date(2027, 1, 2),
        date(2027, 1, 1),
        ServiceArea.CITY,
    )
    assert field_of(r.checked) == "availableUntil"


def test_a_new_unit_gets_an_id_when_none_is_given_and_a_bad_id_is_refused() -> None:
    assert (NewUnit("市住建局", UnitKind.AGENCY).checked().id or "").startswith("unit-")
    assert field_of(NewUnit("市住建局", UnitKind.AGENCY, id="有 空格").checked) == "id"
    assert field_of(NewUnit("市住建局", UnitKind.AGENCY, party_members=-1).checked) == "partyMembers"


def test_dates_of_the_past_only_are_accepted_for_joining_and_meetings() -> None:
    assert NewMember("k1", "u1", Seat.X).checked(TODAY).since == TODAY
    assert field_of(lambda: NewMember("k1", "u1", Seat.X, date(2026, 11, 28)).checked(TODAY)) == "since"
    assert field_of(lambda: NewMeeting("k1", date(2026, 11, 28), "议题").checked(TODAY)) == "heldOn"
    decision = Decision("修路", "u1", "验收合格", TODAY, problem_id="p1")
    assert (
        field_of(
            lambda: NewMeeting("k1", TODAY, "议题", decisions=(replace(decision, problem_id=None),)).checked(
                TODAY
            )
        )
        == "decisions[0].problemId"
    )
    assert (
        field_of(
            lambda: NewMeeting(
                "k1", TODAY, "议题", decisions=(replace(decision, deadline=date(2026, 1, 1)),)
            ).checked(TODAY)
        )
        == "decisions[0].deadline"
    )
    assert (
        field_of(
            lambda: NewMeeting("k1", TODAY, "议题", decisions=(replace(decision, resource_id="r1"),)).checked(
                TODAY
            )
        )
        == "decisions[0].quantity"
    )
    decided = NewMeeting("k1", TODAY, "议题", problem_ids=("p0",), decisions=(decision,)).checked(TODAY)
    assert decided.problem_ids == ("p0", "p1")  # a decided problem is on the agenda


def test_an_accepted_match_needs_a_standard_and_a_deadline_not_in_the_past() -> None:
    assert field_of(lambda: AcceptMatch("n1", "r1", " ", date(2027, 1, 1)).checked(TODAY)) == "standard"
    assert field_of(lambda: AcceptMatch("n1", "r1", "验收", date(2026, 1, 1)).checked(TODAY)) == "deadline"


def test_a_rating_is_one_to_five() -> None:
    assert field_of(TaskCompletion("t1", 6).checked) == "rating"
    assert TaskCompletion("t1", 5, " 好 ").checked().comment == "好"


# ---------------------------------------------------------------- keeping the network current (#13)


@pytest.mark.parametrize(
    ("command", "field"),
    [
        (lambda: NewLeader(name=" ", title="市委常委").checked(), "name"),
        (lambda: NewLeader(name="甲", title="", id="x").checked(), "title"),
        (lambda: NewLeader(name="甲", title="市委常委", unit_id="bad id").checked(), "unitId"),
        (lambda: NewPerson(name="甲", id="人员").checked(), "id"),
        (lambda: Retirement("l1", date(2026, 11, 28)).checked(TODAY), "on"),
        (lambda: SecretaryChange("k1", "p1", date(2026, 12, 1)).checked(TODAY), "since"),
        (lambda: MemberRemoval("k1", "u1", date(2026, 12, 1)).checked(TODAY), "until"),
        (lambda: NewGrid("c1", "网格", households=-1, grid_workers=0).checked(), "households"),
        (lambda: NewGrid("c1", "网格", households=300, grid_workers=5000).checked(), "gridWorkers"),
        (lambda: NewCompound("小区", CompoundKind.OLD, 100, ()).checked(), "gridIds"),
        (lambda: CompoundChanges("x1", grid_ids=tuple(f"g{i}" for i in range(21))).checked(), "gridIds"),
    ],
)
def test_a_maintenance_command_is_refused_by_field(command: Any, field: str) -> None:
    with pytest.raises(BadInput) as caught:
        command()
    assert caught.value.field == field


def test_maintenance_commands_make_ids_trim_names_and_default_their_dates() -> None:
    leader = NewLeader(name=" 周明远 ", title=" 市委常委 ").checked()
    assert (
        leader.id
        and leader.id.startswith("leader-")
        and (leader.name, leader.title) == ("周明远", "市委常委")
    )
    assert Retirement("l1").checked(TODAY).on == TODAY
    assert MemberRemoval("k1", "u1").checked(TODAY).until == TODAY
    compound = NewCompound("小区", CompoundKind.OLD, 100, ("g1", "g1", "g2")).checked()
    assert compound.grid_ids == ("g1", "g2")
