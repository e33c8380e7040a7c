"""Read-your-writes across API processes, at the HTTP edge and without Neo4j: the X-Orggraph-Bookmarks header
is parsed within its limits (else 400 BAD_BOOKMARK naming the header), its bookmarks and the process's reach
every Graph call of the request, and a response to a request that wrote names the write's bookmark.

The Graph here is a fake of our own interface that does with the request's bookmark manager what the driver
does with it (asks it for the bookmarks to begin with, tells it the bookmark a commit made); the driver's
real bookmark manager stands for the process's. The e2e suite (tests/e2e/test_cluster_path.py) runs the same
over two API processes on a real Neo4j."""

from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from neo4j import AsyncGraphDatabase, Bookmarks
from neo4j.api import AsyncBookmarkManager
from starlette.types import Receive, Scope, Send

from orggraph.api.http import (
    BOOKMARKS_HEADER,
    CORS_EXPOSED_HEADERS,
    CORS_REQUEST_HEADERS,
    MAX_BOOKMARK_CHARS,
    MAX_BOOKMARKS,
    BadBookmarksHeader,
    parse_bookmarks,
)
from orggraph.api.http import Bookmarks as BookmarksMiddleware
from orggraph.app import create_app
from orggraph.graph import bookmarks
from orggraph.settings import Settings

# --- the header ---


def test_no_header_and_an_empty_one_carry_no_bookmarks() -> None:
    assert parse_bookmarks(None) == []
    assert parse_bookmarks("") == []
    assert parse_bookmarks(" , ") == []


def test_the_header_lists_bookmarks_separated_by_commas_each_once() -> None:
    assert parse_bookmarks("FB:kcwQzX+Eve/YQ==, FB:abc ,FB:abc") == ["FB:abc", "FB:kcwQzX+Eve/YQ=="]


def test_more_bookmarks_than_the_limit_are_refused_naming_the_header() -> None:
    assert len(parse_bookmarks(",".join(f"FB:{i}" for i in range(MAX_BOOKMARKS)))) == MAX_BOOKMARKS
    with pytest.raises(BadBookmarksHeader, match=BOOKMARKS_HEADER):
        parse_bookmarks(",".join(f"FB:{i}" for i in range(MAX_BOOKMARKS + 1)))


def test_a_bookmark_longer_than_the_limit_is_refused_naming_the_header() -> None:
    assert parse_bookmarks("F" * MAX_BOOKMARK_CHARS) == ["F" * MAX_BOOKMARK_CHARS]
    with pytest.raises(BadBookmarksHeader, match=BOOKMARKS_HEADER):
        parse_bookmarks("F" * (MAX_BOOKMARK_CHARS + 1))


@pytest.mark.parametrize("value", ["FB:a b", "FB:书签", "FB:a\tb"])
def test_a_bookmark_with_other_than_visible_ascii_is_refused(value: str) -> None:
    with pytest.raises(BadBookmarksHeader, match=BOOKMARKS_HEADER):
        parse_bookmarks(value)


# --- the middleware ---


class FakeGraph:
    """Our Graph's interface (read, write_one), doing with the bookmark manager of the call what the driver
    does: a transaction begins with the manager's bookmarks, and its commit tells the manager its bookmark."""

    def __init__(self, process: AsyncBookmarkManager) -> None:
        self.driver = SimpleNamespace(execute_query_bookmark_manager=process)
        self.began_with: list[set[str]] = []
        self.commits = 0

    async def read(self, query: str, **params: Any) -> list[Any]:
        manager = bookmarks.manager(self.driver)  # type: ignore[arg-type]
        self.began_with.append(set(await manager.get_bookmarks()))
        return []

    async def write_one(self, query: str, params: dict[str, Any], answer: Any) -> Any:
        manager = bookmarks.manager(self.driver)  # type: ignore[arg-type]
        previous = set(await manager.get_bookmarks())
        self.began_with.append(previous)
        self.commits += 1
        await manager.update_bookmarks(previous, {f"FB:commit-{self.commits}"})
        bookmarks.written()  # as Graph does after a commit
        return answer(None)


def app_on(graph: FakeGraph) -> BookmarksMiddleware:
    """A request reads twice at once (as GraphQL resolves fields, in tasks of its own), then writes if its
    path is /write."""

    async def endpoint(scope: Scope, receive: Receive, send: Send) -> None:
        await asyncio.gather(graph.read("RETURN 1"), graph.read("RETURN 2"))
        if scope["path"] == "/write":
            await graph.write_one("CREATE ()", {}, lambda _: None)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    return BookmarksMiddleware(endpoint, state=SimpleNamespace(driver=graph.driver))


def process_manager(*held: str) -> AsyncBookmarkManager:
    return AsyncGraphDatabase.bookmark_manager(Bookmarks.from_raw_values(held))


def client(app: BookmarksMiddleware) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


async def test_every_call_of_a_request_begins_after_the_clients_bookmarks_and_the_processs() -> None:
    graph = FakeGraph(process_manager("FB:process"))
    async with client(app_on(graph)) as c:
        r = await c.post("/read", headers={BOOKMARKS_HEADER: "FB:seen-on-a,FB:seen-on-b"})
    assert r.status_code == 200
    assert graph.began_with == [{"FB:seen-on-a", "FB:seen-on-b", "FB:process"}] * 2


async def test_a_request_that_only_read_answers_without_bookmarks() -> None:
    graph = FakeGraph(process_manager("FB:process"))
    async with client(app_on(graph)) as c:
        r = await c.post("/read", headers={BOOKMARKS_HEADER: "FB:seen-on-a"})
    assert BOOKMARKS_HEADER not in r.headers


async def test_a_request_that_wrote_answers_with_its_writes_bookmark() -> None:
    process = process_manager("FB:process")
    graph = FakeGraph(process)
    async with client(app_on(graph)) as c:
        r = await c.post("/write", headers={BOOKMARKS_HEADER: "FB:seen-on-a"})
    assert graph.began_with[-1] == {"FB:seen-on-a", "FB:process"}  # the write followed what the client saw
    assert r.headers[BOOKMARKS_HEADER] == "FB:commit-1"
    # the process's later requests, with no header, follow the write too
    assert set(await process.get_bookmarks()) == {"FB:commit-1"}


async def test_without_a_header_a_write_still_hands_its_bookmark_back() -> None:
    graph = FakeGraph(process_manager())
    async with client(app_on(graph)) as c:
        first = await c.post("/write")
        second = await c.post("/write", headers={BOOKMARKS_HEADER: first.headers[BOOKMARKS_HEADER]})
    assert first.headers[BOOKMARKS_HEADER] == "FB:commit-1"
    assert graph.began_with[-1] == {"FB:commit-1"}
    assert second.headers[BOOKMARKS_HEADER] == "FB:commit-2"


async def test_outside_a_request_graph_calls_use_the_processs_bookmarks() -> None:
    process = process_manager("FB:process")
    graph = FakeGraph(process)
    async with client(app_on(graph)) as c:
        await c.post("/read", headers={BOOKMARKS_HEADER: "FB:seen-on-a"})
    assert bookmarks.current.get() is None
    await graph.read("RETURN 1")
    assert graph.began_with[-1] == {"FB:process"}


async def test_a_header_over_its_limits_is_refused_with_400_before_the_app_runs() -> None:
    graph = FakeGraph(process_manager())
    async with client(app_on(graph)) as c:
        r = await c.post("/write", headers={BOOKMARKS_HEADER: "F" * (MAX_BOOKMARK_CHARS + 1)})
    assert r.status_code == 400
    error = r.json()["errors"][0]
    assert error["extensions"] == {"code": "BAD_BOOKMARK", "field": BOOKMARKS_HEADER}
    assert BOOKMARKS_HEADER in error["message"]
    assert graph.began_with == []


# --- create_app ---


async def test_create_app_refuses_a_bad_bookmarks_header_on_graphql() -> None:
    app = create_app(Settings())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        too_many = ",".join(f"FB:{i}" for i in range(MAX_BOOKMARKS + 1))
        body = json.dumps({"query": "{ __typename }"})
        headers = {"content-type": "application/json", BOOKMARKS_HEADER: too_many}
        r = await c.post("/graphql", content=body, headers=headers)
    assert r.status_code == 400 and r.json()["errors"][0]["extensions"]["code"] == "BAD_BOOKMARK"


def test_browsers_on_other_origins_may_send_the_header_and_read_it_back() -> None:
    assert BOOKMARKS_HEADER in CORS_REQUEST_HEADERS and BOOKMARKS_HEADER in CORS_EXPOSED_HEADERS
