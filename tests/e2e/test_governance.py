"""The governance loops of the 3344 method over HTTP against the real Neo4j: a problem raised by a grid,
escalated by the community to the street and by the street to the city secretary's "1+N" list; a joint
meeting that records who attended, tables the problem and a need and decides two tasks (one without a
resource, led by the contact leader); the problem solved when its task is done, counted by the meeting
and the city; a street working committee's deliberation; the committees that missed a quarter; and
every refusal naming its field, writing nothing."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import AsyncDriver

from orggraph.settings import Settings
from tests.conftest import Api, graph_fingerprint, scalar, token
from tests.e2e.test_graphql_mutations import error, ok

SHUGUANG, COMMITTEE, STREET = "comm-shuguang", "comm-shuguang-committee", "street-guangling"
OTHER_COMMUNITY = "comm-changtai"  # in 千秋街道
YEAR = 2026

CREATE = """mutation ($i: CreateProblemInput!) { createProblem(input: $i) {
  id title source sourceLabel level levelLabel status statusLabel raisedOn
  community { id } street { id } grid { id } escalations { from to toLabel by reason } } }"""
ESCALATE = """mutation ($id: ID!, $to: ProblemLevel!, $reason: String!) {
  escalateProblem(id: $id, to: $to, reason: $reason) { id level status escalations { from to by reason } } }"""
MEETING = """mutation ($i: RecordJointMeetingInput!) { recordJointMeeting(input: $i) {
  id heldOn topic problemsSolved committee { id } workingCommittee { id }
  attendees { id } problems { id status } needs { id status }
  decisions { id title standard deadline status resource { id } need { id } problem { id } leader { id }
              meeting { id } community { id } responsibleUnit { id } } } }"""
PROBLEM = """query ($id: ID!) { problem(id: $id) { id status solvedOn level
  tasks { id status } meetings { id } escalations { to by } } }"""
START = """mutation ($id: ID!) { updateTask(id: $id, status: IN_PROGRESS) { id status } }"""
COMPLETE = """mutation ($id: ID!) { completeTask(id: $id, rating: 5, comment: "道路已硬化") { id status } }"""

pytestmark = pytest.mark.usefixtures("demo_graph")


async def one(driver: AsyncDriver, settings: Settings, cypher: str) -> Any:
    return await scalar(driver, settings.neo4j_database, cypher)


async def members(driver: AsyncDriver, settings: Settings, committee: str = COMMITTEE) -> list[str]:
    records, _, _ = await driver.execute_query(
        "MATCH (u:Unit)-[:MEMBER_OF]->(:CommunityCommittee {id: $k}) RETURN u.id AS id ORDER BY id",
        k=committee,
        database_=settings.neo4j_database,
    )
    return [r["id"] for r in records]


def community_admin(community: str = SHUGUANG) -> str:
    return token("COMMUNITY_ADMIN", community)


def street_admin(street: str = STREET) -> str:
    return token("STREET_ADMIN", street)


def raise_problem(api: Api, **changes: Any) -> dict[str, Any]:
    problem = {"title": "曙光路段道路硬化", "source": "GRID", "communityId": SHUGUANG,
               "gridId": "comm-shuguang-g01", "description": "雨天泥泞,居民出行难", **changes}  # fmt: skip
    result: dict[str, Any] = ok(api.gql(CREATE, {"i": problem}, as_token=community_admin()))["createProblem"]
    return result


async def test_a_problem_goes_up_to_the_city_secretary_list_and_is_solved_by_a_meeting_decision(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    p = raise_problem(api)
    assert (p["source"], p["sourceLabel"], p["level"], p["status"], p["statusLabel"]) == (
        "GRID", "网格上报", "COMMUNITY", "OPEN", "待解决",
    )  # fmt: skip
    assert p["community"] == {"id": SHUGUANG} and p["street"] == {"id": STREET}
    assert p["grid"] == {"id": "comm-shuguang-g01"} and p["escalations"] == []
    by_status = (
        'query ($s: ProblemStatus) { problems(communityId: "comm-shuguang", status: $s) { id status } }'
    )
    assert {"id": p["id"], "status": "OPEN"} in ok(api.gql(by_status, {"s": "OPEN"}))["problems"]
    assert p["id"] not in [x["id"] for x in ok(api.gql(by_status, {"s": "SOLVED"}))["problems"]]

    # community → street (by the community), street → the "1+N" list (by the street)
    up = ok(
        api.gql(
            ESCALATE, {"id": p["id"], "to": "STREET", "reason": "涉及多个社区"}, as_token=community_admin()
        )
    )
    assert up["escalateProblem"]["level"] == "STREET"
    up = ok(api.gql(ESCALATE, {"id": p["id"], "to": "CITY", "reason": "资金缺口大"}, as_token=street_admin()))
    assert [(x["from"], x["to"]) for x in up["escalateProblem"]["escalations"]] == [
        ("COMMUNITY", "STREET"), ("STREET", "CITY"),
    ]  # fmt: skip
    listed = ok(api.gql("query ($y: Int!) { secretaryWorkList(year: $y) { year solved open items { id level } } }",
                        {"y": YEAR}))["secretaryWorkList"]  # fmt: skip
    assert {"id": p["id"], "level": "CITY"} in listed["items"]
    before_solved, before_open = listed["solved"], listed["open"]
    # a problem moves up only
    down = error(api.gql(ESCALATE, {"id": p["id"], "to": "STREET", "reason": "退回"}))
    assert down["extensions"] == {"code": "CONFLICT", "field": "to"}

    need = await one(demo_graph, settings, "MATCH (:Community {id: 'comm-shuguang'})-[:RAISED]->(n:Need "
                     "{status: 'COLLECTED'}) RETURN n.id ORDER BY n.id LIMIT 1")  # fmt: skip
    units = await members(demo_graph, settings)
    leader = await one(
        demo_graph, settings, "MATCH (l:Leader)-[:CONTACTS]->(:Community {id: 'comm-shuguang'}) RETURN l.id"
    )
    meeting = {
        "id": "meeting-gov-1", "committeeId": COMMITTEE, "heldOn": "2026-10-15", "topic": "道路硬化与助老服务",
        "attendeeIds": units[:3], "problemIds": [p["id"]],
        "decisions": [
            {"problemId": p["id"], "title": "曙光路段道路硬化施工", "responsibleUnitId": units[0],
             "standard": "路面硬化验收合格", "deadline": "2026-12-31", "leaderId": leader},
            {"needId": need, "title": "助老服务对接", "responsibleUnitId": units[1],
             "standard": "居民满意", "deadline": "2027-03-31"},
        ],
    }  # fmt: skip
    m = ok(api.gql(MEETING, {"i": meeting}, as_token=community_admin()))["recordJointMeeting"]
    assert m["committee"] == {"id": COMMITTEE} and m["workingCommittee"] is None
    assert sorted(a["id"] for a in m["attendees"]) == sorted(units[:3])
    assert [x["id"] for x in m["problems"]] == [p["id"]] and [x["id"] for x in m["needs"]] == [need]
    road, care = m["decisions"]
    assert road["problem"] == {"id": p["id"]} and road["need"] is None and road["resource"] is None
    assert road["leader"] == {"id": leader} and road["meeting"] == {"id": "meeting-gov-1"}
    assert road["community"] == {"id": SHUGUANG} and road["responsibleUnit"] == {"id": units[0]}
    assert care["need"] == {"id": need} and care["resource"] is None and care["leader"] is None
    assert m["problemsSolved"] == 0 and m["problems"][0]["status"] == "IN_PROGRESS"
    in_progress = ok(api.gql(by_status, {"s": "IN_PROGRESS"}))["problems"]
    assert {"id": p["id"], "status": "IN_PROGRESS"} in in_progress
    assert all(x["status"] == "IN_PROGRESS" for x in in_progress)
    # the registered need was assigned by the meeting (派单): 已登记 → 已认领, the meeting named in its history
    history = ok(
        api.gql("query ($id: ID!) { need(id: $id) { status history { from to note } } }", {"id": need})
    )["need"]
    assert history["status"] == "CLAIMED"
    last = history["history"][-1]
    assert (last["from"], last["to"]) == ("COLLECTED", "CLAIMED") and "道路硬化与助老服务" in last["note"]
    # the decided tasks are in the four lists and the leader's key tasks
    lists = ok(api.gql("""query ($u: ID!) { taskList(filter: {communityId: "comm-shuguang"}) { id }
      responsibilityList(filter: {unitId: $u}) { unit { id } tasks { id } } }""", {"u": units[0]}))  # fmt: skip
    assert {road["id"], care["id"]} <= {t["id"] for t in lists["taskList"]}
    assert road["id"] in [t["id"] for r in lists["responsibilityList"] for t in r["tasks"]]
    key = ok(api.gql("query ($l: ID!, $y: Int) { leader(id: $l) { keyTasks(year: $y) { id } } keyTasks(leaderId: $l) { id } }",
                     {"l": leader, "y": YEAR}))  # fmt: skip
    assert {"id": road["id"]} in key["leader"]["keyTasks"] and {"id": road["id"]} in key["keyTasks"]

    stats_before = ok(api.gql("{ cityStats { problemsSolved } }"))["cityStats"]["problemsSolved"]
    ok(api.gql(START, {"id": road["id"]}, as_token=community_admin()))
    ok(api.gql(COMPLETE, {"id": road["id"]}, as_token=community_admin()))
    solved = ok(api.gql(PROBLEM, {"id": p["id"]}))["problem"]
    assert solved["status"] == "SOLVED" and solved["solvedOn"] is not None
    assert [t["status"] for t in solved["tasks"]] == ["DONE"] and solved["meetings"] == [
        {"id": "meeting-gov-1"}
    ]
    solved_list = ok(api.gql(by_status, {"s": "SOLVED"}))["problems"]
    assert {"id": p["id"], "status": "SOLVED"} in solved_list
    assert all(x["status"] == "SOLVED" for x in solved_list)
    counted = ok(api.gql('{ committee(id: "comm-shuguang-committee") { meetings { id problemsSolved } } }'))
    assert {"id": "meeting-gov-1", "problemsSolved": 1} in counted["committee"]["meetings"]
    assert ok(api.gql("{ cityStats { problemsSolved } }"))["cityStats"]["problemsSolved"] == stats_before + 1
    after = ok(api.gql("query ($y: Int!) { secretaryWorkList(year: $y) { solved open } }", {"y": YEAR}))
    assert after["secretaryWorkList"] == {"solved": before_solved + 1, "open": before_open - 1}
    # a solved problem is not escalated
    assert (
        error(api.gql(ESCALATE, {"id": p["id"], "to": "CITY", "reason": "再提"}))["extensions"]["field"]
        == "id"
    )


async def test_a_retried_meeting_decides_nothing_twice(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    p = raise_problem(api, id="problem-retry-1")
    assert raise_problem(api, id="problem-retry-1")["id"] == p["id"]  # idempotent by id
    units = await members(demo_graph, settings)
    meeting = {"id": "meeting-retry-gov", "committeeId": COMMITTEE, "heldOn": "2026-10-20", "topic": "重试",
               "decisions": [{"problemId": p["id"], "title": "修路", "responsibleUnitId": units[0],
                              "standard": "验收合格", "deadline": "2026-12-31"}]}  # fmt: skip
    first = ok(api.gql(MEETING, {"i": meeting}))["recordJointMeeting"]
    assert ok(api.gql(MEETING, {"i": meeting}))["recordJointMeeting"] == first
    tasks = await one(
        demo_graph, settings, "MATCH (:Problem {id: 'problem-retry-1'})<-[:SOLVES]-(t) RETURN count(t)"
    )
    assert tasks == 1


async def test_a_street_working_committee_deliberates_on_a_street_problem(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    committee = await one(
        demo_graph, settings, "MATCH (:Street {id: 'street-guangling'})-[:HAS_COMMITTEE]->(k) RETURN k.id"
    )
    unit = await one(
        demo_graph, settings, "MATCH (u:Unit {kind: 'AGENCY'}) RETURN u.id ORDER BY u.id LIMIT 1"
    )
    p = ok(api.gql(CREATE, {"i": {"title": "街道主干道管网改造", "source": "STREET", "streetId": STREET}},
                   as_token=street_admin()))["createProblem"]  # fmt: skip
    assert p["level"] == "STREET" and p["community"] is None and p["street"] == {"id": STREET}
    meeting = {"committeeId": committee, "heldOn": "2026-11-02", "topic": "街道大工委联席议事:管网改造",
               "decisions": [{"problemId": p["id"], "title": "主干道管网改造", "responsibleUnitId": unit,
                              "standard": "汛期前完工", "deadline": "2027-05-31"}]}  # fmt: skip
    # a community admin cannot record the street's deliberation
    refused = error(api.gql(MEETING, {"i": meeting}, as_token=community_admin()))
    assert refused["extensions"]["code"] == "FORBIDDEN"
    m = ok(api.gql(MEETING, {"i": meeting}, as_token=street_admin()))["recordJointMeeting"]
    assert m["committee"] is None and m["workingCommittee"] == {"id": committee}
    task = m["decisions"][0]
    assert task["community"] is None and task["problem"] == {"id": p["id"]}
    listed = ok(api.gql('{ taskList(filter: {streetId: "street-guangling"}) { id } }'))["taskList"]
    assert {"id": task["id"]} in listed
    meetings = ok(api.gql("query ($k: ID!) { jointMeetings(committeeId: $k) { id workingCommittee { id } } }",
                          {"k": committee}))["jointMeetings"]  # fmt: skip
    assert meetings == [{"id": m["id"], "workingCommittee": {"id": committee}}]


def fill(value: Any, ids: dict[str, str]) -> Any:
    """The parameters' placeholders (HERE, OTHER, UNIT) replaced by this graph's ids."""
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, ids) for v in value]
    return ids.get(value, value) if isinstance(value, str) else value


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"attendeeIds": ["unit-nobody"]}, "CONFLICT", "attendeeIds"),
        ({"problemIds": ["problem-nope"]}, "NOT_FOUND", "problemIds"),
        ({"decisions": [{"title": "无对象", "responsibleUnitId": "x", "standard": "s", "deadline": "2026-12-31"}]},
         "BAD_USER_INPUT", "decisions[0].problemId"),
        ({"decisions": [{"problemId": "OTHER", "title": "别的社区的问题", "responsibleUnitId": "x",
                         "standard": "s", "deadline": "2026-12-31"}]}, "CONFLICT", "problemIds"),
        ({"decisions": [{"problemId": "HERE", "title": "修路", "responsibleUnitId": "unit-nope",
                         "standard": "s", "deadline": "2026-12-31"}]}, "NOT_FOUND", "decisions[0].responsibleUnitId"),
        ({"decisions": [{"problemId": "HERE", "title": "修路", "responsibleUnitId": "UNIT", "standard": "s",
                         "deadline": "2026-12-31", "leaderId": "leader-nobody"}]}, "CONFLICT", "decisions[0].leaderId"),
        ({"decisions": [{"problemId": "HERE", "title": "修路", "responsibleUnitId": "UNIT", "standard": "s",
                         "deadline": "2026-01-01"}]}, "BAD_USER_INPUT", "decisions[0].deadline"),
    ],
)  # fmt: skip
async def test_a_bad_meeting_record_names_its_field_and_writes_nothing(
    api: Api, demo_graph: AsyncDriver, settings: Settings, changes: dict[str, Any], code: str, field: str
) -> None:
    here = raise_problem(api, id="problem-here")["id"]
    other = ok(api.gql(CREATE, {"i": {"id": "problem-other", "title": "别处", "source": "COMMUNITY",
                                      "communityId": OTHER_COMMUNITY}}))["createProblem"]["id"]  # fmt: skip
    unit = (await members(demo_graph, settings))[0]
    changes = fill(changes, {"HERE": here, "OTHER": other, "UNIT": unit})
    before = await graph_fingerprint(demo_graph, settings.neo4j_database)
    meeting = {"committeeId": COMMITTEE, "heldOn": "2026-10-15", "topic": "联席会议", **changes}
    err = error(api.gql(MEETING, {"i": meeting}))
    assert err["extensions"] == {"code": code, "field": field}
    assert await graph_fingerprint(demo_graph, settings.neo4j_database) == before


@pytest.mark.parametrize(
    ("problem", "field"),
    [
        ({"communityId": SHUGUANG, "streetId": STREET}, "communityId"),
        ({}, "communityId"),
        ({"communityId": SHUGUANG, "source": "GRID"}, "gridId"),
        ({"communityId": SHUGUANG, "source": "GRID", "gridId": "comm-changtai-g01"}, "gridId"),
        ({"communityId": "comm-nope"}, "communityId"),
        ({"communityId": SHUGUANG, "title": ""}, "title"),
        ({"communityId": SHUGUANG, "raisedOn": "2999-01-01"}, "raisedOn"),
    ],
)
async def test_a_bad_problem_names_its_field_and_writes_nothing(
    api: Api, demo_graph: AsyncDriver, settings: Settings, problem: dict[str, Any], field: str
) -> None:
    before = await graph_fingerprint(demo_graph, settings.neo4j_database)
    err = error(api.gql(CREATE, {"i": {"title": "问题", "source": "COMMUNITY", **problem}}))
    assert err["extensions"]["field"] == field
    assert await graph_fingerprint(demo_graph, settings.neo4j_database) == before


def test_a_community_admin_raises_problems_only_in_its_community(api: Api) -> None:
    refused = error(api.gql(CREATE, {"i": {"title": "越权", "source": "COMMUNITY", "communityId": OTHER_COMMUNITY}},
                            as_token=community_admin()))  # fmt: skip
    assert refused["extensions"]["code"] == "FORBIDDEN"


def test_who_escalated_is_masked_for_a_viewer(api: Api) -> None:
    p = raise_problem(api)
    ok(api.gql(ESCALATE, {"id": p["id"], "to": "STREET", "reason": "跨社区"}, as_token=community_admin()))
    seen = ok(api.gql(PROBLEM, {"id": p["id"]}, as_token=token("VIEWER")))["problem"]["escalations"]
    assert seen == [{"to": "STREET", "by": "***"}]
    named = ok(api.gql(PROBLEM, {"id": p["id"]}))["problem"]["escalations"]
    assert named[0]["by"].endswith("(COMMUNITY_ADMIN)")


def test_the_committees_that_missed_a_quarter_are_those_with_a_quarter_without_a_meeting(api: Api) -> None:
    window = {"from": "2021-01-01", "to": "2022-06-30"}
    gaps = ok(api.gql("query ($from: Date, $to: Date) { meetingGaps(from: $from, to: $to) { committeeId kind name meetings missed } }",
                      window))["meetingGaps"]  # fmt: skip
    quarters = ["2021Q1", "2021Q2", "2021Q3", "2021Q4", "2022Q1", "2022Q2"]
    meetings = ok(api.gql("query ($from: Date, $to: Date) { jointMeetings(from: $from, to: $to) { heldOn committee { id } workingCommittee { id } } }",
                          window))["jointMeetings"]  # fmt: skip
    held: dict[str, set[str]] = {}
    count: dict[str, int] = {}
    for m in meetings:
        k = (m["committee"] or m["workingCommittee"])["id"]
        y, mo, _ = m["heldOn"].split("-")
        held.setdefault(k, set()).add(f"{y}Q{(int(mo) - 1) // 3 + 1}")
        count[k] = count.get(k, 0) + 1
    committees = ok(api.gql("{ streets { id workingCommittee { id } communities { committee { id } } } }"))[
        "streets"
    ]
    every = [s["workingCommittee"]["id"] for s in committees if s["workingCommittee"]] + [
        c["committee"]["id"] for s in committees for c in s["communities"] if c["committee"]
    ]
    expected = {k: [q for q in quarters if q not in held.get(k, set())] for k in every}
    assert {g["committeeId"]: g["missed"] for g in gaps} == {k: v for k, v in expected.items() if v}
    assert {g["committeeId"]: g["meetings"] for g in gaps} == {
        g["committeeId"]: count.get(g["committeeId"], 0) for g in gaps
    }


def test_the_demo_answers_the_article_figures_of_the_leaders_lists(api: Api) -> None:
    """「去年解决重难点问题13个」(the article was written in 2022: "last year" is 2021) and 「推动31件重点任务」."""
    data = ok(
        api.gql(
            "{ secretaryWorkList(year: 2021) { solved open items { level status } } keyTasks { id leader { id } } }"
        )
    )
    assert data["secretaryWorkList"]["solved"] == 13 and data["secretaryWorkList"]["open"] == 0
    assert {(p["level"], p["status"]) for p in data["secretaryWorkList"]["items"]} == {("CITY", "SOLVED")}
    assert len(data["keyTasks"]) == 31 and all(t["leader"] for t in data["keyTasks"])


def test_an_owners_committee_or_a_street_non_profit_company_is_not_seated(api: Api) -> None:
    """The article seats neither on a big party committee (业委会 is a wing of the compound's organisation;
    the street's non-profit company is not a non-public enterprise)."""
    ok(
        api.gql(
            'mutation { createUnit(input: {id: "unit-owners-1", name: "河畔家园业主委员会", kind: OWNERS_COMMITTEE}) { id } }'
        )
    )
    seat = 'mutation ($u: ID!) { addCommitteeMember(committeeId: "comm-shuguang-committee", unitId: $u, seat: N) { id } }'
    assert error(api.gql(seat, {"u": "unit-owners-1"}))["extensions"] == {
        "code": "CONFLICT",
        "field": "unitId",
    }
    non_profit = ok(api.gql("{ units(kind: PROPERTY_COMPANY) { edges { node { id nonProfit } } } }"))[
        "units"
    ]["edges"]
    street_company = next(e["node"]["id"] for e in non_profit if e["node"]["nonProfit"])
    assert error(api.gql(seat, {"u": street_company}))["extensions"] == {
        "code": "CONFLICT",
        "field": "unitId",
    }
