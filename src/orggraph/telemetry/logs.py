"""One JSON line per request on the `orggraph.request` logger (stderr by default): the request id, the
method and route, the GraphQL operation's name, kind and outcome, the principal's role, the status and
the duration. Never the token, the body, the variables or any personal data: the role, not the subject.

    {"ts": "2026-11-28T21:30:00.123+00:00", "level": "info", "requestId": "3f2c...", "method": "POST",
     "path": "/graphql", "status": 200, "durationMs": 12.4, "operation": "CommunityDetail",
     "kind": "query", "outcome": "ok", "role": "ORG_ADMIN"}
"""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from typing import Any

import orjson

REQUEST_LOGGER = "orggraph.request"


class JsonLines(logging.Formatter):
    """A record's `fields` (a dict) as one JSON object per line, with the time and level."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            line.update(fields)
        else:
            line["message"] = record.getMessage()
        return orjson.dumps(line, default=str).decode()


def request_logger(enabled: bool) -> logging.Logger:
    """The request logger, writing JSON lines to stderr once (a handler is added on first use); off
    when `enabled` is false (ORGGRAPH_REQUEST_LOG=false)."""
    logger = logging.getLogger(REQUEST_LOGGER)
    if not any(getattr(h, "orggraph_json", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonLines())
        handler.orggraph_json = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.INFO if enabled else logging.CRITICAL + 1)
    return logger
