"""Keyset pagination: opaque cursors over (sort key, id), page sizes capped."""

from __future__ import annotations

import base64
import binascii
import json

from orggraph.domain.errors import BadInput

DEFAULT_PAGE = 20
MAX_PAGE = 100


def encode_cursor(sort_key: str, node_id: str) -> str:
    raw = json.dumps([sort_key, node_id], ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, field: str = "after") -> tuple[str, str] | None:
    if cursor is None:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise BadInput(f"{field}: 游标无效(不是本服务返回的游标)", field=field) from None
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise BadInput(f"{field}: 游标无效(不是本服务返回的游标)", field=field)
    return value[0], value[1]


def page_size(first: int | None, field: str = "first", maximum: int = MAX_PAGE) -> int:
    if first is None:
        return DEFAULT_PAGE
    if first < 0:
        raise BadInput(f"{field}: 不能为负数", field=field)
    if first > maximum:
        raise BadInput(f"{field}: 每页最多 {maximum} 条", field=field)
    return first
