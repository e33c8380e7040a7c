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


_SEARCH_HITS = """
CALL () {{
  CALL db.index.fulltext.queryNodes('{index}', $search, {{limit: 1000}}) YIELD node
  RETURN collect(node.id) AS hits
}}
"""


def page_variants(
    filters: dict[str, str], *, match: str, order: str, after: str, anchors: dict[str, str] | None = None,
    search_index: str | None = None,
) -> dict[frozenset[str], str]:  # fmt: skip
    """A keyset page query for every combination of the filters, each holding only the fragments of the
    filters given: Neo4j then plans each combination on its own and uses the indexes (one generic
    "$x IS NULL OR ..." query is planned once for all combinations, as a scan). Built at import from
    constants only and picked by the closed set of filter names: no user text ever reaches the Cypher.

    `anchors` replaces `match` when a filter is given that says where to start (a street's communities);
    with `search_index`, the search filter reads the hits of that full-text index."""
    anchors = anchors or {}
    out: dict[frozenset[str], str] = {}
    names = list(filters)
    for mask in range(2 ** len(names)):
        given = frozenset(n for i, n in enumerate(names) if mask >> i & 1)
        start = next((anchors[n] for n in names if n in given and n in anchors), match)
        where = [filters[n] for n in names if n in given and n not in anchors]
        searching = search_index is not None and "search" in given
        head = _SEARCH_HITS.format(index=search_index) if searching else ""
        carry = "hits" if searching else ""
        out[given] = f"""{head}
CALL ({carry}) {{ {start} {_where(where)} RETURN count(*) AS total }}
CALL ({carry}) {{
  {start} {_where([*where, after])}
  {order}
}}
RETURN total, nodes
"""
    return out


def _where(fragments: list[str]) -> str:
    return "WHERE " + " AND ".join(fragments) if fragments else ""


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
