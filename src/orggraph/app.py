"""create_app(settings) -> FastAPI. The lifespan opens and closes the process's one async driver."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from strawberry.fastapi import GraphQLRouter

from orggraph import __version__
from orggraph.api.context import Context
from orggraph.api.schema import build_schema
from orggraph.api.tokens import TokenError, verify
from orggraph.domain.auth import ANONYMOUS
from orggraph.graph.driver import open_driver
from orggraph.graph.runner import Graph
from orggraph.services.matching import weights_from
from orggraph.settings import Settings


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        driver = open_driver(settings)
        app.state.driver = driver
        app.state.graph = Graph(driver, settings.neo4j_database, timeout_s=settings.neo4j_tx_timeout_s)
        app.state.settings = settings
        try:
            yield
        finally:
            await driver.close()

    app = FastAPI(title="orggraph", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        """The process answers. Says nothing about Neo4j."""
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz() -> JSONResponse:
        """Neo4j answers `RETURN 1` within ORGGRAPH_READINESS_TIMEOUT_S."""
        try:
            await asyncio.wait_for(
                app.state.driver.execute_query("RETURN 1", database_=settings.neo4j_database, routing_="r"),
                timeout=settings.readiness_timeout_s,
            )
        except Exception as exc:  # any failure means "not ready"; the reason is reported
            return JSONResponse({"status": "unavailable", "neo4j": type(exc).__name__}, status_code=503)
        return JSONResponse({"status": "ready", "neo4j": "ok"})

    weights = weights_from(settings)  # a bad ORGGRAPH_MATCH_WEIGHTS fails at start, not per request

    async def context(request: Request) -> Context:
        return Context(app.state.graph, settings, weights, getattr(request.state, "principal", ANONYMOUS))

    production = settings.env == "production"
    graphql = GraphQLRouter(
        build_schema(settings),
        context_getter=context,
        graphql_ide=None if production else "graphiql",
        allow_queries_via_get=True,
    )
    app.include_router(graphql, prefix="/graphql")

    @app.middleware("http")
    async def limits(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        """Caps the request body and the time a request may take."""
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > settings.max_body_bytes):
            return _error(413, "PAYLOAD_TOO_LARGE", f"请求体超过上限 {settings.max_body_bytes} 字节")
        if declared is None and request.method == "POST":
            body = b""
            async for chunk in request.stream():
                body += chunk
                if len(body) > settings.max_body_bytes:
                    return _error(413, "PAYLOAD_TOO_LARGE", f"请求体超过上限 {settings.max_body_bytes} 字节")
            request._body = body  # the stream is consumed: hand the body on
        auth = request.headers.get("authorization")
        if auth:
            scheme, _, token = auth.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                return _error(401, "UNAUTHENTICATED", "Authorization 头应为 Bearer 令牌")
            try:
                request.state.principal = verify(settings, token.strip())
            except TokenError as exc:
                return _error(401, "UNAUTHENTICATED", str(exc))
        try:
            return await asyncio.wait_for(call_next(request), timeout=settings.request_timeout_s)
        except TimeoutError:
            return _error(504, "TIMEOUT", f"请求处理超过 {settings.request_timeout_s:g} 秒,已中止")

    return app


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"errors": [{"message": message, "extensions": {"code": code}}]}, status_code=status)
