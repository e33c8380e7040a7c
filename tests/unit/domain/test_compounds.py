"""The rules of compounds and 红色物业 (issue #14): the six steps in order, what a meeting may do, the
fallback manager, the red owners' committee, the order of an office's list, the commands' checks."""

from __future__ import annotations

from datetime import date

import pytest

from orggraph.domain import compounds as cp
from orggraph.domain.errors import BadInput, Conflict
from orggraph.domain.model import CompoundKind, Urgency

S = cp.IssueStep


def test_the_six_steps_go_one_at_a_time_in_order() -> None:
    for current, nxt in zip(cp.SIX_STEPS, cp.SIX_STEPS[1:], strict=False):
        cp.check_step(current, nxt)
    with pytest.raises(Conflict) as refused:
        cp.check_step(S.COLLECTED, S.DELIBERATED)  # 党组织提议 cannot be skipped
    assert refused.value.field == "to"
    assert "党组织提议" in refused.value.message
    with pytest.raises(Conflict):
        cp.check_step(S.RESOLVED, S.IMPLEMENTING)  # 结果公开 cannot be skipped
    with pytest.raises(Conflict):
        cp.check_step(S.PUBLISHED, S.RESOLVED)  # never backwards


def test_an_issue_may_be_rejected_until_it_is_done_and_nothing_moves_after() -> None:
    for step in cp.OPEN_STEPS:
        cp.check_step(step, S.REJECTED)
    for end in (S.DONE, S.REJECTED):
        with pytest.raises(Conflict):
            cp.check_step(end, S.REJECTED)
    with pytest.raises(Conflict):
        cp.check_step(S.DONE, S.COLLECTED)


def test_a_meeting_deliberates_and_may_resolve_in_the_same_sitting() -> None:
    assert cp.steps_to(S.PROPOSED, S.DELIBERATED) == (S.DELIBERATED,)
    assert cp.steps_to(S.PROPOSED, S.RESOLVED) == (S.DELIBERATED, S.RESOLVED)
    assert cp.steps_to(S.DELIBERATED, S.RESOLVED) == (S.RESOLVED,)
    assert cp.steps_to(S.RESOLVED, S.RESOLVED) == ()  # discussed again: no step
    with pytest.raises(Conflict):
        cp.steps_to(S.COLLECTED, S.DELIBERATED)  # the party organisation proposes first
    with pytest.raises(Conflict):
        cp.steps_to(S.PUBLISHED, S.RESOLVED)
    with pytest.raises(BadInput):
        cp.steps_to(S.RESOLVED, S.PUBLISHED)  # publishing is not a meeting's step


def test_a_no_property_compound_is_managed_only_by_a_street_non_profit_company() -> None:
    cp.check_manager(CompoundKind.NO_PROPERTY, manager_non_profit=True)
    cp.check_manager(CompoundKind.COMMERCIAL, manager_non_profit=False)
    with pytest.raises(Conflict) as refused:
        cp.check_manager(CompoundKind.NO_PROPERTY, manager_non_profit=False)
    assert refused.value.field == "propertyCompanyId"
    with pytest.raises(Conflict):
        cp.check_manager(CompoundKind.COMMERCIAL, manager_non_profit=True)


def test_a_red_owners_committee_has_more_than_60_percent_party_members() -> None:
    assert cp.is_red(10, 7)
    assert not cp.is_red(10, 6)  # exactly 60% is not more than 60%
    assert not cp.is_red(0, 0)
    oc = cp.OwnersCommittee("oc", "业委会", 7, 5, "illustrative")
    assert oc.red and oc.party_share == pytest.approx(5 / 7)


def test_a_wing_needs_what_it_organises() -> None:
    cp.check_wing(cp.PartyOrgKind.CORE_BRANCH, has_manager=False, has_owners_committee=False)
    with pytest.raises(Conflict):
        cp.check_wing(cp.PartyOrgKind.PROPERTY_BRANCH, has_manager=False, has_owners_committee=True)
    with pytest.raises(Conflict):
        cp.check_wing(cp.PartyOrgKind.OWNERS_BRANCH, has_manager=True, has_owners_committee=False)
    with pytest.raises(Conflict):
        cp.check_wing(
            cp.PartyOrgKind.PROPERTY_BRANCH, has_manager=True, has_owners_committee=True, has_core=False
        )


def _issue(
    iid: str, step: S, urgency: Urgency, difficulty: cp.Difficulty, raised: int = 1
) -> cp.PropertyIssue:
    return cp.PropertyIssue(iid, iid, "", step, urgency, difficulty, "o", None, date(2022, 1, raised), None)


def test_an_office_lists_urgent_first_then_easy_first_open_before_closed() -> None:
    D = cp.Difficulty
    issues = [
        _issue("done-urgent-easy", S.DONE, Urgency.URGENT, D.EASY),
        _issue("normal-easy", S.COLLECTED, Urgency.NORMAL, D.EASY),
        _issue("urgent-hard", S.PROPOSED, Urgency.URGENT, D.HARD),
        _issue("urgent-easy-late", S.RESOLVED, Urgency.URGENT, D.EASY, raised=9),
        _issue("urgent-easy", S.RESOLVED, Urgency.URGENT, D.EASY),
        _issue("low-easy", S.COLLECTED, Urgency.LOW, D.EASY),
    ]
    order = [i.id for i in sorted(issues, key=cp.priority)]
    assert order == [
        "urgent-easy",
        "urgent-easy-late",
        "urgent-hard",
        "normal-easy",
        "low-easy",
        "done-urgent-easy",
    ]


def test_the_commands_name_the_field_they_refuse() -> None:
    today = date(2026, 11, 29)
    with pytest.raises(BadInput) as refused:
        cp.GovernanceChanges("c1", fee_collection_rate=1.2, fee_measured_on=today).checked(today)
    assert refused.value.field == "feeCollectionRate"
    with pytest.raises(BadInput) as refused:
        cp.GovernanceChanges("c1", fee_collection_rate=0.5).checked(today)
    assert refused.value.field == "feeMeasuredOn"
    with pytest.raises(BadInput) as refused:
        cp.GovernanceChanges("c1", owners_committee=cp.OwnersCommitteeInput("业委会", 5, 6)).checked(today)
    assert refused.value.field == "ownersCommittee.partyMembers"
    with pytest.raises(BadInput) as refused:
        cp.GovernanceChanges("c1", funding=cp.FundingInput(-1, 0, 0, 0)).checked(today)
    assert refused.value.field == "fallbackFunding.residents"
    with pytest.raises(BadInput) as refused:
        cp.GovernanceChanges("c1").checked(today)
    assert refused.value.field == "compoundId"
    with pytest.raises(BadInput) as refused:
        cp.PartyOrgInput("c1", cp.PartyOrgKind.CORE_BRANCH, "党支部", 2).checked()
    assert refused.value.field == "members"
    assert (
        cp.PartyOrgInput("c1", cp.PartyOrgKind.OWNERS_BRANCH, "党支部", 3).checked().id == "c1-owners-branch"
    )
    with pytest.raises(BadInput) as refused:
        cp.IssueAdvance("i1", S.REJECTED).checked()
    assert refused.value.field == "note"
    meeting = cp.NewTripartiteMeeting("o1", today, "例会", (cp.TripartiteParty.COMMUNITY,), 3)
    with pytest.raises(BadInput) as refused:
        cp.NewTripartiteMeeting("o1", date(2026, 12, 1), "例会", (cp.TripartiteParty.COMMUNITY,), 3).checked(
            today
        )
    assert refused.value.field == "heldOn"
    assert meeting.checked(today).id == "o1-2026-11-29"
    with pytest.raises(BadInput) as refused:
        cp.NewTripartiteMeeting("o1", today, "例会", (), 3).checked(today)
    assert refused.value.field == "parties"
    moves = (cp.IssueMove("i1", S.PUBLISHED),)
    with pytest.raises(BadInput) as refused:
        cp.NewTripartiteMeeting("o1", today, "例会", (cp.TripartiteParty.OWNERS,), 3, moves=moves).checked(
            today
        )
    assert refused.value.field == "issues[0].to"
