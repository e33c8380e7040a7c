"""The HTTP edge on a tiny ASGI app, without Neo4j: the body cap (413), the bearer token (401, or a
principal in the request's state) and the deadline (504, unless the response has started); and
create_app applies them in that order."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from orggraph.api.http import Authenticate, BodyLimit, Deadline
from orggraph.api.tokens import mint
from orggraph.app import create_app
from orggraph.domain.auth import Principal, Role
from orggraph.settings import Settings

SETTINGS = Settings()


async def echo(scope: Scope, receive: Receive, send: Send) -> None:
    """Answers 200 with the body it received and the principal in the request's state, if any."""
    body = b""
    more = True
    while more:
        message = await receive()
        body += message.get("body", b"")
        more = message.get("more_body", False)
    p: Principal | None = scope.get("state", {}).get("principal")
    who = None if p is None else [p.subject, p.role, p.community_id]
    payload = {"body": body.decode(), "principal": who}
    headers = [(b"content-type", b"application/json")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": json.dumps(payload).encode()})


def sleeper(seconds: float, *, start_first: bool = False) -> ASGIApp:
    """An app that takes `seconds` to answer; with `start_first`, it starts the response before it waits."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if start_first:
            await send({"type": "http.response.start", "status": 200, "headers": []})
        await asyncio.sleep(seconds)
        if not start_first:
            await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"done"})

    return app


def client(app: ASGIApp) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


def code(r: httpx.Response) -> str:
    body: dict[str, Any] = r.json()
    return str(body["errors"][0]["extensions"]["code"])


def message(r: httpx.Response) -> str:
    body: dict[str, Any] = r.json()
    return str(body["errors"][0]["message"])


async def chunks(*parts: bytes) -> AsyncIterator[bytes]:
    """A streamed body: httpx sends it chunked, without a Content-Length."""
    for part in parts:
        yield part


# BodyLimit


async def test_a_body_declared_over_the_cap_is_refused_with_413_before_the_app_runs() -> None:
    async with client(BodyLimit(echo, max_bytes=10)) as c:
        r = await c.post("/", content=b"x" * 11)
    assert r.status_code == 413 and code(r) == "PAYLOAD_TOO_LARGE"
    assert message(r) == "请求体超过上限 10 字节"


async def test_a_body_declared_at_the_cap_reaches_the_app_intact() -> None:
    async with client(BodyLimit(echo, max_bytes=10)) as c:
        r = await c.post("/", content=b"x" * 10)
    assert r.status_code == 200 and r.json()["body"] == "x" * 10


async def test_a_spreadsheet_upload_has_its_own_cap_and_nothing_else_does() -> None:
    async with client(BodyLimit(echo, max_bytes=10, upload_bytes=100)) as c:
        upload = await c.post("/transfer/import/needs", content=b"x" * 100)
        too_big = await c.post("/transfer/import/needs", content=b"x" * 101)
        other = await c.post("/graphql", content=b"x" * 11)
    assert upload.status_code == 200 and upload.json()["body"] == "x" * 100
    assert too_big.status_code == 413 and message(too_big) == "请求体超过上限 100 字节"
    assert other.status_code == 413 and message(other) == "请求体超过上限 10 字节"


async def test_a_malformed_content_length_is_refused_with_413() -> None:
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/", "headers": [(b"content-length", b"-1")]}
    await BodyLimit(echo, max_bytes=10)(scope, receive, send)
    assert sent[0]["status"] == 413


async def test_a_streamed_body_over_the_cap_is_refused_with_413() -> None:
    async with client(BodyLimit(echo, max_bytes=10)) as c:
        r = await c.post("/", content=chunks(b"x" * 6, b"x" * 6))
    assert "content-length" not in r.request.headers
    assert r.status_code == 413 and code(r) == "PAYLOAD_TOO_LARGE"


async def test_a_streamed_body_within_the_cap_is_handed_on_to_the_app_whole() -> None:
    async with client(BodyLimit(echo, max_bytes=10)) as c:
        r = await c.post("/", content=chunks(b"abc", b"def", b"gh"))
    assert r.status_code == 200 and r.json()["body"] == "abcdefgh"


async def test_a_client_that_disconnects_while_sending_its_body_gets_no_answer() -> None:
    sent: list[Message] = []
    called = False

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        nonlocal called
        called = True

    async def receive() -> Message:
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    await BodyLimit(app, max_bytes=10)({"type": "http", "method": "POST", "headers": []}, receive, send)
    assert sent == [] and not called


# Authenticate


async def test_a_request_without_a_token_reaches_the_app_with_no_principal() -> None:
    async with client(Authenticate(echo, SETTINGS)) as c:
        r = await c.get("/")
    assert r.status_code == 200 and r.json()["principal"] is None


@pytest.mark.parametrize("header", ["Basic abc", "Bearer", "Bearer   ", "Token abc"])
async def test_an_authorization_header_that_is_not_a_bearer_token_is_refused_with_401(header: str) -> None:
    async with client(Authenticate(echo, SETTINGS)) as c:
        r = await c.get("/", headers={"authorization": header})
    assert r.status_code == 401 and code(r) == "UNAUTHENTICATED"
    assert message(r) == "Authorization 头应为 Bearer 令牌"


async def test_a_token_that_does_not_verify_is_refused_with_401() -> None:
    expired = mint(SETTINGS, role=Role.ORG_ADMIN, subject="x", scope_id=None, ttl=timedelta(seconds=-5))
    async with client(Authenticate(echo, SETTINGS)) as c:
        for token in ("not-a-jwt", expired):
            r = await c.get("/", headers={"authorization": f"Bearer {token}"})
            assert r.status_code == 401 and code(r) == "UNAUTHENTICATED"
            assert message(r) == "令牌无效或已过期"


async def test_a_good_token_puts_its_principal_in_the_request_state() -> None:
    token = mint(
        SETTINGS, role=Role.COMMUNITY_ADMIN, subject="书记", scope_id="comm-shuguang", ttl=timedelta(hours=1)
    )
    async with client(Authenticate(echo, SETTINGS)) as c:
        r = await c.get("/", headers={"authorization": f"bearer {token}"})  # the scheme in any case
    assert r.status_code == 200
    assert r.json()["principal"] == ["书记", "COMMUNITY_ADMIN", "comm-shuguang"]


# Deadline


async def test_an_app_past_its_deadline_is_answered_504() -> None:
    async with client(Deadline(sleeper(5), seconds=0.05)) as c:
        r = await c.get("/")
    assert r.status_code == 504 and code(r) == "TIMEOUT"
    assert message(r) == "请求处理超过 0.05 秒,已中止"


async def test_a_spreadsheet_upload_has_its_own_deadline() -> None:
    async with client(Deadline(sleeper(0.2), seconds=0.05, upload_seconds=5)) as c:
        upload = await c.post("/transfer/import/needs")
        other = await c.post("/graphql")
    assert upload.status_code == 200 and upload.text == "done"
    assert other.status_code == 504


async def test_an_app_within_its_deadline_answers_as_usual() -> None:
    async with client(Deadline(sleeper(0), seconds=5)) as c:
        r = await c.get("/")
    assert r.status_code == 200 and r.text == "done"


async def test_a_response_already_started_is_not_turned_into_a_504() -> None:
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    deadline = Deadline(sleeper(5, start_first=True), seconds=0.05)
    with pytest.raises(TimeoutError):
        await deadline({"type": "http", "method": "GET", "headers": []}, receive, send)
    assert [m["type"] for m in sent] == ["http.response.start"] and sent[0]["status"] == 200


async def test_scopes_other_than_http_pass_through_every_middleware() -> None:
    seen: list[str] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        seen.append(scope["type"])

    async def receive() -> Message:
        raise AssertionError("nothing is read")

    async def send(message: Message) -> None:
        raise AssertionError("nothing is sent")

    stack = BodyLimit(Authenticate(Deadline(app, seconds=0), SETTINGS), max_bytes=0)
    await stack({"type": "lifespan"}, receive, send)
    assert seen == ["lifespan"]


# create_app


async def test_create_app_checks_the_body_cap_before_the_token() -> None:
    app = create_app(SETTINGS.model_copy(update={"max_body_bytes": 10}))
    async with client(app) as c:
        r = await c.post("/healthz", content=b"x" * 11, headers={"authorization": "Basic abc"})
    assert r.status_code == 413


async def test_create_app_refuses_a_bad_token_before_any_route_runs() -> None:
    async with client(create_app(SETTINGS)) as c:
        assert (await c.get("/healthz")).status_code == 200
        r = await c.get("/healthz", headers={"authorization": "Bearer not-a-jwt"})
    assert r.status_code == 401 and code(r) == "UNAUTHENTICATED"
