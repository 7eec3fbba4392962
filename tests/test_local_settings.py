"""LocalSettings.from_env and the idle keep-alive of the local API's stream."""

from __future__ import annotations

import httpx

from chat_ui.local import app as local_app
from chat_ui.local.app import create_app
from chat_ui.local.settings import DEFAULT_CORPUS, LocalSettings
from tests.conftest import local_settings
from tests.support.servers import serve


def test_from_env_defaults(monkeypatch, tmp_path) -> None:
    for name in ("DB", "CORPUS", "DELTA_INTERVAL_MS", "SECRET", "ANSWER_DELTAS", "FAULTS"):
        monkeypatch.delenv(f"CHAT_UI_LOCAL_{name}", raising=False)
    monkeypatch.chdir(tmp_path)
    s = LocalSettings.from_env()
    assert s.db_path == tmp_path / "data" / "local.sqlite3" and s.db_path.parent.is_dir()
    assert s.corpus_dir == DEFAULT_CORPUS and (DEFAULT_CORPUS / "quarterly-reports" / "index.json").is_file()
    assert 0 < s.delta_interval_s < 0.1 and s.signing_secret == "" and s.answer_deltas is None and s.faults is False


def test_from_env_values(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("CHAT_UI_LOCAL_DB", str(tmp_path / "x" / "db.sqlite3"))
    monkeypatch.setenv("CHAT_UI_LOCAL_CORPUS", str(tmp_path))
    monkeypatch.setenv("CHAT_UI_LOCAL_DELTA_INTERVAL_MS", "0")
    monkeypatch.setenv("CHAT_UI_LOCAL_SECRET", "k")
    monkeypatch.setenv("CHAT_UI_LOCAL_ANSWER_DELTAS", "4000")
    monkeypatch.setenv("CHAT_UI_LOCAL_FAULTS", "1")
    s = LocalSettings.from_env()
    assert s == LocalSettings(tmp_path / "x" / "db.sqlite3", tmp_path, 0.0, "k", 4000, True)


def test_keep_alive_while_idle(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(local_app, "KEEPALIVE_S", 0.001)
    with serve(create_app(local_settings(tmp_path, delta_interval_s=0.005))) as url, httpx.Client(base_url=url) as c:
        sid = c.post("/api/v1/chat").json()["session_id"]
        body = c.post(f"/api/v1/chat/{sid}/messages/stream", json={"index_ids": ["idx-handbook"], "prompt": "hotel limit?"}).text
    frames = body.split("\n\n")
    assert frames[0] == ": keep-alive"
    assert sum(f == ": keep-alive" for f in frames[1:]) >= 3  # idle gaps between paced deltas
    assert '"type":"stop"' in frames[-2]
