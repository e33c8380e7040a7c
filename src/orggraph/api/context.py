"""The per-request (or per-WebSocket-connection) context: the shared Graph, the caller, and fresh DataLoaders (one batch per hop and
level; the batches that are ready at the same moment go to Neo4j together, as one statement)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from functools import partial
from typing import Any, TypeVar

from strawberry import Info
from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from orggraph.domain.auth import Principal, sees_personal_data
from orggraph.graph.hops import Hop, Node, Part, load_many
from orggraph.graph.runner import Graph
from orggraph.matching.rank import Weights
from orggraph.services.caller import Caller
from orggraph.services.events import EventHub
from orggraph.services.heavy import HeavyWork
from orggraph.settings import Settings

T = TypeVar("T")


class Loaders:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._loaders: dict[Part, DataLoader[str, Any]] = {}
        # the batches of the DataLoaders that dispatch in the same turn of the event loop (the fields of
        # one level of a query), sent together
        self._pending: list[tuple[Part, Sequence[str], asyncio.Future[list[Any]]]] = []
        self._flushes: set[asyncio.Task[None]] = set()

    def _loader(self, part: Part) -> DataLoader[str, Any]:
        if part not in self._loaders:
            self._loaders[part] = DataLoader(load_fn=partial(self._load, part))
        return self._loaders[part]

    async def related(self, hop: Hop[T], node_id: str) -> list[T]:
        """What `hop` reaches from the node, in the hop's order."""
        found: list[T] = await self._loader(hop).load(node_id)
        return found

    async def one(self, hop: Hop[T], node_id: str) -> T | None:
        """The first (for a to-one hop, the only) node `hop` reaches, or None."""
        found = await self.related(hop, node_id)
        return found[0] if found else None

    async def node(self, node: Node[T], node_id: str) -> T | None:
        found: T | None = await self._loader(node).load(node_id)
        return found

    def prime(self, node: Node[T], node_id: str, value: T) -> None:
        """The node lookup's answer for `node_id` this request, known already (read with something else)."""
        self._loader(node).prime(node_id, value)

    async def nodes(self, node: Node[T], ids: Sequence[str]) -> list[T | None]:
        found: list[T | None] = await self._loader(node).load_many(list(ids))
        return found

    async def _load(self, part: Part, ids: Sequence[str]) -> list[Any]:
        return await self._enqueue(part, ids)

    def _enqueue(self, what: Part, ids: Sequence[str]) -> asyncio.Future[list[Any]]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[list[Any]] = loop.create_future()
        self._pending.append((what, ids, future))
        if len(self._pending) == 1:
            loop.call_soon(self._flush)
        return future

    def _flush(self) -> None:
        batch, self._pending = self._pending, []
        task = asyncio.ensure_future(self._send(batch))
        self._flushes.add(task)
        task.add_done_callback(self._flushes.discard)

    async def _send(self, batch: list[tuple[Part, Sequence[str], asyncio.Future[list[Any]]]]) -> None:
        try:
            results = await load_many(self.graph, [(what, ids) for what, ids, _ in batch])
        except BaseException as exc:  # every waiting field gets the failure (mapped to an error code)
            for _, _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            if not isinstance(exc, Exception):
                raise
            return
        for (_, _, future), result in zip(batch, results, strict=True):
            if future.done():
                continue
            if isinstance(result, Exception):
                future.set_exception(result)
            else:
                future.set_result(result)


class Context(BaseContext):
    def __init__(
        self,
        graph: Graph,
        settings: Settings,
        weights: Weights,
        principal: Principal,
        *,
        heavy: HeavyWork,
        events: EventHub,
    ) -> None:
        super().__init__()
        self.graph = graph
        self.heavy = heavy
        self.events = events
        # a WebSocket's subscriptions now, and since when it has had none (app.close_when_idle)
        self.subscriptions = 0
        self.idle_since = time.monotonic()
        self.idle_watch: asyncio.Task[None] | None = None
        self.expires_at: float | None = None  # a WebSocket's token's expiry (epoch seconds)
        self.settings = settings
        self.weights = weights
        self.principal = principal
        self.loaders = Loaders(graph)

    @property
    def caller(self) -> Caller:
        """Who asks, and the service's today: what every use case is called with."""
        return Caller(self.principal, self.settings.current_date())

    @property
    def sees_personal_data(self) -> bool:
        return sees_personal_data(self.principal, self.settings.public_personal_data)


Ctx = Info[Context, None]
