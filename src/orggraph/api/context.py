"""The per-request context: the shared Graph and fresh DataLoaders (one batch per hop and level; the
batches that are ready at the same moment go to Neo4j together, as one statement)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from functools import partial
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from orggraph.domain.auth import Principal, sees_personal_data
from orggraph.domain.model import Label
from orggraph.graph import mapping
from orggraph.graph.hops import Hops, Neighbour, load_many
from orggraph.graph.runner import Graph
from orggraph.matching.rank import Weights
from orggraph.settings import Settings


class Loaders:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._hops: dict[Hops, DataLoader[str, list[Neighbour]]] = {}
        self._nodes: dict[Label, DataLoader[str, Any]] = {}
        # the batches of the DataLoaders that dispatch in the same turn of the event loop (the fields of
        # one level of a query), sent together
        self._pending: list[tuple[Hops | Label, Sequence[str], asyncio.Future[list[Any]]]] = []
        self._flushes: set[asyncio.Task[None]] = set()

    def hop(self, hop: Hops) -> DataLoader[str, list[Neighbour]]:
        if hop not in self._hops:
            self._hops[hop] = DataLoader(load_fn=partial(self._load_hop, hop))
        return self._hops[hop]

    def node(self, label: Label) -> DataLoader[str, Any]:
        if label not in self._nodes:
            self._nodes[label] = DataLoader(load_fn=partial(self._load_nodes, label))
        return self._nodes[label]

    async def _load_hop(self, hop: Hops, ids: Sequence[str]) -> list[list[Neighbour]]:
        return await self._enqueue(hop, ids)

    async def _load_nodes(self, label: Label, ids: Sequence[str]) -> list[Any]:
        mapper = mapping.MAPPERS[label]
        return [mapper(n) if n is not None else None for n in await self._enqueue(label, ids)]

    def _enqueue(self, what: Hops | Label, ids: Sequence[str]) -> asyncio.Future[list[Any]]:
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

    async def _send(self, batch: list[tuple[Hops | Label, Sequence[str], asyncio.Future[list[Any]]]]) -> None:
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
            if not future.done():
                future.set_result(result)


class Context(BaseContext):
    def __init__(self, graph: Graph, settings: Settings, weights: Weights, principal: Principal) -> None:
        super().__init__()
        self.graph = graph
        self.settings = settings
        self.weights = weights
        self.principal = principal
        self.loaders = Loaders(graph)

    @property
    def actor(self) -> str:
        return self.principal.actor

    @property
    def sees_personal_data(self) -> bool:
        return sees_personal_data(self.principal, self.settings.public_personal_data)
