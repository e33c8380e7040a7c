"""Read-your-writes across API processes, with Neo4j's bookmarks (docs/scaling.md).

A bookmark names a committed transaction; a transaction begun with it waits until the server it runs on has
that transaction. Within one process the driver's own bookmark manager (`execute_query_bookmark_manager`)
chains every Graph call. Across processes the client carries the bookmarks: the HTTP edge (api/http.py)
reads them from the request's `X-Orggraph-Bookmarks` header into a `RequestBookmarks` held in `current`
while the request runs, and Graph's calls use it; after a write the response carries the manager's
bookmarks back to the client.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from contextvars import ContextVar

from neo4j import AsyncDriver
from neo4j.api import AsyncBookmarkManager
from neo4j.exceptions import Neo4jError

from orggraph.domain.errors import DomainError

BAD_BOOKMARK_CODES = (
    "Neo.ClientError.Transaction.InvalidBookmark",
    "Neo.ClientError.Transaction.InvalidBookmarkMixture",
)
BAD_BOOKMARK_MESSAGE = (
    "X-Orggraph-Bookmarks 中的书签无效:数据库不认识它(格式不对,或来自另一个数据库);"
    "请不带此头重试,或改用本服务最近一次返回的值"
)


class BadBookmark(DomainError):
    """Neo4j refused a bookmark the client sent (malformed, or of another database)."""

    code = "BAD_BOOKMARK"


class RequestBookmarks(AsyncBookmarkManager):
    """The bookmark manager of one request: the bookmarks the client sent, plus (supplied on every call,
    never kept) the process's. Each update also reaches the process's manager, so the process's later
    requests follow this one's writes as they would without the header. `wrote` says whether a write
    transaction committed through it (Graph sets it), `bookmarks` what to hand the client back."""

    def __init__(self, given: Iterable[str], process: AsyncBookmarkManager) -> None:
        self._own = set(given)
        self._process = process
        self.wrote = False

    @property
    def bookmarks(self) -> frozenset[str]:
        """The request's own bookmarks: after a write, the write's (it follows all the client sent)."""
        return frozenset(self._own)

    async def get_bookmarks(self) -> set[str]:
        return self._own | set(await self._process.get_bookmarks())

    async def update_bookmarks(
        self, previous_bookmarks: Collection[str], new_bookmarks: Collection[str]
    ) -> None:
        if not new_bookmarks:
            return
        self._own.difference_update(previous_bookmarks)
        self._own.update(new_bookmarks)
        await self._process.update_bookmarks(previous_bookmarks, new_bookmarks)


# the running request's manager (None outside an HTTP request: background work, the command line)
current: ContextVar[RequestBookmarks | None] = ContextVar("orggraph_bookmarks", default=None)


def manager(driver: AsyncDriver) -> AsyncBookmarkManager:
    """The bookmark manager a Graph call uses: the request's, else the process's."""
    return current.get() or driver.execute_query_bookmark_manager


def written() -> None:
    """A write transaction committed in this request: its response carries the bookmarks."""
    request = current.get()
    if request is not None:
        request.wrote = True


def bad_bookmark(exc: Neo4jError) -> BadBookmark | None:
    """The client's error for Neo4j refusing a bookmark (None for any other error)."""
    return (
        BadBookmark(BAD_BOOKMARK_MESSAGE, field="X-Orggraph-Bookmarks")
        if exc.code in BAD_BOOKMARK_CODES
        else None
    )
