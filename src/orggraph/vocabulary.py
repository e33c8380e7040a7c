"""The files the matcher's knowledge comes from, read here at the edge (domain/ and matching/ read none):
the concept vocabulary (seeds/concepts.yaml) and the domain lexicon (seeds/lexicon.yaml), checked by
orggraph.domain.concepts, and the matching evaluation set (tests/eval/matching_cases.yaml), checked by
orggraph.matching.evaluation.

graph/, seeding/ and services/ take the seeds' vocabulary and dictionary from here and hand them to
orggraph.matching; `indexed` is orggraph.matching.text.indexed with the seeds' dictionary, what the
graph's writes store of a text.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from orggraph.domain.concepts import Vocabulary, lexicon_of, vocabulary_of
from orggraph.matching import text
from orggraph.matching.evaluation import EvalSet, EvalSetError, eval_set_of
from orggraph.seeding.yamlio import load_yaml

_SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seeds_dir() -> Path:
    """seeds/ of the checkout (found from this file, else the working folder, as settings.project_root)."""
    return _SEEDS if _SEEDS.is_dir() else Path.cwd() / "seeds"


def concepts_path() -> Path:
    return seeds_dir() / "concepts.yaml"


def lexicon_path() -> Path:
    return seeds_dir() / "lexicon.yaml"


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def read_vocabulary(path: Path) -> Vocabulary:
    """Read and check a concepts file (ValueError says what is wrong)."""
    return vocabulary_of(_read(path), str(path))


@functools.cache
def _default_vocabulary() -> Vocabulary:
    return read_vocabulary(concepts_path())


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """The vocabulary of `path`, by default seeds/concepts.yaml (read once)."""
    return _default_vocabulary() if path is None else read_vocabulary(path)


def load_lexicon(path: Path | None = None) -> tuple[str, ...]:
    """The words of seeds/lexicon.yaml (or of `path`), in file order."""
    path = lexicon_path() if path is None else path
    return lexicon_of(_read(path), str(path))


@functools.cache
def load_dictionary() -> text.Dictionary:
    """The seeds' vocabulary and lexicon, what texts are read with (read once: one segmenter per process)."""
    return text.Dictionary(load_vocabulary(), load_lexicon())


def indexed(title: str | None, description: str | None) -> dict[str, Any]:
    """orggraph.matching.text.indexed with the seeds' dictionary: a text's words, distinct words, concepts."""
    return text.indexed(title, description, dictionary=load_dictionary())


def load_eval_set(path: Path) -> EvalSet:
    """Read and check the evaluation file: shapes and enums, unique ids, and that every grade is one a
    matcher can earn (EvalSetError names the case or resource at fault)."""
    raw = load_yaml(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise EvalSetError(f"{path}: expected a mapping with resources and cases")
    return eval_set_of(raw)
