"""The 智慧管家 page (群众反映与派单) in a real browser against the real stack.

Anonymous: the departments' figures and the city's (4331 received, 98.94% satisfied), the queue filtered to the
overdue reports (six, each marked 逾期), no action. The organization department dispatches a report awaiting
dispatch by the table; the department it went to accepts it and handles it (first without a note: the API's
error under 办理情况, nothing written); the street's command centre records the reporter's rating, which closes
it; the reporter's name shows for those who handle it and is masked for the others."""

from __future__ import annotations

from typing import Any

from tests.conftest import Api
from tests.console.test_pages import box, form_item, pick

pytestmark = __import__("pytest").mark.neo4j

REPORT = "query ($id: ID!) { report(id: $id) { status department { id } handlingNote satisfaction compound { id } } }"
WAITING = "{ reports(filter: {status: [REPORTED]}, first: 1) { edges { node { id reportedAt } } } }"


def report(api: Api, rid: str) -> dict[str, Any]:
    found: dict[str, Any] = api.gql(REPORT, {"id": rid})["data"]["report"]
    return found


def test_anyone_reads_the_figures_and_the_overdue_queue(console: Any, demo_sync: None) -> None:
    w = console()
    page = w.page
    w.goto("/reports")
    city = page.locator("[data-test=city-figures]")
    city.wait_for()
    assert "收到 4331 件" in city.inner_text() and "98.94%" in city.inner_text()
    page.locator("[data-test=department-figures] tbody tr", has_text="市城市管理局").wait_for()
    page.locator("[data-test=filter-overdue]").click()
    page.locator("[data-test=apply-filters]").click()
    page.locator("[data-test=report-total]", has_text="共 6 件").wait_for()
    rows = page.locator("[data-test=reports] tbody tr")
    assert rows.count() == 6
    assert page.locator("[data-test=reports] [data-test=overdue]").count() == 6
    assert (
        page.locator("[data-test=dispatch], [data-test=accept], [data-test=handle], [data-test=rate]").count()
        == 0
    )
    assert {t.strip() for t in rows.locator("td:nth-child(5)").all_inner_texts()} == {"***"}
    w.shot("14-reports-overdue")


def test_a_report_is_dispatched_accepted_handled_and_rated_from_the_queue(
    console: Any, demo_graph_sync: None, api: Api
) -> None:
    rid = api.gql(WAITING)["data"]["reports"]["edges"][0]["node"]["id"]

    org = console("ORG_ADMIN")
    page = org.page
    org.goto("/reports")
    pick(page, "[data-test=filter-status]", "待派单")
    page.locator("[data-test=apply-filters]").click()
    page.locator("[data-test=report-total]", has_text="共 2 件").wait_for()
    page.locator("[data-test=reports] tbody tr").first.locator("[data-test=dispatch]").click()
    page.locator("[data-test=submit-dispatch]").click()  # no department: the dispatch table decides
    page.locator("[data-test=report-total]", has_text="共 1 件").wait_for()
    dispatched = report(api, rid)
    assert dispatched["status"] == "DISPATCHED"
    department = dispatched["department"]["id"]

    unit = console("UNIT_USER", department)
    page = unit.page
    unit.goto("/reports")
    pick(page, "[data-test=filter-status]", "已派单")
    page.locator("[data-test=apply-filters]").click()
    # newest first: ours was reported before the demo's three dispatched ones (some may be this unit's)
    rows = page.locator("[data-test=reports] tbody tr")
    rows.first.wait_for()
    row = rows.filter(has=page.locator("[data-test=accept]")).last
    assert row.locator("td:nth-child(5)").inner_text().strip() != "***"  # the department sees the reporter
    row.locator("[data-test=accept]").click()
    page.locator(".el-message", has_text="已接单").wait_for()
    unit.settle()
    assert report(api, rid)["status"] == "ACCEPTED"
    pick(page, "[data-test=filter-status]", "已接单")
    page.locator("[data-test=apply-filters]").click()
    page.locator("[data-test=reports] tbody tr").filter(has=page.locator("[data-test=handle]")).last.locator(
        "[data-test=handle]"
    ).click()
    page.locator("[data-test=submit-handle]").click()
    note = form_item(page, "handle-form", "办理情况")
    note.locator(".el-form-item__error").wait_for()
    assert report(api, rid)["status"] == "ACCEPTED"
    box(page, "handle-note").fill("已清理楼道杂物")
    page.locator("[data-test=submit-handle]").click()
    page.locator(".el-message", has_text="已办结").wait_for()
    handled = report(api, rid)
    assert (handled["status"], handled["handlingNote"]) == ("HANDLED", "已清理楼道杂物")
    unit.shot("14-reports-handled")

    centre = console("ORG_ADMIN")
    page = centre.page
    centre.goto("/reports")
    pick(page, "[data-test=filter-status]", "已办结待评价")
    page.locator("[data-test=apply-filters]").click()
    # newest first: the demo's three handled reports come before ours; each rating closes one and the
    # queue (handled, awaiting rating) refreshes without it
    for _ in range(4):
        page.locator("[data-test=reports] [data-test=rate]").first.click()
        pick(page, "[data-test=rate-satisfaction]", "满意")
        page.locator("[data-test=submit-rate]").click()
        page.locator(".el-message", has_text="已评价并关闭").last.wait_for()
        centre.settle()
        if report(api, rid)["status"] == "CLOSED":
            break
    closed = report(api, rid)
    assert (closed["status"], closed["satisfaction"]) == ("CLOSED", "SATISFIED")
