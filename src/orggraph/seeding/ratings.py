"""The demo's ratings (issue #14 point 4), derived from a bundle: every property company rated by the three
raters for 2020 and 2021 (the article, written in July 2022, speaks of year-end ratings already published),
both years' red/black lists published, the last place of each year an illustrative company that has since
exited (「有2个物业公司因考评末位退出」: they manage no compound now and cannot bid), monthly random
inspections and quarterly satisfaction surveys from 2021 to mid-2022, and a grid leader (fictional) for
every grid that has none, so that 三最 can be chosen.

Everything is deterministic (random.Random(SEED)); the list is computed with the domain's own rules
(orggraph.domain.ratings), so that what the API computes from the ratings is what was published.
Names are illustrative, people fictional.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from orggraph.domain import ratings as dr
from orggraph.graph import rating_seed_cypher as q
from orggraph.seeding import records
from orggraph.seeding.generate import person_name
from orggraph.seeding.load import Row, Step

SEED = 14
YEARS = (2020, 2021)  # rated and published
INSPECTION_MONTHS = [(y, m) for y in (2021, 2022) for m in range(1, 13) if (y, m) <= (2022, 6)]
SURVEY_QUARTERS = ["2021Q1", "2021Q2", "2021Q3", "2021Q4", "2022Q1", "2022Q2"]
AUTHORITY_NAME = "住房和城乡建设局"  # the housing authority: the first AGENCY unit whose name says so
FINDINGS = (
    "",
    "",
    "楼道堆放杂物",
    "垃圾清运不及时",
    "绿化养护不到位",
    "消防通道被占用",
    "监控设施故障",
    "公告栏未及时更新",
)


@dataclass(frozen=True)
class Exited:
    id: str
    name: str
    base: float  # its quality: low, so that it comes last
    year: int  # the year it came last; it rated until then
    takeover_from: int  # which current commercial company took over its compounds (index)


EXITED = (
    Exited("unit-pm-exited-1", "宏达物业服务有限公司", 62.0, 2020, 0),
    Exited("unit-pm-exited-2", "佳和物业管理有限公司", 71.0, 2021, 1),
)


def _split(total: float) -> dict[str, float]:
    """A total (0-100) split over 党建/环境/管理 in proportion to their maxima."""
    pb = round(total * 0.30, 1)
    env = round(total * 0.35, 1)
    return {"partyBuilding": pb, "environment": env, "management": round(total - pb - env, 1)}


def _at(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, 9, 0, tzinfo=UTC)


def steps(bundle: records.Bundle) -> list[Step]:
    companies = sorted((u for u in bundle.units if u.kind.value == "PROPERTY_COMPANY"), key=lambda u: u.id)
    community_of_grid = {g.id: g.community_id for g in bundle.grids}
    managed: dict[str, list[records.Compound]] = {}
    for c in sorted(bundle.compounds, key=lambda c: c.id):
        if c.property_company_id:
            managed.setdefault(c.property_company_id, []).append(c)
    # the companies that took over the exited ones' compounds: commercial, managing compounds now
    commercial = [u for u in companies if not u.non_profit and managed.get(u.id)]
    authority = next((u for u in bundle.units if u.kind.value == "AGENCY" and AUTHORITY_NAME in u.name), None)
    if len(commercial) < len(EXITED) or authority is None:
        return []
    p = bundle.id_prefix  # every id made here begins with it (a city of a synthetic province)
    exited = [replace(x, id=f"{p}{x.id}") for x in EXITED]
    rng = random.Random(SEED)
    base = {u.id: round(rng.uniform(78, 94), 1) for u in companies}
    # the compounds each company was rated at, per year: the exited ones at compounds since taken over
    places: dict[tuple[str, int], list[records.Compound]] = {}
    for year in YEARS:
        for u in companies:
            places[(u.id, year)] = managed.get(u.id, [])
        for x in exited:
            if year <= x.year:
                places[(x.id, year)] = managed.get(commercial[x.takeover_from].id, [])[:2]
    base |= {x.id: x.base for x in exited}

    ratings: list[Row] = []
    domain_ratings: list[dr.PropertyRating] = []
    for (unit_id, year), compounds in sorted(places.items()):
        if not compounds:
            continue
        communities = sorted({community_of_grid[c.grid_id] for c in compounds})
        raters = [(dr.Rater.AUTHORITY, authority.id)]
        raters += [(dr.Rater.COMMUNITY, cid) for cid in communities]
        raters += [(dr.Rater.OWNERS, c.id) for c in compounds]
        for rater, place in raters:
            total = min(99.0, max(40.0, base[unit_id] + rng.uniform(-3, 3)))
            groups = _split(total)
            rid = f"prating-{year}-{unit_id}-{rater.value.lower()}-{place}"
            props = {"year": year, "rater": rater.value, **groups, "total": round(sum(groups.values()), 1),
                     "comment": "", "at": _at(date(year, 12, 20)), "by": "seed", "source": "illustrative"}  # fmt: skip
            ratings.append(
                {"id": rid, "unitId": unit_id, "rater": rater.value, "placeId": place, "props": props}
            )
            domain_ratings.append(
                dr.PropertyRating(
                    rid,
                    unit_id,
                    year,
                    rater,
                    place,
                    groups["partyBuilding"],
                    groups["environment"],
                    groups["management"],
                    "",
                    None,
                    "seed",
                )
            )

    lists: list[Row] = []
    for year in YEARS:
        units = sorted({r.unit_id for r in domain_ratings if r.year == year})
        entries = dr.rank_list([dr.combine(u, year, domain_ratings) for u in units])
        last = [e.score.unit_id for e in entries if e.last]
        expected = [x.id for x in exited if x.year == year]
        assert last == expected, f"the demo's {year} list must end with the company that exited: {last}"
        published = _at(date(year + 1, 1, 15))
        recs = [
            {"id": f"credit-{year}-{e.score.unit_id}", "unitId": e.score.unit_id,
             "props": {"year": year, "score": e.score.score, "rank": e.rank, "list": e.mark.value if e.mark else None,
                       "last": e.last, "notes": e.note, "publishedAt": published}}
            for e in entries if e.rank is not None
        ]  # fmt: skip
        lists.append({"id": f"{p}property-{year}", "props": {"year": year, "publishedAt": published, "by": "seed"},
                      "records": recs})  # fmt: skip

    inspections: list[Row] = []
    for u in companies:
        mine = managed.get(u.id, [])
        for y, m in INSPECTION_MONTHS if mine else []:
            spot = rng.choice(mine)
            on = date(y, m, rng.randint(3, 25))
            score = round(min(100.0, max(50.0, base[u.id] + rng.uniform(-8, 6))), 1)
            found: Row = {
                "date": on,
                "score": score,
                "findings": rng.choice(FINDINGS),
                "at": _at(on),
                "by": "seed",
            }
            inspections.append(
                {
                    "id": f"inspection-{spot.id}-{on.isoformat()}",
                    "unitId": u.id,
                    "compoundId": spot.id,
                    "props": found,
                }
            )

    surveys: list[Row] = []
    for u in companies:
        for surveyed_at in managed.get(u.id, []):
            for quarter in SURVEY_QUARTERS:
                surveyed = max(10, min(60, surveyed_at.households // 10))
                share = min(1.0, max(0.5, base[u.id] / 100 + rng.uniform(-0.04, 0.06)))
                answers: Row = {"quarter": quarter, "year": int(quarter[:4]), "surveyed": surveyed,
                                "satisfied": round(surveyed * share), "by": "seed"}  # fmt: skip
                surveys.append({"id": f"survey-{surveyed_at.id}-{quarter}", "unitId": u.id,
                                "compoundId": surveyed_at.id, "props": answers})  # fmt: skip

    leaders = [
        {"gridId": g.id, "personId": f"person-gl-{g.id}", "since": date(2021, 1, 1),
         "person": {"name": person_name(rng), "source": "illustrative"}}
        for g in sorted(bundle.grids, key=lambda g: g.id)
    ]  # fmt: skip
    exited_rows = [
        {"id": x.id, "props": {"name": x.name, "kind": "PROPERTY_COMPANY", "partyMembers": 3, "nonProfit": False,
                               "source": "illustrative"}}
        for x in exited
    ]  # fmt: skip
    return [
        Step("已退出的物业企业", q.COMPANIES, exited_rows),
        Step("网格长", q.GRID_LEADERS, leaders),
        Step("物业考核评分", q.RATINGS, ratings),
        Step("物业抽查", q.INSPECTIONS, inspections),
        Step("物业满意度调查", q.SURVEYS, surveys),
        Step("物业红黑榜与信用档案", q.LISTS, lists),
    ]
