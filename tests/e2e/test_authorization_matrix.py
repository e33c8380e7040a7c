"""Every mutation, for every role, in scope and out of scope. Refused requests write nothing, not even an
audit record; accepted ones leave exactly one audit record naming who did what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from graphql import FieldNode, OperationDefinitionNode, parse
from neo4j import AsyncDriver

from orggraph.api.schema import build_schema
from orggraph.settings import Settings
from tests.conftest import Api, graph_position, token

pytestmark = pytest.mark.usefixtures("demo_graph")

HERE_STREET, OTHER_STREET = "street-guangling", "street-qianqiu"
HERE, OTHER = "comm-shuguang", "comm-changtai"  # 曙光社区 is in 广陵街道; 长泰社区 in 千秋街道


@dataclass(frozen=True)
class Case:
    name: str
    query: str
    variables: dict[str, Any]
    allowed: frozenset[str]  # principals allowed, from the roles table of docs/security.md
    unit: str  # the unit a UNIT_USER "in scope" belongs to


async def targets(driver: AsyncDriver) -> dict[str, str]:
    async def one(q: str) -> str:
        return str((await driver.execute_query(q))[0][0][0])

    return {
        "need": await one("MATCH (:Community {id: 'comm-shuguang'})-[:RAISED]->(n:Need {status: 'COLLECTED'}) RETURN n.id ORDER BY n.id LIMIT 1"),
        "published": await one("MATCH (:Community {id: 'comm-shuguang'})-[:RAISED]->(n:Need {status: 'PUBLISHED'}) RETURN n.id ORDER BY n.id LIMIT 1"),
        "member": await one("MATCH (u:Unit)-[:MEMBER_OF {seat: 'N'}]->(:CommunityCommittee {id: 'comm-shuguang-committee'}) RETURN u.id ORDER BY u.id LIMIT 1"),
        "leader": await one("MATCH (l:Leader)-[:CONTACTS]->(:Community {id: 'comm-shuguang'}) RETURN l.id"),
        "resource": await one("MATCH (:Unit {id: 'unit-n-0001'})-[:OFFERS]->(r:Resource) RETURN r.id ORDER BY r.id LIMIT 1"),
        "task": await one("MATCH (:Community {id: 'comm-shuguang'})-[:RAISED]->(:Need)<-[:FULFILS]-(t:Task) RETURN t.id ORDER BY t.id LIMIT 1"),
        "problem": await one("MATCH (p:Problem)-[:RAISED_IN]->(:Community {id: 'comm-shuguang'}) RETURN p.id ORDER BY p.id LIMIT 1"),
        "taskUnit": await one("MATCH (:Community {id: 'comm-shuguang'})-[:RAISED]->(:Need)<-[:FULFILS]-(t:Task)-[:RESPONSIBLE]->(u) RETURN u.id ORDER BY t.id LIMIT 1"),
    }  # fmt: skip


async def working_committee_targets(api: Api, driver: AsyncDriver) -> dict[str, str]:
    """The street working committee's people and a project, made through the API (the demo may have none),
    and an X member unit of 曙光社区大党委 to evaluate."""
    for pid, unit in (("p-authz-leaves", "unit-dept-01"), ("p-authz-leader", "unit-dept-03")):
        member = {"committeeId": "street-guangling-swc", "personId": pid, "personName": "权限测试委员",
                  "unitId": unit, "post": "副局长"}  # fmt: skip
        body = api.gql("mutation ($i: AddWorkingCommitteeMemberInput!) { addWorkingCommitteeMember(input: $i) { since } }",
                       {"i": member})  # fmt: skip
        assert "errors" not in body, body
    project = {"committeeId": "street-guangling-swc", "leaderId": "p-authz-leader", "year": date.today().year,
               "title": "权限测试项目", "communityIds": [HERE], "id": "proj-authz"}  # fmt: skip
    body = api.gql("mutation ($i: CreateProjectInput!) { createProject(input: $i) { id } }", {"i": project})
    assert "errors" not in body, body
    x = "MATCH (u:Unit)-[:MEMBER_OF {seat: 'X'}]->(:CommunityCommittee {id: 'comm-shuguang-committee'}) RETURN u.id ORDER BY u.id LIMIT 1"
    return {"xMember": str((await driver.execute_query(x))[0][0][0])}


async def report_targets(api: Api) -> dict[str, str]:
    """Reports (智慧管家) at 河畔家园 (曙光社区) in each status a step starts from, submitted by the resident
    RESIDENT_OWN and moved on by the organization department through the API."""
    resident = token("RESIDENT", subject="resident-authz")

    def run(query: str, variables: dict[str, Any], as_token: str = "ORG_ADMIN") -> dict[str, Any]:
        body = api.gql(query, variables, as_token=as_token)
        assert "errors" not in body, body
        return body["data"]

    def submitted() -> str:
        i = {"compoundId": "compound-hepan-jiayuan", "category": "FIRE_ACCESS", "text": "权限测试反映"}
        found = run(
            "mutation ($i: SubmitReportInput!) { submitReport(input: $i) { id } }", {"i": i}, resident
        )
        return str(found["submitReport"]["id"])

    def dispatched() -> str:
        rid = submitted()
        run("mutation ($i: DispatchReportInput!) { dispatchReport(input: $i) { id } }", {"i": {"id": rid}})
        return rid

    accepted, handled = dispatched(), dispatched()
    run("mutation ($id: ID!) { acceptReport(id: $id) { id } }", {"id": accepted})
    run(
        "mutation ($i: HandleReportInput!) { handleReport(input: $i) { id } }",
        {"i": {"id": handled, "note": "已处理"}},
    )
    return {"reported": submitted(), "dispatched": dispatched(), "toReassign": dispatched(),
            "accepted": accepted, "handled": handled}  # fmt: skip


ORG = {"ORG_ADMIN"}
STREET_COMMUNITY = {"ORG_ADMIN", "STREET_ADMIN_IN", "COMMUNITY_ADMIN_IN"}
# a new person sits in no scope: every street and community admin may record one
ANY_KEEPER = STREET_COMMUNITY | {"STREET_ADMIN_OUT", "COMMUNITY_ADMIN_OUT"}


def cases(t: dict[str, str]) -> list[Case]:
    need_input = {"communityId": HERE, "title": "权限测试需求", "supportTypes": ["VOLUNTEER"], "domain": "ELDER",
                  "populations": ["ELDERLY"], "quantity": 2, "quantityUnit": "人", "neededBy": "2027-06-30"}  # fmt: skip
    resource_input = {"unitId": "unit-n-0001", "title": "权限测试资源", "supportType": "VOLUNTEER", "domains": ["ELDER"],
                      "populations": ["ELDERLY"], "capacity": 5, "capacityUnit": "人", "availableFrom": "2026-01-01",
                      "availableUntil": "2027-12-31", "serviceArea": "CITY"}  # fmt: skip
    c = Case
    return [
        c("createUnit", "mutation ($i: CreateUnitInput!) { createUnit(input: $i) { id } }",
          {"i": {"name": "权限测试单位", "kind": "SOCIAL_ORG"}}, frozenset(ORG), "unit-n-0001"),
        c("updateUnit", "mutation ($i: UpdateUnitInput!) { updateUnit(input: $i) { id } }",
          {"i": {"id": "unit-n-0001", "partyMembers": 9}}, frozenset(ORG | {"UNIT_USER_IN"}), "unit-n-0001"),
        c("addCommitteeMember", "mutation { addCommitteeMember(committeeId: \"comm-shuguang-committee\", unitId: \"unit-n-0009\", seat: N) { id } }",
          {}, frozenset(ORG | {"STREET_ADMIN_IN"}), "unit-n-0009"),
        c("removeCommitteeMember", "mutation ($u: ID!) { removeCommitteeMember(committeeId: \"comm-shuguang-committee\", unitId: $u) { id } }",
          {"u": t["member"]}, frozenset(ORG | {"STREET_ADMIN_IN"}), t["member"]),
        c("setContactLeader", "mutation ($l: ID!) { setContactLeader(communityId: \"comm-shuguang\", leaderId: $l) { id } }",
          {"l": t["leader"]}, frozenset(ORG), "unit-n-0001"),
        c("recordJointMeeting", "mutation ($i: RecordJointMeetingInput!) { recordJointMeeting(input: $i) { id } }",
          {"i": {"committeeId": "comm-shuguang-committee", "heldOn": "2026-10-01", "topic": "权限测试会议"}},
          frozenset(STREET_COMMUNITY), "unit-n-0001"),
        c("createProblem", "mutation ($i: CreateProblemInput!) { createProblem(input: $i) { id } }",
          {"i": {"communityId": HERE, "title": "权限测试问题", "source": "COMMUNITY"}}, frozenset(STREET_COMMUNITY), "unit-n-0001"),
        c("escalateProblem", "mutation ($id: ID!) { escalateProblem(id: $id, to: STREET, reason: \"权限测试\") { id } }",
          {"id": t["problem"]}, frozenset(STREET_COMMUNITY), "unit-n-0001"),
        c("leadTask", "mutation ($t: ID!, $l: ID!) { leadTask(taskId: $t, leaderId: $l) { id } }",
          {"t": t["task"], "l": t["leader"]}, frozenset(ORG), "unit-n-0001"),
        c("createNeed", "mutation ($i: CreateNeedInput!) { createNeed(input: $i) { id } }", {"i": need_input},
          frozenset(STREET_COMMUNITY), "unit-n-0001"),
        c("updateNeed", "mutation ($i: UpdateNeedInput!) { updateNeed(input: $i) { id } }",
          {"i": {"id": t["need"], "quantity": 3}}, frozenset(STREET_COMMUNITY), "unit-n-0001"),
        c("advanceNeed", "mutation ($id: ID!) { advanceNeed(id: $id, to: PUBLISHED) { id } }", {"id": t["need"]},
          frozenset(STREET_COMMUNITY), "unit-n-0001"),
        c("claimNeed", "mutation ($n: ID!) { claimNeed(needId: $n, unitId: \"unit-n-0001\") { id } }",
          {"n": t["published"]}, frozenset(ORG | {"UNIT_USER_IN"}), "unit-n-0001"),
        c("createResource", "mutation ($i: CreateResourceInput!) { createResource(input: $i) { id } }",
          {"i": resource_input}, frozenset(ORG | {"UNIT_USER_IN"}), "unit-n-0001"),
        c("updateResource", "mutation ($i: UpdateResourceInput!) { updateResource(input: $i) { id } }",
          {"i": {"id": t["resource"], "title": "权限测试资源(改)"}}, frozenset(ORG | {"UNIT_USER_IN"}), "unit-n-0001"),
        c("withdrawResource", "mutation ($id: ID!) { withdrawResource(id: $id) { id } }", {"id": t["resource"]},
          frozenset(ORG | {"UNIT_USER_IN"}), "unit-n-0001"),
        c("tagConcept", "mutation ($t: ID!) { tagConcept(targetId: $t, conceptId: \"gas-safety\") { source } }",
          {"t": t["need"]}, frozenset(STREET_COMMUNITY), "unit-n-0001"),
        c("untagConcept", "mutation ($t: ID!) { untagConcept(targetId: $t, conceptId: \"gas-safety\") { source } }",
          {"t": t["resource"]}, frozenset(ORG | {"UNIT_USER_IN"}), "unit-n-0001"),
        c("acceptMatch", "mutation ($i: AcceptMatchInput!) { acceptMatch(input: $i) { id } }",
          {"i": {"needId": t["published"], "resourceId": t["resource"], "standard": "权限测试", "deadline": "2027-06-01",
                 "overrideReason": "权限测试"}}, frozenset(STREET_COMMUNITY), "unit-n-0001"),
        c("updateTask", "mutation ($id: ID!) { updateTask(id: $id, status: IN_PROGRESS) { id } }", {"id": t["task"]},
          frozenset(STREET_COMMUNITY | {"UNIT_USER_IN"}), t["taskUnit"]),
        c("completeTask", "mutation ($id: ID!) { completeTask(id: $id, rating: 5) { id } }", {"id": t["task"]},
          frozenset(STREET_COMMUNITY), t["taskUnit"]),
        # the street working committee's people and projects: its street's admin; evaluations: the community
        c("addWorkingCommitteeMember",
          "mutation ($i: AddWorkingCommitteeMemberInput!) { addWorkingCommitteeMember(input: $i) { since } }",
          {"i": {"committeeId": "street-guangling-swc", "personId": "p-authz-new", "personName": "权限测试委员",
                 "unitId": "unit-x-0015", "post": "副院长"}}, frozenset(ORG | {"STREET_ADMIN_IN"}), "unit-x-0015"),
        c("removeWorkingCommitteeMember",
          "mutation ($i: RemoveWorkingCommitteeMemberInput!) { removeWorkingCommitteeMember(input: $i) { until } }",
          {"i": {"committeeId": "street-guangling-swc", "personId": "p-authz-leaves"}},
          frozenset(ORG | {"STREET_ADMIN_IN"}), "unit-dept-01"),
        c("createProject", "mutation ($i: CreateProjectInput!) { createProject(input: $i) { id } }",
          {"i": {"committeeId": "street-guangling-swc", "leaderId": "p-authz-leader", "year": date.today().year,
                 "title": "权限测试项目二", "communityIds": [HERE], "id": "proj-authz-2"}},
          frozenset(ORG | {"STREET_ADMIN_IN"}), "unit-dept-03"),
        c("updateProject", "mutation ($i: UpdateProjectInput!) { updateProject(input: $i) { id } }",
          {"i": {"id": "proj-authz", "status": "IN_PROGRESS"}}, frozenset(ORG | {"STREET_ADMIN_IN"}), "unit-dept-03"),
        c("addProjectNote", "mutation ($i: AddProjectNoteInput!) { addProjectNote(input: $i) { id } }",
          {"i": {"projectId": "proj-authz", "text": "权限测试进展", "id": "note-authz"}},
          frozenset(ORG | {"STREET_ADMIN_IN"}), "unit-dept-03"),
        c("evaluateUnit", "mutation ($i: EvaluateUnitInput!) { evaluateUnit(input: $i) { score } }",
          {"i": {"communityId": HERE, "unitId": t["xMember"], "year": date.today().year, "score": 90}},
          frozenset(STREET_COMMUNITY), t["xMember"]),
        # ratings (#14): the street's property centre for its places, the city for the authority and the list
        c("recordPropertyRating", "mutation ($i: RecordPropertyRatingInput!) { recordPropertyRating(input: $i) { id } }",
          {"i": {"unitId": "unit-pm-0001", "year": 2025, "rater": "COMMUNITY", "communityId": HERE, "partyBuilding": 27,
                 "environment": 30, "management": 31}}, frozenset(ORG | {"STREET_ADMIN_IN"}), "unit-pm-0001"),
        c("recordInspection", "mutation ($i: RecordInspectionInput!) { recordInspection(input: $i) { id } }",
          {"i": {"compoundId": "compound-hepan-jiayuan", "date": "2025-05-06", "score": 88}},
          frozenset(ORG | {"STREET_ADMIN_IN"}), "unit-pm-0001"),
        c("recordSatisfactionSurvey", "mutation ($i: RecordSatisfactionSurveyInput!) { recordSatisfactionSurvey(input: $i) { id } }",
          {"i": {"compoundId": "compound-hepan-jiayuan", "quarter": "2025Q2", "surveyed": 30, "satisfied": 28}},
          frozenset(ORG | {"STREET_ADMIN_IN"}), "unit-pm-0001"),
        c("publishPropertyRatingList", "mutation { publishPropertyRatingList(input: {year: 2021}) { published } }",
          {}, frozenset(ORG), "unit-pm-0001"),
        # keeping the network current (#13): given ids, so that each allowed principal's call is a retry
        c("createLeader", "mutation ($i: CreateLeaderInput!) { createLeader(input: $i) { id } }",
          {"i": {"id": "leader-authz", "name": "权限测试领导", "title": "市委常委"}}, frozenset(ORG), "unit-n-0001"),
        c("updateLeader", "mutation ($i: UpdateLeaderInput!) { updateLeader(input: $i) { id } }",
          {"i": {"id": "leader-authz", "title": "副市长"}}, frozenset(ORG), "unit-n-0001"),
        c("retireLeader", "mutation { retireLeader(id: \"leader-authz\") { id } }", {}, frozenset(ORG), "unit-n-0001"),
        c("createPerson", "mutation ($i: CreatePersonInput!) { createPerson(input: $i) { id } }",
          {"i": {"id": "person-authz", "name": "权限测试人员"}}, frozenset(ANY_KEEPER), "unit-n-0001"),
        c("updatePerson", "mutation ($i: UpdatePersonInput!) { updatePerson(input: $i) { id } }",
          {"i": {"id": "person-authz", "name": "权限测试人员"}}, frozenset(ORG), "unit-n-0001"),
        c("setCommitteeSecretary", "mutation { setCommitteeSecretary(committeeId: \"comm-shuguang-committee\", personId: \"person-authz\") { id } }",
          {}, frozenset(ORG | {"STREET_ADMIN_IN"}), "unit-n-0001"),
        c("createGrid", "mutation ($i: CreateGridInput!) { createGrid(input: $i) { id } }",
          {"i": {"id": "grid-authz", "communityId": HERE, "name": "权限测试网格", "households": 300}},
          frozenset(STREET_COMMUNITY), "unit-n-0001"),
        c("updateGrid", "mutation ($i: UpdateGridInput!) { updateGrid(input: $i) { id } }",
          {"i": {"id": "grid-authz", "gridWorkers": 3, "leaderId": "person-authz"}}, frozenset(STREET_COMMUNITY), "unit-n-0001"),
        c("createCompound", "mutation ($i: CreateCompoundInput!) { createCompound(input: $i) { id } }",
          {"i": {"id": "compound-authz", "name": "权限测试小区", "kind": "OLD", "households": 100, "gridIds": ["grid-authz"]}},
          frozenset(STREET_COMMUNITY), "unit-n-0001"),
        c("updateCompound", "mutation ($i: UpdateCompoundInput!) { updateCompound(input: $i) { id } }",
          {"i": {"id": "compound-authz", "households": 120}}, frozenset(STREET_COMMUNITY), "unit-n-0001"),
        c("retireCompound", "mutation { retireCompound(id: \"compound-authz\") { id } }", {},
          frozenset(STREET_COMMUNITY), "unit-n-0001"),
        c("retireGrid", "mutation { retireGrid(id: \"grid-authz\") { id } }", {}, frozenset(STREET_COMMUNITY), "unit-n-0001"),
        # compounds and 红色物业 (issue #14): 河畔家园 and 曙光社区's 三联办
        c("updateCompoundGovernance", "mutation ($i: UpdateCompoundGovernanceInput!) { updateCompoundGovernance(input: $i) { id } }",
          {"i": {"compoundId": "compound-hepan-jiayuan", "feeCollectionRate": 0.3, "feeMeasuredOn": "2026-11-01"}},
          frozenset(STREET_COMMUNITY), "unit-n-0001"),
        c("setCompoundPartyOrganization", "mutation ($i: SetCompoundPartyOrganizationInput!) { setCompoundPartyOrganization(input: $i) { id } }",
          {"i": {"compoundId": "compound-hepan-jiayuan", "kind": "CORE_BRANCH", "name": "河畔家园小区党支部", "members": 12}},
          frozenset(STREET_COMMUNITY), "unit-n-0001"),
        c("createPropertyIssue", "mutation ($i: CreatePropertyIssueInput!) { createPropertyIssue(input: $i) { id } }",
          {"i": {"id": "issue-authz", "officeId": "comm-shuguang-tripartite", "title": "权限测试问题"}},
          frozenset(STREET_COMMUNITY), "unit-n-0001"),
        c("advancePropertyIssue", "mutation { advancePropertyIssue(id: \"issue-authz\", to: PROPOSED) { step } }", {},
          frozenset(STREET_COMMUNITY), "unit-n-0001"),
        c("recordTripartiteMeeting", "mutation ($i: RecordTripartiteMeetingInput!) { recordTripartiteMeeting(input: $i) { id } }",
          {"i": {"officeId": "comm-shuguang-tripartite", "heldOn": "2026-11-20", "topic": "权限测试例会",
                 "parties": ["COMMUNITY", "PROPERTY", "OWNERS"], "residentRepresentatives": 4,
                 "issues": [{"issueId": "issue-authz", "to": "DELIBERATED"}]}},
          frozenset(STREET_COMMUNITY), "unit-n-0001"),
        # in-service party members and campaigns (#14): given ids, so that each allowed principal's call is a retry
        c("registerPartyMember", "mutation ($i: RegisterPartyMemberInput!) { registerPartyMember(input: $i) { id } }",
          {"i": {"unitId": "unit-dept-01", "personId": "pm-authz", "personName": "权限测试党员",
                 "compoundId": "compound-hepan-jiayuan"}}, frozenset(ORG | {"UNIT_USER_IN"}), "unit-dept-01"),
        c("pairUnit", "mutation ($i: PairUnitInput!) { pairUnit(input: $i) { id } }",
          {"i": {"unitId": "unit-n-0001", "communityId": HERE}}, frozenset(ORG | {"STREET_ADMIN_IN"}), "unit-n-0001"),
        c("setCommitment", "mutation ($i: SetCommitmentInput!) { setCommitment(input: $i) { year } }",
          {"i": {"personId": "pm-authz", "year": date.today().year, "duty": "楼栋长", "promise": "权限测试承诺"}},
          frozenset(ORG | {"UNIT_USER_IN"}), "unit-dept-01"),
        c("assignZone", "mutation ($i: AssignZoneInput!) { assignZone(input: $i) { zoneId } }",
          {"i": {"communityId": HERE, "unitId": "unit-n-0001", "compoundId": "compound-hepan-jiayuan", "duty": "秩序维护"}},
          frozenset(STREET_COMMUNITY), "unit-n-0001"),
        c("createRoadSection", "mutation ($i: CreateRoadSectionInput!) { createRoadSection(input: $i) { id } }",
          {"i": {"id": "road-authz", "communityId": HERE, "name": "权限测试路段"}}, frozenset(STREET_COMMUNITY), "unit-n-0001"),
        c("recordService", "mutation ($i: RecordServiceInput!) { recordService(input: $i) { id } }",
          {"i": {"id": "svc-authz", "personId": "pm-authz", "communityId": HERE, "on": date.today().isoformat(),
                 "hours": 2, "activity": "权限测试服务"}}, frozenset(STREET_COMMUNITY), "unit-dept-01"),
        c("createCampaign", "mutation ($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }",
          {"i": {"id": "camp-authz", "name": "权限测试行动", "kind": "文明城市创建", "startedOn": "2026-01-01"}},
          frozenset(ORG), "unit-dept-01"),
        c("addCampaignGroup", "mutation ($i: AddCampaignGroupInput!) { addCampaignGroup(input: $i) { id } }",
          {"i": {"id": "grp-authz", "campaignId": "camp-authz", "kind": "TEMPORARY_BRANCH", "name": "权限测试支部"}},
          frozenset(ORG), "unit-dept-01"),
        c("sendToCampaign", "mutation ($i: SendToCampaignInput!) { sendToCampaign(input: $i) { id } }",
          {"i": {"campaignId": "camp-authz", "unitId": "unit-dept-01", "personIds": ["pm-authz"], "groupId": "grp-authz"}},
          frozenset(ORG), "unit-dept-01"),
        c("coverZone", "mutation ($i: CoverZoneInput!) { coverZone(input: $i) { id } }",
          {"i": {"groupId": "grp-authz", "shift": "早班", "roadSectionIds": ["road-authz"]}}, frozenset(ORG), "unit-dept-01"),
        # reports and dispatch (智慧管家, #14): the reporter submits and rates, the command centre (the street)
        # dispatches and reassigns, the department (市消防救援大队, the FIRE_ACCESS rule's) accepts and handles
        c("submitReport", "mutation ($i: SubmitReportInput!) { submitReport(input: $i) { id } }",
          {"i": {"compoundId": "compound-hepan-jiayuan", "category": "PARKING", "text": "权限测试", "reporterRole": "RESIDENT",
                 "clientId": "authz-report"}},
          frozenset(STREET_COMMUNITY | {"GRID_WORKER_IN", "RESIDENT_OWN", "RESIDENT_OTHER"}), "unit-n-0001"),
        c("dispatchReport", "mutation ($i: DispatchReportInput!) { dispatchReport(input: $i) { id } }",
          {"i": {"id": t["reported"]}}, frozenset(ORG | {"STREET_ADMIN_IN"}), "unit-dept-07"),
        c("reassignReport", "mutation ($i: ReassignReportInput!) { reassignReport(input: $i) { id } }",
          {"i": {"id": t["toReassign"], "departmentId": "unit-dept-02", "reason": "权限测试改派"}},
          frozenset(ORG | {"STREET_ADMIN_IN"}), "unit-dept-07"),
        c("acceptReport", "mutation ($id: ID!) { acceptReport(id: $id) { id } }", {"id": t["dispatched"]},
          frozenset(ORG | {"UNIT_USER_IN"}), "unit-dept-07"),
        c("handleReport", "mutation ($i: HandleReportInput!) { handleReport(input: $i) { id } }",
          {"i": {"id": t["accepted"], "note": "权限测试办结"}}, frozenset(ORG | {"UNIT_USER_IN"}), "unit-dept-07"),
        c("rateReport", "mutation ($i: RateReportInput!) { rateReport(input: $i) { id } }",
          {"i": {"id": t["handled"], "satisfaction": "SATISFIED"}},
          frozenset(ORG | {"STREET_ADMIN_IN", "GRID_WORKER_IN", "RESIDENT_OWN"}), "unit-dept-07"),
        c("setDispatchRule", "mutation ($i: SetDispatchRuleInput!) { setDispatchRule(input: $i) { category } }",
          {"i": {"category": "AUTHZ_TEST", "label": "权限测试", "departmentId": "unit-dept-02", "hours": 24}},
          frozenset(ORG), "unit-dept-02"),
    ]  # fmt: skip


def mutation_names() -> set[str]:
    """Every mutation the schema serves, as clients call it (camelCase)."""
    mutation = build_schema()._schema.mutation_type
    assert mutation is not None
    return set(mutation.fields)


def mutation_of(case: Case) -> str:
    """The mutation the case's document calls (not its label)."""
    operation = parse(case.query).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    field = operation.selection_set.selections[0]
    assert isinstance(field, FieldNode)
    return field.name.value


def principals(unit_in: str) -> dict[str, str | None]:
    return {
        "anonymous": None,
        "VIEWER": token("VIEWER"),
        "ORG_ADMIN": token("ORG_ADMIN"),
        "STREET_ADMIN_IN": token("STREET_ADMIN", HERE_STREET),
        "STREET_ADMIN_OUT": token("STREET_ADMIN", OTHER_STREET),
        "COMMUNITY_ADMIN_IN": token("COMMUNITY_ADMIN", HERE),
        "COMMUNITY_ADMIN_OUT": token("COMMUNITY_ADMIN", OTHER),
        "UNIT_USER_IN": token("UNIT_USER", unit_in),
        "UNIT_USER_OUT": token("UNIT_USER", "unit-x-0099" if unit_in != "unit-x-0099" else "unit-x-0098"),
        "GRID_WORKER_IN": token("GRID_WORKER", HERE),
        "GRID_WORKER_OUT": token("GRID_WORKER", OTHER),
        "RESIDENT_OWN": token("RESIDENT", subject="resident-authz"),  # submitted the targets' reports
        "RESIDENT_OTHER": token("RESIDENT", subject="resident-other"),
    }


async def test_every_mutation_for_every_role_in_and_out_of_scope(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    db = settings.neo4j_database
    t = (
        await targets(demo_graph)
        | await working_committee_targets(api, demo_graph)
        | await report_targets(api)
    )
    covered: set[str] = set()
    for case in cases(t):
        assert mutation_of(case) == case.name, f"the case {case.name} calls {mutation_of(case)}"
        assert case.name not in covered, f"{case.name} has two cases"
        # refusals first: together they must write nothing at all, not even an audit record (no transaction
        # may commit: the graph's position in its transaction log stays where it was)
        before = await graph_position(demo_graph, db)
        for who, tok in principals(case.unit).items():
            if who in case.allowed:
                continue
            body = api.gql(case.query, case.variables, as_token=tok)
            code = body["errors"][0]["extensions"]["code"] if body.get("errors") else "OK"
            expected = "UNAUTHENTICATED" if tok is None else "FORBIDDEN"
            assert code == expected, f"{case.name} as {who}: {code}"
        assert await graph_position(demo_graph, db) == before, f"a refused {case.name} wrote"
        # then each allowed principal gets past authorization (the first one's change is audited)
        for who in sorted(case.allowed):
            body = api.gql(case.query, case.variables, as_token=principals(case.unit)[who])
            code = body["errors"][0]["extensions"]["code"] if body.get("errors") else "OK"
            assert code not in ("UNAUTHENTICATED", "FORBIDDEN"), f"{case.name} as {who}: {code}"
        covered.add(case.name)
    # a mutation without a case here (one that might forget its authorization) fails the test
    assert covered == mutation_names()


async def test_an_accepted_mutation_leaves_one_audit_record_that_org_admin_can_read(api: Api) -> None:
    community_admin = token("COMMUNITY_ADMIN", HERE, subject="曙光社区书记")
    body = api.gql(
        'mutation { recordJointMeeting(input: {committeeId: "comm-shuguang-committee", heldOn: "2026-11-01", topic: "审计测试"}) { id } }',
        as_token=community_admin,
    )
    meeting = body["data"]["recordJointMeeting"]["id"]
    log = api.gql(
        '{ auditLog(action: "recordJointMeeting", first: 5) { actor role action target detail at } }'
    )["data"]["auditLog"]
    assert log[0]["actor"] == "曙光社区书记 (COMMUNITY_ADMIN)" and log[0]["role"] == "COMMUNITY_ADMIN"
    assert log[0]["target"] == "comm-shuguang-committee" and meeting in log[0]["detail"]
    refused = api.gql("{ auditLog { id } }", as_token=community_admin)
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_names_of_people_are_hidden_without_a_token_and_from_viewers(api: Api) -> None:
    q = '{ community(id: "comm-shuguang") { committee { secretary { name } firstSecretary { name title } } } }'
    shown = api.gql(q)["data"]["community"]["committee"]
    assert shown["secretary"]["name"] != "***" and shown["firstSecretary"]["name"] != "***"
    for tok in (None, token("VIEWER")):
        hidden = api.gql(q, as_token=tok)["data"]["community"]["committee"]
        assert hidden["secretary"]["name"] == "***" and hidden["firstSecretary"]["name"] == "***"
        assert hidden["firstSecretary"]["title"] == shown["firstSecretary"]["title"]
    net = api.gql('{ network(centerId: "comm-shuguang", depth: 1) { nodes { label name } } }', as_token=None)
    assert all(
        n["name"] == "***" for n in net["data"]["network"]["nodes"] if n["label"] in ("Person", "Leader")
    )


def test_a_bad_token_is_refused_with_401(api: Api) -> None:
    import httpx

    for header in ("Bearer not-a-jwt", "Basic abc", "Bearer"):
        r = httpx.post(
            f"{api.url}/graphql", json={"query": "{ streets { id } }"}, headers={"authorization": header}
        )
        assert r.status_code == 401 and r.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
