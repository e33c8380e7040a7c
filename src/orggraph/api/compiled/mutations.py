"""Compiled mutations: a mutation document whose one root field has an entry in MUTATIONS is run by the
fast path without graphql-core's execution. Its arguments are coerced and converted as strawberry
converts them (graphql-core's get_argument_values, then strawberry's convert_arguments into the input
type), the resolver's own command builder and use case run, and the payload is built from the entities
the use case returns with the catalog's getters (the same as the compiled reads'), its keys in the
selection's order.

What the compiler does not cover (a payload field the use case's answer does not carry, a masked
field, two root fields) is NotCompilable: strawberry answers. A request whose variables or arguments
do not convert falls back to strawberry before anything is written. Once the use case has been called
there is no fallback: a refusal or a failure is answered here, as strawberry's error extension
(api/errors.ErrorCodes) would word it, at the field's location and path."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLField,
    GraphQLObjectType,
    GraphQLSchema,
    OperationDefinitionNode,
    get_named_type,
    is_non_null_type,
)
from graphql.execution.values import get_argument_values, get_variable_values

from orggraph.api.compiled.catalog import TYPES, Follow, Get, Run
from orggraph.api.compiled.planner import Fallback, NotCompilable, collect, serializer
from orggraph.api.errors import ErrorCodes, code_of
from orggraph.api.limits import _cost

if TYPE_CHECKING:
    import strawberry

    from orggraph.graph.runner import Graph
    from orggraph.services.caller import Caller

# (the converted arguments, the graph, the caller) -> (the payload's entity, {field: related entity})
UseCase = Callable[[dict[str, Any], "Graph", "Caller"], Awaitable[tuple[Any, dict[str, Any]]]]


@dataclass(frozen=True)
class MutationSpec:
    """A mutation the fast path runs: its use case, and the related objects its answer carries (the
    payload's single-object fields, by field name, with their type): only those may be selected."""

    use_case: UseCase
    related: dict[str, str]


async def _create_need(args: dict[str, Any], graph: Graph, caller: Caller) -> tuple[Any, dict[str, Any]]:
    from orggraph.api.library import new_need
    from orggraph.services import library

    created = await library.create_need(graph, caller, new_need(args["input"]))
    return created.need, {"community": created.community}


MUTATIONS: dict[str, MutationSpec] = {
    "createNeed": MutationSpec(_create_need, {"community": "Community"}),
}

# (entity, related entities, run) -> the object's JSON
EntityBuild = Callable[[Any, dict[str, Any], Run], dict[str, Any]]


def _entity_builder(
    schema: GraphQLSchema,
    fragments: dict[str, FragmentDefinitionNode],
    type_name: str,
    nodes: list[FieldNode],
    related: dict[str, str],
) -> EntityBuild:
    """The JSON of an entity of `type_name` for the selection in `nodes`: the catalog's getters, and the
    related entities named in `related` (their own fields through their getters alone)."""
    spec = TYPES.get(type_name)
    gtype = schema.get_type(type_name)
    if spec is None or not isinstance(gtype, GraphQLObjectType):
        raise NotCompilable(f"type {type_name}")
    if spec.masked:
        raise NotCompilable(f"{type_name} has masked fields")  # masked in Cypher on the read path
    parts: list[tuple[str, Callable[[Any, dict[str, Any], Run], Any]]] = []
    for key, fnodes in collect(
        fragments, type_name, [n.selection_set for n in nodes if n.selection_set]
    ).items():
        name = fnodes[0].name.value
        if name == "__typename":
            parts.append((key, _typename(type_name)))
            continue
        spec_field = spec.fields.get(name)
        fdef = gtype.fields.get(name)
        if spec_field is None or fdef is None:
            raise NotCompilable(f"{type_name}.{name}")
        if isinstance(spec_field, Get):
            parts.append((key, _leaf(spec_field.get, serializer(fdef.type))))
            continue
        child = get_named_type(fdef.type)
        if (
            name not in related
            or not isinstance(spec_field, Follow)
            or spec_field.many
            or any(n.arguments for n in fnodes)
            or child.name != related[name]
        ):
            raise NotCompilable(f"{type_name}.{name} is not in the use case's answer")
        build = _entity_builder(schema, fragments, child.name, fnodes, {})
        nonnull = is_non_null_type(fdef.type)

        def one(_e: Any, rel: dict[str, Any], run: Run, name: str = name, build: EntityBuild = build,
                nonnull: bool = nonnull) -> Any:  # fmt: skip
            value = rel.get(name)
            if value is None:
                if nonnull:
                    raise ValueError(f"null in the non-null field {name}")
                return None
            return build(value, {}, run)

        parts.append((key, one))
    return lambda e, rel, run: {k: f(e, rel, run) for k, f in parts}


def _typename(name: str) -> Callable[[Any, dict[str, Any], Run], Any]:
    return lambda _e, _rel, _run: name


def _leaf(
    get: Callable[[Any, Run], Any], ser: Callable[[Any], Any]
) -> Callable[[Any, dict[str, Any], Run], Any]:
    return lambda e, _rel, run: ser(get(e, run))


class MutationPlan:
    """A compiled mutation: one root field, its use case and the builder of its payload."""

    def __init__(
        self,
        schema: GraphQLSchema,
        operation: OperationDefinitionNode,
        fragments: dict[str, FragmentDefinitionNode],
        key: str,
        node: FieldNode,
        fdef: GraphQLField,
        field: strawberry.types.field.StrawberryField,
        spec: MutationSpec,
        build: EntityBuild,
        max_cost: int,
    ) -> None:
        self.schema = schema
        self.operation = operation
        self.fragments = fragments
        self.key = key
        self.node = node
        self.fdef = fdef
        self.field = field
        self.spec = spec
        self.build = build
        self.max_cost = max_cost
        self.name = operation.name.value if operation.name else None
        self.nonnull = is_non_null_type(fdef.type)

    def arguments(
        self, raw_variables: dict[str, Any], strawberry_schema: strawberry.Schema
    ) -> dict[str, Any]:
        """The root field's arguments as its resolver gets them; Fallback (nothing written) when the
        variables or the arguments do not coerce, or the cost is over the limit."""
        from strawberry.types.arguments import convert_arguments

        coerced = get_variable_values(self.schema, self.operation.variable_definitions or (), raw_variables)
        if isinstance(coerced, list):
            raise Fallback("variables")  # strawberry reports them
        if _cost(self.operation.selection_set, self.fragments, raw_variables, 1, 0) > self.max_cost:
            raise Fallback("cost")
        try:
            values = get_argument_values(self.fdef, self.node, coerced)
            return convert_arguments(
                values,
                self.field.arguments,
                scalar_registry=strawberry_schema.schema_converter.scalar_registry,
                config=strawberry_schema.config,
            )
        except Exception as exc:  # strawberry reports it as the field's error, before its resolver runs
            raise Fallback("arguments") from exc

    async def answer(
        self, args: dict[str, Any], graph: Graph, caller: Caller, run: Run
    ) -> tuple[dict[str, Any], str]:
        """The response body and its outcome ("ok" or the error's code). Never a fallback: the use case
        may have written."""
        try:
            entity, related = await self.spec.use_case(args, graph, caller)
            return {"data": {self.key: self.build(entity, related, run)}}, "ok"
        except Exception as exc:  # worded as strawberry's error extension words a resolver's error
            located = GraphQLError(str(exc), nodes=[self.node], path=[self.key], original_error=exc)
            error = ErrorCodes()._one(located)
            data = None if self.nonnull else {self.key: None}
            return {"data": data, "errors": [error.formatted]}, code_of(error)


def compile_mutation(
    schema: GraphQLSchema,
    strawberry_schema: strawberry.Schema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    max_cost: int,
) -> MutationPlan:
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    mutation_type = schema.mutation_type
    assert mutation_type is not None
    roots = collect(fragments, mutation_type.name, [operation.selection_set])
    if len(roots) != 1:
        raise NotCompilable("not one root field")  # several run in turn, each after the last: strawberry's
    ((key, nodes),) = roots.items()
    name = nodes[0].name.value
    spec = MUTATIONS.get(name)
    if spec is None or len(nodes) != 1:
        raise NotCompilable(f"Mutation.{name}")
    fdef = mutation_type.fields[name]
    payload = get_named_type(fdef.type)
    sfield = strawberry_schema.get_field_for_type(field_name=name, type_name=mutation_type.name)
    if sfield is None or sfield.extensions:
        raise NotCompilable(f"Mutation.{name}'s field")
    build = _entity_builder(schema, fragments, payload.name, nodes, spec.related)
    return MutationPlan(schema, operation, fragments, key, nodes[0], fdef, sfield, spec, build, max_cost)


__all__ = ["MUTATIONS", "MutationPlan", "compile_mutation"]
