"""GraphQL enums mirrored from the domain enums: each described by the glossary, each value by its Chinese
label (the *_LABELS next to the domain enum)."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from orggraph.domain import compounds, glossary, model, taxonomy
from orggraph.domain.lifecycle import TASK_LABELS


def mirror(domain_enum: type[Enum], labels: dict[Any, str], name: str) -> Any:
    """The domain enum as a GraphQL enum named `name`, described by the glossary, each value by its label."""
    members = {m.name: strawberry.enum_value(m.value, description=labels.get(m, "")) for m in domain_enum}
    api_enum = Enum(name, members)  # type: ignore[misc]
    return strawberry.enum(api_enum, name=name, description=glossary.describe_enum(name))


UnitKind = mirror(model.UnitKind, model.UNIT_KIND_LABELS, "UnitKind")
CityKind = mirror(model.CityKind, model.CITY_KIND_LABELS, "CityKind")
Seat = mirror(model.Seat, model.SEAT_LABELS, "Seat")
NeedStatus = mirror(model.NeedStatus, model.NEED_STATUS_LABELS, "NeedStatus")
CompoundKind = mirror(model.CompoundKind, model.COMPOUND_KIND_LABELS, "CompoundKind")
Urgency = mirror(model.Urgency, model.URGENCY_LABELS, "Urgency")
ServiceArea = mirror(model.ServiceArea, model.SERVICE_AREA_LABELS, "ServiceArea")
ResourceStatus = mirror(model.ResourceStatus, model.RESOURCE_STATUS_LABELS, "ResourceStatus")
TaskStatus = mirror(model.TaskStatus, TASK_LABELS, "TaskStatus")
SupportType = mirror(taxonomy.SupportType, taxonomy.SUPPORT_TYPE_LABELS, "SupportType")
Domain = mirror(taxonomy.Domain, taxonomy.DOMAIN_LABELS, "Domain")
Population = mirror(taxonomy.Population, taxonomy.POPULATION_LABELS, "Population")
ProblemSource = mirror(model.ProblemSource, model.PROBLEM_SOURCE_LABELS, "ProblemSource")
ProblemLevel = mirror(model.ProblemLevel, model.PROBLEM_LEVEL_LABELS, "ProblemLevel")
ProblemStatus = mirror(model.ProblemStatus, model.PROBLEM_STATUS_LABELS, "ProblemStatus")
ProjectStatus = mirror(model.ProjectStatus, model.PROJECT_STATUS_LABELS, "ProjectStatus")
# compounds and 红色物业 (issue #14)
PartyOrganizationKind = mirror(
    compounds.PartyOrgKind, compounds.PARTY_ORG_KIND_LABELS, "PartyOrganizationKind"
)
PropertyIssueStep = mirror(compounds.IssueStep, compounds.ISSUE_STEP_LABELS, "PropertyIssueStep")
Difficulty = mirror(compounds.Difficulty, compounds.DIFFICULTY_LABELS, "Difficulty")
TripartiteParty = mirror(compounds.TripartiteParty, compounds.TRIPARTITE_PARTY_LABELS, "TripartiteParty")


def to_api(api_enum: Any, value: Enum) -> Any:
    return api_enum(value.value)


def to_domain(domain_enum: type[Enum], value: Any) -> Any:
    return domain_enum(value.value)
