"""Sign out, shown only when the deployment has an access password.

A real form POST to the backend's ``/_auth/sign-out``, not a Reflex event: the gate cookie is
HttpOnly, so only a response from the server can clear it. (``rx.el.form`` always prevents the
browser's submit, hence this plain element.)
"""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.base import Var
from reflex_components_core.el.element import Element

from chat_ui.access.settings import settings
from chat_ui.access.signin_page import SIGN_OUT_PATH
from chat_ui.components.url import backend_url
from chat_ui.i18n.var import tr


class NativeForm(Element):
    """A ``<form>`` the browser submits itself."""

    tag = "form"

    action: Var[str]
    method: Var[str]


def sign_out() -> rx.Component:
    if not settings().password:
        return rx.fragment()
    return NativeForm.create(
        rx.button(rx.icon("log-out", size=14), tr("auth.sign_out"), type="submit", variant="ghost", color_scheme="gray",
                  size="2", width="100%", aria_label=tr("auth.sign_out")),
        action=backend_url(Var.create(SIGN_OUT_PATH)),
        method="post",
        class_name="sign-out",
    )
