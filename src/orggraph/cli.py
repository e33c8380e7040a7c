"""The orggraph command line: the local Neo4j, migrations, seeds, the server."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from orggraph.neo4j_local import server as local
from orggraph.neo4j_local.errors import LocalNeo4jError
from orggraph.settings import Settings

app = typer.Typer(help="orggraph: the co-building network of organizations on Neo4j.", no_args_is_help=True)
neo4j_app = typer.Typer(help="The local Neo4j (started only when NEO4J_URI is unset).", no_args_is_help=True)
db_app = typer.Typer(help="The graph schema.", no_args_is_help=True)
seed_app = typer.Typer(help="Demo and synthetic data.", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(db_app, name="db")
app.add_typer(seed_app, name="seed")

console = Console()
err = Console(stderr=True)


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


@neo4j_app.command("start")
def neo4j_start() -> None:
    """Resolve (once) and start the local Neo4j; wait until it answers. Already running: exit 0."""
    settings = Settings()
    if not settings.uses_local_neo4j:
        console.print(f"NEO4J_URI is set ({settings.neo4j_uri}); nothing local to start.")
        return
    try:
        st = local.start(settings, say=console.print)
    except LocalNeo4jError as exc:
        raise _fail(str(exc)) from exc
    console.print(f"[green]Neo4j {st.version or ''} ready[/] at {st.bolt_uri} (pid {st.pid}).")


@neo4j_app.command("stop")
def neo4j_stop() -> None:
    """Stop the local Neo4j cleanly (SIGTERM, then wait). Not running: exit 0."""
    settings = Settings()
    if not settings.uses_local_neo4j:
        console.print(f"NEO4J_URI is set ({settings.neo4j_uri}); nothing local to stop.")
        return
    local.stop(settings, say=console.print)


@neo4j_app.command("status")
def neo4j_status() -> None:
    """Tell whether the local Neo4j runs and answers. Exit 0 when it answers, 3 otherwise."""
    settings = Settings()
    if not settings.uses_local_neo4j:
        console.print(f"NEO4J_URI is set ({settings.neo4j_uri}); orggraph uses that server.")
        return
    st = local.status(settings)
    if st.running:
        state = "answering" if st.answering else "not answering yet"
        console.print(
            f"Neo4j {st.version or ''} running (pid {st.pid}) at {st.bolt_uri}, {state}; home {st.home}"
        )
    else:
        console.print(f"Neo4j is not running (home {st.home}).")
    if not st.answering:
        raise typer.Exit(3)


# ---------------------------------------------------------------- db and seeds
def _ensure_local(settings: Settings) -> None:
    """Start the local Neo4j when orggraph owns it; an external NEO4J_URI is used as it is."""
    if settings.uses_local_neo4j and not local.status(settings).answering:
        try:
            local.start(settings, say=console.print)
        except LocalNeo4jError as exc:
            raise _fail(str(exc)) from exc


@db_app.command("migrate")
def db_migrate() -> None:
    """Apply the schema migrations not yet applied (constraints, indexes, full-text). Idempotent."""
    from orggraph.graph.driver import open_driver
    from orggraph.graph.migrations import MigrationError, migrate

    settings = Settings()
    _ensure_local(settings)

    async def run() -> list[str]:
        async with open_driver(settings) as driver:
            return [
                f"{m.version}_{m.name}"
                for m in await migrate(driver, settings.neo4j_database, settings.schema_dir)
            ]

    try:
        applied = asyncio.run(run())
    except MigrationError as exc:
        raise _fail(str(exc)) from exc
    console.print("Applied: " + ", ".join(applied) if applied else "Schema is up to date; nothing to apply.")
    if any(m.startswith(TEXT_MIGRATION) for m in applied):
        # a graph from before the concepts: its texts are indexed once (what `orggraph text rebuild` does)
        text_rebuild()


# the migration that brought concepts and word statistics (issue #16)
TEXT_MIGRATION = "015_"
text_app = typer.Typer(help="What needs and resources are about: words and concepts.", no_args_is_help=True)
app.add_typer(text_app, name="text")


@text_app.command("rebuild")
def text_rebuild() -> None:
    """Index every need's and resource's text again: concepts from seeds/concepts.yaml, words, the library's
    word statistics. Run after changing seeds/concepts.yaml or seeds/lexicon.yaml. One transaction."""
    from orggraph.graph.driver import open_driver
    from orggraph.graph.text_writes import rebuild

    settings = Settings()
    _ensure_local(settings)

    async def run() -> dict[str, int]:
        async with (
            open_driver(settings) as driver,
            driver.session(database=settings.neo4j_database) as session,
        ):
            return await session.execute_write(rebuild)

    with console.status("正在重建主题与词频…"):
        counts = asyncio.run(run())
    console.print(
        f"Indexed {counts['Need']} needs and {counts['Resource']} resources; "
        f"{counts['concepts']} concepts, {counts['terms']} words in the resources library."
    )


def _load_bundle(bundle: object, settings: Settings, *, atomic: bool, wipe_first: bool) -> dict[str, int]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from orggraph.graph.driver import open_driver
    from orggraph.graph.migrations import migrate
    from orggraph.seeding.load import load, wipe
    from orggraph.seeding.records import Bundle

    assert isinstance(bundle, Bundle)
    with Progress(
        TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=False,
    ) as bar:  # fmt: skip
        tasks: dict[str, object] = {}

        def progress(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(step, total=total)
            bar.update(tasks[step], completed=done)  # type: ignore[arg-type]

        async def run() -> dict[str, int]:
            async with open_driver(settings) as driver:
                await migrate(driver, settings.neo4j_database, settings.schema_dir)
                if wipe_first:
                    await wipe(driver, settings.neo4j_database)
                return await load(driver, settings.neo4j_database, bundle, atomic=atomic, progress=progress)

        return asyncio.run(run())


@seed_app.command("load")
def seed_load(
    name: Annotated[
        str, typer.Argument(help="A seed under seeds/ (e.g. tianchang) or a folder.")
    ] = "tianchang",
    wipe: Annotated[bool, typer.Option("--wipe", help="Delete the whole graph first.")] = False,
) -> None:
    """Validate a seed and load it in one transaction. Loading twice leaves the same graph."""
    from orggraph.seeding.files import read_folder, seed_folder
    from orggraph.seeding.validate import SeedError

    settings = Settings()
    try:
        bundle = read_folder(seed_folder(name, settings.seeds_dir))
        from orggraph.seeding.validate import check

        check(bundle)
    except SeedError as exc:
        raise _fail(str(exc), code=2) from exc
    _ensure_local(settings)
    counts = _load_bundle(bundle, settings, atomic=True, wipe_first=wipe)
    console.print(f"[green]Loaded {name}[/]: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


@seed_app.command("synth")
def seed_synth(
    communities: Annotated[int, typer.Option(min=1, max=50_000, help="Urban communities to generate.")] = 230,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same graph.")] = 7,
    wipe: Annotated[bool, typer.Option("--wipe/--keep", help="Delete the whole graph first.")] = True,
    shape: Annotated[
        str,
        typer.Option(
            help="province: 合成省, cities of 20-300 communities (the first 23); city: one city of them all."
        ),
    ] = "province",
    jobs: Annotated[
        int, typer.Option(min=1, max=8, help="province: cities loaded at once (each in its own session).")
    ] = 2,
    lean: Annotated[
        bool,
        typer.Option(
            "--lean", help="province: the cities after the first without the records matching never reads."
        ),
    ] = False,
) -> None:
    """Generate and load a synthetic graph with Tianchang's shape and ratios (23 communities = 1x)."""
    import time

    from orggraph.seeding.generate import build, synthetic_plan

    if shape not in ("province", "city"):
        raise _fail(f"--shape must be province or city, not {shape!r}")
    settings = Settings()
    t0 = time.perf_counter()
    if shape == "city":
        bundle = build(synthetic_plan(communities), seed=seed)
        t1 = time.perf_counter()
        _ensure_local(settings)
        counts = _load_bundle(bundle, settings, atomic=False, wipe_first=wipe)
        t2 = time.perf_counter()
        console.print(
            f"[green]Synthetic graph of {communities} communities[/]: generated in {t1 - t0:.1f}s, "
            f"loaded in {t2 - t1:.1f}s: " + ", ".join(f"{k} {v}" for k, v in counts.items())
        )
        return
    _ensure_local(settings)
    cities, counts = _load_province(communities, seed, settings, wipe_first=wipe, jobs=jobs, lean=lean)
    console.print(
        f"[green]Synthetic province of {communities} communities in {cities} cities[/]: generated and loaded in "
        f"{time.perf_counter() - t0:.1f}s: " + ", ".join(f"{k} {v}" for k, v in counts.items())
    )


def _load_province(
    communities: int, seed: int, settings: Settings, *, wipe_first: bool, jobs: int, lean: bool
) -> tuple[int, dict[str, int]]:
    """Load 合成省 city by city, a progress bar of the cities."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from orggraph.graph.driver import open_driver
    from orggraph.graph.migrations import migrate
    from orggraph.seeding.load import wipe
    from orggraph.seeding.province import load_province, synthetic_province
    from orggraph.seeding.records import City

    plan = synthetic_province(communities, seed=seed, lean=lean)
    with Progress(
        TextColumn("{task.description:<12}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=False,
    ) as bar:  # fmt: skip
        task = bar.add_task("城市", total=len(plan.cities))

        def progress(done: int, total: int, city: City) -> None:
            bar.update(task, completed=done, description=city.name)

        async def run() -> dict[str, int]:
            async with open_driver(settings) as driver:
                await migrate(driver, settings.neo4j_database, settings.schema_dir)
                if wipe_first:
                    await wipe(driver, settings.neo4j_database)
                return await load_province(
                    driver, settings.neo4j_database, plan, progress=progress, jobs=jobs
                )

        return len(plan.cities), asyncio.run(run())


@app.command("serve")
def serve(
    host: Annotated[str | None, typer.Option(help="Default: ORGGRAPH_HOST (127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Default: ORGGRAPH_PORT (8000).")] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, max=64, help="Worker processes on the one port. Default: ORGGRAPH_WORKERS (1)."),
    ] = None,
) -> None:
    """Serve the API (GraphQL at /graphql, /healthz, /readyz) with uvicorn."""
    import uvicorn

    settings = Settings()
    _ensure_local(settings)

    def run(app: Any, **more: Any) -> None:
        uvicorn.run(
            app,
            host=host or settings.host,
            port=port or settings.port,
            log_level="info",
            # orggraph writes its own line per request (JSON, with the request id and the operation):
            # uvicorn's access line would say the same again, less
            access_log=not settings.request_log,
            # the client address (rate limits) comes from X-Forwarded-For only when the proxy is trusted
            forwarded_allow_ips=settings.forwarded_allow_ips,
            **more,
        )

    processes = workers or settings.workers
    if processes == 1:
        from orggraph.app import create_app

        run(create_app(settings, settle_heap=True))
        return
    from orggraph.telemetry.metrics import shared_between_workers

    # uvicorn spawns the workers, each of which builds its app from the environment; their metrics go to
    # files in one directory that /metrics merges, whichever worker answers the scrape
    with shared_between_workers():
        run("orggraph.app:create_app_from_env", factory=True, workers=processes)


# ---------------------------------------------------------------- backup and restore
def _say(message: str) -> None:
    console.print(message, markup=False, highlight=False)


@app.command("backup")
def backup_command(
    file: Annotated[Path, typer.Argument(help="The backup file to write (a tar); it must not exist yet.")],
) -> None:
    """Back up the local graph into FILE: stop Neo4j, dump, start it again (Community has no online backup)."""
    from orggraph.backup.archive import BackupError
    from orggraph.backup.local import backup

    try:
        backup(Settings(), file, _say)
    except BackupError as exc:
        raise _fail(str(exc), code=exc.exit_code) from exc
    except LocalNeo4jError as exc:
        raise _fail(str(exc)) from exc


@app.command("restore")
def restore_command(
    file: Annotated[Path, typer.Argument(help="A file written by `orggraph backup`.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before replacing the graph.")] = False,
) -> None:
    """Replace the local graph with the backup in FILE, after checking the whole file; verify the result."""
    from orggraph.backup.archive import BackupError, Manifest
    from orggraph.backup.local import restore

    settings = Settings()

    def confirm(_: Manifest) -> bool:
        return yes or typer.confirm(
            f"Replace the graph in {settings.neo4j_home} (database {settings.neo4j_database}) with this backup?",
            default=False,
        )

    try:
        restored = restore(settings, file, _say, confirm)
    except BackupError as exc:
        raise _fail(str(exc), code=exc.exit_code) from exc
    except LocalNeo4jError as exc:
        raise _fail(str(exc)) from exc
    if restored is None:
        raise _fail("Restore cancelled; nothing was changed.")
    migrated = f", then migrated ({', '.join(restored.migrated)})" if restored.migrated else ""
    console.print(
        f"[green]Restored[/] {file}: the graph is the one backed up on {restored.manifest.created_at}{migrated}."
    )


schema_app = typer.Typer(help="The GraphQL contract.", no_args_is_help=True)
app.add_typer(schema_app, name="schema")


@schema_app.command("export")
def schema_export(
    out: Annotated[
        str, typer.Option(help="Where to write the SDL ('-' for stdout).")
    ] = "schema/orggraph.graphql",
) -> None:
    """Write the GraphQL SDL that front ends code against."""
    from orggraph.api.schema import sdl

    text = sdl()
    if out == "-":
        console.out(text, end="")
        return
    Path(out).write_text(text, encoding="utf-8")
    console.print(f"Wrote {out}")


auth_app = typer.Typer(help="Bearer tokens for local use and tests.", no_args_is_help=True)
app.add_typer(auth_app, name="auth")


@auth_app.command("token")
def auth_token(
    role: Annotated[
        str,
        typer.Option(
            help="ORG_ADMIN, STREET_ADMIN, COMMUNITY_ADMIN, UNIT_USER, VIEWER, GRID_WORKER or RESIDENT."
        ),
    ],
    street: Annotated[str | None, typer.Option(help="The street of a STREET_ADMIN.")] = None,
    community: Annotated[
        str | None, typer.Option(help="The community of a COMMUNITY_ADMIN or GRID_WORKER.")
    ] = None,
    unit: Annotated[str | None, typer.Option(help="The unit of a UNIT_USER.")] = None,
    subject: Annotated[
        str, typer.Option(help="Who the token is for (recorded in the audit trail).")
    ] = "local-user",
    ttl: Annotated[str, typer.Option(help="Lifetime: 30m, 8h, 7d.")] = "8h",
) -> None:
    """Mint an HS256 bearer token signed with ORGGRAPH_JWT_SECRET; prints it."""
    from datetime import timedelta

    from orggraph.api.tokens import TokenError, mint
    from orggraph.domain.auth import Role

    try:
        chosen = Role(role.upper())
    except ValueError:
        raise _fail(
            f"--role: unknown role {role!r}; one of {', '.join(r.value for r in Role)}", code=2
        ) from None
    units = {"m": "minutes", "h": "hours", "d": "days"}
    if len(ttl) < 2 or ttl[-1] not in units or not ttl[:-1].isdigit():
        raise _fail("--ttl: a number followed by m, h or d (e.g. 8h)", code=2)
    scope = {Role.STREET_ADMIN: street, Role.COMMUNITY_ADMIN: community, Role.UNIT_USER: unit,
             Role.GRID_WORKER: community}.get(chosen)  # fmt: skip
    try:
        token = mint(Settings(), role=chosen, subject=subject, scope_id=scope,
                     ttl=timedelta(**{units[ttl[-1]]: int(ttl[:-1])}))  # fmt: skip
    except TokenError as exc:
        raise _fail(str(exc), code=2) from exc
    console.out(token)


# ------------------------------------------------------------------ spreadsheets in and out (docs/import-export.md)

_AS_TOKEN = typer.Option(
    "--token",
    help="Act as this bearer token's principal (its role and scope are checked row by row); "
    "default: the organization department (ORG_ADMIN) as `cli`.",
)


def _cli_caller(token: str | None) -> object:
    from getpass import getuser

    from orggraph.api.tokens import TokenError, verify
    from orggraph.domain.auth import Principal, Role
    from orggraph.services.caller import Caller

    settings = Settings()
    if token:
        try:
            principal = verify(settings, token)
        except TokenError as exc:
            raise _fail(f"--token: {exc}", code=2) from exc
    else:
        principal = Principal(f"cli:{getuser()}", Role.ORG_ADMIN)
    return Caller(principal, settings.current_date())


@app.command("template")
def template_command(
    kind: Annotated[str, typer.Argument(help="needs, resources, units or memberships.")],
    file: Annotated[Path, typer.Argument(help="Where to write the .xlsx template.")],
) -> None:
    """Write the import template of KIND: Chinese headers, a notes row, an example row, drop-downs."""
    from orggraph.transfer import importing

    found = importing.KINDS.get(kind)
    if found is None:
        raise _fail(f"KIND: unknown {kind!r}; one of {', '.join(importing.KINDS)}", code=2)
    file.write_bytes(importing.template_xlsx(found))
    console.print(f"{found.label}导入模板 → {file}")


@app.command("import")
def import_command(
    kind: Annotated[str, typer.Argument(help="needs, resources, units or memberships.")],
    file: Annotated[Path, typer.Argument(help="An .xlsx or .csv file (UTF-8 or GB18030).", exists=True)],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and show what would change; write nothing.")
    ] = False,
    problems: Annotated[
        Path | None, typer.Option(help="On problems, also write them as an .xlsx with the bad cells marked.")
    ] = None,
    token: Annotated[str | None, _AS_TOKEN] = None,
) -> None:
    """Import KIND from FILE in one transaction: every row checked first, nothing written if any is bad.
    Exit 0 when written (or, with --dry-run, when it would be), 1 on problems, 2 when the file is refused."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from orggraph.graph.driver import open_driver
    from orggraph.graph.runner import Graph
    from orggraph.services.caller import Caller
    from orggraph.transfer import importing
    from orggraph.transfer.reading import FileRefused

    found = importing.KINDS.get(kind)
    if found is None:
        raise _fail(f"KIND: unknown {kind!r}; one of {', '.join(importing.KINDS)}", code=2)
    caller = _cli_caller(token)
    assert isinstance(caller, Caller)
    settings = Settings()
    _ensure_local(settings)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console
    ) as bar:  # fmt: skip
        task = bar.add_task(f"导入{found.label}", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        async def run() -> importing.ImportResult:
            async with open_driver(settings) as driver:
                graph = Graph.of(driver, settings, timeout_s=importing.IMPORT_TIMEOUT_S)
                return await importing.run_import(
                    graph, caller, found, file.name, file.read_bytes(), dry_run=dry_run, progress=progress
                )

        try:
            result = asyncio.run(run())
        except FileRefused as refused:
            raise _fail(f"{file}: {refused.message}", code=2) from None
    if result.ignored_columns:
        console.print("已忽略的列:" + "、".join(result.ignored_columns))
    if result.problems:
        table = Table("行号", "列", "填写的值", "问题", title=f"{file.name}:{result.summary}")
        for p in result.problems:
            table.add_row(str(p.row), p.column or "整行", p.value or "", p.message)
        err.print(table)
        if problems is not None:
            problems.write_bytes(importing.problems_xlsx(result))
            err.print(f"问题清单 → {problems}")
        raise typer.Exit(1)
    if dry_run:
        for o in result.outcomes:
            if o.action != "unchanged":
                changed = "(" + "、".join(o.changed) + ")" if o.changed else ""
                console.print(f"第 {o.row} 行 {o.key}:{'新增' if o.action == 'create' else '更新'}{changed}")
    console.print(f"[green]{result.summary}[/]")


@app.command("export")
def export_command(
    kind: Annotated[
        str, typer.Argument(help="needs, resources, units, memberships, tasks, network or reports.")
    ],
    file: Annotated[Path, typer.Argument(help="Where to write it: .xlsx (laid out for a meeting) or .csv.")],
    community: Annotated[str | None, typer.Option(help="Only this community (its id).")] = None,
    street: Annotated[str | None, typer.Option(help="Only this street's communities (its id).")] = None,
) -> None:
    """Export KIND as .xlsx (title row, frozen header, widths, overdue rows marked) or .csv (UTF-8 with BOM)."""
    from orggraph.graph import transfer_reads
    from orggraph.graph.driver import open_driver
    from orggraph.graph.runner import Graph
    from orggraph.transfer import exporting, sheets

    found = exporting.EXPORTS.get(kind)
    if found is None:
        raise _fail(f"KIND: unknown {kind!r}; one of {', '.join(exporting.EXPORTS)}", code=2)
    if file.suffix.lower() not in (".xlsx", ".csv"):
        raise _fail("FILE: name it .xlsx or .csv", code=2)
    if community and street:
        raise _fail("--community and --street: give one of them", code=2)
    settings = Settings()
    _ensure_local(settings)
    label, make = found

    async def run() -> list[sheets.Table]:
        async with open_driver(settings) as driver:
            graph = Graph.of(driver, settings)
            place = (await graph.read(transfer_reads.PLACE_NAME, communityId=community, streetId=street))[0]
            if (community and place["community"] is None) or (street and place["street"] is None):
                raise _fail(f"no community or street with the id {community or street}", code=2)
            scope = exporting.Scope(community, street, place["community"] or place["street"] or "全市")
            return await make(graph, exporting.Request(scope, settings.current_date(), personal=True))

    tables = asyncio.run(run())
    file.write_bytes(sheets.csv_bytes(tables[0]) if file.suffix.lower() == ".csv" else sheets.xlsx(tables))
    console.print(f"{label}:{sum(len(t.rows) for t in tables)} 行 → {file}")


# ---------------------------------------------------------------- the report by period and scope (issue #15)


@app.command("period-report")
def period_report_command(
    file: Annotated[Path, typer.Argument(help="The .xlsx to write.")],
    scope: Annotated[str, typer.Option(help="CITY, STREET or COMMUNITY.")],
    start: Annotated[str, typer.Option("--from", help="The first day, YYYY-MM-DD.")],
    end: Annotated[str, typer.Option("--to", help="The last day, YYYY-MM-DD (at most 366 days).")],
    place: Annotated[str | None, typer.Option("--id", help="The street's or community's id.")] = None,
) -> None:
    """Write the organization department's report (共建工作月报) of a period and a scope as .xlsx: the same
    figures as the periodReport query, read straight from Neo4j (the city's view, as ORG_ADMIN)."""
    from datetime import date

    from orggraph.domain.errors import DomainError
    from orggraph.domain.periods import PeriodQuery, PeriodScope
    from orggraph.graph.driver import open_driver
    from orggraph.graph.period_reads import period_report
    from orggraph.graph.runner import Graph
    from orggraph.transfer.period_report import tables
    from orggraph.transfer.sheets import xlsx

    try:
        chosen = PeriodScope(scope.upper())
    except ValueError:
        raise _fail(f"--scope: one of {', '.join(s.value for s in PeriodScope)}", code=2) from None
    days: list[date] = []
    for option, raw in (("--from", start), ("--to", end)):
        try:
            days.append(date.fromisoformat(raw))
        except ValueError:
            raise _fail(f"{option}: not a date (YYYY-MM-DD): {raw!r}", code=2) from None
    if file.suffix.lower() != ".xlsx":
        raise _fail(f"{file}: the report is written as .xlsx", code=2)
    settings = Settings()
    query = PeriodQuery(chosen, place, days[0], days[1])
    _ensure_local(settings)

    async def run() -> bytes:
        async with open_driver(settings) as driver:
            graph = Graph.of(driver, settings, timeout_s=settings.neo4j_tx_timeout_s)
            report = await period_report(graph, query, settings.current_date())
            console.print(report.title)
            return xlsx(tables(report))

    try:
        content = asyncio.run(run())
    except DomainError as exc:
        option = {"id": "--id", "from": "--from", "to": "--to"}.get(exc.field or "", "")
        raise _fail(
            exc.message.replace(f"{exc.field}:", f"{option}:", 1) if option else exc.message, code=2
        ) from exc
    file.write_bytes(content)
    console.print(f"[green]Wrote[/] {file}")


# ---------------------------------------------------------------- the province plan (issue #17)
plan_app = typer.Typer(help="Batch plans: matching beyond one request.", no_args_is_help=True)
app.add_typer(plan_app, name="plan")


@plan_app.command("province")
def plan_province(
    province: Annotated[
        str | None, typer.Option(help="The province's id; default: the graph's only one.")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes, each with its driver.")] = 2,
    run_dir: Annotated[
        Path | None,
        typer.Option(help="Where the results go; default: ORGGRAPH_HOME/plans/<province>-<time>."),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Plan only the cities of RUN_DIR without a result.")
    ] = False,
    max_cities: Annotated[
        int | None, typer.Option(min=1, help="Plan only the first K cities (in id order).")
    ] = None,
) -> None:
    """Plan every city of a province as planMatches plans one (in worker processes), then reconcile the
    PROVINCE-wide resources the cities share: results in RUN_DIR (docs/matching.md, the province plan)."""
    import time
    from datetime import datetime

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.table import Table

    from orggraph.services import province_plan as pp
    from orggraph.services.matching import weights_from

    settings = Settings()
    if run_dir is None:
        if resume:
            raise _fail("--resume: name the --run-dir to resume", code=2)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        run_dir = settings.home / "plans" / f"{province or 'province'}-{stamp}"
    _ensure_local(settings)
    run = pp.RunDir(run_dir)
    t0 = time.perf_counter()
    try:
        started = pp.prepare(
            settings, run, province_id=province, resume=resume, max_cities=max_cities,
            today=settings.current_date(), weights=weights_from(settings),
        )  # fmt: skip
    except pp.PlanError as exc:
        raise _fail(str(exc), code=2) from exc
    meta = started.meta
    if started.stale:
        err.print(f"[yellow]warning:[/] {started.stale}", highlight=False)
    console.print(
        f"{meta.province_id}: {len(meta.cities)} cities, {started.done} planned already, {len(started.todo)} "
        f"to plan now with {workers} worker(s); today {meta.today}; results in {run_dir}",
        highlight=False,
    )
    names = {c.id: c.name for c in meta.cities}
    failed: list[str] = []
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console
    ) as bar:  # fmt: skip
        task = bar.add_task("cities", total=len(started.todo))

        def on_city(done: pp.CityDone) -> None:
            bar.console.print(
                f"{done.city_id} {names.get(done.city_id, '')}: {done.needs_assigned}/{done.needs_considered} "
                f"needs assigned; reads {done.reads_s:.2f}s, plan {done.plan_s:.2f}s",
                highlight=False,
            )
            bar.advance(task)

        def on_error(city: str, error: BaseException) -> None:
            failed.append(city)
            bar.console.print(f"[red]{city}: failed: {error!r}[/]", highlight=False)
            bar.advance(task)

        planned = pp.plan_cities(run, started, workers=workers, on_city=on_city, on_error=on_error)
    summary = pp.finish(run, meta, wall_s=time.perf_counter() - t0, planned_now=planned)
    totals, rec = summary["totals"], summary["reconcile"]
    table = Table("", "", title=f"Province plan {meta.province_id}", show_header=False)
    for label, value in (
        ("cities planned", f"{totals['citiesPlanned']}/{totals['cities']} ({totals['citiesPlannedNow']} now)"),
        ("needs considered", totals["needsConsidered"]),
        ("needs assigned", f"{totals['needsAssigned']} → {totals['needsAssignedAfterReconcile']} after reconcile"),
        ("overdrawn PROVINCE resources", rec["overdrawnResources"]),
        ("needs re-solved / moved / dropped", f"{rec['needsResolved']} / {rec['needsMoved']} / {rec['needsDropped']}"),
        ("total score", f"{rec['scoreBefore']} → {rec['scoreAfter']}"),
        ("optimal", summary["optimal"]),
        ("seconds: wall / reads / plan", f"{summary['wallSeconds']} / {totals['readSeconds']} / {totals['planSeconds']}"),
    ):  # fmt: skip
        table.add_row(label, str(value))
    console.print(table)
    if failed:
        raise _fail(f"{len(failed)} city plan(s) failed ({', '.join(failed)}); run again with --resume")


if __name__ == "__main__":  # pragma: no cover
    app()
