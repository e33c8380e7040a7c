"""The app in the test's own process, for tests that need settings of their own (production, limits,
CORS, metrics): its lifespan runs (the driver, the heavy-work pool, the event hub) and an httpx client
talks to it over ASGI, no socket."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from orggraph.app import create_app
from orggraph.settings import Settings


@asynccontextmanager
async def served_app(
    settings: Settings, timeout: float = 5.0
) -> AsyncIterator[tuple[httpx.AsyncClient, FastAPI]]:
    """A client of a new app with `settings`, and the app (for its state)."""
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t", timeout=timeout) as client:
            yield client, app


@asynccontextmanager
async def served(settings: Settings, timeout: float = 5.0) -> AsyncIterator[httpx.AsyncClient]:
    """A client of a new app with `settings`."""
    async with served_app(settings, timeout) as (client, _):
        yield client
