"""The rules of the two libraries."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from orggraph.domain.commands import ResourceChanges
from orggraph.domain.errors import BadInput, Conflict
from orggraph.domain.library import check_claimable, check_need_editable, check_resource_changes
from orggraph.domain.model import NeedStatus, ResourceStatus
from tests.unit.domain.samples import NEED, RESOURCE


def test_a_need_is_edited_until_it_is_claimed() -> None:
    check_need_editable(NEED)
    with pytest.raises(Conflict, match="已认领"):
        check_need_editable(replace(NEED, status=NeedStatus.CLAIMED))


def test_only_a_published_need_is_claimed() -> None:
    check_claimable(NEED)
    with pytest.raises(Conflict) as caught:
        check_claimable(replace(NEED, status=NeedStatus.COLLECTED))
    assert caught.value.field == "needId"


def test_a_resources_capacity_never_drops_below_what_tasks_took() -> None:
    check_resource_changes(RESOURCE, ResourceChanges("r1", capacity=4.0))
    with pytest.raises(Conflict) as caught:
        check_resource_changes(RESOURCE, ResourceChanges("r1", capacity=3.0))
    assert caught.value.field == "capacity"


def test_a_new_end_before_the_stored_start_is_refused() -> None:
    with pytest.raises(BadInput) as caught:
        check_resource_changes(RESOURCE, ResourceChanges("r1", available_until=date(2025, 12, 31)))
    assert caught.value.field == "availableUntil"


def test_a_withdrawn_resource_is_not_edited() -> None:
    with pytest.raises(Conflict, match="撤回"):
        check_resource_changes(replace(RESOURCE, status=ResourceStatus.WITHDRAWN), ResourceChanges("r1"))
