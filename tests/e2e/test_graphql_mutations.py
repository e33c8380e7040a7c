"""Mutations over HTTP: each validated, each one transaction; a refused one leaves the graph unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import AsyncDriver

from orggraph.settings import Settings
from tests.conftest import Api, graph_fingerprint

SHUGUANG_COMMITTEE = "comm-shuguang-committee"


def ok(body: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]
    return result


def error(body: dict[str, Any]) -> dict[str, Any]:
    assert body.get("errors"), body
    assert body.get("data") is None or all(v is None for v in body["data"].values()), body
    err: dict[str, Any] = body["errors"][0]
    return err


@pytest.fixture
async def unchanged(demo_graph: AsyncDriver, settings: Settings) -> Any:
    """Asserts, after the test, that the graph is exactly as before it."""
    before = await graph_fingerprint(demo_graph, settings.neo4j_database)

    async def check() -> None:
        assert await graph_fingerprint(demo_graph, settings.neo4j_database) == before

    return check


async def members(driver: AsyncDriver, committee_id: str) -> dict[str, str]:
    records, _, _ = await driver.execute_query(
        "MATCH (u:Unit)-[m:MEMBER_OF]->(:CommunityCommittee {id: $id}) RETURN u.id AS u, m.seat AS s",
        id=committee_id,
    )
    return {r["u"]: r["s"] for r in records}


CREATE_UNIT = """mutation ($input: CreateUnitInput!) { createUnit(input: $input) { id name kind kindLabel partyMembers } }"""
ADD = """mutation ($k: ID!, $u: ID!, $s: Seat!) {
  addCommitteeMember(committeeId: $k, unitId: $u, seat: $s) { id members { seat unit { id } } } }"""
REMOVE = """mutation ($k: ID!, $u: ID!) { removeCommitteeMember(committeeId: $k, unitId: $u) { id members { unit { id } } } }"""


async def test_create_a_unit_then_seat_it_on_a_committee(api: Api, demo_graph: AsyncDriver) -> None:
    created = ok(
        api.gql(
            CREATE_UNIT,
            {
                "input": {
                    "id": "unit-test-ngo",
                    "name": "  邻里互助社  ",
                    "kind": "SOCIAL_ORG",
                    "partyMembers": 5,
                }
            },
        )
    )
    assert created["createUnit"] == {
        "id": "unit-test-ngo",
        "name": "邻里互助社",
        "kind": "SOCIAL_ORG",
        "kindLabel": "社会组织",
        "partyMembers": 5,
    }
    added = ok(api.gql(ADD, {"k": SHUGUANG_COMMITTEE, "u": "unit-test-ngo", "s": "N"}))["addCommitteeMember"]
    assert {"seat": "N", "unit": {"id": "unit-test-ngo"}} in added["members"]
    assert (await members(demo_graph, SHUGUANG_COMMITTEE))["unit-test-ngo"] == "N"


async def test_a_unit_without_an_id_gets_one(api: Api, demo_graph: AsyncDriver) -> None:
    created = ok(api.gql(CREATE_UNIT, {"input": {"name": "新城物业", "kind": "PROPERTY_COMPANY"}}))[
        "createUnit"
    ]
    assert created["id"].startswith("unit-") and created["partyMembers"] == 0


@pytest.mark.parametrize(
    ("unit_input", "field", "code"),
    [
        ({"name": "", "kind": "AGENCY"}, "name", "BAD_USER_INPUT"),
        ({"name": "名" * 121, "kind": "AGENCY"}, "name", "BAD_USER_INPUT"),
        ({"name": "带\u0007控制字符", "kind": "AGENCY"}, "name", "BAD_USER_INPUT"),
        ({"name": "某局", "kind": "AGENCY", "partyMembers": -1}, "partyMembers", "BAD_USER_INPUT"),
        ({"name": "某局", "kind": "AGENCY", "id": "带中文的编号"}, "id", "BAD_USER_INPUT"),
        (
            {"name": "某局", "kind": "AGENCY", "id": "unit-dept-01"},
            "id",
            "CONFLICT",
        ),  # taken, with other content
    ],
)
async def test_a_bad_unit_is_refused_naming_the_field_and_nothing_is_written(
    api: Api, unchanged: Any, unit_input: dict[str, Any], field: str, code: str
) -> None:
    err = error(api.gql(CREATE_UNIT, {"input": unit_input}))
    assert err["extensions"] == {"code": code, "field": field}
    assert err["message"].startswith(field + ":")
    await unchanged()


async def test_an_unknown_enum_value_is_bad_user_input(api: Api, unchanged: Any) -> None:
    err = error(api.gql(CREATE_UNIT, {"input": {"name": "某局", "kind": "PARTY_SCHOOL"}}))
    assert err["extensions"]["code"] == "BAD_USER_INPUT" and "PARTY_SCHOOL" in err["message"]
    await unchanged()


@pytest.mark.parametrize(
    ("unit", "seat", "field", "code", "says"),
    [
        (
            "unit-n-0001",
            "X",
            "seat",
            "BAD_USER_INPUT",
            "应占非公企业和社会组织(N)席位",
        ),  # a private firm in seat X
        ("unit-dept-01", "N", "seat", "BAD_USER_INPUT", "应占机关企事业单位(X)席位"),  # an agency in seat N
        ("unit-nowhere", "X", "unitId", "NOT_FOUND", "没有编号为"),
    ],
)
async def test_a_seat_that_does_not_match_the_unit_kind_is_refused(
    api: Api, unchanged: Any, unit: str, seat: str, field: str, code: str, says: str
) -> None:
    err = error(api.gql(ADD, {"k": SHUGUANG_COMMITTEE, "u": unit, "s": seat}))
    assert err["extensions"] == {"code": code, "field": field} and says in err["message"]
    await unchanged()


async def test_adding_a_unit_twice_is_a_conflict(api: Api, demo_graph: AsyncDriver, unchanged: Any) -> None:
    already = next(iter(await members(demo_graph, SHUGUANG_COMMITTEE)))
    seat = (await members(demo_graph, SHUGUANG_COMMITTEE))[already]
    err = error(api.gql(ADD, {"k": SHUGUANG_COMMITTEE, "u": already, "s": seat}))
    assert err["extensions"] == {"code": "CONFLICT", "field": "unitId"}
    await unchanged()


async def test_adding_to_an_unknown_committee_is_not_found(api: Api, unchanged: Any) -> None:
    err = error(api.gql(ADD, {"k": "nope", "u": "unit-dept-01", "s": "X"}))
    assert err["extensions"] == {"code": "NOT_FOUND", "field": "committeeId"}
    await unchanged()


async def test_removing_a_member_and_refusing_to_remove_the_last_of_a_seat(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    seats = await members(demo_graph, SHUGUANG_COMMITTEE)
    xs = sorted(u for u, s in seats.items() if s == "X")
    for u in xs[:-1]:
        left = ok(api.gql(REMOVE, {"k": SHUGUANG_COMMITTEE, "u": u}))["removeCommitteeMember"]["members"]
        assert {"unit": {"id": u}} not in left
    before = await graph_fingerprint(demo_graph, settings.neo4j_database)
    err = error(api.gql(REMOVE, {"k": SHUGUANG_COMMITTEE, "u": xs[-1]}))
    assert err["extensions"] == {"code": "CONFLICT", "field": "unitId"} and "1+1+X+N" in err["message"]
    assert await graph_fingerprint(demo_graph, settings.neo4j_database) == before
    err = error(api.gql(REMOVE, {"k": SHUGUANG_COMMITTEE, "u": "unit-not-a-member"}))
    assert err["extensions"]["code"] == "NOT_FOUND"


UPDATE = """mutation ($input: UpdateUnitInput!) { updateUnit(input: $input) { id name kind partyMembers } }"""


async def test_update_a_unit(api: Api, demo_graph: AsyncDriver) -> None:
    updated = ok(
        api.gql(UPDATE, {"input": {"id": "unit-n-0001", "name": "天润电子(改名)", "partyMembers": 12}})
    )
    assert updated["updateUnit"] == {
        "id": "unit-n-0001",
        "name": "天润电子(改名)",
        "kind": "PRIVATE_ENTERPRISE",
        "partyMembers": 12,
    }
    # N to N keeps every seat valid
    assert (
        ok(api.gql(UPDATE, {"input": {"id": "unit-n-0001", "kind": "SOCIAL_ORG"}}))["updateUnit"]["kind"]
        == "SOCIAL_ORG"
    )


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"id": "unit-n-0001", "kind": "AGENCY"}, "kind", "CONFLICT"),  # it sits in seat N
        (
            {"id": "unit-dept-01", "kind": "PRIVATE_ENTERPRISE"},
            "kind",
            "CONFLICT",
        ),  # street working committee member: stays in the public sector (agency, institution, state enterprise)
        ({"id": "unit-nope", "name": "x"}, "id", "NOT_FOUND"),
        ({"id": "unit-n-0001", "name": "  "}, "name", "BAD_USER_INPUT"),
    ],
)
async def test_an_update_that_would_break_an_invariant_is_refused(
    api: Api, unchanged: Any, changes: dict[str, Any], field: str, code: str
) -> None:
    err = error(api.gql(UPDATE, {"input": changes}))
    assert err["extensions"] == {"code": code, "field": field}
    await unchanged()


SET_CONTACT = """mutation ($c: ID!, $l: ID!) { setContactLeader(communityId: $c, leaderId: $l) {
  id contactLeaders { id } committee { firstSecretary { id } } } }"""


async def contact_of(driver: AsyncDriver) -> dict[str, list[str]]:
    records, _, _ = await driver.execute_query(
        "MATCH (c:Community) RETURN c.id AS c, [(l:Leader)-[:CONTACTS]->(c) | l.id] AS ls, "
        "[(l:Leader)-[:FIRST_SECRETARY_OF]->(:CommunityCommittee)<-[:HAS_COMMITTEE]-(c) | l.id] AS fs"
    )
    return {r["c"]: [*r["ls"], "|", *r["fs"]] for r in records}


async def test_set_contact_leader_swaps_the_two_leaders_and_keeps_every_invariant(
    api: Api, demo_graph: AsyncDriver
) -> None:
    before = await contact_of(demo_graph)
    old_of_shuguang = before["comm-shuguang"][0]
    newcomer = before["comm-xunhe"][0]
    result = ok(api.gql(SET_CONTACT, {"c": "comm-shuguang", "l": newcomer}))["setContactLeader"]
    assert result["contactLeaders"] == [{"id": newcomer}]
    assert result["committee"]["firstSecretary"] == {"id": newcomer}
    after = await contact_of(demo_graph)
    assert after["comm-shuguang"] == [newcomer, "|", newcomer]
    assert after["comm-xunhe"] == [old_of_shuguang, "|", old_of_shuguang]
    # every community: exactly one contact leader who is also its first secretary; nothing else moved
    assert all(len(v) == 3 and v[0] == v[2] for v in after.values())
    assert {k: v for k, v in after.items() if k not in ("comm-shuguang", "comm-xunhe")} == {
        k: v for k, v in before.items() if k not in ("comm-shuguang", "comm-xunhe")
    }


async def test_setting_the_current_contact_leader_changes_nothing(
    api: Api, demo_graph: AsyncDriver, unchanged: Any
) -> None:
    current = (await contact_of(demo_graph))["comm-shuguang"][0]
    ok(api.gql(SET_CONTACT, {"c": "comm-shuguang", "l": current}))
    await unchanged()


@pytest.mark.parametrize(
    ("community", "leader", "field"),
    [("nope", "leader-0001", "communityId"), ("comm-shuguang", "nope", "leaderId")],
)
async def test_set_contact_leader_with_unknown_ids_is_not_found(
    api: Api, unchanged: Any, community: str, leader: str, field: str
) -> None:
    err = error(api.gql(SET_CONTACT, {"c": community, "l": leader}))
    assert err["extensions"] == {"code": "NOT_FOUND", "field": field}
    await unchanged()


MEETING = """mutation ($input: RecordJointMeetingInput!) { recordJointMeeting(input: $input) {
  id heldOn topic problemsSolved committee { id } } }"""


async def test_record_a_joint_meeting(api: Api, demo_graph: AsyncDriver) -> None:
    # problemsSolved is no longer typed in: a meeting that decided nothing has solved nothing
    m = ok(api.gql(MEETING, {"input": {"committeeId": SHUGUANG_COMMITTEE, "heldOn": "2026-10-15",
                                       "topic": "河畔家园物业费收缴三方会商", "problemsSolved": 2}}))["recordJointMeeting"]  # fmt: skip
    assert m["committee"] == {"id": SHUGUANG_COMMITTEE} and m["problemsSolved"] == 0
    stats = ok(api.gql("{ cityStats { jointMeetings problemsSolved } }"))["cityStats"]
    assert stats == {"jointMeetings": 99, "problemsSolved": 223}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"heldOn": "2999-01-01"}, "heldOn"),
        ({"topic": ""}, "topic"),
        ({"attendeeIds": ["unit-not-a-member"]}, "attendeeIds"),
        ({"committeeId": "nope"}, "committeeId"),
    ],
)
async def test_a_bad_meeting_is_refused(
    api: Api, unchanged: Any, changes: dict[str, Any], field: str
) -> None:
    meeting = {"committeeId": SHUGUANG_COMMITTEE, "heldOn": "2026-10-15", "topic": "联席会议", **changes}
    err = error(api.gql(MEETING, {"input": meeting}))
    assert err["extensions"]["field"] == field
    await unchanged()


async def test_retrying_a_creation_with_the_same_id_is_idempotent(api: Api, demo_graph: AsyncDriver) -> None:
    unit = {"input": {"id": "unit-retry-1", "name": "重试测试单位", "kind": "SOCIAL_ORG"}}
    first = ok(api.gql(CREATE_UNIT, unit))["createUnit"]
    assert ok(api.gql(CREATE_UNIT, unit))["createUnit"] == first
    meeting = {"input": {"id": "meeting-retry-1", "committeeId": SHUGUANG_COMMITTEE, "heldOn": "2026-10-15",
                         "topic": "重试测试会议", "problemsSolved": 1}}  # fmt: skip
    m1 = ok(api.gql(MEETING, meeting))["recordJointMeeting"]
    assert ok(api.gql(MEETING, meeting))["recordJointMeeting"] == m1
    records, _, _ = await demo_graph.execute_query(
        "MATCH (n) WHERE n.id IN ['unit-retry-1', 'meeting-retry-1'] RETURN count(n) AS n"
    )
    assert records[0]["n"] == 2
    other = {"input": {**meeting["input"], "topic": "另一个会议"}}
    assert error(api.gql(MEETING, other))["extensions"] == {"code": "CONFLICT", "field": "id"}
