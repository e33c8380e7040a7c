"""The suite's cheapest proof that nothing was written, `graph_position` (the authorization matrix asserts every
refusal with it, the demo is reloaded only when it moved, and a fingerprint is read again only when it moved),
must see the server's writes and only them."""

from __future__ import annotations

from neo4j import AsyncDriver

from orggraph.settings import Settings
from tests.conftest import Api, _Fingerprints, graph_fingerprint, graph_position, token

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


async def test_a_fingerprint_asked_again_is_read_again_once_anything_was_written(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    db = settings.neo4j_database
    before = await graph_fingerprint(demo_graph, db)
    read = _Fingerprints.asked[1]
    assert await graph_fingerprint(demo_graph, db) == before
    assert _Fingerprints.asked[1] == read, "at the same position the fingerprint is not read again"
    # a change a fingerprint sees (one property of one need), written by the server, then by another client
    renamed = api.gql('mutation { updateNeed(input: {id: "need-000003", title: "指纹测试"}) { id title } }')
    assert renamed["data"]["updateNeed"]["title"] == "指纹测试", renamed
    after = await graph_fingerprint(demo_graph, db)
    assert _Fingerprints.asked[1] == read + 1
    assert after != before
    await demo_graph.execute_query("MATCH (n:Need {id: 'need-000003'}) SET n.title = '又改了'", database_=db)
    assert await graph_fingerprint(demo_graph, db) not in (before, after)
