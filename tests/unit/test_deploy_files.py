"""docker-compose.yml and the Dockerfile, read as Docker would (no Docker engine runs here)."""

from __future__ import annotations

from pathlib import Path

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


def test_the_api_waits_for_a_healthy_neo4j_and_checks_its_own_readiness() -> None:
    api = compose()["services"]["api"]  # type: ignore[index]
    assert api["build"] == "."
    assert api["depends_on"] == {"neo4j": {"condition": "service_healthy"}}
    assert "/readyz" in " ".join(api["healthcheck"]["test"])
    assert api["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    assert api["environment"]["ORGGRAPH_ENV"] == "production"
    assert "ORGGRAPH_JWT_SECRET:?" in api["environment"]["ORGGRAPH_JWT_SECRET"], (
        "no default secret in production"
    )


def test_the_dockerfile_copies_what_the_cli_reads_at_run_time() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    for needed in ("COPY schema", "COPY seeds", "COPY src", "orggraph db migrate", "orggraph serve"):
        assert needed in text
    # the image is built from files that exist in the repository
    for line in text.splitlines():
        if line.startswith("COPY "):
            for src in line.split()[1:-1]:
                assert (ROOT / src).exists(), src
