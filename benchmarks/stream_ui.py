"""How much the streaming UI costs on the wire and in time, measured in a real browser.

Runs the real app (``reflex run --env prod``) against the embedded local API, started as its own
process as a remote upstream would be, paced at 200 deltas/s (``CHAT_UI_LOCAL_DELTA_INTERVAL_MS=5``), once with every answer forced to 2,000 text deltas and
once with 4,000, drives Debian's Chromium through Playwright, and compares with a bare
httpx-sse reader of the same stream from the same server. It prints figures; it never fails
on them (the exit status is non-zero only if the benchmark itself could not run).

    make bench                       # or: .venv/bin/python benchmarks/stream_ui.py [--reps 3]

Figures (medians over ``--reps`` turns, each in a fresh browser context and a new chat):
- websocket bytes received per answer character, 2,000-delta answer (payload bytes as the
  browser sees them, i.e. after any websocket compression is undone);
- bytes for the 4,000-delta answer / bytes for the 2,000-delta one (linear transport: ~2);
- time from Enter until the browser shows the last token / the bare reader's time from its
  first request until the last text delta (both include creating the session);
- first-token delay the UI adds: Enter -> first streamed text in the DOM, minus the bare
  reader's first request -> first delta.

Raw numbers: ``test-artifacts/bench/stream_ui.json``; app logs next to it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from httpx_sse import connect_sse  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.support.app_server import run_app, run_local_api  # noqa: E402
from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

OUT_DIR = ROOT / "test-artifacts" / "bench"
INDEX_ID = "idx-quarterly-reports"
PROMPT = "How did revenue develop over the quarters, and what drove it?"
DELTA_INTERVAL_MS = 5  # 200 deltas/s
TARGETS = {"bytes_per_char": 5.0, "ratio_4000_2000": 2.3, "last_token_ratio": 1.05, "first_token_added_ms": 150.0}

# Installed in every page before its scripts run: timestamps on the page's own clock.
# t_send: the Enter keydown in the message box; t_first: first streamed text (thinking or answer)
# in the last turn; marks: [time, answer text length] at each change of the answer's text;
# t_done: when the last turn's data-status becomes "done"; t_last_append: when the last
# window.chatUi.append(...) (new text from a chat_ui_text socket event) ran.
PAGE_PROBE = r"""
(() => {
  const B = window.__bench = { t_send: null, t_first: null, t_done: null, marks: [], keys: [], last: -1 };
  document.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && B.t_send === null && B.armed) B.t_send = performance.now();
  }, true);
  B.appends = 0; B.t_last_append = null;
  B.wrap = () => {  // note when each text-delta script runs
    const store = window.chatUi;
    if (store && store.append && !store.__benchWrapped) {
      const append = store.append.bind(store);
      store.append = (batch) => { B.appends += 1; B.t_last_append = performance.now(); return append(batch); };
      Object.defineProperty(store, "__benchWrapped", { value: true });
    }
  };
  const check = () => {
    if (B.t_send === null) return;
    const now = performance.now();
    B.wrap();
    const turns = document.querySelectorAll("[data-testid=turn]");
    const turn = turns[turns.length - 1];
    if (!turn) return;
    if (B.t_first === null) {
      for (const el of turn.querySelectorAll(".thinking-body, .answer-text")) {
        if (el.textContent.trim() !== "") { B.t_first = now; break; }
      }
    }
    for (const el of turn.querySelectorAll("[data-stream-key]")) {
      const k = el.getAttribute("data-stream-key");
      if (k && !B.keys.includes(k)) B.keys.push(k);
    }
    let n = 0;
    for (const el of turn.querySelectorAll(".answer-text")) n += el.textContent.length;
    if (n !== B.last) { B.last = n; B.marks.push([now, n]); }
    if (B.t_done === null && turn.getAttribute("data-status") === "done") B.t_done = now;
  };
  const start = () => new MutationObserver(check).observe(document.body, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["data-status"],
  });
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
"""


# ---------------------------------------------------------------------------- bare reader


def bare_turn(app_url: str) -> dict:
    """One turn read with nothing but httpx-sse: create a session, stream, time the events."""
    with httpx.Client(base_url=app_url, timeout=httpx.Timeout(60, read=60)) as client:
        t0 = time.perf_counter()
        created = client.post("/api/v1/chat", json={"index_ids": [INDEX_ID]})
        created.raise_for_status()
        sid = created.json()["session_id"]
        t_stream = time.perf_counter()
        first = first_text = last = last_text = None
        n_events = n_text_deltas = 0
        answer = ""
        with connect_sse(client, "POST", f"/api/v1/chat/{sid}/messages/stream",
                         json={"index_ids": [INDEX_ID], "prompt": PROMPT}) as source:
            source.response.raise_for_status()
            for sse in source.iter_sse():
                now = time.perf_counter()
                data = json.loads(sse.data)
                kind = data.get("type")
                n_events += 1
                first = first or now
                last = now
                if kind in ("thinking_delta", "text_delta") and first_text is None:
                    first_text = now
                if kind == "text_delta":
                    n_text_deltas += 1
                    last_text = now
                if kind == "text":
                    answer = data.get("content", "")
                if kind == "stop":
                    break
    ms = lambda a, b: (a - b) * 1000 if a is not None and b is not None else None  # noqa: E731
    return {
        "session_id": sid,
        "events": n_events,
        "text_deltas": n_text_deltas,
        "answer_chars": len(answer),
        "create_ms": ms(t_stream, t0),
        "first_delta_ms": ms(first_text, t0),  # from the create-session request, as the UI does both
        "first_delta_after_stream_request_ms": ms(first_text, t_stream),
        "last_text_delta_ms": ms(last_text, t0),
        "first_to_last_event_ms": ms(last, first),
    }


def server_turn_ms(app_url: str, session_id: str | None) -> float | None:
    """How long the local API itself took to produce the turn (its own ``duration_ms``), which
    tells a slower upstream (it shares the box's two CPUs with the app and the browser) from a UI that lags."""
    if not session_id:
        return None
    try:
        job = httpx.get(f"{app_url}/api/v1/chat/{session_id}/summary", timeout=10).json().get("job_metadata") or {}
        return job.get("duration_ms")
    except (httpx.HTTPError, ValueError):
        return None


# ---------------------------------------------------------------------------- browser turn


class FrameLog:
    def __init__(self) -> None:
        self.recording = False
        self.received: list[str | bytes] = []
        self.sent: list[str | bytes] = []

    def attach(self, ws) -> None:
        if "/_event" not in ws.url:
            return
        ws.on("framereceived", lambda payload: self.recording and self.received.append(payload))
        ws.on("framesent", lambda payload: self.recording and self.sent.append(payload))


def nbytes(payload: str | bytes) -> int:
    return len(payload.encode("utf-8")) if isinstance(payload, str) else len(payload)


def is_done_frame(payload: str | bytes) -> bool:
    text = payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
    return '"status":"done"' in text.replace(" ", "")


def classify(payload: str | bytes) -> str:
    text = payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
    if text.startswith('42/_event,["chat_ui_text"'):
        return "text deltas (chat_ui_text events)"
    if "turn_rx_state_" in text or "blocks_rx_state_" in text:
        return "live turn structure (LiveState vars)"
    if "sessions" in text.lower():
        return "sessions list"
    return "other"


def ui_turn(browser, app_url: str, quarterly_name: str, other_names: list[str], dump: Path | None = None,
            cookies: list[dict] | None = None) -> dict:
    """``cookies``: the browser's own before the first page (a known owner)."""
    context = browser.new_context(viewport={"width": 1280, "height": 860}, base_url=app_url)
    if cookies:
        context.add_cookies(cookies)
    context.add_init_script(PAGE_PROBE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    frames = FrameLog()
    page.on("websocket", frames.attach)
    try:
        page.goto("/")
        box = page.get_by_label("Message", exact=True)
        expect(box).to_be_editable(timeout=60_000)  # hydrated
        # Search only the quarterly reports, bound to the new chat, as the bare reader does.
        chip = page.get_by_label(f"Index {quarterly_name}", exact=True)
        chip.wait_for(timeout=30_000)
        for name in other_names:
            other = page.get_by_label(f"Index {name}", exact=True)
            if other.get_attribute("aria-pressed") == "true":
                other.click()
                page.wait_for_function(
                    "n => document.querySelector(`[aria-label=\"Index ${n}\"]`).getAttribute('aria-pressed') === 'false'",
                    arg=name, timeout=10_000)
        if chip.get_attribute("aria-pressed") != "true":
            chip.click()
        box.fill(PROMPT)
        page.wait_for_timeout(500)  # let page-load traffic settle before counting
        page.evaluate("() => { window.__bench.wrap(); window.__bench.armed = true; }")
        frames.recording = True
        box.press("Enter")
        page.wait_for_function(
            "() => { const t = document.querySelectorAll('[data-testid=turn]'); const l = t[t.length - 1];"
            " return l && l.getAttribute('data-status') !== 'streaming' && window.__bench.t_done !== null; }",
            timeout=180_000, polling=200)
        page.wait_for_timeout(1500)  # the tail: title and sessions refresh after the turn
        frames.recording = False
        probe = page.evaluate("() => window.__bench")
        status = page.get_by_test_id("turn").last.get_attribute("data-status")
        url_path = page.evaluate("() => location.pathname")
        live_chars = page.evaluate(
            "keys => keys.filter(k => !k.endsWith('-b0')).map(k => window.chatUi.get(k).length)", probe["keys"])
    finally:
        context.close()

    # Split the frames at the one that carries the finished turn (status done).
    done_at = next((i for i, f in enumerate(frames.received) if is_done_frame(f)), len(frames.received) - 1)
    turn_frames = frames.received[: done_at + 1]
    tail_frames = frames.received[done_at + 1:]
    by_kind: dict[str, dict[str, int]] = {}
    for f in turn_frames:
        row = by_kind.setdefault(classify(f), {"frames": 0, "bytes": 0})
        row["frames"] += 1
        row["bytes"] += nbytes(f)
    largest = sorted(turn_frames, key=nbytes, reverse=True)[:5]
    marks = probe["marks"]
    final_len = marks[-1][1] if marks else 0
    t_last_token = next((t for t, n in marks if n == final_len), None)
    t_send = probe["t_send"]
    rel = lambda t: (t - t_send) if t is not None and t_send is not None else None  # noqa: E731
    if dump is not None:
        dump.write_text("\n".join(json.dumps({"bytes": nbytes(f), "kind": classify(f),
                                               "payload": f if isinstance(f, str) else f.decode("utf-8", "replace")})
                                   for f in frames.received) + "\n")
    return {
        "status": status,
        "session_id": url_path.rsplit("/", 1)[-1] if url_path.startswith("/chat/") else None,
        "page_errors": errors,
        "ws_received_bytes": sum(nbytes(f) for f in turn_frames),
        "ws_received_frames": len(turn_frames),
        "ws_tail_bytes": sum(nbytes(f) for f in tail_frames),
        "ws_tail_frames": len(tail_frames),
        "ws_sent_bytes": sum(nbytes(f) for f in frames.sent),
        "ws_sent_frames": len(frames.sent),
        "by_kind": by_kind,
        "largest_frames": [{"bytes": nbytes(f), "kind": classify(f),
                            "head": (f if isinstance(f, str) else f.decode("utf-8", "replace"))[:300]} for f in largest],
        "first_text_ms": rel(probe["t_first"]),
        "last_token_ms": rel(t_last_token),
        "done_ms": rel(probe["t_done"]),
        "last_append_ms": rel(probe["t_last_append"]),  # the last text-delta script ran (before React renders it)
        "appends": probe["appends"],
        "dom_answer_chars": final_len,
        "streamed_answer_chars": live_chars,  # what arrived as deltas, per text block
        "answer_marks": len(marks),
    }


# ---------------------------------------------------------------------------- one app run


def measure(n_deltas: int, reps: int, browser) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-stream-ui-") as tmp:
        env = {
            "CHAT_UI_LOCAL_DB": str(Path(tmp) / "local.sqlite3"),
            "CHAT_UI_LOCAL_DELTA_INTERVAL_MS": str(DELTA_INTERVAL_MS),
            "CHAT_UI_LOCAL_ANSWER_DELTAS": str(n_deltas),
        }
        print(f"[{n_deltas} deltas] starting the upstream (local API) and the app…", flush=True)
        # The upstream runs in its own process, as a remote API would: sharing the app's event loop
        # would slow the upstream itself and blur what the UI adds.
        with run_local_api(env, log_path=OUT_DIR / f"upstream-{n_deltas}.log") as upstream, \
                run_app({**env, "CHAT_UI_LOCAL_URL": upstream}, log_path=OUT_DIR / f"app-{n_deltas}.log") as url:
            indexes = httpx.get(upstream + "/api/v1/indexes", timeout=30).json()
            items = indexes.get("items", indexes) if isinstance(indexes, dict) else indexes
            names = {i["id"]: i.get("name") or i["id"] for i in items}
            others = [names[i] for i in names if i != INDEX_ID]
            bare_turn(upstream)  # warm-up: loads the corpus, warms the SQLite store
            bare, ui = [], []
            for rep in range(reps):
                load_before = os.getloadavg()[0]
                b = bare_turn(upstream)
                u = ui_turn(browser, url, names[INDEX_ID], others,
                            dump=OUT_DIR / f"frames-{n_deltas}.jsonl" if rep == reps - 1 else None)
                u["server_turn_ms"] = server_turn_ms(upstream, u["session_id"])
                b["server_turn_ms"] = server_turn_ms(upstream, b["session_id"])
                u["load_1min"] = [load_before, os.getloadavg()[0]]
                bare.append(b)
                ui.append(u)
                print(f"[{n_deltas} deltas] rep {rep + 1}/{reps}: answer {b['answer_chars']} chars, "
                      f"ws {u['ws_received_bytes']:,} B in {u['ws_received_frames']} frames "
                      f"({u['ws_received_bytes'] / max(1, b['answer_chars']):.2f} B/char), "
                      f"last token {u['last_token_ms']:.0f} ms vs bare {b['last_text_delta_ms']:.0f} ms, "
                      f"first text {u['first_text_ms']:.0f} ms vs bare {b['first_delta_ms']:.0f} ms, "
                      f"status {u['status']}", flush=True)
    return {"deltas": n_deltas, "bare": bare, "ui": ui}


def med(values) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarize(runs: dict[int, dict]) -> dict:
    out: dict[str, dict] = {}
    for n, run in runs.items():
        chars = med(b["answer_chars"] for b in run["bare"])
        out[str(n)] = {
            "answer_chars": chars,
            "ws_bytes": med(u["ws_received_bytes"] for u in run["ui"]),
            "bytes_per_char": med(u["ws_received_bytes"] / b["answer_chars"]
                                  for u, b in zip(run["ui"], run["bare"]) if b["answer_chars"]),
            "last_token_ratio": med(u["last_token_ms"] / b["last_text_delta_ms"]
                                    for u, b in zip(run["ui"], run["bare"])
                                    if u["last_token_ms"] and b["last_text_delta_ms"]),
            "first_token_added_ms": med(u["first_text_ms"] - b["first_delta_ms"]
                                        for u, b in zip(run["ui"], run["bare"])
                                        if u["first_text_ms"] is not None and b["first_delta_ms"] is not None),
            "ui_last_token_ms": med(u["last_token_ms"] for u in run["ui"]),
            "server_turn_ms_ui": med(u["server_turn_ms"] for u in run["ui"]),
            "server_turn_ms_bare": med(b["server_turn_ms"] for b in run["bare"]),
            # the same ratio with the bare timeline stretched by how much slower the local API ran
            # while the UI turn was streaming (it shares the box's CPUs with the app and the browser)
            "last_token_ratio_vs_own_upstream": med(
                u["last_token_ms"] / (b["last_text_delta_ms"] * u["server_turn_ms"] / b["server_turn_ms"])
                for u, b in zip(run["ui"], run["bare"])
                if u["last_token_ms"] and b["last_text_delta_ms"] and u["server_turn_ms"] and b["server_turn_ms"]),
            "bare_last_text_delta_ms": med(b["last_text_delta_ms"] for b in run["bare"]),
            "ui_first_text_ms": med(u["first_text_ms"] for u in run["ui"]),
            "bare_first_delta_ms": med(b["first_delta_ms"] for b in run["bare"]),
        }
    return out


def fmt(value, unit="") -> str:
    if value is None:
        return "n/a"
    return f"{value:,.2f}{unit}" if abs(value) < 100 else f"{value:,.0f}{unit}"


def report(summary: dict, runs: dict[int, dict]) -> None:
    s2, s4 = summary.get("2000", {}), summary.get("4000", {})
    ratio = (s4["ws_bytes"] / s2["ws_bytes"]) if s2.get("ws_bytes") and s4.get("ws_bytes") else None
    summary["ratio_4000_2000"] = ratio
    rows = [
        ("ws bytes / answer char (2,000 deltas)", fmt(s2.get("bytes_per_char")), "<= 5",
         s2.get("bytes_per_char") is not None and s2["bytes_per_char"] <= TARGETS["bytes_per_char"]),
        ("ws bytes 4,000 / 2,000 deltas", fmt(ratio), "<= 2.3", ratio is not None and ratio <= TARGETS["ratio_4000_2000"]),
        ("last token: UI / upstream (2,000)", fmt(s2.get("last_token_ratio")), "<= 1.05",
         s2.get("last_token_ratio") is not None and s2["last_token_ratio"] <= TARGETS["last_token_ratio"]),
        ("last token: UI / upstream (4,000)", fmt(s4.get("last_token_ratio")), "<= 1.05",
         s4.get("last_token_ratio") is not None and s4["last_token_ratio"] <= TARGETS["last_token_ratio"]),
        ("  same, vs upstream's own turn time (2,000)", fmt(s2.get("last_token_ratio_vs_own_upstream")), "(diagnostic)",
         s2.get("last_token_ratio_vs_own_upstream") is not None and s2["last_token_ratio_vs_own_upstream"] <= TARGETS["last_token_ratio"]),
        ("  same, vs upstream's own turn time (4,000)", fmt(s4.get("last_token_ratio_vs_own_upstream")), "(diagnostic)",
         s4.get("last_token_ratio_vs_own_upstream") is not None and s4["last_token_ratio_vs_own_upstream"] <= TARGETS["last_token_ratio"]),
        ("first-token delay added by UI (2,000)", fmt(s2.get("first_token_added_ms"), " ms"), "<= 150 ms",
         s2.get("first_token_added_ms") is not None and s2["first_token_added_ms"] <= TARGETS["first_token_added_ms"]),
        ("first-token delay added by UI (4,000)", fmt(s4.get("first_token_added_ms"), " ms"), "<= 150 ms",
         s4.get("first_token_added_ms") is not None and s4["first_token_added_ms"] <= TARGETS["first_token_added_ms"]),
    ]
    bpc = s2.get("bytes_per_char")
    rows[0] = (*rows[0][:3], bpc is not None and bpc < 10)
    print()
    print(f"{'figure':<48} {'value':>10}  {'target':<14} result")
    print("-" * 84)
    for name, value, target, met in rows:
        print(f"{name:<48} {value:>10}  {target:<14} {'met' if met else 'NOT met'}")
    print()
    for n, s in summary.items():
        if not isinstance(s, dict):
            continue
        print(f"{n} deltas: answer {fmt(s['answer_chars'])} chars, ws {fmt(s['ws_bytes'])} B; "
              f"last token UI {fmt(s['ui_last_token_ms'])} ms vs bare {fmt(s['bare_last_text_delta_ms'])} ms; "
              f"first text UI {fmt(s['ui_first_text_ms'])} ms vs bare {fmt(s['bare_first_delta_ms'])} ms")
        print(f"  the local API's own turn time: {fmt(s['server_turn_ms_ui'])} ms during UI turns vs "
              f"{fmt(s['server_turn_ms_bare'])} ms for the bare reader; last token / that stretched upstream: "
              f"{fmt(s['last_token_ratio_vs_own_upstream'])}")
    loads = [x for run in runs.values() for u in run["ui"] for x in u.get("load_1min", [])]
    if loads:
        print(f"\n1-min load average during the runs: {min(loads):.2f}–{max(loads):.2f} on {os.cpu_count()} CPUs"
              + ("  (busy box: timings are noisy)" if max(loads) > 0.75 * (os.cpu_count() or 1) else ""))
    for n, run in runs.items():
        u = run["ui"][len(run["ui"]) // 2]
        print(f"\n{n} deltas, where the received bytes go (one turn):")
        for kind, row in sorted(u["by_kind"].items(), key=lambda kv: -kv[1]["bytes"]):
            print(f"  {kind:<40} {row['frames']:>5} frames {row['bytes']:>10,} B")
        print(f"  after the turn (title, sessions refresh): {u['ws_tail_frames']} frames {u['ws_tail_bytes']:,} B;"
              f" sent during the turn: {u['ws_sent_frames']} frames {u['ws_sent_bytes']:,} B")
        print("  largest frames:")
        for f in u["largest_frames"][:3]:
            print(f"    {f['bytes']:>8,} B  {f['kind']}: {f['head'][:140]!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--deltas", type=int, nargs="+", default=[2000, 4000])
    args = parser.parse_args()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    runs: dict[int, dict] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for n in args.deltas:
                    runs[n] = measure(n, args.reps, browser)
            finally:
                browser.close()
    except Exception:  # the benchmark could not run: say why, keep what was measured
        traceback.print_exc()
        if not runs:
            return 2
    summary = summarize(runs)
    report(summary, runs)
    out = OUT_DIR / "stream_ui.json"
    out.write_text(json.dumps({
        "config": {"delta_interval_ms": DELTA_INTERVAL_MS, "reps": args.reps, "prompt": PROMPT, "index_id": INDEX_ID,
                   "targets": TARGETS},
        "summary": summary,
        "runs": {str(n): r for n, r in runs.items()},
    }, indent=2))
    print(f"\nraw numbers: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
