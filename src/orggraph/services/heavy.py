"""Heavy work off the event loop: a bounded pool of worker processes with a bounded queue.

The city-wide plan's scoring and solver are seconds of CPU in Python (26 s at 100x). On the event loop
they would stall every other request, and the request deadline could not interrupt them. Here they run
in worker processes (pebble: a running task that is cancelled because its request timed out, or that
passes its time limit, has its process ended and replaced — concurrent.futures cannot stop a running
task).

A job is admitted before it reads anything: at most `workers + queue` jobs at once (a plan's reads
included, which at 10x are most of its time); past that a caller is told BUSY with a retry hint at
once, never made to wait. Admitted jobs wait for a free worker here, on the asyncio side, so that
pebble only ever holds tasks a worker runs: a waiting job that is cancelled costs nothing.

Concurrent requests for the same computation share it (single flight): the callers' key says what it
depends on (for a plan: its scope and the number of writes this process has made).
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Awaitable, Callable, Hashable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pebble import ProcessExpired, ProcessPool

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
    timeout_s: float  # a task's own limit in its worker, besides its request's deadline
    retry_after_s: int = 5
    admitted_total: int = 0  # jobs admitted since the start (what the tests and metrics read)
    admitted: int = 0  # jobs admitted and not finished: reading, waiting for a worker or computing
    _pool: ProcessPool | None = None
    _free: asyncio.Semaphore | None = None
    _running: set[Future[Any]] = field(default_factory=set)
    _flights: dict[Hashable, _Flight] = field(default_factory=dict)

    @property
    def busy(self) -> int:
        """Tasks a worker process is running now."""
        return len(self._running)

    def worker_pids(self) -> set[int]:
        """The pids of the live worker processes (pebble's own bookkeeping; for tests and metrics)."""
        manager = getattr(self._pool, "_pool_manager", None)
        workers = getattr(getattr(manager, "worker_manager", None), "workers", {})
        return {int(pid) for pid in workers}

    def _admit(self) -> None:
        if self.admitted >= self.workers + self.queue:
            raise Busy(self.retry_after_s)
        self.admitted += 1
        self.admitted_total += 1

    def _workers(self) -> ProcessPool:
        if self._pool is None or not self._pool.active:
            self._discard_pool()
            # spawn: the workers share nothing with this process's threads (the driver's, the loop's)
            self._pool = ProcessPool(max_workers=self.workers, context=multiprocessing.get_context("spawn"))
        return self._pool

    def _discard_pool(self) -> None:
        old, self._pool = self._pool, None
        if old is not None:
            old.stop()  # type: ignore[no-untyped-call]

    async def compute(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` in a worker process, for a job already admitted: waits here for a free worker.
        Cancelling the caller (its request timed out) ends the worker running it."""
        if self._free is None:
            self._free = asyncio.Semaphore(self.workers)
        async with self._free:
            pool = self._workers()
            future = pool.schedule(fn, args=args, timeout=self.timeout_s)
            self._running.add(future)
            future.add_done_callback(self._running.discard)
            try:
                result: T = await asyncio.wrap_future(future)
            except asyncio.CancelledError:
                future.cancel()  # type: ignore[no-untyped-call]  # pebble ends the worker process running it
                raise
            except TimeoutError:
                raise TooLong(f"计算超过 {self.timeout_s:g} 秒,已中止;请缩小范围后重试") from None
            except (BrokenProcessPool, ProcessExpired):
                if self._pool is pool:  # a worker died under it: the next job starts a fresh pool
                    self._discard_pool()
                raise Busy(self.retry_after_s) from None
            return result

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """One job on its own: admitted (or BUSY at once), then computed in a worker."""
        self._admit()
        try:
            return await self.compute(fn, *args)
        finally:
            self.admitted -= 1

    async def shared(self, key: Hashable, work: Callable[[], Awaitable[T]]) -> T:
        """One admitted job for every concurrent caller with the same key (BUSY at once when a new one
        cannot be admitted). It is cancelled when its last caller goes away: nobody is left to use it."""
        flight = self._flights.get(key)
        if flight is None:
            self._admit()
            task = asyncio.ensure_future(work())
            flight = _Flight(task)
            self._flights[key] = flight

            def finished(_: object, key: Hashable = key, flight: _Flight = flight) -> None:
                self.admitted -= 1
                if self._flights.get(key) is flight:
                    del self._flights[key]

            task.add_done_callback(finished)
        flight.waiters += 1
        try:
            result: T = await asyncio.shield(flight.task)
            return result
        finally:
            flight.waiters -= 1
            if flight.waiters == 0 and not flight.task.done():
                if self._flights.get(key) is flight:  # nobody may join a flight being cancelled
                    del self._flights[key]
                flight.task.cancel()

    def warm(self, fn: Callable[[], object]) -> None:
        """Start the worker processes now and run `fn` (a module-level function that imports what the jobs
        need) once per worker, in the background: the first job does not wait for a spawned interpreter to
        import numpy and scipy. Nothing waits for it; a job that comes sooner queues behind it in pebble."""
        pool = self._workers()
        for _ in range(self.workers):
            pool.schedule(fn)

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.stop()  # type: ignore[no-untyped-call]
            pool.join()
