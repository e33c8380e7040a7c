"""Reports and dispatch (智慧管家) over HTTP against the real Neo4j: the demo's figures (4331 reports since
2021, 98.94% satisfied), a report's whole life (submit → dispatch by the table → accept → handle → rate),
reassignment with its history, reopening, the dispatch table, who sees the reporter, and the refusals
that write nothing."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from neo4j import AsyncDriver

from orggraph.settings import Settings
from tests.conftest import Api, graph_fingerprint, token
from tests.e2e.test_graphql_mutations import error, ok

pytestmark = pytest.mark.usefixtures("demo_graph")

HEPAN = "compound-hepan-jiayuan"  # 河畔家园, 曙光社区, 广陵街道
SHUGUANG, GUANGLING, QIANQIU = "comm-shuguang", "street-guangling", "street-qianqiu"
FIRE_BRIGADE = "unit-dept-07"  # 市消防救援大队: the FIRE_ACCESS rule's department
URBAN = "unit-dept-02"  # 市城市管理局
HOUSING = "unit-dept-01"  # 市住房和城乡建设局

REPORT = """id category categoryLabel text reporterRole reporterName reporterPhone reportedAt status statusLabel
  campaign compound { id name } department { id name } dispatchedAt deadline acceptedAt handledAt handlingNote
  closedAt satisfaction overdue handledLate events { action status by note department { id } satisfaction }"""
SUBMIT = f"mutation ($i: SubmitReportInput!) {{ submitReport(input: $i) {{ {REPORT} }} }}"
DISPATCH = f"mutation ($i: DispatchReportInput!) {{ dispatchReport(input: $i) {{ {REPORT} }} }}"
REASSIGN = f"mutation ($i: ReassignReportInput!) {{ reassignReport(input: $i) {{ {REPORT} }} }}"
ACCEPT = f"mutation ($id: ID!) {{ acceptReport(id: $id) {{ {REPORT} }} }}"
HANDLE = f"mutation ($i: HandleReportInput!) {{ handleReport(input: $i) {{ {REPORT} }} }}"
RATE = f"mutation ($i: RateReportInput!) {{ rateReport(input: $i) {{ {REPORT} }} }}"
ONE = f"query ($id: ID!) {{ report(id: $id) {{ {REPORT} }} }}"
RULE = "mutation ($i: SetDispatchRuleInput!) { setDispatchRule(input: $i) { category label hours campaign department { id } } }"
RULES = "{ dispatchRules { category label hours campaign department { id name } } }"
FIGURES = """received handled handledOnTime handledLate open overdueOpen rated satisfied basicallySatisfied
  dissatisfied satisfactionRate onTimeRate explanation department { id name }"""
STATS = f"""query ($from: DateTime, $to: DateTime, $d: ID) {{ departmentReportStats(from: $from, to: $to, departmentId: $d) {{
  from to city {{ {FIGURES} }} departments {{ {FIGURES} }} }} }}"""
LIST = """query ($f: ReportFilter, $first: Int, $after: String) { reports(filter: $f, first: $first, after: $after) {
  totalCount edges { cursor node { id reportedAt status overdue department { id } compound { id } } }
  pageInfo { hasNextPage endCursor } } }"""

GRID_WORKER = token("GRID_WORKER", SHUGUANG, subject="grid-worker-1")
STREET = token("STREET_ADMIN", GUANGLING, subject="command-centre")
FIRE_USER = token("UNIT_USER", FIRE_BRIGADE, subject="fire-brigade-user")
URBAN_USER = token("UNIT_USER", URBAN, subject="urban-user")


def submit(api: Api, as_token: str = GRID_WORKER, **more: Any) -> dict[str, Any]:
    i = {"compoundId": HEPAN, "category": "FIRE_ACCESS", "text": "占用消防通道", "reporterName": "王某某",
         "reporterPhone": "0550-0000000", **more}  # fmt: skip
    report: dict[str, Any] = ok(api.gql(SUBMIT, {"i": i}, as_token=as_token))["submitReport"]
    return report


def at(value: str) -> datetime:
    return datetime.fromisoformat(value)


@pytest.fixture
async def unchanged(demo_graph: AsyncDriver, settings: Settings) -> Any:
    before = await graph_fingerprint(demo_graph, settings.neo4j_database)

    async def check() -> None:
        assert await graph_fingerprint(demo_graph, settings.neo4j_database) == before

    return check


def test_the_demo_has_the_articles_4331_reports_since_2021_and_98_94_percent_satisfied(api: Api) -> None:
    stats = ok(api.gql(STATS, {}, as_token=None))["departmentReportStats"]
    city = stats["city"]
    assert city["received"] == 4331
    assert city["satisfactionRate"] == 0.9894
    assert (city["satisfied"] + city["basicallySatisfied"], city["rated"]) == (4274, 4320)
    assert "满意率 = (满意 3964 + 基本满意 310) / 已评价 4320 = 98.94%" in city["explanation"]
    assert city["open"] == 6 and city["overdueOpen"] == 6  # the six with a department are past the deadline
    assert 0 < city["handledLate"] < city["handledOnTime"]
    assert city["handledOnTime"] + city["handledLate"] == city["handled"] == 4323
    assert stats["from"].startswith("2021-01-01")
    # every department of the table has its row; the rows add up to the city's (none left undispatched
    # but the two awaiting dispatch)
    departments = {d["department"]["id"]: d for d in stats["departments"]}
    assert {HOUSING, URBAN, FIRE_BRIGADE} <= set(departments)
    assert sum(d["received"] for d in departments.values()) == 4331 - 2
    busiest = stats["departments"][0]
    assert busiest["received"] == max(d["received"] for d in departments.values())


def test_the_figures_of_one_department_over_a_period_explain_themselves(api: Api) -> None:
    variables = {"from": "2022-01-01T00:00:00+00:00", "to": "2022-07-01T00:00:00+00:00", "d": URBAN}
    stats = ok(api.gql(STATS, variables, as_token=None))["departmentReportStats"]
    [urban] = stats["departments"]
    assert urban["department"]["name"] == "市城市管理局"
    assert 0 < urban["received"] < stats["city"]["received"] < 4331
    assert urban["handled"] == urban["handledOnTime"] + urban["handledLate"]
    rate = urban["satisfactionRate"]
    assert rate == round((urban["satisfied"] + urban["basicallySatisfied"]) / urban["rated"], 4)
    refused = error(api.gql(STATS, {"from": "2022-07-01T00:00:00Z", "to": "2022-01-01T00:00:00Z"}))
    assert refused["extensions"]["field"] == "to"


def test_the_queue_filters_overdue_reports_and_pages_newest_first(api: Api) -> None:
    overdue = ok(api.gql(LIST, {"f": {"overdue": True}}, as_token=None))["reports"]
    assert overdue["totalCount"] == 6
    assert all(
        e["node"]["overdue"] and e["node"]["status"] in ("DISPATCHED", "ACCEPTED") for e in overdue["edges"]
    )
    waiting = ok(api.gql(LIST, {"f": {"status": ["REPORTED"]}}))["reports"]
    assert waiting["totalCount"] == 2 and all(e["node"]["department"] is None for e in waiting["edges"])
    first = ok(api.gql(LIST, {"f": {"compoundId": HEPAN}, "first": 5}))["reports"]
    assert first["totalCount"] > 5 and first["pageInfo"]["hasNextPage"]
    times = [at(e["node"]["reportedAt"]) for e in first["edges"]]
    assert times == sorted(times, reverse=True)
    second = ok(
        api.gql(LIST, {"f": {"compoundId": HEPAN}, "first": 5, "after": first["pageInfo"]["endCursor"]})
    )
    later = second["reports"]["edges"]
    assert at(later[0]["node"]["reportedAt"]) <= times[-1]
    assert not {e["node"]["id"] for e in later} & {e["node"]["id"] for e in first["edges"]}
    street = ok(api.gql(LIST, {"f": {"streetId": QIANQIU, "departmentId": URBAN}, "first": 100}))["reports"]
    assert street["totalCount"] > 0 and all(e["node"]["department"]["id"] == URBAN for e in street["edges"])
    in_2021 = ok(api.gql(LIST, {"f": {"from": "2021-01-01T00:00:00Z", "to": "2022-01-01T00:00:00Z"}}))
    assert 0 < in_2021["reports"]["totalCount"] < 4331


def test_a_report_goes_from_the_grid_worker_through_the_table_to_the_department_and_back(api: Api) -> None:
    report = submit(api, clientId="grid-app-1")
    assert (report["status"], report["reporterRole"], report["compound"]["name"]) == (
        "REPORTED", "GRID_WORKER", "河畔家园",
    )  # fmt: skip
    again = submit(api, clientId="grid-app-1")  # the app retries: the same report
    assert again["id"] == report["id"]
    rid = report["id"]
    # the command centre dispatches it without naming a department: the table's FIRE_ACCESS rule decides
    dispatched = ok(api.gql(DISPATCH, {"i": {"id": rid}}, as_token=STREET))["dispatchReport"]
    assert dispatched["department"]["id"] == FIRE_BRIGADE and dispatched["status"] == "DISPATCHED"
    assert at(dispatched["deadline"]) - at(dispatched["dispatchedAt"]) == timedelta(hours=24)
    assert dispatched["categoryLabel"] == "消防通道"
    ok(api.gql(DISPATCH, {"i": {"id": rid}}, as_token=STREET))  # a retry: nothing changes
    accepted = ok(api.gql(ACCEPT, {"id": rid}, as_token=FIRE_USER))["acceptReport"]
    assert accepted["status"] == "ACCEPTED" and accepted["acceptedAt"]
    handled = ok(api.gql(HANDLE, {"i": {"id": rid, "note": "已清理通道"}}, as_token=FIRE_USER))[
        "handleReport"
    ]
    assert (handled["status"], handled["handlingNote"], handled["handledLate"]) == (
        "HANDLED",
        "已清理通道",
        False,
    )
    rated = ok(api.gql(RATE, {"i": {"id": rid, "satisfaction": "SATISFIED"}}, as_token=GRID_WORKER))
    closed = rated["rateReport"]
    assert (closed["status"], closed["satisfaction"]) == ("CLOSED", "SATISFIED") and closed["closedAt"]
    steps = [(e["action"], e["status"]) for e in ok(api.gql(ONE, {"id": rid}))["report"]["events"]]
    assert steps == [
        ("SUBMIT", "REPORTED"), ("DISPATCH", "DISPATCHED"), ("ACCEPT", "ACCEPTED"), ("HANDLE", "HANDLED"),
        ("RATE", "CLOSED"),
    ]  # fmt: skip
    city = ok(api.gql(STATS, {}))["departmentReportStats"]["city"]
    assert (city["received"], city["rated"]) == (4332, 4321)


def test_a_reassigned_report_keeps_its_history_and_the_new_department_takes_over(api: Api) -> None:
    rid = submit(api)["id"]
    ok(
        api.gql(
            DISPATCH,
            {"i": {"id": rid, "departmentId": URBAN, "hours": 12, "campaign": "PARKING"}},
            as_token=STREET,
        )
    )
    assert error(api.gql(ACCEPT, {"id": rid}, as_token=FIRE_USER))["extensions"]["code"] == "FORBIDDEN"
    moved = ok(api.gql(REASSIGN, {"i": {"id": rid, "departmentId": FIRE_BRIGADE, "reason": "属消防职责"}},
                       as_token=STREET))["reassignReport"]  # fmt: skip
    assert moved["department"]["id"] == FIRE_BRIGADE and moved["campaign"] == "PARKING"
    assert at(moved["deadline"]) - at(moved["dispatchedAt"]) == timedelta(hours=24)  # the table's hours
    last = moved["events"][-1]
    assert (last["action"], last["note"], last["department"]["id"]) == (
        "REASSIGN",
        "属消防职责",
        FIRE_BRIGADE,
    )
    assert error(api.gql(ACCEPT, {"id": rid}, as_token=URBAN_USER))["extensions"]["code"] == "FORBIDDEN"
    assert ok(api.gql(ACCEPT, {"id": rid}, as_token=FIRE_USER))["acceptReport"]["status"] == "ACCEPTED"


async def test_the_earlier_department_stays_as_history_in_the_graph(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    rid = submit(api)["id"]
    ok(api.gql(DISPATCH, {"i": {"id": rid, "departmentId": URBAN, "hours": 12}}, as_token=STREET))
    ok(
        api.gql(
            REASSIGN,
            {"i": {"id": rid, "departmentId": FIRE_BRIGADE, "reason": "属消防职责"}},
            as_token=STREET,
        )
    )
    records, _, _ = await demo_graph.execute_query(
        "MATCH (r:Report {id: $id})-[w:WAS_DISPATCHED_TO]->(u:Unit) RETURN u.id AS u, w.reason AS reason",
        id=rid, database_=settings.neo4j_database,
    )  # fmt: skip
    assert [(r["u"], r["reason"]) for r in records] == [(URBAN, "属消防职责")]


def test_a_dissatisfied_reporter_reopens_the_report_and_the_command_centre_dispatches_it_again(
    api: Api,
) -> None:
    resident = token("RESIDENT", subject="resident-7")
    rid = submit(api, as_token=resident, category="PARKING")["id"]
    ok(api.gql(DISPATCH, {"i": {"id": rid}}, as_token=STREET))
    ok(
        api.gql(HANDLE, {"i": {"id": rid, "note": "已劝离"}}, as_token=URBAN_USER)
    )  # handled without accepting
    other = token("RESIDENT", subject="resident-8")
    refused = api.gql(RATE, {"i": {"id": rid, "satisfaction": "SATISFIED"}}, as_token=other)
    assert error(refused)["extensions"]["code"] == "FORBIDDEN"
    reopened = ok(
        api.gql(RATE, {"i": {"id": rid, "satisfaction": "DISSATISFIED", "reopen": True}}, as_token=resident)
    )
    report = reopened["rateReport"]
    assert (report["status"], report["satisfaction"]) == ("REOPENED", None)
    assert report["events"][-1]["satisfaction"] == "DISSATISFIED"
    again = ok(api.gql(DISPATCH, {"i": {"id": rid, "departmentId": HOUSING, "hours": 48}}, as_token=STREET))
    assert again["dispatchReport"]["status"] == "DISPATCHED" and again["dispatchReport"]["handledAt"] is None


def test_the_reporter_is_seen_only_by_those_who_handle_the_report_and_by_the_reporter(api: Api) -> None:
    resident = token("RESIDENT", subject="resident-9")
    rid = submit(api, as_token=resident)["id"]
    ok(api.gql(DISPATCH, {"i": {"id": rid}}, as_token=STREET))

    def seen(as_token: str | None) -> tuple[str, str]:
        r = ok(api.gql(ONE, {"id": rid}, as_token=as_token))["report"]
        return r["reporterName"], r["reporterPhone"]

    for who in ("ORG_ADMIN", STREET, FIRE_USER, resident):
        assert seen(who) == ("王某某", "0550-0000000")
    others = (None, token("VIEWER"), token("COMMUNITY_ADMIN", SHUGUANG), token("STREET_ADMIN", QIANQIU),
              URBAN_USER, token("RESIDENT", subject="someone-else"), GRID_WORKER)  # fmt: skip
    for who in others:
        assert seen(who) == ("***", "***")
    events = ok(api.gql(ONE, {"id": rid}, as_token=None))["report"]["events"]
    assert {e["by"] for e in events} == {"***"}


@pytest.mark.parametrize(
    ("query", "variables", "as_token", "code", "field"),
    [
        (SUBMIT, {"i": {"compoundId": "compound-none", "category": "PARKING", "text": "x", "reporterRole": "RESIDENT"}},
         "ORG_ADMIN", "NOT_FOUND", "compoundId"),
        (SUBMIT, {"i": {"compoundId": HEPAN, "category": "停车", "text": "x"}}, GRID_WORKER, "BAD_USER_INPUT", "category"),
        (SUBMIT, {"i": {"compoundId": HEPAN, "category": "PARKING", "text": "x"}}, "ORG_ADMIN", "BAD_USER_INPUT", "reporterRole"),
        (SUBMIT, {"i": {"compoundId": HEPAN, "category": "PARKING", "text": "x"}},
         token("GRID_WORKER", "comm-changtai"), "FORBIDDEN", None),
        (SUBMIT, {"i": {"compoundId": HEPAN, "category": "PARKING", "text": "x"}}, None, "UNAUTHENTICATED", None),
        (DISPATCH, {"i": {"id": "report-00001"}}, token("STREET_ADMIN", QIANQIU), None, None),
        (DISPATCH, {"i": {"id": "report-04331", "category": "NO_SUCH_CATEGORY"}}, STREET, None, None),
        (DISPATCH, {"i": {"id": "report-00001"}}, "ORG_ADMIN", "CONFLICT", "id"),
        (ACCEPT, {"id": "report-00001"}, "ORG_ADMIN", "CONFLICT", "id"),
        (RATE, {"i": {"id": "report-04323", "satisfaction": "SATISFIED"}}, "ORG_ADMIN", "CONFLICT", "id"),
        (RATE, {"i": {"id": "report-00001", "satisfaction": "SATISFIED", "reopen": True}}, "ORG_ADMIN", "BAD_USER_INPUT", "reopen"),
        (RULE, {"i": {"category": "PARKING", "label": "停车", "departmentId": URBAN, "hours": 24}}, STREET, "FORBIDDEN", None),
        (RULE, {"i": {"category": "PARKING", "label": "停车", "departmentId": "unit-none", "hours": 24}}, "ORG_ADMIN", "NOT_FOUND", "departmentId"),
        (REASSIGN, {"i": {"id": "report-04331", "departmentId": URBAN, "reason": " "}}, "ORG_ADMIN", "BAD_USER_INPUT", "reason"),
    ],
)  # fmt: skip
async def test_a_refused_step_names_its_reason_and_writes_nothing(
    api: Api, unchanged: Any, query: str, variables: dict[str, Any], as_token: str | None, code: str | None,
    field: str | None,
) -> None:  # fmt: skip
    err = error(api.gql(query, variables, as_token=as_token))
    if code is None:  # found by where the demo's report sits
        code, field = err["extensions"]["code"], err["extensions"].get("field")
        assert code in ("FORBIDDEN", "BAD_USER_INPUT", "CONFLICT")
    assert err["extensions"]["code"] == code
    assert err["extensions"].get("field") == field
    await unchanged()


async def test_a_category_without_a_rule_needs_a_department(api: Api, unchanged: Any) -> None:
    rid = ok(api.gql(LIST, {"f": {"status": ["REPORTED"]}}))["reports"]["edges"][0]["node"]["id"]
    err = error(api.gql(DISPATCH, {"i": {"id": rid, "category": "LIFT_SAFETY"}}, as_token="ORG_ADMIN"))
    assert (err["extensions"]["code"], err["extensions"]["field"]) == ("BAD_USER_INPUT", "departmentId")
    assert "LIFT_SAFETY" in err["message"]
    await unchanged()


def test_the_organization_department_edits_the_dispatch_table_and_dispatch_follows_it(api: Api) -> None:
    rules = {r["category"]: r for r in ok(api.gql(RULES, as_token=None))["dispatchRules"]}
    assert (
        rules["PARKING"]["department"]["name"] == "市城市管理局" and rules["PARKING"]["campaign"] == "PARKING"
    )
    assert len(rules) == 14
    new = {"category": "LIFT_SAFETY", "label": "电梯安全", "departmentId": "unit-dept-08", "hours": 12}
    assert ok(api.gql(RULE, {"i": new}))["setDispatchRule"]["department"]["id"] == "unit-dept-08"
    ok(api.gql(RULE, {"i": new}))  # the same row again: unchanged
    assert len(ok(api.gql(RULES))["dispatchRules"]) == 15
    rid = submit(api, category="LIFT_SAFETY")["id"]
    report = ok(api.gql(DISPATCH, {"i": {"id": rid}}, as_token=STREET))["dispatchReport"]
    assert report["department"]["id"] == "unit-dept-08" and report["categoryLabel"] == "电梯安全"
    assert at(report["deadline"]) - at(report["dispatchedAt"]) == timedelta(hours=12)
