"""A real OpenID provider for the sign-in tests: ``tests/oidc_op/op.mjs`` (the npm ``oidc-provider``
package, installed by ``make oidc-op``) on a free 127.0.0.1 port, under the venv's Node."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.support.servers import free_port

HERE = Path(__file__).resolve().parents[1] / "oidc_op"
CLIENT_ID, CLIENT_SECRET = "chat-app", "chat-app-secret"


@dataclass(frozen=True)
class Provider:
    issuer: str

    def set_code_ttl(self, seconds: int) -> None:
        httpx.get(f"{self.issuer}/__test/code-ttl", params={"s": seconds}).raise_for_status()

    def serve_wrong_keys(self, on: bool) -> None:
        httpx.get(f"{self.issuer}/__test/wrong-keys", params={"on": "1" if on else "0"}).raise_for_status()


def available() -> str:
    """Why the provider cannot run here, or ""."""
    if not (HERE / "node_modules" / "oidc-provider").is_dir():
        return "oidc-provider is not installed (make oidc-op)"
    if not shutil.which("node"):
        return "no node on PATH"
    return ""


@contextlib.contextmanager
def run_provider(redirect_uris: list[str], post_logout_uris: list[str] = ()) -> Iterator[Provider]:
    port = free_port()
    env = {**os.environ, "OP_PORT": str(port), "OP_REDIRECT_URIS": ",".join(redirect_uris),
           "OP_POST_LOGOUT_URIS": ",".join(post_logout_uris), "NODE_ENV": "test"}
    proc = subprocess.Popen(["node", str(HERE / "op.mjs")], cwd=HERE, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    issuer = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError("the OpenID provider exited: " + proc.stdout.read().decode(errors="replace")[-2000:])
            try:
                if httpx.get(issuer + "/.well-known/openid-configuration", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the OpenID provider did not start")
            time.sleep(0.1)
        yield Provider(issuer)
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
