"""Keyset pagination: opaque cursors over (sort key, id), page sizes capped."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from typing import Any, TypeVar

from orggraph.domain.entities import Page
from orggraph.domain.errors import BadInput
from orggraph.graph.runner import Graph

T = TypeVar("T")

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


async def fetch_page(
    graph: Graph,
    query: str,
    limit: int,
    params: dict[str, Any],
    key: Callable[[Any], str],
    mapper: Callable[[Any], T],
) -> Page[T]:
    """Run a keyset page query (returning `total` and `nodes`, at most $limit of them): one more row than
    asked tells whether more follow; `first: 0` still says whether any exist after the cursor."""
    records = await graph.read(query, limit=limit + 1 if limit else 1, **params)
    nodes, total = records[0]["nodes"], records[0]["total"]
    if limit == 0:
        return Page((), bool(nodes), total)
    items = tuple((encode_cursor(key(n), n["id"]), mapper(n)) for n in nodes[:limit])
    return Page(items, len(nodes) > limit, total)
