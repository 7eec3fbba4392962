"""Shared pytest fixtures."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from chat_ui.local.app import create_app
from chat_ui.local.settings import LocalSettings
from tests.support.servers import serve


def local_settings(tmp_path: Path, **overrides) -> LocalSettings:
    """Settings of a fresh local API on a tmp db: no pacing (a title as soon as the first turn
    has ended), fault directives on."""
    values = {"db_path": tmp_path / "local.sqlite3", "delta_interval_s": 0.0, "title_delay_s": 0.0, "faults": True}
    return LocalSettings(**{**values, **overrides})


@pytest.fixture(scope="session")
def store_template(tmp_path_factory) -> Path:
    """A store migrated once per run; each test starts from a copy (migrating costs more than copying)."""
    from chat_ui.store import dispose, ensure_migrated

    path = tmp_path_factory.mktemp("store") / "template.sqlite3"
    ensure_migrated(f"sqlite:///{path}")
    dispose()
    return path


@pytest.fixture(autouse=True)
def access_env(tmp_path: Path, tmp_path_factory, monkeypatch, store_template: Path) -> Iterator[None]:
    """The access layer's defaults, with its secret and the durable store in the test's tmp dir;
    no proxy from the machine (a test that wants one sets it)."""
    from chat_ui.store import dispose, migrate

    db = tmp_path_factory.mktemp("store") / "chat_ui.sqlite3"  # beside the test's tmp_path, which stays its own
    shutil.copyfile(store_template, db)
    url = f"sqlite:///{db}"
    migrate._done.add(url)  # a copy of a current schema (imports are tested on their own)
    monkeypatch.setenv("CHAT_UI_SECRET", "test-secret")
    monkeypatch.setenv("CHAT_UI_DATABASE_URL", url)
    monkeypatch.setenv("CHAT_UI_ACCESS_DB", str(tmp_path / "access.sqlite3"))  # an earlier version's file: none
    for name in ("CHAT_UI_PASSWORD", "CHAT_UI_HISTORY", "CHAT_UI_TURNS_PER_MINUTE", "CHAT_UI_SIGNIN_PER_MINUTE",
                 "CHAT_UI_REVIEW", "CHAT_UI_PUBLIC_SHARES", "CHAT_UI_FEEDBACK_TAGS", "CHAT_UI_AUTH", "REFLEX_REDIS_URL",
                 "CHAT_UI_OIDC_ISSUER", "CHAT_UI_OIDC_CLIENT_ID", "CHAT_UI_OIDC_CLIENT_SECRET", "CHAT_UI_OIDC_SCOPES",
                 "CHAT_UI_OIDC_GROUPS_CLAIM", "CHAT_UI_PUBLIC_URL", "CHAT_UI_AUTH_HEADER", "CHAT_UI_AUTH_NAME_HEADER",
                 "CHAT_UI_AUTH_GROUPS_HEADER", "CHAT_UI_AUTH_SIGN_OUT_URL", "CHAT_UI_TRUSTED_PROXIES",
                 "CHAT_UI_ADMIN_EMAILS", "CHAT_UI_ADMIN_GROUPS", "CHAT_UI_SESSION_HOURS",
                 *(v for name in ("http_proxy", "https_proxy", "all_proxy") for v in (name, name.upper()))):
        monkeypatch.delenv(name, raising=False)
    from chat_ui.access import limits

    monkeypatch.setattr(limits, "_memory", limits.MemoryLimiter())  # no hits carried over from another test
    from chat_ui.access import oidc, people_gate, signin_cookie

    signin_cookie._seen.clear()  # sign-ins remembered by this process belong to another test's store
    people_gate._header_people.clear()
    oidc.forget_provider()
    from chat_ui.api import summary_cache

    summary_cache.clear()  # summaries of another test's backend
    from chat_ui import opening

    opening.clear()  # chats read early for another test's pages
    from chat_ui.store import owners

    owners.forget_kept()  # who owned what in another test's store
    yield
    dispose()
    migrate._done.discard(url)


@pytest.fixture
def local_api(tmp_path: Path) -> Iterator[str]:
    """Base URL of a fresh local chat API (tmp db, pace 0, faults on), served over real HTTP."""
    with serve(create_app(local_settings(tmp_path))) as url:
        yield url


@pytest.fixture
def paced_api(tmp_path: Path, monkeypatch):
    """``paced_api(answer_deltas, delta_interval_s)``: a local API whose answers have that many
    text deltas that far apart, served over real HTTP and made the app's backend."""
    with contextlib.ExitStack() as stack:

        def start(answer_deltas: int, delta_interval_s: float) -> str:
            settings = local_settings(tmp_path, answer_deltas=answer_deltas, delta_interval_s=delta_interval_s)
            url = stack.enter_context(serve(create_app(settings)))
            monkeypatch.setenv("CHAT_UI_LOCAL_URL", url)
            return url

        yield start


@pytest.fixture
async def tabs(monkeypatch):
    """A factory of tabs on one Reflex event pipeline (no browser, no server): ``tabs()`` is a new
    tab (its own client token) of browser "A"; ``tabs(browser="B")`` one of another browser, with
    its own owner cookie; ``headers``: what the deployment's gate would add to its handshake. Followers
    and runners are stopped when the test ends."""
    from reflex.istate.manager.memory import StateManagerMemory
    from reflex_base.event.processor import BaseStateEventProcessor

    from chat_ui.state import live as live_module
    from chat_ui.turns import runner
    from tests.support.tabs import Namespace, Tab

    monkeypatch.delenv("LLAMA_CLOUD_API_KEY", raising=False)
    monkeypatch.delenv("CHAT_UI_BACKEND", raising=False)
    monkeypatch.setattr(live_module, "WAIT_TICK_S", 0.2)
    from chat_ui.access.cookies import OWNER_COOKIE, new_owner

    ns, sm = Namespace(), StateManagerMemory()
    ep = BaseStateEventProcessor(graceful_shutdown_timeout=3).configure(state_manager=sm, event_namespace=ns)
    made: list[Tab] = []
    cookies: dict[str, str] = {}

    def make(token: str | None = None, browser: str = "A", headers: dict[str, str] | None = None) -> Tab:
        if browser not in cookies:
            cookies[browser] = f"{OWNER_COOKIE}={new_owner()[1]}"
        tab = Tab(ep, ns, sm, token or f"tab-{len(made) + 1}", cookie=cookies[browser], headers=headers)
        made.append(tab)
        return tab

    from chat_ui.state import wire

    wire.use_channel(ns)
    async with ep:
        yield make
        live_module.FOLLOWERS.clear()
        await runner.stop_all()
    wire.use_channel(None)
    from chat_ui.turns import close_hub

    await close_hub()
    await sm.close()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A real PostgreSQL server for the test session (Debian's package; .ci/run installs it)."""
    from tests.support.postgres import run_postgres

    with run_postgres() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, monkeypatch) -> str:
    """The durable store on SQLite (the test's own file) and on PostgreSQL (a fresh database),
    made the app's store: a test taking it runs once on each."""
    from chat_ui.store import dispose, ensure_migrated

    if request.param == "postgresql":
        from tests.support.postgres import new_database

        url = new_database(request.getfixturevalue("postgres_server"))
        monkeypatch.setenv("CHAT_UI_DATABASE_URL", url)
        ensure_migrated(url)
        request.addfinalizer(dispose)
    import os

    return os.environ["CHAT_UI_DATABASE_URL"]


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A real redis-server for the test session (Debian's package; .ci/run installs it)."""
    from tests.support.redis_server import run_redis

    with run_redis() as url:
        yield url
