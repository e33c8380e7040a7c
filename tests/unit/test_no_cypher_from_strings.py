"""Cypher is never built from user strings: every query orggraph sends is a module-level constant (or
one picked from a constant table by a closed key), and values always travel as parameters.

The test reads the source: each call that sends Cypher must pass, as its query, a constant's name, an
element of a constant table, or one of the few pass-through parameters below."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "orggraph"
SENDERS = {"read", "run", "execute_query", "write_one"}
# functions that hand on a query they were given (the constants are checked at their callers)
PASS_THROUGH = {
    ("graph/runner.py", "query"),
    ("graph/migrations.py", "statement"),
    ("seeding/load.py", "step"),
    ("seeding/load.py", "query"),
    ("graph/paging.py", "query"),
    # its helpers run the module's own constants (TEXTS, REINDEX_ROWS, SET_TERMS_ROWS ...)
    ("graph/text_writes.py", "query"),
    # the compiled reads' statements: made by the compiler from the catalog's constants only
    # (tests/unit/test_compiled_planner.py proves no text of the request reaches them)
    ("api/compiled/fastpath.py", "prepared"),
}
# modules that name their module of Cypher constants `q` (q.OPEN_NEEDS)
CONSTANT_MODULES = {
    ("graph/matching_reads.py", "q"),
    ("seeding/load.py", "q"),
    # spreadsheets in and out: graph/transfer_reads.py holds their Cypher constants
    ("transfer/importing.py", "transfer_reads"),
    ("transfer/exporting.py", "transfer_reads"),
    ("api/transfer_http.py", "transfer_reads"),
    ("cli.py", "transfer_reads"),
}


def is_constant(node: ast.expr, rel: str) -> bool:
    if isinstance(node, ast.Name):
        return node.id.isupper() or (rel, node.id) in PASS_THROUGH
    if isinstance(node, ast.Subscript):  # NETWORK[depth], COMBINED[parts], SCOPE_OF[label]
        return isinstance(node.value, ast.Name) and node.value.id.isupper()
    if isinstance(node, ast.Attribute):  # step.query, q.OPEN_NEEDS
        root = node
        while isinstance(root, ast.Attribute):
            root = root.value  # type: ignore[assignment]
        return isinstance(root, ast.Name) and (
            root.id.isupper() or (rel, root.id) in PASS_THROUGH or (rel, root.id) in CONSTANT_MODULES
        )
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Query":
        return bool(node.args) and is_constant(node.args[0], rel)
    # a literal holds no user data; anything else (an f-string, a concatenation, a call) is refused
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def test_every_query_sent_is_a_constant() -> None:
    offenders = []
    checked = 0
    for path in sorted(SRC.rglob("*.py")):
        rel = str(path.relative_to(SRC))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr not in SENDERS or not node.args:
                continue
            if isinstance(node.func.value, ast.Name) and node.func.value.id in {
                "subprocess",
                "asyncio",
                "uvicorn",
            }:
                continue  # not Cypher
            checked += 1
            if not is_constant(node.args[0], rel):
                offenders.append(f"{rel}:{node.lineno}: {ast.unparse(node.args[0])}")
    assert checked > 30
    assert offenders == []


def test_module_level_cypher_is_built_only_from_constants() -> None:
    """f-strings at module level may only interpolate other constants or closed enums' values."""
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for stmt in tree.body:
            if isinstance(stmt, ast.Assign | ast.AnnAssign):
                for node in ast.walk(stmt):
                    if isinstance(node, ast.FormattedValue):
                        names = {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)}
                        assert all(n.isupper() or n in {"label", "lb", "depth", "Label", "NETWORK_RELS", "d"}
                                   for n in names), f"{path.name}:{node.lineno}: {names}"  # fmt: skip


def test_the_check_refuses_a_query_built_at_the_call() -> None:
    call = ast.parse("graph.read(f\"MATCH (n {{id: '{user}'}}) RETURN n\")").body[0].value  # type: ignore[attr-defined]
    assert not is_constant(call.args[0], "graph/network_reads.py")
    call = ast.parse('tx.run("MATCH (n) WHERE n.name = " + name)').body[0].value  # type: ignore[attr-defined]
    assert not is_constant(call.args[0], "graph/network_reads.py")
