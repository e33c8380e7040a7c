"""One request makes a bounded number of Cypher round trips, whatever the number of rows it returns."""

from __future__ import annotations

import pytest

from tests.conftest import Api

pytestmark = pytest.mark.usefixtures("demo")

NETWORK_OF_COMMUNITIES = """
query ($street: ID) {
  communities(streetId: $street, first: 100) {
    totalCount
    edges { node {
      id name
      committee {
        name
        secretary { name }
        firstSecretary { name title }
        members { seat since unit { id name kind } }
      }
      contactLeaders { name title }
    } }
  }
}
"""


def trips(api: Api, query: str, variables: dict[str, object]) -> tuple[int, dict[str, object]]:
    before = api.round_trips
    body = api.gql(query, variables)
    assert "errors" not in body, body
    return api.round_trips - before, body


def test_all_23_communities_with_committees_members_and_leaders_take_three_round_trips(api: Api) -> None:
    used, body = trips(api, NETWORK_OF_COMMUNITIES, {"street": None})
    edges = body["data"]["communities"]["edges"]  # type: ignore[index]
    assert len(edges) == 23
    assert sum(len(e["node"]["committee"]["members"]) for e in edges) > 100
    # compiled: the page and every level below it in one statement
    assert used == 1


async def test_without_the_fast_path_each_level_is_one_statement() -> None:
    from tests.conftest import make_test_settings, token
    from tests.support.app import served_app

    async with served_app(make_test_settings(compiled=False), timeout=30) as (client, app):
        before = app.state.graph.round_trips
        r = await client.post(
            "/graphql",
            json={"query": NETWORK_OF_COMMUNITIES, "variables": {"street": None}},
            headers={"authorization": f"Bearer {token('ORG_ADMIN')}"},
        )
        assert len(r.json()["data"]["communities"]["edges"]) == 23
        # the page; then one statement per level, holding that level's batch of each hop: committee
        # and contact leaders; then secretary, first secretary and members
        assert app.state.graph.round_trips - before == 3


def test_the_round_trips_do_not_grow_with_the_rows(api: Api) -> None:
    one_street, body = trips(api, NETWORK_OF_COMMUNITIES, {"street": "street-guangling"})
    assert len(body["data"]["communities"]["edges"]) == 11  # type: ignore[index]
    whole_city, _ = trips(api, NETWORK_OF_COMMUNITIES, {"street": None})
    assert one_street == whole_city


CREATE_NEED = "mutation ($i: CreateNeedInput!) { createNeed(input: $i) { id } }"


def test_a_role_allowed_everywhere_writes_without_reading_the_targets_scope(api: Api) -> None:
    from tests.conftest import token

    need = {
        "communityId": "comm-shuguang", "title": "往返次数", "description": "", "supportTypes": ["GOODS"],
        "domain": "SAFETY", "populations": ["ALL"], "quantity": 1, "quantityUnit": "个", "neededBy": "2027-03-31",
    }  # fmt: skip
    admin, _ = trips(api, CREATE_NEED, {"i": need})  # ORG_ADMIN: everywhere
    before = api.round_trips
    body = api.gql(CREATE_NEED, {"i": need}, as_token=token("COMMUNITY_ADMIN", "comm-shuguang"))
    assert "errors" not in body, body
    community = api.round_trips - before
    # the write transaction alone; a community admin's write first reads where the community is
    assert (admin, community) == (1, 2)


CREATE_NEED_ANSWERED = (
    "mutation ($i: CreateNeedInput!) { createNeed(input: $i) { id title status community { name } } }"
)


def test_create_need_is_one_statement_answering_with_its_community_in_one_bolt_round_trip(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    from neo4j._async.io._bolt._common import AsyncOutbox

    sends = 0
    flush = AsyncOutbox.flush

    async def counted(self: AsyncOutbox) -> bool:
        nonlocal sends
        sent: bool = await flush(self)
        sends += sent
        return sent

    need = {
        "communityId": "comm-shuguang", "title": "一次往返", "description": "", "supportTypes": ["GOODS"],
        "domain": "SAFETY", "populations": ["ALL"], "quantity": 1, "quantityUnit": "个", "neededBy": "2027-03-31",
    }  # fmt: skip
    trips(api, CREATE_NEED_ANSWERED, {"i": need})  # the statement is planned, the pool has a connection
    monkeypatch.setattr(AsyncOutbox, "flush", counted)
    used, body = trips(api, CREATE_NEED_ANSWERED, {"i": {**need, "clientId": "round-trips-0001"}})
    monkeypatch.undo()
    answer = body["data"]["createNeed"]  # type: ignore[index]
    assert answer["title"] == "一次往返" and answer["status"] == "COLLECTED"
    assert answer["community"] == {"name": "曙光社区"}
    # ORG_ADMIN may write everywhere: no scope read; the checks, the need, its event, the audit record
    # and the community of the answer in one statement, in one transaction; no read after it
    assert used == 1
    # Bolt: RUN and PULL sent together, and Neo4j commits as the statement ends (an auto-commit
    # transaction): no COMMIT waits on this process while the audit sequence's lock is held
    assert sends == 1


RESOURCE_FIELDS = """id title description supportType domains populations capacity capacityUnit availableFrom
availableUntil serviceArea status unit { id name } concepts { concept { id } source }"""


def test_match_need_reads_its_candidates_once_and_shows_the_resources_as_a_lookup_gives_them(
    api: Api,
) -> None:
    listed = api.gql("{ needs(filter: {status: [PUBLISHED]}, first: 12) { edges { node { id } } } }")
    needs = [e["node"]["id"] for e in listed["data"]["needs"]["edges"]]  # type: ignore[index]
    shown = 0
    for need in needs:
        used, body = trips(
            api, f"query ($n: ID!) {{ matchNeed(needId: $n, limit: 5) {{ score resource {{ {RESOURCE_FIELDS} }} }} }}",
            {"n": need},
        )  # fmt: skip
        found = body["data"]["matchNeed"]  # type: ignore[index]
        # the candidates with the resources shown, then the level below them (unit and concepts) together
        assert used == (2 if found else 1), (need, used)
        for match in found:
            alone = api.gql(
                f"query ($id: ID!) {{ resource(id: $id) {{ {RESOURCE_FIELDS} }} }}",
                {"id": match["resource"]["id"]},
            )
            assert match["resource"] == alone["data"]["resource"]  # type: ignore[index]
            shown += 1
    assert shown >= 20, "the demo's published needs have candidates"
