"""Each score component on hand-built cases: in [0, 1], ordered as practitioners would, with a reason."""

from __future__ import annotations

from datetime import date

import pytest

from orggraph.domain.taxonomy import Domain, Population
from orggraph.matching import components as c
from orggraph.matching.facts import Locality
from orggraph.vocabulary import load_vocabulary


def test_category_fit_weighs_domain_then_population() -> None:
    elderly = frozenset({Population.ELDERLY})
    same = c.category_fit(Domain.ELDER, elderly, frozenset({Domain.ELDER}), elderly)
    other_pop = c.category_fit(
        Domain.ELDER, elderly, frozenset({Domain.ELDER}), frozenset({Population.CHILD})
    )
    other_domain = c.category_fit(Domain.ELDER, elderly, frozenset({Domain.CHILD}), elderly)
    assert (same.value, other_pop.value, other_domain.value) == (1.0, 0.7, pytest.approx(0.3))
    assert "领域相同(养老助老)" in same.reason and "老年人" in same.reason
    everyone = c.category_fit(Domain.ELDER, elderly, frozenset({Domain.ELDER}), frozenset({Population.ALL}))
    assert everyone.value == 1.0 and "全体居民" in everyone.reason


def test_text_similarity_is_the_absolute_relevance_and_its_level_names_the_shared_words() -> None:
    assert c.text_similarity(0.5).value == 0.5
    assert c.text_similarity(1.0, ["电梯", "加装"]).reason == "需求与资源描述高度相关(共同词:电梯、加装)"
    assert c.text_similarity(0.3, ["老人"]).reason == "需求与资源描述相关(共同词:老人)"
    assert c.text_similarity(0.1).reason == "需求与资源描述弱相关"
    # the best candidate is not highly relevant unless its own relevance says so
    assert "高度相关" not in c.text_similarity(0.2).reason
    assert c.text_similarity(0.0) == c.Part(0.0, "需求与资源描述没有共同关键词")


def test_the_concept_component_gives_a_shared_concept_one_and_a_related_one_half() -> None:
    vocab = load_vocabulary()
    child = next(x for x in vocab.concepts if x.broader is not None and len(vocab.narrower(x.broader)) >= 2)
    assert child.broader is not None
    sibling = next(s for s in vocab.narrower(child.broader) if s != child.id)
    other = next(
        x.id for x in vocab.concepts if x.broader not in (None, child.broader) and x.id != child.broader
    )
    need = frozenset({child.id})
    shared = c.concept_fit(need, frozenset({child.id, other}), vocab)
    assert shared == c.Part(1.0, f"都涉及“{child.name}”")
    assert c.concept_fit(need, frozenset({sibling}), vocab).value == c.RELATED_CONCEPT
    assert c.concept_fit(need, frozenset({child.broader}), vocab).value == c.RELATED_CONCEPT
    assert c.concept_fit(frozenset({child.broader}), frozenset({child.id}), vocab).value == c.RELATED_CONCEPT
    assert c.concept_fit(need, frozenset({other}), vocab) == c.Part(0.0, "主题不同")
    assert c.concept_fit(frozenset(), frozenset({other}), vocab).value == 0.0
    assert c.concept_fit(need, frozenset(), vocab).reason == "资源未标注主题"
    assert c.concept_value(need, frozenset({sibling}), vocab) == c.RELATED_CONCEPT


def test_locality_orders_member_over_leader_unit_over_working_committee_over_street_over_city_over_province() -> (
    None
):
    values = [c.locality(level, "曙光社区", "广陵街道").value for level in Locality]
    assert values == sorted(values) and len(set(values)) == len(Locality)
    assert (
        c.locality(Locality.COMMITTEE_MEMBER, "曙光社区", "广陵街道").reason == "同属曙光社区大党委成员单位"
    )


def test_capacity_is_the_share_of_the_need_covered() -> None:
    assert c.capacity(10, 20, "人次").value == 0.5
    assert c.capacity(30, 20, "人次").value == 1.0
    assert "剩余容量 30人次" in c.capacity(30, 20, "人次").reason


def test_capacity_is_compared_in_the_need_s_unit_and_incompatible_units_say_so() -> None:
    # 3 万元 against a need of 50000 元: 60%
    assert c.capacity(3, 50000, "万元", "元").value == pytest.approx(0.6)
    # 1 项 against 5 万元: not comparable, neither enough nor too little (not 20%)
    part = c.capacity(1, 5, "项", "万元")
    assert part.value == c.INCOMPARABLE
    assert "计量单位不同" in part.reason and "无法比较" in part.reason
    assert c.capacity_value(1, 5, "项", "万元") == c.INCOMPARABLE
    # a need without a unit: compared as numbers, as before
    assert c.capacity(10, 20, "人次", "").value == 0.5


def test_time_window_is_the_share_of_the_time_to_the_deadline_covered() -> None:
    today, due = date(2026, 12, 1), date(2026, 12, 31)
    assert c.time_window(date(2026, 1, 1), date(2027, 6, 1), due, today).value == 1.0
    assert c.time_window(date(2026, 12, 16), date(2027, 6, 1), due, today).value == pytest.approx(0.5)
    assert c.time_window(date(2026, 1, 1), date(2026, 12, 1), due, today).value == 0.0
    # an overdue need: what matters is whether the resource is available now
    assert c.time_window(date(2026, 1, 1), date(2027, 1, 1), date(2026, 11, 1), today).value == 1.0


def test_reliability_starts_newcomers_at_the_city_mean_and_learns_from_ratings() -> None:
    assert c.reliability(0, 0, prior=0.8).value == pytest.approx(0.8)
    good = c.reliability(6, 30, prior=0.8).value  # six tasks rated 5
    poor = c.reliability(6, 12, prior=0.8).value  # six tasks rated 2
    assert poor < 0.8 < good <= 1.0
    assert "平均 5.0 分" in c.reliability(6, 30, prior=0.8).reason


def test_the_communities_yearly_evaluation_counts_as_two_rated_tasks_and_is_named_in_the_reason() -> None:
    # a newcomer evaluated 92: (0.92 * 2 + 0.8 * 3) / (2 + 3)
    newcomer = c.reliability(0, 0, prior=0.8, evaluation=92, evaluation_year=2026)
    assert newcomer.value == pytest.approx((0.92 * 2 + 0.8 * 3) / 5)
    assert newcomer.reason == "尚无已完成任务;社区年度评价 92 分(2026年)"
    # with rated tasks: both in the value and in the reason
    rated = c.reliability(2, 8, prior=0.8, evaluation=40, evaluation_year=2025)
    assert rated.value == pytest.approx((8 / 5 + 0.4 * 2 + 0.8 * 3) / (2 + 2 + 3))
    assert rated.value < c.reliability(2, 8, prior=0.8).value
    assert rated.reason == "已完成并评价任务 2 项,平均 4.0 分;社区年度评价 40 分(2025年)"
    # not evaluated: as before
    assert c.reliability_value(2, 8, 0.8, evaluation=None) == c.reliability(2, 8, prior=0.8).value


def test_fairness_prefers_lighter_loads_and_unmet_communities() -> None:
    assert c.fairness(0, 0.0).value > c.fairness(4, 0.0).value
    assert c.fairness(2, 1.0).value > c.fairness(2, 0.0).value
    assert 0.0 <= c.fairness(100, 0.0).value <= 1.0


def test_the_prior_is_the_city_mean_rating_on_zero_to_one_and_eight_tenths_before_any_rating() -> None:
    assert c.rating_prior(4.0) == pytest.approx(0.8) and c.rating_prior(5.0) == 1.0
    assert c.rating_prior(None) == c.PRIOR_WITHOUT_RATINGS == 0.8


def test_the_load_part_of_fairness_halves_at_two_open_tasks() -> None:
    assert c.load_value(0) == c.LOAD_SHARE
    assert c.load_value(2) == pytest.approx(c.LOAD_SHARE / 2)
    assert c.fairness_value(2, 1.0) == pytest.approx(c.load_value(2) + c.UNMET_SHARE)
