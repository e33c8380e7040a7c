"""Events of the co-building network for subscribers: a need, a task or a joint meeting changed. Each
comes from one record of the audit trail (its number `seq` orders them across every API process) and
carries the subject's state when it was read, and where it sits (its scope)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from orggraph.domain.auth import Action, Principal, Scope, allowed


class EventKind(StrEnum):
    NEED = "NEED"
    TASK = "TASK"
    MEETING = "MEETING"


@dataclass(frozen=True)
class Event:
    seq: int  # the record's number in the log
    index: int  # its place among the events of that record (a sweep's record names many tasks)
    count: int  # how many events that record carries
    at: datetime
    action: str  # the mutation that made it
    kind: EventKind
    subject: Any  # e.Need, e.Task or e.JointMeeting, as read after the change
    scope: Scope

    @property
    def key(self) -> tuple[int, int]:
        """Where the event stands in the log: subscribers receive events in this order, each once."""
        return (self.seq, self.index)


# a place in the log after every event of record n: (n, WHOLE_RECORD)
WHOLE_RECORD = 2**31


@dataclass(frozen=True)
class EventFilter:
    """What a subscriber asked for: a kind of event, and optionally a street, a community or a unit."""

    kind: EventKind
    street_id: str | None = None
    community_id: str | None = None
    unit_id: str | None = None

    def admits(self, event: Event) -> bool:
        s = event.scope
        return (
            event.kind is self.kind
            and (self.street_id is None or s.street_id == self.street_id)
            and (self.community_id is None or s.community_id == self.community_id)
            and (self.unit_id is None or s.unit_id == self.unit_id)
        )


def may_see(principal: Principal, event: Event) -> bool:
    """A subscriber receives an event only where its role reaches (auth.RULES[SUBSCRIBE]): the city for
    the organization department and viewers, its street, its community, or its unit's tasks."""
    return allowed(principal, Action.SUBSCRIBE, event.scope)
