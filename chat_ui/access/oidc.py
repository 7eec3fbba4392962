"""The OpenID Connect relying party: discovery, the authorization request (code flow, PKCE S256,
state and nonce) and the checks of what comes back, with Authlib's OAuth 2 parts (the grant URI,
the S256 challenge, tokens) and joserfc for the ID token. (Authlib's own httpx client is not used:
its module warns that it is deprecated in favour of httpx2.)

Nothing here lives in one worker's memory but caches: the flow's secrets go to the store
(``store.flows``) under its ``state``, so any worker may serve the callback. The discovery
document and the provider's keys are cached per process; an unknown key id fetches the keys once
more (the provider rotated them).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
from authlib.common.security import generate_token
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from chat_ui.access.settings import AccessSettings

LEEWAY_S = 60  # clock skew allowed on exp, nbf and iat
TIMEOUT_S = 10.0
METADATA_TTL_S = 3600.0
CALLBACK_PATH = "/auth/callback"


class Unreachable(Exception):
    """The provider did not answer (or not as a provider would)."""


class Refused(Exception):
    """The provider answered with an OAuth error (``error`` is its code, e.g. invalid_grant)."""

    def __init__(self, error: str, description: str = "") -> None:
        super().__init__(f"{error}: {description}" if description else error)
        self.error = error
        self.description = description


class InvalidToken(Exception):
    """The ID token failed a check (signature, issuer, audience, expiry, nonce)."""


@dataclass(frozen=True)
class Claims:
    subject: str
    email: str
    name: str
    groups: tuple[str, ...]


_metadata: dict[str, tuple[float, dict[str, Any]]] = {}
_keys: dict[str, KeySet] = {}


def redirect_uri(s: AccessSettings) -> str:
    return s.public_url + CALLBACK_PATH


async def _get_json(url: str) -> dict[str, Any]:
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT_S) as client:
            response = await client.get(url, headers={"accept": "application/json"})
            response.raise_for_status()
            data = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise Unreachable(str(exc) or type(exc).__name__) from exc
    if not isinstance(data, dict):
        raise Unreachable(f"{url} did not answer with a JSON object")
    return data


async def metadata(s: AccessSettings) -> dict[str, Any]:
    """The provider's discovery document (``/.well-known/openid-configuration``)."""
    cached = _metadata.get(s.oidc_issuer)
    if cached is not None and cached[0] > time.monotonic():
        return cached[1]
    data = await _get_json(s.oidc_issuer + "/.well-known/openid-configuration")
    for key in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(data.get(key), str):
            raise Unreachable(f"the discovery document has no {key}")
    if data["issuer"].rstrip("/") != s.oidc_issuer:
        raise Unreachable("the discovery document names another issuer")
    _metadata[s.oidc_issuer] = (time.monotonic() + METADATA_TTL_S, data)
    return data


async def _key_set(meta: dict[str, Any], *, fresh: bool = False) -> KeySet:
    uri = meta["jwks_uri"]
    if fresh or uri not in _keys:
        try:
            _keys[uri] = KeySet.import_key_set(await _get_json(uri))  # type: ignore[arg-type]
        except (JoseError, ValueError, TypeError, KeyError) as exc:
            raise Unreachable(f"the provider's keys could not be read: {exc}") from exc
    return _keys[uri]


async def start(s: AccessSettings) -> tuple[str, dict[str, str]]:
    """The provider's authorization URL and what the callback must check: ``state``, ``nonce``
    and the PKCE ``verifier``."""
    meta = await metadata(s)
    state, nonce, verifier = generate_token(32), generate_token(32), generate_token(48)
    url = prepare_grant_uri(meta["authorization_endpoint"], s.oidc_client_id, "code", redirect_uri=redirect_uri(s),
                            scope=s.oidc_scopes, state=state, nonce=nonce,
                            code_challenge=create_s256_code_challenge(verifier), code_challenge_method="S256")
    return url, {"state": state, "nonce": nonce, "verifier": verifier}


async def finish(s: AccessSettings, code: str, verifier: str, nonce: str) -> tuple[Claims, str]:
    """Exchange the code and check the ID token; the person's claims and the raw ID token (kept
    for the provider's sign-out)."""
    meta = await metadata(s)
    token = await _token(s, meta["token_endpoint"], code, verifier)
    id_token = token.get("id_token")
    if not isinstance(id_token, str) or not id_token:
        raise InvalidToken("the provider sent no ID token")
    claims = await validate_id_token(s, meta, id_token, nonce)
    if not claims.get("email") or not claims.get("name"):
        # Providers that follow OIDC §5.4 put the profile in userinfo only.
        claims = {**await _userinfo(meta, token, claims["sub"]), **{k: v for k, v in claims.items() if v}}
    groups = claims.get(s.oidc_groups_claim) or []
    if isinstance(groups, str):
        groups = [g.strip() for g in groups.split(",")]
    return Claims(
        subject=str(claims["sub"]), email=str(claims.get("email") or ""),
        name=str(claims.get("name") or claims.get("preferred_username") or claims.get("email") or ""),
        groups=tuple(str(g) for g in groups if g),
    ), id_token


async def _token(s: AccessSettings, endpoint: str, code: str, verifier: str) -> dict[str, Any]:
    """The token request (RFC 6749 4.1.3 with the PKCE verifier); the client authenticates with
    HTTP Basic when it has a secret (``client_secret_basic``), else names itself (a public client)."""
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri(s), "code_verifier": verifier}
    auth = None
    if s.oidc_client_secret:
        auth = httpx.BasicAuth(s.oidc_client_id, s.oidc_client_secret)
    else:
        form["client_id"] = s.oidc_client_id
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT_S) as client:
            response = await client.post(endpoint, data=form, auth=auth, headers={"accept": "application/json"})
    except httpx.HTTPError as exc:
        raise Unreachable(str(exc) or type(exc).__name__) from exc
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise Unreachable(f"the token endpoint answered {response.status_code} without JSON")
    if response.status_code >= 400 or "error" in body:
        raise Refused(str(body.get("error") or response.status_code), str(body.get("error_description") or ""))
    return body


async def _userinfo(meta: dict[str, Any], token: dict[str, Any], subject: str) -> dict[str, Any]:
    endpoint = meta.get("userinfo_endpoint")
    access = token.get("access_token")
    if not isinstance(endpoint, str) or not access:
        return {}
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT_S) as client:
            response = await client.get(endpoint, headers={"authorization": f"Bearer {access}"})
            response.raise_for_status()
            info = response.json()
    except (httpx.HTTPError, ValueError):
        return {}  # the ID token alone still names the person
    if not isinstance(info, dict) or info.get("sub") != subject:
        return {}  # userinfo about someone else is never believed (OIDC core 5.3.2)
    return info


async def validate_id_token(s: AccessSettings, meta: dict[str, Any], id_token: str, nonce: str,
                            now: float | None = None) -> dict[str, Any]:
    """The ID token's claims once its signature (the provider's keys, the algorithms it
    announces, never ``none``), issuer, audience, expiry and nonce are right; InvalidToken if not."""
    algorithms = [a for a in meta.get("id_token_signing_alg_values_supported") or ["RS256"] if a != "none"]
    keys = await _key_set(meta)
    try:
        try:
            decoded = jwt.decode(id_token, keys, algorithms=algorithms)
        except JoseError as exc:
            if type(exc).__name__ not in ("InvalidKeyIdError", "MissingKeyError", "BadSignatureError"):
                raise
            # The provider may have rotated its keys since they were cached: read them once more.
            decoded = jwt.decode(id_token, await _key_set(meta, fresh=True), algorithms=algorithms)
        registry = jwt.JWTClaimsRegistry(
            now=int(now if now is not None else time.time()), leeway=LEEWAY_S,
            iss={"essential": True, "value": meta["issuer"]}, aud={"essential": True, "value": s.oidc_client_id},
            sub={"essential": True}, exp={"essential": True}, iat={"essential": True},
            nonce={"essential": True, "value": nonce},
        )
        registry.validate(decoded.claims)
    except (JoseError, ValueError, TypeError) as exc:
        raise InvalidToken(f"{type(exc).__name__}: {exc}") from exc
    claims = decoded.claims
    aud = claims.get("aud")
    if isinstance(aud, list) and len(aud) > 1 and claims.get("azp") != s.oidc_client_id:
        raise InvalidToken("the token names several audiences and another authorized party")
    return claims


async def end_session_url(s: AccessSettings, id_token: str, after: str) -> str:
    """The provider's end-session URL for this sign-in, or "" when it has none (or is away)."""
    try:
        meta = await metadata(s)
    except Unreachable:
        return ""
    endpoint = meta.get("end_session_endpoint")
    if not isinstance(endpoint, str) or not endpoint:
        return ""
    query = {"client_id": s.oidc_client_id, "post_logout_redirect_uri": after}
    if id_token:
        query["id_token_hint"] = id_token
    return endpoint + ("&" if "?" in endpoint else "?") + urlencode(query)


def forget_provider() -> None:
    """Drop the cached discovery document and keys (tests; a provider that moved)."""
    _metadata.clear()
    _keys.clear()
