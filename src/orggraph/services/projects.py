"""Use cases of the street working committee as people and of their party-building projects:
addWorkingCommitteeMember, removeWorkingCommitteeMember, createProject, updateProject, addProjectNote.

Each authorizes (the street admin of the committee's street, or the organization department), checks
its command, and runs one write transaction with its audit record, in which it reads the state, asks the
rules of orggraph.domain.projects and writes.
"""

from __future__ import annotations

from neo4j import AsyncManagedTransaction

from orggraph.domain import projects as rules
from orggraph.domain.auth import Action
from orggraph.domain.errors import Conflict, not_found
from orggraph.domain.model import Label
from orggraph.domain.projects import (
    CommitteeMemberRemoval,
    CommitteeSeat,
    NewCommitteeMember,
    NewProject,
    NewProjectNote,
    Project,
    ProjectChanges,
)
from orggraph.graph import project_writes
from orggraph.graph.runner import Graph
from orggraph.services.caller import Caller, authorize


async def add_working_committee_member(
    graph: Graph, caller: Caller, cmd: NewCommitteeMember
) -> CommitteeSeat:
    await authorize(
        graph, caller, Action.EDIT_WORKING_COMMITTEE, Label.StreetWorkingCommittee, cmd.committee_id
    )
    m = cmd.checked(caller.today)

    async def work(tx: AsyncManagedTransaction) -> CommitteeSeat:
        held = rules.check_new_member(await project_writes.member_state(tx, m), m)
        return held if held is not None else await project_writes.add_member(tx, m)

    audit = caller.audit(
        "addWorkingCommitteeMember", m.committee_id, personId=m.person_id, unitId=m.unit_id, post=m.post
    )
    return await graph.write(work, audit)


async def remove_working_committee_member(
    graph: Graph, caller: Caller, cmd: CommitteeMemberRemoval
) -> CommitteeSeat:
    await authorize(
        graph, caller, Action.EDIT_WORKING_COMMITTEE, Label.StreetWorkingCommittee, cmd.committee_id
    )
    r = cmd.checked(caller.today)
    until = r.until or caller.today

    async def work(tx: AsyncManagedTransaction) -> CommitteeSeat:
        name, seat, former = await project_writes.seat_state(tx, r.committee_id, r.person_id)
        ended = rules.check_removal(name, seat, former, r)
        return (
            ended
            if ended is not None
            else await project_writes.end_seat(tx, r.committee_id, r.person_id, until)
        )

    audit = caller.audit(
        "removeWorkingCommitteeMember", r.committee_id, personId=r.person_id, until=until.isoformat()
    )
    return await graph.write(work, audit)


async def create_project(graph: Graph, caller: Caller, cmd: NewProject) -> Project:
    await authorize(graph, caller, Action.EDIT_PROJECT, Label.StreetWorkingCommittee, cmd.committee_id)
    p = cmd.checked(caller.today)

    async def work(tx: AsyncManagedTransaction) -> Project:
        existing = rules.check_new_project(await project_writes.project_state(tx, p), p)
        return existing if existing is not None else await project_writes.create_project(tx, p)

    audit = caller.audit(
        "createProject", p.id, committeeId=p.committee_id, leaderId=p.leader_id, year=p.year, title=p.title
    )
    return await graph.write(work, audit)


async def update_project(graph: Graph, caller: Caller, cmd: ProjectChanges) -> Project:
    await authorize(graph, caller, Action.EDIT_PROJECT, Label.Project, cmd.id)
    changes = cmd.checked()

    async def work(tx: AsyncManagedTransaction) -> Project:
        state = await project_writes.project_change_state(tx, changes.id, changes.community_ids or ())
        if state is None:
            raise not_found("党建项目", changes.id, "id")
        if changes.community_ids is not None:
            rules.check_communities(state[1], changes.community_ids)
        return await project_writes.update_project(tx, changes)

    detail = {
        "title": changes.title,
        "status": changes.status.value if changes.status else None,
        "communityIds": list(changes.community_ids) if changes.community_ids is not None else None,
    }
    audit = caller.audit("updateProject", changes.id, **{k: v for k, v in detail.items() if v is not None})
    return await graph.write(work, audit)


async def add_project_note(graph: Graph, caller: Caller, cmd: NewProjectNote) -> Project:
    """A dated progress note on the project; a retry with the same note id adds nothing."""
    await authorize(graph, caller, Action.EDIT_PROJECT, Label.Project, cmd.project_id)
    n = cmd.checked(caller.today)
    note_id = n.id or ""  # checked() made one

    async def work(tx: AsyncManagedTransaction) -> Project:
        project, note, note_project = await project_writes.note_state(tx, n.project_id, note_id)
        if project is None:
            raise not_found("党建项目", n.project_id, "projectId")
        if note is not None:
            if note_project == n.project_id and note.text == n.text:
                return project  # a retry of the same note: idempotent
            raise Conflict(f"id: 编号为 {note_id} 的进展记录已存在(内容不同)", field="id")
        await project_writes.add_note(tx, n, caller.principal.subject)
        return project

    return await graph.write(work, caller.audit("addProjectNote", n.project_id, id=note_id))
