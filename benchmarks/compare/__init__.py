"""orggraph against the limit (hand-written Cypher, direct and behind FastAPI) and the peer
(@neo4j/graphql 7 on graphql-yoga): the same queries on the same Neo4j and data."""
