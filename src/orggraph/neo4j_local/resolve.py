"""Resolve Neo4j Community (org.neo4j:neo4j and its runtime dependencies) from Maven Central, once.

The jars go to a cache outside the work tree (Settings.cache_dir); later starts reuse them without
asking any registry. They are kept unmerged: analyzers and index providers are found through
META-INF/services, which a merged jar would break.

A version line such as "5.26" means its newest patch that resolves: the patch list comes from Maven
Central's maven-metadata.xml (a Maven version range would make Maven walk the dependency tree of every
patch in the range, which takes many minutes), and patches are tried newest first.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from orggraph.neo4j_local.errors import LocalNeo4jError

# Known to resolve and run here; used when the version list cannot be read.
FALLBACK_PATCH = {"5.26": "5.26.30"}

POM_TEMPLATE = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>orggraph.local</groupId>
  <artifactId>neo4j-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j</groupId>
      <artifactId>neo4j</artifactId>
      <version>{version}</version>
    </dependency>
  </dependencies>
</project>
"""

_EXACT = re.compile(r"^\d+\.\d+\.\d+$")
_LINE = re.compile(r"^\d+\.\d+$")


@dataclass(frozen=True)
class Runtime:
    """A resolved Neo4j: the folder of jars and the exact version in it."""

    lib: Path
    version: str

    @property
    def classpath(self) -> str:
        return str(self.lib / "*")


def _patch_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


def _folder(cache_dir: Path, version: str) -> Path:
    return cache_dir / f"neo4j-{version}"


def cached(cache_dir: Path, spec: str) -> Runtime | None:
    """The newest complete cached runtime matching the spec (an exact version or a line)."""
    if not cache_dir.exists():
        return None
    found: list[str] = []
    for marker in cache_dir.glob("neo4j-*/complete"):
        version = marker.parent.name.removeprefix("neo4j-")
        if version == spec or (_LINE.match(spec) and version.startswith(spec + ".")):
            found.append(version)
    if not found:
        return None
    best = max(found, key=_patch_key)
    return Runtime(_folder(cache_dir, best) / "lib", best)


def available_patches(line: str, central_url: str, timeout: float = 20.0) -> list[str]:
    """Every published x.y.z of the line, newest first, from Maven Central's metadata."""
    url = f"{central_url.rstrip('/')}/org/neo4j/neo4j/maven-metadata.xml"
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        root = ET.fromstring(resp.read())
    versions = [v.text or "" for v in root.iter("version")]
    patches = [v for v in versions if _EXACT.match(v) and v.startswith(line + ".")]
    return sorted(patches, key=_patch_key, reverse=True)


def _maven_copy(mvn: str, cache_dir: Path, version: str) -> Runtime:
    folder = _folder(cache_dir, version)
    lib = folder / "lib"
    if lib.exists():
        shutil.rmtree(lib)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pom.xml").write_text(POM_TEMPLATE.format(version=version), encoding="utf-8")
    cmd = [
        mvn, "-B", "-q", "-f", str(folder / "pom.xml"),
        "dependency:copy-dependencies", "-DincludeScope=runtime", f"-DoutputDirectory={lib}",
    ]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0 or not (lib / f"neo4j-{version}.jar").exists():
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
        raise LocalNeo4jError(f"Maven could not resolve org.neo4j:neo4j:{version}.\n{tail}")
    (folder / "complete").write_text(version + "\n", encoding="utf-8")
    return Runtime(lib, version)


def resolve(
    cache_dir: Path, spec: str, central_url: str, say: Callable[[str], None] = lambda _: None
) -> Runtime:
    """Return the cached runtime for the spec, resolving it with Maven the first time."""
    hit = cached(cache_dir, spec)
    if hit:
        return hit
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LocalNeo4jError(
            "Maven (mvn) was not found on PATH. orggraph resolves Neo4j from Maven Central with it: "
            "install Maven 3.8+ (e.g. `apt-get install maven`), or set NEO4J_URI to an existing Neo4j."
        )
    if _EXACT.match(spec):
        candidates = [spec]
    elif _LINE.match(spec):
        try:
            candidates = available_patches(spec, central_url)[:3]
        except OSError as exc:
            say(f"Could not read the list of Neo4j versions ({exc}); using the known patch.")
            candidates = []
        if not candidates and spec in FALLBACK_PATCH:
            candidates = [FALLBACK_PATCH[spec]]
    else:
        raise LocalNeo4jError(
            f"ORGGRAPH_NEO4J_VERSION={spec!r} is neither a line like '5.26' nor a version like '5.26.30'."
        )
    errors: list[str] = []
    for version in candidates:
        say(f"Resolving org.neo4j:neo4j:{version} and its runtime dependencies with Maven (once) ...")
        try:
            return _maven_copy(mvn, cache_dir, version)
        except LocalNeo4jError as exc:
            errors.append(str(exc))
    raise LocalNeo4jError("No Neo4j version could be resolved:\n" + "\n".join(errors or ["(none found)"]))
