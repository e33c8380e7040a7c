"""Import: a spreadsheet of needs, resources, units or committee memberships into the graph, through the
same use cases as the GraphQL mutations (services.*: their authorization, checks, rules and audit records),
all of it in one write transaction.

1. The file is read (transfer.reading: hostile files refused) and every cell parsed (transfer.columns). A bad
   cell anywhere: the report names each (row, column, value, reason) and nothing is read from the graph.
2. One write transaction runs each row's use case (services.library / services.network) on the graph of that
   transaction (graph.runner.InTransaction). A row is keyed by its 编号 (a need's or a resource's clientId or
   id, a unit's id; a membership by its community and unit): a new key creates, a known key whose values
   differ updates the fields that differ, a known key with the same values changes nothing. A refusal (a
   rule, a scope the caller may not touch, a record that cannot change any more) is reported for its row and
   the next rows are still tried, so that one report lists every problem; at the end any problem, or a dry
   run, rolls the transaction back: nothing is written. Otherwise it commits with one audit record of the
   import besides each row's own.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal

from neo4j import AsyncManagedTransaction, unit_of_work
from neo4j.exceptions import ClientError
from openpyxl.comments import Comment

from orggraph.domain import entities as e
from orggraph.domain.auth import Action
from orggraph.domain.commands import (
    NeedChanges,
    NewMember,
    NewNeed,
    NewProblem,
    NewResource,
    NewUnit,
    ResourceChanges,
    UnitChanges,
)
from orggraph.domain.errors import DomainError
from orggraph.domain.glossary import Term
from orggraph.domain.model import (
    PROBLEM_SOURCE_LABELS,
    SEAT_LABELS,
    SEAT_OF_KIND,
    SERVICE_AREA_LABELS,
    UNIT_KIND_LABELS,
    URGENCY_LABELS,
    Label,
    ProblemSource,
    Seat,
    ServiceArea,
    UnitKind,
    Urgency,
)
from orggraph.domain.reports import REPORTER_ROLE_LABELS, NewReport, ReporterRole
from orggraph.domain.taxonomy import (
    DOMAIN_LABELS,
    POPULATION_LABELS,
    SUPPORT_TYPE_LABELS,
    Domain,
    Population,
    SupportType,
)
from orggraph.graph import bookmarks, mapping, transfer_reads
from orggraph.graph.runner import Graph, InTransaction
from orggraph.services import governance, library, network, reports
from orggraph.services.caller import Authorizations, Caller
from orggraph.transfer import reading
from orggraph.transfer.columns import SHEET_TZ, CellError, Spec, enum_labels, term
from orggraph.transfer.reading import Cell, Formula, Sheet
from orggraph.transfer.sheets import BAD_CELL_FILL, Column, Table, Value, template, to_bytes, workbook

CREATE_BATCH = 500  # new records sent to the database together (one statement each batch)
IMPORT_TIMEOUT_S = 600.0  # one transaction for the whole file: 100,000 rows take minutes
Action_ = Literal["create", "update", "unchanged"]
Progress = Callable[[int, int], None]  # (rows done, rows in all)


@dataclass(frozen=True)
class Problem:
    """What is wrong with a row: the column (its header; None for the row as a whole), the value as given,
    and why, in Chinese."""

    row: int
    column: str | None
    value: str | None
    message: str
    code: str = "BAD_USER_INPUT"  # or the refusing use case's: FORBIDDEN, NOT_FOUND, CONFLICT


@dataclass(frozen=True)
class Create:
    """A row that creates a record: its command, sent with the next rows' (Kind.create_many)."""

    cmd: Any


@dataclass(frozen=True)
class Outcome:
    row: int
    key: str
    action: Action_
    changed: tuple[str, ...] = ()  # the headers of the fields an update changes


@dataclass
class ImportResult:
    kind: str
    label: str
    file: str
    dry_run: bool
    rows: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    written: bool = False
    sheet: Sheet | None = None  # what was read (for the error report with the bad cells marked)

    def count(self, action: Action_) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    @property
    def summary(self) -> str:
        if self.problems:
            return f"{len(self.problems)} 处问题,未写入任何数据"
        verb = "将" if self.dry_run else "已"
        return (
            f"共 {self.rows} 行:{verb}新增 {self.count('create')} 条,{verb}更新 {self.count('update')} 条,"
            f"{self.count('unchanged')} 条无变化" + (";预演,未写入" if self.dry_run else "")
        )


class _Rollback(Exception):
    """Leaves the import's transaction without committing (a problem found, or a dry run)."""


# ------------------------------------------------------------------ what every kind shares


@dataclass
class Places:
    """Communities and units by id and by name, for the cells that name them either way."""

    communities: dict[str, str]  # id or name -> id (a name two communities share maps to "")
    committees: dict[str, str]  # community id -> its big party committee's id
    units: dict[str, str]
    unit_kinds: dict[str, UnitKind]

    def community(self, text: str, header: str) -> str:
        return _resolve(self.communities, text, header, "社区")

    def unit(self, text: str, header: str) -> str:
        return _resolve(self.units, text, header, "单位")


def _resolve(known: dict[str, str], text: str, header: str, what: str) -> str:
    found = known.get(text)
    if found is None:
        raise _CellRefused(header, f"没有名称或编号为「{text}」的{what}")
    if found == "":
        raise _CellRefused(header, f"有多个名为「{text}」的{what},请填写{what}编号")
    return found


class _CellRefused(DomainError):
    code = "BAD_USER_INPUT"

    def __init__(self, header: str, message: str) -> None:
        super().__init__(message)
        self.header = header


def _by_name_or_id(rows: Sequence[Any]) -> dict[str, str]:
    """id or name -> id; a name two records share -> "" (ambiguous); an id always wins over a name."""
    names: dict[str, str] = {}
    for r in rows:
        names[r["name"]] = r["id"] if names.get(r["name"], r["id"]) == r["id"] else ""
    return names | {r["id"]: r["id"] for r in rows}


async def _places(graph: Graph) -> Places:
    communities = await graph.read(transfer_reads.COMMUNITIES)
    units = await graph.read(transfer_reads.UNITS)
    return Places(
        _by_name_or_id(communities),
        {r["id"]: r["committeeId"] for r in communities if r["committeeId"]},
        _by_name_or_id(units),
        {r["id"]: UnitKind(r["kind"]) for r in units},
    )


def present(fields: dict[str, Any]) -> dict[str, Any]:
    """A node's fields read by projection as its properties() would be: without the ones it lacks."""
    return {k: v for k, v in fields.items() if v is not None}


KEY = Term("编号", rule="本表内唯一;同一编号再次导入即更新该条,内容相同则不变")


class Kind:
    """An importable kind: its columns, and how a row becomes a use case's call."""

    name: str
    label: str
    specs: tuple[Spec, ...]

    def key(self, values: dict[str, Any]) -> str:
        return str(values["ref"])

    async def prepare(self, graph: Graph, keys: list[str]) -> Any:
        """What the rows need from the graph, read once inside the import's transaction."""
        raise NotImplementedError

    async def apply(
        self, graph: Graph, allowed: Authorizations, row: int, values: dict[str, Any], ctx: Any
    ) -> Outcome | Create:
        """The row's outcome, its use case called; or, for a kind that creates in batches, the command of a
        new record, which create_many then sends with others."""
        raise NotImplementedError

    async def create_many(self, graph: Graph, caller: Caller, cmds: list[Any]) -> list[Any]:
        """The batch form of the kind's create use case: each command's result, or the DomainError that refused
        it (nothing written for it)."""
        raise NotImplementedError

    def header_of(self, api_field: str | None) -> str | None:
        for spec in self.specs:
            if spec.api == api_field:
                return spec.title
        return None

    def changed(
        self, values: dict[str, Any], current: dict[str, Any], attrs: Sequence[str]
    ) -> dict[str, Any]:
        """The attributes whose cell differs from the record (an empty optional cell and an empty value agree)."""
        out: dict[str, Any] = {}
        for attr in attrs:
            new, old = values.get(attr), current.get(attr)
            if new is None and old in (None, ""):
                continue
            if isinstance(new, float) and isinstance(old, float) and abs(new - old) < 1e-9:
                continue
            if new != old:
                out[attr] = new
        return out

    def headers_of(self, attrs: Sequence[str]) -> tuple[str, ...]:
        by_attr = {s.attr: s.title for s in self.specs}
        return tuple(by_attr[a] for a in attrs)


# ------------------------------------------------------------------ needs


NEED_ATTRS = (
    "title", "description", "support_types", "domain", "populations", "quantity", "quantity_unit", "needed_by",
    "urgency", "source",
)  # fmt: skip


class Needs(Kind):
    name = "needs"
    label = "社区需求"
    specs = (
        Spec("ref", "clientId", KEY.but(rule=KEY.rule + ";新需求以它为幂等键(clientId);导出的表中为需求编号"),
             required=True, example="2026Q4-001", width=14),
        Spec("community", "communityId", Term("社区", rule="社区名称或社区编号"), required=True, example="曙光社区"),
        Spec("title", "title", term("Need", "title"), required=True, example="老年食堂送餐志愿者", width=24),
        Spec("description", "description", term("Need", "description"), example="工作日午间为独居老人送餐", width=30),
        Spec("support_types", "supportTypes", term("Need", "supportTypes"), "enums", True,
             enum_labels(SupportType, SUPPORT_TYPE_LABELS), example="志愿人力"),
        Spec("domain", "domain", term("Need", "domain"), "enum", True, enum_labels(Domain, DOMAIN_LABELS),
             example="养老助老"),
        Spec("populations", "populations", term("Need", "populations"), "enums", True,
             enum_labels(Population, POPULATION_LABELS), example="老年人"),
        Spec("quantity", "quantity", term("Need", "quantity"), "float", True, example=20, width=10),
        Spec("quantity_unit", "quantityUnit", term("Need", "quantityUnit"), required=True, example="人次", width=10),
        Spec("needed_by", "neededBy", term("Need", "neededBy"), "date", True, example=date(2026, 12, 31)),
        Spec("urgency", "urgency", term("Need", "urgency"), "enum", labels=enum_labels(Urgency, URGENCY_LABELS),
             note="不填为一般", example=URGENCY_LABELS[Urgency.NORMAL]),
        Spec("source", "source", term("Need", "source"), example="居民反映"),
    )  # fmt: skip

    async def create_many(self, graph: Graph, caller: Caller, cmds: list[Any]) -> list[Any]:
        return await library.create_needs(graph, caller, cmds, answered=False)

    async def prepare(self, graph: Graph, keys: list[str]) -> tuple[Places, dict[str, tuple[e.Need, str]]]:
        (record,) = await graph.read(transfer_reads.NEEDS_BY_KEY, keys=keys)
        existing = {r["ref"]: (mapping.need(present(r["node"])), r["communityId"]) for r in record["found"]}
        return await _places(graph), existing

    async def apply(
        self, graph: Graph, allowed: Authorizations, row: int, values: dict[str, Any], ctx: Any
    ) -> Outcome | Create:
        places, existing = ctx
        key = self.key(values)
        community = places.community(values["community"], "社区")
        found = existing.get(key)
        if found is None:
            return Create(
                NewNeed(
                    community_id=community,
                    title=values["title"],
                    support_types=values["support_types"],
                    domain=values["domain"],
                    populations=values["populations"],
                    quantity=values["quantity"],
                    quantity_unit=values["quantity_unit"],
                    needed_by=values["needed_by"],
                    description=values["description"] or "",
                    urgency=values["urgency"] or Urgency.NORMAL,
                    source=values["source"],
                    client_id=key,
                ),
            )
        need, owner = found
        if owner != community:
            raise _CellRefused("社区", "需求登记后不能改到别的社区")
        current = {**vars(need), "source": need.origin}
        given = {
            **values,
            "urgency": values["urgency"] or Urgency.NORMAL,
            "description": values["description"] or "",
        }
        changes = self.changed(given, current, NEED_ATTRS)
        if not changes:
            # may the caller see it: the need's scope is its community's (checked above), read once per community
            await allowed.check(Action.EDIT_NEED, Label.Community, community)
            return Outcome(row, key, "unchanged")
        await library.update_need(graph, allowed.caller, NeedChanges(id=need.id, **changes))
        return Outcome(row, key, "update", self.headers_of(list(changes)))


# ------------------------------------------------------------------ resources


RESOURCE_ATTRS = (
    "title", "description", "domains", "populations", "capacity", "capacity_unit", "available_from",
    "available_until", "service_area",
)  # fmt: skip


class Resources(Kind):
    name = "resources"
    label = "成员单位资源"
    specs = (
        Spec("ref", "clientId", KEY.but(rule=KEY.rule + ";新资源以它为幂等键(clientId);导出的表中为资源编号"),
             required=True, example="R-2026-001", width=14),
        Spec("unit", "unitId", Term("单位", rule="成员单位名称或单位编号"), required=True, example="天长市人民医院",
             width=22),
        Spec("title", "title", term("Resource", "title"), required=True, example="义诊进社区", width=24),
        Spec("description", "description", term("Resource", "description"), example="每月一次", width=30),
        Spec("support_type", "supportType", term("Resource", "supportType"), "enum", True,
             enum_labels(SupportType, SUPPORT_TYPE_LABELS), example="专业服务"),
        Spec("domains", "domains", term("Resource", "domains"), "enums", True, enum_labels(Domain, DOMAIN_LABELS),
             example="医疗健康"),
        Spec("populations", "populations", term("Resource", "populations"), "enums", True,
             enum_labels(Population, POPULATION_LABELS), example="老年人、残疾人"),
        Spec("capacity", "capacity", term("Resource", "capacity"), "float", True, example=12, width=10),
        Spec("capacity_unit", "capacityUnit", term("Resource", "capacityUnit"), required=True, example="场",
             width=10),
        Spec("available_from", "availableFrom", term("Resource", "availableFrom"), "date", True,
             example=date(2026, 1, 1)),
        Spec("available_until", "availableUntil", term("Resource", "availableUntil"), "date", True,
             example=date(2026, 12, 31)),
        Spec("service_area", "serviceArea", term("Resource", "serviceArea"), "enum", True,
             enum_labels(ServiceArea, SERVICE_AREA_LABELS), example=SERVICE_AREA_LABELS[ServiceArea.STREET]),
    )  # fmt: skip

    async def create_many(self, graph: Graph, caller: Caller, cmds: list[Any]) -> list[Any]:
        return await library.create_resources(graph, caller, cmds, answered=False)

    async def prepare(
        self, graph: Graph, keys: list[str]
    ) -> tuple[Places, dict[str, tuple[e.Resource, str]]]:
        (record,) = await graph.read(transfer_reads.RESOURCES_BY_KEY, keys=keys)
        existing = {r["ref"]: (mapping.resource(present(r["node"])), r["unitId"]) for r in record["found"]}
        return await _places(graph), existing

    async def apply(
        self, graph: Graph, allowed: Authorizations, row: int, values: dict[str, Any], ctx: Any
    ) -> Outcome | Create:
        places, existing = ctx
        key = self.key(values)
        unit = places.unit(values["unit"], "单位")
        found = existing.get(key)
        if found is None:
            return Create(
                NewResource(
                    unit_id=unit,
                    title=values["title"],
                    support_type=values["support_type"],
                    domains=values["domains"],
                    populations=values["populations"],
                    capacity=values["capacity"],
                    capacity_unit=values["capacity_unit"],
                    available_from=values["available_from"],
                    available_until=values["available_until"],
                    service_area=values["service_area"],
                    description=values["description"] or "",
                    client_id=key,
                ),
            )
        resource, owner = found
        if owner != unit:
            raise _CellRefused("单位", "资源登记后不能改到别的单位")
        if values["support_type"] != resource.support_type:
            raise _CellRefused(self.header_of("supportType") or "", "资源的支持类型登记后不能修改")
        given = {**values, "description": values["description"] or ""}
        changes = self.changed(given, vars(resource), RESOURCE_ATTRS)
        if not changes:
            await allowed.check(Action.EDIT_RESOURCE, Label.Unit, unit)  # the resource's scope is its unit's
            return Outcome(row, key, "unchanged")
        await library.update_resource(graph, allowed.caller, ResourceChanges(id=resource.id, **changes))
        return Outcome(row, key, "update", self.headers_of(list(changes)))


# ------------------------------------------------------------------ units


class Units(Kind):
    name = "units"
    label = "成员单位"
    specs = (
        Spec("ref", "id", KEY.but(rule=KEY.rule + ";即单位编号:英文字母、数字或 - _ .,最多 80 字"), required=True,
             example="unit-demo-001", width=18),
        Spec("name", "name", term("Unit", "name"), required=True, example="天长市示例科技有限公司", width=28),
        Spec("kind", "kind", term("Unit", "kind"), "enum", True, enum_labels(UnitKind, UNIT_KIND_LABELS),
             example=UNIT_KIND_LABELS[UnitKind.PRIVATE_ENTERPRISE]),
        Spec("party_members", "partyMembers", term("Unit", "partyMembers"), "int", note="不填为 0", example=12,
             width=10),
    )  # fmt: skip

    async def prepare(self, graph: Graph, keys: list[str]) -> dict[str, e.Unit]:
        return {
            r["ref"]: mapping.unit(r["node"])
            for r in await graph.read(transfer_reads.UNITS_BY_KEY, keys=keys)
        }

    async def apply(
        self, graph: Graph, allowed: Authorizations, row: int, values: dict[str, Any], ctx: Any
    ) -> Outcome | Create:
        key = self.key(values)
        found: e.Unit | None = ctx.get(key)
        members = values["party_members"] or 0
        if found is None:
            await network.create_unit(
                graph, allowed.caller, NewUnit(values["name"], values["kind"], members, id=key)
            )
            return Outcome(row, key, "create")
        changes = self.changed(
            {**values, "party_members": members}, vars(found), ("name", "kind", "party_members")
        )
        if not changes:
            await allowed.check(Action.EDIT_UNIT, Label.Unit, found.id)
            return Outcome(row, key, "unchanged")
        await network.update_unit(graph, allowed.caller, UnitChanges(id=found.id, **changes))
        return Outcome(row, key, "update", self.headers_of(list(changes)))


# ------------------------------------------------------------------ committee memberships


class Memberships(Kind):
    name = "memberships"
    label = "大党委成员单位"
    specs = (
        Spec("community", "committeeId", Term("社区", rule="社区名称或社区编号:成员单位加入该社区的大党委"),
             required=True, example="曙光社区"),
        Spec("unit", "unitId", Term("单位", rule="成员单位名称或单位编号"), required=True, example="天长市人民医院",
             width=24),
        Spec("seat", "seat", term("Membership", "seat"), "enum", labels=enum_labels(Seat, SEAT_LABELS),
             note="不填则按单位类型", example=SEAT_LABELS[Seat.X], width=20),
        Spec("since", "since", term("Membership", "since"), "date", example=date(2026, 1, 1)),
    )  # fmt: skip

    def key(self, values: dict[str, Any]) -> str:
        return f"{values['community']} / {values['unit']}"

    async def prepare(self, graph: Graph, keys: list[str]) -> tuple[Places, dict[tuple[str, str], Seat]]:
        current = {
            (r["committeeId"], r["unitId"]): Seat(r["seat"])
            for r in await graph.read(transfer_reads.MEMBERSHIPS)
        }
        return await _places(graph), current

    async def apply(
        self, graph: Graph, allowed: Authorizations, row: int, values: dict[str, Any], ctx: Any
    ) -> Outcome | Create:
        places, current = ctx
        community = places.community(values["community"], "社区")
        unit = places.unit(values["unit"], "单位")
        committee = places.committees.get(community)
        if committee is None:
            raise _CellRefused("社区", "该社区还没有大党委")
        seat = values["seat"] or SEAT_OF_KIND[places.unit_kinds[unit]]
        key = self.key(values)
        held = current.get((committee, unit))
        if held is not None:
            if held != seat:
                raise _CellRefused(
                    self.header_of("seat") or "", f"该单位在此大党委的席位是{SEAT_LABELS[held]}"
                )
            await allowed.check(Action.EDIT_COMMITTEE, Label.CommunityCommittee, committee)
            return Outcome(row, key, "unchanged")
        await network.add_committee_member(
            graph, allowed.caller, NewMember(committee, unit, seat, values["since"])
        )
        current[(committee, unit)] = seat
        return Outcome(row, key, "create")


# ------------------------------------------------------------------ problems (联席会议的问题清单)


class Problems(Kind):
    name = "problems"
    label = "问题"
    specs = (
        Spec("ref", "id", KEY.but(rule=KEY.rule + ";即问题编号;已登记的问题导入时不修改,只核对"), required=True,
             example="P-2026-001", width=14),
        Spec("community", "communityId", Term("社区", rule="社区名称或编号;与街道填且只填一个"), example="曙光社区"),
        Spec("street", "streetId", Term("街道", rule="街道层面的问题填街道名称或编号;与社区填且只填一个")),
        Spec("title", "title", term("Problem", "title"), required=True, example="老旧小区停车难", width=24),
        Spec("description", "description", term("Problem", "description"), width=30),
        Spec("source", "source", term("Problem", "source"), "enum", True,
             enum_labels(ProblemSource, PROBLEM_SOURCE_LABELS), example=PROBLEM_SOURCE_LABELS[ProblemSource.RESIDENT]),
        Spec("grid", "gridId", term("Problem", "gridId"), width=18),
        Spec("raised_on", "raisedOn", term("Problem", "raisedOn"), "date"),
    )  # fmt: skip

    async def prepare(self, graph: Graph, keys: list[str]) -> tuple[Places, dict[str, Any], dict[str, str]]:
        existing = {r["ref"]: r for r in await graph.read(transfer_reads.PROBLEMS_BY_KEY, keys=keys)}
        return await _places(graph), existing, _by_name_or_id(await graph.read(transfer_reads.STREETS))

    async def apply(
        self, graph: Graph, allowed: Authorizations, row: int, values: dict[str, Any], ctx: Any
    ) -> Outcome | Create:
        places, existing, streets = ctx
        key = self.key(values)
        community = places.community(values["community"], "社区") if values["community"] else None
        street = _resolve(streets, values["street"], "街道", "街道") if values["street"] else None
        cmd = NewProblem(values["title"], values["source"], community, street, values["description"] or "",
                         values["grid"], values["raised_on"], id=key)  # fmt: skip
        found = existing.get(key)
        if found is None:
            await governance.create_problem(graph, allowed.caller, cmd)
            return Outcome(row, key, "create")
        if (found["title"], found["communityId"]) != (values["title"], community) or (
            street is not None and found["streetId"] != street
        ):
            raise _CellRefused("标题", "该编号的问题已登记,内容不同;问题登记后不能经导入修改")
        label, place = (Label.Community, community) if community else (Label.Street, street)
        await allowed.check(Action.RAISE_PROBLEM, label, place)
        return Outcome(row, key, "unchanged")


# ------------------------------------------------------------------ residents' reports (群众反映)


def _in_utc(at: datetime | None) -> datetime | None:
    """A sheet's time (Beijing time when it has no zone) as UTC, as the API's times are stored."""
    if at is None:
        return None
    return (at if at.tzinfo else at.replace(tzinfo=SHEET_TZ)).astimezone(UTC)


class Reports(Kind):
    name = "reports"
    label = "群众反映"
    specs = (
        Spec("ref", "clientId", KEY.but(rule=KEY.rule + ";即幂等键(clientId);已登记的反映导入时不修改,只核对"),
             required=True, example="热线-20261101-001", width=18),
        Spec("compound", "compoundId", Term("小区", rule="小区名称或小区编号"), required=True, example="河畔家园"),
        Spec("category", "category", Term("类别", rule="派单表中的类别名称或代码"), required=True, example="停车管理"),
        Spec("text", "text", term("Report", "text"), required=True, example="小区门口车辆乱停", width=30),
        Spec("reporter_role", "reporterRole", term("Report", "reporterRole"), "enum",
             labels=enum_labels(ReporterRole, REPORTER_ROLE_LABELS), note="网格员、居民本人上报时不填",
             example=REPORTER_ROLE_LABELS[ReporterRole.RESIDENT]),
        Spec("reporter_name", "reporterName", term("Report", "reporterName"), example="王女士(示意)"),
        Spec("reporter_phone", "reporterPhone", term("Report", "reporterPhone")),
        Spec("reported_at", "reportedAt", term("Report", "reportedAt"), "datetime",
             note="不填为导入时刻;无时区的时间按北京时间", example=datetime(2026, 11, 1, 9, 30), width=18),
    )  # fmt: skip

    async def prepare(
        self, graph: Graph, keys: list[str]
    ) -> tuple[dict[str, str], dict[str, str], dict[str, Any]]:
        existing = {r["ref"]: r for r in await graph.read(transfer_reads.REPORTS_BY_KEY, keys=keys)}
        compounds = _by_name_or_id(await graph.read(transfer_reads.COMPOUNDS))
        categories = _by_name_or_id(await graph.read(transfer_reads.CATEGORIES))
        return compounds, categories, existing

    async def apply(
        self, graph: Graph, allowed: Authorizations, row: int, values: dict[str, Any], ctx: Any
    ) -> Outcome | Create:
        compounds, categories, existing = ctx
        key = self.key(values)
        compound = _resolve(compounds, values["compound"], "小区", "小区")
        category = categories.get(values["category"]) or values["category"]
        found = existing.get(key)
        if found is None:
            at = values["reported_at"]
            await reports.submit_report(
                graph,
                allowed.caller,
                NewReport(
                    compound,
                    category,
                    values["text"],
                    values["reporter_role"],
                    values["reporter_name"],
                    values["reporter_phone"],
                    _in_utc(at),
                    client_id=key,
                ),
            )
            return Outcome(row, key, "create")
        if (found["compoundId"], found["category"], found["text"]) != (compound, category, values["text"]):
            raise _CellRefused("反映内容", "该编号的反映已登记,内容不同;反映登记后不能经导入修改")
        await allowed.check(Action.SUBMIT_REPORT, Label.Compound, compound)
        return Outcome(row, key, "unchanged")


KINDS: dict[str, Kind] = {
    k.name: k for k in (Needs(), Resources(), Units(), Memberships(), Problems(), Reports())
}


# ------------------------------------------------------------------ the import


def _problem(
    kind: Kind, row: int, values: dict[str, Any], cells: dict[str, Cell | Formula], exc: DomainError
) -> Problem:
    header = exc.header if isinstance(exc, _CellRefused) else kind.header_of(exc.field)
    message = exc.message
    if exc.field and message.startswith(f"{exc.field}: "):
        message = message[len(exc.field) + 2 :]
    value = cells.get(header) if header else None
    return Problem(row, header, None if value is None else str(value), message, exc.code)


async def run_import(
    graph: Graph,
    caller: Caller,
    kind: Kind,
    filename: str,
    data: bytes,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Read, check and write (or, with dry_run, only try) a file of `kind`. reading.FileRefused for a file that
    cannot be imported at all; otherwise the result, whose problems (if any) say why nothing was written."""
    result = ImportResult(kind.name, kind.label, filename, dry_run)
    # parsing a large sheet is seconds of CPU: on a thread, so the server's event loop answers others meanwhile
    required = [s.title for s in kind.specs if s.required]
    sheet = await asyncio.to_thread(reading.read_sheet, filename, data, required=required)
    result.sheet = sheet
    known = {s.title for s in kind.specs}
    result.ignored_columns = [h for h in sheet.headers if h not in known]
    result.rows = len(sheet.rows)
    parsed: list[tuple[int, dict[str, Any]]] = []
    first_row_of: dict[str, int] = {}
    for row in sheet.rows:
        values: dict[str, Any] = {}
        for spec in kind.specs:
            cell = row.cells.get(spec.title)
            try:
                values[spec.attr] = spec.parse(cell)
            except CellError as exc:
                result.problems.append(
                    Problem(row.number, spec.title, None if cell is None else str(cell), str(exc))
                )
        if len(values) < len(kind.specs):
            continue
        key = kind.key(values)
        if key in first_row_of:
            header = kind.specs[0].title if kind.specs[0].attr == "ref" else None
            result.problems.append(
                Problem(row.number, header, key, f"与第 {first_row_of[key]} 行重复:同一条只能出现一次")
            )
            continue
        first_row_of[key] = row.number
        parsed.append((row.number, values))
    if result.problems or not parsed:
        return result
    cells_of = {row.number: row.cells for row in sheet.rows}

    async def work(tx: AsyncManagedTransaction) -> list[Outcome]:
        inside = InTransaction(graph, tx)
        allowed = Authorizations(inside, caller)
        outcomes: list[Outcome] = []
        problems: list[Problem] = []
        creates: list[tuple[int, dict[str, Any], Create]] = []

        def stopped(number: int, exc: ClientError) -> _Rollback:
            # the database refused a statement (not a transient error): the transaction is over
            message = f"数据库拒绝了这一行({exc.code}),导入已停止;请检查此行后重试"
            problems.append(Problem(number, None, None, message, "CONFLICT"))
            return _Rollback(_by_row(outcomes), _by_row(problems))

        async def send_creates() -> None:
            if not creates:
                return
            first = creates[0][0]
            try:
                made = await kind.create_many(inside, caller, [c.cmd for _, _, c in creates])
            except ClientError as exc:
                raise stopped(first, exc) from exc
            except DomainError as exc:  # the statement as a whole was refused: the transaction is over
                problems.append(_problem(kind, first, creates[0][1], cells_of[first], exc))
                raise _Rollback(_by_row(outcomes), _by_row(problems)) from exc
            for (number, values, _), answer in zip(creates, made, strict=True):
                if isinstance(answer, DomainError):
                    problems.append(_problem(kind, number, values, cells_of[number], answer))
                else:
                    outcomes.append(Outcome(number, kind.key(values), "create"))
            creates.clear()

        ctx = await kind.prepare(inside, [kind.key(v) for _, v in parsed])
        for done, (number, values) in enumerate(parsed, start=1):
            try:
                outcome = await kind.apply(inside, allowed, number, values, ctx)
            except DomainError as exc:
                problems.append(_problem(kind, number, values, cells_of[number], exc))
            except ClientError as exc:
                raise stopped(number, exc) from exc
            else:
                if isinstance(outcome, Create):
                    creates.append((number, values, outcome))
                    if len(creates) >= CREATE_BATCH:
                        await send_creates()
                else:
                    outcomes.append(outcome)
            if progress is not None:
                progress(done, len(parsed))
        await send_creates()
        outcomes[:] = _by_row(outcomes)
        if problems or dry_run:
            raise _Rollback(outcomes, _by_row(problems))
        counts: dict[str, int] = defaultdict(int)
        for o in outcomes:
            counts[o.action] += 1
        audit = caller.audit("import", kind.name, file=filename, rows=len(parsed), **counts)
        await inside.write(_nothing, audit)
        return outcomes

    try:
        # chained by the request's bookmarks like Graph's calls; the response hands the import's back
        manager = bookmarks.manager(graph.driver)
        async with graph.driver.session(database=graph.database, bookmark_manager=manager) as session:
            result.outcomes = await session.execute_write(unit_of_work(timeout=IMPORT_TIMEOUT_S)(work))
        result.written = True
        bookmarks.written()
    except _Rollback as stop:
        result.outcomes, result.problems = stop.args
    return result


def _by_row(items: list[Any]) -> list[Any]:
    return sorted(items, key=lambda x: x.row)


async def _nothing(tx: AsyncManagedTransaction) -> None:
    return None


def problems_table(result: ImportResult) -> Table:
    """Every problem, one row each: the sheet, the row, the column, the value as given, why."""
    columns = [Column("sheet", "工作表", width=14), Column("row", "行号", "int", width=8),
               Column("column", "列", width=16), Column("value", "填写的值", width=24),
               Column("message", "问题", width=60)]  # fmt: skip
    sheet = result.sheet.name if result.sheet else None
    rows: list[list[Value]] = [[sheet, p.row, p.column, p.value, p.message] for p in result.problems]
    return Table("问题清单", f"{result.file} · {result.label}导入 · {result.summary}", columns, rows)


def problems_xlsx(result: ImportResult) -> bytes:
    """The file as read, its bad cells filled red with the reason as a comment and a 问题说明 column at the end;
    then the list of problems. What a person corrects and imports again."""
    sheet = result.sheet
    assert sheet is not None, "a file that was read"
    headers = [*sheet.headers, "问题说明"]
    by_row: dict[int, list[Problem]] = defaultdict(list)
    for p in result.problems:
        by_row[p.row].append(p)
    table = Table(
        "导入问题",
        f"{result.file} · {result.label}导入 · {result.summary}",
        [Column(h, h, width=16) for h in headers],
    )
    for row in sheet.rows:
        notes = ";".join(f"{p.column or '整行'}:{p.message}" for p in by_row.get(row.number, []))
        if notes:
            table.attention.add(len(table.rows))
        table.rows.append(
            [None if isinstance(v := row.cells.get(h), Formula) else v for h in sheet.headers]
            + [notes or None]
        )
    book = workbook([table, problems_table(result)])
    ws = book.worksheets[0]
    line = {row.number: i + 3 for i, row in enumerate(sheet.rows)}  # the title and header rows come first
    for p in result.problems:
        if p.column in sheet.headers and p.row in line:
            cell = ws.cell(row=line[p.row], column=sheet.headers.index(p.column) + 1)
            cell.fill = BAD_CELL_FILL
            cell.comment = Comment(p.message, "orggraph")
    return to_bytes(book)


def template_xlsx(kind: Kind) -> bytes:
    title = f"{kind.label}导入模板:第 2 行为表头,第 3 行为填写说明,第 4 行为示例(编号以【示例】开头的行不导入),从第 5 行起填写"
    return to_bytes(template(kind.label, title, [s.column for s in kind.specs]))
