"""The generator's catalog: seeds/catalog.yaml, validated and loaded once.

The YAML holds realistic Chinese texts for generated needs, resources, units, people and meetings (all
illustrative). In titles and descriptions `{c}` is replaced by the community name, `{p}` by a compound
name, `{u}` by the unit name. Every resource template says which kinds of unit can offer it
(`offeredBy`: a list of unit kinds, or `any`).

A template's `variants` are other {title, description} pairs for the same need or offer, as different
residents, secretaries and units would word it; the template's own title and description are the first
text (`texts()[0]`). The generator picks one text per record by its id (`pick`), not by drawing.
"""

from __future__ import annotations

import functools
import hashlib
import string
from pathlib import Path
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic.alias_generators import to_camel

from orggraph.domain.model import UnitKind
from orggraph.domain.taxonomy import Domain, Population, SupportType
from orggraph.seeding.yamlio import load_yaml
from orggraph.settings import project_root

ANY_KIND = "any"


def _range(what: str, title: str, name: str, value: tuple[int, int]) -> None:
    low, high = value
    if low > high:
        raise ValueError(f"{what} {title!r}: {name} [{low}, {high}] is inverted (low must be <= high)")
    if low < 1:
        raise ValueError(f"{what} {title!r}: {name} [{low}, {high}] must start at 1 or more")


def _placeholders(what: str, title: str, text: str, allowed: frozenset[str]) -> None:
    try:
        used = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise ValueError(f"{what} {title!r}: {text!r}: {exc}") from None
    unknown = sorted(used - allowed)
    if unknown:
        raise ValueError(
            f"{what} {title!r}: {text!r} uses {', '.join('{' + u + '}' for u in unknown)}; "
            f"only {', '.join('{' + a + '}' for a in sorted(allowed))} are filled in"
        )


Text = Annotated[str, Field(min_length=1)]
NEED_PLACEHOLDERS = frozenset({"c", "p"})
RESOURCE_PLACEHOLDERS = frozenset({"u"})


class _Entry(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, extra="forbid", frozen=True)


class Variant(_Entry):
    """Another wording of a template's need or offer: same domain, types, populations and unit."""

    title: Text
    description: Text


MAX_VARIANTS = 6


def _variants(
    what: str, title: str, own: Variant, variants: tuple[Variant, ...], allowed: frozenset[str]
) -> None:
    for variant in variants:
        for text in (variant.title, variant.description):
            _placeholders(what, title, text, allowed)
    texts = [own, *variants]
    twice = sorted({v.title for v in texts if sum(1 for w in texts if w.title == v.title) > 1})
    if twice:
        raise ValueError(f"{what} {title!r}: variant titles used twice: {', '.join(twice)}")


def pick(texts: tuple[Variant, ...], record_id: str) -> Variant:
    """The text a record shows, fixed by its id (a stable hash, not the generator's random stream: adding
    variants changed no id, count, quantity, date, status or link of a generated graph)."""
    digest = hashlib.sha256(record_id.encode()).digest()
    return texts[int.from_bytes(digest[:8], "big") % len(texts)]


class NeedTemplate(_Entry):
    title: Text
    description: Text
    domain: Domain
    support_types: tuple[SupportType, ...] = Field(min_length=1)
    populations: tuple[Population, ...] = Field(min_length=1)
    quantity: tuple[int, int] = Field(description="[low, high], both included")
    unit: Text
    variants: tuple[Variant, ...] = Field(default=(), max_length=MAX_VARIANTS)

    @model_validator(mode="after")
    def _check(self) -> Self:
        _range("need template", self.title, "quantity", self.quantity)
        for text in (self.title, self.description):
            _placeholders("need template", self.title, text, NEED_PLACEHOLDERS)
        _variants("need template", self.title, self.texts()[0], self.variants, NEED_PLACEHOLDERS)
        return self

    def texts(self) -> tuple[Variant, ...]:
        """The template's own title and description, then its variants."""
        return (Variant(title=self.title, description=self.description), *self.variants)


class ResourceTemplate(_Entry):
    title: Text
    description: Text
    support_type: SupportType
    domains: tuple[Domain, ...] = Field(min_length=1)
    populations: tuple[Population, ...] = Field(min_length=1)
    capacity: tuple[int, int] = Field(description="[low, high], both included")
    unit: Text
    offered_by: frozenset[UnitKind] = Field(description=f"Unit kinds, or `{ANY_KIND}`: every kind")
    variants: tuple[Variant, ...] = Field(default=(), max_length=MAX_VARIANTS)

    @field_validator("offered_by", mode="before")
    @classmethod
    def _kinds(cls, value: Any, info: ValidationInfo) -> Any:
        title = info.data.get("title", "?")
        if value == ANY_KIND:
            return frozenset(UnitKind)
        if not isinstance(value, list | tuple) or not value:
            raise ValueError(
                f"resource template {title!r}: offeredBy must be `{ANY_KIND}` or a non-empty list of unit kinds"
            )
        known = {k.value for k in UnitKind}
        for kind in value:
            if not isinstance(kind, str) or kind not in known:
                raise ValueError(
                    f"resource template {title!r} is offered by {kind!r}, which is not a unit kind "
                    f"(known: {', '.join(sorted(known))}, or `{ANY_KIND}` for all)"
                )
        return frozenset(UnitKind(k) for k in value)

    @model_validator(mode="after")
    def _check(self) -> Self:
        _range("resource template", self.title, "capacity", self.capacity)
        for text in (self.title, self.description):
            _placeholders("resource template", self.title, text, RESOURCE_PLACEHOLDERS)
        _variants("resource template", self.title, self.texts()[0], self.variants, RESOURCE_PLACEHOLDERS)
        return self

    def texts(self) -> tuple[Variant, ...]:
        """The template's own title and description, then its variants."""
        return (Variant(title=self.title, description=self.description), *self.variants)


class NamedUnit(_Entry):
    name: Text
    kind: UnitKind


class Catalog(_Entry):
    needs: tuple[NeedTemplate, ...] = Field(min_length=1)
    resources: tuple[ResourceTemplate, ...] = Field(min_length=1)
    city_departments: tuple[Text, ...] = Field(min_length=1)
    other_x_units: tuple[NamedUnit, ...] = Field(min_length=1)
    n_units: tuple[NamedUnit, ...] = Field(min_length=1)
    property_companies: tuple[Text, ...] = Field(min_length=1)
    compound_prefixes: tuple[Text, ...] = Field(min_length=1)
    compound_words: tuple[Text, ...] = Field(min_length=1)
    surnames: Text = Field(description="One character per surname")
    given_name_characters: str = Field(
        min_length=2, description="A given name is one or two of these characters"
    )
    leader_titles: tuple[Text, ...] = Field(min_length=1)
    meeting_topics: tuple[Text, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        for kind_of_list, templates in (("needs", self.needs), ("resources", self.resources)):
            titles = [t.title for t in templates]
            twice = sorted({t for t in titles if titles.count(t) > 1})
            if twice:
                raise ValueError(f"{kind_of_list}: titles used twice: {', '.join(twice)}")
            # a record's title says which template it came from: no text of one template takes another's title
            owners: dict[str, set[str]] = {}
            for t in templates:
                for text in t.texts():
                    owners.setdefault(text.title, set()).add(t.title)
            shared = sorted(title for title, owner in owners.items() if len(owner) > 1)
            if shared:
                raise ValueError(f"{kind_of_list}: variant titles used by two templates: {', '.join(shared)}")
        # The generator gives every unit it makes a resource: each kind it makes must be able to offer one.
        kinds = {UnitKind.AGENCY, UnitKind.PROPERTY_COMPANY}
        kinds |= {u.kind for u in self.other_x_units + self.n_units}
        for kind in sorted(kinds):
            if not self.resources_for(kind):
                raise ValueError(f"no resource template is offered by {kind.value}, a kind of unit generated")
        return self

    def resources_for(self, kind: UnitKind) -> tuple[ResourceTemplate, ...]:
        """The resource templates a unit of this kind can offer, in catalog order."""
        return tuple(t for t in self.resources if kind in t.offered_by)


def catalog_path() -> Path:
    return project_root() / "seeds" / "catalog.yaml"


def read_catalog(path: Path) -> Catalog:
    """Read and validate a catalog file (a pydantic ValidationError says which entry and field is wrong)."""
    return Catalog.model_validate(load_yaml(path.read_text(encoding="utf-8")))


@functools.cache
def load() -> Catalog:
    """seeds/catalog.yaml, read once."""
    return read_catalog(catalog_path())
