"""The limit behind HTTP: "orggraph minus GraphQL". Each query of the set as one hand-written Cypher
statement (POST /q/<name> with the parameters as JSON), served the way orggraph serves a request:

- the same ASGI server, loop and HTTP parser: uvicorn with uvloop and httptools, one process;
- a plain ASGI app (orggraph's compiled fast path is a plain ASGI middleware in front of FastAPI);
- the same JSON encoder for the answer: orjson;
- the same garbage collector settings, once started (orggraph.runtime.settle_heap, as `orggraph serve`);
- the same driver call style as orggraph's `Graph.read`: `execute_query` with a `Query` carrying the
  transaction timeout, the database named, routing READ (WRITE for the write), and the same driver
  options as `orggraph.graph.driver.open_driver`.

    NEO4J_URI=bolt://127.0.0.1:27687 NEO4J_PASSWORD=... python -m benchmarks.compare.limit_server --port 4200
"""

from __future__ import annotations

import argparse
import os
from typing import Any

import orjson
from neo4j import AsyncGraphDatabase, Query, RoutingControl

from benchmarks.compare.queries import LIMIT_CYPHER, cypher_params
from orggraph.runtime import settle_heap

TX_TIMEOUT_S = 30  # orggraph's neo4j_tx_timeout_s default

driver = AsyncGraphDatabase.driver(
    os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"),
    auth=(os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "neo4j")),
    max_connection_pool_size=50,
    connection_acquisition_timeout=10.0,
    connection_timeout=5.0,
    liveness_check_timeout=30.0,
    user_agent="orggraph-bench-limit",
    notifications_min_severity="OFF",
)
QUERIES = {name: Query(text, timeout=TX_TIMEOUT_S) for name, text in LIMIT_CYPHER.items()}  # type: ignore[arg-type]
JSON = [(b"content-type", b"application/json")]


async def _body(receive: Any) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


async def _send(
    send: Any, status: int, body: bytes, headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers or []})
    await send({"type": "http.response.body", "body": body})


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                settle_heap()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await driver.close()
                await send({"type": "lifespan.shutdown.complete"})
                return
    path = scope["path"]
    if path == "/healthz":
        await _send(send, 200, b"ok")
        return
    name = path.removeprefix("/q/")
    if scope["method"] != "POST" or not path.startswith("/q/") or name not in QUERIES:
        await _send(send, 404, b"no such query")
        return
    params = orjson.loads(await _body(receive))
    records, _, _ = await driver.execute_query(
        QUERIES[name],
        cypher_params(name, params),
        database_="neo4j",
        routing_=RoutingControl.WRITE if name == "create" else RoutingControl.READ,
    )
    await _send(send, 200, orjson.dumps(records[0].data()), JSON)


def main() -> None:  # pragma: no cover - started by the harness
    import uvicorn

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=4200)
    args = parser.parse_args()
    uvicorn.run(app, host="127.0.0.1", port=args.port, loop="uvloop", http="httptools",
                log_level="info", access_log=False)  # fmt: skip


if __name__ == "__main__":  # pragma: no cover
    main()
