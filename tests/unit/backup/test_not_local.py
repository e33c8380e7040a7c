"""With NEO4J_URI set, orggraph runs no Neo4j of its own: backup and restore refuse (exit 2) and say what
to use instead, before looking at any file or server."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from orggraph.cli import app


@pytest.mark.parametrize("command", [["backup"], ["restore", "--yes"]])
def test_backup_and_restore_refuse_an_external_neo4j_and_say_what_to_do(
    tmp_path: Path, command: list[str]
) -> None:
    result = CliRunner().invoke(
        app, [*command, str(tmp_path / "b.tar")], env={"NEO4J_URI": "bolt://neo4j:7687", "COLUMNS": "300"}
    )
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert (
        f"NEO4J_URI is set (bolt://neo4j:7687): `orggraph {command[0]}` works only on the local Neo4j" in said
    )
    assert (
        "docker compose stop neo4j" in said and "neo4j-admin database dump neo4j --to-path=/backups" in said
    )
    assert "neo4j-admin database load neo4j --from-path=/backups --overwrite-destination=true" in said
    assert "`neo4j-admin database backup`" in said and "`neo4j-admin database restore`" in said
    assert not (tmp_path / "b.tar").exists()
