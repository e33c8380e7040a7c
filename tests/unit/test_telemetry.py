"""Metric labels stay bounded whatever clients send, and request ids are plain ids."""

from __future__ import annotations

import re

from orggraph.telemetry import metrics
from orggraph.telemetry.context import request_id_from


def test_operation_names_are_labels_up_to_a_cap_then_other(monkeypatch: object) -> None:
    metrics._seen.clear()
    assert metrics.operation_label(None) == "anonymous"
    assert metrics.operation_label("not a name!") == "other"
    names = [f"Op{i}" for i in range(metrics.OPERATION_NAMES + 5)]
    labels = [metrics.operation_label(n) for n in names]
    assert labels[: metrics.OPERATION_NAMES] == names[: metrics.OPERATION_NAMES]
    assert set(labels[metrics.OPERATION_NAMES :]) == {"other"}
    assert metrics.operation_label("Op0") == "Op0"  # one already seen keeps its label
    metrics._seen.clear()


def test_routes_are_a_fixed_set() -> None:
    assert [metrics.route_label(p) for p in ("/graphql", "/healthz", "/metrics", "/auth/dev-token")] == [
        "/graphql", "/healthz", "/metrics", "/auth",
    ]  # fmt: skip
    assert metrics.route_label("/transfer/import/needs") == "/transfer"
    assert metrics.route_label("/community/comm-shuguang") == "console"
    assert metrics.route_label("/assets/main-abc.js") == "console"


def test_a_request_id_is_taken_only_when_it_is_a_plain_id() -> None:
    assert request_id_from("a1b2-C3.d4:e5_f6") == "a1b2-C3.d4:e5_f6"
    for bad in (None, "", "x" * 129, "has space", "new\nline", "引号"):
        assert re.fullmatch(r"[0-9a-f]{32}", request_id_from(bad))


def test_an_empty_metrics_token_is_no_token() -> None:
    from pydantic import SecretStr

    from orggraph.settings import Settings

    assert Settings(metrics_token=SecretStr("  ")).metrics_token is None
    assert Settings(metrics_token=SecretStr("a-token")).metrics_token is not None
