"""Helpers for tests and benchmarks that do not ship in the orggraph package."""
