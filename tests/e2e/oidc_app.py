"""The app signing people in with a real OpenID provider (npm ``oidc-provider``), both on free
ports, for the sign-in browser tests: one module's fixture each, with its own settings on top."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.support.app_server import run_app
from tests.support.oidc_op import CLIENT_ID, CLIENT_SECRET, available, run_provider
from tests.support.servers import free_port


def serve(tmp_path_factory, name: str, env: dict[str, str]) -> Iterator[str]:
    """Yield the app's URL; ``name`` keeps its data, log and web build apart; ``env`` adds to or
    overrides the settings every sign-in test shares."""
    reason = available()
    if reason:
        pytest.skip(reason)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    data = tmp_path_factory.mktemp(f"e2e-{name}")
    with run_provider([url + "/auth/callback"], [url + "/auth/signed-out"]) as op:
        settings = {
            "CHAT_UI_LOCAL_DB": str(data / "local.sqlite3"),
            "CHAT_UI_DATABASE_URL": f"sqlite:///{data / 'chat_ui.sqlite3'}",
            "CHAT_UI_ACCESS_DB": str(data / "access.sqlite3"),
            "CHAT_UI_LOCAL_DELTA_INTERVAL_MS": "8",
            "CHAT_UI_BACKEND": "local",
            "CHAT_UI_AUTH": "oidc",
            "CHAT_UI_OIDC_ISSUER": op.issuer,
            "CHAT_UI_OIDC_CLIENT_ID": CLIENT_ID,
            "CHAT_UI_OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "CHAT_UI_PUBLIC_URL": url,
            **env,
        }
        with run_app(settings, log_path=ARTIFACTS / f"e2e-{name}-app.log", web_dir=f".web-test-{name}", port=port,
                     ready=("/ping", "/auth/signed-out")) as served:
            yield served
