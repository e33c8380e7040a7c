"""Pure helpers of the comparison: percentiles, the median and range of repeated runs, a process's CPU
time from /proc/<pid>/stat, the compiled fast path's counter from a Prometheus /metrics text, and a
GraphQL answer with its aliases and fragments undone (so that a variant of a query, with renamed
aliases, reordered fields and fragments, can be brought to the original's canonical form)."""

from __future__ import annotations

import os
import re
import statistics
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    parse,
)

TICKS = os.sysconf("SC_CLK_TCK")


def pct(samples: Sequence[float], p: float) -> float:
    """The p-quantile (nearest rank, lower) of samples in seconds, in milliseconds."""
    s = sorted(samples)
    return round(1000 * s[min(len(s) - 1, int(p * len(s)))], 2)


def latency_summary(samples: Sequence[float]) -> dict[str, float]:
    return {"n": len(samples), "p50_ms": pct(samples, 0.5), "p95_ms": pct(samples, 0.95), "p99_ms": pct(samples, 0.99)}  # fmt: skip


def spread(values: Sequence[float], digits: int = 1) -> dict[str, Any]:
    """The median of repeated runs, with their range and the runs themselves."""
    return {"median": round(statistics.median(values), digits), "min": round(min(values), digits),
            "max": round(max(values), digits), "runs": [round(v, digits) for v in values]}  # fmt: skip


def balanced_orders(names: Sequence[str], rounds: int) -> Iterator[list[str]]:
    """The contenders' order in each round of interleaved requests: a Williams design, in which over every
    n rounds (2n when n is odd) each contender is in each place equally often and follows each other one
    equally often. A request can pay for what the one before it left running (a server's log line, its
    garbage collection, on two shared cores): with plain rotations (ABC, BCA, CAB) each contender always
    followed the same one, and the variant always came after orggraph (compiled off), the heaviest."""
    n = len(names)
    if n == 0:
        return
    first, low, high = [0], 1, n - 1
    while len(first) < n:
        first.append(low)
        low += 1
        if len(first) < n:
            first.append(high)
            high -= 1
    square = [[(x + i) % n for x in first] for i in range(n)]
    if n % 2:
        square += [row[::-1] for row in square]
    for i in range(rounds):
        yield [names[k] for k in square[i % len(square)]]


def cpu_seconds_of_stat(text: str, ticks: int = TICKS) -> float:
    """utime + stime of a /proc/<pid>/stat line, in seconds. The command name (field 2) may hold spaces
    and parentheses: the fields are counted after its last ')'."""
    fields = text.rsplit(")", 1)[1].split()
    # fields[0] is the state (field 3): utime and stime are fields 14 and 15
    return (int(fields[11]) + int(fields[12])) / ticks


def cpu_seconds(pid: int | None) -> float | None:
    """The CPU time a process has used so far (its own threads, not its children), or None."""
    if pid is None:
        return None
    try:
        return cpu_seconds_of_stat(Path(f"/proc/{pid}/stat").read_text())
    except (OSError, IndexError, ValueError):
        return None


COMPILED_COUNTER = "orggraph_compiled_requests_total"
_SAMPLE = re.compile(r'^orggraph_compiled_requests_total\{([^}]*)\}\s+([0-9.eE+-]+)', re.MULTILINE)  # fmt: skip
_PATH = re.compile(r'path="([^"]*)"')


def compiled_counts(metrics_text: str | None) -> dict[str, float] | None:
    """{"fast": n, "slow": m} from orggraph's /metrics, or None when the counter is not there (a server
    without the compiled fast path). Other labels, if any, are summed over."""
    if not metrics_text:
        return None
    counts: dict[str, float] = {}
    for labels, value in _SAMPLE.findall(metrics_text):
        path = _PATH.search(labels)
        if path:
            counts[path.group(1)] = counts.get(path.group(1), 0.0) + float(value)
    if not counts and COMPILED_COUNTER not in metrics_text:
        return None
    return {"fast": counts.get("fast", 0.0), "slow": counts.get("slow", 0.0)}


def hit_rate(before: dict[str, float] | None, after: dict[str, float] | None) -> dict[str, Any] | None:
    """The fast path's share of the requests between two readings of the counter; None without it."""
    if before is None or after is None:
        return None
    fast, slow = after["fast"] - before["fast"], after["slow"] - before["slow"]
    total = fast + slow
    return {"fast": int(fast), "slow": int(slow), "rate": round(fast / total, 4) if total else None}


def unalias(query: str, data: Any) -> Any:
    """`data` (a GraphQL answer's "data" to `query`) keyed by field names instead of response keys,
    with fragments expanded. The queries given here never select one field twice under two aliases."""
    doc = parse(query)
    fragments = {d.name.value: d for d in doc.definitions if isinstance(d, FragmentDefinitionNode)}
    operation = next(d for d in doc.definitions if isinstance(d, OperationDefinitionNode))

    def fields(sets: list[SelectionSetNode]) -> Iterator[FieldNode]:
        for ss in sets:
            for sel in ss.selections:
                if isinstance(sel, FieldNode):
                    yield sel
                elif isinstance(sel, InlineFragmentNode):
                    yield from fields([sel.selection_set])
                elif isinstance(sel, FragmentSpreadNode):
                    yield from fields([fragments[sel.name.value].selection_set])

    def walk(value: Any, sets: list[SelectionSetNode]) -> Any:
        if value is None or not sets:
            return value
        if isinstance(value, list):
            return [walk(v, sets) for v in value]
        by_key: dict[str, tuple[str, list[SelectionSetNode]]] = {}
        for f in fields(sets):
            key = f.alias.value if f.alias else f.name.value
            _name, subs = by_key.setdefault(key, (f.name.value, []))
            if f.selection_set is not None:
                subs.append(f.selection_set)
        return {name: walk(value[key], subs) for key, (name, subs) in by_key.items() if key in value}

    return walk(data, [operation.selection_set])
