"""Origin-relative URLs (the embedded API's screenshots) resolved against the app's backend, which
is the page's own origin in production and the backend port in development."""

from __future__ import annotations

import reflex as rx
from reflex_base.utils.imports import ImportVar
from reflex_base.vars.base import Var, VarData

BACKEND_ORIGIN = Var(
    _js_expr="getBackendURL(env.PING).origin",
    _var_data=VarData(imports={"$/utils/state": "getBackendURL", "$/env.json": ImportVar(tag="env", is_default=True)}),
).to(str)


def backend_url(url: Var) -> Var:
    return rx.cond(url.startswith("/"), BACKEND_ORIGIN + url, url)
