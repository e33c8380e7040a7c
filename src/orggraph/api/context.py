"""The per-request context: the shared Graph and fresh DataLoaders (one batch per hop and level)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from orggraph.domain.auth import Principal, sees_personal_data
from orggraph.domain.model import Label
from orggraph.graph import reads
from orggraph.graph.hops import Hops, Neighbour, load_hop
from orggraph.graph.runner import Graph
from orggraph.matching.rank import Weights
from orggraph.settings import Settings


class Loaders:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._hops: dict[Hops, DataLoader[str, list[Neighbour]]] = {}
        self._nodes: dict[Label, DataLoader[str, Any]] = {}

    def hop(self, hop: Hops) -> DataLoader[str, list[Neighbour]]:
        if hop not in self._hops:
            self._hops[hop] = DataLoader(load_fn=partial(self._load_hop, hop))
        return self._hops[hop]

    def node(self, label: Label) -> DataLoader[str, Any]:
        if label not in self._nodes:
            self._nodes[label] = DataLoader(load_fn=partial(self._load_nodes, label))
        return self._nodes[label]

    async def _load_hop(self, hop: Hops, ids: Sequence[str]) -> list[list[Neighbour]]:
        return await load_hop(self.graph, hop, ids)

    async def _load_nodes(self, label: Label, ids: Sequence[str]) -> list[Any]:
        return await reads.by_ids(self.graph, label, ids)


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
