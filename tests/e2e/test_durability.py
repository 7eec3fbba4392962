"""What must last outlives Redis and every worker: a 2-worker cluster on Redis, with no
``CHAT_UI_SECRET`` (the secret is the store's), has Redis emptied (``FLUSHALL``) and every worker
restarted. Each browser still lists and opens its own chats, and its cookie still holds: the
owners and the secret live in the durable store, not in Redis."""

from __future__ import annotations

import pytest
import redis
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import READY_TIMEOUT, TURN_TIMEOUT, open_ready, send, session_id_of, wait_ended
from tests.support.app_server import run_cluster
from tests.support.redis_server import run_redis

pytestmark = pytest.mark.slow


def test_lists_and_cookies_survive_flushall_and_a_restart_of_every_worker(browser, tmp_path_factory, shots):
    data = tmp_path_factory.mktemp("durable-data")
    with run_redis() as redis_url:
        env = {
            "REFLEX_REDIS_URL": redis_url,
            "CHAT_UI_SECRET": "",  # the store keeps the secret
            "CHAT_UI_DATABASE_URL": f"sqlite:///{data / 'chat_ui.sqlite3'}",
            "CHAT_UI_LOCAL_DB": str(data / "local.sqlite3"),
            "CHAT_UI_LOCAL_DELTA_INTERVAL_MS": "5",
        }
        contexts, chats = [], []
        with run_cluster(env, workers=2, log_path=ARTIFACTS / "durable-1.log", web_dir=".web-test-durable") as url:
            for prompt in ("What is the parental leave policy?", "How much did revenue grow in Q3?"):
                context = browser.new_context(viewport={"width": 1280, "height": 860}, base_url=url)
                page = context.new_page()
                open_ready(page, "/chat")
                wait_ended(send(page, prompt))
                chats.append(session_id_of(page))
                contexts.append(context)
            port = url.rsplit(":", 1)[1]
        client = redis.Redis.from_url(redis_url)
        client.flushall()
        assert client.dbsize() == 0
        client.close()
        with run_cluster(env, workers=2, log_path=ARTIFACTS / "durable-2.log", web_dir=".web-test-durable",
                         port=int(port)):
            for context, mine, theirs in zip(contexts, chats, reversed(chats)):
                page = context.pages[0]
                open_ready(page, "/chat")
                sidebar = page.locator(".sidebar")
                expect(sidebar.locator(f'a[href="/chat/{mine}"]')).to_be_visible(timeout=TURN_TIMEOUT)
                expect(sidebar.locator(".session-item")).to_have_count(1)
                page.goto(f"/chat/{mine}")
                expect(page.get_by_test_id("turn")).to_have_count(1, timeout=READY_TIMEOUT)
                page.goto(f"/chat/{theirs}")  # still another browser's
                expect(page.get_by_test_id("not-found")).to_be_visible(timeout=READY_TIMEOUT)
            contexts[0].pages[0].goto(f"/chat/{chats[0]}")
            expect(contexts[0].pages[0].get_by_test_id("turn")).to_have_count(1, timeout=READY_TIMEOUT)
            contexts[0].pages[0].screenshot(path=str(shots / "durable-after-flushall-and-restart.png"))
        for context in contexts:
            context.close()
