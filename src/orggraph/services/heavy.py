"""Heavy work off the event loop: a bounded pool of worker processes with a bounded queue.

The city-wide plan's scoring and solver are seconds of CPU in Python (26 s at 100x). On the event loop
they would stall every other request, and the request deadline could not interrupt them. Here they run
in worker processes (pebble: a task past its timeout, or cancelled because its request timed out, has
its process ended and replaced — concurrent.futures cannot stop a running task). At most `workers` run
and `queue` more wait; past that a caller is told BUSY with a retry hint at once, never made to wait.

Concurrent requests for the same computation share it (single flight): the key includes the number of
writes this process has committed, so a request that arrives after a change never gets a result
computed from the graph before it.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Awaitable, Callable, Hashable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pebble import ProcessPool

from orggraph.domain.errors import DomainError

T = TypeVar("T")


class Busy(DomainError):
    """Every worker is busy and the queue is full: retry after `retry_after` seconds."""

    code = "BUSY"

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"服务器正忙:计算任务已满,请 {retry_after} 秒后重试")
        self.retry_after = retry_after


class TooLong(DomainError):
    """The computation passed its time limit and was stopped."""

    code = "TIMEOUT"


@dataclass
class _Flight:
    task: asyncio.Task[Any]
    waiters: int = 0


@dataclass
class HeavyWork:
    workers: int
    queue: int
    timeout_s: float  # a task's own limit, besides its request's deadline
    retry_after_s: int = 5
    started: int = 0  # tasks handed to a worker since the start (what the tests and metrics read)
    _pool: ProcessPool | None = None
    _pending: set[Future[Any]] = field(default_factory=set)
    _flights: dict[Hashable, _Flight] = field(default_factory=dict)

    @property
    def busy(self) -> int:
        """Tasks running or waiting for a worker."""
        return len(self._pending)

    def _workers(self) -> ProcessPool:
        if self._pool is None:
            # spawn: the workers share nothing with this process's threads (the driver's, the loop's)
            self._pool = ProcessPool(max_workers=self.workers, context=multiprocessing.get_context("spawn"))
        return self._pool

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` in a worker process (fn and args must pickle). Raises Busy when the pool is full;
        cancelling the caller (its request timed out) ends the worker running it."""
        if self.busy >= self.workers + self.queue:
            raise Busy(self.retry_after_s)
        future = self._workers().schedule(fn, args=args, timeout=self.timeout_s)
        self.started += 1
        self._pending.add(future)
        future.add_done_callback(self._pending.discard)
        try:
            result: T = await asyncio.wrap_future(future)
        except asyncio.CancelledError:
            future.cancel()  # type: ignore[no-untyped-call]  # pebble stops the worker process that runs it
            raise
        except TimeoutError:
            raise TooLong(f"计算超过 {self.timeout_s:g} 秒,已中止;请缩小范围后重试") from None
        except BrokenProcessPool:
            self.close()  # the next task starts a fresh pool
            raise Busy(self.retry_after_s) from None
        return result

    async def shared(self, key: Hashable, work: Callable[[], Awaitable[T]]) -> T:
        """One computation for every concurrent caller with the same key. It is cancelled when its last
        caller goes away (its requests timed out): nobody is left to use it."""
        flight = self._flights.get(key)
        if flight is None:
            flight = _Flight(asyncio.ensure_future(work()))
            self._flights[key] = flight
            flight.task.add_done_callback(lambda _: self._flights.pop(key, None))
        flight.waiters += 1
        try:
            result: T = await asyncio.shield(flight.task)
            return result
        finally:
            flight.waiters -= 1
            if flight.waiters == 0 and not flight.task.done():
                flight.task.cancel()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.stop()  # type: ignore[no-untyped-call]
            self._pool.join()
            self._pool = None
