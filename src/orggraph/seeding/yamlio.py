"""YAML in: yaml.safe_load with libyaml's parser when PyYAML was built with it (its wheels are). The demo's
seed folder parses in half a second rather than four; the constructor, and so every value made, is
yaml.safe_load's own."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """What yaml.safe_load(text) returns (raises yaml.YAMLError the same way)."""
    return yaml.load(text, Loader=_LOADER)
