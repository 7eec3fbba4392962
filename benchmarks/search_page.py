"""Search inside chats as a person meets it, in a real browser, at the issue's scale: 10,000
chats of 10 turns for one person. Prints figures; never fails on them.

    make bench-search                 # the store's figures (benchmarks/search.py), then these
    .venv/bin/python benchmarks/search_page.py [--stores sqlite,postgres] [--queries 40]

Seeds, before the app starts (``make run``'s default, no sign-in: each browser context carries the
owner cookie of one person, signed with the app's secret as the app signs it):
- person 0: 10,000 chats, each 10 turns (an 8-word prompt, a 120-word answer, a source file)
  in the search index, all marked indexed: a deployment in use;
- person 1: 10,000 chats of 10 real turns (the embedded agent's, thinking, tool calls and
  citations, copied into the embedded API's database), none indexed yet: the background indexer
  has all of them to do once person 1's list is first read;
- person 2: no chats (the control), and 997 other people with 3 chats each.

Figures:
1. **Keystroke → rows**, on the history page and in the sidebar: person 0 types a query (1-3
   corpus words, the last one cut as while typing) at 60 ms a key, so the 150 ms debounce sends
   it once; from the last key's ``keydown`` to the first search hit in the DOM (the page's own
   clock). Median / p95 / max of ``--queries`` queries each (target: p95 ≤ 300 ms).
2. **A streaming answer while 10,000 chats are indexed in the background**: ``make bench``'s
   own turn (benchmarks/stream_ui.py: 2,000 text deltas at 200/s, a bare httpx-sse reader of the
   same upstream beside it), run by person 2 with nothing to index, then by person 1 while the
   background indexer works through person 1's chats. For each: websocket bytes per answer
   character, last token / the bare reader's, first token added (``make bench``'s budgets); and
   the app's event-loop lag (``chat_ui_event_loop_lag_seconds``) p99 over the phase. The indexer's pace (chats per
   second) is read from the store while the turns run.

Raw numbers: ``test-artifacts/bench/search_page.json``; the app's log beside it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from benchmarks import stream_ui  # noqa: E402
from benchmarks.people import database, seed_local  # noqa: E402
from benchmarks.search import WORDS, sentence  # noqa: E402
from tests.support.app_server import run_app, run_local_api  # noqa: E402
from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

OUT_DIR = ROOT / "test-artifacts" / "bench"
SECRET = "bench-search-page-secret"
PEOPLE = 1_000
CHATS = 10_000
TURNS = 10
OTHERS_CHATS = 3
SEARCHER, INDEXED, CONTROL = 0, 1, 2  # the people: who searches, whose chats get indexed, who has none
KEY_DELAY_MS = 60
TARGET_MS = 300.0
STREAM_REPS = 3
SHOTS = False
HIT = "[data-testid=search-hit]"

# In every page before its scripts: the last key pressed in a search box, and when the first
# search hit appeared after it (the page's own clock).
PROBE = r"""
(() => {
  const S = window.__search = { key: null, rows: null, hits: 0 };
  document.addEventListener("keydown", () => { S.key = performance.now(); S.rows = null; }, true);
  const check = () => {
    if (S.key === null || S.rows !== null) return;
    const n = document.querySelectorAll("[data-testid=search-hit]").length;
    if (n > 0) { S.rows = performance.now(); S.hits = n; }
  };
  const start = () => new MutationObserver(check).observe(document.body, { subtree: true, childList: true });
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
"""


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def med(values) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


# ---------------------------------------------------------------------------- the data


def plan() -> list[tuple[int, list[str]]]:
    counts = {SEARCHER: CHATS, INDEXED: CHATS, CONTROL: 0}
    return [(p, [f"ses-p{p:04d}-{n:06d}" for n in range(counts.get(p, OTHERS_CHATS))]) for p in range(PEOPLE)]


def template_events(tmp: Path) -> list[str]:
    """A real chat of 10 turns from the embedded agent (unpaced), as its API stores it."""
    db = tmp / "template.sqlite3"
    prompts = ["What is the parental leave policy?", "How much did revenue grow in Q3?", "What is the travel policy?",
               "Who approves expenses?", "What about the parking allowance?"] * 2
    with run_local_api({"CHAT_UI_LOCAL_DB": str(db), "CHAT_UI_LOCAL_DELTA_INTERVAL_MS": "0"},
                       log_path=OUT_DIR / "search-page-template.log") as api, httpx.Client(base_url=api, timeout=120) as client:
        indexes = [i["id"] for i in client.get("/api/v1/indexes").json()["items"]]
        sid = client.post("/api/v1/chat", json={"index_ids": indexes}).json()["session_id"]
        for prompt in prompts[:TURNS]:
            with client.stream("POST", f"/api/v1/chat/{sid}/messages/stream", json={"prompt": prompt, "index_ids": indexes}) as reply:
                reply.raise_for_status()
                for _ in reply.iter_bytes():
                    pass
    conn = sqlite3.connect(str(db))
    try:
        return [row[0] for row in conn.execute("SELECT data FROM events WHERE session_id = ? ORDER BY seq", (sid,))]
    finally:
        conn.close()


def seed_events(db_path: Path, session_ids: list[str], events: list[str]) -> None:
    conn = sqlite3.connect(str(db_path))
    with conn:
        for i in range(0, len(session_ids), 500):
            conn.executemany("INSERT INTO events (session_id, seq, data) VALUES (?,?,?)",
                             [(sid, seq, data) for sid in session_ids[i:i + 500] for seq, data in enumerate(events)])
    conn.close()


def owner_key(person: int) -> str:
    return f"bench-owner-{person:04d}"


def owner_cookies(url: str, person: int) -> list[dict]:
    """The browser's owner cookie for ``person`` (signed as the app signs it: same secret)."""
    from chat_ui.access.cookies import OWNER_COOKIE, _owner_signer

    return [{"name": OWNER_COOKIE, "value": _owner_signer().sign(owner_key(person)).decode(), "url": url}]


def seed_store(url: str, owned: list[tuple[int, list[str]]]) -> None:
    """Ownership, search marks and person 0's index, through the store's own tables."""
    from chat_ui.store import engine
    from chat_ui.store.migrate import ensure_migrated
    from chat_ui.store.models import owned as owned_table, search_chats
    from chat_ui.store.search import TurnText, _put_turns

    ensure_migrated(url)
    now = time.time()
    rng = random.Random(7)
    owned_rows, indexed_rows = [], []
    for person, ids in owned:
        owner = owner_key(person)
        for n, sid in enumerate(ids):
            touched = now - 60 * 86400 + (n + 1) * 60 * 86400 / len(ids) - 1
            owned_rows.append({"session_id": sid, "owner": owner, "touched": touched, "created_at": touched})
            if person != INDEXED:
                indexed_rows.append({"owner": owner, "session_id": sid, "indexed_at": now - 60})
    with engine.writing(url) as conn:
        for table, rows in ((owned_table, owned_rows), (search_chats, indexed_rows)):
            for i in range(0, len(rows), 2000):
                conn.execute(table.insert(), rows[i:i + 2000])
    ids, owner = owned[SEARCHER][1], owner_key(SEARCHER)
    base = now - 60 * 86400
    for start in range(0, len(ids), 500):
        with engine.writing(url) as conn:
            for n in range(start, min(start + 500, len(ids))):
                when = base + (n + 1) * 60 * 86400 / len(ids) - 1
                _put_turns(conn, owner, ids[n], [
                    TurnText(i, when - (TURNS - i) * 60, sentence(rng, 8), sentence(rng, 120), (f"doc-{rng.randint(1, 500)}.pdf",))
                    for i in range(TURNS)])
    with engine.writing(url) as conn:
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()


def indexed_count(url: str, owner: str) -> int:
    from sqlalchemy import func, select

    from chat_ui.store import engine
    from chat_ui.store.models import search_chats

    with engine.reading(url) as conn:
        return int(conn.execute(select(func.count()).select_from(search_chats).where(search_chats.c.owner == owner)).scalar_one())


# ---------------------------------------------------------------------------- 1. keystroke -> rows


def queries(n: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = rng.sample(WORDS, rng.randint(1, 3))
        words[-1] = words[-1][: rng.randint(3, len(words[-1]))]  # the last word as it is being typed
        out.append(" ".join(words))
    return out


def keystrokes_to_rows(browser, url: str, where: str, asked: list[str]) -> list[dict]:
    context = browser.new_context(viewport={"width": 1280, "height": 860}, base_url=url)
    context.add_cookies(owner_cookies(url, SEARCHER))
    context.add_init_script(PROBE)
    page = context.new_page()
    out = []
    try:
        if where == "history":
            page.goto("/history")
            box = page.get_by_label("Filter sessions")
        else:
            page.goto("/chat")
            box = page.locator(".sidebar").get_by_label("Filter chats")
        expect(box).to_be_editable(timeout=120_000)
        page.wait_for_timeout(1000)  # the page's own loads first
        for q in asked:
            box.fill("")
            expect(page.locator(HIT)).to_have_count(0, timeout=30_000)
            page.wait_for_timeout(300)
            box.press_sequentially(q, delay=KEY_DELAY_MS)
            try:
                page.wait_for_function("() => window.__search.rows !== null", timeout=30_000, polling=50)
            except Exception:  # noqa: BLE001 - no hit for this query: noted, not timed
                out.append({"query": q, "ms": None, "hits": 0})
                continue
            got = page.evaluate("() => window.__search")
            page.wait_for_timeout(200)
            out.append({"query": q, "ms": got["rows"] - got["key"], "hits": page.locator(HIT).count()})
        if SHOTS:
            page.screenshot(path=str(OUT_DIR / f"search-page-{where}.png"))
        box.fill("")
    finally:
        context.close()
    return out


# ---------------------------------------------------------------------------- 2. streaming while indexing


def loop_lag(url: str) -> dict[float, float]:
    """The event-loop lag histogram's cumulative buckets (le -> count), from /metrics (loopback)."""
    from prometheus_client.parser import text_string_to_metric_families

    buckets: dict[float, float] = {}
    for family in text_string_to_metric_families(httpx.get(url + "/metrics", timeout=10).text):
        for sample in family.samples:
            if sample.name == "chat_ui_event_loop_lag_seconds_bucket":
                le = float(sample.labels["le"])
                buckets[le] = buckets.get(le, 0.0) + sample.value
    return buckets


def lag_p99_ms(before: dict[float, float], after: dict[float, float]) -> float | None:
    """The bucket bound under which 99 % of the phase's lag samples fell."""
    diff = sorted((le, after.get(le, 0.0) - before.get(le, 0.0)) for le in after)
    total = diff[-1][1] if diff else 0.0
    if total <= 0:
        return None
    for le, count in diff:
        if count >= 0.99 * total:
            return le * 1000
    return None


class Pace(threading.Thread):
    """Reads the indexer's progress from the store every second while the turns run."""

    def __init__(self, url: str, owner: str) -> None:
        super().__init__(daemon=True)
        self.url, self.owner, self.samples, self.stop = url, owner, [], threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            with contextlib.suppress(Exception):
                self.samples.append((time.monotonic(), indexed_count(self.url, self.owner)))
            self.stop.wait(1.0)

    def per_s(self) -> float | None:
        if len(self.samples) < 2:
            return None
        (t0, n0), (t1, n1) = self.samples[0], self.samples[-1]
        return (n1 - n0) / (t1 - t0) if t1 > t0 else None


def streaming_turns(browser, url: str, upstream: str, person: int, names: dict[str, str]) -> dict:
    others = [names[i] for i in names if i != stream_ui.INDEX_ID]
    lag_before = loop_lag(url)
    turns = []
    for rep in range(STREAM_REPS):
        bare = stream_ui.bare_turn(upstream)
        ui = stream_ui.ui_turn(browser, url, names[stream_ui.INDEX_ID], others, cookies=owner_cookies(url, person))
        turns.append({"bare": bare, "ui": ui})
        print(f"  person {person}, turn {rep + 1}/{STREAM_REPS}: {ui['status']}, last token {ui['last_token_ms']:.0f} ms vs bare "
              f"{bare['last_text_delta_ms']:.0f} ms, first text {ui['first_text_ms']:.0f} vs {bare['first_delta_ms']:.0f} ms", flush=True)
    lag = lag_p99_ms(lag_before, loop_lag(url))
    chars = [t["bare"]["answer_chars"] for t in turns]
    return {
        "turns": turns,
        "bytes_per_char": med(t["ui"]["ws_received_bytes"] / max(1, c) for t, c in zip(turns, chars)),
        "last_token_ratio": med(t["ui"]["last_token_ms"] / t["bare"]["last_text_delta_ms"] for t in turns
                                if t["ui"]["last_token_ms"] and t["bare"]["last_text_delta_ms"]),
        "first_token_added_ms": med(t["ui"]["first_text_ms"] - t["bare"]["first_delta_ms"] for t in turns
                                    if t["ui"]["first_text_ms"] is not None and t["bare"]["first_delta_ms"] is not None),
        "loop_lag_p99_ms": lag,
    }


# ---------------------------------------------------------------------------- one store


def measure_store(kind: str, n_queries: int, tmp: Path, events: list[str]) -> dict:
    owned = plan()
    with database(kind, tmp) as db_url:
        print(f"[{kind}] seeding {PEOPLE:,} people; {CHATS:,} chats × {TURNS} turns indexed for person {SEARCHER}, "
              f"{CHATS:,} to index for person {INDEXED}…", flush=True)
        t0 = time.perf_counter()
        local_db = tmp / f"local-{kind}.sqlite3"
        seed_local(local_db, owned)
        seed_events(local_db, owned[INDEXED][1], events)
        seed_store(db_url, owned)
        print(f"[{kind}] seeded in {time.perf_counter() - t0:.0f} s", flush=True)
        env = {"CHAT_UI_LOCAL_DB": str(local_db), "CHAT_UI_LOCAL_DELTA_INTERVAL_MS": str(stream_ui.DELTA_INTERVAL_MS),
               "CHAT_UI_LOCAL_ANSWER_DELTAS": "2000"}
        app_env = {"CHAT_UI_DATABASE_URL": db_url, "CHAT_UI_TURNS_PER_MINUTE": "0", "CHAT_UI_SECRET": SECRET,
                   "REFLEX_STATE_MANAGER_MODE": "memory"}
        with run_local_api(env, log_path=OUT_DIR / f"search-page-{kind}-upstream.log") as upstream, \
                run_app({**env, **app_env, "CHAT_UI_LOCAL_URL": upstream}, log_path=OUT_DIR / f"search-page-{kind}-app.log",
                        web_dir=".web-test-search-page", ready=("/ping",)) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                asked = queries(n_queries)
                keystrokes_to_rows(browser, url, "history", asked[:3])  # warm: the app's first page and socket
                typing = {}
                for where in ("history", "sidebar"):
                    typing[where] = keystrokes_to_rows(browser, url, where, asked)
                    times = [r["ms"] for r in typing[where] if r["ms"] is not None]
                    print(f"[{kind}] {where}: keystroke → rows median {med(times) or 0:.0f} ms, p95 {pct(times, 0.95) or 0:.0f} ms "
                          f"({len(times)}/{len(asked)} queries with hits)", flush=True)
                items = httpx.get(upstream + "/api/v1/indexes", timeout=30).json()["items"]
                names = {i["id"]: i.get("name") or i["id"] for i in items}
                stream_ui.bare_turn(upstream)  # warm the upstream
                print(f"[{kind}] streaming with nothing to index (person {CONTROL})…", flush=True)
                quiet = streaming_turns(browser, url, upstream, CONTROL, names)
                owner = owner_key(INDEXED)
                opener = browser.new_context(base_url=url)
                opener.add_cookies(owner_cookies(url, INDEXED))
                opener.new_page().goto("/chat")  # person 1's first list read starts the background indexer
                deadline = time.monotonic() + 60
                while indexed_count(db_url, owner) == 0 and time.monotonic() < deadline:
                    time.sleep(0.5)
                pace = Pace(db_url, owner)
                pace.start()
                print(f"[{kind}] streaming while {CHATS:,} chats are indexed in the background (person {INDEXED})…", flush=True)
                try:
                    busy = streaming_turns(browser, url, upstream, INDEXED, names)
                finally:
                    pace.stop.set()
                    pace.join()
                    opener.close()
                busy["indexed_per_s"] = pace.per_s()
                busy["indexed_during"] = (pace.samples[-1][1] - pace.samples[0][1]) if len(pace.samples) > 1 else None
            finally:
                browser.close()
    return {"store": kind, "typing": typing, "quiet": quiet, "indexing": busy, "load_average_after": os.getloadavg()}


# ---------------------------------------------------------------------------- report


def fmt(value, unit: str = "", digits: int = 0) -> str:
    return "-" if value is None else f"{value:,.{digits}f}{unit}"


def report(results: list[dict]) -> None:
    print(f"\nPerson 0: {CHATS:,} chats × {TURNS} turns indexed. Keystroke → first rows (typed at {KEY_DELAY_MS} ms a key; "
          f"the 150 ms debounce included), target p95 ≤ {TARGET_MS:.0f} ms:\n")
    print("| store | page | median | p95 | max | queries | result |")
    print("|---|---|---|---|---|---|---|")
    for run in results:
        for where, rows in run["typing"].items():
            times = [r["ms"] for r in rows if r["ms"] is not None]
            p95 = pct(times, 0.95)
            print(f"| {run['store']} | {where} | {fmt(med(times), ' ms')} | {fmt(p95, ' ms')} | {fmt(max(times) if times else None, ' ms')} "
                  f"| {len(times)}/{len(rows)} | {'met' if p95 is not None and p95 <= TARGET_MS else 'NOT met'} |")
    print(f"\nA streaming answer (make bench's turn, 2,000 deltas), median of {STREAM_REPS}; with nothing to index, and while "
          f"person 1's {CHATS:,} chats are indexed in the background:\n")
    print("| store | phase | B/char (≤ 5) | last token ratio (≤ 1.05) | first token added (≤ 150 ms) | event-loop lag p99 | indexed |")
    print("|---|---|---|---|---|---|---|")
    for run in results:
        for phase, label in (("quiet", "nothing to index"), ("indexing", "background indexing")):
            f = run[phase]
            pace = f"{fmt(f.get('indexed_per_s'), ' chats/s', 1)} ({fmt(f.get('indexed_during'))} chats)" if phase == "indexing" else "-"
            print(f"| {run['store']} | {label} | {fmt(f['bytes_per_char'], '', 2)} | {fmt(f['last_token_ratio'], '', 3)} "
                  f"| {fmt(f['first_token_added_ms'], ' ms')} | ≤ {fmt(f['loop_lag_p99_ms'], ' ms')} | {pace} |")
    print("load average after each store: " + ", ".join(f"{r['store']} {r['load_average_after'][0]:.1f}" for r in results)
          + f" ({os.cpu_count()} cores)")


def main() -> int:
    global CHATS, SHOTS
    os.environ["CHAT_UI_SECRET"] = SECRET  # this process signs the browsers' owner cookies as the app does
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stores", default="sqlite", help="sqlite, postgres, or both (comma-separated)")
    parser.add_argument("--queries", type=int, default=40, help="queries typed on each page")
    parser.add_argument("--chats", type=int, default=CHATS, help="each of the two people's chats (a shorter run)")
    parser.add_argument("--shots", action="store_true", help="a screenshot of each page's last query")
    args = parser.parse_args()
    CHATS, SHOTS = args.chats, args.shots
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-search-page-") as tmp_name:
        tmp = Path(tmp_name)
        try:
            events = template_events(tmp)
            for kind in [s.strip() for s in args.stores.split(",") if s.strip()]:
                results.append(measure_store(kind, args.queries, tmp, events))
        except Exception:  # the benchmark could not run: say why
            traceback.print_exc()
            if not results:
                return 2
    report(results)
    out = OUT_DIR / "search_page.json"
    out.write_text(json.dumps({"chats": CHATS, "turns": TURNS, "target_ms": TARGET_MS, "results": results}, indent=2))
    print(f"\nraw numbers: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
