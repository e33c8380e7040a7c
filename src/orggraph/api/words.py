"""The schema's descriptions as strawberry arguments and input fields, in the words of the domain's
glossary (orggraph.domain.glossary): the API writes no description of its own."""

from __future__ import annotations

from typing import Any

import strawberry

from orggraph.domain import glossary


def arg(use_case: str, name: str) -> Any:
    """An argument of a query or mutation: `Annotated[T, arg("matchNeed", "limit")]`."""
    return strawberry.argument(description=glossary.argument(use_case, name))


def input_field(entity: str, name: str, **default: Any) -> Any:
    """A field of an input type: the entity field's word and what its value must satisfy."""
    return strawberry.field(description=glossary.describe_input(entity, name), **default)
