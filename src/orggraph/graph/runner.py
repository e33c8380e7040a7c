"""Graph: the one way orggraph talks to Neo4j. Reads are routed as reads, every call names the database.

It counts the round trips it makes (`round_trips`), which the tests use to prove that a request's
round trips do not grow with the rows it returns.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from neo4j import AsyncDriver, AsyncManagedTransaction, Query, Record, RoutingControl, unit_of_work
from neo4j.exceptions import IncompleteCommit, ServiceUnavailable, SessionExpired

from orggraph.domain.errors import DomainError, OutcomeUnknown, Unavailable
from orggraph.graph.audit import RECORD_AUDIT, Audit, subjects
from orggraph.telemetry import metrics

UNAVAILABLE = "数据库暂时无法连接,请稍后重试"

T = TypeVar("T")


class Graph:
    def __init__(self, driver: AsyncDriver, database: str, timeout_s: float | None = None) -> None:
        self.driver = driver
        self.database = database
        self.timeout_s = timeout_s  # each transaction's timeout, enforced by Neo4j
        self.round_trips = 0
        # write transactions this process attempted (counted even when refused: a result computed before
        # one may be stale, and counting too many only costs a recomputation)
        self.writes = 0

    async def read(self, query: str, **params: Any) -> list[Record]:
        self.round_trips += 1
        outcome = "error"
        metrics.NEO4J_IN_USE.labels("read").inc()
        try:
            records, _, _ = await self.driver.execute_query(
                Query(query, timeout=self.timeout_s),
                params,
                database_=self.database,
                routing_=RoutingControl.READ,
            )
            outcome = "ok"
        except (ServiceUnavailable, SessionExpired) as exc:
            outcome = "unavailable"
            raise Unavailable(UNAVAILABLE) from exc
        finally:
            metrics.NEO4J_IN_USE.labels("read").dec()
            metrics.NEO4J_TRANSACTIONS.labels("read", outcome).inc()
        return records

    async def write(
        self, work: Callable[[AsyncManagedTransaction], Awaitable[T]], audit: Audit | None = None
    ) -> T:
        """Run `work` in one write transaction: everything it writes commits together or not at all.
        With `audit`, the audit record is written in the same transaction: no change without its record."""
        self.round_trips += 1
        attempts = 0
        outcome = "error"

        async def audited(tx: AsyncManagedTransaction) -> T:
            nonlocal attempts
            attempts += 1
            if attempts > 1:  # the driver runs the work again after a transient error
                metrics.NEO4J_RETRIES.inc()
            result = await work(tx)
            if audit is not None:
                await (await tx.run(RECORD_AUDIT, {**audit.params(), **subjects(result)})).consume()
            return result

        metrics.NEO4J_IN_USE.labels("write").inc()
        try:
            async with self.driver.session(database=self.database) as session:
                done = await session.execute_write(unit_of_work(timeout=self.timeout_s)(audited))
            outcome = "ok"
            if audit is not None:
                metrics.AUDIT_RECORDS.labels(audit.action).inc()
            return done
        except IncompleteCommit as exc:
            outcome = "unknown"
            # never reported as success or failure: the client must check or retry idempotently
            raise OutcomeUnknown(
                "提交结果未知:与数据库的连接在提交时中断,此次修改可能已保存也可能未保存;"
                "请用相同的 clientId 重试,或查询后再操作"
            ) from exc
        except (ServiceUnavailable, SessionExpired) as exc:
            outcome = "unavailable"
            raise Unavailable(UNAVAILABLE) from exc
        except DomainError:
            outcome = "refused"  # the work refused the change (not found, conflict): rolled back
            raise
        finally:
            self.writes += 1
            metrics.NEO4J_IN_USE.labels("write").dec()
            metrics.NEO4J_TRANSACTIONS.labels("write", outcome).inc()


async def single(tx: AsyncManagedTransaction, query: str, **params: Any) -> Any:
    """Run a query inside a write transaction and return its one record (None when there is none)."""
    return await (await tx.run(query, params)).single()
