"""The access layer in front of Reflex, as ``rx.App(api_transformer=...)`` entries.

Reflex applies the entries in order, each wrapping the app built so far, so the last is the
outermost. A request meets, in turn: the security headers (on every response), the embedded
API's guard (local backend only), the people gate (oidc and header sign-in; in every mode it drops
a person cookie a client sent), the password gate, the owner cookie, the app's own HTTP routes,
the early read of the chat a page opens (``chat_ui.opening``), the choice of pre-rendered page
for a path (``chat_ui.prerender``), then Reflex.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from chat_ui.access.gate import Admit, PasswordGate
from chat_ui.access.headers import SecurityHeaders
from chat_ui.access.identity import OwnerCookie
from chat_ui.access.internal import InternalOnly
from chat_ui.access.people_gate import PeopleGate
from chat_ui.opening import ReadOnPageRequest
from chat_ui.prerender import PrerenderedFrames


def api_transformers(local_api: Any | None, page_scripts: tuple[str, ...] = (), *, apps: tuple[Any, ...] = (),
                     admit: Admit | None = None) -> list[Any]:
    """``local_api``: the embedded API's Starlette app when this app mounts it, else None.
    ``page_scripts``: inline scripts the app renders itself, allowed by the CSP by their hash.
    ``apps``: the app's own HTTP routes (Starlette apps), behind the gate like the pages.
    ``admit``: asked before the gate refuses a request (see :data:`chat_ui.access.gate.Admit`)."""
    inner: list[Any] = [*([local_api] if local_api is not None else []), *apps]
    wrappers: list[Callable[[Any], Any]] = [PrerenderedFrames, ReadOnPageRequest, OwnerCookie, functools.partial(PasswordGate, admit=admit),
                                            functools.partial(PeopleGate, admit=admit)]
    if local_api is not None:
        wrappers.append(InternalOnly)
    wrappers.append(functools.partial(SecurityHeaders, page_scripts=page_scripts))
    return inner + wrappers
