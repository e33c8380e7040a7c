"""The 小区 page (issue #14) in a real browser against the real stack: the no-property compounds, all under
fallback management (none without a property company); 河畔家园's governance (its property company, red
owners' committee, the core and two wings, fee rate under 30%), its 三联办's meetings and property issues;
the community's admin takes an issue to the next of the six steps with its button."""

from __future__ import annotations

from typing import Any

from tests.conftest import Api

from .test_pages import pick

pytestmark = __import__("pytest").mark.neo4j

ISSUE = "comm-shuguang-tripartite-issue-009"  # 河畔家园增设快递柜: at 收集民意 in the demo


def step_of(api: Api, issue_id: str) -> str:
    data = api.gql("query ($id: ID!) { propertyIssue(id: $id) { step } }", {"id": issue_id})["data"]
    return str(data["propertyIssue"]["step"])


def test_the_compounds_page_and_an_issue_taken_a_step(console: Any, demo_graph_sync: None, api: Api) -> None:
    assert step_of(api, ISSUE) == "COLLECTED"
    w = console("COMMUNITY_ADMIN", "comm-shuguang")
    page = w.page
    w.goto("/compounds")
    count = page.locator("[data-test=compound-count]")
    count.wait_for()
    page.locator("[data-test=compounds] .el-table__row").first.wait_for()
    # the no-property compounds: 89, every one with its fallback manager
    pick(page, "[data-test=filter-kind]", "无物业")
    page.wait_for_function("document.querySelector('[data-test=compound-count]').innerText.startsWith('89 ')")
    assert page.locator("[data-test=compounds] .el-table__row").filter(has_text="兜底").count() > 0
    page.locator("[data-test=filter-without-manager]").click()
    page.wait_for_function("document.querySelector('[data-test=compound-count]').innerText.startsWith('0 ')")
    assert "没有符合条件的小区" in page.locator("[data-test=compounds]").inner_text()

    # 河畔家园: who governs it, its 三联办
    w.goto("/compounds/compound-hepan-jiayuan")
    detail = page.locator("[data-test=compound-detail]")
    detail.wait_for()
    assert detail.locator("[data-test=property-company]").inner_text() == "安居物业服务有限公司"
    assert detail.locator("[data-test=fee-rate]").inner_text() == "28%"
    assert "红色业委会" in detail.locator("[data-test=owners-committee]").inner_text()
    orgs = detail.locator("[data-test=party-organizations] li").all_inner_texts()
    assert [o.split(":")[0] for o in orgs] == ["小区党支部", "物业企业党支部", "业委会党支部"]
    assert detail.locator("[data-test=office-name]").inner_text() == "曙光社区三联办"
    assert detail.locator("[data-test=meetings] .el-table__row").count() == 17
    # the first issue is the most urgent: the fee collection rate
    issues = detail.locator("[data-test=issues] .el-table__row")
    assert "物业费收缴率不到三成" in issues.first.inner_text()

    # 增设快递柜, at 收集民意: the button takes it to 党组织提议
    row = issues.filter(has_text="增设快递柜")
    assert "收集民意" in row.locator(".step").inner_text()
    row.locator("[data-test=advance-issue]").click()
    row.locator(".step", has_text="党组织提议").wait_for()
    assert step_of(api, ISSUE) == "PROPOSED"
    w.shot("14-compounds")
