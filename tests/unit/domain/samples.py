"""A need and a resource for the rule tests: 河畔家园's lift (5 万元) and a fund with 6 of 10 万元 left
(illustrative)."""

from __future__ import annotations

from datetime import date

from orggraph.domain import entities as e
from orggraph.domain.model import NeedStatus, ResourceStatus, ServiceArea, Urgency
from orggraph.domain.taxonomy import Domain, Population, SupportType

NEED = e.Need(
    "n1",
    "加装电梯",
    "",
    (SupportType.FUND,),
    Domain.ELDER,
    (Population.ELDERLY,),
    5.0,
    "万元",
    date(2027, 1, 1),
    Urgency.NORMAL,
    NeedStatus.PUBLISHED,
)
RESOURCE = e.Resource(
    "r1",
    "共建项目资金",
    "",
    SupportType.FUND,
    (Domain.ELDER,),
    (Population.ELDERLY,),
    10.0,
    "万元",
    date(2026, 1, 1),
    date(2027, 12, 31),
    ServiceArea.CITY,
    ResourceStatus.ACTIVE,
    allocated=4.0,
)
