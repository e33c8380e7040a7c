"""Numbered, idempotent Cypher migrations (schema/neo4j/NNN_name.cypher), applied once, recorded in the graph.

Each applied migration leaves a (:SchemaMigration {version, name, checksum, appliedAt}) node. Running
`orggraph db migrate` again applies nothing; a migration edited after it was applied is refused.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from neo4j import AsyncDriver

_FILE = re.compile(r"^(\d{3})_([a-z0-9_]+)\.cypher$")

BOOTSTRAP = (
    "CREATE CONSTRAINT schema_migration_version IF NOT EXISTS "
    "FOR (m:SchemaMigration) REQUIRE m.version IS UNIQUE"
)
APPLIED = "MATCH (m:SchemaMigration) RETURN m.version AS version, m.checksum AS checksum"
LATEST_APPLIED = "MATCH (m:SchemaMigration) RETURN max(m.version) AS version"
RECORD = (
    "MERGE (m:SchemaMigration {version: $version}) "
    "SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()"
)


# `CALL { ... } IN [n] [CONCURRENT] TRANSACTIONS`: a statement that commits in batches
BATCHED = re.compile(r"\bIN\s+(?:\d+\s+)?(?:CONCURRENT\s+)?TRANSACTIONS\b", re.IGNORECASE)


class MigrationError(RuntimeError):
    pass


@dataclass(frozen=True)
class Migration:
    version: str
    name: str
    path: Path
    text: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()

    @property
    def statements(self) -> list[str]:
        body = "\n".join(line for line in self.text.splitlines() if not line.strip().startswith("//"))
        return [s.strip() for s in re.split(r";\s*(?:\n|$)", body) if s.strip()]


def discover(folder: Path) -> list[Migration]:
    found = []
    for path in sorted(folder.glob("*.cypher")):
        m = _FILE.match(path.name)
        if not m:
            raise MigrationError(f"{path.name}: migration files are named NNN_snake_name.cypher")
        found.append(Migration(m.group(1), m.group(2), path, path.read_text(encoding="utf-8")))
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"two migrations share a number in {folder}")
    return found


def latest_known(folder: Path) -> str | None:
    """The number of the newest migration this code has (None: there are none)."""
    found = discover(folder)
    return found[-1].version if found else None


async def latest_applied(driver: AsyncDriver, database: str) -> str | None:
    """The number of the newest migration recorded in the graph (None: none was applied)."""
    records, _, _ = await driver.execute_query(LATEST_APPLIED, database_=database, routing_="r")
    version = records[0]["version"]
    return None if version is None else str(version)


async def migrate(driver: AsyncDriver, database: str, folder: Path) -> list[Migration]:
    """Apply the migrations not yet applied, in order. Returns those applied now."""
    migrations = discover(folder)
    await driver.execute_query(BOOTSTRAP, database_=database, routing_="w")
    records, _, _ = await driver.execute_query(APPLIED, database_=database, routing_="r")
    applied = {r["version"]: r["checksum"] for r in records}
    done = []
    for mig in migrations:
        if mig.version in applied:
            if applied[mig.version] != mig.checksum:
                raise MigrationError(
                    f"migration {mig.path.name} was changed after it was applied; "
                    "add a new numbered migration instead of editing an applied one"
                )
            continue
        # Schema commands cannot share a transaction with writes: each runs on its own. They are all
        # IF NOT EXISTS, so a migration interrupted half-way is simply re-run.
        for statement in mig.statements:
            if BATCHED.search(statement):
                # a backfill in batches (CALL {...} IN TRANSACTIONS) commits its own transactions, which
                # Neo4j allows only in an implicit (auto-commit) one
                async with driver.session(database=database) as session:
                    await (await session.run(statement)).consume()
            else:
                await driver.execute_query(statement, database_=database, routing_="w")
        await driver.execute_query(
            RECORD,
            version=mig.version,
            name=mig.name,
            checksum=mig.checksum,
            database_=database,
            routing_="w",
        )
        done.append(mig)
    # on the writer, where the schema commands ran
    await driver.execute_query("CALL db.awaitIndexes(300)", database_=database, routing_="w")
    return done
