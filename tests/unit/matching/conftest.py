"""Hand-built needs and candidates for the matcher's unit tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from orggraph.domain.model import NeedStatus, ResourceStatus, ServiceArea
from orggraph.domain.taxonomy import Domain, Population, SupportType
from orggraph.matching.facts import CandidateFacts, NeedFacts

TODAY = date(2026, 11, 27)


def make_need(**changes: Any) -> NeedFacts:
    base = NeedFacts(
        id="need-1", title="独居老人定期探访", community_id="comm-a", community_name="曙光社区",
        street_name="广陵街道", support_types=frozenset({SupportType.VOLUNTEER}), domain=Domain.ELDER,
        populations=frozenset({Population.ELDERLY}), quantity=20, needed_by=date(2027, 2, 1),
        status=NeedStatus.PUBLISHED, community_unmet=0.5,
    )  # fmt: skip
    return replace(base, **changes)


def make_candidate(**changes: Any) -> CandidateFacts:
    base = CandidateFacts(
        resource_id="res-1", title="党员志愿服务队", unit_id="unit-1", unit_name="市民政局",
        support_type=SupportType.VOLUNTEER, domains=frozenset({Domain.ELDER}),
        populations=frozenset({Population.ELDERLY}), capacity=40, capacity_unit="人次", allocated=0,
        available_from=date(2026, 1, 1), available_until=date(2027, 12, 31), service_area=ServiceArea.CITY,
        status=ResourceStatus.ACTIVE, member_here=False, member_in_street=False, leader_unit=False,
        working_committee=False, text_score=1.0, unit_done=0, unit_rating_sum=0.0, unit_open_tasks=0,
    )  # fmt: skip
    return replace(base, **changes)


@pytest.fixture
def today() -> date:
    return TODAY
