"""A need's history and the steps it may take next, as the console's need page shows them."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Api, token
from tests.e2e.test_libraries_and_lists import CREATE_NEED, NEED, ok

pytestmark = pytest.mark.usefixtures("demo_graph")

HISTORY = """query ($id: ID!) { need(id: $id) { status nextSteps history { from to toLabel by note } } }"""
ADVANCE = """mutation ($id: ID!, $to: NeedStatus!, $note: String) { advanceNeed(id: $id, to: $to, note: $note) { id } }"""


def history(api: Api, need: str, as_token: str | None = "ORG_ADMIN") -> dict[str, Any]:
    result: dict[str, Any] = ok(api.gql(HISTORY, {"id": need}, as_token=as_token))["need"]
    return result


def test_a_need_records_each_step_in_order_and_offers_the_next_ones(api: Api) -> None:
    need = ok(api.gql(CREATE_NEED, {"i": {**NEED, "title": "进程记录测试"}}))["createNeed"]["id"]
    first = history(api, need)
    assert first["status"] == "COLLECTED" and first["nextSteps"] == ["PUBLISHED", "REJECTED"]
    assert [(h["from"], h["to"], h["note"]) for h in first["history"]] == [(None, "COLLECTED", "登记需求")]
    ok(api.gql(ADVANCE, {"id": need, "to": "PUBLISHED", "note": "经社区审核,发布到需求库"}))
    after = history(api, need)
    assert after["nextSteps"] == ["REJECTED"]  # a unit claims it (claimNeed), or a meeting assigns it
    assert [(h["from"], h["to"], h["toLabel"], h["note"]) for h in after["history"]] == [
        (None, "COLLECTED", "已登记", "登记需求"),
        ("COLLECTED", "PUBLISHED", "已发布", "经社区审核,发布到需求库"),
    ]
    assert all(h["by"].endswith("(ORG_ADMIN)") for h in after["history"])


def test_who_moved_a_need_is_masked_for_a_viewer(api: Api) -> None:
    need = ok(api.gql(CREATE_NEED, {"i": {**NEED, "title": "进程记录遮蔽"}}))["createNeed"]["id"]
    seen = history(api, need, as_token=token("VIEWER", subject="screen"))
    assert [h["by"] for h in seen["history"]] == ["***"]


def test_a_finished_need_offers_no_next_step(api: Api) -> None:
    need = ok(api.gql(CREATE_NEED, {"i": {**NEED, "title": "不予采纳的需求"}}))["createNeed"]["id"]
    ok(api.gql(ADVANCE, {"id": need, "to": "REJECTED", "note": "不属于共建范围"}))
    assert history(api, need)["nextSteps"] == []
