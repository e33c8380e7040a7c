"""The 在职党员 page (issue #14) in a real browser against the real stack.

As a unit user of 市住房和城乡建设局: the unit's reporting rate and members; a new member registered through the
form (a new person without a name first: the API's error under 党员编号, nothing written), then reported twice (双报到) and
counted. As the community admin of 曙光社区: the community's reported members and zones; a service record
(0 hours first: the error under 时长, nothing written) with its points. A VIEWER sees the campaign's figures,
masked names and no write controls."""

from __future__ import annotations

from typing import Any

from tests.conftest import Api
from tests.console.test_pages import box, form_item, set_date

pytestmark = __import__("pytest").mark.neo4j

UNIT = "unit-dept-01"
HEPAN = "compound-hepan-jiayuan"


def stats(api: Api) -> dict[str, Any]:
    q = f'{{ unit(id: "{UNIT}") {{ partyMemberStats {{ members registered }} }} }}'
    result: dict[str, Any] = api.gql(q)["data"]["unit"]["partyMemberStats"]
    return result


def test_a_unit_registers_a_member_who_reports_twice(console: Any, demo_graph_sync: None, api: Api) -> None:
    before = stats(api)
    w = console("UNIT_USER", UNIT)
    page = w.page
    w.goto("/party-members")
    page.locator("[data-test=stat-members]").filter(has_text=str(before["members"])).wait_for()
    assert page.locator("[data-test=paired]").inner_text() != "未结对"

    page.locator("[data-test=register-member]").click()
    box(page, "person-id").fill("pm-console-1")
    box(page, "compound-id").fill(HEPAN)
    page.locator("[data-test=submit-register]").click()
    item = form_item(page, "register-form", "党员编号")
    item.locator(".el-form-item__error").wait_for()  # a new person needs a name: NOT_FOUND personId
    assert stats(api) == before
    box(page, "person-name").fill("界面党员")
    page.locator("[data-test=submit-register]").click()
    page.locator("[data-test=stat-members]").filter(has_text=str(before["members"] + 1)).wait_for()
    member = api.gql('{ partyMember(id: "pm-console-1") { registered compound { id } community { id } } }')
    assert (
        member["data"]["partyMember"]["registered"]
        and member["data"]["partyMember"]["compound"]["id"] == HEPAN
    )
    assert stats(api) == {"members": before["members"] + 1, "registered": before["registered"] + 1}
    w.shot("14-party-unit")


def test_a_community_records_a_members_service(console: Any, demo_graph_sync: None, api: Api) -> None:
    q = '{ partyMembers(filter: {communityId: "comm-shuguang", registered: true}, first: 1) { id serviceTotals { records points } } }'
    member = api.gql(q)["data"]["partyMembers"][0]
    w = console("COMMUNITY_ADMIN", "comm-shuguang")
    page = w.page
    w.goto("/party-members")
    page.locator(".el-tabs__item", has_text="社区报到与包保").click()
    page.locator("[data-test=zones] tbody tr").first.wait_for()
    assert int(page.locator("[data-test=reported]").inner_text()) > 0

    page.locator("[data-test=record-service]").click()
    box(page, "service-person").fill(member["id"])
    set_date(page, form_item(page, "service-form", "服务日期"), "2026-11-20")
    box(page, "service-activity").fill("文明交通劝导")
    hours = box(page, "service-hours")
    hours.fill("0")
    hours.press("Tab")
    page.locator("[data-test=submit-service]").click()
    form_item(page, "service-form", "时长(时)").locator(".el-form-item__error").wait_for()
    assert api.gql(q)["data"]["partyMembers"][0]["serviceTotals"] == member["serviceTotals"]
    hours.fill("6")
    hours.press("Tab")
    page.locator("[data-test=submit-service]").click()
    page.locator(".el-message", has_text="积分 4").wait_for()
    totals = api.gql(q)["data"]["partyMembers"][0]["serviceTotals"]
    assert totals == {
        "records": member["serviceTotals"]["records"] + 1,
        "points": member["serviceTotals"]["points"] + 4,
    }
    w.shot("14-party-community")


def test_a_viewer_sees_the_campaign_and_masked_names(console: Any, demo_sync: None) -> None:
    w = console("VIEWER")
    page = w.page
    w.goto("/party-members")
    page.locator("[data-test=members] tbody tr").first.wait_for()
    assert {n.inner_text() for n in page.locator("[data-test=members] .member-name").all()} == {"***"}
    assert page.locator("[data-test=register-member]").count() == 0
    page.locator(".el-tabs__item", has_text="集中行动").click()
    figures = page.locator("[data-test=campaign-figures]")
    figures.wait_for()
    assert page.locator("[data-test=fig-units]").inner_text() == "81"
    assert page.locator("[data-test=fig-branches]").inner_text() == "50"
    assert page.locator("[data-test=fig-teams]").inner_text() == "23"
    assert page.locator("[data-test=fig-roads]").inner_text() == "94"
    assert page.locator("[data-test=groups] tbody tr").count() == 73
    w.shot("14-party-campaign")
