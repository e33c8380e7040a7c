"""Read a seed folder (seeds/<name>/*.yaml) into a Bundle, and write one back out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from orggraph.seeding.records import FILES, Bundle
from orggraph.seeding.validate import Problem, SeedError
from orggraph.seeding.yamlio import load_yaml


def seed_folder(name_or_path: str, seeds_root: Path) -> Path:
    """`tianchang` means seeds/tianchang; a path is taken as it is."""
    p = Path(name_or_path)
    if p.is_dir():
        return p
    candidate = seeds_root / name_or_path
    if candidate.is_dir():
        return candidate
    known = sorted(d.name for d in seeds_root.iterdir() if d.is_dir() and (d / "city.yaml").exists())
    raise SeedError([Problem(str(p), "-", f"no such seed; known seeds: {', '.join(known) or 'none'}")])


def _record_name(raw: dict[str, Any], part: str, loc: tuple[int | str, ...]) -> str:
    node: Any = raw.get(part)
    label = part
    for step in loc:
        if isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
            label = f"{part}[{step}]"
            if isinstance(node, dict) and "id" in node:
                label = f"{node['id']} ({node.get('name') or node.get('title') or ''})".replace(" ()", "")
        elif isinstance(node, dict) and isinstance(step, str):
            node = node.get(step)
        else:
            break
    return label


def read_folder(folder: Path) -> Bundle:
    raw: dict[str, Any] = {}
    origin: dict[str, str] = {}
    problems: list[Problem] = []
    for file, parts in FILES.items():
        path = folder / file
        if not path.exists():
            if file == "city.yaml":
                problems.append(Problem(file, "-", f"missing: {path}"))
            continue
        try:
            data = load_yaml(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            problems.append(Problem(file, "-", f"not valid YAML: {exc}"))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(file, "-", "must be a mapping of " + ", ".join(parts)))
            continue
        for key, value in data.items():
            if key not in parts:
                problems.append(Problem(file, key, f"unknown section; this file holds {', '.join(parts)}"))
                continue
            raw[key] = value
            origin[key] = file
    if problems:
        raise SeedError(problems)
    try:
        return Bundle.model_validate(raw)
    except ValidationError as exc:
        for e in exc.errors():
            loc = e["loc"]
            part = str(loc[0]) if loc else "-"
            field = ".".join(str(x) for x in loc[1:] if not isinstance(x, int)) or part
            problems.append(
                Problem(
                    origin.get(part, f"{part} (missing)"),
                    _record_name(raw, part, loc[1:]),
                    f"{field}: {e['msg']}",
                )
            )
        raise SeedError(problems) from None


def write_folder(bundle: Bundle, folder: Path, header: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    data = bundle.model_dump(mode="json", by_alias=True, exclude_defaults=False)
    for file, parts in FILES.items():
        body = {part: data[part] for part in parts}
        text = yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=120)
        (folder / file).write_text(header + text, encoding="utf-8")
