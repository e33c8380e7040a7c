"""Use cases of concepts: the vocabulary searched, and what a need or a resource is about tagged or
untagged by hand (the matcher's concept component reads the tags: orggraph.matching.components)."""

from __future__ import annotations

from neo4j import AsyncManagedTransaction

from orggraph.domain import entities as e
from orggraph.domain.auth import RULES, Action, Scope, require
from orggraph.domain.errors import BadInput, not_found
from orggraph.domain.model import Label
from orggraph.graph import concept_reads
from orggraph.graph.runner import Graph
from orggraph.services.caller import Caller, authorize

MAX_CONCEPTS = 500
EDIT = {Label.Need: Action.EDIT_NEED, Label.Resource: Action.EDIT_RESOURCE}


async def find(graph: Graph, search: str | None, limit: int) -> list[e.Concept]:
    if not 1 <= limit <= MAX_CONCEPTS:
        raise BadInput(f"limit: 取值范围为 1 到 {MAX_CONCEPTS}", field="limit")
    text = (search or "").strip()
    if len(text) > 40:
        raise BadInput("search: 最多 40 字", field="search")
    return await concept_reads.search(graph, text or None, limit)


async def tag(
    graph: Graph, caller: Caller, target_id: str, concept_id: str, *, tagged: bool
) -> list[e.ConceptTag]:
    """tagConcept (tagged) or untagConcept: by whoever may edit the need or the resource; one transaction
    with its audit record. The target's tags after the change."""
    if not any(caller.principal.role in RULES[action] for action in EDIT.values()):
        # anonymous, or a role that edits neither needs nor resources: refused before anything is read
        require(caller.principal, Action.EDIT_NEED, Scope())
    label = await concept_reads.target_label(graph, target_id)
    await authorize(graph, caller, EDIT[label or Label.Need], label or Label.Need, target_id)
    if label is None:
        raise not_found("需求或资源", target_id, "targetId")

    async def work(tx: AsyncManagedTransaction) -> list[e.ConceptTag]:
        if not await concept_reads.concept_exists(tx, concept_id):
            raise not_found("主题", concept_id, "conceptId")
        return await concept_reads.set_tag(
            tx, label, target_id, concept_id, tagged=tagged, actor=caller.actor
        )

    action = "tagConcept" if tagged else "untagConcept"
    audit = caller.audit(action, target_id, conceptId=concept_id)
    return await graph.write(work, audit)
