"""What the matcher knows about a need and a candidate resource: frozen facts read from the graph."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from orggraph.domain.model import NeedStatus, ResourceStatus, ServiceArea
from orggraph.domain.taxonomy import Domain, Population, SupportType


class Locality(IntEnum):
    """How close the offering unit sits to the need's community in the network (higher is closer)."""

    CITY = 0  # anywhere in the city
    SAME_STREET = 1  # sits on another big party committee of the same street
    WORKING_COMMITTEE = 2  # part-time member of the street working committee
    CONTACT_LEADER_UNIT = 3  # the unit of the city leader who contacts the community
    COMMITTEE_MEMBER = 4  # sits on this community's big party committee


@dataclass(frozen=True)
class NeedFacts:
    id: str
    title: str
    community_id: str
    community_name: str
    street_name: str
    support_types: frozenset[SupportType]
    domain: Domain
    populations: frozenset[Population]
    quantity: float
    needed_by: date
    status: NeedStatus
    # share of the community's needs that are still waiting for help (open, not claimed)
    community_unmet: float = 0.0


@dataclass(frozen=True)
class CandidateFacts:
    resource_id: str
    title: str
    unit_id: str
    unit_name: str
    support_type: SupportType
    domains: frozenset[Domain]
    populations: frozenset[Population]
    capacity: float
    capacity_unit: str
    allocated: float
    available_from: date
    available_until: date
    service_area: ServiceArea
    status: ResourceStatus
    member_here: bool  # the unit sits on the need community's big party committee
    member_in_street: bool  # the unit sits on a big party committee of the need's street
    leader_unit: bool  # the contact leader of the need's community works at the unit
    working_committee: bool  # the unit is a part-time member of the street working committee
    text_score: float  # raw full-text relevance of the resource to the need's words
    unit_done: int  # the unit's completed and rated tasks
    unit_rating_sum: float  # the sum of their ratings (1-5)
    unit_open_tasks: int  # the unit's tasks not yet done or cancelled

    @property
    def left(self) -> float:
        return max(0.0, self.capacity - self.allocated)

    @property
    def locality(self) -> Locality:
        if self.member_here:
            return Locality.COMMITTEE_MEMBER
        if self.leader_unit:
            return Locality.CONTACT_LEADER_UNIT
        if self.working_committee:
            return Locality.WORKING_COMMITTEE
        if self.member_in_street:
            return Locality.SAME_STREET
        return Locality.CITY
