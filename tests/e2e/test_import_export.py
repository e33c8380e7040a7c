"""Spreadsheets in and out over the real stack (HTTP /transfer/*, the use cases, Neo4j): template → fill →
import → visible in GraphQL; bad rows write nothing and are named; a second import changes nothing; an edited
row updates; export → import round-trips; a scoped token stays in its community; hostile files are refused."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from neo4j import AsyncDriver
from openpyxl import Workbook, load_workbook

from orggraph.settings import Settings
from tests.conftest import Api, graph_fingerprint, graph_position, token

HERE, OTHER = "comm-shuguang", "comm-changtai"  # 曙光社区 (广陵街道), 长泰社区 (千秋街道)
LATER = (date.today() + timedelta(days=60)).isoformat()


def get(api: Api, path: str, tok: str | None = "ORG_ADMIN") -> httpx.Response:
    headers = api.admin if tok == "ORG_ADMIN" else {} if tok is None else {"authorization": f"Bearer {tok}"}
    return httpx.get(f"{api.url}{path}", headers=headers, timeout=60)


def upload(
    api: Api, kind: str, name: str, data: bytes, tok: str | None = "ORG_ADMIN", **params: str
) -> httpx.Response:
    headers = api.admin if tok == "ORG_ADMIN" else {} if tok is None else {"authorization": f"Bearer {tok}"}
    return httpx.post(
        f"{api.url}/transfer/import/{kind}",
        params=params,
        files={"file": (name, data)},
        headers=headers,
        timeout=120,
    )


def filled(template: bytes, rows: list[list[Any]]) -> bytes:
    """The template with rows written under its example row (what a person does in Excel)."""
    book = load_workbook(io.BytesIO(template))
    ws = book.active
    assert ws is not None
    for i, row in enumerate(rows):
        for j, value in enumerate(row, start=1):
            ws.cell(row=5 + i, column=j, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def need_row(
    ref: str, title: str, community: str = "曙光社区", needed_by: str = LATER, **changes: Any
) -> list[Any]:
    row = {"编号": ref, "社区": community, "标题": title, "描述": "导入测试", "所需支持类型": "志愿人力、物资设备",
           "服务领域": "养老助老", "服务对象": "老年人", "数量": 20, "数量单位": "人次", "需完成日期": needed_by,
           "紧急程度": "一般", "需求来源": "居民反映"}  # fmt: skip
    row.update(changes)
    return list(row.values())


def community_needs(api: Api, community: str = HERE) -> dict[str, dict[str, Any]]:
    body = api.gql(
        "query($id: ID!) { community(id: $id) { needs { id title quantity supportTypes domain neededBy status } } }",
        {"id": community},
    )
    return {n["title"]: n for n in body["data"]["community"]["needs"]}


async def test_template_filled_imports_and_shows_in_graphql_again_changes_nothing_and_an_edit_updates(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    template = get(api, "/transfer/templates/needs.xlsx", tok=None)
    assert template.status_code == 200 and "attachment" in template.headers["content-disposition"]
    ws = load_workbook(io.BytesIO(template.content)).active
    assert ws is not None
    assert [c.value for c in ws[2]][:4] == ["编号", "社区", "标题", "描述"]
    assert str(ws["A3"].value).startswith("【说明】必填") and str(ws["A4"].value).startswith("【示例】")
    assert any(
        "养老助老" in str(v.formula1) for v in ws.data_validations.dataValidation
    )  # the domain's drop-down

    rows = [need_row("Q4-001", "导入:助餐志愿者"), need_row("Q4-002", "导入:冬季送暖", 数量=5),
            need_row("Q4-003", "导入:法律讲座", 服务领域="法律调解")]  # fmt: skip
    data = filled(template.content, rows)
    first = upload(api, "needs", "needs.xlsx", data)
    assert first.status_code == 200, first.text
    assert (first.json()["created"], first.json()["written"]) == (3, True)
    shown = community_needs(api)
    assert shown["导入:冬季送暖"]["quantity"] == 5 and shown["导入:冬季送暖"]["status"] == "COLLECTED"
    assert shown["导入:助餐志愿者"]["supportTypes"] == ["VOLUNTEER", "GOODS"]
    assert shown["导入:法律讲座"]["domain"] == "LEGAL" and shown["导入:法律讲座"]["neededBy"] == LATER

    before = await graph_fingerprint(demo_graph, settings.neo4j_database)
    again = upload(api, "needs", "needs.xlsx", data)
    assert (again.json()["unchanged"], again.json()["created"], again.json()["updated"]) == (3, 0, 0)
    assert await graph_fingerprint(demo_graph, settings.neo4j_database) == before

    rows[1] = need_row("Q4-002", "导入:冬季送暖(加量)", 数量=8)
    edited = upload(api, "needs", "needs.xlsx", filled(template.content, rows)).json()
    assert (edited["updated"], edited["unchanged"]) == (1, 2)
    assert edited["outcomes"][1]["changed"] == ["标题", "数量"]
    shown = community_needs(api)
    assert shown["导入:冬季送暖(加量)"]["quantity"] == 8 and "导入:冬季送暖" not in shown


async def test_two_bad_rows_among_good_ones_write_nothing_and_are_named_by_row_and_column(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    template = get(api, "/transfer/templates/needs.xlsx").content
    rows = [need_row(f"B-{i}", f"好行{i}") for i in range(5)]
    rows[1] = need_row("B-1", "坏日期", 需完成日期="明年春天")  # row 6 of the sheet
    rows[3] = need_row("B-3", None, 服务领域="修自行车")  # row 8: no title, an unknown domain
    start = await graph_position(demo_graph, settings.neo4j_database)
    answer = upload(api, "needs", "bad.xlsx", filled(template, rows))
    assert answer.status_code == 422
    body = answer.json()
    assert body["written"] is False
    assert {(p["row"], p["column"]) for p in body["problems"]} == {
        (6, "需完成日期"),
        (8, "标题"),
        (8, "服务领域"),
    }
    domain = next(p for p in body["problems"] if p["column"] == "服务领域")
    assert domain["value"] == "修自行车" and "不是可选的值" in domain["message"]
    assert await graph_position(demo_graph, settings.neo4j_database) == start

    marked = upload(api, "needs", "bad.xlsx", filled(template, rows), report="xlsx")
    assert marked.status_code == 200 and marked.headers["content-type"].startswith("application/vnd.openxml")
    book = load_workbook(io.BytesIO(marked.content))
    sheet, listed = book.worksheets
    headers = [c.value for c in sheet[2]]
    bad = sheet.cell(row=4, column=headers.index("需完成日期") + 1)  # sheet row 6 is the file's 2nd data row
    assert bad.fill.fgColor.rgb.endswith("F8B4B4") and bad.comment is not None
    assert sheet.cell(row=3, column=len(headers)).value is None  # a good row has no problem text
    assert listed.max_row == 2 + 3


async def test_a_rule_of_the_use_case_refuses_its_row_inside_the_transaction_and_nothing_is_written(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    template = get(api, "/transfer/templates/needs.xlsx").content
    past = (date.today() - timedelta(days=3)).isoformat()
    rows = [
        need_row("R-1", "规则:好行"),
        need_row("R-2", "规则:过期", needed_by=past),
        need_row("R-3", "规则:无此社区", community="火星社区"),
    ]
    start = await graph_position(demo_graph, settings.neo4j_database)
    body = upload(api, "needs", "rules.xlsx", filled(template, rows)).json()
    assert {(p["row"], p["column"]) for p in body["problems"]} == {(6, "需完成日期"), (7, "社区")}
    assert "不能早于今天" in next(p["message"] for p in body["problems"] if p["row"] == 6)
    assert await graph_position(demo_graph, settings.neo4j_database) == start


async def test_a_community_admin_imports_only_into_its_community(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    template = get(api, "/transfer/templates/needs.xlsx").content
    rows = [need_row("S-1", "范围:本社区"), need_row("S-2", "范围:别的社区", community=OTHER)]
    start = await graph_position(demo_graph, settings.neo4j_database)
    answer = upload(api, "needs", "scope.xlsx", filled(template, rows), tok=token("COMMUNITY_ADMIN", HERE))
    assert answer.status_code == 422
    (problem,) = answer.json()["problems"]
    assert (problem["row"], problem["column"], problem["code"]) == (6, None, "FORBIDDEN")
    assert await graph_position(demo_graph, settings.neo4j_database) == start
    ok = upload(api, "needs", "scope.xlsx", filled(template, rows[:1]), tok=token("COMMUNITY_ADMIN", HERE))
    assert ok.status_code == 200 and ok.json()["created"] == 1
    assert upload(api, "needs", "x.xlsx", filled(template, rows), tok=None).status_code == 401


@pytest.mark.parametrize("kind", ["needs", "resources", "units", "memberships"])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
async def test_an_export_imported_again_changes_nothing(
    api: Api, demo_graph: AsyncDriver, settings: Settings, kind: str, fmt: str
) -> None:
    scope = "" if kind == "units" else "?streetId=street-guangling"
    exported = get(api, f"/transfer/export/{kind}.{fmt}{scope}")
    assert exported.status_code == 200, exported.text
    if fmt == "csv":
        assert exported.content.startswith("\ufeff".encode())
    start = await graph_position(demo_graph, settings.neo4j_database)
    body = upload(api, kind, f"{kind}.{fmt}", exported.content, dryRun="true").json()
    assert body["problems"] == [], body["problems"][:3]
    assert body["rows"] > 0 and body["unchanged"] == body["rows"], body["summary"]
    assert await graph_position(demo_graph, settings.neo4j_database) == start


async def test_a_dry_run_says_what_would_change_and_writes_nothing(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    exported = get(api, "/transfer/export/units.xlsx").content
    book = load_workbook(io.BytesIO(exported))
    ws = book.active
    assert ws is not None
    ws.cell(row=3, column=4, value=(ws.cell(row=3, column=4).value or 0) + 1)  # 党员人数 of the first unit
    ws.append(["unit-import-new", "导入测试新单位", "社会组织", 3])
    out = io.BytesIO()
    book.save(out)
    start = await graph_position(demo_graph, settings.neo4j_database)
    body = upload(api, "units", "units.xlsx", out.getvalue(), dryRun="true").json()
    assert (body["created"], body["updated"], body["written"], body["dryRun"]) == (1, 1, False, True)
    assert "预演" in body["summary"]
    assert await graph_position(demo_graph, settings.neo4j_database) == start
    written = upload(api, "units", "units.xlsx", out.getvalue()).json()
    assert (written["created"], written["updated"], written["written"]) == (1, 1, True)
    assert api.gql('{ unit(id: "unit-import-new") { name kind } }')["data"]["unit"] == {
        "name": "导入测试新单位",
        "kind": "SOCIAL_ORG",
    }


async def test_a_new_unit_and_its_seat_come_in_by_two_imports(api: Api, demo_graph: AsyncDriver) -> None:
    units = filled(
        get(api, "/transfer/templates/units.xlsx").content,
        [["unit-imp-1", "导入示例律师事务所", "非公企业", 4]],
    )
    assert upload(api, "units", "u.xlsx", units).json()["created"] == 1
    seats = filled(
        get(api, "/transfer/templates/memberships.xlsx").content,
        [["曙光社区", "导入示例律师事务所", None, None]],
    )
    body = upload(api, "memberships", "m.xlsx", seats).json()
    assert body["created"] == 1, body
    members = api.gql('{ community(id: "comm-shuguang") { committee { members { seat unit { id } } } } }')[
        "data"
    ]["community"]["committee"]["members"]
    assert {"seat": "N", "unit": {"id": "unit-imp-1"}} in members
    wrong = filled(
        get(api, "/transfer/templates/memberships.xlsx").content,
        [["长泰社区", "unit-imp-1", "机关企事业单位(X)", None]],
    )
    refused = upload(api, "memberships", "m.xlsx", wrong).json()
    assert refused["problems"] and refused["written"] is False


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    return out.getvalue()


def _with_formula() -> bytes:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["编号", "单位名称", "单位类型", "党员人数"])
    ws.append(["unit-f-1", "公式单位", "机关", "=SUM(1,2)"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "make", "says"),
    [
        ("picture.xlsx", lambda: b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "不是 Excel 工作簿"),
        ("old.xls", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "另存为 .xlsx"),
        ("bomb.xlsx", _zip_bomb, "压缩炸弹"),
        ("many.csv", lambda: ("编号,单位名称,单位类型\n" + "x,y,机关\n" * 100_001).encode(), "100000 行上限"),
        ("report.pdf", lambda: b"%PDF-1.4 ...", "不支持的文件类型"),
    ],
)
async def test_a_hostile_file_is_refused_whole_and_nothing_is_written(
    api: Api, demo_graph: AsyncDriver, settings: Settings, name: str, make: Any, says: str
) -> None:
    start = await graph_position(demo_graph, settings.neo4j_database)
    answer = upload(api, "units", name, make())
    assert answer.status_code == 400, answer.text
    error = answer.json()["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "file"} and says in error["message"]
    assert await graph_position(demo_graph, settings.neo4j_database) == start


async def test_a_formula_and_an_oversized_upload_are_refused(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    start = await graph_position(demo_graph, settings.neo4j_database)
    formula = upload(api, "units", "f.xlsx", _with_formula())
    assert formula.status_code == 422
    (problem,) = formula.json()["problems"]
    assert (problem["row"], problem["column"]) == (2, "党员人数") and "公式" in problem["message"]
    big = upload(api, "units", "big.csv", b"x" * (settings.max_upload_bytes + 1))
    assert big.status_code == 413
    assert await graph_position(demo_graph, settings.neo4j_database) == start


async def test_the_four_lists_export_for_a_meeting_marks_overdue_tasks(
    api: Api, demo_graph: AsyncDriver
) -> None:
    answer = get(api, "/transfer/export/tasks.xlsx")
    assert answer.status_code == 200
    ws = load_workbook(io.BytesIO(answer.content)).active
    assert ws is not None
    assert "全市" in str(ws["A1"].value) and date.today().isoformat() in str(ws["A1"].value)
    assert ws.freeze_panes == "A3"
    headers = [c.value for c in ws[2]]
    assert headers[2:6] == ["任务单:做什么", "责任单:谁来做", "标准单:做到什么程度", "时限单:何时完成"]
    overdue = [r for r in ws.iter_rows(min_row=3) if r[headers.index("是否逾期")].value == "是"]
    on_time = [r for r in ws.iter_rows(min_row=3) if r[headers.index("是否逾期")].value == "否"]
    assert overdue and on_time, "the demo has tasks of both kinds"
    assert all(r[0].fill.fgColor.rgb.endswith("FCE4E4") for r in overdue)
    assert not any(r[0].fill.fgColor.rgb.endswith("FCE4E4") for r in on_time)
    assert get(api, "/transfer/export/tasks.xlsx", tok=None).status_code == 401
    assert (
        get(api, "/transfer/export/tasks.xlsx?communityId=nowhere").json()["errors"][0]["extensions"]["field"]
        == "communityId"
    )


async def test_problems_come_in_by_community_or_street_and_again_change_nothing(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    template = get(api, "/transfer/templates/problems.xlsx").content
    rows = [["P-IMP-1", "曙光社区", None, "导入:楼道照明不足", "三栋楼道灯坏", "居民反映", None, None],
            ["P-IMP-2", None, "广陵街道", "导入:背街小巷停车", None, "街道提报", None, "2026-11-01"],
            ["P-IMP-3", "曙光社区", "广陵街道", "导入:两处都填", None, "居民反映", None, None]]  # fmt: skip
    bad = upload(api, "problems", "p.xlsx", filled(template, rows)).json()
    assert [(p["row"], p["column"]) for p in bad["problems"]] == [(7, "社区")]  # one place, not both
    good = upload(api, "problems", "p.xlsx", filled(template, rows[:2])).json()
    assert good["created"] == 2, good
    shown = api.gql('{ problem(id: "P-IMP-2") { title source raisedOn community { id } street { id } } }')
    assert shown["data"]["problem"] == {"title": "导入:背街小巷停车", "source": "STREET", "raisedOn": "2026-11-01",
                                        "community": None, "street": {"id": "street-guangling"}}  # fmt: skip
    before = await graph_fingerprint(demo_graph, settings.neo4j_database)
    assert upload(api, "problems", "p.xlsx", filled(template, rows[:2])).json()["unchanged"] == 2
    assert await graph_fingerprint(demo_graph, settings.neo4j_database) == before


async def test_the_command_centre_imports_a_hotline_list_of_reports_and_a_grid_worker_only_its_own(
    api: Api, demo_graph: AsyncDriver, settings: Settings
) -> None:
    template = get(api, "/transfer/templates/reports.xlsx").content
    rows = [["热线-IMP-1", "河畔家园", "停车管理", "导入:门口乱停车", "居民", "李先生(示意)", "13800000000", "2026-11-20 09:30"],
            ["热线-IMP-2", "compound-hepan-jiayuan", "GARBAGE", "导入:垃圾未清运", "居民", None, None, None]]  # fmt: skip
    body = upload(api, "reports", "r.xlsx", filled(template, rows)).json()
    assert body["created"] == 2, body
    records, _, _ = await demo_graph.execute_query(
        "MATCH (r:Report {clientId: '热线-IMP-1'})-[:AT]->(p:Compound) RETURN r.category AS category, "
        "r.reporterRole AS role, toString(r.reportedAt) AS at, p.id AS compound",
        database_=settings.neo4j_database,
    )
    assert dict(records[0]) == {"category": "PARKING", "role": "RESIDENT", "at": "2026-11-20T01:30:00Z",
                                "compound": "compound-hepan-jiayuan"}  # fmt: skip
    again = upload(api, "reports", "r.xlsx", filled(template, rows)).json()
    assert again["unchanged"] == 2
    outside = filled(
        template,
        [["网格-IMP-1", "compound-hepan-jiayuan", "噪音扰民", "导入:夜间施工", None, None, None, None]],
    )
    start = await graph_position(demo_graph, settings.neo4j_database)
    refused = upload(api, "reports", "g.xlsx", outside, tok=token("GRID_WORKER", OTHER)).json()
    assert [p["code"] for p in refused["problems"]] == ["FORBIDDEN"]
    assert await graph_position(demo_graph, settings.neo4j_database) == start
    mine = upload(api, "reports", "g.xlsx", outside, tok=token("GRID_WORKER", HERE)).json()
    assert mine["created"] == 1, mine
