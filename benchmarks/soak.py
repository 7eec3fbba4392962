"""Hours of use in minutes: 50 tabs running turns back to back on one worker, against the
embedded backend, and whether anything is lost or keeps growing.

The app (``reflex run --env prod``, the local API mounted in it, as ``make run`` serves it) gets
50 simulated tabs (``simtab.py``: the app's own websocket protocol, an owner cookie each). Each
tab sends a prompt, waits for the answer to end, sends the next one — three turns per chat, then
a new chat — for ``--minutes`` (5). Sends stop at the deadline; running turns finish. It prints:

- turns completed, turns lost (sent, accepted or not, and no end seen within two minutes, or
  ended "done" with no answer: target 0), errors (turns that ended in an error or interrupted,
  refusals, socket errors), and with ``--faults`` the injected failures each shown as expected;
- the app's RSS every 10 s, and its growth over the last 3 minutes (target: at most 10 %);
- the local store afterwards: ``PRAGMA integrity_check`` and turns still open (target 0).

Per-owner rate limits are off (``CHAT_UI_TURNS_PER_MINUTE=0``): a tab sends as fast as answers
end, far beyond what a person does. It prints figures and never fails on them; the exit status
is non-zero only if the benchmark itself could not run. Raw numbers: ``test-artifacts/bench/soak.json``.

    make bench-soak                                   # 50 tabs, 5 minutes
    .venv/bin/python benchmarks/soak.py --tabs 10 --minutes 1     # a short run while developing
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from benchmarks.procstats import machine_busy_s, self_cpu_s, usage  # noqa: E402
from benchmarks.simtab import SimTab, Turn  # noqa: E402
from tests.support.app_server import app_process  # noqa: E402

OUT_DIR = ROOT / "test-artifacts" / "bench"
PROMPTS = [
    "How much did revenue grow in Q3, and why?",
    "What is the parental leave policy?",
    "Summarise the risks named in the quarterly report.",
    "What does the handbook say about remote work?",
    "What guidance was given for Q4?",
]
TURNS_PER_CHAT = 3
TURN_TIMEOUT_S = 120.0
SAMPLE_S = 10.0
FAULTS = ["[fault:http-500]", "[fault:stop-error]", "[fault:drop]", "[fault:stall]"]


class Soak:
    def __init__(self, url: str, tabs: int, minutes: float, fault_every: int) -> None:
        self.url, self.n, self.seconds, self.fault_every = url, tabs, minutes * 60, fault_every
        self.turns: list[tuple[Turn, str]] = []  # (turn, injected fault or "")
        self.socket_errors: list[str] = []
        self.sent = 0

    async def tab_loop(self, tab: SimTab, deadline: float) -> None:
        chat_turns = 0
        while time.monotonic() < deadline:
            if chat_turns == TURNS_PER_CHAT:
                await tab.navigate("/chat")
                await tab.wait(lambda: tab.chat.get("current_id") == "" and not tab.live.get("turn", {}).get("key"),
                               30, "a new chat")
                chat_turns = 0
            self.sent += 1
            fault = FAULTS[(self.sent // self.fault_every) % len(FAULTS)] if self.fault_every and self.sent % self.fault_every == 0 else ""
            prompt = f"{PROMPTS[self.sent % len(PROMPTS)]} (soak {tab.name}-{self.sent}) {fault}".strip()
            await tab.send(prompt)
            turn = await tab.finish(TURN_TIMEOUT_S)
            self.turns.append((turn, fault))
            chat_turns += 1
            if turn.status in ("lost", "refused") or tab.errors:
                break  # this tab is in an unknown state; the figures say so
        self.socket_errors.extend(tab.errors)


async def sample_rss(pid: int, series: list[tuple[float, float]], t0: float, stop: asyncio.Event) -> None:
    while not stop.is_set():
        series.append((time.monotonic() - t0, usage(pid).rss_bytes / 2**20))
        try:
            await asyncio.wait_for(stop.wait(), SAMPLE_S)
        except TimeoutError:
            pass


async def run(url: str, pid: int, args: argparse.Namespace) -> dict[str, Any]:
    soak = Soak(url, args.tabs, args.minutes, args.fault_every)
    tabs = [SimTab(url, name=str(i)) for i in range(args.tabs)]
    async with httpx.AsyncClient(timeout=30) as http:
        for tab in tabs:
            await tab.get_cookie(http)
            await tab.connect()
    await asyncio.gather(*(t.ready() for t in tabs))
    series: list[tuple[float, float]] = []
    stop = asyncio.Event()
    t0 = time.monotonic()
    sampler = asyncio.create_task(sample_rss(pid, series, t0, stop))
    cpu0, client0, busy0 = usage(pid).cpu_s, self_cpu_s(), machine_busy_s()
    await asyncio.gather(*(soak.tab_loop(t, t0 + soak.seconds) for t in tabs), return_exceptions=False)
    wall = time.monotonic() - t0
    app_cpu, client_cpu = usage(pid).cpu_s - cpu0, self_cpu_s() - client0
    others = max(0.0, machine_busy_s() - busy0 - app_cpu - client_cpu)
    stop.set()
    await sampler
    series.append((time.monotonic() - t0, usage(pid).rss_bytes / 2**20))
    for tab in tabs:
        await tab.close()
    return summarize(soak, series, wall, app_cpu, client_cpu, others)


def summarize(soak: Soak, series: list[tuple[float, float]], wall: float, app_cpu: float, client_cpu: float,
              others: float) -> dict[str, Any]:
    plain = [t for t, fault in soak.turns if not fault]
    faulted = [(t, fault) for t, fault in soak.turns if fault]
    statuses = Counter(t.status for t in plain)
    lost = [t for t in plain if t.status == "lost" or (t.status == "done" and not t.committed.strip())]
    errors = [t for t in plain if t.status in ("error", "interrupted", "stopped", "refused")]
    fault_lost = [t for t, _ in faulted if t.status == "lost"]
    durations = sorted(t.t_end - t.t_send for t in plain if t.t_end and t.status == "done")
    window_start = max(0.0, series[-1][0] - 180.0)
    start_rss = next((rss for at, rss in series if at >= window_start), series[0][1])
    end_rss = series[-1][1]
    return {
        "tabs": soak.n,
        "minutes": soak.seconds / 60,
        "turns_sent": len(soak.turns),
        "completed": statuses.get("done", 0) - len([t for t in lost if t.status == "done"]),
        "lost": len(lost),
        "errors": len(errors),
        "error_kinds": dict(Counter(f"{t.status}: {t.error[:80]}" for t in errors).most_common(5)),
        "socket_errors": len(soak.socket_errors),
        "socket_error_examples": soak.socket_errors[:3],
        "faults_injected": len(faulted),
        "faults_shown": len([t for t, _ in faulted if t.status in ("error", "interrupted", "done")]),
        "faults_lost": len(fault_lost),
        "fault_outcomes": dict(Counter(f"{fault} -> {_outcome(t)}" for t, fault in faulted)),
        "turn_s_p50": durations[len(durations) // 2] if durations else None,
        "rss_mb": [(round(at), round(rss, 1)) for at, rss in series],
        "rss_growth_last_3_min_pct": (end_rss - start_rss) / start_rss * 100 if start_rss else None,
        "wall_s": wall,
        "cpu_s": {"app": app_cpu, "client": client_cpu, "others": others},
    }


def _outcome(turn: Turn) -> str:
    """How a faulted turn ended; a stall that hit the limit is told apart by its message."""
    from chat_ui.turns.stall import StallLimits

    if turn.status == "interrupted" and turn.error == StallLimits.from_env({"CHAT_UI_STALL_NOTICE_S": "1",
                                                                             "CHAT_UI_STALL_LIMIT_S": "3"}).stalled_message():
        return "interrupted (stalled)"
    return turn.status


def check_store(db: Path) -> dict[str, Any]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        open_turns = conn.execute("SELECT count(*) FROM open_turns").fetchone()[0]
        sessions = conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
    return {"integrity": integrity, "open_turns": open_turns, "sessions": sessions}


def report(r: dict[str, Any]) -> None:
    print(f"\nSoak: {r['tabs']} tabs, turns back to back for {r['minutes']:.0f} min on one worker (embedded backend)")
    print(f"  turns sent {r['turns_sent']}, completed {r['completed']}, lost {r['lost']} (target 0), "
          f"errors {r['errors']}, socket errors {r['socket_errors']}; a turn took {r['turn_s_p50'] or 0:.1f} s (p50)")
    if r["error_kinds"]:
        print(f"  errors: {r['error_kinds']}")
    if r["faults_injected"]:
        print(f"  injected faults {r['faults_injected']}: each ended and said so {r['faults_shown']}, lost {r['faults_lost']};"
              f" {r['fault_outcomes']}")
    rss = r["rss_mb"]
    print("  app RSS (MB) over time: " + ", ".join(f"{at}s {mb:.0f}" for at, mb in rss))
    growth = r["rss_growth_last_3_min_pct"]
    print(f"  RSS growth over the last 3 minutes: {growth:+.1f} % (target ≤ 10 %)")
    store = r.get("store", {})
    print(f"  local store: integrity {store.get('integrity')}, open turns {store.get('open_turns')} (target 0), "
          f"sessions {store.get('sessions')}")
    c = r["cpu_s"]
    print(f"  CPU: app {c['app']:.0f} s, tabs {c['client']:.0f} s, other processes {c['others']:.0f} s in {r['wall_s']:.0f} s")
    ok = (r["lost"] == 0 and r["faults_lost"] == 0 and growth is not None and growth <= 10 and store.get("open_turns") == 0
          and store.get("integrity") == "ok")
    print("  " + ("within the targets" if ok else "OUTSIDE the targets"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tabs", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--fault-every", type=int, default=0,
                        help="every K-th turn carries a fault directive (HTTP 500, agent error, drop, stall)")
    args = parser.parse_args()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="chat-ui-soak-") as data:
        db = Path(data) / "local.sqlite3"
        env = {
            "CHAT_UI_LOCAL_DB": str(db),
            "CHAT_UI_ACCESS_DB": str(Path(data) / "access.sqlite3"),
            "CHAT_UI_SECRET": "soak-secret",
            "CHAT_UI_TURNS_PER_MINUTE": "0",
            "REFLEX_STATE_MANAGER_MODE": "memory",  # as `make run` serves one worker
        }
        if args.fault_every:
            env.update(CHAT_UI_LOCAL_FAULTS="1", CHAT_UI_STALL_NOTICE_S="1", CHAT_UI_STALL_LIMIT_S="3")
        try:
            with app_process(env, log_path=OUT_DIR / "soak-app.log", web_dir=".web-test-bench") as (url, proc):
                result = asyncio.run(run(url, proc.pid, args))
                time.sleep(2)
                result["store"] = check_store(db)
        except Exception as exc:  # noqa: BLE001 - the benchmark could not run: say why, exit non-zero
            traceback.print_exc()
            print(f"soak benchmark could not run: {exc}", file=sys.stderr)
            return 2
    (OUT_DIR / "soak.json").write_text(json.dumps(result, indent=2, default=str))
    report(result)
    print(f"Raw numbers: {OUT_DIR / 'soak.json'}; app log beside it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
