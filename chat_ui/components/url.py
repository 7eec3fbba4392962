"""Origin-relative URLs (the embedded API's screenshots) resolved against the app's backend, which
is the page's own origin in production and the backend port in development."""

from __future__ import annotations

import reflex as rx
from reflex_base.utils.imports import ImportVar
from reflex_base.vars.base import Var, VarData

# Empty while the build pre-renders a page (chat_ui.prerender): there the backend's origin would be
# the build's own address, and React keeps a pre-rendered attribute as it is when it hydrates. A
# served page is on the backend's origin in production, so the path alone is right there.
BACKEND_ORIGIN = Var(
    _js_expr='(typeof document === "undefined" ? "" : getBackendURL(env.PING).origin)',
    _var_data=VarData(imports={"$/utils/state": "getBackendURL", "$/env.json": ImportVar(tag="env", is_default=True)}),
).to(str)


def backend_url(url: Var) -> Var:
    return rx.cond(url.startswith("/"), BACKEND_ORIGIN + url, url)
