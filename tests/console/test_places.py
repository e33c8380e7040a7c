"""Places in a real browser against the real stack (issue #17).

The dashboard says where the demo's city lies (安徽省 · 滁州市 · 天长市). With one city the match page's
plan shows no city picker; once a second city of the province (来安县, with a street, a community, a need
copied from a demo need and a unit offering copies of a demo resource) is in the graph, the organization
department picks the city to plan (by default the graph's first, as the API's `city`): 天长市's plan leaves
来安县's need out, 来安县's holds it only; a street admin of 天长市 still plans their street.

The pages that list or count a whole city's things pick the city the same way (?city= in the URL): the
dashboard's figures and place line, the needs and resources libraries (with their other filters), the
network's streets, the leaders page and the four lists (四单, with 来安县 holding a task of its own) each show
the chosen city's only; with one city no picker shows. The dashboard's task figures are taskStats(cityId)'s."""

from __future__ import annotations

import re
from typing import Any

import pytest

from orggraph.graph.driver import open_driver
from orggraph.settings import Settings
from tests.conftest import Api
from tests.console.conftest import _on_a_thread
from tests.console.test_pages import box, go, pick
from tests.integration.matching.test_bounded_by_place import OTHER_PLACES

pytestmark = pytest.mark.neo4j

NEED = "need-000003"  # a published demo need, copied as 来安县's need-laian-1
LAIAN_COMMUNITY = "来安第一社区"
LAIAN_UNIT = "来安县民政局"
LAIAN_LEADER = "来安县委常委"
CITY_PAGES = ["/dashboard", "/needs", "/resources", "/", "/leaders", "/lists"]
LAIAN_TASK = "task-laian-1"

# 来安县's leader, working at its unit (leaders(cityId) lists the leaders of the city's units)
LEADER_OF_LAIAN = """
MATCH (u:Unit {id: 'unit-laian-1'})
CREATE (:Leader {id: 'leader-laian-1', name: '吴来安', title: $title})-[:WORKS_AT]->(u)
"""

# a task of 来安县's need, copied from a demo task (without its resource), 来安县's unit RESPONSIBLE; not
# started (no rating) and three days past its deadline, so that 来安县's figures hold an overdue task
TASK_OF_LAIAN = """
MATCH (t0:Task)-[:FULFILS]->(:Need) WITH t0 ORDER BY t0.id LIMIT 1
MATCH (n:Need {id: 'need-laian-1'}), (u:Unit {id: 'unit-laian-1'})
CREATE (t:Task)-[:FULFILS]->(n)
SET t = t0 {.*, id: $id, clientId: null, status: 'PLANNED', deadline: date() - duration('P3D'), rating: null,
             comment: null, completedOn: null, lastNote: null}
CREATE (t)-[:RESPONSIBLE]->(u)
"""


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

    write(settings, OTHER_PLACES, needId=NEED, resourceId=city_wide[0])


def add_laian_leader(settings: Settings) -> None:
    write(settings, LEADER_OF_LAIAN, title=LAIAN_LEADER)


def add_laian_task(settings: Settings) -> None:
    write(settings, TASK_OF_LAIAN, id=LAIAN_TASK)


def write(settings: Settings, query: str, **params: Any) -> None:
    """One statement on the suite's Neo4j, from the browser test's thread (its own driver, on a thread of its
    own: the test's event loop belongs to Playwright)."""

    async def work() -> None:
        driver = open_driver(settings)
        try:
            await driver.execute_query(query, params, database_=settings.neo4j_database)
        finally:
            await driver.close()

    _on_a_thread(work)


def choose_city(w: Any, name: str) -> None:
    """Chooses a city in the page's picker and waits for the page's requests for it."""
    page = w.page
    page.locator("[data-test=city-picker]").click()
    page.locator(".el-select-dropdown__item[data-city]:visible", has_text=name).click()
    page.locator(".el-select-dropdown__item[data-city]:visible").first.wait_for(state="hidden")
    w.settle()


def picked(w: Any) -> str:
    """The city the page's picker shows, once the page has asked for its things."""
    picker = w.page.locator("[data-test=city-picker]")
    picker.wait_for()
    w.settle()
    text: str = picker.inner_text()
    return text


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
    for path, loaded in [
        ("/needs", "[data-test=needs] .need-title"),
        ("/leaders", "[data-test=leaders] .leader-name"),
    ]:
        go(w, path)
        page.locator(loaded).first.wait_for()
        w.settle()
        assert page.locator("[data-test=city-picker]").count() == 0, path


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


def figure(page: Any, label: str) -> int:
    return int(page.locator(f'[data-stat="{label}"] .value').inner_text().rstrip("个家项人次"))


TASK_STATS = "query ($id: ID) { taskStats(cityId: $id) { byStatus { count } overdue dueSoon } }"


def task_figures(page: Any) -> tuple[int, int, int]:
    """The dashboard's task figures: the tasks its task chart counts, 任务逾期, 7 日内到期."""
    counted = int(page.locator("[data-test=task-chart]").get_attribute("data-tasks"))
    return counted, figure(page, "任务逾期"), figure(page, "7 日内到期")


def task_stats(api: Api, city_id: str) -> tuple[int, int, int]:
    """The same figures from the API's taskStats(cityId)."""
    t = api.gql(TASK_STATS, {"id": city_id})["data"]["taskStats"]
    return sum(c["count"] for c in t["byStatus"]), t["overdue"], t["dueSoon"]


def test_with_two_cities_the_dashboard_counts_the_city_picked(
    console: Any, demo_graph_sync: None, api: Api, settings: Settings
) -> None:
    add_laian(api, settings)
    add_laian_task(settings)
    stats = "query ($id: ID) { cityStats(cityId: $id) { streets communities memberUnits resources } }"
    laian = api.gql(stats, {"id": "city-laian"})["data"]["cityStats"]
    tianchang = api.gql(stats, {"id": "city-tianchang"})["data"]["cityStats"]
    assert (laian["streets"], laian["communities"], laian["memberUnits"]) == (1, 1, 1)
    first = api.gql("{ city { name } }")["data"]["city"]["name"]
    w = console("ORG_ADMIN")
    page = w.page
    place = page.locator("[data-test=city-place] span")
    w.goto("/dashboard")
    assert first in picked(w)  # by default the graph's first city, as the API's `city`
    assert place.all_inner_texts()[-1] == first

    choose_city(w, "天长市")
    page.wait_for_url(re.compile(r"[?&]city=city-tianchang"))
    page.locator("[data-stat=街道] .value", has_text="2").wait_for()
    assert place.all_inner_texts() == ["安徽省", "滁州市", "天长市"]
    assert page.locator("h1").inner_text().startswith("天长市城市基层党建共建网络")
    assert [figure(page, k) for k in ("街道", "社区", "成员单位", "资源库")] == [
        tianchang["streets"], tianchang["communities"], tianchang["memberUnits"], tianchang["resources"],
    ]  # fmt: skip
    # its tasks as taskStats(cityId) counts them (with its streets' problems' tasks)
    assert task_figures(page) == task_stats(api, "city-tianchang")

    choose_city(w, "来安县")
    page.locator("[data-stat=街道] .value", has_text="1").wait_for()
    assert place.all_inner_texts() == ["安徽省", "来安县"]  # no prefecture stored for it
    assert page.locator("h1").inner_text().startswith("来安县城市基层党建共建网络")
    assert [figure(page, k) for k in ("街道", "社区", "成员单位", "资源库", "需求库")] == [
        1, 1, 1, laian["resources"], 1,
    ]  # fmt: skip
    # 来安县's one task, overdue
    assert task_figures(page) == task_stats(api, "city-laian") == (1, 1, 0)
    page.locator("[data-test=dashboard][data-drawn]").wait_for()
    page.wait_for_timeout(1200)  # chart animations
    w.shot("17-dashboard-laian")

    # a link names its city
    go(w, "/dashboard?city=city-tianchang")
    assert "天长市" in picked(w)
    assert place.all_inner_texts()[-1] == "天长市"
    go(w, "/dashboard?city=city-laian")
    assert "来安县" in picked(w)
    assert place.all_inner_texts()[-1] == "来安县"


def need_rows(page: Any) -> list[tuple[str, str]]:
    rows = page.locator("[data-test=needs] tbody tr")
    return [(r.locator(".need-title").inner_text(), r.locator("td").nth(1).inner_text()) for r in rows.all()]


def resource_units(page: Any) -> list[str]:
    return page.locator("[data-test=resources] tbody tr td:nth-child(2)").all_inner_texts()


def options_of(page: Any, select: str) -> list[str]:
    page.locator(select).click()
    options = page.locator(".el-select-dropdown__item:visible")
    options.first.wait_for()
    texts: list[str] = options.all_inner_texts()
    page.keyboard.press("Escape")
    options.first.wait_for(state="hidden")
    return texts


def test_with_two_cities_the_needs_and_resources_libraries_list_the_city_picked(
    console: Any, demo_graph_sync: None, api: Api, settings: Settings
) -> None:
    add_laian(api, settings)
    title = api.gql("query ($id: ID!) { need(id: $id) { title } }", {"id": NEED})["data"]["need"]["title"]
    w = console("ORG_ADMIN")
    page = w.page
    total = page.locator("[data-test=total]")

    # 来安县's one need; its one street to filter by; and with a search as well
    w.goto("/needs?city=city-laian")
    assert "来安县" in picked(w)
    total.filter(has_text=re.compile(r"^1$")).wait_for()
    assert need_rows(page) == [(title, LAIAN_COMMUNITY)]
    assert options_of(page, "[data-test=filter-street]") == ["新安街道"]
    box(page, "search").fill(title)
    page.locator("[data-test=do-search]").click()
    w.settle()
    assert need_rows(page) == [(title, LAIAN_COMMUNITY)]
    w.shot("17-needs-laian")

    # 天长市: its needs only, its streets, the same search finds the demo need it was copied from
    choose_city(w, "天长市")
    page.wait_for_url(re.compile(r"[?&]city=city-tianchang"))
    rows = need_rows(page)
    assert rows and (title, LAIAN_COMMUNITY) not in rows
    assert all(community != LAIAN_COMMUNITY for _, community in rows)
    assert "新安街道" not in options_of(page, "[data-test=filter-street]")
    box(page, "search").fill("")
    page.locator("[data-test=do-search]").click()
    w.settle()
    tianchang_needs = api.gql('{ needs(filter: {cityId: "city-tianchang"}) { totalCount } }')
    assert int(total.inner_text()) == tianchang_needs["data"]["needs"]["totalCount"]
    assert all(community != LAIAN_COMMUNITY for _, community in need_rows(page))

    # a need's detail keeps the city in the link
    page.locator("[data-test=needs] .need-title").first.click()
    page.locator("[data-test=need-detail] [data-test=detail-status]").wait_for()
    assert "city=city-tianchang" in page.url

    # the resources of 来安县's unit only; with another filter as well
    go(w, "/resources?city=city-laian")
    assert "来安县" in picked(w)
    total.filter(has_text=re.compile(r"^4$")).wait_for()
    assert resource_units(page) == [LAIAN_UNIT] * 4
    pick(page, "[data-test=filter-area]", "全市")
    w.settle()
    assert resource_units(page) == [LAIAN_UNIT]
    w.shot("17-resources-laian")
    choose_city(w, "天长市")
    units = resource_units(page)
    assert units and LAIAN_UNIT not in units
    tianchang_city_wide = api.gql(
        '{ resources(filter: {cityId: "city-tianchang", serviceArea: CITY}) { totalCount } }'
    )
    assert int(total.inner_text()) == tianchang_city_wide["data"]["resources"]["totalCount"]


def test_with_two_cities_the_network_and_the_leaders_show_the_city_picked(
    console: Any, demo_graph_sync: None, api: Api, settings: Settings
) -> None:
    add_laian(api, settings)
    add_laian_leader(settings)
    w = console("ORG_ADMIN")
    page = w.page
    streets = page.locator("[data-test=count-streets]")
    communities = page.locator("[data-test=count-communities]")

    w.goto("/?city=city-laian")
    assert "来安县" in picked(w)
    streets.filter(has_text=re.compile(r"^1$")).wait_for()
    assert communities.inner_text() == "1"
    page.wait_for_timeout(1500)  # the force layout
    w.shot("17-network-laian")
    choose_city(w, "天长市")
    streets.filter(has_text=re.compile(r"^2$")).wait_for()
    assert communities.inner_text() == "23"

    leaders = page.locator("[data-test=leaders] .leader-name")
    go(w, "/leaders?city=city-laian")
    assert "来安县" in picked(w)
    assert leaders.all_inner_texts() == ["吴来安"]
    assert page.locator("[data-test=leaders] tbody tr").first.inner_text().count(LAIAN_LEADER) == 1
    w.shot("17-leaders-laian")
    choose_city(w, "天长市")
    tianchang = api.gql('{ leaders(cityId: "city-tianchang") { name } }')["data"]["leaders"]
    assert tianchang
    leaders.first.wait_for()
    assert leaders.all_inner_texts() == [x["name"] for x in tianchang]


LISTS = [
    ("任务清单", "list-task"),
    ("责任清单", "list-responsibility"),
    ("标准清单", "list-standard"),
    ("时限清单", "list-time"),
]
TASK_IDS = "query ($f: TaskFilter) { taskList(filter: $f) { id } }"


def listed(page: Any) -> dict[str, list[str]]:
    """The tasks each of the four lists shows (by tab), ending on the first tab."""
    shown = {}
    for tab, table in LISTS:
        page.locator(".el-tabs__item", has_text=tab).click()
        page.locator(f"[data-test={table}]").wait_for()
        tasks = page.locator(f"[data-test={table}] [data-task]")
        shown[tab] = tasks.evaluate_all("els => els.map((e) => e.dataset.task)")
    page.locator(".el-tabs__item", has_text=LISTS[0][0]).click()
    return shown


def task_ids(api: Api, task_filter: dict[str, Any]) -> list[str]:
    ids: list[str] = [t["id"] for t in api.gql(TASK_IDS, {"f": task_filter})["data"]["taskList"]]
    return ids


def test_with_two_cities_the_four_lists_list_the_tasks_of_the_city_picked(
    console: Any, demo_graph_sync: None, api: Api, settings: Settings
) -> None:
    add_laian(api, settings)
    add_laian_task(settings)
    tianchang = task_ids(api, {"cityId": "city-tianchang"})
    assert tianchang and LAIAN_TASK not in tianchang
    w = console("ORG_ADMIN")
    page = w.page
    first_task = page.locator("[data-test=list-task] [data-task]").first

    # 来安县 (the first city): its one task in all four lists, overdue; its one street to filter by
    w.goto("/lists")
    assert "来安县" in picked(w)
    first_task.wait_for()
    assert listed(page) == {tab: [LAIAN_TASK] for tab, _ in LISTS}
    assert "逾期" in page.locator(f"[data-test=list-task] tr:has([data-task='{LAIAN_TASK}'])").inner_text()
    assert options_of(page, "[data-test=filter-street]") == ["新安街道"]
    w.shot("17-lists-laian")

    # 天长市: its own tasks (the demo's) as before, 来安县's street gone from the filter
    choose_city(w, "天长市")
    page.wait_for_url(re.compile(r"[?&]city=city-tianchang"))
    first_task.wait_for()
    shown = listed(page)
    assert shown["任务清单"] == tianchang
    assert all(LAIAN_TASK not in ids for ids in shown.values())
    assert "新安街道" not in options_of(page, "[data-test=filter-street]")
    w.shot("17-lists-tianchang")

    # with another filter as well: the city's tasks of that status
    pick(page, "[data-test=filter-status]", "已完成")
    w.settle()
    done = task_ids(api, {"cityId": "city-tianchang", "status": ["DONE"]})
    assert done and listed(page)["任务清单"] == done
    choose_city(w, "来安县")
    assert listed(page)["任务清单"] == []  # its one task is not started
    pick(page, "[data-test=filter-status]", "待启动")  # now 已完成 or 待启动
    w.settle()
    assert listed(page)["任务清单"] == [LAIAN_TASK]

    # a link names its city
    go(w, "/lists?city=city-tianchang")
    assert "天长市" in picked(w)
    first_task.wait_for()
    assert listed(page)["任务清单"] == tianchang


def test_with_two_cities_every_city_page_shows_the_picker_and_opens_on_the_first_city_or_the_users_own(
    console: Any, demo_graph_sync: None, api: Api, settings: Settings
) -> None:
    add_laian(api, settings)
    first = api.gql("{ city { name } }")["data"]["city"]["name"]
    w = console("ORG_ADMIN")
    for path in CITY_PAGES:
        go(w, path)
        assert first in picked(w), path
        assert "city=" not in w.page.url  # the first city is left out of the URL

    # a street admin of 天长市 opens on their street's city
    w = console("STREET_ADMIN", "street-guangling")
    w.goto("/needs")
    assert "天长市" in picked(w)
    assert all(community != LAIAN_COMMUNITY for _, community in need_rows(w.page))


def test_with_two_cities_a_needs_four_lists_open_on_the_city_it_was_shown_in(
    console: Any, demo_graph_sync: None, api: Api, settings: Settings
) -> None:
    add_laian(api, settings)
    tasks = api.gql('{ taskList(filter: {cityId: "city-tianchang"}) { id need { id } } }')["data"]["taskList"]
    task = next(t for t in tasks if t["need"])
    w = console("ORG_ADMIN")
    page = w.page
    go(w, f"/needs/{task['need']['id']}?city=city-tianchang")
    page.locator("[data-test=to-lists]").click()
    # 天长市 is not the first city: without ?city= the lists would open on 来安县, without this need's tasks
    page.wait_for_url(re.compile(r"/lists\?.*city=city-tianchang"))
    assert "天长市" in picked(w)
    page.locator(f"[data-test=list-task] [data-task='{task['id']}']").first.wait_for()
