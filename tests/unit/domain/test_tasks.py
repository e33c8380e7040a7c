"""The rules of the four lists: capacity, and what becomes of a need when its tasks start, stop or end."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from orggraph.domain import entities as e
from orggraph.domain.errors import Conflict
from orggraph.domain.model import NeedStatus, ResourceStatus, TaskStatus
from orggraph.domain.tasks import (
    capacity_taken,
    check_acceptable,
    check_completable,
    check_progress,
    need_after_cancel,
    need_after_completion,
    need_after_start,
)
from tests.unit.domain.samples import NEED, RESOURCE

TASK = e.Task(
    "t1",
    "加装电梯",
    "验收合格",
    date(2027, 1, 1),
    TaskStatus.PLANNED,
    5.0,
    None,
    None,
    None,
    1,
    "n1",
    "r1",
    "u1",
    "c1",
)


def test_a_task_takes_what_the_need_asks_when_the_resource_has_enough_left() -> None:
    assert capacity_taken(RESOURCE, 5.0) == 5.0


def test_a_task_takes_at_most_what_is_left() -> None:
    assert capacity_taken(RESOURCE, 8.0) == 6.0


def test_a_resource_with_nothing_left_or_withdrawn_cannot_be_taken() -> None:
    with pytest.raises(Conflict, match="容量已用完"):
        capacity_taken(replace(RESOURCE, allocated=10.0), 1.0)
    with pytest.raises(Conflict, match="撤回"):
        capacity_taken(replace(RESOURCE, status=ResourceStatus.WITHDRAWN), 1.0)


@pytest.mark.parametrize("status", [NeedStatus.PUBLISHED, NeedStatus.CLAIMED])
def test_a_match_is_accepted_for_a_published_or_claimed_need(status: NeedStatus) -> None:
    check_acceptable(replace(NEED, status=status))


@pytest.mark.parametrize("status", [NeedStatus.COLLECTED, NeedStatus.REJECTED, NeedStatus.DONE])
def test_a_match_is_refused_for_a_need_not_yet_published_or_already_finished(status: NeedStatus) -> None:
    with pytest.raises(Conflict) as caught:
        check_acceptable(replace(NEED, status=status))
    assert caught.value.field == "needId"


def test_starting_a_task_puts_its_claimed_need_in_progress() -> None:
    assert need_after_start(NeedStatus.CLAIMED) is NeedStatus.IN_PROGRESS
    assert need_after_start(NeedStatus.IN_PROGRESS) is None


def test_cancelling_the_last_open_task_publishes_its_need_again() -> None:
    assert need_after_cancel(NeedStatus.CLAIMED, other_open_tasks=0) is NeedStatus.PUBLISHED
    assert need_after_cancel(NeedStatus.IN_PROGRESS, other_open_tasks=0) is NeedStatus.PUBLISHED


def test_cancelling_a_task_while_another_is_open_leaves_the_need_as_it_is() -> None:
    assert need_after_cancel(NeedStatus.IN_PROGRESS, other_open_tasks=1) is None


def test_completing_the_last_open_task_makes_the_need_done_then_rated() -> None:
    assert need_after_completion(NeedStatus.IN_PROGRESS, 0) == (NeedStatus.DONE, NeedStatus.RATED)
    assert need_after_completion(NeedStatus.IN_PROGRESS, 1) == ()
    assert need_after_completion(NeedStatus.CLAIMED, 0) == ()


def test_update_task_starts_or_cancels_but_does_not_finish() -> None:
    check_progress(TASK, TaskStatus.IN_PROGRESS)
    check_progress(TASK, TaskStatus.CANCELLED)
    with pytest.raises(Conflict):
        check_progress(replace(TASK, status=TaskStatus.IN_PROGRESS), TaskStatus.DONE)
    with pytest.raises(Conflict):
        check_progress(replace(TASK, status=TaskStatus.DONE), TaskStatus.CANCELLED)


def test_only_a_task_in_progress_can_be_completed() -> None:
    check_completable(replace(TASK, status=TaskStatus.IN_PROGRESS))
    with pytest.raises(Conflict):
        check_completable(TASK)
