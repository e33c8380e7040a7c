"""The Prometheus metrics of one orggraph process (prometheus-client, the maintained Python client),
served at /metrics (app.py). docs/operations.md says what each is for and what to alert on.

Label values are bounded: HTTP routes are a fixed set, GraphQL operation names are taken as the client
gives them but only the first OPERATION_NAMES distinct ones are kept per process (the rest count as
"other"), outcomes are "ok" or an error code from the API's fixed list.

Several worker processes (`orggraph serve --workers N`) share one port, so a scrape reaches one of them at
random: each would show its own figures, and counters would jump between workers. They use prometheus-client's
multiprocess mode instead: with PROMETHEUS_MULTIPROC_DIR set before the workers start (shared_between_workers),
each worker writes its figures to files there and /metrics (exposition) merges every worker's, whichever
answers. Counters and histograms are summed (a worker that died still counts); the two gauges keep a `pid`
label per live worker (each worker has its own connection pool)."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest, multiprocess

MULTIPROC_DIR = "PROMETHEUS_MULTIPROC_DIR"

OPERATION_NAMES = 200
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_seen: set[str] = set()
_lock = threading.Lock()

# seconds: from a cached read (ms) to the request deadline (20 s)
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0)

HTTP_REQUESTS = Counter(
    "orggraph_http_requests_total",
    "HTTP requests answered, by route and status.",
    ["method", "route", "status"],
)
HTTP_LATENCY = Histogram(
    "orggraph_http_request_duration_seconds",
    "Time from a request's arrival to the end of its response, by route.",
    ["route"],
    buckets=LATENCY_BUCKETS,
)
GRAPHQL_OPERATIONS = Counter(
    "orggraph_graphql_operations_total",
    "GraphQL operations executed, by operation name, kind and outcome (ok or the first error's code).",
    ["operation", "kind", "outcome"],
)
GRAPHQL_LATENCY = Histogram(
    "orggraph_graphql_operation_duration_seconds",
    "Time to execute a GraphQL operation (parse, validation and execution), by operation name and kind.",
    ["operation", "kind"],
    buckets=LATENCY_BUCKETS,
)
NEO4J_TRANSACTIONS = Counter(
    "orggraph_neo4j_transactions_total",
    "Neo4j transactions run by this process, by mode (read, write) and outcome.",
    ["mode", "outcome"],
)
NEO4J_RETRIES = Counter(
    "orggraph_neo4j_retries_total",
    "Write transactions the driver ran again after a transient error (deadlock, leader switch).",
)
NEO4J_IN_USE = Gauge(
    "orggraph_neo4j_transactions_in_flight",
    "Neo4j transactions running now: each holds one connection of the driver's pool.",
    ["mode"],
    multiprocess_mode="liveall",  # several workers: one series per live worker (label pid), as each has a pool
)
NEO4J_POOL_SIZE = Gauge(
    "orggraph_neo4j_pool_max_size",
    "The driver's connection pool size (ORGGRAPH_NEO4J_POOL_SIZE).",
    multiprocess_mode="liveall",
)
COMPILED_REQUESTS = Counter(
    "orggraph_compiled_requests_total",
    "GraphQL POST requests by path: answered by the compiled fast path, or by strawberry (slow: not "
    "compiled, or fell back).",
    ["path"],
)
AUDIT_RECORDS = Counter(
    "orggraph_audit_records_total", "Audit records written (one per committed change), by action.", ["action"]
)


_children: dict[tuple[int, tuple[str, ...]], Any] = {}


def child(metric: Counter | Gauge | Histogram, *labels: str) -> Any:
    """`metric.labels(*labels)`, kept: prometheus-client validates the values and takes a lock on every
    `labels` call (about 1.3 µs, eight times a request on the fast path). Label values are bounded (see
    above), and so is this."""
    key = (id(metric), labels)
    found = _children.get(key)
    if found is None:
        found = _children[key] = metric.labels(*labels)
    return found


def is_name(name: str | None) -> bool:
    """Whether `name` is a GraphQL name (an operation name from a body that did not parse may be any text)."""
    return bool(name) and _NAME.fullmatch(name or "") is not None


def operation_label(name: str | None) -> str:
    """The label for a GraphQL operation name: "anonymous" without one, "other" past the cap or when the
    name is not a GraphQL name."""
    if not name:
        return "anonymous"
    if not _NAME.fullmatch(name):
        return "other"
    if name in _seen:
        return name
    with _lock:
        if len(_seen) < OPERATION_NAMES:
            _seen.add(name)
            return name
    return "other"


def route_label(path: str) -> str:
    """A fixed set of routes: the API, spreadsheets in and out, the probes, the metrics, sign-in; everything
    else is the console."""
    if path == "/graphql" or path.startswith("/graphql/"):
        return "/graphql"
    if path in ("/healthz", "/readyz", "/metrics"):
        return path
    if path.startswith("/auth/"):
        return "/auth"
    if path.startswith("/transfer/"):
        return "/transfer"
    return "console"


def exposition() -> bytes:
    """The page /metrics answers: this process's figures, or with PROMETHEUS_MULTIPROC_DIR set every
    worker's, merged (the process_* figures of one process are then left out: they would be one worker's)."""
    path = os.environ.get(MULTIPROC_DIR)
    if not path:
        return generate_latest()
    _forget_dead_workers(Path(path))
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=path)  # type: ignore[no-untyped-call]
    return generate_latest(registry)


def _forget_dead_workers(path: Path) -> None:
    """Drop the gauges of workers that are gone (uvicorn starts a new worker for one that died, and has no
    hook to say so): their connections are gone with them. Their counters stay in the sums."""
    for file in path.glob("gauge_live*_*.db"):
        pid = file.stem.rsplit("_", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            multiprocess.mark_process_dead(int(pid), str(path))  # type: ignore[no-untyped-call]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: not one of our workers, but alive
        return True
    return True


@contextmanager
def shared_between_workers() -> Iterator[Path]:
    """The directory where worker processes started inside this block write their metrics: the operator's
    PROMETHEUS_MULTIPROC_DIR, emptied of an earlier run's files (prometheus-client requires it), or else a
    new private directory, removed afterwards. Set in the environment the workers inherit."""
    given = os.environ.get(MULTIPROC_DIR)
    if given:
        path = Path(given)
        path.mkdir(parents=True, exist_ok=True)
        for old in path.glob("*.db"):
            old.unlink()
        yield path
        return
    path = Path(tempfile.mkdtemp(prefix="orggraph-metrics-"))
    os.environ[MULTIPROC_DIR] = str(path)
    try:
        yield path
    finally:
        os.environ.pop(MULTIPROC_DIR, None)
        shutil.rmtree(path, ignore_errors=True)
