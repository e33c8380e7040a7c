"""Each hard filter on its own: a candidate that fails one is never recommended."""

from __future__ import annotations

from datetime import date

from orggraph.domain.model import ResourceStatus, ServiceArea
from orggraph.domain.taxonomy import SupportType
from orggraph.matching import filters
from tests.unit.matching.conftest import TODAY, make_candidate, make_need


def test_a_withdrawn_resource_fails() -> None:
    assert filters.active(make_need(), make_candidate(status=ResourceStatus.WITHDRAWN), TODAY) == "资源已撤回"
    assert filters.active(make_need(), make_candidate(), TODAY) is None


def test_the_support_type_must_be_one_the_need_asks_for() -> None:
    assert filters.type_compatible(make_need(), make_candidate(support_type=SupportType.FUND), TODAY)
    need = make_need(support_types=frozenset({SupportType.FUND, SupportType.VOLUNTEER}))
    assert filters.type_compatible(need, make_candidate(), TODAY) is None


def test_capacity_must_be_left() -> None:
    assert (
        filters.capacity_left(make_need(), make_candidate(capacity=10, allocated=10), TODAY)
        == "资源容量已用完"
    )
    assert filters.capacity_left(make_need(), make_candidate(capacity=10, allocated=9), TODAY) is None


def test_the_resource_must_be_available_before_the_need_is_due_and_not_expired() -> None:
    late = make_candidate(available_from=date(2027, 3, 1))
    assert "晚于需求完成期限" in (filters.available_in_time(make_need(), late, TODAY) or "")
    expired = make_candidate(available_until=date(2026, 11, 1))
    assert "到期" in (filters.available_in_time(make_need(), expired, TODAY) or "")
    assert filters.available_in_time(make_need(), make_candidate(), TODAY) is None


def test_the_community_must_be_inside_the_service_area() -> None:
    need = make_need()
    community_only = make_candidate(service_area=ServiceArea.COMMUNITY)
    assert (
        filters.in_service_area(need, community_only, TODAY) == "曙光社区不在资源服务范围(所在大党委的社区)内"
    )
    assert (
        filters.in_service_area(
            need, make_candidate(service_area=ServiceArea.COMMUNITY, member_here=True), TODAY
        )
        is None
    )
    street = make_candidate(service_area=ServiceArea.STREET)
    assert filters.in_service_area(need, street, TODAY)
    assert (
        filters.in_service_area(
            need, make_candidate(service_area=ServiceArea.STREET, member_in_street=True), TODAY
        )
        is None
    )
    # a working-committee member that sits on no committee of the street does not serve it under STREET
    assert filters.in_service_area(
        need, make_candidate(service_area=ServiceArea.STREET, working_committee=True), TODAY
    )
    assert filters.in_service_area(need, make_candidate(service_area=ServiceArea.CITY), TODAY) is None


def test_first_failure_is_none_only_when_every_filter_passes() -> None:
    assert filters.first_failure(make_need(), make_candidate(), TODAY) is None
    assert filters.first_failure(make_need(), make_candidate(capacity=0), TODAY) == "资源容量已用完"


def test_a_committee_member_serves_under_any_area_a_street_member_from_street_up_others_city_and_province() -> (
    None
):
    assert filters.areas_served(member_here=True, member_in_street=True) == set(ServiceArea)
    assert filters.areas_served(member_here=True, member_in_street=False) == set(ServiceArea)
    assert filters.areas_served(member_here=False, member_in_street=True) == {
        ServiceArea.STREET,
        ServiceArea.CITY,
        ServiceArea.PROVINCE,
    }
    assert filters.areas_served(member_here=False, member_in_street=False) == {
        ServiceArea.CITY,
        ServiceArea.PROVINCE,
    }


def test_a_unit_of_another_city_serves_a_community_only_under_province() -> None:
    assert filters.areas_served(member_here=False, member_in_street=False, other_city=True) == {
        ServiceArea.PROVINCE
    }
    need = make_need()
    for area in (ServiceArea.COMMUNITY, ServiceArea.STREET, ServiceArea.CITY):
        assert filters.in_service_area(need, make_candidate(service_area=area, other_city=True), TODAY)
    assert (
        filters.in_service_area(
            need, make_candidate(service_area=ServiceArea.PROVINCE, other_city=True), TODAY
        )
        is None
    )
