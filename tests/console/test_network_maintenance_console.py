"""Keeping the network current in the console (#13), in a real browser against the real stack: the
street replaces 曙光社区's secretary and ends a membership, and 组成沿革 shows the old ones dated and the
committee as it was the day before; the community adds and retires a grid; the organisation department
adds a leader on the 市领导 page, gives it a contact point and retires it. Names are fictional."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.conftest import Api

from .test_pages import away, box

pytestmark = __import__("pytest").mark.neo4j

NOW = """{ community(id: "comm-shuguang") { contactLeaders { name } grids { name }
  committee { secretary { name } members { unit { id name } } } } }"""


def shuguang(api: Api) -> dict[str, Any]:
    result: dict[str, Any] = api.gql(NOW)["data"]["community"]
    return result


def test_the_street_replaces_the_secretary_ends_a_membership_and_reads_the_history(
    console: Any, demo_graph_sync: None, api: Api
) -> None:
    before = shuguang(api)
    old_secretary = before["committee"]["secretary"]["name"]
    w = console("STREET_ADMIN", "street-guangling")
    page = w.page
    w.goto("/community/comm-shuguang")
    page.locator("[data-test=committee]").wait_for()

    # a new secretary: the person is recorded and takes the post today
    page.locator("[data-test=change-secretary]").click()
    box(page, "secretary-name").fill("林晓雯")
    page.locator("[data-test=submit-secretary]").click()
    page.locator("[data-test=secretary] .person", has_text="林晓雯").wait_for()
    assert shuguang(api)["committee"]["secretary"]["name"] == "林晓雯"

    # a member leaves: gone from its seat, kept in the history
    member = page.locator("[data-test=seat-N] .member").first
    unit_id = member.get_attribute("data-unit")
    unit_name = member.locator(".unit").inner_text()
    member.locator("[data-test=remove-member]").click()
    page.locator(".el-popconfirm button", has_text="移出").click()
    page.locator(f"[data-test=seat-N] .member[data-unit='{unit_id}']").wait_for(state="detached")

    page.locator(".el-tabs__item", has_text="组成沿革").click()
    history = page.locator("[data-test=history]")
    today = dt.date.today().isoformat()
    old_row = history.locator(".el-table__row").filter(has_text=old_secretary).filter(has_text="书记").first
    assert today in old_row.inner_text()  # its term ended today
    ended = history.locator(".el-table__row").filter(has_text=unit_name).first
    assert today in ended.inner_text()
    new_row = history.locator(".el-table__row").filter(has_text="林晓雯").first
    assert "现任" in new_row.inner_text()

    # the committee on the day before: the old secretary, the member still seated
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    day = page.locator("[data-test=as-of] input").first
    day.fill(yesterday)
    day.press("Enter")
    away(page)
    page.locator("[data-test=show-composition]").click()
    shown = page.locator("[data-test=composition]")
    shown.wait_for()
    assert old_secretary in shown.inner_text() and unit_name in shown.inner_text()
    w.shot("13-community-history")


def test_the_community_adds_and_retires_a_grid(console: Any, demo_graph_sync: None, api: Api) -> None:
    w = console("COMMUNITY_ADMIN", "comm-shuguang")
    page = w.page
    w.goto("/community/comm-shuguang")
    page.locator("[data-test=committee]").wait_for()
    assert page.locator("[data-test=change-secretary]").count() == 0  # the street's, not the community's
    page.locator("[data-test=add-grid]").click()
    box(page, "grid-name").fill("曙光第九网格")
    page.locator("[data-test=submit-grid]").click()
    chip = page.locator("[data-test=grid-admin] .grid-chip", has_text="曙光第九网格")
    chip.wait_for()
    assert "曙光第九网格" in [g["name"] for g in shuguang(api)["grids"]]
    chip.locator("[data-test=retire-grid]").click()
    page.locator(".el-popconfirm button", has_text="撤销").click()
    chip.wait_for(state="detached")
    assert "曙光第九网格" not in [g["name"] for g in shuguang(api)["grids"]]


def test_the_organisation_department_adds_a_leader_sets_its_contact_point_and_retires_it(
    console: Any, demo_graph_sync: None, api: Api
) -> None:
    w = console("ORG_ADMIN")
    page = w.page
    w.goto("/leaders")
    page.locator("[data-test=leaders] .leader-name").first.wait_for()
    count = page.locator("[data-test=leaders] .el-table__row").count()
    # an empty title is refused by the API, under its field, and nothing is written
    page.locator("[data-test=create-leader]").click()
    box(page, "leader-name").fill("周明远")
    page.locator("[data-test=submit-leader]").click()
    page.locator("[data-test=leader-form] .el-form-item.is-error", has_text="职务").wait_for()
    box(page, "leader-title").fill("市委常委")
    page.locator("[data-test=submit-leader]").click()
    row = page.locator("[data-test=leaders] .el-table__row", has_text="周明远")
    row.wait_for()
    assert page.locator("[data-test=leaders] .el-table__row").count() == count + 1

    row.locator("[data-test=set-contact]").click()
    page.locator("[data-test=contact-community]").click()
    page.keyboard.type("曙光")
    page.locator(".el-select-dropdown__item:visible", has_text="曙光社区").first.click()
    away(page)
    page.locator("[data-test=submit-contact]").click()
    row.locator(".contact", has_text="曙光社区").wait_for()
    assert shuguang(api)["contactLeaders"] == [{"name": "周明远"}]
    w.shot("13-leaders")

    row.locator("[data-test=retire-leader]").click()
    page.locator(".el-popconfirm button", has_text="卸任").click()
    row.wait_for(state="detached")
    assert shuguang(api)["contactLeaders"] == []
    assert "周明远" not in [x["name"] for x in api.gql("{ leaders { name } }")["data"]["leaders"]]


def test_the_leaders_page_is_the_organisation_departments_only(
    console: Any, demo_sync: None, api: Api
) -> None:
    w = console("STREET_ADMIN", "street-guangling")
    w.goto("/leaders")
    w.page.wait_for_url(api.url + "/")
    assert w.page.locator(".el-menu-item", has_text="市领导").count() == 0
