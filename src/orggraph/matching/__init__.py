"""Matching needs to resources: pure, deterministic functions. Nothing here touches the database."""
