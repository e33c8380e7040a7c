"""Compounds and 红色物业 in the demo and the synthetic graphs (issue #14), per 23 communities:

- 89 no-property compounds (「輪班包保89個無物業小區」), every one managed (兜底) by its street's non-profit
  property company with the 四个一点 funding mix (yuan a year); the compounds the main generator drew are
  topped up with small no-property ones, placed like the others (whole compounds in grids of 300-500
  households), drawn from a random generator of their own so that nothing drawn before changes;
- 85 compound party organisations in the core-plus-two-wings system: 50 core branches (the compounds with
  `hasPartyBranch`), 20 property-company branches and 15 owners'-committee branches as wings;
- 40 owners' committees on compounds with a property company, 12 of them red (more than 60% party
  members); the compounds with all three organisations, a red committee and at least 80% of the fees
  collected are 红色示范小区;
- a 三联办 in every community; 曙光社区's serves 河畔家园 (fee collection under 30%) and met 17 times,
  weekly, from March to June 2022; the others met monthly from 2021 to mid-2022;
- 163 property issues solved (DONE) in 2021, the article's "last year" (the demo's meetings start in
  2021, as load._solved_problems counts it), each through the six steps and discussed at a meeting;
  others in earlier steps in 2022, and a few rejected.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Any

from orggraph.domain.compounds import SIX_STEPS, Difficulty, IssueStep, PartyOrgKind, TripartiteParty
from orggraph.domain.model import CompoundKind, Urgency
from orggraph.seeding import records

if TYPE_CHECKING:
    from orggraph.seeding.generate import Plan

BEIJING = timezone(timedelta(hours=8))
DEMO_COMMUNITIES = 23
PER_23 = {
    "no_property": 89,
    "core_branches": 50,
    "property_branches": 20,
    "owners_branches": 15,
    "owners_committees": 40,
    "red_committees": 12,
    "solved_last_year": 163,
}
LAST_YEAR = 2021  # the article (2022-07-29): 「去年」; the demo's first year of meetings
HEPAN = "compound-hepan-jiayuan"
HEPAN_MEETINGS = 17
HEPAN_FIRST_MEETING = date(2022, 3, 4)  # then weekly: the 17th on 2022-06-24
HEPAN_FEE_RATE = 0.28
MEASURED_ON = date(2022, 6, 30)
DEMONSTRATION_FEE_RATE = 0.8  # a 红色示范小区: all three organisations, a red committee, fees collected
ISSUE_TITLES = (
    "路灯损坏", "楼道堆放杂物", "电动车违规充电", "消防通道被占用", "化粪池堵塞", "绿化带被毁种菜",
    "门禁损坏", "二次供水水箱清洗", "停车位划线", "垃圾分类亭设置", "外墙脱落隐患", "雨污管网改造",
    "监控设备更新", "屋面漏水维修", "健身器材维修", "物业费收缴",
)  # fmt: skip
HEPAN_ISSUES = (
    ("物业费收缴率不到三成", Urgency.URGENT, Difficulty.HARD, IssueStep.IMPLEMENTING),
    ("消防通道被私家车占用", Urgency.URGENT, Difficulty.EASY, IssueStep.DONE),
    ("地下车库积水", Urgency.HIGH, Difficulty.MEDIUM, IssueStep.DONE),
    ("楼道堆放杂物", Urgency.HIGH, Difficulty.EASY, IssueStep.DONE),
    ("电动车集中充电桩建设", Urgency.HIGH, Difficulty.MEDIUM, IssueStep.PUBLISHED),
    ("小区门禁损坏", Urgency.NORMAL, Difficulty.EASY, IssueStep.RESOLVED),
    ("公共收益公开", Urgency.NORMAL, Difficulty.MEDIUM, IssueStep.DELIBERATED),
    ("绿化补植", Urgency.LOW, Difficulty.EASY, IssueStep.PROPOSED),
    ("增设快递柜", Urgency.LOW, Difficulty.EASY, IssueStep.COLLECTED),
)


def scaled(key: str, communities: int) -> int:
    return round(PER_23[key] * communities / DEMO_COMMUNITIES)


def _at(d: date, hour: int = 10) -> datetime:
    return datetime.combine(d, time(hour), tzinfo=BEIJING)


# ---------------------------------------------------------------- the no-property compounds


def top_up(
    seed: int,
    communities: list[str],
    grids: list[records.Grid],
    compounds: list[records.Compound],
    non_profit_of_community: dict[str, str | None],
    source: records.Source,
    id_prefix: str = "",
) -> tuple[list[records.Grid], list[records.Compound]]:
    """Small no-property compounds added until there are scaled("no_property") of them, each in the
    grid of its community with the most room (a grid holds at most 500 households), the grid raised
    to its compounds' households where they are more than it had."""
    rng = random.Random(seed * 31 + 14)
    wanted = scaled("no_property", len(communities)) - sum(
        1 for c in compounds if c.kind is CompoundKind.NO_PROPERTY
    )
    if wanted <= 0:
        return grids, compounds
    held: dict[str, int] = {g.id: 0 for g in grids}
    for c in compounds:
        held[c.grid_id] += c.households
    grids_of: dict[str, list[str]] = {}
    for g in grids:
        grids_of.setdefault(g.community_id, []).append(g.id)
    added: list[records.Compound] = []
    for i in range(wanted):
        community = communities[(i * 5) % len(communities)]
        households = rng.randint(60, 160)
        grid_id = min(grids_of[community], key=lambda g: (held[g], g))
        if held[grid_id] + households > 500:
            households = max(20, 500 - held[grid_id])
        held[grid_id] += households
        added.append(
            records.Compound(
                id=f"{id_prefix}compound-np-{i + 1:05d}",
                name=f"{community.removeprefix('comm-')}老旧小区{i + 1}号院"
                if source == "synthetic"
                else f"{_street_words(i)}{i + 1}号院",
                source=source,
                grid_id=grid_id,
                kind=CompoundKind.NO_PROPERTY,
                households=households,
                property_company_id=non_profit_of_community.get(community),
            )
        )
    raised = [g.model_copy(update={"households": max(g.households, held[g.id])}) for g in grids]
    return raised, compounds + added


_LANES = (
    "健康路",
    "建设路",
    "人民路",
    "天康大道",
    "广陵路",
    "千秋路",
    "仁和路",
    "团结路",
    "经四路",
    "经五路",
)


def _street_words(i: int) -> str:
    return _LANES[i % len(_LANES)]


# ---------------------------------------------------------------- governance


def governance(
    seed: int,
    communities: list[tuple[str, str]],  # (id, name)
    grids: list[records.Grid],
    compounds: list[records.Compound],
    units: list[records.Unit],
    source: records.Source,
) -> records.CompoundSeed:
    rng = random.Random(seed * 37 + 14)
    n = len(communities)
    unit_of = {u.id: u for u in units}
    community_of_grid = {g.id: g.community_id for g in grids}
    by_id = {c.id: c for c in compounds}
    person_source: records.Source = "illustrative" if source != "synthetic" else source

    # owners' committees: compounds with a commercial company, the core-branch ones first (河畔家园 first)
    managed = [c for c in compounds if c.kind is not CompoundKind.NO_PROPERTY and c.property_company_id]
    managed.sort(key=lambda c: (c.id != HEPAN, not c.has_party_branch))
    with_committee = managed[: scaled("owners_committees", n)]
    committees: list[records.OwnersCommittee] = []
    core = [c for c in compounds if c.has_party_branch]
    owners_wing_ids = [c.id for c in with_committee if c.has_party_branch][: scaled("owners_branches", n)]
    red_ids = set(owners_wing_ids[: scaled("red_committees", n)])
    for c in with_committee:
        members = rng.randint(5, 9)
        share = rng.uniform(0.62, 0.85) if c.id in red_ids else rng.uniform(0.15, 0.55)
        committees.append(
            records.OwnersCommittee(
                id=f"{c.id}-owners",
                name=f"{c.name}业主委员会",
                source=person_source,
                compound_id=c.id,
                members=members,
                party_members=min(members, max(0, round(members * share))),
            )
        )
    # make the red ones red by the rule (more than 60%), whatever the rounding did
    committees = [
        oc.model_copy(update={"party_members": max(oc.party_members, oc.members * 6 // 10 + 1)})
        if oc.compound_id in red_ids
        else oc.model_copy(update={"party_members": min(oc.party_members, oc.members * 6 // 10)})
        for oc in committees
    ]
    # party organisations: a core branch in each hasPartyBranch compound, then the two wings
    orgs: list[records.PartyOrganization] = []
    for c in core:
        orgs.append(_org(c, PartyOrgKind.CORE_BRANCH, f"{c.name}小区党支部", rng, person_source))
    owners_wings = set(owners_wing_ids)
    property_wing_ids = [c.id for c in core if c.id in owners_wings and c.property_company_id]
    property_wing_ids += [c.id for c in core if c.id not in owners_wings and c.property_company_id]
    property_wings = set(property_wing_ids[: scaled("property_branches", n)])
    for c in core:
        if c.id in property_wings:
            company = unit_of[c.property_company_id or ""].name
            orgs.append(_org(c, PartyOrgKind.PROPERTY_BRANCH, f"{company}{c.name}党支部", rng, person_source))
    for c in core:
        if c.id in owners_wings:
            orgs.append(_org(c, PartyOrgKind.OWNERS_BRANCH, f"{c.name}业委会党支部", rng, person_source))
    # fee rates, funding, demonstration
    demonstration = {c for c in owners_wings & property_wings if c in red_ids}
    gov: list[records.CompoundGovernance] = []
    for c in compounds:
        if c.property_company_id is None:
            continue
        funding = None
        if c.kind is CompoundKind.NO_PROPERTY:
            rate = round(rng.uniform(0.45, 0.8), 2)
            funding = records.Funding(
                residents=c.households * 120,  # 10 yuan a household a month
                market=rng.randrange(5000, 30001, 1000),
                projects=rng.randrange(10000, 50001, 1000),
                subsidy=rng.randrange(20000, 80001, 1000),
            )
        else:
            rate = round(rng.uniform(0.7, 0.98), 2)
        if c.id == HEPAN:
            rate = HEPAN_FEE_RATE
        gov.append(
            records.CompoundGovernance(
                compound_id=c.id,
                fee_collection_rate=rate,
                fee_measured_on=date(2022, 3, 1) if c.id == HEPAN else MEASURED_ON,
                demonstration=c.id in demonstration and rate >= DEMONSTRATION_FEE_RATE,
                funding=funding,
            )
        )
    offices, meetings, issues = _offices(
        rng, communities, community_of_grid, compounds, committees, by_id, source
    )
    return records.CompoundSeed(
        owners_committees=committees,
        party_organizations=orgs,
        governance=gov,
        offices=offices,
        meetings=meetings,
        issues=issues,
    )


def _org(
    c: records.Compound, kind: PartyOrgKind, name: str, rng: random.Random, source: records.Source
) -> records.PartyOrganization:
    return records.PartyOrganization(
        id=f"{c.id}-{kind.value.lower().replace('_', '-')}",
        name=name,
        source=source,
        compound_id=c.id,
        kind=kind,
        members=rng.randint(3, 15),
    )


# ---------------------------------------------------------------- 三联办, meetings, issues

ALL_PARTIES = [TripartiteParty.COMMUNITY, TripartiteParty.PROPERTY, TripartiteParty.OWNERS]


def _offices(
    rng: random.Random,
    communities: list[tuple[str, str]],
    community_of_grid: dict[str, str],
    compounds: list[records.Compound],
    committees: list[records.OwnersCommittee],
    by_id: dict[str, records.Compound],
    source: records.Source,
) -> tuple[list[records.TripartiteOffice], list[records.TripartiteMeeting], list[records.PropertyIssue]]:
    with_committee = {oc.compound_id for oc in committees}
    served: dict[str, list[str]] = {}
    fallback: dict[str, str] = {}
    for c in compounds:
        cid = community_of_grid[c.grid_id]
        if c.id in with_committee:
            served.setdefault(cid, []).append(c.id)
        elif c.property_company_id and cid not in fallback:
            fallback[cid] = c.id
    offices: list[records.TripartiteOffice] = []
    meetings: list[records.TripartiteMeeting] = []
    issues: list[records.PropertyIssue] = []
    regular = [
        (cid, name)
        for cid, name in communities
        if (served.get(cid) or fallback.get(cid)) and not _hepan(served, cid)
    ]
    solved = iter(_spread(scaled("solved_last_year", len(communities)), len(regular)))
    for cid, name in communities:
        compound_ids = sorted(served.get(cid) or ([fallback[cid]] if cid in fallback else []))
        if not compound_ids:
            continue
        office_id = f"{cid}-tripartite"
        hepan = HEPAN in compound_ids
        if hepan:
            compound_ids = [HEPAN] + [x for x in compound_ids if x != HEPAN]
        office = records.TripartiteOffice(
            id=office_id,
            name=f"{name}三联办",
            source="article" if hepan else ("illustrative" if source != "synthetic" else source),
            community_id=cid,
            compound_ids=compound_ids,
            since=date(2022, 3, 1) if hepan else date(LAST_YEAR, 1, 1),
        )
        offices.append(office)
        if hepan:
            m, i = _hepan_office(office, by_id[HEPAN].name, source)
        else:
            m, i = _regular_office(rng, office, [by_id[x] for x in compound_ids], next(solved), source)
        meetings += m
        issues += i
    return offices, meetings, issues


def _hepan(served: dict[str, list[str]], cid: str) -> bool:
    return HEPAN in served.get(cid, [])


def _spread(total: int, n: int) -> list[int]:
    if n <= 0:
        return []
    base, extra = divmod(total, n)
    return [base + (1 if i < extra else 0) for i in range(n)]


def _history(by: str, steps: list[tuple[IssueStep, date, str]]) -> list[records.IssueStepRecord]:
    # built by this module from valid values: constructed without validation (the 100x graph has
    # some 160,000 steps); the bundle is validated as a whole before it is loaded
    return [
        records.IssueStepRecord.model_construct(step=s, at=_at(d), by=by, note=note) for s, d, note in steps
    ]


def _path(to: IssueStep, collected: date, meeting: date, done_in: int) -> list[tuple[IssueStep, date, str]]:
    """The six steps up to `to`: proposed three days after collecting, deliberated and resolved at the
    meeting, published two days later, implementing from the next day, done `done_in` days after."""
    dates = {
        IssueStep.COLLECTED: (collected, "居民反映"),
        IssueStep.PROPOSED: (min(collected + timedelta(days=3), meeting), "小区党支部提议上会"),
        IssueStep.DELIBERATED: (meeting, "三方共同商议"),
        IssueStep.RESOLVED: (meeting, "会议形成决议"),
        IssueStep.PUBLISHED: (meeting + timedelta(days=2), "决议在小区公示栏公开"),
        IssueStep.IMPLEMENTING: (meeting + timedelta(days=3), "社区督促物业落实"),
        IssueStep.DONE: (meeting + timedelta(days=3 + done_in), "办结,居民认可"),
    }
    order = list(dates)
    upto = order.index(to) if to in order else order.index(IssueStep.PROPOSED)
    steps = [(s, *dates[s]) for s in order[: upto + 1]]
    if to is IssueStep.REJECTED:
        steps.append((IssueStep.REJECTED, meeting, "经商议不属于物业服务范围,转交相关部门"))
    return steps


def _hepan_office(
    office: records.TripartiteOffice, compound_name: str, source: records.Source
) -> tuple[list[records.TripartiteMeeting], list[records.PropertyIssue]]:
    days = [HEPAN_FIRST_MEETING + timedelta(weeks=k) for k in range(HEPAN_MEETINGS)]
    issues: list[records.PropertyIssue] = []
    discussed: dict[date, list[str]] = {}
    for k, (title, urgency, difficulty, step) in enumerate(HEPAN_ISSUES):
        meeting = days[min(2 * k + 1, len(days) - 1)] if step is not IssueStep.DONE else days[k]
        collected = meeting - timedelta(days=5)
        iid = f"{office.id}-issue-{k + 1:03d}"
        if step in (IssueStep.COLLECTED, IssueStep.PROPOSED):
            history = _path(step, collected, meeting, 0)
        else:
            history = _path(step, collected, meeting, 14)
            discussed.setdefault(meeting, []).append(iid)
        issues.append(
            records.PropertyIssue.model_construct(
                id=iid,
                office_id=office.id,
                compound_id=HEPAN,
                title=f"{compound_name}{title}",
                description=f"{compound_name}居民反映:{title}。",
                urgency=urgency,
                difficulty=difficulty,
                history=_history(office.name, history),
                source=source if source == "synthetic" else "illustrative",
            )
        )
    titles = {i.id: i.title for i in issues}
    meetings = [
        records.TripartiteMeeting.model_construct(
            id=f"{office.id}-{d.isoformat()}",
            office_id=office.id,
            held_on=d,
            topic=f"{compound_name}物业服务周例会(第{k + 1}次)",
            parties=ALL_PARTIES,
            resident_representatives=5 + k % 4,
            decisions=[f"{titles[i]}:三方议定由物业限期整改,社区督促落实" for i in discussed.get(d, [])],
            issue_ids=discussed.get(d, []),
            source=source if source == "synthetic" else "illustrative",
        )
        for k, d in enumerate(days)
    ]
    return meetings, issues


def _regular_office(
    rng: random.Random,
    office: records.TripartiteOffice,
    compounds: list[records.Compound],
    solved: int,
    source: records.Source,
) -> tuple[list[records.TripartiteMeeting], list[records.PropertyIssue]]:
    """Monthly meetings from January 2021 to June 2022; `solved` issues done in 2021; two issues in
    earlier steps in 2022 and one rejected."""
    src: records.Source = source if source == "synthetic" else "illustrative"
    days = [date(LAST_YEAR + (m // 12), m % 12 + 1, 15) for m in range(18)]
    discussed: dict[date, list[str]] = {}
    issues: list[records.PropertyIssue] = []

    def add(k: int, step: IssueStep, meeting: date, done_in: int) -> None:
        c = compounds[k % len(compounds)]
        title = ISSUE_TITLES[rng.randrange(len(ISSUE_TITLES))]
        iid = f"{office.id}-issue-{k + 1:03d}"
        collected = meeting - timedelta(days=rng.randint(4, 12))
        history = _path(step, collected, meeting, done_in)
        if step not in (IssueStep.COLLECTED, IssueStep.PROPOSED):
            discussed.setdefault(meeting, []).append(iid)
        issues.append(
            records.PropertyIssue.model_construct(
                id=iid,
                office_id=office.id,
                compound_id=c.id,
                title=f"{c.name}{title}",
                description=f"{c.name}居民反映:{title},请物业和业委会协商解决。",
                urgency=rng.choices(list(Urgency), weights=(2, 5, 2, 1))[0],
                difficulty=rng.choices(list(Difficulty), weights=(5, 3, 2))[0],
                history=_history(office.name, history),
                source=src,
            )
        )

    # solved last year: spread over the meetings of January to November, done within 30 days
    for k in range(solved):
        add(k, IssueStep.DONE, days[k % 11], rng.randint(5, 25))
    later = (IssueStep.COLLECTED, IssueStep.RESOLVED, IssueStep.IMPLEMENTING, IssueStep.PUBLISHED)
    for j in range(2):
        add(solved + j, later[(solved + j) % len(later)], days[15 + j], 0)
    add(solved + 2, IssueStep.REJECTED, days[14], 0)
    titles = {i.id: i.title for i in issues}
    meetings = [
        records.TripartiteMeeting.model_construct(
            id=f"{office.id}-{d.isoformat()}",
            office_id=office.id,
            held_on=d,
            topic=f"{office.name}{d.year}年{d.month}月例会",
            parties=ALL_PARTIES,
            resident_representatives=rng.randint(3, 8),
            decisions=[f"{titles[i]}:三方议定由物业限期整改,社区督促落实" for i in discussed.get(d, [])],
            issue_ids=discussed.get(d, []),
            source=src,
        )
        for d in days
    ]
    return meetings, issues


# ---------------------------------------------------------------- the one call from generate.build


def red_property(
    plan: Plan,
    seed: int,
    grids: list[records.Grid],
    compounds: list[records.Compound],
    units: list[records.Unit],
) -> tuple[list[records.Grid], list[records.Compound], records.CompoundSeed]:
    """The no-property compounds topped up, and the compounds' governance, 三联办, meetings and issues."""
    pairs = [(s, c) for s in plan.streets for c in s.communities]
    non_profit = [u.id for u in units if u.non_profit]
    street_company = (
        {s.id: non_profit[k % len(non_profit)] for k, s in enumerate(plan.streets)} if non_profit else {}
    )
    of_community: dict[str, str | None] = {c.id: street_company.get(s.id) for s, c in pairs}
    grids, compounds = top_up(
        seed, [c.id for _, c in pairs], grids, compounds, of_community, plan.source, plan.id_prefix
    )
    made = governance(seed, [(c.id, c.name) for _, c in pairs], grids, compounds, units, plan.source)
    return grids, compounds, made


# ---------------------------------------------------------------- the loader's steps


def load_steps(seed: records.CompoundSeed) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """(step name, Cypher, rows) for load.steps, after everything else."""
    from orggraph.graph import compound_seed_cypher as q

    def props(r: records.Record, *exclude: str) -> dict[str, Any]:
        data = r.model_dump(mode="python", by_alias=True, exclude=set(exclude))
        return {k: v for k, v in data.items() if v is not None}

    def gov(g: records.CompoundGovernance) -> dict[str, Any]:
        out: dict[str, Any] = {"demonstration": g.demonstration}
        if g.fee_collection_rate is not None:
            out |= {"feeCollectionRate": g.fee_collection_rate, "feeMeasuredOn": g.fee_measured_on}
        if g.funding is not None:
            f = g.funding
            out |= {"fundingResidents": f.residents, "fundingMarket": f.market,
                    "fundingProjects": f.projects, "fundingSubsidy": f.subsidy}  # fmt: skip
        return out

    def issue(i: records.PropertyIssue) -> dict[str, Any]:
        last = i.history[-1]
        return {
            "id": i.id,
            "title": i.title,
            "description": i.description,
            "urgency": i.urgency.value,
            "difficulty": i.difficulty.value,
            "source": i.source,
            "step": last.step.value,
            "raisedOn": i.history[0].at.date(),
            "doneOn": last.at.date() if last.step is IssueStep.DONE else None,
            "stepNames": [h.step.value for h in i.history],
            "stepAts": [h.at for h in i.history],
            "stepBys": [h.by for h in i.history],
            "stepNotes": [h.note for h in i.history],
        }

    return [
        ("业主委员会", q.OWNERS_COMMITTEES, [
            {"id": o.id, "compoundId": o.compound_id, "props": props(o, "compound_id")}
            for o in seed.owners_committees]),
        ("小区党组织", q.PARTY_ORGANIZATIONS, [
            {"id": o.id, "compoundId": o.compound_id, "props": props(o, "compound_id")}
            for o in seed.party_organizations]),
        ("小区治理", q.GOVERNANCE, [{"compoundId": g.compound_id, "props": gov(g)} for g in seed.governance]),
        ("三联办", q.OFFICES, [
            {"id": o.id, "communityId": o.community_id, "compoundIds": o.compound_ids,
             "props": props(o, "community_id", "compound_ids")} for o in seed.offices]),
        ("三联办会议", q.MEETINGS, [
            {"id": m.id, "officeId": m.office_id,
             "props": {"heldOn": m.held_on, "topic": m.topic, "parties": [p.value for p in m.parties],
                       "residentRepresentatives": m.resident_representatives, "decisions": m.decisions,
                       "source": m.source}}
            for m in seed.meetings]),
        ("物业问题", q.ISSUES, [
            {"id": i.id, "officeId": i.office_id, "compoundId": i.compound_id, "props": issue(i)}
            for i in seed.issues]),
        ("三联办会议议题", q.DISCUSSED, [
            {"meetingId": m.id, "issueIds": m.issue_ids} for m in seed.meetings if m.issue_ids]),
    ]  # fmt: skip


# ---------------------------------------------------------------- validation (called by validate.validate)


def problems(bundle: records.Bundle) -> list[tuple[str, str]]:
    """(record, problem) of the bundle's red property part (compounds.yaml): references that resolve, the
    core-plus-two-wings rules, fallback funding only for fallback-managed compounds, issues whose
    history follows the six steps, meetings that discussed issues of their own office."""
    seed = bundle.red_property
    out: list[tuple[str, str]] = []
    compounds = {c.id: c for c in bundle.compounds}
    unit_ids = {u.id for u in bundle.units}
    communities = {c.id for c in bundle.communities}
    committees = {o.compound_id for o in seed.owners_committees}
    for o in seed.owners_committees:
        if o.compound_id not in compounds:
            out.append((o.id, f"compoundId: no compound {o.compound_id!r}"))
        if o.party_members > o.members:
            out.append((o.id, "partyMembers: more than its members"))
        if o.id in unit_ids:
            out.append((o.id, "id: taken by a unit of units.yaml"))
    kinds: set[tuple[str, PartyOrgKind]] = set()
    for p in seed.party_organizations:
        c = compounds.get(p.compound_id)
        if c is None:
            out.append((p.id, f"compoundId: no compound {p.compound_id!r}"))
            continue
        if (c.id, p.kind) in kinds:
            out.append((p.id, f"a second {p.kind.value} in {c.id}"))
        kinds.add((c.id, p.kind))
        if p.kind is PartyOrgKind.PROPERTY_BRANCH and not c.property_company_id:
            out.append((p.id, "a property-company branch in a compound without a property company"))
        if p.kind is PartyOrgKind.OWNERS_BRANCH and c.id not in committees:
            out.append((p.id, "an owners'-committee branch in a compound without an owners' committee"))
    for g in seed.governance:
        c = compounds.get(g.compound_id)
        if c is None:
            out.append((g.compound_id, "governance of no compound"))
        elif g.funding is not None and c.kind is not CompoundKind.NO_PROPERTY:
            out.append((c.id, "fallback funding (四个一点) on a compound not under fallback management"))
    offices = {o.id: o for o in seed.offices}
    for office in seed.offices:
        if office.community_id not in communities:
            out.append((office.id, f"communityId: no community {office.community_id!r}"))
        for cid in office.compound_ids:
            if cid not in compounds:
                out.append((office.id, f"compoundIds: no compound {cid!r}"))
    issue_office = {i.id: i.office_id for i in seed.issues}
    for i in seed.issues:
        if i.office_id not in offices:
            out.append((i.id, f"officeId: no office {i.office_id!r}"))
        steps = [h.step for h in i.history]
        done = steps[-1] in (IssueStep.DONE, IssueStep.REJECTED)
        path = steps[:-1] if steps[-1] is IssueStep.REJECTED else steps
        if path != list(SIX_STEPS[: len(path)]) or (IssueStep.REJECTED in steps and not done):
            out.append((i.id, "history: the six steps in order, from 收集民意 (REJECTED only last)"))
        if any(a.at > b.at for a, b in zip(i.history, i.history[1:], strict=False)):
            out.append((i.id, "history: steps out of time order"))
    for m in seed.meetings:
        if m.office_id not in offices:
            out.append((m.id, f"officeId: no office {m.office_id!r}"))
        for iid in m.issue_ids:
            if issue_office.get(iid) != m.office_id:
                out.append((m.id, f"issueIds: {iid!r} is not an issue of its office"))
    return out
