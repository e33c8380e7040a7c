"""The demo's in-service party members (在职党员进社区) and the campaign of the article, derived from a Bundle
(deterministic: the same bundle gives the same rows). Loaded by orggraph.seeding.load as its last steps.

The article: 「全市81个机关企事业单位共计1800余名党员、干部下沉社区网格,建立50个临时党支部,组建23支党员突击队,
轮班包保89个无物业小区、94个路段路口」(figures per 23 communities; the synthetic generator scales them).

- Units: every 机关企事业单位 of the bundle (agencies, state enterprises, institutions), and as many more
  illustrative ones (ids unit-s-NNNN) as reach 81. Each is paired (结对) with a community: the first whose
  big party committee it sits on, else one in turn.
- Members: 70% of each unit's `partyMembers` as people (fictional names), registered since 2021; 90% reported
  both to a home compound and to the paired community (双报到), 5% to the compound only, 2% to the community
  only; the first 600 registered members have a 三亮 commitment for the demo's year.
- Zones: each unit keeps a compound of its paired community; each road section (94, spread over the
  communities) is kept by a member reported to its community.
- Service records: the first 300 registered members, one to three records each in the demo's year.
- The campaign: 1,826 members of the 81 units sent (in proportion to their members), 50 temporary branches
  and 23 commando teams spread over the communities; the branches cover every no-property compound of
  their community, the teams every road section of theirs, in shifts.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from orggraph.domain.model import CompoundKind, UnitKind
from orggraph.domain.party_members import points
from orggraph.graph import party_seed_cypher as q
from orggraph.seeding.generate import DEMO_COMMUNITIES, TODAY, person_name
from orggraph.seeding.records import Bundle

Row = dict[str, Any]
SEED = 2022_03_01

PER_23 = {"units": 81, "members_sent": 1826, "branches": 50, "teams": 23, "road_sections": 94}
PUBLIC_KINDS = (UnitKind.AGENCY, UnitKind.STATE_ENTERPRISE, UnitKind.INSTITUTION)
CAMPAIGN_ID = "campaign-2022-yiqing-wenming"
CAMPAIGN = {
    "name": "疫情防控和文明城市创建集中行动",
    "kind": "疫情防控、文明城市创建",
    "startedOn": date(2022, 3, 1),
    "endedOn": date(2022, 6, 30),
    "source": "illustrative",  # the figures are the article's; the campaign's name is ours
}
SERVICE_MEMBERS = 300
COMMITMENTS = 600  # the first registered members with a 三亮 commitment for the year
# the share of a unit's party members the demo registers in the graph (the graph stays small enough for the
# tests that compare whole graphs; enough to send the article's 1,800+)
REGISTERED_SHARE = 0.7

# illustrative 机关企事业单位 (not in the catalog): the units that reach the article's 81
EXTRA_UNITS = (
    ("市机关事务管理局", UnitKind.AGENCY), ("市档案馆", UnitKind.INSTITUTION), ("市图书馆", UnitKind.INSTITUTION),
    ("市文化馆", UnitKind.INSTITUTION), ("市中医院", UnitKind.INSTITUTION), ("市妇幼保健院", UnitKind.INSTITUTION),
    ("市第一中学", UnitKind.INSTITUTION), ("市第二中学", UnitKind.INSTITUTION), ("市实验小学", UnitKind.INSTITUTION),
    ("市职业技术学校", UnitKind.INSTITUTION), ("市疾病预防控制中心", UnitKind.INSTITUTION),
    ("市公共资源交易中心", UnitKind.INSTITUTION), ("市融媒体中心", UnitKind.INSTITUTION),
    ("市政务服务中心", UnitKind.INSTITUTION), ("市供水公司", UnitKind.STATE_ENTERPRISE),
    ("市燃气公司", UnitKind.STATE_ENTERPRISE), ("市公交公司", UnitKind.STATE_ENTERPRISE),
    ("市城市建设投资公司", UnitKind.STATE_ENTERPRISE), ("市交通投资集团", UnitKind.STATE_ENTERPRISE),
    ("市农村商业银行", UnitKind.STATE_ENTERPRISE), ("市邮政分公司", UnitKind.STATE_ENTERPRISE),
    ("市供电公司", UnitKind.STATE_ENTERPRISE), ("市烟草专卖局", UnitKind.AGENCY), ("市税务局", UnitKind.AGENCY),
    ("市统计局", UnitKind.AGENCY), ("市审计局", UnitKind.AGENCY), ("市司法局", UnitKind.AGENCY),
    ("市财政局", UnitKind.AGENCY), ("市民政局", UnitKind.AGENCY), ("市人力资源和社会保障局", UnitKind.AGENCY),
    ("市自然资源和规划局", UnitKind.AGENCY), ("市生态环境分局", UnitKind.AGENCY), ("市水利局", UnitKind.AGENCY),
    ("市农业农村局", UnitKind.AGENCY), ("市商务局", UnitKind.AGENCY), ("市文化旅游体育局", UnitKind.AGENCY),
    ("市卫生健康委员会", UnitKind.AGENCY), ("市退役军人事务局", UnitKind.AGENCY), ("市应急管理局", UnitKind.AGENCY),
    ("市市场监督管理局", UnitKind.AGENCY), ("市医疗保障局", UnitKind.AGENCY), ("市数据资源管理局", UnitKind.AGENCY),
    ("市信访局", UnitKind.AGENCY), ("市总工会", UnitKind.AGENCY), ("团市委", UnitKind.AGENCY),
    ("市妇联", UnitKind.AGENCY), ("市科协", UnitKind.AGENCY), ("市残联", UnitKind.AGENCY),
    ("市工商联", UnitKind.AGENCY), ("市红十字会", UnitKind.AGENCY), ("市气象局", UnitKind.AGENCY),
    ("市地方金融监督管理局", UnitKind.AGENCY), ("市粮食和物资储备局", UnitKind.AGENCY), ("市林业局", UnitKind.AGENCY),
    ("市人防办", UnitKind.AGENCY), ("市侨联", UnitKind.AGENCY), ("市文联", UnitKind.AGENCY),
    ("市社会保险服务中心", UnitKind.INSTITUTION), ("市住房公积金管理中心", UnitKind.INSTITUTION),
    ("市不动产登记中心", UnitKind.INSTITUTION), ("市城市管理服务中心", UnitKind.INSTITUTION),
    ("市第三中学", UnitKind.INSTITUTION), ("市第二人民医院", UnitKind.INSTITUTION), ("市博物馆", UnitKind.INSTITUTION),
    ("市急救中心", UnitKind.INSTITUTION), ("市广播电视台", UnitKind.INSTITUTION), ("市水务集团", UnitKind.STATE_ENTERPRISE),
    ("市国有资产投资公司", UnitKind.STATE_ENTERPRISE), ("市文化旅游投资公司", UnitKind.STATE_ENTERPRISE),
    ("市保安服务公司", UnitKind.STATE_ENTERPRISE), ("市粮食购销公司", UnitKind.STATE_ENTERPRISE),
)  # fmt: skip
ROADS = ("建设路", "天康大道", "广陵路", "千秋路", "仁和路", "金牛路", "华侨路", "滨河路", "经一路", "纬二路",
         "迎宾大道", "秦栏路", "铜城路", "龙岗路", "汊涧路")  # fmt: skip
PARTS = ("东段", "西段", "南段", "北段", "中段", "与人民路交叉口", "与团结路交叉口", "与振兴路交叉口")
SHIFTS = ("早班 7:00-12:00", "午班 12:00-18:00", "晚班 18:00-22:00")
DUTIES = ("卫生治理", "秩序维护", "群众教育引导", "文明劝导", "垃圾分类宣传", "关爱独居老人")
PROMISES = (
    "每月参加一次社区志愿服务", "包保楼栋环境卫生,发现问题及时报告", "结对帮扶一户困难家庭",
    "带头遵守文明公约,劝导不文明行为", "参与小区议事,带头缴纳物业费",
)  # fmt: skip
ACTIVITIES = (
    "环境卫生整治",
    "疫情防控值守",
    "文明交通劝导",
    "垃圾分类宣传",
    "走访独居老人",
    "政策宣讲",
    "小区议事",
)
HOURS = (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 6.0)


def _scaled(key: str, communities: int) -> int:
    return max(1, round(PER_23[key] * communities / DEMO_COMMUNITIES))


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def seed_steps(bundle: Bundle) -> list[tuple[str, str, list[Row]]]:
    """The steps (name, statement, rows) that load the party members and the campaign of this bundle."""
    rng = random.Random(SEED)
    communities = [c.id for c in bundle.communities]
    n_comm = len(communities)
    if n_comm == 0:
        return []
    community_of_grid = {g.id: g.community_id for g in bundle.grids}
    compounds_of: dict[str, list[str]] = defaultdict(list)
    no_property_of: dict[str, list[str]] = defaultdict(list)
    for cp in bundle.compounds:
        cid = community_of_grid.get(cp.grid_id)
        if cid is None:
            continue
        compounds_of[cid].append(cp.id)
        if cp.kind is CompoundKind.NO_PROPERTY:
            no_property_of[cid].append(cp.id)
    all_compounds = [cp.id for cp in bundle.compounds if community_of_grid.get(cp.grid_id)]
    p = bundle.id_prefix  # every id made here begins with it (a city of a synthetic province)
    campaign_id = f"{p}{CAMPAIGN_ID}"

    # units: the bundle's public units (not the provincial ones: they belong to no city), then illustrative ones
    # up to the article's 81
    units = [(u.id, u.party_members) for u in bundle.units if u.kind in PUBLIC_KINDS and not u.provincial]
    taken = {u.name for u in bundle.units}
    extra_rows: list[Row] = []
    wanted = _scaled("units", n_comm)
    names = [(n, k) for n, k in EXTRA_UNITS if n not in taken]
    for i in range(max(0, wanted - len(units))):
        name, kind = names[i % len(names)]
        if i >= len(names):
            name = f"{name}({i // len(names) + 1})"
        uid = f"{p}unit-s-{i + 1:04d}"
        members = rng.randint(15, 40)
        extra_rows.append({"id": uid, "props": {"name": name, "kind": kind.value, "partyMembers": members,
                                                 "source": "illustrative", "nonProfit": False}})  # fmt: skip
        units.append((uid, members))
    units = units[:wanted]

    # pairing: the first community whose big party committee the unit sits on, else one in turn
    sits_on: dict[str, str] = {}
    for c in bundle.communities:
        for m in c.committee.members:
            sits_on.setdefault(m.unit_id, c.id)
    paired = {uid: sits_on.get(uid, communities[i % n_comm]) for i, (uid, _) in enumerate(units)}
    pair_rows = [{"unitId": uid, "communityId": paired[uid], "since": date(2021, 3, 1)} for uid, _ in units]

    # members and their two reports
    member_rows: list[Row] = []
    members_of: dict[str, list[str]] = defaultdict(list)
    reported_in: dict[str, list[str]] = defaultdict(list)  # community -> registered members
    registered: list[tuple[str, str]] = []  # (person, community)
    year = TODAY.year
    n = 0
    for uid, declared in units:
        for _ in range(max(1, round(declared * REGISTERED_SHARE))):
            n += 1
            pid = f"{p}pm-{n:05d}"
            draw = rng.random()
            home = rng.choice(all_compounds) if draw < 0.95 and all_compounds else None
            comm = paired[uid] if draw < 0.90 or 0.95 <= draw < 0.97 else None
            since = _day(rng, date(2021, 3, 1), date(2021, 12, 31))
            row: Row = {
                "id": pid, "unitId": uid, "since": since,
                "props": {"name": person_name(rng), "source": "illustrative"},
                "compoundId": home, "communityId": comm, "on": _day(rng, since, date(2022, 6, 30)),
                "commitment": None,
            }  # fmt: skip
            if home and comm:
                if len(registered) < COMMITMENTS:
                    row["commitment"] = {"id": f"{pid}:{year}", "year": year, "duty": rng.choice(DUTIES),
                                         "promise": rng.choice(PROMISES)}  # fmt: skip
                registered.append((pid, comm))
                reported_in[comm].append(pid)
            members_of[uid].append(pid)
            member_rows.append(row)

    # road sections, spread over the communities, each kept by a member reported there
    road_rows: list[Row] = []
    roads_of: dict[str, list[str]] = defaultdict(list)
    n_roads = _scaled("road_sections", n_comm)
    for i in range(n_roads):
        cid = communities[i % n_comm]
        k = len(roads_of[cid])
        rid = f"{p}road-{i + 1:04d}"
        name = f"{ROADS[(i // len(PARTS)) % len(ROADS)]}{PARTS[i % len(PARTS)]}"
        if i >= len(ROADS) * len(PARTS):
            name = f"{name}({i // (len(ROADS) * len(PARTS)) + 1})"
        keepers = reported_in.get(cid, [])
        road_rows.append({"id": rid, "communityId": cid, "props": {"name": name, "source": "illustrative"},
                          "keeperId": keepers[k % len(keepers)] if keepers else None,
                          "duty": DUTIES[i % 3], "since": date(2021, 6, 1)})  # fmt: skip
        roads_of[cid].append(rid)
    unit_zone_rows = [
        {"unitId": uid, "compoundId": compounds_of[paired[uid]][i % len(compounds_of[paired[uid]])],
         "duty": "卫生治理、秩序维护、群众教育引导", "since": date(2021, 6, 1)}
        for i, (uid, _) in enumerate(units) if compounds_of.get(paired[uid])
    ]  # fmt: skip

    # service records
    service_rows: list[Row] = []
    for pid, comm in registered[:SERVICE_MEMBERS]:
        for _ in range(rng.randint(1, 3)):
            hours = rng.choice(HOURS)
            service_rows.append({"id": f"{p}svc-{len(service_rows) + 1:06d}", "personId": pid, "communityId": comm,
                                 "props": {"on": _day(rng, date(year, 1, 5), TODAY), "hours": hours,
                                           "activity": rng.choice(ACTIVITIES), "points": points(hours),
                                           "by": "seed"}})  # fmt: skip

    # the campaign: groups spread over the communities
    names_of = {c.id: c.name for c in bundle.communities}
    group_rows: list[Row] = []
    branches_of: dict[str, list[str]] = defaultdict(list)
    teams_of: dict[str, list[str]] = defaultdict(list)
    for group_kind, key, label, into in (
        ("TEMPORARY_BRANCH", "branches", "临时党支部", branches_of),
        ("COMMANDO_TEAM", "teams", "党员突击队", teams_of),
    ):
        for i in range(_scaled(key, n_comm)):
            cid = communities[i % n_comm]
            gid = f"{campaign_id}-{'b' if group_kind == 'TEMPORARY_BRANCH' else 't'}{i + 1:03d}"
            into[cid].append(gid)
            group_rows.append({"id": gid, "campaignId": campaign_id, "communityId": cid,
                               "props": {"kind": group_kind, "name": f"{names_of[cid]}第{len(into[cid])}{label}",
                                         "source": "illustrative"}})  # fmt: skip
    # members sent: in proportion to the units' members, into a group of the unit's paired community
    total = sum(len(v) for v in members_of.values())
    target = min(total, _scaled("members_sent", n_comm))
    quota = {uid: len(members_of[uid]) * target // total if total else 0 for uid, _ in units}
    for uid, _ in sorted(units, key=lambda u: -len(members_of[u[0]])):
        if sum(quota.values()) >= target:
            break
        if quota[uid] < len(members_of[uid]):
            quota[uid] += 1
    sent_rows: list[Row] = []
    for uid, _ in units:
        groups = branches_of[paired[uid]] + teams_of[paired[uid]]
        for k, pid in enumerate(members_of[uid][: quota[uid]]):
            sent_rows.append({"personId": pid, "groupId": groups[k % len(groups)] if groups else None})
    cover_rows: list[Row] = []
    for cid in communities:
        branches, teams = branches_of.get(cid, []), teams_of.get(cid, [])
        for k, xid in enumerate(no_property_of.get(cid, [])):
            keepers = branches or teams
            if keepers:
                cover_rows.append(
                    {"groupId": keepers[k % len(keepers)], "zoneId": xid, "shift": SHIFTS[k % 3]}
                )
        for k, rid in enumerate(roads_of.get(cid, [])):
            keepers = teams or branches
            if keepers:
                cover_rows.append({"groupId": keepers[k % len(keepers)], "zoneId": rid, "shift": SHIFTS[k % 3],
                                   "road": True})  # fmt: skip
    return [
        ("下沉单位", q.PARTY_UNITS, extra_rows),
        ("单位结对社区", q.PAIRINGS, pair_rows),
        ("在职党员与双报到", q.PARTY_MEMBERS, member_rows),
        ("路段路口", q.ROAD_SECTIONS, road_rows),
        ("单位包保小区", q.UNIT_ZONES, unit_zone_rows),
        ("党员服务记录", q.SERVICE_RECORDS, service_rows),
        ("集中行动", q.CAMPAIGNS, [{"id": campaign_id, "props": CAMPAIGN, "unitIds": [u for u, _ in units]}]),
        ("临时党支部和突击队", q.CAMPAIGN_GROUPS, group_rows),
        ("下沉党员", q.CAMPAIGN_MEMBERS, [r | {"campaignId": campaign_id} for r in sent_rows]),
        ("轮班包保小区", q.COVER_COMPOUNDS, [r for r in cover_rows if not r.get("road")]),
        ("轮班包保路段", q.COVER_ROAD_SECTIONS, [r for r in cover_rows if r.get("road")]),
    ]
