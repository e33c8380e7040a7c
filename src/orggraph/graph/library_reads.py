"""Paginated lists of the two libraries, with filters and full-text search (the cjk indexes)."""

from __future__ import annotations

from datetime import date
from typing import Any

from orggraph.domain import entities as e
from orggraph.domain.errors import BadInput
from orggraph.domain.lifecycle import FINISHED, values
from orggraph.domain.queries import NeedQuery, ResourceQuery
from orggraph.domain.text import lucene_phrases
from orggraph.graph import mapping
from orggraph.graph.paging import decode_cursor, fetch_page, page_variants
from orggraph.graph.runner import Graph

# Each filter is a constant fragment; a page query holds only the fragments of the filters given, so
# that Neo4j plans each combination on its own and uses the indexes (a generic "$x IS NULL OR ..."
# query is planned once for every combination, as a scan). The variants are built at import, from
# constants only, and picked by the closed set of filter names: no user text ever reaches the Cypher.
_NEED_FILTERS = {
    "statuses": "n.status IN $statuses",
    "domain": "n.domain = $domain",
    "supportType": "$supportType IN n.supportTypes",
    "overdue": "$overdue = (n.neededBy < $today AND NOT n.status IN $finished)",  # lifecycle.is_overdue
    "search": "n.id IN hits",
    "communityId": "c.id = $communityId",
    "streetId": "EXISTS { (c)-[:PART_OF]->(:Street {id: $streetId}) }",
}
_RESOURCE_FILTERS = {
    "statuses": "r.status IN $statuses",
    "supportType": "r.supportType = $supportType",
    "domain": "$domain IN r.domains",
    "serviceArea": "r.serviceArea = $serviceArea",
    "search": "r.id IN hits",
    "unitId": "u.id = $unitId",
}


NEED_PAGE = page_variants(
    _NEED_FILTERS,
    match="MATCH (c:Community)-[:RAISED]->(n:Need)",
    order="WITH n ORDER BY n.neededBy, n.id LIMIT $limit RETURN collect(properties(n)) AS nodes",
    after="($afterKey IS NULL OR n.neededBy > $afterKey OR (n.neededBy = $afterKey AND n.id > $afterId))",
    search_index="need_text",
)
_NEED_KEYS = frozenset(_NEED_FILTERS)
_RESOURCE_KEYS = frozenset(_RESOURCE_FILTERS)
RESOURCE_PAGE = page_variants(
    _RESOURCE_FILTERS,
    match="MATCH (u:Unit)-[:OFFERS]->(r:Resource)",
    order="WITH r ORDER BY r.title, r.id LIMIT $limit RETURN collect(properties(r)) AS nodes",
    after="($afterKey IS NULL OR r.title > $afterKey OR (r.title = $afterKey AND r.id > $afterId))",
    search_index="resource_text",
)


def _search(search: str | None) -> str | None:
    if search is None or not search.strip():
        return None
    if len(search) > 50:
        raise BadInput("search: 搜索词不能超过 50 个字", field="search")
    return lucene_phrases(search.strip())


def _need_filters(q: NeedQuery) -> dict[str, Any]:
    return {
        "communityId": q.community_id,
        "streetId": q.street_id,
        "statuses": [s.value for s in q.statuses] if q.statuses else None,
        "domain": q.domain.value if q.domain else None,
        "supportType": q.support_type.value if q.support_type else None,
        "overdue": q.overdue,
        "search": _search(q.search),
    }


def _resource_filters(q: ResourceQuery) -> dict[str, Any]:
    return {
        "unitId": q.unit_id,
        "statuses": [s.value for s in q.statuses] if q.statuses else None,
        "supportType": q.support_type.value if q.support_type else None,
        "domain": q.domain.value if q.domain else None,
        "serviceArea": q.service_area.value if q.service_area else None,
        "search": _search(q.search),
    }


async def need_page(
    graph: Graph, query: NeedQuery, *, first: int, after: str | None, today: date
) -> e.Page[e.Need]:
    cursor = decode_cursor(after)
    after_key: date | None = None
    if cursor:
        try:
            after_key = date.fromisoformat(cursor[0])
        except ValueError:
            raise BadInput("after: 游标无效(不是本服务返回的游标)", field="after") from None
    given = {k: v for k, v in _need_filters(query).items() if v is not None}
    params = {
        **given,
        "today": today,
        "finished": values(FINISHED),
        "afterKey": after_key,
        "afterId": cursor[1] if cursor else None,
    }
    page: e.Page[e.Need] = await fetch_page(
        graph,
        NEED_PAGE[frozenset(given) & _NEED_KEYS],
        first,
        params,
        lambda n: str(mapping.to_date(n["neededBy"])),
        mapping.need,
    )
    return page


async def resource_page(
    graph: Graph, query: ResourceQuery, *, first: int, after: str | None
) -> e.Page[e.Resource]:
    cursor = decode_cursor(after)
    given = {k: v for k, v in _resource_filters(query).items() if v is not None}
    params = {**given, "afterKey": cursor[0] if cursor else None, "afterId": cursor[1] if cursor else None}
    page: e.Page[e.Resource] = await fetch_page(
        graph,
        RESOURCE_PAGE[frozenset(given) & _RESOURCE_KEYS],
        first,
        params,
        lambda n: n["title"],
        mapping.resource,
    )
    return page
