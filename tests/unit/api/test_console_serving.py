"""The console's routes on create_app, without Neo4j: the dev sign-in (development and test only),
the built console at / with its client routes and cache headers, the page saying how to build it, and
GET /graphql serving the local GraphiQL page instead of strawberry's CDN page."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from orggraph.api.tokens import verify
from orggraph.app import create_app
from orggraph.domain.auth import Role
from orggraph.settings import Settings


def client(settings: Settings) -> httpx.AsyncClient:
    app = create_app(settings)
    # no lifespan (no Neo4j): strawberry builds the context before it renders the IDE page
    app.state.graph = app.state.heavy = app.state.events = None
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


@pytest.fixture
def built(tmp_path: Path) -> Path:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<!doctype html><title>console</title>", encoding="utf-8")
    (dist / "graphiql.html").write_text("<!doctype html><title>local graphiql</title>", encoding="utf-8")
    (dist / "assets" / "main-abc123.js").write_text("console.log(1)", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    return dist


async def test_dev_token_mints_a_token_for_a_role_and_scope() -> None:
    settings = Settings(env="test")
    async with client(settings) as c:
        r = await c.post("/auth/dev-token", json={"role": "COMMUNITY_ADMIN", "scope": "comm-shuguang"})
        assert r.status_code == 200, r.text
        assert r.headers["cache-control"] == "no-store"
        principal = verify(settings, r.json()["token"])
        assert principal.role is Role.COMMUNITY_ADMIN and principal.community_id == "comm-shuguang"
        viewer = await c.post("/auth/dev-token", json={"role": "VIEWER"})
        assert verify(settings, viewer.json()["token"]).role is Role.VIEWER
        config = (await c.get("/auth/config")).json()
        assert config == {"env": "test", "devSignIn": True, "graphiql": True}


async def test_dev_token_names_the_missing_scope_and_refuses_an_unknown_role() -> None:
    async with client(Settings(env="development")) as c:
        r = await c.post("/auth/dev-token", json={"role": "STREET_ADMIN"})
        assert r.status_code == 400
        error = r.json()["errors"][0]
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "scope"}
        assert error["message"].startswith("scope: ")
        assert (await c.post("/auth/dev-token", json={"role": "ROOT"})).status_code == 422


async def test_dev_token_does_not_exist_in_production(built: Path) -> None:
    settings = Settings(env="production", jwt_secret="a-production-secret-" + "x" * 40, console_dir=built)
    async with client(settings) as c:
        r = await c.post("/auth/dev-token", json={"role": "ORG_ADMIN"})
        assert r.status_code == 404
        assert "token" not in r.text
        assert (await c.get("/auth/config")).json() == {
            "env": "production",
            "devSignIn": False,
            "graphiql": False,
        }
        # no GraphiQL in production, neither strawberry's nor the local one
        page = await c.get("/graphql", headers={"accept": "text/html"})
        assert "local graphiql" not in page.text and "unpkg" not in page.text


async def test_no_dev_token_where_a_real_secret_signs_the_tokens_even_outside_production(built: Path) -> None:
    """A deployment that forgot ORGGRAPH_ENV=production but set its own secret mints nothing."""
    settings = Settings(
        env="development", jwt_secret="a-real-deployment-secret-" + "y" * 40, console_dir=built
    )
    async with client(settings) as c:
        assert (await c.post("/auth/dev-token", json={"role": "ORG_ADMIN"})).status_code == 404
        assert (await c.get("/auth/config")).json()["devSignIn"] is False


async def test_the_built_console_is_served_with_its_client_routes(built: Path) -> None:
    async with client(Settings(env="test", console_dir=built)) as c:
        for path in ("/", "/community/comm-shuguang", "/dashboard"):
            r = await c.get(path)
            assert r.status_code == 200 and "<title>console</title>" in r.text, path
            assert r.headers["cache-control"] == "no-cache"
            assert r.headers["content-type"].startswith("text/html")
        asset = await c.get("/assets/main-abc123.js")
        assert asset.status_code == 200 and asset.text == "console.log(1)"
        assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert (await c.get("/assets/missing-000.js")).status_code == 404
        assert (await c.get("/favicon.ico")).status_code == 404
        for sneaky in ("/%2e%2e/secret.txt", "/..%2fsecret.txt", "/assets/%2e%2e/%2e%2e/secret.txt"):
            assert "outside" not in (await c.get(sneaky)).text, sneaky
        # the API's own routes come first
        assert (await c.get("/healthz")).json() == {"status": "ok"}


async def test_graphiql_is_the_local_page(built: Path) -> None:
    async with client(Settings(env="development", console_dir=built)) as c:
        r = await c.get("/graphql", headers={"accept": "text/html"})
        assert r.status_code == 200 and "local graphiql" in r.text
        assert "unpkg" not in r.text and "cdn" not in r.text.lower()


async def test_without_a_build_the_root_says_how_to_build_it(tmp_path: Path) -> None:
    async with client(Settings(env="development", console_dir=tmp_path / "none")) as c:
        r = await c.get("/")
        assert r.status_code == 200 and "控制台尚未构建" in r.text and "make console" in r.text
        graphiql = await c.get("/graphql", headers={"accept": "text/html"})
        assert "make console" in graphiql.text and "unpkg" not in graphiql.text
