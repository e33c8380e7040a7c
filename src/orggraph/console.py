"""The web console (console/, built into console/dist) served at `/`, the offline GraphiQL page, and
the development sign-in route.

- `/` and every client route (`/community/comm-shuguang`, ...) answer `index.html` (the Vue router
  reads the path); files of the build are served as they are, hashed `assets/` for a year (immutable),
  everything else revalidated (`no-cache`). Without a build, `/` answers a short page saying how to
  build it.
- GET /graphql in a browser answers `graphiql.html` of the same build: GraphiQL's scripts, styles and
  fonts come from this server, so it works offline (strawberry's page loads them from a CDN).
- GET /auth/config says which sign-in the console offers.
- POST /auth/dev-token {role, scope} mints a bearer token for the sign-in page of the console, in
  development and test only: in production the route does not exist (404) and tokens come from the
  identity provider (docs/console.md).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from orggraph.api.tokens import TokenError, mint
from orggraph.domain.auth import Role
from orggraph.settings import DEV_JWT_SECRET, Settings

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
DEV_TOKEN_TTL = timedelta(hours=8)

NOT_BUILT = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>orggraph 控制台尚未构建</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.6">
<h1>控制台尚未构建</h1>
<p>{what}的前端文件(console/dist)不存在。请在项目根目录运行:</p>
<pre>make console</pre>
<p>(需要 Node.js 20 与 npm;<code>make run</code> 与 <code>make test</code> 会自动构建。)
GraphQL 接口照常可用:POST /graphql。</p>
</body></html>
"""


def not_built_page(what: str = "控制台") -> str:
    return NOT_BUILT.format(what=what)


class DevTokenRequest(BaseModel):
    role: Role
    scope: str | None = Field(default=None, max_length=200)


def graphiql_page(settings: Settings) -> str:
    """The built offline GraphiQL page, or the short page saying how to build it."""
    page = settings.console_dir / "graphiql.html"
    if page.is_file():
        return page.read_text(encoding="utf-8")
    return not_built_page("GraphiQL 页面")


def _inside(root: Path, path: str) -> Path | None:
    """The file `path` names under `root`, or None (missing, a folder, or outside `root`)."""
    if not path or "\x00" in path:
        return None
    candidate = (root / path).resolve()
    if not candidate.is_relative_to(root.resolve()) or not candidate.is_file():
        return None
    return candidate


def add_console(app: FastAPI, settings: Settings) -> None:
    """Adds the dev sign-in route and the console's routes; call after the API's own routes (the
    console's catch-all GET comes last)."""
    # only where the development secret signs the tokens anyway: a deployment that forgot
    # ORGGRAPH_ENV=production but has its own secret or key gets no token mint
    dev = (
        settings.env in ("development", "test")
        and settings.jwt_public_key_file is None
        and settings.jwt_secret.get_secret_value() == DEV_JWT_SECRET
    )

    @app.get("/auth/config")
    async def auth_config() -> JSONResponse:
        """What the sign-in page offers: the dev sign-in (development and test) or a token from the
        identity provider (production); whether GET /graphql serves GraphiQL."""
        return JSONResponse(
            {"env": settings.env, "devSignIn": dev, "graphiql": settings.env != "production"},
            headers={"Cache-Control": "no-store"},
        )

    if dev:

        @app.post("/auth/dev-token")
        async def dev_token(body: DevTokenRequest) -> JSONResponse:
            """Development and test only: a bearer token for any role and scope (the console's
            sign-in page). Not present in production."""
            subject = f"dev-{body.role.value.lower()}" + (f"-{body.scope}" if body.scope else "")
            try:
                minted = mint(
                    settings, role=body.role, subject=subject, scope_id=body.scope, ttl=DEV_TOKEN_TTL
                )
            except TokenError:
                message = f"scope: {body.role.value} 须指定范围(街道、社区或单位编号)"
                return JSONResponse(
                    {
                        "errors": [
                            {"message": message, "extensions": {"code": "BAD_USER_INPUT", "field": "scope"}}
                        ]
                    },
                    status_code=400,
                )
            return JSONResponse(
                {"token": minted, "role": body.role.value, "scope": body.scope, "subject": subject},
                headers={"Cache-Control": "no-store"},
            )

    root = settings.console_dir

    @app.api_route(
        "/{path:path}", methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False
    )
    async def console(request: Request, path: str) -> Response:
        """The console: its files, else index.html for the client routes; 404 for anything but a read
        (so that POST /auth/dev-token in production is not found, as any unknown route)."""
        if request.method not in ("GET", "HEAD"):
            raise HTTPException(status_code=404)
        index = root / "index.html"
        if not index.is_file():
            return HTMLResponse(not_built_page(), status_code=200, headers={"Cache-Control": REVALIDATE})
        found = _inside(root, path)
        if found is not None and found.name != "index.html":
            cache = IMMUTABLE if path.startswith("assets/") else REVALIDATE
            return FileResponse(found, headers={"Cache-Control": cache})
        if path.startswith("assets/") or "." in path.rsplit("/", 1)[-1]:
            # a missing file, not a client route: no index.html for it
            raise HTTPException(status_code=404)
        return FileResponse(index, headers={"Cache-Control": REVALIDATE}, media_type="text/html")
