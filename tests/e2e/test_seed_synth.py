"""`orggraph seed synth` as a user types it (issue #17): a synthetic province by default, loaded city by city;
`--shape city` the one synthetic city of before."""

from __future__ import annotations

from neo4j import AsyncDriver

from orggraph.settings import Settings
from tests.conftest import scalar
from tests.e2e.test_backup_restore import orggraph, said

CITIES = "MATCH (c:City) OPTIONAL MATCH (c)-[:PART_OF]->(p:Province) RETURN collect([c.id, p.id]) AS cities"


async def test_seed_synth_loads_a_province_of_cities_by_default_and_one_city_with_shape_city(
    driver: AsyncDriver, neo4j_server: Settings
) -> None:
    db = neo4j_server.neo4j_database
    run = await orggraph(neo4j_server, "seed", "synth", "--communities", "46")
    assert run.exit_code == 0, run.output
    assert "Synthetic province of 46 communities in 2 cities" in said(run)
    assert sorted(await scalar(driver, db, CITIES)) == [  # type: ignore[arg-type]
        ["k0001-city", "province-synthetic"], ["k0002-city", "province-synthetic"]
    ]  # fmt: skip
    assert await scalar(driver, db, "MATCH (c:Community) RETURN count(c)") == 46
    assert await scalar(driver, db, "MATCH (u:Unit) WHERE u.cityId IS NULL RETURN count(u)") == 24

    run = await orggraph(neo4j_server, "seed", "synth", "--communities", "46", "--shape", "city")
    assert run.exit_code == 0, run.output
    assert await scalar(driver, db, CITIES) == [["city-synthetic", None]]
    assert await scalar(driver, db, "MATCH (c:Community) RETURN count(c)") == 46
