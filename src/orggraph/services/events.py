"""Live events for subscribers, in every API process, on Community Edition.

Each process follows the one event log, the audit trail (graph.audit: records numbered in commit order
by one sequence node), so a change made through any process reaches the subscribers of all of them: it
polls for records after the last one it saw (every `poll_s`, only while someone subscribes), reads the
needs, tasks and meetings they touched, and hands each event to every subscriber that asked for it and
may see it (domain.events). A subscriber coming back with the number of the last event it saw first
gets what it missed from the log, up to `replay_max` records, then the live events: in order, once.
A task that becomes overdue is a change too: on a new day the first process to look records the tasks
whose deadline has passed since the last such sweep (graph.audit.sweep_overdue, action taskOverdue).
Each subscriber has a bounded queue; one that falls `queue_size` events behind is dropped
(`SlowConsumer`), so no client can make the process hold more."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import date

from orggraph.domain.auth import Principal, Unauthenticated
from orggraph.domain.errors import DomainError
from orggraph.domain.events import WHOLE_RECORD, Event, EventFilter, may_see
from orggraph.graph import audit, event_reads
from orggraph.graph.runner import Graph

log = logging.getLogger(__name__)
BATCH = 500  # records read per poll


class SlowConsumer(Exception):
    """The subscriber fell too far behind and was dropped."""


class TooManySubscriptions(DomainError):
    code = "TOO_MANY_SUBSCRIPTIONS"


class EventsExpired(DomainError):
    code = "EVENTS_EXPIRED"


@dataclass(eq=False)
class Subscriber:
    principal: Principal
    filter: EventFilter
    queue: asyncio.Queue[Event]
    last: tuple[int, int]  # the key of the last event handed on, or the place after which it starts
    dropped: bool = False
    wake: asyncio.Event = field(default_factory=asyncio.Event)


class EventHub:
    def __init__(
        self,
        graph: Graph,
        *,
        poll_s: float,
        queue_size: int,
        replay_max: int,
        per_principal: int,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.graph = graph
        self.today = today
        self.swept: date | None = None  # the day this process last swept for overdue tasks
        self.poll_s = poll_s
        self.queue_size = queue_size
        self.replay_max = replay_max
        self.per_principal = per_principal
        self.position: int | None = None  # the last record this process has read (None: not following)
        self.subscribers: set[Subscriber] = set()
        self.by_principal: Counter[str] = Counter()
        self.delivered = 0  # events handed to subscribers, in all
        self._task: asyncio.Task[None] | None = None
        self._someone = asyncio.Event()

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def subscribe(
        self, principal: Principal, wanted: EventFilter, after: tuple[int, int] | None
    ) -> AsyncIterator[Event]:
        """The events `principal` may see that `wanted` admits, after the event whose key is `after`
        (from the log; (n, WHOLE_RECORD) for after all of record n) or from now; refused before anything
        is read if the principal may not subscribe or has too many subscriptions open."""
        if not principal.authenticated:
            raise Unauthenticated(
                "需要登录:订阅须在 connection_init 的 payload 中提供 Authorization: Bearer 令牌"
            )
        key = principal.actor
        if self.by_principal[key] >= self.per_principal:
            raise TooManySubscriptions(
                f"订阅过多:每个用户最多同时 {self.per_principal} 个订阅,请先取消不用的订阅", field=None
            )
        self.by_principal[key] += 1  # counted before any wait: subscriptions made together count too
        sub: Subscriber | None = None
        try:
            await self._follow()
            assert self.position is not None
            start = self.position
            begin = after if after is not None else (start, WHOLE_RECORD)
            sub = Subscriber(principal, wanted, asyncio.Queue(self.queue_size), begin)
            self.subscribers.add(sub)  # from here on, live events after `start` queue up for it
            self._someone.set()
            if after is not None and after < (start, WHOLE_RECORD):
                # the rest of a record seen in part is read again; what was seen is left out by key
                seen = after[0] if after[1] == WHOLE_RECORD else after[0] - 1
                async for event in self._replay(sub, seen, start):
                    yield event
            while True:
                if sub.dropped:
                    raise SlowConsumer(f"slow consumer: more than {self.queue_size} events waiting")
                try:
                    event = sub.queue.get_nowait()
                except asyncio.QueueEmpty:
                    sub.wake.clear()
                    await sub.wake.wait()
                    continue
                if event.key > sub.last:
                    sub.last = event.key
                    yield event
        finally:
            if sub is not None:
                self.subscribers.discard(sub)
            self.by_principal[key] -= 1
            if self.by_principal[key] <= 0:
                del self.by_principal[key]

    async def _replay(self, sub: Subscriber, after: int, upto: int) -> AsyncIterator[Event]:
        first, count = await event_reads.kept_after(self.graph, after)
        missing = first is None or first > after + 1
        if missing or count > self.replay_max:
            raise EventsExpired(
                f"after: 自事件 {after} 以来的事件已超出可补发范围(最多 {self.replay_max} 条),"
                "请重新查询当前数据后不带 after 订阅",
                field="after",
            )
        position = after
        while position < upto:
            read, events = await event_reads.events(self.graph, after=position, upto=upto, limit=BATCH)
            if read == position:  # nothing more (records removed meanwhile): the live events follow
                break
            position = read
            for event in events:
                if event.key > sub.last and sub.filter.admits(event) and may_see(sub.principal, event):
                    sub.last = event.key
                    yield event
            sub.last = max(sub.last, (position, WHOLE_RECORD))

    async def _follow(self) -> None:
        """Follow the log. While nobody subscribes the process does not read it, so a first subscriber
        starts from the log's current end (every subscriber drops what it has already seen)."""
        if not self.subscribers:
            last = await event_reads.last_seq(self.graph)
            # Someone may have subscribed during that read: the follower then reads for them from its
            # own place, and moving it to `last` would skip records it has not handed on yet (lost).
            if not self.subscribers:
                self.position = max(self.position or 0, last)
        if self._task is None:
            self._task = asyncio.create_task(self._poll(), name="orggraph-events")

    async def _poll(self) -> None:
        while True:
            if not self.subscribers:
                self._someone.clear()
                await self._someone.wait()
            today = self.today()
            if self.swept != today:
                try:
                    await audit.sweep_overdue(self.graph, today)
                    self.swept = today
                except Exception:  # tried again next time; the log is read all the same
                    log.warning("event log: the overdue sweep failed; retrying", exc_info=True)
            try:
                await self.step()
            except Exception:  # Neo4j away for a moment: keep the place, try again
                log.warning("event log: reading failed; retrying", exc_info=True)
            await asyncio.sleep(self.poll_s)

    async def step(self) -> int:
        """Read what was added to the log since the last step and hand it on; returns the records read.
        (Before it, on a new day, the poll records the tasks that have become overdue, once across
        processes.)"""
        assert self.position is not None
        read = 0
        while True:
            start = self.position
            last, events = await event_reads.events(self.graph, after=start, upto=2**62, limit=BATCH)
            self._dispatch(events)
            self.position = max(self.position, last)
            read += last - start
            if last - start < BATCH:
                return read

    def _dispatch(self, events: list[Event]) -> None:
        for sub in list(self.subscribers):
            if sub.dropped:
                continue
            for event in events:
                if sub.filter.admits(event) and may_see(sub.principal, event):
                    try:
                        sub.queue.put_nowait(event)
                    except asyncio.QueueFull:
                        sub.dropped = True
                        break
                    self.delivered += 1
            sub.wake.set()
