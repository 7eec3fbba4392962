"""Debian's nginx in front of the app, configured with the site file the docs give to teams
(``deploy/nginx-site.conf``), on a free 127.0.0.1 port for the length of a test."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from tests.support.servers import free_port, stop_group

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def render_site(listen: str, upstream: str, extra: str = "") -> str:
    """``extra``: more directives for the proxied location (a benchmark's stand-in for an
    authenticating proxy sets the identity header there)."""
    site = (ROOT / "deploy" / "nginx-site.conf").read_text()
    site = site.replace("{{listen}}", listen).replace("{{upstream}}", upstream)
    return site.replace("proxy_buffering off;", f"proxy_buffering off;\n        {extra}") if extra else site


@contextlib.contextmanager
def run_nginx(upstream_port: int, *, port: int | None = None, extra: str = "") -> Iterator[str]:
    """Yields nginx's URL; it proxies to ``127.0.0.1:upstream_port``."""
    port = port or free_port()
    with tempfile.TemporaryDirectory(prefix="chat-ui-nginx-") as tmp:
        os.chmod(tmp, 0o755)
        conf = Path(tmp) / "nginx.conf"
        conf.write_text(f"""
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 2048; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    {render_site(f"127.0.0.1:{port}", f"127.0.0.1:{upstream_port}", extra)}
}}
""")
        proc = subprocess.Popen([NGINX, "-p", tmp, "-c", str(conf), "-g", "daemon off;"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 10
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"nginx exited: {proc.stderr.read().decode() if proc.stderr else ''}")
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(url + "/ping", timeout=2).status_code == 200:
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError("nginx did not start")
                time.sleep(0.1)
            yield url
        finally:
            stop_group(proc, grace=10)
