"""The 评价与红黑榜 page in a real browser against the real stack (issue #14 point 4).

Anonymous: the demo's 2021 list is shown published, with red/black marks, the company that came last
barred from bidding, and each score's breakdown by rater (4:4:2); the quarter's grid colours with their
counts; 三最 names masked; no publish control. The organization department: a year rated through the API is
shown unpublished, published from the page, and its last place is barred at once."""

from __future__ import annotations

from typing import Any

from tests.conftest import Api
from tests.console.test_pages import go

pytestmark = __import__("pytest").mark.neo4j

RATE = """mutation ($i: RecordPropertyRatingInput!) { recordPropertyRating(input: $i) { id } }"""


def test_anyone_reads_the_published_list_with_its_breakdown_and_the_grid_colours(
    console: Any, demo_sync: None
) -> None:
    w = console()
    page = w.page
    w.goto("/ratings")
    page.locator("[data-test=published]").wait_for()
    rows = page.locator("[data-test=rating-list] tbody tr.el-table__row")
    rows.first.wait_for()
    assert rows.count() == 7  # six companies today and the one that exited after 2021
    assert page.locator("[data-test=mark]", has_text="红榜").count() == 3
    assert page.locator("[data-test=mark]", has_text="黑榜").count() == 2
    barred = page.locator("[data-test=rating-list] tbody tr.el-table__row", has_text="佳和物业管理有限公司")
    assert "已取消:2021 年度物业考评末位" in barred.inner_text()
    assert page.locator("[data-test=publish-list]").count() == 0
    rows.first.locator(".el-table__expand-icon").click()
    breakdown = page.locator("[data-test=breakdown]").first
    breakdown.wait_for()
    assert "(4:4:2)" in breakdown.inner_text()
    assert page.locator("[data-test=rater]").first.inner_text().startswith("物业主管部门:")
    w.shot("14-ratings-list")

    counts = page.locator("[data-test=grid-counts]")
    page.locator("[data-test=grid-ratings] [data-test=colour]").first.wait_for()
    red, blue, yellow = (int(counts.inner_text().split(c)[1].split("·")[0]) for c in ("红 ", "蓝 ", "黄 "))
    assert red + blue + yellow == page.locator("[data-test=grid-ratings] [data-test=colour]").count() > 0
    page.locator("[data-test=honours] .honoured").first.wait_for()  # 2021H1: the demo's 最优网格员
    names = page.locator("[data-test=honours] .honoured").all_inner_texts()
    assert names and all(name == "***" for name in names)
    w.shot("14-ratings-grids")


def test_the_organization_department_publishes_a_year_from_the_page(
    console: Any, demo_graph_sync: None, api: Api
) -> None:
    for unit, total in (("unit-pm-0001", 90.0), ("unit-pm-0002", 70.0)):
        groups = {"partyBuilding": round(total * 0.3, 1), "environment": round(total * 0.35, 1),
                  "management": round(total * 0.35, 1)}  # fmt: skip
        places = (("AUTHORITY", "raterUnitId", "unit-dept-01"), ("COMMUNITY", "communityId", "comm-shuguang"),
                  ("OWNERS", "compoundId", "compound-hepan-jiayuan" if unit == "unit-pm-0001" else "compound-00009"))  # fmt: skip
        for rater, field, place in places:
            body = api.gql(
                RATE, {"i": {"unitId": unit, "year": 2025, "rater": rater, field: place, **groups}}
            )
            assert "errors" not in body, body
    w = console("ORG_ADMIN")
    page = w.page
    go(w, "/ratings")
    page.locator("[data-test=published]").wait_for()
    page.locator("[data-test=rating-year]").click()
    page.locator(".el-select-dropdown__item:visible", has_text="2025 年度").click()
    page.locator("[data-test=unpublished]").wait_for()
    last = page.locator("[data-test=rating-list] tbody tr.el-table__row", has_text="和家物业管理有限公司")
    last.wait_for()
    assert "考评末位(发布后取消)" in last.inner_text()
    # a click right after the year's list reloaded (behind a fading loading mask) was lost once in a CI run
    # (2026-11-30: the popconfirm never opened; 5 runs alone passed), so the page settles first
    w.settle()
    page.wait_for_function("!document.querySelector('.el-loading-mask')", timeout=15000)
    page.locator("[data-test=publish-list]").click()
    page.locator(".el-popconfirm .el-button--primary:visible").click()
    page.locator("[data-test=published]").wait_for()
    page.locator("[data-test=barred]", has_text="2025 年度物业考评末位").wait_for()
    assert page.locator("[data-test=publish-list]").count() == 0
    unit = api.gql('{ unit(id: "unit-pm-0002") { biddingEligible creditRecords { year last } } }')["data"][
        "unit"
    ]
    assert unit["biddingEligible"] is False and unit["creditRecords"][0] == {"year": 2025, "last": True}
