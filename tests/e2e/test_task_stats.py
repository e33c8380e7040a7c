"""The four lists in figures (taskStats): what the dashboard shows, counted over every task of the place."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.conftest import Api
from tests.e2e.test_libraries_and_lists import ACCEPT, MATCH, ok, published_need

pytestmark = pytest.mark.usefixtures("demo_graph")

STATS = """query ($street: ID, $community: ID) { taskStats(streetId: $street, communityId: $community) {
  byStatus { key label count } overdue dueSoon acceptedByMonth { key count } } }"""
LIST = """query ($street: ID) { timeLimitList(filter: {streetId: $street}) { status overdue deadline } }"""


def stats(api: Api, **scope: Any) -> dict[str, Any]:
    result: dict[str, Any] = ok(api.gql(STATS, scope))["taskStats"]
    return result


@pytest.mark.parametrize("street", [None, "street-guangling", "street-qianqiu"])
def test_the_figures_agree_with_the_lists(api: Api, street: str | None) -> None:
    tasks = ok(api.gql(LIST, {"street": street}))["timeLimitList"]
    s = stats(api, street=street)
    assert {c["key"]: c["count"] for c in s["byStatus"]} == {
        k: sum(t["status"] == k for t in tasks) for k in ("PLANNED", "IN_PROGRESS", "DONE", "CANCELLED")
    }
    assert [c["label"] for c in s["byStatus"]] == ["待启动", "推进中", "已完成", "已取消"]
    assert s["overdue"] == sum(t["overdue"] for t in tasks)
    # every task has the moment its match was accepted, the demo's seeded ones too (a month each,
    # in order, none after today)
    months = [c["key"] for c in s["acceptedByMonth"]]
    assert sum(c["count"] for c in s["acceptedByMonth"]) == len(tasks)
    assert months == sorted(months) and months[-1] <= date.today().isoformat()[:7]
    assert s["dueSoon"] == sum(
        t["status"] in ("PLANNED", "IN_PROGRESS")
        and 0 <= (date.fromisoformat(t["deadline"]) - date.today()).days <= 7
        for t in tasks
    )


def test_an_accepted_match_counts_in_its_month(api: Api) -> None:
    before = stats(api, community="comm-shuguang")
    need_id = published_need(api)
    top = ok(api.gql(MATCH, {"id": need_id}))["matchNeed"][0]
    ok(api.gql(ACCEPT, {"i": {"needId": need_id, "resourceId": top["resource"]["id"], "standard": "配齐",
                              "deadline": "2027-03-01"}}))  # fmt: skip
    after = stats(api, community="comm-shuguang")
    month = date.today().isoformat()[:7]
    counts = {c["key"]: c["count"] for c in after["acceptedByMonth"]}
    assert counts[month] == {c["key"]: c["count"] for c in before["acceptedByMonth"]}.get(month, 0) + 1
    planned = {c["key"]: c["count"] for c in after["byStatus"]}["PLANNED"]
    assert planned == {c["key"]: c["count"] for c in before["byStatus"]}["PLANNED"] + 1
