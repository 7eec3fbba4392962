"""Arriving: how soon each page paints, can be typed in and shows its data, and what it costs to load.

Runs the production build ``make run`` serves (``reflex run --env prod --single-port``) against the
embedded API (its own process, as a remote API would be) holding a chat of 200 turns and 10,000
more sessions, and drives Debian's Chromium. Every figure is a median of ``--runs`` navigations,
measured from the navigation's start on the page's own clock: *cold* in a fresh browser context
(empty cache), *warm* by navigating again in one context. Prints figures; never fails on them (a
non-zero exit only when the benchmark itself could not run).

    make bench-first              # or: .venv/bin/python benchmarks/first_visit.py [--runs 5]
    .venv/bin/python benchmarks/first_visit.py --app-root /path/to/older/checkout   # the same, on older code

Per route (``/``, ``/chat``, ``/chat/<200-turn id>``, ``/history``):
- FCP and LCP (the browser's paint timings);
- composer usable: the message box is in the page, enabled, and React's handlers are attached to
  it (typing lands in the app's own composer, not a dead box);
- data shown: the 200-turn chat's latest turn readable; the history page's first rows;
- layout shift: the sum of the page's layout-shift entries (CLS, no input) after 1.5 s;
- bytes transferred (navigation + every resource, compressed as served) and requests.
Then the largest chunks /chat loads (compressed and raw), the live text's websocket bytes per
answer character as received, and what permessage-deflate would make of the same frames.

Raw numbers: ``test-artifacts/bench/first_visit.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import traceback
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from benchmarks.long_chat import build_chat, build_sessions  # noqa: E402
from tests.support.app_server import run_app, run_local_api  # noqa: E402
from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

OUT_DIR = ROOT / "test-artifacts" / "bench"
TOPICS = ["time off", "travel", "remote work", "security", "expenses", "parental leave"]
TARGETS = {"chat_fcp_ms": 300.0, "chat_usable_ms": 450.0, "chat_kb": 350.0, "long_latest_ms": 800.0,
           "history_fcp_ms": 300.0, "history_rows_ms": 500.0, "cls": 0.05}

# Installed before the page's scripts: when the composer becomes usable, when watched elements
# first show, the layout shifts and LCP; all on the page's own clock (0 = navigation start).
PROBE = r"""
(() => {
  const P = window.__first = { usable: null, seen: {}, watch: [], shifts: [], lcp: null };
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) P.shifts.push([e.startTime, e.value]); })
      .observe({ type: "layout-shift", buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) P.lcp = e.startTime; })
      .observe({ type: "largest-contentful-paint", buffered: true });
  } catch (e) {}
  const check = () => {
    const now = performance.now();
    if (P.usable === null) {
      const box = document.querySelector("textarea[aria-label=Message]");
      if (box && !box.disabled && Object.keys(box).some((k) => k.startsWith("__reactProps"))) P.usable = now;
    }
    for (const [name, selector, text] of P.watch) {
      if (P.seen[name] !== undefined) continue;
      const all = document.querySelectorAll(selector);
      const el = all[all.length - 1];
      if (el && (!text || el.innerText.trim() === text)) P.seen[name] = now;
    }
  };
  const tick = () => { check(); if (P.usable === null || P.watch.some(([n]) => P.seen[n] === undefined)) requestAnimationFrame(tick); };
  const start = () => {
    new MutationObserver(check).observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
    tick();
  };
  if (document.documentElement) start(); else document.addEventListener("readystatechange", start, { once: true });
})();
"""

FIGURES = r"""
() => {
  const P = window.__first;
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  const nav = performance.getEntriesByType("navigation")[0];
  const res = performance.getEntriesByType("resource").filter((r) => !r.name.startsWith("ws"));
  return {
    fcp: fcp ? fcp.startTime : null, lcp: P.lcp, usable: P.usable, seen: P.seen,
    cls: P.shifts.reduce((s, [, v]) => s + v, 0), shifts: P.shifts,
    bytes: (nav ? nav.transferSize : 0) + res.reduce((s, r) => s + (r.transferSize || 0), 0),
    requests: 1 + res.length,
    resources: res.map((r) => [r.name, r.transferSize, r.encodedBodySize, r.decodedBodySize]),
  };
}
"""


def _wait(page, route: dict) -> None:
    if route.get("composer", True):
        page.wait_for_function("() => window.__first.usable !== null", timeout=60_000)
    for name, _selector, _text in route.get("watch", []):
        page.wait_for_function("(n) => window.__first.seen[n] !== undefined", arg=name, timeout=60_000)
    page.wait_for_timeout(1500)  # late shifts and LCP candidates, then the figures


def _context(browser, url: str, route: dict):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, base_url=url)
    context.add_init_script(PROBE)
    for watch in route.get("watch", []):
        context.add_init_script(f"window.__first.watch.push({json.dumps(list(watch))});")
    return context


def visit(browser, url: str, route: dict, runs: int) -> dict:
    cold, warm = [], []
    for _ in range(runs):  # cold: a fresh context each time
        context = _context(browser, url, route)
        try:
            page = context.new_page()
            page.goto(route["path"])
            _wait(page, route)
            cold.append(page.evaluate(FIGURES))
        finally:
            context.close()
    context = _context(browser, url, route)  # warm: the same context, its cache filled by a first visit
    try:
        page = context.new_page()
        page.goto(route["path"])
        _wait(page, route)
        for _ in range(runs):
            page.goto("about:blank")
            page.goto(route["path"])
            _wait(page, route)
            warm.append(page.evaluate(FIGURES))
    finally:
        context.close()
    return {"cold": cold, "warm": warm}


def wire_bytes(browser, url: str) -> dict:
    """One answer on /chat: websocket bytes received while it streams, per answer character, as
    sent (uncompressed) and as permessage-deflate (context takeover, as browsers negotiate) would."""
    context = browser.new_context(viewport={"width": 1280, "height": 860}, base_url=url)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        frames: list[str] = []
        cdp.on("Network.webSocketFrameReceived", lambda e: frames.append(e["response"]["payloadData"]))
        page.goto("/chat")
        box = page.get_by_label("Message", exact=True)
        expect(box).to_be_editable(timeout=60_000)
        expect(page.get_by_text("Enter to send, Shift+Enter for a new line.")).to_be_visible(timeout=60_000)
        page.wait_for_timeout(500)
        frames.clear()
        box.fill("Summarise the travel and expenses policy.")
        box.press("Enter")
        page.wait_for_function("() => { const t = document.querySelectorAll('[data-testid=turn]'); const l = t[t.length - 1];"
                               " return l && l.getAttribute('data-status') === 'done'; }", timeout=120_000)
        page.wait_for_timeout(500)
        chars = page.evaluate("() => { const t = document.querySelectorAll('[data-testid=turn]');"
                              " return [...t[t.length - 1].querySelectorAll('.answer-text')].map((a) => a.innerText).join('').length; }")
        raw = sum(len(f.encode()) for f in frames)
        deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
        packed = 0
        for f in frames:  # each message flushed on its own, the window kept: what the extension sends
            packed += len(deflate.compress(f.encode()) + deflate.flush(zlib.Z_SYNC_FLUSH)) - 4
        return {"frames": len(frames), "bytes": raw, "deflate_bytes": packed, "answer_chars": chars,
                "bytes_per_char": raw / max(1, chars), "deflate_bytes_per_char": packed / max(1, chars)}
    finally:
        context.close()


def med(rows: list[dict], key: str, sub: str | None = None) -> float | None:
    values = [(r[key] or {}).get(sub) if sub else r[key] for r in rows]
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def chunks(run: dict) -> list[tuple[str, int, int]]:
    """The largest script and style files /chat loads, cold: (name, compressed, raw)."""
    rows = {}
    for name, _transfer, encoded, decoded in run["/chat"]["cold"][0]["resources"]:
        if name.endswith((".js", ".css")):
            rows[name.rsplit("/", 1)[-1]] = (encoded, decoded)
    return sorted(((n, e, d) for n, (e, d) in rows.items()), key=lambda r: -r[2])[:8]


def measure(turns: int, sessions: int, runs: int, app_root: Path) -> dict:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-first-visit-") as tmp:
        db = Path(tmp) / "local.sqlite3"
        print(f"building {sessions:,} sessions and a chat of {turns} turns…", flush=True)
        build_sessions(db, sessions)
        env = {"CHAT_UI_LOCAL_DB": str(db), "CHAT_UI_LOCAL_DELTA_INTERVAL_MS": "0"}
        with run_local_api(env, log_path=OUT_DIR / "first-visit-build.log") as api:
            long_id = build_chat(api, turns)
        last_prompt = f"Turn {turns - 1}: what does the handbook say about {TOPICS[(turns - 1) % 6]}?"
        env = {"CHAT_UI_LOCAL_DB": str(db), "CHAT_UI_LOCAL_DELTA_INTERVAL_MS": "2"}
        app_env = {"CHAT_UI_HISTORY": "all", "CHAT_UI_TURNS_PER_MINUTE": "0"}
        routes = [
            {"path": "/", "watch": []},
            {"path": "/chat", "watch": []},
            {"path": f"/chat/{long_id}", "label": "/chat/<200-turn id>",
             "watch": [("latest", "[data-testid=turn] .user-bubble", last_prompt)]},
            {"path": "/history", "composer": False, "watch": [("rows", "[data-testid=history-row]", "")]},
        ]
        print("starting the upstream and the app (a production build)…", flush=True)
        out: dict = {"turns": turns, "sessions": sessions, "runs": runs, "routes": {}}
        with run_local_api(env, log_path=OUT_DIR / "first-visit-upstream.log") as api, \
                run_app({**env, **app_env, "CHAT_UI_LOCAL_URL": api}, log_path=OUT_DIR / "first-visit-app.log",
                        root=app_root) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                httpx.get(url + "/chat", timeout=60)  # the server's own first request is not the page's
                for route in routes:
                    label = route.get("label", route["path"])
                    out["routes"][label] = visit(browser, url, route, runs)
                    cold = out["routes"][label]["cold"]
                    print(f"{label}: FCP {[round(r['fcp'] or 0) for r in cold]} ms", flush=True)
                out["wire"] = wire_bytes(browser, url)
            finally:
                browser.close()
        out["chunks"] = chunks(out["routes"])
    return out


def _fmt(value: float | None, unit: str = "ms") -> str:
    if value is None:
        return "-"
    if unit == "KB":
        return f"{value / 1000:.0f} KB"
    if unit == "":
        return f"{value:.3f}"
    return f"{value:.0f} ms"


def report(run: dict) -> list[list]:
    table: list[list] = []
    print(f"\n{'route / figure (median of ' + str(run['runs']) + ')':44} {'cold':>10} {'warm':>10}  {'target':10} result")
    print("-" * 92)
    targets = {("/chat", "fcp"): ("chat_fcp_ms", "<= 300 ms"), ("/chat", "usable"): ("chat_usable_ms", "<= 450 ms"),
               ("/chat", "bytes"): ("chat_kb", "<= 350 KB"),
               ("/chat/<200-turn id>", "latest"): ("long_latest_ms", "<= 800 ms"),
               ("/history", "fcp"): ("history_fcp_ms", "<= 300 ms"), ("/history", "rows"): ("history_rows_ms", "<= 500 ms")}
    for label, rows in run["routes"].items():
        figures = [("fcp", "FCP", "ms"), ("lcp", "LCP", "ms")]
        if label != "/history":
            figures.append(("usable", "composer usable", "ms"))
        if label.startswith("/chat/"):
            figures.append(("latest", "latest turns readable", "ms"))
        if label == "/history":
            figures.append(("rows", "first rows", "ms"))
        figures += [("cls", "layout shift (CLS)", ""), ("bytes", "transferred", "KB"), ("requests", "requests", "n")]
        print(label)
        for key, name, unit in figures:
            sub = key if key in ("latest", "rows") else None
            cold = med(rows["cold"], "seen" if sub else key, sub)
            warm = med(rows["warm"], "seen" if sub else key, sub)
            target, ok = "", None
            if (label, key) in targets:
                tkey, target = targets[(label, key)]
                limit = TARGETS[tkey] * (1000 if unit == "KB" else 1)
                ok = cold is not None and cold <= limit
            elif key == "cls":
                target, ok = "<= 0.05", cold is not None and cold <= TARGETS["cls"]
            show = (lambda v: "-" if v is None else f"{v:.0f}") if unit == "n" else (lambda v: _fmt(v, unit))
            result = "" if ok is None else ("met" if ok else "NOT met")
            print(f"  {name:42} {show(cold):>10} {show(warm):>10}  {target:10} {result}")
            table.append([label, name, cold, warm, target, ok])
    print("\nlargest chunks /chat loads (compressed as served / raw):")
    for name, encoded, decoded in run["chunks"]:
        print(f"  {name:50} {encoded / 1000:8.0f} KB {decoded / 1000:8.0f} KB")
    w = run.get("wire")
    if w:
        print(f"\nlive text on the websocket: {w['bytes_per_char']:.2f} B per answer char as received "
              f"({w['bytes']:,} B in {w['frames']} frames, {w['answer_chars']} chars); "
              f"permessage-deflate would send {w['deflate_bytes_per_char']:.2f} B/char")
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--app-root", type=Path, default=ROOT, help="the checkout whose app to measure")
    args = parser.parse_args()
    try:
        run = measure(args.turns, args.sessions, args.runs, args.app_root.resolve())
    except Exception:  # the benchmark could not run: say why
        traceback.print_exc()
        return 2
    table = report(run)
    out = OUT_DIR / ("first_visit.json" if args.app_root.resolve() == ROOT else "first_visit-other.json")
    out.write_text(json.dumps({"app_root": str(args.app_root), "targets": TARGETS, "run": run, "table": table}, indent=2))
    print(f"\nraw numbers: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
