"""Spreadsheets over HTTP, beside /graphql (docs/import-export.md): a small REST surface rather than the GraphQL
multipart request spec, because a file in and a file out are what a browser's <input type=file> and a download
link do natively, and a spreadsheet answer is not JSON.

- GET  /transfer/kinds                          what can be imported and exported, with the import columns
- GET  /transfer/templates/{kind}.xlsx          an import template (no token needed: it holds no data)
- POST /transfer/import/{kind}[?dryRun=true][&report=xlsx]
                                                 multipart/form-data with the field `file` (.xlsx or .csv);
                                                 bearer token; JSON answer, 422 with the problems when nothing
                                                 was written; report=xlsx answers the problems as a workbook
- GET  /transfer/export/{kind}.{xlsx|csv}[?communityId=...|streetId=...]   bearer token

Errors have the GraphQL shape ({"errors": [{"message", "extensions": {"code", "field"}}]}).
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from orggraph.api.http import error_response
from orggraph.domain.auth import ANONYMOUS, Principal, sees_personal_data
from orggraph.graph import transfer_reads
from orggraph.graph.runner import Graph
from orggraph.services.caller import Caller
from orggraph.settings import Settings
from orggraph.transfer import exporting, importing, sheets
from orggraph.transfer.reading import FileRefused

router = APIRouter(prefix="/transfer", tags=["transfer"])


def _principal(request: Request) -> Principal:
    principal: Principal = getattr(request.state, "principal", ANONYMOUS)
    return principal


def _download(data: bytes, media_type: str, filename: str) -> Response:
    # RFC 6266/5987: a Chinese file name for browsers, an ASCII fallback for the rest
    disposition = f"attachment; filename=\"{quote(filename)}\"; filename*=UTF-8''{quote(filename)}"
    return Response(data, media_type=media_type, headers={"Content-Disposition": disposition})


def _unknown(what: str, kind: str, known: list[str]) -> JSONResponse:
    return error_response(404, "NOT_FOUND", f"没有「{kind}」这种{what}(可选:{'、'.join(known)})", "kind")


@router.get("/kinds")
async def kinds() -> dict[str, Any]:
    """What the console offers: the importable kinds with their columns, and the exports."""
    return {
        "imports": [
            {
                "kind": k.name,
                "label": k.label,
                "columns": [
                    {
                        "header": s.title,
                        "field": s.api,
                        "required": s.required,
                        "rule": s.column.note,
                        "choices": list(s.labels.values()) if s.labels else [],
                    }
                    for s in k.specs
                ],
            }
            for k in importing.KINDS.values()
        ],
        "exports": [{"kind": name, "label": label} for name, (label, _) in exporting.EXPORTS.items()],
    }


@router.get("/templates/{kind}.xlsx")
async def template(kind: str) -> Response:
    found = importing.KINDS.get(kind)
    if found is None:
        return _unknown("导入模板", kind, list(importing.KINDS))
    return _download(importing.template_xlsx(found), sheets.XLSX_TYPE, f"{found.label}导入模板.xlsx")


def result_json(result: importing.ImportResult) -> dict[str, Any]:
    return {
        "kind": result.kind,
        "label": result.label,
        "file": result.file,
        "dryRun": result.dry_run,
        "written": result.written,
        "summary": result.summary,
        "rows": result.rows,
        "created": result.count("create"),
        "updated": result.count("update"),
        "unchanged": result.count("unchanged"),
        "ignoredColumns": result.ignored_columns,
        "sheet": result.sheet.name if result.sheet else None,
        "problems": [
            {"sheet": result.sheet.name if result.sheet else None, **vars(p)} for p in result.problems
        ],
        "outcomes": [
            {"row": o.row, "key": o.key, "action": o.action, "changed": list(o.changed)}
            for o in result.outcomes
        ],
    }


@router.post("/import/{kind}")
async def import_file(
    kind: str, request: Request, file: UploadFile, dryRun: bool = False, report: str = "json"
) -> Response:
    found = importing.KINDS.get(kind)
    if found is None:
        return _unknown("导入", kind, list(importing.KINDS))
    principal = _principal(request)
    if not principal.authenticated:
        return error_response(401, "UNAUTHENTICATED", "导入需要登录(Authorization: Bearer <令牌>)")
    settings: Settings = request.app.state.settings
    graph: Graph = request.app.state.graph
    data = await file.read()
    try:
        result = await importing.run_import(
            graph,
            Caller(principal, settings.current_date()),
            found,
            file.filename or "",
            data,
            dry_run=dryRun,
        )
    except FileRefused as refused:
        return error_response(400, "BAD_USER_INPUT", refused.message, "file")
    if result.problems and report == "xlsx":
        name = f"{found.label}导入问题.xlsx"
        return _download(await asyncio.to_thread(importing.problems_xlsx, result), sheets.XLSX_TYPE, name)
    return JSONResponse(result_json(result), status_code=422 if result.problems else 200)


@router.get("/export/{kind}.{fmt}")
async def export(
    kind: str,
    fmt: str,
    request: Request,
    communityId: str | None = None,
    streetId: str | None = None,
) -> Response:
    found = exporting.EXPORTS.get(kind)
    if found is None:
        return _unknown("导出", kind, list(exporting.EXPORTS))
    if fmt not in ("xlsx", "csv"):
        return error_response(400, "BAD_USER_INPUT", "格式须为 xlsx 或 csv", "format")
    principal = _principal(request)
    if not principal.authenticated:
        return error_response(401, "UNAUTHENTICATED", "导出需要登录(Authorization: Bearer <令牌>)")
    if communityId and streetId:
        return error_response(400, "BAD_USER_INPUT", "communityId 与 streetId 只能填一个", "communityId")
    settings: Settings = request.app.state.settings
    graph: Graph = request.app.state.graph
    place = (await graph.read(transfer_reads.PLACE_NAME, communityId=communityId, streetId=streetId))[0]
    if communityId and place["community"] is None:
        return error_response(404, "NOT_FOUND", f"没有编号为 {communityId} 的社区", "communityId")
    if streetId and place["street"] is None:
        return error_response(404, "NOT_FOUND", f"没有编号为 {streetId} 的街道", "streetId")
    label, make = found
    scope = exporting.Scope(communityId, streetId, place["community"] or place["street"] or "全市")
    personal = sees_personal_data(principal, settings.public_personal_data)
    tables = await make(graph, exporting.Request(scope, settings.current_date(), personal))
    stem = f"{scope.name}{label}{settings.current_date().isoformat()}"
    # writing a workbook of thousands of rows is CPU: on a thread, off the event loop
    if fmt == "csv":  # one table per file: the first (the network's memberships are their own export)
        data = await asyncio.to_thread(sheets.csv_bytes, tables[0])
        return _download(data, sheets.CSV_TYPE, f"{stem}.csv")
    return _download(await asyncio.to_thread(sheets.xlsx, tables), sheets.XLSX_TYPE, f"{stem}.xlsx")
