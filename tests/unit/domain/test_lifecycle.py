"""A need's lifecycle in the needs library (no longer the six-step method) and the overdue rules."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from orggraph.domain.errors import Conflict
from orggraph.domain.lifecycle import (
    ACCEPTABLE,
    ADVANCE_TARGETS,
    DECIDABLE,
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


def test_a_need_goes_registered_published_claimed_in_progress_done_rated() -> None:
    path = [
        S.COLLECTED,
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
        check_transition(S.COLLECTED, S.IN_PROGRESS)
    assert "已发布" in caught.value.message and caught.value.field == "to"


def test_the_six_step_method_is_not_a_needs_life() -> None:
    """The method's middle steps belong to the property issues of a 三联办 (#14), not to the needs library."""
    assert {s.value for s in NeedStatus}.isdisjoint({"PROPOSED", "DELIBERATED", "RESOLVED"})


def test_a_registered_need_may_be_assigned_by_a_meeting_but_not_claimed_before_it_is_published() -> None:
    assert S.CLAIMED in NEXT[S.COLLECTED]  # 派单: recordJointMeeting decides a unit takes it on
    assert S.COLLECTED not in ACCEPTABLE and S.COLLECTED in DECIDABLE


def test_a_need_can_be_rejected_until_it_is_claimed_and_a_final_state_goes_nowhere() -> None:
    assert all(S.REJECTED in NEXT[s] for s in OPEN)
    with pytest.raises(Conflict, match="最终状态"):
        check_transition(S.RATED, S.PUBLISHED)


def test_advance_need_records_only_publication_or_a_rejection() -> None:
    assert {S.PUBLISHED, S.REJECTED} == ADVANCE_TARGETS


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
