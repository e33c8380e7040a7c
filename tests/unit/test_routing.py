"""Every statement orggraph sends says where a cluster should run it: each `execute_query` call in src passes
`routing_` (READ for a read, WRITE for a write), and Graph.read routes as READ. Under a neo4j:// URI the driver
sends READ work to a follower or read replica, WRITE work to the leader; a call without `routing_` would go to
the leader by default, which is right only for writes and is easy to leave out unnoticed.

Read with `ast`, as tests/unit/test_layering.py reads imports."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "orggraph"


def _calls(name: str) -> list[tuple[Path, ast.Call]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == name:
                found.append((path, node))
    return found


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _where(path: Path, call: ast.Call) -> str:
    return f"{path.relative_to(PACKAGE.parents[1])}:{call.lineno}"


def test_every_execute_query_in_src_says_how_a_cluster_routes_it() -> None:
    calls = _calls("execute_query")
    assert len(calls) >= 10, "the scan finds the calls"
    missing = [_where(path, call) for path, call in calls if _keyword(call, "routing_") is None]
    assert missing == [], f"execute_query without routing_ (READ or WRITE): {missing}"


def test_graph_reads_are_routed_as_reads_and_its_writes_as_writes() -> None:
    runner = PACKAGE / "graph" / "runner.py"
    routed = {
        ast.unparse(routing)
        for path, call in _calls("execute_query")
        if path == runner and (routing := _keyword(call, "routing_")) is not None
    }
    assert routed == {"RoutingControl.READ", "RoutingControl.WRITE"}


def test_every_session_that_only_reads_opens_as_a_read_session() -> None:
    # a session runs as WRITE unless it says otherwise: one that only reads must say READ. The sessions of
    # src that write (execute_write, begin_transaction, a migration's or a wipe's run) are listed by file.
    writing = {"cli.py", "migrations.py", "load.py", "importing.py", "runner.py"}
    unmarked = [
        _where(path, call)
        for path, call in _calls("session")
        if path.name not in writing and _keyword(call, "default_access_mode") is None
    ]
    assert unmarked == [], f"read sessions without default_access_mode=READ_ACCESS: {unmarked}"
