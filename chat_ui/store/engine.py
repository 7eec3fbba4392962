"""The engine and the threads the store's queries run on.

Queries are synchronous SQLAlchemy, run on a small pool of threads, so the event loop never
waits on the database: ``await run(fn, *args)`` calls ``fn(conn, *args)`` in a thread. One
engine per database URL and process: a worker forked after the app was imported makes its own
(SQLite file handles and PostgreSQL sockets must not be shared across a fork).

SQLite runs in WAL mode (readers never wait for the writer) with a busy timeout, and a write
transaction takes the write lock at its start (``BEGIN IMMEDIATE``): two workers writing at
once then wait their turn instead of failing on a lock upgrade.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import NullPool

from chat_ui.store.settings import database_url, sqlite_path, sync_url

P = ParamSpec("P")
T = TypeVar("T")

THREADS = 4  # queries of one worker at once; SQLite serialises writers anyway
BUSY_TIMEOUT_MS = 15_000
WRITE = "chat_ui_write"  # execution option: this transaction writes

_lock = threading.Lock()
_engines: dict[tuple[str, int], Engine] = {}
_executors: dict[int, ThreadPoolExecutor] = {}


def _sqlite_events(engine: Engine) -> None:
    """Python's sqlite3 would open transactions itself, lazily and deferred; the store opens
    them (deferred to read, immediate to write)."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL survives an app crash, fsyncs at checkpoints
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")


def make_engine(raw_url: str, *, pooled: bool = True) -> Engine:
    url = sync_url(raw_url)
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        pool = {"pool_size": THREADS, "max_overflow": THREADS} if pooled else {"poolclass": NullPool}
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}, **pool)
        _sqlite_events(engine)
        return engine
    kwargs = {"pool_size": THREADS, "max_overflow": THREADS, "pool_pre_ping": True} if pooled else {"poolclass": NullPool}
    return create_engine(url, connect_args={"connect_timeout": 5}, **kwargs)


def engine(raw_url: str | None = None) -> Engine:
    raw = raw_url or database_url()
    key = (raw, os.getpid())
    found = _engines.get(key)
    if found is None:
        with _lock:
            found = _engines.get(key)
            if found is None:
                found = _engines[key] = make_engine(raw)
    return found


def _executor() -> ThreadPoolExecutor:
    pid = os.getpid()
    found = _executors.get(pid)
    if found is None:
        with _lock:
            found = _executors.get(pid)
            if found is None:
                found = _executors[pid] = ThreadPoolExecutor(THREADS, thread_name_prefix="chat_ui-store")
    return found


@contextlib.contextmanager
def reading(raw_url: str | None = None) -> Iterator[Connection]:
    with engine(raw_url).connect() as conn:
        yield conn


@contextlib.contextmanager
def writing(raw_url: str | None = None) -> Iterator[Connection]:
    """One transaction, committed when the block ends without an error."""
    with engine(raw_url).connect() as conn:
        conn = conn.execution_options(**{WRITE: True})
        with conn.begin():
            yield conn


async def run(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn(*args)`` on the store's threads, after the schema is known to be current."""
    from chat_ui.store.migrate import ensure_migrated

    raw = database_url()
    loop = asyncio.get_running_loop()
    if not ensure_migrated(raw, check_only=True):
        await loop.run_in_executor(_executor(), ensure_migrated, raw)
    return await loop.run_in_executor(_executor(), functools.partial(fn, *args, **kwargs))


def dispose() -> None:
    """Close this process's connections (tests, shutdown); the next use opens new ones."""
    pid = os.getpid()
    with _lock:
        for key in [k for k in _engines if k[1] == pid]:
            _engines.pop(key).dispose()


def _after_fork() -> None:
    # The parent's connections, threads and locks are not the child's: forget them without closing them.
    global _lock
    _lock = threading.Lock()
    for eng in _engines.values():
        eng.dispose(close=False)
    _engines.clear()
    _executors.clear()


os.register_at_fork(after_in_child=_after_fork)
