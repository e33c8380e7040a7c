"""Loading the demo: idempotent, atomic, and a refused seed writes nothing."""

from __future__ import annotations

import pytest
from neo4j import AsyncDriver

from orggraph.seeding.load import load
from orggraph.seeding.records import Bundle
from orggraph.seeding.validate import SeedError
from orggraph.settings import Settings
from tests.conftest import graph_fingerprint


async def test_loading_the_demo_twice_leaves_the_same_graph(
    demo_graph: AsyncDriver, settings: Settings, demo_bundle: Bundle
) -> None:
    db = settings.neo4j_database
    first = await graph_fingerprint(demo_graph, db)
    await load(demo_graph, db, demo_bundle)
    assert await graph_fingerprint(demo_graph, db) == first
    assert len(first[0]) > 900 and len(first[1]) > 1300


async def test_a_seed_that_breaks_1_1_x_n_writes_nothing(
    demo_graph: AsyncDriver, settings: Settings, demo_bundle: Bundle
) -> None:
    db = settings.neo4j_database
    before = await graph_fingerprint(demo_graph, db)
    c = demo_bundle.communities[5]
    only_n = [m for m in c.committee.members if m.seat.value == "N"]
    renamed = c.model_copy(
        update={"name": "改名社区", "committee": c.committee.model_copy(update={"members": only_n})}
    )
    communities = list(demo_bundle.communities)
    communities[5] = renamed
    with pytest.raises(SeedError, match="the committee has no X member"):
        await load(demo_graph, db, demo_bundle.model_copy(update={"communities": communities}))
    assert await graph_fingerprint(demo_graph, db) == before


async def test_a_load_that_fails_half_way_is_rolled_back(
    demo_graph: AsyncDriver, settings: Settings, demo_bundle: Bundle
) -> None:
    db = settings.neo4j_database
    before = await graph_fingerprint(demo_graph, db)
    changed = demo_bundle.model_copy(
        update={"units": [u.model_copy(update={"name": u.name + "(改)"}) for u in demo_bundle.units]}
    )

    def fail_at_the_needs(step: str, done: int, total: int) -> None:
        if step == "需求库":
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError, match="interrupted"):
        await load(demo_graph, db, changed, progress=fail_at_the_needs)
    assert await graph_fingerprint(demo_graph, db) == before
