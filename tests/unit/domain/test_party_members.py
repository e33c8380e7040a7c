"""The in-service party members' pure rules: service points, the community a member reports to, and the
commands' refusals, each naming its field."""

from __future__ import annotations

from datetime import date

import pytest

from orggraph.domain import party_members as pm
from orggraph.domain.errors import BadInput

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(("hours", "points"), [(0.5, 0.5), (1, 1), (2.5, 2.5), (4, 4), (6, 4), (12, 4)])
def test_one_point_an_hour_capped_at_four_a_record(hours: float, points: float) -> None:
    assert pm.points(hours) == points


def test_a_member_reports_to_a_paired_community_only() -> None:
    assert pm.paired_community(None, ("c1",)) == "c1"  # the unit's only pairing
    assert pm.paired_community(None, ("c1", "c2")) is None  # several: the caller must say
    assert pm.paired_community(None, ()) is None
    assert pm.paired_community("c2", ("c1", "c2")) == "c2"
    with pytest.raises(BadInput) as refused:
        pm.paired_community("c3", ("c1",))
    assert refused.value.field == "communityId"


def field_of(make: object) -> str | None:
    with pytest.raises(BadInput) as refused:
        make()  # type: ignore[operator]
    return refused.value.field


def test_bad_commands_are_refused_by_field() -> None:
    svc = pm.RecordService("p", "c", date(2026, 11, 1), 2, "巡查")
    assert svc.checked(TODAY).id  # an id is made when none is given
    assert (
        field_of(lambda: pm.RecordService("p", "c", date(2026, 11, 1), 0.3, "巡查").checked(TODAY)) == "hours"
    )
    assert (
        field_of(lambda: pm.RecordService("p", "c", date(2026, 11, 1), 13, "巡查").checked(TODAY)) == "hours"
    )
    assert field_of(lambda: pm.RecordService("p", "c", date(2026, 12, 1), 2, "巡查").checked(TODAY)) == "on"
    assert (
        field_of(lambda: pm.RecordService("p", "c", date(2026, 11, 1), 2, " ").checked(TODAY)) == "activity"
    )
    assert (
        field_of(
            lambda: pm.AssignZone("c", "巡查", person_id="p", unit_id="u", compound_id="x").checked(TODAY)
        )
        == "personId"
    )
    assert field_of(lambda: pm.AssignZone("c", "巡查", unit_id="u").checked(TODAY)) == "compoundId"
    assert field_of(lambda: pm.SetCommitment("p", 1999, "d", "p").checked(TODAY)) == "year"
    assert (
        field_of(
            lambda: pm.NewCampaign("创文", "文明城市", date(2026, 3, 1), date(2026, 2, 1)).checked(TODAY)
        )
        == "endedOn"
    )
    assert field_of(lambda: pm.CoverZone("g", "早班").checked()) == "compoundIds"
    assert (
        field_of(lambda: pm.SendToCampaign("x", "u", tuple(f"p{i}" for i in range(501))).checked())
        == "personIds"
    )
    assert (
        field_of(lambda: pm.RegisterPartyMember("u", "p", reported_on=date(2027, 1, 1)).checked(TODAY))
        == "reportedOn"
    )


def test_the_reporting_rate_is_registered_over_members() -> None:
    assert (
        pm.MemberStats(members=3, reported_to_compound=3, reported_to_community=2, registered=2).rate
        == 0.6667
    )
    assert pm.MemberStats(0, 0, 0, 0).rate is None
    member = pm.PartyMember("p", "张", "u", None, compound_id="x")
    assert not member.registered
