"""The serving process's garbage collector, set once its app has started (`orggraph serve`).

The async Neo4j driver leaves about 80 objects in reference cycles per statement (each result's hydration
scope and graph, each session's and transaction's handlers), which only the cyclic collector frees. With
Python's defaults (a young collection every 700 allocations, the oldest generation after ten of the
middle one) the server's whole heap, its schema, strawberry and FastAPI included, was walked about every
1.3 s, 107 ms each time: measured under a concurrency-16 load of one compiled read on 2 cores (2026-12-01),
7.6 s of collection in 60 s, about 0.15 ms of CPU a request and a 107 ms pause in the middle of requests.

`settle_heap` does what CPython's documentation advises for a long-running process: collect once, then
`gc.freeze()` everything alive at startup (never garbage: the collector stops walking it), and collect the
young generation every 20,000 allocations instead of 700. Same load: 2.0 s of collection in 60 s, pauses of
about 7 ms. Not in tests or one-off commands: frozen objects are never collected, and a test process makes
hundreds of apps.
"""

from __future__ import annotations

import gc

# (young, middle, old): a young collection every 20,000 net allocations of containers, the middle every
# 20 of those, the oldest every 20 of the middle's (measured together, docs/benchmarks.md)
THRESHOLDS = (20_000, 20, 20)


def settle_heap() -> None:
    """Collect, freeze what is alive (the app as started), and collect less often from here on."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
