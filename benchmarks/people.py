"""Many people, one with a long list: the sidebar's first page and the history page's first rows,
measured in a real browser, with the durable store on SQLite and on PostgreSQL.

Seeds, before the app starts:
- the durable store (``chat_ui/store``): 1,000 accounts (issuer ``header``, as the trusted-proxy
  mode signs people in), the one person owning 10,000 chats and every other person 3; every chat
  marked indexed for search (a deployment in use: the background indexer has nothing left to do);
- the embedded API's own database (``chat_ui/local``, run as its own process, as a remote API
  would be): the sessions themselves, spread over the last 60 days.

Runs the real app (``reflex run --env prod``) with ``CHAT_UI_AUTH=header`` behind Debian's nginx
(the site file of docs/deploy.md), which stands in for the authenticating proxy: it sets
``X-Auth-Request-Email`` from a cookie each browser context carries, on the page's requests and
its websocket alike (Chromium does not add a context's extra headers to a websocket handshake). Each load is a new browser context (a new socket, a new tab state); an init script notes when
the page's websocket opens. Figures, from the socket up:
- ``/chat``: the first row of the sidebar's list;
- ``/history``: the first history rows;
median and p95 of ``--loads`` loads each, the first load of each page (the person's first sign-in,
after a third person warmed the app up) apart; and, per load, the app's own time reading the list (its
``chat_ui_list_load_seconds`` metric: the person's rows, their summaries, names and pins, until
they are in the tab's state), the part that could grow with the data. A control person with one
page of chats (20) is loaded in turn with the one with 10,000: same machine, same moment. On SQLite (a file, as ``make run`` keeps it) and on PostgreSQL (Debian's
``postgresql``, started here on a free port as the tests start it). Also, in this process, the
store's own list queries on the seeded data (the owner's page, names, pins, the indexer's check).

Prints figures; never fails on them (a non-zero exit only when the benchmark itself could not
run). Raw numbers: ``test-artifacts/bench/people.json``.

    make bench-people                          # or: .venv/bin/python benchmarks/people.py
    .venv/bin/python benchmarks/people.py --stores sqlite --loads 5     # a shorter run
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
import traceback
import uuid
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.support.app_server import run_app, run_local_api  # noqa: E402
from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.support.nginx import run_nginx  # noqa: E402
from tests.support.servers import free_port  # noqa: E402

OUT_DIR = ROOT / "test-artifacts" / "bench"
INDEX = "idx-handbook"
PEOPLE = 1_000
CHATS = 10_000  # the one person's
OTHERS_CHATS = 3  # every other person's
CONTROL_CHATS = 20  # person 1's: one page of the list, the same page to show with none behind it
PERSON = "person0000@example.com"
CONTROL = "person0001@example.com"
HEADER = "X-Auth-Request-Email"
PERSON_COOKIE = "bench_person"  # nginx passes it on as HEADER, as oauth2-proxy passes on its session's person
TARGET_MS = 300.0

# Installed in every page before its scripts: when the page's data socket opens, and when each
# watched selector first matches, on the page's own clock.
PROBE = r"""
(() => {
  const P = window.__bench = { connected: null, seen: {}, watch: [] };
  const WS = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new WS(...args);
    ws.addEventListener("open", () => { if (P.connected === null) { P.connected = performance.now(); P.connected_epoch = Date.now(); } });
    return ws;
  };
  window.WebSocket.prototype = WS.prototype;
  Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  const check = () => {
    const now = performance.now();
    for (const [name, selector] of P.watch) {
      if (P.seen[name] === undefined && document.querySelector(selector)) P.seen[name] = now;
    }
  };
  const start = () => new MutationObserver(check).observe(document.body, { subtree: true, childList: true });
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
"""

PAGES = {
    "chat": ("/chat", ".session-list a.session-link"),
    "history": ("/history", "[data-testid=history-row]"),
}


# ---------------------------------------------------------------------------- the data


def person_email(n: int) -> str:
    return f"person{n:04d}@example.com"


def session_id(person: int, n: int) -> str:
    return f"ses-p{person:04d}-{n:06d}"


def plan(people: int, chats: int, others: int, control: int = CONTROL_CHATS) -> list[tuple[int, list[str]]]:
    """(person, their session ids): person 0 has ``chats``, person 1 ``control``, the others
    ``others`` each."""
    counts = {0: chats, 1: control}
    return [(p, [session_id(p, n) for n in range(counts.get(p, others))]) for p in range(people)]


def seed_local(db_path: Path, owned: list[tuple[int, list[str]]]) -> None:
    """Every session, written straight into the embedded API's database in one transaction,
    spread over the last 60 days (the newest last in each person's list of ids)."""
    import sqlite3
    from datetime import datetime, timedelta, timezone

    from chat_ui.local.store import Store

    Store(db_path).close()  # the schema
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = []
    for person, ids in owned:
        for n, sid in enumerate(ids):
            when = (now - timedelta(days=60) + timedelta(seconds=(n + 1) * 60 * 86400 / len(ids) - 1))
            iso = when.isoformat(timespec="microseconds")
            rows.append((sid, json.dumps([INDEX]), f"Chat {n} of person {person}: quarterly planning notes",
                         "read_only", iso, iso))
    db = sqlite3.connect(str(db_path))
    with db:
        db.executemany("INSERT INTO sessions (id, index_ids, generated_title, shared_access, created_at, last_updated_at)"
                       " VALUES (?,?,?,?,?,?)", rows)
    db.close()


def seed_store(url: str, owned: list[tuple[int, list[str]]]) -> dict[str, float]:
    """Accounts, ownership and search marks, through the store's own tables, in a few
    transactions; the person's account id is the one their header sign-in will find."""
    from chat_ui.store import engine
    from chat_ui.store.migrate import ensure_migrated
    from chat_ui.store.models import accounts, owned as owned_table, search_chats

    t0 = time.perf_counter()
    ensure_migrated(url)
    migrated_s = time.perf_counter() - t0
    now = time.time()
    account_rows, owned_rows, indexed_rows = [], [], []
    for person, ids in owned:
        account = uuid.uuid4().hex
        email = person_email(person)
        account_rows.append({"id": account, "issuer": "header", "subject": email, "email": email, "name": email,
                             "groups": "[]", "is_admin": False, "created_at": now - 86400 * 90,
                             "last_seen_at": now - 3600})
        owner = f"acct:{account}"
        for n, sid in enumerate(ids):
            touched = now - 60 * 86400 + (n + 1) * 60 * 86400 / len(ids) - 1
            owned_rows.append({"session_id": sid, "owner": owner, "touched": touched, "created_at": touched})
            indexed_rows.append({"owner": owner, "session_id": sid, "indexed_at": now - 60})
    t1 = time.perf_counter()
    with engine.writing(url) as conn:
        conn.execute(accounts.insert(), account_rows)
        for rows in (owned_rows, indexed_rows):
            for i in range(0, len(rows), 2000):
                conn.execute((owned_table if rows is owned_rows else search_chats).insert(), rows[i:i + 2000])
    seeded_s = time.perf_counter() - t1
    with engine.writing(url) as conn:  # statistics for the planner, as a database in use has them
        conn.exec_driver_sql("ANALYZE")
    return {"migrate_s": migrated_s, "seed_s": seeded_s, "accounts": len(account_rows), "owned": len(owned_rows)}


def store_queries(url: str, owner_email: str, repeat: int = 20) -> dict[str, dict[str, float]]:
    """The store's share of a list load, on the seeded data, in this process: what the first
    page asks (the owner's page, names of its rows, pins) and the indexer's check at a first read."""
    from sqlalchemy import select

    from chat_ui.store import engine, names, owners, search
    from chat_ui.store.models import accounts

    with engine.reading(url) as conn:
        account = conn.execute(select(accounts.c.id).where(accounts.c.issuer == "header",
                                                           accounts.c.subject == owner_email)).scalar_one()
    owner = f"acct:{account}"
    saved = os.environ.get("CHAT_UI_DATABASE_URL")
    os.environ["CHAT_UI_DATABASE_URL"] = url
    try:
        rows, _ = owners._page(owner, 20, None)
        ids = [r[0] for r in rows]
        calls = {
            "owners.page (20)": lambda: owners._page(owner, 20, None),
            "names.of (20)": lambda: names._of(owner, ids),
            "names.pinned": lambda: names._pinned(owner),
            "search.unindexed": lambda: search._unindexed(owner, 20),
            "owners.owns": lambda: owners._owns(owner, ids[0]),
        }
        out = {}
        for name, call in calls.items():
            call()  # warm
            runs = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                call()
                runs.append((time.perf_counter() - t0) * 1000)
            out[name] = {"median_ms": statistics.median(runs), "max_ms": max(runs)}
        return out
    finally:
        engine.dispose()
        if saved is None:
            os.environ.pop("CHAT_UI_DATABASE_URL", None)
        else:
            os.environ["CHAT_UI_DATABASE_URL"] = saved


@contextlib.contextmanager
def database(kind: str, tmp: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield "sqlite:///" + str(tmp / "chat_ui.sqlite3")
        return
    from tests.support.postgres import new_database, run_postgres

    with run_postgres() as server:
        yield new_database(server)


# ---------------------------------------------------------------------------- in the browser


def list_loads(url: str) -> tuple[float, float]:
    """The app's own count and total seconds of list loads (``chat_ui_list_load_seconds``, from
    loopback: no token needed)."""
    import httpx
    from prometheus_client.parser import text_string_to_metric_families

    count = total = 0.0
    for family in text_string_to_metric_families(httpx.get(url + "/metrics", timeout=10).text):
        for sample in family.samples:
            if sample.name == "chat_ui_list_load_seconds_count":
                count = sample.value
            elif sample.name == "chat_ui_list_load_seconds_sum":
                total = sample.value
    return count, total


def load(browser, url: str, proxy: str, page_name: str, person: str = PERSON, timeout_ms: float = 60_000) -> dict:
    """One load of ``page_name`` through the proxy; ``url``: the app itself, for its metrics."""
    path, selector = PAGES[page_name]
    before = list_loads(url)
    context = browser.new_context(viewport={"width": 1280, "height": 860}, base_url=proxy)
    context.add_cookies([{"name": PERSON_COOKIE, "value": person, "url": proxy}])
    context.add_init_script(PROBE)
    context.add_init_script(f"window.__bench.watch.push({json.dumps(['rows', selector])});")
    page = context.new_page()
    try:
        t0 = time.perf_counter()
        page.goto(path)
        page.wait_for_function("() => window.__bench.seen.rows !== undefined", timeout=timeout_ms)
        got = page.evaluate("() => ({ connected: window.__bench.connected, epoch: window.__bench.connected_epoch, rows: window.__bench.seen.rows,"
                            " count: document.querySelectorAll(" + json.dumps(selector) + ").length })")
        wall_ms = (time.perf_counter() - t0) * 1000
        page.wait_for_timeout(300)  # what the load started has landed before the context goes
        connected = got["connected"]
        after = list_loads(url)
        server_ms = (after[1] - before[1]) * 1000 / (after[0] - before[0]) if after[0] > before[0] else None
        return {"server_list_ms": server_ms, "page": page_name, "after_socket_ms": got["rows"] - connected if connected is not None else None,
                "from_navigation_ms": got["rows"], "socket_ms": connected, "rows": got["count"], "wall_ms": wall_ms, "socket_epoch": got["epoch"]}
    finally:
        context.close()


def measure_store(kind: str, loads: int, app_root: Path) -> dict:
    owned = plan(PEOPLE, CHATS, OTHERS_CHATS)
    with tempfile.TemporaryDirectory(prefix=f"bench-people-{kind}-") as tmp_name:
        tmp = Path(tmp_name)
        with database(kind, tmp) as db_url:
            print(f"[{kind}] seeding {PEOPLE:,} people, {sum(len(i) for _, i in owned):,} chats…", flush=True)
            local_db = tmp / "local.sqlite3"
            seed_local(local_db, owned)
            seeded = seed_store(db_url, owned)
            queries = store_queries(db_url, PERSON)
            print(f"[{kind}] store queries: " + ", ".join(f"{k} {v['median_ms']:.2f} ms" for k, v in queries.items()),
                  flush=True)
            env = {"CHAT_UI_LOCAL_DB": str(local_db)}
            proxy_port = free_port()
            app_env = {"CHAT_UI_AUTH": "header", "CHAT_UI_DATABASE_URL": db_url, "CHAT_UI_TURNS_PER_MINUTE": "0",
                       "CHAT_UI_SECRET": "bench-people-secret", "REFLEX_STATE_MANAGER_MODE": "memory",
                       "REFLEX_API_URL": f"http://127.0.0.1:{proxy_port}"}  # the page's socket goes through the proxy too
            print(f"[{kind}] starting the upstream and the app…", flush=True)
            with run_local_api(env, log_path=OUT_DIR / f"people-{kind}-upstream.log") as api, \
                    run_app({**env, **app_env, "CHAT_UI_LOCAL_URL": api}, log_path=OUT_DIR / f"people-{kind}-app.log",
                            root=app_root, web_dir=".web-test-people", ready=("/ping",)) as url, \
                    run_nginx(int(url.rsplit(":", 1)[1]), port=proxy_port,
                              extra=f"proxy_set_header {HEADER} $cookie_{PERSON_COOKIE};") as proxy, \
                    sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    # The person with 10,000 chats and, interleaved (the same machine at the same
                    # moment), the control person with one page of them.
                    runs: dict[str, list[dict]] = {"chat": [], "history": [], "chat_control": [], "history_control": []}
                    for name in ("chat", "history"):  # the app's own first page and socket: not a person's figure
                        load(browser, url, proxy, name, person_email(2))
                    for i in range(loads + 1):  # the first of each page is reported apart
                        for name in ("chat", "history"):
                            runs[name].append(load(browser, url, proxy, name))
                            runs[name + "_control"].append(load(browser, url, proxy, name, CONTROL))
                        print(f"[{kind}] load {i}: " + ", ".join(
                            f"{n} {runs[n][-1]['after_socket_ms']:.0f} ms" for n in runs)
                            + f"  (load average {os.getloadavg()[0]:.1f})", flush=True)
                finally:
                    browser.close()
    return {"store": kind, "seed": seeded, "queries": queries, "runs": runs, "load_average_after": os.getloadavg()}


# ---------------------------------------------------------------------------- report


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def summary(run: dict) -> dict:
    out = {}
    for name, rows in run["runs"].items():
        first, rest = rows[0], [r["after_socket_ms"] for r in rows[1:] if r["after_socket_ms"] is not None]
        out[name] = {"first_ms": first["after_socket_ms"], "median_ms": statistics.median(rest) if rest else None,
                     "p95_ms": pct(rest, 0.95) if rest else None, "max_ms": max(rest) if rest else None,
                     "nav_median_ms": statistics.median(r["from_navigation_ms"] for r in rows[1:]) if rows[1:] else None,
                     "server_median_ms": statistics.median(server) if (server := [
                         r["server_list_ms"] for r in rows[1:] if r.get("server_list_ms") is not None]) else None,
                     "rows": rows[-1]["rows"], "loads": len(rest)}
    return out


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def report(results: list[dict]) -> None:
    print(f"\n{PEOPLE:,} people; person 0 with {CHATS:,} chats, person 1 (the control) with {CONTROL_CHATS}, the others "
          f"{OTHERS_CHATS} each; signed in by the proxy header. Times from the page's websocket open; target <= "
          f"{TARGET_MS:.0f} ms.\n")
    print("| store | page | who | first rows after the socket: median / p95 / max | first load | from navigation (median) "
          "| the list's read in the app (median) | rows | result |")
    print("|---|---|---|---|---|---|---|---|---|")
    labels = {"chat": "/chat: first sidebar row", "history": "/history: first rows"}
    for run in results:
        s = run["summary"]
        for name in ("chat", "history"):
            for who, key in ((f"{CHATS:,} chats", name), (f"{CONTROL_CHATS} chats", name + "_control")):
                f = s[key]
                if f["median_ms"] is None:
                    continue
                ok = f["p95_ms"] <= TARGET_MS
                print(f"| {run['store']} | {labels[name]} | {who} | {f['median_ms']:.0f} / {f['p95_ms']:.0f} / "
                      f"{f['max_ms']:.0f} ms ({f['loads']} loads) | {f['first_ms']:.0f} ms | {f['nav_median_ms']:.0f} ms "
                      f"| {fmt(f['server_median_ms'])} ms | {f['rows']} | {'met' if ok else 'NOT met'} |")
    print("\nThe store's queries of a list load, on the seeded data (in this process, median of 20):")
    for run in results:
        print(f"  {run['store']}: " + ", ".join(f"{k} {v['median_ms']:.2f} ms" for k, v in run["queries"].items()))
    print("load average after each store's loads: " + ", ".join(
        f"{r['store']} {r['load_average_after'][0]:.1f}" for r in results) + f" ({os.cpu_count()} cores)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stores", default="sqlite,postgres", help="sqlite, postgres, or both (comma-separated)")
    parser.add_argument("--loads", type=int, default=10, help="loads of each page measured (after a first one)")
    parser.add_argument("--app-root", type=Path, default=ROOT, help="the checkout whose app to measure")
    args = parser.parse_args()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for kind in [s.strip() for s in args.stores.split(",") if s.strip()]:
            run = measure_store(kind, args.loads, args.app_root.resolve())
            run["summary"] = summary(run)
            results.append(run)
    except Exception:  # the benchmark could not run: say why
        traceback.print_exc()
        if not results:
            return 2
    report(results)
    out = OUT_DIR / "people.json"
    out.write_text(json.dumps({"people": PEOPLE, "chats": CHATS, "target_ms": TARGET_MS, "results": results}, indent=2))
    print(f"\nraw numbers: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
