"""Limits against hostile or careless queries. Each is a setting with a default (docs/security.md).

- depth, aliases and tokens: strawberry's validation extensions;
- cost: every field costs 1, times the sizes of the lists it sits in (`first`/`last`/`limit` arguments, or
  the default page size for lists without one), so a wide nested query is refused before it runs;
- parsed documents and their validation are cached (bounded); introspection and field suggestions
  are off in production.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from typing import Any, ClassVar

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    NullValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)
from starlette.websockets import WebSocket
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.extensions.disable_introspection import DisableIntrospection
from strawberry.types.graphql import OperationType

from orggraph.settings import Settings

# list fields without a size argument: the size assumed when weighing a query
DEFAULT_LIST_SIZE = 10
SIZE_ARGUMENTS = ("first", "last", "limit")


class DocumentCache(SchemaExtension):
    """The parsed document of each query text seen lately (an LRU of `maxsize` entries, shared by the
    per-request instances). A hit skips parsing, and being the same document object, it lets the
    validation cache hit too. Only documents that parsed are kept: a syntax error is parsed (and
    reported, with our error codes) by strawberry every time."""

    _documents: ClassVar[OrderedDict[tuple[str, tuple[tuple[str, Any], ...]], DocumentNode]] = OrderedDict()

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize

    def on_parse(self) -> Iterator[None]:
        ctx = self.execution_context
        key = (ctx.query or "", tuple(sorted(ctx.parse_options.items())))
        cached = self._documents.get(key)
        if cached is not None and ctx.graphql_document is None:
            self._documents.move_to_end(key)
            ctx.graphql_document = cached
        yield
        if cached is None and ctx.query and ctx.graphql_document is not None:
            self._documents[key] = ctx.graphql_document
            while len(self._documents) > self.maxsize:
                self._documents.popitem(last=False)


class CostLimit(SchemaExtension):
    """Refuses an operation whose estimated cost exceeds the limit, before anything is executed."""

    def __init__(self, max_cost: int) -> None:
        self.max_cost = max_cost

    def on_execute(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        if document is not None:
            fragments = {
                d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
            }
            variables = ctx.variables or {}
            for op in document.definitions:
                if isinstance(op, OperationDefinitionNode):
                    plans = _count(op.selection_set, fragments, "planMatches", 0)
                    if plans > 1:
                        raise GraphQLError(
                            f"查询过于庞大:一个请求最多一个 planMatches(本请求 {plans} 个)",
                            extensions={"code": "QUERY_TOO_COMPLEX", "plans": plans, "maxPlans": 1},
                        )
                    cost = _cost(op.selection_set, fragments, variables, 1, 0)
                    if cost > self.max_cost:
                        raise GraphQLError(
                            f"查询过于庞大:估算代价 {cost} 超过上限 {self.max_cost};请减少嵌套列表或每页条数",
                            extensions={"code": "QUERY_TOO_COMPLEX", "cost": cost, "maxCost": self.max_cost},
                        )
        yield


def _size(field: FieldNode, variables: dict[str, Any]) -> int | None:
    for arg in field.arguments or ():
        if arg.name.value in SIZE_ARGUMENTS:
            if isinstance(arg.value, IntValueNode):
                return int(arg.value.value)
            if isinstance(arg.value, VariableNode):
                value = variables.get(arg.value.name.value)
                return int(value) if isinstance(value, int) else DEFAULT_LIST_SIZE
    return None


def _cost(
    selection_set: SelectionSetNode | None, fragments: dict[str, FragmentDefinitionNode], variables: dict[str, Any],
    multiplier: int, depth: int,
) -> int:  # fmt: skip
    if selection_set is None or depth > 50:
        return 0
    total = 0
    for sel in selection_set.selections:
        if isinstance(sel, FieldNode):
            total += multiplier * (1 + _weight(sel, variables))
            if sel.selection_set is not None:
                size = _size(sel, variables)
                inner = multiplier * (
                    size if size is not None else DEFAULT_LIST_SIZE if _looks_like_list(sel) else 1
                )
                total += _cost(sel.selection_set, fragments, variables, max(inner, multiplier), depth + 1)
        elif isinstance(sel, InlineFragmentNode):
            total += _cost(sel.selection_set, fragments, variables, multiplier, depth + 1)
        elif isinstance(sel, FragmentSpreadNode) and sel.name.value in fragments:
            total += _cost(
                fragments[sel.name.value].selection_set, fragments, variables, multiplier, depth + 1
            )
    return total


# The work behind a field, in cost units of about 0.2 ms of server time, from the p50s of `make bench` at
# 100x (docs/benchmarks.md; a plain field costs 1, a community detail's fields about 40 in all):
# matchNeed 68-82 ms, matchResource 40-49 ms, the network at depth 2 about 10 ms, a full-text page about
# 20 ms, planMatches about 26 s for the whole city and 2.4 s for a street. The city plan is capped at
# half the default limit so that an ORG_ADMIN's plan still fits in a request: what bounds plans is one
# per request, the worker pool and the rate limit.
PLAN_WEIGHT = {"city": 25_000, "street": 12_000, "community": 2_000}
FIELD_WEIGHT = {"matchNeed": 400, "matchResource": 250}
NETWORK_WEIGHT = {1: 15, 2: 50, 3: 250}
SEARCH_WEIGHT = 100


def _argument(field: FieldNode, name: str, variables: dict[str, Any]) -> Any:
    for arg in field.arguments or ():
        if arg.name.value == name:
            if isinstance(arg.value, VariableNode):
                return variables.get(arg.value.name.value)
            if isinstance(arg.value, NullValueNode):
                return None
            return getattr(arg.value, "value", arg.value)
    return None


def _weight(field: FieldNode, variables: dict[str, Any]) -> int:
    """The extra cost of the work behind a field (0 for a plain one)."""
    name = field.name.value
    if name == "planMatches":
        if _argument(field, "communityId", variables) is not None:
            return PLAN_WEIGHT["community"]
        return PLAN_WEIGHT["street" if _argument(field, "streetId", variables) is not None else "city"]
    if name == "network":
        depth = _argument(field, "depth", variables)
        return NETWORK_WEIGHT.get(int(depth) if str(depth).isdigit() else 2, NETWORK_WEIGHT[3])
    if name in ("needs", "resources") and _searches(field, variables):
        return SEARCH_WEIGHT
    return FIELD_WEIGHT.get(name, 0)


def _searches(field: FieldNode, variables: dict[str, Any]) -> bool:
    value = _argument(field, "filter", variables)
    if isinstance(value, dict):
        return bool(value.get("search"))
    if isinstance(value, ObjectValueNode):
        return any(f.name.value == "search" for f in value.fields)
    return False


def _count(
    selection_set: SelectionSetNode | None,
    fragments: dict[str, FragmentDefinitionNode],
    name: str,
    depth: int,
) -> int:
    """How many times the operation selects the field `name` (aliases, fragments and nesting included)."""
    if selection_set is None or depth > 50:
        return 0
    found = 0
    for sel in selection_set.selections:
        if isinstance(sel, FieldNode):
            found += (sel.name.value == name) + _count(sel.selection_set, fragments, name, depth + 1)
        elif isinstance(sel, InlineFragmentNode):
            found += _count(sel.selection_set, fragments, name, depth + 1)
        elif isinstance(sel, FragmentSpreadNode) and sel.name.value in fragments:
            found += _count(fragments[sel.name.value].selection_set, fragments, name, depth + 1)
    return found


# Fields that return lists without a size argument (members, grids, needs ...). A connection's `edges`
# is not among them: its size is the connection's `first`.
LIST_FIELDS = frozenset({
    "members", "grids", "needs", "meetings", "memberships", "resources", "workingCommittees",
    "contacts", "firstSecretaryOf", "contactLeaders", "communities", "streets", "leaders", "compounds",
    "matches", "tasks", "taskList", "responsibilityList", "standardList", "timeLimitList", "matchNeed",
    "matchResource", "components",
    # compounds and 红色物业 (issue #14)
    "partyOrganizations", "tripartiteOffices", "issues", "propertyIssues", "managedCompounds", "partyOrganizationsByKind",
})  # fmt: skip


def _looks_like_list(field: FieldNode) -> bool:
    return field.name.value in LIST_FIELDS


class OneTransportEach(SchemaExtension):
    """Queries and mutations over HTTP only, subscriptions over a WebSocket only: the HTTP limits (rate,
    deadline, body cap) stand in front of every query and mutation, and a subscription gets the
    WebSocket's (its connection's count, idle close, token expiry). Refused before anything runs."""

    def on_execute(self) -> Iterator[None]:
        ctx = self.execution_context
        over_socket = isinstance(getattr(ctx.context, "request", None), WebSocket)
        subscription = ctx.operation_type is OperationType.SUBSCRIPTION
        if over_socket and not subscription:
            raise GraphQLError(
                "WebSocket 上只接受订阅(subscription);查询和变更请用 HTTP POST /graphql",
                extensions={"code": "BAD_REQUEST"},
            )
        if subscription and not over_socket:
            raise GraphQLError(
                "订阅(subscription)只能通过 WebSocket(graphql-transport-ws 协议)建立",
                extensions={"code": "BAD_REQUEST"},
            )
        yield


def validation_rules(settings: Settings) -> list[Any]:
    """The depth and alias rules added to graphql-core's (the compiled reads validate with them too)."""
    return [
        *QueryDepthLimiter(max_depth=settings.max_query_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules,
    ]


def extensions(settings: Settings) -> list[Any]:
    """Extension factories: strawberry builds a fresh instance for every request."""
    # The depth and alias rules are made once: strawberry's limiters make new rule classes per
    # instance, and the validation cache is keyed by the rules, so per-request rules never hit it.
    rules = validation_rules(settings)
    out: list[Any] = [
        lambda: AddValidationRules(rules),
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        lambda: CostLimit(settings.max_query_cost),
        OneTransportEach,
        # bounded caches of parsed documents and of their validation (strawberry's ParserCache is not used:
        # it raises syntax errors past the error-code extension)
        lambda: DocumentCache(maxsize=settings.parser_cache_size),
        lambda: ValidationCache(maxsize=settings.parser_cache_size),
    ]
    if settings.env == "production":
        out.append(DisableIntrospection)
    return out


__all__ = ["CostLimit", "DocumentCache", "extensions"]
