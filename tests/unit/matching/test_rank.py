"""Ranking on small hand-built cases where the right answer is obvious."""

from __future__ import annotations

import pytest

from orggraph.domain.model import ServiceArea
from orggraph.domain.taxonomy import SupportType
from orggraph.matching.rank import Weights
from orggraph.vocabulary import load_vocabulary
from tests.support.ranking import rank
from tests.unit.matching.conftest import TODAY, make_candidate, make_need


def test_the_committee_member_beats_a_city_wide_unit_with_the_same_text() -> None:
    member = make_candidate(
        resource_id="res-b", unit_name="本社区成员单位", member_here=True, member_in_street=True
    )
    city = make_candidate(resource_id="res-a", unit_name="外区单位")
    ranked = rank(make_need(), [city, member], weights=Weights(), today=TODAY, prior=0.8)
    assert [s.candidate.resource_id for s in ranked] == ["res-b", "res-a"]
    assert "同属曙光社区大党委成员单位" in ranked[0].reason


def test_only_the_resource_of_the_right_type_is_recommended() -> None:
    right = make_candidate(resource_id="res-right", service_area=ServiceArea.COMMUNITY, member_here=True)
    wrong = make_candidate(resource_id="res-wrong", support_type=SupportType.FUND, member_here=True)
    assert [
        s.candidate.resource_id
        for s in rank(make_need(), [wrong, right], weights=Weights(), today=TODAY, prior=0.8)
    ] == ["res-right"]


def test_each_score_is_the_weighted_sum_of_its_components() -> None:
    cands = [make_candidate(resource_id=f"res-{i}", text_score=i / 3, unit_open_tasks=i) for i in range(4)]
    for s in rank(make_need(), cands, weights=Weights(), today=TODAY, prior=0.7):
        assert s.score == pytest.approx(sum(c.weight * c.value for c in s.components), abs=1e-6)
        assert all(0.0 <= c.value <= 1.0 and c.reason for c in s.components)
        assert {c.name for c in s.components} == {
            "category",
            "text",
            "concept",
            "locality",
            "capacity",
            "time",
            "reliability",
            "fairness",
        }


def test_ties_are_broken_by_id_and_the_ranking_is_deterministic() -> None:
    cands = [make_candidate(resource_id=rid) for rid in ("res-c", "res-a", "res-b")]
    first = rank(make_need(), cands, weights=Weights(), today=TODAY, prior=0.8)
    again = rank(make_need(), list(reversed(cands)), weights=Weights(), today=TODAY, prior=0.8)
    assert [s.candidate.resource_id for s in first] == ["res-a", "res-b", "res-c"]
    assert first == again


def test_weights_change_the_ranking() -> None:
    near_but_irrelevant = make_candidate(resource_id="res-near", member_here=True, text_score=0.1)
    far_but_relevant = make_candidate(resource_id="res-far", text_score=1.0)
    locality_first = rank(
        make_need(), [near_but_irrelevant, far_but_relevant], weights=Weights(), today=TODAY, prior=0.8
    )
    text_only = Weights(
        category=0, text=1, concept=0, locality=0, capacity=0, time=0, reliability=0, fairness=0
    )
    text_first = rank(
        make_need(), [near_but_irrelevant, far_but_relevant], weights=text_only, today=TODAY, prior=0.8
    )
    assert locality_first[0].candidate.resource_id == "res-near"
    assert text_first[0].candidate.resource_id == "res-far"


def test_negative_weights_are_refused() -> None:
    with pytest.raises(ValueError, match="locality"):
        Weights(locality=-1)


def test_the_fast_values_and_the_explained_components_agree() -> None:
    from datetime import date

    from orggraph.domain.taxonomy import Domain, Population
    from orggraph.matching.rank import score, values

    cands = [
        make_candidate(resource_id="a", text_score=0.3, unit_open_tasks=3, member_in_street=True),
        make_candidate(
            resource_id="b", domains=frozenset({Domain.CHILD}), populations=frozenset({Population.ALL})
        ),
        make_candidate(
            resource_id="c", available_until=date(2027, 1, 1), allocated=30, unit_done=4, unit_rating_sum=14
        ),
    ]
    for c in cands:
        fast = values(make_need(), c, today=TODAY, prior=0.75, vocabulary=load_vocabulary())
        explained = score(
            make_need(), c, weights=Weights(), today=TODAY, prior=0.75, vocabulary=load_vocabulary()
        )
        assert fast == {x.name: x.value for x in explained.components}


def test_the_needs_of_one_resource_tie_by_need_id() -> None:
    from orggraph.matching.rank import ranked_pairs

    c = make_candidate()
    pairs = [(make_need(id=nid), c) for nid in ("need-c", "need-a", "need-b")]
    best = ranked_pairs(
        pairs, weights=Weights(), today=TODAY, prior=0.8, vocabulary=load_vocabulary(), limit=2
    )
    assert [n.id for _, n, _ in best] == ["need-a", "need-b"]
