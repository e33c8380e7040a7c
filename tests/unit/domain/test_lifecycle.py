"""The six-step method and the overdue rules."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from orggraph.domain.errors import Conflict
from orggraph.domain.lifecycle import (
    ADVANCE_TARGETS,
    FINISHED,
    MATCHABLE,
    NEXT,
    OPEN,
    check_transition,
    is_overdue,
    is_task_overdue,
    values,
)
from orggraph.domain.model import NeedStatus, TaskStatus

S = NeedStatus
TODAY = date(2026, 11, 27)


def test_the_six_steps_go_in_order() -> None:
    path = [
        S.COLLECTED,
        S.PROPOSED,
        S.DELIBERATED,
        S.RESOLVED,
        S.PUBLISHED,
        S.CLAIMED,
        S.IN_PROGRESS,
        S.DONE,
        S.RATED,
    ]
    for current, following in itertools.pairwise(path):
        check_transition(current, following)


def test_a_step_cannot_be_skipped_and_the_refusal_says_what_may_follow() -> None:
    with pytest.raises(Conflict) as caught:
        check_transition(S.COLLECTED, S.RESOLVED)
    assert "党组织提议" in caught.value.message and caught.value.field == "to"


def test_a_need_can_be_rejected_until_it_is_claimed_and_a_final_state_goes_nowhere() -> None:
    assert all(S.REJECTED in NEXT[s] for s in OPEN)
    with pytest.raises(Conflict, match="最终状态"):
        check_transition(S.RATED, S.PUBLISHED)


def test_advance_need_records_only_the_steps_before_a_claim_or_a_rejection() -> None:
    assert {S.PROPOSED, S.DELIBERATED, S.RESOLVED, S.PUBLISHED, S.REJECTED} == ADVANCE_TARGETS


def test_a_need_is_matched_until_it_is_finished() -> None:
    assert frozenset(NeedStatus) - FINISHED == MATCHABLE


def test_a_need_is_overdue_past_its_date_unless_finished() -> None:
    assert is_overdue(date(2026, 11, 1), S.IN_PROGRESS, TODAY)
    assert not is_overdue(date(2026, 11, 1), S.DONE, TODAY)
    assert not is_overdue(TODAY, S.PUBLISHED, TODAY)


def test_a_task_is_overdue_past_its_deadline_while_open() -> None:
    assert is_task_overdue(date(2026, 11, 1), TaskStatus.PLANNED, TODAY)
    assert not is_task_overdue(date(2026, 11, 1), TaskStatus.CANCELLED, TODAY)


def test_status_sets_go_to_cypher_as_sorted_values() -> None:
    assert values(FINISHED) == ["DONE", "RATED", "REJECTED"]
