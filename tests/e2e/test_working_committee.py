"""The street working committee (街道大工委) as people: part-time members join in the name of a post in a city
unit and leave with their history kept; they lead party-building projects with progress notes; the members
without a project in a year are its gaps. Over HTTP, against the real Neo4j; the tests make their own people
and projects through the API."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from neo4j import AsyncDriver

from orggraph.settings import Settings
from tests.conftest import Api, graph_fingerprint, token
from tests.e2e.test_graphql_mutations import error, ok

pytestmark = pytest.mark.usefixtures("demo_graph")

GUANGLING, QIANQIU = "street-guangling", "street-qianqiu"
COMMITTEE = "street-guangling-swc"
HOSPITAL = "unit-x-0015"  # 市人民医院, an institution (事业单位)
BUREAU = "unit-dept-01"  # 市住房和城乡建设局, an agency
PRIVATE = "unit-n-0001"  # a private enterprise
THIS_YEAR = date.today().year

MEMBER = """person { id name } unit { id name } post since until current years committee { id }"""
ADD = f"""mutation ($i: AddWorkingCommitteeMemberInput!) {{ addWorkingCommitteeMember(input: $i) {{ {MEMBER} }} }}"""
REMOVE = f"""mutation ($i: RemoveWorkingCommitteeMemberInput!) {{
  removeWorkingCommitteeMember(input: $i) {{ {MEMBER} }} }}"""
COMMITTEE_Q = f"""query ($id: ID!, $year: Int) {{ street(id: $id) {{ workingCommittee {{ id
  members {{ id }} partTimeMembers(year: $year) {{ {MEMBER} projects {{ id year }} }} }} }} }}"""
PROJECT = """id year title description status statusLabel leader { id name } committee { id }
  communities { id } notes { id at text by }"""
CREATE = f"""mutation ($i: CreateProjectInput!) {{ createProject(input: $i) {{ {PROJECT} }} }}"""
UPDATE = f"""mutation ($i: UpdateProjectInput!) {{ updateProject(input: $i) {{ {PROJECT} }} }}"""
NOTE = f"""mutation ($i: AddProjectNoteInput!) {{ addProjectNote(input: $i) {{ {PROJECT} }} }}"""
GAPS = """query ($s: ID!, $y: Int!) { workingCommitteeGaps(streetId: $s, year: $y) { person { id } unit { id } } }"""


def person(pid: str, unit: str = HOSPITAL, post: str = "分管副院长", **more: Any) -> dict[str, Any]:
    return {"committeeId": COMMITTEE, "personId": pid, "personName": f"委员{pid[-1]}", "unitId": unit,
            "post": post, **more}  # fmt: skip


def add(api: Api, pid: str, **more: Any) -> dict[str, Any]:
    result: dict[str, Any] = ok(api.gql(ADD, {"i": person(pid, **more)}))["addWorkingCommitteeMember"]
    return result


def committee(api: Api, year: int | None = None, as_token: str | None = "ORG_ADMIN") -> dict[str, Any]:
    body = api.gql(COMMITTEE_Q, {"id": GUANGLING, "year": year}, as_token=as_token)
    result: dict[str, Any] = ok(body)["street"]["workingCommittee"]
    return result


def project(leader: str, **more: Any) -> dict[str, Any]:
    return {"committeeId": COMMITTEE, "leaderId": leader, "year": THIS_YEAR, "title": "红色物业共建",
            "communityIds": ["comm-shuguang", "comm-xunhe"], **more}  # fmt: skip


@pytest.fixture
async def unchanged(demo_graph: AsyncDriver, settings: Settings) -> Any:
    before = await graph_fingerprint(demo_graph, settings.neo4j_database)

    async def check() -> None:
        assert await graph_fingerprint(demo_graph, settings.neo4j_database) == before

    return check


async def test_a_person_sits_in_the_name_of_a_post_and_leaves_with_the_years_served(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    seat = add(api, "p-wc-1", since="2024-03-01")
    assert seat["person"] == {"id": "p-wc-1", "name": "委员1"}
    assert (seat["unit"]["name"], seat["post"], seat["since"], seat["current"]) == (
        "市人民医院",
        "分管副院长",
        "2024-03-01",
        True,
    )
    assert seat["years"] == list(range(2024, THIS_YEAR + 1)) and seat["committee"]["id"] == COMMITTEE
    # a retry with the same unit and post changes nothing
    assert add(api, "p-wc-1", since="2024-03-01") == seat
    now = committee(api)
    assert [m["person"]["id"] for m in now["partTimeMembers"]] == ["p-wc-1"]
    # the institution (市直单位) is now among the member units, besides the demo's ten agencies
    assert HOSPITAL in {u["id"] for u in now["members"]}
    held, _, _ = await demo_graph.execute_query(
        "MATCH (:Person {id: 'p-wc-1'})-[h:HOLDS_POST]->(u:Unit) RETURN u.id AS u, h.title AS t, h.until AS until",
        database_=settings.neo4j_database,
    )
    assert [(r["u"], r["t"], r["until"]) for r in held] == [(HOSPITAL, "分管副院长", None)]

    ended = ok(
        api.gql(
            REMOVE, {"i": {"committeeId": COMMITTEE, "personId": "p-wc-1", "until": f"{THIS_YEAR}-06-30"}}
        )
    )
    gone = ended["removeWorkingCommitteeMember"]
    assert (gone["current"], gone["until"], gone["since"]) == (False, f"{THIS_YEAR}-06-30", "2024-03-01")
    assert gone["years"] == list(range(2024, THIS_YEAR + 1))
    # a retry of the same removal changes nothing
    again = api.gql(
        REMOVE, {"i": {"committeeId": COMMITTEE, "personId": "p-wc-1", "until": f"{THIS_YEAR}-06-30"}}
    )
    assert ok(again)["removeWorkingCommitteeMember"] == gone
    after = committee(api)
    assert after["partTimeMembers"] == [] and HOSPITAL not in {u["id"] for u in after["members"]}
    # the history stays: asked for a year, the committee lists who sat on it that year
    assert [m["person"]["id"] for m in committee(api, year=2024)["partTimeMembers"]] == ["p-wc-1"]
    assert committee(api, year=2023)["partTimeMembers"] == []
    # the person still holds the post in the unit; they may sit again later
    assert add(api, "p-wc-1")["current"] is True


async def test_an_agency_member_unit_stays_while_another_of_its_people_sits(api: Api) -> None:
    add(api, "p-wc-2", unit=BUREAU, post="副局长")
    add(api, "p-wc-3", unit=BUREAU, post="总工程师")
    ok(api.gql(REMOVE, {"i": {"committeeId": COMMITTEE, "personId": "p-wc-2"}}))
    assert BUREAU in {u["id"] for u in committee(api)["members"]}


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"unitId": PRIVATE}, "BAD_USER_INPUT", "unitId"),
        ({"unitId": "unit-nope"}, "NOT_FOUND", "unitId"),
        ({"committeeId": "swc-nope"}, "NOT_FOUND", "committeeId"),
        ({"personName": None}, "BAD_USER_INPUT", "personName"),
        ({"post": "  "}, "BAD_USER_INPUT", "post"),
        ({"since": "2099-01-01"}, "BAD_USER_INPUT", "since"),
        ({"personId": "有 空格"}, "BAD_USER_INPUT", "personId"),
    ],
)
async def test_a_bad_member_is_refused_naming_the_field_and_nothing_is_written(
    api: Api, unchanged: Any, changes: dict[str, Any], code: str, field: str
) -> None:
    e = error(api.gql(ADD, {"i": {**person("p-wc-9"), **changes}}))
    assert (e["extensions"]["code"], e["extensions"].get("field")) == (code, field), e
    await unchanged()


async def test_removing_someone_who_does_not_sit_is_not_found(api: Api, unchanged: Any) -> None:
    e = error(api.gql(REMOVE, {"i": {"committeeId": COMMITTEE, "personId": "p-nobody"}}))
    assert (e["extensions"]["code"], e["extensions"]["field"]) == ("NOT_FOUND", "personId")
    await unchanged()


async def test_a_member_leads_projects_with_progress_notes(api: Api) -> None:
    add(api, "p-wc-4")
    created = ok(api.gql(CREATE, {"i": project("p-wc-4", id="proj-test-1", description="物业服务进小区")}))[
        "createProject"
    ]
    assert (created["id"], created["year"], created["status"], created["statusLabel"]) == (
        "proj-test-1",
        THIS_YEAR,
        "PLANNED",
        "计划中",
    )
    assert created["leader"]["id"] == "p-wc-4" and created["committee"]["id"] == COMMITTEE
    assert {c["id"] for c in created["communities"]} == {"comm-shuguang", "comm-xunhe"}
    # a retry with the same id and content is answered with the project, not a second one
    assert (
        ok(api.gql(CREATE, {"i": project("p-wc-4", id="proj-test-1")}))["createProject"]["id"]
        == "proj-test-1"
    )
    clash = error(api.gql(CREATE, {"i": project("p-wc-4", id="proj-test-1", title="另一个项目")}))
    assert (clash["extensions"]["code"], clash["extensions"]["field"]) == ("CONFLICT", "id")

    street_admin = token("STREET_ADMIN", GUANGLING, subject="guangling-admin")
    updated = api.gql(UPDATE, {"i": {"id": "proj-test-1", "status": "IN_PROGRESS", "communityIds": ["comm-xunhe"]}},
                      as_token=street_admin)  # fmt: skip
    u = ok(updated)["updateProject"]
    assert u["status"] == "IN_PROGRESS" and [c["id"] for c in u["communities"]] == ["comm-xunhe"]
    assert u["title"] == "红色物业共建"  # untouched
    note = {
        "projectId": "proj-test-1",
        "id": "note-test-1",
        "at": f"{THIS_YEAR}-05-01",
        "text": "召开项目推进会",
    }
    noted = ok(api.gql(NOTE, {"i": note}, as_token=street_admin))["addProjectNote"]
    assert [(n["id"], n["at"], n["text"], n["by"]) for n in noted["notes"]] == [
        ("note-test-1", f"{THIS_YEAR}-05-01", "召开项目推进会", "guangling-admin")
    ]
    # a retry of the same note adds nothing; a viewer does not see who wrote it
    assert ok(api.gql(NOTE, {"i": note}, as_token=street_admin))["addProjectNote"]["notes"] == noted["notes"]
    seen = ok(api.gql("query { project(id: \"proj-test-1\") { notes { by } leader { name } } }",
                      as_token=token("VIEWER", subject="screen")))["project"]  # fmt: skip
    assert seen == {"notes": [{"by": "***"}], "leader": {"name": "***"}}
    # the member's projects, per year
    members = committee(api)["partTimeMembers"]
    assert [p["id"] for m in members if m["person"]["id"] == "p-wc-4" for p in m["projects"]] == [
        "proj-test-1"
    ]


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"leaderId": "p-not-a-member"}, "BAD_USER_INPUT", "leaderId"),
        ({"communityIds": ["comm-changtai"]}, "BAD_USER_INPUT", "communityIds"),  # 千秋街道
        ({"communityIds": []}, "BAD_USER_INPUT", "communityIds"),
        ({"year": 1999}, "BAD_USER_INPUT", "year"),
        ({"title": ""}, "BAD_USER_INPUT", "title"),
        ({"committeeId": "swc-nope"}, "NOT_FOUND", "committeeId"),
    ],
)
async def test_a_bad_project_is_refused_naming_the_field_and_nothing_is_written(
    api: Api, demo_graph: AsyncDriver, settings: Settings, changes: dict[str, Any], code: str, field: str
) -> None:
    add(api, "p-wc-5")
    before = await graph_fingerprint(demo_graph, settings.neo4j_database)
    e = error(api.gql(CREATE, {"i": {**project("p-wc-5"), **changes}}))
    assert (e["extensions"]["code"], e["extensions"].get("field")) == (code, field), e
    assert await graph_fingerprint(demo_graph, settings.neo4j_database) == before


async def test_unknown_projects_are_not_found(api: Api, unchanged: Any) -> None:
    e = error(api.gql(UPDATE, {"i": {"id": "proj-nope", "status": "DONE"}}))
    assert (e["extensions"]["code"], e["extensions"]["field"]) == ("NOT_FOUND", "id")
    e = error(api.gql(NOTE, {"i": {"projectId": "proj-nope", "text": "x"}}))
    assert (e["extensions"]["code"], e["extensions"]["field"]) == ("NOT_FOUND", "projectId")
    await unchanged()


async def test_another_streets_admin_may_not_change_this_committee(api: Api, unchanged: Any) -> None:
    other = token("STREET_ADMIN", QIANQIU)
    assert error(api.gql(ADD, {"i": person("p-wc-6")}, as_token=other))["extensions"]["code"] == "FORBIDDEN"
    community = token("COMMUNITY_ADMIN", "comm-shuguang")
    assert (
        error(api.gql(ADD, {"i": person("p-wc-6")}, as_token=community))["extensions"]["code"] == "FORBIDDEN"
    )
    await unchanged()


def test_the_gaps_are_the_members_who_served_in_the_year_without_a_project(api: Api) -> None:
    add(api, "p-wc-7", since="2025-01-01")
    add(api, "p-wc-8", unit=BUREAU, post="副局长", since="2025-01-01")
    ok(api.gql(CREATE, {"i": project("p-wc-7", year=THIS_YEAR)}))
    gaps = ok(api.gql(GAPS, {"s": GUANGLING, "y": THIS_YEAR}))["workingCommitteeGaps"]
    assert [g["person"]["id"] for g in gaps] == ["p-wc-8"] and gaps[0]["unit"]["id"] == BUREAU
    # last year both served and neither led a project; a member who left still counts for the years served
    ok(api.gql(REMOVE, {"i": {"committeeId": COMMITTEE, "personId": "p-wc-8"}}))
    last = ok(api.gql(GAPS, {"s": GUANGLING, "y": THIS_YEAR - 1}))["workingCommitteeGaps"]
    assert sorted(g["person"]["id"] for g in last) == ["p-wc-7", "p-wc-8"]
    assert ok(api.gql(GAPS, {"s": GUANGLING, "y": 2020}))["workingCommitteeGaps"] == []
    e = error(api.gql(GAPS, {"s": "street-nope", "y": THIS_YEAR}))
    assert (e["extensions"]["code"], e["extensions"]["field"]) == ("NOT_FOUND", "streetId")
