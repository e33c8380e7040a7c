"""GraphQL of concepts: the vocabulary, and tagging needs and resources by hand."""

from __future__ import annotations

from typing import Annotated

import strawberry

from orggraph.api.context import Ctx
from orggraph.api.library_types import Concept, ConceptTag
from orggraph.api.words import arg
from orggraph.domain import glossary
from orggraph.graph import concept_reads
from orggraph.services import concepts


@strawberry.type
class ConceptQuery:
    @strawberry.field(description=glossary.use_case("concepts"))
    async def concepts(
        self,
        info: Ctx,
        search: Annotated[str | None, arg("concepts", "search")] = None,
        limit: Annotated[int, arg("concepts", "limit")] = 50,
    ) -> list[Concept]:
        return [Concept.from_entity(c) for c in await concepts.find(info.context.graph, search, limit)]

    @strawberry.field(description=glossary.use_case("concept"))
    async def concept(self, info: Ctx, id: Annotated[strawberry.ID, arg("concept", "id")]) -> Concept | None:
        found = await concept_reads.by_id(info.context.graph, id)
        return Concept.from_entity(found) if found else None


@strawberry.type
class ConceptMutation:
    @strawberry.mutation(description=glossary.use_case("tagConcept"))
    async def tag_concept(
        self,
        info: Ctx,
        target_id: Annotated[strawberry.ID, arg("tagConcept", "targetId")],
        concept_id: Annotated[strawberry.ID, arg("tagConcept", "conceptId")],
    ) -> list[ConceptTag]:
        tags = await concepts.tag(info.context.graph, info.context.caller, target_id, concept_id, tagged=True)
        return [ConceptTag.from_entity(t) for t in tags]

    @strawberry.mutation(description=glossary.use_case("untagConcept"))
    async def untag_concept(
        self,
        info: Ctx,
        target_id: Annotated[strawberry.ID, arg("untagConcept", "targetId")],
        concept_id: Annotated[strawberry.ID, arg("untagConcept", "conceptId")],
    ) -> list[ConceptTag]:
        tags = await concepts.tag(
            info.context.graph, info.context.caller, target_id, concept_id, tagged=False
        )
        return [ConceptTag.from_entity(t) for t in tags]
