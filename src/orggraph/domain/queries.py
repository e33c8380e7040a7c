"""What a caller asks of the lists: typed filters of the two libraries and the four lists. Graph
functions turn them into Cypher parameters; the API builds them from its filter inputs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from orggraph.domain.errors import BadInput
from orggraph.domain.model import NeedStatus, ResourceStatus, ServiceArea, TaskStatus
from orggraph.domain.taxonomy import Domain, SupportType


@dataclass(frozen=True)
class NeedQuery:
    community_id: str | None = None
    street_id: str | None = None
    statuses: tuple[NeedStatus, ...] | None = None
    domain: Domain | None = None
    support_type: SupportType | None = None
    overdue: bool | None = None
    search: str | None = None  # full text of title and description


@dataclass(frozen=True)
class ResourceQuery:
    unit_id: str | None = None
    statuses: tuple[ResourceStatus, ...] | None = None
    support_type: SupportType | None = None
    domain: Domain | None = None
    service_area: ServiceArea | None = None
    search: str | None = None


class TaskOrder(StrEnum):
    """The orders of the four lists."""

    CREATION = "CREATION"  # the task and standard lists
    DEADLINE = "DEADLINE"  # the time-limit list
    UNIT = "UNIT"  # the responsibility list: by unit, then deadline


@dataclass(frozen=True)
class TaskQuery:
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
