"""The limit behind HTTP: each query of the set as one hand-written Cypher statement behind a minimal
FastAPI endpoint (POST /q/<name> with the parameters as JSON), to separate HTTP's cost from GraphQL's.

    NEO4J_URI=bolt://127.0.0.1:27687 NEO4J_PASSWORD=... uvicorn benchmarks.compare.limit_server:app
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Body, FastAPI, HTTPException
from neo4j import AsyncGraphDatabase, RoutingControl

from benchmarks.compare.queries import LIMIT_CYPHER, cypher_params

driver = AsyncGraphDatabase.driver(
    os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
    auth=(os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "neo4j")),
)


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    yield
    await driver.close()


app = FastAPI(lifespan=lifespan)


@app.get("/healthz")
async def healthz() -> str:
    return "ok"


@app.post("/q/{name}")
async def run(name: str, params: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    if name not in LIMIT_CYPHER:
        raise HTTPException(404, f"no query {name}")
    records, _, _ = await driver.execute_query(
        LIMIT_CYPHER[name],  # type: ignore[arg-type]
        cypher_params(name, params),
        database_="neo4j",
        routing_=RoutingControl.WRITE if name == "create" else RoutingControl.READ,
    )
    return records[0].data()
