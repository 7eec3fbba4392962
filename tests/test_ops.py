"""The ops room without a browser: exact metrics across processes, the probes' bodies, the gate
leaving them open, JSON log lines that carry ids and no secrets, and the turn's spans."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from prometheus_client import CollectorRegistry, generate_latest, multiprocess
from prometheus_client.parser import text_string_to_metric_families

from chat_ui.api.client import LlamaCloudClient
from chat_ui.ops import drain, logs, metrics, probes, tracing
from chat_ui.ops.http import ops_app
from chat_ui.turns.entries import TurnInfo, new_turn_id
from chat_ui.turns.memory import MemoryHub
from chat_ui.turns.runner import run_turn
from tests.support.upstream import RESET, STOP, Upstream, delta, frame, healthy_turn, json_error, serve_upstream, sse

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def upstream() -> Iterator[Upstream]:
    yield from serve_upstream()


def samples(text: str) -> dict[tuple[str, tuple], float]:
    """Every sample of an exposition, parsed by prometheus-client's own parser."""
    out: dict[tuple[str, tuple], float] = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def value(found: dict, name: str, **labels: str) -> float:
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


# ---------------------------------------------------------------------------- metrics


def _plan(upstream: Upstream, kinds: list[str]) -> list[str]:
    """Script the upstream's reply per session for these outcomes; the worker's argv for them."""
    steps = []
    by_session = {}
    for kind in kinds:
        if kind.startswith("refused:"):
            steps.append(kind)
            continue
        sid = upstream.add_session()
        by_session[sid] = {
            "done": sse(*healthy_turn()),
            "error": json_error(503, "overloaded"),
            "interrupted": sse(delta("Revenue grew"), RESET),
            "stopped": sse(delta("Rev"), 2.0, delta("enue"), frame(STOP)),
        }[kind]
        steps.append(f"{kind}@{sid}")

    def reply(request):
        return by_session.get(request.path_params["sid"], sse(*healthy_turn()))(request)

    upstream.next("stream", *([reply] * len(by_session)))
    return steps


def test_turns_run_by_two_worker_processes_add_up_exactly(upstream, tmp_path, monkeypatch):
    """N turns of known outcomes split over two processes: one scrape sums them exactly."""
    mp = tmp_path / "prom"
    mp.mkdir()
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(mp), "CHAT_UI_BACKEND": "llamacloud",
           "LLAMA_CLOUD_API_KEY": "llx-test", "PYTHONPATH": str(ROOT)}
    first = ["done", "done", "error", "refused:busy", "refused:worker_full"]
    second = ["done", "stopped", "interrupted", "done", "refused:rate_limit", "refused:busy"]
    for kinds in (first, second):  # one after the other: the upstream's scripted replies go in order
        out = subprocess.run([sys.executable, "-m", "tests.support.ops_worker", upstream.url, *_plan(upstream, kinds)],
                             env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        assert [line.split()[0].split("@")[0] == line.split()[1] for line in out.stdout.splitlines()] == \
            [True] * sum(1 for k in kinds if not k.startswith("refused"))

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=str(mp))
    found = samples(generate_latest(registry).decode())
    assert value(found, "chat_ui_turns_started_total", backend="llamacloud") == 7
    assert value(found, "chat_ui_turns_finished_total", backend="llamacloud", outcome="done") == 4
    assert value(found, "chat_ui_turns_finished_total", backend="llamacloud", outcome="error") == 1
    assert value(found, "chat_ui_turns_finished_total", backend="llamacloud", outcome="stopped") == 1
    assert value(found, "chat_ui_turns_finished_total", backend="llamacloud", outcome="interrupted") == 1
    assert value(found, "chat_ui_upstream_errors_total", backend="llamacloud", status="503") == 1
    assert value(found, "chat_ui_refused_total", reason="busy") == 2
    assert value(found, "chat_ui_refused_total", reason="worker_full") == 1
    assert value(found, "chat_ui_refused_total", reason="rate_limit") == 1
    assert value(found, "chat_ui_turns_running") == 0  # both processes are gone: their live gauge too
    assert value(found, "chat_ui_turn_duration_seconds_count") == 7
    # First text came in the done turns and in the two that ended after some (stopped, interrupted).
    assert value(found, "chat_ui_turn_first_token_seconds_count") >= 4
    assert value(found, "chat_ui_tokens_total", direction="output") == 4 * 5  # STOP reports 5 output tokens
    assert value(found, "chat_ui_tokens_total", direction="input") == 4 * 10
    assert value(found, "chat_ui_hub_publish_lag_seconds_count") > 0
    # The buckets resolve 50 ms to 60 s.
    bounds = {dict(k[1]).get("le") for k in found if k[0] == "chat_ui_turn_first_token_seconds_bucket"}
    assert {"0.05", "60.0", "+Inf"} <= bounds


def test_every_metric_the_issue_names_is_exposed():
    found = {f.name for f in text_string_to_metric_families(metrics.exposition().decode())}
    for name in ("chat_ui_turns_started", "chat_ui_turns_finished", "chat_ui_turns_running", "chat_ui_followers",
                 "chat_ui_turn_first_token_seconds", "chat_ui_turn_duration_seconds", "chat_ui_upstream_errors",
                 "chat_ui_tokens", "chat_ui_hub_publish_lag_seconds", "chat_ui_event_loop_lag_seconds", "chat_ui_refused",
                 "chat_ui_list_load_seconds"):
        assert name in found, name


async def _get(app, path: str, *, client=("127.0.0.1", 5000), headers=None) -> httpx.Response:
    transport = httpx.ASGITransport(app=app, client=client)
    async with httpx.AsyncClient(transport=transport, base_url="http://app") as c:
        return await c.get(path, headers=headers or {})


async def test_metrics_want_the_token_when_it_is_set_and_loopback_when_not(monkeypatch):
    app = ops_app()
    monkeypatch.delenv("CHAT_UI_METRICS_TOKEN", raising=False)
    assert (await _get(app, "/metrics")).status_code == 200
    assert (await _get(app, "/metrics", client=("10.1.2.3", 5000))).status_code == 404
    monkeypatch.setenv("CHAT_UI_METRICS_TOKEN", "s3cret-token")
    assert (await _get(app, "/metrics")).status_code == 404  # loopback is not enough once a token is set
    assert (await _get(app, "/metrics", headers={"authorization": "Bearer wrong"})).status_code == 404
    ok = await _get(app, "/metrics", client=("10.1.2.3", 5000), headers={"authorization": "Bearer s3cret-token"})
    assert ok.status_code == 200 and "chat_ui_turns_started_total" in ok.text
    assert ok.headers["content-type"].startswith("text/plain; version=0.0.4")


# ---------------------------------------------------------------------------- probes


async def test_readyz_names_what_failed_and_healthz_is_unaffected(monkeypatch):
    async def fine() -> None:
        return None

    async def down() -> None:
        raise ConnectionRefusedError("no")

    async def hangs() -> None:
        await asyncio.sleep(30)

    monkeypatch.setenv("CHAT_UI_READY_TIMEOUT_S", "0.2")
    monkeypatch.setattr(probes, "CHECKS", {"redis": down, "database": fine, "backend": hangs})
    app = ops_app()
    r = await _get(app, "/readyz")
    assert r.status_code == 503
    assert r.json() == {"status": "unavailable",
                        "failed": {"redis": "ConnectionRefusedError", "backend": "no answer within 0.2 s"}}
    assert (await _get(app, "/healthz")).json() == {"status": "ok"}
    monkeypatch.setattr(probes, "CHECKS", {"redis": fine, "database": fine, "backend": fine})
    r = await _get(app, "/readyz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}


async def test_readyz_checks_the_real_backend_and_database(upstream, monkeypatch):
    monkeypatch.setenv("CHAT_UI_BACKEND", "llamacloud")
    monkeypatch.setenv("LLAMA_CLOUD_BASE_URL", upstream.url)
    assert await probes.readiness() == {}
    monkeypatch.setenv("LLAMA_CLOUD_BASE_URL", "http://127.0.0.1:9")  # nothing listens there
    assert set(await probes.readiness()) == {"backend"}
    monkeypatch.setenv("CHAT_UI_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:9/none")
    assert set(await probes.readiness()) == {"backend", "database"}


async def test_a_draining_worker_is_not_ready(monkeypatch):
    monkeypatch.setattr(probes, "CHECKS", {})
    monkeypatch.setattr(drain, "_draining", True)
    r = await _get(ops_app(), "/readyz")
    assert r.status_code == 503 and "draining" in r.json()["failed"]


async def test_the_probes_and_metrics_stay_open_behind_the_password(monkeypatch):
    from chat_ui.access.middleware import api_transformers

    monkeypatch.setenv("CHAT_UI_PASSWORD", "open sesame")
    monkeypatch.setattr(probes, "CHECKS", {})

    async def reflex(scope, receive, send):  # what is behind the gate
        from chat_ui.access.asgi import respond

        await respond(send, 200, b"page", "text/plain")

    app = reflex
    for layer in api_transformers(None, apps=(ops_app(),)):
        if callable(layer) and not isinstance(layer, type) and not hasattr(layer, "func"):
            from starlette.routing import Mount

            inner, app = app, None
            from starlette.applications import Starlette

            app = Starlette(routes=[*layer.routes, Mount("/", inner)])
        else:
            app = layer(app)
    assert (await _get(app, "/healthz")).status_code == 200
    assert (await _get(app, "/readyz")).status_code == 200
    assert (await _get(app, "/metrics")).status_code == 200
    assert (await _get(app, "/chat/x")).text != "page"  # the pages are still gated


# ---------------------------------------------------------------------------- drain


async def test_the_drain_waits_for_running_turns_then_gives_up_at_the_deadline(monkeypatch):
    monkeypatch.setattr(drain, "_draining", False)
    quick = asyncio.create_task(asyncio.sleep(0.1))
    slow = asyncio.create_task(asyncio.sleep(10))
    left = await drain.wait_for({quick, slow}, deadline_s=0.5)
    assert quick.done() and left == {slow}
    assert drain.draining()
    from chat_ui.turns.capacity import Slots

    assert Slots().take(limit=10) is None  # a draining worker takes no new turn
    slow.cancel()


def test_the_drain_time_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("CHAT_UI_DRAIN_S", "7")
    assert drain.drain_s() == 7
    monkeypatch.setenv("CHAT_UI_DRAIN_S", "nonsense")
    assert drain.drain_s() == 60


# ---------------------------------------------------------------------------- logs


def test_json_lines_carry_the_turn_ids_and_no_secret(upstream, monkeypatch, capsys):
    monkeypatch.setenv("CHAT_UI_LOG_FORMAT", "json")
    monkeypatch.delenv("CHAT_UI_LOG_CONTENT", raising=False)
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    key, cookie, password, prompt = "llx-SECRETKEY123", "chat_ui_owner=COOKIEVALUE", "hunter2-PASSWORD", "PROMPT-TEXT-42"
    try:
        logs.configure()
        logging.getLogger("reflex").info("Authorization: Bearer %s", key)  # a library logging a credential
        logging.getLogger("somewhere").warning("cookie=%s password=%s", cookie.split("=")[1], password)
        sid = upstream.add_session()
        upstream.next("stream", sse(*healthy_turn()))
        turn_id = new_turn_id(0)

        async def one() -> None:
            hub = MemoryHub()
            info = TurnInfo(session_id=sid, turn_id=turn_id, prompt=prompt, owner="owner-abc")
            assert await hub.claim(info)
            async with LlamaCloudClient(key, upstream.url) as backend:
                await run_turn(backend, hub, info, ["idx-1"])

        asyncio.run(one())
    finally:
        root.handlers, _ = saved
        root.setLevel(saved[1])
    out = capsys.readouterr().out
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert lines and all({"time", "level", "logger", "message"} <= set(line) for line in lines)
    started = next(line for line in lines if line.get("event") == "turn_started")
    ended = next(line for line in lines if line.get("event") == "turn_ended")
    assert started["session_id"] == ended["session_id"] == sid
    assert started["turn_id"] == ended["turn_id"] == turn_id
    assert ended["outcome"] == "done" and ended["output_tokens"] == 5 and ended["duration_s"] > 0
    assert ended["first_token_s"] is not None and ended["upstream_status"] is None
    assert ended["person_id"] and ended["person_id"] != "owner-abc" and ended["person_id"] == logs.person_id("owner-abc")
    for secret in (key, "COOKIEVALUE", password, prompt, "owner-abc", "All good."):
        assert secret not in out, secret


def test_content_is_logged_only_when_asked(monkeypatch):
    monkeypatch.setenv("CHAT_UI_LOG_CONTENT", "1")
    assert logs.log_content()
    monkeypatch.setenv("CHAT_UI_LOG_CONTENT", "")
    assert not logs.log_content()


# ---------------------------------------------------------------------------- traces


def test_a_turn_span_with_its_children_and_the_traceparent_the_backend_sees(upstream, monkeypatch):
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    monkeypatch.setattr(tracing, "_tracer", None)
    tracing.configure(provider)
    seen: list[str] = []
    sid = upstream.add_session()
    call = frame({"type": "tool_call", "call_id": "c1", "name": "search", "arguments": {"q": "x"}})
    result = frame({"type": "tool_result", "call_id": "c1", "name": "search", "result": "found"})

    def reply(request):
        seen.append(request.headers.get("traceparent", ""))
        return sse(call, result, *healthy_turn())(request)

    upstream.next("stream", reply)

    async def one() -> None:
        hub = MemoryHub()
        info = TurnInfo(session_id=sid, turn_id=new_turn_id(0), prompt="What grew?")
        assert await hub.claim(info)
        async with LlamaCloudClient(None, upstream.url) as backend:
            await run_turn(backend, hub, info, ["idx-1"])

    try:
        asyncio.run(one())
    finally:
        monkeypatch.setattr(tracing, "_tracer", None)
    spans = {s.name: s for s in exporter.get_finished_spans()}
    assert {"chat_ui.turn", "chat_ui.upstream", "chat_ui.first_token", "chat_ui.tool"} <= set(spans)
    turn = spans["chat_ui.turn"]
    assert turn.attributes["chat_ui.outcome"] == "done" and turn.attributes["chat_ui.session_id"] == sid
    assert spans["chat_ui.upstream"].parent.span_id == turn.context.span_id
    for child in ("chat_ui.first_token", "chat_ui.tool"):
        assert spans[child].parent.span_id == spans["chat_ui.upstream"].context.span_id
    assert spans["chat_ui.tool"].attributes["chat_ui.tool"] == "search"
    trace_id = f"{turn.context.trace_id:032x}"
    assert seen and seen[0].startswith(f"00-{trace_id}-")


def test_tracing_is_off_and_imports_nothing_without_the_endpoint(monkeypatch):
    monkeypatch.delenv("OTEL_EXPORTER_OTLP_ENDPOINT", raising=False)
    code = ("import sys; from chat_ui.ops import tracing; tracing.configure(); "
            "assert not tracing.enabled(); assert tracing.inject({}) == {}; "
            "assert not [m for m in sys.modules if m.startswith('opentelemetry')], 'imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_granians_own_lines_are_json_too(capsys):
    import logging.config

    logging.config.dictConfig(logs.granian_dictconfig())
    try:
        logging.getLogger("_granian").info("Respawning worker-1")
        line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
        assert line["logger"] == "_granian" and line["message"] == "Respawning worker-1"
    finally:
        logging.getLogger("_granian").handlers = []


async def test_closing_the_sockets_asks_engineio_to_close_them_all(monkeypatch):
    """A draining worker's tabs reconnect elsewhere: the transport closes (not a socket.io
    disconnect, after which the browser would not reconnect)."""
    from types import SimpleNamespace

    from chat_ui.state import wire

    closed: list[str] = []

    class Eio:
        sockets = {"a": 1}

        async def disconnect(self, sid=None):
            closed.append(sid or "all")

    fake = SimpleNamespace(namespace=SimpleNamespace(server=SimpleNamespace(eio=Eio())))
    monkeypatch.setattr(wire, "channel", lambda: fake)
    await wire.close_all()
    assert closed == ["all"]
    Eio.sockets = {}
    await wire.close_all()
    assert closed == ["all"]
