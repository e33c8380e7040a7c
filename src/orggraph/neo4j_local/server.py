"""Start, stop and inspect the local Neo4j server (the real one, from the resolved jars)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from neo4j import READ_ACCESS, GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from orggraph.neo4j_local.config import ADMIN_ENTRY_POINT, ENTRY_POINT, NEO4J_JVM_FLAGS, render_conf
from orggraph.neo4j_local.errors import LocalNeo4jError
from orggraph.neo4j_local.resolve import Runtime, resolve
from orggraph.settings import Settings

MIN_JAVA = 17
PID_FILE = "orggraph-neo4j.pid"
Say = Callable[[str], None]


@dataclass(frozen=True)
class Status:
    running: bool
    pid: int | None
    bolt_uri: str
    answering: bool
    version: str | None
    home: Path


def _quiet(_: str) -> None:
    return None


# ---------------------------------------------------------------- java
def find_java(settings: Settings) -> str:
    candidates: list[Path | str | None] = []
    if settings.java_home:
        candidates.append(settings.java_home / "bin" / "java")
    if os.environ.get("JAVA_HOME"):
        candidates.append(Path(os.environ["JAVA_HOME"]) / "bin" / "java")
    candidates.append(shutil.which("java"))
    for c in candidates:
        if c and Path(c).exists():
            return str(c)
    raise LocalNeo4jError(
        "Java was not found. Neo4j 5.26 needs Java 17 or 21: install a JDK (e.g. `apt-get install "
        "openjdk-17-jre-headless`) or set JAVA_HOME / ORGGRAPH_JAVA_HOME."
    )


def java_major(java: str) -> int:
    proc = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    text = proc.stderr + proc.stdout
    m = re.search(r'version "(\d+)(?:\.(\d+))?', text)
    if not m:
        raise LocalNeo4jError(f"Could not read the Java version from `{java} -version`:\n{text.strip()}")
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major


def check_java(java: str) -> int:
    major = java_major(java)
    if major < MIN_JAVA:
        raise LocalNeo4jError(
            f"{java} is Java {major}; Neo4j 5.26 needs Java 17 or 21. "
            "Install Java 17+ or point ORGGRAPH_JAVA_HOME at one."
        )
    return major


# ---------------------------------------------------------------- processes and ports
def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (our own exited child) is not alive.
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():
        with contextlib.suppress(OSError, IndexError):
            if stat.read_text().rsplit(")", 1)[1].split()[0] == "Z":
                return False
    return True


def _pid_is_our_neo4j(pid: int, home: Path) -> bool:
    cmdline = Path(f"/proc/{pid}/cmdline")
    try:
        args = cmdline.read_bytes().split(b"\0")
    except OSError:
        return _pid_alive(pid)
    return ENTRY_POINT.encode() in args and f"--home-dir={home}".encode() in args


def read_pid(home: Path) -> int | None:
    f = home / "run" / PID_FILE
    try:
        pid = int(f.read_text().strip())
    except (OSError, ValueError):
        return None
    if _pid_alive(pid) and _pid_is_our_neo4j(pid, home):
        return pid
    return None


def bolt_answers(settings: Settings, timeout: float = 3.0) -> bool:
    try:
        with GraphDatabase.driver(
            settings.bolt_uri,
            auth=(settings.neo4j_user, settings.neo4j_password),
            connection_timeout=timeout,
            max_connection_lifetime=30,
        ) as driver:
            with driver.session(database=settings.neo4j_database, default_access_mode=READ_ACCESS) as session:
                record = session.run("RETURN 1 AS ok").single()
            return bool(record and record["ok"] == 1)
    except (ServiceUnavailable, OSError):
        return False
    except AuthError as exc:
        raise LocalNeo4jError(
            f"Neo4j at {settings.bolt_uri} refused user {settings.neo4j_user!r}: {exc.message}. "
            "The local password is fixed when the store is first created; set NEO4J_PASSWORD to it, "
            f"or delete {settings.neo4j_home} to start over (this deletes the local graph)."
        ) from exc
    except Exception:  # the server is up but not ready yet (e.g. database still starting)
        return False


def log_tail(home: Path, lines: int = 30) -> str:
    chunks = []
    for name in ("console.log", "neo4j.log", "debug.log"):
        f = home / "logs" / name
        if f.exists():
            text = f.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
            chunks.append(f"--- {f} (last {len(text)} lines) ---\n" + "\n".join(text))
    return "\n".join(chunks) or f"(no log in {home / 'logs'})"


# ---------------------------------------------------------------- commands
def status(settings: Settings) -> Status:
    home = settings.neo4j_home
    pid = read_pid(home)
    answering = False
    if pid is not None:
        with contextlib.suppress(LocalNeo4jError):
            answering = bolt_answers(settings, timeout=2.0)
    version_file = home / "run" / "version"
    version = version_file.read_text().strip() if version_file.exists() else None
    return Status(pid is not None, pid, settings.bolt_uri, answering, version, home)


def _java_command(java: str, runtime: Runtime, settings: Settings, main: str, *args: str) -> list[str]:
    home = settings.neo4j_home
    return [
        java,
        f"-Xms{settings.neo4j_heap}",
        f"-Xmx{settings.neo4j_heap}",
        *NEO4J_JVM_FLAGS,
        "-cp",
        runtime.classpath,
        main,
        f"--home-dir={home}",
        f"--config-dir={home / 'conf'}",
        *args,
    ]


def _run_admin(
    java: str, runtime: Runtime, settings: Settings, *args: str
) -> subprocess.CompletedProcess[str]:
    """neo4j-admin (the admin entry point on our classpath) on this home and its neo4j.conf."""
    home = settings.neo4j_home
    env = dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(home / "conf"))
    cmd = [java, *NEO4J_JVM_FLAGS, "-cp", runtime.classpath, ADMIN_ENTRY_POINT, *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, check=False, cwd=home)


def _set_initial_password(java: str, runtime: Runtime, settings: Settings) -> None:
    """Set the password before the store exists: Neo4j reads it when it creates the system database."""
    proc = _run_admin(java, runtime, settings, "dbms", "set-initial-password", settings.neo4j_password)
    if proc.returncode != 0:
        raise LocalNeo4jError(
            "Could not set the initial Neo4j password:\n" + (proc.stdout + proc.stderr).strip()[-2000:]
        )


def _prepare(settings: Settings, say: Say) -> tuple[str, Runtime]:
    """Java, the jars, and the home with its neo4j.conf (and the initial password of a new store)."""
    home = settings.neo4j_home
    java = find_java(settings)
    major = check_java(java)
    runtime = resolve(settings.cache_dir, settings.neo4j_version, settings.maven_central_url, say)
    say(f"Neo4j {runtime.version} on Java {major}, home {home}")

    for sub in ("conf", "data", "logs", "run", "plugins", "import"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").write_text(render_conf(settings), encoding="utf-8")
    (home / "run" / "version").write_text(runtime.version + "\n", encoding="utf-8")
    if not (home / "data" / "databases" / "system").exists():
        say("New store: setting the initial password from NEO4J_PASSWORD.")
        _set_initial_password(java, runtime, settings)
    return java, runtime


def start(settings: Settings, say: Say = _quiet) -> Status:
    """Start the local Neo4j and wait until Bolt answers `RETURN 1`. Idempotent."""
    if not settings.uses_local_neo4j:
        raise LocalNeo4jError(
            f"NEO4J_URI is set ({settings.neo4j_uri}): orggraph uses that server and starts nothing locally."
        )
    home = settings.neo4j_home
    pid = read_pid(home)
    if pid is not None:
        say(f"Neo4j is already running (pid {pid}) at {settings.bolt_uri}.")
        _wait_ready(settings, pid, say)
        return status(settings)

    # A Neo4j of this home that just died (a crash, kill -9) may hold its ports for a moment while its
    # threads exit: give it that moment before blaming another process.
    if (home / "run" / PID_FILE).exists():
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(
            port_in_use(p) for p in (settings.neo4j_bolt_port, settings.neo4j_http_port)
        ):
            time.sleep(0.2)
    for port, what in ((settings.neo4j_bolt_port, "Bolt"), (settings.neo4j_http_port, "HTTP")):
        if port_in_use(port):
            raise LocalNeo4jError(
                f"Port {port} ({what}) on 127.0.0.1 is already taken by another process, not by orggraph's "
                f"Neo4j. Stop that process (`ss -ltnp 'sport = :{port}'` shows it) or choose another port "
                f"with ORGGRAPH_NEO4J_{what.upper()}_PORT."
            )

    java, runtime = _prepare(settings, say)

    # Detach: a short-lived shell starts the server in the background and prints its pid, so the
    # server is not our child (no zombie, no ResourceWarning) and outlives this command.
    launcher = subprocess.run(
        ["sh", "-c", 'log="$1"; shift; nohup "$@" >>"$log" 2>&1 </dev/null & echo $!', "sh",
         str(home / "logs" / "console.log"), *_java_command(java, runtime, settings, ENTRY_POINT)],
        capture_output=True, stdin=subprocess.DEVNULL, cwd=home, start_new_session=True, check=True, text=True,
    )  # fmt: skip
    pid = int(launcher.stdout.strip())
    (home / "run" / PID_FILE).write_text(f"{pid}\n", encoding="utf-8")
    say(f"Started pid {pid}; waiting for Bolt on {settings.bolt_uri} ...")
    _wait_ready(settings, pid, say)
    say("Neo4j is ready.")
    return status(settings)


def _wait_ready(settings: Settings, pid: int, say: Say) -> None:
    deadline = time.monotonic() + settings.neo4j_start_timeout_s
    while time.monotonic() < deadline:
        if not _pid_alive(pid):
            raise LocalNeo4jError(
                f"Neo4j (pid {pid}) exited during start-up.\n{log_tail(settings.neo4j_home)}"
            )
        if bolt_answers(settings, timeout=2.0):
            return
        time.sleep(0.5)
    raise LocalNeo4jError(
        f"Neo4j did not answer on {settings.bolt_uri} within {settings.neo4j_start_timeout_s}s "
        f"(it is still running as pid {pid}; `orggraph neo4j stop` stops it).\n{log_tail(settings.neo4j_home)}"
    )


def stop(settings: Settings, say: Say = _quiet, timeout_s: float = 60.0) -> bool:
    """SIGTERM, wait for a clean shutdown, SIGKILL as a last resort. Returns whether one was running."""
    home = settings.neo4j_home
    pid = read_pid(home)
    if pid is None:
        say("Neo4j is not running.")
        return False
    say(f"Stopping Neo4j (pid {pid}) ...")
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and _pid_alive(pid):
        time.sleep(0.2)
    if _pid_alive(pid):
        os.kill(pid, signal.SIGKILL)
        say(f"Neo4j did not stop within {timeout_s:.0f}s; killed it. The next start recovers the store.")
    else:
        say("Neo4j stopped cleanly.")
    with contextlib.suppress(OSError):
        (home / "run" / PID_FILE).unlink()
    return True


# ---------------------------------------------------------------- offline dump and load
def has_database(settings: Settings) -> bool:
    """Whether the local store holds the database (it was started at least once)."""
    return (settings.neo4j_home / "data" / "databases" / settings.neo4j_database).is_dir()


def _admin(settings: Settings, say: Say, what: str, *args: str) -> None:
    if read_pid(settings.neo4j_home) is not None:
        raise LocalNeo4jError(f"Neo4j is running; it must be stopped to {what} (`orggraph neo4j stop`).")
    java, runtime = _prepare(settings, say)
    proc = _run_admin(java, runtime, settings, *args)
    if proc.returncode != 0:
        # its progress lines ("Files: 3/89, data: 0.1%") say nothing about what went wrong
        lines = [ln for ln in (proc.stdout + proc.stderr).splitlines() if not ln.startswith("Files: ")]
        raise LocalNeo4jError(
            f"neo4j-admin could not {what} (exit {proc.returncode}):\n" + "\n".join(lines[-25:]).strip()
        )


def dump(settings: Settings, folder: Path, say: Say = _quiet) -> Path:
    """`neo4j-admin database dump` of the (stopped) database into folder; returns the dump file."""
    _admin(settings, say, f"dump database {settings.neo4j_database}",
           "database", "dump", settings.neo4j_database, f"--to-path={folder}")  # fmt: skip
    out = folder / f"{settings.neo4j_database}.dump"
    if not out.is_file():
        raise LocalNeo4jError(f"neo4j-admin reported a dump but {out} is missing.")
    return out


def load(settings: Settings, folder: Path, say: Say = _quiet) -> None:
    """`neo4j-admin database load` of folder/<database>.dump over the (stopped) database, replacing it."""
    _admin(settings, say, f"load database {settings.neo4j_database}",
           "database", "load", settings.neo4j_database, f"--from-path={folder}",
           "--overwrite-destination=true")  # fmt: skip
