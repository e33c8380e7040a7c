"""The serving process tunes its garbage collector once its app has started (orggraph/runtime.py: what was
alive at startup frozen, young collections every 20,000 allocations); an app made for tests or one-off
commands leaves the collector alone (frozen objects are never collected, and a test process makes hundreds
of apps). Each case runs in a process of its own: the collector's settings are the process's."""

from __future__ import annotations

import subprocess
import sys

import pytest

from orggraph.runtime import THRESHOLDS
from orggraph.settings import Settings
from tests.support.processes import ROOT, free_port, serve_env

# `orggraph serve --workers N`: each worker builds its app with create_app_from_env; a single process,
# create_app(settings, settle_heap=True) (cli.serve); everything else, create_app(settings)
SCRIPT = """
import asyncio, gc, sys
from orggraph.app import create_app, create_app_from_env
from orggraph.settings import Settings

async def main(how):
    app = create_app_from_env() if how == "worker" else create_app(Settings())
    before = gc.get_freeze_count(), gc.get_threshold()[0]
    async with app.router.lifespan_context(app):
        print(*before, gc.get_freeze_count(), gc.get_threshold()[0])

asyncio.run(main(sys.argv[1]))
"""


@pytest.mark.parametrize(("how", "settles"), [("worker", True), ("test", False)])
def test_only_the_serving_app_settles_its_heap(neo4j_server: Settings, how: str, settles: bool) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, how], env=serve_env(neo4j_server, free_port()), cwd=ROOT,
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    frozen_before, young_before, frozen, young = (int(x) for x in done.stdout.split()[-4:])
    assert frozen_before == 0
    if settles:
        assert frozen > 10_000  # the app as started: schema, strawberry, FastAPI, the driver
        assert young == THRESHOLDS[0]
    else:
        assert frozen == 0
        assert young == young_before  # the interpreter's default, untouched
