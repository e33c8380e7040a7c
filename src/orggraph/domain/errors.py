"""Domain errors. Each carries a stable code for clients and a message a Chinese user understands."""

from __future__ import annotations


class DomainError(Exception):
    code = "DOMAIN_ERROR"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    code = "NOT_FOUND"


class BadInput(DomainError):
    """The input is wrong: `field` names it, the message says why."""

    code = "BAD_USER_INPUT"


class Conflict(DomainError):
    """The input is well-formed but would break an invariant of the network or clash with its state."""

    code = "CONFLICT"


class Unavailable(DomainError):
    """The database cannot be reached right now; the request may be retried."""

    code = "SERVICE_UNAVAILABLE"


class OutcomeUnknown(DomainError):
    """The database lost the connection while committing: the change may or may not have been written.
    Retry with the same clientId (idempotent), or read the target to see."""

    code = "COMMIT_OUTCOME_UNKNOWN"


def not_found(what: str, target_id: str, field: str) -> NotFound:
    """The one wording of "nothing has this id": `field: 没有编号为 <id> 的<what>`."""
    return NotFound(f"{field}: 没有编号为 {target_id} 的{what}", field=field)
