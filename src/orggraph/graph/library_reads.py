"""Paginated lists of the two libraries, with filters and full-text search (the cjk indexes)."""

from __future__ import annotations

from datetime import date
from typing import Any

from orggraph.domain import entities as e
from orggraph.domain.errors import BadInput
from orggraph.domain.text import lucene_phrases
from orggraph.graph import mapping
from orggraph.graph.paging import decode_cursor, fetch_page
from orggraph.graph.runner import Graph

_NEED_WHERE = """
  ($communityId IS NULL OR c.id = $communityId)
  AND ($streetId IS NULL OR EXISTS { (c)-[:PART_OF]->(:Street {id: $streetId}) })
  AND ($statuses IS NULL OR n.status IN $statuses)
  AND ($domain IS NULL OR n.domain = $domain)
  AND ($supportType IS NULL OR $supportType IN n.supportTypes)
  AND ($overdue IS NULL OR ($overdue = (n.neededBy < $today AND NOT n.status IN ['DONE', 'RATED', 'REJECTED'])))
  AND ($search IS NULL OR n.id IN hits)
"""
NEED_PAGE = f"""
CALL () {{
  CALL db.index.fulltext.queryNodes('need_text', coalesce($search, 'x'), {{limit: 1000}}) YIELD node
  WHERE $search IS NOT NULL
  RETURN collect(node.id) AS hits
}}
CALL (hits) {{ MATCH (c:Community)-[:RAISED]->(n:Need) WHERE {_NEED_WHERE} RETURN count(n) AS total }}
CALL (hits) {{
  MATCH (c:Community)-[:RAISED]->(n:Need) WHERE {_NEED_WHERE}
    AND ($afterKey IS NULL OR n.neededBy > $afterKey OR (n.neededBy = $afterKey AND n.id > $afterId))
  WITH n ORDER BY n.neededBy, n.id LIMIT $limit
  RETURN collect(properties(n)) AS nodes
}}
RETURN total, nodes
"""

_RESOURCE_WHERE = """
  ($unitId IS NULL OR u.id = $unitId)
  AND ($statuses IS NULL OR r.status IN $statuses)
  AND ($supportType IS NULL OR r.supportType = $supportType)
  AND ($domain IS NULL OR $domain IN r.domains)
  AND ($serviceArea IS NULL OR r.serviceArea = $serviceArea)
  AND ($search IS NULL OR r.id IN hits)
"""
RESOURCE_PAGE = f"""
CALL () {{
  CALL db.index.fulltext.queryNodes('resource_text', coalesce($search, 'x'), {{limit: 1000}}) YIELD node
  WHERE $search IS NOT NULL
  RETURN collect(node.id) AS hits
}}
CALL (hits) {{ MATCH (u:Unit)-[:OFFERS]->(r:Resource) WHERE {_RESOURCE_WHERE} RETURN count(r) AS total }}
CALL (hits) {{
  MATCH (u:Unit)-[:OFFERS]->(r:Resource) WHERE {_RESOURCE_WHERE}
    AND ($afterKey IS NULL OR r.title > $afterKey OR (r.title = $afterKey AND r.id > $afterId))
  WITH r ORDER BY r.title, r.id LIMIT $limit
  RETURN collect(properties(r)) AS nodes
}}
RETURN total, nodes
"""


def _search(search: str | None) -> str | None:
    if search is None or not search.strip():
        return None
    if len(search) > 50:
        raise BadInput("search: 搜索词不能超过 50 个字", field="search")
    return lucene_phrases(search.strip())


async def need_page(
    graph: Graph, *, filters: dict[str, Any], first: int, after: str | None, today: date
) -> e.Page[e.Need]:
    cursor = decode_cursor(after)
    after_key: date | None = None
    if cursor:
        try:
            after_key = date.fromisoformat(cursor[0])
        except ValueError:
            raise BadInput("after: 游标无效(不是本服务返回的游标)", field="after") from None
    params = {
        "communityId": None, "streetId": None, "statuses": None, "domain": None, "supportType": None,
        "overdue": None, **filters, "search": _search(filters.get("search")), "today": today,
        "afterKey": after_key, "afterId": cursor[1] if cursor else None,
    }  # fmt: skip
    page: e.Page[e.Need] = await fetch_page(
        graph, NEED_PAGE, first, params, lambda n: str(mapping.to_date(n["neededBy"])), mapping.need
    )
    return page


async def resource_page(
    graph: Graph, *, filters: dict[str, Any], first: int, after: str | None
) -> e.Page[e.Resource]:
    cursor = decode_cursor(after)
    params = {
        "unitId": None, "statuses": None, "supportType": None, "domain": None, "serviceArea": None, **filters,
        "search": _search(filters.get("search")), "afterKey": cursor[0] if cursor else None,
        "afterId": cursor[1] if cursor else None,
    }  # fmt: skip
    page: e.Page[e.Resource] = await fetch_page(
        graph, RESOURCE_PAGE, first, params, lambda n: n["title"], mapping.resource
    )
    return page
