"""The graph: the driver, every Cypher string, migrations, repositories."""
