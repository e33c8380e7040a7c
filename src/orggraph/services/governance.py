"""Use cases of the governance loops of the 3344 method: raise a problem and escalate it (社区 → 街道 →
市委书记“1+N”工作清单), record a joint meeting with who attended, what it tabled and what it decided (each
decision a task in the four lists, with or without a resource), and name the contact leader who leads
a key task.

Each authorizes, checks its command, and runs one write transaction with its audit record, in which
it reads the state, asks the rules of orggraph.domain.governance and writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import AsyncManagedTransaction

from orggraph.domain import entities as e
from orggraph.domain import governance as rules
from orggraph.domain import tasks as task_rules
from orggraph.domain.auth import Action
from orggraph.domain.commands import Decision, KeyTask, NewMeeting, NewProblem, ProblemEscalation
from orggraph.domain.errors import Conflict, not_found
from orggraph.domain.lifecycle import check_transition
from orggraph.domain.model import Label, NeedStatus
from orggraph.domain.network import same_meeting
from orggraph.graph import governance_reads, governance_writes, library_writes, task_writes
from orggraph.graph.audit import Subjects
from orggraph.graph.runner import Graph
from orggraph.services.caller import Caller, authorize


async def create_problem(graph: Graph, caller: Caller, cmd: NewProblem) -> e.Problem:
    if cmd.community_id is not None:
        await authorize(graph, caller, Action.RAISE_PROBLEM, Label.Community, cmd.community_id)
    else:
        await authorize(graph, caller, Action.RAISE_PROBLEM, Label.Street, cmd.street_id)
    p = cmd.checked(caller.today)
    problem_id = p.id or ""  # checked() made one

    async def work(tx: AsyncManagedTransaction) -> e.Problem:
        existing = await governance_writes.locked_problem(tx, problem_id)
        if existing is not None:
            same = (existing.title, existing.community_id) == (p.title, p.community_id) and (
                p.street_id is None or existing.street_id == p.street_id
            )
            if same:
                return existing  # a retry of the same creation: idempotent
            raise Conflict(f"id: 编号为 {problem_id} 的问题已存在(内容不同)", field="id")
        found = await governance_writes.problem_place(tx, p)
        if p.community_id is not None and not found.community:
            raise not_found("社区", p.community_id, "communityId")
        if p.street_id is not None and not found.street:
            raise not_found("街道", p.street_id, "streetId")
        if p.grid_id is not None and not found.grid:
            raise not_found("本社区的网格", p.grid_id, "gridId")
        return await governance_writes.create_problem(tx, p, rules.first_level(p.community_id), caller.actor)

    audit = caller.audit("createProblem", problem_id, title=p.title, source=p.source.value)
    return await graph.write(work, audit)


async def escalate_problem(graph: Graph, caller: Caller, cmd: ProblemEscalation) -> e.Problem:
    await authorize(graph, caller, Action.RAISE_PROBLEM, Label.Problem, cmd.problem_id)
    up = cmd.checked()

    async def work(tx: AsyncManagedTransaction) -> e.Problem:
        problem = await governance_writes.locked_problem(tx, up.problem_id)
        if problem is None:
            raise not_found("问题", up.problem_id, "id")
        rules.check_escalation(problem.level, up.to, problem.status)
        await governance_writes.escalate(tx, problem, up.to, by=caller.actor, reason=up.reason)
        after = await governance_writes.locked_problem(tx, up.problem_id)
        assert after is not None
        return after

    audit = caller.audit("escalateProblem", up.problem_id, to=up.to.value, reason=up.reason)
    return await graph.write(work, audit)


@dataclass(frozen=True)
class MeetingRecorded(Subjects):
    """The meeting, and what its decisions touched (the events of the change)."""

    meeting: e.JointMeeting | None = None


def _in_place(state: governance_writes.CommitteeState, community: str | None, street: str | None) -> bool:
    if community is not None:
        return community in state.communities
    return not state.of_community and street == state.street_id


async def _check_agenda(
    tx: AsyncManagedTransaction, m: NewMeeting, state: governance_writes.CommitteeState
) -> dict[str, str]:
    """Attendees sit on the committee; tabled problems and needs are of its place; every decision names
    an existing unit and a leader who contacts one of its communities. Returns the decisions' units' names."""
    for uid in m.attendee_ids:
        if uid not in state.members:
            raise Conflict(f"attendeeIds: 单位 {uid} 不是该委员会的现任成员", field="attendeeIds")
    problems = await governance_writes.problem_places(tx, list(m.problem_ids))
    for pid in m.problem_ids:
        if pid not in problems:
            raise not_found("问题", pid, "problemIds")
        if not _in_place(state, *problems[pid]):
            raise Conflict(f"problemIds: 问题 {pid} 不在该委员会所在的社区或街道", field="problemIds")
    needs = await governance_writes.need_places(tx, list(m.need_ids))
    for nid in m.need_ids:
        if nid not in needs:
            raise not_found("需求", nid, "needIds")
        if needs[nid] not in state.communities:
            raise Conflict(f"needIds: 需求 {nid} 不是该委员会所在社区的需求", field="needIds")
    units = await governance_writes.unit_names(tx, [d.responsible_unit_id for d in m.decisions])
    for i, d in enumerate(m.decisions):
        if d.responsible_unit_id not in units:
            raise not_found("单位", d.responsible_unit_id, f"decisions[{i}].responsibleUnitId")
        if d.leader_id is not None and d.leader_id not in state.leaders:
            raise Conflict(
                f"decisions[{i}].leaderId: 该市领导不联系本委员会所在的社区,不能牵头此任务",
                field=f"decisions[{i}].leaderId",
            )
    return units


async def _decide(
    tx: AsyncManagedTransaction, caller: Caller, m: NewMeeting, i: int, d: Decision, unit_name: str
) -> tuple[e.Task, str | None]:
    """One decision as a task: its need resolved and claimed, the resource's capacity taken."""
    field = f"decisions[{i}]"
    need: e.Need | None = None
    if d.need_id:
        need = await library_writes.locked_need(tx, d.need_id, field=f"{field}.needId")
        rules.check_need_decidable(need.status, f"{field}.needId")
    take = 0.0
    if d.resource_id:
        resource = await library_writes.locked_resource(tx, d.resource_id, field=f"{field}.resourceId")
        try:
            take = task_rules.capacity_taken(resource, d.quantity or (need.quantity if need else 0))
        except Conflict as refused:
            raise Conflict(f"{field}.{refused}", field=f"{field}.resourceId") from None
    task = await governance_writes.create_decided_task(
        tx,
        task_id=f"task-{m.id}-{i + 1}",
        meeting=m,
        title=d.title,
        unit_id=d.responsible_unit_id,
        standard=d.standard,
        deadline=d.deadline,
        problem_id=d.problem_id,
        need_id=d.need_id,
        resource_id=d.resource_id,
        take=take,
        leader_id=d.leader_id,
        actor=caller.actor,
    )
    if need is not None and need.status is not NeedStatus.CLAIMED:  # 派单: the meeting assigns the need
        check_transition(need.status, NeedStatus.CLAIMED, field=f"{field}.needId")
        await library_writes.set_need_status(
            tx,
            need,
            NeedStatus.CLAIMED,
            actor=caller.actor,
            note=f"联席会议决议({m.topic}),由{unit_name}承接",
        )
    return task, d.need_id


async def record_joint_meeting(graph: Graph, caller: Caller, cmd: NewMeeting) -> e.JointMeeting:
    kind = await governance_reads.committee_label(graph, cmd.committee_id)
    await authorize(graph, caller, Action.RECORD_MEETING, kind, cmd.committee_id)
    m = cmd.checked(caller.today)
    meeting_id = m.id or ""  # checked() made one

    async def work(tx: AsyncManagedTransaction) -> MeetingRecorded:
        state = await governance_writes.committee_state(tx, m.committee_id)
        if state is None:
            raise not_found("社区大党委或街道大工委", m.committee_id, "committeeId")
        found = await governance_writes.meeting(tx, meeting_id)
        if found is not None:
            meeting, committee_id = found
            if same_meeting(meeting, committee_id, m.committee_id, m.topic, m.held_on):
                return MeetingRecorded(meetings=(meeting.id,), meeting=meeting)  # a retry: idempotent
            raise Conflict(f"id: 编号为 {meeting_id} 的联席会议已存在(内容不同)", field="id")
        units = await _check_agenda(tx, m, state)
        meeting = await governance_writes.create_meeting(tx, m, caller.actor)
        tasks, needs = [], []
        for i, d in enumerate(m.decisions):
            task, need_id = await _decide(tx, caller, m, i, d, units[d.responsible_unit_id])
            tasks.append(task.id)
            if need_id:
                needs.append(need_id)
        return MeetingRecorded(tuple(dict.fromkeys(needs)), tuple(tasks), (meeting.id,), meeting=meeting)

    audit = caller.audit(
        "recordJointMeeting", m.committee_id, id=meeting_id, topic=m.topic, decisions=len(m.decisions)
    )
    recorded = await graph.write(work, audit)
    assert recorded.meeting is not None
    return recorded.meeting


async def lead_task(graph: Graph, caller: Caller, cmd: KeyTask) -> e.Task:
    """The contact leader leads the task (a key task); the task is in a community the leader contacts."""
    await authorize(graph, caller, Action.MANAGE_NETWORK)

    async def work(tx: AsyncManagedTransaction) -> e.Task:
        communities = await governance_writes.leader_communities(tx, cmd.leader_id)
        if communities is None:
            raise not_found("在任市领导", cmd.leader_id, "leaderId")
        task = await task_writes.locked_task(tx, cmd.task_id, field="taskId")
        places = [task.community_id] if task.community_id else []
        if not places and task.street_id:
            places = await governance_writes.street_communities(tx, task.street_id)
        if not set(places) & set(communities):
            raise Conflict("leaderId: 该市领导不联系此任务所在的社区", field="leaderId")
        await governance_writes.lead_task(tx, task.id, cmd.leader_id, caller.today)
        return task

    return await graph.write(work, caller.audit("leadTask", cmd.task_id, leaderId=cmd.leader_id))
