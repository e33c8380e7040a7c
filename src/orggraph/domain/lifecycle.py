"""The life of a need in the needs library: registered, published, claimed (or assigned by a joint meeting),
worked on, done and rated; and the life of a task of the four lists."""

from __future__ import annotations

from datetime import date

from orggraph.domain.errors import Conflict
from orggraph.domain.model import NEED_STATUS_LABELS, NeedStatus, TaskStatus

S = NeedStatus

NEXT: dict[NeedStatus, frozenset[NeedStatus]] = {
    # COLLECTED -> CLAIMED: a joint meeting assigns a registered need to a unit (派单)
    S.COLLECTED: frozenset({S.PUBLISHED, S.CLAIMED, S.REJECTED}),
    S.PUBLISHED: frozenset({S.CLAIMED, S.REJECTED}),
    S.CLAIMED: frozenset({S.IN_PROGRESS, S.PUBLISHED}),  # back to PUBLISHED when its last task is cancelled
    S.IN_PROGRESS: frozenset({S.DONE, S.PUBLISHED}),
    S.DONE: frozenset({S.RATED}),
    S.RATED: frozenset(),
    S.REJECTED: frozenset(),
}

# A need can be matched (recommended) until it is done, rated or rejected.
MATCHABLE = frozenset(NeedStatus) - {S.DONE, S.RATED, S.REJECTED}
# A need is open — waiting for a resource — until it is claimed.
OPEN = frozenset({S.COLLECTED, S.PUBLISHED})
# A match can be accepted (a task created) for a published or claimed need (a claimed need may take more than
# one task); a joint meeting may also decide on a registered one (派单), see DECIDABLE.
ACCEPTABLE = frozenset({S.PUBLISHED, S.CLAIMED})
DECIDABLE = ACCEPTABLE | {S.COLLECTED}
CLAIMABLE = frozenset({S.PUBLISHED})
# A need is finished (no longer overdue, no longer matched) once done, rated or rejected.
FINISHED = frozenset({S.DONE, S.RATED, S.REJECTED})
# What advanceNeed records: publishing a registered need or rejecting it; claim, work, completion and rating have
# mutations of their own (claimNeed, acceptMatch, recordJointMeeting, updateTask, completeTask).
ADVANCE_TARGETS = frozenset({S.PUBLISHED, S.REJECTED})


def advance_steps(current: NeedStatus) -> list[NeedStatus]:
    """The steps advanceNeed may move a need to from `current`, in the order of its life."""
    return [s for s in NeedStatus if s in NEXT[current] and s in ADVANCE_TARGETS]


def values(statuses: frozenset[NeedStatus] | frozenset[TaskStatus]) -> list[str]:
    """A status set as the sorted list of its values: how Cypher takes it (`n.status IN $open`)."""
    return sorted(s.value for s in statuses)


def check_transition(current: NeedStatus, to: NeedStatus, field: str = "to") -> None:
    if to not in NEXT[current]:
        allowed = "、".join(NEED_STATUS_LABELS[s] for s in sorted(NEXT[current], key=list(NeedStatus).index))
        raise Conflict(
            f"{field}: 需求当前为「{NEED_STATUS_LABELS[current]}」,不能变为「{NEED_STATUS_LABELS[to]}」"
            + (f";可以变为:{allowed}" if allowed else ";已是最终状态"),
            field=field,
        )


def is_overdue(needed_by: date, status: NeedStatus, today: date) -> bool:
    """A need is overdue once its date has passed while it is not finished."""
    return needed_by < today and status not in FINISHED


TASK_NEXT: dict[TaskStatus, frozenset[TaskStatus]] = {
    TaskStatus.PLANNED: frozenset({TaskStatus.IN_PROGRESS, TaskStatus.CANCELLED}),
    TaskStatus.IN_PROGRESS: frozenset({TaskStatus.DONE, TaskStatus.CANCELLED}),
    TaskStatus.DONE: frozenset(),
    TaskStatus.CANCELLED: frozenset(),
}
# A task is open (takes capacity, counts against its unit's load) until it is done or cancelled.
TASK_OPEN = frozenset({TaskStatus.PLANNED, TaskStatus.IN_PROGRESS})
TASK_LABELS = {
    TaskStatus.PLANNED: "待启动",
    TaskStatus.IN_PROGRESS: "推进中",
    TaskStatus.DONE: "已完成",
    TaskStatus.CANCELLED: "已取消",
}


def check_task_transition(current: TaskStatus, to: TaskStatus, field: str = "status") -> None:
    if to not in TASK_NEXT[current]:
        raise Conflict(
            f"{field}: 任务当前为「{TASK_LABELS[current]}」,不能变为「{TASK_LABELS[to]}」", field=field
        )


def is_task_overdue(deadline: date, status: TaskStatus, today: date) -> bool:
    """A task is overdue once its deadline has passed while it is still open."""
    return deadline < today and status in TASK_OPEN
