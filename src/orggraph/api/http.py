"""The HTTP edge: plain-ASGI middlewares, each doing one thing to every HTTP request, in this order
from the outside in:

- `BodyLimit` caps the request body (413 `PAYLOAD_TOO_LARGE`);
- `Authenticate` verifies the bearer token into the request's state as `principal` (401
  `UNAUTHENTICATED` on a bad header or token; no header leaves the request anonymous);
- `RateLimit` counts requests per principal (signed in) or per client address (anonymous) and answers
  429 `RATE_LIMITED` with Retry-After past the limit (when enabled);
- `Deadline` bounds the time the app may take (504 `TIMEOUT`, unless the response has started);
- `Bookmarks` chains the request after the writes the client has seen (X-Orggraph-Bookmarks, from any
  API process) and hands back the bookmark of the request's own writes (400 `BAD_BOOKMARK` on a header
  over its limits).

Around them all, `RequestLog` gives each request its id (X-Request-Id, accepted from the client or
made here, and returned), and when the response has ended writes its JSON log line and its metrics.

Plain ASGI, because Starlette's BaseHTTPMiddleware costs a task and a stream per request. Other
scopes (lifespan, websocket) pass through untouched."""

from __future__ import annotations

import asyncio
import logging
import math
import re
import time
from typing import Any

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from orggraph.api.tokens import TokenError, verify
from orggraph.domain.auth import ANONYMOUS, Principal
from orggraph.graph import bookmarks
from orggraph.settings import Settings
from orggraph.telemetry import context, metrics


def error_response(status: int, code: str, message: str, field: str | None = None) -> JSONResponse:
    """The GraphQL-shaped error body the middlewares and the /transfer routes answer with (`field`: the
    input it names, as `extensions.field`)."""
    extensions = {"code": code} if field is None else {"code": code, "field": field}
    return JSONResponse({"errors": [{"message": message, "extensions": extensions}]}, status_code=status)


# CORS (app.py, when ORGGRAPH_CORS_ALLOW_ORIGINS lists origins): what a page on another origin may
# send, and which of the headers set here its scripts may read
BOOKMARKS_HEADER = "X-Orggraph-Bookmarks"
CORS_REQUEST_HEADERS = ["Authorization", "Content-Type", "Accept", "X-Request-Id", BOOKMARKS_HEADER]
CORS_EXPOSED_HEADERS = [
    BOOKMARKS_HEADER,
    "Retry-After",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
    "X-Request-Id",
]


class RequestLog:
    """The outermost middleware: the request's id into the context (the audit record takes it) and
    the response's X-Request-Id header; when the response has ended, one JSON line on the request
    logger (telemetry.logs) and the HTTP metrics. WebSocket connections get an id too and pass
    through; each subscription operation is counted by the GraphQL layer."""

    def __init__(self, app: ASGIApp, logger: logging.Logger) -> None:
        self.app = app
        self.logger = logger

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        info = context.RequestInfo(context.request_id_from(Headers(scope=scope).get("x-request-id")))
        token = context.current.set(info)
        state = scope.setdefault("state", {})  # shared with Authenticate, which puts the principal here
        if scope["type"] == "websocket":
            try:
                await self.app(scope, receive, send)
            finally:
                context.current.reset(token)
            return
        started = time.perf_counter()
        status = 500  # unless a response starts: the app failed before answering

        async def with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)["X-Request-Id"] = info.id
            await send(message)

        try:
            await self.app(scope, receive, with_id)
        finally:
            context.current.reset(token)
            elapsed = time.perf_counter() - started
            route = metrics.route_label(scope["path"])
            metrics.child(metrics.HTTP_REQUESTS, scope["method"], route, str(status)).inc()
            metrics.child(metrics.HTTP_LATENCY, route).observe(elapsed)
            if self.logger.isEnabledFor(logging.INFO):  # (no `return` in a finally: it would swallow errors)
                principal = state.get("principal")
                # the record made and handled as Logger.info would, without its search of the stack for the
                # caller's file and line (the line has neither; a fifth of the log's cost)
                self.logger.handle(self.logger.makeRecord(
                    self.logger.name, logging.INFO, "", 0, "request", (), None,
                    extra={"fields": {
                        "requestId": info.id, "method": scope["method"], "route": route,
                        "path": scope["path"][:200], "status": status,
                        "durationMs": round(elapsed * 1000, 1), "operation": info.operation, "kind": info.kind,
                        "outcome": info.outcome, "errors": info.error_codes or None,
                        "role": principal.role.value if principal is not None and principal.role else "ANONYMOUS",
                    }},
                ))  # fmt: skip


class BodyLimit:
    """Refuses a request whose body is over `max_bytes`: by its Content-Length when it declares one
    (a malformed one is refused too), else, for a POST, by reading the body up to the cap and handing
    what was read on to the app."""

    def __init__(self, app: ASGIApp, max_bytes: int, upload_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.upload_bytes = upload_bytes or max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = self.upload_bytes if str(scope.get("path", "")).startswith(UPLOAD_PATH) else self.max_bytes
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > cap):
            await _too_large(cap)(scope, receive, send)
            return
        if declared is None and scope["method"] == "POST":
            try:
                body = await read_body(receive, cap)
            except BodyTooLarge:
                await _too_large(cap)(scope, receive, send)
                return
            if body is None:
                return
            receive = _replay(body, receive)  # the body is read: hand it on
        await self.app(scope, receive, send)


def _too_large(cap: int) -> JSONResponse:
    return error_response(413, "PAYLOAD_TOO_LARGE", f"请求体超过上限 {cap} 字节")


METRICS_PATH = "/metrics"
UPLOAD_PATH = "/transfer/import/"  # spreadsheet uploads: their own body cap and deadline


class Authenticate:
    """Verifies `Authorization: Bearer <token>` into `scope["state"]["principal"]`. Without the
    header the request goes on with no principal (the app treats it as anonymous); a header that is
    not a bearer token, or a token that does not verify, is refused with 401."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        auth = Headers(scope=scope).get("authorization")
        if auth and scope["path"] != METRICS_PATH:  # /metrics checks its own scraper token
            scheme, _, token = auth.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                refused = error_response(401, "UNAUTHENTICATED", "Authorization 头应为 Bearer 令牌")
                await refused(scope, receive, send)
                return
            try:
                scope.setdefault("state", {})["principal"] = verify(self.settings, token.strip())
            except TokenError as exc:
                await error_response(401, "UNAUTHENTICATED", str(exc))(scope, receive, send)
                return
        await self.app(scope, receive, send)


class SweptMemoryStorage(MemoryStorage):
    """The `limits` library's in-memory storage, its expired entries swept on the request path at most every
    `sweep_s` seconds instead of by a `threading.Timer` of 10 ms that it starts again on the first hit after
    the last one fired: up to a hundred threads started a second, each start a wait for the new thread and
    a handover of the GIL (2026-11-30: 349 threads in 400 sequential createNeeds; their p50 0.4-1.0 ms lower
    without, in two A/B pairs; reads within the noise). The sweep only frees memory: a hit and the
    window's figures read the entries' times, swept or not.
    (MemoryStorage calls its private `__schedule_expiry`, so this replaces that name; a unit test fails if
    a `limits` release renames it and threads come back.)"""

    def __init__(self, sweep_s: float = 1.0) -> None:
        super().__init__()
        self.timer.cancel()  # the one its constructor started
        self.sweep_s = sweep_s
        self.next_sweep = time.monotonic() + sweep_s

    def _MemoryStorage__schedule_expiry(self) -> None:
        now = time.monotonic()
        if now >= self.next_sweep:
            self.next_sweep = now + self.sweep_s
            self._MemoryStorage__expire_events()  # type: ignore[attr-defined]


class RateLimit:
    """At most `anonymous` requests per client address for requests without a token, `signed_in` per
    principal, and `per_address` from any one address whoever signs (`limits` notation: "120/minute"),
    over a moving window. Every answer says where the caller stands on its tightest limit
    (X-RateLimit-Limit, -Remaining, -Reset); past a limit, 429 `RATE_LIMITED` with Retry-After, and the
    request is not run. Counted in this process's memory: behind several API processes each counts its
    own (the `limits` library's Redis storage would share them). The client address is the socket's,
    or X-Forwarded-For's from a trusted proxy (uvicorn's forwarded_allow_ips)."""

    def __init__(self, app: ASGIApp, anonymous: str, signed_in: str, per_address: str) -> None:
        self.app = app
        self.anonymous = parse(anonymous)
        self.signed_in = parse(signed_in)
        self.per_address = parse(per_address)
        self.limiter = MovingWindowRateLimiter(SweptMemoryStorage())

    def _limits(self, scope: Scope) -> list[tuple[RateLimitItem, str, str]]:
        principal: Principal = scope.get("state", {}).get("principal", ANONYMOUS)
        client = scope.get("client")
        address = client[0] if client else "unknown"
        own = (
            (self.signed_in, "principal", principal.actor)
            if principal.authenticated
            else (self.anonymous, "anonymous", address)
        )
        return [own, (self.per_address, "address", address)]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/graphql"):
            await self.app(scope, receive, send)
            return
        limits = self._limits(scope)
        refused = next((lim for lim in limits if not self.limiter.hit(lim[0], lim[1], lim[2])), None)
        item, kind, key = refused or limits[0]
        reset, remaining = self.limiter.get_window_stats(item, kind, key)
        headers = {
            "X-RateLimit-Limit": str(item.amount),
            "X-RateLimit-Remaining": str(remaining),
            "X-RateLimit-Reset": str(math.ceil(reset)),
        }
        if refused is not None:
            wait = max(1, math.ceil(reset - time.time()))
            message = f"请求过于频繁:每{_per(item)}最多 {item.amount} 次,请 {wait} 秒后重试"
            response = error_response(429, "RATE_LIMITED", message)
            response.headers.update({**headers, "Retry-After": str(wait)})
            await response(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(headers)
            await send(message)

        await self.app(scope, receive, with_headers)


def _per(item: RateLimitItem) -> str:
    units = {"second": "秒", "minute": "分钟", "hour": "小时", "day": "天"}
    unit = units.get(item.GRANULARITY.name, item.GRANULARITY.name)
    return unit if item.multiples == 1 else f"{item.multiples} {unit}"


class Deadline:
    """Gives the app `seconds` to answer. Past that it is cancelled and the client gets a 504, unless
    the response has already started: then the error propagates and the server closes the
    connection on the half-sent response."""

    def __init__(self, app: ASGIApp, seconds: float, upload_seconds: float | None = None) -> None:
        self.app = app
        self.seconds = seconds
        self.upload_seconds = upload_seconds or seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        seconds = self.upload_seconds if str(scope.get("path", "")).startswith(UPLOAD_PATH) else self.seconds

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            async with asyncio.timeout(seconds):
                await self.app(scope, receive, watch)
        except TimeoutError:
            if started:  # too late for a 504: the connection is closed on the half-sent response
                raise
            timed_out = error_response(504, "TIMEOUT", f"请求处理超过 {seconds:g} 秒,已中止")
            await timed_out(scope, receive, send)


class BodyTooLarge(Exception):
    pass


async def read_body(receive: Receive, cap: int | None = None) -> bytes | None:
    """A request's whole body; None when the client disconnected first. Past `cap` bytes it stops
    reading and raises BodyTooLarge."""
    body = b""
    more = True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        body += message.get("body", b"")
        more = message.get("more_body", False)
        if cap is not None and len(body) > cap:
            raise BodyTooLarge
    return body


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


MAX_BOOKMARKS = 16
MAX_BOOKMARK_CHARS = 256
_BOOKMARK = re.compile(r"[!-+\--~]+")  # visible ASCII but the comma, which separates them


class BadBookmarksHeader(ValueError):
    pass


def parse_bookmarks(header: str | None) -> list[str]:
    """The bookmarks of an X-Orggraph-Bookmarks header: comma-separated, blanks around them ignored, at
    most MAX_BOOKMARKS of at most MAX_BOOKMARK_CHARS visible ASCII characters each. What a bookmark says is
    Neo4j's to judge (BAD_BOOKMARK from the GraphQL answer); these limits only keep the header small."""
    if header is None:
        return []
    values = [v.strip() for v in header.split(",") if v.strip()]
    if len(values) > MAX_BOOKMARKS:
        raise BadBookmarksHeader(f"{BOOKMARKS_HEADER} 头最多 {MAX_BOOKMARKS} 个书签,收到 {len(values)} 个")
    for value in values:
        if len(value) > MAX_BOOKMARK_CHARS:
            raise BadBookmarksHeader(f"{BOOKMARKS_HEADER} 头中的书签每个最多 {MAX_BOOKMARK_CHARS} 个字符")
        if not _BOOKMARK.fullmatch(value):
            raise BadBookmarksHeader(
                f"{BOOKMARKS_HEADER} 头中的书签只能含可见 ASCII 字符(逗号分隔多个),请原样回传本服务给出的值"
            )
    return sorted(set(values))


class Bookmarks:
    """Read-your-writes across API processes (graph/bookmarks.py): the bookmarks of the request's
    X-Orggraph-Bookmarks header, and the process's, chain every transaction the request runs after the
    writes they name; when the request wrote, its response's X-Orggraph-Bookmarks names its last write.
    A header over its limits is refused with 400 BAD_BOOKMARK. Only HTTP: a WebSocket passes through."""

    def __init__(self, app: ASGIApp, state: Any) -> None:
        self.app = app
        self.state = state  # the app's state: its driver (set by the lifespan) has the process's bookmarks

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            given = parse_bookmarks(Headers(scope=scope).get(BOOKMARKS_HEADER))
        except BadBookmarksHeader as exc:
            await error_response(400, "BAD_BOOKMARK", str(exc), field=BOOKMARKS_HEADER)(scope, receive, send)
            return
        driver = getattr(self.state, "driver", None)
        if driver is None:  # no lifespan ran (no driver, so no Graph call either): nothing to chain
            await self.app(scope, receive, send)
            return
        manager = bookmarks.RequestBookmarks(given, driver.execute_query_bookmark_manager)
        token = bookmarks.current.set(manager)

        async def with_bookmarks(message: Message) -> None:
            if message["type"] == "http.response.start" and manager.wrote and manager.bookmarks:
                MutableHeaders(scope=message)[BOOKMARKS_HEADER] = ",".join(sorted(manager.bookmarks))
            await send(message)

        try:
            await self.app(scope, receive, with_bookmarks)
        finally:
            bookmarks.current.reset(token)
