"""The GraphQL layer's part of observability: for each operation, its name, kind and outcome go into
the request's log line (telemetry.context) and into the metrics (operations by outcome, latency).

First in the schema's extensions, so it leaves last: it sees the errors after ErrorCodes gave them
their codes."""

from __future__ import annotations

import time
from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

from orggraph.api.errors import code_of
from orggraph.telemetry import context, metrics


class Observe(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        ctx = self.execution_context
        try:
            kind = ctx.operation_type.value
        except Exception:  # no document (a syntax error) or no such operation: not an operation
            kind = "invalid"
        errors = list(ctx.pre_execution_errors or []) or list(
            (ctx.result.errors if ctx.result else None) or []
        )
        codes = [code_of(e) for e in errors]
        outcome = codes[0] if codes else "ok"
        operation = metrics.operation_label(ctx.operation_name)
        metrics.child(metrics.GRAPHQL_OPERATIONS, operation, kind, outcome).inc()
        metrics.child(metrics.GRAPHQL_LATENCY, operation, kind).observe(time.perf_counter() - started)
        info = context.current.get()
        if info is not None:
            info.operation = ctx.operation_name if metrics.is_name(ctx.operation_name) else None
            info.kind = kind
            info.outcome = outcome
            info.error_codes = sorted(set(codes))
