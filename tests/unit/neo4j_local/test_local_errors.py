"""The local Neo4j's preconditions fail with errors that say what to do."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from orggraph.neo4j_local import server as local
from orggraph.neo4j_local.config import render_conf
from orggraph.neo4j_local.errors import LocalNeo4jError
from orggraph.neo4j_local.resolve import cached, resolve
from orggraph.settings import Settings


def fake_java(tmp_path: Path, version_line: str) -> str:
    script = tmp_path / "java"
    script.write_text(f"#!/bin/sh\necho '{version_line}' >&2\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_java_older_than_17_is_refused(tmp_path: Path) -> None:
    java = fake_java(tmp_path, 'openjdk version "11.0.22" 2024-01-16')
    with pytest.raises(LocalNeo4jError, match=r"Java 11; Neo4j 5\.26 needs Java 17 or 21"):
        local.check_java(java)


def test_java_8_style_versions_are_read(tmp_path: Path) -> None:
    assert local.java_major(fake_java(tmp_path, 'java version "1.8.0_392"')) == 8
    assert local.check_java(fake_java(tmp_path, 'openjdk version "17.0.15" 2025-04-15')) == 17


def test_missing_maven_is_reported_when_nothing_is_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(LocalNeo4jError, match=r"Maven \(mvn\) was not found"):
        resolve(tmp_path / "cache", "5.26", "https://repo.maven.apache.org/maven2")


def test_a_cached_runtime_is_reused_without_maven(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for version in ("5.26.12", "5.26.30"):
        folder = tmp_path / f"neo4j-{version}"
        (folder / "lib").mkdir(parents=True)
        (folder / "complete").write_text(version)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert resolve(tmp_path, "5.26", "unused").version == "5.26.30"
    assert resolve(tmp_path, "5.26.12", "unused").version == "5.26.12"
    assert cached(tmp_path, "5.25") is None


def test_a_port_taken_by_another_process_is_named(tmp_path: Path) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen(1)
        port = squatter.getsockname()[1]
        settings = Settings(
            home=tmp_path, neo4j_bolt_port=port, neo4j_http_port=port + 1 if port < 65535 else 1
        )
        with pytest.raises(LocalNeo4jError, match=f"Port {port} \\(Bolt\\) on 127.0.0.1 is already taken"):
            local.start(settings)
    assert not (tmp_path / "neo4j" / "run").exists(), "nothing is started or written"


def test_stop_when_not_running_says_so(tmp_path: Path) -> None:
    said: list[str] = []
    assert local.stop(Settings(home=tmp_path), say=said.append) is False
    assert said == ["Neo4j is not running."]


def test_a_stale_pid_file_does_not_count_as_running(tmp_path: Path) -> None:
    run = tmp_path / "neo4j" / "run"
    run.mkdir(parents=True)
    (run / local.PID_FILE).write_text(str(os.getpid()))  # alive, but not a Neo4j of this home
    assert local.status(Settings(home=tmp_path)).running is False


def test_an_external_neo4j_uri_starts_nothing(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, NEO4J_URI="neo4j://db.example:7687")  # type: ignore[call-arg]
    assert not settings.uses_local_neo4j
    with pytest.raises(LocalNeo4jError, match="starts nothing locally"):
        local.start(settings)


def test_the_generated_conf_binds_loopback_and_turns_usage_reports_off() -> None:
    conf = render_conf(Settings(neo4j_bolt_port=7777, neo4j_http_port=7778))
    assert "server.bolt.listen_address=127.0.0.1:7777" in conf
    assert "server.http.listen_address=127.0.0.1:7778" in conf
    assert "dbms.usage_report.enabled=false" in conf
    assert "dbms.security.auth_enabled=true" in conf


def test_the_transaction_log_kept_is_a_setting_and_a_value_that_could_add_a_line_to_the_conf_is_refused() -> (
    None
):
    assert "db.tx_log.rotation.retention_policy=2 days" in render_conf(Settings())
    assert "db.tx_log.rotation.retention_policy=1G size\n" in render_conf(
        Settings(neo4j_tx_log_retention="1G size")
    )
    with pytest.raises(ValidationError, match="neo4j_tx_log_retention"):
        Settings(neo4j_tx_log_retention="1G size\ndbms.security.auth_enabled=false")


def test_the_replan_interval_is_neo4js_own_unless_set_and_a_value_that_could_add_a_line_is_refused() -> None:
    assert "min_replan_interval" not in render_conf(Settings())
    assert "dbms.cypher.min_replan_interval=1h\n" in render_conf(Settings(neo4j_replan_interval="1h"))
    with pytest.raises(ValidationError, match="neo4j_replan_interval"):
        Settings(neo4j_replan_interval="1h\ndbms.security.auth_enabled=false")


def test_a_stop_does_not_wait_out_the_bolt_servers_quiet_periods() -> None:
    # 10 s of every stop (a backup's downtime) were two 5 s quiet periods after the databases had stopped
    assert "internal.dbms.bolt.netty_server_shutdown_quiet_period=0\n" in render_conf(Settings())
