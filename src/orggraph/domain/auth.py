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


ROLE_LABELS = {
    Role.ORG_ADMIN: "市委组织部",
    Role.STREET_ADMIN: "街道管理员",
    Role.COMMUNITY_ADMIN: "社区管理员",
    Role.UNIT_USER: "成员单位用户",
    Role.VIEWER: "只读用户",
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


class Action(StrEnum):
    MANAGE_NETWORK = "MANAGE_NETWORK"  # createUnit, setContactLeader
    EDIT_UNIT = "EDIT_UNIT"  # updateUnit
    EDIT_COMMITTEE = "EDIT_COMMITTEE"  # add/removeCommitteeMember
    RECORD_MEETING = "RECORD_MEETING"  # recordJointMeeting
    EDIT_NEED = "EDIT_NEED"  # createNeed, updateNeed, advanceNeed
    EDIT_RESOURCE = "EDIT_RESOURCE"  # create/update/withdrawResource
    CLAIM_NEED = "CLAIM_NEED"  # claimNeed, in the name of a unit
    ACCEPT_MATCH = "ACCEPT_MATCH"  # acceptMatch
    PROGRESS_TASK = "PROGRESS_TASK"  # updateTask
    COMPLETE_TASK = "COMPLETE_TASK"  # completeTask (the community rates)
    READ_AUDIT = "READ_AUDIT"


R = Role
# which roles may act, and how their scope must relate to the target's
RULES: dict[Action, dict[Role, str]] = {
    Action.MANAGE_NETWORK: {R.ORG_ADMIN: "any"},
    Action.EDIT_UNIT: {R.ORG_ADMIN: "any", R.UNIT_USER: "unit"},
    Action.EDIT_COMMITTEE: {R.ORG_ADMIN: "any", R.STREET_ADMIN: "street"},
    Action.RECORD_MEETING: {R.ORG_ADMIN: "any", R.STREET_ADMIN: "street", R.COMMUNITY_ADMIN: "community"},
    Action.EDIT_NEED: {R.ORG_ADMIN: "any", R.STREET_ADMIN: "street", R.COMMUNITY_ADMIN: "community"},
    Action.EDIT_RESOURCE: {R.ORG_ADMIN: "any", R.UNIT_USER: "unit"},
    Action.CLAIM_NEED: {R.ORG_ADMIN: "any", R.UNIT_USER: "unit"},
    Action.ACCEPT_MATCH: {R.ORG_ADMIN: "any", R.STREET_ADMIN: "street", R.COMMUNITY_ADMIN: "community"},
    Action.PROGRESS_TASK: {
        R.ORG_ADMIN: "any",
        R.STREET_ADMIN: "street",
        R.COMMUNITY_ADMIN: "community",
        R.UNIT_USER: "unit",
    },
    Action.COMPLETE_TASK: {R.ORG_ADMIN: "any", R.STREET_ADMIN: "street", R.COMMUNITY_ADMIN: "community"},
    Action.READ_AUDIT: {R.ORG_ADMIN: "any"},
}


def allowed(p: Principal, action: Action, target: Scope) -> bool:
    if p.role is None:
        return False
    need = RULES[action].get(p.role)
    if need == "any":
        return True
    if need == "street":
        return p.street_id is not None and p.street_id == target.street_id
    if need == "community":
        return p.community_id is not None and p.community_id == target.community_id
    if need == "unit":
        return p.unit_id is not None and p.unit_id == target.unit_id
    return False


def require(p: Principal, action: Action, target: Scope) -> None:
    if not p.authenticated:
        raise Unauthenticated("需要登录:请在 Authorization 头中提供有效的 Bearer 令牌")
    if not allowed(p, action, target):
        raise Forbidden(f"权限不足:{ROLE_LABELS[p.role]}不能对该对象执行此操作")  # type: ignore[index]


def sees_personal_data(p: Principal, public: bool) -> bool:
    return public or (p.role is not None and p.role is not Role.VIEWER)
