"""Subscriptions (graphql-transport-ws at /graphql): a need changed, a task changed, a joint meeting was
recorded, anywhere in the city, through any API process (services.events). The subscriber signs in with
`{"Authorization": "Bearer <token>"}` in connection_init's payload and receives only the events its role
reaches, with the same personal-data masking as queries. Each event's `id` is its number in the log:
subscribe again with `after: <the last id seen>` to receive what was missed."""

from __future__ import annotations

import re
import time
from collections.abc import AsyncGenerator, AsyncIterator
from datetime import datetime
from typing import Annotated

import strawberry
from starlette.websockets import WebSocket

from orggraph.api.context import Ctx, Loaders
from orggraph.api.library_types import Need
from orggraph.api.network_types import JointMeeting
from orggraph.api.tasks import Task
from orggraph.api.words import arg
from orggraph.domain import glossary
from orggraph.domain.errors import BadInput
from orggraph.domain.events import WHOLE_RECORD, Event, EventFilter, EventKind
from orggraph.services.events import SlowConsumer

# the WebSocket close code for a subscriber dropped for falling behind (graphql-ws keeps 4400-4499 for
# its own; 4413 is ours: "too much queued")
SLOW_CONSUMER_CLOSE = 4413


@strawberry.type(description=glossary.describe("NeedEvent"))
class NeedEvent:
    id: strawberry.ID = strawberry.field(description=glossary.describe("NeedEvent", "id"))
    at: datetime = strawberry.field(description=glossary.describe("NeedEvent", "at"))
    action: str = strawberry.field(description=glossary.describe("NeedEvent", "action"))
    need: Need = strawberry.field(description=glossary.describe("NeedEvent", "need"))


@strawberry.type(description=glossary.describe("TaskEvent"))
class TaskEvent:
    id: strawberry.ID = strawberry.field(description=glossary.describe("TaskEvent", "id"))
    at: datetime = strawberry.field(description=glossary.describe("TaskEvent", "at"))
    action: str = strawberry.field(description=glossary.describe("TaskEvent", "action"))
    task: Task = strawberry.field(description=glossary.describe("TaskEvent", "task"))


@strawberry.type(description=glossary.describe("MeetingEvent"))
class MeetingEvent:
    id: strawberry.ID = strawberry.field(description=glossary.describe("MeetingEvent", "id"))
    at: datetime = strawberry.field(description=glossary.describe("MeetingEvent", "at"))
    action: str = strawberry.field(description=glossary.describe("MeetingEvent", "action"))
    meeting: JointMeeting = strawberry.field(description=glossary.describe("MeetingEvent", "meeting"))


_EVENT_ID = re.compile(r"([0-9]{1,18})(?:\.([0-9]{1,9}))?")


def event_id(ev: Event) -> strawberry.ID:
    """An event's id: its record's number in the log ("1234"), with its place in the record when the
    record carries several events ("1234.0", "1234.1": the daily overdue record names several tasks;
    acceptMatch's changes a task and its need). As `after`, "1234" means after all of record 1234."""
    return strawberry.ID(str(ev.seq) if ev.count == 1 else f"{ev.seq}.{ev.index}")


def _after(after: strawberry.ID | None) -> tuple[int, int] | None:
    if after is None:
        return None
    found = _EVENT_ID.fullmatch(str(after))
    if found is None:
        raise BadInput("after: 不是本服务给出的事件编号", field="after")
    seq, index = found.groups()
    return (int(seq), WHOLE_RECORD) if index is None else (int(seq), int(index))


async def _events(info: Ctx, wanted: EventFilter, after: strawberry.ID | None) -> AsyncIterator[Event]:
    ctx = info.context
    ctx.subscriptions += 1
    try:
        async for event in ctx.events.subscribe(ctx.principal, wanted, _after(after)):
            ctx.loaders = Loaders(ctx.graph)  # each event is read afresh, not from an earlier one's cache
            yield event
    except SlowConsumer as exc:
        if isinstance(ctx.request, WebSocket):
            await ctx.request.close(code=SLOW_CONSUMER_CLOSE, reason=str(exc))
    finally:
        ctx.subscriptions -= 1
        ctx.idle_since = time.monotonic()


@strawberry.type
class EventSubscription:
    @strawberry.subscription(description=glossary.use_case("needChanged"))
    async def need_changed(
        self,
        info: Ctx,
        street_id: Annotated[strawberry.ID | None, arg("needChanged", "streetId")] = None,
        community_id: Annotated[strawberry.ID | None, arg("needChanged", "communityId")] = None,
        after: Annotated[strawberry.ID | None, arg("needChanged", "after")] = None,
    ) -> AsyncGenerator[NeedEvent, None]:
        wanted = EventFilter(EventKind.NEED, street_id=street_id, community_id=community_id)
        async for ev in _events(info, wanted, after):
            yield NeedEvent(id=event_id(ev), at=ev.at, action=ev.action, need=Need.from_entity(ev.subject))

    @strawberry.subscription(description=glossary.use_case("taskChanged"))
    async def task_changed(
        self,
        info: Ctx,
        street_id: Annotated[strawberry.ID | None, arg("taskChanged", "streetId")] = None,
        community_id: Annotated[strawberry.ID | None, arg("taskChanged", "communityId")] = None,
        unit_id: Annotated[strawberry.ID | None, arg("taskChanged", "unitId")] = None,
        after: Annotated[strawberry.ID | None, arg("taskChanged", "after")] = None,
    ) -> AsyncGenerator[TaskEvent, None]:
        wanted = EventFilter(EventKind.TASK, street_id=street_id, community_id=community_id, unit_id=unit_id)
        async for ev in _events(info, wanted, after):
            yield TaskEvent(id=event_id(ev), at=ev.at, action=ev.action, task=Task.from_entity(ev.subject))

    @strawberry.subscription(description=glossary.use_case("meetingRecorded"))
    async def meeting_recorded(
        self,
        info: Ctx,
        street_id: Annotated[strawberry.ID | None, arg("meetingRecorded", "streetId")] = None,
        community_id: Annotated[strawberry.ID | None, arg("meetingRecorded", "communityId")] = None,
        after: Annotated[strawberry.ID | None, arg("meetingRecorded", "after")] = None,
    ) -> AsyncGenerator[MeetingEvent, None]:
        wanted = EventFilter(EventKind.MEETING, street_id=street_id, community_id=community_id)
        async for ev in _events(info, wanted, after):
            yield MeetingEvent(
                id=event_id(ev),
                at=ev.at,
                action=ev.action,
                meeting=JointMeeting.from_entity(ev.subject),
            )
