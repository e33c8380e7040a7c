"""The local Neo4j: resolve the jars with Maven, write neo4j.conf, start / stop / status."""
