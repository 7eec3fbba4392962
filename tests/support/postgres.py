"""A throwaway PostgreSQL server (Debian's ``postgresql`` package) on a free 127.0.0.1 port.

``initdb`` and ``postgres`` refuse to run as root, and CI runs as root: then the server runs as
the ``postgres`` user (``runuser``), in a data directory that user owns under ``/tmp``. Trust
authentication on loopback only; everything is deleted when it stops.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator

from tests.support.servers import free_port


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    path = shutil.which(name)
    if not path:
        raise RuntimeError(f"PostgreSQL's {name} is not installed (Debian: apt-get install postgresql)")
    return path


def _as_server_user(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextlib.contextmanager
def run_postgres() -> Iterator[str]:
    """Yields the server's URL (``postgresql+psycopg://postgres@127.0.0.1:<port>/postgres``)."""
    port = free_port()
    base = tempfile.mkdtemp(prefix="chat-ui-pg-")
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(base, user.pw_uid, user.pw_gid)
    data = os.path.join(base, "data")
    subprocess.run(_as_server_user([_bin("initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                                    "--locale=C.UTF-8"]), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    proc = subprocess.Popen(
        _as_server_user([_bin("postgres"), "-D", data, "-p", str(port), "-k", base, "-c", "listen_addresses=127.0.0.1",
                         "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                         "-c", "max_connections=200"]),
        stdout=subprocess.DEVNULL, stderr=open(os.path.join(base, "server.log"), "w"), start_new_session=True,
    )
    url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    try:
        import psycopg

        deadline = time.monotonic() + 30
        while True:
            try:
                psycopg.connect(f"host=127.0.0.1 port={port} user=postgres dbname=postgres", connect_timeout=1).close()
                break
            except psycopg.OperationalError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("PostgreSQL did not start: " + open(os.path.join(base, "server.log")).read()[-2000:])
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(base, ignore_errors=True)


def new_database(server_url: str) -> str:
    """A fresh, empty database on that server; its URL."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:16]
    host = server_url.split("@", 1)[1].split("/", 1)[0]
    hostname, port = host.split(":")
    with psycopg.connect(f"host={hostname} port={port} user=postgres dbname=postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + "/" + name
