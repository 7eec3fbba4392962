"""What a search hit looks like on a page: plain data, the snippet as segments the page marks
with components (never HTML made from the chat's text)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from chat_ui.store.search import Hit
from chat_ui.views import derive_title


@dataclass
class Segment:
    text: str = ""
    marked: bool = False


@dataclass
class HitView:
    key: str = ""  # session:ordinal, unique in a result list
    session_id: str = ""
    ordinal: int = -1  # -1: the chat's name matched, it opens at its end
    title: str = ""
    when: str = ""  # the turn's date, YYYY-MM-DD in UTC
    href: str = ""
    segments: list[Segment] = field(default_factory=list)


def hit_view(hit: Hit, title: str) -> HitView:
    ordinal = hit.ordinal if hit.ordinal is not None else -1
    href = f"/chat/{hit.session_id}" + (f"?turn={ordinal}" if ordinal >= 0 else "")
    when = datetime.fromtimestamp(hit.started_at, timezone.utc).strftime("%Y-%m-%d") if hit.started_at else ""
    return HitView(key=f"{hit.session_id}:{ordinal}", session_id=hit.session_id, ordinal=ordinal,
                   title=derive_title(title) if title else hit.session_id, when=when, href=href,
                   segments=[Segment(text, marked) for text, marked in hit.snippet])
