"""Hard filters: a candidate that fails one is never recommended. Each returns the reason it fails."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from orggraph.domain.model import SERVICE_AREA_LABELS, ResourceStatus, ServiceArea
from orggraph.domain.taxonomy import SUPPORT_TYPE_LABELS
from orggraph.matching.facts import CandidateFacts, NeedFacts

Filter = Callable[[NeedFacts, CandidateFacts, date], str | None]


def active(need: NeedFacts, c: CandidateFacts, today: date) -> str | None:
    return None if c.status is ResourceStatus.ACTIVE else "资源已撤回"


def type_compatible(need: NeedFacts, c: CandidateFacts, today: date) -> str | None:
    if c.support_type in need.support_types:
        return None
    return f"支持类型不符:资源为{SUPPORT_TYPE_LABELS[c.support_type]}"


def capacity_left(need: NeedFacts, c: CandidateFacts, today: date) -> str | None:
    return None if c.left > 0 else "资源容量已用完"


def available_in_time(need: NeedFacts, c: CandidateFacts, today: date) -> str | None:
    if c.available_from > need.needed_by:
        return f"资源 {c.available_from.isoformat()} 才开始提供,晚于需求完成期限 {need.needed_by.isoformat()}"
    if c.available_until < today:
        return f"资源已于 {c.available_until.isoformat()} 到期"
    return None


_ANY_AREA = frozenset(ServiceArea)
_STREET_AND_WIDER = frozenset({ServiceArea.STREET, ServiceArea.CITY, ServiceArea.PROVINCE})
_CITY_AND_WIDER = frozenset({ServiceArea.CITY, ServiceArea.PROVINCE})
_PROVINCE_ONLY = frozenset({ServiceArea.PROVINCE})


def areas_served(
    member_here: bool, member_in_street: bool, other_city: bool = False
) -> frozenset[ServiceArea]:
    """The service areas under which a resource serves a community, by where its unit sits: a unit on
    the community's big party committee serves it under any area; one on another committee of the same
    street under STREET, CITY or PROVINCE; any other unit of the community's city (a leader's or
    working-committee unit included) under CITY or PROVINCE; a unit of another city of the province (or
    of the province itself, 省直单位) only under PROVINCE. The numpy shortlist and the Cypher that trims
    candidates read the rule from here."""
    if member_here:
        return _ANY_AREA
    if member_in_street:
        return _STREET_AND_WIDER
    return _PROVINCE_ONLY if other_city else _CITY_AND_WIDER


def in_service_area(need: NeedFacts, c: CandidateFacts, today: date) -> str | None:
    if c.service_area in areas_served(c.member_here, c.member_in_street, c.other_city):
        return None
    return f"{need.community_name}不在资源服务范围({SERVICE_AREA_LABELS[c.service_area]})内"


HARD_FILTERS: tuple[Filter, ...] = (
    active,
    type_compatible,
    capacity_left,
    available_in_time,
    in_service_area,
)


def first_failure(need: NeedFacts, c: CandidateFacts, today: date) -> str | None:
    for f in HARD_FILTERS:
        reason = f(need, c, today)
        if reason:
            return reason
    return None
