"""The 月度报告 page (组织部月度报告, issue #15) in a real browser against the real stack.

Anonymous: last month's report of the city by default, its figures and each of the 23 communities as the
API answers them. A street admin opens its own street's report, picks a month of 2021 when its committees
met, sees the same figures as periodReport, and downloads the .xlsx with its token: the file holds the three
sheets under the report's title."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from tests.conftest import Api
from tests.console.test_pages import away, box

pytestmark = __import__("pytest").mark.neo4j

QUERY = """query ($scope: PeriodScope!, $id: ID, $from: Date!, $to: Date!) {
  periodReport(scope: $scope, id: $id, from: $from, to: $to) {
    title totals { needsRaised tasksCreated tasksDoneOnTime meetingsHeld decisionsMade problemsSolved matchesAccepted }
    byCommunity { name meetingsHeld problemsSolved }
  }
}"""


def api_report(api: Api, scope: str, place: str | None, start: dt.date, end: dt.date) -> dict[str, Any]:
    variables = {"scope": scope, "id": place, "from": start.isoformat(), "to": end.isoformat()}
    found: dict[str, Any] = api.gql(QUERY, variables)["data"]["periodReport"]
    return found


def last_month() -> tuple[dt.date, dt.date]:
    end = dt.date.today().replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


def shown_figure(page: Any, key: str) -> int:
    return int(page.locator(f"[data-test=totals] [data-figure={key}] .value").inner_text())


def test_anyone_reads_last_months_report_of_the_city(console: Any, demo_sync: None, api: Api) -> None:
    expected = api_report(api, "CITY", None, *last_month())
    w = console()
    page = w.page
    w.goto("/period-report")
    page.locator("[data-test=report-title]", has_text=expected["title"]).wait_for()
    for key in ("tasksCreated", "matchesAccepted", "meetingsHeld", "needsRaised"):
        assert shown_figure(page, key) == expected["totals"][key], key
    rows = page.locator("[data-test=by-community] .el-table__body-wrapper tbody tr")
    assert rows.count() == 23
    assert rows.first.locator("td").first.inner_text().strip() == expected["byCommunity"][0]["name"]
    w.shot("15-period-report-city")


def test_a_street_reads_a_month_of_its_own_and_downloads_the_excel(
    console: Any, demo_sync: None, api: Api
) -> None:
    month = (dt.date(2021, 4, 1), dt.date(2021, 4, 30))
    expected = api_report(api, "STREET", "street-guangling", *month)
    assert expected["totals"]["meetingsHeld"] > 0  # the month shows something
    w = console("STREET_ADMIN", "street-guangling")
    page = w.page
    w.goto("/period-report")
    page.locator("[data-test=report-title]", has_text="天长市 广陵街道 ").wait_for()
    picker = box(page, "month")
    picker.fill("2021-04")
    picker.press("Enter")
    away(page)
    page.locator("[data-test=report-title]", has_text=expected["title"]).wait_for()
    for key in ("meetingsHeld", "decisionsMade", "problemsSolved", "tasksDoneOnTime"):
        assert shown_figure(page, key) == expected["totals"][key], key
    rows = page.locator("[data-test=by-community] .el-table__body-wrapper tbody tr")
    assert rows.count() == len(expected["byCommunity"]) == 11
    met = next(c for c in expected["byCommunity"] if c["meetingsHeld"])
    assert met["name"] in rows.filter(has_text=met["name"]).first.inner_text()
    w.shot("15-period-report-street")

    sent: list[dict[str, str]] = []
    page.on("request", lambda r: "/transfer/period-report.xlsx" in r.url and sent.append(r.headers))
    with page.expect_download() as caught:
        page.locator("[data-test=download]").click()
    download = caught.value
    assert download.suggested_filename == "共建工作月报_广陵街道_2021-04-01_2021-04-30.xlsx"
    assert sent and sent[0].get("authorization", "").startswith("Bearer ")
    book = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert book.sheetnames == ["总览", "各社区", "各单位"]
    assert book["总览"]["A1"].value == expected["title"]
    overview = {r[1]: r[2] for r in book["总览"].iter_rows(min_row=3, values_only=True)}
    assert overview["召开联席会议"] == expected["totals"]["meetingsHeld"]
    assert overview["解决问题"] == expected["totals"]["problemsSolved"]
