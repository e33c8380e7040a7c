"""The concept vocabulary and the domain lexicon, from their parsed data (seeds/concepts.yaml and
seeds/lexicon.yaml are read at the edge: orggraph.vocabulary).

A concept is what a need or a resource is about (加装电梯, 燃气安全, 四点半课堂), named once and written
in several ways: it is found in a text when its name or a synonym occurs in it (a plain substring match),
so every phrase is at least two characters and belongs to one concept only. Concepts form a shallow
hierarchy (`broader`, at most three levels). The lexicon holds the other words the segmenter must keep
whole (大党委, 网格员, 两库四单, ...); a concept's phrases are added to the segmenter besides.

A `Concept` checks its own fields and a `Vocabulary` the concepts as a whole, both on construction; each
says which concept is wrong and why (ValueError).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from orggraph.domain.taxonomy import Domain, SupportType

MAX_DEPTH = 3
MIN_PHRASE_LENGTH = 2
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class Concept:
    """One concept. Its domains and support types may be given as codes (strings): they are parsed into
    the enums; a list of synonyms becomes a tuple."""

    id: str
    name: str
    synonyms: tuple[str, ...] = ()
    broader: str | None = None
    domains: frozenset[Domain] = frozenset()
    support_types: frozenset[SupportType] = frozenset()

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not ID_PATTERN.fullmatch(self.id):
            raise ValueError(
                f"concept {self.id!r}: id must be lower-case letters and digits in words joined by '-' "
                f"(pattern {ID_PATTERN.pattern})"
            )
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"concept {self.id}: name must be a non-empty string, not {self.name!r}")
        if self.broader is not None and not isinstance(self.broader, str):
            raise ValueError(f"concept {self.id}: broader must be a concept id or null, not {self.broader!r}")
        synonyms = _strings(self.id, "synonyms", self.synonyms)
        domains = _codes(self.id, "domains", self.domains, Domain)
        support_types = _codes(self.id, "supportTypes", self.support_types, SupportType)
        object.__setattr__(self, "synonyms", synonyms)
        object.__setattr__(self, "domains", domains)
        object.__setattr__(self, "support_types", support_types)

    @property
    def phrases(self) -> tuple[str, ...]:
        """The name, then the synonyms: every way the concept is written."""
        return (self.name, *self.synonyms)


def _strings(concept_id: str, field: str, value: Any) -> tuple[str, ...]:
    # in order: a list or a tuple
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"concept {concept_id}: {field} must be a list of strings, not {value!r}")
    return tuple(value)


def _codes(concept_id: str, field: str, value: Any, enum: type[E]) -> frozenset[E]:
    if not isinstance(value, (list, tuple, set, frozenset)):
        raise ValueError(f"concept {concept_id}: {field} must be a list of codes, not {value!r}")
    parsed = []
    for code in value:
        try:
            parsed.append(enum(code))
        except ValueError:
            known = ", ".join(e.value for e in enum)
            raise ValueError(f"concept {concept_id}: {field}: {code!r} is not one of {known}") from None
    return frozenset(parsed)


# the keys of a concept in seeds/concepts.yaml and the fields they fill
FIELDS = {
    "id": "id",
    "name": "name",
    "synonyms": "synonyms",
    "broader": "broader",
    "domains": "domains",
    "supportTypes": "support_types",
}
REQUIRED = ("id", "name")


def concept_of(entry: Any, position: int = 0) -> Concept:
    """A concept from its parsed entry (the keys of seeds/concepts.yaml); `position` (1-based, 0 when not
    known) names an entry whose id is missing or not a string."""
    who = f"concept #{position}" if position else "a concept"
    if not isinstance(entry, Mapping):
        raise ValueError(f"{who}: expected a mapping with {', '.join(FIELDS)}, not {entry!r}")
    if isinstance(entry.get("id"), str):
        who = f"concept {entry['id']}"
    unknown = [str(k) for k in entry if k not in FIELDS]
    if unknown:
        raise ValueError(f"{who}: unknown field {', '.join(map(repr, unknown))} (known: {', '.join(FIELDS)})")
    missing = [k for k in REQUIRED if k not in entry]
    if missing:
        raise ValueError(f"{who}: {' and '.join(missing)} missing")
    return Concept(**{FIELDS[k]: v for k, v in entry.items()})


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


def vocabulary_of(data: Any, where: str = "the vocabulary") -> Vocabulary:
    """The vocabulary of parsed data shaped as seeds/concepts.yaml: a mapping with a list of concepts under
    `concepts` (ValueError says what is wrong; `where` names the data in the message about its shape)."""
    if not isinstance(data, Mapping) or not isinstance(data.get("concepts"), list):
        raise ValueError(f"{where}: expected a mapping with a list under `concepts`")
    return Vocabulary(concept_of(entry, i) for i, entry in enumerate(data["concepts"], start=1))


def lexicon_of(data: Any, where: str = "the lexicon") -> tuple[str, ...]:
    """The words of parsed data shaped as seeds/lexicon.yaml (a mapping with a list of strings under
    `words`), in their order."""
    words = data.get("words") if isinstance(data, Mapping) else None
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise ValueError(f"{where}: expected a mapping with a list of strings under `words`")
    return tuple(words)
