"""Use cases of compounds and 红色物业 (issue #14): set who governs a compound (its property company,
owners' committee, fee collection rate, fallback funding, 红色示范小区), add or update a compound party
organisation, raise a property issue at a 三联办, record a 三联办 meeting (which may take the issues it
discussed to 各方共同商议 or 会议决议), and advance an issue through the six steps.

Each authorizes (EDIT_GRID for a compound, RECORD_MEETING for a 三联办 and its issues: ORG_ADMIN, the
street's and the community's admins), checks its command, and runs one write transaction with its audit
record, in which it reads the state, asks the rules of orggraph.domain.compounds and writes.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from typing import Any

from neo4j import AsyncManagedTransaction

from orggraph.domain import compounds as rules
from orggraph.domain.auth import Action
from orggraph.domain.errors import Conflict, not_found
from orggraph.domain.model import CompoundKind, Label, UnitKind
from orggraph.graph import compound_writes as writes
from orggraph.graph.runner import Graph
from orggraph.services.caller import Caller, authorize

BEIJING = timezone(timedelta(hours=8))


def _now() -> datetime:
    return datetime.now(BEIJING)


async def update_compound_governance(graph: Graph, caller: Caller, cmd: rules.GovernanceChanges) -> str:
    """Returns the compound's id. Setting what is already set changes nothing but the audit trail."""
    await authorize(graph, caller, Action.EDIT_GRID, Label.Compound, cmd.compound_id)
    x, funding = cmd.checked(caller.today)

    async def work(tx: AsyncManagedTransaction) -> str:
        found = await writes.compound_state(tx, x.compound_id)
        if found is None:
            raise not_found("小区", x.compound_id, "compoundId")
        if found.compound.retired_on is not None:
            raise Conflict("compoundId: 小区已撤销", field="compoundId")
        kind = found.compound.kind
        if x.property_company_id is not None:
            unit = await writes.unit_state(tx, x.property_company_id)
            if unit is None or unit[0] != UnitKind.PROPERTY_COMPANY.value:
                raise not_found("物业企业", x.property_company_id, "propertyCompanyId")
            rules.check_manager(kind, unit[1])
            await writes.set_manager(tx, x.compound_id, x.property_company_id)
        elif kind is CompoundKind.NO_PROPERTY and found.manager_id is None and funding is not None:
            raise Conflict(
                "fallbackFunding: 无物业小区须先确定兜底的街道非营利物业公司", field="fallbackFunding"
            )
        if funding is not None and kind is not CompoundKind.NO_PROPERTY:
            raise Conflict(
                "fallbackFunding: 只有兜底管理的无物业小区记录“四个一点”经费", field="fallbackFunding"
            )
        if x.owners_committee is not None:
            unit_id = found.owners_id or f"{x.compound_id}-owners"
            await writes.set_owners_committee(tx, x.compound_id, unit_id, x.owners_committee)
        props: dict[str, Any] = {}
        if x.fee_collection_rate is not None:
            props |= {"feeCollectionRate": x.fee_collection_rate, "feeMeasuredOn": x.fee_measured_on}
        if x.demonstration is not None:
            props["demonstration"] = x.demonstration
        if funding is not None:
            props |= {"fundingResidents": funding.residents, "fundingMarket": funding.market,
                      "fundingProjects": funding.projects, "fundingSubsidy": funding.subsidy}  # fmt: skip
        if props:
            await writes.set_compound(tx, x.compound_id, props)
        return x.compound_id

    detail = {
        "propertyCompanyId": x.property_company_id,
        "ownersCommittee": x.owners_committee.name if x.owners_committee else None,
        "feeCollectionRate": x.fee_collection_rate,
        "demonstration": x.demonstration,
        "fallbackFunding": funding.total if funding else None,
    }
    audit = caller.audit(
        "updateCompoundGovernance", x.compound_id, **{k: v for k, v in detail.items() if v is not None}
    )
    return await graph.write(work, audit)


async def set_party_organization(
    graph: Graph, caller: Caller, cmd: rules.PartyOrgInput
) -> rules.PartyOrganization:
    await authorize(graph, caller, Action.EDIT_GRID, Label.Compound, cmd.compound_id)
    x = cmd.checked()
    org_id = x.id or ""

    async def work(tx: AsyncManagedTransaction) -> rules.PartyOrganization:
        found = await writes.compound_state(tx, x.compound_id)
        if found is None:
            raise not_found("小区", x.compound_id, "compoundId")
        if found.compound.retired_on is not None:
            raise Conflict("compoundId: 小区已撤销", field="compoundId")
        where = await writes.party_org_compound(tx, org_id)
        if where is not None and where != x.compound_id:
            raise Conflict(f"id: 编号为 {org_id} 的党组织属于另一个小区", field="id")
        taken = await writes.kind_taken(tx, x.compound_id, x.kind, org_id)
        if taken is not None:
            raise Conflict(f"kind: 该小区已有{rules.PARTY_ORG_KIND_LABELS[x.kind]}({taken})", field="kind")
        rules.check_wing(x.kind, found.manager_id is not None, found.owners_id is not None, found.has_core)
        return await writes.set_party_org(tx, x)

    audit = caller.audit("setCompoundPartyOrganization", org_id, compoundId=x.compound_id, kind=x.kind.value)
    return await graph.write(work, audit)


async def create_property_issue(graph: Graph, caller: Caller, cmd: rules.NewPropertyIssue) -> str:
    await authorize(graph, caller, Action.RECORD_MEETING, Label.TripartiteOffice, cmd.office_id)
    x = cmd.checked()
    issue_id = x.id or ""

    async def work(tx: AsyncManagedTransaction) -> str:
        existing = await writes.locked_issue(tx, issue_id)
        if existing is not None:
            if (existing.title, existing.office_id) == (x.title, x.office_id):
                return issue_id  # a retry of the same creation
            raise Conflict(f"id: 编号为 {issue_id} 的物业问题已存在(内容不同)", field="id")
        office = await writes.office_state(tx, x.office_id)
        if office is None:
            raise not_found("三联办", x.office_id, "officeId")
        if x.compound_id is not None and x.compound_id not in office[1]:
            raise Conflict("compoundId: 该小区不由这个三联办联系", field="compoundId")
        await writes.create_issue(tx, x, _now(), caller.actor)
        return issue_id

    audit = caller.audit("createPropertyIssue", issue_id, officeId=x.office_id, title=x.title)
    return await graph.write(work, audit)


async def advance_property_issue(graph: Graph, caller: Caller, cmd: rules.IssueAdvance) -> str:
    """The issue's next step (or REJECTED). Asking again for the step the issue is at changes nothing."""
    await authorize(graph, caller, Action.RECORD_MEETING, Label.PropertyIssue, cmd.issue_id)
    x = cmd.checked()

    async def work(tx: AsyncManagedTransaction) -> str:
        issue = await writes.locked_issue(tx, x.issue_id)
        if issue is None:
            raise not_found("物业问题", x.issue_id, "id")
        if issue.step is x.to:
            return x.issue_id  # a retry: already there
        rules.check_step(issue.step, x.to)
        await writes.step(tx, x.issue_id, x.to, _now(), caller.actor, x.note)
        return x.issue_id

    audit = caller.audit("advancePropertyIssue", x.issue_id, to=x.to.value, note=x.note or None)
    return await graph.write(work, audit)


async def record_tripartite_meeting(graph: Graph, caller: Caller, cmd: rules.NewTripartiteMeeting) -> str:
    """The meeting, the issues it discussed, and the steps it took them to: one transaction. A retry with
    the same id returns the meeting recorded first and changes nothing."""
    await authorize(graph, caller, Action.RECORD_MEETING, Label.TripartiteOffice, cmd.office_id)
    m = cmd.checked(caller.today)
    meeting_id = m.id or ""
    at = datetime.combine(m.held_on, time(10), tzinfo=BEIJING)

    async def work(tx: AsyncManagedTransaction) -> str:
        existing = await writes.meeting_state(tx, meeting_id)
        if existing is not None:
            if existing.office_id == m.office_id and existing.held_on == m.held_on:
                return meeting_id
            raise Conflict(f"id: 编号为 {meeting_id} 的会议已存在(内容不同)", field="id")
        office = await writes.office_state(tx, m.office_id)
        if office is None:
            raise not_found("三联办", m.office_id, "officeId")
        paths = []
        for i, mv in enumerate(m.moves):
            field = f"issues[{i}]"
            issue = await writes.locked_issue(tx, mv.issue_id)
            if issue is None:
                raise not_found("物业问题", mv.issue_id, f"{field}.issueId")
            if issue.office_id != m.office_id:
                raise Conflict(f"{field}.issueId: 该问题不由这个三联办办理", field=f"{field}.issueId")
            paths.append((mv, rules.steps_to(issue.step, mv.to, f"{field}.to")))
        await writes.create_meeting(tx, m)
        for mv, path in paths:
            for s in path:
                await writes.step(tx, mv.issue_id, s, at, office[0].name, mv.note or m.topic)
        return meeting_id

    audit = caller.audit(
        "recordTripartiteMeeting", meeting_id, officeId=m.office_id, heldOn=m.held_on.isoformat(),
        issues=",".join(mv.issue_id for mv in m.moves),
    )  # fmt: skip
    return await graph.write(work, audit)
