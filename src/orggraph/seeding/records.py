"""The shape of a seed: one pydantic model per record kind, the same for YAML files and synthetic data.

Keys are camelCase, as in the graph and the API. `source` says where a name comes from: "article"
(named in the source article), "illustrative" (invented for the demo) or "synthetic" (generated).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from orggraph.domain.compounds import Difficulty, IssueStep, PartyOrgKind, TripartiteParty
from orggraph.domain.model import (
    CityKind,
    CompoundKind,
    NeedStatus,
    ResourceStatus,
    Seat,
    ServiceArea,
    TaskStatus,
    UnitKind,
    Urgency,
)
from orggraph.domain.taxonomy import Domain, Population, SupportType

Source = Literal["article", "illustrative", "synthetic"]
Id = str


class Record(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid", frozen=True)


class Named(Record):
    id: Id = Field(min_length=1, max_length=80)
    name: str = Field(min_length=1, max_length=120)
    source: Source = "illustrative"


class Province(Named):
    """The province (省) above the cities: the reach of a PROVINCE-wide resource."""


class City(Named):
    """A county-level city or district (县级市/市辖区/县) and its figures."""

    area_km2: float
    population: int
    urban_population: int
    urbanization_rate: float
    towns: int
    streets_count: int
    high_tech_zones: int
    villages_and_communities: int
    urban_communities: int
    province_id: Id | None = None
    prefecture: str | None = None  # the prefecture-level city (地级市) it belongs to, e.g. 滁州市
    kind: CityKind | None = None


class Street(Named):
    city_id: Id


class StreetCommittee(Named):
    street_id: Id
    part_time_members: list[Id] = Field(description="Unit ids: city departments whose officials serve")


class Unit(Named):
    kind: UnitKind
    party_members: int = 0
    # a street's non-profit property company (街道非营利物业公司): manages the no-property compounds
    # (兜底), never seated on a community big party committee
    non_profit: bool = False
    # a provincial unit (省直单位): of the bundle's province, not of its city; seated on no committee, its
    # resources reach the whole province
    provincial: bool = False


class Contact(Record):
    community_id: Id
    since: date


class Leader(Named):
    title: str
    unit_id: Id | None = None
    contacts: Contact


class Secretary(Named):
    pass


class Member(Record):
    unit_id: Id
    seat: Seat
    since: date


class Committee(Named):
    secretary: Secretary
    first_secretary_id: Id
    members: list[Member]


class Community(Named):
    street_id: Id
    committee: Committee


class Grid(Named):
    community_id: Id
    households: int = Field(ge=0)
    grid_workers: int = Field(ge=0)


class Compound(Named):
    grid_id: Id
    kind: CompoundKind
    households: int = Field(ge=0)
    has_party_branch: bool = False
    property_company_id: Id | None = None
    fee_collection_rate: float | None = Field(default=None, ge=0, le=1)


class Need(Record):
    id: Id = Field(min_length=1, max_length=80)
    community_id: Id
    title: str = Field(min_length=1, max_length=120)
    description: str = Field(max_length=2000)
    support_types: list[SupportType] = Field(min_length=1)
    domain: Domain
    populations: list[Population] = Field(min_length=1)
    quantity: float = Field(gt=0)
    quantity_unit: str
    needed_by: date
    urgency: Urgency = Urgency.NORMAL
    status: NeedStatus = NeedStatus.PUBLISHED
    # where the need came from (the API's Need.source): 居民反映、网格员上报、联席会议 ...
    origin: str | None = None
    source: Source = "illustrative"


class Resource(Record):
    id: Id = Field(min_length=1, max_length=80)
    unit_id: Id
    title: str = Field(min_length=1, max_length=120)
    description: str = Field(max_length=2000)
    support_type: SupportType
    domains: list[Domain] = Field(min_length=1)
    populations: list[Population] = Field(min_length=1)
    capacity: float = Field(ge=0)
    capacity_unit: str
    available_from: date
    available_until: date
    service_area: ServiceArea
    status: ResourceStatus = ResourceStatus.ACTIVE
    source: Source = "illustrative"


class Meeting(Record):
    id: Id = Field(min_length=1, max_length=80)
    committee_id: Id
    held_on: date
    topic: str
    problems_solved: int = Field(ge=0)
    source: Source = "illustrative"


class Task(Record):
    id: Id = Field(min_length=1, max_length=80)
    title: str
    need_id: Id
    resource_id: Id
    responsible_unit_id: Id
    meeting_id: Id | None = None
    standard: str
    deadline: date
    status: TaskStatus
    quantity: float = Field(gt=0)
    rating: int | None = Field(default=None, ge=1, le=5)
    # when the match was accepted (the task made); tasks made through the API get the moment of the write
    created_at: datetime | None = None
    source: Source = "illustrative"


# ---------------------------------------------------------------- compounds and 红色物业 (issue #14)


class OwnersCommittee(Named):
    """A compound's owners' committee (业主委员会), loaded as a Unit of kind OWNERS_COMMITTEE."""

    compound_id: Id
    members: int = Field(ge=1)
    party_members: int = Field(ge=0)


class PartyOrganization(Named):
    compound_id: Id
    kind: PartyOrgKind
    members: int = Field(ge=3)


class Funding(Record):
    """A fallback-managed compound's money, yuan a year (居民交一点、市场化运营增收一点、项目资金整合一点、政府补贴一点)."""

    residents: int = Field(ge=0)
    market: int = Field(ge=0)
    projects: int = Field(ge=0)
    subsidy: int = Field(ge=0)


class CompoundGovernance(Record):
    compound_id: Id
    fee_collection_rate: float | None = Field(default=None, ge=0, le=1)
    fee_measured_on: date | None = None
    demonstration: bool = False
    funding: Funding | None = None


class TripartiteOffice(Named):
    community_id: Id
    compound_ids: list[Id] = Field(min_length=1)
    since: date


class TripartiteMeeting(Record):
    id: Id = Field(min_length=1, max_length=80)
    office_id: Id
    held_on: date
    topic: str
    parties: list[TripartiteParty]
    resident_representatives: int = Field(ge=0)
    decisions: list[str] = []
    issue_ids: list[Id] = []  # the issues it discussed
    source: Source = "illustrative"


class IssueStepRecord(Record):
    step: IssueStep
    at: datetime
    by: str
    note: str = ""


class PropertyIssue(Record):
    id: Id = Field(min_length=1, max_length=80)
    office_id: Id
    compound_id: Id | None = None
    title: str = Field(min_length=1, max_length=120)
    description: str = Field(max_length=2000)
    urgency: Urgency
    difficulty: Difficulty
    history: list[IssueStepRecord] = Field(min_length=1)  # the last one is where the issue is
    source: Source = "illustrative"


class CompoundSeed(Record):
    owners_committees: list[OwnersCommittee] = []
    party_organizations: list[PartyOrganization] = []
    governance: list[CompoundGovernance] = []
    offices: list[TripartiteOffice] = []
    meetings: list[TripartiteMeeting] = []
    issues: list[PropertyIssue] = []


class Bundle(Record):
    """A whole seed. `files` maps each list to the file it came from, for messages."""

    province: Province | None = None
    city: City
    streets: list[Street]
    street_committees: list[StreetCommittee]
    units: list[Unit]
    leaders: list[Leader]
    communities: list[Community]
    grids: list[Grid]
    compounds: list[Compound]
    needs: list[Need] = []
    resources: list[Resource] = []
    meetings: list[Meeting] = []
    tasks: list[Task] = []
    red_property: CompoundSeed = CompoundSeed()  # compounds and 红色物业 (issue #14)
    # what every generated id of the bundle begins with ("" in the demo and the one-city synthetic graph; a
    # city of a synthetic province, "k0002-"), also the ids the loader derives (party members, ratings,
    # reports): ids stay unique across the cities of one graph. Written to no file.
    id_prefix: str = ""
    # how many reports (智慧管家) the loader makes for the bundle; None: 4331 per 23 communities, at most
    # reports.MAX_REPORTS (a synthetic province shares that cap among its cities). Written to no file.
    report_count: int | None = Field(default=None, ge=0)


# Which YAML file holds which part of a Bundle (seeds/<name>/<file>).
FILES: dict[str, tuple[str, ...]] = {
    "city.yaml": ("province", "city", "streets", "streetCommittees"),
    "units.yaml": ("units",),
    "leaders.yaml": ("leaders",),
    "communities.yaml": ("communities",),
    "grids.yaml": ("grids", "compounds"),
    "needs.yaml": ("needs",),
    "resources.yaml": ("resources",),
    "meetings.yaml": ("meetings", "tasks"),
    "compounds.yaml": ("redProperty",),
}
