"""Places in a real browser against the real stack (issue #17).

The dashboard says where the demo's city lies (安徽省 · 滁州市 · 天长市). With one city the match page's
plan shows no city picker; once a second city of the province (来安县, with a street, a community, a need
copied from a demo need and a unit offering copies of a demo resource) is in the graph, the organization
department picks the city to plan (by default the graph's first, as the API's `city`): 天长市's plan leaves
来安县's need out, 来安县's holds it only; a street admin of 天长市 still plans their street."""

from __future__ import annotations

import re
from typing import Any

import pytest

from orggraph.graph.driver import open_driver
from orggraph.settings import Settings
from tests.conftest import Api
from tests.console.conftest import _on_a_thread
from tests.console.test_pages import go, pick
from tests.integration.matching.test_bounded_by_place import OTHER_PLACES

pytestmark = pytest.mark.neo4j

NEED = "need-000003"  # a published demo need, copied as 来安县's need-laian-1
LAIAN_COMMUNITY = "来安第一社区"


def add_laian(api: Api, settings: Settings) -> None:
    """来安县 beside 天长市 in 安徽省: OTHER_PLACES with one of NEED's city-wide candidates (as of today)
    copied for 来安县's unit, so that its plan has something to assign."""
    found = api.gql(
        "query ($id: ID!) { matchNeed(needId: $id, limit: 50) { resource { id serviceArea } } }", {"id": NEED}
    )
    city_wide = [
        c["resource"]["id"] for c in found["data"]["matchNeed"] if c["resource"]["serviceArea"] == "CITY"
    ]
    assert city_wide, found

    async def work() -> None:
        driver = open_driver(settings)
        try:
            await driver.execute_query(
                OTHER_PLACES, needId=NEED, resourceId=city_wide[0], database_=settings.neo4j_database
            )
        finally:
            await driver.close()

    _on_a_thread(work)


def open_plan(w: Any) -> Any:
    page = w.page
    page.locator(".el-tabs__item", has_text="整体对接方案").click()
    return page


def planned_communities(w: Any) -> list[str]:
    """Make the plan of what the page has chosen; the communities of its rows' needs."""
    page = w.page
    page.locator("[data-test=make-plan]").click()
    page.locator("[data-test=plan-summary]").wait_for(timeout=30000)
    w.settle()
    rows = page.locator("[data-test=plan] tbody tr")
    return [rows.nth(i).locator("td").first.locator(".muted").inner_text() for i in range(rows.count())]


def test_the_dashboard_says_where_the_city_lies_and_one_city_needs_no_picker(
    console: Any, demo_sync: None
) -> None:
    w = console("ORG_ADMIN")
    page = w.page
    w.goto("/dashboard")
    place = page.locator("[data-test=city-place]")
    place.wait_for()
    assert place.locator("span").all_inner_texts() == ["安徽省", "滁州市", "天长市"]
    assert "县级市" in place.inner_text()
    assert page.locator("h1").inner_text().startswith("天长市城市基层党建共建网络")
    page.locator("[data-test=dashboard][data-drawn='5']").wait_for()
    page.wait_for_timeout(1200)  # chart animations
    w.shot("17-dashboard-place")

    go(w, "/match")
    open_plan(w)
    page.locator("[data-test=plan-street]").wait_for()
    w.settle()
    assert page.locator("[data-test=city-picker]").count() == 0


def street_options(page: Any) -> list[str]:
    """The streets the plan's street select offers (once the city picker's options are gone)."""
    page.locator(".el-select-dropdown__item[data-city]:visible").first.wait_for(state="hidden")
    page.locator("[data-test=plan-street]").click()
    options = page.locator(".el-select-dropdown__item:visible")
    options.first.wait_for()
    texts: list[str] = options.all_inner_texts()
    page.keyboard.press("Escape")
    return texts


def test_with_two_cities_the_match_page_plans_the_city_picked(
    console: Any, demo_graph_sync: None, api: Api, settings: Settings
) -> None:
    add_laian(api, settings)
    # the page's default is the API's: the graph's first city (by id)
    first = api.gql("{ city { name } }")["data"]["city"]["name"]
    w = console("ORG_ADMIN")
    page = w.page
    w.goto("/match")
    open_plan(w)
    picker = page.locator("[data-test=city-picker]")
    picker.wait_for()
    w.settle()
    assert first in picker.inner_text()

    # 天长市 picked: in the URL, its streets, and a whole-city plan without 来安县's need
    pick(page, "[data-test=city-picker]", "天长市")
    page.wait_for_url(re.compile(r"[?&]city=city-tianchang"))
    assert "新安街道" not in street_options(page)
    communities = planned_communities(w)
    assert communities and LAIAN_COMMUNITY not in communities

    # 来安县 picked: the first city, left out of the URL; the plan of the other city is gone; its one
    # street, and a plan of its one need
    pick(page, "[data-test=city-picker]", "来安县")
    page.wait_for_url(lambda url: "city=" not in url)
    assert page.locator("[data-test=plan-summary]").count() == 0
    assert street_options(page) == ["新安街道"]
    assert planned_communities(w) == [LAIAN_COMMUNITY]
    assert page.locator("[data-test=plan-summary]").inner_text().startswith("纳入 1 项需求,分配 1 项")
    w.shot("17-plan-laian")

    # a link names its city
    go(w, "/match?city=city-tianchang")
    open_plan(w)
    picker.wait_for()
    w.settle()
    assert "天长市" in picker.inner_text()


def test_with_two_cities_a_street_admin_still_plans_their_street_of_tianchang(
    console: Any, demo_graph_sync: None, api: Api, settings: Settings
) -> None:
    add_laian(api, settings)
    w = console("STREET_ADMIN", "street-guangling")
    page = w.page
    w.goto("/match")
    open_plan(w)
    page.locator("[data-test=plan-street]").wait_for()
    w.settle()
    assert page.locator("[data-test=city-picker]").count() == 0  # a street admin plans no whole city
    assert "新安街道" not in street_options(page)
    communities = planned_communities(w)
    assert communities and LAIAN_COMMUNITY not in communities
