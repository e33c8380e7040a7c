"""The cost of an operation reflects the work behind its fields; one plan per request."""

from __future__ import annotations

from typing import Any

from graphql import FragmentDefinitionNode, OperationDefinitionNode, parse

from orggraph.api.limits import NETWORK_WEIGHT, PLAN_WEIGHT, SEARCH_WEIGHT, _cost, _count


def cost_and_plans(query: str, variables: dict[str, Any] | None = None) -> tuple[int, int]:
    doc = parse(query)
    fragments = {d.name.value: d for d in doc.definitions if isinstance(d, FragmentDefinitionNode)}
    op = next(d for d in doc.definitions if isinstance(d, OperationDefinitionNode))
    return _cost(op.selection_set, fragments, variables or {}, 1, 0), _count(
        op.selection_set, fragments, "planMatches", 0
    )


def test_a_city_plan_weighs_more_than_a_street_plan_which_weighs_more_than_a_community_plan() -> None:
    city, _ = cost_and_plans("{ planMatches { totalScore } }")
    street, _ = cost_and_plans('{ planMatches(streetId: "s") { totalScore } }')
    community, _ = cost_and_plans(
        "query ($c: ID) { planMatches(communityId: $c) { totalScore } }", {"c": "x"}
    )
    assert city == PLAN_WEIGHT["city"] + 2 and street == PLAN_WEIGHT["street"] + 2
    assert community == PLAN_WEIGHT["community"] + 2


def test_plans_are_counted_through_aliases_and_fragments() -> None:
    _, plans = cost_and_plans(
        "query { a: planMatches { totalScore } ...P } fragment P on Query { b: planMatches { totalScore } }"
    )
    assert plans == 2


def test_the_network_weighs_by_its_depth_and_a_full_text_search_by_its_index() -> None:
    shallow, _ = cost_and_plans('{ network(centerId: "c", depth: 1) { truncated } }')
    deep, _ = cost_and_plans('{ network(centerId: "c", depth: 3) { truncated } }')
    assert deep - shallow == NETWORK_WEIGHT[3] - NETWORK_WEIGHT[1]
    plain, _ = cost_and_plans("{ needs(first: 10) { totalCount } }")
    searched, _ = cost_and_plans('query ($f: NeedFilter) { needs(filter: $f, first: 10) { totalCount } }',
                                 {"f": {"search": "电梯"}})  # fmt: skip
    assert searched - plain == SEARCH_WEIGHT


def test_fifteen_recommendations_in_one_request_stay_under_the_default_limit() -> None:
    matches = " ".join(f'm{i}: matchNeed(needId: "n") {{ score }}' for i in range(15))
    assert cost_and_plans("{ " + matches + " }")[0] < 50_000
