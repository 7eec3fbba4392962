"""N tabs streaming at once: what each streamed piece of text costs in delay, on one worker and
on two workers sharing Redis.

The app (``reflex run --env prod``; ``python -m chat_ui.cluster`` for several workers) talks to
a paced upstream in its own process (``paced_upstream.py``: every turn 200 text deltas at 20
per second, each stamped with its emission time). N simulated tabs (``simtab.py``: the app's
own websocket protocol, with an owner cookie each, as N browsers) connect, wait until they are
ready, and send one prompt each at the same moment. Per setup and N it prints:

- turns completed out of N, and how the others ended (refused, error, lost);
- added latency per delta: arrival in the tab minus emission upstream, p50 / p99 / max
  (it includes the app's batching, up to one flush interval);
- send -> upstream stream start, p50 / p99 (the prompt leaves the tab until the upstream began
  the stream: the app's send path, session creation, the HTTP pool);
- deltas lost and duplicated: in the text the page held while it streamed and in the answer
  the turn committed at its end;
- app RSS per tab (after the turns, tabs still open, minus before the tabs came) and CPU
  seconds of the app, the upstream and this client over the round.

It prints figures and never fails on them; the exit status is non-zero only if the benchmark
itself could not run. Raw numbers go to ``test-artifacts/bench/load.json`` (``load-postgres.json``
with ``--store postgres``). The durable store is a SQLite file in the run's own directory, or a
fresh database on a PostgreSQL server started for the run (``--store postgres``).

    make bench-load                                # one worker N=50,100,200; two workers N=200,400
    .venv/bin/python benchmarks/load.py --setups one --n 20     # a short run while developing
    .venv/bin/python benchmarks/load.py --setups one --n 200 --store postgres   # the store on PostgreSQL
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import subprocess
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

from benchmarks.procstats import Usage, children, load_average, machine_busy_s, self_cpu_s, usage  # noqa: E402
from benchmarks.simtab import SimTab, Turn  # noqa: E402
from tests.support.app_server import _serving, app_process, cluster_process  # noqa: E402
from tests.support.redis_server import run_redis  # noqa: E402
from tests.support.servers import free_port  # noqa: E402

OUT_DIR = ROOT / "test-artifacts" / "bench"
DELTAS, RATE = 200, 20.0
TARGETS = {"added_p50_ms": 50, "added_p99_ms": 250, "start_p99_s": 1.0}
STEADY_FROM = 40  # pieces from 2 s into a turn: past the burst of N sends, page loads and new chats
CONNECT_CONCURRENCY = 25  # tabs opening at once (a page load each: HTTP, websocket, hydrate)


# ---------------------------------------------------------------------------- processes


@contextlib.contextmanager
def upstream(env: dict[str, str]):
    """The paced upstream, one Granian worker, as its own process."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "granian", "--interface", "asgi", "--host", "127.0.0.1", "--port", str(port),
           "--workers", "1", "--log-level", "warning", "--backpressure", "4096", "benchmarks.paced_upstream:app"]
    with _serving(cmd, {**os.environ, **env, "PYTHONPATH": str(ROOT)}, ready=[url + "/api/v1/indexes"],
                  log_path=OUT_DIR / "load-upstream.log", timeout=30) as proc:
        yield url, proc


def app_env(upstream_url: str, data: Path, extra: dict[str, str], database_url: str = "") -> dict[str, str]:
    """``database_url``: the durable store (owners of the new chats, the secret); "" for a SQLite
    file in ``data``, as ``make run`` keeps one under ``data/``."""
    return {
        "LLAMA_CLOUD_API_KEY": "load-bench",
        "LLAMA_CLOUD_BASE_URL": upstream_url,
        "CHAT_UI_SECRET": "load-bench-secret",
        "CHAT_UI_ACCESS_DB": str(data / "access.sqlite3"),
        "CHAT_UI_DATABASE_URL": database_url or "sqlite:///" + str(data / "chat_ui.sqlite3"),
        **extra,
    }


@contextlib.contextmanager
def store(kind: str):
    """The durable store's URL: "" (a SQLite file beside the run's data) or a fresh database on
    a PostgreSQL server started here (Debian's ``postgresql``, as the tests start it)."""
    if kind == "sqlite":
        yield ""
        return
    if kind != "postgres":
        raise ValueError(f"--store: sqlite or postgres, not {kind!r}")
    from tests.support.postgres import new_database, run_postgres

    with run_postgres() as server:
        yield new_database(server)


@contextlib.contextmanager
def app(setup: str, env: dict[str, str]):
    if setup == "one":  # as `make run` serves one worker: tab state in memory
        with app_process({"REFLEX_STATE_MANAGER_MODE": "memory", **env}, log_path=OUT_DIR / "load-app-one.log", web_dir=".web-test-bench") as (url, proc):
            yield url, proc
        return
    workers = int(setup.removeprefix("cluster"))
    with run_redis() as redis_url, cluster_process({**env, "REFLEX_REDIS_URL": redis_url}, workers=workers,
                                                   log_path=OUT_DIR / f"load-app-{setup}.log", web_dir=".web-test-bench") as (url, proc):
        REDIS["url"] = redis_url
        try:
            yield url, proc
        finally:
            REDIS.clear()


REDIS: dict[str, str] = {}  # the cluster's Redis, while one runs


def redis_pid() -> int | None:
    """The redis-server this process started (a child of it)."""
    for pid in children(os.getpid()):
        try:
            if Path(f"/proc/{pid}/comm").read_text().strip() == "redis-server":
                return pid
        except OSError:
            continue
    return None


async def redis_commands() -> dict[str, Any]:
    """What Redis spent its time on: the top commands by microseconds (INFO commandstats)."""
    import redis.asyncio as aioredis

    client = aioredis.Redis.from_url(REDIS["url"])
    try:
        stats = await client.info("commandstats")
        await client.config_resetstat()
    finally:
        await client.aclose()
    top = sorted(stats.items(), key=lambda kv: -kv[1].get("usec", 0))[:8]
    return {name.removeprefix("cmdstat_"): {"calls": v.get("calls"), "usec": v.get("usec")} for name, v in top}


# ---------------------------------------------------------------------------- one round


async def open_tabs(url: str, n: int) -> list[SimTab]:
    tabs = [SimTab(url, name=str(i)) for i in range(n)]
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)
    async with httpx.AsyncClient(timeout=30) as http:

        async def one(tab: SimTab) -> None:
            async with gate:
                await tab.get_cookie(http)
                await tab.connect()
                await tab.ready()

        await asyncio.gather(*(one(t) for t in tabs))
    return tabs


async def round_(url: str, n: int, pids: dict[str, int]) -> dict[str, Any]:
    if REDIS and (pid := redis_pid()) is not None:
        pids = {**pids, "redis": pid}
        await redis_commands()  # counts from here
    before = {name: usage(pid) for name, pid in pids.items()}
    t_open = time.monotonic()
    tabs = await open_tabs(url, n)
    open_s = time.monotonic() - t_open
    await asyncio.sleep(1.0)  # let the page loads' own events settle
    start = {name: usage(pid) for name, pid in pids.items()}
    client0, busy0 = self_cpu_s(), machine_busy_s()
    t0 = time.monotonic()
    await asyncio.gather(*(t.send(f"Load turn from tab {t.name}") for t in tabs))
    timeout = DELTAS / RATE * 3 + 60
    turns: list[Turn] = await asyncio.gather(*(t.finish(timeout) for t in tabs))
    wall = time.monotonic() - t0
    end = {name: usage(pid) for name, pid in pids.items()}
    client_cpu = self_cpu_s() - client0
    others = machine_busy_s() - busy0 - client_cpu - sum(end[k].cpu_s - start[k].cpu_s for k in end)
    errors = [e for t in tabs for e in t.errors]
    for tab in tabs:
        await tab.close()
    r = summarize(n, turns, before, start, end, client_cpu, wall, open_s, errors)
    r["cpu_s"]["others"] = max(0.0, others)  # other processes on the same cores meanwhile
    r["load_average"] = load_average()
    if REDIS:
        r["redis_commands"] = await redis_commands()
    return r


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def text_faults(turn: Turn, text: str) -> tuple[int, int]:
    """(lost, duplicated) stamped pieces in ``text``."""
    stamps = turn.stamps(text)
    counts = Counter(stamps)
    lost = sum(1 for i in range(DELTAS) if i not in counts)
    dup = sum(c - 1 for c in counts.values() if c > 1)
    return lost, dup


def summarize(n: int, turns: list[Turn], before: dict[str, Usage], start: dict[str, Usage], end: dict[str, Usage],
              client_cpu: float, wall: float, open_s: float, errors: list[str]) -> dict[str, Any]:
    latencies = [x for t in turns for x in t.latencies]
    steady = [x for t in turns for i, x in t.late_by_index.items() if i >= STEADY_FROM]
    starts = [t.stream_start - t.t_send for t in turns if t.stream_start is not None]
    statuses = Counter(t.status for t in turns)
    end_only = live_dup = done_lost = done_dup = 0
    for t in turns:
        if t.status != "done":
            continue
        missing, dup = text_faults(t, t.live_text)
        end_only, live_dup = end_only + missing, live_dup + dup
        lost, dup = text_faults(t, t.committed)
        done_lost, done_dup = done_lost + lost, done_dup + dup
    app_before, app_end = before["app"], end["app"]
    return {
        "n": n,
        "completed": statuses.get("done", 0),
        "statuses": dict(statuses),
        "refusals": sorted({t.error for t in turns if t.status == "refused"})[:3],
        "errors_shown": sorted({t.error for t in turns if t.status in ("error", "interrupted")})[:3],
        "added_ms": {"p50": ms(pct(latencies, 0.5)), "p99": ms(pct(latencies, 0.99)), "max": ms(max(latencies, default=None)),
                     "count": len(latencies)},
        "added_ms_steady": {"p50": ms(pct(steady, 0.5)), "p99": ms(pct(steady, 0.99)), "max": ms(max(steady, default=None))},
        "start_s": {"p50": pct(starts, 0.5), "p99": pct(starts, 0.99), "max": max(starts, default=None)},
        "first_text_s_p50": pct([t.t_first_text - t.t_send for t in turns if t.t_first_text], 0.5),
        "lost": done_lost,  # not in the answer the turn committed
        "dup": live_dup + done_dup,  # twice in the text shown while streaming, or in the answer
        "end_only": end_only,  # never streamed, shown only with the end (the last batch)
        "rss_mb": {"before": app_before.rss_bytes / 2**20, "after": app_end.rss_bytes / 2**20},
        "rss_kb_per_tab": (app_end.rss_bytes - app_before.rss_bytes) / 1024 / n,
        "cpu_s": {name: end[name].cpu_s - start[name].cpu_s for name in end} | {"client": client_cpu},
        "wall_s": wall,
        "open_s": open_s,
        "socket_errors": errors[:5],
        "socket_error_count": len(errors),
    }


def ms(seconds: float | None) -> float | None:
    return None if seconds is None else seconds * 1000


# ---------------------------------------------------------------------------- report


def fmt(value: Any, spec: str = ".0f") -> str:
    return "-" if value is None else format(value, spec)


def line(setup: str, r: dict[str, Any]) -> str:
    a, s, c, st = r["added_ms"], r["start_s"], r["cpu_s"], r["added_ms_steady"]
    faults = f"{r['lost']} / {r['dup']}"
    return (f"| {setup} | {r['n']} | {r['completed']}/{r['n']} | {fmt(a['p50'])} / {fmt(a['p99'])} / {fmt(a['max'])} ms "
            f"| {fmt(st['p99'])} ms "
            f"| {fmt(s['p50'], '.2f')} / {fmt(s['p99'], '.2f')} s | {faults} | {fmt(r['rss_kb_per_tab'])} KB "
            f"| {fmt(c['app'], '.1f')} / {fmt(c['upstream'], '.1f')} / {fmt(c['client'], '.1f')} s"
            + (f" + Redis {c['redis']:.1f} s" if "redis" in c else "") + f" in {fmt(r['wall_s'], '.0f')} s "
            f"| {fmt(c.get('others'), '.1f')} s |")


HEADER = ("| setup | N | completed | added latency p50 / p99 / max | p99 from 2 s in | send → stream start p50 / p99 "
          "| lost / duplicated deltas | RSS per tab | CPU app / upstream / client | CPU of other processes |"
          "\n|---|---|---|---|---|---|---|---|---|---|")


def verdict(r: dict[str, Any]) -> str:
    a, s = r["added_ms"], r["start_s"]
    ok = (r["completed"] == r["n"] and not r["lost"] and not r["dup"] and (a["p50"] or 1e9) <= TARGETS["added_p50_ms"]
          and (a["p99"] or 1e9) <= TARGETS["added_p99_ms"] and (s["p99"] or 1e9) <= TARGETS["start_p99_s"])
    return "within the targets" if ok else "OUTSIDE the targets"


# ---------------------------------------------------------------------------- main


async def run_setup(setup: str, ns: list[int], env: dict[str, str], upstream_pid: int, results: dict) -> None:
    with app(setup, env) as (url, proc):
        pids = {"app": proc.pid, "upstream": upstream_pid}
        await open_tabs(url, 2)  # warm the page and the first events
        for n in ns:
            print(f"{setup}: N={n} ...", flush=True)
            try:
                r = await round_(url, n, pids)
            except Exception as exc:  # noqa: BLE001 - a round that could not run is reported, the rest go on
                traceback.print_exc()
                r = {"n": n, "failed": f"{type(exc).__name__}: {exc}"}
            results.setdefault(setup, []).append(r)
            if "failed" not in r:
                if n == ns[0]:
                    print(HEADER)
                print(line(setup, r) + f"  {verdict(r)}", flush=True)
                if r["socket_error_count"] or r["refusals"] or r["errors_shown"]:
                    print(f"   socket errors: {r['socket_error_count']} {r['socket_errors'][:2]}; refusals: {r['refusals']};"
                          f" errors shown: {r['errors_shown']}", flush=True)
            await asyncio.sleep(3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--setups", default="one,cluster2", help="one (one worker), clusterK (K workers on Redis)")
    parser.add_argument("--n", default="50,100,200", help="tabs per round, one worker")
    parser.add_argument("--cluster-n", default="200,400", help="tabs per round, a cluster")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the app (repeatable)")
    parser.add_argument("--store", default="sqlite", choices=("sqlite", "postgres"),
                        help="the durable store: a SQLite file (default) or PostgreSQL")
    args = parser.parse_args()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    extra = dict(kv.split("=", 1) for kv in args.env)
    results: dict[str, Any] = {"deltas": DELTAS, "rate": RATE, "env": extra, "cpus": os.cpu_count(), "store": args.store}
    print(f"durable store: {args.store}", flush=True)
    try:
        with tempfile.TemporaryDirectory(prefix="chat-ui-load-") as data, store(args.store) as database_url, \
                upstream({"PACED_DELTAS": str(DELTAS), "PACED_RATE": str(RATE)}) as (up_url, up_proc):
            env = app_env(up_url, Path(data), extra, database_url)
            for setup in args.setups.split(","):
                ns = [int(x) for x in (args.n if setup == "one" else args.cluster_n).split(",") if x]
                asyncio.run(run_setup(setup, ns, env, up_proc.pid, results))
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        traceback.print_exc()
        print(f"load benchmark could not run: {exc}", file=sys.stderr)
        return 2
    finally:
        (OUT_DIR / ("load.json" if args.store == "sqlite" else f"load-{args.store}.json")).write_text(
            json.dumps(results, indent=2, default=str))
    print(f"\nEach turn: {DELTAS} text deltas at {RATE:.0f}/s from the paced upstream; targets: added latency p50 "
          f"≤ {TARGETS['added_p50_ms']} ms, p99 ≤ {TARGETS['added_p99_ms']} ms, send → stream start p99 ≤ "
          f"{TARGETS['start_p99_s']:.0f} s, every turn complete, nothing lost or doubled.")
    print(f"Raw numbers: {OUT_DIR / ('load.json' if args.store == 'sqlite' else f'load-{args.store}.json')}; logs beside it.")
    failed = [r for rs in results.values() if isinstance(rs, list) for r in rs if "failed" in r]
    return 1 if failed and len(failed) == sum(len(rs) for rs in results.values() if isinstance(rs, list)) else 0


if __name__ == "__main__":
    sys.exit(main())
