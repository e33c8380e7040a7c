"""The console's menu bar in a real browser: sixteen pages under four groups (共建网络, 两库四单, 共同治理,
数据与报告) that fit a 1440 px screen beside the signed-in principal, each page reached through its group; a
role sees only the pages it may open."""

from __future__ import annotations

from typing import Any

from tests.conftest import Api

pytestmark = __import__("pytest").mark.neo4j

GROUPS = ["共建网络", "两库四单", "共同治理", "数据与报告"]


def open_group(page: Any, group: str) -> None:
    page.locator(f"[data-test='menu-{group}'] .el-sub-menu__title").hover()


def test_the_menu_bar_fits_and_every_group_leads_to_its_pages(
    console: Any, demo_sync: None, api: Api
) -> None:
    w = console("ORG_ADMIN")
    w.goto("/")
    page = w.page
    page.locator("[data-test=principal]").wait_for()
    width = page.viewport_size["width"]
    for group in GROUPS:
        title = page.locator(f"[data-test='menu-{group}'] .el-sub-menu__title")
        shown = title.bounding_box()
        assert shown is not None and shown["x"] + shown["width"] <= width, group
    who = page.locator("[data-test=principal]").bounding_box()
    assert who is not None and who["x"] + who["width"] <= width
    menu = page.locator(".top .el-menu").bounding_box()
    assert (
        menu is not None and menu["x"] + menu["width"] <= who["x"]
    )  # the menu does not run under the principal
    w.shot("menu-bar")

    for group, item, path in [("两库四单", "需求库", "/needs"), ("数据与报告", "导入导出", "/transfer"),
                              ("共同治理", "联席会议与问题", "/governance"), ("共建网络", "市领导", "/leaders")]:  # fmt: skip
        open_group(page, group)
        page.locator(".el-menu--popup .el-menu-item:visible", has_text=item).first.click()
        page.wait_for_url(f"{api.url}{path}*")
        # the group of the open page is marked active
        page.locator(f"[data-test='menu-{group}'].is-active").wait_for()
    open_group(page, "共建网络")
    page.locator(".el-menu--popup .el-menu-item:visible", has_text="市领导").wait_for()
    w.shot("menu-group-open")


def test_a_street_admin_sees_no_page_it_may_not_open(console: Any, demo_sync: None) -> None:
    w = console("STREET_ADMIN", "street-guangling")
    w.goto("/")
    page = w.page
    open_group(page, "共建网络")
    page.locator(".el-menu--popup .el-menu-item:visible", has_text="社区").first.wait_for()
    shown = page.locator(".el-menu--popup .el-menu-item:visible").all_inner_texts()
    assert "市领导" not in [t.strip() for t in shown]
