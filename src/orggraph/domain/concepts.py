"""The concept vocabulary (seeds/concepts.yaml) and the domain lexicon (seeds/lexicon.yaml).

A concept is what a need or a resource is about (加装电梯, 燃气安全, 四点半课堂), named once and written
in several ways: it is found in a text when its name or a synonym occurs in it (a plain substring match),
so every phrase is at least two characters and belongs to one concept only. Concepts form a shallow
hierarchy (`broader`, at most three levels). The lexicon holds the other words the segmenter must keep
whole (大党委, 网格员, 两库四单, ...); a concept's phrases are added to the segmenter besides.

`Vocabulary` validates on construction and says which concept is wrong and why (ValueError).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from orggraph.domain.taxonomy import Domain, SupportType

MAX_DEPTH = 3
MIN_PHRASE_LENGTH = 2
_SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def _seeds_dir() -> Path:
    """seeds/ of the checkout (found from this file, else the working folder, as settings.project_root)."""
    return _SEEDS if _SEEDS.is_dir() else Path.cwd() / "seeds"


def concepts_path() -> Path:
    return _seeds_dir() / "concepts.yaml"


def lexicon_path() -> Path:
    return _seeds_dir() / "lexicon.yaml"


class Concept(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name: str = Field(min_length=1)
    synonyms: tuple[str, ...] = ()
    broader: str | None = None
    domains: frozenset[Domain] = frozenset()
    support_types: frozenset[SupportType] = Field(default=frozenset(), alias="supportTypes")

    @property
    def phrases(self) -> tuple[str, ...]:
        """The name, then the synonyms: every way the concept is written."""
        return (self.name, *self.synonyms)


class Vocabulary:
    """The concepts, in file order, checked as a whole: ids, names and phrases unique, every broader
    concept present, no cycle, at most MAX_DEPTH levels, every phrase at least MIN_PHRASE_LENGTH long."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self.concepts: tuple[Concept, ...] = tuple(concepts)
        self.by_id: dict[str, Concept] = {}
        for c in self.concepts:
            if c.id in self.by_id:
                raise ValueError(f"concept {c.id}: the id is used twice")
            self.by_id[c.id] = c
        self._check_phrases()
        self._check_hierarchy()
        narrower: dict[str, list[str]] = {c.id: [] for c in self.concepts}
        for c in self.concepts:
            if c.broader is not None:
                narrower[c.broader].append(c.id)
        self._narrower = {k: tuple(v) for k, v in narrower.items()}

    def _check_phrases(self) -> None:
        owner: dict[str, str] = {}
        for c in self.concepts:
            for phrase in c.phrases:
                if phrase != phrase.strip() or not phrase:
                    raise ValueError(f"concept {c.id}: phrase {phrase!r} is empty or has spaces around it")
                if len(phrase) < MIN_PHRASE_LENGTH:
                    raise ValueError(
                        f"concept {c.id}: phrase {phrase!r} is shorter than {MIN_PHRASE_LENGTH} characters"
                    )
                if phrase in owner:
                    first = owner[phrase]
                    where = "twice in the concept" if first == c.id else f"also a phrase of concept {first}"
                    raise ValueError(f"concept {c.id}: phrase {phrase!r} is {where}")
                owner[phrase] = c.id

    def _check_hierarchy(self) -> None:
        for c in self.concepts:
            if c.broader is not None and c.broader not in self.by_id:
                raise ValueError(f"concept {c.id}: broader concept {c.broader!r} does not exist")
        for c in self.concepts:
            chain = [c.id]
            current = c
            while current.broader is not None:
                if current.broader in chain:
                    cycle = " -> ".join([*chain[chain.index(current.broader) :], current.broader])
                    raise ValueError(f"concept {c.id}: its broader concepts form a cycle ({cycle})")
                chain.append(current.broader)
                current = self.by_id[current.broader]
            if len(chain) > MAX_DEPTH:
                raise ValueError(
                    f"concept {c.id}: {len(chain)} levels deep ({' -> '.join(chain)}), at most {MAX_DEPTH}"
                )

    def ancestors(self, concept_id: str) -> tuple[str, ...]:
        """The broader concepts of one, nearest first (KeyError for an unknown id)."""
        found: list[str] = []
        broader = self.by_id[concept_id].broader
        while broader is not None:
            found.append(broader)
            broader = self.by_id[broader].broader
        return tuple(found)

    def narrower(self, concept_id: str) -> tuple[str, ...]:
        """The concepts directly under one, in file order (KeyError for an unknown id)."""
        return self._narrower[concept_id]

    def __len__(self) -> int:
        return len(self.concepts)


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def read_vocabulary(path: Path) -> Vocabulary:
    """Read and validate a concepts file (ValueError, or pydantic's ValidationError, says what is wrong)."""
    data = _read(path)
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), list):
        raise ValueError(f"{path}: expected a mapping with a list under `concepts`")
    return Vocabulary(Concept.model_validate(entry) for entry in data["concepts"])


@functools.cache
def _default_vocabulary() -> Vocabulary:
    return read_vocabulary(concepts_path())


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """The vocabulary of `path`, by default seeds/concepts.yaml (read once)."""
    return _default_vocabulary() if path is None else read_vocabulary(path)


def load_lexicon(path: Path | None = None) -> tuple[str, ...]:
    """The words of seeds/lexicon.yaml (or of `path`), in file order."""
    data = _read(lexicon_path() if path is None else path)
    words = data.get("words") if isinstance(data, dict) else None
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise ValueError(f"{path or lexicon_path()}: expected a mapping with a list of strings under `words`")
    return tuple(words)
