"""The watch every browser test keeps (tests/console/conftest.py): a request to a host other than loopback,
by name or by address, never leaves the machine, and the test that made it is told. The proof that it is
blocked, not merely unanswered (this machine reaches no other host): a server of this test that listens on
every address answers the browser through loopback and not through the machine's own outward address."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

pytestmark = pytest.mark.neo4j

FETCH = """async url => {
  try { await fetch(url, {mode: 'no-cors'}); return 'answered' } catch (e) { return 'failed' }
}"""


class _Answer(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/javascript")
        self.end_headers()
        self.wfile.write(b"// hello")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def everywhere() -> Iterator[int]:
    """A server on every address of this machine; its port."""
    server = ThreadingHTTPServer(("0.0.0.0", 0), _Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def outward_address() -> str | None:
    """This machine's address toward other hosts (no packet is sent), if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            address: str = s.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_a_request_to_another_host_fails_in_the_browser_and_is_named(console: Any, everywhere: int) -> None:
    w = console()
    w.goto("/")
    w.settle()
    assert w.page.evaluate(FETCH, f"http://127.0.0.1:{everywhere}/x.js") == "answered"
    others = ["http://example.com/x.js", "https://cdn.jsdelivr.net/npm/x.js"]
    address = outward_address()
    if address:
        others.append(f"http://{address}:{everywhere}/x.js")
    for url in others:
        assert w.page.evaluate(FETCH, url) == "failed", url
        assert f"request to another host: {url}" in w.problems
    assert w.page.evaluate(FETCH, w.base + "/healthz") == "answered"
    w.allow("request to another host: ", "failed request: ", "console error: Failed to load resource")
