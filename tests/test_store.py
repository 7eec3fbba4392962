"""The durable store on SQLite and PostgreSQL: ownership, accounts and sign-ins, sign-in flows,
the shared secret, migrations under concurrent starts, and the one-time import of what earlier
versions kept in the access SQLite file and in Redis."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, text

from chat_ui.store import accounts, flows, migrate, owners
from chat_ui.store.settings import sync_url
from tests.support.app_server import ROOT


async def test_each_owners_sessions_stay_apart_newest_first(store_url):
    for i in range(5):
        await owners.claim("alice", f"ses-a{i}")
        await asyncio.sleep(0.002)
    await owners.claim("bob", "ses-b0")
    assert await owners.owns("alice", "ses-a3") and not await owners.owns("bob", "ses-a3")
    assert not await owners.owns("alice", "ses-b0") and not await owners.owns("", "ses-b0")
    await owners.touch("bob", "ses-a1")  # touching another's session claims nothing
    assert not await owners.owns("bob", "ses-a1")

    await owners.touch("alice", "ses-a1")  # a new turn moves it to the top
    rows, token = await owners.page("alice", 2, None)
    assert [i for i, _ in rows] == ["ses-a1", "ses-a4"] and token
    assert time.time() - 5 < rows[0][1] <= time.time() and rows[0][1] > rows[1][1]
    more, token = await owners.page("alice", 2, token)
    last, end = await owners.page("alice", 2, token)
    assert [i for i, _ in more + last] == ["ses-a3", "ses-a2", "ses-a0"] and end is None
    assert [i for i, _ in (await owners.page("bob", 10, None))[0]] == ["ses-b0"]
    assert (await owners.page("carol", 10, None)) == ([], None)

    await owners.remove("bob", "ses-a4")  # another's remove leaves it
    assert await owners.owns("alice", "ses-a4")
    await owners.remove("alice", "ses-a4")
    assert not await owners.owns("alice", "ses-a4") and await owners.count("alice") == 4
    with pytest.raises(ValueError):
        await owners.page("alice", 2, "not-a-token")


async def test_an_anonymous_owners_chats_move_to_an_account_once(store_url):
    await owners.claim("anon-1", "ses-1")
    await owners.claim("anon-1", "ses-2")
    await owners.claim("acct:x", "ses-3")
    assert await owners.move_all("anon-1", "acct:x") == 2
    assert [i for i, _ in (await owners.page("acct:x", 10, None))[0]] == ["ses-3", "ses-2", "ses-1"]
    assert await owners.move_all("anon-1", "acct:y") == 0  # nothing left for the next person on that browser
    assert not await owners.owns("acct:y", "ses-1")


async def test_a_session_has_one_owner(store_url):
    await owners.claim("alice", "ses-1")
    await owners.claim("bob", "ses-1")  # a second claim (a race, a re-created id) hands it over whole
    assert await owners.owns("bob", "ses-1") and not await owners.owns("alice", "ses-1")


async def test_a_crowd_of_claims_at_once_is_each_recorded(store_url):
    await asyncio.gather(*(owners.claim(f"owner-{i % 7}", f"ses-{i}") for i in range(150)))
    assert sum([await owners.count(f"owner-{k}") for k in range(7)]) == 150
    assert await owners.owns("owner-3", "ses-10") and not await owners.owns("owner-4", "ses-10")
    await asyncio.gather(owners.claim("alice", "ses-twice"), owners.claim("bob", "ses-twice"))
    assert await owners.owns("bob", "ses-twice"), "the later claim of one burst wins, as one after the other"


async def test_a_failed_claim_write_fails_its_senders_and_the_next_claim_writes(store_url, monkeypatch):
    def broken(rows):
        raise RuntimeError("database away")

    monkeypatch.setattr(owners._claims, "_write_all", broken)
    got = await asyncio.gather(owners.claim("alice", "ses-x"), owners.claim("alice", "ses-y"), return_exceptions=True)
    assert all(isinstance(g, RuntimeError) for g in got)
    monkeypatch.setattr(owners._claims, "_write_all", owners._claim_all)
    await owners.claim("alice", "ses-z")
    assert await owners.owns("alice", "ses-z") and not await owners.owns("alice", "ses-x")


async def test_accounts_are_made_once_and_their_roles_reread_at_each_sign_in(store_url):
    first = await accounts.sign_in("https://idp", "sub-1", email="a@x.test", name="A", groups=("staff",), is_admin=True)
    again = await accounts.sign_in("https://idp", "sub-1", email="a2@x.test", name="A2", groups=(), is_admin=False)
    other = await accounts.sign_in("https://other-idp", "sub-1")  # the same subject under another issuer: someone else
    assert again.id == first.id != other.id
    assert (again.email, again.name, again.groups, again.is_admin) == ("a2@x.test", "A2", (), False)
    assert await accounts.get(first.id) == again and await accounts.get("nobody") is None


async def test_signins_resolve_until_they_expire_or_end(store_url):
    person = await accounts.sign_in("header", "a@x.test", email="a@x.test")
    token = await accounts.open_signin(person.id, 60, id_token="id.tok.en")
    short = await accounts.open_signin(person.id, 0.05)
    found = await accounts.resolve_signin(token)
    assert found is not None and found[0].id == person.id and found[1] == "id.tok.en"
    assert await accounts.resolve_signin(token + "x") is None and await accounts.resolve_signin("") is None
    await asyncio.sleep(0.1)
    assert await accounts.resolve_signin(short) is None
    assert await accounts.close_signin(token) == "id.tok.en"
    assert await accounts.resolve_signin(token) is None  # on every worker: it is the database's


async def test_a_flow_is_taken_once_and_never_after_it_expires(store_url):
    await flows.put("state-1", {"verifier": "v", "next": "/chat"}, 60)
    await flows.put("state-2", {"verifier": "w"}, 0.05)
    assert await flows.take("state-1") == {"verifier": "v", "next": "/chat"}
    assert await flows.take("state-1") is None  # reused
    await asyncio.sleep(0.1)
    assert await flows.take("state-2") is None and await flows.take("unknown") is None and await flows.take("") is None


def test_the_secret_is_made_once_and_kept(store_url, monkeypatch):
    from chat_ui.access import secret

    monkeypatch.delenv("CHAT_UI_SECRET")
    secret._load.cache_clear()
    first = secret.app_secret()
    secret._load.cache_clear()  # another process (a worker, a restart) reads the same database
    assert secret.app_secret() == first and len(first) == 64
    monkeypatch.setenv("CHAT_UI_SECRET", "given")
    assert secret.app_secret() == b"given"
    secret._load.cache_clear()


# ---------------------------------------------------------------------------- migrations

_MIGRATE = "from chat_ui.store.migrate import upgrade; import sys; print('changed' if upgrade(sys.argv[1]) else 'current')"


def test_four_workers_starting_at_once_migrate_once(store_url, tmp_path):
    url = store_url if "postgresql" in store_url else f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    if "postgresql" in url:
        from tests.support.postgres import new_database

        url = new_database(url.rsplit("/", 1)[0] + "/postgres")
    env = {**os.environ, "CHAT_UI_DATABASE_URL": url}
    procs = [subprocess.Popen([sys.executable, "-c", _MIGRATE, url], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, [err for _, err in results]
    assert sorted(out.strip() for out, _ in results) == ["changed", "current", "current", "current"]
    engine = create_engine(sync_url(url))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [migrate.head()]
    engine.dispose()


# ---------------------------------------------------------------------------- imports


def _old_access_db(path, rows, secret="old-secret"):
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.executescript("CREATE TABLE owned (owner TEXT, session_id TEXT, touched REAL, PRIMARY KEY (owner, session_id));"
                         "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);")
        db.executemany("INSERT INTO owned VALUES (?,?,?)", rows)
        db.execute("INSERT INTO meta VALUES ('secret', ?)", (secret,))
        db.commit()


def _fresh(monkeypatch, tmp_path, name="upgraded.sqlite3") -> str:
    url = f"sqlite:///{tmp_path / name}"
    monkeypatch.setenv("CHAT_UI_DATABASE_URL", url)
    return url


async def test_an_earlier_versions_access_file_is_imported_once_and_its_secret_kept(tmp_path, monkeypatch):
    from chat_ui.access import secret

    old = tmp_path / "access.sqlite3"
    _old_access_db(old, [("anon-1", "ses-1", 100.0), ("anon-1", "ses-2", 200.0), ("anon-2", "ses-3", 150.0)])
    monkeypatch.setenv("CHAT_UI_ACCESS_DB", str(old))
    monkeypatch.delenv("CHAT_UI_SECRET")
    secret._load.cache_clear()
    url = _fresh(monkeypatch, tmp_path)
    assert migrate.ensure_migrated(url)
    assert (await owners.page("anon-1", 10, None))[0] == [("ses-2", 200.0), ("ses-1", 100.0)]
    assert await owners.owns("anon-2", "ses-3")
    assert secret.app_secret() == b"old-secret"  # every cookie signed before the upgrade stays valid
    secret._load.cache_clear()
    # Once: rows added to the old file later are not imported by the next start.
    with contextlib.closing(sqlite3.connect(old)) as db:
        db.execute("INSERT INTO owned VALUES ('anon-3', 'ses-9', 1.0)")
        db.commit()
    migrate.forget_migrated()
    assert migrate.ensure_migrated(url)
    assert not await owners.owns("anon-3", "ses-9")


async def test_owner_sets_an_earlier_version_kept_in_redis_are_imported(redis_url, tmp_path, monkeypatch):
    import redis

    from chat_ui.access import secret

    url_redis = redis_url.rsplit("/", 1)[0] + "/4"
    client = redis.Redis.from_url(url_redis)
    client.flushdb()
    client.zadd("chat_ui:owner:anon-r", {"ses-r1": 10.0, "ses-r2": 20.0})
    client.set("chat_ui:secret", "redis-secret")
    try:
        monkeypatch.setenv("REFLEX_REDIS_URL", url_redis)
        monkeypatch.delenv("CHAT_UI_SECRET")
        secret._load.cache_clear()
        migrate.ensure_migrated(_fresh(monkeypatch, tmp_path))
        assert (await owners.page("anon-r", 10, None))[0] == [("ses-r2", 20.0), ("ses-r1", 10.0)]
        assert secret.app_secret() == b"redis-secret"
        secret._load.cache_clear()
    finally:
        client.flushdb()
        client.close()


async def test_redis_away_at_the_first_start_is_imported_at_a_later_one(redis_url, tmp_path, monkeypatch):
    import redis

    from tests.support.servers import free_port

    monkeypatch.setenv("REFLEX_REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    url = _fresh(monkeypatch, tmp_path)
    migrate.ensure_migrated(url)  # starts anyway
    url_redis = redis_url.rsplit("/", 1)[0] + "/5"
    client = redis.Redis.from_url(url_redis)
    client.zadd("chat_ui:owner:anon-late", {"ses-l": 5.0})
    try:
        monkeypatch.setenv("REFLEX_REDIS_URL", url_redis)
        migrate.forget_migrated()
        migrate.ensure_migrated(url)
        assert await owners.owns("anon-late", "ses-l")
    finally:
        client.flushdb()
        client.close()


def test_the_migrations_have_one_head():
    """Work merged from several branches must be chained, not left as two heads."""
    from alembic.script import ScriptDirectory

    assert len(ScriptDirectory.from_config(migrate.alembic_config()).get_heads()) == 1


async def test_ownership_once_read_or_claimed_is_believed_without_the_store_until_it_changes(store_url, monkeypatch):
    reads: list[str] = []
    real = owners._owns

    def counted(owner, session_id):
        reads.append(session_id)
        return real(owner, session_id)

    monkeypatch.setattr(owners, "_owns", counted)
    await owners.claim("alice", "ses-1")
    assert await owners.owns("alice", "ses-1") and await owners.owns("alice", "ses-1")
    assert reads == []  # claimed here: known without a read
    assert not await owners.owns("bob", "ses-1") and not await owners.owns("bob", "ses-1")
    assert reads == ["ses-1", "ses-1"]  # a "no" is read each time: it may have just become a yes

    await owners.remove("alice", "ses-1")
    assert not await owners.owns("alice", "ses-1")

    await owners.claim("anon-1", "ses-2")
    assert await owners.owns("anon-1", "ses-2")
    await owners.move_all("anon-1", "acct:a")  # the browser signed in: its chats are the account's now
    assert not await owners.owns("anon-1", "ses-2") and await owners.owns("acct:a", "ses-2")

    owners.forget_kept()
    reads.clear()
    assert await owners.owns("acct:a", "ses-2") and await owners.owns("acct:a", "ses-2")
    assert reads == ["ses-2"]  # read once, then kept


async def test_turns_ending_together_share_one_write(store_url, monkeypatch):
    from chat_ui.store import search, usage
    from chat_ui.store.search import TurnText
    from chat_ui.store.usage import TurnFact

    batches: dict[str, list[int]] = {"search": [], "usage": []}

    def counting(name, writer):
        real = writer._write_all

        def write(items):
            batches[name].append(len(items))
            real(items)

        monkeypatch.setattr(writer, "_write_all", write)

    counting("search", search._finished)
    counting("usage", usage._ended)
    await asyncio.gather(*(search.index_turn("alice", f"ses-{i}", TurnText(0, 100.0 + i, f"prompt {i}", "answer"))
                           for i in range(30)))
    await asyncio.gather(*(usage.record(TurnFact(f"turn-{i}", "alice", f"ses-{i}", 0, "local", "done", 100.0 + i,
                                                 "2026-12-03", output_tokens=i)) for i in range(30)))
    assert sum(batches["search"]) == 30 and len(batches["search"]) < 30
    assert sum(batches["usage"]) == 30 and len(batches["usage"]) < 30
    hits = await search.search("alice", "prompt")
    assert len(hits) == 30
    days = await usage.per_person_day("2026-12-03", "2026-12-03")
    assert [(d.answers, d.output_tokens) for d in days] == [(30, sum(range(30)))]
