"""The words of the co-building network, as closed enums with Chinese labels for users."""

from __future__ import annotations

from enum import StrEnum


class CityKind(StrEnum):
    """A county-level unit (县级行政区): the city of the network, the reach of a CITY-wide resource."""

    COUNTY_CITY = "COUNTY_CITY"
    DISTRICT = "DISTRICT"
    COUNTY = "COUNTY"


CITY_KIND_LABELS: dict[CityKind, str] = {
    CityKind.COUNTY_CITY: "县级市",
    CityKind.DISTRICT: "市辖区",
    CityKind.COUNTY: "县",
}


class UnitKind(StrEnum):
    AGENCY = "AGENCY"
    STATE_ENTERPRISE = "STATE_ENTERPRISE"
    INSTITUTION = "INSTITUTION"
    PRIVATE_ENTERPRISE = "PRIVATE_ENTERPRISE"
    SOCIAL_ORG = "SOCIAL_ORG"
    PROPERTY_COMPANY = "PROPERTY_COMPANY"
    OWNERS_COMMITTEE = "OWNERS_COMMITTEE"


UNIT_KIND_LABELS: dict[UnitKind, str] = {
    UnitKind.AGENCY: "机关",
    UnitKind.STATE_ENTERPRISE: "国有企业",
    UnitKind.INSTITUTION: "事业单位",
    UnitKind.PRIVATE_ENTERPRISE: "非公企业",
    UnitKind.SOCIAL_ORG: "社会组织",
    UnitKind.PROPERTY_COMPANY: "物业企业",
    UnitKind.OWNERS_COMMITTEE: "业主委员会",
}


class Seat(StrEnum):
    """The seats of a community big party committee besides the two secretaries (1+1+X+N)."""

    X = "X"  # 机关企事业单位
    N = "N"  # 非公企业和社会组织


SEAT_LABELS: dict[Seat, str] = {Seat.X: "机关企事业单位(X)", Seat.N: "非公企业和社会组织(N)"}

SEAT_OF_KIND: dict[UnitKind, Seat] = {
    UnitKind.AGENCY: Seat.X,
    UnitKind.STATE_ENTERPRISE: Seat.X,
    UnitKind.INSTITUTION: Seat.X,
    UnitKind.PRIVATE_ENTERPRISE: Seat.N,
    UnitKind.SOCIAL_ORG: Seat.N,
    # Property companies are non-public enterprises, owners' committees self-governing social bodies.
    UnitKind.PROPERTY_COMPANY: Seat.N,
    UnitKind.OWNERS_COMMITTEE: Seat.N,
}


def seat_for(kind: UnitKind) -> Seat:
    """The only seat a unit of this kind may take on a community big party committee."""
    return SEAT_OF_KIND[kind]


# The units whose responsible people may sit on a street working committee as part-time members:
# 市直单位, the city's public sector (agencies, institutions such as 市人民医院, state enterprises),
# i.e. the kinds that take seat X. Private firms, social organizations, property companies and
# owners' committees do not.
WORKING_COMMITTEE_UNIT_KINDS: frozenset[UnitKind] = frozenset(
    k for k, s in SEAT_OF_KIND.items() if s is Seat.X
)


class ProjectStatus(StrEnum):
    """A party-building project of the street working committee (党建项目)."""

    PLANNED = "PLANNED"  # 计划中
    IN_PROGRESS = "IN_PROGRESS"  # 推进中
    DONE = "DONE"  # 已完成
    DROPPED = "DROPPED"  # 已终止


PROJECT_STATUS_LABELS: dict[ProjectStatus, str] = {
    ProjectStatus.PLANNED: "计划中",
    ProjectStatus.IN_PROGRESS: "推进中",
    ProjectStatus.DONE: "已完成",
    ProjectStatus.DROPPED: "已终止",
}


class CompoundKind(StrEnum):
    COMMERCIAL = "COMMERCIAL"  # 商品房小区
    RESETTLEMENT = "RESETTLEMENT"  # 安置房小区
    OLD = "OLD"  # 老旧小区
    NO_PROPERTY = "NO_PROPERTY"  # 无物业小区


COMPOUND_KIND_LABELS: dict[CompoundKind, str] = {
    CompoundKind.COMMERCIAL: "商品房小区",
    CompoundKind.RESETTLEMENT: "安置房小区",
    CompoundKind.OLD: "老旧小区",
    CompoundKind.NO_PROPERTY: "无物业小区",
}


class NeedStatus(StrEnum):
    """The life of a need in the needs library (需求库): registered, published for units to claim (or assigned
    by a joint meeting, 派单), claimed, worked on, done, rated. The six-step method (六步工作法) is not a need's
    life: it belongs to the property issues a compound's 三联办 handles."""

    COLLECTED = "COLLECTED"  # 已登记: collected from residents, grids or the community, not yet published
    PUBLISHED = "PUBLISHED"  # 已发布: in the needs library for member units to claim
    CLAIMED = "CLAIMED"  # 已认领: a unit took it on (claimed, matched, or assigned by a meeting)
    IN_PROGRESS = "IN_PROGRESS"  # 落实中
    DONE = "DONE"  # 已完成
    RATED = "RATED"  # 已评价
    REJECTED = "REJECTED"  # 不予采纳


NEED_STATUS_LABELS: dict[NeedStatus, str] = {
    NeedStatus.COLLECTED: "已登记",
    NeedStatus.PUBLISHED: "已发布",
    NeedStatus.CLAIMED: "已认领",
    NeedStatus.IN_PROGRESS: "落实中",
    NeedStatus.DONE: "已完成",
    NeedStatus.RATED: "已评价",
    NeedStatus.REJECTED: "不予采纳",
}


class ResourceStatus(StrEnum):
    ACTIVE = "ACTIVE"
    WITHDRAWN = "WITHDRAWN"


RESOURCE_STATUS_LABELS: dict[ResourceStatus, str] = {
    ResourceStatus.ACTIVE: "可用",
    ResourceStatus.WITHDRAWN: "已撤回",
}


class ServiceArea(StrEnum):
    COMMUNITY = "COMMUNITY"  # the communities whose big party committee the unit sits on
    STREET = "STREET"  # their streets
    CITY = "CITY"  # the unit's city (county-level city or district)
    PROVINCE = "PROVINCE"  # every city of the unit's province: the only area that crosses cities


SERVICE_AREA_LABELS: dict[ServiceArea, str] = {
    ServiceArea.COMMUNITY: "所在大党委的社区",
    ServiceArea.STREET: "所在街道",
    ServiceArea.CITY: "全市",
    ServiceArea.PROVINCE: "全省",
}


class TaskStatus(StrEnum):
    PLANNED = "PLANNED"
    IN_PROGRESS = "IN_PROGRESS"
    DONE = "DONE"
    CANCELLED = "CANCELLED"


class Urgency(StrEnum):
    LOW = "LOW"
    NORMAL = "NORMAL"
    HIGH = "HIGH"
    URGENT = "URGENT"


URGENCY_LABELS: dict[Urgency, str] = {
    Urgency.LOW: "一般",
    Urgency.NORMAL: "普通",
    Urgency.HIGH: "较急",
    Urgency.URGENT: "紧急",
}


class ProblemSource(StrEnum):
    """Who raised a problem (问题来源)."""

    COMMUNITY = "COMMUNITY"
    STREET = "STREET"
    GRID = "GRID"
    MEETING = "MEETING"
    RESIDENT = "RESIDENT"


PROBLEM_SOURCE_LABELS: dict[ProblemSource, str] = {
    ProblemSource.COMMUNITY: "社区提报",
    ProblemSource.STREET: "街道提报",
    ProblemSource.GRID: "网格上报",
    ProblemSource.MEETING: "联席会议提出",
    ProblemSource.RESIDENT: "居民反映",
}


class ProblemLevel(StrEnum):
    """Where a problem is handled; escalation moves it up (社区 → 街道 → 市委书记"1+N"工作清单)."""

    COMMUNITY = "COMMUNITY"
    STREET = "STREET"
    CITY = "CITY"


PROBLEM_LEVEL_LABELS: dict[ProblemLevel, str] = {
    ProblemLevel.COMMUNITY: "社区",
    ProblemLevel.STREET: "街道",
    ProblemLevel.CITY: "市委书记“1+N”工作清单",
}


class ProblemStatus(StrEnum):
    """Derived from the problem's tasks, never set by hand."""

    OPEN = "OPEN"  # no task, or every task cancelled
    IN_PROGRESS = "IN_PROGRESS"  # a task is planned or under way
    SOLVED = "SOLVED"  # a task is done and none is open


PROBLEM_STATUS_LABELS: dict[ProblemStatus, str] = {
    ProblemStatus.OPEN: "待解决",
    ProblemStatus.IN_PROGRESS: "办理中",
    ProblemStatus.SOLVED: "已解决",
}


class Label(StrEnum):
    """Every node label orggraph writes. Cypher takes labels from here, never from user input."""

    Province = "Province"
    City = "City"
    Street = "Street"
    Community = "Community"
    Grid = "Grid"
    Compound = "Compound"
    StreetWorkingCommittee = "StreetWorkingCommittee"
    CommunityCommittee = "CommunityCommittee"
    Unit = "Unit"
    Person = "Person"
    Leader = "Leader"
    Need = "Need"
    Resource = "Resource"
    Task = "Task"
    JointMeeting = "JointMeeting"
    NeedEvent = "NeedEvent"
    Problem = "Problem"
    Escalation = "Escalation"
    AuditRecord = "AuditRecord"
    # the street working committee's party-building projects (helper B, issue #13)
    Project = "Project"
    ProjectNote = "ProjectNote"
    # ratings (helper D, issue #14 point 4): property companies, the red/black list, credit records
    PropertyRating = "PropertyRating"
    PropertyInspection = "PropertyInspection"
    SatisfactionSurvey = "SatisfactionSurvey"
    RatingList = "RatingList"
    CreditRecord = "CreditRecord"
    # compounds and 红色物业 (helper A, issue #14): party organisations, 三联办, property issues
    PartyOrganization = "PartyOrganization"
    TripartiteOffice = "TripartiteOffice"
    TripartiteMeeting = "TripartiteMeeting"
    PropertyIssue = "PropertyIssue"
    # in-service party members and campaigns (issue #14, helper C)
    Commitment = "Commitment"
    RoadSection = "RoadSection"
    ServiceRecord = "ServiceRecord"
    Campaign = "Campaign"
    CampaignGroup = "CampaignGroup"
    # reports and dispatch (智慧管家, helper B, issue #14)
    Report = "Report"
    ReportEvent = "ReportEvent"
    DispatchRule = "DispatchRule"
    # what needs and resources are about (issue #16): concepts, and the resources library's word statistics
    # (Term and Corpus are keyed by `text` and `name`, not by an id: KEYS)
    Concept = "Concept"
    Term = "Term"
    Corpus = "Corpus"


# The labels whose nodes are keyed by another property than `id` (each has a uniqueness constraint on it).
KEYS: dict[Label, str] = {Label.Term: "text", Label.Corpus: "name"}


class RelType(StrEnum):
    PART_OF = "PART_OF"
    IN_GRID = "IN_GRID"
    HAS_COMMITTEE = "HAS_COMMITTEE"
    PART_TIME_MEMBER_OF = "PART_TIME_MEMBER_OF"
    SECRETARY_OF = "SECRETARY_OF"
    FIRST_SECRETARY_OF = "FIRST_SECRETARY_OF"
    MEMBER_OF = "MEMBER_OF"
    CONTACTS = "CONTACTS"
    WORKS_AT = "WORKS_AT"
    RAISED = "RAISED"
    OFFERS = "OFFERS"
    FULFILS = "FULFILS"
    USES = "USES"
    RESPONSIBLE = "RESPONSIBLE"
    HELD_BY = "HELD_BY"
    DECIDED = "DECIDED"
    MANAGED_BY = "MANAGED_BY"
    HAS_EVENT = "HAS_EVENT"
    CLAIMED = "CLAIMED"
    RAISED_IN = "RAISED_IN"  # (:Problem)-[:RAISED_IN]->(:Community|:Street)
    AT_GRID = "AT_GRID"  # (:Problem)-[:AT_GRID]->(:Grid), a problem a grid reported
    SOLVES = "SOLVES"  # (:Task)-[:SOLVES]->(:Problem)
    TABLED = "TABLED"  # (:JointMeeting)-[:TABLED {order}]->(:Problem|:Need): the agenda
    ATTENDED = "ATTENDED"  # (:Unit)-[:ATTENDED]->(:JointMeeting)
    # (:Leader)-[:LEADS {since}]->(:Task): a contact leader's key task; (:Person)-[:LEADS]->(:Project)
    LEADS = "LEADS"
    ESCALATED = "ESCALATED"  # (:Problem)-[:ESCALATED]->(:Escalation {from, to, at, by, reason})
    # street working committee members as people, their projects, communities' evaluations of units
    HOLDS_POST = "HOLDS_POST"
    WAS_PART_TIME_MEMBER_OF = "WAS_PART_TIME_MEMBER_OF"
    INVOLVES = "INVOLVES"
    HAS_NOTE = "HAS_NOTE"
    HAS_PROJECT = "HAS_PROJECT"
    EVALUATED = "EVALUATED"
    # in-service party members and campaigns (issue #14, helper C)
    PARTY_MEMBER_OF = "PARTY_MEMBER_OF"  # (:Person)-[:PARTY_MEMBER_OF {since}]->(:Unit)
    REPORTED_TO = "REPORTED_TO"  # (:Person)-[:REPORTED_TO {on}]->(:Compound|:Community): 双报到
    PAIRED_WITH = "PAIRED_WITH"  # (:Unit)-[:PAIRED_WITH {since}]->(:Community): 结对
    COMMITTED = "COMMITTED"  # (:Person)-[:COMMITTED]->(:Commitment {year, duty, promise}): 三亮
    KEEPS_ZONE = "KEEPS_ZONE"  # (:Person|:Unit)-[:KEEPS_ZONE {duty, since}]->(:Compound|:RoadSection)
    SERVED = "SERVED"  # (:Person)-[:SERVED]->(:ServiceRecord)-[:IN]->(:Community)
    IN = "IN"
    LIES_IN = "LIES_IN"  # (:RoadSection)-[:LIES_IN]->(:Community)
    SENT_TO = "SENT_TO"  # (:Unit|:Person)-[:SENT_TO]->(:Campaign)
    HAS_GROUP = "HAS_GROUP"  # (:Campaign)-[:HAS_GROUP]->(:CampaignGroup)
    IN_GROUP = "IN_GROUP"  # (:Person)-[:IN_GROUP]->(:CampaignGroup)
    COVERS = "COVERS"  # (:CampaignGroup)-[:COVERS {shift}]->(:Compound|:RoadSection)
    # network maintenance (#13): who leads a grid, and the history twins of ended relationships
    GRID_LEADER_OF = "GRID_LEADER_OF"
    WAS_MEMBER_OF = "WAS_MEMBER_OF"
    WAS_SECRETARY_OF = "WAS_SECRETARY_OF"
    WAS_FIRST_SECRETARY_OF = "WAS_FIRST_SECRETARY_OF"
    WAS_CONTACT_OF = "WAS_CONTACT_OF"
    WAS_GRID_LEADER_OF = "WAS_GRID_LEADER_OF"
    WAS_IN_GRID = "WAS_IN_GRID"
    WAS_PART_OF = "WAS_PART_OF"
    # ratings (helper D, issue #14 point 4): (:PropertyRating)-[:RATES]->(:Unit), -[:RATED_BY]->(the rater's
    # unit, community or compound); (:PropertyInspection)-[:INSPECTED]->(:Unit); (:SatisfactionSurvey)-[:SURVEYED]->
    # (:Unit); both -[:AT]->(:Compound); (:Unit)-[:HAS_CREDIT_RECORD]->(:CreditRecord)
    RATES = "RATES"
    RATED_BY = "RATED_BY"
    INSPECTED = "INSPECTED"
    SURVEYED = "SURVEYED"
    HAS_CREDIT_RECORD = "HAS_CREDIT_RECORD"
    # compounds and 红色物业 (helper A, issue #14)
    GOVERNED_BY = "GOVERNED_BY"  # (:Compound)-[:GOVERNED_BY]->(:Unit {kind: OWNERS_COMMITTEE})
    ORGANIZED_IN = "ORGANIZED_IN"  # (:PartyOrganization)-[:ORGANIZED_IN]->(:Compound)
    HAS_OFFICE = "HAS_OFFICE"  # (:Community)-[:HAS_OFFICE]->(:TripartiteOffice)
    SERVES = "SERVES"  # (:TripartiteOffice)-[:SERVES]->(:Compound)
    DISCUSSED = "DISCUSSED"  # (:TripartiteMeeting)-[:DISCUSSED]->(:PropertyIssue)
    HANDLED_BY = "HANDLED_BY"  # (:PropertyIssue)-[:HANDLED_BY]->(:TripartiteOffice)
    # (:PropertyIssue)-[:ABOUT]->(:Compound), its steps lists on the issue; (:Need|Resource)-[:ABOUT {source:
    # auto|manual}]->(:Concept) (issue #16)
    ABOUT = "ABOUT"
    NOT_ABOUT = "NOT_ABOUT"  # (:Need|Resource)-[:NOT_ABOUT {at, by}]->(:Concept): untagged by hand
    BROADER = "BROADER"  # (:Concept)-[:BROADER]->(:Concept)
    # reports and dispatch (智慧管家, #14): (:Report)-[:AT]->(:Compound), the current department
    # (:Report)-[:DISPATCHED_TO {at, deadline}]->(:Unit) and earlier ones as WAS_DISPATCHED_TO {at, deadline,
    # until, reason}; (:DispatchRule)-[:TO]->(:Unit); (:Report)-[:HAS_EVENT]->(:ReportEvent)
    AT = "AT"
    DISPATCHED_TO = "DISPATCHED_TO"
    WAS_DISPATCHED_TO = "WAS_DISPATCHED_TO"
    TO = "TO"
