"""Errors as clients see them: a stable `extensions.code` and a message in Chinese.

Domain errors keep their message and code (NOT_FOUND, BAD_USER_INPUT, CONFLICT) and name the field in
`extensions.field`. GraphQL's own errors get GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, or
BAD_USER_INPUT for a variable of the wrong type. Anything else is masked as INTERNAL_SERVER_ERROR and logged in full.
"""

from __future__ import annotations

import logging

from graphql.error import GraphQLError
from strawberry.extensions import MaskErrors

from orggraph.domain.errors import DomainError

log = logging.getLogger("orggraph.api")

INTERNAL_MESSAGE = "服务器内部错误,请稍后重试;如持续出现请联系管理员"


def code_of(error: GraphQLError) -> str:
    """The `extensions.code` an error gets in the answer (ErrorCodes gives it; the metrics and the request
    log read it from here, since they may see an error before ErrorCodes has)."""
    code = (error.extensions or {}).get("code")
    if isinstance(code, str):
        return code
    original = error.original_error
    if isinstance(original, DomainError):
        return original.code
    if original is None or error.path is None:
        if error.message.startswith("Syntax Error"):
            return "GRAPHQL_PARSE_FAILED"
        if error.message.startswith("Variable '$"):
            return "BAD_USER_INPUT"
        return "GRAPHQL_VALIDATION_FAILED"
    return "INTERNAL_SERVER_ERROR"


class ErrorCodes(MaskErrors):
    def __init__(self) -> None:
        super().__init__(error_message=INTERNAL_MESSAGE)

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        return [self._one(error) for error in errors]

    def _one(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if isinstance(original, DomainError):
            extensions: dict[str, object] = {"code": code_of(error)}
            if original.field:
                extensions["field"] = original.field
            retry_after = getattr(original, "retry_after", None)
            if retry_after is not None:
                extensions["retryAfter"] = retry_after
            return GraphQLError(
                original.message, nodes=error.nodes, source=error.source, positions=error.positions,
                path=error.path, extensions=extensions,
            )  # fmt: skip
        if original is None or error.path is None:
            # the request itself is wrong (syntax, validation, variable values): say so as it is
            return GraphQLError(
                error.message, nodes=error.nodes, source=error.source, positions=error.positions,
                path=error.path, extensions={**(error.extensions or {}), "code": code_of(error)},
            )  # fmt: skip
        log.error("unexpected error at %s", error.path, exc_info=original)
        return GraphQLError(
            INTERNAL_MESSAGE, nodes=error.nodes, source=error.source, positions=error.positions, path=error.path,
            extensions={"code": "INTERNAL_SERVER_ERROR"},
        )  # fmt: skip
