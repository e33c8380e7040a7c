"""Browser tests of the console: Playwright's sync API driving Debian's chromium (`make chromium`)
against the suite's real stack (its Neo4j and the `api` server, create_app in-process).

Playwright's sync API keeps its own event loop running on the main thread while a browser is open, so
these tests take no async fixture (pytest-asyncio could not run one): `demo_sync` / `demo_graph_sync`
prepare the demo graph on a thread of their own, and the browser lives for one module only.

Every page is watched: a request to a host other than loopback is blocked and fails the test, as do a
console error, an uncaught exception, a failed request and an HTTP error answer. The browser blocks it (every
other host goes to a proxy that is not there: Chromium sends loopback past a proxy) and the watcher names it;
no route intercepts the pages' requests, which would send each through this process and turn the browser's
cache off (tests/console/test_watch.py). Screenshots go to
tests/console/artifacts/ (gitignored)."""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from orggraph.graph.driver import open_driver
from orggraph.graph.migrations import migrate
from orggraph.seeding.records import Bundle
from orggraph.settings import Settings
from tests.conftest import Api, _ensure_demo

playwright_sync = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path(os.environ.get("ORGGRAPH_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).parent / "artifacts"
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
NOWHERE = "http://127.0.0.1:9"  # the discard port: no proxy listens there, so a request to another host fails


def _on_a_thread(work: Callable[[], Coroutine[Any, Any, None]]) -> None:
    failed: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(work())
        except BaseException as exc:
            failed.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failed:
        raise failed[0]


def _prepare_demo(settings: Settings, bundle: Bundle) -> None:
    async def work() -> None:
        driver = open_driver(settings)
        try:
            await migrate(driver, settings.neo4j_database, settings.schema_dir)
            await _ensure_demo(driver, settings, bundle)
        finally:
            await driver.close()

    _on_a_thread(work)


@pytest.fixture
def demo_sync(neo4j_server: Settings, demo_bundle: Bundle) -> None:
    """The pristine demo graph, for a browser test that only reads it."""
    _prepare_demo(neo4j_server, demo_bundle)


@pytest.fixture
def demo_graph_sync(neo4j_server: Settings, demo_bundle: Bundle) -> Iterator[None]:
    """The pristine demo graph, for a browser test that may change it (reloaded for the next test that needs
    it if it did)."""
    _prepare_demo(neo4j_server, demo_bundle)
    yield


@pytest.fixture(scope="module")
def browser(settings: Settings) -> Iterator[Any]:
    if not (settings.console_dir / "index.html").is_file():
        pytest.fail(f"the console is not built ({settings.console_dir}): run `make console`")
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (apt-get install chromium)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright_sync.sync_playwright() as pw:
        launched = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", f"--proxy-server={NOWHERE}"]
        )
        yield launched
        launched.close()


@dataclass
class Watched:
    """A page under watch, and what went wrong on it."""

    page: Any
    base: str
    problems: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    allowed: tuple[str, ...] = ()
    pending: set[Any] = field(default_factory=set)  # requests sent and not yet answered (or failed)

    def settle(self, quiet_ms: int = 300, timeout_s: float = 15.0) -> None:
        """Wait until no request of the page has been pending for quiet_ms. (Playwright's "networkidle" is a
        load state of the document: after a client-side navigation it is already reached and waits for nothing.)"""
        deadline = time.monotonic() + timeout_s
        quiet_since: float | None = None
        while time.monotonic() < deadline:
            if self.pending:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= quiet_ms / 1000:
                return
            self.page.wait_for_timeout(50)  # lets the page's events (requests finishing) be handled
        raise AssertionError(f"requests still pending after {timeout_s} s: {[r.url for r in self.pending]}")

    def allow(self, *prefixes: str) -> None:
        """Problems the test provokes on purpose (a refused token's 401): not failures."""
        self.allowed += prefixes

    def unexpected(self) -> list[str]:
        return [p for p in self.problems if not p.startswith(self.allowed)]

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path)

    def shot(self, name: str) -> Path:
        # Element Plus's loading mask fades out after the data arrived: not in the picture (as long as settle's
        # wait: on a busy shared machine a page's request took more than the 5 s this once allowed)
        self.page.wait_for_function("!document.querySelector('.el-loading-mask')", timeout=15000)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=False)
        return path


def dev_token(api: Api, role: str, scope: str | None = None) -> str:
    r = httpx.post(f"{api.url}/auth/dev-token", json={"role": role, "scope": scope}, timeout=10)
    r.raise_for_status()
    token: str = r.json()["token"]
    return token


@pytest.fixture
def console(browser: Any, api: Api) -> Iterator[Any]:
    """open(role=None, scope=None) -> Watched: a fresh browser context, signed in as the role (a
    token from the dev sign-in route in sessionStorage) or not signed in."""
    opened: list[tuple[Any, Watched]] = []

    def open_page(role: str | None = None, scope: str | None = None) -> Watched:
        context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
        page = context.new_page()
        watched = Watched(page, api.url)

        def elsewhere(req: Any) -> None:
            parts = urlsplit(req.url)
            if parts.scheme not in ("data", "blob") and (parts.hostname or "") not in LOOPBACK:
                watched.problems.append(f"request to another host: {req.url}")

        context.on("request", elsewhere)  # every page of the context, a popup's too
        page.on("request", lambda req: (watched.requests.append(req.url), watched.pending.add(req)))
        page.on("requestfinished", lambda req: watched.pending.discard(req))
        page.on("requestfailed", lambda req: watched.pending.discard(req))
        page.on(
            "console", lambda m: m.type == "error" and watched.problems.append(f"console error: {m.text}")
        )
        page.on("pageerror", lambda exc: watched.problems.append(f"uncaught: {exc}"))
        page.on(
            "requestfailed",
            lambda req: watched.problems.append(f"failed request: {req.url} {req.failure}"),
        )
        page.on(
            "response",
            lambda resp: resp.status >= 400 and watched.problems.append(f"HTTP {resp.status}: {resp.url}"),
        )
        if role:
            token = dev_token(api, role, scope)
            context.add_init_script(f"sessionStorage.setItem('orggraph.token', {json.dumps(token)})")
        opened.append((context, watched))
        return watched

    yield open_page
    problems = [p for _, w in opened for p in w.unexpected()]
    for context, _ in opened:
        context.close()
    assert not problems, "\n".join(problems)
