"""What needs and resources are about (issue #16), over HTTP on the real Neo4j: concepts found in the text on
create and update, tagged and untagged by hand (and an untag remembered), the vocabulary searched and browsed,
the concept component of matchNeed, and the resources library's word statistics kept current by every write."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from neo4j import AsyncDriver

from orggraph.graph.text_writes import rebuild
from orggraph.seeding.load import load
from orggraph.seeding.records import Bundle
from orggraph.settings import Settings
from tests.conftest import Api, token
from tests.e2e.test_libraries_and_lists import ADVANCE, CREATE_NEED, CREATE_RESOURCE, NEED, RESOURCE, err, ok

pytestmark = pytest.mark.usefixtures("demo_graph")

TAGS = """query ($id: ID!) { need(id: $id) { concepts { source sourceLabel concept { id name } } } }"""
UPDATE_NEED = (
    """mutation ($i: UpdateNeedInput!) { updateNeed(input: $i) { id concepts { concept { id } } } }"""
)
TAG = """mutation ($t: ID!, $c: ID!) { tagConcept(targetId: $t, conceptId: $c) { source concept { id } } }"""
UNTAG = (
    """mutation ($t: ID!, $c: ID!) { untagConcept(targetId: $t, conceptId: $c) { source concept { id } } }"""
)
GAS = "gas-safety"
GAS_NEED = {
    **NEED,
    "title": "老小区闻到燃气味",
    "description": "楼里老人多,厨房燃气管道老化,想请专业人员上门检查,装燃气报警器",
    "supportTypes": ["EXPERT", "GOODS"],
    "quantity": 20,
    "quantityUnit": "户",
}


def tags(api: Api, need_id: str) -> dict[str, str]:
    found = ok(api.gql(TAGS, {"id": need_id}))["need"]["concepts"]
    return {t["concept"]["id"]: t["source"] for t in found}


def test_a_need_is_tagged_from_its_text_and_a_person_s_untag_and_tag_hold(api: Api) -> None:
    need = ok(api.gql(CREATE_NEED, {"i": GAS_NEED}))["createNeed"]["id"]
    assert tags(api, need).get(GAS) == "auto"
    first = ok(api.gql(TAGS, {"id": need}))["need"]["concepts"]
    assert {"source": "auto", "sourceLabel": "自动", "concept": {"id": GAS, "name": "燃气安全"}} in first

    # untagged by hand: gone, and not found again when the text changes but still names it
    ok(api.gql(UNTAG, {"t": need, "c": GAS}))
    assert GAS not in tags(api, need)
    ok(api.gql(UPDATE_NEED, {"i": {"id": need, "description": GAS_NEED["description"] + ",尽快"}}))
    assert GAS not in tags(api, need)

    # tagged again by hand: manual, and it stays when the text no longer names it
    assert {"source": "manual", "concept": {"id": GAS}} in ok(api.gql(TAG, {"t": need, "c": GAS}))[
        "tagConcept"
    ]
    ok(api.gql(UPDATE_NEED, {"i": {"id": need, "title": "老楼厨房检查", "description": "请人上门看看"}}))
    assert tags(api, need) == {GAS: "manual"}


def test_a_text_change_brings_new_concepts_and_drops_the_auto_ones_no_longer_named(api: Api) -> None:
    need = ok(api.gql(CREATE_NEED, {"i": GAS_NEED}))["createNeed"]["id"]
    assert GAS in tags(api, need)
    ok(
        api.gql(
            UPDATE_NEED,
            {"i": {"id": need, "title": "楼道消防通道堆满杂物", "description": "请帮忙清理楼道堆物"}},
        )
    )
    now = tags(api, need)
    assert GAS not in now and now and set(now.values()) == {"auto"}


def test_tagging_refuses_an_unknown_concept_or_target_and_a_caller_who_may_not_edit(api: Api) -> None:
    need = ok(api.gql(CREATE_NEED, {"i": GAS_NEED}))["createNeed"]["id"]
    refused = err(api.gql(TAG, {"t": need, "c": "no-such-concept"}))
    assert refused["extensions"] == {"code": "NOT_FOUND", "field": "conceptId"}
    refused = err(api.gql(TAG, {"t": "need-nope", "c": GAS}))
    assert refused["extensions"] == {"code": "NOT_FOUND", "field": "targetId"}
    viewer = err(api.gql(UNTAG, {"t": need, "c": GAS}, as_token=token("VIEWER", subject="screen")))
    assert viewer["extensions"]["code"] == "FORBIDDEN"
    other = token("COMMUNITY_ADMIN", "comm-changtai", subject="changtai")
    assert err(api.gql(UNTAG, {"t": need, "c": GAS}, as_token=other))["extensions"]["code"] == "FORBIDDEN"
    assert tags(api, need).get(GAS) == "auto"  # nothing changed


CONCEPTS = """query ($s: String) { concepts(search: $s, limit: 5) { id name synonyms broader { id name }
  narrower { id } } }"""
CONCEPT = """query ($id: ID!) { concept(id: $id) { name needs(limit: 200) { id } resources { id } } }"""


def test_the_vocabulary_is_searched_by_name_or_synonym_and_browsed_to_its_needs(api: Api) -> None:
    found = ok(api.gql(CONCEPTS, {"s": "煤气"}))["concepts"]
    gas = next(c for c in found if c["id"] == GAS)
    assert gas["name"] == "燃气安全" and "煤气安全" in gas["synonyms"] and gas["broader"] is not None
    broader = ok(api.gql(CONCEPTS, {"s": gas["broader"]["name"]}))["concepts"]
    assert any({"id": GAS} in c["narrower"] for c in broader)
    need = ok(api.gql(CREATE_NEED, {"i": GAS_NEED}))["createNeed"]["id"]
    assert {"id": need} in ok(api.gql(CONCEPT, {"id": GAS}))["concept"]["needs"]
    assert ok(api.gql(CONCEPT, {"id": "no-such-concept"}))["concept"] is None
    assert err(api.gql(CONCEPTS, {"s": "燃" * 41}))["extensions"] == {
        "code": "BAD_USER_INPUT",
        "field": "search",
    }


MATCH = """query ($id: ID!) { matchNeed(needId: $id, limit: 10) { resource { id }
  components { name value reason } } }"""


def test_match_need_explains_the_shared_concept(api: Api) -> None:
    need = ok(api.gql(CREATE_NEED, {"i": GAS_NEED}))["createNeed"]["id"]
    ok(api.gql(ADVANCE, {"id": need, "to": "PUBLISHED"}))
    offer = {
        **RESOURCE,
        "title": "燃气安全入户检查",
        "description": "燃气公司党员服务队上门检查燃气管道和灶具,免费加装燃气报警器",
        "supportType": "EXPERT",
        "capacity": 50,
        "capacityUnit": "户",
    }
    resource = ok(api.gql(CREATE_RESOURCE, {"i": offer}))["createResource"]["id"]
    shown = ok(api.gql(MATCH, {"id": need}))["matchNeed"]
    ours = next(c for c in shown if c["resource"]["id"] == resource)
    parts = {p["name"]: p for p in ours["components"]}
    assert parts["concept"]["value"] == 1.0 and "燃气安全" in parts["concept"]["reason"]
    assert parts["text"]["value"] > 0.25 and "共同词" in parts["text"]["reason"]
    assert parts["capacity"]["value"] == 1.0  # 50 户 against 20 户


async def statistics(driver: AsyncDriver, db: str) -> tuple[dict[str, int], int, int]:
    terms, _, _ = await driver.execute_query(
        "MATCH (x:Term) RETURN x.text AS t, x.resources AS n", database_=db
    )
    corpus, _, _ = await driver.execute_query(
        "MATCH (cp:Corpus {name: 'library'}) RETURN cp.resources AS r, cp.length AS l", database_=db
    )
    return {r["t"]: r["n"] for r in terms if r["n"]}, corpus[0]["r"], corpus[0]["l"]


async def counted_afresh(driver: AsyncDriver, db: str) -> tuple[dict[str, int], int, int]:
    records, _, _ = await driver.execute_query("MATCH (r:Resource) RETURN r.terms AS terms", database_=db)
    words = [r["terms"] or [] for r in records]
    df = Counter(t for w in words for t in set(w))
    return dict(df), len(words), sum(len(w) for w in words)


UPDATE_RESOURCE = """mutation ($i: UpdateResourceInput!) { updateResource(input: $i) { id } }"""


async def test_the_word_statistics_follow_every_resource_write(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    db = settings.neo4j_database
    assert await statistics(demo_graph, db) == await counted_afresh(demo_graph, db)  # as the seed loaded them
    before = await statistics(demo_graph, db)
    offer: dict[str, Any] = {
        **RESOURCE,
        "title": "加装电梯技术咨询",
        "description": "电梯公司工程师免费咨询加装电梯",
    }
    made = ok(api.gql(CREATE_RESOURCE, {"i": offer}))["createResource"]["id"]
    after = await statistics(demo_graph, db)
    assert after[1] == before[1] + 1 and after[0]["加装电梯"] == before[0].get("加装电梯", 0) + 1
    ok(
        api.gql(
            UPDATE_RESOURCE, {"i": {"id": made, "title": "适老化改造咨询", "description": "工程师上门评估"}}
        )
    )
    moved = await statistics(demo_graph, db)
    assert moved[0].get("加装电梯", 0) == before[0].get("加装电梯", 0) and moved[1] == after[1]
    assert moved == await counted_afresh(demo_graph, db)


async def test_loading_the_seed_again_and_a_rebuild_count_every_resource_and_keep_untags(
    api: Api, demo_graph: AsyncDriver, settings: Settings, demo_bundle: Bundle
) -> None:
    """`make run` loads the demo into a graph that may hold resources written since: the statistics count
    them too. `orggraph text rebuild` finds every concept again, but not one a person untagged."""
    db = settings.neo4j_database
    offer = {**RESOURCE, "title": "加装电梯技术咨询", "description": "电梯公司工程师免费咨询加装电梯"}
    ok(api.gql(CREATE_RESOURCE, {"i": offer}))
    need = ok(api.gql(CREATE_NEED, {"i": GAS_NEED}))["createNeed"]["id"]
    ok(api.gql(UNTAG, {"t": need, "c": GAS}))
    # a need indexed before concepts existed (a graph from before migration 015): no words, no links
    other = ok(api.gql(CREATE_NEED, {"i": GAS_NEED}))["createNeed"]["id"]
    await demo_graph.execute_query(
        "MATCH (n:Need {id: $id}) REMOVE n.terms WITH n MATCH (n)-[a:ABOUT]->() DELETE a",
        id=other,
        database_=db,
    )
    assert tags(api, other) == {}
    await load(demo_graph, db, demo_bundle)
    assert await statistics(demo_graph, db) == await counted_afresh(demo_graph, db)
    async with demo_graph.session(database=db) as session:
        counts = await session.execute_write(rebuild)
    assert counts["Resource"] == len(demo_bundle.resources) + 1 and counts["terms"] > 100
    assert await statistics(demo_graph, db) == await counted_afresh(demo_graph, db)
    assert tags(api, other) == {GAS: "auto"}  # found again
    assert GAS not in tags(api, need)  # the untag holds
