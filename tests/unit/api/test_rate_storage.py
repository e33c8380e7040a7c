"""The rate limit's in-memory storage (api.http.SweptMemoryStorage): the `limits` library's moving window,
its expired entries swept on the request path instead of by a timer thread started again every 10 ms."""

from __future__ import annotations

import time

from limits import parse
from limits.strategies import MovingWindowRateLimiter

from orggraph.api.http import SweptMemoryStorage


def test_hits_start_no_thread() -> None:
    storage = SweptMemoryStorage()
    first = storage.timer  # the one the library's constructor started (and this storage cancelled)
    limiter = MovingWindowRateLimiter(storage)
    item = parse("1000/minute")
    for i in range(200):
        assert limiter.hit(item, "principal", f"user-{i % 3}")
        if i % 50 == 0:
            time.sleep(0.02)  # past the library's 10 ms timer: it would have started another
    # the library's own scheduling replaces `timer` with a new one whenever the last is no longer alive: a
    # release that renames its private method brings that back, and this fails
    assert storage.timer is first
    assert not first.is_alive()


def test_the_moving_window_still_refuses_past_the_limit_and_frees_after_it() -> None:
    limiter = MovingWindowRateLimiter(SweptMemoryStorage())
    item = parse("2/second")
    assert limiter.hit(item, "address", "10.0.0.1")
    assert limiter.hit(item, "address", "10.0.0.1")
    assert not limiter.hit(item, "address", "10.0.0.1")
    assert limiter.hit(item, "address", "10.0.0.2")  # another key counts on its own
    _reset, remaining = limiter.get_window_stats(item, "address", "10.0.0.1")
    assert remaining == 0
    time.sleep(1.05)
    assert limiter.hit(item, "address", "10.0.0.1")


def test_the_sweep_frees_the_entries_of_windows_that_have_passed() -> None:
    storage = SweptMemoryStorage(sweep_s=0.2)
    limiter = MovingWindowRateLimiter(storage)
    item = parse("5/second")
    for _ in range(3):
        limiter.hit(item, "address", "gone")
    assert any("gone" in key for key in storage.events)
    time.sleep(1.25)  # past the window and the sweep's interval
    limiter.hit(item, "address", "other")  # a hit on any key sweeps when one is due
    assert [v for key, v in storage.events.items() if "gone" in key] == [[]]  # the library keeps the key
    assert [len(v) for key, v in storage.events.items() if "other" in key] == [1]
