"""The rules of the two libraries: when a need's content may change, who may claim it, and what a
resource's changes must respect. Pure; the use cases call them inside their write transaction."""

from __future__ import annotations

from orggraph.domain import entities as e
from orggraph.domain.commands import ResourceChanges
from orggraph.domain.errors import BadInput, Conflict
from orggraph.domain.lifecycle import CLAIMABLE, OPEN
from orggraph.domain.model import NEED_STATUS_LABELS, ResourceStatus


def check_need_editable(need: e.Need) -> None:
    """A need's content can change while it is open (until it is claimed)."""
    if need.status not in OPEN:
        raise Conflict(f"id: 需求已「{NEED_STATUS_LABELS[need.status]}」,不能再修改内容", field="id")


def check_claimable(need: e.Need) -> None:
    """认领/揭榜: only a published need can be claimed by a unit."""
    if need.status not in CLAIMABLE:
        raise Conflict(
            f"needId: 需求为「{NEED_STATUS_LABELS[need.status]}」,只有「已发布」的需求可以认领",
            field="needId",
        )


def check_resource_changes(resource: e.Resource, changes: ResourceChanges) -> None:
    """A withdrawn resource is not edited; its capacity never drops below what tasks took; its window
    stays a window."""
    if resource.status is not ResourceStatus.ACTIVE:
        raise Conflict("id: 资源已撤回,不能再修改", field="id")
    if changes.capacity is not None and changes.capacity < resource.allocated:
        raise Conflict(f"capacity: 已有任务占用 {resource.allocated:g},容量不能低于此数", field="capacity")
    start = changes.available_from or resource.available_from
    end = changes.available_until or resource.available_until
    if end < start:
        raise BadInput("availableUntil: 不能早于 availableFrom", field="availableUntil")
