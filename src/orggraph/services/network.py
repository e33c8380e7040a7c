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
from orggraph.domain.commands import (
    CompoundChanges,
    ContactLeader,
    GridChanges,
    LeaderChanges,
    MemberRemoval,
    NewCompound,
    NewGrid,
    NewLeader,
    NewMember,
    NewPerson,
    NewUnit,
    PersonChanges,
    Retirement,
    SecretaryChange,
    UnitChanges,
)
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
    """The membership ends (`until`, today by default): it leaves the committee's current members and
    stays in its history (WAS_MEMBER_OF)."""
    await authorize(graph, caller, Action.EDIT_COMMITTEE, Label.CommunityCommittee, cmd.committee_id)
    removal = cmd.checked(caller.today)
    until = removal.until or caller.today

    async def work(tx: AsyncManagedTransaction) -> None:
        rules.check_member_removal(await _committee(tx, removal.committee_id), removal.unit_id)
        await network_writes.end_member(tx, removal.committee_id, removal.unit_id, until)

    audit = caller.audit(
        "removeCommitteeMember", removal.committee_id, unitId=removal.unit_id, until=until.isoformat()
    )
    await graph.write(work, audit)
    return await _committee_after(graph, removal.committee_id)


async def set_contact_leader(graph: Graph, caller: Caller, cmd: ContactLeader) -> e.Community:
    """The leader contacts this community and becomes first secretary of its committee (the ended
    relationships stay as history); see rules.contact_change for when two leaders swap."""
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


# ---------------------------------------------------------------- leaders, people, grids, compounds (#13)


async def create_leader(graph: Graph, caller: Caller, cmd: NewLeader) -> e.Leader:
    await authorize(graph, caller, Action.MANAGE_NETWORK)
    leader = cmd.checked()
    leader_id = leader.id or ""

    async def work(tx: AsyncManagedTransaction) -> e.Leader:
        found = await network_writes.leader_state(tx, leader_id)
        if found is not None:  # a retry of the same creation is answered with the leader
            existing, unit_id = found
            rules.check_same(
                "市领导",
                leader_id,
                (existing.name, existing.title, unit_id),
                (leader.name, leader.title, leader.unit_id),
            )
            return existing
        if leader.unit_id and not await network_writes.unit_exists(tx, leader.unit_id):
            raise not_found("单位", leader.unit_id, "unitId")
        return await network_writes.create_leader(tx, leader)

    audit = caller.audit("createLeader", leader_id, title=leader.title, unitId=leader.unit_id or "")
    return await graph.write(work, audit)


async def update_leader(graph: Graph, caller: Caller, cmd: LeaderChanges) -> e.Leader:
    await authorize(graph, caller, Action.MANAGE_NETWORK)
    changes = cmd.checked()

    async def work(tx: AsyncManagedTransaction) -> e.Leader:
        if await network_writes.leader_state(tx, changes.id) is None:
            raise not_found("市领导", changes.id, "id")
        if changes.unit_id and not await network_writes.unit_exists(tx, changes.unit_id):
            raise not_found("单位", changes.unit_id, "unitId")
        return await network_writes.update_leader(tx, changes)

    detail = {"title": changes.title, "unitId": changes.unit_id, "name": "changed" if changes.name else None}
    audit = caller.audit("updateLeader", changes.id, **{k: v for k, v in detail.items() if v is not None})
    return await graph.write(work, audit)


async def retire_leader(graph: Graph, caller: Caller, cmd: Retirement) -> e.Leader:
    """The leader retires on `on`: it leaves the current leaders, its contact and first secretaryship
    become history (its community may be without a contact leader until one is set); it stays readable
    by id with `retiredOn`. Retiring a retired leader changes nothing."""
    await authorize(graph, caller, Action.MANAGE_NETWORK)
    r = cmd.checked(caller.today)
    on = r.on or caller.today

    async def work(tx: AsyncManagedTransaction) -> e.Leader:
        found = await network_writes.leader_state(tx, r.id)
        if found is None:
            raise not_found("市领导", r.id, "id")
        if found[0].retired_on is not None:
            return found[0]
        return await network_writes.retire_leader(tx, r.id, on)

    return await graph.write(work, caller.audit("retireLeader", r.id, on=on.isoformat()))


async def create_person(graph: Graph, caller: Caller, cmd: NewPerson) -> e.Person:
    await authorize(graph, caller, Action.CREATE_PERSON)
    p = cmd.checked()
    person_id = p.id or ""

    async def work(tx: AsyncManagedTransaction) -> e.Person:
        existing = await network_writes.person(tx, person_id)
        if existing is not None:
            rules.check_same("人员", person_id, (existing.name,), (p.name,))
            return existing
        return await network_writes.create_person(tx, p)

    # the audit names the id, not the person's name (personal data)
    return await graph.write(work, caller.audit("createPerson", person_id))


async def update_person(graph: Graph, caller: Caller, cmd: PersonChanges) -> e.Person:
    await authorize(graph, caller, Action.MANAGE_NETWORK)
    p = cmd.checked()

    async def work(tx: AsyncManagedTransaction) -> e.Person:
        if await network_writes.person(tx, p.id) is None:
            raise not_found("人员", p.id, "id")
        return await network_writes.update_person(tx, p)

    return await graph.write(work, caller.audit("updatePerson", p.id))


async def set_committee_secretary(graph: Graph, caller: Caller, cmd: SecretaryChange) -> e.CommunityCommittee:
    """The person becomes the committee's secretary from `since`; the former secretary's term ends that
    day and stays in the history (WAS_SECRETARY_OF)."""
    await authorize(graph, caller, Action.EDIT_COMMITTEE, Label.CommunityCommittee, cmd.committee_id)
    change = cmd.checked(caller.today)
    since = change.since or caller.today

    async def work(tx: AsyncManagedTransaction) -> None:
        await _committee(tx, change.committee_id)
        if await network_writes.person(tx, change.person_id) is None:
            raise not_found("人员", change.person_id, "personId")
        current, current_since = await network_writes.secretary_state(tx, change.committee_id)
        if rules.secretary_change(current, current_since, change.person_id, since):
            await network_writes.set_secretary(tx, change)

    audit = caller.audit(
        "setCommitteeSecretary", change.committee_id, personId=change.person_id, since=since.isoformat()
    )
    await graph.write(work, audit)
    return await _committee_after(graph, change.committee_id)


async def _grid_leader(tx: AsyncManagedTransaction, person_id: str | None) -> None:
    if person_id and await network_writes.person(tx, person_id) is None:
        raise not_found("人员", person_id, "leaderId")


async def create_grid(graph: Graph, caller: Caller, cmd: NewGrid) -> e.Grid:
    await authorize(graph, caller, Action.EDIT_GRID, Label.Community, cmd.community_id)
    g = cmd.checked()
    grid_id = g.id or ""

    async def work(tx: AsyncManagedTransaction) -> e.Grid:
        found = await network_writes.grid_state(tx, grid_id)
        if found is not None:
            x = found.grid
            rules.check_same(
                "网格",
                grid_id,
                (found.community_id, x.name, x.households, x.grid_workers, found.leader_id),
                (g.community_id, g.name, g.households, g.grid_workers, g.leader_id),
            )
            return x
        if not await network_writes.community_exists(tx, g.community_id):
            raise not_found("社区", g.community_id, "communityId")
        await _grid_leader(tx, g.leader_id)
        grid = await network_writes.create_grid(tx, g)
        if g.leader_id:
            await network_writes.set_grid_leader(tx, grid_id, g.leader_id, caller.today)
        return grid

    audit = caller.audit("createGrid", grid_id, communityId=g.community_id, households=g.households)
    return await graph.write(work, audit)


async def update_grid(graph: Graph, caller: Caller, cmd: GridChanges) -> e.Grid:
    await authorize(graph, caller, Action.EDIT_GRID, Label.Grid, cmd.id)
    changes = cmd.checked()

    async def work(tx: AsyncManagedTransaction) -> e.Grid:
        found = await network_writes.grid_state(tx, changes.id)
        if found is None:
            raise not_found("网格", changes.id, "id")
        rules.check_not_retired("网格", found.grid.retired_on, "id")
        await _grid_leader(tx, changes.leader_id)
        grid = await network_writes.update_grid(tx, changes, found.community_id)
        if changes.leader_id and changes.leader_id != found.leader_id:
            await network_writes.set_grid_leader(tx, changes.id, changes.leader_id, caller.today)
        return grid

    detail = {
        "households": changes.households,
        "gridWorkers": changes.grid_workers,
        "leaderId": changes.leader_id,
    }
    audit = caller.audit("updateGrid", changes.id, **{k: v for k, v in detail.items() if v is not None})
    return await graph.write(work, audit)


async def retire_grid(graph: Graph, caller: Caller, cmd: Retirement) -> e.Grid:
    """The grid is retired on `on` (it leaves its community's grids; its leader's term ends); a grid that
    still holds compounds cannot be: they move first. Retiring a retired grid changes nothing."""
    await authorize(graph, caller, Action.EDIT_GRID, Label.Grid, cmd.id)
    r = cmd.checked(caller.today)
    on = r.on or caller.today

    async def work(tx: AsyncManagedTransaction) -> e.Grid:
        found = await network_writes.grid_state(tx, r.id)
        if found is None:
            raise not_found("网格", r.id, "id")
        if found.grid.retired_on is not None:
            return found.grid
        rules.check_grid_retirement(found.compounds)
        return await network_writes.retire_grid(tx, r.id, on, found.community_id)

    return await graph.write(work, caller.audit("retireGrid", r.id, on=on.isoformat()))


async def create_compound(graph: Graph, caller: Caller, cmd: NewCompound) -> e.Compound:
    # authorized where its first grid is; the grids must all be in one community (checked below)
    first_grid = cmd.grid_ids[0] if cmd.grid_ids else ""
    await authorize(graph, caller, Action.EDIT_GRID, Label.Grid, first_grid)
    x = cmd.checked()
    compound_id = x.id or ""

    async def work(tx: AsyncManagedTransaction) -> e.Compound:
        found = await network_writes.compound_state(tx, compound_id)
        if found is not None:
            c = found.compound
            rules.check_same(
                "小区",
                compound_id,
                (c.name, c.kind, c.households, c.has_party_branch, found.grid_ids),
                (x.name, x.kind, x.households, x.has_party_branch, tuple(sorted(x.grid_ids))),
            )
            return c
        rules.compound_community(await network_writes.grid_places(tx, x.grid_ids))
        return await network_writes.create_compound(tx, x, caller.today)

    audit = caller.audit("createCompound", compound_id, gridIds=",".join(x.grid_ids), kind=x.kind.value)
    return await graph.write(work, audit)


async def update_compound(graph: Graph, caller: Caller, cmd: CompoundChanges) -> e.Compound:
    await authorize(graph, caller, Action.EDIT_GRID, Label.Compound, cmd.id)
    changes = cmd.checked()

    async def work(tx: AsyncManagedTransaction) -> e.Compound:
        found = await network_writes.compound_state(tx, changes.id)
        if found is None:
            raise not_found("小区", changes.id, "id")
        rules.check_not_retired("小区", found.compound.retired_on, "id")
        if changes.grid_ids is not None:
            places = await network_writes.grid_places(tx, changes.grid_ids)
            rules.compound_community(places, found.community_id)
        return await network_writes.update_compound(tx, changes, caller.today)

    detail = {
        "households": changes.households,
        "kind": changes.kind.value if changes.kind else None,
        "gridIds": ",".join(changes.grid_ids) if changes.grid_ids else None,
    }
    audit = caller.audit("updateCompound", changes.id, **{k: v for k, v in detail.items() if v is not None})
    return await graph.write(work, audit)


async def retire_compound(graph: Graph, caller: Caller, cmd: Retirement) -> e.Compound:
    """The compound is retired on `on` (it leaves its grids, kept as history). Idempotent."""
    await authorize(graph, caller, Action.EDIT_GRID, Label.Compound, cmd.id)
    r = cmd.checked(caller.today)
    on = r.on or caller.today

    async def work(tx: AsyncManagedTransaction) -> e.Compound:
        found = await network_writes.compound_state(tx, r.id)
        if found is None:
            raise not_found("小区", r.id, "id")
        if found.compound.retired_on is not None:
            return found.compound
        return await network_writes.retire_compound(tx, r.id, on)

    return await graph.write(work, caller.audit("retireCompound", r.id, on=on.isoformat()))
