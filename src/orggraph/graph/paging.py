"""Keyset pagination in both directions: opaque cursors over (sort key, id), one query per filter
combination and direction."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from orggraph.domain.entities import Page
from orggraph.domain.errors import BadInput
from orggraph.domain.queries import Window
from orggraph.graph.runner import Graph

T = TypeVar("T")
MAX_CURSOR = 1000  # far above any cursor this service makes (a sort key of at most a few hundred chars)


def encode_cursor(sort_key: str, node_id: str) -> str:
    raw = json.dumps([sort_key, node_id], ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, field: str = "after") -> tuple[str, str] | None:
    if cursor is None:
        return None
    try:
        if len(cursor) > MAX_CURSOR:
            raise ValueError("too long")
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError):
        raise BadInput(f"{field}: 游标无效(不是本服务返回的游标)", field=field) from None
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise BadInput(f"{field}: 游标无效(不是本服务返回的游标)", field=field)
    return value[0], value[1]


_SEARCH_HITS = """
CALL () {{
  CALL db.index.fulltext.queryNodes('{index}', $search, {{limit: 1000}}) YIELD node
  RETURN collect(node.id) AS hits
}}
"""


def page_query(
    filters: dict[str, str], given: frozenset[str], backward: bool, *, match: str, node: str, key: str,
    anchors: dict[str, str] | None = None, search_index: str | None = None, counted: bool = True,
    projection: str | None = None, cursors: bool = True,
) -> str:  # fmt: skip
    """The keyset page query of one combination of filters (`given`, names of `filters`) and one
    direction (`backward`), holding only the fragments of the filters given: Neo4j then plans each
    combination on its own and uses the indexes (one generic "$x IS NULL OR ..." query is planned once
    for all combinations, as a scan). The text is made of the arguments only, which are constants of
    this code (fragments, labels, property names), picked by the closed set of filter names and the
    direction: no user text ever reaches the Cypher; values are parameters.

    The list is sorted by `key` then `{node}.id`. A page reads the items between the cursors
    ($afterKey/$afterId and $beforeKey/$beforeId, each null when not given), the first $limit of them
    going forward or the last $limit going backward (read in reverse, to be turned around), and
    collects `projection` of each (an expression over `node`; default `properties({node})`) as `nodes`.

    The one row also holds `total`, `earlier` and `later`:
    - `counted=True`: `total` counts the items that pass the filters, `earlier` those at or before the
      `after` cursor and `later` those at or after the `before` cursor (one pass over the filtered items).
    - `counted=False`: no count. `total` is null; `earlier` is 1 when an item passing the filters lies at
      or before the `after` cursor and 0 otherwise (0 at once when no `after` cursor is given: nothing is
      read), `later` likewise for the `before` cursor. Whether pages lie on either side (`earlier > 0`,
      `later > 0`, with the extra row of $limit) is exact either way, so a caller passes `counted=False`
      whenever it does not need the total, cursors or not.

    `anchors` replaces `match` when a filter is given that says where to start (a street's communities);
    with `search_index`, the search filter reads the hits of that full-text index. `cursors=False`: the
    query of a window without cursors (both pairs of parameters null), which leaves the cursor tests out
    (`earlier` and `later` are 0) instead of evaluating them on every item."""
    anchors = anchors or {}
    names = list(filters)
    unknown = given - set(names)
    if unknown:
        raise ValueError(f"unknown filters: {sorted(unknown)}")
    after = f"($afterKey IS NULL OR {key} > $afterKey OR ({key} = $afterKey AND {node}.id > $afterId))"
    before = f"($beforeKey IS NULL OR {key} < $beforeKey OR ({key} = $beforeKey AND {node}.id < $beforeId))"
    order = f"ORDER BY {key} DESC, {node}.id DESC" if backward else f"ORDER BY {key}, {node}.id"
    start = next((anchors[n] for n in names if n in given and n in anchors), match)
    where = [filters[n] for n in names if n in given and n not in anchors]
    searching = search_index is not None and "search" in given
    head = _SEARCH_HITS.format(index=search_index) if searching else ""
    carry = "hits" if searching else ""
    collected = projection or f"properties({node})"
    if not cursors:
        after = before = ""
        counts = (
            f"""CALL ({carry}) {{
  {start} {_where(where)}
  RETURN count(*) AS total, 0 AS earlier, 0 AS later
}}"""
            if counted
            else f"WITH null AS total, 0 AS earlier, 0 AS later{', hits' if searching else ''}"
        )
    elif counted:
        counts = f"""CALL ({carry}) {{
  {start} {_where(where)}
  RETURN count(*) AS total, count(CASE WHEN NOT {after} THEN 1 END) AS earlier,
         count(CASE WHEN NOT {before} THEN 1 END) AS later
}}"""
    else:
        # An existence check per cursor given, stopping at its first item; the guard before the MATCH
        # keeps Neo4j from reading anything when the cursor is not given (a WHERE after it would not).
        guard = carry or "1 AS one"
        counts = f"""CALL ({carry}) {{
  WITH {guard} WHERE $afterKey IS NOT NULL
  {start} {_where([*where, f"NOT {after}"])}
  WITH {node} LIMIT 1 RETURN count(*) AS earlier
}}
CALL ({carry}) {{
  WITH {guard} WHERE $beforeKey IS NOT NULL
  {start} {_where([*where, f"NOT {before}"])}
  WITH {node} LIMIT 1 RETURN count(*) AS later
}}
WITH null AS total, earlier, later{", hits" if searching else ""}"""
    return f"""{head}
{counts}
CALL ({carry}) {{
  {start} {_where([*where, *filter(None, (after, before))])}
  WITH {node} {order} LIMIT $limit RETURN collect({collected}) AS nodes
}}
RETURN total, earlier, later, nodes
"""


def page_variants(
    filters: dict[str, str], *, match: str, node: str, key: str, anchors: dict[str, str] | None = None,
    search_index: str | None = None, counted: bool = True, projection: str | None = None,
) -> dict[tuple[frozenset[str], bool], str]:  # fmt: skip
    """`page_query` for every combination of the filters and both directions (`True` for backward),
    built at import and picked by (the set of filter names given, backward)."""
    names = list(filters)
    out: dict[tuple[frozenset[str], bool], str] = {}
    for mask in range(2 ** len(names)):
        given = frozenset(n for i, n in enumerate(names) if mask >> i & 1)
        for backward in (False, True):
            out[given, backward] = page_query(
                filters, given, backward, match=match, node=node, key=key, anchors=anchors,
                search_index=search_index, counted=counted, projection=projection,
            )  # fmt: skip
    return out


@dataclass(frozen=True)
class PageShape:
    """One paginated list: its filter fragments, where it starts, its node variable and sort key (all
    constants), from which its page queries are made (`page_query`)."""

    filters: dict[str, str]
    match: str
    node: str
    key: str
    anchors: dict[str, str] | None = None
    search_index: str | None = None

    def query(
        self, given: frozenset[str], backward: bool, *, counted: bool, projection: str | None = None,
        cursors: bool = True,
    ) -> str:  # fmt: skip
        return page_query(
            self.filters, given, backward, match=self.match, node=self.node, key=self.key, anchors=self.anchors,
            search_index=self.search_index, counted=counted, projection=projection, cursors=cursors,
        )  # fmt: skip

    def variants(self, counted: bool) -> dict[tuple[frozenset[str], bool], str]:
        return page_variants(
            self.filters, match=self.match, node=self.node, key=self.key, anchors=self.anchors,
            search_index=self.search_index, counted=counted,
        )  # fmt: skip


def _where(fragments: list[str]) -> str:
    return "WHERE " + " AND ".join(fragments) if fragments else ""


def cursor_params(window: Window, key: Callable[[str, str], Any] = lambda k, _field: k) -> dict[str, Any]:
    """The cursors of a window as the page query's parameters; `key` turns a cursor's sort key back
    into the stored value (a date, for instance), refusing one this service did not make."""
    params: dict[str, Any] = {}
    for field, cursor in (("after", window.after), ("before", window.before)):
        decoded = decode_cursor(cursor, field)
        params[f"{field}Key"] = key(decoded[0], field) if decoded else None
        params[f"{field}Id"] = decoded[1] if decoded else None
    return params


async def fetch_page(
    graph: Graph,
    query: str,
    window: Window,
    params: dict[str, Any],
    key: Callable[[Any], str],
    mapper: Callable[[Any], T],
) -> Page[T]:
    """Run a page query of `page_query` for `window` (one more row than asked tells whether more
    lie beyond it, in its direction; `first: 0` and `last: 0` still say whether any do). The page's
    total is None when the query was built with `counted=False`."""
    limit = window.size
    records = await graph.read(query, limit=limit + 1, **params)
    row = records[0]
    nodes, total = row["nodes"], row["total"]
    beyond = len(nodes) > limit
    nodes = nodes[:limit]
    if window.backward:
        nodes.reverse()
        has_previous, has_next = beyond or row["earlier"] > 0, row["later"] > 0
    else:
        has_previous, has_next = row["earlier"] > 0, beyond or row["later"] > 0
    items = tuple((encode_cursor(key(n), n["id"]), mapper(n)) for n in nodes)
    return Page(items, has_next=has_next, has_previous=has_previous, total=total)
