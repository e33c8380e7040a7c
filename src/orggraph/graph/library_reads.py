"""Paginated lists of the two libraries, with filters and full-text search (the cjk indexes)."""

from __future__ import annotations

from datetime import date
from typing import Any

from orggraph.domain import entities as e
from orggraph.domain.errors import BadInput
from orggraph.domain.lifecycle import FINISHED, values
from orggraph.domain.queries import NeedQuery, ResourceQuery, Window
from orggraph.domain.text import lucene_phrases
from orggraph.graph import mapping
from orggraph.graph.paging import PageShape, cursor_params, fetch_page
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
    "cityId": "",  # the anchor says it
}
_RESOURCE_FILTERS = {
    "statuses": "r.status IN $statuses",
    "supportType": "r.supportType = $supportType",
    "domain": "$domain IN r.domains",
    "serviceArea": "r.serviceArea = $serviceArea",
    "search": "r.id IN hits",
    "unitId": "u.id = $unitId",
    "cityId": "",  # the anchor says it
}


# Every need has a neededBy and an id: saying so lets Neo4j use the composite index
# need_status_domain_neededby (status, domain, neededBy, id; 007), used only with a predicate on each of
# its properties, for the status and domain filters, and the neededBy index in the list's order.
_NEEDS = "MATCH (c:Community)-[:RAISED]->(n:Need WHERE n.neededBy IS NOT NULL AND n.id IS NOT NULL)"
# One city's: from its entries of need_city_list and resource_city_title (019), in the list's order.
_NEED_ANCHORS = {
    "cityId": "MATCH (c:Community)-[:RAISED]->(n:Need WHERE n.cityId = $cityId AND n.neededBy IS NOT NULL "
    "AND n.id IS NOT NULL) USING INDEX n:Need(cityId, neededBy, id)"
}
_RESOURCE_ANCHORS = {
    "cityId": "MATCH (u:Unit)-[:OFFERS]->(r:Resource WHERE r.cityId = $cityId AND r.title IS NOT NULL) "
    "USING INDEX r:Resource(cityId, title)"
}
NEED_SHAPE = PageShape(
    _NEED_FILTERS, match=_NEEDS, node="n", key="n.neededBy", search_index="need_text", anchors=_NEED_ANCHORS
)
RESOURCE_SHAPE = PageShape(
    _RESOURCE_FILTERS, match="MATCH (u:Unit)-[:OFFERS]->(r:Resource)", node="r", key="r.title",
    search_index="resource_text", anchors=_RESOURCE_ANCHORS,
)  # fmt: skip
# by whether the total is counted (only when the caller asks for it), then by filters given and direction
NEED_PAGE = {counted: NEED_SHAPE.variants(counted) for counted in (True, False)}
RESOURCE_PAGE = {counted: RESOURCE_SHAPE.variants(counted) for counted in (True, False)}
_NEED_KEYS = frozenset(_NEED_FILTERS)
_RESOURCE_KEYS = frozenset(_RESOURCE_FILTERS)


def _search(search: str | None) -> str | None:
    if search is None or not search.strip():
        return None
    if len(search) > 50:
        raise BadInput("search: 搜索词不能超过 50 个字", field="search")
    return lucene_phrases(search.strip())


def need_filters(q: NeedQuery) -> dict[str, Any]:
    return {
        "communityId": q.community_id,
        "streetId": q.street_id,
        "cityId": q.city_id,
        "statuses": [s.value for s in q.statuses] if q.statuses else None,
        "domain": q.domain.value if q.domain else None,
        "supportType": q.support_type.value if q.support_type else None,
        "overdue": q.overdue,
        "search": _search(q.search),
    }


def resource_filters(q: ResourceQuery) -> dict[str, Any]:
    return {
        "unitId": q.unit_id,
        "cityId": q.city_id,
        "statuses": [s.value for s in q.statuses] if q.statuses else None,
        "supportType": q.support_type.value if q.support_type else None,
        "domain": q.domain.value if q.domain else None,
        "serviceArea": q.service_area.value if q.service_area else None,
        "search": _search(q.search),
    }


def date_key(key: str, field: str) -> date:
    try:
        return date.fromisoformat(key)
    except ValueError:
        raise BadInput(f"{field}: 游标无效(不是本服务返回的游标)", field=field) from None


async def need_page(
    graph: Graph, query: NeedQuery, window: Window, *, today: date, counted: bool = True
) -> e.Page[e.Need]:
    """A page of the needs; with `counted=False` its total is None (not counted), the rest the same."""
    given = {k: v for k, v in need_filters(query).items() if v is not None}
    params = {**given, "today": today, "finished": values(FINISHED), **cursor_params(window, date_key)}
    page: e.Page[e.Need] = await fetch_page(
        graph,
        NEED_PAGE[counted][frozenset(given) & _NEED_KEYS, window.backward],
        window,
        params,
        lambda n: str(mapping.to_date(n["neededBy"])),
        mapping.need,
    )
    return page


async def resource_page(
    graph: Graph, query: ResourceQuery, window: Window, *, counted: bool = True
) -> e.Page[e.Resource]:
    """A page of the resources; with `counted=False` its total is None (not counted), the rest the same."""
    given = {k: v for k, v in resource_filters(query).items() if v is not None}
    page: e.Page[e.Resource] = await fetch_page(
        graph,
        RESOURCE_PAGE[counted][frozenset(given) & _RESOURCE_KEYS, window.backward],
        window,
        {**given, **cursor_params(window)},
        lambda n: n["title"],
        mapping.resource,
    )
    return page
