"""The real local Neo4j: start is idempotent, status tells, Bolt answers."""

from __future__ import annotations

from orggraph.neo4j_local import server as local
from orggraph.settings import Settings


def test_start_when_already_running_says_so_and_keeps_the_same_server(neo4j_server: Settings) -> None:
    if not neo4j_server.uses_local_neo4j:
        return
    before = local.status(neo4j_server)
    said: list[str] = []
    after = local.start(neo4j_server, say=said.append)
    assert after.pid == before.pid
    assert said[0].startswith(f"Neo4j is already running (pid {before.pid})")


def test_status_reports_the_running_version_and_answering_bolt(neo4j_server: Settings) -> None:
    if not neo4j_server.uses_local_neo4j:
        return
    st = local.status(neo4j_server)
    assert st.running and st.answering
    assert st.version is not None and st.version.startswith("5.26.")
    assert local.bolt_answers(neo4j_server)
