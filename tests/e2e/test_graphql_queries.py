"""The contract queries over HTTP, on the Tianchang demo graph."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import AsyncDriver

from tests.conftest import Api

pytestmark = pytest.mark.usefixtures("demo")


def data(body: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]
    return result


SHUGUANG = """
query ($id: ID!) {
  community(id: $id) {
    id name households street { id name }
    committee {
      id name
      secretary { id name }
      firstSecretary { id name title }
      members { seat since unit { id name kind } }
      x: members(seat: X) { unit { id } }
      n: members(seat: N) { unit { id } }
      meetings { id heldOn problemsSolved }
    }
    contactLeaders { id name }
    grids { id name households gridWorkers }
    needs(status: PUBLISHED) { id title status }
  }
}
"""


def test_shuguang_committee_shows_secretary_first_secretary_and_its_x_and_n_members(api: Api) -> None:
    c = data(api.gql(SHUGUANG, {"id": "comm-shuguang"}))["community"]
    assert c["name"] == "曙光社区" and c["street"]["name"] == "广陵街道"
    k = c["committee"]
    assert k["name"] == "曙光社区大党委"
    assert k["secretary"]["id"] == "comm-shuguang-secretary"
    # the first secretary is the city leader who contacts the community
    assert [x["id"] for x in c["contactLeaders"]] == [k["firstSecretary"]["id"]]
    seats = {m["seat"] for m in k["members"]}
    assert seats == {"X", "N"}
    x_kinds = {m["unit"]["kind"] for m in k["members"] if m["seat"] == "X"}
    assert x_kinds <= {"AGENCY", "STATE_ENTERPRISE", "INSTITUTION"}
    assert len(k["x"]) + len(k["n"]) == len(k["members"])
    assert c["households"] == sum(g["households"] for g in c["grids"])
    assert all(n["status"] == "PUBLISHED" for n in c["needs"])


async def test_communities_of_a_street_page_through_all_of_them_once(api: Api, demo: AsyncDriver) -> None:
    q = """query ($street: ID, $after: String) {
      communities(streetId: $street, first: 4, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name street { id } } } } }"""
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        page = data(api.gql(q, {"street": "street-qianqiu", "after": after}))["communities"]
        assert page["totalCount"] == 12
        seen += [e["node"]["id"] for e in page["edges"]]
        assert {e["node"]["street"]["id"] for e in page["edges"]} <= {"street-qianqiu"}
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert pages == 3 and len(seen) == 12 and len(set(seen)) == 12


def test_first_zero_returns_no_edges_but_the_total_and_whether_more_exist(api: Api) -> None:
    page = data(
        api.gql(
            "{ communities(first: 0) { totalCount pageInfo { hasNextPage endCursor } edges { cursor } } }"
        )
    )
    assert page["communities"] == {
        "totalCount": 23,
        "pageInfo": {"hasNextPage": True, "endCursor": None},
        "edges": [],
    }


def test_a_page_past_the_end_is_empty(api: Api) -> None:
    q = "query ($a: String) { communities(first: 100, after: $a) { pageInfo { hasNextPage endCursor } edges { cursor } } }"
    last = data(api.gql(q, {"a": None}))["communities"]["pageInfo"]["endCursor"]
    past = data(api.gql(q, {"a": last}))["communities"]
    assert past == {"pageInfo": {"hasNextPage": False, "endCursor": None}, "edges": []}


@pytest.mark.parametrize("cursor", ["not-a-cursor", "WyJhIl0", "e30", "!!!"])
def test_a_forged_cursor_is_bad_user_input_naming_after(api: Api, cursor: str) -> None:
    body = api.gql("query ($a: String) { communities(after: $a) { totalCount } }", {"a": cursor})
    err = body["errors"][0]
    assert err["extensions"] == {"code": "BAD_USER_INPUT", "field": "after"}
    assert "游标无效" in err["message"]


def test_a_page_larger_than_the_cap_is_refused(api: Api) -> None:
    err = api.gql("{ units(first: 1000) { totalCount } }")["errors"][0]
    assert err["extensions"]["code"] == "BAD_USER_INPUT" and err["extensions"]["field"] == "first"


def test_searching_communities_by_name(api: Api) -> None:
    found = data(api.gql('{ communities(search: "曙光") { totalCount edges { node { id } } } }'))[
        "communities"
    ]
    assert found == {"totalCount": 1, "edges": [{"node": {"id": "comm-shuguang"}}]}


def test_units_filtered_by_kind_with_memberships_and_resources(api: Api) -> None:
    q = """{ units(kind: SOCIAL_ORG, first: 100) { totalCount edges { node {
              id kind kindLabel memberships { seat committee { id community { id } } } resources { id title } } } } }"""
    units = data(api.gql(q))["units"]
    assert units["totalCount"] == len(units["edges"]) > 0
    for e in units["edges"]:
        assert e["node"]["kind"] == "SOCIAL_ORG" and e["node"]["kindLabel"] == "社会组织"
        assert all(m["seat"] == "N" for m in e["node"]["memberships"])
    assert any(e["node"]["memberships"] for e in units["edges"])
    assert any(e["node"]["resources"] for e in units["edges"])


def test_unit_by_id_and_its_working_committees(api: Api) -> None:
    u = data(api.gql('{ unit(id: "unit-dept-01") { name kind workingCommittees { street { name } } } }'))[
        "unit"
    ]
    assert u["kind"] == "AGENCY"
    assert sorted(w["street"]["name"] for w in u["workingCommittees"]) == ["千秋街道", "广陵街道"]


def test_every_leader_contacts_one_community_and_is_its_first_secretary(api: Api) -> None:
    leaders = data(
        api.gql("{ leaders { id name title contacts { id } firstSecretaryOf { id community { id } } } }")
    )
    assert len(leaders["leaders"]) == 23
    for x in leaders["leaders"]:
        assert len(x["contacts"]) == 1 and len(x["firstSecretaryOf"]) == 1
        assert x["firstSecretaryOf"][0]["community"]["id"] == x["contacts"][0]["id"]
    one = data(api.gql('{ leader(id: "leader-0001") { id contacts { name } } }'))["leader"]
    assert one["id"] == "leader-0001" and len(one["contacts"]) == 1


def test_streets_and_street_by_id(api: Api) -> None:
    streets = data(api.gql("{ streets { id name communities { id } workingCommittee { members { id } } } }"))[
        "streets"
    ]
    assert {s["name"]: len(s["communities"]) for s in streets} == {"千秋街道": 12, "广陵街道": 11}
    assert all(len(s["workingCommittee"]["members"]) == 10 for s in streets)
    assert data(api.gql('{ street(id: "street-guangling") { name } }'))["street"] == {"name": "广陵街道"}


def test_unknown_ids_answer_null(api: Api) -> None:
    body = data(
        api.gql(
            '{ community(id: "nope") { id } unit(id: "nope") { id } leader(id: "nope") { id } street(id: "nope") { id } }'
        )
    )
    assert body == {"community": None, "unit": None, "leader": None, "street": None}


def test_the_network_around_a_community_is_drawable(api: Api) -> None:
    net = data(
        api.gql(
            '{ network(centerId: "comm-shuguang", depth: 2) { truncated nodes { id label name kind } edges { source target type } } }'
        )
    )["network"]
    ids = {n["id"] for n in net["nodes"]}
    assert "comm-shuguang" in ids and "comm-shuguang-committee" in ids and "street-guangling" in ids
    assert all(e["source"] in ids and e["target"] in ids for e in net["edges"])
    assert len(ids) == len(net["nodes"])
    labels = {n["label"] for n in net["nodes"]}
    assert {"Community", "CommunityCommittee", "Leader", "Unit", "Person", "Street", "Grid"} <= labels
    assert "City" not in labels
    assert {n["kind"] for n in net["nodes"] if n["label"] == "Unit"} - {None} and not net["truncated"]
    one = data(api.gql('{ network(centerId: "comm-shuguang", depth: 1) { nodes { id } } }'))["network"]
    assert len(one["nodes"]) < len(net["nodes"])


@pytest.mark.parametrize("depth", [0, 4, -1])
def test_network_depth_is_capped(api: Api, depth: int) -> None:
    err = api.gql(f'{{ network(centerId: "comm-shuguang", depth: {depth}) {{ nodes {{ id }} }} }}')["errors"][
        0
    ]
    assert err["extensions"] == {"code": "BAD_USER_INPUT", "field": "depth"}


def test_network_around_an_unknown_id_is_not_found(api: Api) -> None:
    err = api.gql('{ network(centerId: "nope") { nodes { id } } }')["errors"][0]
    assert err["extensions"]["code"] == "NOT_FOUND"


def test_city_stats_report_the_article_figures(api: Api) -> None:
    s = data(
        api.gql("""{ cityStats { streets communities grids gridWorkers compoundPartyOrganizations
        communityCommittees streetWorkingCommittees contactPoints jointMeetings problemsSolved
        membersBySeat { key label count } unitsByKind { key count } needsByStatus { key label count } resources } }""")
    )["cityStats"]
    assert (s["streets"], s["communities"], s["grids"], s["gridWorkers"]) == (2, 23, 167, 4841)
    assert (s["compoundPartyOrganizations"], s["jointMeetings"], s["problemsSolved"]) == (85, 98, 223)
    assert s["communityCommittees"] == 23 and s["streetWorkingCommittees"] == 2 and s["contactPoints"] == 23
    assert {x["key"] for x in s["membersBySeat"]} == {"X", "N"}
    assert sum(x["count"] for x in s["needsByStatus"]) == 161 and s["resources"] == 234
    assert {x["key"]: x["label"] for x in s["needsByStatus"]}["PUBLISHED"] == "已发布"


def test_a_syntax_error_has_a_stable_code(api: Api) -> None:
    err = api.gql("{ communities(")["errors"][0]
    assert err["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    err = api.gql("{ nope }")["errors"][0]
    assert err["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
