"""The benchmark harness's pure helpers (benchmarks/compare/measure.py): percentiles, runs' median and
range, interleaving, /proc CPU time, the compiled fast path's counter, answers with aliases undone."""

from __future__ import annotations

import itertools
import os
from collections import Counter

import pytest
from benchmarks.compare.measure import (
    balanced_orders,
    compiled_counts,
    cpu_seconds,
    cpu_seconds_of_stat,
    hit_rate,
    latency_summary,
    pct,
    spread,
    unalias,
)
from benchmarks.compare.queries import ORGGRAPH, VARIANT
from graphql import FieldNode, Node, parse


def test_percentiles_in_milliseconds() -> None:
    samples = [i / 1000 for i in range(1, 101)]  # 1..100 ms
    assert pct(samples, 0.5) == 51.0
    assert pct(samples, 0.99) == 100.0
    assert latency_summary(samples) == {"n": 100, "p50_ms": 51.0, "p95_ms": 96.0, "p99_ms": 100.0}


def test_spread_is_the_median_and_range_of_the_runs() -> None:
    assert spread([120.0, 100.04, 131.0]) == {"median": 120.0, "min": 100.0, "max": 131.0, "runs": [120.0, 100.0, 131.0]}  # fmt: skip


@pytest.mark.parametrize("n", [1, 2, 3, 5, 6])
def test_balanced_orders_put_each_in_each_place_and_after_each_other_equally_often(n: int) -> None:
    names = [f"c{i}" for i in range(n)]
    cycle = n if n % 2 == 0 else 2 * n
    orders = list(balanced_orders(names, 3 * cycle))
    assert all(sorted(o) == names for o in orders)  # every contender once a round
    places = Counter((name, i) for o in orders for i, name in enumerate(o))
    assert set(places.values()) == {3 * cycle // n}
    if n > 1:
        follows = Counter(pair for o in orders for pair in itertools.pairwise(o))
        assert len(follows) == n * (n - 1)  # every ordered pair of neighbours occurs ...
        assert len(set(follows.values())) == 1  # ... equally often
    assert orders[:cycle] == orders[cycle : 2 * cycle]  # the design repeats


def test_cpu_time_from_a_stat_line_whose_name_has_spaces_and_parentheses() -> None:
    line = "4242 (node (peer) x) S 1 4242 4242 0 -1 4194304 10 0 0 0 250 50 7 9 20 0 11 0 100 0 0"
    assert cpu_seconds_of_stat(line, ticks=100) == 3.0  # utime 250 + stime 50 ticks


def test_cpu_time_of_this_process_and_of_none() -> None:
    sum(range(200_000))
    assert (cpu_seconds(os.getpid()) or 0) > 0
    assert cpu_seconds(None) is None


METRICS = """# HELP orggraph_compiled_requests_total GraphQL requests by path
# TYPE orggraph_compiled_requests_total counter
orggraph_compiled_requests_total{path="fast"} 90.0
orggraph_compiled_requests_total{path="slow"} 10.0
orggraph_compiled_requests_created{path="fast"} 1.7e9
"""


def test_compiled_counter_and_hit_rate() -> None:
    before = compiled_counts(METRICS)
    assert before == {"fast": 90.0, "slow": 10.0}
    after = {"fast": 390.0, "slow": 110.0}
    assert hit_rate(before, after) == {"fast": 300, "slow": 100, "rate": 0.75}
    assert hit_rate(before, before) == {"fast": 0, "slow": 0, "rate": None}


def test_no_counter_means_no_hit_rate() -> None:
    assert compiled_counts("# HELP other_total x\nother_total 3\n") is None
    assert compiled_counts(None) is None
    assert hit_rate(None, {"fast": 1.0, "slow": 0.0}) is None


def test_unalias_expands_fragments_and_restores_field_names() -> None:
    query = """query Q($id: ID!) { c: community(id: $id) { ...F label: name k: committee { m: members { seat } } } }
      fragment F on Community { key: id k: committee { n: name } }"""
    data = {"c": {"key": "c1", "label": "曙光", "k": {"n": "委员会", "m": [{"seat": "A"}, {"seat": "B"}]}}}
    assert unalias(query, data) == {
        "community": {"id": "c1", "name": "曙光", "committee": {"name": "委员会", "members": [{"seat": "A"}, {"seat": "B"}]}}
    }  # fmt: skip
    assert unalias(query, {"c": None}) == {"community": None}


def test_every_shared_query_has_a_variant_with_aliases_and_a_fragment() -> None:
    assert set(VARIANT) == set(ORGGRAPH)
    for name, query in VARIANT.items():
        assert "fragment " in query and "..." in query, name
        assert query.replace(" ", "") != ORGGRAPH[name].replace(" ", ""), name
        aliases = [f for f in _fields(parse(query)) if f.alias]
        assert 3 <= len(aliases) <= 15, name  # orggraph refuses more than 15 aliases a document


def _fields(node: Node) -> list[FieldNode]:
    out: list[FieldNode] = [node] if isinstance(node, FieldNode) else []
    for key in node.keys:
        value = getattr(node, key, None)
        for child in value if isinstance(value, tuple) else [value]:
            if isinstance(child, Node):
                out += _fields(child)
    return out
