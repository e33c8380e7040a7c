"""orggraph: a GraphQL knowledge graph of urban party-building co-construction networks on Neo4j."""

__version__ = "0.1.0"
