"""Who may do what: roles, scopes and the authorization rules. Pure: the API supplies the principal
(from the bearer token) and the scope of the target (read from the graph)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from orggraph.domain.errors import DomainError


class Role(StrEnum):
    ORG_ADMIN = "ORG_ADMIN"  # 市委组织部: everything
    STREET_ADMIN = "STREET_ADMIN"  # 街道: its street
    COMMUNITY_ADMIN = "COMMUNITY_ADMIN"  # 社区: its community
    UNIT_USER = "UNIT_USER"  # 成员单位: its unit
    VIEWER = "VIEWER"  # read only, no personal data
    # reports and dispatch (智慧管家, issue #14): who reports problems at compounds
    GRID_WORKER = "GRID_WORKER"  # 网格员: its community's compounds
    RESIDENT = "RESIDENT"  # 居民: any compound; rates only its own reports


ROLE_LABELS = {
    Role.ORG_ADMIN: "市委组织部",
    Role.STREET_ADMIN: "街道管理员",
    Role.COMMUNITY_ADMIN: "社区管理员",
    Role.UNIT_USER: "成员单位用户",
    Role.VIEWER: "只读用户",
    Role.GRID_WORKER: "网格员",
    Role.RESIDENT: "居民",
}


class Unauthenticated(DomainError):
    code = "UNAUTHENTICATED"


class Forbidden(DomainError):
    code = "FORBIDDEN"


@dataclass(frozen=True)
class Principal:
    subject: str
    role: Role | None  # None: no token
    street_id: str | None = None
    community_id: str | None = None
    unit_id: str | None = None

    @property
    def authenticated(self) -> bool:
        return self.role is not None

    @property
    def actor(self) -> str:
        return f"{self.subject} ({self.role.value})" if self.role else "anonymous"


ANONYMOUS = Principal("anonymous", None)


@dataclass(frozen=True)
class Scope:
    """Where a target sits: its street, community and (for units, resources, tasks) unit."""

    street_id: str | None = None
    community_id: str | None = None
    unit_id: str | None = None
    owner: str | None = None  # who submitted the target (a report): the subject of the reporter's token


class Action(StrEnum):
    MANAGE_NETWORK = "MANAGE_NETWORK"  # createUnit, setContactLeader, leaders, updatePerson
    EDIT_UNIT = "EDIT_UNIT"  # updateUnit
    EDIT_COMMITTEE = "EDIT_COMMITTEE"  # add/removeCommitteeMember, setCommitteeSecretary
    # (issue #14) EDIT_GRID also guards updateCompoundGovernance and setCompoundPartyOrganization;
    # RECORD_MEETING also a 三联办's recordTripartiteMeeting, createPropertyIssue, advancePropertyIssue
    EDIT_GRID = "EDIT_GRID"  # create/update/retireGrid, create/update/retireCompound
    CREATE_PERSON = "CREATE_PERSON"  # createPerson (a secretary or grid leader to be)
    RECORD_MEETING = "RECORD_MEETING"  # recordJointMeeting
    RAISE_PROBLEM = "RAISE_PROBLEM"  # createProblem, escalateProblem
    EDIT_NEED = "EDIT_NEED"  # createNeed, updateNeed, advanceNeed
    EDIT_RESOURCE = "EDIT_RESOURCE"  # create/update/withdrawResource
    CLAIM_NEED = "CLAIM_NEED"  # claimNeed, in the name of a unit
    ACCEPT_MATCH = "ACCEPT_MATCH"  # acceptMatch
    PROGRESS_TASK = "PROGRESS_TASK"  # updateTask
    COMPLETE_TASK = "COMPLETE_TASK"  # completeTask (the community rates)
    READ_AUDIT = "READ_AUDIT"
    MATCH = "MATCH"  # matchNeed, matchResource: any signed-in user
    SUBSCRIBE = "SUBSCRIBE"  # needChanged, taskChanged, meetingRecorded: events where one's scope reaches
    PLAN_MATCHES = (
        "PLAN_MATCHES"  # planMatches: the city, a street or a community, as far as one's scope reaches
    )
    # the street working committee as people, its projects, the communities' evaluations (issue #13)
    EDIT_WORKING_COMMITTEE = "EDIT_WORKING_COMMITTEE"  # add/removeWorkingCommitteeMember
    EDIT_PROJECT = "EDIT_PROJECT"  # createProject, updateProject, addProjectNote
    EVALUATE_UNIT = "EVALUATE_UNIT"  # evaluateUnit
    # ratings (issue #14 point 4): the street's property centre and the city record; the city publishes
    RATE_PROPERTY = "RATE_PROPERTY"  # recordPropertyRating, recordInspection, recordSatisfactionSurvey
    PUBLISH_RATINGS = "PUBLISH_RATINGS"  # publishPropertyRatingList
    # in-service party members (双报到), zones, service records, campaigns (issue #14, helper C)
    EDIT_PARTY_MEMBER = "EDIT_PARTY_MEMBER"  # registerPartyMember, setCommitment: the member's unit
    PAIR_UNIT = "PAIR_UNIT"  # pairUnit: a unit's paired community (结对)
    KEEP_ZONES = "KEEP_ZONES"  # assignZone, createRoadSection, recordService: in the community
    RUN_CAMPAIGN = "RUN_CAMPAIGN"  # createCampaign, addCampaignGroup, sendToCampaign, coverZone
    # reports and dispatch (智慧管家, issue #14)
    SUBMIT_REPORT = "SUBMIT_REPORT"  # submitReport
    DISPATCH_REPORT = "DISPATCH_REPORT"  # dispatchReport, reassignReport: the command centre
    HANDLE_REPORT = "HANDLE_REPORT"  # acceptReport, handleReport: the department
    RATE_REPORT = "RATE_REPORT"  # rateReport: the reporter's satisfaction
    EDIT_DISPATCH_TABLE = "EDIT_DISPATCH_TABLE"  # setDispatchRule


class Reach(StrEnum):
    """How a role's scope must relate to the target's for the role to act on it."""

    ANY = "any"  # wherever the target is
    STREET = "street"  # the target is in the principal's street
    COMMUNITY = "community"  # the target is in the principal's community
    UNIT = "unit"  # the target belongs to the principal's unit
    OWN = "own"  # the principal submitted the target (a resident's own report)


REACH_LABELS = {
    Reach.ANY: "全市",
    Reach.STREET: "本街道",
    Reach.COMMUNITY: "本社区",
    Reach.UNIT: "本单位",
    Reach.OWN: "本人上报的",
}


R = Role
# which roles may act, and how far their scope must reach; a role not listed may not act
RULES: dict[Action, dict[Role, Reach]] = {
    Action.MANAGE_NETWORK: {R.ORG_ADMIN: Reach.ANY},
    Action.EDIT_UNIT: {R.ORG_ADMIN: Reach.ANY, R.UNIT_USER: Reach.UNIT},
    Action.EDIT_COMMITTEE: {R.ORG_ADMIN: Reach.ANY, R.STREET_ADMIN: Reach.STREET},
    Action.EDIT_GRID: {
        R.ORG_ADMIN: Reach.ANY,
        R.STREET_ADMIN: Reach.STREET,
        R.COMMUNITY_ADMIN: Reach.COMMUNITY,
    },
    # a new person touches no one's scope: whoever keeps a committee or a grid may record one
    Action.CREATE_PERSON: {R.ORG_ADMIN: Reach.ANY, R.STREET_ADMIN: Reach.ANY, R.COMMUNITY_ADMIN: Reach.ANY},
    Action.RECORD_MEETING: {
        R.ORG_ADMIN: Reach.ANY,
        R.STREET_ADMIN: Reach.STREET,
        R.COMMUNITY_ADMIN: Reach.COMMUNITY,
    },
    Action.RAISE_PROBLEM: {
        R.ORG_ADMIN: Reach.ANY,
        R.STREET_ADMIN: Reach.STREET,
        R.COMMUNITY_ADMIN: Reach.COMMUNITY,
    },
    Action.EDIT_NEED: {
        R.ORG_ADMIN: Reach.ANY,
        R.STREET_ADMIN: Reach.STREET,
        R.COMMUNITY_ADMIN: Reach.COMMUNITY,
    },
    Action.EDIT_RESOURCE: {R.ORG_ADMIN: Reach.ANY, R.UNIT_USER: Reach.UNIT},
    Action.CLAIM_NEED: {R.ORG_ADMIN: Reach.ANY, R.UNIT_USER: Reach.UNIT},
    Action.ACCEPT_MATCH: {
        R.ORG_ADMIN: Reach.ANY,
        R.STREET_ADMIN: Reach.STREET,
        R.COMMUNITY_ADMIN: Reach.COMMUNITY,
    },
    Action.PROGRESS_TASK: {
        R.ORG_ADMIN: Reach.ANY,
        R.STREET_ADMIN: Reach.STREET,
        R.COMMUNITY_ADMIN: Reach.COMMUNITY,
        R.UNIT_USER: Reach.UNIT,
    },
    Action.COMPLETE_TASK: {
        R.ORG_ADMIN: Reach.ANY,
        R.STREET_ADMIN: Reach.STREET,
        R.COMMUNITY_ADMIN: Reach.COMMUNITY,
    },
    Action.READ_AUDIT: {R.ORG_ADMIN: Reach.ANY},
    Action.SUBSCRIBE: {
        R.ORG_ADMIN: Reach.ANY,
        R.VIEWER: Reach.ANY,
        R.STREET_ADMIN: Reach.STREET,
        R.COMMUNITY_ADMIN: Reach.COMMUNITY,
        R.UNIT_USER: Reach.UNIT,
    },
    Action.MATCH: {role: Reach.ANY for role in Role},
    Action.PLAN_MATCHES: {
        R.ORG_ADMIN: Reach.ANY,
        R.STREET_ADMIN: Reach.STREET,
        R.COMMUNITY_ADMIN: Reach.COMMUNITY,
    },
    Action.EDIT_WORKING_COMMITTEE: {R.ORG_ADMIN: Reach.ANY, R.STREET_ADMIN: Reach.STREET},
    Action.EDIT_PROJECT: {R.ORG_ADMIN: Reach.ANY, R.STREET_ADMIN: Reach.STREET},
    Action.EVALUATE_UNIT: {
        R.ORG_ADMIN: Reach.ANY,
        R.STREET_ADMIN: Reach.STREET,
        R.COMMUNITY_ADMIN: Reach.COMMUNITY,
    },
    # the street's property management service centre (街道物业管理服务中心) records for its street's
    # communities and compounds; the housing authority's own score and the yearly list are the city's
    Action.RATE_PROPERTY: {R.ORG_ADMIN: Reach.ANY, R.STREET_ADMIN: Reach.STREET},
    Action.PUBLISH_RATINGS: {R.ORG_ADMIN: Reach.ANY},
    Action.EDIT_PARTY_MEMBER: {R.ORG_ADMIN: Reach.ANY, R.UNIT_USER: Reach.UNIT},
    Action.PAIR_UNIT: {R.ORG_ADMIN: Reach.ANY, R.STREET_ADMIN: Reach.STREET},
    Action.KEEP_ZONES: {
        R.ORG_ADMIN: Reach.ANY,
        R.STREET_ADMIN: Reach.STREET,
        R.COMMUNITY_ADMIN: Reach.COMMUNITY,
    },
    Action.RUN_CAMPAIGN: {R.ORG_ADMIN: Reach.ANY},
    # reports and dispatch (智慧管家): the command centre is the street (or the organization department);
    # a department is a UNIT_USER of the unit the report is dispatched to
    Action.SUBMIT_REPORT: {
        R.ORG_ADMIN: Reach.ANY,
        R.STREET_ADMIN: Reach.STREET,
        R.COMMUNITY_ADMIN: Reach.COMMUNITY,
        R.GRID_WORKER: Reach.COMMUNITY,
        R.RESIDENT: Reach.ANY,
    },
    Action.DISPATCH_REPORT: {R.ORG_ADMIN: Reach.ANY, R.STREET_ADMIN: Reach.STREET},
    Action.HANDLE_REPORT: {R.ORG_ADMIN: Reach.ANY, R.UNIT_USER: Reach.UNIT},
    Action.RATE_REPORT: {
        R.ORG_ADMIN: Reach.ANY,
        R.STREET_ADMIN: Reach.STREET,
        R.GRID_WORKER: Reach.COMMUNITY,
        R.RESIDENT: Reach.OWN,
    },
    Action.EDIT_DISPATCH_TABLE: {R.ORG_ADMIN: Reach.ANY},
}


def allowed(p: Principal, action: Action, target: Scope) -> bool:
    if p.role is None:
        return False
    match RULES[action].get(p.role):
        case Reach.ANY:
            return True
        case Reach.STREET:
            return p.street_id is not None and p.street_id == target.street_id
        case Reach.COMMUNITY:
            return p.community_id is not None and p.community_id == target.community_id
        case Reach.UNIT:
            return p.unit_id is not None and p.unit_id == target.unit_id
        case Reach.OWN:
            return target.owner is not None and p.subject == target.owner
        case None:
            return False


def require(p: Principal, action: Action, target: Scope) -> None:
    if p.role is None:
        raise Unauthenticated("需要登录:请在 Authorization 头中提供有效的 Bearer 令牌")
    if not allowed(p, action, target):
        raise Forbidden(f"权限不足:{ROLE_LABELS[p.role]}不能对该对象执行此操作")


# roles that see no one's personal data but the reports they submitted (domain.reports.sees_reporter)
REPORTERS = (Role.GRID_WORKER, Role.RESIDENT)


def sees_personal_data(p: Principal, public: bool) -> bool:
    return public or (p.role is not None and p.role is not Role.VIEWER and p.role not in REPORTERS)
