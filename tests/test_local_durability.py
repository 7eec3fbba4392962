"""The embedded API's database survives crashes, proved with real processes: ``kill -9`` mid-turn
leaves every earlier event intact and the cut turn stored as interrupted with what it had
written; two processes writing one database neither corrupt it nor close each other's turns."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import threading
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from chat_ui import transcript as t
from chat_ui.api.models import SessionDetail
from chat_ui.local.lease import Lease
from chat_ui.local.store import CUT_SHORT, Store
from tests.support.app_server import ROOT, local_api_process

INDEX = "idx-quarterly-reports"
LOGS = ROOT / "test-artifacts"


def env_for(db: Path, **extra: str) -> dict[str, str]:
    return {"CHAT_UI_LOCAL_DB": str(db), "CHAT_UI_LOCAL_FAULTS": "0", **extra}


def new_session(url: str) -> str:
    r = httpx.post(f"{url}/api/v1/chat", json={"index_ids": [INDEX]}, timeout=10)
    assert r.status_code == 201, r.text
    return r.json()["session_id"]


def events_of(url: str, sid: str) -> list[dict]:
    r = httpx.get(f"{url}/api/v1/chat/{sid}", timeout=10)
    assert r.status_code == 200, r.text
    return r.json()["events"]


def frames(url: str, sid: str, prompt: str):
    """The turn's events as they arrive."""
    with httpx.stream("POST", f"{url}/api/v1/chat/{sid}/messages/stream",
                      json={"index_ids": [INDEX], "prompt": prompt}, timeout=60) as r:
        assert r.status_code == 200
        for line in r.iter_lines():
            if line.startswith("data:"):
                yield json.loads(line[5:])


def whole_turn(url: str, sid: str, prompt: str) -> list[dict]:
    return list(frames(url, sid, prompt))


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as con:
        return con.execute("PRAGMA integrity_check").fetchone()[0]


def test_the_database_runs_in_wal_mode(tmp_path):
    store = Store(tmp_path / "x.sqlite3")
    try:
        with sqlite3.connect(tmp_path / "x.sqlite3") as con:
            assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        store.close()


def test_a_lease_is_alive_while_held_and_dead_after(tmp_path):
    held, other = Lease(tmp_path), Lease(tmp_path)
    assert other.alive(held.token) and held.alive(held.token)
    held.release()
    assert not other.alive(held.token)
    other.sweep()
    assert [p.name for p in tmp_path.iterdir()] == [f"{other.token}.lock"]


def test_kill_9_mid_turn_keeps_earlier_turns_and_stores_the_cut_turn_as_interrupted(tmp_path):
    db = tmp_path / "local.sqlite3"
    # 300 deltas 15 ms apart: a turn takes ~5 s, long enough to be cut in the middle.
    env = env_for(db, CHAT_UI_LOCAL_ANSWER_DELTAS="300", CHAT_UI_LOCAL_DELTA_INTERVAL_MS="15")
    with local_api_process(env, log_path=LOGS / "durability-1.log") as (url, proc):
        sid = new_session(url)
        first = whole_turn(url, sid, "How did revenue develop in Q3?")
        assert first[-1]["type"] == "stop" and not first[-1]["is_error"]
        before = events_of(url, sid)
        received = ""
        deltas = 0
        for event in frames(url, sid, "What risks does the report name?"):
            if event["type"] == "text_delta":
                received += event["content"]
                deltas += 1
                if deltas == 120:  # well past a checkpoint (one a second): part of the text is stored
                    os.kill(proc.pid, signal.SIGKILL)
                    proc.wait(10)
                    break
    assert proc.returncode == -signal.SIGKILL
    assert integrity(db) == "ok"

    with local_api_process(env, log_path=LOGS / "durability-2.log") as (url, _):
        after = events_of(url, sid)
        summary = httpx.get(f"{url}/api/v1/chat/{sid}/summary", timeout=10).json()
        assert after[: len(before)] == before, "an event of an earlier turn changed"
        cut = after[len(before):]
        assert cut[0] == {"type": "user_input", "content": "What risks does the report name?"}
        assert [e["type"] for e in cut if e["type"] in ("tool_call", "tool_result")] == ["tool_call", "tool_result"]
        assert cut[-1]["type"] == "stop" and cut[-1]["is_error"] and cut[-1]["error"] == CUT_SHORT
        assert summary["job_metadata"]["is_error"] and summary["job_metadata"]["error"] == CUT_SHORT
        # The person reopening the chat sees the cut turn ended, with the text it had reached.
        turns = t.fold_stored(SessionDetail.model_validate({**summary, "events": after}).typed_events())
        assert len(turns) == 2 and turns[0].status == "done"
        assert turns[1].status == "error" and turns[1].error == CUT_SHORT
        assert turns[1].answer and received.startswith(turns[1].answer), "the stored partial is not what was sent"
        # And the session goes on: a new turn is stored after the cut one.
        again = whole_turn(url, sid, "And the outlook?")
        assert again[-1]["type"] == "stop" and not again[-1]["is_error"]
        assert events_of(url, sid)[: len(after)] == after
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT COUNT(*) FROM open_turns").fetchone()[0] == 0


def test_two_processes_on_one_database_neither_corrupt_it_nor_close_each_others_turns(tmp_path):
    db = tmp_path / "local.sqlite3"
    env = env_for(db, CHAT_UI_LOCAL_ANSWER_DELTAS="60", CHAT_UI_LOCAL_DELTA_INTERVAL_MS="5")
    slow = env_for(db, CHAT_UI_LOCAL_ANSWER_DELTAS="200", CHAT_UI_LOCAL_DELTA_INTERVAL_MS="15")
    with ExitStack() as stack:
        url_a, _ = stack.enter_context(local_api_process(slow, log_path=LOGS / "durability-a.log"))
        # A turn is running on A when B starts: B's start-up recovery must leave it alone.
        long_sid = new_session(url_a)
        long_turn: list[dict] = []
        runner = threading.Thread(target=lambda: long_turn.extend(frames(url_a, long_sid, "Summarise the Q3 report.")))
        runner.start()
        while not long_turn:
            threading.Event().wait(0.05)
        url_b, _ = stack.enter_context(local_api_process(env, log_path=LOGS / "durability-b.log"))
        assert events_of(url_b, long_sid)[0]["type"] == "user_input"  # B reads A's running turn, leaves it open

        # Both write at once: sessions and turns on each, into each other's sessions too.
        sessions = [new_session(u) for u in (url_a, url_b, url_a, url_b)]
        failures: list[BaseException] = []

        def work(url: str, sid: str, n: int) -> None:
            try:
                for i in range(n):
                    stream = whole_turn(url, sid, f"Question {i} about revenue and risks")
                    assert stream[-1]["type"] == "stop" and not stream[-1]["is_error"], stream[-1]
            except BaseException as exc:  # noqa: BLE001 - reported below
                failures.append(exc)

        workers = [threading.Thread(target=work, args=(u, s, 3))
                   for s in sessions for u in (url_a, url_b)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(120)
        runner.join(60)
        assert not failures, failures
        assert long_turn[-1]["type"] == "stop" and not long_turn[-1]["is_error"], long_turn[-1]

    assert integrity(db) == "ok"
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT COUNT(*) FROM open_turns").fetchone()[0] == 0
        for sid in [long_sid, *sessions]:
            rows = con.execute("SELECT seq, data FROM events WHERE session_id=? ORDER BY seq", (sid,)).fetchall()
            assert [r[0] for r in rows] == list(range(len(rows))), f"{sid}: event numbers have gaps"
            kinds = [json.loads(r[1])["type"] for r in rows]
            stops = [json.loads(r[1]) for r in rows if json.loads(r[1])["type"] == "stop"]
            expected = 1 if sid == long_sid else 6
            assert kinds.count("user_input") == len(stops) == expected, (sid, kinds)
            assert not any(s["is_error"] for s in stops), (sid, stops)


@pytest.mark.parametrize("alive", [True, False])
def test_recovery_closes_only_turns_whose_process_is_gone(tmp_path, alive):
    """The same rule in one process: a turn opened under a lease that is still held stays open."""
    db = tmp_path / "x.sqlite3"
    writer = Store(db)
    sid = writer.create_session([INDEX]).session_id
    turn_id = writer.begin_turn(sid, "hi", {"type": "user_input", "content": "hi"})
    writer.checkpoint(turn_id, sid, [{"type": "thinking", "content": "Looking"}], {"text": "Revenue gr"})
    if not alive:
        writer.lease.release()  # what the kernel does when the writer dies
    reader = Store(db)
    try:
        events = reader.get_detail(sid).events
        if alive:
            assert [e["type"] for e in events] == ["user_input", "thinking"]
        else:
            *kept, stop = events[1:]
            assert kept == [{"type": "thinking", "content": "Looking"}, {"type": "text", "content": "Revenue gr"}]
            # A stop the SDK's model accepts (``usage`` is required): what is known is how long it ran.
            usage = stop.pop("usage")
            assert stop == {"type": "stop", "is_error": True, "error": CUT_SHORT, "skipped_index_ids": []}
            assert usage["duration_ms"] >= 0 and usage["total_input_tokens"] is None and usage["total_output_tokens"] is None
    finally:
        reader.close()
        writer.close()
