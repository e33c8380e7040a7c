"""The rules of the four lists: what a task may take from a resource, and what becomes of its need when
a task starts, is cancelled or is done. Pure; the use cases call them inside their write transaction."""

from __future__ import annotations

from orggraph.domain import entities as e
from orggraph.domain.errors import Conflict
from orggraph.domain.lifecycle import ACCEPTABLE, TASK_LABELS, check_task_transition
from orggraph.domain.model import NEED_STATUS_LABELS, NeedStatus, ResourceStatus, TaskStatus


def check_acceptable(need: e.Need) -> None:
    """A match is accepted for a need the meeting resolved, or that was published or claimed."""
    if need.status not in ACCEPTABLE:
        raise Conflict(
            f"needId: 需求为「{NEED_STATUS_LABELS[need.status]}」,须经会议决议或公开后才能确定承接资源",
            field="needId",
        )


def capacity_taken(resource: e.Resource, need_quantity: float) -> float:
    """How much of the resource a new task takes: what the need asks, at most what is left."""
    if resource.status is not ResourceStatus.ACTIVE:
        raise Conflict("resourceId: 资源已撤回", field="resourceId")
    left = resource.capacity - resource.allocated
    if left <= 0:
        raise Conflict("resourceId: 资源容量已用完", field="resourceId")
    return min(need_quantity, left)


def check_progress(task: e.Task, to: TaskStatus) -> None:
    """updateTask starts or cancels; finishing goes through completeTask, which takes a rating."""
    check_task_transition(task.status, to)
    if to is TaskStatus.DONE:
        raise Conflict("status: 完成任务请用 completeTask(需评价 1-5 分)", field="status")


def check_completable(task: e.Task) -> None:
    if task.status is not TaskStatus.IN_PROGRESS:
        raise Conflict(f"id: 任务为「{TASK_LABELS[task.status]}」,只有推进中的任务可以完成", field="id")


def need_after_start(need: NeedStatus) -> NeedStatus | None:
    """A claimed need is being carried out once one of its tasks starts."""
    return NeedStatus.IN_PROGRESS if need is NeedStatus.CLAIMED else None


def need_after_cancel(need: NeedStatus, other_open_tasks: int) -> NeedStatus | None:
    """When its last open task is cancelled, a claimed or ongoing need is published again."""
    if other_open_tasks == 0 and need in (NeedStatus.CLAIMED, NeedStatus.IN_PROGRESS):
        return NeedStatus.PUBLISHED
    return None


def need_after_completion(need: NeedStatus, other_open_tasks: int) -> tuple[NeedStatus, ...]:
    """When its last open task is done and rated, an ongoing need is done, then rated."""
    if other_open_tasks == 0 and need is NeedStatus.IN_PROGRESS:
        return (NeedStatus.DONE, NeedStatus.RATED)
    return ()
