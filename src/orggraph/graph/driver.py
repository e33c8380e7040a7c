"""The one async driver of a process, configured for quick recovery."""

from __future__ import annotations

from neo4j import AsyncDriver, AsyncGraphDatabase

from orggraph.settings import Settings


def open_driver(settings: Settings) -> AsyncDriver:
    return AsyncGraphDatabase.driver(
        settings.bolt_uri,
        auth=(settings.neo4j_user, settings.neo4j_password),
        max_connection_pool_size=settings.neo4j_pool_size,
        connection_acquisition_timeout=settings.neo4j_acquisition_timeout_s,
        connection_timeout=5.0,
        liveness_check_timeout=30.0,
        max_transaction_retry_time=settings.neo4j_max_retry_s,
        user_agent="orggraph",
        notifications_min_severity="OFF",
    )
