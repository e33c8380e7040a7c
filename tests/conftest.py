"""Test settings: the suite runs its own local Neo4j (its own home and ports), so that `make run`'s
demo graph and `make test` never touch each other. NEO4J_URI set: the suite uses that server instead
(it wipes it: never point it at a graph you care about)."""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from fastapi import FastAPI
from neo4j import AsyncDriver

from orggraph.graph.driver import open_driver
from orggraph.graph.migrations import migrate
from orggraph.neo4j_local import server as local
from orggraph.seeding.files import read_folder
from orggraph.seeding.load import Step, load, steps, wipe
from orggraph.seeding.records import Bundle
from orggraph.settings import Settings, project_root

ROOT = project_root()
# The suite's base ports and home; a second checkout's suite beside a running one needs its own home as
# well as its own ports.
BASE_BOLT_PORT = int(os.environ.get("ORGGRAPH_TEST_BOLT_PORT", "17687"))
BASE_HTTP_PORT = int(os.environ.get("ORGGRAPH_TEST_HTTP_PORT", "17474"))
BASE_HOME = Path(os.environ.get("ORGGRAPH_TEST_HOME") or ROOT / ".orggraph" / "test")
# Under pytest-xdist (`make test`: pytest -n TEST_WORKERS, 2 by default) each worker (PYTEST_XDIST_WORKER gw0, gw1, ...) has a Neo4j of
# its own: worker i at the base ports + 10*i, home <base home>/gw<i> (gw0, and a run without -n, at the base
# itself). The ports between a worker's and the next are for the servers a test file starts beside it
# (own_neo4j). At most 10 workers, so that every port stays within base..base+99.
PORT_STEP = 10
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
WORKER_INDEX = int(WORKER.removeprefix("gw")) if WORKER.startswith("gw") else 0
if WORKER_INDEX >= 100 // PORT_STEP:
    raise pytest.UsageError(f"at most {100 // PORT_STEP} workers (pytest -n), each with its own Neo4j")
TEST_BOLT_PORT = BASE_BOLT_PORT + PORT_STEP * WORKER_INDEX
TEST_HTTP_PORT = BASE_HTTP_PORT + PORT_STEP * WORKER_INDEX
TEST_HOME = BASE_HOME / f"gw{WORKER_INDEX}" if WORKER_INDEX else BASE_HOME


def make_test_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "env": "test",
        "home": TEST_HOME,
        "neo4j_bolt_port": TEST_BOLT_PORT,
        "neo4j_http_port": TEST_HTTP_PORT,
        "neo4j_heap": "1g",
        "neo4j_pagecache": "512m",
        # the demo's load is one transaction of about 5 s; on a machine shared by several workers' Neo4j (and
        # whatever else runs there) it once took more than the 30 s default and was terminated
        "neo4j_tx_timeout_s": 120,
        # the demo is wiped and loaded about 170 times a run: two days of transaction log grew a checkout's
        # .orggraph/test to 16 GB; the drills (dump, restore, kill -9) do not read old log files
        "neo4j_tx_log_retention": "1G size",
        # the wipes and reloads flip the graph's statistics (index selectivities sampled empty, then loaded):
        # with Neo4j's 10 s, three e2e files had their cached plans discarded and planned again 702 times, a
        # ninth of Neo4j's CPU (438 s against 390 s without); a test that needs the plans of the graph it
        # loaded clears the cache itself (test_flat_by_place)
        "neo4j_replan_interval": "1h",
        # one admin token makes most of the suite's requests: the rate limit is tested on its own
        "rate_limit_enabled": False,
        # no plan worker started with every app, also when a test turns it into production's
        # (tests/unit/services/test_heavy_warm.py tests the warm start)
        "heavy_warm": False,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def own_neo4j(name: str, offset: int) -> dict[str, object]:
    """make_test_settings' overrides for a second Neo4j that a test file starts and stops on its own (the fault
    test, the restore drill): home <this worker's home>/<name>, ports this worker's + offset (1 to 9)."""
    assert 0 < offset < PORT_STEP
    return {
        "home": TEST_HOME / name,
        "neo4j_bolt_port": TEST_BOLT_PORT + offset,
        "neo4j_http_port": TEST_HTTP_PORT + offset,
    }


@pytest.fixture(scope="session")
def settings() -> Settings:
    return make_test_settings()


@pytest.fixture(scope="session")
def demo_bundle() -> Bundle:
    return read_folder(ROOT / "seeds" / "tianchang")


@pytest.fixture(scope="session")
def neo4j_server(settings: Settings) -> Iterator[Settings]:
    """The real Neo4j for the suite: started once (and left running for the next run)."""
    if settings.uses_local_neo4j:
        local.start(settings, say=lambda m: print(m, flush=True))
    yield settings


@pytest.fixture(scope="session")
async def driver(neo4j_server: Settings) -> AsyncIterator[AsyncDriver]:
    drv = open_driver(neo4j_server)
    await drv.verify_connectivity()
    await migrate(drv, neo4j_server.neo4j_database, neo4j_server.schema_dir)
    yield drv
    await drv.close()


async def graph_position(driver: AsyncDriver, database: str) -> frozenset[str]:
    """Where the database's transaction log stands: the bookmark of a read, which names the last transaction
    committed before it. Equal positions mean that no transaction wrote in between (from any client: the
    suite's driver or the server under test), a stronger check than equal fingerprints and a thousand times
    cheaper. (A transaction whose writes cancel out, e.g. CREATE then DELETE of a node, commits nothing and
    leaves it where it was: the graph is unchanged.)"""
    async with driver.session(database=database) as session:
        result = await session.run("RETURN 1")
        await result.consume()
        return frozenset((await session.last_bookmarks()).raw_values)


class _Demo:
    """Where the graph stood when the pristine demo was last loaded (None: not loaded); the demo's load steps,
    made once per bundle (half a second each time otherwise)."""

    loaded_at: ClassVar[frozenset[str] | None] = None
    plans: ClassVar[dict[int, tuple[Bundle, list[Step]]]] = {}  # the bundle kept, so its id stays its own
    # how often, and in how many seconds, by the file of the test that found the graph changed (the test
    # before it wrote): what to shorten first (the suite's summary says, with the totals)
    by_file: ClassVar[dict[str, list[float]]] = {}
    per_worker: ClassVar[dict[str, tuple[int, float]]] = {}  # under xdist, the controller's: each worker's


def _add_loads(by_file: dict[str, list[float]], where: str, count: float, seconds: float) -> None:
    counted = by_file.setdefault(where, [0, 0.0])
    counted[0] += count
    counted[1] += seconds


def _totals(by_file: dict[str, list[float]]) -> tuple[int, float]:
    return int(sum(n for n, _ in by_file.values())), sum(s for _, s in by_file.values())


async def _ensure_demo(driver: AsyncDriver, settings: Settings, bundle: Bundle) -> None:
    """Reload the demo only if a transaction has committed since it was loaded: a test that only read it
    (or whose every request was refused) leaves it for the next one."""
    db = settings.neo4j_database
    if _Demo.loaded_at is not None and await graph_position(driver, db) == _Demo.loaded_at:
        return
    started = time.perf_counter()
    await wipe(driver, db)
    known = _Demo.plans.get(id(bundle))
    if known is None or known[0] is not bundle:
        known = _Demo.plans[id(bundle)] = (bundle, steps(bundle))
    await load(driver, db, bundle, plan=known[1])
    _Demo.loaded_at = await graph_position(driver, db)
    where = os.environ.get("PYTEST_CURRENT_TEST", "?").split("::")[0]
    _add_loads(_Demo.by_file, where, 1, time.perf_counter() - started)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """An xdist worker hands its demo loads and fingerprints to the controller (pytest_testnodedown)."""
    output = getattr(session.config, "workeroutput", None)
    if output is not None:
        output["demo_by_file"] = _Demo.by_file
        output["fingerprints"] = _Fingerprints.asked


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """The controller of an xdist run adds up its workers' demo loads (and keeps them per worker) and their
    fingerprints."""
    output = getattr(node, "workeroutput", {})
    by_file = output.get("demo_by_file")
    if by_file:
        _Demo.per_worker[getattr(node, "workerinput", {}).get("workerid", "?")] = _totals(by_file)
        for where, (n, s) in by_file.items():
            _add_loads(_Demo.by_file, where, n, s)
    for i, value in enumerate(output.get("fingerprints", ())):
        _Fingerprints.asked[i] += value


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How much of the run went to reloading the demo after tests that wrote, and to reading the graph's
    fingerprint (what a shorter suite would cut)."""
    loads, load_s = _totals(_Demo.by_file)
    if loads:
        each = ", ".join(f"{w} {n} in {s:.0f} s" for w, (n, s) in sorted(_Demo.per_worker.items()))
        terminalreporter.write_line(
            f"the demo graph was loaded {loads} times, in {load_s:.0f} s" + (f" ({each})" if each else "")
        )
        most = sorted(_Demo.by_file.items(), key=lambda kv: -kv[1][1])[:12]
        terminalreporter.write_line(
            "demo loads by the file that asked: " + ", ".join(f"{w} {n} in {s:.0f} s" for w, (n, s) in most)
        )
    asked, read, read_s = _Fingerprints.asked
    if asked:
        terminalreporter.write_line(
            f"graph fingerprints: {asked:.0f} asked, {read:.0f} read in {read_s:.0f} s (the rest at a position "
            "already read)"
        )


@pytest.fixture
async def demo(driver: AsyncDriver, settings: Settings, demo_bundle: Bundle) -> AsyncDriver:
    """The pristine Tianchang demo graph, for a test that only reads it."""
    await _ensure_demo(driver, settings, demo_bundle)
    return driver


@pytest.fixture
async def demo_graph(
    driver: AsyncDriver, settings: Settings, demo_bundle: Bundle
) -> AsyncIterator[AsyncDriver]:
    """The pristine Tianchang demo graph, for a test that may change it (reloaded for the next test that needs
    it if it did)."""
    await _ensure_demo(driver, settings, demo_bundle)
    yield driver


async def scalar(driver: AsyncDriver, database: str, query: str, **params: object) -> object:
    records, _, _ = await driver.execute_query(query, params, database_=database)
    return records[0][0]


# A record's properties as [key, type, value] with temporal values as text: the driver decodes a temporal value
# about ten times slower than a string (the demo's reports alone carry 26,000 datetimes), and toString() keeps
# every digit of it; the type keeps a date and a string with the same text apart.
_PROPS = (
    "[k IN keys({v}) | [k, valueType({v}[k]), CASE WHEN valueType({v}[k]) =~ '(DATE|ZONED|LOCAL|DURATION|TIME).*' "
    "THEN toString({v}[k]) ELSE {v}[k] END]]"
)
_FINGERPRINT_NODES = (
    "MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:AuditRecord AND NOT n:EventSequence "
    "RETURN collect([n.id, labels(n), " + _PROPS.format(v="n") + "]) AS rows"
)
_FINGERPRINT_RELATIONSHIPS = (
    "MATCH (a)-[r]->(b) RETURN collect([a.id, type(r), b.id, " + _PROPS.format(v="r") + "]) AS rows"
)


class _Fingerprints:
    """The last fingerprint read, with the driver, database and graph position it was read at: asked again
    there (no transaction committed since, from any client), the graph is the same and so is its fingerprint.
    A test that checks a refused request wrote nothing asks before and after; on a graph no test changed
    since, neither reads it again (a read takes a second on the demo, two under load). One kept, not one per
    driver: a drill's drivers would otherwise keep theirs to the end of the run."""

    last: ClassVar[tuple[AsyncDriver, str, frozenset[str], tuple[object, ...]] | None] = None
    asked: ClassVar[list[float]] = [0, 0, 0.0]  # asked, read, seconds reading


async def graph_fingerprint(driver: AsyncDriver, database: str) -> tuple[object, ...]:
    """Every node and relationship with its properties: equal fingerprints mean the same graph. The
    audit trail (the event log) is left out, with the sequence that numbers it: an accepted no-op still
    leaves its record (refusals are checked for none). Each kind comes back as one record holding a list
    (the driver's cost per record is far above its cost per list element), sorted here. Read again only if
    a transaction has committed since the last one was read, through this driver (_Fingerprints)."""
    _Fingerprints.asked[0] += 1
    position = await graph_position(driver, database)
    known = _Fingerprints.last
    if known is not None and known[:3] == (driver, database, position):
        return known[3]
    started = time.perf_counter()
    nodes, _, _ = await driver.execute_query(_FINGERPRINT_NODES, database_=database)
    rels, _, _ = await driver.execute_query(_FINGERPRINT_RELATIONSHIPS, database_=database)
    fingerprint = (
        tuple(
            sorted(
                (i or "", tuple(labels), tuple(sorted(map(str, props))))
                for i, labels, props in nodes[0]["rows"]
            )
        ),
        tuple(
            sorted(
                (a or "", t, b or "", tuple(sorted(map(str, props)))) for a, t, b, props in rels[0]["rows"]
            )
        ),
    )
    if await graph_position(driver, database) == position:  # nothing committed while it was read
        _Fingerprints.last = (driver, database, position, fingerprint)
    _Fingerprints.asked[1] += 1
    _Fingerprints.asked[2] += time.perf_counter() - started
    return fingerprint


@pytest.fixture
def tmp_home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def token(role: str, scope: str | None = None, subject: str = "test-user") -> str:
    """A bearer token for the suite's server (signed with the default development secret)."""
    from datetime import timedelta

    from orggraph.api.tokens import mint
    from orggraph.domain.auth import Role

    return mint(
        make_test_settings(), role=Role(role), subject=subject, scope_id=scope, ttl=timedelta(hours=1)
    )


@dataclass
class Api:
    """An orggraph served over HTTP, and its app. Its requests share one HTTP client (kept-alive connections):
    a client made per request cost 23 ms of the suite's CPU each, mostly its TLS context, for a plain-HTTP
    loopback server."""

    url: str
    app: FastAPI
    _client: httpx.Client | None = field(default=None, init=False, repr=False, compare=False)
    _admin: tuple[float, dict[str, str]] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(timeout=30)
        return self._client

    @property
    def admin(self) -> dict[str, str]:
        """The city organization department's header: a token of an hour, minted again after ten minutes."""
        if self._admin is None or time.monotonic() - self._admin[0] > 600:
            self._admin = (
                time.monotonic(),
                {"authorization": f"Bearer {token('ORG_ADMIN', subject='test-admin')}"},
            )
        return self._admin[1]

    def gql(
        self, query: str, variables: dict[str, Any] | None = None, *, as_token: str | None = "ORG_ADMIN"
    ) -> dict[str, Any]:
        """POST a GraphQL request, by default as the city organization department (ORG_ADMIN); pass
        `as_token=None` for no token, or a token string. Returns the JSON body (data and errors)."""
        if as_token == "ORG_ADMIN":
            headers = self.admin
        elif as_token is None:
            headers = {}
        else:
            headers = {"authorization": f"Bearer {as_token}"}
        r = self.client.post(
            f"{self.url}/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert r.headers["content-type"].startswith("application/json"), r.text
        body: dict[str, Any] = r.json()
        return body

    @property
    def round_trips(self) -> int:
        return int(self.app.state.graph.round_trips)


@pytest.fixture(scope="session")
def api(api_url: tuple[str, FastAPI]) -> Api:
    return Api(*api_url)


@pytest.fixture(scope="session")
def api_url(neo4j_server: Settings) -> Iterator[tuple[str, FastAPI]]:
    """orggraph served by a real uvicorn on a free loopback port, for tests over HTTP."""
    from orggraph.app import create_app
    from tests.support.background import served

    app = create_app(neo4j_server)
    with served(app) as url:
        yield url, app
