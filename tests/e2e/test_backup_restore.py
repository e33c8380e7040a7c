"""The restore drill (issue #18): the demo graph, changed through the API, is backed up with `orggraph
backup`; then the graph is changed again and partly deleted, and `orggraph restore` brings back every
record: the counts of every label and type, the checksum and the tests' own fingerprint are those of the
moment of the backup, and an API process started afterwards serves the restored graph. A damaged and a
truncated copy of the backup are refused, with a message naming what is wrong, before anything is touched.

It runs its own Neo4j (home .orggraph/test/backup-drill, the suite's Bolt and HTTP ports + 6; under xdist
in the worker's home, beside its ports), since backup and restore stop and start it; the commands run as a
user types them, each in its own process.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from orggraph.app import create_app
from orggraph.backup.archive import BackupError, read_archive
from orggraph.backup.local import backup
from orggraph.graph.checksum import GraphSummary, count, summarize
from orggraph.graph.driver import open_driver
from orggraph.graph.migrations import latest_known, migrate
from orggraph.neo4j_local import server as local
from orggraph.seeding.load import load, wipe
from orggraph.seeding.records import Bundle
from orggraph.settings import Settings
from tests.conftest import ROOT, Api, graph_fingerprint, make_test_settings, own_neo4j
from tests.e2e.test_libraries_and_lists import ADVANCE, CREATE_NEED, NEED, ok
from tests.support.background import served

NEED_STATUS = """query ($id: ID!) { need(id: $id) { id title status } }"""


@pytest.fixture(scope="module")
def drill_settings() -> Settings:
    # the suite's ports + 6 (17693 and 17480 by default: below 32768, where the kernel lends ports to outgoing
    # connections; one such connection once held this drill's HTTP port, 39474 then, when its Neo4j had to bind it)
    s = make_test_settings(**own_neo4j("backup-drill", 6))
    if not s.uses_local_neo4j:
        pytest.skip("NEO4J_URI is set: backup and restore work on the local Neo4j only")
    return s


@pytest.fixture(scope="module")
async def drill(drill_settings: Settings, demo_bundle: Bundle) -> AsyncIterator[Settings]:
    s = drill_settings
    await asyncio.to_thread(local.start, s)
    async with open_driver(s) as driver:
        await migrate(driver, s.neo4j_database, s.schema_dir)
        await wipe(driver, s.neo4j_database)
        await load(driver, s.neo4j_database, demo_bundle)
    yield s
    await asyncio.to_thread(local.stop, s)


@pytest.fixture(scope="module")
def drill_api(drill: Settings) -> Iterator[Api]:
    application = create_app(drill)
    with served(application, log_level="error") as url:
        yield Api(url, application)


@dataclass(frozen=True)
class Run:
    exit_code: int
    output: str


async def orggraph(s: Settings, *args: str) -> Run:
    """`orggraph ARGS` in its own process, with the drill's settings in its environment."""
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"}
    env.update({
        "ORGGRAPH_HOME": str(s.home), "ORGGRAPH_NEO4J_BOLT_PORT": str(s.neo4j_bolt_port),
        "ORGGRAPH_NEO4J_HTTP_PORT": str(s.neo4j_http_port), "ORGGRAPH_NEO4J_HEAP": s.neo4j_heap,
        "ORGGRAPH_NEO4J_PAGECACHE": s.neo4j_pagecache, "ORGGRAPH_NEO4J_TX_LOG_RETENTION": s.neo4j_tx_log_retention,
        "ORGGRAPH_ENV": "test", "COLUMNS": "300",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")])),
    })  # fmt: skip
    if s.neo4j_replan_interval:
        env["ORGGRAPH_NEO4J_REPLAN_INTERVAL"] = s.neo4j_replan_interval
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "orggraph.cli", *args, env=env, cwd=ROOT,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out, _ = await proc.communicate()
    run = Run(await proc.wait(), out.decode("utf-8", errors="replace"))
    print(f"$ orggraph {' '.join(args)}  (exit {run.exit_code})\n{run.output}")
    return run


def said(result: Run) -> str:
    return " ".join(result.output.split())


async def state(s: Settings) -> tuple[GraphSummary, tuple[object, ...]]:
    async with open_driver(s) as driver:
        return await summarize(driver, s.neo4j_database), await graph_fingerprint(driver, s.neo4j_database)


def wait_ready(api: Api, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while httpx.get(f"{api.url}/readyz", timeout=5).status_code != 200:
        assert time.monotonic() < deadline, "the API did not reconnect to the restarted Neo4j"
        time.sleep(0.2)


@dataclass(frozen=True)
class Backup:
    path: Path
    summary: GraphSummary
    fingerprint: tuple[object, ...]
    need: str


@pytest.fixture(scope="module")
async def backed_up(drill: Settings, drill_api: Api, tmp_path_factory: pytest.TempPathFactory) -> Backup:
    """The demo with a need created and moved on through the API, backed up with `orggraph backup`."""
    need = ok(drill_api.gql(CREATE_NEED, {"i": {**NEED, "title": "备份前登记的需求", "clientId": "drill-1"}}))
    need_id = str(need["createNeed"]["id"])
    ok(drill_api.gql(ADVANCE, {"id": need_id, "to": "PUBLISHED"}))
    summary, fingerprint = await state(drill)

    path = tmp_path_factory.mktemp("backups") / "orggraph-drill.tar"
    result = await orggraph(drill, "backup", str(path))
    assert result.exit_code == 0, result.output
    text = said(result)
    for step in ("Counting the graph", "Stopping Neo4j for the dump", "Dumping database neo4j",
                 "Starting Neo4j again", f"Wrote {path}"):  # fmt: skip
        assert step in text, step
    manifest = read_archive(path)
    assert manifest.graph == summary, "the manifest holds the counts and checksum of the graph backed up"
    assert manifest.migration == latest_known(drill.schema_dir)
    assert manifest.neo4j_version == local.status(drill).version
    return Backup(path, summary, fingerprint, need_id)


async def test_the_checksum_sees_one_changed_property_and_not_the_page_size(drill: Settings) -> None:
    db = drill.neo4j_database
    async with open_driver(drill) as driver:
        before = await summarize(driver, db)
        assert await summarize(driver, db, page=97) == before
        assert await count(driver, db) == before.counts, "the count store agrees with the records read"
        assert before.labels["Need"] > 100 and before.types["OFFERS"] > 100
        for query in ("MATCH (c:Community {id: 'comm-shuguang'}) SET c.name = c.name + '·'",
                      "MATCH ()-[r:MEMBER_OF]->() WITH r LIMIT 1 SET r.changed = true"):  # fmt: skip
            await driver.execute_query(query, database_=db)
            changed = await summarize(driver, db)
            assert changed.checksum != before.checksum, query
            assert changed.differences(before) == [
                f"checksum: {changed.checksum} expected, {before.checksum} found"
            ]
        await driver.execute_query(
            "MATCH (c:Community {id: 'comm-shuguang'}) SET c.name = left(c.name, size(c.name) - 1)",
            database_=db,
        )
        await driver.execute_query("MATCH ()-[r:MEMBER_OF]->() REMOVE r.changed", database_=db)
        assert await summarize(driver, db) == before


async def test_a_write_while_the_graph_is_counted_stops_the_backup_before_neo4j_is(
    drill: Settings, drill_api: Api, tmp_path: Path
) -> None:
    pid = local.status(drill).pid

    def say(message: str) -> None:  # a write right after the count, before the check that follows it
        if message.startswith("Graph: "):
            ok(
                drill_api.gql(
                    CREATE_NEED, {"i": {**NEED, "title": "计数时登记的需求", "clientId": "drill-0"}}
                )
            )

    with pytest.raises(BackupError, match="The graph changed while it was being counted") as refused:
        await asyncio.to_thread(backup, drill, tmp_path / "b.tar", say)
    assert "nodes Need: " in str(refused.value) and "nodes AuditRecord: " in str(refused.value)
    assert local.status(drill).pid == pid, "Neo4j was not stopped"
    assert list(tmp_path.iterdir()) == [], "nothing was written"


async def test_a_damaged_or_truncated_backup_is_refused_and_nothing_is_touched(
    drill: Settings, backed_up: Backup, tmp_path: Path
) -> None:
    data = backed_up.path.read_bytes()
    damaged = bytearray(data)
    damaged[len(data) // 2] ^= 0x01  # a byte of the dump
    (tmp_path / "damaged.tar").write_bytes(bytes(damaged))
    (tmp_path / "truncated.tar").write_bytes(data[: len(data) * 2 // 3])
    pid = local.status(drill).pid
    before, _ = await state(drill)

    for name, expected in (
        ("damaged", "neo4j.dump is damaged: its sha256 is"),
        ("truncated", "is truncated"),
    ):
        result = await orggraph(drill, "restore", "--yes", str(tmp_path / f"{name}.tar"))
        assert result.exit_code == 2, result.output
        assert expected in said(result)
        assert "Stopping" not in result.output

    assert local.status(drill).pid == pid, "Neo4j was not even stopped"
    assert (await state(drill))[0] == before


async def test_the_restore_drill_brings_back_every_record(
    drill: Settings, drill_api: Api, backed_up: Backup
) -> None:
    db = drill.neo4j_database
    later = ok(
        drill_api.gql(CREATE_NEED, {"i": {**NEED, "title": "备份后登记的需求", "clientId": "drill-2"}})
    )
    ok(drill_api.gql(ADVANCE, {"id": backed_up.need, "to": "REJECTED"}))
    async with open_driver(drill) as driver:
        await driver.execute_query("MATCH (r:Resource) DETACH DELETE r", database_=db)
    changed, _ = await state(drill)
    assert (
        changed.labels.get("Resource", 0) == 0
        and changed.labels["Need"] == backed_up.summary.labels["Need"] + 1
    )

    result = await orggraph(drill, "restore", "--yes", str(backed_up.path))
    assert result.exit_code == 0, result.output
    text = said(result)
    for step in ("The backup is intact", "Stopping Neo4j to load the backup", "Loading the backup into database neo4j",
                 "Starting Neo4j", "Verified:", "Restored"):  # fmt: skip
        assert step in text, step

    restored, fingerprint = await state(drill)
    assert restored.labels == backed_up.summary.labels, "every label's count"
    assert restored.types == backed_up.summary.types, "every relationship type's count"
    assert restored.checksum == backed_up.summary.checksum
    assert fingerprint == backed_up.fingerprint, "the tests' own fingerprint agrees"

    # An API process left running would wait for the transactions after the backup (RESTART_THE_API);
    # one started after the restore serves the restored graph.
    assert "Restart every API process" in text
    application = create_app(drill)
    with served(application, log_level="error") as url:
        api = Api(url, application)
        wait_ready(api)
        assert ok(api.gql(NEED_STATUS, {"id": backed_up.need}))["need"]["status"] == "PUBLISHED"
        assert ok(api.gql(NEED_STATUS, {"id": later["createNeed"]["id"]}))["need"] is None
