"""Errors of the local Neo4j, each with a message that says what to do."""


class LocalNeo4jError(RuntimeError):
    """The local Neo4j could not be resolved, started or stopped; the message says why and what to do."""
