"""The backup file: one tar holding manifest.json and neo4j.dump (a `neo4j-admin database dump`).

The manifest says what the dump holds (counts by label and type and the checksum of every record,
orggraph.graph.checksum), which migration its schema is at, and the sha256 of the dump; it carries the
sha256 of its own fields too, so a changed count is noticed as surely as a changed byte of the dump.
`read_archive` checks all of it before anything is touched, and says what is wrong.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from orggraph.graph.checksum import GraphSummary

FORMAT = "orggraph-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMP = "neo4j.dump"
_MANIFEST_MAX_BYTES = 1_000_000
_CHUNK = 1 << 20


class BackupError(RuntimeError):
    """A backup or restore could not be done; the message says why and what to do."""

    exit_code = 1


class NotLocal(BackupError):
    """NEO4J_URI names a server orggraph does not run: its own tools back it up."""

    exit_code = 2


class ArchiveRefused(BackupError):
    """The file is no intact orggraph backup this code can restore; nothing was touched."""

    exit_code = 2


@dataclass(frozen=True)
class Manifest:
    created_at: str
    orggraph_version: str
    neo4j_version: str | None
    database: str
    migration: str | None
    graph: GraphSummary
    dump_bytes: int
    dump_sha256: str
    format_version: int = FORMAT_VERSION

    def _fields(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "formatVersion": self.format_version,
            "createdAt": self.created_at,
            "orggraphVersion": self.orggraph_version,
            "neo4jVersion": self.neo4j_version,
            "database": self.database,
            "migration": self.migration,
            "graph": self.graph.to_json(),
            "dump": {"name": DUMP, "bytes": self.dump_bytes, "sha256": self.dump_sha256},
        }

    def to_json(self) -> dict[str, Any]:
        fields = self._fields()
        return {**fields, "manifestSha256": _sha256_of(fields)}

    @classmethod
    def from_json(cls, data: Any) -> Manifest:
        """The manifest of a backup, or ArchiveRefused saying what is wrong with it."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ArchiveRefused(
                f"{MANIFEST} is not the manifest of an orggraph backup (no format {FORMAT!r})."
            )
        version = data.get("formatVersion")
        if version != FORMAT_VERSION:
            newer = isinstance(version, int) and version > FORMAT_VERSION
            raise ArchiveRefused(
                f"{MANIFEST} has format version {version!r}; this orggraph reads version {FORMAT_VERSION}"
                + (
                    ": the backup was made by a newer orggraph; restore it with that version."
                    if newer
                    else "."
                )
            )
        try:
            dump = data["dump"]
            manifest = cls(
                created_at=str(data["createdAt"]),
                orggraph_version=str(data["orggraphVersion"]),
                neo4j_version=None if data["neo4jVersion"] is None else str(data["neo4jVersion"]),
                database=str(data["database"]),
                migration=None if data["migration"] is None else str(data["migration"]),
                graph=GraphSummary.from_json(data["graph"]),
                dump_bytes=int(dump["bytes"]),
                dump_sha256=str(dump["sha256"]),
            )
            recorded = data["manifestSha256"]
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ArchiveRefused(
                f"{MANIFEST} is incomplete or malformed ({type(exc).__name__}: {exc})."
            ) from None
        if recorded != _sha256_of(manifest._fields()):
            raise ArchiveRefused(
                f"{MANIFEST} was changed or damaged: its fields do not match the sha256 it carries."
            )
        if manifest.migration is not None and not manifest.migration.isdigit():
            raise ArchiveRefused(f"{MANIFEST}: migration {manifest.migration!r} is not a migration number.")
        return manifest


def _sha256_of(fields: dict[str, Any]) -> str:
    text = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _chunks(f: IO[bytes]) -> Iterator[bytes]:
    while chunk := f.read(_CHUNK):
        yield chunk


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in _chunks(f):
            h.update(chunk)
    return h.hexdigest()


def write_archive(target: Path, manifest: Manifest, dump: Path) -> None:
    """Write the tar (manifest first) beside target, flush it to disk, then move it into place. The file
    is readable by its owner only: the graph holds people's names."""
    partial = target.with_name(target.name + ".partial")
    body = json.dumps(manifest.to_json(), ensure_ascii=False, indent=2).encode("utf-8")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            with tarfile.open(fileobj=f, mode="w", format=tarfile.PAX_FORMAT) as tar:
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(body)
                info.mode = 0o600
                tar.addfile(info, io.BytesIO(body))
                tar.add(dump, arcname=DUMP, recursive=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def read_archive(path: Path, dump_to: Path | None = None) -> Manifest:
    """Check a backup file: a readable tar with both members, a manifest this code reads, and a dump whose
    size and sha256 are those of the manifest. With dump_to, the dump is copied there while it is checked
    (and removed again if the check fails). Raises ArchiveRefused naming what is wrong."""
    if not path.is_file():
        raise ArchiveRefused(f"{path}: no such file.")
    with _open(path) as tar:
        try:
            members = {m.name: m for m in tar.getmembers()}
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise ArchiveRefused(
                f"{path} is truncated or damaged: its tar headers cannot be read ({exc})."
            ) from None
        for name in (MANIFEST, DUMP):
            if name not in members or not members[name].isfile():
                raise ArchiveRefused(
                    f"{path} holds no {name} (it holds: {', '.join(sorted(members)) or 'nothing'}): "
                    "not an orggraph backup, or truncated."
                )
        extra = sorted(set(members) - {MANIFEST, DUMP})
        if extra:
            raise ArchiveRefused(f"{path} holds more than a backup does: {', '.join(extra)}.")
        manifest = Manifest.from_json(_read_manifest(tar, members[MANIFEST], path))
        _check_dump(tar, members[DUMP], manifest, path, dump_to)
    return manifest


def _open(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, mode="r:")
    except (tarfile.TarError, OSError) as exc:
        raise ArchiveRefused(
            f"{path} is not a readable tar archive ({exc}): not an orggraph backup, or damaged."
        ) from None


def _read_manifest(tar: tarfile.TarFile, member: tarfile.TarInfo, path: Path) -> Any:
    if member.size > _MANIFEST_MAX_BYTES:
        raise ArchiveRefused(f"{path}: {MANIFEST} is {member.size} bytes, too large to be a manifest.")
    try:
        f = tar.extractfile(member)
        assert f is not None
        raw = f.read()
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise ArchiveRefused(f"{path} is truncated or damaged: {MANIFEST} cannot be read ({exc}).") from None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ArchiveRefused(f"{path}: {MANIFEST} is not valid JSON ({exc}).") from None


def _check_dump(
    tar: tarfile.TarFile, member: tarfile.TarInfo, manifest: Manifest, path: Path, dump_to: Path | None
) -> None:
    if member.size != manifest.dump_bytes:
        raise ArchiveRefused(
            f"{path}: {DUMP} is {member.size} bytes, the manifest says {manifest.dump_bytes}: damaged."
        )
    h = hashlib.sha256()
    read = 0
    out = dump_to.open("wb") if dump_to is not None else None
    try:
        f = tar.extractfile(member)
        assert f is not None
        for chunk in _chunks(f):
            read += len(chunk)
            h.update(chunk)
            if out is not None:
                out.write(chunk)
    except (tarfile.TarError, OSError, EOFError) as exc:
        _discard(out, dump_to)
        raise ArchiveRefused(
            f"{path} is truncated: {DUMP} ends after {read} of its {member.size} bytes ({exc})."
        ) from None
    if out is not None:
        out.close()
    if h.hexdigest() != manifest.dump_sha256:
        _discard(None, dump_to)
        raise ArchiveRefused(
            f"{path}: {DUMP} is damaged: its sha256 is {h.hexdigest()}, the manifest says {manifest.dump_sha256}."
        )


def _discard(out: IO[bytes] | None, dump_to: Path | None) -> None:
    if out is not None:
        out.close()
    if dump_to is not None:
        dump_to.unlink(missing_ok=True)


def refuse_newer(manifest: Manifest, known: str | None) -> None:
    """A backup whose schema is at a migration this code does not have came from a newer orggraph."""
    if manifest.migration is not None and (known is None or int(manifest.migration) > int(known)):
        raise ArchiveRefused(
            f"The backup's graph is at migration {manifest.migration}, newer than the newest this orggraph "
            f"knows ({known or 'none'}): it was made by a newer orggraph (version {manifest.orggraph_version}). "
            "Restore it with that version or a later one."
        )
