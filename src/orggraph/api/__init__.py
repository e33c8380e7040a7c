"""The GraphQL API: strawberry types mapped from domain read models at the edge; thin resolvers."""
