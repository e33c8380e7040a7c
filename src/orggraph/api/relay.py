"""Relay-style connections, once: a page of domain entities as edges with cursors, page info and the
total. Each list names its own connection (`class NeedConnection(Connection[Need])`) to describe it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, Self, TypeVar

import strawberry

from orggraph.domain import entities as e

N = TypeVar("N")


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None

    @classmethod
    def of(cls, page: e.Page[Any]) -> PageInfo:
        return cls(has_next_page=page.has_next, end_cursor=page.items[-1][0] if page.items else None)


@strawberry.type
class Edge(Generic[N]):
    cursor: str
    node: N


@strawberry.type
class Connection(Generic[N]):
    edges: list[Edge[N]]
    page_info: PageInfo
    total_count: int

    @classmethod
    def of(cls, page: e.Page[Any], node: Callable[[Any], N]) -> Self:
        """The page's entities as edges, each mapped to its GraphQL type by `node`."""
        edges = [Edge(cursor=cursor, node=node(x)) for cursor, x in page.items]
        return cls(edges=edges, page_info=PageInfo.of(page), total_count=page.total)
