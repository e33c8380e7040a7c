"""Compiled reads: a query document compiled once into one Cypher statement and a builder of its
answer, run in front of strawberry (fastpath.CompiledGraphQL); strawberry stays the reference and
answers everything the compiler does not cover (docs/api.md, "Compiled reads")."""
