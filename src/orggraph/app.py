"""create_app(settings) -> FastAPI. The lifespan opens and closes the process's one async driver."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import orjson
from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import HTTPConnection, Request
from starlette.types import ASGIApp
from starlette.websockets import WebSocket, WebSocketState
from strawberry.exceptions import ConnectionRejectionError
from strawberry.fastapi import GraphQLRouter
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UnsetType

from orggraph import __version__, runtime
from orggraph.api import period_report_http
from orggraph.api.compiled.fastpath import CompiledGraphQL
from orggraph.api.context import Context
from orggraph.api.http import (
    CORS_EXPOSED_HEADERS,
    CORS_REQUEST_HEADERS,
    METRICS_PATH,
    Authenticate,
    BodyLimit,
    Bookmarks,
    Deadline,
    RateLimit,
    RequestLog,
    error_response,
)
from orggraph.api.schema import build_schema
from orggraph.api.tokens import TokenError, expiry, verify
from orggraph.api.transfer_http import router as transfer_router
from orggraph.console import add_console, graphiql_page
from orggraph.domain.auth import ANONYMOUS
from orggraph.graph.driver import open_driver
from orggraph.graph.runner import Graph
from orggraph.services.events import EventHub
from orggraph.services.heavy import HeavyWork
from orggraph.services.matching import warm_worker, weights_from
from orggraph.settings import Settings
from orggraph.telemetry import metrics
from orggraph.telemetry.logs import request_logger

IDLE_CLOSE = 4410  # a signed-in WebSocket that kept no subscription for ORGGRAPH_EVENTS_IDLE_S


async def close_when_idle(context: Context, ws: WebSocket, idle_s: float) -> None:
    """Close the connection once it has held no subscription for `idle_s` seconds, or once its token
    has expired (4403); ends with the connection, whichever side closes it."""
    while ws.application_state is WebSocketState.CONNECTED and ws.client_state is WebSocketState.CONNECTED:
        await asyncio.sleep(min(idle_s / 2, 5.0))
        if context.expires_at is not None and time.time() >= context.expires_at:
            with contextlib.suppress(Exception):  # already closing: nothing to do
                await ws.close(code=4403, reason="token expired: sign in again")
            return
        if context.subscriptions == 0 and time.monotonic() - context.idle_since >= idle_s:
            with contextlib.suppress(Exception):
                await ws.close(code=IDLE_CLOSE, reason=f"idle: no subscription for {idle_s:g} s")
            return


class GraphQL(GraphQLRouter[Context, None]):
    """The GraphQL endpoint; a WebSocket (subscriptions) signs in with connection_init's payload
    `{"Authorization": "Bearer <token>"}`: without a valid token the connection is closed (4403)."""

    def __init__(self, settings: Settings, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.settings = settings

    def encode_json(self, data: object) -> str:
        """Answers encoded by orjson: several times faster than the standard library on large answers,
        and Chinese text as UTF-8 rather than \\u escapes (a third of the bytes). A str, not bytes: the
        same encoder writes WebSocket messages, which graphql-transport-ws sends as text frames."""
        return orjson.dumps(data).decode()

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        params = context.connection_params if isinstance(context.connection_params, dict) else {}
        auth = params.get("Authorization") or params.get("authorization")
        scheme, _, token = str(auth or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ConnectionRejectionError(
                {"message": "需要登录:connection_init 的 payload 须含 Authorization: Bearer 令牌"}
            )
        try:
            context.principal = verify(self.settings, token.strip())
        except TokenError as exc:
            raise ConnectionRejectionError({"message": str(exc)}) from None
        context.expires_at = expiry(token.strip())
        if isinstance(context.request, WebSocket):
            context.idle_watch = asyncio.create_task(
                close_when_idle(context, context.request, self.settings.events_idle_s)
            )
        return UnsetType()

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        """GraphiQL from the console's build (its scripts served here, so it works offline), instead of
        strawberry's page that loads them from a CDN. Only when the IDE is enabled (not in production)."""
        return HTMLResponse(graphiql_page(self.settings), headers={"Cache-Control": "no-cache"})


class OrggraphAPI(FastAPI):
    """FastAPI with the middlewares create_app adds (api/http.py, the compiled fast path innermost) outside
    FastAPI's own layers (its server-error handler, exception telemetry and body limit) rather than inside
    them: a request the fast path answers goes through none of those (three coroutine layers fewer; within
    the noise of an in-process measure, docs/benchmarks.md), and everything else goes through them as
    before, nearer the router.
    An exception inside our middlewares now reaches the server (uvicorn answers 500, as Starlette's handler
    did); one below them is answered 500 by FastAPI's handler, inside the request log, so its line and
    X-Request-Id show the 500."""

    def build_middleware_stack(self) -> ASGIApp:
        ours, self.user_middleware = self.user_middleware, []
        try:
            app = super().build_middleware_stack()
        finally:
            self.user_middleware = ours
        for cls, args, kwargs in reversed(ours):
            app = cls(app, *args, **kwargs)
        return app


def create_app(settings: Settings, *, settle_heap: bool = False) -> FastAPI:
    """The app on these settings. `settle_heap`: once started, tune this process's garbage collector
    (runtime.settle_heap): for the serving process only (`orggraph serve`), never in tests."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        driver = open_driver(settings)
        app.state.driver = driver
        app.state.graph = Graph.of(driver, settings, timeout_s=settings.neo4j_tx_timeout_s)
        app.state.settings = settings
        app.state.heavy = HeavyWork(settings.heavy_workers, settings.heavy_queue, settings.request_timeout_s)
        if settings.warms_heavy_work:
            app.state.heavy.warm(warm_worker)
        app.state.events = EventHub(
            app.state.graph,
            poll_s=settings.events_poll_s,
            queue_size=settings.events_queue,
            replay_max=settings.events_replay_max,
            per_principal=settings.events_per_principal,
            today=settings.current_date,
        )
        if settle_heap:
            runtime.settle_heap()
        try:
            yield
        finally:
            await app.state.events.close()
            app.state.heavy.close()
            await driver.close()

    app = OrggraphAPI(title="orggraph", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None)
    production = settings.env == "production"

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        """The process answers. Says nothing about Neo4j."""
        return {"status": "ok"}

    metrics.NEO4J_POOL_SIZE.set(settings.neo4j_pool_size)
    metrics_token = settings.metrics_token.get_secret_value() if settings.metrics_token else None

    @app.get(METRICS_PATH, include_in_schema=False)
    async def metrics_page(request: Request) -> Response:
        """Prometheus metrics of this process (docs/operations.md). In production only with
        ORGGRAPH_METRICS_TOKEN as a bearer token; without it configured, the route does not exist."""
        if metrics_token is None and production:
            return JSONResponse({"detail": "Not Found"}, status_code=404)
        if metrics_token is not None:
            given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            if not hmac.compare_digest(given.encode(), metrics_token.encode()):
                return error_response(
                    401, "UNAUTHENTICATED", "/metrics 需要 Authorization: Bearer <ORGGRAPH_METRICS_TOKEN>"
                )
        return Response(metrics.exposition(), media_type=CONTENT_TYPE_LATEST)

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

    async def context(connection: HTTPConnection) -> Context:
        # HTTP: the principal from the Authenticate middleware; a WebSocket: from connection_init
        principal = getattr(connection.state, "principal", ANONYMOUS)
        return Context(
            app.state.graph, settings, weights, principal, heavy=app.state.heavy, events=app.state.events
        )

    schema = build_schema(settings)
    graphql = GraphQL(
        settings,
        schema,
        context_getter=context,
        graphql_ide=None if production else "graphiql",
        allow_queries_via_get=True,
        subscription_protocols=[GRAPHQL_TRANSPORT_WS_PROTOCOL],
        connection_init_wait_timeout=timedelta(seconds=settings.events_init_timeout_s),
        max_subscriptions_per_connection=settings.events_per_connection,
        allowed_origins=settings.cors_origins,
    )
    app.include_router(graphql, prefix="/graphql")
    app.include_router(transfer_router)
    app.include_router(period_report_http.router)  # GET /transfer/period-report.xlsx
    # last: the console's catch-all GET (index.html for its client routes) and the dev sign-in route
    add_console(app, settings)

    # The last added is the outermost: the body cap first, then the token, then the rate limit (per
    # principal or address), then the deadline around the app.
    if settings.compiled:
        # innermost: a compiled query (or createNeed) is answered here, inside every limit; the rest goes to strawberry
        app.add_middleware(
            CompiledGraphQL,
            settings=settings,
            schema=schema._schema,
            state=app.state,
            strawberry_schema=schema,
        )
    # inside the deadline: the request's bookmarks for every transaction it runs (compiled or not)
    app.add_middleware(Bookmarks, state=app.state)
    app.add_middleware(Deadline, seconds=settings.request_timeout_s, upload_seconds=settings.import_timeout_s)
    if settings.rate_limit_enabled:
        app.add_middleware(
            RateLimit,
            anonymous=settings.rate_limit_anonymous,
            signed_in=settings.rate_limit_signed_in,
            per_address=settings.rate_limit_per_address,
        )
    app.add_middleware(Authenticate, settings=settings)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes, upload_bytes=settings.max_upload_bytes)
    if settings.cors_origins:
        # outermost: a preflight is answered before the token, the rate limit or the body cap; bearer
        # tokens, not cookies, so never credentials (and never "*": the origins are listed)
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=CORS_REQUEST_HEADERS,
            expose_headers=CORS_EXPOSED_HEADERS,
            allow_credentials=False,
            max_age=settings.cors_max_age_s,
        )
    # outermost of all: every request gets its id and its log line, whatever answers it
    app.add_middleware(RequestLog, logger=request_logger(settings.request_log))
    return app


def create_app_from_env() -> FastAPI:
    """The app of one worker of `orggraph serve --workers N`: uvicorn spawns each worker as a new process,
    which cannot be handed an app object, so each imports this factory and reads the same Settings from
    the environment."""
    return create_app(Settings(), settle_heap=True)
