"""Use case of the community's yearly evaluation of its member units (evaluateUnit): the community's
admin, its street's admin or the organization department gives a current member unit of the community's
big party committee a score (0-100) and a comment for a year; the same year again replaces them."""

from __future__ import annotations

from neo4j import AsyncManagedTransaction

from orggraph.domain.auth import Action
from orggraph.domain.evaluations import EvaluateUnit, UnitEvaluation, check_evaluation
from orggraph.domain.model import Label
from orggraph.graph import evaluation_writes
from orggraph.graph.runner import Graph
from orggraph.services.caller import Caller, authorize


async def evaluate_unit(graph: Graph, caller: Caller, cmd: EvaluateUnit) -> UnitEvaluation:
    await authorize(graph, caller, Action.EVALUATE_UNIT, Label.Community, cmd.community_id)
    ev = cmd.checked(caller.today)

    async def work(tx: AsyncManagedTransaction) -> UnitEvaluation:
        check_evaluation(await evaluation_writes.evaluation_state(tx, ev), ev)
        return await evaluation_writes.evaluate(tx, ev, caller.principal.subject)

    audit = caller.audit(
        "evaluateUnit", ev.community_id, unitId=ev.unit_id, year=ev.year, score=ev.score, comment=ev.comment
    )
    return await graph.write(work, audit)
