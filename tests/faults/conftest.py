"""The fault suite: a scripted faulty upstream over real HTTP, the app's client and live-turn
code against it, and the table of what a person meets written to ``docs/reliability.md``."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from chat_ui.api.client import LlamaCloudClient
from chat_ui.api.retry import RetryPolicy
from tests.faults.report import CASES, DOC, Row, render
from tests.support.upstream import Upstream, serve_upstream

NOTICE_S, LIMIT_S = 0.3, 1.0
_rows: dict[str, Row] = {}


@pytest.fixture(scope="session", autouse=True)
def reliability_table() -> Iterator[None]:
    yield
    if set(_rows) == {c.id for c in CASES}:
        DOC.write_text(render(_rows, notice_s=NOTICE_S, limit_s=LIMIT_S))


@pytest.fixture
def record() -> Callable[..., None]:
    """Keep a case's row; called after the case's assertions passed."""

    def keep(case: str, *, reads: str, partial: str, prompt: str, usable: str) -> None:
        assert case in {c.id for c in CASES}, case
        _rows[case] = Row(case, reads, partial, prompt, usable)

    return keep


@pytest.fixture
def upstream() -> Iterator[Upstream]:
    yield from serve_upstream()


@pytest.fixture
def waits() -> list[float]:
    """The retry waits the client asked for (recorded, not slept)."""
    return []


@pytest.fixture(autouse=True)
def app_backend(upstream, waits, monkeypatch) -> None:
    """The app's backend is the LlamaCloud client on the scripted upstream; its retry waits are
    recorded instead of slept, and the stall limits are short."""
    from chat_ui import backends

    async def wait(seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setenv("CHAT_UI_LOCAL_URL", upstream.url)
    monkeypatch.setenv("CHAT_UI_STALL_NOTICE_S", str(NOTICE_S))
    monkeypatch.setenv("CHAT_UI_STALL_LIMIT_S", str(LIMIT_S))
    monkeypatch.setattr(
        backends, "_create", lambda: LlamaCloudClient(None, upstream.url, retry_policy=RetryPolicy(max_retries=3, sleep=wait))
    )
