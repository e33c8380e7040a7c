"""The request in progress, for what happens deeper down: its id (accepted from X-Request-Id or made
here), and what the GraphQL layer learnt about it (operation, kind, outcome) for the request's log line.

The RequestLog middleware (api/http.py) sets it for each HTTP request; the GraphQL extension
(api/observe.py) fills in the operation; graph/audit.py writes the id on the audit record."""

from __future__ import annotations

import os
import re
from contextvars import ContextVar
from dataclasses import dataclass, field

# what a request id from a client may be: a proxy's or a client's trace id, never free text in the logs
ACCEPTED_ID = re.compile(r"[A-Za-z0-9._:\-]{1,128}")


def request_id_from(header: str | None) -> str:
    """The client's X-Request-Id when it is a plain id (1–128 of A–Z a–z 0–9 . _ : -), else a new one."""
    if header and ACCEPTED_ID.fullmatch(header):
        return header
    return os.urandom(16).hex()  # 32 hex digits, as uuid4().hex, without making a UUID


@dataclass
class RequestInfo:
    id: str
    operation: str | None = None  # the GraphQL operation's name (None: anonymous operation)
    kind: str | None = None  # query, mutation, subscription
    outcome: str | None = None  # ok, or the first error's code
    error_codes: list[str] = field(default_factory=list)


current: ContextVar[RequestInfo | None] = ContextVar("orggraph_request", default=None)


def current_request_id() -> str | None:
    info = current.get()
    return info.id if info else None
