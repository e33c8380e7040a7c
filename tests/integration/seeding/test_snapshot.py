"""The suite's demo written back from a snapshot (tests/support/snapshot.py) after a test wrote: it must be the
graph the seed's load makes, or every test after a writing one would run on something else."""

from __future__ import annotations

from neo4j import AsyncDriver

from orggraph.seeding.load import load, wipe
from orggraph.seeding.records import Bundle
from orggraph.settings import Settings
from tests.conftest import graph_fingerprint
from tests.support import snapshot

HITS = "CALL db.index.fulltext.queryNodes('need_text', $q) YIELD node RETURN collect(node.id) AS ids"


async def test_the_demo_written_back_from_its_snapshot_is_the_graph_its_load_made_indexes_included(
    driver: AsyncDriver, settings: Settings, demo_bundle: Bundle
) -> None:
    db = settings.neo4j_database
    await wipe(driver, db)
    await load(driver, db, demo_bundle)
    loaded = await graph_fingerprint(driver, db)
    hits = (await driver.execute_query(HITS, q="老人", database_=db))[0][0]["ids"]
    taken = await snapshot.take(driver, db)

    await wipe(driver, db)
    await snapshot.restore(driver, db, taken)
    assert await graph_fingerprint(driver, db) == loaded
    assert len(loaded[0]) > 13_000 and len(loaded[1]) > 30_000
    assert hits and sorted((await driver.execute_query(HITS, q="老人", database_=db))[0][0]["ids"]) == sorted(
        hits
    )
