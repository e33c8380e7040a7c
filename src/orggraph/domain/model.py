"""The words of the co-building network, as closed enums with Chinese labels for users."""

from __future__ import annotations

from enum import StrEnum


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
    """The six-step method (六步工作法) and what follows it."""

    COLLECTED = "COLLECTED"  # 收集民意
    PROPOSED = "PROPOSED"  # 党组织提议
    DELIBERATED = "DELIBERATED"  # 各方共同商议
    RESOLVED = "RESOLVED"  # 会议决议
    PUBLISHED = "PUBLISHED"  # 结果公开
    CLAIMED = "CLAIMED"  # 已认领
    IN_PROGRESS = "IN_PROGRESS"  # 督促落实中
    DONE = "DONE"  # 已完成
    RATED = "RATED"  # 已评价
    REJECTED = "REJECTED"  # 不予采纳


NEED_STATUS_LABELS: dict[NeedStatus, str] = {
    NeedStatus.COLLECTED: "收集民意",
    NeedStatus.PROPOSED: "党组织提议",
    NeedStatus.DELIBERATED: "各方共同商议",
    NeedStatus.RESOLVED: "会议决议",
    NeedStatus.PUBLISHED: "结果公开",
    NeedStatus.CLAIMED: "已认领",
    NeedStatus.IN_PROGRESS: "督促落实",
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
    CITY = "CITY"


SERVICE_AREA_LABELS: dict[ServiceArea, str] = {
    ServiceArea.COMMUNITY: "所在大党委的社区",
    ServiceArea.STREET: "所在街道",
    ServiceArea.CITY: "全市",
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


class Label(StrEnum):
    """Every node label orggraph writes. Cypher takes labels from here, never from user input."""

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
    AuditRecord = "AuditRecord"


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
    # network maintenance (#13): who leads a grid, and the history twins of ended relationships
    GRID_LEADER_OF = "GRID_LEADER_OF"
    WAS_MEMBER_OF = "WAS_MEMBER_OF"
    WAS_SECRETARY_OF = "WAS_SECRETARY_OF"
    WAS_FIRST_SECRETARY_OF = "WAS_FIRST_SECRETARY_OF"
    WAS_CONTACT_OF = "WAS_CONTACT_OF"
    WAS_GRID_LEADER_OF = "WAS_GRID_LEADER_OF"
    WAS_IN_GRID = "WAS_IN_GRID"
    WAS_PART_OF = "WAS_PART_OF"
