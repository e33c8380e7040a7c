"""The synthetic province (issue #17): cities of varied size, the first always Tianchang's 23 communities and the
same at every scale, ids unique across the cities (a shared id would MERGE two cities' records into one), and a
fixed pool of provincial units whatever the size."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest

from orggraph.domain.model import ServiceArea
from orggraph.seeding.province import CITY_SIZES, PROVINCIAL_UNITS, city_sizes, city_steps, synthetic_province
from orggraph.seeding.validate import check


@pytest.mark.parametrize("communities", [23, 42, 43, 230, 2300, 23000])
def test_the_cities_add_up_to_the_communities_asked_for_each_of_20_to_300_but_the_first_of_23(
    communities: int,
) -> None:
    sizes = city_sizes(communities, seed=7)
    assert sum(sizes) == communities
    assert sizes[0] == min(communities, 23) or (communities < 43 and sizes == [communities])
    # a remainder under 20 joins the city before it, which may then pass 300 by as much
    assert all(CITY_SIZES[0] <= s <= CITY_SIZES[1] + CITY_SIZES[0] - 1 for s in sizes[1:])
    assert all(CITY_SIZES[0] <= s <= CITY_SIZES[1] for s in sizes[1:-1])


def test_1x_is_one_city_100x_about_two_dozen_and_1000x_over_two_hundred() -> None:
    assert len(city_sizes(23)) == 1
    assert 15 <= len(city_sizes(2300)) <= 40
    assert len(city_sizes(23000)) >= 200


def test_a_remainder_under_20_communities_joins_the_city_before_it() -> None:
    sizes = city_sizes(43 + 10, seed=7)  # 23, then a draw over 30 cut to 30 or one of 20..29 and a remainder
    assert sum(sizes) == 53 and all(s >= 20 for s in sizes)
    assert city_sizes(30) == [30]


def test_the_first_city_is_the_same_records_at_1x_and_at_100x() -> None:
    small, large = synthetic_province(23), synthetic_province(2300)
    assert len(small.cities) == 1 and len(large.cities) > 1
    assert small.bundle(0) == large.bundle(0)
    assert small.bundle(0).city.id == "k0001-city" and small.bundle(0).id_prefix == "k0001-"


def test_the_province_has_the_same_provincial_units_at_1x_and_at_100x_never_seated_each_with_province_wide_resources() -> (
    None
):
    small, large = synthetic_province(23), synthetic_province(2300)
    assert small.provincial_units == large.provincial_units
    assert len(small.provincial_units) == len(PROVINCIAL_UNITS)
    assert all(u.provincial for u in small.provincial_units)
    first = small.bundle(0)
    ids = {u.id for u in small.provincial_units}
    assert ids <= {u.id for u in first.units}
    seated = {m.unit_id for c in first.communities for m in c.committee.members}
    assert not ids & seated
    offered = Counter(r.unit_id for r in first.resources if r.unit_id in ids)
    assert set(offered) == ids and set(offered.values()) == {2}
    assert {r.service_area for r in first.resources if r.unit_id in ids} == {ServiceArea.PROVINCE}
    # only the first city carries them
    assert not ids & {u.id for u in large.bundle(1).units}


def test_the_cities_have_mixed_kinds_grouped_seven_to_a_prefecture() -> None:
    plan = synthetic_province(2300)
    cities = [c.city for c in plan.cities]
    assert len({c.kind for c in cities}) == 3
    assert all(c.province_id == "province-synthetic" for c in cities)
    by_prefecture = Counter(c.prefecture for c in cities)
    assert max(by_prefecture.values()) == 7
    assert plan.community_count == 2300
    assert [c.urban_communities for c in cities] == city_sizes(2300)


@cache
def _province(communities: int) -> Any:
    return synthetic_province(communities)


def test_every_city_bundle_of_a_100x_province_validates() -> None:
    plan = _province(2300)
    for bundle in plan.bundles():
        check(bundle)  # raises SeedError with every problem


def _ids(value: object, key: str = "") -> Iterator[str]:
    """Every id in a load step's rows: under `id` or a key ending in Id(s) (not the province's, shared on purpose)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _ids(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _ids(v, key)
    elif (
        isinstance(value, str) and (key == "id" or key.endswith(("Id", "Ids", "ids"))) and key != "provinceId"
    ):
        yield value


def test_no_two_cities_of_a_province_share_an_id_of_any_record_their_loads_write() -> None:
    plan = _province(230)
    seen: Counter[str] = Counter()
    for i, bundle in enumerate(plan.bundles()):
        mine: set[str] = set()
        for step in city_steps(bundle, first=i == 0):
            if step.name in ("省", "主题词表", "主题上下位"):  # the province and the vocabulary: one for all
                continue
            mine.update(_ids(step.rows))
        seen.update(mine)
    shared = [x for x, n in seen.items() if n > 1]
    assert not shared, shared[:20]
    assert len(seen) > 50_000


def test_only_the_first_city_writes_the_dispatch_table() -> None:
    plan = _province(230)
    first, second = plan.bundle(0), plan.bundle(1)
    assert next(s.rows for s in city_steps(first, first=True) if s.name == "派单表")
    assert not [s for s in city_steps(second, first=False) if s.name == "派单表"]
    assert not [s for s in city_steps(second, first=False) if s.name == "资源库词频"]
    reports = next(s.rows for s in city_steps(second, first=False) if s.name == "群众反映")
    assert reports and all(
        r["departmentId"] is None or r["departmentId"].startswith("k0002-") for r in reports
    )


GOVERNANCE_LABELS = ("群众反映", "在职党员与双报到", "物业考核评分", "物业满意度调查", "三联办会议")


def test_a_lean_province_leaves_the_governance_records_out_of_every_city_but_the_first_and_keeps_what_matching_reads() -> (
    None
):
    plan = synthetic_province(230, lean=True)
    first, second = plan.bundle(0), plan.bundle(1)
    whole = {s.name: s for s in city_steps(second, first=False)}
    lean = {s.name: s for s in city_steps(second, first=False, lean=True)}
    for name in GOVERNANCE_LABELS:
        assert whole[name].rows and name not in lean, name
    # what matching and plans read is the same, row for row
    for name in ("需求库", "资源库", "成员单位", "任务清单", "社区与大党委"):
        assert lean[name].rows == whole[name].rows, name
    # the first city is whole
    assert [s.name for s in city_steps(first, first=True, lean=True)] == [
        s.name for s in city_steps(first, first=True)
    ]


def test_the_first_city_makes_the_articles_4331_reports_and_a_big_province_no_more_than_a_one_city_graph() -> (
    None
):
    from orggraph.seeding.reports import MAX_REPORTS, REPORTS_AT_1X, report_rows

    assert len(report_rows(synthetic_province(23).bundle(0))) == REPORTS_AT_1X
    assert len(report_rows(synthetic_province(2300).bundle(0))) == REPORTS_AT_1X
    at_10x, at_100x = synthetic_province(230).report_counts, synthetic_province(2300).report_counts
    assert at_10x[0] is None and at_100x[0] is None
    assert (
        sum(n or 0 for n in at_10x[1:]) == MAX_REPORTS - REPORTS_AT_1X
    )  # 10x: every city its own 4331 per 23
    assert (
        MAX_REPORTS - REPORTS_AT_1X - 20
        <= sum(n or 0 for n in at_100x[1:])
        <= MAX_REPORTS - REPORTS_AT_1X + 20
    )
    assert len(report_rows(synthetic_province(2300).bundle(1))) == at_100x[1]
