"""Start `orggraph serve` as a separate OS process on the suite's Neo4j (tests of several API processes).

A change made through such a process reaches the test's own process only through the graph: the proof
that the service keeps no state of its own that another process would need."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from orggraph.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def serve_env(settings: Settings, port: int, **extra: str) -> dict[str, str]:
    """The environment of an API process on `settings`' local Neo4j, listening on `port`; `extra` overrides
    any of its defaults (ORGGRAPH_RATE_LIMIT_ENABLED="true", say)."""
    defaults = {
        "ORGGRAPH_HOME": str(settings.home), "ORGGRAPH_NEO4J_BOLT_PORT": str(settings.neo4j_bolt_port),
        "ORGGRAPH_NEO4J_HTTP_PORT": str(settings.neo4j_http_port), "ORGGRAPH_ENV": "test",
        "ORGGRAPH_RATE_LIMIT_ENABLED": "false", "ORGGRAPH_PORT": str(port),
    }  # fmt: skip
    return {**os.environ, **defaults, **extra}


def wait_ready(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        assert proc.poll() is None and time.monotonic() < deadline, "the API process did not start"
        time.sleep(0.2)


@contextmanager
def serve_process_pid(settings: Settings, *args: str, **extra_env: str) -> Iterator[tuple[str, int]]:
    """Yields the base URL of `orggraph serve [args]` and its pid (with --workers N, the pid of uvicorn's
    supervisor, whose children are the workers) while it runs; terminates it on exit. Extra environment
    variables (ORGGRAPH_...) override the defaults of `serve_env`."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "orggraph.cli", "serve", *args], env=serve_env(settings, port, **extra_env),
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, proc)
        yield url, proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@contextmanager
def serve_process(settings: Settings, *args: str, **extra_env: str) -> Iterator[str]:
    """As serve_process_pid, the URL only."""
    with serve_process_pid(settings, *args, **extra_env) as (url, _):
        yield url
