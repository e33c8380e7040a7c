"""The dispatch table (seeds/dispatch.yaml) and the demo's reports (智慧管家), made from a bundle at load time.

The article: 「2021年以来,指挥中心共接收办理物业管理问题4331件,群众满意度达98.94%」 (as of 2022-07-29).
The demo reproduces it at 1x (23 communities; a synthetic graph gets 4331 × communities / 23, at most 43,310): reports from
2021-01-01 to the article's date over the compounds (weighted by households), categories by the table's
`share`, three in ten from residents and the rest from grid workers; all but 11 closed with a rating, of which
(SATISFIED + BASICALLY_SATISFIED) / rated = 4274 / 4320 = 98.94%; about one in twenty handled after its
deadline; the 11 open ones are the last reported: 2 awaiting dispatch, 6 with their department past the
deadline (overdue), 3 handled and awaiting the reporter's rating. Texts and reporters' names are
illustrative (fictional people); no phone numbers. Deterministic: the same bundle gives the same reports.
The demo's reports carry no ReportEvent history (the API writes one for every step it takes).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any

from pydantic import Field

from orggraph.domain.reports import Campaign, ReportStatus, Satisfaction
from orggraph.seeding import records
from orggraph.seeding.generate import DEMO_COMMUNITIES, person_name
from orggraph.seeding.yamlio import load_yaml
from orggraph.settings import project_root

Row = dict[str, Any]

REPORTS_AT_1X = 4331  # 「共接收办理物业管理问题4331件」
RATED_AT_1X = 4320  # all but the 11 open ones
SATISFIED_AT_1X = 4274  # 4274 / 4320 = 98.935…% → 98.94%
BASICALLY_SATISFIED_AT_1X = 310
LATE_SHARE = 0.05
FIRST = datetime(2021, 1, 1, tzinfo=UTC)
ARTICLE = datetime(2022, 7, 29, tzinfo=UTC)
SEED = 4331
# a synthetic graph gets 4331 × communities / 23, at most this many (10x): the 100x and 1000x graphs of the
# benchmarks would otherwise spend minutes making and loading reports no benchmark reads
MAX_REPORTS = 43_310
# the last reported, still open: how many of each status
OPEN_TAIL = (
    (ReportStatus.REPORTED, 2),
    (ReportStatus.DISPATCHED, 3),
    (ReportStatus.ACCEPTED, 3),
    (ReportStatus.HANDLED, 3),
)

TEXTS: dict[str, tuple[str, ...]] = {
    "PROPERTY_SERVICE": (
        "物业人员长期不在岗,报修无人处理",
        "楼道卫生长期无人打扫",
        "物业服务态度差,投诉无回应",
    ),
    "PARKING": ("小区内车辆乱停乱放,堵塞通道", "地下车库车位被长期占用", "外来车辆随意进入小区停放"),
    "GARBAGE": ("垃圾桶满溢未及时清运", "建筑垃圾堆放在楼下多日", "垃圾分类投放点脏乱"),
    "FEES": ("物业费收费标准不公示", "停车费收取不规范", "公共收益去向不明"),
    "FACILITY_REPAIR": ("单元门禁损坏", "楼道照明灯不亮", "电梯频繁故障"),
    "CHARGING": ("电动车在楼道内充电", "飞线充电存在安全隐患", "充电桩数量不足"),
    "FIRE_ACCESS": ("消防通道被占用", "楼道堆放杂物", "消防栓无水"),
    "GREENING": ("绿化带被毁种菜", "树木遮挡采光需修剪", "公共绿地缺乏养护"),
    "ILLEGAL_BUILDING": ("一楼住户私搭乱建", "楼顶违章加盖", "占用公共区域搭建棚屋"),
    "WATER_SUPPLY": ("小区停水未提前通知", "二次供水水质浑浊", "水管破裂漏水"),
    "POWER_SUPPLY": ("小区频繁停电", "配电箱老化", "公共区域电线裸露"),
    "SECURITY": ("小区监控损坏", "夜间有陌生人徘徊", "围墙破损存在安全隐患"),
    "NOISE": ("夜间装修噪音扰民", "广场舞音量过大", "商铺音响噪音扰民"),
    "SHOPS": ("底商占道经营", "餐饮油烟扰民", "商铺违规摆放招牌"),
}
TIMES = ("reportedAt", "dispatchedAt", "deadline", "acceptedAt", "handledAt", "closedAt")
NOTES = ("已协调物业处理完毕", "已现场督办整改到位", "已联系相关单位处理", "已清理完毕并加强巡查")


class Rule(records.Record):
    category: str
    label: str
    department_id: str
    hours: int = Field(ge=1, le=720)
    campaign: Campaign | None = None
    share: int = Field(default=1, ge=0)


class DispatchTable(records.Record):
    source: records.Source = "illustrative"
    rules: list[Rule]


def table_path() -> Path:
    return project_root() / "seeds" / "dispatch.yaml"


@cache
def table() -> DispatchTable:
    """seeds/dispatch.yaml, read once."""
    return DispatchTable.model_validate(load_yaml(table_path().read_text(encoding="utf-8")))


def _rule_rows(rules: list[Rule], source: str) -> list[Row]:
    return [
        {
            "category": r.category,
            "departmentId": r.department_id,
            "props": {
                "category": r.category,
                "label": r.label,
                "hours": r.hours,
                "campaign": r.campaign.value if r.campaign else None,
                "source": source,
            },
        }
        for r in rules
    ]


def _scaled(value: int, communities: int) -> int:
    return round(value * communities / DEMO_COMMUNITIES)


def _moments(rng: random.Random, n: int) -> list[datetime]:
    """n report times from FIRST to the article's date, more each month as the app spread."""
    span = (ARTICLE - FIRST).total_seconds()
    # density rising linearly from 1 to 2 over the period: inverse-transform sampling
    found = []
    for _ in range(n):
        u = rng.random()
        x = -1 + (1 + 3 * u) ** 0.5  # solves x + x²/2 = 1.5u on [0, 1]
        found.append((FIRST + timedelta(seconds=x * span * 0.999)).replace(microsecond=0))
    found.sort()
    return found


_MADE: dict[int, tuple[records.Bundle, list[Row]]] = {}  # the last bundle seen (the tests reload one)


def report_rows(bundle: records.Bundle) -> list[Row]:
    """The demo's reports over the bundle's compounds; none without compounds or rules (made once a bundle)."""
    made = _MADE.get(id(bundle))
    if made is None or made[0] is not bundle:
        _MADE.clear()  # the last bundle's only: a province's cities, loaded one after the other, are not all kept
        made = _MADE[id(bundle)] = (bundle, _report_rows(bundle))
    return made[1]


def _rules(bundle: records.Bundle) -> list[Rule]:
    """The table's rules whose department is one of the bundle's units, the departments' ids given the bundle's
    id prefix (seeds/dispatch.yaml names the departments of a city by their unprefixed ids)."""
    units = {u.id for u in bundle.units}
    p = bundle.id_prefix
    ruled = [
        r.model_copy(update={"department_id": f"{p}{r.department_id}"}) if p else r for r in table().rules
    ]
    return [r for r in ruled if r.department_id in units]


def _report_rows(bundle: records.Bundle) -> list[Row]:
    rules = [r for r in _rules(bundle) if r.share > 0]
    compounds = [c for c in bundle.compounds if c.households > 0]
    if not rules or not compounds:
        return []
    communities = len(bundle.communities)
    total = (
        min(MAX_REPORTS, _scaled(REPORTS_AT_1X, communities))
        if bundle.report_count is None
        else bundle.report_count
    )
    open_count = sum(n for _, n in OPEN_TAIL)
    rated = max(0, total - open_count)
    satisfied = round(rated * SATISFIED_AT_1X / RATED_AT_1X)
    basically = min(satisfied, round(rated * BASICALLY_SATISFIED_AT_1X / RATED_AT_1X))
    rng = random.Random(SEED)
    moments = _moments(rng, total)
    weights = list(accumulate(c.households for c in compounds))
    shares = list(accumulate(r.share for r in rules))
    # which closed reports are dissatisfied (mostly the late ones) and basically satisfied
    late = set(rng.sample(range(rated), round(rated * LATE_SHARE)))
    late_list = sorted(late)
    dissatisfied_n = rated - satisfied
    unhappy = set(rng.sample(late_list, min(len(late_list), dissatisfied_n * 2 // 3)))
    others = [i for i in range(rated) if i not in unhappy]
    unhappy |= set(rng.sample(others, dissatisfied_n - len(unhappy)))
    happy = [i for i in range(rated) if i not in unhappy]
    basic = set(rng.sample(happy, basically))
    statuses = [ReportStatus.CLOSED] * rated + [s for s, n in OPEN_TAIL for _ in range(n)]
    rows: list[Row] = []
    for i, at in enumerate(moments):
        compound = rng.choices(compounds, cum_weights=weights)[0]
        rule = rng.choices(rules, cum_weights=shares)[0]
        status = statuses[i]
        grid_worker = rng.random() < 0.7
        props: dict[str, Any] = {
            "category": rule.category,
            "text": rng.choice(TEXTS.get(rule.category, ("小区物业管理问题",))),
            "reporterRole": "GRID_WORKER" if grid_worker else "RESIDENT",
            "status": status.value,
            "reporterName": person_name(rng),
            "campaign": rule.campaign.value if rule.campaign else None,
            "source": "illustrative",
        }
        times: dict[str, datetime | None] = dict.fromkeys(TIMES)
        times["reportedAt"] = at
        row: Row = {
            "id": f"{bundle.id_prefix}report-{i + 1:05d}",
            "compoundId": compound.id,
            "departmentId": None,
            "props": props,
        }
        if status is not ReportStatus.REPORTED:
            dispatched = at + timedelta(minutes=rng.randint(30, 360))
            deadline = dispatched + timedelta(hours=rule.hours)
            row["departmentId"] = rule.department_id
            times["dispatchedAt"], times["deadline"] = dispatched, deadline
            if status is not ReportStatus.DISPATCHED:
                times["acceptedAt"] = dispatched + timedelta(minutes=rng.randint(10, 240))
            if status in (ReportStatus.HANDLED, ReportStatus.CLOSED):
                is_late = i in late or i == total - 1  # the last one handled, late
                handled = (
                    deadline + timedelta(hours=rng.randint(2, 48))
                    if is_late
                    else dispatched + timedelta(hours=rule.hours * rng.uniform(0.2, 0.95))
                )
                times["handledAt"] = handled
                props["handlingNote"] = rng.choice(NOTES)
                if status is ReportStatus.CLOSED:
                    times["closedAt"] = handled + timedelta(hours=rng.randint(2, 72))
                    props["satisfaction"] = (
                        Satisfaction.DISSATISFIED
                        if i in unhappy
                        else Satisfaction.BASICALLY_SATISFIED
                        if i in basic
                        else Satisfaction.SATISFIED
                    ).value
        row["times"] = {k: int(v.timestamp()) if v else None for k, v in times.items()}
        rows.append(row)
    return rows


def report_steps(bundle: records.Bundle) -> list[tuple[str, str, list[Row]]]:
    """The load steps (name, query, rows): the dispatch table, then the reports."""
    from orggraph.graph import report_seed_cypher as q

    return [
        ("派单表", q.DISPATCH_RULES, _rule_rows(_rules(bundle), table().source)),
        ("群众反映", q.REPORTS, report_rows(bundle)),
    ]
