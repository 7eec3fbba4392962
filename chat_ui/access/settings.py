"""The access settings, read from ``CHAT_UI_*`` variables (see README and docs/security.md)."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Literal

History = Literal["private", "all"]
AuthMode = Literal["none", "password", "oidc", "header"]
AUTH_MODES: tuple[str, ...] = ("none", "password", "oidc", "header")

DEFAULT_TURNS_PER_MINUTE = 10  # a person reading answers sends far fewer; a script is slowed down
DEFAULT_SIGNIN_PER_MINUTE = 5  # wrong passwords per client address


def _list(raw: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (raw or "").split(",") if p.strip())


def _auth(raw: str | None, password: str) -> AuthMode:
    """``CHAT_UI_AUTH``; unset, a password alone still means the password gate. An unknown value
    is refused at start-up (:func:`check`), never read as "no gate"."""
    value = (raw or "").strip().lower()
    if not value:
        return "password" if password else "none"
    return value  # type: ignore[return-value]


def _int(raw: str | None, default: int) -> int:
    try:
        return max(0, int(raw)) if raw not in (None, "") else default
    except ValueError:
        return default


@dataclass(frozen=True)
class AccessSettings:
    history: History = "private"
    # Empty: no password. Held here only; it never reaches a log line, a state var or a page.
    password: str = ""
    turns_per_minute: int = DEFAULT_TURNS_PER_MINUTE  # 0: no limit
    signin_per_minute: int = DEFAULT_SIGNIN_PER_MINUTE
    redis_url: str = ""
    auth: AuthMode = "none"
    # oidc: the provider and this app's client at it; the secret never reaches a log or a page.
    oidc_issuer: str = ""
    oidc_client_id: str = ""
    oidc_client_secret: str = ""
    oidc_scopes: str = "openid email profile"
    oidc_groups_claim: str = "groups"
    public_url: str = ""  # the site's external origin: the redirect URI is <public url>/auth/callback
    # header: what the authenticating proxy names, believed only from these addresses.
    auth_header: str = "X-Auth-Request-Email"
    auth_name_header: str = ""
    auth_groups_header: str = ""
    auth_sign_out_url: str = "/oauth2/sign_out"
    trusted_proxies: tuple[str, ...] = ("127.0.0.1/32", "::1/128")
    # Who is an administrator, re-read at each sign-in.
    admin_emails: tuple[str, ...] = ()
    admin_groups: tuple[str, ...] = ()
    session_hours: float = 12.0

    @property
    def private(self) -> bool:
        return self.history == "private"

    @property
    def accounts(self) -> bool:
        """People sign in (oidc or header): chats belong to accounts, the websocket needs one."""
        return self.auth in ("oidc", "header")

    def __repr__(self) -> str:  # never show the password
        return (f"AccessSettings(history={self.history!r}, auth={self.auth!r}, "
                f"password={'set' if self.password else 'unset'}, ...)")

    @classmethod
    def from_env(cls) -> AccessSettings:
        env = os.environ
        history = env.get("CHAT_UI_HISTORY", "").strip().lower()
        password = env.get("CHAT_UI_PASSWORD", "")
        try:
            hours = float(env.get("CHAT_UI_SESSION_HOURS", "") or 12.0)
        except ValueError:
            hours = 12.0
        return cls(
            history="all" if history == "all" else "private",
            password=password,
            turns_per_minute=_int(env.get("CHAT_UI_TURNS_PER_MINUTE"), DEFAULT_TURNS_PER_MINUTE),
            signin_per_minute=_int(env.get("CHAT_UI_SIGNIN_PER_MINUTE"), DEFAULT_SIGNIN_PER_MINUTE),
            redis_url=env.get("REFLEX_REDIS_URL", "").strip(),
            auth=_auth(env.get("CHAT_UI_AUTH"), password),
            oidc_issuer=env.get("CHAT_UI_OIDC_ISSUER", "").strip().rstrip("/"),
            oidc_client_id=env.get("CHAT_UI_OIDC_CLIENT_ID", "").strip(),
            oidc_client_secret=env.get("CHAT_UI_OIDC_CLIENT_SECRET", ""),
            oidc_scopes=" ".join(env.get("CHAT_UI_OIDC_SCOPES", "").split()) or "openid email profile",
            oidc_groups_claim=env.get("CHAT_UI_OIDC_GROUPS_CLAIM", "").strip() or "groups",
            public_url=env.get("CHAT_UI_PUBLIC_URL", "").strip().rstrip("/"),
            auth_header=env.get("CHAT_UI_AUTH_HEADER", "").strip() or "X-Auth-Request-Email",
            auth_name_header=env.get("CHAT_UI_AUTH_NAME_HEADER", "").strip(),
            auth_groups_header=env.get("CHAT_UI_AUTH_GROUPS_HEADER", "").strip(),
            auth_sign_out_url=env.get("CHAT_UI_AUTH_SIGN_OUT_URL", "").strip() or "/oauth2/sign_out",
            trusted_proxies=_list(env.get("CHAT_UI_TRUSTED_PROXIES")) or ("127.0.0.1/32", "::1/128"),
            admin_emails=tuple(e.lower() for e in _list(env.get("CHAT_UI_ADMIN_EMAILS"))),
            admin_groups=_list(env.get("CHAT_UI_ADMIN_GROUPS")),
            session_hours=max(0.01, hours),
        )


_NAMES = ("CHAT_UI_HISTORY", "CHAT_UI_PASSWORD", "CHAT_UI_TURNS_PER_MINUTE", "CHAT_UI_SIGNIN_PER_MINUTE",
          "REFLEX_REDIS_URL", "CHAT_UI_AUTH", "CHAT_UI_OIDC_ISSUER", "CHAT_UI_OIDC_CLIENT_ID", "CHAT_UI_OIDC_CLIENT_SECRET",
          "CHAT_UI_OIDC_SCOPES", "CHAT_UI_OIDC_GROUPS_CLAIM", "CHAT_UI_PUBLIC_URL", "CHAT_UI_AUTH_HEADER",
          "CHAT_UI_AUTH_NAME_HEADER", "CHAT_UI_AUTH_GROUPS_HEADER", "CHAT_UI_AUTH_SIGN_OUT_URL", "CHAT_UI_TRUSTED_PROXIES",
          "CHAT_UI_ADMIN_EMAILS", "CHAT_UI_ADMIN_GROUPS", "CHAT_UI_SESSION_HOURS")


def settings() -> AccessSettings:
    """The current settings; asked on every request, so parsed once per distinct environment
    (tests change it between cases)."""
    return _parsed(tuple(os.environ.get(name) for name in _NAMES))


@functools.lru_cache(maxsize=8)
def _parsed(_values: tuple[str | None, ...]) -> AccessSettings:
    return AccessSettings.from_env()


def check(s: AccessSettings | None = None) -> list[str]:
    """What is wrong with the identity settings, in words for the start-up log; the app refuses
    to start rather than run with a gate that is not what was asked for."""
    s = s or settings()
    problems: list[str] = []
    if s.auth not in AUTH_MODES:
        problems.append(f"CHAT_UI_AUTH must be one of {', '.join(AUTH_MODES)}")
    if s.auth == "password" and not s.password:
        problems.append("CHAT_UI_AUTH=password needs CHAT_UI_PASSWORD")
    if s.auth == "oidc":
        for name, value in (("CHAT_UI_OIDC_ISSUER", s.oidc_issuer), ("CHAT_UI_OIDC_CLIENT_ID", s.oidc_client_id),
                            ("CHAT_UI_PUBLIC_URL", s.public_url)):
            if not value:
                problems.append(f"CHAT_UI_AUTH=oidc needs {name}")
        if "openid" not in s.oidc_scopes.split():
            problems.append("CHAT_UI_OIDC_SCOPES must include openid")
    if s.auth == "header":
        import ipaddress

        for cidr in s.trusted_proxies:
            try:
                ipaddress.ip_network(cidr, strict=False)
            except ValueError:
                problems.append(f"CHAT_UI_TRUSTED_PROXIES: {cidr!r} is not an address or CIDR")
    return problems
