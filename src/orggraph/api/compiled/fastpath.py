"""The fast path: a plain-ASGI middleware in front of strawberry that answers a compiled query with
one Cypher read and orjson, and hands everything else to strawberry unchanged.

A POST of `application/json` to /graphql whose (query, operationName) has a plan is answered here:
the variables are coerced and the cost limit checked as strawberry would, the plan's one statement
runs, and the builder writes `{"data": ...}`. A document seen for the first time is parsed (with the
token limit), validated with the same rules as strawberry's (depth and aliases included) and
compiled; one that does not validate or is not covered is remembered as such and always goes to
strawberry. Any problem while answering (an argument the resolvers refuse, a null in a non-null
field, an unreachable database) falls back to strawberry for that request: reads have no side
effect, and strawberry produces the canonical errors and partial data. A compiled mutation (createNeed,
mutations.py) falls back only before its use case runs; after that it answers its errors itself. Only plans
are cached, never data. The limits in front (body cap, token, rate, deadline) apply to both paths alike."""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from typing import Any

import orjson
from graphql import GraphQLError, GraphQLSchema, OperationType, parse, specified_rules, validate
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from orggraph.api.compiled.catalog import Run
from orggraph.api.compiled.mutations import MutationPlan, compile_mutation
from orggraph.api.compiled.planner import Fallback, NotCompilable, Plan, compile_operation, operation_of
from orggraph.api.http import _replay, read_body
from orggraph.api.limits import validation_rules
from orggraph.domain.auth import ANONYMOUS, sees_personal_data
from orggraph.services.caller import Caller
from orggraph.settings import Settings
from orggraph.telemetry import context, metrics

logger = logging.getLogger("orggraph.compiled")
PATHS = ("/graphql", "/graphql/")
HEADERS = [(b"content-type", b"application/json")]


class CompiledGraphQL:
    def __init__(
        self,
        app: ASGIApp,
        settings: Settings,
        schema: GraphQLSchema,
        state: Any,
        strawberry_schema: Any = None,
    ) -> None:
        self.app = app
        self.settings = settings
        self.schema = schema
        self.strawberry_schema = strawberry_schema  # for a mutation's arguments; without it none is compiled
        self.state = state  # the FastAPI app's state: its graph exists once the lifespan has run
        self.rules = [*specified_rules, *validation_rules(settings)]
        # (query, operationName) -> its plan, or None when it is not compiled (an LRU)
        self.plans: OrderedDict[tuple[str, str | None], Plan | MutationPlan | None] = OrderedDict()
        self.size = settings.parser_cache_size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] not in PATHS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if headers.get("content-type", "").split(";")[0].strip().lower() != "application/json" or (
            "multipart/mixed" in headers.get("accept", "")
        ):
            await self._slow(scope, receive, send)
            return
        body = await read_body(receive)  # capped by BodyLimit, outside
        if body is None:
            return
        started = time.perf_counter()
        answer = await self._answer(scope, body)
        if answer is None:
            await self._slow(scope, _replay(body, receive), send)
            return
        payload, name, kind, outcome = answer
        metrics.child(metrics.COMPILED_REQUESTS, "fast").inc()
        operation = metrics.operation_label(name)
        metrics.child(metrics.GRAPHQL_OPERATIONS, operation, kind, outcome).inc()
        metrics.child(metrics.GRAPHQL_LATENCY, operation, kind).observe(time.perf_counter() - started)
        info = context.current.get()
        if info is not None:
            info.operation = name if metrics.is_name(name) else None
            info.kind, info.outcome = kind, outcome
            info.error_codes = [] if outcome == "ok" else [outcome]
        await send({"type": "http.response.start", "status": 200,
                    "headers": [*HEADERS, (b"content-length", str(len(payload)).encode())]})  # fmt: skip
        await send({"type": "http.response.body", "body": payload})

    async def _slow(self, scope: Scope, receive: Receive, send: Send) -> None:
        metrics.child(metrics.COMPILED_REQUESTS, "slow").inc()
        await self.app(scope, receive, send)

    async def _answer(self, scope: Scope, body: bytes) -> tuple[bytes, str | None, str, str] | None:
        """The answer's bytes, the operation's name, kind and outcome; or None: strawberry answers."""
        try:
            request = orjson.loads(body)
        except orjson.JSONDecodeError:
            return None
        if not isinstance(request, dict):
            return None
        query, name, variables = request.get("query"), request.get("operationName"), request.get("variables")
        if not isinstance(query, str) or not (name is None or isinstance(name, str)):
            return None
        if variables is None:
            variables = {}
        elif not isinstance(variables, dict):
            return None
        plan = self._plan(query, name)
        if plan is None:
            return None
        principal = scope.get("state", {}).get("principal", ANONYMOUS)
        run = Run(
            sees_personal_data(principal, self.settings.public_personal_data), self.settings.current_date()
        )
        if isinstance(plan, MutationPlan):
            try:
                args = plan.arguments(variables, self.strawberry_schema)
            except Exception:  # Fallback, or anything unexpected: nothing written, strawberry answers
                return None
            # from here on, no fallback: the use case may write
            caller = Caller(principal, run.today)
            answer, outcome = await plan.answer(args, self.state.graph, caller, run)
            return orjson.dumps(answer), plan.name, "mutation", outcome
        try:
            prepared = plan.request(variables, run)
            records = await self.state.graph.read(prepared.text, **prepared.params)
            data = prepared.finish(records[0])
            return orjson.dumps({"data": data}), plan.name, "query", "ok"
        except Exception:  # Fallback, or anything unexpected: strawberry answers this request
            return None

    def _plan(self, query: str, name: str | None) -> Plan | MutationPlan | None:
        key = (query, name)
        if key in self.plans:
            self.plans.move_to_end(key)
            return self.plans[key]
        plan: Plan | MutationPlan | None
        try:
            document = parse(query, max_tokens=self.settings.max_tokens)
            if validate(self.schema, document, self.rules):
                raise NotCompilable("does not validate")
            operation = operation_of(document, name)
            if operation.operation is OperationType.MUTATION:
                if self.strawberry_schema is None:
                    raise NotCompilable("no strawberry schema for a mutation's arguments")
                plan = compile_mutation(
                    self.schema, self.strawberry_schema, document, operation, self.settings.max_query_cost
                )
            else:
                plan = compile_operation(self.schema, document, name, self.settings.max_query_cost)
        except (GraphQLError, NotCompilable, RecursionError):
            plan = None
        except Exception:  # a gap in the compiler: strawberry answers, and the log says why
            logger.exception("compiling a query failed; strawberry answers it")
            plan = None
        self.plans[key] = plan
        while len(self.plans) > self.size:
            self.plans.popitem(last=False)
        return plan


__all__ = ["CompiledGraphQL", "Fallback"]
