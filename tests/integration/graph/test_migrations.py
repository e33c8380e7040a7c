"""Migrations are applied once, recorded in the graph, and running them again changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from neo4j import AsyncDriver
from neo4j.exceptions import ConstraintError

from orggraph.domain.model import KEYS, Label
from orggraph.graph.migrations import MigrationError, discover, migrate
from orggraph.settings import Settings


async def schema(driver: AsyncDriver, db: str) -> tuple[list[str], list[str]]:
    cons, _, _ = await driver.execute_query(
        "SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name", database_=db
    )
    idx, _, _ = await driver.execute_query("SHOW INDEXES YIELD name RETURN name ORDER BY name", database_=db)
    return [r["name"] for r in cons], [r["name"] for r in idx]


async def test_migrate_twice_applies_nothing_the_second_time(driver: AsyncDriver, settings: Settings) -> None:
    db = settings.neo4j_database
    before = await schema(driver, db)
    assert await migrate(driver, db, settings.schema_dir) == []
    assert await schema(driver, db) == before
    recorded, _, _ = await driver.execute_query(
        "MATCH (m:SchemaMigration) RETURN m.version AS v ORDER BY v", database_=db
    )
    assert [r["v"] for r in recorded] == ["001", "002", "003", "004", "005", "006", "007", "008", "009", "010", "011", "012", "013", "014", "015", "016", "017", "018", "019"]  # fmt: skip


async def test_every_label_has_a_unique_id_constraint(driver: AsyncDriver, settings: Settings) -> None:
    records, _, _ = await driver.execute_query(
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
        "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties AS props",
        database_=settings.neo4j_database,
    )
    constrained = {(r["label"], r["props"][0]) for r in records if len(r["props"]) == 1}
    assert {(label.value, KEYS.get(label, "id")) for label in Label} <= constrained


async def test_the_fulltext_indexes_use_the_cjk_analyzer(driver: AsyncDriver, settings: Settings) -> None:
    records, _, _ = await driver.execute_query(
        "SHOW FULLTEXT INDEXES YIELD name, options RETURN name, options.indexConfig['fulltext.analyzer'] AS a",
        database_=settings.neo4j_database,
    )
    assert {r["name"]: r["a"] for r in records} == {
        "need_text": "cjk",
        "resource_text": "cjk",
        "org_name": "cjk",
        "concept_text": "cjk",
    }


async def test_an_applied_migration_that_was_edited_is_refused(
    driver: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "migrations"
    shutil.copytree(settings.schema_dir, folder)
    first = sorted(folder.glob("*.cypher"))[0]
    first.write_text(first.read_text() + "\n// edited\n")
    with pytest.raises(MigrationError, match="was changed after it was applied"):
        await migrate(driver, settings.neo4j_database, folder)


async def test_the_needs_list_has_its_composite_index_in_the_order_of_its_filters_and_sort(
    driver: AsyncDriver, settings: Settings
) -> None:
    records, _, _ = await driver.execute_query(
        "SHOW RANGE INDEXES YIELD name, labelsOrTypes, properties, state "
        "WHERE name = 'need_status_domain_neededby' RETURN labelsOrTypes, properties, state",
        database_=settings.neo4j_database,
    )
    assert [dict(r) for r in records] == [
        {"labelsOrTypes": ["Need"], "properties": ["status", "domain", "neededBy", "id"], "state": "ONLINE"}
    ]


async def test_a_migration_that_backfills_in_batches_applies(
    driver: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    """A backfill of a large graph commits in batches (CALL {...} IN TRANSACTIONS), which Neo4j refuses inside
    an explicit transaction: the runner runs such a statement on its own, auto-committed."""
    db = settings.neo4j_database
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "900_probe_backfill.cypher").write_text(
        "// three probe nodes, then a flag set on each in its own transaction\n"
        "UNWIND range(1, 3) AS i CREATE (:MigrationProbe {i: i});\n"
        "MATCH (x:MigrationProbe) CALL (x) { SET x.done = true } IN TRANSACTIONS OF 1 ROWS;\n",
        encoding="utf-8",
    )
    try:
        applied = await migrate(driver, db, folder)
        assert [m.version for m in applied] == ["900"]
        records, _, _ = await driver.execute_query(
            "MATCH (x:MigrationProbe) RETURN count(x) AS n, all(d IN collect(x.done) WHERE d) AS done",
            database_=db,
        )
        assert (records[0]["n"], records[0]["done"]) == (3, True)
    finally:
        await driver.execute_query(
            "MATCH (x:MigrationProbe) DELETE x WITH count(*) AS _ "
            "MATCH (m:SchemaMigration {version: '900'}) DELETE m",
            database_=db,
        )


async def test_the_client_id_migration_keeps_every_node_and_gives_a_key_taken_twice_to_the_first(
    driver: AsyncDriver, settings: Settings
) -> None:
    """016 on a graph where a race had made two needs with one clientId: both needs stay, the first created keeps
    the key, the other gets its id appended; then the key is unique. Running it again changes nothing."""
    db = settings.neo4j_database
    (migration,) = [m for m in discover(settings.schema_dir) if m.version == "016"]
    try:
        await driver.execute_query("DROP CONSTRAINT need_client_id_unique IF EXISTS", database_=db)
        await driver.execute_query(
            """CREATE (:Need {id: 'mig016-b', clientId: 'mig016-key', createdAt: datetime('2026-01-02T00:00:00Z')})
               CREATE (:Need {id: 'mig016-a', clientId: 'mig016-key', createdAt: datetime('2026-01-01T00:00:00Z')})""",
            database_=db,
        )
        for _ in range(2):
            for statement in migration.statements:
                await driver.execute_query(statement, database_=db)
            records, _, _ = await driver.execute_query(
                "MATCH (n:Need) WHERE n.id STARTS WITH 'mig016-' RETURN n.id AS id, n.clientId AS key ORDER BY id",
                database_=db,
            )
            assert [(r["id"], r["key"]) for r in records] == [
                ("mig016-a", "mig016-key"), ("mig016-b", "mig016-key#mig016-b")
            ]  # fmt: skip
        with pytest.raises(ConstraintError):
            await driver.execute_query(
                "CREATE (:Need {id: 'mig016-c', clientId: 'mig016-key'})", database_=db
            )
    finally:
        await driver.execute_query("MATCH (n:Need) WHERE n.id STARTS WITH 'mig016-' DELETE n", database_=db)
        for statement in migration.statements:
            await driver.execute_query(statement, database_=db)


async def test_the_need_lifecycle_migration_moves_six_step_needs_and_their_history(
    driver: AsyncDriver, settings: Settings
) -> None:
    """014: a need in the method's middle steps goes back to registered, or on to published if the meeting had
    resolved it; its history steps are renamed alike and a step that no longer changes anything is dropped;
    running it again changes nothing."""
    db = settings.neo4j_database
    (migration,) = [m for m in discover(settings.schema_dir) if m.version == "014"]
    await driver.execute_query(
        """UNWIND [['mig014-a', 'RESOLVED'], ['mig014-b', 'DELIBERATED'], ['mig014-c', 'CLAIMED']] AS x
        CREATE (n:Need {id: x[0], status: x[1]})
        WITH n, x
        UNWIND [[0, null, 'COLLECTED'], [1, 'COLLECTED', 'PROPOSED'], [2, 'PROPOSED', 'DELIBERATED'],
                [3, 'DELIBERATED', 'RESOLVED'], [4, 'RESOLVED', 'CLAIMED']] AS step
        WITH n, x, step WHERE x[1] <> 'DELIBERATED' OR NOT step[2] IN ['RESOLVED', 'CLAIMED']
        CREATE (n)-[:HAS_EVENT]->(:NeedEvent {id: n.id + '-' + step[0], from: step[1], to: step[2],
                                             at: datetime() + duration({minutes: step[0]})})
        WITH n, x WHERE x[1] = 'RESOLVED'
        MATCH (n)-[:HAS_EVENT]->(e:NeedEvent {to: 'CLAIMED'}) DETACH DELETE e""",
        database_=db,
    )
    read = """MATCH (n:Need) WHERE n.id STARTS WITH 'mig014-'
    RETURN n.id AS id, n.status AS status,
           COLLECT { MATCH (n)-[:HAS_EVENT]->(e) RETURN [e.from, e.to] ORDER BY e.at, e.id } AS steps ORDER BY id"""
    try:
        for _ in range(2):
            for statement in migration.statements:
                await driver.execute_query(statement, database_=db)
            rows = [dict(r) for r in (await driver.execute_query(read, database_=db))[0]]
            assert rows == [
                {"id": "mig014-a", "status": "PUBLISHED",
                 "steps": [[None, "COLLECTED"], ["COLLECTED", "PUBLISHED"]]},
                {"id": "mig014-b", "status": "COLLECTED", "steps": [[None, "COLLECTED"]]},
                {"id": "mig014-c", "status": "CLAIMED",
                 "steps": [[None, "COLLECTED"], ["COLLECTED", "PUBLISHED"], ["PUBLISHED", "CLAIMED"]]},
            ]  # fmt: skip
    finally:
        await driver.execute_query(
            "MATCH (n:Need) WHERE n.id STARTS WITH 'mig014-' OPTIONAL MATCH (n)-[:HAS_EVENT]->(e) DETACH DELETE n, e",
            database_=db,
        )
