"""Use cases that keep the network current: units, committee seats, contact leaders (joint meetings:
services/governance.py).

Each authorizes, checks its command, and runs one write transaction with its audit record, in which
it reads the state, asks the rules of orggraph.domain.network and writes.
"""

from __future__ import annotations

from neo4j import AsyncManagedTransaction

from orggraph.domain import entities as e
from orggraph.domain import network as rules
from orggraph.domain.auth import Action
from orggraph.domain.commands import ContactLeader, MemberRemoval, NewMember, NewUnit, UnitChanges
from orggraph.domain.errors import not_found
from orggraph.domain.model import Label
from orggraph.graph import network_reads, network_writes
from orggraph.graph.runner import Graph
from orggraph.services.caller import Caller, authorize


async def create_unit(graph: Graph, caller: Caller, cmd: NewUnit) -> e.Unit:
    await authorize(graph, caller, Action.MANAGE_NETWORK)
    unit = cmd.checked()
    unit_id = unit.id or ""  # checked() made one

    async def work(tx: AsyncManagedTransaction) -> e.Unit:
        existing = await network_writes.unit_seats(tx, unit_id)
        if existing:
            rules.check_unit_id_free(existing.unit, unit.name, unit.kind)
            return existing.unit  # a retry of the same creation: idempotent
        return await network_writes.create_unit(tx, unit)

    return await graph.write(work, caller.audit("createUnit", unit.id, name=unit.name, kind=unit.kind.value))


async def update_unit(graph: Graph, caller: Caller, cmd: UnitChanges) -> e.Unit:
    await authorize(graph, caller, Action.EDIT_UNIT, Label.Unit, cmd.id)
    changes = cmd.checked()

    async def work(tx: AsyncManagedTransaction) -> e.Unit:
        state = await network_writes.unit_seats(tx, changes.id)
        if state is None:
            raise not_found("单位", changes.id, "id")
        if changes.kind is not None:
            rules.check_kind_change(state, changes.kind)
        return await network_writes.update_unit(tx, changes)

    detail = {"name": changes.name, "kind": changes.kind, "party_members": changes.party_members}
    audit = caller.audit("updateUnit", changes.id, **{k: v for k, v in detail.items() if v is not None})
    return await graph.write(work, audit)


async def _committee(tx: AsyncManagedTransaction, committee_id: str) -> rules.CommitteeMembers:
    state = await network_writes.committee_members(tx, committee_id)
    if state is None:
        raise not_found("社区大党委", committee_id, "committeeId")
    return state


async def _committee_after(graph: Graph, committee_id: str) -> e.CommunityCommittee:
    found = await network_reads.committee(graph, committee_id)
    if found is None:
        raise not_found("社区大党委", committee_id, "committeeId")
    return found


async def add_committee_member(graph: Graph, caller: Caller, cmd: NewMember) -> e.CommunityCommittee:
    await authorize(graph, caller, Action.EDIT_COMMITTEE, Label.CommunityCommittee, cmd.committee_id)
    member = cmd.checked(caller.today)

    async def work(tx: AsyncManagedTransaction) -> None:
        committee = await _committee(tx, member.committee_id)
        unit = await network_writes.unit_seats(tx, member.unit_id)
        if unit is None:
            raise not_found("单位", member.unit_id, "unitId")
        rules.check_new_member(committee, unit.unit, member.seat)
        await network_writes.add_member(tx, member)

    audit = caller.audit(
        "addCommitteeMember", member.committee_id, unitId=member.unit_id, seat=member.seat.value
    )
    await graph.write(work, audit)
    return await _committee_after(graph, member.committee_id)


async def remove_committee_member(graph: Graph, caller: Caller, cmd: MemberRemoval) -> e.CommunityCommittee:
    await authorize(graph, caller, Action.EDIT_COMMITTEE, Label.CommunityCommittee, cmd.committee_id)

    async def work(tx: AsyncManagedTransaction) -> None:
        rules.check_member_removal(await _committee(tx, cmd.committee_id), cmd.unit_id)
        await network_writes.remove_member(tx, cmd.committee_id, cmd.unit_id)

    await graph.write(work, caller.audit("removeCommitteeMember", cmd.committee_id, unitId=cmd.unit_id))
    return await _committee_after(graph, cmd.committee_id)


async def set_contact_leader(graph: Graph, caller: Caller, cmd: ContactLeader) -> e.Community:
    """The leader contacts this community and becomes first secretary of its committee; if the leader
    contacted another community, the two leaders swap."""
    await authorize(graph, caller, Action.MANAGE_NETWORK)
    contact = cmd.checked(caller.today)
    since = contact.since or caller.today

    async def work(tx: AsyncManagedTransaction) -> None:
        state = await network_writes.contact_state(tx, contact.community_id, contact.leader_id)
        change = rules.contact_change(state, contact.community_id, contact.leader_id, since)
        if change is not None:
            await network_writes.set_contact(tx, change)

    await graph.write(
        work, caller.audit("setContactLeader", contact.community_id, leaderId=contact.leader_id)
    )
    found = await network_reads.community(graph, contact.community_id)
    if found is None:
        raise not_found("社区", contact.community_id, "communityId")
    return found
