"""The gate where people sign in (``CHAT_UI_AUTH=oidc`` or ``header``), beside the password gate.

For every request it works out who the person is, from the app's sign-in session (oidc) or the
identity header of a trusted proxy (header), and hands them to the app as the in-request
``chat_ui_person`` cookie (:mod:`chat_ui.access.person`); any copy a client sent is dropped, in
every mode. Unsigned visitors are sent to sign in (oidc) or shown why they are not in (header) on a
page load, refused on the event websocket and on everything else, unless the guest hook lets
them in for a link shared with anyone.

Its own routes (oidc): ``/auth/sign-in`` (to the provider), ``/auth/callback`` (back from it, on any
worker: the flow is in the store), ``/auth/sign-out`` (POST: ends the session, then the provider's
end-session endpoint), ``/auth/signed-out``. Every way a sign-in can fail is a page with a way back
and no session made; none is a 500.
"""

from __future__ import annotations

import logging
import time
from urllib.parse import parse_qs

from itsdangerous import BadSignature, Signer

from chat_ui.access import auth_pages, oidc, people
from chat_ui.access.asgi import (
    HEALTH_PATHS, INTERNAL, ASGIApp, Receive, Scope, Send, header, is_page, is_secure, refuse_websocket, respond,
)
from chat_ui.access.auth_pages import SIGN_IN, SIGN_OUT, SIGNED_OUT, problem_html, sign_in_link, signed_out_html
from chat_ui.access.cookies import owner_from_header, parse_cookies, set_cookie_header
from chat_ui.access.gate import Admit, page, safe_next, say
from chat_ui.access.person import PERSON_COOKIE, Person, with_person
from chat_ui.access.secret import derived_key
from chat_ui.access.settings import AccessSettings, settings
from chat_ui.access import signin_cookie
from chat_ui.i18n.request import scope_lang
from chat_ui.store import accounts, flows

FLOW_COOKIE = "chat_ui_flow"
FLOW_TTL_S = 600  # a sign-in at the provider must come back within ten minutes
KEPT_FLOWS = 4  # sign-ins one browser may have under way at once (tabs)
HEADER_REMEMBER_S = 30.0

log = logging.getLogger(__name__)
_header_people: dict[tuple[str, ...], tuple[float, Person]] = {}


def _flow_signer() -> Signer:
    return Signer(derived_key("flow-cookie"), salt="chat_ui.flow")


def flows_of(cookie_header: str) -> list[str]:
    """The sign-ins this browser started (its flow cookie), newest first."""
    value = parse_cookies(cookie_header).get(FLOW_COOKIE, "")
    if not value:
        return []
    try:
        return [i for i in _flow_signer().unsign(value).decode().split(".") if i][:KEPT_FLOWS]
    except BadSignature:
        return []


def _flow_cookie(states: list[str], secure: bool) -> str:
    if not states:
        return set_cookie_header(FLOW_COOKIE, "", max_age=0, secure=secure)
    value = _flow_signer().sign(".".join(states[:KEPT_FLOWS])).decode()
    return set_cookie_header(FLOW_COOKIE, value, max_age=FLOW_TTL_S, secure=secure)


def _here(scope: Scope) -> str:
    query = scope.get("query_string", b"").decode("latin-1")
    return scope.get("path", "/") + (f"?{query}" if query else "")


def _query(scope: Scope) -> dict[str, str]:
    raw = scope.get("query_string", b"").decode("latin-1")
    return {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}


def _with_cookie(scope: Scope, person: Person | None) -> Scope:
    """The request with the gate's own person cookie (or none) in its cookie header."""
    jar = with_person(header(scope, "cookie"), person)
    headers = [(k, v) for k, v in scope.get("headers", []) if k != b"cookie"]
    if jar:
        headers.append((b"cookie", jar.encode("latin-1")))
    return {**scope, "headers": headers}


async def _redirect(send: Send, location: str, cookies: list[str] = ()) -> None:
    await respond(send, 303, b"", "text/plain", [("location", location), *(("set-cookie", c) for c in cookies)])


async def _problem(send: Send, scope: Scope, status: int, kind: str, retry: str, cookies: list[str] = ()) -> None:
    lang = scope_lang(scope)
    await page(send, status, lang, problem_html(kind, retry, lang), [("set-cookie", c) for c in cookies])


class PeopleGate:
    def __init__(self, app: ASGIApp, admit: Admit | None = None) -> None:
        self.app = app
        self.admit = admit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope.get("type")
        if kind not in ("http", "websocket") or scope.get(INTERNAL):
            return await self.app(scope, receive, send)
        s = settings()
        if not s.accounts:  # the person cookie is the gate's alone, in every mode
            if PERSON_COOKIE in header(scope, "cookie"):
                scope = _with_cookie(scope, None)
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        try:
            if kind == "http" and path in auth_pages.AUTH_PATHS:
                return await self._route(s, scope, receive, send, path)
            person = await self._person(s, scope)
        except Exception:  # noqa: BLE001 - the store or the provider away: a page that says so, never a 500
            log.exception("sign-in could not be checked")
            if kind == "websocket":
                return await refuse_websocket(receive, send)
            return await _problem(send, scope, 503, "unreachable", sign_in_link(_here(scope)) if is_page(scope) else "/")
        if person is not None or path in HEALTH_PATHS:
            return await self.app(_with_cookie(scope, person), receive, send)
        scope = _with_cookie(scope, None)
        if self.admit is not None and await self.admit(self.app, scope, receive, send):
            return None
        if kind == "websocket":
            return await refuse_websocket(receive, send)
        if is_page(scope):
            if s.auth == "oidc":
                return await _redirect(send, sign_in_link(safe_next(_here(scope))))
            return await _problem(send, scope, 401, "unnamed", safe_next(_here(scope)))
        await say(send, 401, scope_lang(scope), "server.sign_in_first")

    # ------------------------------------------------------------------ who

    async def _person(self, s: AccessSettings, scope: Scope) -> Person | None:
        if s.auth == "oidc":
            return await signin_cookie.person_of(signin_cookie.token_from_header(header(scope, "cookie")))
        return await self._header_person(s, scope)

    async def _header_person(self, s: AccessSettings, scope: Scope) -> Person | None:
        """The person the proxy names, believed only from a trusted direct peer."""
        email = header(scope, s.auth_header).strip().lower()
        if not email or not people.trusted(s, str((scope.get("client") or ("", 0))[0])):
            return None
        name = header(scope, s.auth_name_header).strip() if s.auth_name_header else ""
        groups = tuple(sorted({g.strip() for g in header(scope, s.auth_groups_header).split(",") if g.strip()})) \
            if s.auth_groups_header else ()
        browser = owner_from_header(header(scope, "cookie"))
        key = (email, name, browser, *groups)
        now = time.monotonic()
        hit = _header_people.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]
        account = await people.sign_in(s, people.HEADER_ISSUER, email, email=email, name=name or email, groups=groups,
                                       browser_owner=browser)
        person = Person(account.id, account.name or email, account.email, account.is_admin,
                        time.time() + s.session_hours * 3600)
        if len(_header_people) > 4096:
            _header_people.clear()
        _header_people[key] = (now + HEADER_REMEMBER_S, person)
        return person

    # ------------------------------------------------------------------ routes

    async def _route(self, s: AccessSettings, scope: Scope, receive: Receive, send: Send, path: str) -> None:
        if path == SIGNED_OUT:
            lang = scope_lang(scope)
            return await page(send, 200, lang, signed_out_html(lang))
        if path == SIGN_OUT:
            return await self._sign_out(s, scope, send)
        if s.auth != "oidc":  # header mode: the proxy signs people in
            return await _redirect(send, "/")
        if path == SIGN_IN:
            return await self._sign_in(s, scope, send)
        return await self._callback(s, scope, send)

    async def _sign_in(self, s: AccessSettings, scope: Scope, send: Send) -> None:
        next_path = safe_next(_query(scope).get("next", "/"))
        cookie = header(scope, "cookie")
        if await signin_cookie.person_of(signin_cookie.token_from_header(cookie)) is not None:
            return await _redirect(send, next_path)
        try:
            url, flow = await oidc.start(s)
        except oidc.Unreachable as exc:
            log.warning("the OpenID provider cannot be reached: %s", exc)
            return await _problem(send, scope, 503, "unreachable", sign_in_link(next_path))
        await flows.put(flow["state"], {"nonce": flow["nonce"], "verifier": flow["verifier"], "next": next_path,
                                        "browser": owner_from_header(cookie)}, FLOW_TTL_S)
        states = [flow["state"], *flows_of(cookie)]
        await _redirect(send, url, [_flow_cookie(states, is_secure(scope))])

    async def _callback(self, s: AccessSettings, scope: Scope, send: Send) -> None:
        query, cookie, secure = _query(scope), header(scope, "cookie"), is_secure(scope)
        state = query.get("state", "")
        mine = flows_of(cookie)
        # Only a sign-in this browser started: a callback link someone else sent is refused
        # before its state is even looked up (and so stays unused for its own browser).
        flow = await flows.take(state) if state and state in mine else None
        left = [_flow_cookie([i for i in mine if i != state], secure)]
        retry = sign_in_link(flow["next"]) if flow else SIGN_IN
        if query.get("error"):
            kind = "denied" if query["error"] in ("access_denied", "unauthorized_client", "login_required") else "provider"
            log.info("the OpenID provider refused a sign-in: %s", query["error"][:100])
            return await _problem(send, scope, 403 if kind == "denied" else 400, kind, retry, left)
        if flow is None or not query.get("code"):
            return await _problem(send, scope, 400, "state", retry, left)
        try:
            claims, id_token = await oidc.finish(s, query["code"], flow["verifier"], flow["nonce"])
        except oidc.Refused as exc:
            log.warning("the OpenID provider refused the code: %s", exc)
            kind = "code" if exc.error == "invalid_grant" else "provider"
            return await _problem(send, scope, 400, kind, retry, left)
        except oidc.InvalidToken as exc:
            log.warning("an ID token failed validation: %s", exc)
            return await _problem(send, scope, 400, "token", retry, left)
        except oidc.Unreachable as exc:
            log.warning("the OpenID provider cannot be reached: %s", exc)
            return await _problem(send, scope, 503, "unreachable", retry, left)
        account = await people.sign_in(s, s.oidc_issuer, claims.subject, email=claims.email, name=claims.name,
                                       groups=claims.groups, browser_owner=flow.get("browser", ""))
        ttl = int(s.session_hours * 3600)
        token = await accounts.open_signin(account.id, ttl, id_token)
        log.info("account %s signed in", account.id)
        await _redirect(send, safe_next(flow.get("next", "/")), [*left, signin_cookie.session_cookie(token, ttl, secure)])

    async def _sign_out(self, s: AccessSettings, scope: Scope, send: Send) -> None:
        if scope.get("method") != "POST":  # never on a link or a prefetch
            return await _redirect(send, "/")
        token = signin_cookie.token_from_header(header(scope, "cookie"))
        id_token = await accounts.close_signin(token) if token else ""
        signin_cookie.forget(token)
        cleared = signin_cookie.session_cookie("", 0, is_secure(scope))
        if s.auth == "header":
            return await _redirect(send, s.auth_sign_out_url or SIGNED_OUT, [cleared])
        after = s.public_url + SIGNED_OUT
        url = await oidc.end_session_url(s, id_token, after)
        await _redirect(send, url or SIGNED_OUT, [cleared])
