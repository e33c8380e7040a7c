"""Where a need came from (Need.source): given at createNeed, read back, kept or changed by updateNeed."""

from __future__ import annotations

import pytest

from tests.conftest import Api, token
from tests.e2e.test_libraries_and_lists import CREATE_NEED, NEED, err, ok

pytestmark = pytest.mark.usefixtures("demo_graph")

SOURCE = """query ($id: ID!) { need(id: $id) { title source } }"""
UPDATE = """mutation ($i: UpdateNeedInput!) { updateNeed(input: $i) { title source } }"""


def test_the_source_given_at_registration_is_read_back_and_kept_by_an_update(api: Api) -> None:
    need = ok(api.gql(CREATE_NEED, {"i": {**NEED, "title": "来源测试"}}))["createNeed"]["id"]
    assert ok(api.gql(SOURCE, {"id": need}))["need"] == {"title": "来源测试", "source": "网格员上报"}
    # an update that does not name the source keeps it
    kept = ok(api.gql(UPDATE, {"i": {"id": need, "title": "来源测试(改)"}}))["updateNeed"]
    assert kept == {"title": "来源测试(改)", "source": "网格员上报"}
    changed = ok(api.gql(UPDATE, {"i": {"id": need, "source": " 联席会议 "}}))["updateNeed"]
    assert changed["source"] == "联席会议"
    # the viewer of a big screen reads it too: it names no person
    seen = ok(api.gql(SOURCE, {"id": need}, as_token=token("VIEWER", subject="screen")))["need"]
    assert seen["source"] == "联席会议"
    cleared = ok(api.gql(UPDATE, {"i": {"id": need, "source": ""}}))["updateNeed"]
    assert cleared["source"] is None


def test_a_need_registered_without_a_source_has_none(api: Api) -> None:
    given = {k: v for k, v in NEED.items() if k != "source"}
    made = ok(api.gql(CREATE_NEED, {"i": {**given, "title": "无来源"}}))["createNeed"]["id"]
    assert ok(api.gql(SOURCE, {"id": made}))["need"]["source"] is None


def test_a_source_too_long_is_refused_and_nothing_changes(api: Api) -> None:
    need = ok(api.gql(CREATE_NEED, {"i": {**NEED, "title": "来源过长"}}))["createNeed"]["id"]
    refused = err(api.gql(UPDATE, {"i": {"id": need, "title": "不应写入", "source": "来" * 41}}))
    assert refused["extensions"] == {"code": "BAD_USER_INPUT", "field": "source"}
    assert ok(api.gql(SOURCE, {"id": need}))["need"] == {"title": "来源过长", "source": "网格员上报"}
    refused = err(api.gql(CREATE_NEED, {"i": {**NEED, "title": "来源过长2", "source": "来" * 41}}))
    assert refused["extensions"] == {"code": "BAD_USER_INPUT", "field": "source"}


def test_the_demo_needs_say_where_they_came_from(api: Api) -> None:
    edges = ok(api.gql("{ needs(first: 100) { edges { node { source } } } }"))["needs"]["edges"]
    sources = [e["node"] for e in edges]
    assert len(sources) == 100 and all(n["source"] for n in sources)
    assert {n["source"] for n in sources} <= {
        "居民反映",
        "网格员上报",
        "联席会议",
        "三联办",
        "驻区单位提出",
        "智慧管家平台",
    }
