"""The community's yearly evaluation of its member units (社区党组织的评价权): given by the community (or its
street, or the organization department) to a current member unit, replaced when given again in the same
year, audited, shown on the unit and the community, and counted in matching's reliability."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from neo4j import AsyncDriver

from orggraph.settings import Settings
from tests.conftest import Api, graph_fingerprint, token
from tests.e2e.test_graphql_mutations import error, ok
from tests.e2e.test_libraries_and_lists import CREATE_NEED, MATCH, NEED

pytestmark = pytest.mark.usefixtures("demo_graph")

SHUGUANG = "comm-shuguang"  # 广陵街道
MEMBER = "unit-x-0007"  # sits on 曙光社区大党委
NOT_MEMBER = "unit-x-0015"
THIS_YEAR = date.today().year

EVALUATE = """mutation ($i: EvaluateUnitInput!) { evaluateUnit(input: $i) {
  year score comment evaluatedAt community { id } unit { id } } }"""
ON_UNIT = """query ($id: ID!, $y: Int) { unit(id: $id) { evaluations(year: $y) { year score comment community { id } } } }"""
ON_COMMUNITY = """query ($id: ID!) { community(id: $id) { evaluations { year score unit { id name } } } }"""
AUDIT = """query ($t: String) { auditLog(action: "evaluateUnit", target: $t) { action target detail } }"""


def evaluation(**changes: Any) -> dict[str, Any]:
    return {
        "communityId": SHUGUANG,
        "unitId": MEMBER,
        "year": THIS_YEAR,
        "score": 92,
        "comment": "共建积极",
        **changes,
    }


def test_a_community_evaluates_a_member_unit_once_a_year_and_may_revise_it(api: Api) -> None:
    community_admin = token("COMMUNITY_ADMIN", SHUGUANG, subject="shuguang-admin")
    given = ok(api.gql(EVALUATE, {"i": evaluation()}, as_token=community_admin))["evaluateUnit"]
    assert (given["year"], given["score"], given["comment"]) == (THIS_YEAR, 92, "共建积极")
    assert given["community"]["id"] == SHUGUANG and given["unit"]["id"] == MEMBER and given["evaluatedAt"]
    ok(
        api.gql(
            EVALUATE, {"i": evaluation(year=THIS_YEAR - 1, score=80, comment="")}, as_token=community_admin
        )
    )
    # the street's admin revises this year's: one evaluation per year, the latest score
    street_admin = token("STREET_ADMIN", "street-guangling")
    ok(api.gql(EVALUATE, {"i": evaluation(score=95, comment="表现突出")}, as_token=street_admin))
    on_unit = ok(api.gql(ON_UNIT, {"id": MEMBER}))["unit"]["evaluations"]
    assert [(x["year"], x["score"], x["comment"]) for x in on_unit] == [
        (THIS_YEAR, 95, "表现突出"),
        (THIS_YEAR - 1, 80, ""),
    ]
    assert [
        x["score"] for x in ok(api.gql(ON_UNIT, {"id": MEMBER, "y": THIS_YEAR - 1}))["unit"]["evaluations"]
    ] == [80]
    on_community = ok(api.gql(ON_COMMUNITY, {"id": SHUGUANG}))["community"]["evaluations"]
    assert [(x["year"], x["score"], x["unit"]["id"]) for x in on_community] == [
        (THIS_YEAR, 95, MEMBER),
        (THIS_YEAR - 1, 80, MEMBER),
    ]
    # every evaluation, the revision included, is in the audit trail
    log = ok(api.gql(AUDIT, {"t": SHUGUANG}))["auditLog"]
    assert len(log) == 3 and all(r["action"] == "evaluateUnit" for r in log)
    assert "95" in log[0]["detail"]


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"unitId": NOT_MEMBER}, "BAD_USER_INPUT", "unitId"),
        ({"unitId": "unit-nope"}, "NOT_FOUND", "unitId"),
        ({"communityId": "comm-nope"}, "NOT_FOUND", "communityId"),
        ({"score": 101}, "BAD_USER_INPUT", "score"),
        ({"score": -1}, "BAD_USER_INPUT", "score"),
        ({"year": THIS_YEAR + 1}, "BAD_USER_INPUT", "year"),
        ({"comment": "长" * 501}, "BAD_USER_INPUT", "comment"),
    ],
)
async def test_a_bad_evaluation_is_refused_naming_the_field_and_nothing_is_written(
    api: Api, demo_graph: AsyncDriver, settings: Settings, changes: dict[str, Any], code: str, field: str
) -> None:
    before = await graph_fingerprint(demo_graph, settings.neo4j_database)
    e = error(api.gql(EVALUATE, {"i": evaluation(**changes)}))
    assert (e["extensions"]["code"], e["extensions"].get("field")) == (code, field), e
    assert await graph_fingerprint(demo_graph, settings.neo4j_database) == before


def test_only_the_community_its_street_or_the_department_may_evaluate(api: Api) -> None:
    for who in (
        token("COMMUNITY_ADMIN", "comm-xunhe"),
        token("STREET_ADMIN", "street-qianqiu"),
        token("UNIT_USER", MEMBER),
        token("VIEWER"),
    ):
        assert (
            error(api.gql(EVALUATE, {"i": evaluation()}, as_token=who))["extensions"]["code"] == "FORBIDDEN"
        )
    assert (
        error(api.gql(EVALUATE, {"i": evaluation()}, as_token=None))["extensions"]["code"]
        == "UNAUTHENTICATED"
    )


def test_the_evaluation_counts_in_the_units_reliability_and_its_reason(api: Api) -> None:
    need = ok(api.gql(CREATE_NEED, {"i": {**NEED, "title": "评价影响推荐"}}))["createNeed"]["id"]
    before = ok(api.gql(MATCH, {"id": need}))["matchNeed"]
    units = {c["resource"]["unit"]["id"] for c in before}
    # a candidate unit that sits on a community's committee, evaluated by that community
    found = None
    for unit in sorted(units):
        seats = ok(api.gql('query ($id: ID!) { unit(id: $id) { memberships { committee { community { id } } } } }',
                           {"id": unit}))["unit"]["memberships"]  # fmt: skip
        if seats:
            found = (unit, seats[0]["committee"]["community"]["id"])
            break
    assert found, "some candidate unit sits on a community committee"
    unit, community = found

    def reliability(candidates: list[dict[str, Any]]) -> dict[str, Any]:
        first = next(c for c in candidates if c["resource"]["unit"]["id"] == unit)
        part: dict[str, Any] = next(x for x in first["components"] if x["name"] == "reliability")
        return part

    was = reliability(before)
    assert "社区年度评价" not in was["reason"]
    ok(api.gql(EVALUATE, {"i": evaluation(communityId=community, unitId=unit, score=100)}))
    now = reliability(ok(api.gql(MATCH, {"id": need}))["matchNeed"])
    assert f"社区年度评价 100 分({THIS_YEAR}年)" in now["reason"]
    assert now["value"] > was["value"]
    ok(api.gql(EVALUATE, {"i": evaluation(communityId=community, unitId=unit, score=10)}))
    low = reliability(ok(api.gql(MATCH, {"id": need}))["matchNeed"])
    assert "社区年度评价 10 分" in low["reason"] and low["value"] < was["value"]
