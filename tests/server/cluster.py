"""A throwaway PostgreSQL cluster for tests and benchmarks: Debian's server, started from scratch.

``initdb`` makes a cluster in a temporary folder, owned by an unprivileged user when this
runs as root (PostgreSQL refuses to run as root), listening on a random port of the loop-back
address with password authentication, exactly as a real server asks a client for one.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import random
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

# -- the role a facilitator's BIG Desk connects as: it may create schemas (workshops) in
#    its database and nothing else (docs/server.md)
DATABASE = "bigdesk"
EDITOR = "facilitator"
ADMIN = "cluster_admin"
# -- used only when the tests run as root: the unprivileged user that owns the cluster
CLUSTER_USERS = ("postgres", "nobody")


def server_binaries() -> Path | None:
    """Return the folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(Path(p).parts[-3]))  # fmt: skip
    return Path(versions[-1]).parent if versions else None


@dataclass
class Cluster:
    """A running cluster: where it listens and the passwords of its two roles."""

    folder: Path
    bin: Path
    port: int
    admin_password: str
    editor_password: str
    run_as: str | None

    def url(self, workshop: str | None = None, *, user: str = EDITOR,
            password: str | None = None, database: str = DATABASE) -> str:  # fmt: skip
        """Return a BIG Desk location on this cluster (with the editor's password by default)."""
        secret = self.editor_password if password is None else password
        auth = f"{quote(user, safe='')}:{quote(secret, safe='')}" if secret else quote(user)
        place = f"postgresql://{auth}@127.0.0.1:{self.port}/{database}"
        return f"{place}#{workshop}" if workshop is not None else place

    def admin_sql(self, sql: str, database: str = DATABASE) -> list[tuple[object, ...]]:
        """Run ``sql`` as the cluster's administrator and return its rows, if any."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=ADMIN,
                             password=self.admin_password, dbname=database,
                             autocommit=True) as conn:  # fmt: skip
            cursor = conn.execute(sql.encode())
            return cursor.fetchall() if cursor.description else []

    @contextlib.contextmanager
    def editor_kept_out(self) -> Iterator[None]:
        """Cut every connection of the editor and refuse new ones until the block ends."""
        self.admin_sql(f"REVOKE CONNECT ON DATABASE {DATABASE} FROM {EDITOR}; SELECT "
                       "pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = "
                       f"'{EDITOR}'")  # fmt: skip
        try:
            yield
        finally:
            self.admin_sql(f"GRANT CONNECT ON DATABASE {DATABASE} TO {EDITOR}")

    def _run(self, *command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(command, user=self.run_as, cwd=self.folder, check=True,
                              capture_output=True, text=True, timeout=120)  # fmt: skip

    def stop(self) -> None:
        """Stop the server at once and remove its folder."""
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m",
                      "immediate", "stop")  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)


def _unprivileged_user() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in CLUSTER_USERS:
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise RuntimeError("running as root, and there is no unprivileged user to run PostgreSQL")


def start_cluster(*, durable: bool = False) -> Cluster:
    """Make and start a cluster with a database, an administrator and a facilitator role.

    The tests' cluster does not wait for the disk (``fsync=off``): it is thrown away, and a
    test never outlives a crash of the machine. ``durable`` keeps PostgreSQL's defaults.
    """
    binaries = server_binaries()
    if binaries is None:
        raise FileNotFoundError("PostgreSQL's initdb was not found")
    run_as = _unprivileged_user()
    folder = Path(tempfile.mkdtemp(prefix="bigdesk-pg-"))
    if run_as is not None:
        entry = pwd.getpwnam(run_as)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    cluster = Cluster(folder, binaries, 0, secrets.token_urlsafe(16),
                      secrets.token_urlsafe(16), run_as)  # fmt: skip
    try:
        password_file = folder / "admin-password"
        password_file.write_text(cluster.admin_password)
        if run_as is not None:
            os.chown(password_file, pwd.getpwnam(run_as).pw_uid, -1)
        password_file.chmod(0o600)
        cluster._run(str(binaries / "initdb"), "-D", str(folder / "data"), "-U", ADMIN,
                     f"--pwfile={password_file}", "--auth-host=scram-sha-256",
                     "--auth-local=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8",
                     "--no-sync")  # fmt: skip
        password_file.unlink()
        _start(cluster, durable)
        cluster.admin_sql(f"CREATE DATABASE {DATABASE}", database="postgres")
        cluster.admin_sql(f"CREATE ROLE {EDITOR} LOGIN PASSWORD '{cluster.editor_password}'")
        cluster.admin_sql(f"REVOKE ALL ON DATABASE {DATABASE} FROM PUBLIC; "
                          f"GRANT CONNECT, CREATE ON DATABASE {DATABASE} TO {EDITOR}")
    except BaseException:
        cluster.stop()
        raise
    return cluster


def _start(cluster: Cluster, durable: bool) -> None:
    """Start the server on a random free port of the loop-back address."""
    # -- no socket is probed (the tests' network guard forbids it): a port taken
    #    meanwhile makes the start fail, and another is tried
    for _ in range(10):
        cluster.port = random.randint(20000, 60000)
        options = (f"-p {cluster.port} -k {cluster.folder} -c listen_addresses=127.0.0.1 "
                   "-c max_connections=60")
        if not durable:
            options += " -c fsync=off -c full_page_writes=off"
        try:
            cluster._run(str(cluster.bin / "pg_ctl"), "-D", str(cluster.folder / "data"),
                         "-l", str(cluster.folder / "server.log"), "-o", options, "-w",
                         "start")  # fmt: skip
            return
        except subprocess.CalledProcessError:
            continue
    log = (cluster.folder / "server.log").read_text(errors="replace")[-2000:]
    raise RuntimeError(f"PostgreSQL did not start: {log}")
