"""Use cases of the two libraries: needs (社区需求库: registered, published, claimed, done) and resources (成员单位资源库).

Each authorizes, checks its command, and runs one write transaction with its audit record, in which it
reads what it changes under the node's write lock, asks the rules of orggraph.domain and writes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from neo4j import AsyncManagedTransaction

from orggraph.domain import entities as e
from orggraph.domain import library as rules
from orggraph.domain.auth import Action
from orggraph.domain.commands import Claim, NeedAdvance, NeedChanges, NewNeed, NewResource, ResourceChanges
from orggraph.domain.errors import Conflict, DomainError, OutcomeUnknown, Unavailable, not_found
from orggraph.domain.lifecycle import check_transition
from orggraph.domain.model import Label, NeedStatus, ResourceStatus
from orggraph.graph import library_writes as writes
from orggraph.graph.runner import Graph
from orggraph.services.caller import Authorizations, Caller, authorize

T = TypeVar("T")
C = TypeVar("C")


async def create_need(graph: Graph, caller: Caller, cmd: NewNeed) -> writes.NeedCreated:
    """A new need in the community's library, COLLECTED (已登记), and its community. With a clientId, a
    retry returns the need the first attempt created. One statement: the checks, the need, its event and
    the audit record (create_needs with one need, refused whole)."""
    return _one(await create_needs(graph, caller, [cmd], all_or_nothing=True))


async def create_needs(
    graph: Graph,
    caller: Caller,
    cmds: Sequence[NewNeed],
    *,
    all_or_nothing: bool = False,
    answered: bool = True,
) -> list[writes.NeedCreated | DomainError | None]:
    """createNeed for many needs (an import's rows) in one statement: each authorized, checked and refused
    by the same rules as one; the answer holds each need's result or the error that refused it (nothing is
    written for that need). all_or_nothing: the first refusal is raised and nothing is written. Not `answered`:
    a need made is answered None (what an import wants: only the refusals)."""
    allowed = Authorizations(graph, caller)

    async def check(cmd: NewNeed) -> NewNeed:
        await allowed.check(Action.EDIT_NEED, Label.Community, cmd.community_id)
        return cmd.checked(caller.today)

    accepted, answers = await _accepted(cmds, check, all_or_nothing)
    needs = [need for _, need in accepted]

    def refusal(i: int, found: writes.Found) -> DomainError | None:
        if found is writes.Found.OTHER_OWNER:  # a retry is of the same community's request
            return Conflict("clientId: 该 clientId 已用于另一个社区登记的需求", field="clientId")
        if found is writes.Found.NO_OWNER:
            return not_found("社区", needs[i].community_id, "communityId")
        return None

    audits = [caller.audit("createNeed", n.community_id, title=n.title, clientId=n.client_id) for n in needs]
    done = await writes.create_needs(
        graph,
        needs,
        audits,
        actor=caller.actor,
        refusal=refusal,
        all_or_nothing=all_or_nothing,
        answered=answered,
    )
    for (i, _), result in zip(accepted, done, strict=True):
        answers[i] = result
    return answers  # every place answered: a refusal above, or the statement's answer


async def _accepted(
    cmds: Sequence[C], check: Callable[[C], Awaitable[C]], all_or_nothing: bool
) -> tuple[list[tuple[int, C]], list[Any]]:
    """The commands a batch goes on with (authorized and checked: by their place), and the answers so far:
    the refusal at the place of each command refused (raised with all_or_nothing), None elsewhere until the
    statement answers it. The database's unavailability is raised, not answered: no row's fault."""
    accepted: list[tuple[int, C]] = []
    answers: list[Any] = [None] * len(cmds)
    for i, cmd in enumerate(cmds):
        try:
            accepted.append((i, await check(cmd)))
        except (Unavailable, OutcomeUnknown):
            raise
        except DomainError as error:
            if all_or_nothing:
                raise
            answers[i] = error
    return accepted, answers


def _one(done: list[T | DomainError | None]) -> T:
    """The one result of a batch of one (its refusal raised)."""
    (result,) = done
    if isinstance(result, DomainError):
        raise result
    assert result is not None, "an answered batch"
    return result


def _need_detail(changes: NeedChanges) -> dict[str, object]:
    """The audit detail of an update: the fields given, as the API names them."""
    names = {"support_types": "supportTypes", "quantity_unit": "quantityUnit", "needed_by": "neededBy"}
    detail = {k: v for k, v in vars(changes).items() if k != "id" and v is not None}
    return {names.get(k, k): list(v) if isinstance(v, tuple) else v for k, v in detail.items()}


async def update_need(graph: Graph, caller: Caller, cmd: NeedChanges) -> e.Need:
    """A need's content, while it is open (until claimed)."""
    await authorize(graph, caller, Action.EDIT_NEED, Label.Need, cmd.id)
    changes = cmd.checked()

    async def work(tx: AsyncManagedTransaction) -> e.Need:
        rules.check_need_editable(await writes.locked_need(tx, changes.id))
        return await writes.update_need(tx, changes)

    return await graph.write(work, caller.audit("updateNeed", changes.id, **_need_detail(changes)))


async def advance_need(graph: Graph, caller: Caller, cmd: NeedAdvance) -> e.Need:
    """Publishing a registered need, or rejecting it, recorded as a life event."""
    await authorize(graph, caller, Action.EDIT_NEED, Label.Need, cmd.id)
    step = cmd.checked()

    async def work(tx: AsyncManagedTransaction) -> e.Need:
        need = await writes.locked_need(tx, step.id)
        check_transition(need.status, step.to)
        return await writes.set_need_status(tx, need, step.to, actor=caller.actor, note=step.note)

    return await graph.write(work, caller.audit("advanceNeed", step.id, to=step.to.value, note=step.note))


async def claim_need(graph: Graph, caller: Caller, cmd: Claim) -> e.Need:
    """认领/揭榜: a unit takes up a published need; the community then confirms it with acceptMatch."""
    await authorize(graph, caller, Action.CLAIM_NEED, Label.Unit, cmd.unit_id)

    async def work(tx: AsyncManagedTransaction) -> e.Need:
        need = await writes.locked_need(tx, cmd.need_id, field="needId")
        name = await writes.unit_name(tx, cmd.unit_id)
        if name is None:
            raise not_found("单位", cmd.unit_id, "unitId")
        rules.check_claimable(need)
        check_transition(need.status, NeedStatus.CLAIMED, field="needId")
        await writes.claim(tx, cmd.need_id, cmd.unit_id, actor=caller.actor)
        return await writes.set_need_status(
            tx, need, NeedStatus.CLAIMED, actor=caller.actor, note=f"{name}认领"
        )

    return await graph.write(work, caller.audit("claimNeed", cmd.need_id, unitId=cmd.unit_id))


async def create_resource(graph: Graph, caller: Caller, cmd: NewResource) -> writes.ResourceCreated:
    """A new resource in the unit's library, ACTIVE, and its unit. With a clientId, a retry returns the
    first one. One statement, as create_need."""
    return _one(await create_resources(graph, caller, [cmd], all_or_nothing=True))


async def create_resources(
    graph: Graph,
    caller: Caller,
    cmds: Sequence[NewResource],
    *,
    all_or_nothing: bool = False,
    answered: bool = True,
) -> list[writes.ResourceCreated | DomainError | None]:
    """createResource for many resources in one statement, as create_needs."""
    allowed = Authorizations(graph, caller)

    async def check(cmd: NewResource) -> NewResource:
        await allowed.check(Action.EDIT_RESOURCE, Label.Unit, cmd.unit_id)
        return cmd.checked()

    accepted, answers = await _accepted(cmds, check, all_or_nothing)
    resources = [resource for _, resource in accepted]

    def refusal(i: int, found: writes.Found) -> DomainError | None:
        if found is writes.Found.OTHER_OWNER:  # a retry is of the same unit's request
            return Conflict("clientId: 该 clientId 已用于另一家单位登记的资源", field="clientId")
        if found is writes.Found.NO_OWNER:
            return not_found("单位", resources[i].unit_id, "unitId")
        return None

    audits = [
        caller.audit("createResource", r.unit_id, title=r.title, clientId=r.client_id) for r in resources
    ]
    done = await writes.create_resources(
        graph, resources, audits, refusal=refusal, all_or_nothing=all_or_nothing, answered=answered
    )
    for (i, _), result in zip(accepted, done, strict=True):
        answers[i] = result
    return answers  # every place answered: a refusal above, or the statement's answer


def _resource_detail(changes: ResourceChanges) -> dict[str, object]:
    names = {
        "capacity_unit": "capacityUnit",
        "available_from": "availableFrom",
        "available_until": "availableUntil",
        "service_area": "serviceArea",
    }
    detail = {k: v for k, v in vars(changes).items() if k != "id" and v is not None}
    return {names.get(k, k): list(v) if isinstance(v, tuple) else v for k, v in detail.items()}


async def update_resource(graph: Graph, caller: Caller, cmd: ResourceChanges) -> e.Resource:
    """A resource's content; its capacity never below what tasks already took."""
    await authorize(graph, caller, Action.EDIT_RESOURCE, Label.Resource, cmd.id)
    changes = cmd.checked()

    async def work(tx: AsyncManagedTransaction) -> e.Resource:
        rules.check_resource_changes(await writes.locked_resource(tx, changes.id), changes)
        return await writes.update_resource(tx, changes)

    return await graph.write(work, caller.audit("updateResource", changes.id, **_resource_detail(changes)))


async def withdraw_resource(graph: Graph, caller: Caller, resource_id: str) -> e.Resource:
    """撤回: the resource no longer takes part in matching; tasks already made carry on."""
    await authorize(graph, caller, Action.EDIT_RESOURCE, Label.Resource, resource_id)

    async def work(tx: AsyncManagedTransaction) -> e.Resource:
        resource = await writes.locked_resource(tx, resource_id)
        if resource.status is ResourceStatus.WITHDRAWN:
            return resource
        return await writes.withdraw_resource(tx, resource_id)

    return await graph.write(work, caller.audit("withdrawResource", resource_id))
