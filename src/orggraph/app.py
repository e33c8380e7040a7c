"""create_app(settings) -> FastAPI. The lifespan opens and closes the process's one async driver."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send
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

    app.add_middleware(Limits, settings=settings)
    return app


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"errors": [{"message": message, "extensions": {"code": code}}]}, status_code=status)


class Limits:
    """Caps the request body and the time a request may take; reads the bearer token into the
    request's state (`principal`). Plain ASGI: Starlette's BaseHTTPMiddleware costs a task and a
    stream per request."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = self.settings.max_body_bytes
        too_large = _error(413, "PAYLOAD_TOO_LARGE", f"请求体超过上限 {cap} 字节")
        headers = Headers(scope=scope)
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > cap):
            await too_large(scope, receive, send)
            return
        if declared is None and scope["method"] == "POST":
            body = b""
            more = True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                body += message.get("body", b"")
                more = message.get("more_body", False)
                if len(body) > cap:
                    await too_large(scope, receive, send)
                    return
            receive = _replay(body, receive)  # the body is read: hand it on
        auth = headers.get("authorization")
        if auth:
            scheme, _, token = auth.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                await _error(401, "UNAUTHENTICATED", "Authorization 头应为 Bearer 令牌")(scope, receive, send)
                return
            try:
                scope.setdefault("state", {})["principal"] = verify(self.settings, token.strip())
            except TokenError as exc:
                await _error(401, "UNAUTHENTICATED", str(exc))(scope, receive, send)
                return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        timeout = self.settings.request_timeout_s
        try:
            async with asyncio.timeout(timeout):
                await self.app(scope, receive, watch)
        except TimeoutError:
            if started:  # too late for a 504: the connection is closed on the half-sent response
                raise
            await _error(504, "TIMEOUT", f"请求处理超过 {timeout:g} 秒,已中止")(scope, receive, send)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay
