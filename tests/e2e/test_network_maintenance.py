"""Keeping the network current with its history (#13), over HTTP against the real Neo4j: people, leaders,
secretaries, contact leaders, memberships, grids and compounds change; what ends is dated, not deleted;
`composition(asOf)` answers who sat on a committee on a given day. Every name here is fictional."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import AsyncDriver

from orggraph.settings import Settings
from tests.conftest import Api, graph_fingerprint, make_test_settings, scalar, token
from tests.e2e.test_graphql_mutations import error, ok

SHUGUANG, COMMITTEE = "comm-shuguang", "comm-shuguang-committee"
DB = make_test_settings().neo4j_database

CREATE_PERSON = "mutation ($i: CreatePersonInput!) { createPerson(input: $i) { id name } }"
CREATE_LEADER = (
    "mutation ($i: CreateLeaderInput!) { createLeader(input: $i) { id name title retiredOn unit { id } } }"
)
SET_SECRETARY = """mutation ($k: ID!, $p: ID!, $since: Date) {
  setCommitteeSecretary(committeeId: $k, personId: $p, since: $since) { id secretary { id name } } }"""
SET_CONTACT = """mutation ($c: ID!, $l: ID!, $since: Date) {
  setContactLeader(communityId: $c, leaderId: $l, since: $since) { id contactLeaders { id } } }"""
RETIRE_LEADER = "mutation ($id: ID!, $on: Date) { retireLeader(id: $id, on: $on) { id retiredOn } }"
REMOVE = """mutation ($k: ID!, $u: ID!, $until: Date) {
  removeCommitteeMember(committeeId: $k, unitId: $u, until: $until) { members { unit { id } } } }"""
COMMITTEE_NOW = """query ($asOf: Date!) { community(id: "comm-shuguang") {
  contactLeaders { id name }
  contactHistory { leader { id name } since until }
  committee {
    secretary { id name } firstSecretary { id name } members { unit { id } }
    history {
      secretaries { person { id name } since until }
      firstSecretaries { leader { id name } since until }
      members { unit { id } seat since until }
    }
    composition(asOf: $asOf) {
      asOf secretary { id name } firstSecretary { id name } members { unit { id } } contactLeaders { id }
    }
  } } }"""  # fmt: skip


def committee_on(api: Api, day: str, as_token: str | None = "ORG_ADMIN") -> dict[str, Any]:
    return ok(api.gql(COMMITTEE_NOW, {"asOf": day}, as_token=as_token))["community"]


async def test_the_studys_scenario_secretary_and_first_secretary_replaced_the_old_ones_dated(
    api: Api, demo_graph: AsyncDriver
) -> None:
    before = committee_on(api, "2026-10-31")
    old_secretary = before["committee"]["secretary"]
    old_first = before["committee"]["firstSecretary"]
    # 1. a new secretary (a person recorded first), from 1 November
    ok(api.gql(CREATE_PERSON, {"i": {"id": "person-test-lin", "name": "林晓雯"}}))
    answer = ok(api.gql(SET_SECRETARY, {"k": COMMITTEE, "p": "person-test-lin", "since": "2026-11-01"}))
    assert answer["setCommitteeSecretary"]["secretary"] == {"id": "person-test-lin", "name": "林晓雯"}
    # 2. a newly created leader becomes contact leader and first secretary, from 15 November
    leader = ok(
        api.gql(
            CREATE_LEADER,
            {
                "i": {
                    "id": "leader-test-zhou",
                    "name": "周明远",
                    "title": "市委常委",
                    "unitId": "unit-dept-01",
                }
            },
        )
    )["createLeader"]
    assert leader == {
        "id": "leader-test-zhou",
        "name": "周明远",
        "title": "市委常委",
        "retiredOn": None,
        "unit": {"id": "unit-dept-01"},
    }
    ok(api.gql(SET_CONTACT, {"c": SHUGUANG, "l": "leader-test-zhou", "since": "2026-11-15"}))

    now = committee_on(api, "2026-11-20")
    k = now["committee"]
    assert k["secretary"] == {"id": "person-test-lin", "name": "林晓雯"}
    assert k["firstSecretary"] == {"id": "leader-test-zhou", "name": "周明远"}
    assert now["contactLeaders"] == [{"id": "leader-test-zhou", "name": "周明远"}]
    # the old ones are dated in the history, the new ones run on
    assert k["history"]["secretaries"][-2:] == [
        {"person": old_secretary, "since": None, "until": "2026-11-01"},
        {"person": {"id": "person-test-lin", "name": "林晓雯"}, "since": "2026-11-01", "until": None},
    ]
    firsts = k["history"]["firstSecretaries"]
    assert firsts[-1] == {
        "leader": {"id": "leader-test-zhou", "name": "周明远"},
        "since": "2026-11-15",
        "until": None,
    }
    assert {"leader": old_first, "since": None, "until": "2026-11-15"} in firsts
    assert now["contactHistory"][-1]["leader"]["id"] == "leader-test-zhou"
    assert [t["until"] for t in now["contactHistory"] if t["leader"] == old_first] == ["2026-11-15"]
    # the composition on a day before each change is the old one; on the day of the change, the new one
    assert committee_on(api, "2026-10-31")["committee"]["composition"]["secretary"] == old_secretary
    on_nov_10 = committee_on(api, "2026-11-10")["committee"]["composition"]
    assert on_nov_10["secretary"]["id"] == "person-test-lin" and on_nov_10["firstSecretary"] == old_first
    assert on_nov_10["contactLeaders"] == [{"id": old_first["id"]}]
    assert (
        committee_on(api, "2026-11-15")["committee"]["composition"]["firstSecretary"]["id"]
        == "leader-test-zhou"
    )
    # the audit log shows the change
    log = ok(api.gql('{ auditLog(action: "setCommitteeSecretary", first: 5) { target detail } }'))["auditLog"]
    assert log[0]["target"] == COMMITTEE and "person-test-lin" in log[0]["detail"]
    # the old leader keeps its node and history; the current network reads do not see the ended ones
    assert await scalar(demo_graph, DB, "MATCH (:Leader)-[r:CONTACTS]->(:Community {id: 'comm-shuguang'}) RETURN count(r)") == 1  # fmt: skip


async def test_setting_the_same_secretary_again_changes_nothing_and_an_earlier_start_is_refused(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    ok(api.gql(CREATE_PERSON, {"i": {"id": "person-test-he", "name": "何思源"}}))
    ok(api.gql(SET_SECRETARY, {"k": COMMITTEE, "p": "person-test-he", "since": "2026-11-01"}))
    before = await graph_fingerprint(demo_graph, settings.neo4j_database)
    ok(api.gql(SET_SECRETARY, {"k": COMMITTEE, "p": "person-test-he", "since": "2026-11-01"}))  # a retry
    assert await graph_fingerprint(demo_graph, settings.neo4j_database) == before
    ok(api.gql(CREATE_PERSON, {"i": {"id": "person-test-xu", "name": "许嘉木"}}))
    before = await graph_fingerprint(demo_graph, settings.neo4j_database)
    err = error(api.gql(SET_SECRETARY, {"k": COMMITTEE, "p": "person-test-xu", "since": "2026-10-01"}))
    assert err["extensions"] == {"code": "BAD_USER_INPUT", "field": "since"}
    assert await graph_fingerprint(demo_graph, settings.neo4j_database) == before


async def test_removing_a_member_ends_the_membership_and_keeps_it_in_the_history(
    api: Api, demo_graph: AsyncDriver
) -> None:
    records, _, _ = await demo_graph.execute_query(
        "MATCH (u:Unit)-[:MEMBER_OF {seat: 'N'}]->(:CommunityCommittee {id: $k}) RETURN u.id AS u ORDER BY u LIMIT 1",
        k=COMMITTEE,
    )
    unit = records[0]["u"]
    left = ok(api.gql(REMOVE, {"k": COMMITTEE, "u": unit, "until": "2026-11-01"}))["removeCommitteeMember"]
    assert {"unit": {"id": unit}} not in left["members"]
    k = committee_on(api, "2026-10-31")["committee"]
    assert {"unit": {"id": unit}} not in k["members"]
    ended = [m for m in k["history"]["members"] if m["unit"]["id"] == unit]
    assert len(ended) == 1 and ended[0]["until"] == "2026-11-01" and ended[0]["seat"] == "N"
    assert {"unit": {"id": unit}} in k["composition"]["members"]  # it sat there on 31 October
    after = committee_on(api, "2026-11-01")["committee"]["composition"]["members"]
    assert {"unit": {"id": unit}} not in after
    # the unit's current memberships (a read of the current network) no longer show it
    unit_view = ok(
        api.gql("query ($u: ID!) { unit(id: $u) { memberships { committee { id } } } }", {"u": unit})
    )
    assert {"committee": {"id": COMMITTEE}} not in unit_view["unit"]["memberships"]
    assert (
        await scalar(demo_graph, DB, "MATCH (:Unit {id: $u})-[r:WAS_MEMBER_OF]->() RETURN count(r)", u=unit)
        == 1
    )


async def test_a_retired_leader_leaves_the_leaders_and_its_community_until_another_is_set(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    leader = ok(api.gql('{ community(id: "comm-shuguang") { contactLeaders { id } } }'))["community"]["contactLeaders"][0]["id"]  # fmt: skip
    points = ok(api.gql("{ cityStats { contactPoints } }"))["cityStats"]["contactPoints"]
    retired = ok(api.gql(RETIRE_LEADER, {"id": leader, "on": "2026-11-20"}))["retireLeader"]
    assert retired == {"id": leader, "retiredOn": "2026-11-20"}
    assert leader not in [x["id"] for x in ok(api.gql("{ leaders { id } }"))["leaders"]]
    assert ok(api.gql("query ($id: ID!) { leader(id: $id) { retiredOn contacts { id } } }", {"id": leader}))[
        "leader"
    ] == {"retiredOn": "2026-11-20", "contacts": []}
    now = committee_on(api, "2026-11-19")
    assert now["contactLeaders"] == [] and now["committee"]["firstSecretary"] is None
    assert now["committee"]["composition"]["firstSecretary"]["id"] == leader  # the day before, it was
    assert ok(api.gql("{ cityStats { contactPoints } }"))["cityStats"]["contactPoints"] == points - 1
    # retiring again changes nothing; a retired leader cannot contact a community
    before = await graph_fingerprint(demo_graph, settings.neo4j_database)
    ok(api.gql(RETIRE_LEADER, {"id": leader, "on": "2026-11-25"}))
    err = error(api.gql(SET_CONTACT, {"c": SHUGUANG, "l": leader}))
    assert err["extensions"] == {"code": "CONFLICT", "field": "leaderId"}
    assert await graph_fingerprint(demo_graph, settings.neo4j_database) == before
    # a leader of another community moves in, without a swap: that community is now without one
    xunhe = ok(api.gql('{ community(id: "comm-xunhe") { contactLeaders { id } } }'))["community"]["contactLeaders"][0]["id"]  # fmt: skip
    ok(api.gql(SET_CONTACT, {"c": SHUGUANG, "l": xunhe, "since": "2026-11-25"}))
    assert ok(
        api.gql(
            '{ community(id: "comm-xunhe") { contactLeaders { id } contactHistory { leader { id } until } } }'
        )
    )["community"] == {
        "contactLeaders": [],
        "contactHistory": [{"leader": {"id": xunhe}, "until": "2026-11-25"}],
    }


GRID = "mutation ($i: CreateGridInput!) { createGrid(input: $i) { id name households gridWorkers leader { id name } } }"
UPDATE_GRID = "mutation ($i: UpdateGridInput!) { updateGrid(input: $i) { id households leader { id } } }"
COMPOUND = (
    "mutation ($i: CreateCompoundInput!) { createCompound(input: $i) { id kind households grids { id } } }"
)
UPDATE_COMPOUND = "mutation ($i: UpdateCompoundInput!) { updateCompound(input: $i) { id grids { id } } }"
RETIRE_GRID = "mutation ($id: ID!) { retireGrid(id: $id) { id retiredOn } }"
RETIRE_COMPOUND = "mutation ($id: ID!) { retireCompound(id: $id) { id retiredOn } }"
SHUGUANG_GRIDS = '{ community(id: "comm-shuguang") { households grids { id } } }'


async def test_a_community_keeps_its_grids_and_compounds_current(api: Api, demo_graph: AsyncDriver) -> None:
    admin = token("COMMUNITY_ADMIN", SHUGUANG, subject="曙光社区管理员")
    start = ok(api.gql(SHUGUANG_GRIDS))["community"]
    stats = ok(api.gql("{ cityStats { grids compounds } }"))["cityStats"]
    ok(api.gql(CREATE_PERSON, {"i": {"id": "person-test-gl1", "name": "顾一帆"}}, as_token=admin))
    ok(api.gql(CREATE_PERSON, {"i": {"id": "person-test-gl2", "name": "韩小川"}}, as_token=admin))
    grid_input = {"id": "grid-test-1", "communityId": SHUGUANG, "name": "曙光第九网格", "households": 320,
                  "gridWorkers": 12, "leaderId": "person-test-gl1"}  # fmt: skip
    grid = ok(api.gql(GRID, {"i": grid_input}, as_token=admin))["createGrid"]
    assert grid == {"id": "grid-test-1", "name": "曙光第九网格", "households": 320, "gridWorkers": 12,
                    "leader": {"id": "person-test-gl1", "name": "顾一帆"}}  # fmt: skip
    assert (
        ok(api.gql(GRID, {"i": grid_input}, as_token=admin))["createGrid"]["id"] == "grid-test-1"
    )  # a retry
    err = error(api.gql(GRID, {"i": {**grid_input, "households": 400}}, as_token=admin))
    assert err["extensions"] == {"code": "CONFLICT", "field": "id"}
    after = ok(api.gql(SHUGUANG_GRIDS))["community"]
    assert after["households"] == start["households"] + 320 and {"id": "grid-test-1"} in after["grids"]
    updated = ok(api.gql(UPDATE_GRID, {"i": {"id": "grid-test-1", "households": 350, "leaderId": "person-test-gl2"}}, as_token=admin))  # fmt: skip
    assert updated["updateGrid"] == {
        "id": "grid-test-1",
        "households": 350,
        "leader": {"id": "person-test-gl2"},
    }
    assert await scalar(demo_graph, DB, "MATCH (:Person {id: 'person-test-gl1'})-[r:WAS_GRID_LEADER_OF]->(:Grid {id: 'grid-test-1'}) RETURN count(r)") == 1  # fmt: skip
    # a compound in the new grid, then moved to one of the community's other grids
    other = start["grids"][0]["id"]
    compound = ok(api.gql(COMPOUND, {"i": {"id": "compound-test-1", "name": "晨光小区", "kind": "OLD",
                                            "households": 180, "gridIds": ["grid-test-1"]}}, as_token=admin))  # fmt: skip
    assert compound["createCompound"] == {"id": "compound-test-1", "kind": "OLD", "households": 180, "grids": [{"id": "grid-test-1"}]}  # fmt: skip
    err = error(api.gql(RETIRE_GRID, {"id": "grid-test-1"}, as_token=admin))
    assert err["extensions"] == {"code": "CONFLICT", "field": "id"}  # it still holds a compound
    moved = ok(api.gql(UPDATE_COMPOUND, {"i": {"id": "compound-test-1", "gridIds": [other]}}, as_token=admin))
    assert moved["updateCompound"]["grids"] == [{"id": other}]
    assert await scalar(demo_graph, DB, "MATCH (:Compound {id: 'compound-test-1'})-[r:WAS_IN_GRID]->(:Grid {id: 'grid-test-1'}) RETURN count(r)") == 1  # fmt: skip
    # another community's grid is refused
    far = await scalar(demo_graph, DB, "MATCH (g:Grid)-[:PART_OF]->(:Community {id: 'comm-changtai'}) RETURN g.id LIMIT 1")  # fmt: skip
    err = error(api.gql(UPDATE_COMPOUND, {"i": {"id": "compound-test-1", "gridIds": [far]}}))
    assert err["extensions"] == {"code": "CONFLICT", "field": "gridIds"}
    # retired: out of the community's grids and the city's figures, readable in the answer
    assert (
        ok(api.gql(RETIRE_GRID, {"id": "grid-test-1"}, as_token=admin))["retireGrid"]["retiredOn"] is not None
    )
    assert ok(api.gql(RETIRE_COMPOUND, {"id": "compound-test-1"}, as_token=admin))["retireCompound"][
        "retiredOn"
    ]
    end = ok(api.gql(SHUGUANG_GRIDS))["community"]
    assert end == start
    assert ok(api.gql("{ cityStats { grids compounds } }"))["cityStats"] == stats
    log = ok(api.gql('{ auditLog(target: "grid-test-1", first: 10) { action actor } }'))["auditLog"]
    assert {x["action"] for x in log} == {"createGrid", "updateGrid", "retireGrid"}
    assert all(x["actor"] == "曙光社区管理员 (COMMUNITY_ADMIN)" for x in log)


@pytest.mark.parametrize(
    ("query", "variables", "code", "field"),
    [
        (CREATE_LEADER, {"i": {"name": " ", "title": "市委常委"}}, "BAD_USER_INPUT", "name"),
        (CREATE_LEADER, {"i": {"name": "甲", "title": "市委常委", "unitId": "unit-nope"}}, "NOT_FOUND", "unitId"),
        (CREATE_LEADER, {"i": {"id": "bad id!", "name": "甲", "title": "市委常委"}}, "BAD_USER_INPUT", "id"),
        (RETIRE_LEADER, {"id": "leader-nope"}, "NOT_FOUND", "id"),
        (RETIRE_LEADER, {"id": "leader-0001", "on": "2099-01-01"}, "BAD_USER_INPUT", "on"),
        (CREATE_PERSON, {"i": {"name": ""}}, "BAD_USER_INPUT", "name"),
        ("mutation { updatePerson(input: {id: \"nope\", name: \"甲\"}) { id } }", {}, "NOT_FOUND", "id"),
        (SET_SECRETARY, {"k": COMMITTEE, "p": "person-nope"}, "NOT_FOUND", "personId"),
        (SET_SECRETARY, {"k": "nope", "p": "comm-shuguang-secretary"}, "NOT_FOUND", "committeeId"),
        (SET_SECRETARY, {"k": COMMITTEE, "p": "comm-shuguang-secretary", "since": "2099-01-01"}, "BAD_USER_INPUT", "since"),
        (REMOVE, {"k": COMMITTEE, "u": "unit-x-0007", "until": "2099-01-01"}, "BAD_USER_INPUT", "until"),
        (GRID, {"i": {"communityId": "nope", "name": "甲", "households": 300}}, "NOT_FOUND", "communityId"),
        (GRID, {"i": {"communityId": SHUGUANG, "name": "甲", "households": -1}}, "BAD_USER_INPUT", "households"),
        (GRID, {"i": {"communityId": SHUGUANG, "name": "甲", "households": 300, "leaderId": "nope"}}, "NOT_FOUND", "leaderId"),
        (UPDATE_GRID, {"i": {"id": "nope", "households": 300}}, "NOT_FOUND", "id"),
        (COMPOUND, {"i": {"name": "甲", "kind": "OLD", "households": 10, "gridIds": []}}, "BAD_USER_INPUT", "gridIds"),
        (COMPOUND, {"i": {"name": "甲", "kind": "OLD", "households": 10, "gridIds": ["nope"]}}, "NOT_FOUND", "gridIds"),
        (RETIRE_COMPOUND, {"id": "nope"}, "NOT_FOUND", "id"),
        (SET_CONTACT, {"c": SHUGUANG, "l": "leader-0001", "since": "2020-01-01"}, "BAD_USER_INPUT", "since"),
    ],
)  # fmt: skip
async def test_bad_input_and_unknown_ids_are_refused_by_field_and_write_nothing(
    api: Api,
    demo_graph: AsyncDriver,
    settings: Settings,
    query: str,
    variables: dict[str, Any],
    code: str,
    field: str,
) -> None:
    before = await graph_fingerprint(demo_graph, settings.neo4j_database)
    audits = await scalar(demo_graph, settings.neo4j_database, "MATCH (a:AuditRecord) RETURN count(a)")
    err = error(api.gql(query, variables))
    assert err["extensions"] == {"code": code, "field": field}
    assert await graph_fingerprint(demo_graph, settings.neo4j_database) == before
    assert (
        await scalar(demo_graph, settings.neo4j_database, "MATCH (a:AuditRecord) RETURN count(a)") == audits
    )


async def test_a_leader_created_again_with_the_same_id_is_a_retry_and_with_other_content_a_conflict(
    api: Api, demo_graph: AsyncDriver
) -> None:
    given = {"id": "leader-test-retry", "name": "宋启航", "title": "副市长"}
    first = ok(api.gql(CREATE_LEADER, {"i": given}))["createLeader"]
    assert ok(api.gql(CREATE_LEADER, {"i": given}))["createLeader"] == first
    assert error(api.gql(CREATE_LEADER, {"i": {**given, "title": "市委常委"}}))["extensions"] == {
        "code": "CONFLICT",
        "field": "id",
    }
    assert await scalar(demo_graph, DB, "MATCH (l:Leader {id: 'leader-test-retry'}) RETURN count(l)") == 1
    updated = ok(
        api.gql('mutation { updateLeader(input: {id: "leader-test-retry", title: "市委常委"}) { title } }')
    )
    assert updated["updateLeader"] == {"title": "市委常委"}


def test_names_in_the_history_are_masked_for_viewers(api: Api) -> None:
    for tok in (None, token("VIEWER")):
        k = committee_on(api, "2026-11-01", as_token=tok)["committee"]
        names = [t["person"]["name"] for t in k["history"]["secretaries"]]
        names += [t["leader"]["name"] for t in k["history"]["firstSecretaries"]]
        names.append(k["composition"]["secretary"]["name"])
        assert names and set(names) == {"***"}
