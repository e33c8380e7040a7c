"""What a caller asks of the lists: typed filters of the two libraries and the four lists. Graph
functions turn them into Cypher parameters; the API builds them from its filter inputs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from orggraph.domain.errors import BadInput
from orggraph.domain.model import NeedStatus, ResourceStatus, ServiceArea, TaskStatus
from orggraph.domain.taxonomy import Domain, SupportType

DEFAULT_PAGE = 20
MAX_PAGE = 100


def page_size(size: int | None, field: str = "first", maximum: int = MAX_PAGE) -> int:
    """The number of items asked for: the default when none, refused (naming `field`) when out of range."""
    if size is None:
        return DEFAULT_PAGE
    if size < 0:
        raise BadInput(f"{field}: 不能为负数", field=field)
    if size > maximum:
        raise BadInput(f"{field}: 每页最多 {maximum} 条", field=field)
    return size


@dataclass(frozen=True)
class Window:
    """Which page of a sorted list a caller asks for, as Relay's cursor connections put it: the items
    after the cursor `after` and before the cursor `before` (each optional), of which the first `size`
    (`first`, forward) or the last `size` (`last`, backward). A page is always in the list's order."""

    size: int = DEFAULT_PAGE
    after: str | None = None
    before: str | None = None
    backward: bool = False

    @classmethod
    def of(
        cls, *, first: int | None = None, after: str | None = None, last: int | None = None,
        before: str | None = None,
    ) -> Window:  # fmt: skip
        if first is not None and last is not None:
            raise BadInput(
                "last: 不能与 first 同时使用(向后翻页用 first/after,向前翻页用 last/before)", field="last"
            )
        if last is not None:
            return cls(page_size(last, "last"), after, before, backward=True)
        return cls(page_size(first), after, before)


@dataclass(frozen=True)
class NeedQuery:
    community_id: str | None = None
    street_id: str | None = None
    statuses: tuple[NeedStatus, ...] | None = None
    domain: Domain | None = None
    support_type: SupportType | None = None
    overdue: bool | None = None
    search: str | None = None  # full text of title and description
    city_id: str | None = None


@dataclass(frozen=True)
class ResourceQuery:
    unit_id: str | None = None
    statuses: tuple[ResourceStatus, ...] | None = None
    support_type: SupportType | None = None
    domain: Domain | None = None
    service_area: ServiceArea | None = None
    search: str | None = None
    city_id: str | None = None


class TaskOrder(StrEnum):
    """The orders of the four lists."""

    CREATION = "CREATION"  # the task and standard lists
    DEADLINE = "DEADLINE"  # the time-limit list
    UNIT = "UNIT"  # the responsibility list: by unit, then deadline


@dataclass(frozen=True)
class TaskQuery:
    city_id: str | None = None
    street_id: str | None = None
    community_id: str | None = None
    unit_id: str | None = None
    statuses: tuple[TaskStatus, ...] | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None

    def checked(self) -> TaskQuery:
        if self.deadline_from and self.deadline_to and self.deadline_to < self.deadline_from:
            raise BadInput("deadlineTo: 不能早于 deadlineFrom", field="deadlineTo")
        return self
