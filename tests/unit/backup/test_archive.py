"""The backup file is checked whole before a restore touches anything: a truncated or damaged file, a
missing member, a manifest this code cannot read or whose fields were changed, and a backup of a newer
schema are all refused, each with a message that names what is wrong. No Neo4j needed."""

from __future__ import annotations

import io
import json
import random
import tarfile
from pathlib import Path

import pytest

from orggraph.backup.archive import (
    DUMP,
    MANIFEST,
    ArchiveRefused,
    Manifest,
    read_archive,
    refuse_newer,
    sha256_file,
    write_archive,
)
from orggraph.backup.local import pending_migrations
from orggraph.graph.checksum import GraphSummary
from orggraph.graph.migrations import latest_known
from orggraph.settings import project_root

SUMMARY = GraphSummary(
    nodes=985,
    relationships=1362,
    checksum="ab" * 32,
    labels={"Need": 161, "Resource": 230},
    types={"OFFERS": 230},
)


def make_backup(
    folder: Path, *, migration: str | None = "006", dump_size: int = 300_000
) -> tuple[Path, bytes]:
    dump = folder / "source.dump"
    content = random.Random(7).randbytes(dump_size)
    dump.write_bytes(content)
    manifest = Manifest(
        created_at="2026-11-28T21:06:33+00:00", orggraph_version="0.1.0", neo4j_version="5.26.30",
        database="neo4j", migration=migration, graph=SUMMARY, dump_bytes=dump_size, dump_sha256=sha256_file(dump),
    )  # fmt: skip
    target = folder / "backup.tar"
    write_archive(target, manifest, dump)
    return target, content


def tar_of(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def members_of(path: Path) -> dict[str, bytes]:
    with tarfile.open(path) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}  # type: ignore[union-attr]


def refused(path: Path, dump_to: Path | None = None) -> str:
    with pytest.raises(ArchiveRefused) as caught:
        read_archive(path, dump_to=dump_to)
    return str(caught.value)


def test_an_intact_backup_reads_back_and_its_dump_is_copied(tmp_path: Path) -> None:
    path, content = make_backup(tmp_path)
    assert not (tmp_path / "backup.tar.partial").exists()
    assert path.stat().st_mode & 0o777 == 0o600, "the graph holds people's names: owner only"
    with tarfile.open(path) as tar:
        assert tar.getnames() == [MANIFEST, DUMP], "the manifest comes first"
    out = tmp_path / "neo4j.dump"
    manifest = read_archive(path, dump_to=out)
    assert manifest.graph == SUMMARY and manifest.migration == "006" and manifest.neo4j_version == "5.26.30"
    assert out.read_bytes() == content


def offsets(path: Path) -> dict[str, tuple[int, int]]:
    """Where each member's header and data begin."""
    with tarfile.open(path) as tar:
        return {m.name: (m.offset, m.offset_data) for m in tar.getmembers()}


@pytest.mark.parametrize(
    "where",
    ["in the first header", "after the first header", "in the manifest", "in the dump's header",
     "at the dump's start", "in the dump", "one byte before the dump's end"],
)  # fmt: skip
def test_a_truncated_backup_is_refused_and_leaves_no_copy(tmp_path: Path, where: str) -> None:
    path, content = make_backup(tmp_path)
    at = offsets(path)
    keep = {
        "in the first header": 100,
        "after the first header": 512,
        "in the manifest": at[MANIFEST][1] + 100,
        "in the dump's header": at[DUMP][0] + 200,
        "at the dump's start": at[DUMP][1],
        "in the dump": at[DUMP][1] + len(content) // 2,
        "one byte before the dump's end": at[DUMP][1] + len(content) - 1,
    }[where]
    cut = tmp_path / "cut.tar"
    cut.write_bytes(path.read_bytes()[:keep])
    message = refused(cut, dump_to=tmp_path / "neo4j.dump")
    assert any(w in message for w in ("truncated", "not a readable tar", "holds no", "not valid JSON")), (
        message
    )
    assert not (tmp_path / "neo4j.dump").exists()


def test_a_dump_cut_short_is_named(tmp_path: Path) -> None:
    path, _ = make_backup(tmp_path)
    data = path.read_bytes()
    cut = tmp_path / "cut.tar"
    cut.write_bytes(data[: len(data) // 2])
    assert "truncated" in refused(cut)


def test_one_changed_byte_of_the_dump_is_refused(tmp_path: Path) -> None:
    path, content = make_backup(tmp_path)
    data = bytearray(path.read_bytes())
    at = bytes(data).index(content[:64]) + 150_000
    data[at] ^= 0x01
    path.write_bytes(bytes(data))
    message = refused(path, dump_to=tmp_path / "neo4j.dump")
    assert f"{DUMP} is damaged: its sha256 is" in message, message
    assert not (tmp_path / "neo4j.dump").exists()


def test_a_changed_count_in_the_manifest_is_refused(tmp_path: Path) -> None:
    path, _ = make_backup(tmp_path)
    members = members_of(path)
    members[MANIFEST] = members[MANIFEST].replace(b'"nodes": 985', b'"nodes": 986')
    assert "changed or damaged" in refused(tar_of(tmp_path / "edited.tar", members))


def test_a_damaged_tar_header_is_refused(tmp_path: Path) -> None:
    path, _ = make_backup(tmp_path)
    data = bytearray(path.read_bytes())
    data[5] ^= 0xFF  # the first member's name
    path.write_bytes(bytes(data))
    assert "not a readable tar" in refused(path)


@pytest.mark.parametrize("missing", [MANIFEST, DUMP])
def test_a_missing_member_is_named(tmp_path: Path, missing: str) -> None:
    path, _ = make_backup(tmp_path)
    members = members_of(path)
    del members[missing]
    assert f"holds no {missing}" in refused(tar_of(tmp_path / "partial.tar", members))


def test_an_unknown_member_is_refused(tmp_path: Path) -> None:
    path, _ = make_backup(tmp_path)
    members = {**members_of(path), "../../etc/cron.d/x": b"* * * * * root true\n"}
    assert "holds more than a backup does" in refused(tar_of(tmp_path / "extra.tar", members))


def test_a_file_that_is_no_tar_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.tar"
    path.write_text("这不是备份文件\n" * 100, encoding="utf-8")
    assert "not a readable tar archive" in refused(path)
    assert "no such file" in refused(tmp_path / "absent.tar")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda m: b"{not json", "is not valid JSON"),
        (lambda m: json.dumps([1, 2]).encode(), "is not the manifest of an orggraph backup"),
        (
            lambda m: json.dumps({**m, "format": "other"}).encode(),
            "is not the manifest of an orggraph backup",
        ),
        (lambda m: json.dumps({**m, "formatVersion": 2}).encode(), "made by a newer orggraph"),
        (
            lambda m: json.dumps({k: v for k, v in m.items() if k != "dump"}).encode(),
            "incomplete or malformed",
        ),
        (lambda m: json.dumps({k: v for k, v in m.items() if k != "manifestSha256"}).encode(), "incomplete"),
        (
            lambda m: json.dumps({**m, "graph": {**m["graph"], "labels": [1]}}).encode(),
            "incomplete or malformed",
        ),
    ],
)
def test_a_manifest_this_code_cannot_read_is_refused(tmp_path: Path, change: object, expected: str) -> None:
    path, _ = make_backup(tmp_path)
    members = members_of(path)
    members[MANIFEST] = change(json.loads(members[MANIFEST]))  # type: ignore[operator]
    assert expected in refused(tar_of(tmp_path / "bad.tar", members))


def test_a_backup_of_a_newer_schema_is_refused_an_older_one_is_not(tmp_path: Path) -> None:
    newer = read_archive(make_backup(tmp_path, migration="007")[0])
    with pytest.raises(
        ArchiveRefused, match=r"migration 007, newer than the newest this orggraph knows \(006\)"
    ):
        refuse_newer(newer, "006")
    with pytest.raises(ArchiveRefused, match="made by a newer orggraph"):
        refuse_newer(newer, "006")
    refuse_newer(newer, "007")
    refuse_newer(newer, "012")
    (tmp_path / "none").mkdir()
    refuse_newer(read_archive(make_backup(tmp_path / "none", migration=None)[0]), "006")


def test_an_older_backup_has_the_newer_migrations_pending(tmp_path: Path) -> None:
    folder = project_root() / "schema" / "neo4j"
    (tmp_path / "old").mkdir()
    old = read_archive(make_backup(tmp_path / "old", migration="004")[0])
    assert pending_migrations(old, folder)[:2] == ["005_audit", "006_event_log"]
    (tmp_path / "none").mkdir()
    never = read_archive(make_backup(tmp_path / "none", migration=None)[0])
    assert pending_migrations(never, folder)[0] == "001_constraints"
    current = read_archive(make_backup(tmp_path, migration=latest_known(folder))[0])
    assert pending_migrations(current, folder) == []


def test_a_manifest_of_the_first_checksum_algorithm_still_reads(tmp_path: Path) -> None:
    dump = tmp_path / "source.dump"
    dump.write_bytes(b"dump")
    first = GraphSummary(1, 0, "cd" * 32, {"City": 1}, {}, algorithm=1)
    manifest = Manifest(
        "2026-11-28T21:06:33+00:00", "0.1.0", "5.26.30", "neo4j", "006", first, 4, sha256_file(dump)
    )
    write_archive(tmp_path / "b.tar", manifest, dump)
    assert b"checksumAlgorithm" not in members_of(tmp_path / "b.tar")[MANIFEST]
    assert read_archive(tmp_path / "b.tar").graph.algorithm == 1
