"""Use cases: read facts from the graph, decide with the pure domain and matching code, write back."""
