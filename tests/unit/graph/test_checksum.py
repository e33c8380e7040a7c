"""The pieces of the graph checksum that need no Neo4j: each property value keeps its type in the hashed
form, and summaries tell what differs. The checksum over a real graph is tested in
tests/e2e/test_backup_restore.py."""

from __future__ import annotations

from datetime import UTC

import pytest
from neo4j.spatial import CartesianPoint
from neo4j.time import Date, DateTime

from orggraph.graph.checksum import GraphSummary, _digest, _node_form


def test_values_of_different_types_hash_differently() -> None:
    values = [1, 1.0, "1", True, [1], ["1"], None, b"\x01", Date(2026, 1, 1), "2026-01-01", -0.0, 0.0,
              DateTime(2026, 1, 1, 8, 0, 0, tzinfo=UTC), CartesianPoint((1.0, 2.0)), [1.0, 2.0],
              [CartesianPoint((1.0, 2.0))], [[1.0, 2.0]]]  # fmt: skip
    digests = {_digest(_node_form(["Need"], {"p": v})) for v in values}
    assert len(digests) == len(values)


def test_labels_and_keys_are_hashed_in_a_fixed_order() -> None:
    a = _node_form(["Unit", "Leader"], {"id": "u1", "name": "某单位", "n": 2})
    b = _node_form(["Leader", "Unit"], {"n": 2, "name": "某单位", "id": "u1"})
    assert _digest(a) == _digest(b)
    assert _digest(a) != _digest(_node_form(["Unit", "Leader"], {"id": "u1", "name": "某单位", "n": 3}))


def test_floats_are_exact() -> None:
    assert _digest(_node_form([], {"p": 0.1 + 0.2})) != _digest(_node_form([], {"p": 0.3}))


def test_a_summary_round_trips_and_names_its_differences() -> None:
    a = GraphSummary(3, 1, "aa", {"Need": 2, "Task": 1}, {"FULFILS": 1})
    assert GraphSummary.from_json(a.to_json()) == a
    b = GraphSummary(3, 1, "bb", {"Need": 1, "Task": 1, "Unit": 1}, {"FULFILS": 1})
    assert a.differences(a) == []
    assert a.differences(b, this="in the backup", that="restored") == [
        "nodes Need: 2 in the backup, 1 restored",
        "nodes Unit: 0 in the backup, 1 restored",
        "checksum: aa in the backup, bb restored",
    ]
    with pytest.raises(TypeError):
        GraphSummary.from_json({**a.to_json(), "labels": [1]})


def test_checksums_of_different_algorithms_are_not_compared() -> None:
    now = GraphSummary(3, 1, "aa", {"Need": 3}, {"FULFILS": 1})
    first = GraphSummary.from_json({k: v for k, v in now.to_json().items() if k != "checksumAlgorithm"})
    assert first.algorithm == 1 and "checksumAlgorithm" not in first.to_json()
    assert not now.comparable(first)
    assert now.differences(GraphSummary(3, 1, "bb", {"Need": 3}, {"FULFILS": 1}, algorithm=1)) == []
    assert now.differences(GraphSummary(2, 1, "bb", {"Need": 2}, {"FULFILS": 1}, algorithm=1)) == [
        "nodes (all): 3 expected, 2 found",
        "nodes Need: 3 expected, 2 found",
    ]
