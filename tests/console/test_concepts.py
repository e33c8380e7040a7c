"""主题 in a real browser against the real stack (issue #16).

A need registered through the API is shown with the concept found in its text; the community's admin removes
it and adds another from the vocabulary on the need's detail; the tag links to the concept's page, which lists
the need among those about it, with its broader concept. Anonymous readers see the tags without controls."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Api
from tests.console.test_pages import box, go
from tests.e2e.test_concepts import GAS, GAS_NEED
from tests.e2e.test_libraries_and_lists import CREATE_NEED, ok

pytestmark = pytest.mark.neo4j


def test_an_admin_untags_and_tags_a_need_and_follows_a_concept_to_its_needs(
    console: Any, demo_graph_sync: None, api: Api
) -> None:
    need = ok(api.gql(CREATE_NEED, {"i": GAS_NEED}))["createNeed"]["id"]
    w = console("COMMUNITY_ADMIN", GAS_NEED["communityId"])
    page = w.page
    w.goto(f"/needs/{need}")
    tags = page.locator("[data-test=need-detail] [data-test=concept-tags]")
    gas = tags.locator(f"[data-concept={GAS}]")
    gas.wait_for()
    assert gas.get_attribute("data-source") == "auto" and gas.inner_text() == "燃气安全"
    w.shot("16-need-concepts")

    # removed by hand: gone from the page and from the graph
    gas.locator(".el-tag__close").click()
    gas.wait_for(state="detached")
    w.settle()
    ours = """query ($id: ID!) { need(id: $id) { concepts { source concept { id } } } }"""
    assert GAS not in [t["concept"]["id"] for t in ok(api.gql(ours, {"id": need}))["need"]["concepts"]]

    # added from the vocabulary: searched by a synonym, tagged as 人工
    tags.locator("[data-test=add-concept]").click()
    box(page, "add-concept").fill("煤气")
    page.locator(f".el-select-dropdown__item[data-option={GAS}]").click()
    tags.locator(f"[data-concept={GAS}][data-source=manual]").wait_for()
    w.settle()
    assert {"source": "manual", "concept": {"id": GAS}} in ok(api.gql(ours, {"id": need}))["need"]["concepts"]

    # the tag leads to the concept's page, which lists the need
    tags.locator(f"[data-concept={GAS}]").click()
    page.locator("[data-test=concept-detail]").wait_for()
    assert page.locator("[data-test=concept-name]").inner_text() == "燃气安全"
    page.locator(f"[data-test=concept-needs] [data-need={need}]").wait_for()
    assert page.locator("[data-test=broader]").inner_text()
    w.shot("16-concept-page")


def test_anyone_searches_the_vocabulary_and_reads_tags_without_controls(
    console: Any, demo_sync: None
) -> None:
    w = console()
    page = w.page
    w.goto("/concepts")
    box(page, "concept-search").fill("四点半")
    box(page, "concept-search").press("Enter")
    w.settle()
    found = page.locator("[data-test=concepts] [data-concept]")
    found.first.wait_for()
    assert any("四点半" in t or "课后" in t or "托管" in t for t in found.all_inner_texts())
    go(w, "/resources")
    page.locator("[data-test=concept-tags]").first.wait_for()
    assert page.locator("[data-test=add-concept]").count() == 0
    assert page.locator("[data-test=concept-tags] .el-tag__close").count() == 0
