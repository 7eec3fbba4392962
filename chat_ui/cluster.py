"""Run chat_ui as a cluster: N Granian workers on one port, sharing state and turns through Redis.

    python -m chat_ui.cluster --workers 4 --port 3000         # `make cluster WORKERS=4`

Without ``REFLEX_REDIS_URL`` it starts Debian's ``redis-server`` for the cluster's lifetime (on a
free port, nothing written to disk) and stops it on exit. It then runs Reflex's production server
the usual way, with one difference Reflex's launcher does not make: a worker that dies (a crash,
the OOM killer, a ``kill -9``) is replaced instead of taking the whole app down.

Operations (docs/deploy.md): SIGTERM drains every worker (no new turns; running ones finish, up to
``CHAT_UI_DRAIN_S``) before the cluster exits. SIGHUP is a rolling restart: the workers are replaced
one at a time, each old one drained after its replacement has had ``CHAT_UI_RESPAWN_WAIT_S`` (5 s)
to start serving, so a restart interrupts no answer. ``PROMETHEUS_MULTIPROC_DIR`` is set up (and
wiped) here, so ``/metrics`` sums every worker.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def own_redis() -> Iterator[str]:
    """A private redis-server (for the cluster, and the tests): loopback only, no persistence."""
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not os.path.exists(server):
        raise SystemExit("chat_ui cluster: redis-server is not installed (Debian: apt-get install redis-server), "
                         "or point REFLEX_REDIS_URL at a running Redis.")
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="chat-ui-redis-") as data:
        proc = subprocess.Popen(
            [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", data],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 10
            while True:
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        break
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("chat_ui cluster: redis-server did not start")
                time.sleep(0.05)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def respawn_wait_s() -> float:
    try:
        return float(os.environ.get("CHAT_UI_RESPAWN_WAIT_S", "") or 5.0)
    except ValueError:
        return 5.0


def respawn_failed_workers() -> None:
    """Reflex 0.10 builds Granian's server without ``respawn_failed_workers``, so one dead worker
    stops them all; the server class it imports at start-up is made to respawn instead. It also
    gives a draining worker its drain time (and a little more) before Granian kills it, and on
    SIGHUP waits for each new worker to come up before draining the old one."""
    import granian.server

    from chat_ui.ops.drain import drain_s
    from chat_ui.ops.logs import granian_dictconfig, json_logs

    base = granian.server.Server

    class RespawningServer(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs):
            kwargs["respawn_failed_workers"] = True
            kwargs.setdefault("respawn_interval", 1.0)
            kwargs.setdefault("workers_kill_timeout", int(drain_s()) + 15)
            if json_logs():  # Granian's own lines (respawns, stops) as JSON like the rest
                kwargs["log_dictconfig"] = granian_dictconfig()
            super().__init__(*args, **kwargs)

        def _reload(self, spawn_target, target_loader):  # type: ignore[no-untyped-def]
            interval, self.respawn_interval = self.respawn_interval, max(self.respawn_interval, respawn_wait_s())
            try:
                return super()._reload(spawn_target, target_loader)
            finally:
                self.respawn_interval = interval

    granian.server.Server = RespawningServer


def metrics_dir(stack: contextlib.ExitStack) -> str:
    """``PROMETHEUS_MULTIPROC_DIR``: the one given (its old files wiped, as prometheus-client asks)
    or a private one for the cluster's lifetime. Set before anything imports prometheus_client."""
    given = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "").strip()
    if given:
        os.makedirs(given, exist_ok=True)
        for name in os.listdir(given):
            if name.endswith(".db"):
                os.unlink(os.path.join(given, name))
        return given
    path = stack.enter_context(tempfile.TemporaryDirectory(prefix="chat-ui-metrics-"))
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = path
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m chat_ui.cluster", description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=int(os.environ.get("GRANIAN_WORKERS") or 2))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 3000))
    parser.add_argument("--host", default=None, help="address to bind (Reflex's default: 0.0.0.0)")
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")

    with contextlib.ExitStack() as stack:
        if not os.environ.get("REFLEX_REDIS_URL", "").strip():
            os.environ["REFLEX_REDIS_URL"] = stack.enter_context(own_redis())
        metrics_dir(stack)
        os.environ["GRANIAN_WORKERS"] = str(args.workers)
        os.environ.setdefault("REFLEX_TELEMETRY_ENABLED", "false")
        respawn_failed_workers()
        # SIGTERM from a supervisor ends the cluster the way Ctrl-C does, so Redis is stopped too.
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
        from reflex.reflex import cli

        run = ["run", "--env", "prod", "--single-port", "--frontend-port", str(args.port), "--backend-port", str(args.port)]
        if args.host:
            run += ["--backend-host", args.host]
        print(f"chat_ui cluster: {args.workers} workers on port {args.port}, Redis at "
              f"{os.environ['REFLEX_REDIS_URL']}", flush=True)
        try:
            cli.main(args=run, prog_name="reflex", standalone_mode=False)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main(sys.argv[1:])
