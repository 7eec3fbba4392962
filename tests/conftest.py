"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from chat_ui.local.app import create_app
from chat_ui.local.settings import LocalSettings
from tests.support.servers import serve


def local_settings(tmp_path: Path, **overrides) -> LocalSettings:
    """Settings of a fresh local API on a tmp db: no pacing, fault directives on."""
    values = {"db_path": tmp_path / "local.sqlite3", "delta_interval_s": 0.0, "faults": True}
    return LocalSettings(**{**values, **overrides})


@pytest.fixture
def local_api(tmp_path: Path) -> Iterator[str]:
    """Base URL of a fresh local chat API (tmp db, pace 0, faults on), served over real HTTP."""
    with serve(create_app(local_settings(tmp_path))) as url:
        yield url
