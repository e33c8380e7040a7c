"""What the matcher knows about a need and a candidate resource: frozen facts read from the graph.

A candidate is a resource (ResourceFacts, the same for every need) seen from one need: how close its
unit sits to the need's community (Closeness) and how relevant its words are (orggraph.matching.text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum

from orggraph.domain.model import NeedStatus, ResourceStatus, ServiceArea
from orggraph.domain.taxonomy import Domain, Population, SupportType


class Locality(IntEnum):
    """How close the offering unit sits to the need's community in the network (higher is closer)."""

    PROVINCE = -1  # in another city of the province, or a provincial unit (省直单位)
    CITY = 0  # anywhere in the need's city
    SAME_STREET = 1  # sits on another big party committee of the same street
    WORKING_COMMITTEE = 2  # part-time member of the street working committee
    CONTACT_LEADER_UNIT = 3  # the unit of the city leader who contacts the community
    COMMITTEE_MEMBER = 4  # sits on this community's big party committee


def locality_of(
    member_here: bool,
    member_in_street: bool,
    leader_unit: bool,
    working_committee: bool,
    other_city: bool = False,
) -> Locality:
    """The closest of the unit's ties to the community decides its locality; a unit without ties is in
    the community's city or, outside it, in the province."""
    if member_here:
        return Locality.COMMITTEE_MEMBER
    if leader_unit:
        return Locality.CONTACT_LEADER_UNIT
    if working_committee:
        return Locality.WORKING_COMMITTEE
    if member_in_street:
        return Locality.SAME_STREET
    return Locality.PROVINCE if other_city else Locality.CITY


@dataclass(frozen=True)
class Closeness:
    """Where a unit sits relative to one community."""

    member_here: bool = False  # on the community's big party committee
    member_in_street: bool = False  # on a big party committee of the community's street
    leader_unit: bool = False  # the community's contact leader works at the unit
    working_committee: bool = False  # part-time member of the street working committee
    other_city: bool = False  # the unit is not of the community's city (another city, or the province's)

    @property
    def locality(self) -> Locality:
        return locality_of(
            self.member_here, self.member_in_street, self.leader_unit, self.working_committee, self.other_city
        )


@dataclass(frozen=True)
class CloseUnits:
    """The units close to one community, by tie (unit ids), and the community's city: a unit of another
    city (ResourceFacts.unit_city) is farther than any unit of the city. No city: every unit is of it."""

    here: frozenset[str] = frozenset()
    street: frozenset[str] = frozenset()
    leader: frozenset[str] = frozenset()
    working: frozenset[str] = frozenset()
    city_id: str | None = None


def unmet_share(needs_total: int, needs_open: int) -> float:
    """The share of a community's needs that are still waiting for help (open, not claimed)."""
    return needs_open / needs_total if needs_total else 0.0


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
    community_unmet: float = 0.0  # unmet_share of the need's community
    quantity_unit: str = ""  # what the quantity counts (万元, 人次, 场 ...: orggraph.domain.quantities)
    terms: tuple[str, ...] = ()  # its words, distinct, in order (orggraph.matching.text): the relevance query
    concepts: frozenset[str] = frozenset()  # the ids of the concepts it is about (ABOUT)


@dataclass(frozen=True)
class ResourceFacts:
    """A resource, its unit and the unit's record: what does not depend on the need."""

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
    unit_done: int  # the unit's completed and rated tasks
    unit_rating_sum: float  # the sum of their ratings (1-5)
    unit_open_tasks: int  # the unit's tasks not yet done or cancelled
    # the communities' yearly evaluations of the unit (社区年度评价): the mean score (0-100) of the latest
    # year evaluated, and that year; None when no community has evaluated it
    unit_evaluation: float | None = field(default=None, kw_only=True)
    unit_evaluation_year: int | None = field(default=None, kw_only=True)
    # its words (orggraph.matching.text; with repeats; matchNeed reads only those of the need) and how many
    # words it has in all; the ids of the concepts it is about
    terms: tuple[str, ...] = field(default=(), kw_only=True)
    length: int = field(default=0, kw_only=True)
    concepts: frozenset[str] = field(default=frozenset(), kw_only=True)
    # the city of its unit (None for a provincial unit, 省直单位, which belongs to no city)
    unit_city: str | None = field(default=None, kw_only=True)

    @property
    def left(self) -> float:
        return max(0.0, self.capacity - self.allocated)

    def candidate(self, closeness: Closeness, text_score: float) -> CandidateFacts:
        """This resource seen from a need: its unit's closeness to the need's community, its relevance."""
        return CandidateFacts(
            resource_id=self.resource_id, title=self.title, unit_id=self.unit_id, unit_name=self.unit_name,
            support_type=self.support_type, domains=self.domains, populations=self.populations,
            capacity=self.capacity, capacity_unit=self.capacity_unit, allocated=self.allocated,
            available_from=self.available_from, available_until=self.available_until,
            service_area=self.service_area, status=self.status, member_here=closeness.member_here,
            member_in_street=closeness.member_in_street, leader_unit=closeness.leader_unit,
            working_committee=closeness.working_committee, other_city=closeness.other_city,
            text_score=text_score, unit_done=self.unit_done,
            unit_rating_sum=self.unit_rating_sum, unit_open_tasks=self.unit_open_tasks,
            unit_evaluation=self.unit_evaluation, unit_evaluation_year=self.unit_evaluation_year,
            terms=self.terms, length=self.length, concepts=self.concepts, unit_city=self.unit_city,
        )  # fmt: skip


@dataclass(frozen=True)
class CandidateFacts(ResourceFacts):
    """A resource seen from one need: the resource's facts, its unit's ties to the need's community and
    its relevance to the need's words."""

    member_here: bool  # the unit sits on the need community's big party committee
    member_in_street: bool  # the unit sits on a big party committee of the need's street
    leader_unit: bool  # the contact leader of the need's community works at the unit
    working_committee: bool  # the unit is a part-time member of the street working committee
    text_score: float  # the relevance of the resource to the need's words, in [0, 1] (matching.text)
    other_city: bool = field(default=False, kw_only=True)  # the unit is not of the need's city

    @property
    def locality(self) -> Locality:
        return locality_of(
            self.member_here, self.member_in_street, self.leader_unit, self.working_committee, self.other_city
        )
