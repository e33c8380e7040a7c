"""The organization department's report by period and scope (组织部月度报告, issue #15) over the real stack:
its figures against counts made here from the graph's raw dates, against writes made through the API
today, its refusals, its .xlsx (GET /transfer/period-report.xlsx and `orggraph period-report`)."""

from __future__ import annotations

import asyncio
import io
import os
import sys
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest
from neo4j import AsyncDriver
from openpyxl import load_workbook

from orggraph.domain.governance import problem_status
from orggraph.domain.model import ProblemStatus
from orggraph.settings import Settings
from tests.conftest import ROOT, Api, token
from tests.e2e.test_libraries_and_lists import ACCEPT, ADVANCE, CREATE_NEED, MATCH, NEED, err, ok

BEIJING = timezone(timedelta(hours=8))
FIGURES = (
    "needsRaised needsResolved needsRejected needsOverdue tasksCreated tasksDoneOnTime tasksDoneLate tasksOverdue "
    "meetingsHeld decisionsMade problemsRaised problemsSolved matchesAccepted"
)
UNIT_FIGURES = "tasksTaken tasksDoneOnTime tasksDoneLate tasksOverdue needsClaimed"
REPORT = f"""query ($scope: PeriodScope!, $id: ID, $from: Date!, $to: Date!) {{
  periodReport(scope: $scope, id: $id, from: $from, to: $to) {{
    scope id name from to asOf title
    totals {{ id name {FIGURES} }}
    byCommunity {{ id name {FIGURES} }}
    byUnit {{ unitId name {UNIT_FIGURES} }}
  }}
}}"""


def report(api: Api, scope: str, place: str | None, start: date, end: date, **kw: Any) -> dict[str, Any]:
    variables = {"scope": scope, "id": place, "from": start.isoformat(), "to": end.isoformat()}
    result: dict[str, Any] = ok(api.gql(REPORT, variables, **kw))["periodReport"]
    return result


# ---------------------------------------------------------------- counted here, from the raw graph

RAW_TASKS = """
MATCH (t:Task)
RETURN t.id AS id, t.status AS status, t.deadline AS deadline, t.completedOn AS completedOn,
       t.createdAt AS createdAt, t.updatedAt AS updatedAt,
       [(t)-[:FULFILS]->(:Need)<-[:RAISED]-(c:Community) | c.id] + [(t)-[:SOLVES]->(:Problem)-[:RAISED_IN]->(x) | x.id]
         AS places,
       EXISTS { (t)-[:FULFILS]->(:Need) } AS onNeed, EXISTS { (:JointMeeting)-[:DECIDED]->(t) } AS decided,
       [(t)-[:RESPONSIBLE]->(u:Unit) | [u.id, u.name]][0] AS unit
"""
RAW_MEETINGS = """
MATCH (m:JointMeeting)-[:HELD_BY]->(k)<-[:HAS_COMMITTEE]-(place)
RETURN m.heldOn AS heldOn, place.id AS place, COUNT { (m)-[:DECIDED]->(:Task) } AS decided
"""
RAW_PROBLEMS = """
MATCH (p:Problem)-[:RAISED_IN]->(x)
RETURN x.id AS place, p.raisedOn AS raisedOn, [(p)<-[:SOLVES]-(t:Task) | [t.status, t.completedOn]] AS tasks
"""
RAW_NEEDS = """
MATCH (c:Community)-[:RAISED]->(n:Need)
RETURN c.id AS place, n.status AS status, n.neededBy AS neededBy,
       [(n)-[:HAS_EVENT]->(e:NeedEvent) | [e.at, e.to]] AS events
"""
RAW_CLAIMS = "MATCH (u:Unit)-[k:CLAIMED]->(:Need)<-[:RAISED]-(c:Community) RETURN u.id AS unit, u.name AS name, k.at AS at, c.id AS place"
PLACES = "MATCH (c:Community)-[:PART_OF]->(s:Street) RETURN c.id AS community, c.name AS name, s.id AS street"


def day(value: Any) -> date | None:
    """A stored date, or the day in Beijing of a stored datetime."""
    if value is None:
        return None
    native = value.to_native()
    return native.astimezone(BEIJING).date() if isinstance(native, datetime) else native  # type: ignore[no-any-return]


async def rows(driver: AsyncDriver, settings: Settings, query: str) -> list[dict[str, Any]]:
    records, _, _ = await driver.execute_query(query, database_=settings.neo4j_database)
    return [r.data() for r in records]


async def expected(
    driver: AsyncDriver,
    settings: Settings,
    scope: str,
    place: str | None,
    start: date,
    end: date,
    as_of: date,
) -> tuple[dict[str | None, Counter[str]], dict[str, Counter[str]]]:
    """The figures per community (None: the street's own) and per unit, counted in Python from raw rows."""
    places = await rows(driver, settings, PLACES)
    street_of = {p["community"]: p["street"] for p in places}
    if scope == "CITY":
        communities, streets = set(street_of), set(street_of.values())
    elif scope == "STREET":
        communities, streets = {c for c, s in street_of.items() if s == place}, {place}
    else:
        communities, streets = {place}, set()

    def key(where: str) -> str | bool | None:
        """The community a record counts in, None for its street's own, False when out of scope."""
        return where if where in communities else None if where in streets else False

    inside = lambda d: d is not None and start <= d <= end  # noqa: E731
    per: dict[str | None, Counter[str]] = defaultdict(Counter)
    units: dict[str, Counter[str]] = defaultdict(Counter)
    for t in await rows(driver, settings, RAW_TASKS):
        keys = [k for k in map(key, t["places"]) if k is not False]
        if not keys:
            continue
        k = min((x for x in keys if x is not None), default=None)
        created, done, deadline = day(t["createdAt"]), day(t["completedOn"]), day(t["deadline"])
        assert deadline is not None
        ended = done if t["status"] == "DONE" else day(t["updatedAt"]) if t["status"] == "CANCELLED" else None
        still_open = t["status"] in ("PLANNED", "IN_PROGRESS") or (ended is not None and ended > as_of)
        figures = {
            "tasksCreated": inside(created),
            "tasksDoneOnTime": t["status"] == "DONE" and inside(done) and done <= deadline,  # type: ignore[operator]
            "tasksDoneLate": t["status"] == "DONE" and inside(done) and done > deadline,  # type: ignore[operator]
            "tasksOverdue": created is not None and created <= as_of and deadline < as_of and still_open,
            "matchesAccepted": inside(created) and t["onNeed"] and not t["decided"],
        }
        per[k].update({n: int(v) for n, v in figures.items()})
        if t["unit"]:
            units[t["unit"][0]].update({
                "tasksTaken": int(figures["tasksCreated"]), "tasksDoneOnTime": int(figures["tasksDoneOnTime"]),
                "tasksDoneLate": int(figures["tasksDoneLate"]), "tasksOverdue": int(figures["tasksOverdue"]),
            })  # fmt: skip
    for m in await rows(driver, settings, RAW_MEETINGS):
        if (k := key(m["place"])) is not False and inside(day(m["heldOn"])):
            per[k].update({"meetingsHeld": 1, "decisionsMade": m["decided"]})
    for p in await rows(driver, settings, RAW_PROBLEMS):
        if (k := key(p["place"])) is False:
            continue
        solved = problem_status(s for s, _ in p["tasks"]) is ProblemStatus.SOLVED
        last = max((day(d) for s, d in p["tasks"] if s == "DONE" and d is not None), default=None)
        per[k].update(
            {
                "problemsRaised": int(inside(day(p["raisedOn"]))),
                "problemsSolved": int(solved and inside(last)),
            }
        )
    for n in await rows(driver, settings, RAW_NEEDS):
        if (k := key(n["place"])) is False or not n["events"]:
            continue
        events = sorted((day(at), to) for at, to in n["events"])
        raised = events[0][0]
        resolved = next((d for d, to in events if to in ("DONE", "RATED")), None)
        rejected = next((d for d, to in events if to == "REJECTED"), None)
        ended = resolved or rejected
        unfinished = n["status"] not in ("DONE", "RATED", "REJECTED") if ended is None else ended > as_of
        per[k].update({
            "needsRaised": int(inside(raised)), "needsResolved": int(inside(resolved)),
            "needsRejected": int(inside(rejected)),
            "needsOverdue": int(raised <= as_of and day(n["neededBy"]) < as_of and unfinished),  # type: ignore[operator]
        })  # fmt: skip
    for c in await rows(driver, settings, RAW_CLAIMS):
        if key(c["place"]) is not False and inside(day(c["at"])):
            units[c["unit"]].update({"needsClaimed": 1})
    return per, units


def figures_of(row: dict[str, Any]) -> Counter[str]:
    return Counter({k: v for k, v in row.items() if k in FIGURES.split() and v})


CASES = [
    ("STREET", "street-guangling", date(2021, 4, 1), date(2021, 6, 30)),  # joint meetings and problems solved
    ("CITY", None, date(2026, 10, 1), date(2026, 10, 31)),  # matches accepted in 2026
    ("COMMUNITY", "comm-shuguang", date(2021, 1, 1), date(2021, 12, 31)),
    ("CITY", None, date(2022, 1, 1), date(2022, 12, 31)),
]


@pytest.mark.parametrize(("scope", "place", "start", "end"), CASES)
async def test_the_figures_are_the_ones_counted_from_the_graphs_dates(
    api: Api, demo: AsyncDriver, settings: Settings, scope: str, place: str | None, start: date, end: date
) -> None:
    got = await asyncio.to_thread(report, api, scope, place, start, end)
    assert got["asOf"] == end.isoformat()  # the period is over
    per, units = await expected(demo, settings, scope, place, start, end, end)
    totals = sum(per.values(), Counter())
    assert figures_of(got["totals"]) == +totals
    assert any(totals.values())  # the case counts something
    assert {c["id"]: figures_of(c) for c in got["byCommunity"]} == {
        c["id"]: +per.get(c["id"], Counter()) for c in got["byCommunity"]
    }
    assert [c["name"] for c in got["byCommunity"]] == sorted(c["name"] for c in got["byCommunity"])
    assert {
        u["unitId"]: Counter({k: v for k, v in u.items() if k in UNIT_FIGURES.split() and v})
        for u in got["byUnit"]
    } == {u: +c for u, c in units.items() if +c}


async def test_the_places_are_named_and_every_community_in_scope_is_listed(
    api: Api, demo: AsyncDriver
) -> None:
    street = await asyncio.to_thread(
        report, api, "STREET", "street-qianqiu", date(2026, 10, 1), date(2026, 10, 31)
    )
    assert street["title"] == "天长市 千秋街道 2026-10-01 至 2026-10-31 共建工作月报"
    assert (street["scope"], street["id"], street["name"]) == ("STREET", "street-qianqiu", "千秋街道")
    assert len(street["byCommunity"]) == 12
    city = await asyncio.to_thread(report, api, "CITY", "ignored", date(2026, 10, 1), date(2026, 10, 20))
    assert city["id"] is None and city["title"] == "天长市 2026-10-01 至 2026-10-20 共建工作报告"
    assert len(city["byCommunity"]) == 23
    one = await asyncio.to_thread(
        report, api, "COMMUNITY", "comm-shuguang", date(2026, 10, 1), date(2026, 10, 31)
    )
    assert one["title"].startswith("天长市 广陵街道 曙光社区 ") and [c["id"] for c in one["byCommunity"]] == [
        "comm-shuguang"
    ]
    # open like the network's other figures: no token needed, a viewer reads the same
    assert (
        await asyncio.to_thread(
            report, api, "COMMUNITY", "comm-shuguang", date(2026, 10, 1), date(2026, 10, 31), as_token=None
        )
        == one
    )


# ---------------------------------------------------------------- writes made today


def today_in_beijing() -> date:
    return datetime.now(BEIJING).date()


TODAY_PERIOD = (lambda d: (d - timedelta(days=1), d + timedelta(days=1)))(today_in_beijing())


def shuguang(api: Api, start: date, end: date) -> dict[str, Any]:
    return report(api, "COMMUNITY", "comm-shuguang", start, end)


CLAIM = """mutation ($id: ID!, $unit: ID!) { claimNeed(needId: $id, unitId: $unit) { id status } }"""


async def test_a_need_met_through_the_api_today_counts_today_and_not_before(
    api: Api, demo_graph: AsyncDriver
) -> None:
    def run() -> None:
        today = today_in_beijing()
        before_period = (today - timedelta(days=40), today - timedelta(days=2))
        now, earlier = shuguang(api, *TODAY_PERIOD), shuguang(api, *before_period)

        need = ok(api.gql(CREATE_NEED, {"i": {**NEED, "title": "月报统计测试需求"}}))["createNeed"]["id"]
        ok(api.gql(ADVANCE, {"id": need, "to": "PUBLISHED"}))
        top = ok(api.gql(MATCH, {"id": need}))["matchNeed"][0]
        task = ok(api.gql(ACCEPT, {"i": {"needId": need, "resourceId": top["resource"]["id"],
                                         "standard": "按时配齐", "deadline": "2027-03-01"}}))["acceptMatch"]  # fmt: skip
        ok(
            api.gql(
                "mutation ($id: ID!) { updateTask(id: $id, status: IN_PROGRESS) { id } }", {"id": task["id"]}
            )
        )
        ok(
            api.gql(
                'mutation ($id: ID!) { completeTask(id: $id, rating: 5, comment: "好") { id } }',
                {"id": task["id"]},
            )
        )
        rejected = ok(api.gql(CREATE_NEED, {"i": {**NEED, "title": "月报统计不予采纳"}}))["createNeed"]["id"]
        ok(api.gql(ADVANCE, {"id": rejected, "to": "REJECTED"}))
        claimed = ok(api.gql(CREATE_NEED, {"i": {**NEED, "title": "月报统计认领"}}))["createNeed"]["id"]
        ok(api.gql(ADVANCE, {"id": claimed, "to": "PUBLISHED"}))
        ok(api.gql(CLAIM, {"id": claimed, "unit": "unit-x-0001"}))

        after = shuguang(api, *TODAY_PERIOD)
        change = {k: after["totals"][k] - now["totals"][k] for k in FIGURES.split()}
        assert change == {
            **dict.fromkeys(FIGURES.split(), 0),
            "needsRaised": 3, "needsResolved": 1, "needsRejected": 1, "tasksCreated": 1, "tasksDoneOnTime": 1,
            "matchesAccepted": 1,
        }  # fmt: skip
        assert after["byCommunity"][0]["needsRaised"] == now["byCommunity"][0]["needsRaised"] + 3
        unit = top["resource"]["unit"]["id"]
        row = {u["unitId"]: u for u in after["byUnit"]}
        was = {u["unitId"]: u for u in now["byUnit"]}
        assert row[unit]["tasksTaken"] == was.get(unit, {}).get("tasksTaken", 0) + 1
        assert row[unit]["tasksDoneOnTime"] == was.get(unit, {}).get("tasksDoneOnTime", 0) + 1
        assert row["unit-x-0001"]["needsClaimed"] == was.get("unit-x-0001", {}).get("needsClaimed", 0) + 1
        assert shuguang(api, *before_period) == earlier
        # the street and the city count it too; the other street does not
        street = report(api, "STREET", "street-guangling", *TODAY_PERIOD)["totals"]
        other = report(api, "STREET", "street-qianqiu", *TODAY_PERIOD)["totals"]
        assert street["needsRaised"] >= 3 and other["needsRaised"] == 0

    await asyncio.to_thread(run)


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("scope", "place", "start", "end", "code", "field"),
    [
        ("CITY", None, "2026-10-31", "2026-10-01", "BAD_USER_INPUT", "to"),
        ("CITY", None, "2025-01-01", "2026-01-02", "BAD_USER_INPUT", "to"),
        ("STREET", None, "2026-10-01", "2026-10-31", "BAD_USER_INPUT", "id"),
        ("COMMUNITY", "", "2026-10-01", "2026-10-31", "BAD_USER_INPUT", "id"),
        ("STREET", "street-nowhere", "2026-10-01", "2026-10-31", "NOT_FOUND", "id"),
        (
            "STREET",
            "comm-shuguang",
            "2026-10-01",
            "2026-10-31",
            "NOT_FOUND",
            "id",
        ),  # a community is no street
    ],
)
async def test_bad_periods_and_places_are_refused_naming_the_field(
    api: Api, demo: AsyncDriver, scope: str, place: str | None, start: str, end: str, code: str, field: str
) -> None:
    variables = {"scope": scope, "id": place, "from": start, "to": end}
    e = err(await asyncio.to_thread(api.gql, REPORT, variables))
    assert (e["extensions"]["code"], e["extensions"].get("field")) == (code, field)
    assert e["message"].startswith(f"{field}:")


# ---------------------------------------------------------------- the .xlsx


def download(api: Api, params: dict[str, str], headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.get(
        f"{api.url}/transfer/period-report.xlsx", params=params, headers=headers or api.admin, timeout=60
    )


def sheet_rows(content: bytes, name: str) -> list[tuple[Any, ...]]:
    book = load_workbook(io.BytesIO(content))
    return list(book[name].iter_rows(values_only=True))


def check_workbook(content: bytes, got: dict[str, Any]) -> None:
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["总览", "各社区", "各单位"]
    for ws in book.worksheets:
        assert ws["A1"].value == got["title"] and ws.freeze_panes == "A3"
    overview = {r[1]: r[2] for r in sheet_rows(content, "总览")[2:]}
    assert overview["新登记需求"] == got["totals"]["needsRaised"]
    assert overview["召开联席会议"] == got["totals"]["meetingsHeld"]
    assert overview["解决问题"] == got["totals"]["problemsSolved"]
    assert overview["按时完成任务"] == got["totals"]["tasksDoneOnTime"]
    assert overview["确定承接"] == got["totals"]["matchesAccepted"]
    communities = sheet_rows(content, "各社区")
    header = communities[1]
    assert header[:4] == ("社区编号", "社区", "新登记需求", "办结需求")
    by_id = {r[0]: dict(zip(header, r, strict=True)) for r in communities[2:] if r[0]}
    assert list(by_id) == [c["id"] for c in got["byCommunity"]]
    for c in got["byCommunity"]:
        assert (by_id[c["id"]]["召开联席会议"], by_id[c["id"]]["解决问题"]) == (
            c["meetingsHeld"],
            c["problemsSolved"],
        )
    units = sheet_rows(content, "各单位")
    assert units[1] == (
        "单位编号",
        "单位",
        "承接任务",
        "按时完成任务",
        "超时完成任务",
        "逾期任务",
        "认领需求",
    )
    assert [(r[0], r[2], r[3]) for r in units[2:]] == [
        (u["unitId"], u["tasksTaken"], u["tasksDoneOnTime"]) for u in got["byUnit"]
    ]


async def test_the_xlsx_holds_the_reports_figures(api: Api, demo: AsyncDriver) -> None:
    params = {"scope": "STREET", "id": "street-guangling", "from": "2021-04-01", "to": "2021-06-30"}
    got = await asyncio.to_thread(
        report, api, "STREET", "street-guangling", date(2021, 4, 1), date(2021, 6, 30)
    )
    r = await asyncio.to_thread(download, api, params)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "filename*=UTF-8''" in r.headers["content-disposition"]
    check_workbook(r.content, got)
    assert got["totals"]["meetingsHeld"] > 0


async def test_the_xlsx_refuses_bad_input_with_the_field_and_a_bad_token(api: Api, demo: AsyncDriver) -> None:
    month = {"from": "2026-10-01", "to": "2026-10-31"}
    cases = [
        ({"scope": "STREET", **month}, 400, "id"),
        ({"scope": "TOWN", **month}, 400, "scope"),
        ({"scope": "CITY", "from": "2026-10-01", "to": "31/10/2026"}, 400, "to"),
        ({"scope": "CITY", "to": "2026-10-31"}, 400, "from"),
        ({"scope": "CITY", "from": "2026-10-31", "to": "2026-10-01"}, 400, "to"),
        ({"scope": "COMMUNITY", "id": "comm-nowhere", **month}, 404, "id"),
    ]
    for params, status, field in cases:
        r = await asyncio.to_thread(download, api, params)
        assert r.status_code == status, (params, r.text)
        assert r.json()["errors"][0]["extensions"]["field"] == field
    bad = await asyncio.to_thread(download, api, {"scope": "CITY", **month}, {"authorization": "Bearer nope"})
    assert bad.status_code == 401
    anonymous = await asyncio.to_thread(download, api, {"scope": "CITY", **month}, {})
    viewer = await asyncio.to_thread(
        download, api, {"scope": "CITY", **month}, {"authorization": f"Bearer {token('VIEWER')}"}
    )
    assert anonymous.status_code == viewer.status_code == 200


async def test_the_cli_writes_the_same_report(
    api: Api, demo: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "月报.xlsx"
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"}
    env.update({
        "ORGGRAPH_HOME": str(settings.home), "ORGGRAPH_NEO4J_BOLT_PORT": str(settings.neo4j_bolt_port),
        "ORGGRAPH_NEO4J_HTTP_PORT": str(settings.neo4j_http_port), "ORGGRAPH_ENV": "test", "COLUMNS": "300",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")])),
    })  # fmt: skip
    args = ["period-report", "--scope", "COMMUNITY", "--id", "comm-shuguang", "--from", "2021-01-01",
            "--to", "2021-12-31", str(out)]  # fmt: skip
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "orggraph.cli", *args, env=env, cwd=ROOT,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    said, _ = await proc.communicate()
    assert await proc.wait() == 0, said.decode()
    got = await asyncio.to_thread(
        report, api, "COMMUNITY", "comm-shuguang", date(2021, 1, 1), date(2021, 12, 31)
    )
    check_workbook(out.read_bytes(), got)
    bad = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "orggraph.cli", *args[:7], "--to", "2020-01-01", str(out), env=env, cwd=ROOT,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    message, _ = await bad.communicate()
    assert await bad.wait() == 2 and "--to:" in message.decode()
