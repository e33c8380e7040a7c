"""The heavy-work pool's admission and single flight, without processes or Neo4j."""

from __future__ import annotations

import asyncio

import pytest

from orggraph.services.heavy import Busy, HeavyWork


def pool(capacity: int = 2) -> HeavyWork:
    return HeavyWork(workers=1, queue=capacity - 1, timeout_s=10)


async def test_concurrent_callers_with_one_key_share_one_computation() -> None:
    heavy, calls, gate = pool(), [], asyncio.Event()

    async def work() -> int:
        calls.append(1)
        await gate.wait()
        return 42

    first = asyncio.ensure_future(heavy.shared("k", work))
    second = asyncio.ensure_future(heavy.shared("k", work))
    await asyncio.sleep(0)
    assert heavy.admitted == 1
    gate.set()
    assert await asyncio.gather(first, second) == [42, 42]
    assert calls == [1] and heavy.admitted == 0 and heavy.admitted_total == 1


async def test_another_key_is_another_computation_and_past_capacity_is_busy_at_once() -> None:
    heavy, gate = pool(capacity=2), asyncio.Event()

    async def work() -> None:
        await gate.wait()

    jobs = [asyncio.ensure_future(heavy.shared(k, work)) for k in ("a", "b")]
    await asyncio.sleep(0)
    with pytest.raises(Busy) as caught:
        await heavy.shared("c", work)
    assert caught.value.retry_after == 5 and heavy.admitted_total == 2
    gate.set()
    await asyncio.gather(*jobs)


async def test_a_computation_whose_callers_all_left_is_cancelled_and_a_new_caller_starts_afresh() -> None:
    heavy, started = pool(), []

    async def work() -> str:
        started.append(1)
        await asyncio.sleep(60)
        return "done"

    waiter = asyncio.ensure_future(heavy.shared("k", work))
    await asyncio.sleep(0)
    waiter.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiter

    async def quick() -> str:
        return "fresh"

    assert await heavy.shared("k", quick) == "fresh"  # not the cancelled flight
    await asyncio.sleep(0)
    assert heavy.admitted == 0
