"""The layering rule of docs/architecture.md: `domain/` imports only the standard library (and itself);
`matching/` only `domain/`, itself and its computation libraries numpy, scipy and rjieba. Files are read at
the edge (orggraph.vocabulary), never in these two.

The test reads the source with `ast`: every import statement, at any depth (in a function, under
TYPE_CHECKING), and every importlib.import_module / __import__ of a literal name; and every call that
opens, reads or writes a file."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "orggraph"
# each layer: the packages of orggraph it may import, and the third-party libraries
RULES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "domain": (frozenset({"orggraph.domain"}), frozenset()),
    "matching": (
        frozenset({"orggraph.domain", "orggraph.matching"}),
        frozenset({"numpy", "scipy", "rjieba"}),
    ),
}


def _module_of(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolved(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The absolute name of a `from ... import` (relative ones resolved against `module`)."""
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def imported(source: str, module: str, is_package: bool = False) -> list[tuple[int, str]]:
    """Every module name the source imports, with its line."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            name = _resolved(node, module, is_package)
            if name == "orggraph":  # from orggraph import domain: the package named
                found += [(node.lineno, f"orggraph.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, name))
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            first = node.args[0] if node.args else None
            if (
                called in ("import_module", "__import__")
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                found.append((node.lineno, first.value))
    return found


def allowed(name: str, layer: str) -> bool:
    own, libraries = RULES[layer]
    top = name.split(".")[0]
    if top == "orggraph":
        return any(name == p or name.startswith(p + ".") for p in own)
    return top in sys.stdlib_module_names or top in libraries


def offences(layer: str, path: Path) -> list[str]:
    rel = path.relative_to(SRC.parent)
    names = imported(path.read_text(encoding="utf-8"), _module_of(path), path.name == "__init__.py")
    return [f"{rel}:{line} imports {name}" for line, name in names if not allowed(name, layer)]


@pytest.mark.parametrize("layer", sorted(RULES))
def test_each_layer_imports_only_what_the_rule_allows(layer: str) -> None:
    files = sorted((PACKAGE / layer).glob("*.py"))
    assert len(files) > 5, f"no files found in {PACKAGE / layer}"
    found = [o for path in files for o in offences(layer, path)]
    own, libraries = RULES[layer]
    allowed_here = ", ".join(["the standard library", *sorted(own), *sorted(libraries)])
    assert found == [], f"{layer}/ may import only {allowed_here}:\n" + "\n".join(found)


FILE_CALLS = frozenset({"open", "read_text", "read_bytes", "write_text", "write_bytes"})


def file_calls(source: str) -> list[tuple[int, str]]:
    """The calls that open, read or write a file, with their lines."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if called in FILE_CALLS:
                found.append((node.lineno, str(called)))
    return found


@pytest.mark.parametrize("layer", sorted(RULES))
def test_no_layer_reads_or_writes_a_file(layer: str) -> None:
    found = [
        f"{path.relative_to(SRC.parent)}:{line} calls {name}()"
        for path in sorted((PACKAGE / layer).glob("*.py"))
        for line, name in file_calls(path.read_text(encoding="utf-8"))
    ]
    assert found == [], f"{layer}/ is given what files hold (orggraph.vocabulary reads them):\n" + "\n".join(
        found
    )


def test_the_check_sees_every_way_of_importing() -> None:
    source = """
import yaml
import numpy.typing
from pydantic import BaseModel
from orggraph import settings
from orggraph.graph import runner
from . import taxonomy
from ..seeding import yamlio
import importlib

def later():
    import neo4j
    return importlib.import_module("strawberry")
"""
    names = {name for _, name in imported(source, "orggraph.domain.concepts")}
    assert names == {
        "yaml",
        "numpy.typing",
        "pydantic",
        "orggraph.settings",
        "orggraph.graph",
        "orggraph.domain",  # from . import taxonomy
        "orggraph.seeding",  # from ..seeding import yamlio
        "importlib",
        "neo4j",
        "strawberry",
    }
    outside = {
        "yaml",
        "pydantic",
        "orggraph.settings",
        "orggraph.graph",
        "orggraph.seeding",
        "neo4j",
        "strawberry",
    }
    assert {n for n in names if not allowed(n, "domain")} == outside | {"numpy.typing"}
    assert {n for n in names if not allowed(n, "matching")} == outside
    assert file_calls("p.read_text(encoding='utf-8')\nwith open(p) as f:\n    f.read()\n") == [
        (1, "read_text"),
        (2, "open"),
    ]
