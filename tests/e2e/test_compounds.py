"""Compounds and 红色物业 over HTTP against the real Neo4j (issue #14): 河畔家园's governance and its 三联办,
the no-property compounds under fallback management, the party organisations counted by kind, and a
property issue taken through the six steps by the API and a 三联办 meeting. Names are fictional."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncDriver

from tests.conftest import Api, graph_fingerprint, make_test_settings, scalar, token
from tests.e2e.test_graphql_mutations import error, ok

DB = make_test_settings().neo4j_database
HEPAN, OFFICE = "compound-hepan-jiayuan", "comm-shuguang-tripartite"

HEPAN_QUERY = """{ compound(id: "compound-hepan-jiayuan") {
  name kind households feeCollectionRate feeMeasuredOn demonstration fallbackFunding { total }
  grid { name } propertyCompany { name nonProfit managedCompounds { id } }
  ownersCommittee { name members partyMembers partyShare red }
  partyOrganizations { kind kindLabel name members }
  tripartiteOffices { id name community { name } compounds { name }
    meetings { heldOn parties residentRepresentatives }
    issues { id title step stepLabel urgency difficulty history { step by } } } } }"""


def test_hepan_jiayuan_its_governance_and_its_tripartite_office(api: Api, demo: AsyncDriver) -> None:
    c = ok(api.gql(HEPAN_QUERY))["compound"]
    assert (c["name"], c["kind"]) == ("河畔家园", "RESETTLEMENT")
    assert c["feeCollectionRate"] < 0.3 and c["feeMeasuredOn"] == "2022-03-01"
    assert c["fallbackFunding"] is None  # a commercial company manages it: no fallback funding
    assert c["propertyCompany"]["nonProfit"] is False
    assert HEPAN in [x["id"] for x in c["propertyCompany"]["managedCompounds"]]
    assert c["ownersCommittee"]["name"] == "河畔家园业主委员会"
    # the core and its two wings, in that order; red, but no 红色示范小区 with 28% of the fees collected
    assert [o["kind"] for o in c["partyOrganizations"]] == ["CORE_BRANCH", "PROPERTY_BRANCH", "OWNERS_BRANCH"]
    assert c["ownersCommittee"]["red"] is True and c["demonstration"] is False
    (office,) = c["tripartiteOffices"]
    assert (office["id"], office["community"]["name"]) == (OFFICE, "曙光社区")
    assert "河畔家园" in [x["name"] for x in office["compounds"]]
    meetings = office["meetings"]
    assert len(meetings) == 17
    assert (meetings[0]["heldOn"], meetings[-1]["heldOn"]) == ("2022-03-04", "2022-06-24")
    assert all(m["parties"] == ["COMMUNITY", "PROPERTY", "OWNERS"] and m["residentRepresentatives"] > 0
               for m in meetings)  # fmt: skip
    issues = office["issues"]
    # 先急后缓、先易后难: open issues first, urgent before less urgent, easy before hard
    open_ = [i for i in issues if i["step"] not in ("DONE", "REJECTED")]
    assert issues[: len(open_)] == open_
    assert open_[0]["urgency"] == "URGENT" and "收缴率" in open_[0]["title"]
    # the steps' actor is masked for anonymous callers, shown to a signed-in admin
    anonymous = ok(api.gql(HEPAN_QUERY, as_token=None))["compound"]["tripartiteOffices"][0]["issues"]
    assert {h["by"] for i in anonymous for h in i["history"]} == {"***"}
    assert {h["by"] for i in issues for h in i["history"]} == {"曙光社区三联办"}


def test_no_property_compounds_all_under_fallback_management(api: Api, demo: AsyncDriver) -> None:
    q = "query ($f: CompoundFilter) { compounds(filter: $f) { id propertyCompany { nonProfit } fallbackFunding { residents market projects subsidy total } } }"
    bare = ok(api.gql(q, {"f": {"kind": "NO_PROPERTY"}}))["compounds"]
    assert len(bare) == 89
    assert all(c["propertyCompany"]["nonProfit"] for c in bare)
    assert all(f["total"] == f["residents"] + f["market"] + f["projects"] + f["subsidy"] > 0
               for f in (c["fallbackFunding"] for c in bare))  # fmt: skip
    assert ok(api.gql(q, {"f": {"kind": "NO_PROPERTY", "withoutManager": True}}))["compounds"] == []
    shuguang = ok(api.gql(q, {"f": {"communityId": "comm-shuguang"}}))["compounds"]
    assert HEPAN in [c["id"] for c in shuguang]
    street = ok(api.gql(q, {"f": {"streetId": "street-guangling"}}))["compounds"]
    assert {c["id"] for c in shuguang} < {c["id"] for c in street}


def test_city_stats_count_the_branches_by_kind(api: Api, demo: AsyncDriver) -> None:
    s = ok(
        api.gql("{ cityStats { compoundPartyOrganizations partyOrganizationsByKind { key label count } } }")
    )
    stats = s["cityStats"]
    assert stats["compoundPartyOrganizations"] == 85
    assert [(c["key"], c["count"]) for c in stats["partyOrganizationsByKind"]] == [
        ("CORE_BRANCH", 50), ("PROPERTY_BRANCH", 20), ("OWNERS_BRANCH", 15),
    ]  # fmt: skip


UPDATE = "mutation ($i: UpdateCompoundGovernanceInput!) { updateCompoundGovernance(input: $i) { id propertyCompany { id } feeCollectionRate ownersCommittee { members partyMembers red } fallbackFunding { total } } }"


async def _bare_and_companies(driver: AsyncDriver) -> tuple[str, str, str]:
    rows, _, _ = await driver.execute_query(
        "MATCH (c:Compound {kind: 'NO_PROPERTY', hasPartyBranch: false}) WITH c ORDER BY c.id LIMIT 1 "
        "MATCH (n:Unit {nonProfit: true}) WITH c, n ORDER BY n.id LIMIT 1 "
        "MATCH (p:Unit {kind: 'PROPERTY_COMPANY'}) WHERE NOT coalesce(p.nonProfit, false) "
        "RETURN c.id, n.id, p.id ORDER BY p.id LIMIT 1",
        database_=DB,
    )
    return rows[0][0], rows[0][1], rows[0][2]


async def test_governance_is_set_checked_and_refused_without_writing(
    api: Api, demo_graph: AsyncDriver
) -> None:
    bare, non_profit, commercial = await _bare_and_companies(demo_graph)
    before = await graph_fingerprint(demo_graph, DB)
    # a no-property compound cannot be managed by a commercial company
    err = error(api.gql(UPDATE, {"i": {"compoundId": bare, "propertyCompanyId": commercial}}))
    assert (err["extensions"]["code"], err["extensions"]["field"]) == ("CONFLICT", "propertyCompanyId")
    err = error(
        api.gql(UPDATE, {"i": {"compoundId": bare, "feeCollectionRate": 1.5, "feeMeasuredOn": "2026-11-01"}})
    )
    assert (err["extensions"]["code"], err["extensions"]["field"]) == ("BAD_USER_INPUT", "feeCollectionRate")
    err = error(api.gql(UPDATE, {"i": {"compoundId": HEPAN, "fallbackFunding": {
        "residents": 1, "market": 1, "projects": 1, "subsidy": 1}}}))  # fmt: skip
    assert (err["extensions"]["code"], err["extensions"]["field"]) == ("CONFLICT", "fallbackFunding")
    assert await graph_fingerprint(demo_graph, DB) == before
    # accepted: its street's company, funding, a red owners' committee; twice is the same
    i: dict[str, Any] = {
        "compoundId": bare, "propertyCompanyId": non_profit,
        "fallbackFunding": {"residents": 12000, "market": 8000, "projects": 20000, "subsidy": 30000},
        "ownersCommittee": {"name": "测试小区业委会", "members": 5, "partyMembers": 4},
        "feeCollectionRate": 0.66, "feeMeasuredOn": "2026-11-01", "demonstration": True,
    }  # fmt: skip
    first = ok(api.gql(UPDATE, {"i": i}))["updateCompoundGovernance"]
    assert first == ok(api.gql(UPDATE, {"i": i}))["updateCompoundGovernance"]
    assert first["propertyCompany"]["id"] == non_profit and first["fallbackFunding"]["total"] == 70000
    assert first["ownersCommittee"] == {"members": 5, "partyMembers": 4, "red": True}
    committees = (
        "MATCH (:Compound {id: $id})-[:GOVERNED_BY]->(u:Unit {kind: 'OWNERS_COMMITTEE'}) RETURN count(u)"
    )
    assert (await demo_graph.execute_query(committees, id=bare, database_=DB))[0][0][0] == 1
    # a party organisation: a wing needs what it organises; the same id again updates it
    org = "mutation ($i: SetCompoundPartyOrganizationInput!) { setCompoundPartyOrganization(input: $i) { id kind members } }"
    o = {"compoundId": bare, "kind": "OWNERS_BRANCH", "name": "测试业委会党支部", "members": 3}
    err = error(api.gql(org, {"i": o}))  # the core first: the wings stand beside it
    assert (err["extensions"]["code"], err["extensions"]["field"]) == ("CONFLICT", "kind")
    core = {"compoundId": bare, "kind": "CORE_BRANCH", "name": "测试小区党支部", "members": 5}
    ok(api.gql(org, {"i": core}))
    has_branch = "query ($id: ID!) { compound(id: $id) { hasPartyBranch } }"
    assert ok(api.gql(has_branch, {"id": bare}))["compound"]["hasPartyBranch"] is True
    assert ok(api.gql(org, {"i": o}))["setCompoundPartyOrganization"]["id"] == f"{bare}-owners-branch"
    again = ok(api.gql(org, {"i": o | {"members": 4}}))["setCompoundPartyOrganization"]
    assert again == {"id": f"{bare}-owners-branch", "kind": "OWNERS_BRANCH", "members": 4}
    err = error(api.gql(org, {"i": o | {"members": 2}}))
    assert (err["extensions"]["code"], err["extensions"]["field"]) == ("BAD_USER_INPUT", "members")


ISSUE = "query ($id: ID!) { propertyIssue(id: $id) { step doneOn history { step note } meetings { id } } }"
CREATE = "mutation ($i: CreatePropertyIssueInput!) { createPropertyIssue(input: $i) { id step } }"
ADVANCE = "mutation ($id: ID!, $to: PropertyIssueStep!, $note: String) { advancePropertyIssue(id: $id, to: $to, note: $note) { step } }"
MEETING = "mutation ($i: RecordTripartiteMeetingInput!) { recordTripartiteMeeting(input: $i) { id issues { id step } office { id } } }"


async def test_a_property_issue_goes_through_the_six_steps(api: Api, demo_graph: AsyncDriver) -> None:
    admin = token("COMMUNITY_ADMIN", "comm-shuguang", subject="曙光社区书记")
    new = {"id": "issue-e2e", "officeId": OFFICE, "compoundId": HEPAN, "title": "单元门禁损坏", "urgency": "HIGH",
           "difficulty": "EASY"}  # fmt: skip
    assert ok(api.gql(CREATE, {"i": new}, as_token=admin))["createPropertyIssue"] == {
        "id": "issue-e2e",
        "step": "COLLECTED",
    }
    assert (
        ok(api.gql(CREATE, {"i": new}, as_token=admin))["createPropertyIssue"]["id"] == "issue-e2e"
    )  # a retry
    # a step cannot be skipped: refused, nothing written
    before = await graph_fingerprint(demo_graph, DB)
    err = error(api.gql(ADVANCE, {"id": "issue-e2e", "to": "DELIBERATED"}, as_token=admin))
    assert (err["extensions"]["code"], err["extensions"]["field"]) == ("CONFLICT", "to")
    # a meeting cannot deliberate what the party organisation has not proposed: the whole meeting is refused
    meeting = {"officeId": OFFICE, "heldOn": "2026-11-27", "topic": "河畔家园周例会", "residentRepresentatives": 6,
               "parties": ["COMMUNITY", "PROPERTY", "OWNERS"], "decisions": ["物业三日内更换门禁"],
               "issues": [{"issueId": "issue-e2e", "to": "RESOLVED", "note": "三方议定更换"}]}  # fmt: skip
    err = error(api.gql(MEETING, {"i": meeting}, as_token=admin))
    assert (err["extensions"]["code"], err["extensions"]["field"]) == ("CONFLICT", "issues[0].to")
    assert await graph_fingerprint(demo_graph, DB) == before
    # 党组织提议, then one meeting deliberates and resolves it
    assert (
        ok(api.gql(ADVANCE, {"id": "issue-e2e", "to": "PROPOSED"}, as_token=admin))["advancePropertyIssue"][
            "step"
        ]
        == "PROPOSED"
    )
    answer = ok(api.gql(MEETING, {"i": meeting}, as_token=admin))["recordTripartiteMeeting"]
    assert answer["id"] == f"{OFFICE}-2026-11-27" and answer["issues"] == [
        {"id": "issue-e2e", "step": "RESOLVED"}
    ]
    assert (
        ok(api.gql(MEETING, {"i": meeting}, as_token=admin))["recordTripartiteMeeting"]["id"] == answer["id"]
    )
    for to in ("PUBLISHED", "IMPLEMENTING", "DONE"):
        assert (
            ok(api.gql(ADVANCE, {"id": "issue-e2e", "to": to}, as_token=admin))["advancePropertyIssue"][
                "step"
            ]
            == to
        )
    assert (
        ok(api.gql(ADVANCE, {"id": "issue-e2e", "to": "DONE"}, as_token=admin))["advancePropertyIssue"][
            "step"
        ]
        == "DONE"
    )
    i = ok(api.gql(ISSUE, {"id": "issue-e2e"}))["propertyIssue"]
    assert [h["step"] for h in i["history"]] == [
        "COLLECTED", "PROPOSED", "DELIBERATED", "RESOLVED", "PUBLISHED", "IMPLEMENTING", "DONE",
    ]  # fmt: skip
    assert (
        i["history"][3]["note"] == "三方议定更换" and i["meetings"] == [{"id": answer["id"]}] and i["doneOn"]
    )
    # done is done
    err = error(api.gql(ADVANCE, {"id": "issue-e2e", "to": "REJECTED", "note": "迟了"}, as_token=admin))
    assert err["extensions"]["code"] == "CONFLICT"
    # one meeting record, written with its steps in one audited transaction
    audits = await scalar(
        demo_graph, DB, "MATCH (a:AuditRecord {action: 'recordTripartiteMeeting'}) RETURN count(a)"
    )
    assert audits == 2  # the meeting and its retry (which changed nothing)
