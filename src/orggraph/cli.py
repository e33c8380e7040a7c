"""The orggraph command line: the local Neo4j, migrations, seeds, the server."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

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
        console.print(f"Neo4j {st.version or ''} running (pid {st.pid}) at {st.bolt_uri}, {state}; home {st.home}")
    else:
        console.print(f"Neo4j is not running (home {st.home}).")
    if not st.answering:
        raise typer.Exit(3)
