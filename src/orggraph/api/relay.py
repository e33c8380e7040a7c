"""Relay cursor connections, once: a page of domain entities as edges with cursors, page info and the
total. Each list names its own connection (`class NeedConnection(Connection[Need])`) to describe it,
and takes its window with the four arguments below (`First`, `After`, `Last`, `Before`) turned into a
domain `Window` by `window()`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Generic, Self, TypeVar

import strawberry
from strawberry.types import Info
from strawberry.types.nodes import SelectedField, Selection

from orggraph.domain import entities as e
from orggraph.domain.queries import DEFAULT_PAGE, MAX_PAGE, Window

N = TypeVar("N")

First = Annotated[
    int | None,
    strawberry.argument(
        description=f"向后翻页(forward):取前 N 条,默认 {DEFAULT_PAGE},最多 {MAX_PAGE};不能与 last 同用"
    ),
]
After = Annotated[
    str | None, strawberry.argument(description="只取此游标(cursor)之后的条目,通常是上一页的 endCursor")
]
Last = Annotated[
    int | None,
    strawberry.argument(description=f"向前翻页(backward):取最后 N 条,最多 {MAX_PAGE};不能与 first 同用"),
]
Before = Annotated[
    str | None, strawberry.argument(description="只取此游标(cursor)之前的条目,通常是下一页的 startCursor")
]


def window(first: int | None, after: str | None, last: int | None, before: str | None) -> Window:
    return Window.of(first=first, after=after, last=last, before=before)


@strawberry.type(description="分页信息(Relay PageInfo)")
class PageInfo:
    has_next_page: bool = strawberry.field(description="本页最后一条之后是否还有条目")
    has_previous_page: bool = strawberry.field(description="本页第一条之前是否还有条目")
    start_cursor: str | None = strawberry.field(description="本页第一条的游标(cursor);本页为空时为 null")
    end_cursor: str | None = strawberry.field(description="本页最后一条的游标(cursor);本页为空时为 null")

    @classmethod
    def of(cls, page: e.Page[Any]) -> PageInfo:
        return cls(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            start_cursor=page.items[0][0] if page.items else None,
            end_cursor=page.items[-1][0] if page.items else None,
        )


@strawberry.type(description="分页列表中的一条(Relay Edge)")
class Edge(Generic[N]):
    cursor: str = strawberry.field(description="本条的游标(cursor),用作 after 或 before 的取值")
    node: N = strawberry.field(description="本条的对象")


@strawberry.type(description="分页列表(Relay Connection)")
class Connection(Generic[N]):
    edges: list[Edge[N]] = strawberry.field(description="本页条目,按列表顺序")
    page_info: PageInfo = strawberry.field(description="分页信息")
    total: strawberry.Private[int | None]

    @strawberry.field(description="符合筛选条件的条目总数(不受游标和每页条数影响)")
    def total_count(self) -> int:
        if self.total is None:  # the list's resolver counts whenever totalCount is selected
            raise RuntimeError("totalCount was selected but the list was not counted")
        return self.total

    @classmethod
    def of(cls, page: e.Page[Any], node: Callable[[Any], N]) -> Self:
        """The page's entities as edges, each mapped to its GraphQL type by `node`."""
        edges = [Edge(cursor=cursor, node=node(x)) for cursor, x in page.items]
        return cls(edges=edges, page_info=PageInfo.of(page), total=page.total)


def selects_total(info: Info[Any, Any]) -> bool:
    """Whether the connection being resolved has `totalCount` in its selection, directly or through
    fragments (named or inline), in any of the field's nodes. `@skip`/`@include` are not looked at: a
    total skipped by a directive is still counted (counting is never wrong, only slower)."""
    return any(_has_total(f.selections) for f in info.selected_fields if isinstance(f, SelectedField))


def _has_total(selections: list[Selection]) -> bool:
    for s in selections:
        if isinstance(s, SelectedField):
            if s.name == "totalCount":
                return True
        elif _has_total(s.selections):  # a fragment spread or an inline fragment
            return True
    return False
