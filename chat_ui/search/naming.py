"""The title a person sees for their chat: their own name for it, else the generated one.

Exports, shared links and the open chat read the stored detail; :func:`named` gives them the
detail with the person's name as its title, so ``chat_ui.export.title_of`` and everything built on
it shows the display name without knowing names exist.
"""

from __future__ import annotations

from chat_ui.api.models import SessionDetail
from chat_ui.store import names


async def named(owner: str, detail: SessionDetail) -> SessionDetail:
    name = await names.name_of(owner, detail.session_id) if owner else ""
    return detail.model_copy(update={"generated_title": name}) if name else detail
