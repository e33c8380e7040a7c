"""The planner's oracle: the best total score found by trying every assignment."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import product

from orggraph.matching.planner import Option


def brute_force(options: Sequence[Option], left: dict[str, float]) -> float:
    """The best total score by trying every assignment: for checking `solve` on small instances."""
    by_need: dict[str, list[Option | None]] = {}
    for o in options:
        by_need.setdefault(o.need_id, [None]).append(o)
    best = 0.0
    for combo in product(*by_need.values()):
        picked: Iterable[Option] = [o for o in combo if o is not None]
        drawn: dict[str, float] = {}
        for o in picked:
            drawn[o.resource_id] = drawn.get(o.resource_id, 0.0) + o.take
        if all(v <= left.get(r, 0.0) + 1e-9 for r, v in drawn.items()):
            best = max(best, sum(o.score for o in picked))
    return round(best, 6)
