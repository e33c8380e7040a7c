"""The paginated lists of the root (needs, resources, communities, units), compiled: the same keyset
page queries as the slow path (graph/paging.page_query, one text per combination of the filters given
and the direction), with the compiled projection of each node instead of its properties, and the
count only when `totalCount` is selected or a cursor is given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graphql import FieldNode, GraphQLField, GraphQLObjectType
from graphql.execution.values import get_argument_values

from orggraph.api.compiled.catalog import Run
from orggraph.domain import model, taxonomy
from orggraph.domain.lifecycle import FINISHED, values
from orggraph.domain.queries import NeedQuery, ResourceQuery, Window
from orggraph.graph import library_reads, mapping, network_reads
from orggraph.graph.paging import PageShape, cursor_params, encode_cursor

if TYPE_CHECKING:
    from orggraph.api.compiled.planner import Compiler, Piece, RootPart


def _enum(enum: Any, value: Any) -> Any:
    return None if value is None else enum(value.value)


def _enums(enum: Any, given: Any) -> Any:
    return tuple(enum(v.value) for v in given) if given else None


def _need_params(args: dict[str, Any], window: Window, run: Run) -> dict[str, Any]:
    f = args.get("filter") or {}
    query = NeedQuery(
        community_id=f.get("communityId"),
        street_id=f.get("streetId"),
        statuses=_enums(model.NeedStatus, f.get("status")),
        domain=_enum(taxonomy.Domain, f.get("domain")),
        support_type=_enum(taxonomy.SupportType, f.get("supportType")),
        overdue=f.get("overdue"),
        search=f.get("search"),
        city_id=f.get("cityId"),
    )
    given = {k: v for k, v in library_reads.need_filters(query).items() if v is not None}
    return {
        **given, "today": run.today, "finished": values(FINISHED),
        **cursor_params(window, library_reads.date_key),
    }  # fmt: skip


def _resource_params(args: dict[str, Any], window: Window, _run: Run) -> dict[str, Any]:
    f = args.get("filter") or {}
    query = ResourceQuery(
        unit_id=f.get("unitId"),
        statuses=_enums(model.ResourceStatus, f.get("status")),
        support_type=_enum(taxonomy.SupportType, f.get("supportType")),
        domain=_enum(taxonomy.Domain, f.get("domain")),
        service_area=_enum(model.ServiceArea, f.get("serviceArea")),
        search=f.get("search"),
        city_id=f.get("cityId"),
    )
    given = {k: v for k, v in library_reads.resource_filters(query).items() if v is not None}
    return {**given, **cursor_params(window)}


def _community_params(args: dict[str, Any], window: Window, _run: Run) -> dict[str, Any]:
    given = {"streetId": args.get("streetId"), "search": network_reads.clean_search(args.get("search"))}
    return {**{k: v for k, v in given.items() if v is not None}, **cursor_params(window)}


def _unit_params(args: dict[str, Any], window: Window, _run: Run) -> dict[str, Any]:
    kind = args.get("kind")
    given = {"kind": kind.value if kind else None, "search": network_reads.clean_search(args.get("search"))}
    return {**{k: v for k, v in given.items() if v is not None}, **cursor_params(window)}


@dataclass(frozen=True)
class PageRoot:
    type_name: str
    shape: PageShape
    params: Callable[[dict[str, Any], Window, Run], dict[str, Any]]
    sort_key: Callable[[Any], str]  # the cursor's sort key from the node's properties

    @property
    def cursor_keys(self) -> frozenset[str]:
        """The properties a cursor is made of: the id and the shape's sort key (`n.neededBy`: neededBy)."""
        return frozenset({"id", self.shape.key.removeprefix(self.shape.node + ".")})


PAGES = {
    "needs": PageRoot(
        "Need", library_reads.NEED_SHAPE, _need_params, lambda p: str(mapping.to_date(p["neededBy"]))
    ),
    "resources": PageRoot("Resource", library_reads.RESOURCE_SHAPE, _resource_params, lambda p: p["title"]),
    "communities": PageRoot(
        "Community", network_reads.COMMUNITY_SHAPE, _community_params, lambda p: p["name"]
    ),
    "units": PageRoot("Unit", network_reads.UNIT_SHAPE, _unit_params, lambda p: p["name"]),
}


def page_part(c: Compiler, root: PageRoot, fdef: GraphQLField, nodes: list[FieldNode]) -> RootPart:
    from orggraph.api.compiled.planner import Fallback, NotCompilable, Piece, collect, serializer

    conn = c.object_type(fdef)
    fields = collect(c.fragments, conn.name, [n.selection_set for n in nodes if n.selection_set])
    edge_type = c.schema.get_type(conn.name.removesuffix("Connection") + "Edge")
    page_info_type = c.schema.get_type("PageInfo")
    assert isinstance(page_info_type, GraphQLObjectType)
    # the edges' nodes: one projection for the page query (a second, differently selected `edges`
    # or `node` would need a second one: not compiled)
    edge_nodes = [n for k in fields if fields[k][0].name.value == "edges" for n in fields[k]]
    edge_keys = [k for k in fields if fields[k][0].name.value == "edges"]
    if len(edge_keys) > 1:
        raise NotCompilable("two edges selections")
    edge_name = getattr(edge_type, "name", "")
    edge_fields = (
        collect(c.fragments, edge_name, [n.selection_set for n in edge_nodes if n.selection_set])
        if edge_nodes
        else {}
    )
    node_keys = [k for k in edge_fields if edge_fields[k][0].name.value == "node"]
    if len(node_keys) > 1:
        raise NotCompilable("two node selections")
    node_nodes = edge_fields[node_keys[0]] if node_keys else []
    projection, build_node = c.obj(root.type_name, {"node": root.shape.node}, node_nodes, root.cursor_keys)
    counted_selected = any(fields[k][0].name.value == "totalCount" for k in fields)

    edge_parts = [(key, fnodes[0].name.value) for key, fnodes in edge_fields.items()]

    def edge(cursor: str, value: Any, run: Run) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, name in edge_parts:
            if name == "node":
                out[key] = build_node(value, run)
            elif name == "cursor":
                out[key] = cursor
            elif name == "__typename":
                out[key] = edge_name
            else:
                raise Fallback(f"edge field {name}")
        return out

    # each pageInfo selection (under its own response key) with its own fields
    page_infos: dict[str, dict[str, list[FieldNode]]] = {
        key: collect(c.fragments, "PageInfo", [n.selection_set for n in fields[key] if n.selection_set])
        for key in fields
        if fields[key][0].name.value == "pageInfo"
    }
    ser_cursor = serializer(page_info_type.fields["startCursor"].type)
    for info_fields in page_infos.values():
        for sub in info_fields.values():
            if sub[0].name.value not in (
                "hasNextPage",
                "hasPreviousPage",
                "startCursor",
                "endCursor",
                "__typename",
            ):
                raise NotCompilable("PageInfo field")
    for sub in edge_fields.values():
        if sub[0].name.value not in ("cursor", "node", "__typename"):
            raise NotCompilable("edge field")
    for key in fields:
        if fields[key][0].name.value not in ("edges", "pageInfo", "totalCount", "__typename"):
            raise NotCompilable(f"{conn.name}.{fields[key][0].name.value}")
    cursors = any(sub[0].name.value == "cursor" for sub in edge_fields.values())

    def cursor_of(v: Any) -> str:
        return encode_cursor(root.sort_key(v[0]), v[0]["id"])

    texts: dict[tuple[frozenset[str], bool, bool, bool], str] = {}
    node = nodes[0]
    shape = root.shape

    def part(variables: Any, run: Run) -> Piece:
        args = get_argument_values(fdef, node, variables)
        window = Window.of(first=args.get("first"), after=args.get("after"), last=args.get("last"),
                           before=args.get("before"))  # fmt: skip
        params = root.params(args, window, run)
        given = frozenset(params) & frozenset(shape.filters)
        counted = counted_selected  # without the total, pageInfo stays exact (paging.page_query)
        cursored = params["afterKey"] is not None or params["beforeKey"] is not None
        key = (given, window.backward, counted, cursored)
        text = texts.get(key)
        if text is None:
            text = shape.query(
                given, window.backward, counted=counted, projection=projection, cursors=cursored
            )
            texts[key] = text
        params["limit"] = window.size + 1
        return Piece(
            "CALL () { " + text + " }",
            "[total, earlier, later, nodes]",
            params,
            lambda value, run: finish(value, window, run),
        )

    def finish(value: Any, window: Window, run: Run) -> dict[str, Any]:
        total, earlier, later, found = value
        limit = window.size
        beyond = len(found) > limit
        found = found[:limit]
        if window.backward:
            found.reverse()
            has_previous, has_next = beyond or earlier > 0, later > 0
        else:
            has_previous, has_next = earlier > 0, beyond or later > 0
        # a cursor is made only where one is selected (encoding one for every row of a page that shows
        # none was a tenth of a street's answer)
        items = [(cursor_of(v) if cursors else "", v) for v in found]
        out: dict[str, Any] = {}
        for key, fnodes in fields.items():
            name = fnodes[0].name.value
            if name == "edges":
                out[key] = [edge(cur, v, run) for cur, v in items]
            elif name == "totalCount":
                if total is None:
                    raise Fallback("not counted")
                out[key] = total
            elif name == "__typename":
                out[key] = conn.name
            else:
                info: dict[str, Any] = {}
                for k, sub in page_infos[key].items():
                    n = sub[0].name.value
                    info[k] = (
                        has_next if n == "hasNextPage"
                        else has_previous if n == "hasPreviousPage"
                        else ser_cursor(cursor_of(found[0]) if found else None) if n == "startCursor"
                        else ser_cursor(cursor_of(found[-1]) if found else None) if n == "endCursor"
                        else "PageInfo"
                    )  # fmt: skip
                out[key] = info
        return out

    return part
