"""Back up and restore the local Neo4j (the one orggraph runs; Community Edition has no online backup).

backup: count the graph and compute its checksum over Bolt, check that the counts have not moved meanwhile
(every write through the API adds an audit record, so a write during the count shows), stop Neo4j,
`neo4j-admin database dump`, and start it again: the manifest describes the dump.
restore: check the whole file first (when it is refused nothing is touched; Neo4j is not even stopped),
stop Neo4j, `neo4j-admin database load --overwrite-destination=true`, start it, compare counts and
checksum with the manifest, then apply the migrations newer than the backup. Both leave Neo4j running or
stopped as they found it.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from orggraph import __version__
from orggraph.backup.archive import (
    BackupError,
    Manifest,
    NotLocal,
    read_archive,
    refuse_newer,
    sha256_file,
    write_archive,
)
from orggraph.graph.checksum import GraphCounts, GraphSummary, count, summarize
from orggraph.graph.driver import open_driver
from orggraph.graph.migrations import discover, latest_applied, latest_known, migrate
from orggraph.neo4j_local import server as local
from orggraph.neo4j_local.errors import LocalNeo4jError
from orggraph.settings import Settings

Say = Callable[[str], None]

# Seen in the drill: an API process left running keeps, in its driver, bookmarks of transactions newer
# than the backup; the restored database has not had them, so each of its queries waits for them
# (db.transaction.bookmark_ready_timeout) and fails with Neo.TransientError.Transaction.BookmarkTimeout.
RESTART_THE_API = (
    "Restart every API process (`orggraph serve`) that was running during the restore: its Neo4j driver "
    "remembers transactions newer than the backup and would wait for them (BookmarkTimeout) instead of "
    "answering."
)


def external_advice(settings: Settings, command: str) -> str:
    """What to do instead when orggraph does not run the Neo4j (NEO4J_URI is set)."""
    return (
        f"NEO4J_URI is set ({settings.neo4j_uri}): `orggraph {command}` works only on the local Neo4j that "
        "orggraph runs itself. Use Neo4j's own tools on that server instead:\n"
        "  docker compose (Community): `docker compose stop neo4j`, then\n"
        '    `docker compose run --rm -v "$PWD/backups:/backups" neo4j neo4j-admin database dump neo4j '
        "--to-path=/backups` (restore: `... neo4j-admin database load neo4j --from-path=/backups "
        "--overwrite-destination=true`), then `docker compose start neo4j`;\n"
        "  Enterprise or a cluster: the online `neo4j-admin database backup` and "
        "`neo4j-admin database restore`.\n"
        "docs/operations.md has the steps."
    )


def _refuse_external(settings: Settings, command: str) -> None:
    if not settings.uses_local_neo4j:
        raise NotLocal(external_advice(settings, command))


def _describe(summary: GraphSummary) -> str:
    return f"{summary.nodes} nodes, {summary.relationships} relationships, checksum {summary.checksum[:16]}"


async def _read_graph(settings: Settings) -> tuple[GraphSummary, str | None]:
    async with open_driver(settings) as driver:
        summary = await summarize(driver, settings.neo4j_database)
        migration = await latest_applied(driver, settings.neo4j_database)
    return summary, migration


async def _count(settings: Settings) -> GraphCounts:
    async with open_driver(settings) as driver:
        return await count(driver, settings.neo4j_database)


def read_graph(settings: Settings) -> tuple[GraphSummary, str | None]:
    """Counts, checksum and the newest applied migration of the running Neo4j's database."""
    return asyncio.run(_read_graph(settings))


# ---------------------------------------------------------------- backup
def backup(settings: Settings, target: Path, say: Say) -> Manifest:
    """Write the backup file; raises BackupError (or LocalNeo4jError) saying what went wrong."""
    _refuse_external(settings, "backup")
    if target.exists():
        raise BackupError(f"{target} already exists; a backup never overwrites a file: give a new name.")
    if not target.parent.is_dir():
        raise BackupError(f"{target.parent} is not a folder; create it first.")
    if not local.has_database(settings):
        raise BackupError(
            f"There is no local graph to back up in {settings.neo4j_home} (database "
            f"{settings.neo4j_database} was never created there)."
        )
    was_running = local.status(settings).running
    if not was_running:
        say("Neo4j is not running; starting it to count the graph.")
        local.start(settings, say)

    say(f"Counting the graph and computing its checksum over Bolt ({settings.bolt_uri}) ...")
    taken = datetime.now(UTC).isoformat(timespec="seconds")
    summary, migration = read_graph(settings)
    say(f"Graph: {_describe(summary)}; schema at migration {migration or '(none)'}.")
    changes = summary.counts.differences(asyncio.run(_count(settings)), this="counted", that="now")
    if changes:
        raise BackupError(
            "The graph changed while it was being counted (something wrote to it), so nothing was dumped and "
            "Neo4j was not stopped. Stop what writes to the graph (e.g. `orggraph serve`) and run the backup "
            "again.\n  " + "\n  ".join(changes)
        )

    say(
        "Stopping Neo4j for the dump (Community Edition has no online backup; the API cannot reach the graph meanwhile)."
    )
    local.stop(settings, say)
    try:
        with tempfile.TemporaryDirectory(prefix=f".{target.name}.", dir=target.parent) as tmp:
            say(f"Dumping database {settings.neo4j_database} (neo4j-admin database dump) ...")
            dump = local.dump(settings, Path(tmp), say)
            manifest = Manifest(
                created_at=taken,
                orggraph_version=__version__,
                neo4j_version=local.status(settings).version,
                database=settings.neo4j_database,
                migration=migration,
                graph=summary,
                dump_bytes=dump.stat().st_size,
                dump_sha256=sha256_file(dump),
            )
            write_archive(target, manifest, dump)
    finally:
        if was_running:
            say("Starting Neo4j again ...")
            local.start(settings, say)

    if not was_running:
        say("Neo4j is left stopped, as it was.")
    size = target.stat().st_size
    say(f"Wrote {target} ({size:,} bytes): {_describe(summary)}, migration {migration or '(none)'}.")
    return manifest


# ---------------------------------------------------------------- restore
@dataclass(frozen=True)
class Restored:
    manifest: Manifest
    found: GraphSummary
    migrated: list[str]


def pending_migrations(manifest: Manifest, folder: Path) -> list[str]:
    """The migrations this code has that the backup's graph has not had (applied after the restore)."""
    return [
        f"{m.version}_{m.name}"
        for m in discover(folder)
        if manifest.migration is None or int(m.version) > int(manifest.migration)
    ]


def restore(
    settings: Settings, source: Path, say: Say, confirm: Callable[[Manifest], bool]
) -> Restored | None:
    """Replace the local graph with the backup's; None when confirm says no (nothing changed)."""
    _refuse_external(settings, "restore")
    known = latest_known(settings.schema_dir)
    settings.home.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".restore.", dir=settings.home) as tmp:
        say(f"Checking {source} ...")
        manifest = read_archive(source, dump_to=Path(tmp) / f"{settings.neo4j_database}.dump")
        refuse_newer(manifest, known)
        pending = pending_migrations(manifest, settings.schema_dir)
        say(
            f"The backup is intact: taken {manifest.created_at} by orggraph {manifest.orggraph_version} on "
            f"Neo4j {manifest.neo4j_version or '(unknown)'} from database {manifest.database}; "
            f"{_describe(manifest.graph)}; schema at migration {manifest.migration or '(none)'}."
        )
        if pending:
            say(f"Migrations newer than the backup, applied after loading it: {', '.join(pending)}.")
        if not confirm(manifest):
            return None

        was_running = local.status(settings).running
        if was_running:
            say("Stopping Neo4j to load the backup (the API cannot reach the graph meanwhile).")
            local.stop(settings, say)
        say(
            f"Loading the backup into database {settings.neo4j_database}, replacing it "
            "(neo4j-admin database load --overwrite-destination=true) ..."
        )
        try:
            local.load(settings, Path(tmp), say)
        except LocalNeo4jError as exc:
            raise BackupError(
                f"{exc}\nNeo4j was left stopped: the database may be incomplete. The backup file itself is intact; "
                "run the restore again once the cause is fixed."
            ) from exc

    say("Starting Neo4j ...")
    local.start(settings, say)
    say("Verifying the restored graph against the backup's manifest over Bolt ...")
    found, migration = read_graph(settings)
    mismatch = manifest.graph.differences(found, this="in the backup", that="restored")
    if mismatch or migration != manifest.migration:
        if migration != manifest.migration:
            mismatch.append(f"migration: {manifest.migration} in the backup, {migration} restored")
        raise BackupError(
            "The restored graph is not the one the backup describes (Neo4j is running with it):\n  "
            + "\n  ".join(mismatch)
        )
    if manifest.graph.comparable(found):
        say(f"Verified: {_describe(found)}, equal to the backup.")
    else:
        say(
            f"Verified: {found.nodes} nodes and {found.relationships} relationships, every label's and type's "
            f"count equal to the backup's. The checksum was not compared: the backup's was computed by checksum "
            f"algorithm {manifest.graph.algorithm}, this orggraph computes {found.algorithm}."
        )

    migrated: list[str] = []
    if pending:
        say("Applying the migrations newer than the backup ...")
        migrated = asyncio.run(_migrate(settings))
        say("Applied: " + (", ".join(migrated) or "nothing"))
    if not was_running:
        say("Stopping Neo4j again, as it was not running before.")
        local.stop(settings, say)
    say(RESTART_THE_API)
    return Restored(manifest, found, migrated)


async def _migrate(settings: Settings) -> list[str]:
    async with open_driver(settings) as driver:
        done = await migrate(driver, settings.neo4j_database, settings.schema_dir)
    return [f"{m.version}_{m.name}" for m in done]
