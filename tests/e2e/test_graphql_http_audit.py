"""GraphQL over HTTP conformance: graphql-http's server audits (npm, pinned in tests/http_conformance)
run against the served endpoint; every MUST audit passes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Api

AUDIT_DIR = Path(__file__).resolve().parents[1] / "http_conformance"


@pytest.fixture(scope="module")
def audit_tool() -> Path:
    node, npm = shutil.which("node"), shutil.which("npm")
    assert node and npm, "Node.js and npm are needed for the GraphQL over HTTP audit"
    if not (AUDIT_DIR / "node_modules" / "graphql-http").exists():
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=AUDIT_DIR, check=True, timeout=300
        )
    return AUDIT_DIR / "audit.mjs"


def test_every_must_audit_of_graphql_http_passes(api: Api, audit_tool: Path) -> None:
    out = subprocess.run(
        ["node", str(audit_tool), f"{api.url}/graphql"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    results = json.loads(out.stdout)
    musts = [r for r in results if r["name"].startswith("MUST")]
    assert len(musts) >= 10, "the audit suite ran"
    failed = [f"{r['id']} {r['name']}: {r['reason']}" for r in results if r["status"] == "error"]
    assert failed == []
