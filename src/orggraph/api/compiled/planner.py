"""The operation compiler: a validated query document and its operation, compiled once into a Plan
that answers any request of that operation with ONE Cypher statement and builds the response's
`data` itself, without graphql-core's execution.

- Fields are collected as graphql-core would (fragments, inline fragments, merging by response key,
  `@skip`/`@include` with literal conditions); field order in the answer follows the selection.
- Each root field is one expression of the statement's RETURN (lookups and lists as COLLECT
  subqueries) or, for a page or the network, one CALL; related objects are pattern comprehensions
  whose items carry their sort key, put in the hop's order by the builder (a single object is the
  first in that order). Objects come back as positional lists
  `[properties, sub1, sub2, ...]`: aliases never reach Cypher.
- What is not covered raises NotCompilable at compile time (the operation then always goes to
  strawberry); what goes wrong at run time (an argument the resolvers would refuse, a null where the
  schema says non-null, a value that does not decode) raises Fallback, and strawberry answers that
  request with the canonical errors and partial data.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from graphql import (
    BooleanValueNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    Undefined,
    get_named_type,
    is_enum_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_scalar_type,
)
from graphql.execution.get_variable_signature import GraphQLVariableSignature, get_variable_signature
from graphql.execution.values import (
    VariableValues,
    VariableValueSource,
    get_argument_values,
    get_variable_values,
)

from orggraph.api.compiled.catalog import LABELS, TYPES, Bound, Follow, Get, Run
from orggraph.api.limits import _cost
from orggraph.graph import network_reads

Build = Callable[[Any, Run], Any]


class NotCompilable(Exception):
    """The operation has a part the compiler does not cover: strawberry answers it."""


class Fallback(Exception):
    """This request cannot be answered on the fast path: strawberry answers it."""


def _fallback(why: str) -> Any:
    raise Fallback(why)


# ------------------------------------------------------------------ collecting fields


def _included(node: FieldNode | InlineFragmentNode | FragmentSpreadNode) -> bool:
    keep = True
    for d in node.directives or ():
        name = d.name.value
        if name not in ("skip", "include"):
            raise NotCompilable(f"directive @{name}")
        arg = next((a for a in d.arguments or () if a.name.value == "if"), None)
        if arg is None or not isinstance(arg.value, BooleanValueNode):
            raise NotCompilable(f"@{name} on a variable")  # the plan would have to key on it
        keep = keep and (arg.value.value if name == "include" else not arg.value.value)
    return keep


def collect(
    fragments: dict[str, FragmentDefinitionNode], type_name: str, sets: list[SelectionSetNode]
) -> dict[str, list[FieldNode]]:
    """The fields selected on an object type, by response key, in order (CollectFields of the spec)."""
    out: dict[str, list[FieldNode]] = {}
    seen: set[str] = set()

    def walk(selection_set: SelectionSetNode) -> None:
        for sel in selection_set.selections:
            if not _included(sel):  # type: ignore[arg-type]
                continue
            if isinstance(sel, FieldNode):
                out.setdefault(sel.alias.value if sel.alias else sel.name.value, []).append(sel)
            elif isinstance(sel, InlineFragmentNode):
                if sel.type_condition is not None and sel.type_condition.name.value != type_name:
                    raise NotCompilable("a fragment on another type")
                walk(sel.selection_set)
            elif isinstance(sel, FragmentSpreadNode):
                name = sel.name.value
                if name in seen:
                    continue
                seen.add(name)
                frag = fragments[name]
                if frag.type_condition.name.value != type_name:
                    raise NotCompilable("a fragment on another type")
                walk(frag.selection_set)

    for s in sets:
        walk(s)
    return out


# ------------------------------------------------------------------ leaves


def serializer(gtype: GraphQLOutputType) -> Callable[[Any], Any]:
    """From a resolved value to its JSON, as graphql-core completes a leaf (or a list of leaves);
    a null where the type is non-null, or a value the type refuses, raises."""
    nonnull = is_non_null_type(gtype)
    inner: Any = gtype.of_type if nonnull else gtype  # type: ignore[union-attr]
    f: Callable[[Any], Any]
    if is_list_type(inner):
        item = serializer(inner.of_type)

        def f(v: Any) -> Any:
            return [item(x) for x in v]

    elif is_enum_type(inner):
        names = {v.value: name for name, v in inner.values.items()}

        def f(v: Any) -> Any:
            return names[getattr(v, "value", v)]

    elif is_scalar_type(inner):
        serialize = inner.serialize
        if inner.name in ("String", "ID"):

            def f(v: Any) -> Any:
                return v if type(v) is str else serialize(v)

        else:
            f = serialize
    else:
        raise NotCompilable(f"leaf type {inner}")
    text = is_scalar_type(inner) and inner.name in ("String", "ID")
    out: Callable[[Any], Any]
    if nonnull and text:
        serialize_text = inner.serialize

        def checked_text(v: Any) -> Any:
            if type(v) is str:
                return v
            return _fallback("null in a non-null field") if v is None else serialize_text(v)

        out = checked_text
    elif nonnull:

        def checked(v: Any) -> Any:
            return _fallback("null in a non-null field") if v is None else f(v)

        out = checked
    else:

        def nullable(v: Any) -> Any:
            return None if v is None else f(v)

        out = nullable
    # what a generated builder may do in place of the call when the value is a str (_object_builder):
    # keep it (String, ID), or look its name up (an enum); the call stays for anything else
    if text:
        setattr(out, "inline", ("text", None))  # noqa: B010
    elif is_enum_type(inner):
        setattr(out, "inline", ("enum", names))  # noqa: B010
    return out


# ------------------------------------------------------------------ the compile context


@dataclass
class Compiler:
    schema: GraphQLSchema
    fragments: dict[str, FragmentDefinitionNode]
    names: Any = field(default_factory=lambda: itertools.count(1))
    # the statement's parameters from the request: name -> f(variables)
    params: dict[str, Callable[[Any], Any]] = field(default_factory=dict)

    def var(self, prefix: str) -> str:
        return f"{prefix}{next(self.names)}"

    def param(self, value: Callable[[Any], Any]) -> str:
        name = self.var("q")
        self.params[name] = value
        return "$" + name

    def object_type(self, fdef: GraphQLField) -> GraphQLObjectType:
        t = get_named_type(fdef.type)
        if not isinstance(t, GraphQLObjectType):
            raise NotCompilable(f"{t} is not an object type")
        return t

    def obj(
        self,
        type_name: str,
        env: dict[str, str],
        nodes: list[FieldNode],
        keep: frozenset[str] = frozenset(),
        lead: tuple[str, ...] = (),
    ) -> tuple[str, Build]:
        """The Cypher expression of an object of `type_name` over the variables in `env`, and the
        builder of its JSON from the expression's value. `keep`: properties projected whatever is
        selected (a page's cursor is made from its nodes' sort key and id). `lead`: expressions put first
        in the object's list (a hop's sort key and id), which the builder skips.
        The value is one flat list: `lead`, then the properties (each on its own, or one map), then one
        entry for each related object: every nested list costs Neo4j, Bolt and the driver (2026-12-01: a
        street's page 0.23 ms with the sort keys and the properties in lists of their own)."""
        spec = TYPES.get(type_name)
        if spec is None:
            raise NotCompilable(f"type {type_name}")
        gtype = self.schema.get_type(type_name)
        assert isinstance(gtype, GraphQLObjectType)
        fields = collect(self.fragments, type_name, [n.selection_set for n in nodes if n.selection_set])
        base = env[spec.base]
        selected = {fnodes[0].name.value for fnodes in fields.values()}
        # the entity is decoded unless every selected value field is plain (catalog.TypeSpec.plain)
        decoded = any(
            isinstance(spec.fields.get(n), Get) and n not in spec.plain for n in selected if n != "__typename"
        )
        keys = spec.projected(selected | keep, decoded)
        # an object of plain fields whose keys nothing else reads (a page's cursor does) comes as a list of its
        # values in `keys`' order: no map for Neo4j to build and the driver to decode
        positional = not decoded and not keep
        if positional:
            proj = ", ".join(spec.value(base, k) for k in keys)
        else:  # a key as is, unless its value is not the stored property's (catalog.TypeSpec.value)
            proj = ", ".join(
                f"`{k}`: {value}" if (value := spec.value(base, k)) != f"{base}.`{k}`" else f".`{k}`"
                for k in keys
            )
        subs: list[str] = []
        first_sub = len(lead) + (len(keys) if positional else 1)  # the related objects' place in the list
        builders: list[tuple[str, Callable[[Any, list[Any], Run], Any]]] = []
        reads: dict[int, tuple[str, Callable[[Any], Any]]] = {}  # builder index -> (attribute, serializer)
        for key, fnodes in fields.items():
            name = fnodes[0].name.value
            if name == "__typename":
                builders.append((key, _const(type_name)))
                continue
            spec_field = spec.fields.get(name)
            if spec_field is None:
                raise NotCompilable(f"{type_name}.{name}")
            fdef = gtype.fields[name]
            nonnull = is_non_null_type(fdef.type)
            if isinstance(spec_field, Get):
                ser = serializer(fdef.type)
                builders.append((key, _leaf(spec_field.get, ser)))
                if spec_field.attr is not None:
                    reads[len(builders) - 1] = (spec_field.attr, ser)
                continue
            child = self.object_type(fdef)
            idx = first_sub + len(subs)
            if isinstance(spec_field, Bound):
                expr, build = self.obj(child.name, {"node": env[spec_field.role]}, fnodes)
                subs.append(expr)
                builders.append((key, _one(idx, build, nonnull)))
                continue
            text, build = self._follow(spec_field, env["node"], child.name, fdef, fnodes)
            subs.append(text)
            builders.append((key, _many(idx, build) if spec_field.many else _first(idx, build, nonnull)))
        head = [*lead, *([proj] if proj else [])] if positional else [*lead, f"{base} {{{proj}}}"]
        expr = "[" + ", ".join(head + subs) + "]"
        return expr, _object_builder(
            spec.decode if decoded else None, builders, reads, keys if positional else None, len(lead)
        )

    def _follow(
        self, f: Follow, start: str, child: str, fdef: GraphQLField, fnodes: list[FieldNode]
    ) -> tuple[str, Build]:
        hop = f.hop
        end, rel = self.var("v"), self.var("r")
        roles = f.roles(start, end, rel) if f.roles else {"node": end}
        # each item with its sort key and id first: the builder puts them in the hop's order (ORDER BY
        # b.<order>, b.id); a date key as its ISO text (catalog.TypeSpec.dates), which ranks as the date
        # does (four-digit years)
        key = f"{end}.{hop.order}"
        if hop.order in TYPES[child].dates:
            key = f"toString({key})"
        expr, build = self.obj(child, roles, fnodes, lead=(key, f"{end}.id"))
        left, right = ("-", "->") if hop.outgoing else ("<-", "-")
        where = ""
        if f.where is not None:
            arg, predicate, convert = f.where
            node = fnodes[0]

            def value(variables: Any, arg: str = arg, node: FieldNode = node) -> Any:
                given = get_argument_values(fdef, node, variables).get(arg)
                return None if given is None else convert(given)

            p = self.param(value)
            where = f"WHERE {p} IS NULL OR " + predicate.format(end=end, rel=rel, param=p)
        # a pattern comprehension (cheaper for Neo4j than a sorted COLLECT subquery)
        text = f"[({start}){left}[{rel}:{hop.rel.value}]{right}({end}:{hop.end.value}) {where} | {expr}]"
        return text, build


def _object_builder(
    decode: Callable[[Any], Any] | None,
    builders: list[tuple[str, Callable[[Any, list[Any], Run], Any]]],
    reads: dict[int, tuple[str, Callable[[Any], Any]]],
    positions: tuple[str, ...] | None = None,
    offset: int = 0,
) -> Build:
    """The builder of one object's JSON, generated as one function: the decoded entity's plain attributes
    read and serialized in place, the other fields through their builders, the keys in the selection's
    order. Without `decode` (every selected value field is plain: catalog.TypeSpec.plain) the values are
    read from the projected properties themselves, and a missing one (null) leaves the request to strawberry,
    as the decoder's KeyError would. Only catalog attribute names (identifiers, checked by catalog._attr)
    reach the generated code; the response keys (the document's aliases) are passed in as values, never
    written into it."""
    parts = []
    for i in range(len(builders)):
        if i in reads:
            if decode is not None:
                read = f"entity.{reads[i][0]}"
            elif positions is not None:  # the values came in `positions`' order, after `offset` others
                read = f"value[{offset + positions.index(reads[i][0])}]"
            else:
                read = f"props[{reads[i][0]!r}]"
            inline = getattr(reads[i][1], "inline", None)
            if inline is None:
                parts.append(f"K[{i}]: S[{i}]({read})")
            elif inline[0] == "text":  # a str is its own JSON: no call
                parts.append(f"K[{i}]: (x if type(x := {read}) is str else S[{i}](x))")
            else:  # an enum's name by its value, as the serializer looks it up
                parts.append(f"K[{i}]: (N[{i}][x] if type(x := {read}) is str else S[{i}](x))")
        else:
            parts.append(f"K[{i}]: F[{i}](entity, value, run)")
    # `any(map(is_none, ...))` rather than `None in props.values()`: `in` calls each value's __eq__, the
    # driver's dates' in Python
    if decode is not None:
        start = (
            "    if any(map(is_none, props.values())):\n"  # a missing property comes back null: strip it, as properties() would
            "        props = {k: v for k, v in props.items() if v is not None}\n"
            "    entity = decode(props)\n"
        )
    elif positions is None:
        start = (
            "    if any(map(is_none, props.values())):\n        fallback('a required property is missing')\n"
            "    entity = None\n"
        )
    elif positions:
        start = (
            f"    if any(map(is_none, value[{offset}:{offset + len(positions)}])):\n"
            "        fallback('a required property is missing')\n"
            "    entity = None\n"
        )
    else:
        start = "    entity = None\n"
    source = (
        "def build_obj(value, run):\n"
        + ("" if positions is not None else f"    props = value[{offset}]\n")
        + start
        + "    return {"
        + ", ".join(parts)
        + "}\n"
    )
    namespace: dict[str, Any] = {
        "is_none": functools.partial(operator.is_, None),
        "fallback": _fallback,
        "decode": decode,
        "K": tuple(key for key, _ in builders),
        "F": tuple(f for _, f in builders),
        "S": tuple(reads[i][1] if i in reads else None for i in range(len(builders))),
        "N": tuple(
            (getattr(reads[i][1], "inline", None) or (None, None))[1] if i in reads else None
            for i in range(len(builders))
        ),
    }
    exec(compile(source, "<compiled builder>", "exec"), namespace)  # the source holds constants only (above)
    built: Build = namespace["build_obj"]
    return built


def _const(value: str) -> Callable[[Any, list[Any], Run], Any]:
    return lambda _e, _v, _r: value


def _const2(value: str) -> Callable[[Any, Run], Any]:
    return lambda _x, _r: value


def _value(get: Callable[[Any, Run], Any], ser: Callable[[Any], Any]) -> Callable[[Any, Run], Any]:
    return lambda x, run: ser(get(x, run))


def _each(build: Callable[[Any, Run], Any], attr: str) -> Callable[[Any, Run], Any]:
    return lambda n, run: [build(x, run) for x in getattr(n, attr)]


def _leaf(get: Callable[[Any, Run], Any], ser: Callable[[Any], Any]) -> Callable[[Any, list[Any], Run], Any]:
    return lambda entity, _v, run: ser(get(entity, run))


def _order(item: list[Any]) -> tuple[Any, ...]:
    """An item's sort key and id as Neo4j's ORDER BY ranks them: nulls last, strings by UTF-16 code
    units (as Java compares them), dates and numbers by value. (A null's slot holds None, compared
    only with another null's.)"""
    key, node_id = item[0], item[1]
    return (
        key is None,
        key.encode("utf-16-be") if type(key) is str else key,
        node_id is None,
        node_id.encode("utf-16-be") if type(node_id) is str else node_id,
    )


_KEY_AND_ID = operator.itemgetter(0, 1)
_KEY = operator.itemgetter(0)
_ID = operator.itemgetter(1)


def _in_order(items: list[Any]) -> list[Any]:
    """A hop's items sorted as _order ranks them, by Python's own comparison of (key, id) when every key
    and id is a string of the Basic Multilingual Plane (then code points rank as UTF-16 code units do,
    and no null is among them): the common case, without a Python call per item."""
    keys = list(map(_KEY, items))
    ids = list(map(_ID, items))
    try:
        text = "".join(keys) + "".join(ids)
    except TypeError:  # a null, a number or a date among them
        return sorted(items, key=_order)
    if len(text.encode("utf-16-be")) != 2 * len(text):  # a character beyond the BMP: a surrogate pair
        return sorted(items, key=_order)
    return sorted(items, key=_KEY_AND_ID)


def _many(idx: int, build: Build) -> Callable[[Any, list[Any], Run], Any]:
    def many(_e: Any, values: list[Any], run: Run) -> Any:
        items = values[idx]
        return [build(x, run) for x in (_in_order(items) if len(items) > 1 else items)]

    return many


def _first(idx: int, build: Build, nonnull: bool) -> Callable[[Any, list[Any], Run], Any]:
    """The first of a hop's items in its order (what the DataLoaders' `one` gives)."""

    def first(_e: Any, values: list[Any], run: Run) -> Any:
        items = values[idx]
        if not items:
            return _fallback("null in a non-null field") if nonnull else None
        return build(items[0] if len(items) == 1 else _in_order(items)[0], run)

    return first


def _one(idx: int, build: Build, nonnull: bool) -> Callable[[Any, list[Any], Run], Any]:
    def one(_e: Any, values: list[Any], run: Run) -> Any:
        v = values[idx]
        if v is None:
            return _fallback("null in a non-null field") if nonnull else None
        return build(v, run)

    return one


# ------------------------------------------------------------------ root fields


@dataclass(frozen=True)
class Piece:
    """One root field's part of a request: a CALL to put before the RETURN (or ""), its RETURN
    expression, the parameters it adds, and how its value becomes the field's JSON."""

    call: str
    expr: str
    params: dict[str, Any]
    finish: Callable[[Any, Run], Any]


# per request: (variables, run) -> Piece
RootPart = Callable[[Any, Run], Piece]


def _static(expr: str, build: Build) -> RootPart:
    piece_finish = build

    def part(_variables: Any, _run: Run) -> Piece:
        return Piece("", expr, {}, piece_finish)

    return part


PAGE_ROOTS = frozenset({"needs", "resources", "communities", "units"})


class Roots:
    """The root fields of Query the compiler covers."""

    LOOKUPS: ClassVar[dict[str, str]] = {
        "community": "Community",
        "street": "Street",
        "unit": "Unit",
        "leader": "Leader",
        "committee": "CommunityCommittee",
        "need": "Need",
        "resource": "Resource",
    }
    LISTS: ClassVar[dict[str, str]] = {"streets": "Street", "leaders": "Leader"}
    # the lists of what is current: a node with this property set (a retired leader) is left out
    LIST_CURRENT: ClassVar[dict[str, str]] = {"leaders": "retiredOn"}


def root_part(
    c: Compiler, name: str, fdef: GraphQLField, nodes: list[FieldNode]
) -> tuple[RootPart, str | None]:
    """The root field's part, and the kind of CALL it needs ("page", "network") if any: a statement
    holds at most one of each (their CALLs bind fixed names)."""
    if name in Roots.LOOKUPS:
        type_name = Roots.LOOKUPS[name]
        v = c.var("v")
        expr, build = c.obj(type_name, {"node": v}, nodes)
        node = nodes[0]
        p = c.param(lambda variables: get_argument_values(fdef, node, variables)["id"])
        text = f"COLLECT {{ MATCH ({v}:{LABELS[type_name].value} {{id: {p}}}) RETURN {expr} }}[0]"
        return _static(text, lambda value, run: None if value is None else build(value, run)), None
    if name in Roots.LISTS:
        if any(n.arguments for n in nodes):
            raise NotCompilable(f"Query.{name}(cityId)")  # one city's list: the slow path's
        type_name = Roots.LISTS[name]
        v = c.var("v")
        expr, build = c.obj(type_name, {"node": v}, nodes)
        where = f" WHERE {v}.{Roots.LIST_CURRENT[name]} IS NULL" if name in Roots.LIST_CURRENT else ""
        text = (
            f"COLLECT {{ MATCH ({v}:{LABELS[type_name].value}){where} WITH {v} ORDER BY {v}.name, {v}.id "
            f"RETURN {expr} }}"
        )
        return _static(text, lambda value, run: [build(x, run) for x in value]), None
    if name == "network":
        return _network(c, fdef, nodes), "network"
    if name == "cityStats":
        return _city_stats(c, fdef, nodes), "cityStats"
    if name in PAGE_ROOTS:
        from orggraph.api.compiled import pages  # it builds on this module

        return pages.page_part(c, pages.PAGES[name], fdef, nodes), "page"
    raise NotCompilable(f"Query.{name}")


def _network(c: Compiler, fdef: GraphQLField, nodes: list[FieldNode]) -> RootPart:
    # names of people come masked from the statement ($pii): the entity's fields are read as they are
    gtype = c.object_type(fdef)
    build = py_builder(c, gtype, nodes)
    node = nodes[0]
    # a node's kind and name are read only when shown
    shown = {
        sub[0].name.value
        for fnodes in collect(
            c.fragments, gtype.name, [n.selection_set for n in nodes if n.selection_set]
        ).values()
        if fnodes[0].name.value == "nodes"
        for sub in collect(
            c.fragments, "NetworkNode", [n.selection_set for n in fnodes if n.selection_set]
        ).values()
    }
    kind, name = "kind" in shown, "name" in shown

    def part(variables: Any, _run: Run) -> Piece:
        args = get_argument_values(fdef, node, variables)
        depth = args.get("depth")
        if not isinstance(depth, int) or not 1 <= depth <= network_reads.MAX_NETWORK_DEPTH:
            raise Fallback("depth out of range")  # strawberry answers with the field's error
        params = {"id": args["centerId"], "maxPaths": network_reads.MAX_NETWORK_PATHS}
        return Piece(
            "OPTIONAL CALL () { " + network_reads.NETWORK_VARIANTS[depth, kind, name] + " }",
            "[center, rels]",
            params,
            lambda value, run: (
                build(network_reads.assemble(value[0], value[1]), run)
                if value[0] is not None
                else _fallback("not found")
            ),
        )

    return part


# the column of CITY_STATS each field of CityStats is read from (network_reads.stats_of), where it differs
_CITY_STATS_COLUMN = {
    "compoundPartyOrganizations": "compoundParty",
    "communityCommittees": "committees", "streetWorkingCommittees": "workingCommittees",
    "membersBySeat": "seatRows", "unitsByKind": "kinds", "needsByStatus": "needs", "jointMeetings": "meetings",
    "problemsSolved": "solved",
}  # fmt: skip


def _city_stats(c: Compiler, fdef: GraphQLField, nodes: list[FieldNode]) -> RootPart:
    """The city's figures: the slow path's subqueries, only those of the fields selected
    (network_reads.city_stats_query), and entity, the API type's own conversion (CityStats.from_entity: the
    labels of the counts), its fields read by name."""
    from orggraph.api.network_types import CityStats

    if any(n.arguments for n in nodes):
        raise NotCompilable("cityStats(cityId)")  # one city's figures: the slow path's
    build = py_builder(c, c.object_type(fdef), nodes)
    every = network_reads.CITY_STATS_COLUMNS
    selected = collect(c.fragments, "CityStats", [n.selection_set for n in nodes if n.selection_set])
    names = {fnodes[0].name.value for fnodes in selected.values()} - {"__typename"}
    columns = frozenset(_CITY_STATS_COLUMN.get(name, name) for name in names)
    if not columns <= set(every):
        columns = frozenset(every)  # a field read from no column (e.g. a resolver's): every figure
    piece = Piece(
        "CALL () { " + network_reads.city_stats_query(columns) + " }",
        "[" + ", ".join(every) + "]",
        {},
        lambda value, run: build(
            CityStats.from_entity(network_reads.stats_of(dict(zip(every, value, strict=True)))), run
        ),
    )
    return lambda _variables, _run: piece


def _snake(name: str) -> str:
    return "".join("_" + ch.lower() if ch.isupper() else ch for ch in name)


def py_builder(c: Compiler, gtype: GraphQLObjectType, nodes: list[FieldNode]) -> Callable[[Any, Run], Any]:
    """The JSON of a plain API object (no resolvers: every field an attribute of its snake_case name)."""
    parts: list[tuple[str, Callable[[Any, Run], Any]]] = []
    for key, fnodes in collect(
        c.fragments, gtype.name, [n.selection_set for n in nodes if n.selection_set]
    ).items():
        fname = fnodes[0].name.value
        if fname == "__typename":
            parts.append((key, _const2(gtype.name)))
            continue
        ftype = gtype.fields[fname].type
        named = get_named_type(ftype)
        attr = _snake(fname)
        if isinstance(named, GraphQLObjectType):
            inner = py_builder(c, named, fnodes)
            if not is_list_type(ftype.of_type if is_non_null_type(ftype) else ftype):
                raise NotCompilable("a single nested plain object")
            parts.append((key, _each(inner, attr)))
        else:
            parts.append((key, _value(_getter(attr), serializer(ftype))))
    return lambda x, run: {k: f(x, run) for k, f in parts}


def _getter(attr: str) -> Callable[[Any, Run], Any]:
    return lambda x, _r: getattr(x, attr)


# ------------------------------------------------------------------ the plan


@dataclass
class Request:
    """What one request runs: the statement, its parameters, and how the record becomes `data`."""

    text: str
    params: dict[str, Any]
    finish: Callable[[Any], dict[str, Any]]


_SCALARS = (str, int, float, bool, type(None))


class _Reads(dict[str, Any]):
    """A request's variables, noting each one the cost function reads and what it got."""

    def __init__(self, variables: dict[str, Any]) -> None:
        super().__init__(variables)
        self.read: dict[str, Any] = {}

    def get(self, key: str, default: Any = None) -> Any:
        value = super().get(key, default)
        self.read[key] = value
        return value

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key)
        self.read[key] = value
        return value


class Plan:
    def __init__(
        self,
        schema: GraphQLSchema,
        operation: OperationDefinitionNode,
        fragments: dict[str, FragmentDefinitionNode],
        parts: list[tuple[str, RootPart]],
        params: dict[str, Callable[[Any], Any]],
        max_cost: int,
    ) -> None:
        self.schema = schema
        self.operation = operation
        self.fragments = fragments
        self.parts = parts
        self.params = params
        self.max_cost = max_cost
        self.texts: dict[tuple[str, ...], str] = {}  # the statement of each combination of CALLs
        self.name = operation.name.value if operation.name else None
        self.leaves = _leaf_variables(schema, operation)
        # the costs computed: (the variables the cost function read, with their values; the cost)
        self.costs: list[tuple[dict[str, Any], int]] = []

    def coerce(self, raw_variables: dict[str, Any]) -> VariableValues:
        """The variables as graphql-core's get_variable_values coerces them. When every variable is of a leaf
        type and given a value, that is each one's `coerce_input_value` (as graphql-core's coercion does for a
        leaf), without the rest of its machinery; anything else (a null, a missing variable, a default, a
        list, an input object, a value refused) goes through graphql-core itself."""
        if self.leaves is not None:
            sources: dict[str, VariableValueSource] = {}
            coerced: dict[str, Any] = {}
            for signature, leaf in self.leaves:
                value = raw_variables.get(signature.name)
                if value is None:
                    break
                try:
                    parsed = leaf.coerce_input_value(value)
                except Exception:  # graphql-core words the error
                    break
                if parsed is Undefined:
                    break
                sources[signature.name] = VariableValueSource(signature, value)
                coerced[signature.name] = parsed
            else:
                return VariableValues(sources, coerced)
        values = get_variable_values(self.schema, self.operation.variable_definitions or (), raw_variables)
        if isinstance(values, list):
            raise Fallback("variables")  # strawberry reports them
        return values

    def cost(self, raw_variables: dict[str, Any]) -> int:
        """The operation's cost (limits._cost) with these variables. The cost depends on the document and on
        the variables it reads only: a cost is reused for a request whose values of those variables are the
        same (same type, equal, scalars only). Most operations read none, and their cost is computed once."""
        for read, cost in self.costs:
            for name, value in read.items():
                given = raw_variables.get(name)
                if type(given) is not type(value) or given != value:
                    break
            else:
                return cost
        reads = _Reads(raw_variables)
        cost = _cost(self.operation.selection_set, self.fragments, reads, 1, 0)
        if len(self.costs) < 16 and all(type(v) in _SCALARS for v in reads.read.values()):
            self.costs.append((reads.read, cost))
        return cost

    def request(self, raw_variables: dict[str, Any], run: Run) -> Request:
        coerced = self.coerce(raw_variables)
        if self.cost(raw_variables) > self.max_cost:
            raise Fallback("cost")  # refused by strawberry's CostLimit, with its message
        params: dict[str, Any] = {"pii": run.pii}
        for name, value in self.params.items():
            params[name] = value(coerced)
        pieces = []
        for _, part in self.parts:
            piece = part(coerced, run)
            params.update(piece.params)
            pieces.append(piece)
        calls = tuple(p.call for p in pieces)
        text = self.texts.get(calls)
        if text is None:
            body = "\n".join(c for c in calls if c)
            ret = ", ".join(f"{p.expr} AS r{i}" for i, p in enumerate(pieces))
            text = f"{body}\nRETURN {ret}"
            if len(self.texts) < 64:  # a few combinations of filters and directions
                self.texts[calls] = text
        keys = [k for k, _ in self.parts]

        def finish(record: Any) -> dict[str, Any]:
            return {k: p.finish(record[i], run) for i, (k, p) in enumerate(zip(keys, pieces, strict=True))}

        return Request(text, params, finish)


def _leaf_variables(
    schema: GraphQLSchema, operation: OperationDefinitionNode
) -> list[tuple[GraphQLVariableSignature, Any]] | None:
    """Each variable's signature and leaf type (scalar or enum), when every variable is of a leaf type,
    null or not, without a default; else None."""
    out: list[tuple[GraphQLVariableSignature, Any]] = []
    for definition in operation.variable_definitions or ():
        signature = get_variable_signature(schema, definition)
        if isinstance(signature, GraphQLError) or signature.default is not None:
            return None
        gtype = signature.type
        named = gtype.of_type if is_non_null_type(gtype) else gtype
        if not is_leaf_type(named):
            return None
        out.append((signature, named))
    return out


def operation_of(document: DocumentNode, operation_name: str | None) -> OperationDefinitionNode:
    """The operation a request names (or the document's only one); NotCompilable when there is none."""
    ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is None:
        if len(ops) != 1:
            raise NotCompilable("no single operation")
        return ops[0]
    op = next((o for o in ops if o.name and o.name.value == operation_name), None)
    if op is None:
        raise NotCompilable("no such operation")
    return op


def compile_operation(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None, max_cost: int
) -> Plan:
    """The plan of a validated document's operation; NotCompilable when any part is not covered."""
    op = operation_of(document, operation_name)
    if op.operation is not OperationType.QUERY:
        raise NotCompilable("not a query")
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    c = Compiler(schema, fragments)
    query_type = schema.query_type
    assert query_type is not None
    parts: list[tuple[str, RootPart]] = []
    calls: set[str] = set()
    for key, nodes in collect(fragments, query_type.name, [op.selection_set]).items():
        name = nodes[0].name.value
        if name.startswith("__"):
            raise NotCompilable("introspection")
        part, call = root_part(c, name, query_type.fields[name], nodes)
        if call is not None:
            if call in calls:
                raise NotCompilable(f"two {call} fields")
            calls.add(call)
        parts.append((key, part))
    return Plan(schema, op, fragments, parts, c.params, max_cost)


__all__ = ["Fallback", "NotCompilable", "Plan", "Run", "compile_operation", "operation_of"]
