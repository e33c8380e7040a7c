"""In-service party members (在职党员进社区): 双报到, 三亮, responsibility zones (包保), service records and
points, and the campaigns (战役/集中行动) to which units send members, with their temporary party
branches (临时党支部) and commando teams (党员突击队) covering compounds and road sections in shifts.

- A party member is a Person with (:Person)-[:PARTY_MEMBER_OF {since}]->(:Unit): the unit whose party
  organisation holds them. One unit per member.
- 双报到: the member reports to the compound where they live ((:Person)-[:REPORTED_TO {on}]->(:Compound))
  and to the community the unit is paired with (结对, (:Unit)-[:PAIRED_WITH {since}]->(:Community)),
  (:Person)-[:REPORTED_TO {on}]->(:Community). A member is *registered* when both reports are made; a
  unit's reporting rate is registered / members.
- 三亮 (亮身份、亮职责、亮承诺): one commitment per member and year: the duty they show and their promise.
- 包保: a member or a unit keeps a zone, a compound or a road section, in the zone's community.
- Service records: date, hours, activity, community; points by the rule `points()`.

Pure: the entities, commands and rules; orggraph.graph reads and writes, orggraph.services decides.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from orggraph.domain.commands import new_id
from orggraph.domain.errors import BadInput
from orggraph.domain.text import clean_id, clean_text

FIRST_YEAR = 2000
# Service points (积分): one point per hour of service, at most POINTS_CAP_PER_RECORD for one record (a
# long day counts as a half day's work at most), rounded to half points.
POINTS_PER_HOUR = 1.0
POINTS_CAP_PER_RECORD = 4.0
MAX_HOURS = 12.0  # one record is one day's service
MAX_LIST = 200  # partyMembers answers at most this many
MAX_SENT = 500  # sendToCampaign: people at a time
MAX_COVERED = 200  # coverZone: zones at a time


def points(hours: float) -> float:
    """The points of one service record: 1 per hour, capped at 4, in half points."""
    return min(POINTS_CAP_PER_RECORD, round(hours * POINTS_PER_HOUR * 2) / 2)


class GroupKind(StrEnum):
    """A campaign's working group."""

    TEMPORARY_BRANCH = "TEMPORARY_BRANCH"  # 临时党支部
    COMMANDO_TEAM = "COMMANDO_TEAM"  # 党员突击队


GROUP_KIND_LABELS = {GroupKind.TEMPORARY_BRANCH: "临时党支部", GroupKind.COMMANDO_TEAM: "党员突击队"}


class ZoneKind(StrEnum):
    COMPOUND = "COMPOUND"  # 小区
    ROAD_SECTION = "ROAD_SECTION"  # 路段路口


ZONE_KIND_LABELS = {ZoneKind.COMPOUND: "小区", ZoneKind.ROAD_SECTION: "路段路口"}


# ------------------------------------------------------------------ entities


@dataclass(frozen=True)
class PartyMember:
    """A party member with their unit and their two reports (None: not reported there)."""

    id: str
    name: str
    unit_id: str
    since: date | None
    compound_id: str | None = None
    compound_reported_on: date | None = None
    community_id: str | None = None
    community_reported_on: date | None = None

    @property
    def registered(self) -> bool:
        """双报到 done: reported both to the home compound and to the paired community."""
        return self.compound_id is not None and self.community_id is not None


@dataclass(frozen=True)
class MemberStats:
    members: int
    reported_to_compound: int
    reported_to_community: int
    registered: int

    @property
    def rate(self) -> float | None:
        """Registered members / members, 4 decimals; None for a unit without members in the graph."""
        return round(self.registered / self.members, 4) if self.members else None


@dataclass(frozen=True)
class Commitment:
    person_id: str
    year: int
    duty: str
    promise: str


@dataclass(frozen=True)
class RoadSection:
    id: str
    name: str
    community_id: str | None
    source: str = ""


@dataclass(frozen=True)
class Zone:
    """包保: who keeps which zone; keeper_kind 'Person' or 'Unit', zone_kind a ZoneKind."""

    keeper_kind: str
    keeper_id: str
    keeper_name: str
    zone_kind: ZoneKind
    zone_id: str
    zone_name: str
    duty: str
    since: date | None


@dataclass(frozen=True)
class ServiceRecord:
    id: str
    person_id: str
    community_id: str | None
    on: date
    hours: float
    activity: str
    points: float


@dataclass(frozen=True)
class ServiceTotals:
    records: int
    hours: float
    points: float


@dataclass(frozen=True)
class Campaign:
    id: str
    name: str
    kind: str
    started_on: date
    ended_on: date | None
    source: str = ""


@dataclass(frozen=True)
class CampaignFigures:
    units: int
    members: int
    branches: int
    teams: int
    compounds: int
    road_sections: int


@dataclass(frozen=True)
class CampaignGroup:
    id: str
    campaign_id: str
    kind: GroupKind
    name: str
    community_id: str | None
    members: int
    compounds: int
    road_sections: int


# ------------------------------------------------------------------ commands


def _not_after(value: date, today: date, field: str) -> date:
    if value > today:
        raise BadInput(f"{field}: 日期不能晚于今天", field=field)
    if value.year < FIRST_YEAR:
        raise BadInput(f"{field}: 日期不能早于 {FIRST_YEAR} 年", field=field)
    return value


def _opt_id(value: str | None, field: str) -> str | None:
    return clean_id(value, field) if value is not None and value.strip() else None


def _ids(values: tuple[str, ...], field: str, cap: int) -> tuple[str, ...]:
    if len(values) > cap:
        raise BadInput(f"{field}: 一次最多 {cap} 个", field=field)
    return tuple(dict.fromkeys(clean_id(v, field) for v in values))


@dataclass(frozen=True)
class RegisterPartyMember:
    """registerPartyMember: the unit registers its member (created with `person_name` when new) and the
    member's reports: to `compound_id` (where they live) and to `community_id` (the unit's paired
    community; the only one when the unit has one pairing and none is given)."""

    unit_id: str
    person_id: str
    person_name: str | None = None
    since: date | None = None
    compound_id: str | None = None
    community_id: str | None = None
    reported_on: date | None = None

    def checked(self, today: date) -> RegisterPartyMember:
        return replace(
            self,
            unit_id=clean_id(self.unit_id, "unitId"),
            person_id=clean_id(self.person_id, "personId"),
            person_name=clean_text(self.person_name, "personName", max_len=40) if self.person_name else None,
            since=_not_after(self.since, today, "since") if self.since else None,
            compound_id=_opt_id(self.compound_id, "compoundId"),
            community_id=_opt_id(self.community_id, "communityId"),
            reported_on=_not_after(self.reported_on or today, today, "reportedOn"),
        )


@dataclass(frozen=True)
class PairUnit:
    unit_id: str
    community_id: str
    since: date | None = None

    def checked(self, today: date) -> PairUnit:
        return replace(
            self,
            unit_id=clean_id(self.unit_id, "unitId"),
            community_id=clean_id(self.community_id, "communityId"),
            since=_not_after(self.since or today, today, "since"),
        )


@dataclass(frozen=True)
class SetCommitment:
    person_id: str
    year: int
    duty: str
    promise: str

    def checked(self, today: date) -> SetCommitment:
        if not FIRST_YEAR <= self.year <= today.year + 1:
            raise BadInput(f"year: 年度应在 {FIRST_YEAR} 到 {today.year + 1} 之间", field="year")
        return replace(
            self,
            person_id=clean_id(self.person_id, "personId"),
            duty=clean_text(self.duty, "duty", max_len=200),
            promise=clean_text(self.promise, "promise", max_len=500),
        )


@dataclass(frozen=True)
class AssignZone:
    """assignZone: a member (personId) or a unit (unitId) keeps a compound or a road section of the
    community; exactly one keeper and one zone."""

    community_id: str
    duty: str
    person_id: str | None = None
    unit_id: str | None = None
    compound_id: str | None = None
    road_section_id: str | None = None
    since: date | None = None

    def checked(self, today: date) -> AssignZone:
        person, unit = _opt_id(self.person_id, "personId"), _opt_id(self.unit_id, "unitId")
        compound, road = (
            _opt_id(self.compound_id, "compoundId"),
            _opt_id(self.road_section_id, "roadSectionId"),
        )
        if (person is None) == (unit is None):
            raise BadInput(
                "personId: 包保人须是一名党员或一个单位(personId 与 unitId 填且只填一个)", field="personId"
            )
        if (compound is None) == (road is None):
            raise BadInput(
                "compoundId: 责任区须是一个小区或一个路段(compoundId 与 roadSectionId 填且只填一个)",
                field="compoundId",
            )
        return replace(
            self,
            community_id=clean_id(self.community_id, "communityId"),
            duty=clean_text(self.duty, "duty", max_len=200),
            person_id=person,
            unit_id=unit,
            compound_id=compound,
            road_section_id=road,
            since=_not_after(self.since or today, today, "since"),
        )

    @property
    def keeper_id(self) -> str:
        return self.person_id or self.unit_id or ""

    @property
    def zone_id(self) -> str:
        return self.compound_id or self.road_section_id or ""


@dataclass(frozen=True)
class RecordService:
    person_id: str
    community_id: str
    on: date
    hours: float
    activity: str
    id: str | None = None  # given by the caller for an idempotent retry; made when missing

    def checked(self, today: date) -> RecordService:
        if not 0 < self.hours <= MAX_HOURS or (self.hours * 2) != int(self.hours * 2):
            raise BadInput(f"hours: 时长应为 0.5 到 {MAX_HOURS:g} 小时,以半小时计", field="hours")
        return replace(
            self,
            id=clean_id(self.id, "id") if self.id else new_id("svc"),
            person_id=clean_id(self.person_id, "personId"),
            community_id=clean_id(self.community_id, "communityId"),
            on=_not_after(self.on, today, "on"),
            activity=clean_text(self.activity, "activity", max_len=200),
        )

    @property
    def points(self) -> float:
        return points(self.hours)


@dataclass(frozen=True)
class NewRoadSection:
    community_id: str
    name: str
    id: str | None = None

    def checked(self) -> NewRoadSection:
        return replace(
            self,
            id=clean_id(self.id, "id") if self.id else new_id("road"),
            community_id=clean_id(self.community_id, "communityId"),
            name=clean_text(self.name, "name", max_len=60),
        )


@dataclass(frozen=True)
class NewCampaign:
    name: str
    kind: str
    started_on: date
    ended_on: date | None = None
    id: str | None = None

    def checked(self, today: date) -> NewCampaign:
        started = _not_after(self.started_on, today, "startedOn")
        if self.ended_on is not None and self.ended_on < started:
            raise BadInput("endedOn: 结束日期不能早于开始日期", field="endedOn")
        return replace(
            self,
            id=clean_id(self.id, "id") if self.id else new_id("campaign"),
            name=clean_text(self.name, "name", max_len=60),
            kind=clean_text(self.kind, "kind", max_len=30),
            started_on=started,
        )


@dataclass(frozen=True)
class NewCampaignGroup:
    campaign_id: str
    kind: GroupKind
    name: str
    community_id: str | None = None
    id: str | None = None

    def checked(self) -> NewCampaignGroup:
        return replace(
            self,
            id=clean_id(self.id, "id") if self.id else new_id("group"),
            campaign_id=clean_id(self.campaign_id, "campaignId"),
            name=clean_text(self.name, "name", max_len=60),
            community_id=_opt_id(self.community_id, "communityId"),
        )


@dataclass(frozen=True)
class SendToCampaign:
    """sendToCampaign: the unit sends (下沉) these members of its own, into a group of the campaign
    when `group_id` is given."""

    campaign_id: str
    unit_id: str
    person_ids: tuple[str, ...]
    group_id: str | None = None

    def checked(self) -> SendToCampaign:
        return replace(
            self,
            campaign_id=clean_id(self.campaign_id, "campaignId"),
            unit_id=clean_id(self.unit_id, "unitId"),
            person_ids=_ids(self.person_ids, "personIds", MAX_SENT),
            group_id=_opt_id(self.group_id, "groupId"),
        )


@dataclass(frozen=True)
class CoverZone:
    group_id: str
    shift: str
    compound_ids: tuple[str, ...] = ()
    road_section_ids: tuple[str, ...] = ()

    def checked(self) -> CoverZone:
        compounds = _ids(self.compound_ids, "compoundIds", MAX_COVERED)
        roads = _ids(self.road_section_ids, "roadSectionIds", MAX_COVERED)
        if not compounds and not roads:
            raise BadInput("compoundIds: 至少包保一个小区或路段", field="compoundIds")
        return replace(
            self,
            group_id=clean_id(self.group_id, "groupId"),
            shift=clean_text(self.shift, "shift", max_len=30),
            compound_ids=compounds,
            road_section_ids=roads,
        )


# ------------------------------------------------------------------ rules


def paired_community(requested: str | None, paired: tuple[str, ...]) -> str | None:
    """The community a member reports to for the unit: the requested one, which must be one the unit is
    paired with; else the unit's only pairing; None when the unit has none or several (the caller must
    say). Raises BadInput naming communityId when the requested community is not paired."""
    if requested is not None:
        if requested not in paired:
            raise BadInput(
                f"communityId: 该单位未与社区 {requested} 结对(先用 pairUnit 结对)", field="communityId"
            )
        return requested
    return paired[0] if len(paired) == 1 else None


def figures_text(f: CampaignFigures) -> str:
    return (
        f"{f.units} 个单位 {f.members} 名党员下沉,{f.branches} 个临时党支部,{f.teams} 支党员突击队,"
        f"包保 {f.compounds} 个小区、{f.road_sections} 个路段路口"
    )
