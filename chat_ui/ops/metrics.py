"""The Prometheus metrics, and the calls the other rooms make to move them.

With ``PROMETHEUS_MULTIPROC_DIR`` in the environment (``python -m chat_ui.cluster`` sets it up,
wiped, before any worker starts) prometheus-client keeps every value in per-process files and a
scrape sums them, so a count is exact whatever worker ran the turn. Without it (one worker, `make
run`) the values live in this process. The mode is fixed when prometheus_client is first imported.
"""

from __future__ import annotations

import os

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client import REGISTRY as DEFAULT_REGISTRY
from prometheus_client import multiprocess

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
OUTCOMES = ("done", "stopped", "error", "interrupted")
REFUSALS = ("busy", "rate_limit", "worker_full")
# 50 ms to 60 s: a client of the LLM waits for queueing and reasoning models well past 10 s.
TIME_BUCKETS = (0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 7.5, 10.0, 15.0, 20.0, 30.0, 45.0, 60.0)
LAG_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)

TURNS_STARTED = Counter("chat_ui_turns_started", "Turns started, by backend.", ["backend"])
TURNS_FINISHED = Counter("chat_ui_turns_finished", "Turns ended, by backend and outcome.", ["backend", "outcome"])
TURNS_RUNNING = Gauge("chat_ui_turns_running", "Turns running now.", multiprocess_mode="livesum")
FOLLOWERS = Gauge("chat_ui_followers", "Tabs following a turn now.", multiprocess_mode="livesum")
FIRST_TOKEN = Histogram("chat_ui_turn_first_token_seconds", "From the send to the first text.", buckets=TIME_BUCKETS)
DURATION = Histogram("chat_ui_turn_duration_seconds", "From the send to the turn's end.", buckets=TIME_BUCKETS)
UPSTREAM_ERRORS = Counter("chat_ui_upstream_errors", "Errors of the backend, by backend and HTTP status "
                          "(\"none\": no answer).", ["backend", "status"])
TOKENS = Counter("chat_ui_tokens", "Tokens reported by the backend, by direction (input/output).", ["direction"])
HUB_PUBLISH_LAG = Histogram("chat_ui_hub_publish_lag_seconds", "Time a runner's batch takes to reach the hub.",
                            buckets=LAG_BUCKETS)
LOOP_LAG = Histogram("chat_ui_event_loop_lag_seconds", "How late a worker's event loop runs a timer.",
                     buckets=LAG_BUCKETS)
REFUSED = Counter("chat_ui_refused", "Sends refused, by reason (busy, rate_limit, worker_full).", ["reason"])
LIST_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.5, 5.0)
LIST_LOAD = Histogram("chat_ui_list_load_seconds", "A page of a person's chat list read (their rows, the summaries, "
                      "names and pins) until it is in the tab's state.", buckets=LIST_BUCKETS)


def multiprocess_dir() -> str:
    return os.environ.get(MULTIPROC_ENV, "").strip()


def exposition() -> bytes:
    """The text a scrape gets: every worker's values summed in multi-process mode."""
    if multiprocess_dir():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(DEFAULT_REGISTRY)


def process_exited(pid: int | None = None) -> None:
    """A worker leaving: its live gauges stop counting (counters and histograms keep summing)."""
    if multiprocess_dir():
        multiprocess.mark_process_dead(pid or os.getpid())


# ------------------------------------------------------------------ the calls other rooms make

def turn_started(backend: str) -> None:
    TURNS_STARTED.labels(backend).inc()
    TURNS_RUNNING.inc()


def turn_finished(backend: str, outcome: str, *, first_token_s: float | None, duration_s: float,
                  input_tokens: int | None = None, output_tokens: int | None = None) -> None:
    TURNS_FINISHED.labels(backend, outcome if outcome in OUTCOMES else "error").inc()
    TURNS_RUNNING.dec()
    if first_token_s is not None:
        FIRST_TOKEN.observe(first_token_s)
    DURATION.observe(duration_s)
    if input_tokens:
        TOKENS.labels("input").inc(input_tokens)
    if output_tokens:
        TOKENS.labels("output").inc(output_tokens)


def upstream_error(backend: str, status: int | None) -> None:
    UPSTREAM_ERRORS.labels(backend, str(status) if status else "none").inc()


def refused(reason: str) -> None:
    REFUSED.labels(reason).inc()


def hub_published(seconds: float) -> None:
    HUB_PUBLISH_LAG.observe(seconds)


def follower_joined() -> None:
    FOLLOWERS.inc()


def follower_left() -> None:
    FOLLOWERS.dec()


def loop_lag(seconds: float) -> None:
    LOOP_LAG.observe(seconds)


def list_loaded(seconds: float) -> None:
    LIST_LOAD.observe(seconds)
