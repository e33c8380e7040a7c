"""Compounds and 红色物业 (issue #14): who governs a compound, the 三联办 of a community, and the property
issues it handles through the six-step method. Pure: the enums, the entities, the commands with their
checks, and the rules (the order of the six steps, the fallback manager, the red owners' committee,
the order of an office's list: 先急后缓、先易后难).

The six steps belong to property issues (物业问题), not to the ordinary needs of the 需求库:
收集民意 COLLECTED → 党组织提议 PROPOSED → 各方共同商议 DELIBERATED → 会议决议 RESOLVED → 结果公开 PUBLISHED
→ 督促落实 IMPLEMENTING → DONE; an issue not yet done may be REJECTED (with a note saying why).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from orggraph.domain.errors import BadInput, Conflict
from orggraph.domain.model import CompoundKind, Urgency
from orggraph.domain.text import clean_id, clean_text

# ---------------------------------------------------------------- enums


class PartyOrgKind(StrEnum):
    """The core-plus-two-wings system of a compound (一核两翼)."""

    CORE_BRANCH = "CORE_BRANCH"  # 小区党支部: the core
    PROPERTY_BRANCH = "PROPERTY_BRANCH"  # 物业企业党支部: a wing
    OWNERS_BRANCH = "OWNERS_BRANCH"  # 业委会党支部: a wing


PARTY_ORG_KIND_LABELS: dict[PartyOrgKind, str] = {
    PartyOrgKind.CORE_BRANCH: "小区党支部",
    PartyOrgKind.PROPERTY_BRANCH: "物业企业党支部",
    PartyOrgKind.OWNERS_BRANCH: "业委会党支部",
}


class IssueStep(StrEnum):
    """Where a property issue is in the six-step method (六步工作法)."""

    COLLECTED = "COLLECTED"
    PROPOSED = "PROPOSED"
    DELIBERATED = "DELIBERATED"
    RESOLVED = "RESOLVED"
    PUBLISHED = "PUBLISHED"
    IMPLEMENTING = "IMPLEMENTING"
    DONE = "DONE"
    REJECTED = "REJECTED"


ISSUE_STEP_LABELS: dict[IssueStep, str] = {
    IssueStep.COLLECTED: "收集民意",
    IssueStep.PROPOSED: "党组织提议",
    IssueStep.DELIBERATED: "各方共同商议",
    IssueStep.RESOLVED: "会议决议",
    IssueStep.PUBLISHED: "结果公开",
    IssueStep.IMPLEMENTING: "督促落实",
    IssueStep.DONE: "已办结",
    IssueStep.REJECTED: "不予办理",
}

# the method's order; DONE ends it, REJECTED leaves it from any step before DONE
SIX_STEPS: tuple[IssueStep, ...] = (
    IssueStep.COLLECTED,
    IssueStep.PROPOSED,
    IssueStep.DELIBERATED,
    IssueStep.RESOLVED,
    IssueStep.PUBLISHED,
    IssueStep.IMPLEMENTING,
    IssueStep.DONE,
)
OPEN_STEPS: tuple[IssueStep, ...] = SIX_STEPS[:-1]
# the steps a 三联办 meeting can take an issue to (各方共同商议, 会议决议)
MEETING_STEPS: tuple[IssueStep, ...] = (IssueStep.DELIBERATED, IssueStep.RESOLVED)


class Difficulty(StrEnum):
    EASY = "EASY"
    MEDIUM = "MEDIUM"
    HARD = "HARD"


DIFFICULTY_LABELS: dict[Difficulty, str] = {
    Difficulty.EASY: "易",
    Difficulty.MEDIUM: "较难",
    Difficulty.HARD: "难",
}


class TripartiteParty(StrEnum):
    """The three parties of a 三联办."""

    COMMUNITY = "COMMUNITY"  # 社区党组织
    PROPERTY = "PROPERTY"  # 物业企业
    OWNERS = "OWNERS"  # 业主委员会


TRIPARTITE_PARTY_LABELS: dict[TripartiteParty, str] = {
    TripartiteParty.COMMUNITY: "社区党组织",
    TripartiteParty.PROPERTY: "物业企业",
    TripartiteParty.OWNERS: "业主委员会",
}

RED_SHARE = 0.6  # 红色业委会: more than 60% of the owners' committee are party members
MAX_FUNDING = 100_000_000  # yuan a year, per source
MAX_MEMBERS = 1_000
MAX_REPRESENTATIVES = 1_000
MAX_ITEMS = 50

# ---------------------------------------------------------------- entities


@dataclass(frozen=True)
class FallbackFunding:
    """Where the money of a compound under fallback management (兜底) comes from, in yuan a year: the
    四个一点 — 居民交一点、市场化运营增收一点、项目资金整合一点、政府补贴一点."""

    residents: int
    market: int
    projects: int
    subsidy: int

    @property
    def total(self) -> int:
        return self.residents + self.market + self.projects + self.subsidy


@dataclass(frozen=True)
class CompoundGovernance:
    """What a compound node holds about its governance."""

    compound_id: str
    fee_collection_rate: float | None
    fee_measured_on: date | None
    demonstration: bool
    funding: FallbackFunding | None


@dataclass(frozen=True)
class OwnersCommittee:
    """A compound's owners' committee (业主委员会): a Unit of kind OWNERS_COMMITTEE."""

    id: str
    name: str
    members: int
    party_members: int
    source: str

    @property
    def party_share(self) -> float | None:
        return party_share(self.members, self.party_members)

    @property
    def red(self) -> bool:
        return is_red(self.members, self.party_members)


@dataclass(frozen=True)
class PartyOrganization:
    id: str
    kind: PartyOrgKind
    name: str
    members: int
    compound_id: str
    source: str = ""


@dataclass(frozen=True)
class TripartiteOffice:
    """三联办: a community's party organisation, a property company and an owners' committee, for one or
    more compounds of the community."""

    id: str
    name: str
    community_id: str
    since: date | None
    source: str = ""


@dataclass(frozen=True)
class TripartiteMeeting:
    id: str
    office_id: str
    held_on: date
    topic: str
    parties: tuple[TripartiteParty, ...]
    resident_representatives: int
    decisions: tuple[str, ...]
    source: str = ""


@dataclass(frozen=True)
class IssueStepRecord:
    """One step of a property issue: to which step, when, by whom, why."""

    step: IssueStep
    at: datetime
    by: str
    note: str


@dataclass(frozen=True)
class PropertyIssue:
    id: str
    title: str
    description: str
    step: IssueStep
    urgency: Urgency
    difficulty: Difficulty
    office_id: str
    compound_id: str | None
    raised_on: date
    done_on: date | None
    source: str = ""


# ---------------------------------------------------------------- rules


def party_share(members: int, party_members: int) -> float | None:
    return party_members / members if members > 0 else None


def is_red(members: int, party_members: int) -> bool:
    """红色业委会: party members are more than 60% of the committee."""
    share = party_share(members, party_members)
    return share is not None and share > RED_SHARE


def check_manager(kind: CompoundKind, manager_non_profit: bool, field: str = "propertyCompanyId") -> None:
    """A no-property compound is managed only by a street's non-profit company (兜底), and such a
    company manages only no-property compounds."""
    if kind is CompoundKind.NO_PROPERTY and not manager_non_profit:
        raise Conflict(f"{field}: 无物业小区只能由街道非营利物业公司兜底管理", field=field)
    if kind is not CompoundKind.NO_PROPERTY and manager_non_profit:
        raise Conflict(f"{field}: 街道非营利物业公司只兜底管理无物业小区", field=field)


def check_step(current: IssueStep, to: IssueStep, field: str = "to") -> None:
    """The six steps are taken in order, one at a time; REJECTED from any step before DONE; DONE and
    REJECTED end the issue. Taking the step the issue is at is refused too (a retry goes by clientId)."""
    if current in (IssueStep.DONE, IssueStep.REJECTED):
        raise Conflict(f"{field}: 问题已{ISSUE_STEP_LABELS[current]},不能再推进", field=field)
    if to is IssueStep.REJECTED:
        return
    if to not in SIX_STEPS or SIX_STEPS.index(to) != SIX_STEPS.index(current) + 1:
        nxt = SIX_STEPS[SIX_STEPS.index(current) + 1]
        raise Conflict(
            f"{field}: 六步工作法须按顺序推进:{ISSUE_STEP_LABELS[current]}之后是{ISSUE_STEP_LABELS[nxt]}",
            field=field,
        )


def steps_to(current: IssueStep, to: IssueStep, field: str = "to") -> tuple[IssueStep, ...]:
    """The steps a meeting takes an issue through to reach `to` (DELIBERATED or RESOLVED): a meeting
    deliberates what the party organisation proposed, and may resolve in the same sitting. An issue
    already at `to` or past it is refused."""
    if to not in MEETING_STEPS:
        raise BadInput(f"{field}: 会议只能把问题推进到各方共同商议或会议决议", field=field)
    path: list[IssueStep] = []
    at = current
    while at is not to:
        nxt = SIX_STEPS[SIX_STEPS.index(at) + 1] if at in OPEN_STEPS else None
        if nxt is None or nxt not in MEETING_STEPS:
            check_step(at, to, field)  # raises: the issue is not where a meeting can take it
            raise AssertionError("unreachable")
        path.append(nxt)
        at = nxt
    return tuple(path)


_URGENCY_ORDER = {Urgency.URGENT: 0, Urgency.HIGH: 1, Urgency.NORMAL: 2, Urgency.LOW: 3}
_DIFFICULTY_ORDER = {Difficulty.EASY: 0, Difficulty.MEDIUM: 1, Difficulty.HARD: 2}


def priority(issue: PropertyIssue) -> tuple[int, int, int, date, str]:
    """先急后缓、先易后难: open issues first, then the most urgent, then the easiest, then the oldest."""
    closed = issue.step in (IssueStep.DONE, IssueStep.REJECTED)
    return (
        1 if closed else 0,
        _URGENCY_ORDER.get(issue.urgency, 2),
        _DIFFICULTY_ORDER[issue.difficulty],
        issue.raised_on,
        issue.id,
    )


# ---------------------------------------------------------------- commands


def _count(value: int | None, field: str, top: int) -> int | None:
    if value is not None and not 0 <= value <= top:
        raise BadInput(f"{field}: 应在 0 到 {top} 之间", field=field)
    return value


def _not_after(value: date, today: date, field: str, what: str) -> None:
    if value > today:
        raise BadInput(f"{field}: {what}不能晚于今天", field=field)


@dataclass(frozen=True)
class FundingInput:
    residents: int
    market: int
    projects: int
    subsidy: int

    def checked(self) -> FallbackFunding:
        for name in ("residents", "market", "projects", "subsidy"):
            _count(getattr(self, name), f"fallbackFunding.{name}", MAX_FUNDING)
        return FallbackFunding(self.residents, self.market, self.projects, self.subsidy)


@dataclass(frozen=True)
class OwnersCommitteeInput:
    name: str
    members: int
    party_members: int

    def checked(self) -> OwnersCommitteeInput:
        name = clean_text(self.name, "ownersCommittee.name", max_len=120) or ""
        _count(self.members, "ownersCommittee.members", MAX_MEMBERS)
        _count(self.party_members, "ownersCommittee.partyMembers", MAX_MEMBERS)
        if self.members < 1:
            raise BadInput("ownersCommittee.members: 业委会至少 1 人", field="ownersCommittee.members")
        if self.party_members > self.members:
            raise BadInput(
                "ownersCommittee.partyMembers: 党员人数不能多于委员人数", field="ownersCommittee.partyMembers"
            )
        return replace(self, name=name)


@dataclass(frozen=True)
class GovernanceChanges:
    """What a caller changes about a compound's governance; None leaves it as it is."""

    compound_id: str
    property_company_id: str | None = None
    owners_committee: OwnersCommitteeInput | None = None
    fee_collection_rate: float | None = None
    fee_measured_on: date | None = None
    demonstration: bool | None = None
    funding: FundingInput | None = None

    def checked(self, today: date) -> tuple[GovernanceChanges, FallbackFunding | None]:
        cid = clean_id(self.compound_id, "compoundId")
        pid = clean_id(self.property_company_id, "propertyCompanyId") if self.property_company_id else None
        if self.fee_collection_rate is not None and not 0 <= self.fee_collection_rate <= 1:
            raise BadInput("feeCollectionRate: 收缴率应在 0 到 1 之间", field="feeCollectionRate")
        if (self.fee_collection_rate is None) != (self.fee_measured_on is None):
            field = "feeMeasuredOn" if self.fee_measured_on is None else "feeCollectionRate"
            raise BadInput(f"{field}: 收缴率和统计日期须同时填写", field=field)
        if self.fee_measured_on is not None:
            _not_after(self.fee_measured_on, today, "feeMeasuredOn", "统计日期")
        owners = self.owners_committee.checked() if self.owners_committee else None
        funding = self.funding.checked() if self.funding else None
        if all(v is None for v in (pid, owners, self.fee_collection_rate, self.demonstration, funding)):
            raise BadInput("compoundId: 没有要修改的内容", field="compoundId")
        return replace(self, compound_id=cid, property_company_id=pid, owners_committee=owners), funding


@dataclass(frozen=True)
class PartyOrgInput:
    """Add a party organisation to a compound, or update it (same id)."""

    compound_id: str
    kind: PartyOrgKind
    name: str
    members: int
    id: str | None = None

    def checked(self) -> PartyOrgInput:
        cid = clean_id(self.compound_id, "compoundId")
        org_id = clean_id(self.id, "id") if self.id else f"{cid}-{self.kind.value.lower().replace('_', '-')}"
        name = clean_text(self.name, "name", max_len=120) or ""
        _count(self.members, "members", MAX_MEMBERS)
        if self.members < 3:
            raise BadInput("members: 党支部至少 3 名党员", field="members")
        return replace(self, compound_id=cid, id=org_id, name=name)


@dataclass(frozen=True)
class IssueMove:
    """A meeting takes an issue it discussed to DELIBERATED or RESOLVED."""

    issue_id: str
    to: IssueStep
    note: str = ""


@dataclass(frozen=True)
class NewTripartiteMeeting:
    office_id: str
    held_on: date
    topic: str
    parties: tuple[TripartiteParty, ...]
    resident_representatives: int
    decisions: tuple[str, ...] = ()
    moves: tuple[IssueMove, ...] = ()
    id: str | None = None  # made from clientId or the office and the day when not given

    def checked(self, today: date) -> NewTripartiteMeeting:
        office = clean_id(self.office_id, "officeId")
        meeting_id = clean_id(self.id, "id") if self.id else f"{office}-{self.held_on.isoformat()}"
        _not_after(self.held_on, today, "heldOn", "会议日期")
        topic = clean_text(self.topic, "topic", max_len=200) or ""
        if not self.parties:
            raise BadInput("parties: 至少一方参加", field="parties")
        _count(self.resident_representatives, "residentRepresentatives", MAX_REPRESENTATIVES)
        if len(self.decisions) > MAX_ITEMS:
            raise BadInput(f"decisions: 最多 {MAX_ITEMS} 项", field="decisions")
        if len(self.moves) > MAX_ITEMS:
            raise BadInput(f"issues: 最多 {MAX_ITEMS} 项", field="issues")
        decisions = tuple(
            clean_text(d, f"decisions[{i}]", max_len=500) or "" for i, d in enumerate(self.decisions)
        )
        moves = []
        seen: set[str] = set()
        for i, mv in enumerate(self.moves):
            iid = clean_id(mv.issue_id, f"issues[{i}].issueId")
            if iid in seen:
                raise BadInput(f"issues[{i}].issueId: 同一问题只能出现一次", field=f"issues[{i}].issueId")
            seen.add(iid)
            if mv.to not in MEETING_STEPS:
                raise BadInput(
                    f"issues[{i}].to: 会议只能把问题推进到各方共同商议或会议决议", field=f"issues[{i}].to"
                )
            note = clean_text(mv.note, f"issues[{i}].note", max_len=500, min_len=0) or ""
            moves.append(IssueMove(iid, mv.to, note))
        return replace(
            self,
            office_id=office,
            id=meeting_id,
            topic=topic,
            parties=tuple(dict.fromkeys(self.parties)),
            decisions=decisions,
            moves=tuple(moves),
        )


@dataclass(frozen=True)
class NewPropertyIssue:
    office_id: str
    title: str
    description: str
    urgency: Urgency
    difficulty: Difficulty
    compound_id: str | None = None
    id: str | None = None

    def checked(self) -> NewPropertyIssue:
        from orggraph.domain.commands import new_id

        return replace(
            self,
            office_id=clean_id(self.office_id, "officeId"),
            compound_id=clean_id(self.compound_id, "compoundId") if self.compound_id else None,
            title=clean_text(self.title, "title", max_len=120) or "",
            description=clean_text(self.description, "description", max_len=2000, min_len=0) or "",
            id=clean_id(self.id, "id") if self.id else new_id("issue"),
        )


@dataclass(frozen=True)
class IssueAdvance:
    issue_id: str
    to: IssueStep
    note: str = ""

    def checked(self) -> IssueAdvance:
        note = clean_text(self.note, "note", max_len=500, min_len=0) or ""
        if self.to is IssueStep.REJECTED and not note:
            raise BadInput("note: 不予办理须说明理由", field="note")
        return replace(self, issue_id=clean_id(self.issue_id, "id"), note=note)


def check_wing(
    kind: PartyOrgKind,
    has_manager: bool,
    has_owners_committee: bool,
    has_core: bool = True,
    field: str = "kind",
) -> None:
    """A wing stands beside the core and on what it organises: a property-company branch needs the
    compound's core branch and its property company, an owners'-committee branch the core branch and
    its owners' committee."""
    if kind is not PartyOrgKind.CORE_BRANCH and not has_core:
        raise Conflict(f"{field}: 小区还没有小区党支部(核心),不能先建两翼", field=field)
    if kind is PartyOrgKind.PROPERTY_BRANCH and not has_manager:
        raise Conflict(f"{field}: 小区没有物业企业,不能建物业企业党支部", field=field)
    if kind is PartyOrgKind.OWNERS_BRANCH and not has_owners_committee:
        raise Conflict(f"{field}: 小区没有业主委员会,不能建业委会党支部", field=field)
