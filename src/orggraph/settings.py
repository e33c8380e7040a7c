"""One Settings object, read from the environment (and `.env`), passed explicitly everywhere.

Neo4j connection settings keep the names every Neo4j tool uses (NEO4J_URI, NEO4J_USER,
NEO4J_PASSWORD, NEO4J_DATABASE); everything else is ORGGRAPH_*.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_ORIGIN = re.compile(r"https?://[A-Za-z0-9.\-\[\]:]+")
DEV_JWT_SECRET = "orggraph-development-secret-not-for-production"


def project_root() -> Path:
    """The checkout (where schema/ and seeds/ live): found from this file, else the working folder."""
    here = Path(__file__).resolve().parents[2]
    return here if (here / "schema" / "neo4j").is_dir() else Path.cwd()


def _default_home() -> Path:
    return project_root() / ".orggraph"


def _default_cache() -> Path:
    return Path.home() / ".cache" / "orggraph"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ORGGRAPH_", env_file=".env", extra="ignore", populate_by_name=True
    )

    # --- Neo4j connection (standard names) ---
    neo4j_uri: str | None = Field(
        default=None,
        validation_alias=AliasChoices("NEO4J_URI", "neo4j_uri"),
        description="Bolt URI of an external Neo4j. Unset: orggraph runs its own local Neo4j.",
    )
    neo4j_user: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "neo4j_user"))
    neo4j_password: str = Field(
        default="orggraph-local-dev",
        validation_alias=AliasChoices("NEO4J_PASSWORD", "neo4j_password"),
        description="Password of NEO4J_USER. For the local Neo4j it is set as the initial password "
        "before the first start.",
    )
    neo4j_database: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_DATABASE", "neo4j_database")
    )

    # --- the local Neo4j (used only when NEO4J_URI is unset or points at the local ports) ---
    env: Literal["development", "production", "test"] = "development"
    home: Path = Field(default_factory=_default_home, description="Project state: the local Neo4j's data.")
    cache_dir: Path = Field(
        default_factory=_default_cache,
        description="Where the Neo4j jars are resolved once, outside the tree.",
    )
    neo4j_version: str = Field(
        default="5.26",
        description="org.neo4j:neo4j to run: a line ('5.26': its newest patch that resolves) or an exact "
        "version ('5.26.30').",
    )
    maven_central_url: str = Field(
        default="https://repo.maven.apache.org/maven2",
        description="Where the list of Neo4j versions is read (the jars come through Maven itself).",
    )
    neo4j_bolt_port: int = 7687
    neo4j_http_port: int = 7474
    neo4j_heap: str = "2g"
    neo4j_pagecache: str = "2g"
    neo4j_tx_timeout_s: int = 30
    neo4j_tx_log_retention: str = Field(
        default="2 days",
        pattern=r"^[A-Za-z0-9_ ]+$",
        description="db.tx_log.rotation.retention_policy of the local Neo4j: how much transaction log it keeps "
        "(the benchmarks keep '1G size', so that a 1000x load does not fill the disk with logs).",
    )
    neo4j_replan_interval: str | None = Field(
        default=None,
        pattern=r"^[0-9]+(ms|s|m|h|d)$",
        description="dbms.cypher.min_replan_interval of the local Neo4j (unset: Neo4j's 10s): how long a cached "
        "plan is kept before the graph's changed statistics may have it planned again. The test suite, which "
        "wipes and reloads its graph after every test that wrote, sets '1h': its plans were planned again "
        "hundreds of times a run for statistics that flip between an empty and a loaded graph.",
    )
    neo4j_start_timeout_s: int = 180
    neo4j_pool_size: int = 50
    neo4j_acquisition_timeout_s: float = 10.0
    neo4j_routing: bool = Field(
        default=False,
        description="Reach the local Neo4j as neo4j://127.0.0.1:<port> (the driver's routing kind, as for a "
        "cluster: reads routed as READ) instead of bolt://. With NEO4J_URI set, its scheme decides.",
    )
    neo4j_max_retry_s: float = Field(
        default=10.0, description="How long a transaction is retried over a database restart before failing."
    )
    java_home: Path | None = Field(
        default=None, description="JDK used for the local Neo4j; default: JAVA_HOME, then `java` on PATH."
    )

    schema_dir: Path = Field(default_factory=lambda: project_root() / "schema" / "neo4j")
    seeds_dir: Path = Field(default_factory=lambda: project_root() / "seeds")
    console_dir: Path = Field(
        default_factory=lambda: project_root() / "console" / "dist",
        description="The built console (`make console`), served at / with the offline GraphiQL page.",
    )

    # --- matching ---
    match_weights: dict[str, float] = Field(
        default_factory=dict,
        description='Weights of the score components, JSON, e.g. {"locality": 0.4, "text": 0.1}; '
        "unnamed components keep their defaults (orggraph.matching.rank.Weights).",
    )
    today: date | None = Field(
        default=None, description="Fix 'today' (demos, tests); default: the system date."
    )

    # --- authentication (docs/security.md) ---
    jwt_secret: SecretStr = Field(
        default=SecretStr(DEV_JWT_SECRET),
        description="HS256 secret for bearer tokens. Must be changed in production (the server refuses to start).",
    )
    jwt_public_key_file: Path | None = Field(
        default=None, description="RS256: verify tokens with this PEM key."
    )
    jwt_issuer: str = "orggraph"
    public_personal_data: bool = Field(
        default=False, description="Show people's names to requests without a token (default: never)."
    )

    # --- the API ---
    host: str = "127.0.0.1"
    port: int = 8000
    # `orggraph serve`'s worker processes on that port (uvicorn's); each has its own driver, heavy-work pool
    # and rate limits, and /metrics merges their figures (docs/operations.md)
    workers: int = Field(default=1, ge=1, le=64)
    readiness_timeout_s: float = 2.0
    # limits against hostile or careless queries (docs/security.md)
    max_query_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2000
    max_query_cost: int = 50_000
    max_body_bytes: int = 100_000
    request_timeout_s: float = 20.0
    # spreadsheet uploads (POST /transfer/import/...): their own body cap and deadline (an import of
    # 100,000 rows is one transaction of minutes)
    max_upload_bytes: int = 20 * 1024 * 1024
    import_timeout_s: float = 600.0
    parser_cache_size: int = 256
    # heavy work (the plan's scoring and solver) runs in worker processes, at most this many at once,
    # with at most `heavy_queue` more waiting; past that a caller gets BUSY with Retry-After
    heavy_workers: int = Field(default=1, ge=1, le=32)
    heavy_queue: int = Field(default=4, ge=0, le=1000)
    heavy_warm: bool | None = Field(
        default=None,
        description="Start the plan's worker processes when the API starts, with the plan's modules imported "
        "(numpy, scipy, the vocabulary: about 5 s), so that the first plan does not wait for them. Default: on, "
        "but under ORGGRAPH_ENV=test (the suite starts hundreds of apps).",
    )
    # requests per client address (anonymous) and per principal (signed in), `limits` notation
    rate_limit_enabled: bool = True
    rate_limit_anonymous: str = "120/minute"
    rate_limit_signed_in: str = "1200/minute"
    # every request from one client address, signed in or not (a ceiling over the per-principal limit)
    rate_limit_per_address: str = "3000/minute"
    # the reverse proxies whose X-Forwarded-For names the client (uvicorn's setting; comma-separated
    # addresses, or "*"); default: loopback only
    forwarded_allow_ips: str = "127.0.0.1"
    # subscriptions: how often each process reads the event log while someone subscribes, how many
    # events may wait for one subscriber (then it is dropped), how far back a subscriber coming back may
    # be replayed, subscriptions per principal and per connection, the wait for connection_init, and
    # how long a connection may hold no subscription
    events_poll_s: float = Field(default=0.2, gt=0, le=10)
    events_queue: int = Field(default=1000, ge=1, le=100_000)
    events_replay_max: int = Field(default=10_000, ge=0, le=1_000_000)
    events_per_principal: int = Field(default=20, ge=1, le=10_000)
    events_per_connection: int = Field(default=10, ge=1, le=1000)
    events_init_timeout_s: float = Field(default=10.0, gt=0, le=300)
    # a signed-in WebSocket with no subscription for this long is closed (4410)
    events_idle_s: float = Field(default=300.0, gt=0, le=86_400)
    # the origins whose browser pages may call the API (CORS), comma-separated, each scheme://host[:port]
    # (e.g. "https://portal.example.gov.cn,http://10.1.2.3:8080"); empty: same-origin pages only
    cors_allow_origins: str = ""
    # how long a browser may cache a preflight's answer
    cors_max_age_s: int = Field(default=600, ge=0, le=86_400)
    # operations (docs/operations.md): /metrics answers in development and test; in production only
    # with this bearer token (a scraper's, not a user's JWT), else 404
    metrics_token: SecretStr | None = None
    # one JSON line per request on stderr (the `orggraph.request` logger)
    request_log: bool = True
    # compiled reads (docs/api.md): a query the compiler covers is answered with one Cypher statement,
    # without strawberry; off (ORGGRAPH_COMPILED=off) sends every request through strawberry
    compiled: bool = True

    @model_validator(mode="after")
    def _an_empty_metrics_token_is_none(self) -> Settings:
        # ORGGRAPH_METRICS_TOKEN= (empty, as docker-compose passes an unset variable) means no token,
        # never "an empty bearer token opens /metrics"
        if self.metrics_token is not None and not self.metrics_token.get_secret_value().strip():
            self.metrics_token = None
        return self

    @model_validator(mode="after")
    def _production_needs_a_real_secret(self) -> Settings:
        secret = self.jwt_secret.get_secret_value()
        weak = secret == DEV_JWT_SECRET or len(secret) < 32
        if self.env == "production" and self.jwt_public_key_file is None and weak:
            raise ValueError(
                "ORGGRAPH_ENV=production needs ORGGRAPH_JWT_SECRET (at least 32 characters, not the development "
                "default) or ORGGRAPH_JWT_PUBLIC_KEY_FILE"
            )
        return self

    @model_validator(mode="after")
    def _cors_origins_are_explicit(self) -> Settings:
        for origin in self.cors_origins:
            if not _ORIGIN.fullmatch(origin):
                raise ValueError(
                    f"ORGGRAPH_CORS_ALLOW_ORIGINS: {origin!r} is not an origin; list each one as scheme://host[:port] "
                    "(no path, no wildcard: an allow-list names the front ends it trusts)"
                )
        return self

    @property
    def cors_origins(self) -> list[str]:
        return [o.strip().rstrip("/") for o in self.cors_allow_origins.split(",") if o.strip()]

    def current_date(self) -> date:
        return self.today or date.today()

    @property
    def warms_heavy_work(self) -> bool:
        return self.heavy_warm if self.heavy_warm is not None else self.env != "test"

    @property
    def uses_local_neo4j(self) -> bool:
        return self.neo4j_uri is None

    @property
    def bolt_uri(self) -> str:
        """The URI the driver opens: NEO4J_URI as is, else the local Neo4j's (neo4j:// with ORGGRAPH_NEO4J_ROUTING)."""
        scheme = "neo4j" if self.neo4j_routing else "bolt"
        return self.neo4j_uri or f"{scheme}://127.0.0.1:{self.neo4j_bolt_port}"

    @property
    def neo4j_home(self) -> Path:
        return self.home / "neo4j"
