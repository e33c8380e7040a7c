"""The suite's cheapest proof that nothing was written, `graph_position` (the authorization matrix asserts every
refusal with it, and the demo is reloaded only when it moved), must see the server's writes and only them."""

from __future__ import annotations

from neo4j import AsyncDriver

from orggraph.settings import Settings
from tests.conftest import Api, graph_position, token

MEETING = (
    'mutation { recordJointMeeting(input: {committeeId: "comm-shuguang-committee", heldOn: "2026-11-02", '
    'topic: "位置测试"}) { id } }'
)


async def test_the_position_moves_with_a_write_of_the_server_and_only_then(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    db = settings.neo4j_database
    start = await graph_position(demo_graph, db)
    assert api.gql('{ community(id: "comm-shuguang") { name } }')["data"]["community"]["name"]
    refused = api.gql(MEETING, as_token=token("VIEWER"))
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await graph_position(demo_graph, db) == start
    assert api.gql(MEETING)["data"]["recordJointMeeting"]["id"]
    moved = await graph_position(demo_graph, db)
    assert moved != start
    # another client's write moves it too (a transaction that leaves no change commits nothing, and need not)
    await demo_graph.execute_query(
        "MERGE (p:PositionProbe {id: 'probe'}) SET p.n = coalesce(p.n, 0) + 1", database_=db
    )
    assert await graph_position(demo_graph, db) != moved
