"""Export: the libraries, the four lists, the network and the residents' reports as tables (transfer.sheets
lays them out as .xlsx for a meeting or writes them as .csv).

The needs, resources, units and memberships are exported in their import columns first (the same headers, the
same Chinese labels), so that an exported file imported again changes nothing, and an edited one updates what
was edited; columns only an export has (status, overdue, what tasks took) follow them and are ignored on import.
Personal names (secretaries, first secretaries, leaders of tasks) are shown only to a caller who may see personal
data, as in the API; reporters' names and phones are never exported.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from orggraph.domain.lifecycle import TASK_LABELS, TASK_OPEN, is_overdue
from orggraph.domain.model import (
    NEED_STATUS_LABELS,
    RESOURCE_STATUS_LABELS,
    UNIT_KIND_LABELS,
    ResourceStatus,
    Seat,
    TaskStatus,
    UnitKind,
)
from orggraph.domain.reports import REPORT_STATUS_LABELS, REPORTER_ROLE_LABELS, SATISFACTION_LABELS
from orggraph.graph import mapping, transfer_reads
from orggraph.graph.runner import Graph
from orggraph.transfer.columns import SHEET_TZ, Spec
from orggraph.transfer.importing import Memberships, Needs, Resources, Units
from orggraph.transfer.sheets import Column, Table, Value

MASK = "***"
REPORTS_MAX = 100_000  # rows of residents' reports in one export


@dataclass(frozen=True)
class Scope:
    """Which part of the city: a community, a street's communities, or (both None) the whole city."""

    community_id: str | None = None
    street_id: str | None = None
    name: str = "全市"  # for the title row

    def params(self) -> dict[str, Any]:
        return {"communityId": self.community_id, "streetId": self.street_id}


@dataclass(frozen=True)
class Request:
    scope: Scope
    today: date
    personal: bool  # may the caller see personal names


def _title(what: str, request: Request) -> str:
    return f"{request.scope.name} · {what} · 导出于 {request.today.isoformat()}"


def _import_columns(specs: tuple[Spec, ...]) -> list[Column]:
    return [s.column for s in specs]


def _shown(specs: tuple[Spec, ...], values: dict[str, Any]) -> list[Value]:
    return [s.show(values.get(s.attr)) for s in specs]


async def needs(graph: Graph, request: Request) -> list[Table]:
    specs = Needs.specs
    extra = [
        Column("id", "需求编号", width=22),
        Column("status", "需求状态", width=10),
        Column("overdue", "是否逾期", width=8),
    ]
    table = Table("社区需求库", _title("社区需求库", request), [*_import_columns(specs), *extra])
    for r in await graph.read(transfer_reads.EXPORT_NEEDS, **request.scope.params()):
        need = mapping.need(r["node"])
        values = {**vars(need), "ref": r["node"].get("clientId") or need.id, "community": r["community"],
                  "source": need.origin}  # fmt: skip
        overdue = is_overdue(need.needed_by, need.status, request.today)
        if overdue:
            table.attention.add(len(table.rows))
        table.rows.append(
            [*_shown(specs, values), need.id, NEED_STATUS_LABELS[need.status], "是" if overdue else "否"]
        )
    return [table]


async def resources(graph: Graph, request: Request) -> list[Table]:
    specs = Resources.specs
    extra = [Column("id", "资源编号", width=22), Column("status", "资源状态", width=10),
             Column("allocated", "已被任务占用", "float", width=12)]  # fmt: skip
    table = Table("成员单位资源库", _title("成员单位资源库", request), [*_import_columns(specs), *extra])
    for r in await graph.read(transfer_reads.EXPORT_RESOURCES, **request.scope.params()):
        resource = mapping.resource(r["node"])
        values = {**vars(resource), "ref": r["node"].get("clientId") or resource.id, "unit": r["unit"]}
        status = RESOURCE_STATUS_LABELS[ResourceStatus(r["node"].get("status", "ACTIVE"))]
        table.rows.append([*_shown(specs, values), resource.id, status, resource.allocated])
    return [table]


async def units(graph: Graph, request: Request) -> list[Table]:
    specs = Units.specs
    extra = [Column("communities", "所在社区大党委", width=40)]
    table = Table("成员单位", _title("成员单位", request), [*_import_columns(specs), *extra])
    for r in await graph.read(transfer_reads.EXPORT_UNITS, **request.scope.params()):
        unit = mapping.unit(r["node"])
        table.rows.append(
            [*_shown(specs, {**vars(unit), "ref": unit.id}), "、".join(sorted(r["communities"]))]
        )
    return [table]


def _memberships(request: Request, rows: list[Any]) -> Table:
    specs = Memberships.specs
    extra = [Column("street", "街道", width=12), Column("kind", "单位类型", width=12)]
    table = Table("大党委成员单位", _title("社区大党委成员单位", request), [*_import_columns(specs), *extra])
    for r in rows:
        values = {"community": r["community"], "unit": r["unit"], "seat": Seat(r["seat"]),
                  "since": mapping.to_date(r["since"]) if r["since"] else None}  # fmt: skip
        table.rows.append([*_shown(specs, values), r["street"], UNIT_KIND_LABELS[UnitKind(r["kind"])]])
    return table


async def memberships(graph: Graph, request: Request) -> list[Table]:
    return [
        _memberships(request, await graph.read(transfer_reads.EXPORT_MEMBERSHIPS, **request.scope.params()))
    ]


async def network(graph: Graph, request: Request) -> list[Table]:
    """The 1+1+X+N of each community (its secretaries and how many X and N units), then every membership."""
    columns = [
        Column("street", "街道", width=12), Column("id", "社区编号", width=20), Column("community", "社区", width=14),
        Column("households", "户数", "int", width=8), Column("committee", "社区大党委", width=22),
        Column("secretary", "社区党组织书记", width=14), Column("firstSecretary", "第一书记(市领导)", width=16),
        Column("firstSecretaryTitle", "第一书记职务", width=24), Column("x", "X 成员单位数", "int", width=12),
        Column("n", "N 成员单位数", "int", width=12),
    ]  # fmt: skip
    communities = Table("社区大党委", _title("社区大党委(1+1+X+N)", request), columns)

    def person(name: str | None) -> str | None:
        return name if request.personal or name is None else MASK

    for r in await graph.read(transfer_reads.EXPORT_COMMUNITIES, **request.scope.params()):
        communities.rows.append([
            r["street"], r["id"], r["community"], r["households"], r["committee"], person(r["secretary"]),
            person(r["firstSecretary"]), r["firstSecretaryTitle"], r["x"], r["n"],
        ])  # fmt: skip
    members = _memberships(
        request, await graph.read(transfer_reads.EXPORT_MEMBERSHIPS, **request.scope.params())
    )
    return [communities, members]


async def tasks(graph: Graph, request: Request) -> list[Table]:
    """四单: each task's 任务 (what), 责任 (who), 标准 (to what standard), 时限 (by when); overdue ones marked."""
    columns = [
        Column("id", "任务编号", width=22), Column("community", "社区", width=12),
        Column("title", "任务单:做什么", width=28), Column("unit", "责任单:谁来做", width=24),
        Column("standard", "标准单:做到什么程度", width=32), Column("deadline", "时限单:何时完成", "date", width=14),
        Column("status", "任务状态", width=10), Column("doneOn", "完成日期", "date", width=12),
        Column("leader", "领办市领导", width=12), Column("overdue", "是否逾期", width=8),
        Column("needId", "需求编号", width=22),
    ]  # fmt: skip
    table = Table("四单", _title("任务、责任、标准、时限四单", request), columns)
    for r in await graph.read(transfer_reads.EXPORT_TASKS, **request.scope.params()):
        status = TaskStatus(r["status"])
        deadline = mapping.to_date(r["deadline"])
        overdue = status in TASK_OPEN and deadline is not None and deadline < request.today
        if overdue:
            table.attention.add(len(table.rows))
        leader = r["leader"] if request.personal or r["leader"] is None else MASK
        done = mapping.to_date(r["doneOn"]) if r["doneOn"] else None
        table.rows.append([
            r["id"], r["community"], r["title"], r["unit"], r["standard"], deadline, TASK_LABELS[status], done,
            leader, "是" if overdue else "否", r["needId"],
        ])  # fmt: skip
    return [table]


def _local(value: Any) -> datetime | None:
    """A stored datetime as the naive Beijing time a spreadsheet cell holds (Excel has no time zones)."""
    if value is None:
        return None
    moment: datetime = value.to_native() if hasattr(value, "to_native") else value
    return moment.astimezone(SHEET_TZ).replace(tzinfo=None) if moment.tzinfo else moment


async def reports(graph: Graph, request: Request) -> list[Table]:
    """The residents' reports (群众反映) of 智慧管家, newest first; reporters' names and phones left out."""
    columns = [
        Column("id", "反映编号", width=22), Column("compound", "小区", width=14), Column("community", "社区", width=12),
        Column("category", "类别", width=12), Column("text", "反映内容", width=36),
        Column("reporterRole", "上报人", width=8), Column("reportedAt", "上报时间", "datetime", width=18),
        Column("status", "状态", width=8), Column("department", "承办部门", width=20),
        Column("deadline", "办理时限", "datetime", width=18), Column("handledAt", "办结时间", "datetime", width=18),
        Column("satisfaction", "满意度", width=10), Column("late", "是否超期", width=8),
    ]  # fmt: skip
    table = Table("群众反映", _title("群众反映(红色智慧管家)", request), columns)
    now = datetime.now(SHEET_TZ).replace(tzinfo=None)
    params = {**request.scope.params(), "limit": REPORTS_MAX}
    for r in await graph.read(transfer_reads.EXPORT_REPORTS, **params):
        deadline, handled = _local(r["deadline"]), _local(r["handledAt"])
        late = deadline is not None and ((handled or now) > deadline)
        if late and handled is None:
            table.attention.add(len(table.rows))
        table.rows.append([
            r["id"], r["compound"], r["community"], r["category"], r["text"],
            REPORTER_ROLE_LABELS.get(r["reporterRole"], r["reporterRole"]), _local(r["reportedAt"]),
            REPORT_STATUS_LABELS.get(r["status"], r["status"]), r["department"], deadline, handled,
            SATISFACTION_LABELS.get(r["satisfaction"], r["satisfaction"]) if r["satisfaction"] else None,
            "是" if late else "否",
        ])  # fmt: skip
    return [table]


Export = Callable[[Graph, Request], Awaitable[list[Table]]]
EXPORTS: dict[str, tuple[str, Export]] = {
    "needs": ("社区需求库", needs),
    "resources": ("成员单位资源库", resources),
    "units": ("成员单位", units),
    "memberships": ("大党委成员单位", memberships),
    "tasks": ("四单", tasks),
    "network": ("共建网络", network),
    "reports": ("群众反映", reports),
}
