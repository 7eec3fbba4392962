"""Development only: hand the browser its owner cookie from the backend's port.

In production one port serves the page, and that response sets the cookie. ``reflex run`` in
development serves the page from Vite on another port, and its server (Granian) drops headers
on a websocket's accept, so without this request the browser would keep no owner, and a reload
would lose its chats. Cookies ignore ports, so one image request to the backend is enough.
"""

from __future__ import annotations

import reflex as rx
from reflex_base import constants
from reflex_base.environment import environment
from reflex_base.vars.base import Var

from chat_ui.access.identity import OWNER_BEACON_PATH
from chat_ui.components.url import backend_url


def owner_beacon() -> rx.Component:
    if environment.REFLEX_ENV_MODE.get() != constants.Env.DEV:
        return rx.fragment()
    return rx.el.img(src=backend_url(Var.create(OWNER_BEACON_PATH)), alt="", hidden=True, aria_hidden="true")
