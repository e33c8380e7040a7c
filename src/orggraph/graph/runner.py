"""Graph: the one way orggraph talks to Neo4j. Reads are routed as reads, every call names the database,
and every call is chained by the request's bookmarks, else the process's (graph/bookmarks.py).

It counts the round trips it makes (`round_trips`: one per statement or transaction it sends), which the
tests use to prove that a request's round trips do not grow with the rows it returns.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from neo4j import (
    WRITE_ACCESS,
    AsyncDriver,
    AsyncManagedTransaction,
    AsyncResult,
    Query,
    Record,
    RoutingControl,
    unit_of_work,
)
from neo4j.exceptions import (
    ConstraintError,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from orggraph.domain.errors import DomainError, OutcomeUnknown, Unavailable
from orggraph.graph import bookmarks
from orggraph.graph.audit import RECORD_AUDIT, Audit, subjects
from orggraph.settings import Settings
from orggraph.telemetry import metrics

UNAVAILABLE = "数据库暂时无法连接,请稍后重试"
OUTCOME_UNKNOWN = (
    "提交结果未知:与数据库的连接在提交时中断,此次修改可能已保存也可能未保存;"
    "请用相同的 clientId 重试,或查询后再操作"
)

T = TypeVar("T")

# a Graph made without settings (Graph.of) retries as long as the settings' default
DEFAULT_MAX_RETRY_S: float = Settings.model_fields["neo4j_max_retry_s"].default

# The driver's messages for a connection that could not be made (the statement was never sent); a connection
# that broke once made may have carried it, and the outcome of the auto-commit is then unknown.
_NOT_SENT = ("Couldn't connect to", "Unable to retrieve routing information", "Connection to ")


class Graph:
    def __init__(
        self,
        driver: AsyncDriver,
        database: str,
        timeout_s: float | None = None,
        max_retry_s: float = DEFAULT_MAX_RETRY_S,
    ) -> None:
        self.driver = driver
        self.database = database
        self.timeout_s = timeout_s  # each transaction's timeout, enforced by Neo4j
        # how long a statement committed by the server is tried again after transient errors: the driver's
        # own budget for the transactions it manages (settings.neo4j_max_retry_s; open_driver)
        self.max_retry_s = max_retry_s
        self.round_trips = 0
        # write transactions this process attempted (counted even when refused: a result computed before
        # one may be stale, and counting too many only costs a recomputation)
        self.writes = 0

    @classmethod
    def of(cls, driver: AsyncDriver, settings: Settings, timeout_s: float | None = None) -> Graph:
        """The Graph of a process on its settings' database, retrying its auto-commit writes for as long as
        open_driver lets the driver retry the transactions it manages."""
        return cls(
            driver, settings.neo4j_database, timeout_s=timeout_s, max_retry_s=settings.neo4j_max_retry_s
        )

    async def read(self, query: str, **params: Any) -> list[Record]:
        self.round_trips += 1
        outcome = "error"
        metrics.child(metrics.NEO4J_IN_USE, "read").inc()
        try:
            records, _, _ = await self.driver.execute_query(
                Query(query, timeout=self.timeout_s),
                params,
                database_=self.database,
                routing_=RoutingControl.READ,
                bookmark_manager_=bookmarks.manager(self.driver),
            )
            outcome = "ok"
        except (ServiceUnavailable, SessionExpired) as exc:
            outcome = "unavailable"
            raise Unavailable(UNAVAILABLE) from exc
        except Neo4jError as exc:
            refused = bookmarks.bad_bookmark(exc)
            if refused is None:
                raise
            raise refused from exc
        finally:
            metrics.child(metrics.NEO4J_IN_USE, "read").dec()
            metrics.child(metrics.NEO4J_TRANSACTIONS, "read", outcome).inc()
        return records

    async def write(
        self,
        work: Callable[[AsyncManagedTransaction], Awaitable[T]],
        audit: Audit | None = None,
        *,
        conflict: DomainError | None = None,
    ) -> T:
        """Run `work` in one write transaction: everything it writes commits together or not at all.
        With `audit`, the audit record is written in the same transaction: no change without its record.
        `conflict` is raised when the work breaks a uniqueness constraint (else the driver's error passes)."""
        self.round_trips += 1
        attempts = 0

        async def audited(tx: AsyncManagedTransaction) -> T:
            nonlocal attempts
            attempts += 1
            if attempts > 1:  # the driver runs the work again after a transient error
                metrics.NEO4J_RETRIES.inc()
            return await _with_audit(tx, work, audit)

        async with (
            self._writing(audit, conflict),
            self.driver.session(
                database=self.database, bookmark_manager=bookmarks.manager(self.driver)
            ) as session,
        ):
            done: T = await session.execute_write(unit_of_work(timeout=self.timeout_s)(audited))
        return done

    @asynccontextmanager
    async def _writing(self, audit: Audit | None, conflict: DomainError | None = None) -> AsyncIterator[None]:
        """Around one write transaction (write, write_one): the metrics, and the driver's errors as the
        domain's. `conflict` is raised for a broken uniqueness constraint (else it passes as is)."""
        outcome = "error"
        metrics.child(metrics.NEO4J_IN_USE, "write").inc()
        try:
            yield
            outcome = "ok"
            bookmarks.written()
            if audit is not None:
                metrics.AUDIT_RECORDS.labels(audit.action).inc()
        except IncompleteCommit as exc:
            outcome = "unknown"
            # never reported as success or failure: the client must check or retry idempotently
            raise OutcomeUnknown(OUTCOME_UNKNOWN) from exc
        except (ServiceUnavailable, SessionExpired) as exc:
            outcome = "unavailable"
            raise Unavailable(UNAVAILABLE) from exc
        except ConstraintError:
            if conflict is None:
                raise
            outcome = "refused"
            raise conflict from None
        except Neo4jError as exc:
            refused = bookmarks.bad_bookmark(exc)
            if refused is None:
                raise
            raise refused from exc
        except DomainError:
            outcome = "refused"  # the work refused the change (not found, conflict): rolled back
            raise
        finally:
            self.writes += 1
            metrics.child(metrics.NEO4J_IN_USE, "write").dec()
            metrics.child(metrics.NEO4J_TRANSACTIONS, "write", outcome).inc()

    async def write_one(
        self,
        query: str,
        params: dict[str, Any],
        answer: Callable[[Record | None], T],
        audit: Audit | None = None,
        *,
        conflict: DomainError | None = None,
        server_commit: bool = False,
    ) -> T:
        """Run one statement as its own write transaction, with Graph.write's timeout, retries, metrics and
        errors, in two round trips: the driver sends BEGIN with the statement and its PULL (execute_query
        pipelines BEGIN, where a session's execute_write waits for BEGIN's answer), then COMMIT. With
        `server_commit`, in one: Neo4j commits when the statement ends (_committed_by_server), so a refusal
        by `answer` comes after the commit, and the statement must write nothing for what `answer` refuses.

        `answer` turns the statement's one record (None without one) into the result, or raises the
        DomainError that refuses the change: the transaction is then rolled back, and the statement must
        anyway write nothing in that case (its writes are conditional on what it found). With `audit`, the
        statement ends with the audit record (audit.AUDIT_RECORD, its subjects computed by the statement)
        and gets its parameters. `conflict` is raised when the statement breaks a uniqueness constraint."""
        self.round_trips += 1
        attempts = 0
        params = _with_audit_params(params, audit)

        async def answered(result: AsyncResult) -> T:
            nonlocal attempts
            attempts += 1
            if attempts > 1:  # the driver runs the statement again after a transient error
                metrics.NEO4J_RETRIES.inc()
            return answer(await result.single())  # inside the transaction: a refusal rolls it back

        async with self._writing(audit, conflict):
            if server_commit:
                return answer(await self._committed_by_server(query, params))
            done: T = await self.driver.execute_query(
                Query(query, timeout=self.timeout_s),
                params,
                database_=self.database,
                routing_=RoutingControl.WRITE,
                bookmark_manager_=bookmarks.manager(self.driver),
                result_transformer_=answered,
            )
        return done

    async def _committed_by_server(self, query: str, params: dict[str, Any]) -> Record | None:
        """One statement as an auto-commit transaction: Neo4j commits it as soon as its one result is sent,
        in the same round trip, without waiting for this process to answer with COMMIT. A statement that ends
        with its audit record holds the audit sequence's lock from its number to its commit: with COMMIT sent
        by a busy process, that wait is the event loop's, and every other write queues behind it (make load,
        docs/benchmarks.md). Transient errors (nothing committed) are tried again for max_retry_s, the
        budget the driver gives the transactions it manages (a first try's fixed 10 s, twice the fault
        test's 5 s, kept its writes waiting through Neo4j's graceful stop past the request deadline); a
        connection that breaks once made may have carried the statement: the outcome is unknown
        (IncompleteCommit, as for a broken COMMIT). So is a connection that cannot be made after an attempt
        Neo4j answered with an error: a stopping server's transient error is not proof that nothing was
        written (the fault test once saw a write answered SERVICE_UNAVAILABLE stored, 2026-12-01), and only
        the attempt that could not reach Neo4j would have found the first one's need by its clientId."""
        deadline = time.monotonic() + self.max_retry_s
        delay = 0.05
        attempt = 0
        answered = False  # an attempt reached Neo4j, which answered it with an error
        while True:
            attempt += 1
            if attempt > 1:
                metrics.NEO4J_RETRIES.inc()
            try:
                async with self.driver.session(
                    database=self.database,
                    bookmark_manager=bookmarks.manager(self.driver),
                    default_access_mode=WRITE_ACCESS,
                ) as session:
                    result = await session.run(Query(query, timeout=self.timeout_s), params)
                    return await result.single()
            except (ServiceUnavailable, SessionExpired) as exc:
                if str(exc).startswith(_NOT_SENT) and not answered:
                    raise  # no connection, and no attempt before this one reached Neo4j: nothing was sent
                raise IncompleteCommit(str(exc)) from exc
            except Neo4jError as exc:
                answered = True
                if not exc.is_retryable() or time.monotonic() + delay > deadline:
                    raise
            await asyncio.sleep(delay)
            delay = min(1.0, delay * 2)

    async def write_each(
        self,
        query: str,
        rows: Sequence[dict[str, Any]],
        audits: Sequence[Audit],
        answer: Callable[[Record | None], list[T | DomainError | None]],
        params: dict[str, Any] | None = None,
        *,
        conflict: DomainError | None = None,
        server_commit: bool = False,
    ) -> list[T | DomainError | None]:
        """One statement over many rows (it begins `UNWIND $rows AS p`), run as write_one runs its statement
        (`server_commit` too); each row that changes something has its own audit record
        (audit.AUDIT_RECORDS), from the audit at its place in `audits`. `answer` gives each row's result, or
        the error that refused it (the statement wrote nothing for that row), in the rows' order; `params`,
        the statement's other parameters."""
        assert len(rows) == len(audits), "one audit record per row"
        given = {"rows": [{**row, "audit": a.params()} for row, a in zip(rows, audits, strict=True)]}
        done = await self.write_one(
            query, {**(params or {}), **given}, answer, conflict=conflict, server_commit=server_commit
        )
        self._recorded(
            a for a, result in zip(audits, done, strict=True) if not isinstance(result, DomainError)
        )
        return done

    def _recorded(self, audits: Iterable[Audit]) -> None:
        """Count the audit records a committed write_each wrote."""
        for audit in audits:
            metrics.AUDIT_RECORDS.labels(audit.action).inc()


async def _with_audit(
    tx: AsyncManagedTransaction, work: Callable[[AsyncManagedTransaction], Awaitable[T]], audit: Audit | None
) -> T:
    """`work`, then (with `audit`) its audit record in the same transaction, its subjects from the result."""
    result = await work(tx)
    if audit is not None:
        await (await tx.run(RECORD_AUDIT, {**audit.params(), **subjects(result)})).consume()
    return result


def _with_audit_params(params: dict[str, Any], audit: Audit | None) -> dict[str, Any]:
    """A statement that ends with the audit record (audit.AUDIT_RECORD) takes the audit's parameters too."""
    if audit is None:
        return params
    recorded = audit.params()
    assert not params.keys() & recorded.keys(), "the statement's parameters are not the audit's"
    return {**params, **recorded}


async def single(tx: AsyncManagedTransaction, query: str, **params: Any) -> Any:
    """Run a query inside a write transaction and return its one record (None when there is none)."""
    return await (await tx.run(query, params)).single()


class InTransaction(Graph):
    """The Graph of one open write transaction, for a caller that runs many use cases as one change (an
    import): each use case's reads, writes and audit records go into `tx`; nothing commits until the caller's
    transaction does, and a refusal anywhere lets it roll everything back. A refused use case writes nothing
    (its statements are conditional on what they found), so the transaction stays usable for the next one."""

    def __init__(self, base: Graph, tx: AsyncManagedTransaction) -> None:
        super().__init__(base.driver, base.database, base.timeout_s)
        self.tx = tx

    async def read(self, query: str, **params: Any) -> list[Record]:
        self.round_trips += 1
        return [record async for record in await self.tx.run(query, params)]

    async def write(
        self,
        work: Callable[[AsyncManagedTransaction], Awaitable[T]],
        audit: Audit | None = None,
        *,
        conflict: DomainError | None = None,
    ) -> T:
        self.round_trips += 1
        self.writes += 1
        try:
            return await _with_audit(self.tx, work, audit)
        except ConstraintError:
            if conflict is None:
                raise
            raise conflict from None

    def _recorded(self, audits: Iterable[Audit]) -> None:
        """Nothing is committed yet (the caller's transaction may still roll back): counted by no one."""

    async def write_one(
        self,
        query: str,
        params: dict[str, Any],
        answer: Callable[[Record | None], T],
        audit: Audit | None = None,
        *,
        conflict: DomainError | None = None,
        server_commit: bool = False,  # the caller's transaction commits, or rolls everything back
    ) -> T:
        self.round_trips += 1
        self.writes += 1
        try:
            record = await (await self.tx.run(query, _with_audit_params(params, audit))).single()
        except ConstraintError:
            if conflict is None:
                raise
            raise conflict from None
        return answer(record)
