"""The metrics directory that `orggraph serve --workers N` shares between its workers (prometheus-client's
multiprocess mode); the merged page itself is tested over HTTP in tests/e2e/test_two_processes.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from orggraph.telemetry import metrics


def test_without_a_directory_given_the_workers_get_a_private_one_removed_afterwards(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(metrics.MULTIPROC_DIR, raising=False)
    with metrics.shared_between_workers() as path:
        assert os.environ[metrics.MULTIPROC_DIR] == str(path) and path.is_dir()
        (path / "counter_1.db").write_bytes(b"")
    assert metrics.MULTIPROC_DIR not in os.environ
    assert not path.exists()


def test_a_directory_given_is_emptied_of_an_earlier_runs_figures_and_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    given = tmp_path / "metrics"
    given.mkdir()
    (given / "counter_4242.db").write_bytes(b"old")
    (given / "README").write_text("the operator's", encoding="utf-8")
    monkeypatch.setenv(metrics.MULTIPROC_DIR, str(given))
    with metrics.shared_between_workers() as path:
        assert path == given and not list(given.glob("*.db"))
    assert (given / "README").exists() and os.environ[metrics.MULTIPROC_DIR] == str(given)


def test_the_gauges_of_a_dead_worker_are_dropped_and_its_counters_kept(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True
    )
    dead_pid = int(dead.stdout)
    for name in (f"gauge_liveall_{dead_pid}.db", f"counter_{dead_pid}.db", f"gauge_liveall_{os.getpid()}.db"):
        (tmp_path / name).write_bytes(b"")
    metrics._forget_dead_workers(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"counter_{dead_pid}.db", f"gauge_liveall_{os.getpid()}.db"]
    )
