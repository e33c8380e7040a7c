"""A synthetic province loaded into the real Neo4j (issue #17): every city's records are nodes of their own (no id
shared between cities merged two into one), every unit sits only on committees of its city, and every unit,
resource and need carries its city (a provincial unit only its province)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

import pytest
from neo4j import AsyncDriver

from orggraph.seeding.load import wipe
from orggraph.seeding.province import ProvincePlan, city_steps, load_province, synthetic_province
from orggraph.settings import Settings
from tests.conftest import graph_position, scalar

COMMUNITIES = 230  # 10x: four cities
# the nodes each kind of step writes, one a row
NODES_OF_STEP = {
    "城市": "City", "街道": "Street", "街道大工委": "StreetWorkingCommittee", "社区与大党委": "Community",
    "联系市领导": "Leader", "网格": "Grid", "小区": "Compound", "需求库": "Need", "资源库": "Resource",
    "联席会议": "JointMeeting", "三联办": "TripartiteOffice", "物业问题": "PropertyIssue", "群众反映": "Report",
    "集中行动": "Campaign", "临时党支部和突击队": "CampaignGroup", "路段路口": "RoadSection",
    "物业考核评分": "PropertyRating", "物业红黑榜与信用档案": "RatingList", "派单表": "DispatchRule",
}  # fmt: skip
UNIT_STEPS = ("成员单位", "下沉单位", "已退出的物业企业", "业主委员会")


@dataclass
class Expected:
    nodes: Counter[str]
    city_of: dict[str, str | None]  # unit, need and resource ids: the city of their bundle (None: provincial)


class _Loaded:
    at: ClassVar[frozenset[str] | None] = None
    expected: ClassVar[Expected | None] = None


def _expected(plan: ProvincePlan) -> Expected:
    nodes: Counter[str] = Counter({"Province": 1})
    city_of: dict[str, str | None] = {}
    for i, bundle in enumerate(plan.bundles()):
        provincial = {u.id for u in bundle.units if u.provincial}
        units: set[str] = set()
        for step in city_steps(bundle, first=i == 0):
            if step.name in NODES_OF_STEP:
                nodes[NODES_OF_STEP[step.name]] += len(step.rows)
            if step.name in UNIT_STEPS:
                units.update(row["id"] for row in step.rows)
        nodes["Unit"] += len(units)
        nodes["CommunityCommittee"] += len(bundle.communities)
        for uid in units:
            city_of[uid] = None if uid in provincial else bundle.city.id
        for n in bundle.needs:
            city_of[n.id] = bundle.city.id
        for r in bundle.resources:
            city_of[r.id] = None if r.unit_id in provincial else bundle.city.id
    return Expected(nodes, city_of)


@pytest.fixture
async def province(driver: AsyncDriver, settings: Settings) -> Expected:
    """合成省 of 230 communities, loaded once (again if a test wrote since), and what its bundles hold."""
    db = settings.neo4j_database
    if _Loaded.at is None or _Loaded.expected is None or await graph_position(driver, db) != _Loaded.at:
        plan = synthetic_province(COMMUNITIES)
        await wipe(driver, db)
        await load_province(driver, db, plan, jobs=2)  # two cities at once, as the benchmarks load
        _Loaded.expected = _expected(plan)
        _Loaded.at = await graph_position(driver, db)
    return _Loaded.expected


async def test_every_record_of_every_city_of_the_province_is_a_node_of_its_own(
    province: Expected, driver: AsyncDriver, settings: Settings
) -> None:
    records, _, _ = await driver.execute_query(
        "UNWIND $labels AS label CALL (label) { MATCH (n) WHERE label IN labels(n) RETURN count(n) AS n } "
        "RETURN label, n",
        labels=sorted(province.nodes),
        database_=settings.neo4j_database,
    )
    assert {r["label"]: r["n"] for r in records} == dict(province.nodes)
    assert province.nodes["City"] == 4 and province.nodes["Community"] == COMMUNITIES


async def test_no_unit_of_the_province_sits_on_a_committee_of_another_city(
    province: Expected, driver: AsyncDriver, settings: Settings
) -> None:
    db = settings.neo4j_database
    seats = "MATCH (u:Unit)-[:MEMBER_OF]->(:CommunityCommittee)<-[:HAS_COMMITTEE]-(:Community)-[:PART_OF]->(:Street)-[:PART_OF]->(city:City) "  # fmt: skip
    assert await scalar(driver, db, seats + "RETURN count(*)") > COMMUNITIES * 4
    assert (
        await scalar(driver, db, seats + "WHERE u.cityId IS NULL OR u.cityId <> city.id RETURN count(*)") == 0
    )
    assert await scalar(driver, db, seats + "RETURN count(DISTINCT city)") == 4


async def test_every_unit_resource_and_need_carries_the_city_of_its_bundle_and_a_provincial_unit_only_the_province(
    province: Expected, driver: AsyncDriver, settings: Settings
) -> None:
    records, _, _ = await driver.execute_query(
        "MATCH (x) WHERE x:Unit OR x:Resource OR x:Need RETURN x.id AS id, x.cityId AS city, x.provinceId AS province",
        database_=settings.neo4j_database,
    )
    assert {r["id"]: r["city"] for r in records} == province.city_of
    assert {r["province"] for r in records} == {"province-synthetic"}
    provincial = [i for i, c in province.city_of.items() if c is None]
    assert len(provincial) == 24 + 48  # the province's units and their resources
