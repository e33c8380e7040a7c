"""The neo4j.conf orggraph writes for the local server, and the JVM flags Neo4j 5.26 ships with."""

from __future__ import annotations

from orggraph.settings import Settings

# The `server.jvm.additional` lines of Neo4j 5.26's own neo4j.conf. Neo4j's launcher script would
# read them from the conf; we run the entry point directly, so we pass them ourselves.
NEO4J_JVM_FLAGS: tuple[str, ...] = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+AlwaysPreTouch",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
    "-Dfile.encoding=UTF-8",
)

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_ENTRY_POINT = "org.neo4j.server.startup.Neo4jAdminCommand"


def render_conf(settings: Settings) -> str:
    """neo4j.conf for a 2-core, 24 GB machine: loopback only, no usage reports, auth on."""
    lines = [
        "# Written by `orggraph neo4j start`; regenerated on every start. Edit Settings, not this file.",
        "server.default_listen_address=127.0.0.1",
        "server.default_advertised_address=127.0.0.1",
        f"server.bolt.listen_address=127.0.0.1:{settings.neo4j_bolt_port}",
        f"server.bolt.advertised_address=127.0.0.1:{settings.neo4j_bolt_port}",
        "server.http.enabled=true",
        f"server.http.listen_address=127.0.0.1:{settings.neo4j_http_port}",
        "server.https.enabled=false",
        f"server.memory.pagecache.size={settings.neo4j_pagecache}",
        "server.memory.off_heap.transaction_max_size=1g",
        "dbms.memory.transaction.total.max=2g",
        f"db.transaction.timeout={settings.neo4j_tx_timeout_s}s",
        "dbms.usage_report.enabled=false",
        "dbms.security.auth_enabled=true",
        f"initial.dbms.default_database={settings.neo4j_database}",
        f"db.tx_log.rotation.retention_policy={settings.neo4j_tx_log_retention}",
        # a stop waited 10 s after the databases had stopped and checkpointed: two 5 s quiet periods of the
        # Bolt server's event loops, with no connection left (5.26's debug.log); without them a stop takes
        # 0.4 s, which is a backup's or restore's downtime and the restart drills' wait. Internal (5.26 LTS,
        # the version we pin); the databases' own shutdown, which waits for running transactions, is unchanged
        "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
        # Lucene's merge factor for the full-text indexes: 5.26 sets 2, so nearly every commit that touches a
        # full-text index (a need's or resource's title) starts a merge of the small segments on a thread of its
        # own. 10 (Lucene's own default) merges a tenth as often: a createNeed's Neo4j CPU 10.7-11.2 -> 7.2-7.9
        # ms and its throughput at 16 clients 111-121 -> 153-166/s (docs/benchmarks.md, 2026-11-30); searches
        # read a few more small segments. Internal (5.26 LTS, the version we pin), read when an index opens
        "internal.dbms.index.lucene.merge_factor=10",
        *(
            [f"dbms.cypher.min_replan_interval={settings.neo4j_replan_interval}"]
            if settings.neo4j_replan_interval
            else []
        ),
        "",
    ]
    return "\n".join(lines)
