"""A full turn on the deepset backend: the same UI, with what deepset lacks simply absent, and a
thinking card when the pipeline's model sends reasoning frames."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, page_error
from tests.e2e.helpers import open_ready, send, wait_ended
from tests.support import deepset_standin
from tests.support.app_server import run_app
from tests.support.servers import serve


@pytest.fixture(scope="module")
def deepset_app(tmp_path_factory):
    state = deepset_standin.StandinState(pace_s=0.01)
    with serve(deepset_standin.create_app(state)) as standin:
        env = {
            "CHAT_UI_BACKEND": "deepset",
            "DEEPSET_BASE_URL": f"{standin}/api/v1",
            "DEEPSET_API_KEY": state.api_key,
            "DEEPSET_WORKSPACE": state.workspace,
            "DEEPSET_PIPELINE": state.pipeline,
        }
        with run_app(env, log_path=ARTIFACTS / "e2e-deepset-app.log", web_dir=".web-test-deepset") as url:
            yield url, state


def test_full_turn_on_deepset(browser, deepset_app, shots):
    url, state = deepset_app
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: page_error(errors, str(exc), page.url))
    try:
        box = open_ready(page, url + "/")
        # No index picker: deepset has no index binding.
        expect(page.get_by_label("Indexes")).to_have_count(0)
        box.fill("How did revenue develop in the third quarter?")
        box.press("Enter")
        turn = page.get_by_test_id("turn").last
        expect(turn).to_have_attribute("data-status", "streaming", timeout=15_000)
        expect(turn).to_have_attribute("data-status", "done", timeout=30_000)
        expect(turn).to_contain_text("Revenue grew 12%")
        # The tool call assembled from fragments, and the sources card with file names.
        tools = turn.get_by_test_id("tool-card")
        expect(tools).to_have_count(2)
        expect(tools.first).to_contain_text("search_documents")
        expect(tools.last).to_contain_text("sources")
        tools.last.locator("summary").first.click()
        expect(tools.last).to_contain_text("q3-report.pdf")
        # Absent, not broken: no thinking card (this pipeline does not reason), no screenshot card, no usage line.
        expect(turn.get_by_label("Thinking")).to_have_count(0)
        expect(turn.get_by_test_id("screenshot-card")).to_have_count(0)
        expect(turn.get_by_label("Usage for this answer")).to_have_count(0)
        # The answer is shown once, not doubled by the final result.
        assert turn.inner_text().count("Revenue grew 12%") == 2  # once in the answer, once in the source snippet
        # deepset stores no titles: the sidebar shows the one derived from the first question.
        expect(page.locator(".sidebar")).to_contain_text("How did revenue develop", timeout=10_000)
        page.screenshot(path=str(shots / "deepset-turn.png"))
        # The session is a deepset search session and reopens with the same answer.
        page.wait_for_function("() => location.pathname.startsWith('/chat/')", timeout=10_000)
        page.reload()
        reopened = page.get_by_test_id("turn").last
        expect(reopened).to_have_attribute("data-status", "done", timeout=30_000)
        expect(reopened).to_contain_text("Revenue grew 12%")
        assert state.sessions, "a search session was created"
        assert not errors, errors
    finally:
        context.close()


def test_reasoning_frames_show_a_thinking_card_on_deepset(browser, deepset_app, shots):
    url, state = deepset_app
    state.reasoning = True  # the stand-in's default turn now reasons first, as the client asks it to
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: page_error(errors, str(exc), page.url))
    try:
        open_ready(page, url + "/")
        turn = send(page, "What does the travel policy say about flights?")
        wait_ended(turn)
        thinking = turn.locator(".thinking-card")
        expect(thinking).to_have_count(1)
        expect(thinking).to_have_attribute("data-state", "done")
        expect(thinking).to_contain_text("Thought")
        thinking.locator("summary").click()
        expect(thinking).to_contain_text("I should search the documents before answering.")
        # The thinking card comes first, then the tool call, then the answer.
        order = turn.locator(".thinking-card, [data-testid=tool-card]").evaluate_all(
            "(els) => els.map((el) => el.classList.contains('thinking-card') ? 'thinking' : 'tool')"
        )
        assert order == ["thinking", "tool", "tool"], order
        expect(turn).to_contain_text("travel-policy.pdf")
        page.screenshot(path=str(shots / "deepset-thinking.png"))
        chat_stream = [s for s in state.seen if s["route"] == "chat_stream"]
        assert chat_stream[-1]["body"]["include_reasoning"] is True
        assert not errors, errors
    finally:
        state.reasoning = False
        context.close()
