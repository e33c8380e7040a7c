"""GraphQL enums mirrored from the domain enums, each value described by its Chinese label."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from orggraph.domain import model, taxonomy
from orggraph.domain.lifecycle import TASK_LABELS


def mirror(domain_enum: type[Enum], labels: dict[Any, str], name: str, description: str) -> Any:
    members = {m.name: strawberry.enum_value(m.value, description=labels.get(m, "")) for m in domain_enum}
    api_enum = Enum(name, members)  # type: ignore[misc]
    return strawberry.enum(api_enum, name=name, description=description)


UnitKind = mirror(model.UnitKind, model.UNIT_KIND_LABELS, "UnitKind", "成员单位类型")
Seat = mirror(model.Seat, model.SEAT_LABELS, "Seat", "社区大党委席位(1+1+X+N 中的 X 与 N)")
NeedStatus = mirror(model.NeedStatus, model.NEED_STATUS_LABELS, "NeedStatus", "需求状态(六步工作法及其后续)")
CompoundKind = mirror(model.CompoundKind, model.COMPOUND_KIND_LABELS, "CompoundKind", "小区类型")
Urgency = mirror(model.Urgency, model.URGENCY_LABELS, "Urgency", "紧急程度")
ServiceArea = mirror(model.ServiceArea, model.SERVICE_AREA_LABELS, "ServiceArea", "资源服务范围")
ResourceStatus = mirror(model.ResourceStatus, model.RESOURCE_STATUS_LABELS, "ResourceStatus", "资源状态")
TaskStatus = mirror(model.TaskStatus, TASK_LABELS, "TaskStatus", "任务状态")
SupportType = mirror(taxonomy.SupportType, taxonomy.SUPPORT_TYPE_LABELS, "SupportType", "支持类型")
Domain = mirror(taxonomy.Domain, taxonomy.DOMAIN_LABELS, "Domain", "服务领域")
Population = mirror(taxonomy.Population, taxonomy.POPULATION_LABELS, "Population", "服务对象")


def to_api(api_enum: Any, value: Enum) -> Any:
    return api_enum(value.value)


def to_domain(domain_enum: type[Enum], value: Any) -> Any:
    return domain_enum(value.value)
