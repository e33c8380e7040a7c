"""Provinces above cities (issue #17): the demo's 天长市 lies in 安徽省 under 滁州市, and every unit,
resource and need carries its place (cityId, provinceId), which the matcher seeks candidates by."""

from __future__ import annotations

from neo4j import AsyncDriver

from orggraph.graph.migrations import discover
from orggraph.settings import Settings
from tests.conftest import scalar

PLACES = """
MATCH (x) WHERE x:Unit OR x:Resource OR x:Need
RETURN [l IN labels(x) WHERE l IN ['Unit', 'Resource', 'Need']][0] AS label,
       x.cityId AS city, x.provinceId AS province, count(*) AS n ORDER BY label
"""


async def places(driver: AsyncDriver, db: str) -> list[tuple[str, str | None, str | None, int]]:
    records, _, _ = await driver.execute_query(PLACES, database_=db)
    return [(r["label"], r["city"], r["province"], r["n"]) for r in records]


async def test_the_demo_city_is_tianchang_of_chuzhou_in_anhui(demo: AsyncDriver, settings: Settings) -> None:
    db = settings.neo4j_database
    city = await scalar(
        demo,
        db,
        "MATCH (c:City)-[:PART_OF]->(p:Province) RETURN [c.name, c.prefecture, c.kind, p.name, p.source]",
    )
    assert city == ["天长市", "滁州市", "COUNTY_CITY", "安徽省", "article"]


async def test_every_unit_resource_and_need_of_the_demo_carries_its_city_and_province(
    demo: AsyncDriver, settings: Settings
) -> None:
    assert await places(demo, settings.neo4j_database) == [
        ("Need", "city-tianchang", "province-anhui", 161),
        ("Resource", "city-tianchang", "province-anhui", 234),
        ("Unit", "city-tianchang", "province-anhui", await scalar(demo, settings.neo4j_database,
                                                                  "MATCH (u:Unit) RETURN count(u)")),
    ]  # fmt: skip


async def test_the_backfill_gives_a_graph_from_before_provinces_its_places_in_batches_and_again_changes_nothing(
    demo_graph: AsyncDriver, settings: Settings
) -> None:
    """018 on a graph whose units, resources and needs carry no place (as every graph before #17): they get
    their one city's; run again, it changes nothing. Its statements commit in batches (IN TRANSACTIONS), which
    only an auto-commit transaction may run, as the migration runner does."""
    db = settings.neo4j_database
    before = await places(demo_graph, db)
    await demo_graph.execute_query(
        "MATCH (x) WHERE x:Unit OR x:Resource OR x:Need REMOVE x.cityId, x.provinceId", database_=db
    )
    assert {(label, city) for label, city, _, _ in await places(demo_graph, db)} == {
        ("Need", None), ("Resource", None), ("Unit", None)
    }  # fmt: skip
    (migration,) = [m for m in discover(settings.schema_dir) if m.version == "018"]
    for _ in range(2):
        for statement in migration.statements:
            async with demo_graph.session(database=db) as session:
                await (await session.run(statement)).consume()
        assert await places(demo_graph, db) == before
