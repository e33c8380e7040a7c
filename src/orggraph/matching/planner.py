"""The city-wide plan: assign open needs to resources so that capacities hold and the total score
(which includes fairness) is as large as possible. People still decide; the plan writes nothing.

The problem is a 0-1 program: x[o] = 1 when option o (a need with one of its candidate resources) is
chosen; each need takes at most one option; the quantities drawn from a resource stay within what it
has left. We solve it exactly with HiGHS through scipy.optimize.milp: a maintained solver, shipped as a
wheel, that handles the quantity-weighted capacity constraints a min-cost flow cannot express.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix


@dataclass(frozen=True)
class Option:
    need_id: str
    resource_id: str
    score: float
    take: float  # what the need would draw from the resource


@dataclass(frozen=True)
class Plan:
    chosen: tuple[Option, ...]
    total_score: float
    optimal: bool
    seconds: float


def solve(
    options: Sequence[Option], left: dict[str, float], *, time_limit_s: float = 20.0, gap: float = 5e-3
) -> Plan:
    """The best set of options: at most one per need, quantities within each resource's capacity left.

    Exact decomposition first: a resource that could serve every option pointing at it constrains
    nothing, so needs are linked only through the resources that are short; each group of linked needs
    is its own 0-1 program, and a need linked to none takes its best option. `optimal` means every
    group was proven optimal within the relative gap (0.5% of its score); past the time limit (shared by the groups) a
    group keeps the best plan found so far and `optimal` is false."""
    started = time.perf_counter()
    opts = sorted(options, key=lambda o: (o.need_id, o.resource_id))
    drawn: dict[str, float] = {}
    for o in opts:
        drawn[o.resource_id] = drawn.get(o.resource_id, 0.0) + o.take
    short = {r for r, d in drawn.items() if d > left.get(r, 0.0) + 1e-9}
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        while parent.get(a, a) != a:
            parent[a] = parent.get(parent[a], parent[a])
            a = parent[a]
        return a

    for o in opts:
        if o.resource_id in short:
            ra, rb = find(o.need_id), find("resource:" + o.resource_id)
            if ra != rb:
                parent[ra] = rb
    groups: dict[str, list[Option]] = {}
    for o in opts:
        groups.setdefault(find(o.need_id), []).append(o)
    chosen: list[Option] = []
    optimal = True
    for group in sorted(groups.values(), key=lambda g: (g[0].need_id, g[0].resource_id)):
        if not any(o.resource_id in short for o in group):
            chosen.append(min(group, key=lambda o: (-o.score, o.resource_id)))
            continue
        remaining = max(1.0, time_limit_s - (time.perf_counter() - started))
        picked, proven = _milp(group, left, remaining, gap)
        chosen += picked
        optimal = optimal and proven
    chosen.sort(key=lambda o: (o.need_id, o.resource_id))
    return Plan(tuple(chosen), round(sum(o.score for o in chosen), 6), optimal, time.perf_counter() - started)


def _milp(
    opts: Sequence[Option], left: dict[str, float], time_limit_s: float, gap: float
) -> tuple[list[Option], bool]:
    needs = sorted({o.need_id for o in opts})
    resources = sorted({o.resource_id for o in opts})
    need_row = {n: i for i, n in enumerate(needs)}
    res_row = {r: len(needs) + i for i, r in enumerate(resources)}
    rows, cols, vals = [], [], []
    for j, o in enumerate(opts):
        rows += [need_row[o.need_id], res_row[o.resource_id]]
        cols += [j, j]
        vals += [1.0, o.take]
    a = coo_matrix((vals, (rows, cols)), shape=(len(needs) + len(resources), len(opts))).tocsr()
    upper = np.array([1.0] * len(needs) + [left.get(r, 0.0) for r in resources])
    # a tiny tie-break towards smaller ids keeps equal-score plans deterministic
    cost = -np.array([o.score for o in opts]) + 1e-9 * np.arange(len(opts)) / len(opts)
    result = milp(
        c=cost,
        constraints=LinearConstraint(a, -np.inf, upper),
        integrality=np.ones(len(opts)),
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit_s, "mip_rel_gap": gap},
    )
    if result.x is None:
        return [], False
    return [o for o, x in zip(opts, result.x, strict=True) if x > 0.5], result.status == 0
