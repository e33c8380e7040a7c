"""GET /transfer/period-report.xlsx?scope=STREET&id=...&from=2026-10-01&to=2026-10-31: the organization
department's monthly report (periodReport) as an .xlsx for the console's 下载 Excel button.

Read like the query: open to anyone who may read the network (a bearer token is verified by the
Authenticate middleware when sent: a bad one is 401). Bad input is 400 and an unknown street or community
404, with the GraphQL-shaped JSON error naming the field (`extensions.field`)."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from orggraph.api.http import error_response
from orggraph.domain import periods
from orggraph.domain.errors import BadInput, DomainError, NotFound
from orggraph.graph import period_reads
from orggraph.transfer import period_report
from orggraph.transfer.sheets import XLSX_TYPE, xlsx

PATH = "/transfer/period-report.xlsx"

router = APIRouter()


def _error(exc: DomainError) -> JSONResponse:
    return error_response(404 if isinstance(exc, NotFound) else 400, exc.code, exc.message, exc.field)


def _day(request: Request, name: str) -> date:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        raise BadInput(f"{name}: 请给出日期(YYYY-MM-DD)", field=name)
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadInput(f"{name}: 不是日期(YYYY-MM-DD):{raw[:40]}", field=name) from None


def query_of(request: Request) -> periods.PeriodQuery:
    """The query's parameters, read as the GraphQL query takes them, or BAD_USER_INPUT naming the field."""
    raw = request.query_params.get("scope", "").strip().upper()
    try:
        scope = periods.PeriodScope(raw)
    except ValueError:
        choices = "、".join(s.value for s in periods.PeriodScope)
        raise BadInput(f"scope: 范围须为 {choices} 之一", field="scope") from None
    return periods.PeriodQuery(
        scope, request.query_params.get("id"), _day(request, "from"), _day(request, "to")
    )


@router.get(PATH, include_in_schema=False)
async def period_report_xlsx(request: Request) -> Response:
    state = request.app.state
    try:
        report = await period_reads.period_report(
            state.graph, query_of(request), state.settings.current_date()
        )
    except (BadInput, NotFound) as exc:
        return _error(exc)
    name = period_report.file_name(report)
    fallback = f"period-report-{report.scope.value}-{report.start.isoformat()}-{report.end.isoformat()}.xlsx"
    return Response(
        xlsx(period_report.tables(report)),
        media_type=XLSX_TYPE,
        headers={
            "Content-Disposition": f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}",
            "Cache-Control": "no-store",
        },
    )
