"""Sign out: under the chat list where there is a password, or, where people sign in (oidc,
header), with the person's name and email above it.

A real form POST to the backend (``/_auth/sign-out`` for the password, ``/auth/sign-out`` for a
person), not a Reflex event: the cookies are HttpOnly, so only a response from the server can clear
them. (``rx.el.form`` always prevents the browser's submit, hence this plain element.)
"""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.base import Var
from reflex_components_core.el.element import Element

from chat_ui.access.auth_pages import SIGN_OUT
from chat_ui.access.settings import settings
from chat_ui.access.signin_page import SIGN_OUT_PATH
from chat_ui.components.url import backend_url
from chat_ui.i18n.var import tr


class NativeForm(Element):
    """A ``<form>`` the browser submits itself."""

    tag = "form"

    action: Var[str]
    method: Var[str]


def _button() -> rx.Component:
    return rx.button(rx.icon("log-out", size=14), tr("auth.sign_out"), type="submit", variant="ghost", color_scheme="gray",
                     size="2", width="100%", aria_label=tr("auth.sign_out"))


def sign_out() -> rx.Component:
    s = settings()
    if s.accounts:
        from chat_ui.state.sessions import SessionsState

        return rx.flex(
            rx.flex(
                rx.text(SessionsState.person_name, size="2", weight="medium", trim="both", class_name="person-name"),
                rx.cond(SessionsState.person_email != SessionsState.person_name,
                        rx.text(SessionsState.person_email, size="1", color_scheme="gray", class_name="person-email")),
                direction="column", spacing="1", padding_x="12px", min_width="0",
            ),
            NativeForm.create(_button(), action=backend_url(Var.create(SIGN_OUT)), method="post", class_name="sign-out"),
            direction="column", spacing="2", class_name="person", aria_label=tr("auth.signed_in"),
        )
    if not (s.auth == "password" and s.password):
        return rx.fragment()
    return NativeForm.create(_button(), action=backend_url(Var.create(SIGN_OUT_PATH)), method="post", class_name="sign-out")
