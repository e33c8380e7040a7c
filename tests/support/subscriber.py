"""A graphql-transport-ws subscriber for the tests, on the `websockets` client: connect with a bearer
token in connection_init's payload, subscribe, read `next` payloads or the close."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

PROTOCOL = "graphql-transport-ws"


class Closed(Exception):
    def __init__(self, code: int | None, reason: str) -> None:
        super().__init__(f"closed {code}: {reason}")
        self.code, self.reason = code, reason


class Subscriber:
    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self._ids = 0

    async def subscribe(self, query: str, variables: dict[str, Any] | None = None) -> str:
        self._ids += 1
        op = str(self._ids)
        payload = {"query": query, "variables": variables or {}}
        await self.ws.send(json.dumps({"id": op, "type": "subscribe", "payload": payload}))
        return op

    async def message(self, timeout: float = 5.0) -> dict[str, Any]:
        """The next message (next, error, complete); a close raises Closed with its code."""
        try:
            raw = await asyncio.wait_for(self.ws.recv(), timeout)
        except Exception as exc:
            if self.ws.close_code is not None:
                raise Closed(self.ws.close_code, self.ws.close_reason or "") from exc
            raise
        msg: dict[str, Any] = json.loads(raw)
        if msg["type"] == "ping":
            await self.ws.send(json.dumps({"type": "pong"}))
            return await self.message(timeout)
        return msg

    async def data(self, timeout: float = 5.0) -> dict[str, Any]:
        """The data of the next `next` message (failing on anything else)."""
        msg = await self.message(timeout)
        assert msg["type"] == "next" and "errors" not in msg["payload"], msg
        result: dict[str, Any] = msg["payload"]["data"]
        return result

    async def nothing(self, within: float) -> None:
        """No message arrives within `within` seconds."""
        try:
            msg = await asyncio.wait_for(self.ws.recv(), within)
        except TimeoutError:
            return
        raise AssertionError(f"unexpected message: {msg!r}")


@asynccontextmanager
async def subscriber(
    base_url: str, token: str | None, origin: str | None = None
) -> AsyncIterator[Subscriber]:
    """Connected and acknowledged; `origin` sends an Origin header, as a browser page would."""
    url = base_url.replace("http://", "ws://") + "/graphql"
    async with connect(url, subprotocols=[PROTOCOL], open_timeout=10, origin=origin) as ws:  # type: ignore[list-item,arg-type]
        payload = {"Authorization": f"Bearer {token}"} if token else {}
        await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
        s = Subscriber(ws)
        ack = await s.message()
        assert ack["type"] == "connection_ack", ack
        yield s
